// A portfolio per competence as two charts side by side: evidence counts (hundreds) and
// criteria acquired out of the competence's criteria (a handful). On one axis the criteria
// were flattened to nothing; two axes on one chart invite comparing bars that share no unit.
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

export interface CompetenceFigures {
  code: string;
  evidence_count?: number | null;
  criteria_acquired: number;
  criteria: readonly unknown[];
}

const EVIDENCE_COLOUR = "#2457a6";
const ACQUIRED_COLOUR = "#1f7a4d";
const REMAINING_COLOUR = "#c5ccd3";
const legendText = (value: string) => <span style={{ color: "var(--ink)" }}>{value}</span>;

/** The two charts' data: evidence per competence; criteria acquired and still to acquire,
 * on a scale up to the largest number of criteria of a competence. */
export function portfolioSeries(competences: readonly CompetenceFigures[]) {
  const evidence = competences.map((c) => ({ code: c.code, Preuves: c.evidence_count ?? 0 }));
  const criteria = competences.map((c) => ({
    code: c.code,
    "Critères acquis": c.criteria_acquired,
    "Critères à acquérir": Math.max(0, c.criteria.length - c.criteria_acquired),
  }));
  const criteriaMax = Math.max(1, ...competences.map((c) => c.criteria.length));
  return { evidence, criteria, criteriaMax };
}

export function PortfolioCharts({
  competences,
  height = 240,
}: {
  competences: readonly CompetenceFigures[];
  height?: number;
}) {
  const { evidence, criteria, criteriaMax } = portfolioSeries(competences);
  return (
    <div
      className="portfolio-charts"
      style={{ display: "grid", gap: "1rem", gridTemplateColumns: "repeat(auto-fit, minmax(16rem, 1fr))" }}
    >
      <figure className="chart" aria-labelledby="chart-evidence-title">
        <figcaption id="chart-evidence-title">Preuves par compétence</figcaption>
        <ResponsiveContainer width="100%" height={height}>
          <BarChart data={evidence} margin={{ top: 8, right: 8, bottom: 8, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="code" />
            <YAxis allowDecimals={false} />
            <Tooltip />
            <Bar dataKey="Preuves" fill={EVIDENCE_COLOUR} isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      </figure>
      <figure className="chart" aria-labelledby="chart-criteria-title">
        <figcaption id="chart-criteria-title">Critères acquis par compétence (sur ses critères)</figcaption>
        <ResponsiveContainer width="100%" height={height}>
          <BarChart data={criteria} margin={{ top: 8, right: 8, bottom: 8, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="code" />
            <YAxis allowDecimals={false} domain={[0, criteriaMax]} />
            <Tooltip />
            <Legend formatter={legendText} />
            <Bar dataKey="Critères acquis" stackId="criteria" fill={ACQUIRED_COLOUR} isAnimationActive={false} />
            <Bar dataKey="Critères à acquérir" stackId="criteria" fill={REMAINING_COLOUR} isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      </figure>
    </div>
  );
}
