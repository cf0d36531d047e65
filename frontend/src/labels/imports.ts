// French labels of the import and export vocabulary (values from the API's enums).
import type { DuplicatePolicy, ImportRules as Rules, ImportStatus } from "../api/types";

/** The label of a field a column may feed, from the server's import rules. */
export function fieldLabel(field: string | null | undefined, rules?: Rules): string {
  if (!field) return "—";
  return rules?.fields.find((f) => f.field === field)?.label ?? field;
}

export const FIELD_GROUPS: Record<string, string> = {
  prospect: "Prospect",
  contact: "Contact de l'entreprise",
  consent: "Consentements",
};

/** "25 Mo", "200 000 lignes": the limits as a French sentence. */
export function limitsText(rules: Rules | undefined): string {
  if (!rules) return "";
  const mb = Math.floor(rules.max_bytes / (1024 * 1024));
  const size = mb >= 1 ? `${mb} Mo` : `${Math.floor(rules.max_bytes / 1024)} Ko`;
  return `${size} et ${rules.max_rows.toLocaleString("fr-FR")} lignes au plus`;
}

export const IMPORT_STATUSES: Record<ImportStatus, string> = {
  pending: "En attente",
  validating: "Analyse en cours",
  validated: "Analysé, prêt à écrire",
  writing: "Écriture en cours",
  committed: "Importé",
  failed: "En échec",
  cancelled: "Annulé",
};

export const STATUS_CLASS: Record<ImportStatus, string> = {
  pending: "status-paused",
  validating: "status-paused",
  validated: "status-ok",
  writing: "status-paused",
  committed: "status-ok",
  failed: "status-error",
  cancelled: "",
};

export const DUPLICATE_POLICIES: Record<DuplicatePolicy, string> = {
  skip: "Ignorer la ligne (garder la fiche existante)",
  update: "Compléter la fiche existante",
  create: "Créer quand même une nouvelle fiche",
};

/** What happens to a duplicate row, by policy. */
export const DUPLICATE_DECISIONS: Record<DuplicatePolicy, string> = {
  skip: "Ignorée",
  update: "Fiche complétée",
  create: "Créée quand même",
};

/** What a duplicate was recognised on (duplicates.py keys). */
export const DUPLICATE_KEYS: Record<string, string> = {
  siret: "même SIRET",
  email: "même e-mail",
  phone: "même téléphone",
  name_postcode: "nom très proche et même code postal",
};

export const KINDS: Record<string, string> = {
  company: "Entreprises (B2B)",
  individual: "Particuliers (B2C)",
};

export { STATUSES as PROSPECT_STATUSES } from "./prospects";
