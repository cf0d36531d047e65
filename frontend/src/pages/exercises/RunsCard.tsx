// The runs of an exercise, one per trainee: status, simulated day, days left, the progress of
// an advance (advance_done of advance_total days played). « Avancer tous les parcours d'un
// jour » starts a background job on the server (202); the runs are read again every second
// until every running run has played its days, then the results follow.
import { useEffect, useRef, useState } from "react";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, unwrap } from "../../api/client";
import { isStaleVersion } from "../../api/problem";
import { exerciseQueries, exercisesChanged } from "../../api/queries/exercises";
import type { ExerciseOut, ExerciseRunOut } from "../../api/types";
import { DataTable } from "../../components/DataTable";
import { QueryState } from "../../components/QueryState";
import { EmptyState, ErrorBanner, formatDate } from "../../components/ui";
import { RUN_STATUSES, RUN_STATUS_CLASS } from "../../labels/exercises";
import { daysLeft, shortDay } from "./format";

const LIMIT = 20;
const POLL_MS = 1000;

/** A run still playing the days of an advance. */
const advancing = (r: Pick<ExerciseRunOut, "status" | "advance_done" | "advance_total">) =>
  r.status === "running" && r.advance_done < r.advance_total;

export function RunsCard({ exercise }: { exercise: ExerciseOut }) {
  const queryClient = useQueryClient();
  const [offset, setOffset] = useState(0);
  const [following, setFollowing] = useState(false);
  const runs = useQuery({
    ...exerciseQueries.runsOf(exercise.id, { limit: LIMIT, offset }),
    placeholderData: keepPreviousData,
    refetchInterval: (q) => (following || q.state.data?.items.some(advancing) ? POLL_MS : false),
  });
  const items = runs.data?.items ?? [];
  const busy = items.some(advancing);
  const done = items.filter((r) => r.status === "running").reduce((n, r) => n + r.advance_done, 0);
  const total = items.filter((r) => r.status === "running").reduce((n, r) => n + r.advance_total, 0);
  // The job has played every day: stop following (state adjusted while rendering), then read
  // the results and the exercise again (an effect, once following ends).
  if (following && runs.data && !runs.data.items.some(advancing) && !runs.isFetching) setFollowing(false);
  const wasFollowing = useRef(false);
  useEffect(() => {
    if (wasFollowing.current && !following) void exercisesChanged.exercise(queryClient, exercise.id);
    wasFollowing.current = following;
  }, [following, queryClient, exercise.id]);
  const advance = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST("/api/v1/exercises/{exercise_id}/advance", {
          params: { path: { exercise_id: exercise.id } },
          body: { days: 1, version: exercise.version },
        }),
      ),
    onSuccess: () => {
      setFollowing(true);
      return exercisesChanged.runsOf(queryClient, exercise.id);
    },
    onError: (error) => {
      if (isStaleVersion(error)) void exercisesChanged.exercise(queryClient, exercise.id);
    },
  });
  const running = (exercise.runs?.running ?? 0) > 0;
  const canAdvance = exercise.status === "published" && exercise.clock_mode === "on_request";
  return (
    <section className="card" aria-labelledby="exercise-runs">
      <h2 id="exercise-runs">Parcours des stagiaires</h2>
      {canAdvance && (
        <div className="card-actions">
          <button
            type="button"
            disabled={!running || advance.isPending || busy || following}
            onClick={() => advance.mutate()}
          >
            {advance.isPending || busy || following ? "Avance en cours…" : "Avancer tous les parcours d'un jour"}
          </button>
          {!running && <span className="muted">Aucun parcours en cours à avancer.</span>}
        </div>
      )}
      {exercise.clock_mode === "real_days" && (
        <p className="hint">L'horloge de cet exercice suit les jours réels : elle ne s'avance pas à la demande.</p>
      )}
      <div aria-live="polite">
        {(busy || following) && total > 0 && (
          <div className="advance-progress">
            <p id="advance-progress-label">
              Le marché joue la journée : {done} sur {total} jour{total > 1 ? "s" : ""} de parcours joué
              {done > 1 ? "s" : ""}.
            </p>
            <progress max={total} value={done} aria-labelledby="advance-progress-label" />
          </div>
        )}
        {advance.isSuccess && !busy && !following && (
          <p role="status" className="alert alert-info">
            Journée jouée pour {advance.data.length} parcours.
          </p>
        )}
      </div>
      {isStaleVersion(advance.error) ? (
        <div role="alert" className="alert alert-error">
          Cet exercice a été modifié entre-temps : la page vient d'être rechargée, recommencez.
        </div>
      ) : (
        <ErrorBanner error={advance.error} />
      )}
      <QueryState
        query={runs}
        busyLabel="Chargement des parcours…"
        empty={
          <EmptyState title="Aucun stagiaire n'a cet exercice.">
            Assignez-le ci-dessus à des stagiaires ou à une promotion.
          </EmptyState>
        }
      >
        {(data) => (
          <DataTable
            caption="Parcours des stagiaires"
            region="Parcours des stagiaires"
            headers={[
              "Stagiaire",
              "Statut",
              "Jour simulé",
              "Jours restants",
              "Dernière avance",
              "Démarré le",
              "Rendu le",
            ]}
            pager={{ offset, limit: LIMIT, total: data.total, onOffset: setOffset }}
          >
            {data.items.map((r) => (
              <tr key={r.id}>
                <th scope="row">{r.trainee_name || `Stagiaire n° ${r.trainee_id}`}</th>
                <td>
                  <span className={`status ${RUN_STATUS_CLASS[r.status]}`}>{RUN_STATUSES[r.status]}</span>
                </td>
                <td>{shortDay(r.today)}</td>
                <td>{r.status === "running" ? daysLeft(r.days_left) : "—"}</td>
                <td>
                  {r.advance_total > 0 ? (
                    <>
                      <progress
                        max={r.advance_total}
                        value={r.advance_done}
                        aria-label={`Dernière avance de ${r.trainee_name}`}
                      />{" "}
                      {r.advance_done} / {r.advance_total} j
                    </>
                  ) : (
                    "—"
                  )}
                </td>
                <td>{formatDate(r.started_at)}</td>
                <td>{formatDate(r.submitted_at)}</td>
              </tr>
            ))}
          </DataTable>
        )}
      </QueryState>
    </section>
  );
}
