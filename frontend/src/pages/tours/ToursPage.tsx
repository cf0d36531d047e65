// Saved tours: days, visits, km, CO2 and the saving against the trainee's own order.
import { useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { Link, useLocation } from "react-router-dom";
import { tourQueries } from "../../api/queries/tours";
import { QueryState } from "../../components/QueryState";
import { EmptyState, Notice, PageFrame, Pager } from "../../components/ui";
import { DataTable } from "../../components/DataTable";
import { fmtCo2, fmtKm, isSaving, longDate, savingSentence, summarySavings } from "./format";
import { MODES } from "../../labels/tours";
import "./tours.css";

const LIMIT = 20;

export function ToursPage() {
  const location = useLocation();
  const deleted = (location.state as { deleted?: string } | null)?.deleted;
  const [offset, setOffset] = useState(0);
  const tours = useQuery({
    ...tourQueries.list(LIMIT, offset),
  });
  return (
    <PageFrame
      title="Tournées"
      operations={["list_tours"]}
      actions={
        <Link to="/tournees/nouvelle" className="tour-link-button">
          Planifier une tournée
        </Link>
      }
    >
      {deleted && <Notice>La tournée « {deleted} » a été supprimée.</Notice>}
      <QueryState
        query={tours}
        empty={
          <EmptyState title="Aucune tournée enregistrée.">
            <Link to="/tournees/nouvelle">Planifiez votre première tournée</Link> : choisissez vos journées et les
            prospects à visiter, CapVente propose l'ordre qui roule le moins et chiffre l'économie de CO₂.
          </EmptyState>
        }
      >
        {(data) => (
          <DataTable
            caption="Tournées enregistrées"
            headers={[
              "Tournée",
              "Premier jour",
              { label: "Jours", className: "num" },
              { label: "Visites", className: "num" },
              "Mode",
              { label: "Distance", className: "num" },
              { label: "CO₂", className: "num" },
              "Économie",
            ]}
          >
            {data.items.map((tour) => {
              const savings = summarySavings(tour);
              return (
                <tr key={tour.id}>
                  <th scope="row">
                    <Link to={`/tournees/${tour.id}`}>{tour.name}</Link>
                  </th>
                  <td>{longDate(tour.first_day)}</td>
                  <td className="num">{tour.days_count}</td>
                  <td className="num">
                    {tour.visits_planned}
                    {tour.visits_unassigned > 0 && (
                      <>
                        <br />
                        <small className="muted">+ {tour.visits_unassigned} non planifiée(s)</small>
                      </>
                    )}
                  </td>
                  <td>{MODES[tour.mode]}</td>
                  <td className="num">{fmtKm(Number(tour.total_km))}</td>
                  <td className="num">{fmtCo2(Number(tour.co2_total_kg))}</td>
                  <td className={isSaving(savings) ? "status-ok" : undefined}>{savingSentence(savings)}</td>
                </tr>
              );
            })}
          </DataTable>
        )}
      </QueryState>
      {/* Outside QueryState: a page emptied meanwhile still offers the way back. */}
      {tours.data && <Pager offset={offset} limit={LIMIT} total={tours.data.total} onOffset={setOffset} />}
    </PageFrame>
  );
}
