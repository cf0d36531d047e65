// French labels of the import and export vocabulary (values from the API's enums).
import type { components } from "../../api/schema";

type ImportStatus = components["schemas"]["ImportStatus"];
type DuplicatePolicy = components["schemas"]["DuplicatePolicy"];

/** The prospect fields a column may feed (app/prospects/imports/mapping.py TARGET_FIELDS). */
export const TARGET_FIELDS: Record<string, string> = {
  name: "Nom / raison sociale",
  kind: "Type (entreprise ou particulier)",
  siret: "SIRET",
  siren: "SIREN",
  naf_code: "Code NAF",
  sector: "Secteur",
  size_band: "Tranche d'effectif",
  address: "Adresse",
  postcode: "Code postal",
  city: "Ville",
  latitude: "Latitude",
  longitude: "Longitude",
  website: "Site web",
  phone: "Téléphone",
  email: "E-mail",
  status: "Statut",
  source: "Source",
  potential: "Potentiel",
  tags: "Étiquettes",
  next_contact_on: "Prochain contact",
  contact_last_name: "Nom du contact",
  contact_first_name: "Prénom du contact",
  contact_job_title: "Fonction du contact",
  contact_phone: "Téléphone du contact",
  contact_email: "E-mail du contact",
  consent_email: "Consentement e-mail",
  consent_sms: "Consentement SMS",
  consent_phone: "Consentement téléphone",
  consent_postal: "Consentement courrier",
  consent_date: "Date du consentement",
};

export function fieldLabel(field: string | null | undefined): string {
  if (!field) return "—";
  return TARGET_FIELDS[field] ?? field;
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


export { STATUSES as PROSPECT_STATUSES } from "../prospects/labels";
