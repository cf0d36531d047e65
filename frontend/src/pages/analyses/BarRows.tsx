// A bar chart in HTML and CSS: one row per item, its name, a bar and the figures in words.
// The bars only repeat the words (aria-hidden); the chart reads as a list of figures, and each
// page gives the same figures as a table too.
import type { ReactNode } from "react";
import { widthOf } from "./format";

export interface BarRow {
  key: string;
  label: ReactNode;
  /** The bar's length, on the chart's scale (`max`). */
  value: number | null;
  /** Where a mark is drawn on the same scale (a target, a median). */
  mark?: number | null;
  /** The figures in words, read by everyone. */
  text: ReactNode;
  /** The bar's class (its status colour). */
  tone?: string;
}

export function BarRows(props: {
  /** The chart's title (its figcaption). */
  title: string;
  id: string;
  rows: BarRow[];
  max: number;
  /** What the mark stands for, said once under the chart. */
  markLegend?: string;
}) {
  return (
    <figure className="bar-chart" aria-labelledby={props.id}>
      <figcaption id={props.id}>{props.title}</figcaption>
      <ul className="bar-rows">
        {props.rows.map((r) => (
          <li key={r.key}>
            <span className="bar-label">{r.label}</span>
            <span className="bar-track" aria-hidden="true">
              <span className={`bar-fill ${r.tone ?? ""}`} style={{ width: widthOf(r.value, props.max) }} />
              {r.mark !== undefined && r.mark !== null && (
                <span className="bar-mark" style={{ left: widthOf(r.mark, props.max) }} />
              )}
            </span>
            <span className="bar-text">{r.text}</span>
          </li>
        ))}
      </ul>
      {props.markLegend && (
        <p className="hint">
          <span className="bar-mark-key" aria-hidden="true" /> {props.markLegend}
        </p>
      )}
    </figure>
  );
}
