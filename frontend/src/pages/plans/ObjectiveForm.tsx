// An objective of the plan: quantitative (a metric of the registry, its target, its weight)
// or qualitative (a text and how success will be judged). Editing keeps its kind and metric.
import { api, unwrap } from "../../api/client";
import { fieldErrorsOf } from "../../api/problem";
import type { ObjectiveOut } from "../../api/types";
import { Field, SaveError } from "../../components/ui";
import { useForm } from "../../components/useForm";
import { FormCard } from "../prospects/FormCard";
import { numberOrNull } from "./numbers";
import { metricLabel, usePlanWrite, type PlanView } from "./usePlanWrite";

type Form = {
  kind: "quantitative" | "qualitative";
  label: string;
  metric_code: string;
  target: string;
  weight: string;
  success_criterion: string;
};

function fromObjective(o?: ObjectiveOut): Form {
  return {
    kind: o && o.metric_code === null ? "qualitative" : "quantitative",
    label: o?.label ?? "",
    metric_code: o?.metric_code ?? "",
    target: o?.target ?? "",
    weight: String(o?.weight ?? 1),
    success_criterion: o?.success_criterion ?? "",
  };
}

export function ObjectiveForm({
  view,
  objective,
  onDone,
}: {
  view: PlanView;
  objective?: ObjectiveOut;
  onDone: () => void;
}) {
  const planId = view.plan.id;
  const { values: f, set, submitWith } = useForm<Form>(() => fromObjective(objective));
  const quantitative = f.kind === "quantitative";
  const save = usePlanWrite(
    planId,
    (form: Form) => {
      const common = {
        label: form.label.trim(),
        target: quantitative ? numberOrNull(form.target) : null,
        weight: (numberOrNull(form.weight) ?? 1) as number,
        success_criterion: form.success_criterion.trim(),
      };
      return objective
        ? unwrap(
            api.PUT("/api/v1/plans/{plan_id}/objectives/{objective_id}", {
              params: { path: { plan_id: planId, objective_id: objective.id } },
              body: common,
            }),
          )
        : unwrap(
            api.POST("/api/v1/plans/{plan_id}/objectives", {
              params: { path: { plan_id: planId } },
              body: { ...common, metric_code: quantitative ? form.metric_code || null : null },
            }),
          );
    },
    onDone,
  );
  const errors = fieldErrorsOf(save.error);
  const metric = view.metrics.get(f.metric_code);
  const title = objective ? `Modifier l'objectif « ${objective.label} »` : "Nouvel objectif";
  return (
    <FormCard
      id={objective ? `objective-form-${objective.id}` : "objective-form-new"}
      title={title}
      onSubmit={submitWith((v) => save.mutate(v))}
    >
      {!objective && (
        <Field label="Type d'objectif">
          {(p) => (
            <select {...p} value={f.kind} onChange={(e) => set("kind", e.target.value as Form["kind"])}>
              <option value="quantitative">Quantitatif (un indicateur chiffré)</option>
              <option value="qualitative">Qualitatif (jugé sur un critère)</option>
            </select>
          )}
        </Field>
      )}
      {quantitative &&
        (objective ? (
          <p>
            Indicateur : <strong>{metricLabel(view.metrics, objective.metric_code)}</strong>
          </p>
        ) : (
          <Field label="Indicateur" required error={errors.metric_code} hint={metric?.description}>
            {(p) => (
              <select
                {...p}
                value={f.metric_code}
                onChange={(e) => {
                  const next = view.metrics.get(e.target.value);
                  // The label follows the metric until the trainee writes their own.
                  if (!f.label.trim() || f.label === metric?.label) set("label", next?.label ?? "");
                  set("metric_code", e.target.value);
                }}
              >
                <option value="">Choisir un indicateur…</option>
                {[...view.metrics.values()].map((m) => (
                  <option key={m.code} value={m.code}>
                    {m.label} ({m.unit})
                  </option>
                ))}
              </select>
            )}
          </Field>
        ))}
      <Field label="Libellé" required error={errors.label}>
        {(p) => <input {...p} value={f.label} onChange={(e) => set("label", e.target.value)} />}
      </Field>
      {quantitative && (
        <Field label={`Cible${metric ? ` (${metric.unit})` : ""}`} required error={errors.target}>
          {(p) => <input {...p} inputMode="decimal" value={f.target} onChange={(e) => set("target", e.target.value)} />}
        </Field>
      )}
      <Field label="Poids (1 à 100)" error={errors.weight} hint="L'importance de l'objectif face aux autres.">
        {(p) => <input {...p} inputMode="numeric" value={f.weight} onChange={(e) => set("weight", e.target.value)} />}
      </Field>
      <div className="wide">
        <Field label="Critère de réussite" required={!quantitative} error={errors.success_criterion}>
          {(p) => (
            <textarea {...p} value={f.success_criterion} onChange={(e) => set("success_criterion", e.target.value)} />
          )}
        </Field>
      </div>
      <div className="wide">
        <SaveError error={save.error} />
      </div>
      <div className="form-actions">
        <button type="submit" className="primary" disabled={save.isPending}>
          {save.isPending ? "Enregistrement…" : objective ? "Enregistrer l'objectif" : "Ajouter l'objectif"}
        </button>
        <button type="button" onClick={onDone}>
          Annuler
        </button>
      </div>
    </FormCard>
  );
}
