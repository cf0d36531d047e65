// A trainee's exercises (GET /exercise-runs): each run's exercise, status and simulated clock;
// the run's page holds the instructions, the start, the clock and the market.
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { Link } from "react-router-dom";
import { exerciseQueries } from "../../api/queries/exercises";
import type { RunStatus } from "../../api/types";
import { DataTable } from "../../components/DataTable";
import { FilterSelect } from "../../components/FilterSelect";
import { QueryState } from "../../components/QueryState";
import { EmptyState, PageFrame, formatDate } from "../../components/ui";
import { useFilters } from "../../components/useFilters";
import { RUN_STATUSES, RUN_STATUS_CLASS } from "../../labels/exercises";
import { daysLeft, longDay } from "./format";
import "./exercises.css";

const LIMIT = 20;

export function MyExercisesPage() {
  const { filters, filter, offset, setOffset } = useFilters({ status: "" as RunStatus | "" });
  const runs = useQuery({
    ...exerciseQueries.myRuns({ status: filters.status || undefined, limit: LIMIT, offset }),
    placeholderData: keepPreviousData,
  });
  return (
    <PageFrame title="Mes exercices" operations={["list_exercise_runs"]}>
      <p className="muted">
        Les exercices que votre formateur vous a donnés : un marché simulé de prospects et de clients qui répondent à
        vos appels et à vos e-mails, une horloge simulée que vous avancez jour après jour, des objectifs. Un seul
        exercice est en cours à la fois.
      </p>
      <form className="filters" role="search" aria-label="Filtrer mes exercices" onSubmit={(e) => e.preventDefault()}>
        <FilterSelect
          label="Statut"
          all="Tous"
          value={filters.status}
          labels={RUN_STATUSES}
          onChange={(v) => filter("status", v)}
        />
      </form>
      <QueryState
        query={runs}
        busyLabel="Chargement de vos exercices…"
        empty={
          <EmptyState title={filters.status ? "Aucun exercice de ce statut." : "Aucun exercice pour l'instant."}>
            {filters.status
              ? "Choisissez un autre statut."
              : "Votre formateur vous en assignera un : il apparaîtra ici une fois publié."}
          </EmptyState>
        }
      >
        {(data) => (
          <DataTable
            caption="Mes exercices"
            region="Mes exercices"
            headers={["Exercice", "Statut", "Jour simulé", "Jours restants", "Rendu le"]}
            pager={{ offset, limit: LIMIT, total: data.total, onOffset: setOffset }}
          >
            {data.items.map((r) => (
              <tr key={r.id}>
                <th scope="row">
                  <Link to={`/mes-exercices/${r.id}`}>{r.exercise_title || `Exercice n° ${r.exercise_id}`}</Link>
                </th>
                <td>
                  <span className={`status ${RUN_STATUS_CLASS[r.status]}`}>{RUN_STATUSES[r.status]}</span>
                </td>
                <td>{r.today ? longDay(r.today) : "pas encore démarré"}</td>
                <td>{r.status === "running" ? daysLeft(r.days_left) : "—"}</td>
                <td>{formatDate(r.submitted_at)}</td>
              </tr>
            ))}
          </DataTable>
        )}
      </QueryState>
    </PageFrame>
  );
}
