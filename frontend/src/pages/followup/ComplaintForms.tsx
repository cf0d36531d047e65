// Proposing a solution to a complaint (its kind, what it is, its cost to the company) — a
// 409 beyond the authority shows the limit and offers the escalation on the complaint's
// case — and recording the client's answer (accepted or not, a comment, CSAT 1–5).
import { useState } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api, unwrap } from "../../api/client";
import { fieldErrorsOf } from "../../api/problem";
import { followUpChanged } from "../../api/queries/followUp";
import type { ComplaintOut, Schemas as S } from "../../api/types";
import { FormFooter } from "../../components/FormFooter";
import { useForm } from "../../components/useForm";
import { Field, Options, RequiredNote } from "../../components/ui";
import { SOLUTIONS } from "../../labels/followUp";
import { BeyondAuthorityAlert } from "./BeyondAuthority";
import { beyondAuthorityOf, decimal } from "./logic";

const STALE = "Cette réclamation a été modifiée entre-temps : rechargez la page pour partir de son état actuel.";

export function SolutionForm({ complaint }: { complaint: ComplaintOut }) {
  const queryClient = useQueryClient();
  const { values, set, submitWith } = useForm({
    solution: "commercial_gesture" as S["SolutionKind"],
    detail: "",
    cost: "",
  });
  const save = useMutation({
    mutationFn: (v: typeof values) =>
      unwrap(
        api.POST("/api/v1/complaints/{complaint_id}/solution", {
          params: { path: { complaint_id: complaint.id } },
          body: { version: complaint.version, solution: v.solution, detail: v.detail, cost: decimal(v.cost) || "0" },
        }),
      ),
    onSuccess: () => followUpChanged.complaint(queryClient, complaint.id),
  });
  const errors = fieldErrorsOf(save.error);
  const refusal = beyondAuthorityOf(save.error);
  return (
    <>
      <form
        className="form-grid"
        aria-label="Proposer une solution"
        noValidate
        onSubmit={submitWith((v) => save.mutate(v))}
      >
        <h3 className="wide">{complaint.solution ? "Proposer une autre solution" : "Proposer une solution"}</h3>
        <RequiredNote />
        <Field label="Solution" error={errors.solution} required>
          {(p) => (
            <select
              {...p}
              value={values.solution}
              onChange={(e) => set("solution", e.target.value as S["SolutionKind"])}
            >
              <Options labels={SOLUTIONS} />
            </select>
          )}
        </Field>
        <Field
          label="Coût pour l'entreprise (€ HT)"
          hint="Un geste, un avoir ou un remplacement est vérifié contre votre délégation."
          error={errors.cost}
        >
          {(p) => (
            <input {...p} inputMode="decimal" value={values.cost} onChange={(e) => set("cost", e.target.value)} />
          )}
        </Field>
        <div className="wide">
          <Field label="La solution en détail" error={errors.detail} required>
            {(p) => (
              <textarea
                {...p}
                rows={2}
                maxLength={2000}
                value={values.detail}
                onChange={(e) => set("detail", e.target.value)}
              />
            )}
          </Field>
        </div>
        <FormFooter
          error={refusal ? null : save.error}
          pending={save.isPending}
          stale={STALE}
          submitLabel="Proposer la solution"
        />
      </form>
      {refusal && (
        <BeyondAuthorityAlert refusal={refusal} caseId={complaint.case_id} clientRequest={complaint.client_request} />
      )}
    </>
  );
}

export function ClientAnswerForm({ complaint }: { complaint: ComplaintOut }) {
  const queryClient = useQueryClient();
  // The answer is the client's: nothing is assumed, the form asks for it before sending.
  const [unanswered, setUnanswered] = useState(false);
  const { values, set, submitWith } = useForm({ accepted: "", answer: "", csat: "" });
  const save = useMutation({
    mutationFn: (v: typeof values) =>
      unwrap(
        api.POST("/api/v1/complaints/{complaint_id}/client-answer", {
          params: { path: { complaint_id: complaint.id } },
          body: {
            version: complaint.version,
            accepted: v.accepted === "yes",
            answer: v.answer,
            csat: v.csat ? Number(v.csat) : null,
          },
        }),
      ),
    onSuccess: () => followUpChanged.complaint(queryClient, complaint.id),
  });
  const errors = fieldErrorsOf(save.error);
  return (
    <form
      className="form-grid"
      aria-label="Réponse du client"
      noValidate
      onSubmit={submitWith((v) => {
        setUnanswered(v.accepted === "");
        if (v.accepted !== "") save.mutate(v);
      })}
    >
      <h3 className="wide">Réponse du client</h3>
      <fieldset className="wide">
        <legend>Le client accepte-t-il la solution ?</legend>
        <label className="check">
          <input
            type="radio"
            name="accepted"
            checked={values.accepted === "yes"}
            onChange={() => set("accepted", "yes")}
          />
          Oui, il l'accepte
        </label>
        <label className="check">
          <input
            type="radio"
            name="accepted"
            checked={values.accepted === "no"}
            onChange={() => set("accepted", "no")}
          />
          Non, il la refuse
        </label>
        {(unanswered || errors.accepted) && (
          <small className="field-error">
            {unanswered ? "Dites si le client accepte ou refuse." : errors.accepted}
          </small>
        )}
      </fieldset>
      <Field label="Satisfaction du client (CSAT)" error={errors.csat}>
        {(p) => (
          <select {...p} value={values.csat} onChange={(e) => set("csat", e.target.value)}>
            <option value="">Non demandée</option>
            <option value="1">1 — très insatisfait</option>
            <option value="2">2 — insatisfait</option>
            <option value="3">3 — neutre</option>
            <option value="4">4 — satisfait</option>
            <option value="5">5 — très satisfait</option>
          </select>
        )}
      </Field>
      <div className="wide">
        <Field label="Ce qu'a dit le client" error={errors.answer}>
          {(p) => (
            <textarea
              {...p}
              rows={2}
              maxLength={2000}
              value={values.answer}
              onChange={(e) => set("answer", e.target.value)}
            />
          )}
        </Field>
      </div>
      <FormFooter
        error={save.error}
        local={unanswered}
        pending={save.isPending}
        stale={STALE}
        submitLabel="Enregistrer la réponse"
      />
    </form>
  );
}
