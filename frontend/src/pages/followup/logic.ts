// What the follow-up pages work out from the server's answers, without a component: the
// delivery's timeline and the steps that may come next, the refusals the pages answer with a
// form (beyond the authority: escalate; a required step missing: which ones), and the
// small conversions of the forms.
import { ApiError } from "../../api/problem";
import type { CaseStepOut, DeliveryDetail, Schemas as S } from "../../api/types";
import { DELIVERY_STEPS, DEPARTMENTS } from "../../labels/followUp";

export type DeliveryStep = keyof typeof DELIVERY_STEPS;

/** The steps a delivery may take next, as the server allows them (preparing may be skipped:
 * shipped straight from planned); none once delivered. */
export function nextSteps(status: S["DeliveryStatus"]): DeliveryStep[] {
  switch (status) {
    case "planned":
      return ["prepared", "shipped"];
    case "prepared":
      return ["shipped"];
    case "shipped":
      return ["delivered"];
    default:
      return [];
  }
}

export interface TimelineStep {
  status: S["DeliveryStatus"];
  label: string;
  /** The day the step was reached; the promised day for the delivery still to come. */
  on: string | null;
  state: "done" | "current" | "todo" | "skipped";
}

const ORDER: S["DeliveryStatus"][] = ["planned", "prepared", "shipped", "delivered"];
const TIMELINE_LABELS: Record<S["DeliveryStatus"], string> = {
  planned: "Prévue",
  prepared: "Préparée",
  shipped: "Expédiée",
  delivered: "Livrée",
};

/** The four steps of a delivery with their dates: reached (done, the last one current),
 * skipped (preparing, when it was shipped without), or still to come. */
export function deliveryTimeline(
  d: Pick<DeliveryDetail, "status" | "created_at" | "prepared_on" | "shipped_on" | "delivered_on">,
): TimelineStep[] {
  const reached = ORDER.indexOf(d.status);
  const dates: Record<S["DeliveryStatus"], string | null> = {
    planned: d.created_at.slice(0, 10),
    prepared: d.prepared_on,
    shipped: d.shipped_on,
    delivered: d.delivered_on,
  };
  return ORDER.map((status, i) => {
    const state: TimelineStep["state"] =
      i > reached
        ? "todo"
        : status === "prepared" && !d.prepared_on && reached > i
          ? "skipped"
          : i === reached
            ? "current"
            : "done";
    return {
      status,
      label: TIMELINE_LABELS[status],
      on: state === "todo" || state === "skipped" ? null : dates[status],
      state,
    };
  });
}

/** A 409 beyond the salesperson's authority: the rule, the department to pass the file to. */
export interface BeyondAuthority {
  detail: string;
  limit: string;
  department: S["EscalationDepartment"] | null;
  departmentLabel: string;
  contact: string | null;
}

export function beyondAuthorityOf(error: unknown): BeyondAuthority | null {
  if (!(error instanceof ApiError)) return null;
  const p = error.problem;
  if (p.status !== 409 || p.type !== "urn:capvente:problem:beyond-authority") return null;
  const department =
    typeof p.escalate_to === "string" && p.escalate_to in DEPARTMENTS
      ? (p.escalate_to as S["EscalationDepartment"])
      : null;
  return {
    detail: p.detail ?? p.title,
    limit: typeof p.limit === "string" ? p.limit : "",
    department,
    departmentLabel:
      typeof p.escalate_to_label === "string" ? p.escalate_to_label : department ? DEPARTMENTS[department] : "",
    contact: typeof p.contact === "string" ? p.contact : null,
  };
}

/** The business case's rule a limit names ("policy.authority.max_commercial_gesture"), in words. */
export const LIMIT_RULES: Record<string, string> = {
  "policy.authority.max_commercial_gesture": "geste commercial maximal (€ HT)",
  "policy.authority.max_gesture_rate": "geste commercial maximal (% de la commande)",
  "policy.authority.max_credit_note": "avoir maximal (€ HT)",
  "policy.authority.free_replacement": "remplacement gratuit",
  "policy.authority.max_payment_delay_days": "délai de paiement supplémentaire (jours)",
};

/** The required steps a refused closing names (409 procedure-step-missing), by their labels
 * (a code the case does not list is shown as it is). Null for any other error. */
export function missingStepsOf(error: unknown, steps: readonly CaseStepOut[]): string[] | null {
  if (!(error instanceof ApiError)) return null;
  const p = error.problem;
  if (p.status !== 409 || p.type !== "urn:capvente:problem:procedure-step-missing") return null;
  const codes = Array.isArray(p.missing_steps) ? p.missing_steps.map(String) : [];
  const labels = new Map(steps.map((s) => [s.code, s.label]));
  return codes.map((code) => labels.get(code) ?? code);
}

/** The documents of a handover note, one a line: trimmed, blank lines dropped. */
export function documentsOf(text: string): string[] {
  return text
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean);
}

/** A decimal typed in French ("1 250,5") as the API reads it ("1250.5"); "" stays "". */
export function decimal(value: string): string {
  return value.trim().replace(/\s/g, "").replace(",", ".");
}

/** An optional number field: null when blank. */
export function optionalDecimal(value: string): string | null {
  const v = decimal(value);
  return v === "" ? null : v;
}

/** A line of an order that can still be put in a delivery. */
export interface DeliverableLine {
  orderLineId: number;
  label: string;
  /** Ordered, less what the order's deliveries already carry (the server's rule). */
  remaining: string;
}

/** The order's lines with their ids, when the order gives them (`lines`: id, label,
 * quantity), less what its deliveries already carry; none when it does not give them (the
 * delivery then carries all that is left, which the server computes). */
export function deliverableLines(
  order: object,
  deliveries: readonly { lines: readonly { order_line_id: number; quantity: string }[] }[],
): DeliverableLine[] {
  const lines = (order as { lines?: unknown }).lines;
  if (!Array.isArray(lines)) return [];
  const carried = new Map<number, number>();
  for (const d of deliveries)
    for (const l of d.lines) carried.set(l.order_line_id, (carried.get(l.order_line_id) ?? 0) + Number(l.quantity));
  const out: DeliverableLine[] = [];
  for (const raw of lines) {
    const line = raw as { id?: unknown; label?: unknown; quantity?: unknown };
    if (typeof line.id !== "number" || typeof line.label !== "string") continue;
    const left = Number(line.quantity) - (carried.get(line.id) ?? 0);
    // Quantities have three decimals: rounding removes the float's noise.
    if (left > 0)
      out.push({ orderLineId: line.id, label: line.label, remaining: String(Math.round(left * 1000) / 1000) });
  }
  return out;
}
