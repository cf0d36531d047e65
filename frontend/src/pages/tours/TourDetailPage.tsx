// A saved tour: the same reading as the planner's result (saving, map and timetable per day),
// exports (GeoJSON, GPX), prospects to add to a day with their detour, the actual mileage per
// day, and deletion.
import { useState, type FormEvent } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link, useLocation, useNavigate, useParams } from "react-router-dom";
import { api, unwrap } from "../../api/client";
import { tourQueries, toursChanged } from "../../api/queries/tours";
import { fieldErrorsOf } from "../../api/problem";
import type { MileageDayOut, TourPlanOut } from "../../api/types";
import { Busy, ErrorBanner, Notice, PageFrame, formatDate } from "../../components/ui";
import { draftFromPlan } from "./draft";
import { fmtCo2, fmtKm, fmtNumber, longDate } from "./format";
import { PlanResult } from "./PlanResult";
import "./tours.css";
import { downloadFile } from "../../api/download";
import { DaySuggestions } from "./DaySuggestions";
import { ReadOnlyScope, useIsMine, useReadOnly } from "../../components/ReadOnly";

function download(tourId: number, format: "geojson" | "gpx"): Promise<string> {
  return downloadFile(`/api/v1/tours/${tourId}/export?format=${format}`, `tournee-${tourId}.${format}`);
}

export function TourDetailPage() {
  const { id } = useParams();
  const tourId = Number(id);
  const location = useLocation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const justSaved = Boolean((location.state as { saved?: boolean } | null)?.saved);
  const tour = useQuery({
    ...tourQueries.detail(tourId),
    enabled: Number.isInteger(tourId),
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
      {!Number.isInteger(tourId) && <ErrorBanner error={new Error("Adresse de tournée invalide.")} />}
      <ErrorBanner error={tour.error} />
      <ErrorBanner error={exporter.error} title="Export impossible." />
      <ErrorBanner error={remove.error} title="Suppression impossible." />
      {exported && !exporter.isPending && (
        <p role="status" className="muted">
          Fichier « {exported} » téléchargé.
        </p>
      )}
      {exporter.isPending && <Busy label="Préparation de l'export…" />}
      {tour.isPending && Number.isInteger(tourId) && <Busy />}
      {plan && (
        <ReadOnlyScope ownerId={plan.owner_id}>
          <PlanResult
            plan={plan}
            dayExtra={mine ? (index) => <Suggestions tourId={tourId} plan={plan} dayIndex={index} /> : undefined}
          />
          <Mileage tourId={tourId} />
        </ReadOnlyScope>
      )}
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

function Mileage({ tourId }: { tourId: number }) {
  const readOnly = useReadOnly();
  const mileage = useQuery({
    ...tourQueries.mileage(tourId),
  });
  const m = mileage.data;
  return (
    <section className="card" aria-labelledby="tour-mileage">
      <h2 id="tour-mileage">Kilomètres réels</h2>
      <p className="muted">
        Relevez votre compteur chaque soir : la comparaison avec le prévu montre ce que l'organisation de la tournée a
        réellement permis d'économiser.
      </p>
      <ErrorBanner error={mileage.error} />
      {mileage.isPending && <Busy />}
      {m && (
        <div className="scroll-x">
          <table className="table compact">
            <caption className="sr-only">Kilomètres prévus et réels par jour</caption>
            <thead>
              <tr>
                <th scope="col">Jour</th>
                <th scope="col" className="num">
                  Visites
                </th>
                <th scope="col" className="num">
                  Prévu
                </th>
                <th scope="col" className="num">
                  Réel
                </th>
                <th scope="col" className="num">
                  Par visite (prévu / réel)
                </th>
                {!readOnly && <th scope="col">Saisir les km réels</th>}
              </tr>
            </thead>
            <tbody>
              {m.days.map((day) => (
                <MileageRow key={day.day_index} tourId={tourId} day={day} />
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row">Total</th>
                <td />
                <td className="num">
                  {fmtKm(Number(m.planned_km))}
                  <br />
                  <small className="muted">{fmtCo2(Number(m.planned_co2_kg))}</small>
                </td>
                <td className="num">
                  {m.actual_km != null ? (
                    <>
                      {fmtKm(Number(m.actual_km))}
                      <br />
                      <small className="muted">{fmtCo2(Number(m.actual_co2_kg))}</small>
                    </>
                  ) : (
                    <span className="muted">une fois chaque jour saisi</span>
                  )}
                </td>
                <td />
                {!readOnly && <td />}
              </tr>
            </tfoot>
          </table>
        </div>
      )}
    </section>
  );
}

function MileageRow({ tourId, day }: { tourId: number; day: MileageDayOut }) {
  const readOnly = useReadOnly();
  const queryClient = useQueryClient();
  const [value, setValue] = useState(day.actual_km != null ? String(Number(day.actual_km)) : "");
  const [done, setDone] = useState(false);
  const save = useMutation({
    mutationFn: (actual: number | string) =>
      unwrap(
        api.PUT("/api/v1/tours/{tour_id}/days/{day_index}/mileage", {
          params: { path: { tour_id: tourId, day_index: day.day_index } },
          body: { actual_km: actual },
        }),
      ),
    onSuccess: (data) => {
      toursChanged.mileage(queryClient, tourId, data);
      setDone(true);
    },
  });
  const errors = fieldErrorsOf(save.error);
  const inputId = `mileage-${day.day_index}`;
  const errorId = `${inputId}-error`;
  function submit(event: FormEvent) {
    event.preventDefault();
    setDone(false);
    const text = value.trim().replace(",", ".");
    save.mutate(text === "" ? "" : Number.isFinite(Number(text)) ? Number(text) : text);
  }
  const perVisit = (planned: string | null, actual: string | null) =>
    planned == null ? "—" : `${fmtNumber(Number(planned))} / ${actual != null ? fmtNumber(Number(actual)) : "—"} km`;
  return (
    <tr>
      <th scope="row">{longDate(day.date)}</th>
      <td className="num">{day.visits}</td>
      <td className="num">
        {fmtKm(Number(day.planned_km))}
        <br />
        <small className="muted">{fmtCo2(Number(day.planned_co2_kg))}</small>
      </td>
      <td className="num">
        {day.actual_km != null ? (
          <>
            {fmtKm(Number(day.actual_km))}
            <br />
            <small className="muted">{fmtCo2(Number(day.actual_co2_kg))}</small>
          </>
        ) : (
          "—"
        )}
      </td>
      <td className="num">{perVisit(day.planned_km_per_visit, day.actual_km_per_visit)}</td>
      {!readOnly && (
        <td>
          <form className="inline-form" onSubmit={submit} aria-label={`Km réels du ${longDate(day.date)}`}>
            <label className="sr-only" htmlFor={inputId}>
              Km réels du {longDate(day.date)}
            </label>
            <input
              id={inputId}
              inputMode="decimal"
              style={{ width: "6rem" }}
              value={value}
              aria-invalid={Boolean(errors.actual_km)}
              aria-describedby={errors.actual_km ? errorId : undefined}
              onChange={(e) => setValue(e.target.value)}
            />
            <button type="submit" disabled={save.isPending}>
              {save.isPending ? "Enregistrement…" : "Enregistrer"}
            </button>
          </form>
          {errors.actual_km && (
            <small id={errorId} className="field-error">
              {errors.actual_km}
            </small>
          )}
          {save.error && !errors.actual_km && <ErrorBanner error={save.error} />}
          {done && (
            <small role="status" className="muted">
              Enregistré.
            </small>
          )}
          {day.actual_logged_at && !done && (
            <small className="muted">Saisi le {formatDate(day.actual_logged_at, true)}</small>
          )}
        </td>
      )}
    </tr>
  );
}
