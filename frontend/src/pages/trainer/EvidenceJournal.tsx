// The trainee's activity as the evidence journal records it (every write on a declared
// route), filtered by competence or criterion and by kind of record; each entry opens the
// record it points to, read-only.
import type { Portfolio } from "../../api/types";
import { competenceQueries, traineeRecordQueries } from "../../api/queries/competences";
import { useState } from "react";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { EmptyState, formatDate } from "../../components/ui";
import { useFilters } from "../../components/useFilters";
import { FilterSelect } from "../../components/FilterSelect";
import { DataTable } from "../../components/DataTable";
import { QueryState } from "../../components/QueryState";
import { RESOURCE_TYPES, resourceLabel } from "../../labels/trainer";
import { canPreview, fetchRecord } from "./records";
import { CriterionOptions } from "./CriterionOptions";

const LIMIT = 20;

export function EvidenceJournal({
  traineeId,
  portfolio,
  previews = true,
}: {
  traineeId: number;
  portfolio: Portfolio;
  /** Whether each entry opens its record (a company tutor may not read the records). */
  previews?: boolean;
}) {
  const { filters, filter, offset, setOffset } = useFilters({ code: "", resource_type: "" });
  /** A filter changed: back to the first page. */
  const query = {
    code: filters.code || undefined,
    resource_type: filters.resource_type || undefined,
    limit: LIMIT,
    offset,
  };
  const journal = useQuery({
    ...competenceQueries.evidence(traineeId, query),
    placeholderData: keepPreviousData,
  });
  const filtered = Boolean(filters.code || filters.resource_type);
  return (
    <section className="card" aria-labelledby="trainee-activity">
      <h2 id="trainee-activity">Activité du stagiaire</h2>
      <p className="muted">
        Chaque action enregistrée renvoie à la fiche concernée (prospect, tournée, veille…) : ouvrez-la pour la
        consulter en lecture seule.
      </p>
      <form className="filters" role="search" aria-label="Filtrer l'activité" onSubmit={(e) => e.preventDefault()}>
        <FilterSelect
          label="Compétence ou critère"
          all="Toutes"
          value={filters.code}
          onChange={(v) => filter("code", v)}
        >
          <CriterionOptions portfolio={portfolio} wholeCompetence />
        </FilterSelect>
        <FilterSelect
          label="Type de fiche"
          all="Tous"
          value={filters.resource_type}
          onChange={(v) => filter("resource_type", v)}
          labels={RESOURCE_TYPES}
        />
      </form>
      <QueryState
        query={journal}
        empty={
          <EmptyState
            title={
              filtered ? "Aucune activité ne répond à ces critères." : "Aucune activité enregistrée pour ce stagiaire."
            }
          >
            {filtered
              ? "Élargissez les filtres."
              : "Ses actions (prospects, appels, veille, tournées…) apparaîtront ici dès qu'il les mènera dans CapVente."}
          </EmptyState>
        }
      >
        {(data) => (
          <DataTable
            caption="Journal des preuves du stagiaire, de la plus récente à la plus ancienne"
            headers={["Date", "Action", "Compétences", "Fiche"]}
            className="table compact"
            wrapperClassName={null}
            pager={{ offset, limit: LIMIT, total: data.total, onOffset: setOffset }}
          >
            {data.items.map((e) => (
              <tr key={e.id}>
                <td>{formatDate(e.created_at, true)}</td>
                <th scope="row">{e.label || e.action}</th>
                <td>{e.codes.join(", ")}</td>
                <td>
                  {resourceLabel(e.resource_type)}
                  {e.resource_id ? ` n° ${e.resource_id}` : ""}
                  {previews && canPreview(e.resource_type, e.resource_id) && (
                    <RecordPreview type={e.resource_type as string} id={e.resource_id as string} />
                  )}
                </td>
              </tr>
            ))}
          </DataTable>
        )}
      </QueryState>
    </section>
  );
}

export function RecordPreview({ type, id }: { type: string; id: string }) {
  const [open, setOpen] = useState(false);
  const record = useQuery({
    ...traineeRecordQueries.preview(type, id, fetchRecord),
    enabled: open,
  });
  const label = `${resourceLabel(type)} n° ${id}`;
  return (
    <div className="trainer-record">
      <button
        type="button"
        className="link"
        aria-expanded={open}
        onClick={() => setOpen(!open)}
        aria-label={`${open ? "Masquer" : "Voir"} la fiche ${label}`}
      >
        {open ? "Masquer la fiche" : "Voir la fiche"}
      </button>
      {open && (
        <div className="trainer-record-body">
          <QueryState query={record} busyLabel="Chargement de la fiche…">
            {(data) => (
              <>
                <p>
                  <strong>{data.title}</strong>
                </p>
                <dl>
                  {data.facts.map(([k, v]) => (
                    <div key={k}>
                      <dt>{k}</dt>
                      <dd>{v}</dd>
                    </div>
                  ))}
                </dl>
              </>
            )}
          </QueryState>
        </div>
      )}
    </div>
  );
}
