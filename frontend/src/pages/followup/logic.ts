// What the follow-up pages work out from the server's answers, without a component: the
// delivery's timeline and the steps that may come next, the refusals the pages answer with a
// form (beyond the authority: escalate; a required step missing: which ones; a quote already
// an order: which one), what a new delivery may carry, the task a due date suggests, and the
// small conversions of the forms.
import { ApiError } from "../../api/problem";
import type {
  CaseStepOut,
  ComplaintOut,
  DeliveryDetail,
  InvoiceDetail,
  OrderLineOut,
  Schemas as S,
} from "../../api/types";
import { DELIVERY_STEPS, DEPARTMENTS, RELAUNCH_LEVELS, quantity } from "../../labels/followUp";

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
  /** Ordered less what the order's deliveries already carry (`quantity_planned`): the most a
   * new delivery may carry (the server's rule), as the API writes a quantity ("2.5"). */
  remaining: string;
}

/** Quantities have three decimals: counted in thousandths, the sums have no float noise. */
function thousandths(value: string): number {
  return Math.round(Number(value) * 1000);
}

function fromThousandths(n: number): string {
  return String(n / 1000);
}

/** The order's lines that some quantity is left to plan for (quantity − quantity_planned). */
export function deliverableLines(
  lines: readonly Pick<OrderLineOut, "id" | "label" | "quantity" | "quantity_planned">[],
): DeliverableLine[] {
  const out: DeliverableLine[] = [];
  for (const line of lines) {
    const left = thousandths(line.quantity) - thousandths(line.quantity_planned);
    if (left > 0) out.push({ orderLineId: line.id, label: line.label, remaining: fromThousandths(left) });
  }
  return out;
}

/** What is left to plan of a line, for the order's lines table (never below zero). */
export function leftToPlan(line: Pick<OrderLineOut, "quantity" | "quantity_planned">): string {
  return fromThousandths(Math.max(0, thousandths(line.quantity) - thousandths(line.quantity_planned)));
}

/** The lines of a partial delivery as typed: each line ticked, with its quantity. */
export interface PartialDraft {
  chosen: Record<number, boolean>;
  quantities: Record<number, string>;
}

export type PartialLines =
  { ok: true; lines: { order_line_id: number; quantity: string }[] } | { ok: false; errors: Record<string, string> };

const QUANTITY = /^\d+(\.\d{1,3})?$/;

/** The body's `lines` of a partial delivery, or what to correct before sending: at least one
 * line, each quantity a number above zero with three decimals at most and no more than is
 * left to plan. Errors are keyed by the order line's id (`lines` for the whole choice). */
export function partialLines(lines: readonly DeliverableLine[], draft: PartialDraft): PartialLines {
  const picked = lines.filter((l) => draft.chosen[l.orderLineId]);
  if (picked.length === 0) return { ok: false, errors: { lines: "Cochez au moins une ligne à livrer." } };
  const errors: Record<string, string> = {};
  const out: { order_line_id: number; quantity: string }[] = [];
  for (const l of picked) {
    const typed = decimal(draft.quantities[l.orderLineId] ?? "");
    if (!QUANTITY.test(typed)) errors[l.orderLineId] = "Une quantité en chiffres (trois décimales au plus).";
    else if (thousandths(typed) <= 0) errors[l.orderLineId] = "Une quantité supérieure à zéro.";
    else if (thousandths(typed) > thousandths(l.remaining))
      errors[l.orderLineId] = `Au plus ${quantity(l.remaining)} : le reste à prévoir de cette ligne.`;
    else out.push({ order_line_id: l.orderLineId, quantity: typed });
  }
  return Object.keys(errors).length ? { ok: false, errors } : { ok: true, lines: out };
}

/** The order a quote already is, named by the refusal of a second order (409 with `order_id`). */
export function existingOrderOf(error: unknown): number | null {
  if (!(error instanceof ApiError)) return null;
  const p = error.problem;
  return p.status === 409 && typeof p.order_id === "number" ? p.order_id : null;
}

/** A task suggested from a record's next due date: its title and day (the trainee edits them). */
export interface TaskDraft {
  title: string;
  due_on: string;
}

/** An invoice's next due date as a task: the formal notice's delay over (pass it to
 * accounting), the next relaunch from its date, else the payment on the due date. */
export function invoiceTask(
  i: Pick<InvoiceDetail, "number" | "status" | "due_on" | "next_level" | "escalation_due" | "escalated_at">,
  today: string,
): TaskDraft {
  if (i.status === "open" && i.escalation_due && !i.escalated_at)
    return { title: `Transmettre la facture ${i.number} à la comptabilité`, due_on: today };
  if (i.status === "open" && i.next_level)
    return {
      title: `${RELAUNCH_LEVELS[i.next_level.level]} de la facture ${i.number}`,
      due_on: i.next_level.from_on > today ? i.next_level.from_on : today,
    };
  return { title: `Vérifier le paiement de la facture ${i.number}`, due_on: i.due_on > today ? i.due_on : today };
}

/** A complaint's next due date as a task: the response, then the resolution. */
export function complaintTask(
  c: Pick<ComplaintOut, "subject" | "responded_on" | "response_due_on" | "resolution_due_on">,
  today: string,
): TaskDraft {
  const [title, due] = c.responded_on
    ? [`Résoudre la réclamation : ${c.subject}`, c.resolution_due_on]
    : [`Répondre à la réclamation : ${c.subject}`, c.response_due_on];
  return { title, due_on: due > today ? due : today };
}
