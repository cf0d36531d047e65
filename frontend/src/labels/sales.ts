// French labels of the sales' codes (stages, quote statuses, approvals) and the display of
// the server's amounts: strings from the API ("1234.50"), shown as the server computed them
// ("1 234,50 €") without going through a float.
import type { Schemas as S } from "../api/types";

export const STAGES: Record<S["OpportunityStage"], string> = {
  discovery: "Découverte",
  proposal: "Proposition",
  negotiation: "Négociation",
  won: "Gagnée",
  lost: "Perdue",
};

export const STAGE_ORDER: S["OpportunityStage"][] = ["discovery", "proposal", "negotiation", "won", "lost"];

export const QUOTE_STATUSES: Record<S["QuoteStatus"], string> = {
  draft: "Brouillon",
  sent: "Envoyé",
  accepted: "Accepté",
  refused: "Refusé",
  expired: "Expiré",
  superseded: "Remplacé",
};

export const QUOTE_STATUS_CLASS: Record<S["QuoteStatus"], string> = {
  draft: "",
  sent: "status-paused",
  accepted: "status-ok",
  refused: "status-error",
  expired: "status-error",
  superseded: "",
};

export const APPROVALS: Record<S["ApprovalStatus"], string> = {
  none: "",
  pending: "Accord demandé",
  approved: "Remise accordée",
  refused: "Remise refusée",
};

export const REDUCTION_KINDS: Record<S["ReductionKind"], string> = {
  rabais: "Rabais",
  remise: "Remise",
  ristourne: "Ristourne",
};

export const TVA_RATES = ["20", "10", "5.5", "2.1"] as const;

/** The figures a trainee may check by hand, in the order of the steps. */
export const CHECKABLE: { code: string; label: string }[] = [
  { code: "gross_ht", label: "Montant brut HT" },
  { code: "net_commercial_ht", label: "Net commercial HT" },
  { code: "escompte", label: "Escompte" },
  { code: "net_financial_ht", label: "Net financier HT" },
  { code: "tva_total", label: "TVA totale" },
  { code: "total_ttc", label: "Total TTC" },
  { code: "margin", label: "Marge" },
  { code: "markup_rate", label: "Taux de marque (%)" },
  { code: "margin_rate", label: "Taux de marge (%)" },
  { code: "coefficient_ht", label: "Coefficient multiplicateur (HT)" },
];

/** "1234.5" → "1 234,5": a decimal string in French, digits untouched. */
export function decimalFr(value: string): string {
  const negative = value.startsWith("-");
  const [whole, decimals] = (negative ? value.slice(1) : value).split(".");
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, "\u202f");
  return `${negative ? "−" : ""}${grouped}${decimals !== undefined ? `,${decimals}` : ""}`;
}

/** An amount of the API ("165.90") in euros ("165,90 €"); "—" when there is none. */
export function euros(value: string | null | undefined): string {
  return value === null || value === undefined ? "—" : `${decimalFr(value)} €`;
}

/** A rate of the API ("20.00") in percent ("20 %", "5,5 %", "33,33 %"). */
export function percent(value: string | null | undefined): string {
  if (value === null || value === undefined) return "—";
  const trimmed = value.includes(".") ? value.replace(/0+$/, "").replace(/\.$/, "") : value;
  return `${decimalFr(trimmed)} %`;
}
