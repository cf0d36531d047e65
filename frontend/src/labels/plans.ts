// French labels of the commercial action plan's codes (statuses, periods, actions, checks).
import type { Schemas as S } from "../api/types";

export const PLAN_STATUSES: Record<S["PlanStatus"], string> = {
  draft: "Brouillon",
  submitted: "Soumis au formateur",
  validated: "Validé",
  returned: "Renvoyé",
};

export const PLAN_STATUS_CLASS: Record<S["PlanStatus"], string> = {
  draft: "",
  submitted: "status-paused",
  validated: "status-ok",
  returned: "status-error",
};

export const PERIOD_KINDS: Record<S["PlanPeriodKind"], string> = {
  month: "Mois",
  quarter: "Trimestre",
  year: "Année",
};

export const ACTION_KINDS: Record<S["PlanActionKind"], string> = {
  campaign: "Campagne de prospection",
  phoning: "Session de phoning",
  mailing: "Mailing",
  tour: "Tournée",
  fair: "Salon ou événement",
  loyalty_relaunch: "Relance de fidélisation",
  watch_session: "Session de veille",
  training: "Formation",
  other: "Autre action",
};

export const DIMENSIONS: Record<S["SplitDimension"], string> = {
  month: "Par mois",
  week: "Par semaine",
  segment: "Par segment",
  family: "Par famille de produits",
};

export type ProgressStatus = S["ObjectiveProgress"]["status"];

export const PROGRESS_STATUSES: Record<ProgressStatus, string> = {
  reached: "Atteint",
  on_track: "En bonne voie",
  behind: "En retard",
  not_measured: "Non mesuré",
  qualitative: "Qualitatif",
};

export const PROGRESS_CLASS: Record<ProgressStatus, string> = {
  reached: "status-ok",
  on_track: "status-ok",
  behind: "status-error",
  not_measured: "",
  qualitative: "",
};

export type Check = S["Finding"]["check"];

/** The coherence checks, in the order the page shows them. */
export const CHECKS: Record<Check, string> = {
  targeting: "Ciblage (CP2.2)",
  activities: "Activités (CP2.5)",
  policy: "Politique commerciale (CP2.1)",
  geography: "Géographie (CP2.6)",
  decomposition: "Décomposition",
};

export const SEVERITIES: Record<S["Finding"]["severity"], string> = {
  info: "Information",
  warning: "À revoir",
  error: "Erreur",
};

/** A finding's severity in words: a check that passed (`…_ok`) says « Conforme ». */
export function severityLabel(f: Pick<S["Finding"], "code" | "severity">): string {
  return f.code.endsWith("_ok") ? "Conforme" : SEVERITIES[f.severity];
}

export const SEVERITY_CLASS: Record<S["Finding"]["severity"], string> = {
  info: "status-ok",
  warning: "status-paused",
  error: "status-error",
};

/** The figures of a finding worth showing, in French (ids and lists of ids are left out). */
export const FIGURES: Record<string, string> = {
  expected: "Apport prévu",
  target: "Cible",
  coverage_pct: "Couverture (%)",
  hours: "Heures",
  hours_share_pct: "Part du temps (%)",
  weight_share_pct: "Part des poids (%)",
  discount_pct: "Remise (%)",
  limit_pct: "Plafond de la politique (%)",
  authority_pct: "Délégation (%)",
  actions_checked: "Actions vérifiées",
  members: "Membres",
  inside: "Dans les segments",
  share_pct: "Part dans les segments (%)",
  segments: "Segments",
  visits: "Visites",
  outside: "Hors territoire",
  radius_km: "Rayon (km)",
  sum: "Somme des tranches",
  slices: "Tranches",
};

const MONTHS = [
  "janvier",
  "février",
  "mars",
  "avril",
  "mai",
  "juin",
  "juillet",
  "août",
  "septembre",
  "octobre",
  "novembre",
  "décembre",
];

/** "2027-01" → « janvier 2027 ». */
export function monthLabel(key: string): string {
  const [year, month] = key.split("-").map(Number);
  return MONTHS[month - 1] ? `${MONTHS[month - 1]} ${year}` : key;
}

/** "2027-W03" → « semaine 3 de 2027 ». */
export function weekLabel(key: string): string {
  const m = /^(\d{4})-W(\d{2})$/.exec(key);
  return m ? `semaine ${Number(m[2])} de ${m[1]}` : key;
}
