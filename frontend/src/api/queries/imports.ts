// The imports' server state (jobs, their history, the server's import rules): query keys,
// the queries reading them, and what each change makes stale. Pages use these instead of
// writing keys themselves.
import { queryOptions, type QueryClient } from "@tanstack/react-query";
import { readImport, readImportRules } from "../imports";
import { api, unwrap } from "../client";
import type { ImportJobOut, QueryOf } from "../types";
import { invalidate } from "./invalidate";
import { prospectsChanged } from "./prospects";

const keys = {
  imports: ["imports"] as const,
  job: (id: number) => ["import", id] as const,
};

export const importQueries = {
  history: (query: QueryOf<"/api/v1/prospects/imports">) =>
    queryOptions({
      queryKey: [...keys.imports, query],
      queryFn: () => unwrap(api.GET("/api/v1/prospects/imports", { params: { query } })),
    }),
  /** One import (0 until the wizard has one). */
  job: (id: number | null) =>
    queryOptions({
      queryKey: keys.job(id ?? 0),
      queryFn: () => readImport(id as number),
    }),
  /** What a column may feed, formats and limits: read once per session. */
  rules: () =>
    queryOptions({
      queryKey: ["import-rules"],
      queryFn: readImportRules,
      staleTime: Infinity,
    }),
};

/** What each change makes stale. */
export const importsChanged = {
  /** An import started, committed or cancelled and answered with its new state. */
  job: (qc: QueryClient, job: ImportJobOut) => {
    qc.setQueryData(keys.job(job.id), job);
    return invalidate(qc, keys.imports);
  },
  /** An import cancelled: read it again, and the history. */
  cancelled: (qc: QueryClient, id: number) => invalidate(qc, keys.job(id), keys.imports),
  /** An import finished running: the history, and the prospects when it wrote them. */
  finished: (qc: QueryClient, committed: boolean) =>
    Promise.all([invalidate(qc, keys.imports), committed ? prospectsChanged.list(qc) : null]),
};
