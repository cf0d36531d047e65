// French labels of the gap analysis (CP4): objective statuses, causes, corrective actions and
// their feasibility checks, notes, the CP4 assessment, and the figures the rules name.
import type { Schemas as S } from "../api/types";

export type ObjectiveStatus = "reached" | "close" | "behind" | "not_measured" | "qualitative";

/** An objective against its result, in words (the colour only repeats them). */
export const OBJECTIVE_STATUSES: Record<ObjectiveStatus, string> = {
  reached: "atteint",
  close: "proche",
  behind: "en retard",
  not_measured: "non mesuré",
  qualitative: "qualitatif",
};

export const OBJECTIVE_STATUS_CLASS: Record<ObjectiveStatus, string> = {
  reached: "status-ok",
  close: "status-paused",
  behind: "status-error",
  not_measured: "",
  qualitative: "",
};

export const CAUSE_STATUSES: Record<S["CauseStatus"], string> = {
  proposed: "à examiner",
  confirmed: "confirmée",
  rejected: "rejetée",
};

export const CAUSE_STATUS_CLASS: Record<S["CauseStatus"], string> = {
  proposed: "status-paused",
  confirmed: "status-ok",
  rejected: "",
};

export const CORRECTIVE_KINDS: Record<S["CorrectiveKind"], string> = {
  targeting: "Ciblage",
  call_hours: "Heures d'appel",
  training: "Formation",
  relaunch_plan: "Plan de relance",
  tour_reorganisation: "Réorganisation des tournées",
  discount_policy: "Politique de remise",
  follow_up: "Suivi des clients",
  other: "Autre action",
};

export const CORRECTIVE_STATUSES: Record<S["CorrectiveStatus"], string> = {
  proposed: "proposée",
  accepted: "acceptée dans le plan suivant",
  dropped: "abandonnée",
};

export const CORRECTIVE_STATUS_CLASS: Record<S["CorrectiveStatus"], string> = {
  proposed: "status-paused",
  accepted: "status-ok",
  dropped: "",
};

/** The feasibility checks of a corrective action (GET …/feasibility). */
export const FEASIBILITY_CHECKS: Record<string, string> = {
  deadline: "Échéance",
  capacity: "Temps disponible dans l'agenda",
  budget: "Budget",
  policy: "Politique commerciale",
};

export const NOTE_STATUSES: Record<S["NoteStatus"], string> = {
  draft: "brouillon",
  submitted: "soumise",
};

export type NoteCriterion = S["CriterionLevel"]["criterion_code"];

/** The criteria a trainer assesses from a synthesis note, in this order. */
export const NOTE_CRITERIA: NoteCriterion[] = ["CP4.1", "CP4.2", "CP4.3", "CP4.4", "CT1.5"];

export const NOTE_LEVELS: Record<S["CriterionLevel"]["level"], string> = {
  in_progress: "en cours",
  acquired: "acquis",
};

/** The figures the diagnostic rules and the checks name (an unknown key is shown as sent). */
export const FIGURES: Record<string, string> = {
  metric_code: "Indicateur",
  target: "Cible",
  due: "Attendu à cette date",
  actual: "Réalisé",
  gap: "Écart",
  gap_pct: "Écart (%)",
  appointments_taken: "Rendez-vous pris",
  interviews_held: "Entretiens menés",
  quotes_sent: "Devis envoyés",
  quote_per_interview_pct: "Devis par entretien (%)",
  threshold_pct: "Seuil (%)",
  objections: "Objections rencontrées",
  unresolved_objections: "Objections non levées",
  arguments_used: "Arguments utilisés",
  target_quotes: "Devis attendus",
  calls: "Appels",
  reach_rate: "Taux de joignabilité (%)",
  best_hour: "Meilleure heure",
  best_hour_rate: "Joints à la meilleure heure (%)",
  worst_hour: "Moins bonne heure",
  worst_hour_rate: "Joints à la moins bonne heure (%)",
  by_hour: "Par heure",
  by_weekday: "Par jour de la semaine",
  campaign_id: "Campagne n°",
  members: "Membres",
  outside: "Hors des segments",
  outside_pct: "Hors des segments (%)",
  segments: "Segments",
  share_pct: "Part de l'attendu (%)",
  behind: "Segment en retard",
  ahead: "Segment en avance",
  average_discount: "Remise moyenne (%)",
  max_discount: "Plafond de remise (%)",
  won_markup_rate: "Taux de marque (%)",
  target_markup_rate: "Taux de marque visé (%)",
  quotes_near_limit: "Devis près du plafond",
  inactive: "Clients devenus inactifs",
  with_incidents: "Dont avec un incident",
  days_before: "Fenêtre (jours)",
  customers: "Clients",
  complaints: "Réclamations",
  incidents: "Incidents",
  unrelaunched: "Comptes non relancés",
  detected_in_period: "Détectés dans la période",
  grace_days: "Délai de grâce (jours)",
  oldest: "Le plus ancien",
  deadline: "Échéance",
  hours: "Heures",
  free: "Heures libres",
  capacity: "Heures de travail",
  planned: "Heures déjà prévues",
  spent: "Budget engagé (€)",
  budget: "Budget (€)",
  limit: "Plafond",
  segment: "Segment",
  family: "Famille",
  discount: "Remise (%)",
};

export function figureLabel(key: string): string {
  return FIGURES[key] ?? key.replace(/_/g, " ");
}
