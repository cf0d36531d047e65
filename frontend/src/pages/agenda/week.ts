// The week of the agenda (pure functions, tested without a browser): its days, the items of
// each day (all-day ones on every day they cover, timed ones on the day they start, in the
// agenda's time zone), times and dates in French, what an item links to, its double bookings.
import type { Schemas as S } from "../../api/types";

export type AgendaItem = S["AgendaItem"];

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Whether a text is a day as the API writes them (AAAA-MM-JJ) and a real one. */
export function isIsoDay(value: string | null | undefined): value is string {
  if (!value || !ISO_DAY.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/** The day `n` days after (before, when negative) `day`. */
export function addDays(day: string, n: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + n);
  return date.toISOString().slice(0, 10);
}

/** The Monday of the week holding `day`. */
export function mondayOf(day: string): string {
  const weekday = (new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7; // Monday 0 … Sunday 6
  return addDays(day, -weekday);
}

/** The seven days of the week starting on `monday`. */
export function weekDays(monday: string): string[] {
  return Array.from({ length: 7 }, (_, i) => addDays(monday, i));
}

function dayDate(day: string): Date {
  return new Date(`${day}T12:00:00Z`);
}

/** « lundi 30 novembre » (with the year when asked). */
export function dayLabel(day: string, withYear = false): string {
  return dayDate(day).toLocaleDateString("fr-FR", {
    weekday: "long",
    day: "numeric",
    month: "long",
    ...(withYear ? { year: "numeric" } : {}),
    timeZone: "UTC",
  });
}

/** « du lundi 30 novembre au dimanche 6 décembre 2026 ». */
export function weekLabel(monday: string): string {
  return `du ${dayLabel(monday)} au ${dayLabel(addDays(monday, 6), true)}`;
}

/** The day (AAAA-MM-JJ) of a moment in a time zone. */
export function dayIn(moment: string, timeZone: string): string {
  // Canadian English writes dates as AAAA-MM-JJ.
  return new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(
    new Date(moment),
  );
}

/** « 09:30 » in a time zone. */
export function timeIn(moment: string, timeZone: string): string {
  return new Date(moment).toLocaleTimeString("fr-FR", { timeZone, hour: "2-digit", minute: "2-digit" });
}

function shortDay(day: string): string {
  return dayDate(day).toLocaleDateString("fr-FR", { day: "numeric", month: "short", timeZone: "UTC" });
}

/** Whether an item takes its one whole day (its time then goes without saying, beside the
 * day's other all-day items). */
export function isOneWholeDay(item: AgendaItem): boolean {
  return Boolean(item.all_day) && (!item.last_day || item.last_day === item.day);
}

/** When an item happens, in French: « 09:30 – 10:30 », « 14:00 » (a task due at a moment),
 * « Toute la journée », or the span of an item over several days. */
export function itemWhen(item: AgendaItem, timeZone: string): string {
  if (item.all_day) {
    if (item.day && item.last_day && item.last_day !== item.day) {
      return `Du ${shortDay(item.day)} au ${shortDay(item.last_day)}`;
    }
    return "Toute la journée";
  }
  const start = timeIn(item.start, timeZone);
  if (item.end === item.start) return start;
  const endDay = dayIn(item.end, timeZone);
  const end = timeIn(item.end, timeZone);
  return endDay === dayIn(item.start, timeZone) ? `${start} – ${end}` : `${start} – ${shortDay(endDay)} ${end}`;
}

export interface DayColumn {
  day: string;
  allDay: AgendaItem[];
  timed: AgendaItem[];
}

/** The items of each day of the week, in the API's order (by start). */
export function dayColumns(items: readonly AgendaItem[], days: readonly string[], timeZone: string): DayColumn[] {
  const columns = days.map((day) => ({ day, allDay: [] as AgendaItem[], timed: [] as AgendaItem[] }));
  const index = new Map(days.map((day, i) => [day, i]));
  for (const item of items) {
    if (item.all_day) {
      const first = item.day ?? dayIn(item.start, timeZone);
      const last = item.last_day ?? first;
      for (const column of columns) {
        if (column.day >= first && column.day <= last) column.allDay.push(item);
      }
    } else {
      // On the day it starts; one started before the week and still running, on its first day.
      const at = index.get(dayIn(item.start, timeZone)) ?? (dayIn(item.end, timeZone) >= days[0] ? 0 : undefined);
      if (at !== undefined) columns[at].timed.push(item);
    }
  }
  // The day's bookings first (a tour, a planned action), then the tasks, then the reminders.
  const rank = (item: AgendaItem) => ALL_DAY_ORDER.indexOf(item.kind) >>> 0;
  for (const column of columns) column.allDay.sort((a, b) => rank(a) - rank(b));
  return columns;
}

/** The order of a day's all-day items by kind (a kind not listed comes last). */
const ALL_DAY_ORDER = ["tour_day", "plan_action", "task", "next_contact"];

/** The day's items in reading order: all-day ones, then the timed ones. */
export function dayItems(column: DayColumn): AgendaItem[] {
  return [...column.allDay, ...column.timed];
}

/** The record an item is about, as a page of the client. An appointment opens its prospect
 * (the appointment's own address is this agenda); a task without a link opens the task list. */
export function itemHref(item: AgendaItem): string | null {
  if (item.kind === "appointment" && typeof item.details?.prospect_id === "number") {
    return `/prospects/${item.details.prospect_id}`;
  }
  if (item.link?.href) return item.link.href;
  if (item.kind === "task") return `/agenda/taches?tache=${item.ref.split(":")[1]}`;
  return null;
}

/** The state an item's source adds, in French (a done task, a cancelled appointment). */
export function itemState(item: AgendaItem): string | null {
  if (item.kind === "task" && item.details?.done) return "faite";
  if (item.kind === "appointment" && item.details?.status === "cancelled") return "annulé";
  if (item.kind === "appointment" && item.details?.status === "done") return "réalisé";
  return null;
}

/** The titles of the items an item is double-booked with (those outside the period by count). */
export function conflictNames(item: AgendaItem, byRef: ReadonlyMap<string, AgendaItem>): string[] {
  const names: string[] = [];
  let unknown = 0;
  for (const ref of item.conflicts ?? []) {
    const other = byRef.get(ref);
    if (other) names.push(other.title);
    else unknown += 1;
  }
  if (unknown)
    names.push(unknown === 1 ? "un élément hors de cette semaine" : `${unknown} éléments hors de cette semaine`);
  return names;
}
