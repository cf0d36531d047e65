// The figures a cause or a check names, in French: each key's label and its value; a nested
// breakdown (per hour, per segment…) as a nested list. Decimals get a decimal comma.
import { figureLabel } from "../../labels/analyses";
import { formatDecimal } from "../../labels/businessCases";
import { useMetricLabel } from "./metricLabels";

function scalar(value: unknown): string {
  if (value === null || value === undefined || value === "") return "—";
  if (typeof value === "boolean") return value ? "oui" : "non";
  if (typeof value === "number") return formatDecimal(value);
  if (typeof value === "string" && /^-?\d+(\.\d+)?$/.test(value)) return formatDecimal(value);
  if (Array.isArray(value) && value.every((v) => typeof v !== "object" || v === null)) {
    return value.map(scalar).join(", ") || "—";
  }
  return String(value);
}

const isNested = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

export function FiguresList({ figures, label }: { figures: Record<string, unknown>; label: string }) {
  const metricLabel = useMetricLabel();
  const entries = Object.entries(figures);
  if (entries.length === 0) return null;
  return (
    <dl className="figures" aria-label={label}>
      {entries.map(([key, value]) => (
        <div key={key} className={isNested(value) ? "figures-nested" : undefined}>
          <dt>{figureLabel(key)}</dt>
          <dd>
            {isNested(value) ? (
              <FiguresList figures={value} label={`${label} : ${figureLabel(key)}`} />
            ) : Array.isArray(value) && value.some(isNested) ? (
              <ul>
                {value.map((v, i) => (
                  <li key={i}>
                    {isNested(v) ? <FiguresList figures={v} label={`${figureLabel(key)} ${i + 1}`} /> : scalar(v)}
                  </li>
                ))}
              </ul>
            ) : key === "metric_code" || key === "indicator" ? (
              metricLabel(String(value))
            ) : (
              scalar(value)
            )}
          </dd>
        </div>
      ))}
    </dl>
  );
}
