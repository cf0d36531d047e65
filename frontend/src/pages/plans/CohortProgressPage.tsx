// A cohort's plans at a glance (trainers): each trainee, the plan covering today (the latest
// validated, else the latest) and the progress of each of its objectives.
import { useQuery } from "@tanstack/react-query";
import { Link, useSearchParams } from "react-router-dom";
import { planQueries } from "../../api/queries/plans";
import { userQueries } from "../../api/queries/users";
import { useAuth } from "../../auth/AuthContext";
import { DataTable } from "../../components/DataTable";
import { FilterSelect } from "../../components/FilterSelect";
import { QueryState } from "../../components/QueryState";
import { EmptyState, ErrorBanner, PageFrame } from "../../components/ui";
import { PERIOD_KINDS } from "../../labels/plans";
import { periodText } from "./periods";
import { ProgressBar } from "./ProgressBar";
import { StatusBadge } from "./StatusBadge";
import "./plans.css";

export function CohortProgressPage() {
  const { me } = useAuth();
  const [params, setParams] = useSearchParams();
  const cohorts = useQuery({ ...userQueries.cohorts() });
  const fallback = me?.led_cohorts[0]?.id ?? cohorts.data?.items[0]?.id;
  const cohortId = Number(params.get("cohorte") ?? fallback ?? 0);
  const progress = useQuery({ ...planQueries.cohortProgress(cohortId), enabled: cohortId > 0 });
  return (
    <PageFrame title="Progression des plans de la promotion" operations={["list_cohorts", "cohort_progress"]}>
      <p>
        <Link to="/plans">← Plans à valider</Link>
      </p>
      <form className="filters" aria-label="Choisir la promotion" onSubmit={(e) => e.preventDefault()}>
        <FilterSelect
          label="Promotion"
          all="Choisir…"
          value={cohortId ? String(cohortId) : ""}
          items={cohorts.data?.items ?? []}
          onChange={(v) => setParams(v ? { cohorte: v } : {})}
        />
      </form>
      <ErrorBanner error={cohorts.error} />
      {cohortId > 0 ? (
        <QueryState
          query={progress}
          isEmpty={(rows) => rows.length === 0}
          empty={<EmptyState title="Aucun stagiaire dans cette promotion." />}
          busyLabel="Calcul de la progression…"
        >
          {(rows) => (
            <DataTable caption="Plans et avancement par stagiaire" headers={["Stagiaire", "Plan", "Objectifs"]}>
              {rows.map((r) => (
                <tr key={r.trainee_id}>
                  <th scope="row">
                    <Link to={`/formation/stagiaires/${r.trainee_id}`}>{r.trainee_name}</Link>
                  </th>
                  <td>
                    {r.plan ? (
                      <>
                        <Link to={`/plans/${r.plan.id}`}>{r.plan.title}</Link> <StatusBadge status={r.plan.status} />
                        <br />
                        <small>{periodText(r.plan.period_kind, r.plan.starts_on, r.plan.ends_on, PERIOD_KINDS)}</small>
                      </>
                    ) : (
                      "Aucun plan en cours"
                    )}
                  </td>
                  <td>
                    {(r.objectives ?? []).filter((o) => o.parent_id === null).length === 0
                      ? "—"
                      : (r.objectives ?? [])
                          .filter((o) => o.parent_id === null)
                          .map((o) => (
                            <div key={o.objective_id} className="cohort-objective">
                              <span className="progress-name">{o.label}</span>
                              <ProgressBar progress={o} name={`« ${o.label} » de ${r.trainee_name}`} />
                            </div>
                          ))}
                  </td>
                </tr>
              ))}
            </DataTable>
          )}
        </QueryState>
      ) : (
        <EmptyState title="Choisissez une promotion." />
      )}
    </PageFrame>
  );
}
