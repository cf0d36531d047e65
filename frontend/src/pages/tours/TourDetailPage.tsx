// A saved tour: the same reading as the planner's result (saving, map and timetable per day),
// exports (GeoJSON, GPX), prospects to add to a day with their detour, the actual mileage per
// day, and deletion.
import { useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link, useLocation, useNavigate, useParams } from "react-router-dom";
import { api, unwrap } from "../../api/client";
import { tourQueries, toursChanged } from "../../api/queries/tours";
import type { TourPlanOut } from "../../api/types";
import { QueryState } from "../../components/QueryState";
import { Busy, ErrorBanner, Notice, PageFrame } from "../../components/ui";
import { draftFromPlan } from "./draft";
import { Mileage } from "./Mileage";
import { PlanResult } from "./PlanResult";
import "./tours.css";
import { downloadFile } from "../../api/download";
import { DaySuggestions } from "./DaySuggestions";
import { ReadOnlyScope, useIsMine } from "../../components/ReadOnly";

function download(tourId: number, format: "geojson" | "gpx"): Promise<string> {
  return downloadFile(`/api/v1/tours/${tourId}/export?format=${format}`, `tournee-${tourId}.${format}`);
}

export function TourDetailPage() {
  const { id } = useParams();
  const tourId = Number(id);
  const validId = Number.isInteger(tourId);
  const location = useLocation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const justSaved = Boolean((location.state as { saved?: boolean } | null)?.saved);
  const tour = useQuery({
    ...tourQueries.detail(tourId),
    enabled: validId,
  });
  const [exported, setExported] = useState<string | null>(null);
  const exporter = useMutation({
    mutationFn: (format: "geojson" | "gpx") => download(tourId, format),
    onSuccess: (name) => setExported(name),
  });
  const [confirming, setConfirming] = useState(false);
  const remove = useMutation({
    mutationFn: () => unwrap(api.DELETE("/api/v1/tours/{tour_id}", { params: { path: { tour_id: tourId } } })),
    onSuccess: () => {
      toursChanged.deleted(queryClient, tourId);
      navigate("/tournees", { state: { deleted: tour.data?.name ?? `n° ${tourId}` } });
    },
  });
  const plan = tour.data;
  const mine = useIsMine(plan?.owner_id);
  return (
    <PageFrame
      title={plan ? `Tournée : ${plan.name}` : "Tournée"}
      operations={["read_tour", "export_tour", "tour_suggestions", "read_mileage", "log_mileage", "delete_tour"]}
      actions={
        plan && (
          <>
            <button type="button" onClick={() => exporter.mutate("geojson")} disabled={exporter.isPending}>
              Exporter en GeoJSON
            </button>
            <button type="button" onClick={() => exporter.mutate("gpx")} disabled={exporter.isPending}>
              Exporter en GPX
            </button>
            {!mine ? null : !confirming ? (
              <button type="button" onClick={() => setConfirming(true)}>
                Supprimer
              </button>
            ) : (
              <span role="group" aria-label="Confirmer la suppression" className="tour-actions">
                <button type="button" className="primary" onClick={() => remove.mutate()} disabled={remove.isPending}>
                  {remove.isPending ? "Suppression…" : "Confirmer la suppression"}
                </button>
                <button type="button" onClick={() => setConfirming(false)}>
                  Annuler
                </button>
              </span>
            )}
          </>
        )
      }
    >
      {mine && (
        <p>
          <Link to="/tournees">Retour aux tournées</Link>
        </p>
      )}
      {justSaved && <Notice>Tournée enregistrée.</Notice>}
      {!validId && <ErrorBanner error={new Error("Adresse de tournée invalide.")} />}
      <ErrorBanner error={exporter.error} title="Export impossible." />
      <ErrorBanner error={remove.error} title="Suppression impossible." />
      {exported && !exporter.isPending && (
        <p role="status" className="muted">
          Fichier « {exported} » téléchargé.
        </p>
      )}
      {exporter.isPending && <Busy label="Préparation de l'export…" />}
      {/* A query never sent (an invalid address) is not busy. */}
      <QueryState query={{ data: tour.data, error: tour.error, isPending: tour.isPending && validId }}>
        {(plan) => (
          <ReadOnlyScope ownerId={plan.owner_id}>
            <PlanResult
              plan={plan}
              dayExtra={mine ? (index) => <Suggestions tourId={tourId} plan={plan} dayIndex={index} /> : undefined}
            />
            <Mileage tourId={tourId} />
          </ReadOnlyScope>
        )}
      </QueryState>
    </PageFrame>
  );
}

function Suggestions({ tourId, plan, dayIndex }: { tourId: number; plan: TourPlanOut; dayIndex: number }) {
  const navigate = useNavigate();
  return (
    <DaySuggestions
      dayIndex={dayIndex}
      query={(day) => tourQueries.suggestions(tourId, day)}
      actionLabel="Ajouter et replanifier"
      onAction={(s) =>
        navigate("/tournees/nouvelle", {
          state: {
            draft: draftFromPlan(plan, {
              prospectId: s.prospect_id,
              name: s.name,
              dayIndex: s.day_index,
              insertPosition: s.insert_position,
            }),
            from: `Tournée « ${plan.name} » reprise avec « ${s.name} » en plus (jour ${s.day_index + 1}).`,
          },
        })
      }
    />
  );
}
