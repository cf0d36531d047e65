// Search the trainee's prospects (GET /prospects?q=) and pick one: to visit, or as the base.
import { useEffect, useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { tourQueries } from "../../api/queries/tours";
import type { ProspectOut } from "../../api/types";
import { Busy, EmptyState, ErrorBanner, Field } from "../../components/ui";
import { PROSPECT_STATUSES, positionLabel } from "../../labels/tours";

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
  const results = useQuery({
    ...tourQueries.prospectSearch(term),
    enabled: term.length >= 2,
  });
  return (
    <div>
      <Field label={props.label} hint={props.hint ?? "Nom, ville ou SIRET (au moins 2 caractères)."}>
        {(p) => <input {...p} type="search" maxLength={100} value={q} onChange={(e) => setQ(e.target.value)} />}
      </Field>
      <ErrorBanner error={results.error} />
      {term.length >= 2 && results.isFetching && <Busy label="Recherche…" />}
      {term.length >= 2 && results.data && results.data.items.length === 0 && (
        <EmptyState title={`Aucun prospect ne correspond à « ${term} ».`}>
          Essayez un autre nom ou une ville.
        </EmptyState>
      )}
      {term.length >= 2 && results.data && results.data.items.length > 0 && (
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
            {results.data.items.map((prospect) => {
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
                      // Once picked, the same button stays (aria-disabled, still focusable):
                      // the keyboard focus stays on this row instead of falling to the page.
                      <button
                        type="button"
                        aria-disabled={picked || undefined}
                        onClick={() => {
                          if (!picked) props.onPick(prospect);
                        }}
                      >
                        {picked ? "Déjà choisi" : props.actionLabel}
                      </button>
                    ) : (
                      <span className="muted">Sans coordonnées</span>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {term.length >= 2 && results.data && results.data.total > results.data.items.length && (
        <p className="muted">
          {results.data.total} prospects correspondent : précisez la recherche pour voir les autres.
        </p>
      )}
    </div>
  );
}
