// A trainee's run of an exercise: the simulated clock and its steps, the instructions
// (Markdown) and objectives, the market to call and write to while the run is open, and the
// market's journal. What the market answers is written in the file, the timeline and the
// agenda: the answers and the journal link to those records.
import { useQuery } from "@tanstack/react-query";
import { Link, useParams } from "react-router-dom";
import { exerciseQueries } from "../../api/queries/exercises";
import type { ExerciseOut, ExerciseRunOut } from "../../api/types";
import { QueryState } from "../../components/QueryState";
import { ErrorBanner, PageFrame } from "../../components/ui";
import { RUN_STATUSES, RUN_STATUS_CLASS } from "../../labels/exercises";
import { ClockCard } from "./ClockCard";
import { EventsCard } from "./EventsCard";
import { Markdown } from "./Markdown";
import { MarketPanel } from "./MarketPanel";
import "./exercises.css";

const OPERATIONS = [
  "read_exercise_run",
  "read_exercise",
  "start_exercise_run",
  "advance_exercise_run",
  "submit_exercise_run",
  "call_market_prospect",
  "email_market_prospect",
  "list_market_events",
] as const;

export function RunPage() {
  const id = Number(useParams().id);
  const run = useQuery(exerciseQueries.run(id));
  return (
    <PageFrame title={run.data?.exercise_title || "Exercice"} operations={OPERATIONS}>
      <p>
        <Link to="/mes-exercices">← Mes exercices</Link>
      </p>
      <QueryState query={run} busyLabel="Chargement du parcours…">
        {(r) => <RunBody run={r} />}
      </QueryState>
    </PageFrame>
  );
}

function RunBody({ run }: { run: ExerciseRunOut }) {
  const exercise = useQuery(exerciseQueries.detail(run.exercise_id));
  return (
    <>
      <p>
        Statut : <span className={`status ${RUN_STATUS_CLASS[run.status]}`}>{RUN_STATUSES[run.status]}</span>
      </p>
      <ClockCard run={run} exercise={exercise.data} />
      <ErrorBanner error={exercise.error} />
      {exercise.data && <Instructions exercise={exercise.data} />}
      {run.status === "running" && <MarketPanel run={run} />}
      {run.status !== "not_started" && <EventsCard runId={run.id} />}
    </>
  );
}

function Instructions({ exercise }: { exercise: ExerciseOut }) {
  return (
    <section className="card" aria-labelledby="run-instructions">
      <h2 id="run-instructions">Consignes</h2>
      {exercise.instructions.trim() ? (
        <Markdown source={exercise.instructions} headingLevel={3} />
      ) : (
        <p className="muted">Pas de consigne écrite pour cet exercice.</p>
      )}
      {exercise.objectives.length > 0 && (
        <>
          <h3>Objectifs</h3>
          <ul>
            {exercise.objectives.map((o, i) => (
              <li key={i}>
                {String(o.label || o.metric)} : {String(o.target).replace(".", ",")}
              </li>
            ))}
          </ul>
        </>
      )}
      {exercise.competences.length > 0 && (
        <p className="muted">Compétences visées : {exercise.competences.join(", ")}.</p>
      )}
      {exercise.requires_note && (
        <p>
          Une note de synthèse est attendue : rédigez-la dans <Link to="/analyses">Analyse des écarts</Link>.
        </p>
      )}
    </section>
  );
}
