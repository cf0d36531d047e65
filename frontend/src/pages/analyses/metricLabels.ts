// The registry's indicators by code → French label, as the analysis's trend names them (every
// registry metric is there): what causes and actions show instead of a code. Read from the
// figures, so a company tutor (who may not read GET /metrics) gets the same labels.
import { createContext, useContext } from "react";

export const MetricLabels = createContext<Map<string, string>>(new Map());

/** The label of an indicator's code, or the code itself when unknown. */
export function useMetricLabel(): (code: string | null | undefined) => string {
  const labels = useContext(MetricLabels);
  return (code) => (code ? (labels.get(code) ?? code) : "—");
}
