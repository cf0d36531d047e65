// The record's appointments (CP3.2): planned, done or cancelled; plan one directly (an
// appointment taken during a call is recorded with the exchange).
import { useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link } from "react-router-dom";
import { api, unwrap } from "../../api/client";
import { prospectQueries, prospectsChanged } from "../../api/queries/prospects";
import type { AppointmentOut as Appointment, ContactOut as Contact } from "../../api/types";
import { EmptyState, ErrorBanner, formatDate, DisclosureButton } from "../../components/ui";
import { QueryState } from "../../components/QueryState";
import { contactName, type RecordPeople } from "./PersonSelect";
import { APPOINTMENT_STATUSES, label } from "../../labels/prospects";
import { isStaleVersion } from "../../api/problem";
import { useReadOnly } from "../../components/ReadOnly";
import { AppointmentForm } from "./AppointmentForm";

export function AppointmentsCard({ prospectId, company, contacts }: RecordPeople) {
  const [adding, setAdding] = useState(false);
  const readOnly = useReadOnly();
  const appointments = useQuery({
    ...prospectQueries.appointments(prospectId),
  });
  return (
    <section className="card" aria-labelledby="appointments-title">
      <h2 id="appointments-title">Rendez-vous</h2>
      <QueryState
        query={appointments}
        empty={
          <EmptyState title="Aucun rendez-vous.">
            {readOnly
              ? null
              : "Un rendez-vous pris au téléphone s'enregistre avec l'échange (résultat « Rendez-vous pris ») ; sinon, planifiez-le ici."}
          </EmptyState>
        }
      >
        {(data) => (
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
                {data.items.map((a) => (
                  <AppointmentRow key={a.id} appointment={a} contacts={contacts} prospectId={prospectId} />
                ))}
              </tbody>
            </table>
          </div>
        )}
      </QueryState>
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
      <td>
        {label(APPOINTMENT_STATUSES, a.status)}
        {a.status !== "cancelled" && (
          <div className="row-actions">
            <Link to={`/rendez-vous/${a.id}/preparation`} aria-label={`Préparer le rendez-vous du ${when}`}>
              Préparer
            </Link>
            {new Date(a.starts_at) <= new Date() && (
              <Link to={`/rendez-vous/${a.id}/compte-rendu`} aria-label={`Compte rendu du rendez-vous du ${when}`}>
                Compte rendu
              </Link>
            )}
          </div>
        )}
      </td>
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
