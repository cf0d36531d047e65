// A decision refused beyond the salesperson's authority (409 beyond-authority): the server's
// explanation, the rule and its department, and « Escalader », which opens the handover
// form on the case with that department chosen.
import { useState } from "react";
import { DisclosureButton, Notice } from "../../components/ui";
import { EscalationForm } from "./EscalationForm";
import { LIMIT_RULES, type BeyondAuthority } from "./logic";

export function BeyondAuthorityAlert(props: {
  refusal: BeyondAuthority;
  /** The case to escalate on (none: the refusal is shown without the form). */
  caseId: number | null;
  clientRequest?: string;
  onEscalated?: () => void;
}) {
  const { refusal } = props;
  const [open, setOpen] = useState(false);
  const [done, setDone] = useState(false);
  return (
    <div className="alert alert-warn" role="alert">
      <p>
        <strong>Au-delà de votre délégation.</strong> {refusal.detail}
      </p>
      {refusal.limit && (
        <p>
          Limite : {LIMIT_RULES[refusal.limit] ?? refusal.limit} <span className="muted">({refusal.limit})</span>
        </p>
      )}
      {refusal.departmentLabel && (
        <p>
          Service compétent : {refusal.departmentLabel}
          {refusal.contact ? ` — ${refusal.contact}` : ""}
        </p>
      )}
      {done && <Notice>Dossier transmis au service {refusal.departmentLabel}.</Notice>}
      {props.caseId !== null && !done && (
        <>
          <DisclosureButton open={open} onToggle={() => setOpen(!open)} primary closeLabel="Ne pas escalader">
            Escalader
          </DisclosureButton>
          {open && (
            <EscalationForm
              caseId={props.caseId}
              department={refusal.department}
              reason={refusal.detail}
              clientRequest={props.clientRequest}
              onCancel={() => setOpen(false)}
              onDone={() => {
                setOpen(false);
                setDone(true);
                props.onEscalated?.();
              }}
            />
          )}
        </>
      )}
    </div>
  );
}
