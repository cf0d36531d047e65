// French labels of the portfolio's enumerations and of the records the evidence points to.
import type { AssessmentLevel as Level } from "../api/types";

/** A criterion's assessment level (the export's wording). */
export const LEVELS: Record<Level, string> = {
  not_assessed: "Non évalué",
  in_progress: "En cours d'acquisition",
  acquired: "Acquis",
};

/** The levels a trainer chooses from, in the order of progression. */
export const LEVEL_ORDER: Level[] = ["not_assessed", "in_progress", "acquired"];

/** A competence's status, derived by the server from its criteria. */
export const COMPETENCE_STATUSES: Record<Level, string> = {
  not_assessed: "Non évaluée",
  in_progress: "En cours",
  acquired: "Acquise",
};

/** The evidence journal's resource types (table names) in French. */
export const RESOURCE_TYPES: Record<string, string> = {
  prospects: "Prospect",
  contacts: "Contact",
  interactions: "Échange",
  appointments: "Rendez-vous",
  prospect_status_changes: "Changement de statut",
  personas: "Persona",
  call_scripts: "Script d'appel",
  campaigns: "Campagne",
  campaign_members: "Cible de campagne",
  import_jobs: "Import",
  tours: "Tournée",
  tour_days: "Journée de tournée",
  tour_bases: "Point de départ",
  watch_sources: "Source de veille",
  watch_items: "Article de veille",
  watch_searches: "Recherche enregistrée",
  competitors: "Concurrent",
  consent_records: "Consentement",
  bloctel_checks: "Vérification Bloctel",
  privacy_requests: "Demande RGPD",
};

export function resourceLabel(type: string | null | undefined): string {
  if (!type) return "—";
  return RESOURCE_TYPES[type] ?? type;
}
