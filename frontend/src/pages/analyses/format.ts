// The analysis's figures in French: numbers with a decimal comma, their unit, percentages,
// changes with their sign, ISO days as « 01/11/2026 ».
import { formatDecimal } from "../../labels/businessCases";
import { withUnit } from "../plans/tree";
import { num, type Num } from "./figures";

export { withUnit };

/** A number to `digits` decimals at most (« — » for nothing). */
export function figure(value: Num | undefined, digits = 2): string {
  return formatDecimal(value ?? null, digits);
}

/** A percentage (« 53,6 % »). */
export function pct(value: Num | undefined): string {
  const text = figure(value, 1);
  return text === "—" ? text : `${text} %`;
}

/** A change with its sign (« +12 », « −3,5 »). */
export function signed(value: Num | undefined, digits = 2): string {
  const n = num(value ?? null);
  if (n === null) return "—";
  const text = formatDecimal(Math.abs(n), digits);
  return n > 0 ? `+${text}` : n < 0 ? `−${text}` : text;
}

/** "2026-11-01" → « 01/11/2026 » (no time zone involved). */
export function day(iso: string | null | undefined): string {
  if (!iso) return "—";
  const [y, m, d] = iso.slice(0, 10).split("-");
  return d && m && y ? `${d}/${m}/${y}` : iso;
}

/** « du 01/11/2026 au 30/11/2026 ». */
export function period(start: string, end: string): string {
  return `du ${day(start)} au ${day(end)}`;
}

/** The share of `value` in `max` as a CSS width, between 0 and 100 %. */
export function widthOf(value: number | null, max: number): string {
  if (value === null || max <= 0) return "0%";
  return `${Math.max(0, Math.min(100, (value / max) * 100))}%`;
}
