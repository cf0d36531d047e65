// The business cases' server state (the organisation's cases, a case with its draft, its
// versions and assignments, the case a trainee works under): query keys, the queries reading
// them, and what each change makes stale. Pages use these instead of writing keys themselves.
import { queryOptions, type QueryClient } from "@tanstack/react-query";
import { api, unwrap } from "../client";
import type { QueryOf } from "../types";
import { invalidate } from "./invalidate";

const keys = {
  cases: ["business-cases"] as const,
  active: ["business-case-active"] as const,
};

export const businessCaseQueries = {
  list: (query: QueryOf<"/api/v1/business-cases">) =>
    queryOptions({
      queryKey: [...keys.cases, "list", query],
      queryFn: () => unwrap(api.GET("/api/v1/business-cases", { params: { query } })),
    }),
  /** The case the signed-in trainee works under (404 with a message when none). */
  active: () =>
    queryOptions({
      queryKey: keys.active,
      queryFn: () => unwrap(api.GET("/api/v1/business-cases/active")),
    }),
  /** A case and its document: the draft for its writers. */
  detail: (id: number) =>
    queryOptions({
      queryKey: [...keys.cases, id],
      queryFn: () => unwrap(api.GET("/api/v1/business-cases/{case_id}", { params: { path: { case_id: id } } })),
    }),
  versions: (id: number) =>
    queryOptions({
      queryKey: [...keys.cases, id, "versions"],
      queryFn: () =>
        unwrap(api.GET("/api/v1/business-cases/{case_id}/versions", { params: { path: { case_id: id } } })),
    }),
  /** One published version's document (a plan reads the version it was made under). */
  version: (id: number, number: number) =>
    queryOptions({
      queryKey: [...keys.cases, id, "versions", number],
      queryFn: () =>
        unwrap(
          api.GET("/api/v1/business-cases/{case_id}/versions/{number}", {
            params: { path: { case_id: id, number } },
          }),
        ),
      // A version never changes.
      staleTime: Infinity,
    }),
  assignments: (id: number) =>
    queryOptions({
      queryKey: [...keys.cases, id, "assignments"],
      queryFn: () =>
        unwrap(api.GET("/api/v1/business-cases/{case_id}/assignments", { params: { path: { case_id: id } } })),
    }),
};

/** What each change makes stale. */
export const businessCasesChanged = {
  /** A case created, edited, published, archived or (un)assigned: every case read. */
  any: (qc: QueryClient) => invalidate(qc, keys.cases, keys.active),
};
