// French labels of the agenda's codes: the kinds of item on the timeline, the kinds of record
// a task may link to, the task list's state filter.
import type { Schemas as S } from "../api/types";

/** The timeline's kinds (the providers' `kind`); a kind added later reads as its code. */
export const ITEM_KINDS: Record<string, string> = {
  appointment: "Rendez-vous",
  tour_day: "Tournée",
  next_contact: "Prochain contact",
  task: "Tâche",
  plan_action: "Action du plan",
  delivery_due: "Livraison promise",
  invoice_due: "Échéance de facture",
  complaint_due: "Réclamation à traiter",
  escalation_answer: "Réponse d'un service",
  loyalty_event: "Événement client",
  relaunch_due: "Relance due",
};

export function itemKindLabel(kind: string): string {
  return ITEM_KINDS[kind] ?? kind;
}

export const LINK_KINDS: Record<S["TaskLinkKind"], string> = {
  prospect: "Prospect",
  appointment: "Rendez-vous",
  campaign: "Campagne",
  tour: "Tournée",
  watch_item: "Article de veille",
  plan_action: "Action du plan",
  order: "Commande",
  delivery: "Livraison",
  invoice: "Facture",
  complaint: "Réclamation",
  case: "Dossier",
  loyalty_event: "Événement client",
  relaunch_plan: "Plan de relance",
};

/** The kinds the task form offers to link (an article of the watch keeps its link, if it has
 * one): the prospecting's records, then the sales follow-up's (a due date made a task). Loyalty's
 * events and relaunch plans, like an article, keep the link a task was made with. */
export const LINKABLE_KINDS: readonly S["TaskLinkKind"][] = [
  "prospect",
  "appointment",
  "campaign",
  "tour",
  "plan_action",
  "order",
  "delivery",
  "invoice",
  "complaint",
  "case",
];

export const TASK_STATES = { open: "À faire", done: "Faites" } as const;
export type TaskState = keyof typeof TASK_STATES;
