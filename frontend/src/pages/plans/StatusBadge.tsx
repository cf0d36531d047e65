// A plan's status as a labelled badge: the word says it, the colour only repeats it.
import type { Schemas } from "../../api/types";
import { PLAN_STATUSES, PLAN_STATUS_CLASS } from "../../labels/plans";

export function StatusBadge({ status }: { status: Schemas["PlanStatus"] }) {
  return <span className={`status ${PLAN_STATUS_CLASS[status]}`}>{PLAN_STATUSES[status]}</span>;
}
