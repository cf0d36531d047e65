// "Compléter la journée": the prospects worth adding to a day, each with its real detour
// (km, driving, CO2, return time) — from a saved tour (GET /tours/{id}/suggestions) or from
// the plan being prepared (POST /tours/plan/suggestions, nothing saved).
import { useState } from "react";
import { useQuery, type QueryKey, type UseQueryOptions } from "@tanstack/react-query";
import type { SuggestionOut as Suggestion } from "../../api/types";
import { QueryState } from "../../components/QueryState";
import { EmptyState, DisclosureButton } from "../../components/ui";
import { clock, fmtCo2, fmtDuration, fmtKm } from "./format";
import { PickButton } from "./PickButton";

function potential(value: string | null): string {
  if (value == null) return "—";
  return new Intl.NumberFormat("fr-FR", { style: "currency", currency: "EUR", maximumFractionDigits: 0 }).format(
    Number(value),
  );
}

export function DaySuggestions<K extends QueryKey>(props: {
  dayIndex: number;
  /** Identifies what is suggested for (the tour, or the request being planned). */
  /** The day's suggestions (tourQueries.suggestions or planSuggestions). */
  query: (dayIndex: number) => UseQueryOptions<Suggestion[], Error, Suggestion[], K>;
  actionLabel: string;
  onAction: (suggestion: Suggestion) => void;
  isTaken?: (prospectId: number) => boolean;
}) {
  const [open, setOpen] = useState(false);
  const suggestions = useQuery({ ...props.query(props.dayIndex), enabled: open });
  const headingId = `tour-suggestions-${props.dayIndex}`;
  return (
    <div role="group" aria-labelledby={headingId} style={{ marginTop: "1rem" }}>
      <h3 id={headingId} style={{ fontSize: "1rem" }}>
        Compléter la journée
      </h3>
      <DisclosureButton open={open} onToggle={() => setOpen(!open)} closeLabel="Masquer les suggestions">
        Voir les prospects à ajouter
      </DisclosureButton>
      {open && (
        <>
          <p className="muted">
            Vos prospects ouverts les plus proches, chacun inséré là où il coûte le moins (horaires, pause et conduite
            respectés), classés par priorité, potentiel puis détour.
          </p>
          <QueryState
            query={suggestions}
            isEmpty={(items) => items.length === 0}
            busyLabel="Calcul des détours…"
            empty={
              <EmptyState title="Aucun prospect ne tient dans cette journée.">
                Essayez un autre jour, ou élargissez les horaires de la journée.
              </EmptyState>
            }
          >
            {(items) => (
              <div className="scroll-x">
                <table className="table compact">
                  <caption className="sr-only">Prospects à ajouter au jour {props.dayIndex + 1} et leur détour</caption>
                  <thead>
                    <tr>
                      <th scope="col">Prospect</th>
                      <th scope="col">Priorité</th>
                      <th scope="col" className="num">
                        Potentiel
                      </th>
                      <th scope="col">Après</th>
                      <th scope="col" className="num">
                        Détour
                      </th>
                      <th scope="col" className="num">
                        CO₂ en plus
                      </th>
                      <th scope="col">Retour</th>
                      <th scope="col">Action</th>
                    </tr>
                  </thead>
                  <tbody>
                    {/* Those already taken stay listed, marked (the row, and the keyboard focus on
                      its button, do not vanish after "Ajouter"). */}
                    {items.map((s) => {
                      const taken = props.isTaken?.(s.prospect_id) ?? false;
                      return (
                        <tr key={s.prospect_id}>
                          <th scope="row">{s.name}</th>
                          <td>{s.priority}</td>
                          <td className="num">{potential(s.potential)}</td>
                          <td>{s.after}</td>
                          <td className="num">
                            +{fmtKm(s.extra_km)}
                            <br />
                            <small className="muted">+{fmtDuration(s.extra_minutes)}</small>
                          </td>
                          <td className="num">+{fmtCo2(s.extra_co2_kg)}</td>
                          <td>{clock(s.day_end)}</td>
                          <td>
                            <PickButton
                              unavailable={taken}
                              onPick={() => props.onAction(s)}
                              label={taken ? "Ajouté" : props.actionLabel}
                            />
                          </td>
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
              </div>
            )}
          </QueryState>
        </>
      )}
    </div>
  );
}
