// Users, cohorts and the competence catalogue (accounts, administration, the trainers'
// views): query keys, the queries reading them, and what each change makes stale. Pages use
// these instead of writing keys themselves.
import { queryOptions, type QueryClient } from "@tanstack/react-query";
import { api, unwrap } from "../client";
import type { QueryOf } from "../types";
import { invalidate } from "./invalidate";

const keys = {
  users: ["users"] as const,
  admin: ["admin"] as const,
};

/** The administration pages' filters of the user list, as the page keeps them. */
export type UserFilters = { q: string; role: string; cohortId: string; active: string };

export const userQueries = {
  list: (query: QueryOf<"/api/v1/users">) =>
    queryOptions({
      queryKey: [...keys.users, query],
      queryFn: () => unwrap(api.GET("/api/v1/users", { params: { query } })),
    }),
  /** Everybody (up to 200), to name the authors of the access log. */
  all: () =>
    queryOptions({
      queryKey: [...keys.users, "all"],
      queryFn: () => unwrap(api.GET("/api/v1/users", { params: { query: { limit: 200 } } })),
    }),
  /** The trainees (up to 200), to name the owners of requests. */
  trainees: () =>
    queryOptions({
      queryKey: [...keys.users, "trainees"],
      queryFn: () => unwrap(api.GET("/api/v1/users", { params: { query: { role: "trainee", limit: 200 } } })),
    }),
  /** The same, read once for every staff list that names record owners. */
  traineeNames: () =>
    queryOptions({
      queryKey: [...keys.users, "trainees", "names"],
      queryFn: () => unwrap(api.GET("/api/v1/users", { params: { query: { role: "trainee", limit: 200 } } })),
    }),
  cohorts: () =>
    queryOptions({
      queryKey: ["cohorts"],
      queryFn: () => unwrap(api.GET("/api/v1/cohorts", { params: { query: { limit: 200, sort: "name" } } })),
    }),
  competences: () =>
    queryOptions({
      queryKey: ["competences"],
      queryFn: () => unwrap(api.GET("/api/v1/competences")),
    }),
};

/** The administration pages' queries: all under one key, read again after any change. */
export const adminQueries = {
  users: (filters: UserFilters, limit: number, offset: number) =>
    queryOptions({
      queryKey: [...keys.admin, "users", filters.q, filters.role, filters.cohortId, filters.active, offset],
      queryFn: () =>
        unwrap(
          api.GET("/api/v1/users", {
            params: {
              query: {
                q: filters.q.trim() || undefined,
                role: (filters.role || undefined) as QueryOf<"/api/v1/users">["role"],
                cohort_id: filters.cohortId ? Number(filters.cohortId) : undefined,
                is_active: filters.active === "" ? undefined : filters.active === "true",
                limit,
                offset,
              },
            },
          }),
        ),
    }),
  allTrainees: () =>
    queryOptions({
      queryKey: [...keys.admin, "users", "trainees-all"],
      queryFn: () => unwrap(api.GET("/api/v1/users", { params: { query: { role: "trainee", limit: 200 } } })),
    }),
  activeTrainers: () =>
    queryOptions({
      queryKey: [...keys.admin, "users", "trainers"],
      queryFn: () =>
        unwrap(api.GET("/api/v1/users", { params: { query: { role: "trainer", is_active: true, limit: 200 } } })),
    }),
  /** The trainees a company tutor follows (PUT …/tutees replaces them). */
  tutees: (tutorId: number) =>
    queryOptions({
      queryKey: [...keys.admin, "tutees", tutorId],
      queryFn: () => unwrap(api.GET("/api/v1/users/{user_id}/tutees", { params: { path: { user_id: tutorId } } })),
    }),
  allCohorts: () =>
    queryOptions({
      queryKey: [...keys.admin, "cohorts", "all"],
      queryFn: () => unwrap(api.GET("/api/v1/cohorts", { params: { query: { limit: 200 } } })),
    }),
};

/** What each change makes stale. */
export const usersChanged = {
  /** A user or a cohort created, edited, moved or deleted by an administrator. */
  admin: (qc: QueryClient) => invalidate(qc, keys.admin),
};
