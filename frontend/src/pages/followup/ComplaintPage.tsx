// One complaint (CP7.2): what the client said and asks for, the response and resolution due
// dates with their lateness, the solution proposed (checked against the salesperson's
// authority when it costs the company: beyond it, escalate on the complaint's case), the
// client's answer and satisfaction, its next due date made a task, what the client was
// told, and the case.
import { useQuery } from "@tanstack/react-query";
import { Link, useParams } from "react-router-dom";
import { followUpQueries } from "../../api/queries/followUp";
import type { ComplaintOut } from "../../api/types";
import { QueryState } from "../../components/QueryState";
import { ReadOnlyScope, useReadOnly } from "../../components/ReadOnly";
import { PageFrame, formatDate } from "../../components/ui";
import {
  CHANNELS,
  COMPLAINT_CATEGORIES,
  COMPLAINT_SEVERITIES,
  COMPLAINT_STATUSES,
  COMPLAINT_STATUS_CLASS,
  SOLUTIONS,
  lateness,
} from "../../labels/followUp";
import { isoToday } from "../../labels/prospects";
import { euros } from "../../labels/sales";
import { ClientAnswerForm, SolutionForm } from "./ComplaintForms";
import { FollowUpNav } from "./FollowUpNav";
import { MessagesCard } from "./MessagesCard";
import { LateBadge, StatusBadge } from "./StatusBadge";
import { TaskCard } from "./TaskCard";
import { complaintTask } from "./logic";
import "./followup.css";

export function ComplaintPage() {
  const id = Number(useParams().id);
  const complaint = useQuery({ ...followUpQueries.complaint(id), enabled: Number.isInteger(id) });
  return (
    <PageFrame
      title={complaint.data ? `Réclamation : ${complaint.data.subject}` : "Réclamation"}
      operations={[
        "propose_complaint_solution",
        "record_complaint_answer",
        "create_escalation",
        "create_client_message",
      ]}
    >
      <FollowUpNav />
      <QueryState query={complaint} busyLabel="Chargement de la réclamation…">
        {(c) => (
          <ReadOnlyScope ownerId={c.owner_id}>
            <ComplaintFacts complaint={c} />
            <SolutionCard complaint={c} />
            {(c.status === "received" || c.status === "answered") && (
              <TaskCard linkKind="complaint" linkId={c.id} suggest={() => complaintTask(c, isoToday())} />
            )}
            <MessagesCard subject="complaint" subjectId={c.id} />
          </ReadOnlyScope>
        )}
      </QueryState>
    </PageFrame>
  );
}

function ComplaintFacts({ complaint: c }: { complaint: ComplaintOut }) {
  return (
    <dl className="facts followup-facts card">
      <dt>Client</dt>
      <dd>
        <Link to={`/comptes/${c.prospect_id}`}>{c.prospect_name}</Link>
        {c.order_id !== null && (
          <>
            {" — "}
            <Link to={`/commandes/${c.order_id}`}>commande concernée</Link>
          </>
        )}
      </dd>
      <dt>Reçue le</dt>
      <dd>
        {formatDate(c.received_on)} par {CHANNELS[c.channel].toLowerCase()}
      </dd>
      <dt>Catégorie, gravité</dt>
      <dd>
        {COMPLAINT_CATEGORIES[c.category]}, gravité {COMPLAINT_SEVERITIES[c.severity].toLowerCase()}
      </dd>
      <dt>Statut</dt>
      <dd>
        <StatusBadge value={c.status} labels={COMPLAINT_STATUSES} classes={COMPLAINT_STATUS_CLASS} />
      </dd>
      <dt>Réponse due le</dt>
      <dd>
        {formatDate(c.response_due_on)} —{" "}
        {c.responded_on ? `répondu le ${formatDate(c.responded_on)}, ${lateness(c.response_late_days)}` : null}
        {!c.responded_on && (c.response_late_days > 0 ? <LateBadge days={c.response_late_days} /> : "dans les délais")}
      </dd>
      <dt>Résolution due le</dt>
      <dd>
        {formatDate(c.resolution_due_on)} —{" "}
        {c.resolved_on ? `résolue le ${formatDate(c.resolved_on)}, ${lateness(c.resolution_late_days)}` : null}
        {!c.resolved_on &&
          (c.resolution_late_days > 0 ? <LateBadge days={c.resolution_late_days} /> : "dans les délais")}
      </dd>
      <dt>Ce qui s'est passé</dt>
      <dd className="pre-wrap">{c.description || "—"}</dd>
      <dt>Ce que demande le client</dt>
      <dd className="pre-wrap">{c.client_request || "—"}</dd>
      <dt>Dossier</dt>
      <dd>{c.case_id !== null ? <Link to={`/dossiers/${c.case_id}`}>Dossier de la réclamation</Link> : "—"}</dd>
    </dl>
  );
}

function SolutionCard({ complaint: c }: { complaint: ComplaintOut }) {
  const readOnly = useReadOnly();
  const open = c.status === "received" || c.status === "answered";
  return (
    <section className="card" aria-labelledby="complaint-solution">
      <h2 id="complaint-solution">Solution et réponse du client</h2>
      {c.solution ? (
        <dl className="facts followup-facts">
          <dt>Solution proposée</dt>
          <dd>
            {SOLUTIONS[c.solution]} — {c.solution_detail}
            {c.solution_cost && Number(c.solution_cost) > 0 ? ` (coût ${euros(c.solution_cost)} HT)` : ""}
          </dd>
          {c.client_accepted !== null && (
            <>
              <dt>Réponse du client</dt>
              <dd>
                {c.client_accepted ? "Acceptée" : "Refusée"}
                {c.client_answer ? ` — « ${c.client_answer} »` : ""}
                {c.csat !== null ? ` — satisfaction ${c.csat}/5` : ""}
              </dd>
            </>
          )}
        </dl>
      ) : (
        <p>Aucune solution proposée pour l'instant.</p>
      )}
      {!readOnly && open && <SolutionForm complaint={c} />}
      {!readOnly && c.status === "answered" && <ClientAnswerForm complaint={c} />}
    </section>
  );
}
