// Adjusting a proposed corrective action: its wording, deadline, indicator and expected value,
// hours and budget, and what the policy checks (segment, family, discount). Sent with the
// version read (a 409 says it changed meanwhile).
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, unwrap } from "../../api/client";
import { fieldErrorsOf } from "../../api/problem";
import { analysesChanged } from "../../api/queries/analyses";
import { planQueries } from "../../api/queries/plans";
import type { CorrectiveOut } from "../../api/types";
import { FormFooter } from "../../components/FormFooter";
import { Field } from "../../components/ui";
import { useForm } from "../../components/useForm";
import { numberOrNull } from "../plans/numbers";

type Form = Record<
  | "title"
  | "description"
  | "deadline"
  | "indicator"
  | "expected_value"
  | "expected_effect"
  | "hours"
  | "budget"
  | "segment_code"
  | "product_family"
  | "discount_pct",
  string
>;

const text = (v: string | null | undefined) => v ?? "";
const orNull = (v: string) => v.trim() || null;

export function CorrectiveForm({ action: a, onDone }: { action: CorrectiveOut; onDone: () => void }) {
  const queryClient = useQueryClient();
  const metrics = useQuery({ ...planQueries.metrics() });
  const { values, set, submitWith } = useForm<Form>({
    title: a.title,
    description: a.description,
    deadline: a.deadline,
    indicator: text(a.indicator),
    expected_value: text(a.expected_value),
    expected_effect: a.expected_effect,
    hours: a.hours,
    budget: a.budget,
    segment_code: text(a.segment_code),
    product_family: text(a.product_family),
    discount_pct: text(a.discount_pct),
  });
  const save = useMutation({
    mutationFn: (f: Form) =>
      unwrap(
        api.PATCH("/api/v1/corrective-actions/{corrective_id}", {
          params: { path: { corrective_id: a.id } },
          body: {
            version: a.version,
            title: f.title.trim(),
            description: f.description,
            deadline: f.deadline || null,
            indicator: orNull(f.indicator),
            expected_value: numberOrNull(f.expected_value),
            expected_effect: f.expected_effect,
            hours: numberOrNull(f.hours),
            budget: numberOrNull(f.budget),
            segment_code: orNull(f.segment_code),
            product_family: orNull(f.product_family),
            discount_pct: numberOrNull(f.discount_pct),
          },
        }),
      ),
    onSuccess: async () => {
      await analysesChanged.analysis(queryClient, a.analysis_id);
      onDone();
    },
  });
  const errors = fieldErrorsOf(save.error);
  const input = (key: keyof Form, label: string, type = "text", hint?: string) => (
    <Field label={label} error={errors[key]} hint={hint}>
      {(p) => <input {...p} type={type} value={values[key]} onChange={(e) => set(key, e.target.value)} />}
    </Field>
  );
  return (
    <form
      className="form-grid corrective-form"
      aria-label={`Modifier « ${a.title} »`}
      noValidate
      onSubmit={submitWith((v) => save.mutate(v))}
    >
      {input("title", "Intitulé")}
      {input("deadline", "Échéance", "date")}
      <Field label="Indicateur suivi" error={errors.indicator}>
        {(p) => (
          <select {...p} value={values.indicator} onChange={(e) => set("indicator", e.target.value)}>
            <option value="">Aucun</option>
            {(metrics.data ?? []).map((m) => (
              <option key={m.code} value={m.code}>
                {m.label}
              </option>
            ))}
          </select>
        )}
      </Field>
      {input("expected_value", "Valeur attendue de l'indicateur")}
      {input("hours", "Temps prévu (heures)", "text", "Vérifié contre le temps libre de votre agenda.")}
      {input("budget", "Budget (€)")}
      {input("segment_code", "Segment (code du cas)")}
      {input("product_family", "Famille de produits (code)")}
      {input("discount_pct", "Remise (%)")}
      <div className="wide">
        <Field label="Description" error={errors.description}>
          {(p) => (
            <textarea {...p} rows={3} value={values.description} onChange={(e) => set("description", e.target.value)} />
          )}
        </Field>
      </div>
      <div className="wide">{input("expected_effect", "Effet attendu")}</div>
      <FormFooter
        error={save.error}
        pending={save.isPending}
        stale="Cette action a été modifiée entre-temps : vos modifications n'ont pas été enregistrées. Fermez ce formulaire et rouvrez-le pour partir de la version actuelle."
        submitLabel="Enregistrer l'action"
        onCancel={onDone}
      />
    </form>
  );
}
