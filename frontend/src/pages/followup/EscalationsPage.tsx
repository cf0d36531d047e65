// The trainer's queue (CP7.4): the files the trainees passed to a department, waiting for
// its answer, each with its handover note; the trainer answers as the department. Then the
// answered ones, newest first.
import { useState } from "react";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link } from "react-router-dom";
import { api, unwrap } from "../../api/client";
import { fieldErrorsOf } from "../../api/problem";
import { followUpChanged, followUpQueries } from "../../api/queries/followUp";
import type { EscalationOut } from "../../api/types";
import { useTraineeNames } from "../../components/Staff";
import { FormFooter } from "../../components/FormFooter";
import { QueryState } from "../../components/QueryState";
import { useForm } from "../../components/useForm";
import { EmptyState, Field, Pager, PageFrame } from "../../components/ui";
import { EscalationView } from "./EscalationView";
import "./followup.css";

const LIMIT = 20;

export function EscalationsPage() {
  const names = useTraineeNames();
  const [offset, setOffset] = useState(0);
  const waiting = useQuery(followUpQueries.escalations({ status: "sent", sort: "sent_at", limit: 100 }));
  const answered = useQuery({
    ...followUpQueries.escalations({ status: "answered", sort: "-answered_at", limit: LIMIT, offset }),
    placeholderData: keepPreviousData,
  });
  return (
    <PageFrame title="Escalades à traiter" operations={["answer_escalation"]}>
      <p className="muted">
        Un stagiaire transmet un dossier au service compétent avec sa note de transmission. Répondez au nom du service :
        le stagiaire voit la réponse sur le dossier, le compte client et son agenda.
      </p>
      <h2>En attente de réponse</h2>
      <QueryState query={waiting} empty={<EmptyState title="Aucune escalade en attente." />}>
        {(data) => (
          <ul className="queue">
            {data.items.map((e) => (
              <li key={e.id}>
                <EscalationCard escalation={e} trainee={names.get(e.owner_id)} />
              </li>
            ))}
          </ul>
        )}
      </QueryState>
      <h2>Déjà répondues</h2>
      <QueryState query={answered} empty={<EmptyState title="Aucune escalade répondue." />}>
        {(data) => (
          <>
            <ul className="queue">
              {data.items.map((e) => (
                <li key={e.id}>
                  <article className="card" aria-label={`${e.case_title} — ${e.prospect_name}`}>
                    <Heading escalation={e} trainee={names.get(e.owner_id)} />
                    <EscalationView escalation={e} />
                  </article>
                </li>
              ))}
            </ul>
            <Pager offset={offset} limit={LIMIT} total={data.total} onOffset={setOffset} />
          </>
        )}
      </QueryState>
    </PageFrame>
  );
}

function Heading({ escalation: e, trainee }: { escalation: EscalationOut; trainee?: string }) {
  return (
    <>
      <h3>
        <Link to={`/dossiers/${e.case_id}`}>{e.case_title}</Link> — {e.prospect_name}
      </h3>
      {trainee && <p className="muted">Stagiaire : {trainee}</p>}
    </>
  );
}

function EscalationCard({ escalation: e, trainee }: { escalation: EscalationOut; trainee?: string }) {
  const queryClient = useQueryClient();
  const { values, set, submitWith } = useForm({ answer: "" });
  const answer = useMutation({
    mutationFn: (text: string) =>
      unwrap(
        api.POST("/api/v1/escalations/{escalation_id}/answer", {
          params: { path: { escalation_id: e.id } },
          body: { version: e.version, answer: text },
        }),
      ),
    onSuccess: () => followUpChanged.escalation(queryClient),
  });
  const label = `${e.case_title} — ${e.prospect_name}`;
  return (
    <article className="card" aria-label={label}>
      <Heading escalation={e} trainee={trainee} />
      <EscalationView escalation={e} />
      <form
        className="form-grid"
        aria-label={`Réponse du service (${e.case_title})`}
        noValidate
        onSubmit={submitWith((v) => answer.mutate(v.answer))}
      >
        <div className="wide">
          <Field label={`Réponse du service ${e.department_label}`} error={fieldErrorsOf(answer.error).answer} required>
            {(p) => (
              <textarea
                {...p}
                rows={3}
                maxLength={5000}
                value={values.answer}
                onChange={(ev) => set("answer", ev.target.value)}
              />
            )}
          </Field>
        </div>
        <FormFooter
          error={answer.error}
          pending={answer.isPending}
          stale="Cette escalade a été modifiée entre-temps (une autre réponse ?) : rechargez la page."
          submitLabel="Répondre au nom du service"
        />
      </form>
    </article>
  );
}
