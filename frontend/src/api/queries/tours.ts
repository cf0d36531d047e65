// The tours' server state (tours, their mileage and suggestions, the base, the planner's
// inputs): query keys, the queries reading them, and what each change makes stale. Pages use
// these instead of writing keys themselves.
import { queryOptions, type QueryClient } from "@tanstack/react-query";
import { api, unwrap } from "../client";
import { ApiError } from "../problem";
import type { MileageOut, TourBaseOut, TourPlanIn, TourPlanOut } from "../types";
import { invalidate } from "./invalidate";

const keys = {
  tours: ["tours"] as const,
  tour: (id: number | null | undefined) => ["tour", id] as const,
  mileage: (id: number) => ["tour-mileage", id] as const,
  base: ["tour-base"] as const,
};

export const tourQueries = {
  list: (limit: number, offset: number) =>
    queryOptions({
      queryKey: [...keys.tours, offset],
      queryFn: () => unwrap(api.GET("/api/v1/tours", { params: { query: { limit, offset } } })),
    }),
  /** The dashboard's latest tours (today's among them). */
  latest: () =>
    queryOptions({
      queryKey: [...keys.tours, "latest"],
      queryFn: () => unwrap(api.GET("/api/v1/tours", { params: { query: { limit: 20 } } })),
    }),
  /** Every tour (up to 200), newest first, for a plan action's links. */
  options: () =>
    queryOptions({
      queryKey: [...keys.tours, "options"],
      queryFn: () => unwrap(api.GET("/api/v1/tours", { params: { query: { limit: 200 } } })),
    }),
  detail: (id: number) =>
    queryOptions({
      queryKey: keys.tour(id),
      queryFn: () => unwrap(api.GET("/api/v1/tours/{tour_id}", { params: { path: { tour_id: id } } })),
    }),
  mileage: (id: number) =>
    queryOptions({
      queryKey: keys.mileage(id),
      queryFn: () => unwrap(api.GET("/api/v1/tours/{tour_id}/mileage", { params: { path: { tour_id: id } } })),
    }),
  /** Prospects worth adding to a saved tour's day. */
  suggestions: (tourId: number, day: number) =>
    queryOptions({
      queryKey: ["tour-suggestions", tourId, day],
      queryFn: () =>
        unwrap(
          api.GET("/api/v1/tours/{tour_id}/suggestions", {
            params: { path: { tour_id: tourId }, query: { day, limit: 5 } },
          }),
        ),
    }),
  /** Prospects worth adding to a day of a plan not saved yet (`key` names the request). */
  planSuggestions: (planned: { key: string; request: TourPlanIn }, day: number) =>
    queryOptions({
      queryKey: ["plan-suggestions", planned.key, day],
      queryFn: () =>
        unwrap(
          api.POST("/api/v1/tours/plan/suggestions", {
            body: planned.request,
            params: { query: { day, limit: 6 } },
          }),
        ),
    }),
  /** The user's base, null when none is set yet. */
  base: () =>
    queryOptions({
      queryKey: keys.base,
      queryFn: async (): Promise<TourBaseOut | null> => {
        try {
          return await unwrap(api.GET("/api/v1/tour-base"));
        } catch (error) {
          if (error instanceof ApiError && error.status === 404) return null;
          throw error;
        }
      },
    }),
  /** Planned appointments from `now` on, to plan a tour around. */
  upcomingAppointments: (now: string) =>
    queryOptions({
      queryKey: ["tour-appointments", now],
      queryFn: () =>
        unwrap(
          api.GET("/api/v1/appointments", {
            params: { query: { starts_after: now, status: "planned", sort: "starts_at", limit: 20 } },
          }),
        ),
    }),
  prospectSearch: (term: string) =>
    queryOptions({
      queryKey: ["tour-prospect-search", term],
      queryFn: () => unwrap(api.GET("/api/v1/prospects", { params: { query: { q: term, limit: 10, sort: "name" } } })),
    }),
  emissionFactors: () =>
    queryOptions({
      queryKey: ["emission-factors"],
      queryFn: () => unwrap(api.GET("/api/v1/emission-factors")),
    }),
  /** The map's settings (tile server and attribution). */
  clientConfig: () =>
    queryOptions({
      queryKey: ["client-config"],
      queryFn: () => unwrap(api.GET("/api/v1/client-config")),
    }),
};

/** What each change makes stale. */
export const toursChanged = {
  /** A tour saved: the lists; the tour itself is the answer. */
  saved: (qc: QueryClient, saved: TourPlanOut) => {
    void invalidate(qc, keys.tours);
    qc.setQueryData(keys.tour(saved.id), saved);
  },
  deleted: (qc: QueryClient, id: number) => {
    void invalidate(qc, keys.tours);
    qc.removeQueries({ queryKey: keys.tour(id) });
  },
  mileage: (qc: QueryClient, tourId: number, mileage: MileageOut) => qc.setQueryData(keys.mileage(tourId), mileage),
  base: (qc: QueryClient, base: TourBaseOut) => qc.setQueryData(keys.base, base),
};
