// The calendar of a plan, computed the way the API reads it (pure functions, tested without
// a browser): the months a plan may start on, the months and ISO weeks an objective's window
// holds (the slices its decomposition may use), each slice's French name.
import type { BusinessCaseDocument, ObjectiveOut, PlanDetail } from "../../api/types";
import { monthLabel, weekLabel } from "../../labels/plans";

const pad = (n: number) => String(n).padStart(2, "0");

/** "2026-12-06" → a UTC date (no time zone slip). */
export function parseDay(day: string): Date {
  const [y, m, d] = day.split("-").map(Number);
  return new Date(Date.UTC(y, m - 1, d));
}

export function isoDay(date: Date): string {
  return `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
}

/** The first days of the months a plan may start on, from `before` months ago to `after`
 * months ahead of `today`'s month. */
export function monthStarts(today: string, before = 12, after = 24): { value: string; label: string }[] {
  const t = parseDay(today);
  const out = [];
  for (let i = -before; i <= after; i++) {
    const d = new Date(Date.UTC(t.getUTCFullYear(), t.getUTCMonth() + i, 1));
    const key = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}`;
    out.push({ value: `${key}-01`, label: monthLabel(key) });
  }
  return out;
}

/** The first day of `today`'s month. */
export function monthStart(today: string): string {
  return `${today.slice(0, 7)}-01`;
}

/** The month keys ("2027-01") that meet [start, end]. */
export function monthsIn(start: string, end: string): string[] {
  const s = parseDay(start);
  const e = parseDay(end);
  const out = [];
  for (let d = new Date(Date.UTC(s.getUTCFullYear(), s.getUTCMonth(), 1)); d <= e;) {
    out.push(`${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}`);
    d = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1));
  }
  return out;
}

/** The ISO week key ("2027-W03") of a day. */
export function isoWeek(date: Date): string {
  const d = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
  const day = d.getUTCDay() || 7;
  d.setUTCDate(d.getUTCDate() + 4 - day); // the Thursday of its week decides the year
  const yearStart = new Date(Date.UTC(d.getUTCFullYear(), 0, 1));
  const week = Math.ceil(((d.getTime() - yearStart.getTime()) / 86_400_000 + 1) / 7);
  return `${d.getUTCFullYear()}-W${pad(week)}`;
}

/** The ISO week keys that meet [start, end]. */
export function weeksIn(start: string, end: string): string[] {
  const e = parseDay(end);
  const out: string[] = [];
  for (let d = parseDay(start); d <= e; d = new Date(d.getTime() + 86_400_000)) {
    const key = isoWeek(d);
    if (out[out.length - 1] !== key) out.push(key);
  }
  return out;
}

/** The days of a month or week key. */
export function sliceBounds(dimension: "month" | "week", key: string): [string, string] | null {
  if (dimension === "month") {
    const m = /^(\d{4})-(\d{2})$/.exec(key);
    if (!m) return null;
    const last = new Date(Date.UTC(Number(m[1]), Number(m[2]), 0));
    return [`${key}-01`, isoDay(last)];
  }
  const m = /^(\d{4})-W(\d{2})$/.exec(key);
  if (!m) return null;
  const jan4 = new Date(Date.UTC(Number(m[1]), 0, 4));
  const monday = new Date(jan4.getTime() - ((jan4.getUTCDay() || 7) - 1) * 86_400_000);
  const start = new Date(monday.getTime() + (Number(m[2]) - 1) * 7 * 86_400_000);
  return [isoDay(start), isoDay(new Date(start.getTime() + 6 * 86_400_000))];
}

/** The days an objective covers: its month or week clipped to its parents', else the plan's. */
export function windowOf(plan: Pick<PlanDetail, "starts_on" | "ends_on">, objectives: ObjectiveOut[], id: number) {
  let lo = plan.starts_on;
  let hi = plan.ends_on;
  const byId = new Map(objectives.map((o) => [o.id, o]));
  for (let o = byId.get(id); o; o = o.parent_id ? byId.get(o.parent_id) : undefined) {
    if ((o.dimension === "month" || o.dimension === "week") && o.slice_key) {
      const b = sliceBounds(o.dimension, o.slice_key);
      if (b) {
        if (b[0] > lo) lo = b[0];
        if (b[1] < hi) hi = b[1];
      }
    }
  }
  return { start: lo, end: hi };
}

/** A slice's name: « janvier 2027 », « semaine 3 de 2027 », a segment's or family's label. */
export function sliceLabel(
  dimension: ObjectiveOut["dimension"],
  key: string | null,
  doc: BusinessCaseDocument | undefined,
): string {
  if (!dimension || !key) return "";
  if (dimension === "month") return monthLabel(key);
  if (dimension === "week") return weekLabel(key);
  if (dimension === "segment") return doc?.market.segments.find((s) => s.code === key)?.label ?? key;
  return doc?.catalogue.families.find((f) => f.code === key)?.label ?? key;
}

/** The slices a parent may be cut into along a dimension: key and French name. */
export function sliceChoices(
  dimension: NonNullable<ObjectiveOut["dimension"]>,
  window: { start: string; end: string },
  doc: BusinessCaseDocument | undefined,
): { key: string; label: string }[] {
  if (dimension === "month") return monthsIn(window.start, window.end).map((k) => ({ key: k, label: monthLabel(k) }));
  if (dimension === "week") return weeksIn(window.start, window.end).map((k) => ({ key: k, label: weekLabel(k) }));
  if (dimension === "segment") return (doc?.market.segments ?? []).map((s) => ({ key: s.code, label: s.label }));
  return (doc?.catalogue.families ?? []).map((f) => ({ key: f.code, label: f.label }));
}

/** « Trimestre du 01/12/2026 au 28/02/2027 ». */
export function periodText(kind: string, start: string, end: string, kinds: Record<string, string>): string {
  const fr = (d: string) => parseDay(d).toLocaleDateString("fr-FR", { timeZone: "UTC" });
  return `${kinds[kind] ?? kind} du ${fr(start)} au ${fr(end)}`;
}
