// The presentation library's server state: query keys, the queries reading them, and what
// each change makes stale.
import { queryOptions, type QueryClient } from "@tanstack/react-query";
import { api, unwrap } from "../client";
import type { QueryOf } from "../types";
import { invalidate } from "./invalidate";

const keys = {
  list: ["presentations"] as const,
  one: (id: number) => ["presentation", id] as const,
};

export const presentationQueries = {
  list: (query: QueryOf<"/api/v1/presentations">) =>
    queryOptions({
      queryKey: [...keys.list, query],
      queryFn: () => unwrap(api.GET("/api/v1/presentations", { params: { query } })),
    }),
  /** A presentation with its variants side by side, checked against today's case. */
  one: (id: number) =>
    queryOptions({
      queryKey: keys.one(id),
      queryFn: () =>
        unwrap(api.GET("/api/v1/presentations/{presentation_id}", { params: { path: { presentation_id: id } } })),
    }),
};

/** What each change makes stale: the presentation and the library. */
export const presentationChanged = (qc: QueryClient, id?: number) =>
  invalidate(qc, keys.list, ...(id ? [keys.one(id)] : []));
