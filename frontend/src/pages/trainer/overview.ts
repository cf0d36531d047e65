// Pure helpers of the cohort overview and the portfolios: figures per trainee, last
// activity, criteria per level, the heat scale of the evidence table.
import type { AssessmentLevel as Level, Portfolio } from "../../api/types";

/** The latest evidence date of a portfolio (ISO string), or null when there is none. */
export function lastActivity(portfolio: Pick<Portfolio, "competences">): string | null {
  let latest: string | null = null;
  let latestTime = -Infinity;
  for (const competence of portfolio.competences) {
    const candidates = [competence.last_at, ...competence.criteria.map((c) => c.last_at)];
    for (const value of candidates) {
      if (!value) continue;
      const time = new Date(value).getTime();
      if (time > latestTime) {
        latestTime = time;
        latest = value;
      }
    }
  }
  return latest;
}

/** Criteria counted by their current level (a criterion never assessed is `not_assessed`). */
export function criteriaByLevel(portfolio: Pick<Portfolio, "competences">): Record<Level, number> {
  const out: Record<Level, number> = { not_assessed: 0, in_progress: 0, acquired: 0 };
  for (const competence of portfolio.competences) {
    for (const criterion of competence.criteria) {
      out[criterion.assessment?.level ?? "not_assessed"] += 1;
    }
  }
  return out;
}

/** Evidence count per competence code. */
export function evidenceByCompetence(portfolio: Pick<Portfolio, "competences">): Record<string, number> {
  return Object.fromEntries(portfolio.competences.map((c) => [c.code, c.evidence_count ?? 0]));
}

/** 0 (none) … 4 (the most of the table) for a cell's shade; relative to the table's maximum. */
export function heatLevel(count: number | undefined, max: number): 0 | 1 | 2 | 3 | 4 {
  if (!count || count <= 0 || max <= 0) return 0;
  const ratio = count / max;
  if (ratio > 0.75) return 4;
  if (ratio > 0.5) return 3;
  if (ratio > 0.25) return 2;
  return 1;
}

/** The criteria of a portfolio as select options, grouped by competence. */
export function criterionOptions(
  portfolio: Pick<Portfolio, "competences">,
): { code: string; title: string; criteria: string[] }[] {
  return portfolio.competences.map((c) => ({ code: c.code, title: c.title, criteria: c.criteria.map((k) => k.code) }));
}

/** A trainee with no evidence for this many days is flagged "inactive" on the cohort
 * overview (two working weeks: long enough to skip a week of classes, short enough to call). */
export const INACTIVE_AFTER_DAYS = 14;

/** Whole days since the last activity, or null when there was none. */
export function daysSince(last: string | null, now: Date = new Date()): number | null {
  if (!last) return null;
  return Math.floor((now.getTime() - new Date(last).getTime()) / 86_400_000);
}

/** Inactive: no activity at all, or none for more than INACTIVE_AFTER_DAYS days. */
export function isInactive(last: string | null, now: Date = new Date()): boolean {
  const days = daysSince(last, now);
  return days === null || days > INACTIVE_AFTER_DAYS;
}

/** The cohort table's sort: by name, a competence's evidence, the total, the criteria
 * acquired, or the last activity. */
export type OverviewSortKey = "name" | "total" | "acquired" | "last" | `competence:${string}`;
export interface OverviewSort {
  key: OverviewSortKey;
  descending: boolean;
}

interface SortableRow {
  name: string;
  data: Pick<Portfolio, "competences" | "evidence_total" | "criteria_acquired"> | undefined;
}

function sortValue(row: SortableRow, key: OverviewSortKey): number | string | null {
  const p = row.data;
  if (key === "name") return row.name;
  if (!p) return null;
  if (key === "total") return p.evidence_total;
  if (key === "acquired") return p.criteria_acquired;
  if (key === "last") {
    const last = lastActivity(p);
    return last ? new Date(last).getTime() : -Infinity;
  }
  return evidenceByCompetence(p)[key.slice("competence:".length)] ?? 0;
}

/** The rows in the chosen order; rows whose portfolio is not loaded yet go last, ties keep
 * the name order. */
export function sortOverview<R extends SortableRow>(rows: R[], sort: OverviewSort): R[] {
  const byName = (a: R, b: R) => a.name.localeCompare(b.name, "fr");
  return [...rows].sort((a, b) => {
    const va = sortValue(a, sort.key);
    const vb = sortValue(b, sort.key);
    if (va === null || vb === null) return va === vb ? byName(a, b) : va === null ? 1 : -1;
    const order = typeof va === "string" ? va.localeCompare(String(vb), "fr") : va - (vb as number);
    return (sort.descending ? -order : order) || byName(a, b);
  });
}
