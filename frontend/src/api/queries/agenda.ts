// The agenda's server state (the week's timeline, tasks, calendar feeds, and the records a
// task may link to): query keys, the queries reading them, and what each change makes stale.
// Pages use these instead of writing keys themselves.
import { queryOptions, type QueryClient } from "@tanstack/react-query";
import { api, unwrap } from "../client";
import type { QueryOf } from "../types";
import { invalidate } from "./invalidate";

const keys = {
  agenda: ["agenda"] as const,
  tasks: ["tasks"] as const,
  feeds: ["calendar-feeds"] as const,
  linkOptions: ["task-link-options"] as const,
};

export const agendaQueries = {
  /** The timeline of a period (days inclusive); a trainee's for staff (`traineeId`). */
  period: (from: string, to: string, traineeId?: number) =>
    queryOptions({
      queryKey: [...keys.agenda, from, to, traineeId ?? null],
      queryFn: () => unwrap(api.GET("/api/v1/agenda", { params: { query: { from, to, trainee_id: traineeId } } })),
    }),
  /** An appointment, to open the agenda on its week (a task's link). */
  appointment: (id: number) =>
    queryOptions({
      queryKey: [...keys.agenda, "appointment", id],
      queryFn: () =>
        unwrap(api.GET("/api/v1/appointments/{appointment_id}", { params: { path: { appointment_id: id } } })),
    }),
  tasks: (query: QueryOf<"/api/v1/tasks">) =>
    queryOptions({
      queryKey: [...keys.tasks, query],
      queryFn: () => unwrap(api.GET("/api/v1/tasks", { params: { query } })),
    }),
  task: (id: number) =>
    queryOptions({
      queryKey: [...keys.tasks, "one", id],
      queryFn: () => unwrap(api.GET("/api/v1/tasks/{task_id}", { params: { path: { task_id: id } } })),
    }),
  feeds: (limit: number, offset: number) =>
    queryOptions({
      queryKey: [...keys.feeds, offset],
      queryFn: () => unwrap(api.GET("/api/v1/calendar-feeds", { params: { query: { limit, offset } } })),
    }),
};

/** The records a task may link to, for the task form's selects (the latest first). */
export const linkOptionQueries = {
  appointments: () =>
    queryOptions({
      queryKey: [...keys.linkOptions, "appointments"],
      queryFn: () => unwrap(api.GET("/api/v1/appointments", { params: { query: { sort: "-starts_at", limit: 100 } } })),
    }),
  tours: () =>
    queryOptions({
      queryKey: [...keys.linkOptions, "tours"],
      queryFn: () => unwrap(api.GET("/api/v1/tours", { params: { query: { limit: 100 } } })),
    }),
  plans: () =>
    queryOptions({
      queryKey: [...keys.linkOptions, "plans"],
      queryFn: () => unwrap(api.GET("/api/v1/plans", { params: { query: { sort: "-starts_on", limit: 50 } } })),
    }),
  /** A plan with its actions. */
  plan: (id: number) =>
    queryOptions({
      queryKey: [...keys.linkOptions, "plan", id],
      queryFn: () => unwrap(api.GET("/api/v1/plans/{plan_id}", { params: { path: { plan_id: id } } })),
    }),
};

/** What each change makes stale. */
export const agendaChanged = {
  /** A task created, edited, ticked or deleted: the task lists and the agenda. */
  tasks: (qc: QueryClient) => invalidate(qc, keys.tasks, keys.agenda),
  feeds: (qc: QueryClient) => invalidate(qc, keys.feeds),
};
