// French labels of the RGPD vocabulary (values from the API's enums).
import type { Schemas as S } from "../api/types";

export const PURPOSES: Record<S["ConsentPurpose"], string> = {
  prospecting: "Prospection commerciale",
  newsletter: "Lettre d'information",
  events: "Événements",
  partners: "Partenaires",
};

export const CHANNELS: Record<S["ConsentChannel"], string> = {
  email: "E-mail",
  sms: "SMS",
  phone: "Téléphone",
  postal: "Courrier",
};

export const CONSENT_STATUSES: Record<S["ConsentStatus"], string> = {
  granted: "Accordé",
  refused: "Refusé",
  withdrawn: "Retiré",
};

export const CONSENT_STATUS_CLASS: Record<S["ConsentStatus"], string> = {
  granted: "status-ok",
  refused: "status-error",
  withdrawn: "status-error",
};

export const METHODS: Record<S["ConsentMethod"], string> = {
  web_form: "Formulaire web",
  verbal: "Oral (appel, visite)",
  written: "Écrit",
  import: "Import de fichier",
};

export const LAWFUL_BASES: Record<S["LawfulBasis"], string> = {
  consent: "Consentement",
  legitimate_interest: "Intérêt légitime",
  contract: "Contrat",
};

export const REQUEST_KINDS: Record<S["PrivacyRequestKind"], string> = {
  access: "Accès / portabilité",
  rectification: "Rectification",
  erasure: "Effacement",
  objection: "Opposition",
};

export const REQUEST_STATUSES: Record<S["PrivacyRequestStatus"], string> = {
  open: "En cours",
  completed: "Traitée",
  rejected: "Refusée",
};

export const AUDIT_ACTIONS: Record<string, string> = {
  read_record: "Consultation d'une fiche",
  export: "Export",
  anonymise: "Anonymisation",
};

export const PROSPECT_KINDS: Record<S["ProspectKind"], string> = {
  company: "entreprise",
  individual: "particulier",
};

/** Fields a rectification may change (app/privacy/requests.py). */
export const RECTIFIABLE_PROSPECT: Record<string, string> = {
  name: "Nom",
  address: "Adresse",
  postcode: "Code postal",
  city: "Ville",
  phone: "Téléphone",
  email: "E-mail",
  website: "Site web",
};

export const RECTIFIABLE_CONTACT: Record<string, string> = {
  first_name: "Prénom",
  last_name: "Nom",
  job_title: "Fonction",
  phone: "Téléphone",
  email: "E-mail",
};

export { STATUSES as PROSPECT_STATUSES } from "./prospects";

// Details written before they were in French (the log is append-only: old rows stay as written).
const LEGACY_DETAILS: [RegExp, (m: RegExpMatchArray) => string][] = [
  [/^timeline$/, () => ""],
  [/^erasure request (\d+)$/, (m) => `Demande d'effacement n° ${m[1]}`],
  [/^access request (\d+)$/, (m) => `Demande d'accès n° ${m[1]} traitée`],
  [/^request (\d+)$/, (m) => `Données téléchargées pour la demande n° ${m[1]}`],
  [/^retention (\d+) years?$/, (m) => `Durée de conservation (${m[1]} ans) dépassée`],
  [/^export (csv|xlsx) : (.*)$/, (m) => `Export ${m[1].toUpperCase()} : ${m[2]}`],
];

/** The access log's detail as shown: French (older English details are translated). */
export function auditDetail(detail: string): string {
  for (const [pattern, french] of LEGACY_DETAILS) {
    const match = detail.match(pattern);
    if (match) return french(match);
  }
  return detail;
}

/** Who a data-subject request is about: the name the API gives (the record's, or the contact's
 * followed by its record's), « Fiche supprimée » once the record is gone. */
export function personOf(r: Pick<S["PrivacyRequestOut"], "prospect_id" | "subject_name">): string {
  if (r.prospect_id === null) return "Fiche supprimée";
  return r.subject_name ?? `Fiche n° ${r.prospect_id}`;
}
