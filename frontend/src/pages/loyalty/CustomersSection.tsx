// The customers below the grid: paged, sorted, filtered by RFM segment, by activity and by
// the grid's cell chosen (recency × frequency scores): the API filters by all of them.
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { Link } from "react-router-dom";
import type { CustomerOut, RfmSegment } from "../../api/types";
import { DataTable } from "../../components/DataTable";
import { FilterSelect } from "../../components/FilterSelect";
import { QueryState } from "../../components/QueryState";
import { EmptyState, Field, Notice, Options, formatDate } from "../../components/ui";
import { CUSTOMER_SORTS, INACTIVITY_BASES, RFM_SEGMENTS, days } from "../../labels/loyalty";
import { euros } from "../../labels/sales";
import type { CellFilter } from "./logic";
import { loyaltyQueries } from "./queries";
import { scopeSearch, type Scope } from "./scope";

const LIMIT = 20;

export type CustomerFilters = { segment: RfmSegment | ""; inactive: "" | "yes" | "no"; sort: string };

export function CustomersSection(props: {
  scope: Scope;
  filters: CustomerFilters;
  filter: <K extends keyof CustomerFilters>(key: K, value: CustomerFilters[K]) => void;
  cell: CellFilter;
  onCell: (cell: CellFilter) => void;
  offset: number;
  setOffset: (offset: number) => void;
}) {
  const { filters, filter, cell, offset, setOffset, scope } = props;
  const list = useQuery({
    ...loyaltyQueries.customers({
      trainee_id: scope.traineeId,
      segment: filters.segment || undefined,
      inactive: filters.inactive === "" ? undefined : filters.inactive === "yes",
      sort: filters.sort,
      r: cell?.r,
      f: cell?.f,
      limit: LIMIT,
      offset,
    }),
    placeholderData: keepPreviousData,
  });
  return (
    <section className="card" aria-labelledby="loyalty-customers">
      <h2 id="loyalty-customers">Clients</h2>
      <div className="filters">
        <FilterSelect
          label="Segment RFM"
          all="Tous"
          value={filters.segment}
          labels={RFM_SEGMENTS}
          onChange={(v) => filter("segment", v)}
        />
        <FilterSelect
          label="Activité"
          all="Tous"
          value={filters.inactive}
          labels={{ yes: "Inactifs", no: "Actifs" }}
          onChange={(v) => filter("inactive", v)}
        />
        <Field label="Trier par">
          {(p) => (
            <select {...p} value={filters.sort} onChange={(e) => filter("sort", e.target.value)}>
              <Options labels={CUSTOMER_SORTS} />
            </select>
          )}
        </Field>
      </div>
      {cell && (
        <Notice>
          Case de la grille : récence {cell.r}, fréquence {cell.f}.{" "}
          <button type="button" onClick={() => props.onCell(null)}>
            Retirer le filtre de la grille
          </button>
        </Notice>
      )}
      <QueryState
        query={list}
        isEmpty={(data) => data.items.length === 0}
        empty={
          <EmptyState title="Aucun client ne correspond.">
            Un client est une fiche qui a passé au moins une commande non annulée.
          </EmptyState>
        }
      >
        {(data) => (
          <CustomersTable
            items={data.items}
            scope={scope}
            pager={{ offset, limit: LIMIT, total: data.total, onOffset: setOffset }}
          />
        )}
      </QueryState>
    </section>
  );
}

export function CustomersTable(props: {
  items: readonly CustomerOut[];
  scope: Scope;
  pager?: { offset: number; limit: number; total: number; onOffset: (offset: number) => void };
}) {
  return (
    <DataTable
      caption="Clients, historique d'achat et segment RFM"
      className="table wide-table"
      wrapperClassName="scroll-x contained"
      headers={[
        "Client",
        "Segment RFM",
        { label: "Commandes", className: "num" },
        { label: "Montant HT", className: "num" },
        "Dernière commande",
        "Intervalle habituel",
        { label: "Valeur vie client HT", className: "num" },
        "Activité",
      ]}
      pager={props.pager}
    >
      {props.items.map((c) => (
        <tr key={c.prospect_id}>
          <th scope="row">
            <Link to={`/fidelisation/clients/${c.prospect_id}${scopeSearch(props.scope)}`}>{c.name}</Link>
          </th>
          <td>
            {c.rfm.segment_label} <small className="muted">(RFM {c.rfm.code})</small>
          </td>
          <td className="num">{c.orders}</td>
          <td className="num">{euros(c.amount_ht)}</td>
          <td className="nowrap">
            {formatDate(c.last_order_on)} <small className="muted">(il y a {days(c.recency_days)})</small>
          </td>
          <td>{c.usual_interval_days ? days(c.usual_interval_days) : "—"}</td>
          <td className="num">{euros(c.clv_ht)}</td>
          <td>
            {c.inactive ? (
              <>
                <span className="status status-error">Inactif</span>
                <br />
                <small className="muted">{c.inactivity_basis ? INACTIVITY_BASES[c.inactivity_basis] : "—"}</small>
              </>
            ) : (
              <span className="status status-ok">Actif</span>
            )}
          </td>
        </tr>
      ))}
    </DataTable>
  );
}
