// A run's simulated clock and its steps: « Démarrer » (the market's people enter the file),
// the simulated day and the days left, « Avancer d'un jour » (the market plays the day:
// appointments held, postponed or missed, replies, orders, complaints, payments — shown at
// once), « Rendre le parcours » (asked twice: the results are then frozen). Each step sends
// the run's version.
import { useState } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Link } from "react-router-dom";
import { api, unwrap } from "../../api/client";
import { ApiError, isStaleVersion } from "../../api/problem";
import { exercisesChanged } from "../../api/queries/exercises";
import type { ClockAdvanced, ExerciseOut, ExerciseRunOut } from "../../api/types";
import { ErrorBanner, formatDate } from "../../components/ui";
import { ConfirmAction } from "./ConfirmAction";
import { EventsTable } from "./EventsTable";
import { clockSentence, longDay, shortDay } from "./format";

export function ClockCard({ run, exercise }: { run: ExerciseRunOut; exercise: ExerciseOut | undefined }) {
  const queryClient = useQueryClient();
  const [played, setPlayed] = useState<ClockAdvanced | null>(null);
  const path = { params: { path: { run_id: run.id } } };
  const refresh = () => exercisesChanged.run(queryClient);
  const onError = (error: unknown) => {
    if (isStaleVersion(error)) void refresh();
  };
  const start = useMutation({
    mutationFn: () =>
      unwrap(api.POST("/api/v1/exercise-runs/{run_id}/start", { ...path, body: { version: run.version } })),
    onSuccess: refresh,
    onError,
  });
  const advance = useMutation({
    mutationFn: () =>
      unwrap(api.POST("/api/v1/exercise-runs/{run_id}/advance", { ...path, body: { days: 1, version: run.version } })),
    onMutate: () => setPlayed(null),
    onSuccess: (answer) => {
      setPlayed(answer);
      return refresh();
    },
    onError,
  });
  const submit = useMutation({
    mutationFn: () =>
      unwrap(api.POST("/api/v1/exercise-runs/{run_id}/submit", { ...path, body: { version: run.version } })),
    onSuccess: refresh,
    onError,
  });
  const error = start.error ?? advance.error ?? submit.error;
  const running = error instanceof ApiError ? error.problem.running_run_id : undefined;
  const onRequest = exercise?.clock_mode !== "real_days";
  // An imported market's people, else the number generated for each run.
  const population = exercise?.imported_people || Number(exercise?.market?.population ?? 0);
  return (
    <section className="card" aria-labelledby="run-clock">
      <h2 id="run-clock">Horloge simulée</h2>
      {run.status === "not_started" && (
        <>
          <p>
            Pas encore démarré. En démarrant, {population > 0 ? `les ${population} personnes` : "les personnes"} du
            marché simulé entrent dans vos prospects (étiquette « marché simulé ») et l'horloge part de son premier jour
            {exercise?.starts_on ? ` (${longDay(exercise.starts_on)})` : " (aujourd'hui)"}, pour {exercise?.days ?? "—"}{" "}
            jours simulés.
          </p>
          <div className="card-actions">
            <button type="button" className="primary" disabled={start.isPending} onClick={() => start.mutate()}>
              {start.isPending ? "Démarrage : le marché entre dans votre fichier…" : "Démarrer"}
            </button>
          </div>
        </>
      )}
      {run.status === "running" && (
        <>
          <p className="clock">{clockSentence(run)}</p>
          <p className="muted">
            Du {shortDay(run.starts_on)} au {shortDay(run.ends_on)} ·{" "}
            {onRequest ? "vous avancez l'horloge quand votre journée est faite." : "l'horloge suit les jours réels."}
          </p>
          <div className="card-actions">
            {onRequest && (
              <button
                type="button"
                className="primary"
                disabled={advance.isPending || (run.days_left ?? 0) <= 0}
                onClick={() => advance.mutate()}
              >
                {advance.isPending ? "Le marché joue la journée…" : "Avancer d'un jour"}
              </button>
            )}
            <ConfirmAction
              label="Rendre le parcours"
              question="Rendre votre parcours ? Vos résultats sont alors figés : vous ne pourrez plus appeler, écrire ni avancer l'horloge."
              confirmLabel="Oui, rendre le parcours"
              pendingLabel="Envoi…"
              pending={submit.isPending}
              onConfirm={() => submit.mutate()}
            />
          </div>
          {(run.days_left ?? 0) <= 0 && <p className="hint">Dernier jour simulé : rendez votre parcours.</p>}
        </>
      )}
      {run.status === "submitted" && (
        <p role="status" className="alert alert-info">
          Parcours rendu le {formatDate(run.submitted_at, true)} (jour simulé : {longDay(run.today)}) : vos résultats
          sont figés et votre formateur les voit.
        </p>
      )}
      {run.status === "closed" && (
        <p className="alert alert-info">
          Exercice clos par votre formateur le {formatDate(run.closed_at)} : vos résultats sont figés.
        </p>
      )}
      <div aria-live="polite">
        {played && (
          <section className="played" aria-labelledby="run-played">
            <h3 id="run-played">Ce que le marché a fait le {longDay(played.run.today)}</h3>
            {played.events.length === 0 ? (
              <p>
                Rien de nouveau sur votre marché ce jour-là : aucun rendez-vous prévu, aucune réponse, aucune commande.
              </p>
            ) : (
              <EventsTable events={played.events} caption="Événements de la journée" withDay={false} />
            )}
          </section>
        )}
      </div>
      {isStaleVersion(error) ? (
        <div role="alert" className="alert alert-error">
          Ce parcours a changé entre-temps (dans un autre onglet ?) : la page vient d'être rechargée, recommencez.
        </div>
      ) : (
        <>
          <ErrorBanner error={error} />
          {typeof running === "number" && (
            <p>
              <Link to={`/mes-exercices/${running}`}>Ouvrir l'exercice en cours</Link>
            </p>
          )}
        </>
      )}
    </section>
  );
}
