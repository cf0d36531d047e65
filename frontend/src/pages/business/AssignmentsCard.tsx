// Who works under a case: the cohorts and trainees it is assigned to, removing one, and a
// new assignment. A cohort or a trainee holds one case: when they already have another, the
// server says which, and « Remplacer » gives them this one instead.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, unwrap } from "../../api/client";
import { businessCaseQueries, businessCasesChanged } from "../../api/queries/businessCases";
import type { AssignmentOut, BusinessCaseOut } from "../../api/types";
import { ConfirmButton } from "../../components/ConfirmButton";
import { DataTable } from "../../components/DataTable";
import { QueryState } from "../../components/QueryState";
import { EmptyState, ErrorBanner, Notice, formatDate } from "../../components/ui";
import { AssignForm } from "./AssignForm";

export function AssignmentsCard({ businessCase: c }: { businessCase: BusinessCaseOut }) {
  const assignments = useQuery({ ...businessCaseQueries.assignments(c.id) });
  return (
    <section className="card" aria-labelledby="case-assignments">
      <h2 id="case-assignments">Attributions</h2>
      <QueryState
        query={assignments}
        isEmpty={(a) => a.length === 0}
        empty={
          <EmptyState title="Ce cas n'est attribué à personne.">
            Attribuez-le à une promotion que vous animez ou à un stagiaire que vous suivez.
          </EmptyState>
        }
      >
        {(items) => (
          <DataTable
            caption="Attributions du cas"
            headers={["Attribué à", "Depuis le", { label: "Actions", srOnly: true }]}
          >
            {items.map((a) => (
              <AssignmentRow key={a.id} caseId={c.id} assignment={a} />
            ))}
          </DataTable>
        )}
      </QueryState>
      {c.status === "published" ? (
        <AssignForm caseId={c.id} />
      ) : (
        <Notice>
          {c.status === "draft"
            ? "Publiez le cas pour pouvoir l'attribuer."
            : "Un cas archivé ne s'attribue plus : restaurez-le d'abord."}
        </Notice>
      )}
    </section>
  );
}

export function assigneeOf(a: AssignmentOut): string {
  if (a.cohort_id !== null) return `Promotion « ${a.cohort_name ?? a.cohort_id} »`;
  return `Stagiaire ${a.trainee_name ?? a.trainee_id}`;
}

function AssignmentRow({ caseId, assignment: a }: { caseId: number; assignment: AssignmentOut }) {
  const queryClient = useQueryClient();
  const who = assigneeOf(a);
  const remove = useMutation({
    mutationFn: () =>
      unwrap(
        api.DELETE("/api/v1/business-cases/{case_id}/assignments/{assignment_id}", {
          params: { path: { case_id: caseId, assignment_id: a.id } },
        }),
      ),
    onSuccess: () => businessCasesChanged.any(queryClient),
  });
  return (
    <tr>
      <th scope="row">{who}</th>
      <td>{formatDate(a.assigned_at)}</td>
      <td className="row-actions">
        <ConfirmButton
          label="Retirer"
          confirmLabel="Oui, retirer"
          pending={remove.isPending}
          onConfirm={() => remove.mutate()}
          question={`Retirer l'attribution (${who}) ? Leurs plans existants gardent la version sous laquelle ils ont été faits.`}
        />
        <ErrorBanner error={remove.error} />
      </td>
    </tr>
  );
}
