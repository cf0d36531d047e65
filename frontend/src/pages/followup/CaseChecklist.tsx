// A case's procedure, step by step as the business case lists it: required or optional, who
// approves it, its state (done, skipped with its reason, to do) and date; « Fait », « Sauter »
// (an optional step, with a reason) and « À refaire ».
import { useId, useState } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api, unwrap } from "../../api/client";
import { fieldErrorsOf, isStaleVersion } from "../../api/problem";
import { followUpChanged } from "../../api/queries/followUp";
import type { CaseDetail, CaseStepOut, Schemas as S } from "../../api/types";
import { useReadOnly } from "../../components/ReadOnly";
import { ErrorBanner, Field, formatDate } from "../../components/ui";
import { APPROVERS, STEP_STATES, labelOf } from "../../labels/followUp";
import { StatusBadge } from "./StatusBadge";

export function ChecklistCard({ kase }: { kase: CaseDetail }) {
  return (
    <section className="card" aria-labelledby="case-steps">
      <h2 id="case-steps">
        Procédure — {kase.steps_done} étape(s) faite(s), {kase.steps_required} obligatoire(s)
      </h2>
      <ol className="checklist">
        {kase.steps.map((s) => (
          <StepItem key={s.code} kase={kase} step={s} />
        ))}
      </ol>
    </section>
  );
}

function StepItem({ kase, step }: { kase: CaseDetail; step: CaseStepOut }) {
  const readOnly = useReadOnly();
  const queryClient = useQueryClient();
  const labelId = useId();
  const [note, setNote] = useState("");
  const save = useMutation({
    mutationFn: (state: S["StepState"]) =>
      unwrap(
        api.POST("/api/v1/cases/{follow_up_case_id}/steps/{code}", {
          params: { path: { follow_up_case_id: kase.id, code: step.code } },
          body: { version: kase.version, state, note: state === "pending" ? "" : note },
        }),
      ),
    onSuccess: async () => {
      setNote("");
      await followUpChanged.case(queryClient, kase.id);
    },
  });
  const errors = fieldErrorsOf(save.error);
  const open = kase.status === "open" && !readOnly;
  return (
    <li aria-labelledby={labelId}>
      <div className="step-head">
        <strong id={labelId}>{step.label}</strong>
        <span className="muted">{step.required ? "obligatoire" : "facultative"}</span>
        {step.approval_by && <span className="muted">validée par : {labelOf(APPROVERS, step.approval_by)}</span>}
        <StatusBadge
          value={step.state}
          labels={STEP_STATES}
          classes={{ done: "status-ok", skipped: "status-paused" }}
        />
        {step.on && <span>le {formatDate(step.on)}</span>}
      </div>
      {step.note && <p className="pre-wrap">{step.note}</p>}
      {open && (
        <div className="inline-actions">
          {step.state === "pending" ? (
            <>
              <Field
                label={`Note (${step.label})`}
                hint={step.required ? undefined : "Pour sauter l'étape, dites pourquoi."}
                error={errors.note}
              >
                {(p) => <input {...p} maxLength={2000} value={note} onChange={(e) => setNote(e.target.value)} />}
              </Field>
              <button type="button" className="primary" disabled={save.isPending} onClick={() => save.mutate("done")}>
                Fait
              </button>
              {!step.required && (
                <button type="button" disabled={save.isPending} onClick={() => save.mutate("skipped")}>
                  Sauter
                </button>
              )}
            </>
          ) : (
            <button type="button" disabled={save.isPending} onClick={() => save.mutate("pending")}>
              À refaire
            </button>
          )}
        </div>
      )}
      {!errors.note && (
        <ErrorBanner
          error={save.error}
          title={isStaleVersion(save.error) ? "Le dossier a changé entre-temps : rechargez la page." : undefined}
        />
      )}
    </li>
  );
}
