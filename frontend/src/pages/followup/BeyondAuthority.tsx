// A decision refused beyond the salesperson's authority (409 beyond-authority): the server's
// explanation, the rule and its department, and « Escalader », which opens the handover
// form on the case with that department chosen — on the record's case, or on one opened
// first when the record has none (`openCase`: a credit note refused on an invoice).
import { useState } from "react";
import { useMutation } from "@tanstack/react-query";
import { Link } from "react-router-dom";
import { DisclosureButton, ErrorBanner, Notice } from "../../components/ui";
import { EscalationForm } from "./EscalationForm";
import { LIMIT_RULES, type BeyondAuthority } from "./logic";

export function BeyondAuthorityAlert(props: {
  refusal: BeyondAuthority;
  /** The case to escalate on (none: `openCase` opens one, else the refusal is shown alone). */
  caseId: number | null;
  /** Opens the case to escalate on (or finds the one to use) and gives its id. */
  openCase?: () => Promise<number>;
  clientRequest?: string;
  onEscalated?: () => void;
}) {
  const { refusal } = props;
  const [open, setOpen] = useState(false);
  const [done, setDone] = useState(false);
  const opening = useMutation({ mutationFn: () => props.openCase!(), onSuccess: () => setOpen(true) });
  const caseId = opening.data ?? props.caseId;
  const canEscalate = caseId !== null || props.openCase !== undefined;
  const toggle = () => {
    if (opening.isPending) return;
    if (open) setOpen(false);
    else if (caseId !== null) setOpen(true);
    else opening.mutate();
  };
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
      {canEscalate && !done && (
        <>
          <DisclosureButton open={open} onToggle={toggle} primary closeLabel="Ne pas escalader">
            {opening.isPending ? "Ouverture du dossier…" : "Escalader"}
          </DisclosureButton>
          <ErrorBanner error={opening.error} title="Le dossier n'a pas pu être ouvert." />
          {open && caseId !== null && (
            <>
              {opening.data !== undefined && (
                <p>
                  Escalade sur le <Link to={`/dossiers/${caseId}`}>dossier ouvert pour l'occasion</Link>.
                </p>
              )}
              <EscalationForm
                caseId={caseId}
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
            </>
          )}
        </>
      )}
    </div>
  );
}
