// The sales' server state (opportunities, quotes and their figures, the trainer's approvals):
// query keys, the queries reading them, and what each change makes stale.
import { queryOptions, type QueryClient } from "@tanstack/react-query";
import { api, unwrap } from "../client";
import { ApiError } from "../problem";
import type { QueryOf } from "../types";
import { invalidate } from "./invalidate";

const keys = {
  opportunities: ["opportunities"] as const,
  opportunity: (id: number) => ["opportunity", id] as const,
  quotes: ["quotes"] as const,
  quote: (id: number) => ["quote", id] as const,
};

export const salesQueries = {
  opportunities: (query: QueryOf<"/api/v1/opportunities">) =>
    queryOptions({
      queryKey: [...keys.opportunities, query],
      queryFn: () => unwrap(api.GET("/api/v1/opportunities", { params: { query } })),
    }),
  opportunity: (id: number) =>
    queryOptions({
      queryKey: keys.opportunity(id),
      queryFn: () =>
        unwrap(api.GET("/api/v1/opportunities/{opportunity_id}", { params: { path: { opportunity_id: id } } })),
    }),
  quotes: (query: QueryOf<"/api/v1/quotes">) =>
    queryOptions({
      queryKey: [...keys.quotes, query],
      queryFn: () => unwrap(api.GET("/api/v1/quotes", { params: { query } })),
    }),
  /** A quote with every figure and, on demand, the breakdown's steps. */
  quote: (id: number, steps = false) =>
    queryOptions({
      queryKey: [...keys.quote(id), { steps }],
      queryFn: () =>
        unwrap(api.GET("/api/v1/quotes/{quote_id}", { params: { path: { quote_id: id }, query: { steps } } })),
    }),
};

/** What each change makes stale. */
export const salesChanged = {
  /** An opportunity written (its stage, a quote made for it): it and the lists. */
  opportunity: (qc: QueryClient, id: number) => invalidate(qc, keys.opportunity(id), keys.opportunities, keys.quotes),
  /** A quote written (sent, answered, approved...): it, the lists and its opportunity. */
  quote: (qc: QueryClient, id: number, opportunityId?: number) =>
    invalidate(
      qc,
      keys.quote(id),
      keys.quotes,
      keys.opportunities,
      ...(opportunityId ? [keys.opportunity(opportunityId)] : []),
    ),
};

/** An appointment's preparation sheet, report, what is known beside them, and the library. */
export const interviewQueries = {
  preparation: (appointmentId: number) =>
    queryOptions({
      queryKey: ["preparation", appointmentId],
      queryFn: () =>
        unwrap(
          api.GET("/api/v1/appointments/{appointment_id}/preparation", {
            params: { path: { appointment_id: appointmentId } },
          }),
        )
          // None yet: the page shows an empty form (wrapped, since a query's data is never null
          // for <QueryState>).
          .then((found) => ({ found }))
          .catch((error: unknown) => (isNotFound(error) ? { found: null } : Promise.reject(error))),
    }),
  report: (appointmentId: number) =>
    queryOptions({
      queryKey: ["report", appointmentId],
      queryFn: () =>
        unwrap(
          api.GET("/api/v1/appointments/{appointment_id}/report", {
            params: { path: { appointment_id: appointmentId } },
          }),
        )
          // None yet: the page shows an empty form (wrapped, since a query's data is never null
          // for <QueryState>).
          .then((found) => ({ found }))
          .catch((error: unknown) => (isNotFound(error) ? { found: null } : Promise.reject(error))),
    }),
  context: (appointmentId: number) =>
    queryOptions({
      queryKey: ["preparation", appointmentId, "context"],
      queryFn: () =>
        unwrap(
          api.GET("/api/v1/appointments/{appointment_id}/preparation/context", {
            params: { path: { appointment_id: appointmentId } },
          }),
        ),
    }),
};

function isNotFound(error: unknown): boolean {
  return error instanceof ApiError && error.status === 404;
}
