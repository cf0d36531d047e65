// What the loyalty pages work out from the server's answers, without a component: the RFM
// grid's rows and shades, the NPS distribution's bars, an offer's check in words (and the
// findings a 409 carries), the relaunch plan's step editor, the offer builder's draft and
// payload, and the targets (chosen customers or an RFM segment) of enrolments, surveys and
// invitations.
import { ApiError } from "../../api/problem";
import type { GridCellOut, LoyaltyFinding, OfferCheckOut, RelaunchStepIn, Schemas as S } from "../../api/types";
import { TEMPLATE_VARIABLES, customers } from "../../labels/loyalty";
import { euros } from "../../labels/sales";

// ---------------------------------------------------------------------------------------
// The RFM grid.

export interface GridCell extends GridCellOut {
  /** The shade, 0 (nobody) to 4 (the most populated cell). */
  level: number;
}

export interface GridRow {
  r: number;
  cells: GridCell[];
}

/** 0 for an empty cell; otherwise 1–4 by its share of the most populated cell. */
export function shadeLevel(count: number, max: number): number {
  if (count <= 0 || max <= 0) return 0;
  return Math.min(4, Math.max(1, Math.ceil((count / max) * 4)));
}

/** The 25 cells as 5 rows, recency 5 (most recent) first, each with frequency 1 to 5; a cell
 * the server left out counts nobody. */
export function gridRows(cells: readonly GridCellOut[]): GridRow[] {
  const max = Math.max(0, ...cells.map((c) => c.customers));
  const at = new Map(cells.map((c) => [`${c.r}-${c.f}`, c]));
  return [5, 4, 3, 2, 1].map((r) => ({
    r,
    cells: [1, 2, 3, 4, 5].map((f) => {
      const cell = at.get(`${r}-${f}`) ?? { r, f, customers: 0, amount: "0.00" };
      return { ...cell, level: shadeLevel(cell.customers, max) };
    }),
  }));
}

/** A cell in words, for its button: « Récence 5, fréquence 1 : 2 clients, 3 295,00 € HT ». */
export function cellLabel(cell: Pick<GridCellOut, "r" | "f" | "customers" | "amount">): string {
  return `Récence ${cell.r}, fréquence ${cell.f} : ${customers(cell.customers)}, ${euros(cell.amount)} HT`;
}

export type CellFilter = { r: number; f: number } | null;

// ---------------------------------------------------------------------------------------
// Surveys.

export type NpsCategory = "detractor" | "passive" | "promoter";

export function npsCategory(score: number): NpsCategory {
  return score >= 9 ? "promoter" : score >= 7 ? "passive" : "detractor";
}

export interface Bar {
  score: number;
  count: number;
  /** The bar's length, in percent of the longest. */
  width: number;
  /** NPS only: who gives this score. */
  category: NpsCategory | null;
}

/** The distribution's bars: NPS scores 0–10 (11 counts), CSAT 1–5 (5 counts). */
export function distributionBars(distribution: readonly number[], kind: S["SurveyKind"]): Bar[] {
  const max = Math.max(0, ...distribution);
  const first = kind === "nps" ? 0 : 1;
  return distribution.map((count, i) => ({
    score: first + i,
    count,
    width: max > 0 ? Math.round((count / max) * 100) : 0,
    category: kind === "nps" ? npsCategory(first + i) : null,
  }));
}

/** An NPS score ("42.9") as it is said: « +42,9 », « −10 », « 0 »; "—" without answers. */
export function npsScore(score: string | null | undefined): string {
  if (score === null || score === undefined) return "—";
  const n = Number(score);
  if (Number.isNaN(n)) return score;
  const shown = String(Math.abs(n)).replace(".", ",");
  return n > 0 ? `+${shown}` : n < 0 ? `−${shown}` : "0";
}

// ---------------------------------------------------------------------------------------
// Offers.

export type Verdict = "allowed" | "approval" | "refused";

/** An offer's check in one word: within the policy, within it but above the salesperson's
 * authority (the manager's approval is needed), or refused. */
export function verdictOf(check: Pick<OfferCheckOut, "allowed" | "needs_approval">): Verdict {
  if (!check.allowed) return "refused";
  return check.needs_approval ? "approval" : "allowed";
}

export const VERDICTS: Record<Verdict, string> = {
  allowed: "Offre dans la politique de fidélisation",
  approval: "Dans la politique, au-delà de votre délégation : accord du responsable nécessaire",
  refused: "Offre refusée",
};

/** The findings in the order to read them: what holds (✓) first, then what refuses. */
export function sortedFindings(findings: readonly LoyaltyFinding[]): LoyaltyFinding[] {
  return [...findings.filter((f) => f.ok), ...findings.filter((f) => !f.ok)];
}

/** A refused offer (409): the server's sentence, the rule it names first, and every finding. */
export interface OfferRefusal {
  detail: string;
  rule: string | null;
  findings: LoyaltyFinding[];
}

export function offerRefusalOf(error: unknown): OfferRefusal | null {
  if (!(error instanceof ApiError) || error.problem.status !== 409) return null;
  const p = error.problem;
  const findings = Array.isArray(p.findings) ? (p.findings as LoyaltyFinding[]) : [];
  return {
    detail: p.detail ?? p.title,
    rule: typeof p.rule === "string" ? p.rule : null,
    findings,
  };
}

export type OfferLineDraft = { product_reference: string; quantity: string; discount: string };

export type OfferDraft = {
  target: "customer" | "segment";
  prospect_id: string;
  rfm_segment: S["RfmSegment"] | "";
  title: string;
  lines: OfferLineDraft[];
  valid_until: string;
  channel: S["Channel"] | "";
  conditions: string;
  recommended: boolean;
  approval_request: string;
};

export const EMPTY_OFFER_LINE: OfferLineDraft = { product_reference: "", quantity: "1", discount: "0" };

/** An ISO day `n` days after `iso`. */
export function addDays(iso: string, n: number): string {
  const day = new Date(`${iso}T12:00:00Z`);
  day.setUTCDate(day.getUTCDate() + n);
  return day.toISOString().slice(0, 10);
}

/** A new offer, for the customer and the product the page was opened with (a recommendation:
 * « Proposer une offre »), valid 30 days. */
export function offerDraft(
  today: string,
  from: { client?: string | null; produit?: string | null; label?: string | null } = {},
): OfferDraft {
  return {
    target: "customer",
    prospect_id: from.client ?? "",
    rfm_segment: "",
    title: from.produit ? `Offre : ${from.label || from.produit}` : "Offre de fidélisation",
    lines: [{ ...EMPTY_OFFER_LINE, product_reference: from.produit ?? "" }],
    valid_until: addDays(today, 30),
    channel: "",
    conditions: "",
    recommended: Boolean(from.produit),
    approval_request: "",
  };
}

/** "5,5" → "5.5", " 2 " → "2": a decimal as the API reads it ("" stays empty). */
export function decimal(text: string): string {
  return text.trim().replace(/\s/g, "").replace(",", ".");
}

/** The fields an offer's check and creation share. */
export function offerFields(d: OfferDraft) {
  return {
    title: d.title,
    lines: d.lines.map((l) => ({
      product_reference: l.product_reference,
      quantity: decimal(l.quantity) || "0",
      discount: decimal(l.discount) || "0",
    })),
    valid_until: d.valid_until,
    channel: d.channel || null,
    conditions: d.conditions,
    recommended: d.recommended,
  };
}

/** The body of POST /offers: to the customer or to the segment, with the approval request
 * when one is written. */
export function offerPayload(d: OfferDraft) {
  return {
    ...offerFields(d),
    ...(d.target === "segment"
      ? { rfm_segment: (d.rfm_segment || null) as S["RfmSegment"] | null }
      : { prospect_ids: d.prospect_id ? [Number(d.prospect_id)] : [] }),
    approval_request: d.approval_request.trim() ? d.approval_request : null,
  };
}

/** Whether the draft is complete enough for the server to check it (a customer, a title, a
 * product on every line, a validity). */
export function checkable(d: OfferDraft): boolean {
  return (
    d.target === "customer" &&
    d.prospect_id !== "" &&
    d.title.trim() !== "" &&
    d.valid_until !== "" &&
    d.lines.length > 0 &&
    d.lines.every((l) => l.product_reference !== "")
  );
}

// ---------------------------------------------------------------------------------------
// Relaunch plans.

export type StepDraft = { channel: S["Channel"]; delay_days: string; subject: string; body: string };

export const MAX_STEPS = 10;

export const EMPTY_STEP: StepDraft = { channel: "email", delay_days: "7", subject: "", body: "" };

/** The steps with step `i` moved by `delta` (−1 up, +1 down); unchanged at either end. */
export function moveStep<T>(steps: readonly T[], i: number, delta: -1 | 1): T[] {
  const j = i + delta;
  if (i < 0 || i >= steps.length || j < 0 || j >= steps.length) return [...steps];
  const out = [...steps];
  [out[i], out[j]] = [out[j], out[i]];
  return out;
}

export function removeStep<T>(steps: readonly T[], i: number): T[] {
  return steps.filter((_, j) => j !== i);
}

/** A new step after the others (the first one leaves at once); none beyond the tenth. */
export function addStep(steps: readonly StepDraft[]): StepDraft[] {
  if (steps.length >= MAX_STEPS) return [...steps];
  return [...steps, { ...EMPTY_STEP, delay_days: steps.length === 0 ? "0" : EMPTY_STEP.delay_days }];
}

/** The steps as the API reads them (a delay that is not a whole number is sent as it is
 * typed, for the server to name). */
export function stepsPayload(steps: readonly StepDraft[]): RelaunchStepIn[] {
  return steps.map((s) => {
    const text = s.delay_days.trim();
    const delay = /^\d+$/.test(text) ? Number(text) : (text as unknown as number);
    return { channel: s.channel, delay_days: delay, subject: s.subject, body: s.body };
  });
}

export function stepDrafts(steps: readonly RelaunchStepIn[]): StepDraft[] {
  return steps.map((s) => ({
    channel: s.channel,
    delay_days: String(s.delay_days),
    subject: s.subject,
    body: s.body,
  }));
}

/** The variables a template uses that the server will refuse (« {{ prenom }} »), once each. */
export function unknownVariables(text: string): string[] {
  const known = new Set(TEMPLATE_VARIABLES.map((v) => v.name));
  const out: string[] = [];
  for (const match of text.matchAll(/\{\{\s*([^}\s]+)\s*\}\}/g)) {
    const name = match[1];
    if (!known.has(name) && !out.includes(name)) out.push(name);
  }
  return out;
}

/** The day each step leaves, counted from the enrolment (the delays add up). */
export function stepDays(steps: readonly { delay_days: number | string }[]): number[] {
  let total = 0;
  return steps.map((s) => {
    const n = Number(s.delay_days);
    total += Number.isFinite(n) ? n : 0;
    return total;
  });
}

// ---------------------------------------------------------------------------------------
// Targets of enrolments, surveys, invitations and segment offers.

export type Target = { mode: "customers" | "segment"; ids: number[]; segment: S["RfmSegment"] | "" };

export const EMPTY_TARGET: Target = { mode: "customers", ids: [], segment: "" };

export function targetBody(t: Target): { prospect_ids: number[] } | { rfm_segment: S["RfmSegment"] | null } {
  return t.mode === "segment" ? { rfm_segment: t.segment || null } : { prospect_ids: t.ids };
}

/** Whether the target names anybody (a customer ticked, or a segment chosen). */
export function targetChosen(t: Target): boolean {
  return t.mode === "segment" ? t.segment !== "" : t.ids.length > 0;
}

export function toggleId(ids: readonly number[], id: number, on: boolean): number[] {
  return on ? (ids.includes(id) ? [...ids] : [...ids, id]) : ids.filter((x) => x !== id);
}
