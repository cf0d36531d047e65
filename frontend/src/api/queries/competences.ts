// Competences and the trainers' views (portfolios, assessments, evidence, a trainee's
// records): query keys, the queries reading them, and what each change makes stale. Pages use
// these instead of writing keys themselves.
import { queryOptions, type QueryClient } from "@tanstack/react-query";
import { api, unwrap } from "../client";
import type { QueryOf } from "../types";
import { invalidate } from "./invalidate";

const keys = {
  portfolio: (traineeId: number | "me") => ["portfolio", traineeId] as const,
  assessments: (traineeId: number) => ["assessments", traineeId] as const,
};

export const competenceQueries = {
  myPortfolio: () =>
    queryOptions({
      queryKey: keys.portfolio("me"),
      queryFn: () => unwrap(api.GET("/api/v1/me/portfolio")),
    }),
  portfolio: (traineeId: number) =>
    queryOptions({
      queryKey: keys.portfolio(traineeId),
      queryFn: () =>
        unwrap(api.GET("/api/v1/trainees/{trainee_id}/portfolio", { params: { path: { trainee_id: traineeId } } })),
    }),
  assessments: (traineeId: number, query: QueryOf<"/api/v1/trainees/{trainee_id}/assessments">) =>
    queryOptions({
      queryKey: [...keys.assessments(traineeId), query],
      queryFn: () =>
        unwrap(
          api.GET("/api/v1/trainees/{trainee_id}/assessments", {
            params: { path: { trainee_id: traineeId }, query },
          }),
        ),
    }),
  evidence: (traineeId: number, query: QueryOf<"/api/v1/trainees/{trainee_id}/evidence">) =>
    queryOptions({
      queryKey: ["trainee-evidence", traineeId, query],
      queryFn: () =>
        unwrap(
          api.GET("/api/v1/trainees/{trainee_id}/evidence", {
            params: { path: { trainee_id: traineeId }, query },
          }),
        ),
    }),
};

/** A trainee's records, one page at a time (the trainer's read-only tabs). */
export const traineeRecordQueries = {
  prospects: (ownerId: number, q: string, limit: number, offset: number) =>
    queryOptions({
      queryKey: ["trainee-prospects", ownerId, q, offset],
      queryFn: () =>
        unwrap(
          api.GET("/api/v1/prospects", {
            params: { query: { owner_id: ownerId, q: q.trim() || undefined, sort: "name", limit, offset } },
          }),
        ),
    }),
  tours: (ownerId: number, limit: number, offset: number) =>
    queryOptions({
      queryKey: ["trainee-tours", ownerId, offset],
      queryFn: () => unwrap(api.GET("/api/v1/tours", { params: { query: { owner_id: ownerId, limit, offset } } })),
    }),
  items: (ownerId: number, limit: number, offset: number) =>
    queryOptions({
      queryKey: ["trainee-items", ownerId, offset],
      queryFn: () =>
        unwrap(api.GET("/api/v1/watch/items", { params: { query: { owner_id: ownerId, limit, offset } } })),
    }),
  sources: (ownerId: number, limit: number, offset: number) =>
    queryOptions({
      queryKey: ["trainee-sources", ownerId, offset],
      queryFn: () =>
        unwrap(api.GET("/api/v1/watch/sources", { params: { query: { owner_id: ownerId, limit, offset } } })),
    }),
  competitors: (ownerId: number, limit: number, offset: number) =>
    queryOptions({
      queryKey: ["trainee-competitors", ownerId, offset],
      queryFn: () =>
        unwrap(api.GET("/api/v1/competitors", { params: { query: { owner_id: ownerId, limit, offset } } })),
    }),
  /** One record's summary, read when its preview opens. */
  preview: <T>(type: string, id: string, fetch: (type: string, id: string) => Promise<T>) =>
    queryOptions({
      queryKey: ["trainer-record", type, id],
      queryFn: () => fetch(type, id),
    }),
};

/** What each change makes stale. */
export const competencesChanged = {
  /** An assessment recorded: the trainee's portfolio and assessment history. */
  assessment: (qc: QueryClient, traineeId: number) =>
    invalidate(qc, keys.portfolio(traineeId), keys.assessments(traineeId)),
};
