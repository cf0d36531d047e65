// The action form's state and its payload (pure functions, tested without a browser).
import type { ActionOut, PlanDetail, Schemas } from "../../api/types";
import { numberOrNull } from "./numbers";

export type ActionBody = Schemas["ActionCreate"];

export interface ActionFormState {
  title: string;
  kind: Schemas["PlanActionKind"];
  starts_on: string;
  ends_on: string;
  segment_code: string;
  product_family: string;
  hours: string;
  budget: string;
  km: string;
  discount_pct: string;
  notes: string;
  /** objective id → the expected contribution as typed ("" : served, no figure). */
  serves: Record<number, string>;
  campaign_ids: number[];
  tour_ids: number[];
}

const s = (v: string | null | undefined) => v ?? "";
/** "0" or "0.00" shows as blank: nothing planned. */
const amount = (v: string | null | undefined) => (v === null || v === undefined || Number(v) === 0 ? "" : v);

export function fromAction(plan: Pick<PlanDetail, "starts_on" | "ends_on">, a?: ActionOut): ActionFormState {
  const serves: Record<number, string> = {};
  for (const c of (a?.contributions ?? []) as { objective_id: number; expected: string | null }[]) {
    serves[c.objective_id] = s(c.expected);
  }
  return {
    title: a?.title ?? "",
    kind: a?.kind ?? "phoning",
    starts_on: a?.starts_on ?? plan.starts_on,
    ends_on: a?.ends_on ?? plan.ends_on,
    segment_code: s(a?.segment_code),
    product_family: s(a?.product_family),
    hours: amount(a?.hours),
    budget: amount(a?.budget),
    km: amount(a?.km),
    discount_pct: s(a?.discount_pct),
    notes: a?.notes ?? "",
    serves,
    campaign_ids: (a?.campaigns ?? []).map((c) => c.id),
    tour_ids: (a?.tours ?? []).map((t) => t.id),
  };
}

export function toActionBody(f: ActionFormState): ActionBody {
  return {
    title: f.title.trim(),
    kind: f.kind,
    starts_on: f.starts_on,
    ends_on: f.ends_on,
    segment_code: f.segment_code || null,
    product_family: f.product_family || null,
    hours: numberOrNull(f.hours) ?? 0,
    budget: numberOrNull(f.budget) ?? 0,
    km: numberOrNull(f.km) ?? 0,
    discount_pct: numberOrNull(f.discount_pct),
    notes: f.notes,
    contributions: Object.entries(f.serves).map(([id, expected]) => ({
      objective_id: Number(id),
      expected: numberOrNull(expected),
    })),
    campaign_ids: f.campaign_ids,
    tour_ids: f.tour_ids,
  };
}

/** A list with `id` added or removed. */
export function toggled(ids: number[], id: number, on: boolean): number[] {
  return on ? [...new Set([...ids, id])] : ids.filter((x) => x !== id);
}
