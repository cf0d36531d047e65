// The decomposition of each quantitative objective into slices (months, weeks, segments of
// the business case, families of its catalogue), up to three levels: per parent and
// dimension, the slices' targets and their sum against the parent's target — a sum that does
// not add up is marked in words, not by colour alone (the plan cannot be submitted so).
import type { ObjectiveOut } from "../../api/types";
import { EmptyState } from "../../components/ui";
import { DIMENSIONS } from "../../labels/plans";
import { SliceForm } from "./SliceForm";
import { SliceRow } from "./SliceRow";
import { groupsOf, subtreeOf, withUnit, type SliceGroup } from "./tree";
import { metricLabel, type PlanView } from "./usePlanWrite";

export function DecompositionCard({ view }: { view: PlanView }) {
  const roots = view.plan.objectives.filter((o) => o.parent_id === null && o.metric_code !== null);
  return (
    <section className="card" aria-labelledby="plan-decomposition">
      <h2 id="plan-decomposition">Décomposition des objectifs</h2>
      <p className="muted">
        Répartissez la cible d'un objectif par mois, par semaine, par segment de clientèle ou par famille de produits :
        les tranches d'un même découpage doivent totaliser la cible de leur objectif.
      </p>
      {roots.length === 0 ? (
        <EmptyState title="Aucun objectif chiffré à décomposer.">
          Les objectifs qualitatifs ne se décomposent pas en chiffres.
        </EmptyState>
      ) : (
        roots.map((root) => <ObjectiveSlices key={root.id} view={view} root={root} />)
      )}
    </section>
  );
}

function ObjectiveSlices({ view, root }: { view: PlanView; root: ObjectiveOut }) {
  const subtree = subtreeOf(view.plan.objectives, root.id);
  const groups = groupsOf(
    subtree.map((t) => t.objective),
    view.metrics,
  );
  const unit = root.metric_code ? view.metrics.get(root.metric_code)?.unit : null;
  const headingId = `decomposition-${root.id}`;
  return (
    <section className="decomposition" aria-labelledby={headingId}>
      <h3 id={headingId}>
        {root.label} — cible {withUnit(root.target, unit)}
        {metricLabel(view.metrics, root.metric_code) !== root.label && (
          <small className="muted"> ({metricLabel(view.metrics, root.metric_code)})</small>
        )}
      </h3>
      {groups.length === 0 && <p>Pas encore de tranches.</p>}
      {groups.map((g) => (
        <GroupTable key={`${g.parent.id}-${g.dimension}`} view={view} group={g} unit={unit} />
      ))}
      {view.editable && <SliceForm view={view} subtree={subtree} />}
    </section>
  );
}

function GroupTable({ view, group: g, unit }: { view: PlanView; group: SliceGroup; unit: string | null | undefined }) {
  const gap = g.target === null ? 0 : Math.round((g.sum - g.target) * 100) / 100;
  const caption = `${g.parent.label} : ${DIMENSIONS[g.dimension].toLowerCase()}`;
  return (
    <div className="scroll-x contained" tabIndex={0} role="region" aria-label={`Tableau : ${caption}`}>
      <table className={`table compact slices${g.balanced ? "" : " unbalanced"}`}>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Tranche</th>
            <th scope="col" className="num">
              Cible
            </th>
            {view.editable && (
              <th scope="col">
                <span className="sr-only">Actions</span>
              </th>
            )}
          </tr>
        </thead>
        <tbody>
          {g.slices.map((s) => (
            <SliceRow key={s.id} view={view} slice={s} unit={unit} />
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">Total des tranches</th>
            <td className="num" colSpan={view.editable ? 2 : 1}>
              <span className="sum">
                {withUnit(g.sum, unit)}
                {g.target !== null && <> sur {withUnit(g.target, unit)}</>}
              </span>{" "}
              {!g.checked ? (
                <span className="muted">(indicateur de ratio : les tranches ne s'additionnent pas)</span>
              ) : g.balanced ? (
                <span className="status status-ok">✓ La somme tombe juste</span>
              ) : (
                <span className="status status-error">
                  ⚠ Écart de {gap > 0 ? "+" : ""}
                  {withUnit(gap, unit)} : la somme ne correspond pas à la cible
                </span>
              )}
            </td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
