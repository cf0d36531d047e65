// A new commercial action plan: its title and period (a month, a quarter or a year, starting
// on the first day of a month). It is drafted under the business case assigned to the trainee;
// without one the server says so (409).
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api, unwrap } from "../../api/client";
import { fieldErrorsOf } from "../../api/problem";
import { plansChanged } from "../../api/queries/plans";
import type { PlanDetail, Schemas } from "../../api/types";
import { Field, Options, SaveError } from "../../components/ui";
import { useForm } from "../../components/useForm";
import { PERIOD_KINDS } from "../../labels/plans";
import { isoToday } from "../../labels/prospects";
import { FormCard } from "../prospects/FormCard";
import { monthStart, monthStarts } from "./periods";

type Form = { title: string; period_kind: Schemas["PlanPeriodKind"]; starts_on: string; notes: string };

export function NewPlanForm({ onDone }: { onDone: (saved?: PlanDetail) => void }) {
  const queryClient = useQueryClient();
  const today = isoToday();
  const { values, set, submitWith } = useForm<Form>({
    title: "",
    period_kind: "quarter",
    starts_on: monthStart(today),
    notes: "",
  });
  const create = useMutation({
    mutationFn: (f: Form) => unwrap(api.POST("/api/v1/plans", { body: { ...f, title: f.title.trim() } })),
    onSuccess: (saved) => {
      void plansChanged.list(queryClient);
      onDone(saved);
    },
  });
  const errors = fieldErrorsOf(create.error);
  return (
    <FormCard id="new-plan-title" title="Nouveau plan d'actions" onSubmit={submitWith((v) => create.mutate(v))}>
      <Field label="Titre du plan" required error={errors.title}>
        {(p) => (
          <input
            {...p}
            value={values.title}
            placeholder="Plan du premier trimestre"
            onChange={(e) => set("title", e.target.value)}
          />
        )}
      </Field>
      <Field label="Période" error={errors.period_kind}>
        {(p) => (
          <select
            {...p}
            value={values.period_kind}
            onChange={(e) => set("period_kind", e.target.value as Form["period_kind"])}
          >
            <Options labels={PERIOD_KINDS} />
          </select>
        )}
      </Field>
      <Field label="Premier mois" error={errors.starts_on} hint="La période commence le premier jour de ce mois.">
        {(p) => (
          <select {...p} value={values.starts_on} onChange={(e) => set("starts_on", e.target.value)}>
            {monthStarts(today).map((m) => (
              <option key={m.value} value={m.value}>
                {m.label}
              </option>
            ))}
          </select>
        )}
      </Field>
      <div className="wide">
        <Field label="Notes" error={errors.notes}>
          {(p) => <textarea {...p} value={values.notes} onChange={(e) => set("notes", e.target.value)} />}
        </Field>
      </div>
      <div className="wide">
        <SaveError error={create.error} />
      </div>
      <div className="form-actions">
        <button type="submit" className="primary" disabled={create.isPending}>
          {create.isPending ? "Création…" : "Créer le plan"}
        </button>
        <button type="button" onClick={() => onDone()}>
          Annuler
        </button>
      </div>
    </FormCard>
  );
}
