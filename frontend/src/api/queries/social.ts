// The social selling's server state (profiles, the content calendar and its posts, their
// measurements, the audience, the privacy checklists, the dashboard): query keys, the
// queries reading them, and what each change makes stale. `traineeId` / `owner_id`: the
// trainee staff read (undefined for a trainee, who reads their own).
import { queryOptions, type QueryClient } from "@tanstack/react-query";
import { api, unwrap } from "../client";
import { ApiError } from "../problem";
import type { QueryOf, Schemas as S } from "../types";
import { invalidate } from "./invalidate";

const keys = {
  dashboard: ["social-dashboard"] as const,
  profiles: ["social-profiles"] as const,
  posts: ["social-posts"] as const,
  post: (id: number) => ["social-post", id] as const,
  stats: ["social-stats"] as const,
  privacy: ["social-privacy"] as const,
};

const trainee = (traineeId: number | undefined) => (traineeId ? { trainee_id: traineeId } : {});

export const socialQueries = {
  dashboard: (query: QueryOf<"/api/v1/social/dashboard">) =>
    queryOptions({
      queryKey: [...keys.dashboard, query],
      queryFn: () => unwrap(api.GET("/api/v1/social/dashboard", { params: { query } })),
    }),
  profiles: (traineeId?: number) =>
    queryOptions({
      queryKey: [...keys.profiles, "list", traineeId ?? null],
      queryFn: () => unwrap(api.GET("/api/v1/social/profiles", { params: { query: trainee(traineeId) } })),
    }),
  /** A profile on a network, or null when none is written yet (the API's 404). */
  profile: (network: S["SocialNetwork"], traineeId?: number) =>
    queryOptions({
      queryKey: [...keys.profiles, network, traineeId ?? null],
      queryFn: async (): Promise<S["SocialProfileOut"] | null> => {
        try {
          return await unwrap(
            api.GET("/api/v1/social/profiles/{network}", {
              params: { path: { network }, query: trainee(traineeId) },
            }),
          );
        } catch (error) {
          if (error instanceof ApiError && error.status === 404) return null;
          throw error;
        }
      },
    }),
  /** The calendar's posts (by day planned). */
  posts: (query: QueryOf<"/api/v1/social/posts">) =>
    queryOptions({
      queryKey: [...keys.posts, query],
      queryFn: () => unwrap(api.GET("/api/v1/social/posts", { params: { query } })),
    }),
  post: (id: number) =>
    queryOptions({
      queryKey: keys.post(id),
      queryFn: () => unwrap(api.GET("/api/v1/social/posts/{post_id}", { params: { path: { post_id: id } } })),
    }),
  kpis: (id: number) =>
    queryOptions({
      queryKey: [...keys.post(id), "kpis"],
      queryFn: () => unwrap(api.GET("/api/v1/social/posts/{post_id}/kpis", { params: { path: { post_id: id } } })),
    }),
  /** The editor's live check of a post as written (nothing saved). */
  check: (body: S["SocialPostCheckIn"]) =>
    queryOptions({
      queryKey: ["social-post-check", body],
      queryFn: () => unwrap(api.POST("/api/v1/social/posts/check", { body })),
      retry: false,
    }),
  stats: (query: QueryOf<"/api/v1/social/stats">) =>
    queryOptions({
      queryKey: [...keys.stats, query],
      queryFn: () => unwrap(api.GET("/api/v1/social/stats", { params: { query } })),
    }),
  privacy: (traineeId?: number) =>
    queryOptions({
      queryKey: [...keys.privacy, traineeId ?? null],
      queryFn: () => unwrap(api.GET("/api/v1/social/privacy", { params: { query: trainee(traineeId) } })),
    }),
};

/** A profile saved: the profiles. */
export const profileChanged = (qc: QueryClient) => invalidate(qc, keys.profiles);

/** A post created, changed, approved, published or cancelled: the post, the calendar and the
 * dashboard (posts planned and published). */
export const postChanged = (qc: QueryClient, id?: number) =>
  invalidate(qc, keys.posts, keys.dashboard, ...(id ? [keys.post(id)] : []));

/** A measurement of a post saved: its measurements and figures, the calendar, the dashboard. */
export const kpiChanged = (qc: QueryClient, postId: number) =>
  invalidate(qc, keys.post(postId), keys.posts, keys.dashboard);

/** The audience measured: the measurements and the dashboard's growth. */
export const statChanged = (qc: QueryClient) => invalidate(qc, keys.stats, keys.dashboard);

/** A privacy checklist saved. */
export const privacyChanged = (qc: QueryClient) => invalidate(qc, keys.privacy);
