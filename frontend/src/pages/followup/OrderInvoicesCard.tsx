// The invoices of an order (and the credit notes on them), and issuing one: for all that is
// not invoiced yet, or for one delivery (the quantities it carries).
import { useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link, useNavigate } from "react-router-dom";
import { api, unwrap } from "../../api/client";
import { fieldErrorsOf } from "../../api/problem";
import { followUpChanged, followUpQueries } from "../../api/queries/followUp";
import type { OrderDetail } from "../../api/types";
import { DataTable } from "../../components/DataTable";
import { QueryState } from "../../components/QueryState";
import { useReadOnly } from "../../components/ReadOnly";
import { useForm } from "../../components/useForm";
import { DisclosureButton, EmptyState, Field, SaveError, formatDate } from "../../components/ui";
import { DELIVERY_STATUSES, INVOICE_KINDS, INVOICE_STATUSES } from "../../labels/followUp";
import { euros } from "../../labels/sales";
import { StatusBadge } from "./StatusBadge";

export function OrderInvoicesCard({ order }: { order: OrderDetail }) {
  const readOnly = useReadOnly();
  const [open, setOpen] = useState(false);
  const invoices = useQuery(followUpQueries.invoices({ order_id: order.id, sort: "issued_on", limit: 100 }));
  return (
    <section className="card" aria-labelledby="order-invoices">
      <h2 id="order-invoices">Factures</h2>
      {!readOnly && order.status !== "cancelled" && (
        <p>
          <DisclosureButton open={open} onToggle={() => setOpen(!open)}>
            Facturer
          </DisclosureButton>
        </p>
      )}
      {open && <NewInvoiceForm order={order} />}
      <QueryState query={invoices} empty={<EmptyState title="Aucune facture pour cette commande." />}>
        {(data) => (
          <DataTable
            className="table wide-table"
            wrapperClassName="scroll-x contained"
            caption={`Factures de la commande ${order.number}`}
            headers={[
              "Numéro",
              "Type",
              "Émise le",
              "Échéance",
              { label: "TTC", className: "num" },
              { label: "Reste dû", className: "num" },
              "Statut",
            ]}
          >
            {data.items.map((i) => (
              <tr key={i.id}>
                <th scope="row">
                  <Link to={`/factures/${i.id}`}>{i.number}</Link>
                </th>
                <td>{INVOICE_KINDS[i.kind]}</td>
                <td className="nowrap">{formatDate(i.issued_on)}</td>
                <td>{i.kind === "invoice" ? formatDate(i.due_on) : "—"}</td>
                <td className="num">{euros(i.total_ttc)}</td>
                <td className="num">{i.kind === "invoice" ? euros(i.balance) : "—"}</td>
                <td>
                  <StatusBadge value={i.status} labels={INVOICE_STATUSES} classes={{ paid: "status-ok" }} />
                </td>
              </tr>
            ))}
          </DataTable>
        )}
      </QueryState>
    </section>
  );
}

function NewInvoiceForm({ order }: { order: OrderDetail }) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const deliveries = useQuery(followUpQueries.deliveries({ order_id: order.id, sort: "promised_on", limit: 100 }));
  const { values, set, submitWith } = useForm({ what: "", business: "", notes: "" });
  const save = useMutation({
    mutationFn: (v: typeof values) =>
      unwrap(
        api.POST("/api/v1/invoices", {
          body: {
            order_id: order.id,
            delivery_id: v.what ? Number(v.what) : null,
            business_client: v.business === "" ? null : v.business === "yes",
            notes: v.notes,
          },
        }),
      ),
    onSuccess: async (saved) => {
      await followUpChanged.invoice(queryClient, saved.id);
      navigate(`/factures/${saved.id}`);
    },
  });
  const errors = fieldErrorsOf(save.error);
  return (
    <form className="form-grid" aria-label="Nouvelle facture" noValidate onSubmit={submitWith((v) => save.mutate(v))}>
      <Field label="Que facturer ?" error={errors.delivery_id}>
        {(p) => (
          <select {...p} value={values.what} onChange={(e) => set("what", e.target.value)}>
            <option value="">Toute la commande (ce qui n'est pas encore facturé)</option>
            {(deliveries.data?.items ?? []).map((d) => (
              <option key={d.id} value={d.id}>
                Livraison {d.position} ({DELIVERY_STATUSES[d.status].toLowerCase()})
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field
        label="Type de client"
        hint="Un client professionnel doit des pénalités de retard et l'indemnité de 40 € ; un particulier non."
        error={errors.business_client}
      >
        {(p) => (
          <select {...p} value={values.business} onChange={(e) => set("business", e.target.value)}>
            <option value="">Selon la fiche (une entreprise est un client professionnel)</option>
            <option value="yes">Client professionnel</option>
            <option value="no">Particulier</option>
          </select>
        )}
      </Field>
      <div className="wide">
        <Field label="Notes de la facture" error={errors.notes}>
          {(p) => (
            <textarea
              {...p}
              rows={2}
              maxLength={5000}
              value={values.notes}
              onChange={(e) => set("notes", e.target.value)}
            />
          )}
        </Field>
      </div>
      <div className="wide">
        <SaveError error={save.error} />
      </div>
      <div className="form-actions">
        <button type="submit" className="primary" disabled={save.isPending}>
          Émettre la facture
        </button>
      </div>
    </form>
  );
}
