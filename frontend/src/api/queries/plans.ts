// The commercial action plans' server state (plans, their progress and coherence findings, a
// cohort's progress, the metric registry): query keys, the queries reading them, and what
// each change makes stale. Pages use these instead of writing keys themselves.
import { queryOptions, type QueryClient } from "@tanstack/react-query";
import { api, unwrap } from "../client";
import type { QueryOf } from "../types";
import { invalidate } from "./invalidate";

const keys = {
  plans: ["plans"] as const,
  plan: (id: number) => ["plan", id] as const,
  metrics: ["metrics"] as const,
  cohortProgress: ["plans-cohort-progress"] as const,
};

export const planQueries = {
  list: (query: QueryOf<"/api/v1/plans">) =>
    queryOptions({
      queryKey: [...keys.plans, query],
      queryFn: () => unwrap(api.GET("/api/v1/plans", { params: { query } })),
    }),
  detail: (id: number) =>
    queryOptions({
      queryKey: keys.plan(id),
      queryFn: () => unwrap(api.GET("/api/v1/plans/{plan_id}", { params: { path: { plan_id: id } } })),
    }),
  progress: (id: number) =>
    queryOptions({
      queryKey: [...keys.plan(id), "progress"],
      queryFn: () => unwrap(api.GET("/api/v1/plans/{plan_id}/progress", { params: { path: { plan_id: id } } })),
    }),
  findings: (id: number) =>
    queryOptions({
      queryKey: [...keys.plan(id), "findings"],
      queryFn: () => unwrap(api.GET("/api/v1/plans/{plan_id}/findings", { params: { path: { plan_id: id } } })),
    }),
  /** One planned action (the agenda links to it: the page opens its plan there). */
  action: (id: number) =>
    queryOptions({
      queryKey: ["plan-action", id],
      queryFn: () => unwrap(api.GET("/api/v1/plan-actions/{action_id}", { params: { path: { action_id: id } } })),
    }),
  /** The metric registry: code, French label, unit (read once per session). */
  metrics: () =>
    queryOptions({
      queryKey: keys.metrics,
      queryFn: () => unwrap(api.GET("/api/v1/metrics")),
      staleTime: Infinity,
    }),
  cohortProgress: (cohortId: number) =>
    queryOptions({
      queryKey: [...keys.cohortProgress, cohortId],
      queryFn: () => unwrap(api.GET("/api/v1/plans/cohort-progress", { params: { query: { cohort_id: cohortId } } })),
    }),
};

/** What each change makes stale. */
export const plansChanged = {
  /** Anything of one plan written (the plan, an objective, an action, a decision): the
   * plan, its progress and findings, and the lists. */
  plan: (qc: QueryClient, id: number) => invalidate(qc, keys.plan(id), keys.plans, keys.cohortProgress),
  /** A plan created or deleted. */
  list: (qc: QueryClient) => invalidate(qc, keys.plans, keys.cohortProgress),
};
