// The RGPD pages' server state (requests, consents, Bloctel, access log, retention,
// register): query keys, the queries reading them, and what each change makes stale. Pages
// use these instead of writing keys themselves.
import { queryOptions, type QueryClient } from "@tanstack/react-query";
import { api, unwrap } from "../client";
import type { QueryOf, RetentionReport } from "../types";
import { invalidate } from "./invalidate";
import { prospectsChanged } from "./prospects";

const keys = {
  requests: ["privacy-requests"] as const,
  consents: ["consents"] as const,
  bloctel: ["bloctel"] as const,
  retention: ["retention"] as const,
};

export const privacyQueries = {
  requests: (query: QueryOf<"/api/v1/privacy/requests">) =>
    queryOptions({
      queryKey: [...keys.requests, query],
      queryFn: () => unwrap(api.GET("/api/v1/privacy/requests", { params: { query } })),
    }),
  /** How many requests are past their due date (the total of a one-row page). */
  overdueCount: () =>
    queryOptions({
      queryKey: [...keys.requests, "overdue-count"],
      queryFn: () => unwrap(api.GET("/api/v1/privacy/requests", { params: { query: { overdue: true, limit: 1 } } })),
    }),
  /** A person's consents (a record, or one of its contacts); enabled once a record is chosen. */
  consents: (prospectId: number | undefined, contactId: number | null) =>
    queryOptions({
      queryKey: [...keys.consents, prospectId, contactId],
      queryFn: () =>
        unwrap(
          api.GET("/api/v1/prospects/{prospect_id}/consents", {
            params: { path: { prospect_id: prospectId! }, query: { contact_id: contactId ?? undefined } },
          }),
        ),
    }),
  bloctel: (limit: number, offset: number) =>
    queryOptions({
      queryKey: [...keys.bloctel, offset],
      queryFn: () => unwrap(api.GET("/api/v1/privacy/bloctel", { params: { query: { limit, offset } } })),
    }),
  accessLog: (query: QueryOf<"/api/v1/privacy/access-log">) =>
    queryOptions({
      queryKey: ["access-log", query],
      queryFn: () => unwrap(api.GET("/api/v1/privacy/access-log", { params: { query } })),
    }),
  retention: () =>
    queryOptions({
      queryKey: keys.retention,
      queryFn: () => unwrap(api.GET("/api/v1/privacy/retention")),
    }),
  register: () =>
    queryOptions({
      queryKey: ["privacy-register"],
      queryFn: () => unwrap(api.GET("/api/v1/privacy/register")) as Promise<Record<string, unknown>>,
    }),
};

/** What each change makes stale. */
export const privacyChanged = {
  /** A request created or settled: the requests, and the consents it may have withdrawn. */
  request: (qc: QueryClient) => invalidate(qc, keys.requests, keys.consents),
  consent: (qc: QueryClient, prospectId: number) => invalidate(qc, [...keys.consents, prospectId]),
  /** A Bloctel list checked: the reports, and the records it flagged. */
  bloctel: (qc: QueryClient) => Promise.all([invalidate(qc, keys.bloctel), prospectsChanged.list(qc)]),
  /** A simulated retention run answers the retention report. */
  retention: (qc: QueryClient, report: RetentionReport) => qc.setQueryData(keys.retention, report),
};
