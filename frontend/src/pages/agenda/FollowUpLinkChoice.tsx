// The records of the sales follow-up a task may link to (an order, a delivery, an invoice, a
// complaint, a case): the latest of the kind chosen, each named with what tells it apart.
import { useQuery } from "@tanstack/react-query";
import { followUpQueries } from "../../api/queries/followUp";
import { formatDate } from "../../components/ui";
import { RecordSelect, type Choice } from "./RecordSelect";
import type { LinkKind } from "./taskForm";

const FOLLOW_UP_KINDS = ["order", "delivery", "invoice", "complaint", "case"] as const;
type FollowUpKind = (typeof FOLLOW_UP_KINDS)[number];

export function isFollowUpKind(kind: LinkKind | ""): kind is FollowUpKind {
  return (FOLLOW_UP_KINDS as readonly string[]).includes(kind);
}

const FOLLOW_UP_CHOICE: Record<FollowUpKind, string> = {
  order: "Commande à lier",
  delivery: "Livraison à lier",
  invoice: "Facture à lier",
  complaint: "Réclamation à lier",
  case: "Dossier à lier",
};

/** The latest records of the follow-up of a kind (each list is its own query: only the kind
 * chosen is read). */
function useFollowUpOptions(kind: FollowUpKind) {
  const orders = useQuery({
    ...followUpQueries.orders({ sort: "-ordered_on", limit: 100 }),
    enabled: kind === "order",
  });
  const deliveries = useQuery({
    ...followUpQueries.deliveries({ sort: "-promised_on", limit: 100 }),
    enabled: kind === "delivery",
  });
  const invoices = useQuery({
    ...followUpQueries.invoices({ kind: "invoice", sort: "-issued_on", limit: 100 }),
    enabled: kind === "invoice",
  });
  const complaints = useQuery({
    ...followUpQueries.complaints({ sort: "-received_on", limit: 100 }),
    enabled: kind === "complaint",
  });
  const cases = useQuery({ ...followUpQueries.cases({ sort: "-opened_on", limit: 100 }), enabled: kind === "case" });
  switch (kind) {
    case "order":
      return {
        q: orders,
        options: orders.data?.items.map((o) => ({ id: o.id, name: `${o.number} — ${o.prospect_name}` })),
      };
    case "delivery":
      return {
        q: deliveries,
        options: deliveries.data?.items.map((d) => ({
          id: d.id,
          name: `Livraison ${d.position} de ${d.order_number} (promise le ${formatDate(d.promised_on)})`,
        })),
      };
    case "invoice":
      return {
        q: invoices,
        options: invoices.data?.items.map((i) => ({
          id: i.id,
          name: `${i.number} — ${i.prospect_name} (échéance le ${formatDate(i.due_on)})`,
        })),
      };
    case "complaint":
      return {
        q: complaints,
        options: complaints.data?.items.map((c) => ({ id: c.id, name: `${c.subject} — ${c.prospect_name}` })),
      };
    case "case":
      return {
        q: cases,
        options: cases.data?.items.map((c) => ({ id: c.id, name: `${c.title} — ${c.prospect_name}` })),
      };
  }
}

export function FollowUpChoice({ kind, onPick, error }: Choice & { kind: FollowUpKind }) {
  const { q, options } = useFollowUpOptions(kind);
  return (
    <RecordSelect
      label={FOLLOW_UP_CHOICE[kind]}
      options={options}
      pending={q.isPending}
      failed={q.isError}
      onPick={onPick}
      error={error}
    />
  );
}
