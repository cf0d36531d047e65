// The commercial action plan builder (CP2): the plan at a glance, its objectives and their
// decomposition, its actions, the progress of each objective and the coherence findings,
// then the workflow (submit, revise; the trainer validates or returns). A plan not the
// signed-in user's (the trainer) or not editable now (submitted, validated) is read-only.
// Every write reads the plan, its progress and its findings again.
import { useQuery } from "@tanstack/react-query";
import { Link, useParams } from "react-router-dom";
import { businessCaseQueries } from "../../api/queries/businessCases";
import { planQueries } from "../../api/queries/plans";
import type { PlanDetail } from "../../api/types";
import { isStaff, useAuth } from "../../auth/AuthContext";
import { QueryState } from "../../components/QueryState";
import { ReadOnlyScope, useIsMine } from "../../components/ReadOnly";
import { ErrorBanner, PageFrame } from "../../components/ui";
import { InPageNav } from "../trainer/InPageNav";
import { ActionsCard } from "./ActionsCard";
import { DecompositionCard } from "./DecompositionCard";
import { FindingsCard } from "./FindingsCard";
import { ObjectivesCard } from "./ObjectivesCard";
import { PlanHeader } from "./PlanHeader";
import { ProgressCard } from "./ProgressCard";
import type { PlanView } from "./usePlanWrite";
import { WorkflowCard } from "./WorkflowCard";
import "./plans.css";

const PARTS = [
  { target: "plan-objectives", label: "Objectifs" },
  { target: "plan-decomposition", label: "Décomposition" },
  { target: "plan-actions", label: "Actions" },
  { target: "plan-progress", label: "Avancement" },
  { target: "plan-findings", label: "Cohérence" },
  { target: "plan-decision", label: "Validation" },
];

const TRAINEE_OPERATIONS = [
  "read_plan",
  "update_plan",
  "delete_plan",
  "add_objective",
  "update_objective",
  "delete_objective",
  "add_action",
  "replace_action",
  "delete_action",
  "read_progress",
  "read_findings",
  "list_metrics",
  "submit_plan",
  "revise_plan",
] as const;

const STAFF_OPERATIONS = [
  "read_plan",
  "read_progress",
  "read_findings",
  "list_metrics",
  "validate_plan",
  "return_plan",
] as const;

export function PlanPage() {
  const id = Number(useParams().id);
  const { me } = useAuth();
  const plan = useQuery({ ...planQueries.detail(id) });
  return (
    <PageFrame
      title={plan.data ? `Plan « ${plan.data.title} »` : "Plan d'actions"}
      operations={isStaff(me) ? STAFF_OPERATIONS : TRAINEE_OPERATIONS}
    >
      <p>
        <Link to="/plans">{isStaff(me) ? "← Plans à valider" : "← Tous mes plans"}</Link>
      </p>
      <QueryState query={plan} busyLabel="Chargement du plan…">
        {(p) => (
          <ReadOnlyScope ownerId={p.owner_id}>
            <PlanBody plan={p} />
          </ReadOnlyScope>
        )}
      </QueryState>
    </PageFrame>
  );
}

function PlanBody({ plan }: { plan: PlanDetail }) {
  const mine = useIsMine(plan.owner_id);
  const caseId = plan.business_case_id ?? 0;
  const number = plan.business_case_version ?? 0;
  const version = useQuery({ ...businessCaseQueries.version(caseId, number), enabled: caseId > 0 && number > 0 });
  const metrics = useQuery({ ...planQueries.metrics() });
  const view: PlanView = {
    plan,
    doc: version.data?.document,
    metrics: new Map((metrics.data ?? []).map((m) => [m.code, m])),
    editable: mine && (plan.status === "draft" || plan.status === "returned"),
  };
  return (
    <>
      <InPageNav parts={PARTS} />
      <ErrorBanner error={version.error ?? metrics.error} />
      <PlanHeader view={view} mine={mine} />
      <ObjectivesCard view={view} />
      <DecompositionCard view={view} />
      <ActionsCard view={view} />
      <ProgressCard view={view} />
      <FindingsCard planId={plan.id} />
      <WorkflowCard view={view} mine={mine} />
    </>
  );
}
