// A planned action: what (kind, title), when (within the plan's period), for whom (a segment
// of the business case, a product family), with what (hours, budget, km, the discount
// offered), the objectives it serves with its expected contribution, and the campaigns and
// tours that carry it out. The server checks the business case's limits (a discount above
// the policy is refused, with the limit) and names the field.
import { api, unwrap } from "../../api/client";
import { fieldErrorsOf } from "../../api/problem";
import type { ActionOut } from "../../api/types";
import { Field, Options, SaveError } from "../../components/ui";
import { useForm } from "../../components/useForm";
import { ACTION_KINDS } from "../../labels/plans";
import { FormCard } from "../prospects/FormCard";
import { ActionLinks, ServedObjectives } from "./ActionLinks";
import { type ActionFormState, fromAction, toActionBody } from "./actionForm";
import { usePlanWrite, type PlanView } from "./usePlanWrite";

export function ActionForm({ view, action, onDone }: { view: PlanView; action?: ActionOut; onDone: () => void }) {
  const { plan, doc } = view;
  const { values: f, set, submitWith } = useForm<ActionFormState>(() => fromAction(plan, action));
  const save = usePlanWrite(
    plan.id,
    (form: ActionFormState) =>
      action
        ? unwrap(
            api.PUT("/api/v1/plans/{plan_id}/actions/{action_id}", {
              params: { path: { plan_id: plan.id, action_id: action.id } },
              body: toActionBody(form),
            }),
          )
        : unwrap(
            api.POST("/api/v1/plans/{plan_id}/actions", {
              params: { path: { plan_id: plan.id } },
              body: toActionBody(form),
            }),
          ),
    onDone,
  );
  const errors = fieldErrorsOf(save.error);
  const text = (key: "hours" | "budget" | "km" | "discount_pct", label: string, hint?: string) => (
    <Field label={label} error={errors[key]} hint={hint}>
      {(p) => <input {...p} inputMode="decimal" value={f[key]} onChange={(e) => set(key, e.target.value)} />}
    </Field>
  );
  return (
    <FormCard
      id={action ? `action-form-${action.id}` : "action-form-new"}
      title={action ? `Modifier l'action « ${action.title} »` : "Nouvelle action"}
      onSubmit={submitWith((v) => save.mutate(v))}
    >
      <Field label="Intitulé de l'action" required error={errors.title}>
        {(p) => <input {...p} value={f.title} onChange={(e) => set("title", e.target.value)} />}
      </Field>
      <Field label="Type d'action" error={errors.kind}>
        {(p) => (
          <select {...p} value={f.kind} onChange={(e) => set("kind", e.target.value as ActionFormState["kind"])}>
            <Options labels={ACTION_KINDS} />
          </select>
        )}
      </Field>
      <Field label="Du" required error={errors.starts_on}>
        {(p) => <input {...p} type="date" value={f.starts_on} onChange={(e) => set("starts_on", e.target.value)} />}
      </Field>
      <Field label="Au" required error={errors.ends_on}>
        {(p) => <input {...p} type="date" value={f.ends_on} onChange={(e) => set("ends_on", e.target.value)} />}
      </Field>
      <Field label="Segment visé" error={errors.segment_code}>
        {(p) => (
          <select {...p} value={f.segment_code} onChange={(e) => set("segment_code", e.target.value)}>
            <option value="">Tous les segments</option>
            {doc?.market.segments.map((s) => (
              <option key={s.code} value={s.code}>
                {s.label}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label="Famille de produits" error={errors.product_family}>
        {(p) => (
          <select {...p} value={f.product_family} onChange={(e) => set("product_family", e.target.value)}>
            <option value="">Toutes les familles</option>
            {doc?.catalogue.families.map((x) => (
              <option key={x.code} value={x.code}>
                {x.label}
              </option>
            ))}
          </select>
        )}
      </Field>
      {text("hours", "Temps prévu (heures)")}
      {text("budget", "Budget (€)")}
      {text("km", "Kilomètres prévus")}
      {text("discount_pct", "Remise proposée (%)", "Dans la limite de la politique commerciale du cas.")}
      <div className="wide">
        <Field label="Notes" error={errors.notes}>
          {(p) => <textarea {...p} value={f.notes} onChange={(e) => set("notes", e.target.value)} />}
        </Field>
      </div>
      <ServedObjectives view={view} form={f} set={set} error={errors.contributions} />
      <ActionLinks form={f} set={set} errors={errors} />
      <div className="wide">
        <SaveError error={save.error} />
      </div>
      <div className="form-actions">
        <button type="submit" className="primary" disabled={save.isPending}>
          {save.isPending ? "Enregistrement…" : action ? "Enregistrer l'action" : "Ajouter l'action"}
        </button>
        <button type="button" onClick={onDone}>
          Annuler
        </button>
      </div>
    </FormCard>
  );
}
