// The trainee's customers by RFM segment (CP8): the recency × frequency grid (each cell
// filters the customers), the segments' summary with their small-sample warnings, the
// customers' lifetime value and how it is computed, the customers (paged, sorted, filtered)
// and the co-purchase recommendations.
import { useState } from "react";
import { useQuery } from "@tanstack/react-query";
import type { SegmentsOut } from "../../api/types";
import { DataTable } from "../../components/DataTable";
import { QueryState } from "../../components/QueryState";
import { useFilters } from "../../components/useFilters";
import { EmptyState, Notice, PageFrame, formatDate } from "../../components/ui";
import { customers, days } from "../../labels/loyalty";
import { euros, percent } from "../../labels/sales";
import { CustomersSection, type CustomerFilters } from "./CustomersSection";
import { LoyaltyNav } from "./LoyaltyNav";
import { RecommendationsCard } from "./RecommendationsCard";
import { RfmGrid } from "./RfmGrid";
import type { CellFilter } from "./logic";
import { loyaltyQueries } from "./queries";
import { useScope } from "./scope";
import "../followup/followup.css";
import "./loyalty.css";

export function SegmentsPage() {
  const scope = useScope();
  const segments = useQuery({ ...loyaltyQueries.segments({ trainee_id: scope.traineeId }), enabled: !scope.missing });
  const { filters, filter, setFilters, offset, setOffset } = useFilters<CustomerFilters>({
    segment: "",
    inactive: "",
    sort: "-amount",
  });
  const [cell, setCellState] = useState<CellFilter>(null);
  const setCell = (c: CellFilter) => {
    setCellState(c);
    setOffset(0);
  };
  return (
    <PageFrame title="Fidélisation : segments RFM" operations={scope.staff ? [] : ["start_run"]}>
      <LoyaltyNav />
      {scope.missing ? (
        <MissingTrainee />
      ) : (
        <>
          <QueryState
            query={segments}
            busyLabel="Calcul des segments…"
            isEmpty={(d) => d.customers === 0}
            empty={
              <EmptyState title="Aucun client pour l'instant.">
                Un client est une fiche qui a passé au moins une commande : les segments se calculent sur l'historique
                des commandes.
              </EmptyState>
            }
          >
            {(data) => (
              <>
                <Summary data={data} />
                <section className="card" aria-labelledby="rfm-grid-title">
                  <h2 id="rfm-grid-title">Grille RFM</h2>
                  <RfmGrid cells={data.grid} selected={cell} onSelect={setCell} />
                </section>
                <SegmentsTable
                  data={data}
                  selected={filters.segment}
                  onSelect={(code) => {
                    setFilters({ ...filters, segment: code });
                    setCellState(null);
                  }}
                />
              </>
            )}
          </QueryState>
          <CustomersSection
            scope={scope}
            filters={filters}
            filter={filter}
            cell={cell}
            onCell={setCell}
            offset={offset}
            setOffset={setOffset}
          />
          <RecommendationsCard scope={scope} />
        </>
      )}
    </PageFrame>
  );
}

export function MissingTrainee() {
  return (
    <Notice>
      La fidélisation se lit dans le portefeuille d'un stagiaire : ajoutez « ?stagiaire= » suivi de son numéro à
      l'adresse, depuis le suivi de la promotion.
    </Notice>
  );
}

function Summary({ data }: { data: SegmentsOut }) {
  return (
    <section aria-labelledby="rfm-summary">
      <h2 id="rfm-summary" className="sr-only">
        Synthèse du portefeuille
      </h2>
      <dl className="figures-grid">
        <div>
          <dt>Clients au {formatDate(data.on)}</dt>
          <dd>{data.customers}</dd>
        </div>
        <div>
          <dt>Valeur vie client totale HT</dt>
          <dd>{euros(data.clv_total_ht)}</dd>
        </div>
      </dl>
      <p className="hint">
        <strong>Méthode de la valeur vie client : </strong>
        {data.clv_method}
      </p>
      {data.warnings.length > 0 && (
        <div className="alert alert-warn" role="note" aria-label="Avertissements sur la grille">
          {data.warnings.map((w) => (
            <p key={w}>⚠ {w}</p>
          ))}
        </div>
      )}
    </section>
  );
}

function SegmentsTable(props: {
  data: SegmentsOut;
  selected: string;
  onSelect: (code: CustomerFilters["segment"]) => void;
}) {
  const { data } = props;
  return (
    <section className="card" aria-labelledby="rfm-segments">
      <h2 id="rfm-segments">Segments</h2>
      <DataTable
        caption="Segments RFM : effectif, part, montant, récence moyenne et avertissements"
        className="table wide-table"
        wrapperClassName="scroll-x contained"
        headers={[
          "Segment",
          "Ce qu'il faut en faire",
          { label: "Clients", className: "num" },
          { label: "Part", className: "num" },
          { label: "Montant HT", className: "num" },
          "Récence moyenne",
          "Avertissement",
        ]}
      >
        {data.segments.map((s) => {
          const selected = props.selected === s.code;
          return (
            <tr key={s.code}>
              <th scope="row">
                <button
                  type="button"
                  className="link"
                  aria-pressed={selected}
                  aria-label={`${s.label} : voir ses ${customers(s.customers)}`}
                  onClick={() => props.onSelect(selected ? "" : s.code)}
                >
                  {s.label}
                </button>
              </th>
              <td>{s.description}</td>
              <td className="num">{s.customers}</td>
              <td className="num">{percent(s.share)}</td>
              <td className="num">{euros(s.amount)}</td>
              <td>{s.mean_recency_days === null ? "—" : days(s.mean_recency_days)}</td>
              <td>{s.warning ? <span className="warning-text">⚠ {s.warning}</span> : "—"}</td>
            </tr>
          );
        })}
      </DataTable>
      <p className="hint">
        Parts en pourcentage des {customers(data.customers)} ; choisissez un segment pour filtrer la liste des clients
        (le filtre « Segment RFM » fait de même).
      </p>
    </section>
  );
}
