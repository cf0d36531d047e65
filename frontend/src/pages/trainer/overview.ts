// Pure helpers of the cohort overview and the portfolios: figures per trainee, last
// activity, criteria per level, the heat scale of the evidence table.
import type { components } from "../../api/schema";
import type { Level } from "./labels";

export type Portfolio = components["schemas"]["Portfolio"];
export type CompetencePortfolio = components["schemas"]["CompetencePortfolio"];
export type CriterionPortfolio = components["schemas"]["CriterionPortfolio"];

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
export function criterionOptions(portfolio: Pick<Portfolio, "competences">): { code: string; title: string; criteria: string[] }[] {
  return portfolio.competences.map((c) => ({ code: c.code, title: c.title, criteria: c.criteria.map((k) => k.code) }));
}
