// Every assessment of a trainee, newest first (the journal is append-only: earlier
// assessments of a criterion stay visible here), filtered by criterion.
import type { Portfolio } from "../../api/types";
import { competenceQueries } from "../../api/queries/competences";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { EmptyState, formatDate } from "../../components/ui";
import { FilterSelect } from "../../components/FilterSelect";
import { useFilters } from "../../components/useFilters";
import { DataTable } from "../../components/DataTable";
import { QueryState } from "../../components/QueryState";
import { StatusTag } from "./PortfolioParts";
import { CriterionOptions } from "./CriterionOptions";

const LIMIT = 20;

export function AssessmentHistory({ traineeId, portfolio }: { traineeId: number; portfolio: Portfolio }) {
  const {
    filters: { criterion },
    filter,
    offset,
    setOffset,
  } = useFilters({ criterion: "" });
  const query = { criterion_code: criterion || undefined, limit: LIMIT, offset };
  const history = useQuery({
    ...competenceQueries.assessments(traineeId, query),
    placeholderData: keepPreviousData,
  });
  return (
    <section className="card" aria-labelledby="assessment-history">
      <h2 id="assessment-history">Historique des évaluations</h2>
      <div className="filters">
        <FilterSelect
          label="Critère"
          all="Tous les critères"
          value={criterion}
          onChange={(v) => filter("criterion", v)}
        >
          <CriterionOptions portfolio={portfolio} />
        </FilterSelect>
      </div>
      <QueryState
        query={history}
        empty={
          <EmptyState title={criterion ? `Aucune évaluation de ${criterion}.` : "Aucune évaluation pour l'instant."}>
            Évaluez un critère avec le bouton « Évaluer » de sa compétence, plus haut.
          </EmptyState>
        }
      >
        {(data) => (
          <DataTable
            caption="Évaluations du stagiaire, de la plus récente à la plus ancienne"
            headers={["Date", "Critère", "Niveau", "Commentaire", "Évaluateur"]}
            className="table compact"
            wrapperClassName={null}
            pager={{ offset, limit: LIMIT, total: data.total, onOffset: setOffset }}
          >
            {data.items.map((a) => (
              <tr key={a.id}>
                <td>{formatDate(a.created_at, true)}</td>
                <th scope="row">{a.criterion_code}</th>
                <td>
                  <StatusTag level={a.level} />
                </td>
                <td className="trainer-pre">{a.comment || "—"}</td>
                <td>{a.assessor_name}</td>
              </tr>
            ))}
          </DataTable>
        )}
      </QueryState>
    </section>
  );
}
