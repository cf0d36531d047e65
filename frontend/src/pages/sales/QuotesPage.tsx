// The trainee's quotes: number, client, status and amounts.
import { useState } from "react";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { Link } from "react-router-dom";
import { salesQueries } from "../../api/queries/sales";
import { DataTable } from "../../components/DataTable";
import { QueryState } from "../../components/QueryState";
import { EmptyState, PageFrame, formatDate } from "../../components/ui";
import { euros } from "../../labels/sales";
import { QuoteStatusBadge } from "./QuoteStatusBadge";

const LIMIT = 20;

export function QuotesPage() {
  const [offset, setOffset] = useState(0);
  const list = useQuery({
    ...salesQueries.quotes({ sort: "-updated_at", limit: LIMIT, offset }),
    placeholderData: keepPreviousData,
  });
  return (
    <PageFrame title="Mes devis" operations={["create_quote", "send_quote"]}>
      <p>
        <Link to="/ventes">← Opportunités</Link>
      </p>
      <QueryState
        query={list}
        empty={
          <EmptyState title="Aucun devis.">Un devis s'établit depuis une opportunité : « Nouveau devis ».</EmptyState>
        }
      >
        {(data) => (
          <DataTable
            caption="Mes devis"
            className="table wide-table"
            wrapperClassName="scroll-x contained"
            headers={[
              "Devis",
              "Client",
              "Statut",
              { label: "Net commercial HT", className: "num" },
              { label: "TTC", className: "num" },
              "Validité",
            ]}
            pager={{ offset, limit: LIMIT, total: data.total, onOffset: setOffset }}
          >
            {data.items.map((q) => (
              <tr key={q.id}>
                <th scope="row">
                  <Link to={`/ventes/devis/${q.id}`}>{q.reference ?? `Brouillon n°${q.id}`}</Link>
                </th>
                <td>{q.prospect_name}</td>
                <td>
                  <QuoteStatusBadge status={q.status} approval={q.approval_status} />
                </td>
                <td className="num">{euros(q.net_commercial_ht)}</td>
                <td className="num">{euros(q.total_ttc)}</td>
                <td>{formatDate(q.valid_until)}</td>
              </tr>
            ))}
          </DataTable>
        )}
      </QueryState>
    </PageFrame>
  );
}
