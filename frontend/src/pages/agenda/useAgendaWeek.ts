// The agenda's place in the address, so that a week can be linked and reloaded:
// `?semaine=AAAA-MM-JJ` (any day of it), `?stagiaire=ID` (staff reading a trainee's agenda),
// `?rendez-vous=ID` (a task's link to an appointment: the week holding it, the appointment
// highlighted). Without a week, the current one.
import { useQuery } from "@tanstack/react-query";
import { useSearchParams } from "react-router-dom";
import { agendaQueries } from "../../api/queries/agenda";
import { isoToday } from "../../labels/prospects";
import { addDays, dayIn, isIsoDay, mondayOf, weekDays } from "./week";

const browserZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;

export function useAgendaWeek() {
  const [params, setParams] = useSearchParams();
  const today = isoToday();
  const asked = params.get("semaine");
  const appointmentId = Number(params.get("rendez-vous")) || null;
  const traineeId = Number(params.get("stagiaire")) || null;
  // An appointment asked for without a week: its week, once it is read.
  const appointment = useQuery({
    ...agendaQueries.appointment(appointmentId ?? 0),
    enabled: appointmentId !== null && !isIsoDay(asked),
  });
  const appointmentDay = appointment.data ? dayIn(appointment.data.starts_at, browserZone()) : null;
  const monday = mondayOf(isIsoDay(asked) ? asked : (appointmentDay ?? today));
  const days = weekDays(monday);

  function update(changes: Record<string, string | null>) {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(changes)) {
      if (value) next.set(key, value);
      else next.delete(key);
    }
    setParams(next, { replace: true });
  }

  return {
    today,
    monday,
    days,
    traineeId,
    /** The appointment to highlight (`appointment:ID`), if one was asked for. */
    highlight: appointmentId ? `appointment:${appointmentId}` : null,
    /** Whether the week is still being found (the asked appointment is being read). */
    locating: appointmentId !== null && !isIsoDay(asked) && appointment.isPending,
    locateError: appointment.error,
    goWeek: (delta: number) => update({ semaine: addDays(monday, 7 * delta) }),
    goToday: () => update({ semaine: mondayOf(today) }),
    setTrainee: (id: string) => update({ stagiaire: id || null }),
  };
}
