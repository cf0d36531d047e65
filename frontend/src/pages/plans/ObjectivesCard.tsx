// The plan's objectives (the roots of its tree): metric, target, weight, success criterion;
// adding, editing and deleting one (its slices and expected contributions go with it).
import { useState } from "react";
import { api, unwrap } from "../../api/client";
import type { ObjectiveOut } from "../../api/types";
import { ConfirmButton } from "../../components/ConfirmButton";
import { DataTable } from "../../components/DataTable";
import { DisclosureButton, EmptyState, ErrorBanner } from "../../components/ui";
import { ObjectiveForm } from "./ObjectiveForm";
import { withUnit } from "./tree";
import { metricLabel, usePlanWrite, type PlanView } from "./usePlanWrite";

export function ObjectivesCard({ view }: { view: PlanView }) {
  const [editing, setEditing] = useState<number | "new" | null>(null);
  const roots = view.plan.objectives.filter((o) => o.parent_id === null);
  const editedObjective = roots.find((o) => o.id === editing);
  return (
    <section className="card" aria-labelledby="plan-objectives">
      <h2 id="plan-objectives">Objectifs</h2>
      {view.editable && (
        <div className="card-actions">
          <DisclosureButton open={editing === "new"} onToggle={() => setEditing(editing === "new" ? null : "new")}>
            Ajouter un objectif
          </DisclosureButton>
        </div>
      )}
      {editing === "new" && <ObjectiveForm view={view} onDone={() => setEditing(null)} />}
      {editedObjective && (
        <ObjectiveForm
          key={editedObjective.id}
          view={view}
          objective={editedObjective}
          onDone={() => setEditing(null)}
        />
      )}
      {roots.length === 0 ? (
        <EmptyState title="Aucun objectif.">
          {view.editable
            ? "Ajoutez un objectif chiffré (un indicateur et sa cible) ou qualitatif (avec son critère de réussite)."
            : "Le plan n'a pas encore d'objectif."}
        </EmptyState>
      ) : (
        <DataTable
          caption="Objectifs du plan"
          className="table wide-table"
          wrapperClassName="scroll-x contained"
          region="Tableau des objectifs"
          headers={[
            "Objectif",
            "Indicateur",
            { label: "Cible", className: "num" },
            { label: "Poids", className: "num" },
            "Critère de réussite",
            view.editable && { label: "Actions", srOnly: true },
          ]}
        >
          {roots.map((o) => (
            <ObjectiveRow key={o.id} view={view} objective={o} onEdit={() => setEditing(o.id)} />
          ))}
        </DataTable>
      )}
    </section>
  );
}

function ObjectiveRow({ view, objective: o, onEdit }: { view: PlanView; objective: ObjectiveOut; onEdit: () => void }) {
  const remove = usePlanWrite(view.plan.id, () =>
    unwrap(
      api.DELETE("/api/v1/plans/{plan_id}/objectives/{objective_id}", {
        params: { path: { plan_id: view.plan.id, objective_id: o.id } },
      }),
    ),
  );
  const unit = o.metric_code ? view.metrics.get(o.metric_code)?.unit : null;
  return (
    <tr>
      <th scope="row">{o.label}</th>
      <td>{metricLabel(view.metrics, o.metric_code)}</td>
      <td className="num">{o.target === null ? "—" : withUnit(o.target, unit)}</td>
      <td className="num">{o.weight}</td>
      <td>{o.success_criterion || "—"}</td>
      {view.editable && (
        <td className="row-actions">
          <button type="button" onClick={onEdit} aria-label={`Modifier l'objectif ${o.label}`}>
            Modifier
          </button>
          <ConfirmButton
            label="Supprimer"
            pending={remove.isPending}
            onConfirm={() => remove.mutate(undefined)}
            question={`Supprimer l'objectif « ${o.label} » ? Ses sous-objectifs et les apports attendus des actions partent avec lui.`}
          />
          <ErrorBanner error={remove.error} />
        </td>
      )}
    </tr>
  );
}
