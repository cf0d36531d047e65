// Pareto / ABC: the period's turnover by customer and by product family, in ABC classes
// (A: the first 80 % of the cumulative turnover, B: up to 95 %, C: the rest), and the
// concentration (share of the top 20 %, Herfindahl–Hirschman index).
import { useState } from "react";
import { DataTable } from "../../components/DataTable";
import { EmptyState } from "../../components/ui";
import { formatPrice } from "../../labels/businessCases";
import type { Figures, Pareto } from "./figures";
import { figure, pct } from "./format";

const SHOWN = 10;

function ParetoTable({ id, title, pareto }: { id: string; title: string; pareto: Pareto }) {
  const [all, setAll] = useState(false);
  const rows = all ? pareto.rows : pareto.rows.slice(0, SHOWN);
  return (
    <div>
      <h3 id={id}>{title}</h3>
      {pareto.count === 0 ? (
        <EmptyState title="Aucune commande sur la période." />
      ) : (
        <>
          <p>
            {pareto.count} au total pour {formatPrice(pareto.total)} HT ; les 20 % premiers font{" "}
            {pct(pareto.top20_share)} du chiffre d'affaires ; indice de concentration (HHI) {figure(pareto.hhi, 0)} sur
            10 000.
          </p>
          <DataTable
            caption={`${title} : chiffre d'affaires, part, cumul et classe ABC`}
            headers={[
              "Nom",
              { label: "Montant HT", className: "num" },
              { label: "Part", className: "num" },
              { label: "Cumul", className: "num" },
              "Classe",
            ]}
          >
            {rows.map((r) => (
              <tr key={r.key}>
                <th scope="row">{r.label}</th>
                <td className="num">{formatPrice(r.amount)}</td>
                <td className="num">{pct(r.share)}</td>
                <td className="num">{pct(r.cumulative)}</td>
                <td>
                  <span className={`abc abc-${r.class}`}>{r.class}</span>
                </td>
              </tr>
            ))}
          </DataTable>
          {pareto.rows.length > SHOWN && (
            <button type="button" aria-expanded={all} onClick={() => setAll(!all)}>
              {all ? `N'afficher que les ${SHOWN} premiers` : `Afficher les ${pareto.rows.length}`}
            </button>
          )}
        </>
      )}
    </div>
  );
}

export function ParetoCard({ pareto }: { pareto: Figures["pareto"] }) {
  return (
    <section className="card" aria-labelledby="analysis-pareto">
      <h2 id="analysis-pareto">Pareto et classes ABC</h2>
      <p className="muted">
        Classe A : les premiers 80 % du chiffre d'affaires cumulé ; B : jusqu'à 95 % ; C : le reste.
      </p>
      <ParetoTable id="pareto-customers" title="Clients" pareto={pareto.customers} />
      <ParetoTable id="pareto-families" title="Familles de produits" pareto={pareto.families} />
    </section>
  );
}
