// The options of a criterion filter: one group per competence of the portfolio, its criteria
// in it (and the whole competence first when a filter accepts it).
import type { Portfolio } from "../../api/types";

export function CriterionOptions({
  portfolio,
  wholeCompetence = false,
}: {
  portfolio: Portfolio;
  wholeCompetence?: boolean;
}) {
  return portfolio.competences.map((c) => (
    <optgroup key={c.code} label={`${c.code} — ${c.title}`}>
      {wholeCompetence && <option value={c.code}>{c.code} (toute la compétence)</option>}
      {c.criteria.map((k) => (
        <option key={k.code} value={k.code}>
          {k.code}
        </option>
      ))}
    </optgroup>
  ));
}
