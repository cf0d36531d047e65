// Each objective's actual to date against its target, from the metric registry (never
// copied into the plan): a bar, the figures, and the status in words.
import { useQuery } from "@tanstack/react-query";
import { planQueries } from "../../api/queries/plans";
import { QueryState } from "../../components/QueryState";
import { EmptyState } from "../../components/ui";
import { sliceLabel } from "./periods";
import { ProgressBar } from "./ProgressBar";
import type { PlanView } from "./usePlanWrite";

export function ProgressCard({ view }: { view: PlanView }) {
  const progress = useQuery({ ...planQueries.progress(view.plan.id) });
  const depthOf = (id: number | null): number => {
    const o = view.plan.objectives.find((x) => x.id === id);
    return o?.parent_id ? 1 + depthOf(o.parent_id) : 0;
  };
  return (
    <section className="card" aria-labelledby="plan-progress">
      <h2 id="plan-progress">Avancement</h2>
      <p className="muted">
        Le réalisé à ce jour, calculé depuis vos fiches (échanges, rendez-vous, tournées…) ; « en bonne voie » compare
        au prorata des jours écoulés.
      </p>
      <QueryState
        query={progress}
        isEmpty={(rows) => rows.length === 0}
        empty={<EmptyState title="Aucun objectif à mesurer." />}
        busyLabel="Calcul de l'avancement…"
      >
        {(rows) => (
          <ul className="progress-list" aria-live="polite">
            {rows.map((p) => {
              const depth = depthOf(p.objective_id);
              const name = depth ? `${sliceLabel(p.dimension, p.slice_key, view.doc)}` : `« ${p.label} »`;
              return (
                <li key={p.objective_id} style={{ marginLeft: `${depth * 1.5}rem` }}>
                  <span className="progress-name">{depth ? name : p.label}</span>
                  <ProgressBar progress={p} name={depth ? `${p.label}` : name} />
                </li>
              );
            })}
          </ul>
        )}
      </QueryState>
    </section>
  );
}
