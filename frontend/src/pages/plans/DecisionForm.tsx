// The trainer's decision on a submitted plan, as its manager: validate it (it is then
// frozen) or return it with a comment saying what to rework (required).
import { useState } from "react";
import { api, unwrap } from "../../api/client";
import { fieldErrorsOf, isStaleVersion } from "../../api/problem";
import { ErrorBanner, Field } from "../../components/ui";
import { usePlanWrite, type PlanView } from "./usePlanWrite";

type Decision = "validate" | "return";

export function DecisionForm({ view }: { view: PlanView }) {
  const { plan } = view;
  const [comment, setComment] = useState("");
  const decide = usePlanWrite(plan.id, (decision: Decision) =>
    decision === "validate"
      ? unwrap(
          api.POST("/api/v1/plans/{plan_id}/validate", {
            params: { path: { plan_id: plan.id } },
            body: { version: plan.version, comment },
          }),
        )
      : unwrap(
          api.POST("/api/v1/plans/{plan_id}/return", {
            params: { path: { plan_id: plan.id } },
            body: { version: plan.version, comment },
          }),
        ),
  );
  const errors = fieldErrorsOf(decide.error);
  return (
    <form className="decision-form" aria-label="Décision sur le plan" noValidate onSubmit={(e) => e.preventDefault()}>
      <Field
        label="Commentaire au stagiaire"
        error={errors.comment}
        hint="Obligatoire pour renvoyer le plan : dites ce qu'il faut reprendre."
      >
        {(p) => <textarea {...p} value={comment} onChange={(e) => setComment(e.target.value)} />}
      </Field>
      <div className="form-actions">
        <button type="button" className="primary" disabled={decide.isPending} onClick={() => decide.mutate("validate")}>
          Valider
        </button>
        <button type="button" disabled={decide.isPending} onClick={() => decide.mutate("return")}>
          Renvoyer
        </button>
      </div>
      {isStaleVersion(decide.error) ? (
        <div role="alert" className="alert alert-error">
          Le plan a changé entre-temps : la page est à jour, relisez-le avant de décider.
        </div>
      ) : (
        !errors.comment && <ErrorBanner error={decide.error} />
      )}
    </form>
  );
}
