// An offer's findings as the server checked them: each rule that holds (✓) or refuses (✗),
// marked in words as well as by colour, with the rule it is about.
import type { LoyaltyFinding } from "../../api/types";
import { sortedFindings } from "./logic";

export function FindingsList({ findings, label }: { findings: readonly LoyaltyFinding[]; label: string }) {
  if (findings.length === 0) return null;
  return (
    <ul className="findings" aria-label={label}>
      {sortedFindings(findings).map((f, i) => (
        <li key={i} className={f.ok ? "finding-ok" : "finding-ko"}>
          <span className="finding-mark" aria-hidden="true">
            {f.ok ? "✓" : "✗"}
          </span>
          <span className="sr-only">{f.ok ? "Respecté : " : "Refusé : "}</span>
          {f.message}
          {f.rule && !f.message.includes(f.rule) && <small className="muted"> (règle : {f.rule})</small>}
        </li>
      ))}
    </ul>
  );
}
