// One order (CP7.1): who, when, its status and figures (the quote's, to the cent), its
// deliveries (each line's quantities planned and delivered; plan one, whole or partial), its
// invoices (issue one), what the client was told, and cancelling it while nothing of it is
// delivered.
import { useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link, useParams } from "react-router-dom";
import { api, unwrap } from "../../api/client";
import { fieldErrorsOf } from "../../api/problem";
import { followUpChanged, followUpQueries } from "../../api/queries/followUp";
import type { OrderDetail } from "../../api/types";
import { FormFooter } from "../../components/FormFooter";
import { QueryState } from "../../components/QueryState";
import { ReadOnlyScope, useReadOnly } from "../../components/ReadOnly";
import { useForm } from "../../components/useForm";
import { DisclosureButton, Field, PageFrame, formatDate } from "../../components/ui";
import { ORDER_STATUSES, ORDER_STATUS_CLASS } from "../../labels/followUp";
import { euros } from "../../labels/sales";
import { QuoteFigures } from "../sales/QuoteFigures";
import { DeliveriesCard } from "./DeliveriesCard";
import { FollowUpNav } from "./FollowUpNav";
import { MessagesCard } from "./MessagesCard";
import { OrderInvoicesCard } from "./OrderInvoicesCard";
import { StatusBadge } from "./StatusBadge";
import "./followup.css";

export function OrderPage() {
  const id = Number(useParams().id);
  const order = useQuery({ ...followUpQueries.order(id), enabled: Number.isInteger(id) });
  return (
    <PageFrame
      title={order.data ? `Commande ${order.data.number}` : "Commande"}
      operations={["create_delivery", "create_invoice", "create_client_message", "cancel_order"]}
    >
      <FollowUpNav />
      <QueryState query={order} busyLabel="Chargement de la commande…">
        {(o) => (
          <ReadOnlyScope ownerId={o.owner_id}>
            <OrderFacts order={o} />
            <ComplaintLink order={o} />
            <QuoteFigures figures={o.figures} of="de la commande" />
            <DeliveriesCard order={o} />
            <OrderInvoicesCard order={o} />
            <MessagesCard subject="order" subjectId={o.id} />
            {o.status === "open" && <CancelCard order={o} />}
          </ReadOnlyScope>
        )}
      </QueryState>
    </PageFrame>
  );
}

function OrderFacts({ order: o }: { order: OrderDetail }) {
  return (
    <dl className="facts followup-facts card">
      <dt>Client</dt>
      <dd>
        <Link to={`/comptes/${o.prospect_id}`}>{o.prospect_name}</Link> (
        <Link to={`/prospects/${o.prospect_id}`}>fiche prospect</Link>)
      </dd>
      <dt>Commandée le</dt>
      <dd>{formatDate(o.ordered_on)}</dd>
      <dt>Statut</dt>
      <dd>
        <StatusBadge value={o.status} labels={ORDER_STATUSES} classes={ORDER_STATUS_CLASS} />
        {o.cancelled_at ? ` le ${formatDate(o.cancelled_at)}` : ""}
      </dd>
      <dt>Net commercial HT</dt>
      <dd>{euros(o.net_commercial_ht)}</dd>
      <dt>Total TTC</dt>
      <dd>{euros(o.total_ttc)}</dd>
      {o.quote_id !== null && (
        <>
          <dt>Devis</dt>
          <dd>
            <Link to={`/ventes/devis/${o.quote_id}`}>Devis accepté</Link>
            {o.opportunity_id !== null && (
              <>
                {" — "}
                <Link to={`/ventes/opportunites/${o.opportunity_id}`}>opportunité</Link>
              </>
            )}
          </dd>
        </>
      )}
      {o.notes && (
        <>
          <dt>Notes</dt>
          <dd className="pre-wrap">{o.notes}</dd>
        </>
      )}
    </dl>
  );
}

/** A complaint about this order, opened on the complaints' page with the order chosen. */
function ComplaintLink({ order }: { order: OrderDetail }) {
  if (useReadOnly()) return null;
  return (
    <p>
      <Link to={`/reclamations?prospect=${order.prospect_id}&commande=${order.id}`}>
        Enregistrer une réclamation sur cette commande
      </Link>
    </p>
  );
}

/** Cancelling an open order nothing of which is delivered, with the reason. */
function CancelCard({ order }: { order: OrderDetail }) {
  const readOnly = useReadOnly();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const { values, set, submitWith } = useForm({ reason: "" });
  const cancel = useMutation({
    mutationFn: (reason: string) =>
      unwrap(
        api.POST("/api/v1/orders/{order_id}/cancel", {
          params: { path: { order_id: order.id } },
          body: { version: order.version, reason },
        }),
      ),
    onSuccess: () => followUpChanged.order(queryClient, order.id),
  });
  if (readOnly) return null;
  return (
    <section className="card" aria-labelledby="cancel-order">
      <h2 id="cancel-order">Annulation</h2>
      <DisclosureButton open={open} onToggle={() => setOpen(!open)} closeLabel="Ne pas annuler">
        Annuler la commande
      </DisclosureButton>
      {open && (
        <form
          className="form-grid"
          aria-label="Annuler la commande"
          noValidate
          onSubmit={submitWith((v) => cancel.mutate(v.reason))}
        >
          <div className="wide">
            <Field label="Motif de l'annulation" error={fieldErrorsOf(cancel.error).reason} required>
              {(p) => (
                <textarea
                  {...p}
                  rows={2}
                  maxLength={500}
                  value={values.reason}
                  onChange={(e) => set("reason", e.target.value)}
                />
              )}
            </Field>
          </div>
          <FormFooter
            error={cancel.error}
            pending={cancel.isPending}
            stale="Cette commande a été modifiée entre-temps : rechargez la page avant de l'annuler."
            submitLabel="Confirmer l'annulation"
          />
        </form>
      )}
    </section>
  );
}
