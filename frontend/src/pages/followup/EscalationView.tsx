// One escalation as the department receives it: its handover note (why, the facts, what the
// client asks, what was done, the documents), then the department's answer when it came.
import type { EscalationOut } from "../../api/types";
import { formatDate } from "../../components/ui";
import { ESCALATION_STATUSES } from "../../labels/followUp";
import { StatusBadge } from "./StatusBadge";

export function EscalationView({ escalation: e }: { escalation: EscalationOut }) {
  return (
    <>
      <p>
        <strong>{e.department_label}</strong> —{" "}
        <StatusBadge
          value={e.status}
          labels={ESCALATION_STATUSES}
          classes={{ sent: "status-paused", answered: "status-ok" }}
        />{" "}
        — transmis le {formatDate(e.sent_at, true)}
        {e.contact ? <span className="muted"> — {e.contact}</span> : null}
      </p>
      <dl className="handover">
        {e.reason && (
          <>
            <dt>Motif</dt>
            <dd>{e.reason}</dd>
          </>
        )}
        <dt>Les faits</dt>
        <dd>{e.facts}</dd>
        <dt>Ce que demande le client</dt>
        <dd>{e.client_request}</dd>
        <dt>Ce qui a déjà été fait</dt>
        <dd>{e.actions_taken}</dd>
        <dt>Documents joints</dt>
        <dd>{e.documents.length ? e.documents.join(", ") : "aucun"}</dd>
        {e.status === "answered" && (
          <>
            <dt>Réponse du service ({formatDate(e.answered_at, true)})</dt>
            <dd>{e.answer}</dd>
          </>
        )}
      </dl>
    </>
  );
}
