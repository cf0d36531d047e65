// Where the plan stands and what comes next. The trainee submits a draft or a returned plan
// (refused while a decomposition does not add up: each mismatch is listed), waits for the
// decision, revises a validated plan (a new draft). The trainer validates a submitted plan
// or returns it with a comment (required).
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useNavigate } from "react-router-dom";
import { api, unwrap } from "../../api/client";
import { ApiError, fieldErrorsOf, isStaleVersion } from "../../api/problem";
import { plansChanged } from "../../api/queries/plans";
import { ConfirmButton } from "../../components/ConfirmButton";
import { ErrorBanner, Notice, formatDate } from "../../components/ui";
import { DecisionForm } from "./DecisionForm";
import { usePlanWrite, type PlanView } from "./usePlanWrite";

/** The mismatches of a refused submission (422 plan-unbalanced), each in a sentence. */
export function mismatchesOf(error: unknown): string[] {
  if (!(error instanceof ApiError) || error.problem.type !== "urn:capvente:problem:plan-unbalanced") return [];
  return (error.problem.errors ?? []).map((e) => e.message);
}

export function WorkflowCard({ view, mine }: { view: PlanView; mine: boolean }) {
  const { plan } = view;
  const navigate = useNavigate();
  const step = { params: { path: { plan_id: plan.id } }, body: { version: plan.version } };
  const submit = usePlanWrite(plan.id, () => unwrap(api.POST("/api/v1/plans/{plan_id}/submit", step)));
  const revise = usePlanWrite(
    plan.id,
    () => unwrap(api.POST("/api/v1/plans/{plan_id}/revise", step)),
    (created) => navigate(`/plans/${created.id}`),
  );
  const queryClient = useQueryClient();
  const remove = useMutation({
    mutationFn: () => unwrap(api.DELETE("/api/v1/plans/{plan_id}", { params: { path: { plan_id: plan.id } } })),
    onSuccess: () => {
      void plansChanged.list(queryClient);
      navigate("/plans");
    },
  });
  const mismatches = mismatchesOf(submit.error);
  const submitError = fieldErrorsOf(submit.error).objectives;
  return (
    <section className="card" aria-labelledby="plan-decision">
      <h2 id="plan-decision">Validation</h2>
      {plan.status === "submitted" && (
        <p>
          Soumis le {formatDate(plan.submitted_at, true)}
          {mine ? " : en attente de la décision de votre formateur." : "."}
        </p>
      )}
      {plan.status === "validated" && (
        <p>
          Validé le {formatDate(plan.decided_at, true)} : le plan est figé.{" "}
          {mine && "Pour le faire évoluer, créez-en une révision (un nouveau brouillon repris de celui-ci)."}
        </p>
      )}
      {mine && view.editable && (
        <>
          <p>
            Une fois soumis, le plan attend la décision de votre formateur : il ne se modifie plus avant qu'il ne le
            valide ou vous le renvoie.
          </p>
          <div className="card-actions">
            <button
              type="button"
              className="primary"
              disabled={submit.isPending}
              onClick={() => submit.mutate(undefined)}
            >
              {submit.isPending ? "Envoi…" : "Soumettre au formateur"}
            </button>
            <ConfirmButton
              label="Supprimer le plan"
              pending={remove.isPending}
              onConfirm={() => remove.mutate()}
              question={`Supprimer le plan « ${plan.title} », ses objectifs et ses actions ?`}
            />
          </div>
        </>
      )}
      {mine && plan.status === "validated" && (
        <div className="card-actions">
          <button
            type="button"
            className="primary"
            disabled={revise.isPending}
            onClick={() => revise.mutate(undefined)}
          >
            {revise.isPending ? "Création…" : "Réviser"}
          </button>
        </div>
      )}
      {!mine && plan.status === "submitted" && <DecisionForm view={view} />}
      <div aria-live="polite">{submit.isSuccess && <Notice>Plan soumis à votre formateur.</Notice>}</div>
      {mismatches.length > 0 ? (
        <div role="alert" className="alert alert-error">
          <strong>Soumission refusée : les sous-objectifs ne totalisent pas la cible de leur objectif.</strong>
          <ul>
            {mismatches.map((m) => (
              <li key={m}>{m}</li>
            ))}
          </ul>
          Corrigez les tranches dans « Décomposition des objectifs », puis soumettez de nouveau.
        </div>
      ) : submitError ? (
        <div role="alert" className="alert alert-error">
          {submitError}
        </div>
      ) : isStaleVersion(submit.error ?? revise.error) ? (
        <div role="alert" className="alert alert-error">
          Ce plan a été modifié entre-temps (dans un autre onglet ?) : la page est à jour, recommencez.
        </div>
      ) : (
        <ErrorBanner error={submit.error ?? revise.error ?? remove.error} />
      )}
    </section>
  );
}
