// An order's deliveries (partial deliveries: several per order): each line's quantities
// ordered, planned (carried by deliveries), delivered and left to plan; each delivery with
// its status, its promised date and lateness; and « Prévoir une livraison » while some is
// left to plan (NewDeliveryForm).
import { useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { Link } from "react-router-dom";
import { followUpQueries } from "../../api/queries/followUp";
import type { DeliveryOut, OrderDetail } from "../../api/types";
import { DataTable } from "../../components/DataTable";
import { QueryState } from "../../components/QueryState";
import { useReadOnly } from "../../components/ReadOnly";
import { DisclosureButton, EmptyState, formatDate } from "../../components/ui";
import { DELIVERY_STATUSES, quantity } from "../../labels/followUp";
import { NewDeliveryForm } from "./NewDeliveryForm";
import { deliverableLines, leftToPlan } from "./logic";
import { LateBadge, StatusBadge } from "./StatusBadge";

export function DeliveriesCard({ order }: { order: OrderDetail }) {
  const readOnly = useReadOnly();
  const [open, setOpen] = useState(false);
  const deliveries = useQuery(followUpQueries.deliveries({ order_id: order.id, sort: "promised_on", limit: 100 }));
  const lines = deliverableLines(order.lines);
  const canPlan = !readOnly && order.status === "open";
  return (
    <section className="card" aria-labelledby="order-deliveries">
      <h2 id="order-deliveries">Livraisons</h2>
      {canPlan && lines.length > 0 && (
        <p>
          <DisclosureButton open={open} onToggle={() => setOpen(!open)} primary>
            Prévoir une livraison
          </DisclosureButton>
        </p>
      )}
      {canPlan && lines.length === 0 && (
        <p className="muted">Toutes les quantités de la commande sont déjà portées par des livraisons.</p>
      )}
      {open && lines.length > 0 && <NewDeliveryForm key={order.version} order={order} lines={lines} />}
      <h3>Quantités par ligne</h3>
      <OrderLinesTable order={order} />
      <h3>Livraisons de la commande</h3>
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

/** Each line of the order: ordered, carried by its deliveries (planned), arrived (delivered),
 * and what is left to plan. */
function OrderLinesTable({ order }: { order: OrderDetail }) {
  return (
    <DataTable
      className="table wide-table"
      wrapperClassName="scroll-x contained"
      caption={`Quantités par ligne de la commande ${order.number}`}
      headers={[
        "Ligne",
        { label: "Commandé", className: "num" },
        { label: "Prévu en livraison", className: "num" },
        { label: "Livré", className: "num" },
        { label: "Reste à prévoir", className: "num" },
      ]}
    >
      {order.lines.map((l) => (
        <tr key={l.id}>
          <th scope="row">
            {l.product_reference ? `${l.product_reference} — ` : ""}
            {l.label}
          </th>
          <td className="num">{quantity(l.quantity)}</td>
          <td className="num">{quantity(l.quantity_planned)}</td>
          <td className="num">{quantity(l.quantity_delivered)}</td>
          <td className="num">{quantity(leftToPlan(l))}</td>
        </tr>
      ))}
    </DataTable>
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
