// The prospect file's server state (prospects, contacts, consents, appointments, campaigns,
// personas, call scripts): query keys, the queries reading them, and what each change makes
// stale. Pages use these instead of writing keys themselves.
import { queryOptions, type QueryClient } from "@tanstack/react-query";
import { api, unwrap } from "../client";
import type { ProspectMerge, ProspectOut, QueryOf } from "../types";
import { invalidate } from "./invalidate";

const keys = {
  prospects: ["prospects"] as const,
  prospect: (id: number) => ["prospect", id] as const,
  due: ["prospects-due"] as const,
  contacts: (prospectId: number) => ["prospect-contacts", prospectId] as const,
  consents: (prospectId: number) => ["prospect-consents", prospectId] as const,
  channelPolicy: (prospectId: number) => ["channel-policy", prospectId] as const,
  timeline: (prospectId: number) => ["prospect-timeline", prospectId] as const,
  appointments: ["appointments"] as const,
  campaigns: ["campaigns"] as const,
  personas: ["personas"] as const,
  scripts: ["call-scripts"] as const,
};

export const prospectQueries = {
  list: (query: QueryOf<"/api/v1/prospects">) =>
    queryOptions({
      queryKey: [...keys.prospects, query],
      queryFn: () => unwrap(api.GET("/api/v1/prospects", { params: { query } })),
    }),
  /** The record pickers' search (ten at most). */
  picker: (q: string | null) =>
    queryOptions({
      queryKey: [...keys.prospects, "picker", q],
      queryFn: () => unwrap(api.GET("/api/v1/prospects", { params: { query: { q: q || undefined, limit: 10 } } })),
    }),
  detail: (id: number) =>
    queryOptions({
      queryKey: keys.prospect(id),
      queryFn: () => unwrap(api.GET("/api/v1/prospects/{prospect_id}", { params: { path: { prospect_id: id } } })),
    }),
  /** Next contacts due on or before a day, latest first (the dashboard). */
  due: (today: string, limit: number) =>
    queryOptions({
      queryKey: [...keys.due, today],
      queryFn: () =>
        unwrap(
          api.GET("/api/v1/prospects", {
            params: { query: { next_contact_before: today, sort: "-next_contact_on", limit } },
          }),
        ),
    }),
  /** How many next contacts are due before a day (the total of a one-row page). */
  dueBeforeCount: (today: string, before: string) =>
    queryOptions({
      queryKey: [...keys.due, "overdue-count", today],
      queryFn: () =>
        unwrap(api.GET("/api/v1/prospects", { params: { query: { next_contact_before: before, limit: 1 } } })),
    }),
  contacts: (prospectId: number) =>
    queryOptions({
      queryKey: keys.contacts(prospectId),
      queryFn: () =>
        unwrap(
          api.GET("/api/v1/prospects/{prospect_id}/contacts", {
            params: { path: { prospect_id: prospectId }, query: { limit: 200 } },
          }),
        ),
    }),
  /** The same contacts, as the RGPD pages' person picker reads them. */
  pickerContacts: (prospectId: number) =>
    queryOptions({
      queryKey: ["contacts", prospectId],
      queryFn: () =>
        unwrap(
          api.GET("/api/v1/prospects/{prospect_id}/contacts", {
            params: { path: { prospect_id: prospectId }, query: { limit: 200 } },
          }),
        ),
    }),
  consents: (prospectId: number, contactId: number | null) =>
    queryOptions({
      queryKey: [...keys.consents(prospectId), contactId],
      queryFn: () =>
        unwrap(
          api.GET("/api/v1/prospects/{prospect_id}/consents", {
            params: { path: { prospect_id: prospectId }, query: { contact_id: contactId ?? undefined } },
          }),
        ),
    }),
  channelPolicy: (prospectId: number, query: QueryOf<"/api/v1/prospects/{prospect_id}/channel-policy">) =>
    queryOptions({
      queryKey: [...keys.channelPolicy(prospectId), query],
      queryFn: () =>
        unwrap(
          api.GET("/api/v1/prospects/{prospect_id}/channel-policy", {
            params: { path: { prospect_id: prospectId }, query },
          }),
        ),
    }),
  timeline: (prospectId: number) =>
    queryOptions({
      queryKey: keys.timeline(prospectId),
      queryFn: () =>
        unwrap(
          api.GET("/api/v1/prospects/{prospect_id}/timeline", {
            params: { path: { prospect_id: prospectId }, query: { limit: 200 } },
          }),
        ),
    }),
  appointments: (prospectId: number) =>
    queryOptions({
      queryKey: [...keys.appointments, { prospect_id: prospectId }],
      queryFn: () =>
        unwrap(
          api.GET("/api/v1/appointments", {
            params: { query: { prospect_id: prospectId, sort: "-starts_at", limit: 50 } },
          }),
        ),
    }),
  /** What merging would give (a dry run): read again whenever a record or a choice changes. */
  mergePreview: (survivor: ProspectOut, duplicate: ProspectOut, body: Omit<ProspectMerge, "dry_run">) =>
    queryOptions({
      queryKey: ["merge-preview", survivor.id, duplicate.id, survivor.version, duplicate.version, body.choices],
      queryFn: () =>
        unwrap(
          api.POST("/api/v1/prospects/{prospect_id}/merge", {
            params: { path: { prospect_id: survivor.id } },
            body: { ...body, dry_run: true },
          }),
        ),
    }),
  campaigns: (limit: number, offset: number) =>
    queryOptions({
      queryKey: [...keys.campaigns, { offset }],
      queryFn: () => unwrap(api.GET("/api/v1/campaigns", { params: { query: { limit, offset } } })),
    }),
  /** Every campaign by name, for a select. */
  campaignOptions: () =>
    queryOptions({
      queryKey: [...keys.campaigns, "options"],
      queryFn: () => unwrap(api.GET("/api/v1/campaigns", { params: { query: { limit: 100, sort: "name" } } })),
    }),
  campaign: (id: number) =>
    queryOptions({
      queryKey: [...keys.campaigns, id],
      queryFn: () => unwrap(api.GET("/api/v1/campaigns/{campaign_id}", { params: { path: { campaign_id: id } } })),
    }),
  campaignMembers: (id: number, limit: number, offset: number) =>
    queryOptions({
      queryKey: [...keys.campaigns, id, "members", offset],
      queryFn: () =>
        unwrap(
          api.GET("/api/v1/campaigns/{campaign_id}/members", {
            params: { path: { campaign_id: id }, query: { limit, offset } },
          }),
        ),
    }),
  personas: (limit: number, offset: number) =>
    queryOptions({
      queryKey: [...keys.personas, { offset }],
      queryFn: () => unwrap(api.GET("/api/v1/personas", { params: { query: { limit, offset, sort: "name" } } })),
    }),
  /** Every persona (up to 200), to name them in lists and filters. */
  allPersonas: () =>
    queryOptions({
      queryKey: [...keys.personas, "all"],
      queryFn: () => unwrap(api.GET("/api/v1/personas", { params: { query: { limit: 200 } } })),
    }),
  /** Every persona by name, for a select. */
  personaOptions: () =>
    queryOptions({
      queryKey: [...keys.personas, "options"],
      queryFn: () => unwrap(api.GET("/api/v1/personas", { params: { query: { limit: 100, sort: "name" } } })),
    }),
  scripts: (query: QueryOf<"/api/v1/call-scripts">) =>
    queryOptions({
      queryKey: [...keys.scripts, query],
      queryFn: () => unwrap(api.GET("/api/v1/call-scripts", { params: { query } })),
    }),
  /** Every call script (up to 200), for the interaction form. */
  allScripts: () =>
    queryOptions({
      queryKey: [...keys.scripts, "all"],
      queryFn: () => unwrap(api.GET("/api/v1/call-scripts", { params: { query: { limit: 200 } } })),
    }),
  /** Call scripts for a select. */
  scriptOptions: () =>
    queryOptions({
      queryKey: [...keys.scripts, "options"],
      queryFn: () => unwrap(api.GET("/api/v1/call-scripts", { params: { query: { limit: 100 } } })),
    }),
};

/** What each change makes stale. */
export const prospectsChanged = {
  /** A record created or edited by its form: the lists; the record itself is the answer. */
  saved: (qc: QueryClient, saved: ProspectOut) => {
    void invalidate(qc, keys.prospects, keys.due);
    qc.setQueryData(keys.prospect(saved.id), saved);
  },
  /** A status changed on the record's page (the change is in its history). */
  status: (qc: QueryClient, saved: ProspectOut) => {
    qc.setQueryData(keys.prospect(saved.id), saved);
    return invalidate(qc, keys.timeline(saved.id), keys.prospects);
  },
  /** The prospect lists (a merge, a Bloctel check, a persona's matches, a committed import…). */
  list: (qc: QueryClient) => invalidate(qc, keys.prospects),
  /** An exchange recorded: the record (next contact), its history, appointments, lists. */
  interaction: (qc: QueryClient, prospectId: number) =>
    invalidate(qc, keys.prospect(prospectId), keys.timeline(prospectId), keys.appointments, keys.prospects, keys.due),
  /** Records changed together (bulk action): the lists and the campaigns' members. */
  bulk: (qc: QueryClient) => invalidate(qc, keys.prospects, keys.campaigns),
  contacts: (qc: QueryClient, prospectId: number) => invalidate(qc, keys.contacts(prospectId)),
  /** A consent recorded or withdrawn: what the channels permit changes, and the history. */
  consent: (qc: QueryClient, prospectId: number) =>
    invalidate(qc, keys.consents(prospectId), keys.channelPolicy(prospectId), keys.timeline(prospectId)),
  /** An appointment created, moved or cancelled. */
  appointment: (qc: QueryClient, prospectId: number) => invalidate(qc, keys.appointments, keys.timeline(prospectId)),
  /** The appointment lists read again (after a conflict). */
  appointments: (qc: QueryClient) => invalidate(qc, keys.appointments),
  campaigns: (qc: QueryClient) => invalidate(qc, keys.campaigns),
  personas: (qc: QueryClient) => invalidate(qc, keys.personas),
  /** A persona saved: the prospects matching it change too. */
  persona: (qc: QueryClient) => invalidate(qc, keys.personas, keys.prospects),
  scripts: (qc: QueryClient) => invalidate(qc, keys.scripts),
};
