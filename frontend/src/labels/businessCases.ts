// French labels of the business case's codes (the document's enumerations).
import type { Schemas as S } from "../api/types";

export const CASE_STATUSES: Record<S["BusinessCaseStatus"], string> = {
  draft: "Brouillon",
  published: "Publié",
  archived: "Archivé",
};

export const CASE_STATUS_CLASS: Record<S["BusinessCaseStatus"], string> = {
  draft: "status-paused",
  published: "status-ok",
  archived: "",
};

export const LEGAL_FORMS: Record<S["LegalForm"], string> = {
  sas: "SAS",
  sasu: "SASU",
  sarl: "SARL",
  eurl: "EURL",
  sa: "SA",
  snc: "SNC",
  scop: "SCOP",
  ei: "Entreprise individuelle",
  association: "Association",
};

export const MARKET_KINDS: Record<S["MarketKind"], string> = {
  b2b: "B2B (entreprises)",
  b2c: "B2C (particuliers)",
};

export const CASE_TYPES: Record<S["CaseType"], string> = {
  order: "Commande",
  delivery_incident: "Incident de livraison",
  complaint: "Réclamation",
  dispute: "Litige",
  unpaid_invoice: "Facture impayée",
  return: "Retour",
};

export const APPROVERS: Record<S["Approver"], string> = {
  sales_manager: "Responsable commercial",
  management: "Direction",
  customer_service: "Service client",
  logistics: "Logistique",
  accounting: "Comptabilité",
  legal: "Service juridique",
  after_sales: "SAV",
};

export const DEPARTMENTS: Record<S["EscalationDepartment"], string> = {
  customer_service: "Service client",
  logistics: "Logistique",
  accounting: "Comptabilité",
  legal: "Service juridique",
  after_sales: "SAV",
  sales_management: "Direction commerciale",
};

export const CHARTER_RULE_KINDS: Record<S["CharterRuleKind"], string> = {
  required_mention: "Mention obligatoire",
  forbidden_claim: "Affirmation interdite",
  forbidden_word: "Mot interdit",
  tone: "Ton",
  theme: "Thème",
  confidentiality: "Confidentialité",
  other: "Autre",
};

export const PRODUCT_KINDS: Record<S["ProductKind"], string> = {
  product: "Produit",
  service: "Service",
};

export const SUPPORT_KINDS: Record<S["SupportKind"], string> = {
  document: "Document",
  link: "Lien",
  video: "Vidéo",
};

/** A decimal of the API ("19.90", "5.50") in French ("19,9", "5,5"); blank: « — ». */
export function formatDecimal(value: string | number | null | undefined, digits = 2): string {
  if (value === null || value === undefined || value === "") return "—";
  const n = Number(value);
  if (Number.isNaN(n)) return String(value);
  return n.toLocaleString("fr-FR", { maximumFractionDigits: digits });
}

/** Euros to the cent ("1 234,50 €"). */
export function formatPrice(value: string | number | null | undefined): string {
  if (value === null || value === undefined || value === "") return "—";
  const n = Number(value);
  if (Number.isNaN(n)) return String(value);
  return n.toLocaleString("fr-FR", { style: "currency", currency: "EUR" });
}

/** A percentage of the API ("10.00") as « 10 % ». */
export function formatPct(value: string | number | null | undefined): string {
  const text = formatDecimal(value);
  return text === "—" ? text : `${text} %`;
}

/** A product's margin: price HT minus cost HT, and its share of the price. */
export function margin(priceHt: string, costHt: string): { amount: number; rate: number } {
  const price = Number(priceHt);
  const amount = price - Number(costHt);
  return { amount, rate: price ? (amount / price) * 100 : 0 };
}
