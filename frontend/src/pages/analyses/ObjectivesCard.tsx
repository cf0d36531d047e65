// The plan's objectives against the results of the period (CP4.1): a chart of each measured
// objective (its result as a share of its target, the status in words) and the table of every
// objective and sub-objective with its target, what was due by then, the result and the gap.
import { DataTable } from "../../components/DataTable";
import { EmptyState } from "../../components/ui";
import { OBJECTIVE_STATUSES, OBJECTIVE_STATUS_CLASS } from "../../labels/analyses";
import { BarRows } from "./BarRows";
import { num, type ObjectiveFigure } from "./figures";
import { pct, signed, withUnit } from "./format";

export function StatusWord({ status }: { status: ObjectiveFigure["status"] }) {
  return <span className={`status ${OBJECTIVE_STATUS_CLASS[status]}`}>{OBJECTIVE_STATUSES[status]}</span>;
}

function depthOf(objectives: ObjectiveFigure[], o: ObjectiveFigure): number {
  const parent = objectives.find((p) => p.objective_id === o.parent_id);
  return parent ? 1 + depthOf(objectives, parent) : 0;
}

function nameOf(o: ObjectiveFigure): string {
  return o.parent_id && o.slice_key ? `${o.label} — ${o.slice_key}` : o.label;
}

export function ObjectivesCard({ objectives, hasPlan }: { objectives: ObjectiveFigure[]; hasPlan: boolean }) {
  const measured = objectives.filter((o) => o.parent_id === null && num(o.target) !== null && o.metric_code);
  const shareOf = (o: ObjectiveFigure) => {
    const target = num(o.target);
    const actual = num(o.actual) ?? 0;
    return target ? (actual / target) * 100 : null;
  };
  const max = Math.max(100, ...measured.map((o) => Math.min(200, shareOf(o) ?? 0)));
  return (
    <section className="card" aria-labelledby="analysis-objectives">
      <h2 id="analysis-objectives">Objectifs et résultats</h2>
      {objectives.length === 0 ? (
        <EmptyState title={hasPlan ? "Le plan n'a pas d'objectif." : "Aucun plan ne couvre cette période."}>
          Les autres chiffres (tunnel, tendance, activité) se lisent sans objectifs.
        </EmptyState>
      ) : (
        <>
          {measured.length > 0 && (
            <BarRows
              id="objectives-chart-title"
              title="Réalisé en part de la cible, par objectif"
              max={max}
              markLegend="Le trait marque la cible (100 %)."
              rows={measured.map((o) => ({
                key: String(o.objective_id),
                label: o.label,
                value: shareOf(o),
                mark: 100,
                tone: `bar-${o.status}`,
                text: (
                  <>
                    {withUnit(o.actual, o.unit)} sur {withUnit(o.target, o.unit)} ({pct(shareOf(o))}) —{" "}
                    <StatusWord status={o.status} />
                  </>
                ),
              }))}
            />
          )}
          <DataTable
            caption="Objectifs du plan, attendu et réalisé sur la période"
            wrapperClassName="scroll-x contained"
            region="Tableau des objectifs"
            headers={[
              "Objectif",
              { label: "Cible", className: "num" },
              { label: "Attendu à la fin de la période", className: "num" },
              { label: "Réalisé", className: "num" },
              { label: "Écart", className: "num" },
              { label: "Écart (%)", className: "num" },
              "Statut",
            ]}
          >
            {objectives.map((o) => (
              <tr key={o.objective_id}>
                <th scope="row" style={{ paddingLeft: `${0.5 + depthOf(objectives, o) * 1.2}rem` }}>
                  {nameOf(o)}
                </th>
                <td className="num">{withUnit(o.target, o.unit)}</td>
                <td className="num">{withUnit(o.due, o.unit)}</td>
                <td className="num">{withUnit(o.actual, o.unit)}</td>
                <td className="num">{signed(o.gap)}</td>
                <td className="num">{o.gap_pct === null ? "—" : `${signed(o.gap_pct, 1)} %`}</td>
                <td>
                  <StatusWord status={o.status} />
                  {o.note ? <small className="muted"> {o.note}</small> : null}
                </td>
              </tr>
            ))}
          </DataTable>
        </>
      )}
    </section>
  );
}
