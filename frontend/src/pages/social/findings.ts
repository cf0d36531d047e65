// What the social pages do with a check's findings: sort them (errors first), keep those of a
// field, split a post's into its consistency with the charter and its confidentiality, and
// read the blocking findings of a refused approval (409 post-blocked).
import { ApiError } from "../../api/problem";
import type { Schemas as S } from "../../api/types";
import { CONFIDENTIALITY_RULES } from "../../labels/social";

export type Finding = S["CheckFinding"];

const ORDER: Record<string, number> = { error: 0, warning: 1, ok: 2 };

export function sortedFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort((a, b) => (ORDER[a.severity] ?? 3) - (ORDER[b.severity] ?? 3));
}

/** The findings about `field` ("headline"), or under it ("experience.0" holds
 * "experience.0.description"). */
export function findingsOf(findings: readonly Finding[], field: string): Finding[] {
  return findings.filter((f) => f.field === field || (f.field ?? "").startsWith(`${field}.`));
}

/** A post's findings: its consistency with the charter, then its confidentiality. */
export function splitPostFindings(findings: readonly Finding[]): {
  consistency: Finding[];
  confidentiality: Finding[];
} {
  return {
    consistency: findings.filter((f) => !CONFIDENTIALITY_RULES.has(f.rule)),
    confidentiality: findings.filter((f) => CONFIDENTIALITY_RULES.has(f.rule)),
  };
}

/** The errors among findings (what is left to correct). */
export const errorsOf = (findings: readonly Finding[]) => findings.filter((f) => f.severity === "error");

/** The blocking findings of a refused approval (409 `post-blocked`), or null for any other
 * error. */
export function blockedFindingsOf(error: unknown): Finding[] | null {
  if (!(error instanceof ApiError)) return null;
  const p = error.problem;
  if (p.status !== 409 || !String(p.type ?? "").endsWith(":post-blocked")) return null;
  return Array.isArray(p.findings) ? (p.findings as Finding[]) : [];
}
