// Plan a tour: days and hours, the base, appointments and prospects to visit in the trainee's
// own order, the transport mode; "Planifier" answers the order that drives least (POST
// /tours/plan, not saved) with its map, timetable and saving; "Enregistrer" saves it.
import type { TourPlanIn } from "../../api/types";
import { useState } from "react";
import { useMutation } from "@tanstack/react-query";
import { Link, useLocation } from "react-router-dom";
import { api, unwrap } from "../../api/client";
import { fieldErrorsOf } from "../../api/problem";
import { Busy, ErrorBanner, Notice, PageFrame } from "../../components/ui";
import { AppointmentsPicker } from "./AppointmentsPicker";
import { BaseCard } from "./BaseCard";
import { DaysCard } from "./DaysCard";
import { appointmentVisit, emptyDraft, prospectVisit, sortErrors, toRequest, type Draft } from "./draft";
import { fmtKm } from "./format";
import { PROSPECT_STATUSES } from "../../labels/tours";
import { PlannedTour, type Planned } from "./PlannedTour";
import { PlanOptions } from "./PlanOptions";
import { ProspectSearch } from "./ProspectSearch";
import { MAX_DAYS, usePlanDraft } from "./usePlanDraft";
import { VisitsCard } from "./VisitsCard";
import "./tours.css";

/** The server's field errors shown beside their fields (days and visits are sorted apart). */
const SHOWN = new Set([
  "mode",
  "max_driving_minutes",
  "name",
  "days",
  "lunch.start",
  "lunch.end",
  "lunch.duration_minutes",
]);

export function PlannerPage() {
  const location = useLocation();
  const incoming = (location.state as { draft?: Draft; from?: string } | null) ?? null;
  const { draft, set, setDay, removeDay, addDay, setVisit, addVisit, moveVisit, removeVisit } = usePlanDraft(
    () => incoming?.draft ?? emptyDraft(),
  );
  const [planned, setPlanned] = useState<Planned | null>(null);
  const plan = useMutation({
    mutationFn: (request: TourPlanIn) => unwrap(api.POST("/api/v1/tours/plan", { body: request })),
    onSuccess: (result, request) => setPlanned({ request, key: JSON.stringify(request), plan: result }),
  });

  const fieldErrors = fieldErrorsOf(plan.error);
  const errors = sortErrors(fieldErrors);
  const unshown = Object.entries(errors.other).filter(([k]) => !SHOWN.has(k));
  const stale = planned !== null && planned.key !== JSON.stringify(toRequest(draft));
  const pickedProspects = new Set(draft.visits.filter((v) => v.kind === "prospect").map((v) => v.prospectId));
  const pickedAppointments = new Set(draft.visits.filter((v) => v.kind === "appointment").map((v) => v.appointmentId));

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

      <DaysCard
        days={draft.days}
        errors={errors.days}
        daysError={errors.other.days}
        canAddDay={draft.days.length < MAX_DAYS}
        setDay={setDay}
        addDay={() => addDay()}
        removeDay={removeDay}
      >
        <PlanOptions draft={draft} set={set} errors={fieldErrors} />
      </DaysCard>

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

      <VisitsCard draft={draft} errors={errors.visits} setVisit={setVisit} move={moveVisit} remove={removeVisit} />

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
        <PlannedTour
          planned={planned}
          stale={stale}
          isTaken={(id) => pickedProspects.has(id)}
          onSuggestion={(s, index) =>
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
    </PageFrame>
  );
}
