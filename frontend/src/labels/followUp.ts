// French labels of the sales follow-up's codes (CP7): orders, deliveries and their incidents,
// cases and their procedure steps, decisions, escalations and departments, complaints,
// invoices, payments and relaunches; and where each record of the account view is read.
import type { Schemas as S } from "../api/types";
import { APPROVERS } from "./businessCases";
import { CHANNELS } from "./prospects";

/** Channels (prospects') and who approves a procedure's step (the business case's). */
export { APPROVERS, CHANNELS };

export const ORDER_STATUSES: Record<S["OrderStatus"], string> = {
  open: "En cours",
  delivered: "Livrée",
  closed: "Close",
  cancelled: "Annulée",
};

export const DELIVERY_STATUSES: Record<S["DeliveryStatus"], string> = {
  planned: "Prévue",
  prepared: "Préparée",
  shipped: "Expédiée",
  delivered: "Livrée",
};

/** The steps of a delivery, in order (what each step's event records). */
export const DELIVERY_STEPS: Record<Exclude<S["DeliveryEventKind"], "incident">, string> = {
  prepared: "Préparée",
  shipped: "Expédiée",
  delivered: "Livrée",
};

export const DELIVERY_EVENT_KINDS: Record<S["DeliveryEventKind"], string> = {
  ...DELIVERY_STEPS,
  incident: "Incident",
};

export const INCIDENT_KINDS: Record<S["IncidentKind"], string> = {
  late: "Retard",
  damaged: "Colis abîmé",
  missing: "Article manquant",
};

export const CASE_STATUSES: Record<S["CaseStatus"], string> = {
  open: "En cours",
  closed: "Clos",
};

export const CASE_TYPES: Record<S["CaseType"], string> = {
  order: "Commande",
  delivery_incident: "Incident de livraison",
  complaint: "Réclamation",
  dispute: "Litige",
  unpaid_invoice: "Impayé",
  return: "Retour",
};

export const STEP_STATES: Record<S["StepState"], string> = {
  pending: "À faire",
  done: "Fait",
  skipped: "Sauté",
};

export const DECISION_KINDS: Record<S["DecisionKind"], string> = {
  commercial_gesture: "Geste commercial",
  credit_note: "Avoir",
  free_replacement: "Remplacement gratuit",
  payment_delay: "Délai de paiement",
};

export const DEPARTMENTS: Record<S["EscalationDepartment"], string> = {
  customer_service: "Service client",
  logistics: "Logistique",
  accounting: "Comptabilité",
  legal: "Juridique",
  after_sales: "SAV",
  sales_management: "Direction commerciale",
};

export const ESCALATION_STATUSES: Record<S["EscalationStatus"], string> = {
  sent: "En attente de réponse",
  answered: "Répondu",
};

export const COMPLAINT_STATUSES: Record<S["ComplaintStatus"], string> = {
  received: "Reçue",
  answered: "Solution proposée",
  resolved: "Résolue",
  refused: "Solution refusée",
};

export const COMPLAINT_CATEGORIES: Record<S["ComplaintCategory"], string> = {
  delay: "Retard",
  defect: "Défaut ou panne",
  billing: "Facturation",
  service: "Service",
  other: "Autre",
};

export const COMPLAINT_SEVERITIES: Record<S["ComplaintSeverity"], string> = {
  low: "Faible",
  medium: "Moyenne",
  high: "Élevée",
  critical: "Critique",
};

export const SOLUTIONS: Record<S["SolutionKind"], string> = {
  repair: "Réparation",
  replacement: "Remplacement",
  credit_note: "Avoir",
  commercial_gesture: "Geste commercial",
  explanation: "Explication",
};

export const INVOICE_STATUSES: Record<S["InvoiceStatus"], string> = {
  open: "À payer",
  paid: "Payée",
  issued: "Émis",
};

export const INVOICE_KINDS: Record<S["InvoiceKind"], string> = {
  invoice: "Facture",
  credit_note: "Avoir",
};

export const RELAUNCH_LEVELS: Record<S["RelaunchLevel"], string> = {
  reminder: "Relance",
  second_reminder: "Seconde relance",
  formal_notice: "Mise en demeure",
};

export const PAYMENT_METHODS: Record<S["PaymentMethod"], string> = {
  transfer: "Virement",
  direct_debit: "Prélèvement",
  card: "Carte bancaire",
  cheque: "Chèque",
  cash: "Espèces",
};

export const MESSAGE_DIRECTIONS: Record<S["Direction"], string> = {
  outbound: "Au client",
  inbound: "Du client",
};

export const SUBJECTS: Record<S["FollowUpSubject"], string> = {
  order: "Commande",
  delivery: "Livraison",
  invoice: "Facture",
  complaint: "Réclamation",
  case: "Dossier",
};

/** The account view's open items (`OpenItem.kind`); a kind added later reads as its code. */
export const OPEN_ITEM_KINDS: Record<string, string> = {
  late_delivery: "Livraison en retard",
  overdue_invoice: "Facture échue",
  complaint_response_late: "Réclamation sans réponse",
  complaint_past_due: "Réclamation non résolue",
  open_case: "Dossier en cours",
  escalation_waiting: "Escalade en attente",
};

/** The account view's timeline (`TimelineItem.kind`). */
export const TIMELINE_KINDS: Record<string, string> = {
  interaction: "Échange",
  opportunity: "Opportunité",
  quote: "Devis",
  order: "Commande",
  delivery: "Livraison",
  invoice: "Facture",
  payment: "Paiement",
  relaunch: "Relance",
  complaint: "Réclamation",
  case: "Dossier",
  escalation: "Escalade",
  message: "Message au client",
};

export function labelOf(labels: Record<string, string>, code: string): string {
  return labels[code] ?? code;
}

/** The badge class of each status (styles.css: status-ok, status-paused, status-error). */
export const ORDER_STATUS_CLASS: Record<S["OrderStatus"], string> = {
  open: "status-paused",
  delivered: "status-ok",
  closed: "",
  cancelled: "status-error",
};

export const COMPLAINT_STATUS_CLASS: Record<S["ComplaintStatus"], string> = {
  received: "status-paused",
  answered: "status-paused",
  resolved: "status-ok",
  refused: "status-error",
};

/** « à temps », « 1 jour de retard », « 12 jours de retard ». */
export function lateness(days: number): string {
  if (days <= 0) return "à temps";
  return `${days} jour${days > 1 ? "s" : ""} de retard`;
}

/** The page of a record the account view or a message names (`record`, `record_id`): none
 * for an exchange (it is on the prospect's page). */
export function recordHref(record: string, id: number, prospectId?: number): string | null {
  switch (record) {
    case "order":
      return `/commandes/${id}`;
    case "delivery":
      return `/livraisons/${id}`;
    case "invoice":
      return `/factures/${id}`;
    case "complaint":
      return `/reclamations/${id}`;
    case "case":
      return `/dossiers/${id}`;
    case "quote":
      return `/ventes/devis/${id}`;
    case "opportunity":
      return `/ventes/opportunites/${id}`;
    case "interaction":
    case "prospect":
      return prospectId ? `/prospects/${prospectId}` : null;
    default:
      return null;
  }
}

/** A quantity of the API ("3.000") without its trailing zeros, in French ("2,5"). */
export function quantity(value: string): string {
  const trimmed = value.includes(".") ? value.replace(/0+$/, "").replace(/\.$/, "") : value;
  return trimmed.replace(".", ",");
}
