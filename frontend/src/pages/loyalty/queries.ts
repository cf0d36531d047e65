// The loyalty's server state (CP8): the portfolio's analytics (segments, customers, inactive
// accounts, information regularity, co-purchase rules and their runs), the relaunch plans,
// campaigns, offers, surveys and events — query keys, the queries reading them, and what
// each change makes stale. (Kept beside the pages of the area; same shape as api/queries.)
import { queryOptions, type QueryClient } from "@tanstack/react-query";
import { api, unwrap } from "../../api/client";
import { invalidate } from "../../api/queries/invalidate";
import type { QueryOf } from "../../api/types";

const keys = {
  segments: ["loyalty-segments"] as const,
  customers: ["loyalty-customers"] as const,
  customer: ["loyalty-customer"] as const,
  inactive: ["loyalty-inactive"] as const,
  messages: ["loyalty-messages"] as const,
  information: ["loyalty-information"] as const,
  rules: ["loyalty-rules"] as const,
  run: (id: number) => ["loyalty-run", id] as const,
  plans: ["relaunch-plans"] as const,
  plan: (id: number) => ["relaunch-plan", id] as const,
  campaigns: ["loyalty-campaigns"] as const,
  campaign: (id: number) => ["loyalty-campaign", id] as const,
  offers: ["loyalty-offers"] as const,
  surveys: ["surveys"] as const,
  survey: (id: number) => ["survey", id] as const,
  events: ["loyalty-events"] as const,
  event: (id: number) => ["loyalty-event", id] as const,
  tasks: ["tasks"] as const,
};

export const loyaltyQueries = {
  segments: (query: QueryOf<"/api/v1/loyalty/segments">) =>
    queryOptions({
      queryKey: [...keys.segments, query],
      queryFn: () => unwrap(api.GET("/api/v1/loyalty/segments", { params: { query } })),
    }),
  customers: (query: QueryOf<"/api/v1/loyalty/customers">) =>
    queryOptions({
      queryKey: [...keys.customers, query],
      queryFn: () => unwrap(api.GET("/api/v1/loyalty/customers", { params: { query } })),
    }),
  customer: (id: number) =>
    queryOptions({
      queryKey: [...keys.customer, id],
      queryFn: () =>
        unwrap(api.GET("/api/v1/loyalty/customers/{prospect_id}", { params: { path: { prospect_id: id } } })),
    }),
  /** Every message recorded or refused (plans, campaigns, offers, surveys, invitations). */
  messages: (query: QueryOf<"/api/v1/loyalty/messages">) =>
    queryOptions({
      queryKey: [...keys.messages, query],
      queryFn: () => unwrap(api.GET("/api/v1/loyalty/messages", { params: { query } })),
    }),
  inactive: (query: QueryOf<"/api/v1/loyalty/inactive">) =>
    queryOptions({
      queryKey: [...keys.inactive, query],
      queryFn: () => unwrap(api.GET("/api/v1/loyalty/inactive", { params: { query } })),
    }),
  information: (query: QueryOf<"/api/v1/loyalty/information">) =>
    queryOptions({
      queryKey: [...keys.information, query],
      queryFn: () => unwrap(api.GET("/api/v1/loyalty/information", { params: { query } })),
    }),
  /** The last run's rules, best lift first. */
  rules: (query: QueryOf<"/api/v1/loyalty/recommendations">) =>
    queryOptions({
      queryKey: [...keys.rules, query],
      queryFn: () => unwrap(api.GET("/api/v1/loyalty/recommendations", { params: { query } })),
    }),
  run: (id: number) =>
    queryOptions({
      queryKey: keys.run(id),
      queryFn: () =>
        unwrap(api.GET("/api/v1/loyalty/recommendations/runs/{run_id}", { params: { path: { run_id: id } } })),
    }),
  plans: (query: QueryOf<"/api/v1/relaunch-plans">) =>
    queryOptions({
      queryKey: [...keys.plans, query],
      queryFn: () => unwrap(api.GET("/api/v1/relaunch-plans", { params: { query } })),
    }),
  plan: (id: number) =>
    queryOptions({
      queryKey: keys.plan(id),
      queryFn: () =>
        unwrap(api.GET("/api/v1/relaunch-plans/{relaunch_plan_id}", { params: { path: { relaunch_plan_id: id } } })),
    }),
  enrolments: (id: number, query: QueryOf<"/api/v1/relaunch-plans/{relaunch_plan_id}/enrolments">) =>
    queryOptions({
      queryKey: [...keys.plan(id), "enrolments", query],
      queryFn: () =>
        unwrap(
          api.GET("/api/v1/relaunch-plans/{relaunch_plan_id}/enrolments", {
            params: { path: { relaunch_plan_id: id }, query },
          }),
        ),
    }),
  planMessages: (id: number) =>
    queryOptions({
      queryKey: [...keys.plan(id), "messages"],
      queryFn: () =>
        unwrap(
          api.GET("/api/v1/relaunch-plans/{relaunch_plan_id}/messages", {
            params: { path: { relaunch_plan_id: id } },
          }),
        ),
    }),
  campaigns: (query: QueryOf<"/api/v1/loyalty-campaigns">) =>
    queryOptions({
      queryKey: [...keys.campaigns, query],
      queryFn: () => unwrap(api.GET("/api/v1/loyalty-campaigns", { params: { query } })),
    }),
  campaign: (id: number) =>
    queryOptions({
      queryKey: keys.campaign(id),
      queryFn: () =>
        unwrap(
          api.GET("/api/v1/loyalty-campaigns/{loyalty_campaign_id}", {
            params: { path: { loyalty_campaign_id: id } },
          }),
        ),
    }),
  campaignMessages: (id: number) =>
    queryOptions({
      queryKey: [...keys.campaign(id), "messages"],
      queryFn: () =>
        unwrap(
          api.GET("/api/v1/loyalty-campaigns/{loyalty_campaign_id}/messages", {
            params: { path: { loyalty_campaign_id: id } },
          }),
        ),
    }),
  offers: (query: QueryOf<"/api/v1/offers">) =>
    queryOptions({
      queryKey: [...keys.offers, query],
      queryFn: () => unwrap(api.GET("/api/v1/offers", { params: { query } })),
    }),
  surveys: (query: QueryOf<"/api/v1/surveys">) =>
    queryOptions({
      queryKey: [...keys.surveys, query],
      queryFn: () => unwrap(api.GET("/api/v1/surveys", { params: { query } })),
    }),
  survey: (id: number) =>
    queryOptions({
      queryKey: keys.survey(id),
      queryFn: () => unwrap(api.GET("/api/v1/surveys/{survey_id}", { params: { path: { survey_id: id } } })),
    }),
  events: (query: QueryOf<"/api/v1/loyalty-events">) =>
    queryOptions({
      queryKey: [...keys.events, query],
      queryFn: () => unwrap(api.GET("/api/v1/loyalty-events", { params: { query } })),
    }),
  event: (id: number) =>
    queryOptions({
      queryKey: keys.event(id),
      queryFn: () =>
        unwrap(api.GET("/api/v1/loyalty-events/{loyalty_event_id}", { params: { path: { loyalty_event_id: id } } })),
    }),
};

/** What each change makes stale. */
export const loyaltyChanged = {
  /** A detection or a relaunch task: the inactive accounts, the customers, the agenda's tasks. */
  inactive: (qc: QueryClient) => invalidate(qc, keys.inactive, keys.customers, keys.customer, keys.tasks),
  /** A rules computation finished: the rules and every customer's recommendations. */
  rules: (qc: QueryClient) => invalidate(qc, keys.rules, keys.customer),
  /** A plan written, customers enrolled, its steps advanced. */
  plan: (qc: QueryClient, id?: number) =>
    invalidate(qc, keys.plans, ...(id === undefined ? [] : [keys.plan(id)]), keys.information, keys.messages),
  /** A campaign written or sent: it, the list, the information report. */
  campaign: (qc: QueryClient, id?: number) =>
    invalidate(qc, keys.campaigns, ...(id === undefined ? [] : [keys.campaign(id)]), keys.information, keys.messages),
  /** An offer made, answered, converted or decided. */
  offers: (qc: QueryClient) => invalidate(qc, keys.offers, keys.messages),
  /** A survey sent or answered (a detractor's answer makes a task). */
  survey: (qc: QueryClient, id?: number) =>
    invalidate(qc, keys.surveys, ...(id === undefined ? [] : [keys.survey(id)]), keys.tasks, keys.messages),
  /** An event written, invitations sent, an answer or an attendance recorded. */
  event: (qc: QueryClient, id?: number) =>
    invalidate(qc, keys.events, ...(id === undefined ? [] : [keys.event(id)]), keys.information, keys.messages),
};
