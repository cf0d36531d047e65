// Plan a tour: days and hours, the base, appointments and prospects to visit in the trainee's
// own order, the transport mode; "Planifier" answers the order that drives least (POST
// /tours/plan, not saved) with its map, timetable and saving; "Enregistrer" saves it.
import type { TourPlanIn, TourPlanOut, TransportMode } from "../../api/types";
import { useMemo, useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link, useLocation, useNavigate } from "react-router-dom";
import { api, unwrap } from "../../api/client";
import { tourQueries, toursChanged } from "../../api/queries/tours";
import { fieldErrorsOf } from "../../api/problem";
import { Busy, ErrorBanner, Field, Notice, PageFrame } from "../../components/ui";
import { AppointmentsPicker } from "./AppointmentsPicker";
import { BaseCard } from "./BaseCard";
import {
  appointmentVisit,
  emptyDraft,
  moveVisit,
  newDay,
  nextWorkingDay,
  prospectVisit,
  sortErrors,
  toRequest,
  type Draft,
  type DraftDay,
  type DraftVisit,
} from "./draft";
import { fmtNumber, fmtKm } from "./format";
import { MODE_ORDER, MODES, PROSPECT_STATUSES } from "../../labels/tours";
import { DaySuggestions } from "./DaySuggestions";
import { PlanResult } from "./PlanResult";
import { ProspectSearch } from "./ProspectSearch";
import { VisitsCard } from "./VisitsCard";
import "./tours.css";

const MAX_DAYS = 14;

export function PlannerPage() {
  const location = useLocation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const incoming = (location.state as { draft?: Draft; from?: string } | null) ?? null;
  const [draft, setDraft] = useState<Draft>(() => incoming?.draft ?? emptyDraft());
  const [planned, setPlanned] = useState<{ request: TourPlanIn; key: string; plan: TourPlanOut } | null>(null);
  const factors = useQuery({
    ...tourQueries.emissionFactors(),
    staleTime: 300_000,
  });

  const plan = useMutation({
    mutationFn: (request: TourPlanIn) => unwrap(api.POST("/api/v1/tours/plan", { body: request })),
    onSuccess: (result, request) => setPlanned({ request, key: JSON.stringify(request), plan: result }),
  });
  const save = useMutation({
    mutationFn: (request: TourPlanIn) => unwrap(api.POST("/api/v1/tours", { body: request })),
    onSuccess: (saved) => {
      toursChanged.saved(queryClient, saved);
      navigate(`/tournees/${saved.id}`, { state: { saved: true } });
    },
  });

  const fieldErrors = fieldErrorsOf(plan.error);
  const errors = sortErrors(fieldErrors);
  const shown = new Set([
    "mode",
    "max_driving_minutes",
    "name",
    "days",
    "lunch.start",
    "lunch.end",
    "lunch.duration_minutes",
  ]);
  const unshown = Object.entries(errors.other).filter(([k]) => !shown.has(k));
  const currentKey = JSON.stringify(toRequest(draft));
  const stale = planned !== null && planned.key !== currentKey;
  const pickedProspects = new Set(draft.visits.filter((v) => v.kind === "prospect").map((v) => v.prospectId));
  const pickedAppointments = new Set(draft.visits.filter((v) => v.kind === "appointment").map((v) => v.appointmentId));

  const update = (change: Partial<Draft>) => setDraft((d) => ({ ...d, ...change }));
  const setDay = (index: number, change: Partial<DraftDay>) =>
    setDraft((d) => ({ ...d, days: d.days.map((day, i) => (i === index ? { ...day, ...change } : day)) }));
  const setVisit = (index: number, change: Partial<DraftVisit>) =>
    setDraft((d) => ({ ...d, visits: d.visits.map((v, i) => (i === index ? { ...v, ...change } : v)) }));
  const addVisit = (visit: DraftVisit) =>
    setDraft((d) => (d.visits.some((v) => v.key === visit.key) ? d : { ...d, visits: [...d.visits, visit] }));
  const addDay = (date?: string) =>
    setDraft((d) => {
      if (d.days.length >= MAX_DAYS) return d;
      const sorted = [...d.days.map((x) => x.date)].sort();
      const next = date ?? nextWorkingDay(new Date(), sorted[sorted.length - 1]);
      if (d.days.some((x) => x.date === next)) return d;
      return { ...d, days: [...d.days, newDay(next)].sort((a, b) => a.date.localeCompare(b.date)) };
    });

  const mode = useMemo(() => {
    const byMode = new Map((factors.data ?? []).map((f) => [f.mode, f]));
    return (m: TransportMode) => {
      const f = byMode.get(m);
      return f ? `${MODES[m]} : ${fmtNumber(Number(f.total_kg_per_km), 3)} kg CO₂e/km` : MODES[m];
    };
  }, [factors.data]);

  return (
    <PageFrame
      title="Planifier une tournée"
      operations={[
        "plan_tour",
        "save_tour",
        "read_base",
        "set_base",
        "list_prospects",
        "list_appointments",
        "list_emission_factors",
      ]}
      actions={<Link to="/tournees">Retour aux tournées</Link>}
    >
      {incoming?.from && (
        <Notice>
          {incoming.from} Vérifiez les journées et les horaires, puis planifiez : l'enregistrement crée une nouvelle
          tournée (l'ancienne reste enregistrée, supprimez-la si elle ne sert plus).
        </Notice>
      )}
      <BaseCard />

      <section className="card tour-days" aria-labelledby="tour-days-title">
        <h2 id="tour-days-title">Journées et horaires</h2>
        {draft.days.map((day, index) => {
          const e = errors.days[index] ?? {};
          const n = draft.days.length > 1 ? ` du jour ${index + 1}` : "";
          return (
            <fieldset key={index} className="day-row" style={{ border: "none", padding: 0, margin: "0 0 0.5rem" }}>
              <legend className="sr-only">Jour {index + 1}</legend>
              <Field label={`Date${n}`} error={e.date} required>
                {(p) => (
                  <input
                    {...p}
                    type="date"
                    value={day.date}
                    onChange={(ev) => setDay(index, { date: ev.target.value })}
                  />
                )}
              </Field>
              <Field label={`Début${n}`} error={e.start_time}>
                {(p) => (
                  <input
                    {...p}
                    type="time"
                    value={day.startTime}
                    onChange={(ev) => setDay(index, { startTime: ev.target.value })}
                  />
                )}
              </Field>
              <Field label={`Fin${n}`} error={e.end_time}>
                {(p) => (
                  <input
                    {...p}
                    type="time"
                    value={day.endTime}
                    onChange={(ev) => setDay(index, { endTime: ev.target.value })}
                  />
                )}
              </Field>
              {draft.days.length > 1 && (
                <button type="button" onClick={() => update({ days: draft.days.filter((_, i) => i !== index) })}>
                  Retirer le jour {index + 1}
                </button>
              )}
            </fieldset>
          );
        })}
        {errors.other.days && <p className="field-error">{errors.other.days}</p>}
        <button type="button" onClick={() => addDay()} disabled={draft.days.length >= MAX_DAYS}>
          Ajouter une journée
        </button>
        <div className="form-grid" style={{ marginTop: "1rem" }}>
          <Field label="Mode de transport" error={fieldErrors.mode}>
            {(p) => (
              <select {...p} value={draft.mode} onChange={(e) => update({ mode: e.target.value as TransportMode })}>
                {MODE_ORDER.map((m) => (
                  <option key={m} value={m}>
                    {mode(m)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label="Conduite maximale par jour (minutes, facultatif)" error={fieldErrors.max_driving_minutes}>
            {(p) => (
              <input
                {...p}
                type="number"
                min={1}
                max={1440}
                value={draft.maxDriving}
                onChange={(e) => update({ maxDriving: e.target.value })}
              />
            )}
          </Field>
          <Field
            label="Nom de la tournée (facultatif)"
            error={fieldErrors.name}
            hint="Par défaut : « Tournée du » et la date."
          >
            {(p) => (
              <input {...p} maxLength={150} value={draft.name} onChange={(e) => update({ name: e.target.value })} />
            )}
          </Field>
        </div>
        <fieldset className="form-grid" style={{ marginTop: "1rem" }}>
          <legend>Pause déjeuner</legend>
          <label className="check">
            <input type="checkbox" checked={draft.lunch} onChange={(e) => update({ lunch: e.target.checked })} />
            Prévoir une pause déjeuner
          </label>
          {draft.lunch && (
            <>
              <Field label="Pas avant" error={fieldErrors["lunch.start"]}>
                {(p) => (
                  <input
                    {...p}
                    type="time"
                    value={draft.lunchStart}
                    onChange={(e) => update({ lunchStart: e.target.value })}
                  />
                )}
              </Field>
              <Field label="Finie au plus tard à" error={fieldErrors["lunch.end"]}>
                {(p) => (
                  <input
                    {...p}
                    type="time"
                    value={draft.lunchEnd}
                    onChange={(e) => update({ lunchEnd: e.target.value })}
                  />
                )}
              </Field>
              <Field label="Durée (minutes)" error={fieldErrors["lunch.duration_minutes"]}>
                {(p) => (
                  <input
                    {...p}
                    type="number"
                    min={0}
                    max={180}
                    value={draft.lunchDuration}
                    onChange={(e) => update({ lunchDuration: e.target.value })}
                  />
                )}
              </Field>
            </>
          )}
        </fieldset>
      </section>

      <AppointmentsPicker
        days={draft.days.map((d) => d.date)}
        canAddDay={draft.days.length < MAX_DAYS}
        isPicked={(id) => pickedAppointments.has(id)}
        onPick={({ appointment, prospectName, day }, withDay) => {
          if (withDay) addDay(day);
          addVisit(
            appointmentVisit({
              id: appointment.id,
              prospectId: appointment.prospect_id,
              label: prospectName,
              detail: `Rendez-vous ${appointment.place ?? ""}`.trim(),
            }),
          );
        }}
      />

      <section className="card" aria-labelledby="tour-search-title">
        <h2 id="tour-search-title">Prospects à visiter</h2>
        <ProspectSearch
          label="Rechercher un prospect"
          actionLabel="Ajouter"
          isPicked={(p) => pickedProspects.has(p.id)}
          onPick={(p) =>
            addVisit(
              prospectVisit({
                id: p.id,
                name: p.name,
                detail: [p.city, PROSPECT_STATUSES[p.status]].filter(Boolean).join(", "),
              }),
            )
          }
        />
      </section>

      <VisitsCard
        draft={draft}
        errors={errors.visits}
        setVisit={setVisit}
        move={(i, delta) => update({ visits: moveVisit(draft.visits, i, delta) })}
        remove={(i) => update({ visits: draft.visits.filter((_, j) => j !== i) })}
      />

      <div className="card">
        <button
          type="button"
          className="primary"
          onClick={() => plan.mutate(toRequest(draft))}
          disabled={plan.isPending || draft.visits.length === 0}
          aria-busy={plan.isPending}
        >
          Planifier
        </button>
        {draft.visits.length === 0 && <span className="muted"> Ajoutez au moins une visite pour planifier.</span>}
        {plan.isPending && <Busy label="Calcul de la tournée…" />}
        {plan.error && <ErrorBanner error={plan.error} title="La tournée n'a pas pu être planifiée." />}
        {unshown.length > 0 && (
          <ul className="field-error">
            {unshown.map(([k, m]) => (
              <li key={k}>
                {k} : {m}
              </li>
            ))}
          </ul>
        )}
      </div>

      {planned && (
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
                isTaken={(id) => pickedProspects.has(id)}
                actionLabel="Ajouter à la tournée"
                onAction={(s) =>
                  addVisit(
                    prospectVisit({
                      id: s.prospect_id,
                      name: s.name,
                      detail: `détour estimé +${fmtKm(s.extra_km)} le jour ${index + 1}`,
                    }),
                  )
                }
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
      )}
    </PageFrame>
  );
}
