// One corrective action: what it is (kind, cause, deadline, indicator before and expected,
// hours, budget, segment), its status; while proposed the trainee edits it, checks it and
// accepts it into the next plan, or drops or deletes it; accepted, it links to the planned
// action and the agenda's task.
import { useState } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Link } from "react-router-dom";
import { api, unwrap } from "../../api/client";
import { analysesChanged } from "../../api/queries/analyses";
import type { CorrectiveOut, PlanOut } from "../../api/types";
import { ConfirmButton } from "../../components/ConfirmButton";
import { useReadOnly } from "../../components/ReadOnly";
import { DisclosureButton, ErrorBanner, formatDate } from "../../components/ui";
import { CORRECTIVE_KINDS, CORRECTIVE_STATUSES, CORRECTIVE_STATUS_CLASS } from "../../labels/analyses";
import { AcceptPanel } from "./AcceptPanel";
import { CorrectiveForm } from "./CorrectiveForm";
import { day, figure } from "./format";
import { useMetricLabel } from "./metricLabels";

export function CorrectiveItem(props: { action: CorrectiveOut; causeTitle?: string; nextPlans: PlanOut[] }) {
  const { action: a } = props;
  const readOnly = useReadOnly();
  const metricLabel = useMetricLabel();
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState(false);
  const [accepting, setAccepting] = useState(false);
  const done = () => analysesChanged.analysis(queryClient, a.analysis_id);
  const status = useMutation({
    mutationFn: (next: "dropped" | "proposed") =>
      unwrap(
        api.PATCH("/api/v1/corrective-actions/{corrective_id}", {
          params: { path: { corrective_id: a.id } },
          body: { status: next, version: a.version },
        }),
      ),
    onSuccess: done,
  });
  const remove = useMutation({
    mutationFn: () =>
      unwrap(api.DELETE("/api/v1/corrective-actions/{corrective_id}", { params: { path: { corrective_id: a.id } } })),
    onSuccess: done,
  });
  const titleId = `corrective-${a.id}`;
  const open = !readOnly && a.status === "proposed";
  return (
    <article className="corrective" aria-labelledby={titleId}>
      <h3 id={titleId}>
        {a.title} <span className={`status ${CORRECTIVE_STATUS_CLASS[a.status]}`}>{CORRECTIVE_STATUSES[a.status]}</span>
      </h3>
      <dl className="details-grid">
        <dt>Type</dt>
        <dd>{CORRECTIVE_KINDS[a.kind]}</dd>
        <dt>Cause traitée</dt>
        <dd>{props.causeTitle ?? "—"}</dd>
        <dt>Échéance</dt>
        <dd>{day(a.deadline)}</dd>
        <dt>Indicateur suivi</dt>
        <dd>
          {metricLabel(a.indicator)}
          {a.indicator && ` : ${figure(a.baseline)} à l'analyse, ${figure(a.expected_value)} attendu`}
        </dd>
        <dt>Effet attendu</dt>
        <dd>{a.expected_effect || "—"}</dd>
        <dt>Temps et budget</dt>
        <dd>
          {figure(a.hours)} h, {figure(a.budget)} €
        </dd>
        {(a.segment_code || a.product_family || a.discount_pct !== null) && (
          <>
            <dt>Segment, famille, remise</dt>
            <dd>
              {a.segment_code ?? "—"}, {a.product_family ?? "—"},{" "}
              {a.discount_pct === null ? "—" : `${figure(a.discount_pct)} %`}
            </dd>
          </>
        )}
        {a.description && (
          <>
            <dt>Description</dt>
            <dd className="pre-wrap">{a.description}</dd>
          </>
        )}
      </dl>
      {a.status === "accepted" && (
        <p>
          Acceptée le {formatDate(a.accepted_at)} :{" "}
          {a.plan_action_id && <Link to={`/plans/actions/${a.plan_action_id}`}>l'action du plan suivant</Link>}
          {a.task_id && (
            <>
              {" "}
              et <Link to={`/agenda/taches?tache=${a.task_id}`}>sa tâche dans l'agenda</Link>
            </>
          )}
          .
        </p>
      )}
      {open && (
        <div className="button-row">
          <DisclosureButton open={editing} onToggle={() => setEditing(!editing)} closeLabel="Fermer la modification">
            Modifier l'action
          </DisclosureButton>
          <DisclosureButton
            open={accepting}
            onToggle={() => setAccepting(!accepting)}
            primary
            closeLabel="Fermer la vérification"
          >
            Vérifier et accepter
          </DisclosureButton>
          <button type="button" onClick={() => status.mutate("dropped")} disabled={status.isPending}>
            Abandonner
          </button>
          <ConfirmButton
            label="Supprimer"
            question={`Supprimer l'action « ${a.title} » ?`}
            pending={remove.isPending}
            onConfirm={() => remove.mutate()}
          />
        </div>
      )}
      {!readOnly && a.status === "dropped" && (
        <button type="button" onClick={() => status.mutate("proposed")} disabled={status.isPending}>
          Reprendre l'action
        </button>
      )}
      <ErrorBanner error={status.error ?? remove.error} />
      {open && editing && <CorrectiveForm action={a} onDone={() => setEditing(false)} />}
      {open && accepting && <AcceptPanel action={a} nextPlans={props.nextPlans} />}
    </article>
  );
}
