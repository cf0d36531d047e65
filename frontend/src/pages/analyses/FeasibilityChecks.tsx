// A corrective action's feasibility, check by check: ✓ holds, ✗ fails, each with the
// server's message (the hours free, the budget left, the policy's limit…).
import type { FeasibilityCheck } from "../../api/types";
import { FEASIBILITY_CHECKS } from "../../labels/analyses";

export function FeasibilityChecks({ checks, label }: { checks: FeasibilityCheck[]; label: string }) {
  return (
    <ul className="checks" aria-label={label}>
      {checks.map((c, i) => (
        <li key={`${c.check}-${i}`} className={c.ok ? "check-ok" : "check-failed"}>
          <span aria-hidden="true">{c.ok ? "✓" : "✗"}</span>{" "}
          <strong>
            {FEASIBILITY_CHECKS[c.check] ?? c.check} : {c.ok ? "tient" : "ne tient pas"}
          </strong>{" "}
          — {c.message}
        </li>
      ))}
    </ul>
  );
}

/** The checks of a refused acceptance (409 `action-not-feasible`), read from the problem. */
export function refusedChecks(error: unknown): FeasibilityCheck[] | null {
  if (typeof error !== "object" || error === null || !("problem" in error)) return null;
  const problem = (error as { problem: { type?: string; checks?: unknown } }).problem;
  if (!problem.type?.endsWith("action-not-feasible") || !Array.isArray(problem.checks)) return null;
  return problem.checks as FeasibilityCheck[];
}
