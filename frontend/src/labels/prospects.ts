// French labels of the prospect file's enumerations.
import type { Schemas as S } from "../api/types";

export const STATUSES: Record<S["ProspectStatus"], string> = {
  suspect: "Suspect",
  prospect: "Prospect",
  qualified: "Qualifié",
  customer: "Client",
  inactive: "Inactif",
  lost: "Perdu",
};

export const KINDS: Record<S["ProspectKind"], string> = {
  company: "Entreprise (B2B)",
  individual: "Particulier (B2C)",
};

export const PRIORITIES: Record<S["Priority"], string> = {
  A: "A (fort potentiel)",
  B: "B (potentiel moyen)",
  C: "C (faible potentiel)",
};

export const SOURCES: Record<S["ProspectSource"], string> = {
  campaign: "Campagne",
  import: "Import",
  event: "Événement, salon",
  referral: "Recommandation",
  social: "Réseaux sociaux",
  inbound: "Demande entrante",
};

export const SIZE_BANDS: Record<S["SizeBand"], string> = {
  micro: "Microentreprise (< 10)",
  small: "Petite (10–49)",
  medium: "Moyenne (50–249)",
  intermediate: "Intermédiaire (250–4 999)",
  large: "Grande (5 000 et plus)",
};

export const CHANNELS: Record<S["Channel"], string> = {
  phone: "Téléphone",
  email: "E-mail",
  sms: "SMS",
  postal: "Courrier",
  visit: "Visite",
  video: "Visio",
  social: "Réseaux sociaux",
  event: "Événement",
};

export const DIRECTIONS: Record<S["Direction"], string> = {
  outbound: "Sortant (à mon initiative)",
  inbound: "Entrant (à l'initiative du prospect)",
};

export const OUTCOMES: Record<S["Outcome"], string> = {
  no_answer: "Pas de réponse",
  gatekeeper: "Barrage (secrétariat)",
  callback: "À rappeler",
  appointment: "Rendez-vous pris",
  info_sent: "Documentation envoyée",
  not_interested: "Pas intéressé",
  wrong_target: "Mauvaise cible",
  objection: "Objection",
  qualified: "Qualifié",
};

/** Outcomes that close the file: no next-contact date is needed after them. */
export const CLOSING_OUTCOMES: ReadonlySet<string> = new Set(["not_interested", "wrong_target"]);

export const DECISION_POWERS: Record<S["DecisionPower"], string> = {
  decision_maker: "Décideur",
  influencer: "Influenceur",
  prescriber: "Prescripteur",
  user: "Utilisateur",
  none: "Aucun",
};

export const STEP_KINDS: Record<S["ScriptStepKind"], string> = {
  introduction: "Présentation",
  gatekeeper: "Passer le barrage",
  hook: "Accroche",
  questions: "Questions de découverte",
  objections: "Traitement des objections",
  close: "Conclusion (prise de rendez-vous)",
};

export const APPOINTMENT_STATUSES: Record<S["AppointmentStatus"], string> = {
  planned: "Prévu",
  done: "Réalisé",
  cancelled: "Annulé",
};

export function label<T extends string>(labels: Record<T, string>, value: T | null | undefined): string {
  if (value === null || value === undefined) return "—";
  return labels[value] ?? value;
}

/** Euros, French style ("12 500 €"), from the API's decimal strings. */
export function formatEuros(value: string | number | null | undefined): string {
  if (value === null || value === undefined || value === "") return "—";
  const n = Number(value);
  if (Number.isNaN(n)) return String(value);
  return n.toLocaleString("fr-FR", { style: "currency", currency: "EUR", maximumFractionDigits: 0 });
}

/** Today in the browser's time zone, as the API's dates (AAAA-MM-JJ). */
export function isoToday(): string {
  const now = new Date();
  return new Date(now.getTime() - now.getTimezoneOffset() * 60_000).toISOString().slice(0, 10);
}
