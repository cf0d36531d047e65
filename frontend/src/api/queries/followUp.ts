// The sales follow-up's server state (CP7): orders, deliveries, client messages, invoices,
// complaints, cases, escalations and the account view — query keys, the queries reading
// them, and what each change makes stale.
import { queryOptions, type QueryClient } from "@tanstack/react-query";
import { api, unwrap } from "../client";
import type { QueryOf } from "../types";
import { invalidate } from "./invalidate";

const keys = {
  orders: ["orders"] as const,
  order: (id: number) => ["order", id] as const,
  deliveries: ["deliveries"] as const,
  delivery: (id: number) => ["delivery", id] as const,
  messages: ["client-messages"] as const,
  invoices: ["invoices"] as const,
  invoice: (id: number) => ["invoice", id] as const,
  complaints: ["complaints"] as const,
  complaint: (id: number) => ["complaint", id] as const,
  cases: ["follow-up-cases"] as const,
  case: (id: number) => ["follow-up-case", id] as const,
  escalations: ["escalations"] as const,
  accounts: ["account"] as const,
};

export const followUpQueries = {
  orders: (query: QueryOf<"/api/v1/orders">) =>
    queryOptions({
      queryKey: [...keys.orders, query],
      queryFn: () => unwrap(api.GET("/api/v1/orders", { params: { query } })),
    }),
  order: (id: number) =>
    queryOptions({
      queryKey: keys.order(id),
      queryFn: () => unwrap(api.GET("/api/v1/orders/{order_id}", { params: { path: { order_id: id } } })),
    }),
  deliveries: (query: QueryOf<"/api/v1/deliveries">) =>
    queryOptions({
      queryKey: [...keys.deliveries, query],
      queryFn: () => unwrap(api.GET("/api/v1/deliveries", { params: { query } })),
    }),
  delivery: (id: number) =>
    queryOptions({
      queryKey: keys.delivery(id),
      queryFn: () => unwrap(api.GET("/api/v1/deliveries/{delivery_id}", { params: { path: { delivery_id: id } } })),
    }),
  messages: (query: QueryOf<"/api/v1/client-messages">) =>
    queryOptions({
      queryKey: [...keys.messages, query],
      queryFn: () => unwrap(api.GET("/api/v1/client-messages", { params: { query } })),
    }),
  invoices: (query: QueryOf<"/api/v1/invoices">) =>
    queryOptions({
      queryKey: [...keys.invoices, query],
      queryFn: () => unwrap(api.GET("/api/v1/invoices", { params: { query } })),
    }),
  invoice: (id: number) =>
    queryOptions({
      queryKey: keys.invoice(id),
      queryFn: () => unwrap(api.GET("/api/v1/invoices/{invoice_id}", { params: { path: { invoice_id: id } } })),
    }),
  complaints: (query: QueryOf<"/api/v1/complaints">) =>
    queryOptions({
      queryKey: [...keys.complaints, query],
      queryFn: () => unwrap(api.GET("/api/v1/complaints", { params: { query } })),
    }),
  complaint: (id: number) =>
    queryOptions({
      queryKey: keys.complaint(id),
      queryFn: () => unwrap(api.GET("/api/v1/complaints/{complaint_id}", { params: { path: { complaint_id: id } } })),
    }),
  cases: (query: QueryOf<"/api/v1/cases">) =>
    queryOptions({
      queryKey: [...keys.cases, query],
      queryFn: () => unwrap(api.GET("/api/v1/cases", { params: { query } })),
    }),
  case: (id: number) =>
    queryOptions({
      queryKey: keys.case(id),
      queryFn: () =>
        unwrap(api.GET("/api/v1/cases/{follow_up_case_id}", { params: { path: { follow_up_case_id: id } } })),
    }),
  escalations: (query: QueryOf<"/api/v1/escalations">) =>
    queryOptions({
      queryKey: [...keys.escalations, query],
      queryFn: () => unwrap(api.GET("/api/v1/escalations", { params: { query } })),
    }),
  /** The account view: figures, open items, and the timeline's `limit` newest events. */
  account: (prospectId: number, limit?: number) =>
    queryOptions({
      queryKey: [...keys.accounts, prospectId, { limit }],
      queryFn: () =>
        unwrap(
          api.GET("/api/v1/accounts/{prospect_id}", {
            params: { path: { prospect_id: prospectId }, query: { limit } },
          }),
        ),
    }),
};

/** What each change makes stale. A follow-up record touches others (a delivery the order's
 * quantities and status, an incident a case, a complaint's solution its case's decisions, a
 * payment the account's figures), so a change marks its record, the lists and the account
 * views stale; the pages on screen refetch what they show. */
export const followUpChanged = {
  /** An order written (made, cancelled, delivered, invoiced). */
  order: (qc: QueryClient, id: number) =>
    invalidate(qc, keys.order(id), keys.orders, keys.deliveries, keys.invoices, keys.cases, keys.accounts),
  /** A delivery written (planned, a step, an incident): it, its order, the cases. */
  delivery: (qc: QueryClient, id: number, orderId: number) =>
    invalidate(qc, keys.delivery(id), keys.order(orderId), keys.orders, keys.deliveries, keys.cases, keys.accounts),
  /** A message to the client recorded. */
  message: (qc: QueryClient) => invalidate(qc, keys.messages, keys.cases, keys.accounts),
  /** An invoice written (issued, paid, credited, relaunched, escalated). */
  invoice: (qc: QueryClient, id: number) =>
    invalidate(qc, keys.invoice(id), keys.invoices, keys.orders, keys.cases, keys.escalations, keys.accounts),
  /** A complaint written (received, answered by a solution, the client's answer). */
  complaint: (qc: QueryClient, id: number) =>
    invalidate(qc, keys.complaint(id), keys.complaints, keys.cases, keys.accounts),
  /** A case written (a step, a decision, an escalation, closed): it and what it is about. */
  case: (qc: QueryClient, id: number) =>
    invalidate(
      qc,
      keys.case(id),
      keys.cases,
      keys.escalations,
      keys.invoices,
      ["invoice"],
      ["complaint"],
      keys.complaints,
      keys.accounts,
    ),
  /** An escalation answered (by a trainer, as the department). */
  escalation: (qc: QueryClient) => invalidate(qc, keys.escalations, ["follow-up-case"], keys.cases, keys.accounts),
};
