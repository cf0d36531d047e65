// The effect of earlier corrective actions: those accepted in the trainee's previous analyses
// whose deadline falls in this period, with their indicator before, now, and the value aimed at.
import { DataTable } from "../../components/DataTable";
import { EmptyState } from "../../components/ui";
import type { Effect } from "./figures";
import { day, figure } from "./format";
import { useMetricLabel } from "./metricLabels";

export function EffectsCard({ effects }: { effects: Effect[] }) {
  const metricLabel = useMetricLabel();
  return (
    <section className="card" aria-labelledby="analysis-effects">
      <h2 id="analysis-effects">Effet des actions correctives précédentes</h2>
      {effects.length === 0 ? (
        <EmptyState title="Aucune action corrective antérieure n'arrive à échéance dans cette période." />
      ) : (
        <DataTable
          caption="Actions correctives précédentes arrivées à échéance : indicateur avant, maintenant et attendu"
          headers={[
            "Action",
            "Analyse d'origine",
            "Échéance",
            "Indicateur",
            { label: "Avant", className: "num" },
            { label: "Maintenant", className: "num" },
            { label: "Attendu", className: "num" },
            "Résultat",
          ]}
        >
          {effects.map((e) => (
            <tr key={e.action_id}>
              <th scope="row">{e.title}</th>
              <td>{e.from_analysis}</td>
              <td>{day(e.deadline)}</td>
              <td>{metricLabel(e.indicator)}</td>
              <td className="num">{figure(e.baseline)}</td>
              <td className="num">{figure(e.now)}</td>
              <td className="num">{figure(e.expected)}</td>
              <td>
                {e.reached === null ? (
                  "non mesuré"
                ) : (
                  <span className={`status ${e.reached ? "status-ok" : "status-error"}`}>
                    {e.reached ? "atteint" : "pas atteint"}
                  </span>
                )}
              </td>
            </tr>
          ))}
        </DataTable>
      )}
    </section>
  );
}
