// Checking a corrective action and accepting it into the next plan: the plan chosen among the
// trainee's drafts (or returned plans) ending after the analysed period, the feasibility check
// against it, then the acceptance — refused (409) with the failing checks when it does not fit.
import { useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link } from "react-router-dom";
import { api, unwrap } from "../../api/client";
import { analysesChanged, analysisQueries } from "../../api/queries/analyses";
import { plansChanged } from "../../api/queries/plans";
import type { CorrectiveOut, PlanOut } from "../../api/types";
import { QueryState } from "../../components/QueryState";
import { Field, Notice, SaveError } from "../../components/ui";
import { PLAN_STATUSES } from "../../labels/plans";
import { FeasibilityChecks, refusedChecks } from "./FeasibilityChecks";
import { period } from "./format";

export function AcceptPanel({ action: a, nextPlans }: { action: CorrectiveOut; nextPlans: PlanOut[] }) {
  const queryClient = useQueryClient();
  const [chosen, setChosen] = useState("");
  const planId = Number(chosen || nextPlans[0]?.id || 0) || null;
  const [checking, setChecking] = useState(false);
  const feasibility = useQuery({
    ...analysisQueries.feasibility(a.analysis_id, a.id, a.version, planId),
    enabled: checking,
  });
  const accept = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST("/api/v1/corrective-actions/{corrective_id}/accept", {
          params: { path: { corrective_id: a.id } },
          body: { plan_id: planId ?? 0, version: a.version },
        }),
      ),
    onSuccess: async () => {
      if (planId) void plansChanged.plan(queryClient, planId);
      await analysesChanged.analysis(queryClient, a.analysis_id);
    },
  });
  const refused = refusedChecks(accept.error);
  const label = `« ${a.title} »`;
  if (nextPlans.length === 0) {
    return (
      <Notice>
        Aucun plan suivant où l'inscrire : il faut un plan brouillon (ou renvoyé) qui finit après la période analysée.{" "}
        <Link to="/plans">Créer le plan suivant</Link>
      </Notice>
    );
  }
  return (
    <div className="accept-panel" role="group" aria-label={`Faisabilité et acceptation de ${label}`}>
      <Field label="Plan suivant">
        {(p) => (
          <select
            {...p}
            value={planId ?? ""}
            onChange={(e) => {
              setChosen(e.target.value);
              accept.reset();
            }}
          >
            {nextPlans.map((plan) => (
              <option key={plan.id} value={plan.id}>
                {plan.title} — {PLAN_STATUSES[plan.status]} ({period(plan.starts_on, plan.ends_on)})
              </option>
            ))}
          </select>
        )}
      </Field>
      <div className="button-row">
        <button
          type="button"
          onClick={() => (checking ? void feasibility.refetch() : setChecking(true))}
          disabled={feasibility.isFetching}
        >
          {feasibility.isFetching ? "Vérification…" : "Vérifier la faisabilité"}
        </button>
        <button type="button" className="primary" onClick={() => accept.mutate()} disabled={accept.isPending}>
          {accept.isPending ? "Acceptation…" : "Accepter dans le plan suivant"}
        </button>
      </div>
      {checking && (
        <QueryState query={feasibility} busyLabel="Vérification de la faisabilité…">
          {(f) => (
            <div aria-live="polite">
              <p className={f.feasible ? "verdict verdict-ok" : "verdict verdict-refused"}>
                {f.feasible ? "Réalisable : chaque vérification tient." : "Pas réalisable en l'état."}
              </p>
              <FeasibilityChecks checks={f.checks} label={`Vérifications de ${label}`} />
            </div>
          )}
        </QueryState>
      )}
      {refused ? (
        <div role="alert" className="alert alert-error">
          <strong>Action refusée : elle n'est pas réalisable en l'état.</strong> Ajustez-la (heures, échéance, budget,
          remise) puis acceptez-la à nouveau.
          <FeasibilityChecks checks={refused} label={`Vérifications qui ne tiennent pas pour ${label}`} />
        </div>
      ) : (
        <SaveError error={accept.error} />
      )}
    </div>
  );
}
