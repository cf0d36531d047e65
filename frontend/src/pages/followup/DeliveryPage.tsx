// A delivery's tracking (CP7.1): its steps (planned → prepared → shipped → delivered) with
// their dates, the next step, incidents (late: a new promised date; damaged; missing) and
// the incident case they open, and what the client was told.
import { useQuery } from "@tanstack/react-query";
import { Link, useParams } from "react-router-dom";
import { followUpQueries } from "../../api/queries/followUp";
import type { DeliveryDetail } from "../../api/types";
import { QueryState } from "../../components/QueryState";
import { ReadOnlyScope, useReadOnly } from "../../components/ReadOnly";
import { EmptyState, PageFrame, formatDate } from "../../components/ui";
import { DELIVERY_EVENT_KINDS, INCIDENT_KINDS, quantity } from "../../labels/followUp";
import { DeliveryActions } from "./DeliveryForms";
import { FollowUpNav } from "./FollowUpNav";
import { MessagesCard } from "./MessagesCard";
import { LateBadge } from "./StatusBadge";
import { deliveryTimeline } from "./logic";
import "./followup.css";

export function DeliveryPage() {
  const id = Number(useParams().id);
  const delivery = useQuery({ ...followUpQueries.delivery(id), enabled: Number.isInteger(id) });
  const d = delivery.data;
  return (
    <PageFrame
      title={d ? `Livraison ${d.position} de la commande ${d.order_number}` : "Livraison"}
      operations={["record_delivery_event", "create_client_message"]}
    >
      <FollowUpNav />
      <QueryState query={delivery} busyLabel="Chargement de la livraison…">
        {(d) => (
          <ReadOnlyScope ownerId={d.owner_id}>
            <p>
              <Link to={`/commandes/${d.order_id}`}>← Commande {d.order_number}</Link> —{" "}
              <Link to={`/comptes/${d.prospect_id}`}>compte client</Link>
            </p>
            <DeliveryFacts delivery={d} />
            <StepsCard delivery={d} />
            <EventsCard delivery={d} />
            <MessagesCard subject="delivery" subjectId={d.id} />
          </ReadOnlyScope>
        )}
      </QueryState>
    </PageFrame>
  );
}

function DeliveryFacts({ delivery: d }: { delivery: DeliveryDetail }) {
  return (
    <dl className="facts followup-facts card">
      <dt>Promise le</dt>
      <dd>
        {formatDate(d.promised_on)}{" "}
        {d.late_days > 0 ? <LateBadge days={d.late_days} /> : <span className="muted">(à temps)</span>}
      </dd>
      <dt>Lignes</dt>
      <dd>{d.lines.map((l) => `${l.label} × ${quantity(l.quantity)}`).join(", ") || "—"}</dd>
      <dt>Transporteur</dt>
      <dd>
        {d.carrier || "—"}
        {d.tracking ? ` (suivi ${d.tracking})` : ""}
      </dd>
      {d.notes && (
        <>
          <dt>Notes</dt>
          <dd className="pre-wrap">{d.notes}</dd>
        </>
      )}
      <dt>Dossier d'incident</dt>
      <dd>
        {d.case_id !== null ? (
          <Link to={`/dossiers/${d.case_id}`}>Dossier d'incident de livraison</Link>
        ) : (
          "aucun (pas d'incident)"
        )}
      </dd>
    </dl>
  );
}

function StepsCard({ delivery: d }: { delivery: DeliveryDetail }) {
  const readOnly = useReadOnly();
  const steps = deliveryTimeline(d);
  return (
    <section className="card" aria-labelledby="delivery-steps">
      <h2 id="delivery-steps">Étapes</h2>
      <ol className="steps-timeline" aria-label="Étapes de la livraison">
        {steps.map((s) => (
          <li key={s.status} className={`step-${s.state}`} aria-current={s.state === "current" ? "step" : undefined}>
            {s.label}
            <br />
            <span className="muted">
              {s.state === "skipped"
                ? "étape sautée"
                : s.on
                  ? formatDate(s.on)
                  : s.status === "delivered"
                    ? `promise le ${formatDate(d.promised_on)}`
                    : "à venir"}
            </span>
          </li>
        ))}
      </ol>
      {!readOnly && <DeliveryActions delivery={d} />}
    </section>
  );
}

function EventsCard({ delivery: d }: { delivery: DeliveryDetail }) {
  return (
    <section className="card" aria-labelledby="delivery-events">
      <h2 id="delivery-events">Historique</h2>
      {d.events.length === 0 ? (
        <EmptyState title="Rien n'est encore arrivé à cette livraison." />
      ) : (
        <ol className="log" aria-label="Historique de la livraison">
          {d.events.map((e) => (
            <li key={e.id}>
              <p>
                <strong>{formatDate(e.occurred_on)}</strong> — {DELIVERY_EVENT_KINDS[e.kind]}
                {e.incident ? ` : ${INCIDENT_KINDS[e.incident]}` : ""}
              </p>
              {e.note && <p>{e.note}</p>}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
