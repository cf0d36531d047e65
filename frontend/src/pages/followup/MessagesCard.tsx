// What the client was told about a record (a delivery, an order, an invoice, a complaint, a
// case), newest first, and « Informer le client »: the channel and what was said. Information
// about the client's own order, not prospecting: nothing is sent, it is recorded.
import { useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, unwrap } from "../../api/client";
import { fieldErrorsOf } from "../../api/problem";
import { followUpChanged, followUpQueries } from "../../api/queries/followUp";
import type { FollowUpSubject } from "../../api/types";
import { QueryState } from "../../components/QueryState";
import { useReadOnly } from "../../components/ReadOnly";
import { useForm } from "../../components/useForm";
import {
  DisclosureButton,
  EmptyState,
  Field,
  Notice,
  Options,
  RequiredNote,
  SaveError,
  formatDate,
} from "../../components/ui";
import { CHANNELS, MESSAGE_DIRECTIONS } from "../../labels/followUp";
import type { Schemas as S } from "../../api/types";

export function MessagesCard({ subject, subjectId }: { subject: FollowUpSubject; subjectId: number }) {
  const readOnly = useReadOnly();
  const [open, setOpen] = useState(false);
  const [sent, setSent] = useState(false);
  const messages = useQuery(followUpQueries.messages({ subject, subject_id: subjectId, sort: "-at", limit: 100 }));
  return (
    <section className="card" aria-labelledby={`messages-${subject}`}>
      <h2 id={`messages-${subject}`}>Information du client</h2>
      {!readOnly && (
        <p>
          <DisclosureButton
            open={open}
            onToggle={() => {
              setOpen(!open);
              setSent(false);
            }}
          >
            Informer le client
          </DisclosureButton>
        </p>
      )}
      {sent && <Notice>Information du client enregistrée.</Notice>}
      {open && (
        <MessageForm
          subject={subject}
          subjectId={subjectId}
          onDone={() => {
            setOpen(false);
            setSent(true);
          }}
        />
      )}
      <QueryState query={messages} empty={<EmptyState title="Le client n'a encore rien reçu à ce sujet." />}>
        {(data) => (
          <ol className="log" aria-label="Messages au client">
            {data.items.map((m) => (
              <li key={m.id}>
                <p>
                  <strong>{formatDate(m.at, true)}</strong> — {CHANNELS[m.channel]} — {MESSAGE_DIRECTIONS[m.direction]}
                </p>
                <p>{m.summary}</p>
              </li>
            ))}
          </ol>
        )}
      </QueryState>
    </section>
  );
}

function MessageForm(props: { subject: FollowUpSubject; subjectId: number; onDone: () => void }) {
  const queryClient = useQueryClient();
  const { values, set, submitWith } = useForm({ channel: "phone" as S["Channel"], summary: "" });
  const save = useMutation({
    mutationFn: (v: typeof values) =>
      unwrap(
        api.POST("/api/v1/client-messages", {
          body: { subject: props.subject, subject_id: props.subjectId, channel: v.channel, summary: v.summary },
        }),
      ),
    onSuccess: async () => {
      await followUpChanged.message(queryClient);
      props.onDone();
    },
  });
  const errors = fieldErrorsOf(save.error);
  return (
    <form className="form-grid" aria-label="Informer le client" noValidate onSubmit={submitWith((v) => save.mutate(v))}>
      <RequiredNote />
      <Field label="Canal" error={errors.channel} required>
        {(p) => (
          <select {...p} value={values.channel} onChange={(e) => set("channel", e.target.value as S["Channel"])}>
            <Options labels={CHANNELS} />
          </select>
        )}
      </Field>
      <div className="wide">
        <Field label="Ce qui a été dit au client" error={errors.summary} required>
          {(p) => (
            <textarea
              {...p}
              rows={3}
              maxLength={2000}
              value={values.summary}
              onChange={(e) => set("summary", e.target.value)}
            />
          )}
        </Field>
      </div>
      <div className="wide">
        <SaveError error={save.error} />
      </div>
      <div className="form-actions">
        <button type="submit" className="primary" disabled={save.isPending}>
          Enregistrer l'information
        </button>
      </div>
    </form>
  );
}
