// The plan at a glance: its period, the business case version it was made under, its
// status, the revision it is, and the trainer's comment when returned (or validated with
// one); its title and notes edited in place while it is a draft.
import { useState } from "react";
import { Link } from "react-router-dom";
import { DisclosureButton, formatDate } from "../../components/ui";
import { PERIOD_KINDS } from "../../labels/plans";
import { PlanEditForm } from "./PlanEditForm";
import { periodText } from "./periods";
import { StatusBadge } from "./StatusBadge";
import type { PlanView } from "./usePlanWrite";

export function PlanHeader({ view, mine }: { view: PlanView; mine: boolean }) {
  const { plan } = view;
  const [editing, setEditing] = useState(false);
  return (
    <section className="card" aria-labelledby="plan-summary">
      <h2 id="plan-summary">En bref</h2>
      {plan.status === "returned" && plan.decision_comment && (
        <div role="note" className="alert alert-warn trainer-comment">
          <strong>Renvoyé par le formateur le {formatDate(plan.decided_at)} :</strong>
          <p className="pre-wrap">{plan.decision_comment}</p>
        </div>
      )}
      {plan.status === "validated" && plan.decision_comment && (
        <div role="note" className="alert alert-info trainer-comment">
          <strong>Commentaire du formateur :</strong>
          <p className="pre-wrap">{plan.decision_comment}</p>
        </div>
      )}
      <dl className="details-grid">
        {!mine && (
          <>
            <dt>Stagiaire</dt>
            <dd>
              <Link to={`/formation/stagiaires/${plan.owner_id}`}>{plan.owner_name ?? `n° ${plan.owner_id}`}</Link>
            </dd>
          </>
        )}
        <dt>Période</dt>
        <dd>{periodText(plan.period_kind, plan.starts_on, plan.ends_on, PERIOD_KINDS)}</dd>
        <dt>Cas d'entreprise</dt>
        <dd>
          {plan.business_case_name ?? "—"}, version {plan.business_case_version ?? "?"}
          {mine && (
            <>
              {" "}
              (<Link to="/entreprise">voir mon entreprise</Link>)
            </>
          )}
        </dd>
        <dt>Statut</dt>
        <dd>
          <StatusBadge status={plan.status} />
        </dd>
        <dt>Révision</dt>
        <dd>
          {plan.revision}
          {plan.revision_of_id && (
            <>
              {" "}
              — reprend <Link to={`/plans/${plan.revision_of_id}`}>le plan précédent</Link>
            </>
          )}
        </dd>
        {plan.notes && (
          <>
            <dt>Notes</dt>
            <dd className="pre-wrap">{plan.notes}</dd>
          </>
        )}
      </dl>
      {view.editable && (
        <div className="card-actions">
          <DisclosureButton open={editing} onToggle={() => setEditing(!editing)}>
            Modifier le titre et les notes
          </DisclosureButton>
        </div>
      )}
      {editing && <PlanEditForm key={plan.version} plan={plan} onDone={() => setEditing(false)} />}
    </section>
  );
}
