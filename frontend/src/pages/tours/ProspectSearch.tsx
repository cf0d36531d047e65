// Search the trainee's prospects (GET /prospects?q=) and pick one: to visit, or as the base.
import { useEffect, useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { tourQueries } from "../../api/queries/tours";
import type { ProspectOut } from "../../api/types";
import { QueryState } from "../../components/QueryState";
import { EmptyState, Field } from "../../components/ui";
import { PROSPECT_STATUSES, positionLabel } from "../../labels/tours";
import { PickButton } from "./PickButton";

export function ProspectSearch(props: {
  label: string;
  actionLabel: string;
  onPick: (prospect: ProspectOut) => void;
  isPicked?: (prospect: ProspectOut) => boolean;
  hint?: string;
}) {
  const [q, setQ] = useState("");
  const [term, setTerm] = useState("");
  useEffect(() => {
    const timer = window.setTimeout(() => setTerm(q.trim()), 300);
    return () => window.clearTimeout(timer);
  }, [q]);
  const searching = term.length >= 2;
  const results = useQuery({
    ...tourQueries.prospectSearch(term),
    enabled: searching,
  });
  return (
    <div>
      <Field label={props.label} hint={props.hint ?? "Nom, ville ou SIRET (au moins 2 caractères)."}>
        {(p) => <input {...p} type="search" maxLength={100} value={q} onChange={(e) => setQ(e.target.value)} />}
      </Field>
      {/* Busy whenever a search is on its way (a cached term's refetch too); nothing to show
          before the term is long enough. */}
      <QueryState
        query={{
          data: searching ? results.data : undefined,
          error: results.error,
          isPending: searching && results.isFetching,
        }}
        busyLabel="Recherche…"
        empty={
          <EmptyState title={`Aucun prospect ne correspond à « ${term} ».`}>
            Essayez un autre nom ou une ville.
          </EmptyState>
        }
      >
        {(data) => (
          <>
            <table className="table compact">
              <caption className="sr-only">Prospects trouvés pour « {term} »</caption>
              <thead>
                <tr>
                  <th scope="col">Prospect</th>
                  <th scope="col">Ville</th>
                  <th scope="col">Statut</th>
                  <th scope="col">Priorité</th>
                  <th scope="col">Action</th>
                </tr>
              </thead>
              <tbody>
                {data.items.map((prospect) => {
                  const located = prospect.latitude != null && prospect.longitude != null;
                  const picked = props.isPicked?.(prospect) ?? false;
                  return (
                    <tr key={prospect.id}>
                      <th scope="row">{prospect.name}</th>
                      <td>
                        {[prospect.postcode, prospect.city].filter(Boolean).join(" ") || "—"}
                        {located && <div className="muted">Position : {positionLabel(prospect)}</div>}
                      </td>
                      <td>{PROSPECT_STATUSES[prospect.status] ?? prospect.status}</td>
                      <td>{prospect.priority ?? "—"}</td>
                      <td>
                        {located ? (
                          <PickButton
                            unavailable={picked}
                            onPick={() => props.onPick(prospect)}
                            label={picked ? "Déjà choisi" : props.actionLabel}
                          />
                        ) : (
                          <span className="muted">Sans coordonnées</span>
                        )}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
            {data.total > data.items.length && (
              <p className="muted">
                {data.total} prospects correspondent : précisez la recherche pour voir les autres.
              </p>
            )}
          </>
        )}
      </QueryState>
    </div>
  );
}
