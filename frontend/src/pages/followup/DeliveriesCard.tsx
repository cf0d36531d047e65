// An order's deliveries (partial deliveries: several per order), each with its status, its
// promised date and lateness, and « Prévoir une livraison »: all that is left to ship, or
// chosen lines and quantities.
import { useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link, useNavigate } from "react-router-dom";
import { api, unwrap } from "../../api/client";
import { fieldErrorsOf } from "../../api/problem";
import { followUpChanged, followUpQueries } from "../../api/queries/followUp";
import type { DeliveryOut, OrderDetail } from "../../api/types";
import { DataTable } from "../../components/DataTable";
import { QueryState } from "../../components/QueryState";
import { useReadOnly } from "../../components/ReadOnly";
import { useForm } from "../../components/useForm";
import { DisclosureButton, EmptyState, Field, RequiredNote, SaveError, formatDate } from "../../components/ui";
import { DELIVERY_STATUSES, quantity } from "../../labels/followUp";
import { isoToday } from "../../labels/prospects";
import { decimal, deliverableLines, type DeliverableLine } from "./logic";
import { LateBadge, StatusBadge } from "./StatusBadge";

export function DeliveriesCard({ order }: { order: OrderDetail }) {
  const readOnly = useReadOnly();
  const [open, setOpen] = useState(false);
  const deliveries = useQuery(followUpQueries.deliveries({ order_id: order.id, sort: "promised_on", limit: 100 }));
  const items = deliveries.data?.items ?? [];
  return (
    <section className="card" aria-labelledby="order-deliveries">
      <h2 id="order-deliveries">Livraisons</h2>
      {!readOnly && order.status === "open" && (
        <p>
          <DisclosureButton open={open} onToggle={() => setOpen(!open)} primary>
            Prévoir une livraison
          </DisclosureButton>
        </p>
      )}
      {open && <NewDeliveryForm order={order} lines={deliverableLines(order, items)} />}
      <QueryState
        query={deliveries}
        empty={
          <EmptyState title="Aucune livraison prévue.">
            {order.status === "open" ? "Prévoyez-en une : date promise, tout ou partie des lignes." : null}
          </EmptyState>
        }
      >
        {(data) => <DeliveriesTable items={data.items} orderNumber={order.number} />}
      </QueryState>
    </section>
  );
}

function DeliveriesTable({ items, orderNumber }: { items: DeliveryOut[]; orderNumber: string }) {
  return (
    <DataTable
      className="table wide-table"
      wrapperClassName="scroll-x contained"
      caption={`Livraisons de la commande ${orderNumber}`}
      headers={["Livraison", "Statut", "Promise le", "Retard", "Lignes", { label: "Incidents", className: "num" }]}
    >
      {items.map((d) => (
        <tr key={d.id}>
          <th scope="row">
            <Link to={`/livraisons/${d.id}`}>
              Livraison {d.position} de {d.order_number}
            </Link>
          </th>
          <td>
            <StatusBadge
              value={d.status}
              labels={DELIVERY_STATUSES}
              classes={{ delivered: "status-ok", shipped: "status-paused" }}
            />
          </td>
          <td className="nowrap">{formatDate(d.promised_on)}</td>
          <td>{d.late_days > 0 ? <LateBadge days={d.late_days} /> : "à temps"}</td>
          <td>{d.lines.map((l) => `${l.label} × ${quantity(l.quantity)}`).join(", ")}</td>
          <td className="num">{d.incidents}</td>
        </tr>
      ))}
    </DataTable>
  );
}

type Draft = {
  promised_on: string;
  carrier: string;
  tracking: string;
  notes: string;
  mode: "all" | "chosen";
  quantities: Record<number, string>;
};

function NewDeliveryForm({ order, lines }: { order: OrderDetail; lines: DeliverableLine[] }) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const chosen = (v: Draft) => lines.filter((l) => decimal(v.quantities[l.orderLineId] ?? "") !== "");
  const { values, set, submitWith } = useForm<Draft>({
    promised_on: isoToday(),
    carrier: "",
    tracking: "",
    notes: "",
    mode: "all",
    quantities: Object.fromEntries(lines.map((l) => [l.orderLineId, l.remaining])),
  });
  const save = useMutation({
    mutationFn: (v: Draft) =>
      unwrap(
        api.POST("/api/v1/orders/{order_id}/deliveries", {
          params: { path: { order_id: order.id } },
          body: {
            promised_on: v.promised_on,
            carrier: v.carrier,
            tracking: v.tracking,
            notes: v.notes,
            lines:
              v.mode === "all"
                ? []
                : chosen(v).map((l) => ({
                    order_line_id: l.orderLineId,
                    quantity: decimal(v.quantities[l.orderLineId]),
                  })),
          },
        }),
      ),
    onSuccess: async (saved) => {
      await followUpChanged.delivery(queryClient, saved.id, order.id);
      navigate(`/livraisons/${saved.id}`);
    },
  });
  const errors = fieldErrorsOf(save.error);
  // The server names a line by its place among those sent (the blank ones are not).
  const sent = chosen(values).map((l) => l.orderLineId);
  return (
    <form className="form-grid" aria-label="Nouvelle livraison" noValidate onSubmit={submitWith((v) => save.mutate(v))}>
      <RequiredNote />
      <Field label="Date de livraison promise" error={errors.promised_on} required>
        {(p) => (
          <input {...p} type="date" value={values.promised_on} onChange={(e) => set("promised_on", e.target.value)} />
        )}
      </Field>
      <Field label="Transporteur" error={errors.carrier}>
        {(p) => (
          <input {...p} maxLength={120} value={values.carrier} onChange={(e) => set("carrier", e.target.value)} />
        )}
      </Field>
      <Field label="N° de suivi" error={errors.tracking}>
        {(p) => (
          <input {...p} maxLength={120} value={values.tracking} onChange={(e) => set("tracking", e.target.value)} />
        )}
      </Field>
      <fieldset className="wide">
        <legend>Ce que porte la livraison</legend>
        <label className="check">
          <input
            type="radio"
            name="delivery-mode"
            checked={values.mode === "all"}
            onChange={() => set("mode", "all")}
          />
          Tout ce qui reste à livrer
        </label>
        <label className="check">
          <input
            type="radio"
            name="delivery-mode"
            checked={values.mode === "chosen"}
            disabled={lines.length === 0}
            onChange={() => set("mode", "chosen")}
          />
          Certaines lignes (livraison partielle)
        </label>
        {lines.length === 0 && (
          <small className="hint">
            La commande ne donne pas encore ses lignes une à une : la livraison porte tout ce qui reste.
          </small>
        )}
        {values.mode === "chosen" &&
          lines.map((l) => (
            <Field
              key={l.orderLineId}
              label={`Quantité à livrer : ${l.label} (reste ${quantity(l.remaining)})`}
              error={errors[`lines.${sent.indexOf(l.orderLineId)}.quantity`]}
            >
              {(p) => (
                <input
                  {...p}
                  inputMode="decimal"
                  value={values.quantities[l.orderLineId] ?? ""}
                  onChange={(e) => set("quantities", { ...values.quantities, [l.orderLineId]: e.target.value })}
                />
              )}
            </Field>
          ))}
        {errors.lines && <small className="field-error">{errors.lines}</small>}
      </fieldset>
      <div className="wide">
        <Field label="Notes" error={errors.notes}>
          {(p) => (
            <textarea
              {...p}
              rows={2}
              maxLength={2000}
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
          Prévoir la livraison
        </button>
      </div>
    </form>
  );
}
