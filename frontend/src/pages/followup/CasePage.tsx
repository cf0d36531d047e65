// One case (CP7.1): the business case's procedure for its situation, step by step; the
// decisions within the authority (CP7.3); the escalations and their answers (CP7.4); what
// the client was told; closing it once every required step is done (a refusal names the
// missing steps).
import { useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link, useParams } from "react-router-dom";
import { api, unwrap } from "../../api/client";
import { fieldErrorsOf } from "../../api/problem";
import { followUpChanged, followUpQueries } from "../../api/queries/followUp";
import type { CaseDetail } from "../../api/types";
import { FormFooter } from "../../components/FormFooter";
import { QueryState } from "../../components/QueryState";
import { ReadOnlyScope, useReadOnly } from "../../components/ReadOnly";
import { useForm } from "../../components/useForm";
import { DisclosureButton, EmptyState, Field, Notice, PageFrame, formatDate } from "../../components/ui";
import { CASE_STATUSES, CASE_TYPES, SUBJECTS, recordHref } from "../../labels/followUp";
import { ChecklistCard } from "./CaseChecklist";
import { DecisionsCard } from "./CaseDecisions";
import { EscalationForm } from "./EscalationForm";
import { EscalationView } from "./EscalationView";
import { FollowUpNav } from "./FollowUpNav";
import { MessagesCard } from "./MessagesCard";
import { StatusBadge } from "./StatusBadge";
import { missingStepsOf } from "./logic";
import "./followup.css";

export function CasePage() {
  const id = Number(useParams().id);
  const kase = useQuery({ ...followUpQueries.case(id), enabled: Number.isInteger(id) });
  return (
    <PageFrame
      title={kase.data ? `Dossier : ${kase.data.title || CASE_TYPES[kase.data.case_type]}` : "Dossier"}
      operations={["set_case_step", "create_case_decision", "create_escalation", "create_client_message", "close_case"]}
    >
      <FollowUpNav />
      <QueryState query={kase} busyLabel="Chargement du dossier…">
        {(k) => (
          <ReadOnlyScope ownerId={k.owner_id}>
            <CaseFacts kase={k} />
            <ChecklistCard kase={k} />
            <DecisionsCard kase={k} />
            <EscalationsCard kase={k} />
            <MessagesCard subject="case" subjectId={k.id} />
            <CloseCard kase={k} />
          </ReadOnlyScope>
        )}
      </QueryState>
    </PageFrame>
  );
}

function CaseFacts({ kase: k }: { kase: CaseDetail }) {
  const about = k.subject && k.subject_id !== null ? recordHref(k.subject, k.subject_id) : null;
  return (
    <dl className="facts followup-facts card">
      <dt>Client</dt>
      <dd>
        <Link to={`/comptes/${k.prospect_id}`}>{k.prospect_name}</Link>
      </dd>
      <dt>Situation</dt>
      <dd>{CASE_TYPES[k.case_type]}</dd>
      <dt>À propos de</dt>
      <dd>{k.subject && about ? <Link to={about}>{SUBJECTS[k.subject]}</Link> : "le compte du client"}</dd>
      <dt>Statut</dt>
      <dd>
        <StatusBadge value={k.status} labels={CASE_STATUSES} classes={{ open: "status-paused", closed: "status-ok" }} />{" "}
        — ouvert le {formatDate(k.opened_on)}
        {k.closed_at ? `, clos le ${formatDate(k.closed_at)}` : ""}
      </dd>
      {k.outcome && (
        <>
          <dt>Issue</dt>
          <dd className="pre-wrap">{k.outcome}</dd>
        </>
      )}
    </dl>
  );
}

function EscalationsCard({ kase }: { kase: CaseDetail }) {
  const readOnly = useReadOnly();
  const [open, setOpen] = useState(false);
  const [notice, setNotice] = useState("");
  return (
    <section className="card" aria-labelledby="case-escalations">
      <h2 id="case-escalations">Escalades</h2>
      {notice && <Notice>{notice}</Notice>}
      {!readOnly && kase.status === "open" && (
        <p>
          <DisclosureButton
            open={open}
            onToggle={() => {
              setOpen(!open);
              setNotice("");
            }}
          >
            Transmettre à un service
          </DisclosureButton>
        </p>
      )}
      {open && (
        <EscalationForm
          caseId={kase.id}
          onCancel={() => setOpen(false)}
          onDone={() => {
            setOpen(false);
            setNotice("Dossier transmis au service.");
          }}
        />
      )}
      {kase.escalations.length === 0 ? (
        <EmptyState title="Aucune escalade." />
      ) : (
        <ol className="log" aria-label="Escalades du dossier">
          {kase.escalations.map((e) => (
            <li key={e.id}>
              <EscalationView escalation={e} />
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

function CloseCard({ kase }: { kase: CaseDetail }) {
  const readOnly = useReadOnly();
  const queryClient = useQueryClient();
  const { values, set, submitWith } = useForm({ outcome: "" });
  const close = useMutation({
    mutationFn: (outcome: string) =>
      unwrap(
        api.POST("/api/v1/cases/{follow_up_case_id}/close", {
          params: { path: { follow_up_case_id: kase.id } },
          body: { version: kase.version, outcome },
        }),
      ),
    onSuccess: () => followUpChanged.case(queryClient, kase.id),
  });
  if (readOnly || kase.status !== "open") return null;
  const missing = missingStepsOf(close.error, kase.steps);
  return (
    <section className="card" aria-labelledby="case-close">
      <h2 id="case-close">Clore le dossier</h2>
      {kase.missing_required.length > 0 && (
        <p className="muted">Étapes obligatoires encore à faire : {kase.missing_required.length}.</p>
      )}
      <form
        className="form-grid"
        aria-label="Clore le dossier"
        noValidate
        onSubmit={submitWith((v) => close.mutate(v.outcome))}
      >
        <div className="wide">
          <Field label="Issue du dossier" error={fieldErrorsOf(close.error).outcome} required>
            {(p) => (
              <textarea
                {...p}
                rows={2}
                maxLength={2000}
                value={values.outcome}
                onChange={(e) => set("outcome", e.target.value)}
              />
            )}
          </Field>
        </div>
        {missing && (
          <div className="wide alert alert-error" role="alert">
            <p>Le dossier ne peut pas être clos : ces étapes obligatoires ne sont pas faites.</p>
            <ul aria-label="Étapes obligatoires manquantes">
              {missing.map((label) => (
                <li key={label}>{label}</li>
              ))}
            </ul>
          </div>
        )}
        <FormFooter
          error={missing ? null : close.error}
          pending={close.isPending}
          stale="Ce dossier a été modifié entre-temps : rechargez la page pour partir de son état actuel."
          submitLabel="Clore le dossier"
        />
      </form>
    </section>
  );
}
