// The trainee's orders (CP7): number, client, status, amounts; filtered by status, paged.
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { Link } from "react-router-dom";
import { followUpQueries } from "../../api/queries/followUp";
import type { Schemas as S } from "../../api/types";
import { DataTable } from "../../components/DataTable";
import { FilterSelect } from "../../components/FilterSelect";
import { QueryState } from "../../components/QueryState";
import { useFilters } from "../../components/useFilters";
import { EmptyState, PageFrame, formatDate } from "../../components/ui";
import { ORDER_STATUSES, ORDER_STATUS_CLASS } from "../../labels/followUp";
import { euros } from "../../labels/sales";
import { FollowUpNav } from "./FollowUpNav";
import { StatusBadge } from "./StatusBadge";
import "./followup.css";

const LIMIT = 20;

export function OrdersPage() {
  const { filters, filter, offset, setOffset } = useFilters<{ status: S["OrderStatus"] | "" }>({ status: "" });
  const list = useQuery({
    ...followUpQueries.orders({ status: filters.status || undefined, sort: "-ordered_on", limit: LIMIT, offset }),
    placeholderData: keepPreviousData,
  });
  return (
    <PageFrame title="Commandes" operations={["create_order", "create_delivery", "cancel_order"]}>
      <FollowUpNav />
      <div className="filters">
        <FilterSelect
          label="Statut"
          all="Tous"
          value={filters.status}
          labels={ORDER_STATUSES}
          onChange={(v) => filter("status", v)}
        />
      </div>
      <QueryState
        query={list}
        empty={
          <EmptyState title="Aucune commande.">
            Une commande s'enregistre depuis un devis accepté : « Enregistrer la commande » sur la page du devis.{" "}
            <Link to="/ventes/devis">Mes devis</Link>
          </EmptyState>
        }
      >
        {(data) => (
          <DataTable
            caption="Commandes"
            className="table wide-table"
            wrapperClassName="scroll-x contained"
            headers={[
              "Commande",
              "Client",
              "Date",
              "Statut",
              { label: "Net commercial HT", className: "num" },
              { label: "TTC", className: "num" },
            ]}
            pager={{ offset, limit: LIMIT, total: data.total, onOffset: setOffset }}
          >
            {data.items.map((o) => (
              <tr key={o.id}>
                <th scope="row">
                  <Link to={`/commandes/${o.id}`}>{o.number}</Link>
                </th>
                <td>
                  <Link to={`/comptes/${o.prospect_id}`}>{o.prospect_name}</Link>
                </td>
                <td className="nowrap">{formatDate(o.ordered_on)}</td>
                <td>
                  <StatusBadge value={o.status} labels={ORDER_STATUSES} classes={ORDER_STATUS_CLASS} />
                </td>
                <td className="num">{euros(o.net_commercial_ht)}</td>
                <td className="num">{euros(o.total_ttc)}</td>
              </tr>
            ))}
          </DataTable>
        )}
      </QueryState>
    </PageFrame>
  );
}
