// `/plans/actions/:id` (the agenda's link to a planned action): the action's plan, opened on
// the action (`/plans/{plan}#action-{id}`).
import { useQuery } from "@tanstack/react-query";
import { Navigate, useParams } from "react-router-dom";
import { planQueries } from "../../api/queries/plans";
import { QueryState } from "../../components/QueryState";
import { PageFrame } from "../../components/ui";

export function PlanActionRedirect() {
  const id = Number(useParams().id);
  const action = useQuery({ ...planQueries.action(id) });
  if (action.data) return <Navigate to={`/plans/${action.data.plan_id}#action-${action.data.id}`} replace />;
  return (
    <PageFrame title="Action planifiée" operations={[]}>
      <QueryState query={action} busyLabel="Ouverture de l'action…">
        {() => null}
      </QueryState>
    </PageFrame>
  );
}
