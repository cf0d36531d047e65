// A new gap analysis: the period of one of the trainee's plans (its objectives are the
// yardstick), or two dates (the plan covering the end is read when there is one). The server
// refuses a period that has not started, or longer than a year, beside the field.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, unwrap } from "../../api/client";
import { fieldErrorsOf } from "../../api/problem";
import { analysesChanged } from "../../api/queries/analyses";
import { planQueries } from "../../api/queries/plans";
import type { AnalysisOut } from "../../api/types";
import { Field, SaveError } from "../../components/ui";
import { useForm } from "../../components/useForm";
import { PLAN_STATUSES } from "../../labels/plans";
import { isoToday } from "../../labels/prospects";
import { FormCard } from "../prospects/FormCard";
import { period } from "./format";

type Form = { mode: "plan" | "dates"; plan_id: string; starts_on: string; ends_on: string; title: string };

export function NewAnalysisForm({ onDone }: { onDone: (saved?: AnalysisOut) => void }) {
  const queryClient = useQueryClient();
  const today = isoToday();
  const plans = useQuery({ ...planQueries.list({ sort: "-starts_on", limit: 200 }) });
  // Plans whose period has begun: the latest validated first, as the likely choice.
  const started = (plans.data?.items ?? []).filter((p) => p.starts_on <= today);
  const likely = started.find((p) => p.status === "validated" && p.ends_on < today) ?? started[0];
  const { values, set, submitWith } = useForm<Form>({
    mode: "plan",
    plan_id: "",
    starts_on: "",
    ends_on: "",
    title: "",
  });
  const planId = values.plan_id || (likely ? String(likely.id) : "");
  const create = useMutation({
    mutationFn: (f: Form) =>
      unwrap(
        api.POST("/api/v1/analyses", {
          body:
            f.mode === "plan"
              ? { plan_id: planId ? Number(planId) : null, title: f.title.trim() || null }
              : { starts_on: f.starts_on || null, ends_on: f.ends_on || null, title: f.title.trim() || null },
        }),
      ),
    onSuccess: (saved) => {
      void analysesChanged.list(queryClient);
      onDone(saved);
    },
  });
  const errors = fieldErrorsOf(create.error);
  return (
    <FormCard
      id="new-analysis-title"
      title="Nouvelle analyse"
      onSubmit={submitWith((v) => create.mutate(v))}
      requiredNote={false}
    >
      <fieldset className="wide choice">
        <legend>Période analysée</legend>
        <label className="check">
          <input type="radio" name="mode" checked={values.mode === "plan"} onChange={() => set("mode", "plan")} />
          La période d'un de mes plans d'actions
        </label>
        <label className="check">
          <input type="radio" name="mode" checked={values.mode === "dates"} onChange={() => set("mode", "dates")} />
          Deux dates
        </label>
      </fieldset>
      {values.mode === "plan" ? (
        <Field
          label="Plan analysé"
          error={errors.plan_id}
          hint={started.length === 0 && !plans.isPending ? "Aucun plan dont la période a commencé." : undefined}
        >
          {(p) => (
            <select {...p} value={planId} onChange={(e) => set("plan_id", e.target.value)}>
              {started.length === 0 && <option value="">Aucun plan</option>}
              {started.map((plan) => (
                <option key={plan.id} value={plan.id}>
                  {plan.title} — {PLAN_STATUSES[plan.status]} ({period(plan.starts_on, plan.ends_on)})
                </option>
              ))}
            </select>
          )}
        </Field>
      ) : (
        <>
          <Field label="Du" error={errors.starts_on}>
            {(p) => (
              <input {...p} type="date" value={values.starts_on} onChange={(e) => set("starts_on", e.target.value)} />
            )}
          </Field>
          <Field label="Au" error={errors.ends_on}>
            {(p) => (
              <input {...p} type="date" value={values.ends_on} onChange={(e) => set("ends_on", e.target.value)} />
            )}
          </Field>
        </>
      )}
      <Field label="Titre (facultatif)" error={errors.title} hint="Par défaut : « Analyse du … au … ».">
        {(p) => <input {...p} value={values.title} maxLength={200} onChange={(e) => set("title", e.target.value)} />}
      </Field>
      <div className="wide">
        <SaveError error={create.error ?? plans.error} />
      </div>
      <div className="form-actions">
        <button type="submit" className="primary" disabled={create.isPending}>
          {create.isPending ? "Calcul…" : "Analyser cette période"}
        </button>
        <button type="button" onClick={() => onDone()}>
          Annuler
        </button>
      </div>
    </FormCard>
  );
}
