// The training exercises' server state (issue 21): the organisation's exercises, their
// templates, the market's parameter schema, the runs of an exercise and its results; a
// trainee's runs, a run's market events and the prospects of the simulated market. Query
// keys, the queries reading them, and what each change makes stale.
import { queryOptions, type QueryClient } from "@tanstack/react-query";
import { api, unwrap } from "../client";
import type { ExerciseOut, QueryOf, ResultsOut } from "../types";
import { invalidate } from "./invalidate";

const keys = {
  exercises: ["exercises"] as const,
  exercise: (id: number) => ["exercises", id] as const,
  runs: ["exercise-runs"] as const,
  run: (id: number) => ["exercise-runs", "one", id] as const,
  // Under the prospect lists' key: an exchange recorded anywhere refreshes them too.
  marketProspects: ["prospects", "market"] as const,
};

/** The tag every prospect of a simulated market carries in the trainee's file. */
export const MARKET_TAG = "marché simulé";

/** A text as the server's JSON columns store it (Python's `json.dumps`, non-ASCII escaped
 * as \uXXXX): the prospects' `tag` filter compares that text form. */
export function jsonEscaped(text: string): string {
  return text.replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

type ProspectQuery = QueryOf<"/api/v1/prospects">;

export const exerciseQueries = {
  list: (query: QueryOf<"/api/v1/exercises">) =>
    queryOptions({
      queryKey: [...keys.exercises, "list", query],
      queryFn: () => unwrap(api.GET("/api/v1/exercises", { params: { query } })),
    }),
  detail: (id: number) =>
    queryOptions({
      queryKey: keys.exercise(id),
      queryFn: () => unwrap(api.GET("/api/v1/exercises/{exercise_id}", { params: { path: { exercise_id: id } } })),
    }),
  /** The ready-made exercises (they change with a release only). */
  templates: () =>
    queryOptions({
      queryKey: [...keys.exercises, "templates"],
      queryFn: () => unwrap(api.GET("/api/v1/exercises/templates")),
      staleTime: Infinity,
    }),
  /** The JSON Schema of the market's parameters (groups, bounds, French descriptions). */
  marketSchema: () =>
    queryOptions({
      queryKey: [...keys.exercises, "market-schema"],
      queryFn: () => unwrap(api.GET("/api/v1/exercises/market-schema")),
      staleTime: Infinity,
    }),
  runsOf: (exerciseId: number, query: QueryOf<"/api/v1/exercises/{exercise_id}/runs">) =>
    queryOptions({
      queryKey: [...keys.exercise(exerciseId), "runs", query],
      queryFn: () =>
        unwrap(
          api.GET("/api/v1/exercises/{exercise_id}/runs", {
            params: { path: { exercise_id: exerciseId }, query },
          }),
        ),
    }),
  results: (exerciseId: number) =>
    queryOptions({
      queryKey: [...keys.exercise(exerciseId), "results"],
      // JSON here (the route also answers CSV, which the generated type adds as `unknown`).
      queryFn: () =>
        unwrap(
          api.GET("/api/v1/exercises/{exercise_id}/results", {
            params: { path: { exercise_id: exerciseId }, query: { format: "json" } },
          }),
        ) as Promise<ResultsOut>,
    }),
  /** The signed-in trainee's runs. */
  myRuns: (query: QueryOf<"/api/v1/exercise-runs">) =>
    queryOptions({
      queryKey: [...keys.runs, "list", query],
      queryFn: () => unwrap(api.GET("/api/v1/exercise-runs", { params: { query } })),
    }),
  run: (id: number) =>
    queryOptions({
      queryKey: keys.run(id),
      queryFn: () => unwrap(api.GET("/api/v1/exercise-runs/{run_id}", { params: { path: { run_id: id } } })),
    }),
  events: (runId: number, query: QueryOf<"/api/v1/exercise-runs/{run_id}/events">) =>
    queryOptions({
      queryKey: [...keys.run(runId), "events", query],
      queryFn: () =>
        unwrap(api.GET("/api/v1/exercise-runs/{run_id}/events", { params: { path: { run_id: runId }, query } })),
    }),
  /** The prospects of the trainee's simulated markets (tagged « marché simulé »). The tag is
   * sent as written; when the server finds none, it is sent again as its JSON columns store
   * it (the filter compares their text form, where « é » is « \u00e9 »). */
  marketProspects: (query: Omit<ProspectQuery, "tag">) =>
    queryOptions({
      queryKey: [...keys.marketProspects, query],
      queryFn: async () => {
        const read = (tag: string) => unwrap(api.GET("/api/v1/prospects", { params: { query: { ...query, tag } } }));
        const page = await read(MARKET_TAG);
        const escaped = jsonEscaped(MARKET_TAG);
        return page.total === 0 && escaped !== MARKET_TAG ? read(escaped) : page;
      },
    }),
};

/** What each change makes stale. */
export const exercisesChanged = {
  /** An exercise saved by a form: the answer is the exercise; its runs, results and the lists follow. */
  saved: (qc: QueryClient, saved: ExerciseOut) => {
    qc.setQueryData(keys.exercise(saved.id), saved);
    return invalidate(
      qc,
      [...keys.exercises, "list"],
      [...keys.exercise(saved.id), "runs"],
      [...keys.exercise(saved.id), "results"],
    );
  },
  /** An exercise created, edited, published, closed, assigned or advanced: its reads and the lists. */
  exercise: (qc: QueryClient, id?: number) =>
    invalidate(qc, id === undefined ? keys.exercises : keys.exercise(id), [...keys.exercises, "list"]),
  /** The runs of an exercise (their progress while the cohort advance runs). */
  runsOf: (qc: QueryClient, id: number) =>
    invalidate(qc, [...keys.exercise(id), "runs"], [...keys.exercise(id), "results"]),
  /** A run started, advanced or submitted, or an action answered: the run, its events, the
   * trainee's lists and the market's prospects (their next contact, their status). */
  run: (qc: QueryClient) => invalidate(qc, keys.runs, keys.marketProspects),
};
