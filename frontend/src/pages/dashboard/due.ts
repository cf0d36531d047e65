// The dashboard's contacts to make: today's first, then the overdue ones, most recent first
// (the oldest overdue contacts are the least likely to be made today: they come last).

type Due = { next_contact_on: string | null };

/** The prospects the API gave (due on or before `today`), in two groups: due today, and
 * overdue from the most recent to the oldest. */
export function splitDue<T extends Due>(items: readonly T[], today: string): { today: T[]; overdue: T[] } {
  const dueToday = items.filter((p) => p.next_contact_on === today);
  const overdue = items
    .filter((p) => p.next_contact_on !== null && p.next_contact_on < today)
    .sort((a, b) => (b.next_contact_on as string).localeCompare(a.next_contact_on as string));
  return { today: dueToday, overdue };
}

/** The day before an ISO date (YYYY-MM-DD), for the API's "due at the latest on" filter. */
export function dayBefore(iso: string): string {
  const date = new Date(`${iso}T12:00:00Z`);
  date.setUTCDate(date.getUTCDate() - 1);
  return date.toISOString().slice(0, 10);
}

/** The prospect list filtered on the contacts due (today and overdue), in the dashboard's order. */
export function dueListLink(today: string): string {
  return `/prospects?${new URLSearchParams({ before: today, sort: "-next_contact_on" }).toString()}`;
}
