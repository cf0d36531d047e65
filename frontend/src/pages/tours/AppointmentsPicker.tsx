// The trainee's upcoming appointments (GET /appointments): those on the chosen days can be
// added as fixed visits; the others bring their day along.
import { useMemo, useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { tourQueries } from "../../api/queries/tours";
import type { AppointmentOut } from "../../api/types";
import { QueryState } from "../../components/QueryState";
import { EmptyState } from "../../components/ui";
import { clock, fmtDuration, longDate } from "./format";
import { PickButton } from "./PickButton";

/** The local (Europe/Paris) day of an instant, as YYYY-MM-DD. */
export function parisDay(iso: string): string {
  return new Date(iso).toLocaleDateString("sv-SE", { timeZone: "Europe/Paris" });
}

export function parisClock(iso: string): string {
  return clock(new Date(iso).toLocaleString("sv-SE", { timeZone: "Europe/Paris" }).replace(" ", "T"));
}

export interface PickedAppointment {
  appointment: AppointmentOut;
  prospectName: string;
  day: string;
}

export function AppointmentsPicker(props: {
  days: string[];
  isPicked: (appointmentId: number) => boolean;
  onPick: (picked: PickedAppointment, withDay: boolean) => void;
  canAddDay: boolean;
}) {
  const now = useMemo(() => new Date().toISOString(), []);
  const appointments = useQuery({
    ...tourQueries.upcomingAppointments(now),
  });
  // The list names each appointment's prospect.
  const nameOf = (a: AppointmentOut) => a.prospect_name ?? `Prospect n° ${a.prospect_id}`;
  const all = appointments.data?.items ?? [];
  const onDays = new Set(props.days);
  const [showAll, setShowAll] = useState(false);
  const ofDays = all.filter((a) => onDays.has(parisDay(a.starts_at)));
  const items = showAll ? all : ofDays;
  return (
    <section className="card" aria-labelledby="tour-appointments">
      <h2 id="tour-appointments">Vos prochains rendez-vous</h2>
      <p className="muted">Un rendez-vous est une visite à heure fixe : il passe avant les autres visites.</p>
      <QueryState
        query={appointments}
        empty={
          <EmptyState title="Aucun rendez-vous à venir.">
            Ajoutez les prospects à visiter avec la recherche ci-dessous.
          </EmptyState>
        }
      >
        {() => (
          <>
            {ofDays.length === 0 && !showAll && <p>Aucun rendez-vous les jours choisis.</p>}
            {all.length > ofDays.length && (
              <button type="button" aria-expanded={showAll} onClick={() => setShowAll(!showAll)}>
                {showAll
                  ? "N'afficher que les rendez-vous des jours choisis"
                  : `Afficher tous les prochains rendez-vous (${all.length})`}
              </button>
            )}
            {items.length > 0 && (
              <div className="scroll-x">
                <table className="table compact">
                  <caption className="sr-only">
                    {showAll ? "Prochains rendez-vous" : "Rendez-vous des jours choisis"}
                  </caption>
                  <thead>
                    <tr>
                      <th scope="col">Date</th>
                      <th scope="col">Prospect</th>
                      <th scope="col">Lieu</th>
                      <th scope="col">Durée</th>
                      <th scope="col">Action</th>
                    </tr>
                  </thead>
                  <tbody>
                    {items.map((a) => {
                      const day = parisDay(a.starts_at);
                      const name = nameOf(a);
                      const picked = props.isPicked(a.id);
                      const inDays = onDays.has(day);
                      return (
                        <tr key={a.id}>
                          <td>
                            {longDate(day)}, {parisClock(a.starts_at)}
                          </td>
                          <th scope="row">{name}</th>
                          <td>{a.place ?? "—"}</td>
                          <td>{fmtDuration(a.duration_minutes)}</td>
                          <td>
                            <PickButton
                              unavailable={picked || (!inDays && !props.canAddDay)}
                              onPick={() => props.onPick({ appointment: a, prospectName: name, day }, !inDays)}
                              label={picked ? "Ajouté" : inDays ? "Ajouter" : "Ajouter avec sa journée"}
                            />
                          </td>
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
              </div>
            )}
          </>
        )}
      </QueryState>
    </section>
  );
}
