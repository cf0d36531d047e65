// French labels of the interview's codes (SONCAS motives, situations of disability and
// adaptations, objection types and techniques, receptions, conclusions, information levels).
import type { Schemas as S } from "../../api/types";

export const MOTIVES: Record<S["Motive"], string> = {
  securite: "Sécurité",
  orgueil: "Orgueil",
  nouveaute: "Nouveauté",
  confort: "Confort",
  argent: "Argent",
  sympathie: "Sympathie",
};

export const LEVELS: Record<S["InformationLevel"], string> = {
  none: "Aucun",
  low: "Faible",
  medium: "Moyen",
  high: "Élevé",
};

export const SITUATIONS: Record<S["Situation"], string> = {
  motor: "Motrice",
  visual: "Visuelle",
  hearing: "Auditive",
  cognitive: "Cognitive",
  psychic: "Psychique",
  chronic_illness: "Maladie chronique",
  other: "Autre",
};

export const ADAPTATIONS: Record<S["Adaptation"], string> = {
  easy_to_read: "Documents en FALC",
  large_print: "Gros caractères",
  accessible_place: "Lieu accessible",
  interpreter: "Interprète (LSF ou autre langue)",
  more_time: "Temps supplémentaire",
  companion: "Personne accompagnante",
  other: "Autre",
};

export const OBJECTION_KINDS: Record<S["ObjectionKind"], string> = {
  price: "Prix",
  product: "Produit",
  company: "Entreprise",
  timing: "Moment",
  competitor: "Concurrence",
  need: "Besoin",
};

export const TECHNIQUES: Record<S["Technique"], string> = {
  reformulation: "Reformulation",
  oui_mais: "Oui, mais",
  boomerang: "Boomerang",
  compensation: "Compensation",
  questionnement: "Questionnement",
  temoignage: "Témoignage",
  report: "Report",
  autre: "Autre",
};

export const RECEPTIONS: Record<S["Reception"], string> = {
  convinced: "Convaincu",
  neutral: "Neutre",
  rejected: "Rejeté",
};

export const CONCLUSIONS: Record<S["InterviewConclusion"], string> = {
  order: "Commande",
  quote: "Devis",
  new_appointment: "Nouveau rendez-vous",
  trial: "Essai",
  refusal: "Refus",
  time_to_think: "Temps de réflexion",
};
