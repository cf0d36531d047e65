// The bulk actions' and the merge's wording (pure functions, tested without a browser).
import type { Schemas as S } from "../../api/types";
import { SIZE_BANDS, SOURCES, formatEuros, label } from "../../labels/prospects";

export type BulkReport = S["BulkReport"];
export type BulkAction = S["ProspectBulk"]["action"];

export const BULK_ACTIONS: Record<BulkAction, string> = {
  status: "Changer le statut",
  add_tag: "Ajouter une étiquette",
  remove_tag: "Retirer une étiquette",
  add_to_campaign: "Ajouter à une campagne",
};

/** The server's bound on one request (ProspectBulk.ids). */
export const BULK_MAX = 500;

/** "3 fiche(s) modifiée(s), 1 inchangée(s), 2 refusée(s)" — the parts that are not zero. */
export function bulkSummary(report: BulkReport): string {
  const parts: string[] = [];
  const done = report.action === "add_to_campaign" ? "ajoutée(s) à la campagne" : "modifiée(s)";
  if (report.done) parts.push(`${report.done} fiche(s) ${done}`);
  if (report.unchanged) parts.push(`${report.unchanged} déjà à jour`);
  if (report.refused) parts.push(`${report.refused} refusée(s)`);
  if (report.not_found) parts.push(`${report.not_found} introuvable(s)`);
  return parts.length ? `${parts.join(", ")}.` : "Aucune fiche traitée.";
}

export const MERGE_FIELDS: Record<string, string> = {
  name: "Nom",
  siren: "SIREN",
  siret: "SIRET",
  naf_code: "Code NAF",
  sector: "Secteur",
  size_band: "Taille",
  address: "Adresse (et coordonnées)",
  phone: "Téléphone",
  email: "E-mail",
  website: "Site web",
  source: "Origine",
  potential: "Potentiel",
  next_contact_on: "Prochain contact",
};

export const MOVED_LABELS: Record<string, string> = {
  contacts: "contact(s)",
  interactions: "échange(s)",
  consents: "consentement(s)",
  status_changes: "changement(s) de statut",
  campaign_memberships: "participation(s) à une campagne",
  appointments: "rendez-vous",
  privacy_requests: "demande(s) RGPD",
  watch_items: "article(s) de veille liés",
  tours: "tournée(s) enregistrée(s)",
};

/** A merge field's value as the comparison table shows it. */
export function mergeValue(field: string, value: unknown): string {
  if (value === null || value === undefined || value === "") return "—";
  if (field === "address" && typeof value === "object") {
    const a = value as Record<string, unknown>;
    const line = [a.address, [a.postcode, a.city].filter(Boolean).join(" ")].filter(Boolean).join(", ");
    const geo = a.latitude != null ? ` (${a.latitude}, ${a.longitude})` : "";
    return (line || "—") + geo;
  }
  if (field === "size_band") return label(SIZE_BANDS, value as S["SizeBand"]);
  if (field === "source") return label(SOURCES, value as S["ProspectSource"]);
  if (field === "potential") return formatEuros(value as string);
  if (field === "next_contact_on") return new Date(String(value)).toLocaleDateString("fr-FR");
  return String(value);
}
