// The week agenda (CP2.3): appointments, tour days, next contacts, tasks and planned actions
// of one week on one page, double bookings flagged and named, each item a link to its record;
// weeks by buttons or by keyboard; a new task on the chosen day. Staff read a trainee's.
import { useState } from "react";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { agendaQueries } from "../../api/queries/agenda";
import { isStaff, useAuth } from "../../auth/AuthContext";
import { QueryState } from "../../components/QueryState";
import { Busy, DisclosureButton, EmptyState, ErrorBanner, Notice, PageFrame } from "../../components/ui";
import { AgendaNav } from "./AgendaNav";
import { TaskForm } from "./TaskForm";
import { TraineeChoice, useTraineeName } from "./TraineeChoice";
import { useAgendaWeek } from "./useAgendaWeek";
import { WeekView, type WeekFocus } from "./WeekView";
import { dayLabel, weekLabel } from "./week";
import "./agenda.css";

export function AgendaPage() {
  const staff = isStaff(useAuth().me);
  const week = useAgendaWeek();
  const traineeId = staff ? week.traineeId : null;
  const traineeName = useTraineeName(traineeId);
  const { days } = week;
  const agenda = useQuery({
    ...agendaQueries.period(days[0], days[6], traineeId ?? undefined),
    enabled: (!staff || traineeId !== null) && !week.locating,
    placeholderData: keepPreviousData,
  });
  const [focus, setFocus] = useState<WeekFocus | null>(null);
  const [adding, setAdding] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const label = weekLabel(week.monday);
  // The day of the focus (or today, or Monday): where « Nouvelle tâche » puts the task.
  const chosenDay = days[focus?.day ?? Math.max(0, days.indexOf(week.today))];
  // The other week's answer stays shown while this one loads: its items are not this week's.
  const current = agenda.data && !agenda.isPlaceholderData ? agenda.data : null;

  const goWeek = (delta: number) => {
    setNotice(null);
    week.goWeek(delta);
  };
  return (
    <PageFrame
      title={staff ? (traineeName ? `Agenda de ${traineeName}` : "Agenda d'un stagiaire") : "Agenda"}
      operations={staff ? ["read_agenda"] : ["read_agenda", "create_task"]}
      actions={
        staff ? undefined : (
          <DisclosureButton open={adding} onToggle={() => setAdding(!adding)} primary>
            Nouvelle tâche
          </DisclosureButton>
        )
      }
    >
      {staff ? <TraineeChoice value={traineeId} onChange={week.setTrainee} /> : <AgendaNav />}
      {!staff && (
        <p className="muted agenda-chosen">
          Jour choisi pour une nouvelle tâche : <strong>{dayLabel(chosenDay, true)}</strong>
        </p>
      )}
      {adding && (
        <TaskForm
          key={chosenDay}
          day={chosenDay}
          onDone={(saved) => {
            setAdding(false);
            if (saved) setNotice(`Tâche « ${saved.title} » ajoutée à l'agenda.`);
            // Back to the chosen day, where the task now is (the form and its button are gone).
            document.getElementById(`agenda-day-${days.indexOf(chosenDay)}`)?.focus();
          }}
        />
      )}
      <div role="status" className="agenda-notice">
        {notice && <p className="alert alert-info">{notice}</p>}
      </div>
      {staff && traineeId === null ? (
        <Notice>Choisissez un stagiaire pour voir son agenda, en lecture seule.</Notice>
      ) : (
        <>
          <div className="agenda-toolbar">
            <h2 id="agenda-week-title">Semaine {label}</h2>
            <div className="agenda-week-buttons" role="group" aria-label="Changer de semaine">
              <button type="button" onClick={() => goWeek(-1)}>
                <span aria-hidden="true">← </span>Semaine précédente
              </button>
              <button
                type="button"
                onClick={() => {
                  setNotice(null);
                  setFocus({ day: Math.max(0, days.indexOf(week.today)), pos: 0 });
                  week.goToday();
                }}
              >
                Aujourd'hui
              </button>
              <button type="button" onClick={() => goWeek(1)}>
                Semaine suivante<span aria-hidden="true"> →</span>
              </button>
            </div>
          </div>
          <p id="agenda-keys" className="hint agenda-keys">
            Au clavier, dans la semaine : flèches gauche et droite pour passer d'un jour à l'autre, flèches haut et bas
            pour parcourir les éléments du jour, Début et Fin pour le lundi et le dimanche, Page précédente et Page
            suivante pour changer de semaine ; Entrée ouvre la fiche de l'élément.
          </p>
          <ErrorBanner error={week.locateError} title="Le rendez-vous demandé n'a pas pu être lu." />
          <QueryState
            query={{
              data: agenda.data,
              error: agenda.error,
              isPending: (agenda.isPending && agenda.isFetching) || week.locating,
            }}
            isEmpty={() => false}
            busyLabel="Chargement de la semaine…"
          >
            {() => (
              <>
                <p className="sr-only" role="status">
                  {current
                    ? `Semaine ${label} : ${current.items.length} élément${current.items.length > 1 ? "s" : ""}.`
                    : ""}
                </p>
                {!current && <Busy label="Chargement de la semaine…" />}
                {current && current.conflicts > 0 && (
                  <p className="alert alert-warn agenda-conflicts">
                    <span aria-hidden="true">⚠ </span>
                    {current.conflicts === 1
                      ? "1 élément en double réservation cette semaine"
                      : `${current.conflicts} éléments en double réservation cette semaine`}{" "}
                    : chacun nomme ceux qu'il chevauche.
                  </p>
                )}
                {current && current.items.length === 0 && (
                  <EmptyState title="Rien de prévu cette semaine.">
                    {staff
                      ? "Ni rendez-vous, ni tournée, ni tâche pour ce stagiaire cette semaine."
                      : "Ajoutez une tâche avec « Nouvelle tâche », prenez un rendez-vous depuis une fiche prospect ou planifiez une tournée."}
                  </EmptyState>
                )}
                <WeekView
                  days={days}
                  items={current?.items ?? null}
                  timeZone={current?.timezone ?? "Europe/Paris"}
                  today={week.today}
                  label={label}
                  focus={focus}
                  onFocus={setFocus}
                  onWeek={goWeek}
                  highlight={week.highlight}
                />
              </>
            )}
          </QueryState>
        </>
      )}
    </PageFrame>
  );
}
