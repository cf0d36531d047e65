// The watch area's server state: query keys, the queries reading them, and what each change
// makes stale. Pages use these instead of writing keys themselves.
import { queryOptions, type QueryClient } from "@tanstack/react-query";
import { api, unwrap } from "../client";
import type { Digest, QueryOf } from "../types";
import { invalidate } from "./invalidate";

const keys = {
  items: ["watch-items"] as const,
  sources: ["watch-sources"] as const,
  searches: ["watch-searches"] as const,
  digest: ["watch-digest"] as const,
  shared: ["watch-shared"] as const,
  competitors: ["competitors"] as const,
  matrix: ["competitor-matrix"] as const,
};

export const watchQueries = {
  items: (query: QueryOf<"/api/v1/watch/items">) =>
    queryOptions({
      queryKey: [...keys.items, query],
      queryFn: () => unwrap(api.GET("/api/v1/watch/items", { params: { query } })),
    }),
  /** The dashboard's latest items. */
  latestItems: () =>
    queryOptions({
      queryKey: [...keys.items, "latest"],
      queryFn: () => unwrap(api.GET("/api/v1/watch/items", { params: { query: { limit: 5 } } })),
    }),
  sources: () =>
    queryOptions({
      queryKey: keys.sources,
      queryFn: () => unwrap(api.GET("/api/v1/watch/sources", { params: { query: { limit: 200 } } })),
    }),
  searches: () =>
    queryOptions({
      queryKey: keys.searches,
      queryFn: () => unwrap(api.GET("/api/v1/watch/searches", { params: { query: { limit: 100 } } })),
    }),
  digest: (period: "week" | "month") =>
    queryOptions({
      queryKey: [...keys.digest, period],
      // The route answers JSON, Markdown or HTML: the JSON one is the Digest schema.
      queryFn: async () => (await unwrap(api.GET("/api/v1/watch/digest", { params: { query: { period } } }))) as Digest,
    }),
  shared: (limit: number, offset: number) =>
    queryOptions({
      queryKey: [...keys.shared, offset],
      queryFn: () => unwrap(api.GET("/api/v1/watch/shared", { params: { query: { limit, offset } } })),
    }),
  competitors: () =>
    queryOptions({
      queryKey: keys.competitors,
      queryFn: () => unwrap(api.GET("/api/v1/competitors", { params: { query: { limit: 200 } } })),
    }),
  matrix: () =>
    queryOptions({
      queryKey: keys.matrix,
      queryFn: () => unwrap(api.GET("/api/v1/competitors/matrix")),
    }),
};

/** What each change makes stale. */
export const watchChanged = {
  /** An item was classified, flagged, linked or deleted from its details. */
  item: (qc: QueryClient) => invalidate(qc, keys.items, keys.matrix),
  /** An item's read or starred flag. */
  itemFlags: (qc: QueryClient) => invalidate(qc, keys.items),
  /** An item typed in by hand (its source's counts change too). */
  itemAdded: (qc: QueryClient) => invalidate(qc, keys.items, keys.sources),
  /** A source created, edited or deleted (the matrix counts sources per competitor). */
  source: (qc: QueryClient) => invalidate(qc, keys.sources, keys.matrix),
  /** A source read again at once (new items). */
  sourceRefreshed: (qc: QueryClient) => invalidate(qc, keys.sources, keys.items),
  /** A source paused or resumed, or read again after a conflict. */
  sourceState: (qc: QueryClient) => invalidate(qc, keys.sources),
  searches: (qc: QueryClient) => invalidate(qc, keys.searches),
  competitor: (qc: QueryClient) => invalidate(qc, keys.matrix, keys.competitors),
  /** The matrix read again after a conflict. */
  matrix: (qc: QueryClient) => invalidate(qc, keys.matrix),
};
