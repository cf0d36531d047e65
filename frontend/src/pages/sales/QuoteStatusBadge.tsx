// A quote's status, and its approval when one was asked.
import type { Schemas as S } from "../../api/types";
import { APPROVALS, QUOTE_STATUS_CLASS, QUOTE_STATUSES } from "../../labels/sales";

export function QuoteStatusBadge({ status, approval }: { status: S["QuoteStatus"]; approval: S["ApprovalStatus"] }) {
  return (
    <>
      <span className={`status ${QUOTE_STATUS_CLASS[status]}`}>{QUOTE_STATUSES[status]}</span>
      {approval !== "none" && status === "draft" && (
        <>
          {" "}
          <span
            className={`status ${approval === "approved" ? "status-ok" : approval === "refused" ? "status-error" : "status-paused"}`}
          >
            {APPROVALS[approval]}
          </span>
        </>
      )}
    </>
  );
}
