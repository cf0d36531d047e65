// The trainee's invoices (CP7.1): what is due and since when, the next relaunch and its
// date, the late-payment penalties to date; « En retard » keeps the overdue ones.
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { Link } from "react-router-dom";
import { followUpQueries } from "../../api/queries/followUp";
import type { Schemas as S } from "../../api/types";
import { DataTable } from "../../components/DataTable";
import { FilterSelect } from "../../components/FilterSelect";
import { QueryState } from "../../components/QueryState";
import { useFilters } from "../../components/useFilters";
import { EmptyState, PageFrame, formatDate } from "../../components/ui";
import { INVOICE_STATUSES, RELAUNCH_LEVELS } from "../../labels/followUp";
import { euros } from "../../labels/sales";
import { FollowUpNav } from "./FollowUpNav";
import { LateBadge, StatusBadge } from "./StatusBadge";
import "./followup.css";

const LIMIT = 20;

// A credit note is "issued": the list shows invoices, whose status is open or paid.
type Filters = { status: Exclude<S["InvoiceStatus"], "issued"> | ""; overdue: "" | "yes" };

export function InvoicesPage() {
  const { filters, filter, offset, setOffset } = useFilters<Filters>({ status: "", overdue: "" });
  const list = useQuery({
    ...followUpQueries.invoices({
      kind: "invoice",
      status: filters.status || undefined,
      overdue: filters.overdue === "yes" ? true : undefined,
      sort: filters.overdue === "yes" ? "due_on" : "-issued_on",
      limit: LIMIT,
      offset,
    }),
    placeholderData: keepPreviousData,
  });
  return (
    <PageFrame
      title="Factures"
      operations={["create_invoice", "record_payment", "create_credit_note", "relaunch_invoice", "escalate_invoice"]}
    >
      <FollowUpNav />
      <div className="filters">
        <FilterSelect
          label="Statut"
          all="Tous"
          value={filters.status}
          labels={{ open: INVOICE_STATUSES.open, paid: INVOICE_STATUSES.paid }}
          onChange={(v) => filter("status", v)}
        />
        <FilterSelect
          label="Échéance"
          all="Toutes"
          value={filters.overdue}
          labels={{ yes: "En retard" }}
          onChange={(v) => filter("overdue", v)}
        />
      </div>
      <QueryState
        query={list}
        empty={
          <EmptyState title={filters.overdue ? "Aucune facture en retard." : "Aucune facture."}>
            {filters.overdue
              ? "Toutes les factures échues sont réglées."
              : "Une facture s'émet depuis sa commande : « Facturer »."}
          </EmptyState>
        }
      >
        {(data) => (
          <DataTable
            caption="Factures"
            className="table wide-table"
            wrapperClassName="scroll-x contained"
            headers={[
              "Facture",
              "Client",
              "Échéance",
              { label: "TTC", className: "num" },
              { label: "Reste dû", className: "num" },
              "Retard",
              "Dernière relance",
              "Prochaine relance",
              { label: "Pénalités à ce jour", className: "num" },
              "Statut",
            ]}
            pager={{ offset, limit: LIMIT, total: data.total, onOffset: setOffset }}
          >
            {data.items.map((i) => (
              <tr key={i.id}>
                <th scope="row">
                  <Link to={`/factures/${i.id}`}>{i.number}</Link>
                </th>
                <td>
                  <Link to={`/comptes/${i.prospect_id}`}>{i.prospect_name}</Link>
                </td>
                <td className="nowrap">{formatDate(i.due_on)}</td>
                <td className="num">{euros(i.total_ttc)}</td>
                <td className="num">{euros(i.balance)}</td>
                <td>{i.days_overdue > 0 ? <LateBadge days={i.days_overdue} /> : "—"}</td>
                <td>{i.relaunch_level ? RELAUNCH_LEVELS[i.relaunch_level] : "—"}</td>
                <td>
                  {i.next_level
                    ? `${RELAUNCH_LEVELS[i.next_level.level]} à partir du ${formatDate(i.next_level.from_on)}`
                    : "—"}
                </td>
                <td className="num">{i.business_client ? euros(i.penalties_to_date) : "particulier : aucune"}</td>
                <td>
                  <StatusBadge value={i.status} labels={INVOICE_STATUSES} classes={{ paid: "status-ok" }} />
                  {i.escalation_due && !i.escalated_at && (
                    <>
                      {" "}
                      <span className="status status-error">À transmettre à la comptabilité</span>
                    </>
                  )}
                </td>
              </tr>
            ))}
          </DataTable>
        )}
      </QueryState>
    </PageFrame>
  );
}
