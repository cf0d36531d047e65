// The planner's answer (POST /tours/plan, not saved): the result with, per day, prospects to
// add to the draft; a notice when the draft has changed since; and "Enregistrer", which saves
// the tour shown (POST /tours) and opens it.
import type { SuggestionOut, TourPlanIn, TourPlanOut } from "../../api/types";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useNavigate } from "react-router-dom";
import { api, unwrap } from "../../api/client";
import { tourQueries, toursChanged } from "../../api/queries/tours";
import { Busy, ErrorBanner, Notice } from "../../components/ui";
import { DaySuggestions } from "./DaySuggestions";
import { PlanResult } from "./PlanResult";

export interface Planned {
  request: TourPlanIn;
  /** The request as JSON: what the suggestions are for, and how a changed draft is seen. */
  key: string;
  plan: TourPlanOut;
}

export function PlannedTour(props: {
  planned: Planned;
  /** The draft has changed since this plan. */
  stale: boolean;
  isTaken: (prospectId: number) => boolean;
  onSuggestion: (suggestion: SuggestionOut, dayIndex: number) => void;
}) {
  const { planned, stale } = props;
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const save = useMutation({
    mutationFn: (request: TourPlanIn) => unwrap(api.POST("/api/v1/tours", { body: request })),
    onSuccess: (saved) => {
      toursChanged.saved(queryClient, saved);
      navigate(`/tournees/${saved.id}`, { state: { saved: true } });
    },
  });
  return (
    <div className={stale ? "tour-result-stale" : undefined}>
      {stale && (
        <Notice>
          Vous avez modifié la demande depuis ce calcul : le résultat ci-dessous correspond à la demande précédente.
          Planifiez à nouveau pour le mettre à jour.
        </Notice>
      )}
      <PlanResult
        plan={planned.plan}
        dayExtra={(index) => (
          <DaySuggestions
            dayIndex={index}
            query={(day) => tourQueries.planSuggestions(planned, day)}
            isTaken={props.isTaken}
            actionLabel="Ajouter à la tournée"
            onAction={(s) => props.onSuggestion(s, index)}
          />
        )}
      />
      <section className="card" aria-labelledby="tour-save-title">
        <h2 id="tour-save-title">Enregistrer</h2>
        <p>L'enregistrement garde cette tournée, ses exports (GeoJSON, GPX) et le suivi des kilomètres réels.</p>
        <button
          type="button"
          className="primary"
          onClick={() => save.mutate(planned.request)}
          disabled={save.isPending}
          aria-busy={save.isPending}
        >
          {save.isPending ? "Enregistrement…" : "Enregistrer"}
        </button>
        {stale && <p className="muted">C'est la tournée affichée qui sera enregistrée, pas la demande modifiée.</p>}
        {save.isPending && <Busy label="Enregistrement de la tournée…" />}
        <ErrorBanner error={save.error} title="La tournée n'a pas été enregistrée." />
      </section>
    </div>
  );
}
