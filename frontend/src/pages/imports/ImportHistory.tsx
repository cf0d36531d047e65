// The trainee's past imports, with their status; open one in the wizard, cancel one not written.
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import type { ImportJobSummary as Summary, ImportStatus as Status } from "../../api/types";
import { EmptyState, ErrorBanner, formatDate } from "../../components/ui";
import { FilterSelect } from "../../components/FilterSelect";
import { useFilters } from "../../components/useFilters";
import { DataTable } from "../../components/DataTable";
import { QueryState } from "../../components/QueryState";
import { importQueries } from "../../api/queries/imports";
import { IMPORT_STATUSES, STATUS_CLASS } from "../../labels/imports";
import { CANCELLABLE, RUNNING } from "./report";
import { useCancelImport } from "./useCancelImport";

const LIMIT = 10;

export function ImportHistory({ openId, onOpen }: { openId: number | null; onOpen: (id: number) => void }) {
  const {
    filters: { status },
    filter,
    offset,
    setOffset,
  } = useFilters<{ status: Status | "" }>({ status: "" });
  const query = { status: status || undefined, limit: LIMIT, offset };
  const imports = useQuery({
    ...importQueries.history(query),
    placeholderData: keepPreviousData,
    refetchInterval: (q) => (q.state.data?.items.some((j) => RUNNING.has(j.status)) ? 2000 : false),
  });
  return (
    <section className="card" aria-labelledby="imports-history">
      <h2 id="imports-history">Imports précédents</h2>
      <form className="filters" onSubmit={(e) => e.preventDefault()} aria-label="Filtrer les imports">
        <FilterSelect
          label="Statut"
          all="Tous"
          value={status}
          onChange={(v) => filter("status", v)}
          labels={IMPORT_STATUSES}
        />
      </form>
      <QueryState
        query={imports}
        empty={
          <EmptyState title={status ? "Aucun import avec ce statut." : "Aucun import pour l'instant."}>
            {status
              ? "Choisissez « Tous » pour voir tous vos imports."
              : "Envoyez un fichier CSV ou XLSX ci-dessus pour commencer."}
          </EmptyState>
        }
      >
        {(data) => (
          <DataTable
            caption="Imports précédents"
            headers={[
              "Fichier",
              "Envoyé le",
              "Statut",
              "Lignes",
              "Valides",
              "En erreur",
              "Doublons",
              "Créées",
              "Complétées",
              "Actions",
            ]}
            className="table imports-history"
            region="Liste des imports"
            pager={{ offset, limit: LIMIT, total: data.total, onOffset: setOffset }}
          >
            {data.items.map((job) => (
              <HistoryRow key={job.id} job={job} open={job.id === openId} onOpen={onOpen} />
            ))}
          </DataTable>
        )}
      </QueryState>
    </section>
  );
}

function HistoryRow({ job, open, onOpen }: { job: Summary; open: boolean; onOpen: (id: number) => void }) {
  const cancel = useCancelImport(job.id);
  return (
    <tr aria-current={open ? "true" : undefined}>
      <th scope="row">
        {job.filename}
        <br />
        <small className="muted">n° {job.id}</small>
      </th>
      <td>{formatDate(job.created_at, true)}</td>
      <td className="status-cell">
        <span className={`status ${STATUS_CLASS[job.status]}`}>{IMPORT_STATUSES[job.status]}</span>
        {job.error && (
          <>
            <br />
            <small className="field-error">{job.error}</small>
          </>
        )}
      </td>
      <td>{job.total_rows}</td>
      <td>{job.valid_rows}</td>
      <td>{job.error_rows}</td>
      <td>{job.duplicate_rows}</td>
      <td>{job.created_count}</td>
      <td>{job.updated_count}</td>
      <td className="row-actions">
        <button
          type="button"
          onClick={() => onOpen(job.id)}
          disabled={open}
          aria-label={`${open ? "Ouvert" : "Ouvrir"} : import n° ${job.id} (${job.filename})`}
        >
          {open ? "Ouvert" : "Ouvrir"}
        </button>
        {CANCELLABLE.has(job.status) && (
          <button
            type="button"
            onClick={() => cancel.mutate()}
            disabled={cancel.isPending}
            aria-label={`Annuler : import n° ${job.id} (${job.filename})`}
          >
            Annuler
          </button>
        )}
        <ErrorBanner error={cancel.error} />
      </td>
    </tr>
  );
}
