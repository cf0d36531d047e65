// The prospect's social-selling actions (CP3.9): a connection request, a message, a comment…
// each recorded in the file as an exchange on the channel « social » (SocialActionForm). Later,
// what came of one is noted (its outcome, its notes); deleting one leaves its exchange in the
// file. Read-only for a trainer reading a trainee's record.
import { useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, unwrap } from "../../api/client";
import { fieldErrorsOf, isStaleVersion } from "../../api/problem";
import { socialActionQueries, socialActionsChanged } from "../../api/queries/socialActions";
import type { Schemas as S } from "../../api/types";
import { ConfirmButton } from "../../components/ConfirmButton";
import { QueryState } from "../../components/QueryState";
import { useReadOnly } from "../../components/ReadOnly";
import { DisclosureButton, EmptyState, ErrorBanner, Field, formatDate } from "../../components/ui";
import { useForm } from "../../components/useForm";
import { label } from "../../labels/prospects";
import { ACTION_KINDS, ACTION_OUTCOMES, NETWORKS } from "../../labels/social";
import type { RecordPeople } from "./PersonSelect";
import { contactName } from "./PersonSelect";
import { SaveFooter } from "./SaveFooter";
import { SocialActionForm } from "./SocialActionForm";

type SocialAction = S["SocialActionOut"];

export function SocialActionsCard({
  prospectId,
  company,
  contacts,
  anonymised = false,
}: RecordPeople & {
  /** An anonymised record: no contact is possible any more, nothing new is recorded. */
  anonymised?: boolean;
}) {
  const [adding, setAdding] = useState(false);
  const readOnly = useReadOnly();
  const actions = useQuery(socialActionQueries.ofProspect(prospectId));
  const canRecord = !readOnly && !anonymised;
  return (
    <section className="card" aria-labelledby="social-actions-title">
      <h2 id="social-actions-title">Actions sur les réseaux sociaux</h2>
      <QueryState
        query={actions}
        busyLabel="Chargement des actions…"
        empty={
          <EmptyState title="Aucune action sur les réseaux sociaux auprès de ce prospect.">
            {canRecord
              ? "Une demande de connexion, un message, un commentaire… : enregistrez-la ici, elle entre dans la chronologie comme un échange."
              : null}
          </EmptyState>
        }
      >
        {(page) => (
          <>
            <ul className="policy-list" aria-label="Actions, de la plus récente à la plus ancienne">
              {page.items.map((a) => (
                <SocialActionItem key={a.id} action={a} contacts={contacts} />
              ))}
            </ul>
            {page.total > page.items.length && (
              <p className="muted">
                Les {page.items.length} actions les plus récentes sur {page.total}.
              </p>
            )}
          </>
        )}
      </QueryState>
      {canRecord && (
        <p>
          <DisclosureButton open={adding} onToggle={() => setAdding(!adding)} closeLabel="Fermer le formulaire">
            Enregistrer une action
          </DisclosureButton>
        </p>
      )}
      {adding && canRecord && <SocialActionForm prospectId={prospectId} company={company} contacts={contacts} />}
    </section>
  );
}

function SocialActionItem({ action: a, contacts }: { action: SocialAction; contacts: RecordPeople["contacts"] }) {
  const queryClient = useQueryClient();
  const readOnly = useReadOnly();
  const [following, setFollowing] = useState(false);
  const remove = useMutation({
    mutationFn: () =>
      unwrap(
        api.DELETE("/api/v1/social/actions/{social_action_id}", {
          params: { path: { social_action_id: a.id } },
        }),
      ),
    onSuccess: () => socialActionsChanged.changed(queryClient),
  });
  const what = `${label(NETWORKS, a.network)} — ${label(ACTION_KINDS, a.kind)}`;
  const when = formatDate(a.occurred_at, true);
  const contact = contacts.find((c) => c.id === a.contact_id);
  return (
    <li>
      <h3>
        {what}, <time dateTime={a.occurred_at}>{when}</time>
      </h3>
      <dl className="details-grid">
        <dt>Résultat</dt>
        <dd>{label(ACTION_OUTCOMES, a.outcome)}</dd>
        <dt>Cible</dt>
        <dd>
          {a.in_target ? "Prospect dans la cible du cas d'entreprise" : "Prospect hors de la cible du cas d'entreprise"}
        </dd>
        {contact && (
          <>
            <dt>Personne</dt>
            <dd>{contactName(contact)}</dd>
          </>
        )}
        {a.notes && (
          <>
            <dt>Notes</dt>
            <dd style={{ whiteSpace: "pre-wrap" }}>{a.notes}</dd>
          </>
        )}
      </dl>
      {!readOnly && (
        <div className="card-actions">
          <DisclosureButton open={following} onToggle={() => setFollowing(!following)} closeLabel="Fermer">
            Noter la suite
          </DisclosureButton>
          <ConfirmButton
            label="Supprimer"
            pending={remove.isPending}
            onConfirm={() => remove.mutate()}
            question={`Supprimer l'action « ${what} » du ${when} ? L'échange reste dans la chronologie.`}
          />
        </div>
      )}
      <ErrorBanner error={remove.error} />
      {following && !readOnly && <FollowUpForm action={a} onDone={() => setFollowing(false)} />}
    </li>
  );
}

/** The outcomes an action can change to: an appointment is recorded with its date (a new
 * action), so « appointment » is neither offered nor left. */
const FOLLOW_UP_OUTCOMES = Object.entries(ACTION_OUTCOMES).filter(([code]) => code !== "appointment");

/** What came of an action: its outcome (unless it set an appointment) and its notes. */
function FollowUpForm({ action: a, onDone }: { action: SocialAction; onDone: () => void }) {
  const queryClient = useQueryClient();
  const { values, set, submitWith } = useForm({ outcome: a.outcome, notes: a.notes });
  const save = useMutation({
    mutationFn: (v: typeof values) =>
      unwrap(
        api.PATCH("/api/v1/social/actions/{social_action_id}", {
          params: { path: { social_action_id: a.id } },
          // Only what changed, with the version read.
          body: {
            version: a.version,
            ...(v.outcome !== a.outcome ? { outcome: v.outcome } : {}),
            ...(v.notes.trim() !== a.notes ? { notes: v.notes.trim() } : {}),
          },
        }),
      ),
    onSuccess: () => {
      onDone();
      return socialActionsChanged.changed(queryClient);
    },
    // Changed meanwhile: the list is read again, so that the next save sends the new version.
    onError: (error) => (isStaleVersion(error) ? socialActionsChanged.changed(queryClient) : undefined),
  });
  const errors = fieldErrorsOf(save.error);
  const appointment = a.outcome === "appointment";
  return (
    <form
      className="form-grid"
      aria-label={`Suite de l'action du ${formatDate(a.occurred_at, true)}`}
      noValidate
      onSubmit={submitWith((v) => save.mutate(v))}
    >
      {appointment ? (
        <p className="hint wide">
          Cette action a obtenu un rendez-vous : son résultat ne change plus (le rendez-vous se suit dans l'agenda).
        </p>
      ) : (
        <Field
          label="Résultat"
          error={errors.outcome}
          hint="Un rendez-vous obtenu s'enregistre comme une nouvelle action, avec sa date."
        >
          {(p) => (
            <select
              {...p}
              value={values.outcome}
              onChange={(e) => set("outcome", e.target.value as S["SocialActionOutcome"])}
            >
              {FOLLOW_UP_OUTCOMES.map(([code, text]) => (
                <option key={code} value={code}>
                  {text}
                </option>
              ))}
            </select>
          )}
        </Field>
      )}
      <div className="wide">
        <Field label="Notes" error={errors.notes}>
          {(p) => <textarea {...p} value={values.notes} onChange={(e) => set("notes", e.target.value)} />}
        </Field>
      </div>
      {isStaleVersion(save.error) ? (
        <div role="alert" className="alert alert-error wide">
          Cette action a été modifiée entre-temps : vérifiez-la, puis enregistrez de nouveau.
        </div>
      ) : null}
      <SaveFooter
        error={isStaleVersion(save.error) ? null : save.error}
        pending={save.isPending}
        submitLabel="Enregistrer la suite"
      />
    </form>
  );
}
