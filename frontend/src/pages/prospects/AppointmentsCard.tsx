// The record's appointments (CP3.2): planned, done or cancelled; plan one directly (an
// appointment taken during a call is recorded with the exchange).
import { useState, type FormEvent } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, unwrap } from "../../api/client";
import { prospectQueries, prospectsChanged } from "../../api/queries/prospects";
import type { AppointmentOut as Appointment, ContactOut as Contact } from "../../api/types";
import {
  Busy,
  EmptyState,
  ErrorBanner,
  Field,
  RequiredNote,
  SaveError,
  formatDate,
  DisclosureButton,
} from "../../components/ui";
import { PersonSelect, contactName } from "./ContactsCard";
import { APPOINTMENT_STATUSES, label } from "../../labels/prospects";
import { fieldErrorsOf, isStaleVersion } from "../../api/problem";
import { useReadOnly } from "../../components/ReadOnly";
import { PastAppointmentCheck } from "./PastAppointment";

export function AppointmentsCard({
  prospectId,
  company,
  contacts,
}: {
  prospectId: number;
  company: boolean;
  contacts: Contact[];
}) {
  const [adding, setAdding] = useState(false);
  const readOnly = useReadOnly();
  const appointments = useQuery({
    ...prospectQueries.appointments(prospectId),
  });
  const items = appointments.data?.items ?? [];
  return (
    <section className="card" aria-labelledby="appointments-title">
      <h2 id="appointments-title">Rendez-vous</h2>
      <ErrorBanner error={appointments.error} />
      {appointments.isPending && <Busy />}
      {appointments.data && items.length === 0 && (
        <EmptyState title="Aucun rendez-vous.">
          {readOnly
            ? null
            : "Un rendez-vous pris au téléphone s'enregistre avec l'échange (résultat « Rendez-vous pris ») ; sinon, planifiez-le ici."}
        </EmptyState>
      )}
      {items.length > 0 && (
        <div className="scroll-x">
          <table className="table compact">
            <caption className="sr-only">Rendez-vous du prospect</caption>
            <thead>
              <tr>
                <th scope="col">Date</th>
                <th scope="col">Durée</th>
                <th scope="col">Lieu</th>
                <th scope="col">Avec</th>
                <th scope="col">État</th>
                {!readOnly && <th scope="col">Actions</th>}
              </tr>
            </thead>
            <tbody>
              {items.map((a) => (
                <AppointmentRow key={a.id} appointment={a} contacts={contacts} prospectId={prospectId} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      {!readOnly && (
        <p>
          <DisclosureButton open={adding} onToggle={() => setAdding(!adding)} closeLabel="Fermer le formulaire">
            Planifier un rendez-vous
          </DisclosureButton>
        </p>
      )}
      {adding && !readOnly && (
        <AppointmentForm
          prospectId={prospectId}
          company={company}
          contacts={contacts}
          onDone={() => setAdding(false)}
        />
      )}
    </section>
  );
}

function AppointmentRow({
  appointment: a,
  contacts,
  prospectId,
}: {
  appointment: Appointment;
  contacts: Contact[];
  prospectId: number;
}) {
  const queryClient = useQueryClient();
  const update = useMutation({
    mutationFn: (status: Appointment["status"]) =>
      unwrap(
        api.PATCH("/api/v1/appointments/{appointment_id}", {
          params: { path: { appointment_id: a.id } },
          body: { version: a.version, status },
        }),
      ),
    onSuccess: () => {
      prospectsChanged.appointment(queryClient, prospectId);
    },
  });
  const readOnly = useReadOnly();
  const contact = contacts.find((c) => c.id === a.contact_id);
  const when = formatDate(a.starts_at, true);
  return (
    <tr>
      <th scope="row">{when}</th>
      <td>{a.duration_minutes} min</td>
      <td>{a.place ?? "—"}</td>
      <td>{contact ? contactName(contact) : "—"}</td>
      <td>{label(APPOINTMENT_STATUSES, a.status)}</td>
      {!readOnly && (
        <td>
          {a.status === "planned" && (
            <div className="row-actions">
              <button
                type="button"
                disabled={update.isPending}
                onClick={() => update.mutate("done")}
                aria-label={`Marquer réalisé le rendez-vous du ${when}`}
              >
                Réalisé
              </button>
              <button
                type="button"
                disabled={update.isPending}
                onClick={() => update.mutate("cancelled")}
                aria-label={`Annuler le rendez-vous du ${when}`}
              >
                Annuler
              </button>
            </div>
          )}
          {isStaleVersion(update.error) ? (
            <div role="alert" className="alert alert-error">
              Ce rendez-vous a été modifié entre-temps.{" "}
              <button
                type="button"
                className="link"
                onClick={() => {
                  update.reset();
                  prospectsChanged.appointments(queryClient);
                }}
              >
                Recharger la liste
              </button>
            </div>
          ) : (
            <ErrorBanner error={update.error} />
          )}
        </td>
      )}
    </tr>
  );
}

function AppointmentForm({
  prospectId,
  company,
  contacts,
  onDone,
}: {
  prospectId: number;
  company: boolean;
  contacts: Contact[];
  onDone: () => void;
}) {
  const queryClient = useQueryClient();
  const [form, setForm] = useState({
    starts_at: "",
    duration_minutes: "60",
    place: "",
    notes: "",
    contact_id: null as number | null,
    past_record: false,
  });
  const create = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST("/api/v1/appointments", {
          body: {
            prospect_id: prospectId,
            contact_id: form.contact_id,
            starts_at: form.starts_at ? new Date(form.starts_at).toISOString() : "",
            duration_minutes: form.duration_minutes ? Number(form.duration_minutes) : 60,
            place: form.place.trim() || null,
            notes: form.notes.trim(),
            past_record: form.past_record,
          },
        }),
      ),
    onSuccess: () => {
      prospectsChanged.appointment(queryClient, prospectId);
      onDone();
    },
  });
  const errors = fieldErrorsOf(create.error);
  const set = <K extends keyof typeof form>(key: K, value: (typeof form)[K]) =>
    setForm((f) => ({ ...f, [key]: value }));
  function submit(event: FormEvent) {
    event.preventDefault();
    create.mutate();
  }
  return (
    <form className="form-grid" onSubmit={submit} aria-label="Nouveau rendez-vous" noValidate>
      <RequiredNote />
      {company && contacts.length > 0 && (
        <PersonSelect
          label="Avec"
          contacts={contacts}
          value={form.contact_id}
          onChange={(id) => set("contact_id", id)}
          error={errors.contact_id}
        />
      )}
      <Field label="Début" error={errors.starts_at} required>
        {(p) => (
          <input
            {...p}
            type="datetime-local"
            value={form.starts_at}
            onChange={(e) => set("starts_at", e.target.value)}
          />
        )}
      </Field>
      <PastAppointmentCheck
        startsAt={form.starts_at}
        checked={form.past_record}
        onChange={(v) => set("past_record", v)}
      />
      <Field label="Durée (minutes)" error={errors.duration_minutes}>
        {(p) => (
          <input
            {...p}
            type="number"
            min={5}
            max={600}
            value={form.duration_minutes}
            onChange={(e) => set("duration_minutes", e.target.value)}
          />
        )}
      </Field>
      <Field label="Lieu du rendez-vous" error={errors.place} hint="L'adresse de la fiche si vide.">
        {(p) => <input {...p} value={form.place} onChange={(e) => set("place", e.target.value)} />}
      </Field>
      <Field label="Notes de préparation" error={errors.notes}>
        {(p) => <textarea {...p} value={form.notes} onChange={(e) => set("notes", e.target.value)} />}
      </Field>
      <SaveError error={create.error} />
      <div className="form-actions">
        <button type="submit" className="primary" disabled={create.isPending}>
          {create.isPending ? "Enregistrement…" : "Planifier le rendez-vous"}
        </button>
      </div>
    </form>
  );
}
