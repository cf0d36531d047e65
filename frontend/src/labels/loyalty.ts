// French labels of the loyalty's codes (CP8): RFM segments, inactivity bases, relaunch plans
// and their messages, campaigns, offers, surveys, events and the rules' computation; the
// variables of the message templates; and the display of the analytics' ratios.
import type { Schemas as S } from "../api/types";
import { CHANNELS } from "./prospects";
import { decimalFr } from "./sales";

/** Channels (prospects'). */
export { CHANNELS };

export const RFM_SEGMENTS: Record<S["RfmSegment"], string> = {
  champions: "Champions",
  new: "Nouveaux",
  loyal: "Fidèles",
  promising: "Prometteurs",
  at_risk: "À risque",
  lost: "Perdus",
  hibernating: "En sommeil",
  needs_attention: "À surveiller",
};

export const INACTIVITY_BASES: Record<S["InactivityBasis"], string> = {
  rhythm: "rythme habituel",
  threshold: "seuil du cas",
};

export const MESSAGE_STATUSES: Record<S["MessageStatus"], string> = {
  recorded: "Enregistré",
  refused: "Refusé",
};

export const MESSAGE_SOURCES: Record<S["MessageSource"], string> = {
  relaunch_plan: "Plan de relance",
  campaign: "Campagne d'information",
  offer: "Offre",
  survey: "Enquête",
  event: "Invitation",
};

export const ENROLMENT_STATUSES: Record<S["EnrolmentStatus"], string> = {
  active: "En cours",
  stopped_order: "Arrêté : le client a commandé",
  stopped_refusal: "Arrêté : refus du client",
  completed: "Terminé",
};

export const ENROLMENT_STATUS_CLASS: Partial<Record<S["EnrolmentStatus"], string>> = {
  active: "status-paused",
  stopped_order: "status-ok",
  stopped_refusal: "status-error",
  completed: "status-ok",
};

export const OFFER_STATUSES: Record<S["OfferStatus"], string> = {
  pending_approval: "Accord demandé",
  refused: "Refusée par le responsable",
  proposed: "Proposée",
  accepted: "Acceptée",
  declined: "Déclinée",
  converted: "Convertie",
};

export const OFFER_STATUS_CLASS: Partial<Record<S["OfferStatus"], string>> = {
  pending_approval: "status-paused",
  refused: "status-error",
  accepted: "status-ok",
  declined: "status-error",
  converted: "status-ok",
};

export const CAMPAIGN_KINDS: Record<S["CampaignKind"], string> = {
  new_product: "Nouveau produit",
  promotion: "Promotion",
  news: "Actualité",
};

export const SURVEY_KINDS: Record<S["SurveyKind"], string> = {
  nps: "NPS (recommandation, de 0 à 10)",
  csat: "CSAT (satisfaction, de 1 à 5)",
};

export const EVENT_KINDS: Record<S["LoyaltyEventKind"], string> = {
  open_day: "Journée portes ouvertes",
  trade_fair: "Salon",
  product_launch: "Lancement de produit",
  webinar: "Webinaire",
};

export const RSVPS: Record<S["Rsvp"], string> = {
  yes: "Oui",
  no: "Non",
  maybe: "Peut-être",
};

export const JOB_STATUSES: Record<S["JobStatus"], string> = {
  queued: "En attente",
  running: "En cours",
  done: "Terminé",
  failed: "Échec",
};

/** An NPS answer's category: 9–10 promoters, 7–8 passives, 0–6 detractors. */
export const NPS_CATEGORIES: Record<string, string> = {
  promoter: "Promoteur",
  passive: "Passif",
  detractor: "Détracteur",
};

/** The variables a relaunch plan's or a campaign's template may use (the server refuses any
 * other, naming the step's field). */
export const TEMPLATE_VARIABLES: { name: string; meaning: string }[] = [
  { name: "client", meaning: "le nom du client" },
  { name: "contact", meaning: "le contact principal" },
  { name: "entreprise", meaning: "votre entreprise (le cas)" },
  { name: "commercial", meaning: "votre nom" },
  { name: "produits", meaning: "les produits dont parle le message" },
  { name: "derniere_commande", meaning: "la date de la dernière commande" },
  { name: "date", meaning: "la date du jour" },
];

/** The customers' sorts (the list's `sort`), in words. */
export const CUSTOMER_SORTS: Record<string, string> = {
  "-amount": "Montant acheté (du plus élevé)",
  recency: "Dernière commande (la plus récente d'abord)",
  "-recency": "Dernière commande (la plus ancienne d'abord)",
  "-orders": "Nombre de commandes",
  "-clv": "Valeur vie client",
  "-overdue": "Retard sur le rythme habituel",
  name: "Nom",
};

/** A ratio of the analytics ("0.2222") in percent, rounded ("22 %"); "—" when there is none. */
export function ratio(value: string | null | undefined): string {
  if (value === null || value === undefined || value === "") return "—";
  const n = Number(value);
  if (Number.isNaN(n)) return value;
  return `${decimalFr(String(Math.round(n * 1000) / 10))} %`;
}

/** A lift ("8.667") with one decimal, French style ("8,7"). */
export function lift(value: string): string {
  const n = Number(value);
  return Number.isNaN(n) ? value : decimalFr(n.toFixed(1));
}

/** A count of days ("1 jour", "12 jours"); "—" when there is none. */
export function days(value: number | string | null | undefined): string {
  if (value === null || value === undefined || value === "") return "—";
  const n = Number(value);
  const shown = Number.isInteger(n) ? String(n) : decimalFr(String(Math.round(n * 10) / 10));
  return `${shown} jour${Math.abs(n) >= 2 ? "s" : ""}`;
}

/** A count of customers ("1 client", "3 clients"). */
export function customers(n: number): string {
  return `${n} client${n > 1 ? "s" : ""}`;
}
