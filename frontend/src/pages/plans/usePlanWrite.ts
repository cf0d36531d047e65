// What every part of the plan page shares: the plan, the business case version it was made
// under, the metric registry, whether the signed-in user may write it now; and the
// mutations that write it, which read the plan, its progress and findings again afterwards.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { isStaleVersion } from "../../api/problem";
import { plansChanged } from "../../api/queries/plans";
import type { BusinessCaseDocument, MetricOut, PlanDetail } from "../../api/types";

export interface PlanView {
  plan: PlanDetail;
  /** The business case version's document (segments, families); undefined while read. */
  doc: BusinessCaseDocument | undefined;
  metrics: Map<string, MetricOut>;
  /** The owner, on a draft or returned plan. */
  editable: boolean;
}

/** A write to the plan; on success, the plan and what depends on it are read again (the
 * mutation stays pending until then, so the page never shows the old figures as new). */
export function usePlanWrite<V, R>(planId: number, write: (vars: V) => Promise<R>, onSuccess?: (result: R) => void) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: write,
    onSuccess: async (result) => {
      await plansChanged.plan(queryClient, planId);
      onSuccess?.(result);
    },
    // Changed meanwhile: read it again, so that the next try starts from the current plan.
    onError: (error) => {
      if (isStaleVersion(error)) void plansChanged.plan(queryClient, planId);
    },
  });
}

/** The metric's French label (« Contacts émis »), or its code when unknown. */
export function metricLabel(metrics: Map<string, MetricOut>, code: string | null): string {
  if (!code) return "Qualitatif";
  return metrics.get(code)?.label ?? code;
}
