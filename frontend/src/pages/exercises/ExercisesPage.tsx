// The organisation's exercises (trainers, admins): status, the runs by status, the simulated
// length and clock; « Nouvel exercice » starts from a template, a JSON document or blank.
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { Link } from "react-router-dom";
import { exerciseQueries } from "../../api/queries/exercises";
import type { ExerciseStatus } from "../../api/types";
import { DataTable } from "../../components/DataTable";
import { FilterSelect } from "../../components/FilterSelect";
import { QueryState } from "../../components/QueryState";
import { EmptyState, PageFrame, formatDate } from "../../components/ui";
import { useFilters } from "../../components/useFilters";
import { EXERCISE_STATUSES, EXERCISE_STATUS_CLASS } from "../../labels/exercises";
import { runCounts } from "./format";
import "./exercises.css";

const LIMIT = 20;

export function ExercisesPage() {
  const { filters, filter, offset, setOffset } = useFilters({ status: "" as ExerciseStatus | "" });
  const exercises = useQuery({
    ...exerciseQueries.list({ status: filters.status || undefined, limit: LIMIT, offset }),
    placeholderData: keepPreviousData,
  });
  return (
    <PageFrame
      title="Exercices"
      operations={["list_exercises"]}
      actions={
        <Link className="action-link" to="/exercices/nouveau">
          Nouvel exercice
        </Link>
      }
    >
      <p className="muted">
        Des exercices sur un marché simulé : chaque stagiaire assigné a son parcours, son horloge et son propre marché
        de prospects qui répondent à ses appels et à ses e-mails. Préparez un brouillon, assignez-le, publiez-le, puis
        suivez les parcours et les résultats.
      </p>
      <form className="filters" role="search" aria-label="Filtrer les exercices" onSubmit={(e) => e.preventDefault()}>
        <FilterSelect
          label="Statut"
          all="Tous"
          value={filters.status}
          labels={EXERCISE_STATUSES}
          onChange={(v) => filter("status", v)}
        />
      </form>
      <QueryState
        query={exercises}
        busyLabel="Chargement des exercices…"
        empty={
          <EmptyState title={filters.status ? "Aucun exercice de ce statut." : "Aucun exercice."}>
            {filters.status ? (
              "Choisissez un autre statut."
            ) : (
              <>
                Créez-en un avec <Link to="/exercices/nouveau">« Nouvel exercice »</Link> : depuis un modèle prêt à
                l'emploi, un document JSON ou une page blanche.
              </>
            )}
          </EmptyState>
        }
      >
        {(data) => (
          <DataTable
            caption="Exercices de l'organisme"
            className="table wide-table"
            region="Liste des exercices"
            headers={[
              "Exercice",
              "Statut",
              "Parcours",
              { label: "Durée (jours)", className: "num" },
              "Horloge",
              "Mis à jour",
            ]}
            pager={{ offset, limit: LIMIT, total: data.total, onOffset: setOffset }}
          >
            {data.items.map((e) => (
              <tr key={e.id}>
                <th scope="row">
                  <Link to={`/exercices/${e.id}`}>{e.title}</Link>
                </th>
                <td>
                  <span className={`status ${EXERCISE_STATUS_CLASS[e.status]}`}>{EXERCISE_STATUSES[e.status]}</span>
                </td>
                <td>{runCounts(e.runs ?? {})}</td>
                <td className="num">{e.days}</td>
                <td>{e.clock_mode === "on_request" ? "À la demande" : "Jours réels"}</td>
                <td>{formatDate(e.updated_at)}</td>
              </tr>
            ))}
          </DataTable>
        )}
      </QueryState>
    </PageFrame>
  );
}
