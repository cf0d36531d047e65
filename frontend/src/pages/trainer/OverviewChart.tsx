// The cohort overview's chart: per trainee whose portfolio is read, the criteria acquired,
// in progress and not assessed, stacked.
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { legendText } from "./PortfolioParts";
import { criteriaByLevel } from "./overview";
import type { OverviewRow } from "./OverviewTable";

export function OverviewChart({ rows }: { rows: OverviewRow[] }) {
  const chart = rows.flatMap(({ trainee, data }) => {
    if (!data) return [];
    const levels = criteriaByLevel(data);
    return [
      {
        name: trainee.full_name,
        Acquis: levels.acquired,
        "En cours d'acquisition": levels.in_progress,
        "Non évalués": levels.not_assessed,
      },
    ];
  });
  if (chart.length === 0) return null;
  return (
    <section className="card" aria-labelledby="overview-chart">
      <h2 id="overview-chart">Avancement des critères</h2>
      <figure className="chart">
        <figcaption className="trainer-caption">
          Critères acquis, en cours d'acquisition et non évalués par stagiaire (les chiffres sont dans le tableau et le
          portfolio de chacun)
        </figcaption>
        <ResponsiveContainer width="100%" height={Math.max(200, 36 * chart.length + 70)}>
          <BarChart data={chart} layout="vertical" margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis type="number" allowDecimals={false} />
            <YAxis type="category" dataKey="name" width={150} />
            <Tooltip />
            <Legend formatter={legendText} />
            <Bar dataKey="Acquis" stackId="criteria" fill="#1f7a4d" isAnimationActive={false} />
            <Bar dataKey="En cours d'acquisition" stackId="criteria" fill="#b35c00" isAnimationActive={false} />
            <Bar dataKey="Non évalués" stackId="criteria" fill="#8c96a0" isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      </figure>
    </section>
  );
}
