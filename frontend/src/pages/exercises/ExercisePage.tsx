// An exercise for its trainers: its status and actions (export, publish, close, delete), its
// parameters, the tuning of its simulated market, its assignment, the runs of its trainees
// (with the cohort advance) and their results.
import { useQuery } from "@tanstack/react-query";
import { Link, useParams } from "react-router-dom";
import { exerciseQueries } from "../../api/queries/exercises";
import type { ExerciseOut } from "../../api/types";
import { QueryState } from "../../components/QueryState";
import { PageFrame, formatDate } from "../../components/ui";
import { CLOCK_MODES, EXERCISE_STATUSES, EXERCISE_STATUS_CLASS } from "../../labels/exercises";
import { InPageNav } from "../trainer/InPageNav";
import { AssignmentCard } from "./AssignmentCard";
import { ExerciseActions } from "./ExerciseActions";
import { ExerciseForm } from "./ExerciseForm";
import { runCounts } from "./format";
import { MarketCard } from "./MarketCard";
import { ResultsCard } from "./ResultsCard";
import { RunsCard } from "./RunsCard";
import "./exercises.css";

const PARTS = [
  { target: "exercise-settings", label: "Paramètres" },
  { target: "exercise-market", label: "Marché simulé" },
  { target: "exercise-assignment", label: "Attribution" },
  { target: "exercise-runs", label: "Parcours" },
  { target: "exercise-results", label: "Résultats" },
];

const OPERATIONS = [
  "read_exercise",
  "update_exercise",
  "market_schema",
  "export_exercise",
  "publish_exercise",
  "close_exercise",
  "delete_exercise",
  "assign_exercise",
  "list_runs_of_exercise",
  "advance_exercise_runs",
  "read_exercise_results",
] as const;

/** Whether a trainee started a run: the market, the length and the first day are then fixed. */
export function isStarted(e: ExerciseOut): boolean {
  return Object.entries(e.runs ?? {}).some(([status, n]) => status !== "not_started" && n > 0);
}

export function ExercisePage() {
  const id = Number(useParams().id);
  const exercise = useQuery(exerciseQueries.detail(id));
  return (
    <PageFrame title={exercise.data ? `Exercice « ${exercise.data.title} »` : "Exercice"} operations={OPERATIONS}>
      <p>
        <Link to="/exercices">← Tous les exercices</Link>
      </p>
      <QueryState query={exercise} busyLabel="Chargement de l'exercice…">
        {(e) => <ExerciseBody exercise={e} />}
      </QueryState>
    </PageFrame>
  );
}

function ExerciseBody({ exercise: e }: { exercise: ExerciseOut }) {
  const started = isStarted(e);
  return (
    <>
      <section className="card exercise-summary" aria-label="L'exercice en bref">
        <p>
          <span className={`status ${EXERCISE_STATUS_CLASS[e.status]}`}>{EXERCISE_STATUSES[e.status]}</span> {e.days}{" "}
          jours simulés · horloge {CLOCK_MODES[e.clock_mode].toLowerCase()} · parcours : {runCounts(e.runs ?? {})}
          {e.published_at && ` · publié le ${formatDate(e.published_at)}`}
          {e.closed_at && ` · clos le ${formatDate(e.closed_at)}`}
        </p>
        {e.status === "draft" && (
          <p className="hint">
            Un brouillon : les stagiaires assignés ne le voient qu'une fois publié (le cas d'entreprise est alors
            obligatoire).
          </p>
        )}
        <ExerciseActions exercise={e} started={started} />
      </section>
      <InPageNav parts={PARTS} />
      <section className="card" aria-labelledby="exercise-settings">
        <h2 id="exercise-settings">Paramètres</h2>
        {e.status === "closed" && <p className="muted">Cet exercice est clos : ses paramètres ne changent plus.</p>}
        <ExerciseForm exercise={e} started={started} />
      </section>
      <MarketCard exercise={e} started={started} />
      <AssignmentCard exercise={e} />
      <RunsCard exercise={e} />
      <ResultsCard exercise={e} />
    </>
  );
}
