// The gap analysis's server state (CP4): analyses, their figures, causes and corrective
// actions, the synthesis notes with their versions and comments, the queue of notes to read,
// the cohort dashboard — query keys, the queries reading them, and what each change makes
// stale. Pages use these instead of writing keys themselves.
import { queryOptions, type QueryClient } from "@tanstack/react-query";
import { api, unwrap } from "../client";
import type { QueryOf } from "../types";
import { invalidate } from "./invalidate";

const keys = {
  analyses: ["analyses"] as const,
  analysis: (id: number) => ["analysis", id] as const,
  anyAnalysis: ["analysis"] as const,
  notes: ["notes"] as const,
  note: (id: number) => ["note", id] as const,
  dashboard: ["cohort-dashboard"] as const,
};

const analysisPath = (id: number) => ({ params: { path: { analysis_id: id } } });
const notePath = (id: number) => ({ params: { path: { note_id: id } } });
const versionPath = (id: number, number: number) => ({ params: { path: { note_id: id, number } } });

export const analysisQueries = {
  list: (query: QueryOf<"/api/v1/analyses">) =>
    queryOptions({
      queryKey: [...keys.analyses, query],
      queryFn: () => unwrap(api.GET("/api/v1/analyses", { params: { query } })),
    }),
  detail: (id: number) =>
    queryOptions({
      queryKey: keys.analysis(id),
      queryFn: () => unwrap(api.GET("/api/v1/analyses/{analysis_id}", analysisPath(id))),
    }),
  /** Computed on every read by the server (records may change): read again after a write. */
  figures: (id: number) =>
    queryOptions({
      queryKey: [...keys.analysis(id), "figures"],
      queryFn: () => unwrap(api.GET("/api/v1/analyses/{analysis_id}/figures", analysisPath(id))),
    }),
  causes: (id: number) =>
    queryOptions({
      queryKey: [...keys.analysis(id), "causes"],
      queryFn: () => unwrap(api.GET("/api/v1/analyses/{analysis_id}/causes", analysisPath(id))),
    }),
  actions: (id: number) =>
    queryOptions({
      queryKey: [...keys.analysis(id), "actions"],
      queryFn: () => unwrap(api.GET("/api/v1/analyses/{analysis_id}/actions", analysisPath(id))),
    }),
  proposals: (analysisId: number, causeId: number) =>
    queryOptions({
      queryKey: [...keys.analysis(analysisId), "proposals", causeId],
      queryFn: () =>
        unwrap(api.GET("/api/v1/causes/{cause_id}/proposals", { params: { path: { cause_id: causeId } } })),
    }),
  /** Keyed by the action's version too: an edited action is never shown with its former checks. */
  feasibility: (analysisId: number, actionId: number, version: number, planId: number | null) =>
    queryOptions({
      queryKey: [...keys.analysis(analysisId), "feasibility", actionId, version, planId],
      queryFn: () =>
        unwrap(
          api.GET("/api/v1/corrective-actions/{corrective_id}/feasibility", {
            params: { path: { corrective_id: actionId }, query: { plan_id: planId ?? undefined } },
          }),
        ),
    }),
};

export const noteQueries = {
  list: (query: QueryOf<"/api/v1/notes">) =>
    queryOptions({
      queryKey: [...keys.notes, query],
      queryFn: () => unwrap(api.GET("/api/v1/notes", { params: { query } })),
    }),
  /** The latest submitted versions the caller has not read (trainer, tutor). */
  queue: () =>
    queryOptions({
      queryKey: [...keys.notes, "queue"],
      queryFn: () => unwrap(api.GET("/api/v1/notes/queue")),
    }),
  detail: (id: number) =>
    queryOptions({
      queryKey: keys.note(id),
      queryFn: () => unwrap(api.GET("/api/v1/notes/{note_id}", notePath(id))),
    }),
  /** The draft as the server renders it (sanitised HTML, charts as inline SVG). */
  preview: (id: number) =>
    queryOptions({
      queryKey: [...keys.note(id), "preview"],
      queryFn: () => unwrap(api.GET("/api/v1/notes/{note_id}/preview", notePath(id))),
    }),
  versions: (id: number) =>
    queryOptions({
      queryKey: [...keys.note(id), "versions"],
      queryFn: () => unwrap(api.GET("/api/v1/notes/{note_id}/versions", notePath(id))),
    }),
  versionPreview: (id: number, number: number) =>
    queryOptions({
      queryKey: [...keys.note(id), "version", number, "preview"],
      queryFn: () => unwrap(api.GET("/api/v1/notes/{note_id}/versions/{number}/preview", versionPath(id, number))),
      staleTime: Infinity, // a submitted version is frozen
    }),
  comments: (id: number, number: number) =>
    queryOptions({
      queryKey: [...keys.note(id), "version", number, "comments"],
      queryFn: () => unwrap(api.GET("/api/v1/notes/{note_id}/versions/{number}/comments", versionPath(id, number))),
    }),
};

export const dashboardQueries = {
  cohort: (cohortId: number, from: string, to: string) =>
    queryOptions({
      queryKey: [...keys.dashboard, cohortId, from, to],
      queryFn: () =>
        unwrap(
          api.GET("/api/v1/cohorts/{cohort_id}/dashboard", {
            params: { path: { cohort_id: cohortId }, query: { from: from || undefined, to: to || undefined } },
          }),
        ),
    }),
};

/** What each change makes stale. */
export const analysesChanged = {
  /** An analysis created or deleted. */
  list: (qc: QueryClient) => invalidate(qc, keys.analyses, keys.dashboard),
  /** Anything of one analysis written (diagnosis, a cause, an action): the analysis, its
   * figures, causes, actions, and the lists that count them. */
  analysis: (qc: QueryClient, id: number) => invalidate(qc, keys.analysis(id), keys.analyses),
};

export const notesChanged = {
  /** A note drafted, rewritten, submitted, read or commented: the note, its versions, the
   * lists and queue, the analyses that name its status, the dashboard's queue. */
  note: (qc: QueryClient, id: number) =>
    invalidate(qc, keys.note(id), keys.notes, keys.anyAnalysis, keys.analyses, keys.dashboard),
};
