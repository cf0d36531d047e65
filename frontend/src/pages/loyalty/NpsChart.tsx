// A survey's distribution of scores: NPS 0–10 (detractors 0–6, passives 7–8, promoters
// 9–10) or CSAT 1–5. A table — each score, its count written out and its category — whose
// bars draw the same counts (decoration: the numbers are in the cells).
import { NPS_CATEGORIES } from "../../labels/loyalty";
import type { Schemas as S } from "../../api/types";
import { distributionBars } from "./logic";

export function DistributionChart(props: { distribution: readonly number[]; kind: S["SurveyKind"]; caption: string }) {
  const bars = distributionBars(props.distribution, props.kind);
  return (
    <div className="scroll-x">
      <table className="table bars">
        <caption>{props.caption}</caption>
        <thead>
          <tr>
            <th scope="col">Note</th>
            {props.kind === "nps" && <th scope="col">Catégorie</th>}
            <th scope="col" className="num">
              Réponses
            </th>
            <th scope="col">
              <span className="sr-only">Barre</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {bars.map((b) => (
            <tr key={b.score}>
              <th scope="row">{b.score}</th>
              {props.kind === "nps" && <td>{b.category ? NPS_CATEGORIES[b.category] : ""}</td>}
              <td className="num">{b.count}</td>
              <td className="bar-cell">
                <span
                  className={`bar${b.category ? ` bar-${b.category}` : ""}`}
                  style={{ width: `${b.width}%` }}
                  aria-hidden="true"
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
