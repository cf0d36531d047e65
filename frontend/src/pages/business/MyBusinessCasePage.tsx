// « Mon entreprise » (trainee): the business case they sell for, as published in the version
// their new records carry — identity, market, policy, procedures, catalogue — read-only. No
// case assigned yet: the server's message says so, and what to do.
import { useQuery } from "@tanstack/react-query";
import { businessCaseQueries } from "../../api/queries/businessCases";
import { ApiError } from "../../api/problem";
import { QueryState } from "../../components/QueryState";
import { EmptyState, PageFrame } from "../../components/ui";
import { CaseDocumentView } from "./CaseDocumentView";

export function MyBusinessCasePage() {
  const active = useQuery({ ...businessCaseQueries.active() });
  const none = active.error instanceof ApiError && active.error.status === 404 ? active.error : null;
  return (
    <PageFrame title="Mon entreprise" operations={["read_active_case"]}>
      {none ? (
        <EmptyState title="Aucun cas d'entreprise ne vous est attribué.">
          <p>{none.problem.detail ?? none.problem.title}</p>
          <p>Votre formateur vous attribue l'entreprise pour laquelle vous vendez ; elle apparaîtra ici.</p>
        </EmptyState>
      ) : (
        <QueryState query={active} busyLabel="Chargement de votre entreprise…">
          {(c) => (
            <>
              <p className="lead">
                <strong>{c.name}</strong> — version {c.version_number}
                {c.assigned_through === "cohort" ? ", attribuée à votre promotion" : ", attribuée à vous"}. Vos nouveaux
                plans d'actions se réfèrent à cette version.
              </p>
              <CaseDocumentView document={c.document} />
            </>
          )}
        </QueryState>
      )}
    </PageFrame>
  );
}
