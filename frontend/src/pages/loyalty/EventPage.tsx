// A loyalty event (CP8.5): its figures (invited, yes / no / maybe, present, orders within 30
// days after and their amount); customers to invite (ticked, or an RFM segment), each
// through an allowed channel — the refusals listed with the channel policy's rule; every
// invitee's answer and, from the event's day, their attendance; whether they ordered after.
import { useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link, useParams } from "react-router-dom";
import { api, unwrap } from "../../api/client";
import { fieldErrorsOf } from "../../api/problem";
import type { EventDetailOut, InvitationOut, Schemas as S } from "../../api/types";
import { DataTable } from "../../components/DataTable";
import { QueryState } from "../../components/QueryState";
import { EmptyState, ErrorBanner, Field, Notice, Options, PageFrame, SaveError, formatDate } from "../../components/ui";
import { CHANNELS, EVENT_KINDS, RSVPS } from "../../labels/loyalty";
import { isoToday } from "../../labels/prospects";
import { euros } from "../../labels/sales";
import { EMPTY_TARGET, targetBody, targetChosen, type Target } from "./logic";
import { LoyaltyNav } from "./LoyaltyNav";
import { MessagesTable } from "./MessagesTable";
import { loyaltyChanged, loyaltyQueries } from "./queries";
import { scopeSearch, useScope } from "./scope";
import { TargetPicker } from "./TargetPicker";
import "../followup/followup.css";
import "./loyalty.css";

export function EventPage() {
  const id = Number(useParams().id);
  const scope = useScope();
  const event = useQuery({ ...loyaltyQueries.event(id), enabled: Number.isInteger(id) });
  return (
    <PageFrame
      title={event.data ? `Événement : ${event.data.title}` : "Événement"}
      operations={scope.staff ? [] : ["invite_to_event", "record_rsvp"]}
    >
      <LoyaltyNav />
      <p>
        <Link to={`/fidelisation/evenements${scopeSearch(scope)}`}>← Événements</Link>
      </p>
      <QueryState query={event} busyLabel="Chargement de l'événement…">
        {(e) => (
          <>
            <Figures event={e} />
            {!scope.staff && <InviteCard event={e} />}
            <Invitations event={e} readOnly={scope.staff} />
            {e.refusals.length > 0 && (
              <section className="card" aria-labelledby="event-refusals">
                <h2 id="event-refusals">Invitations refusées par la politique des canaux</h2>
                <MessagesTable messages={e.refusals} caption="Invitations refusées, avec leur règle" />
              </section>
            )}
          </>
        )}
      </QueryState>
    </PageFrame>
  );
}

function Figures({ event: e }: { event: EventDetailOut }) {
  const items: [string, string][] = [
    ["Invités", String(e.invited)],
    ["Refus de la politique", String(e.refused)],
    ["Oui", String(e.yes)],
    ["Peut-être", String(e.maybe)],
    ["Non", String(e.no)],
    ["Présents", String(e.attended)],
    ["Commandes dans les 30 jours", String(e.orders_after)],
    ["Montant commandé après HT", euros(e.amount_after_ht)],
  ];
  return (
    <section aria-labelledby="event-figures">
      <h2 id="event-figures">
        {EVENT_KINDS[e.kind]} du {formatDate(e.held_on)}
        {e.online ? " (en ligne)" : e.place ? ` — ${e.place}` : ""}
      </h2>
      {e.description && <p>{e.description}</p>}
      <dl className="figures-grid">
        {items.map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

function InviteCard({ event: e }: { event: EventDetailOut }) {
  const queryClient = useQueryClient();
  const [target, setTarget] = useState<Target>(EMPTY_TARGET);
  const [channel, setChannel] = useState<S["Channel"] | "">("");
  const [local, setLocal] = useState("");
  const invite = useMutation({
    mutationFn: (t: Target) =>
      unwrap(
        api.POST("/api/v1/loyalty-events/{loyalty_event_id}/invitations", {
          params: { path: { loyalty_event_id: e.id } },
          body: { ...targetBody(t), channel: channel || null },
        }),
      ),
    onSuccess: async () => {
      await loyaltyChanged.event(queryClient, e.id);
      setTarget(EMPTY_TARGET);
    },
  });
  const errors = fieldErrorsOf(invite.error);
  const r = invite.data;
  return (
    <section className="card" aria-labelledby="event-invite">
      <h2 id="event-invite">Inviter des clients</h2>
      <form
        aria-label="Inviter des clients"
        noValidate
        onSubmit={(ev) => {
          ev.preventDefault();
          if (!targetChosen(target)) {
            setLocal(target.mode === "segment" ? "Choisissez un segment." : "Cochez au moins un client.");
            return;
          }
          setLocal("");
          invite.mutate(target);
        }}
      >
        <TargetPicker legend="Clients à inviter" value={target} onChange={setTarget} errors={errors} />
        {local && <p className="field-error">{local}</p>}
        <Field label="Canal" error={errors.channel} hint="Vide : le canal préféré de chaque client, s'il est permis.">
          {(p) => (
            <select {...p} value={channel} onChange={(ev) => setChannel(ev.target.value as S["Channel"] | "")}>
              <option value="">Le mieux adapté à chaque client</option>
              <Options labels={CHANNELS} />
            </select>
          )}
        </Field>
        <SaveError error={invite.error} />
        <div className="form-actions">
          <button type="submit" className="primary" disabled={invite.isPending}>
            {invite.isPending ? "Envoi…" : "Envoyer les invitations"}
          </button>
        </div>
      </form>
      {r && (
        <>
          <Notice>
            {r.invited.length} invitation(s) enregistrée(s)
            {r.already.length > 0 && `, ${r.already.length} client(s) déjà invité(s)`}
            {r.refusals.length > 0 && `, ${r.refusals.length} refusée(s) par la politique des canaux`}.
          </Notice>
          {r.refusals.length > 0 && (
            <MessagesTable messages={r.refusals} caption="Invitations refusées, avec leur règle" />
          )}
        </>
      )}
    </section>
  );
}

function Invitations({ event: e, readOnly }: { event: EventDetailOut; readOnly: boolean }) {
  const held = e.held_on <= isoToday();
  return (
    <section className="card" aria-labelledby="event-invitations">
      <h2 id="event-invitations">Invités</h2>
      {!held && <p className="hint">La présence se note à partir du jour de l'événement ({formatDate(e.held_on)}).</p>}
      {e.invitations.length === 0 ? (
        <EmptyState title="Aucun invité." />
      ) : (
        <DataTable
          caption="Invités, leur réponse, leur présence et leurs commandes après l'événement"
          className="table wide-table"
          wrapperClassName="scroll-x contained"
          headers={["Client", "Canal", "Invité le", "Réponse", "Présence", "Commande après"]}
        >
          {e.invitations.map((i) => (
            <InvitationRow key={i.id} event={e} invitation={i} held={held} readOnly={readOnly} />
          ))}
        </DataTable>
      )}
    </section>
  );
}

function InvitationRow(props: { event: EventDetailOut; invitation: InvitationOut; held: boolean; readOnly: boolean }) {
  const { event: e, invitation: i } = props;
  const queryClient = useQueryClient();
  const rsvp = useMutation({
    mutationFn: (body: { rsvp?: S["Rsvp"]; attended?: boolean }) =>
      unwrap(
        api.POST("/api/v1/loyalty-events/{loyalty_event_id}/invitations/{invitation_id}/rsvp", {
          params: { path: { loyalty_event_id: e.id, invitation_id: i.id } },
          body,
        }),
      ),
    onSuccess: () => loyaltyChanged.event(queryClient, e.id),
  });
  return (
    <tr>
      <th scope="row">
        <Link to={`/fidelisation/clients/${i.prospect_id}`}>{i.prospect_name}</Link>
      </th>
      <td>{CHANNELS[i.channel]}</td>
      <td className="nowrap">{formatDate(i.invited_on)}</td>
      <td>
        {props.readOnly ? (
          i.rsvp ? (
            RSVPS[i.rsvp]
          ) : (
            "sans réponse"
          )
        ) : (
          <div className="segmented rsvp-buttons" role="group" aria-label={`Réponse de ${i.prospect_name}`}>
            {(Object.keys(RSVPS) as S["Rsvp"][]).map((v) => (
              <button
                key={v}
                type="button"
                aria-pressed={i.rsvp === v}
                disabled={rsvp.isPending}
                onClick={() => rsvp.mutate({ rsvp: v })}
              >
                {RSVPS[v]}
              </button>
            ))}
          </div>
        )}
        <ErrorBanner error={rsvp.error} />
      </td>
      <td>
        {props.readOnly || !props.held ? (
          i.attended === null ? (
            "—"
          ) : i.attended ? (
            "Présent"
          ) : (
            "Absent"
          )
        ) : (
          <label className="check">
            <input
              type="checkbox"
              checked={i.attended === true}
              disabled={rsvp.isPending}
              onChange={(ev) => rsvp.mutate({ attended: ev.target.checked })}
            />
            Présent<span className="sr-only"> : {i.prospect_name}</span>
          </label>
        )}
      </td>
      <td>{i.ordered_after ? <span className="status status-ok">Oui</span> : "Non"}</td>
    </tr>
  );
}
