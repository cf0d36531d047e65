// The month view's arithmetic, on ISO days ("2026-12-09") read as dates without time zone:
// the weeks (Monday to Sunday) that cover a month, the month before or after, the names.

/** "2026-12-09" → a Date at midnight UTC (no time zone shifts the day). */
function utc(day: string): Date {
  return new Date(`${day}T00:00:00Z`);
}

function iso(date: Date): string {
  return date.toISOString().slice(0, 10);
}

function addDays(day: string, days: number): string {
  return iso(new Date(utc(day).getTime() + days * 86_400_000));
}

/** Whether `value` is a month "YYYY-MM". */
export function isMonth(value: string | null): value is string {
  return value !== null && /^\d{4}-(0[1-9]|1[0-2])$/.test(value);
}

/** The month `delta` months after `month` ("2026-12", 1 → "2027-01"). */
export function shiftMonth(month: string, delta: number): string {
  const [year, m] = month.split("-").map(Number);
  const date = new Date(Date.UTC(year, m - 1 + delta, 1));
  return iso(date).slice(0, 7);
}

/** The weeks of the month's grid, Monday first: each a list of seven ISO days (the days of
 * the months before and after fill the first and last weeks). */
export function monthWeeks(month: string): string[][] {
  const first = `${month}-01`;
  const last = addDays(`${shiftMonth(month, 1)}-01`, -1);
  const monday = addDays(first, -((utc(first).getUTCDay() + 6) % 7));
  const weeks: string[][] = [];
  for (let start = monday; start <= last; start = addDays(start, 7)) {
    weeks.push(Array.from({ length: 7 }, (_, i) => addDays(start, i)));
  }
  return weeks;
}

/** « Décembre 2026 ». */
export function monthTitle(month: string): string {
  const text = utc(`${month}-01`).toLocaleDateString("fr-FR", { month: "long", year: "numeric", timeZone: "UTC" });
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** « mercredi 9 décembre 2026 ». */
export function dayTitle(day: string): string {
  return utc(day).toLocaleDateString("fr-FR", {
    weekday: "long",
    day: "numeric",
    month: "long",
    year: "numeric",
    timeZone: "UTC",
  });
}

/** « 09/12/2026 ». */
export function dayShort(day: string | null | undefined): string {
  return day ? utc(day).toLocaleDateString("fr-FR", { timeZone: "UTC" }) : "—";
}

/** The ISO week number of a day (the week of its Thursday). */
export function isoWeekNumber(day: string): number {
  const date = utc(day);
  const thursday = new Date(date.getTime() + (3 - ((date.getUTCDay() + 6) % 7)) * 86_400_000);
  const yearStart = Date.UTC(thursday.getUTCFullYear(), 0, 1);
  return Math.floor((thursday.getTime() - yearStart) / (7 * 86_400_000)) + 1;
}

export const WEEKDAYS = ["Lundi", "Mardi", "Mercredi", "Jeudi", "Vendredi", "Samedi", "Dimanche"];
