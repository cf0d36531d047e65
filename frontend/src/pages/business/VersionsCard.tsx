// The published versions of a case, newest first, each downloadable as the JSON it froze.
import { useMutation, useQuery } from "@tanstack/react-query";
import { downloadFile } from "../../api/download";
import { businessCaseQueries } from "../../api/queries/businessCases";
import { DataTable } from "../../components/DataTable";
import { QueryState } from "../../components/QueryState";
import { EmptyState, ErrorBanner, formatDate } from "../../components/ui";

export function VersionsCard({ caseId }: { caseId: number }) {
  const versions = useQuery({ ...businessCaseQueries.versions(caseId) });
  const download = useMutation({
    mutationFn: (n: number) =>
      downloadFile(`/api/v1/business-cases/${caseId}/export?version=${n}`, `cas-${caseId}-v${n}.json`),
  });
  return (
    <section className="card" aria-labelledby="case-versions">
      <h2 id="case-versions">Versions publiées</h2>
      <ErrorBanner error={download.error} />
      <QueryState
        query={versions}
        isEmpty={(v) => v.length === 0}
        empty={
          <EmptyState title="Aucune version publiée.">
            « Publier » fige le brouillon en version 1 : le cas peut alors être attribué.
          </EmptyState>
        }
      >
        {(items) => (
          <DataTable
            caption="Versions publiées du cas"
            headers={["Version", "Publiée le", { label: "Export", srOnly: true }]}
          >
            {[...items]
              .sort((a, b) => b.number - a.number)
              .map((v) => (
                <tr key={v.id}>
                  <th scope="row">Version {v.number}</th>
                  <td>{formatDate(v.published_at, true)}</td>
                  <td>
                    <button type="button" onClick={() => download.mutate(v.number)} disabled={download.isPending}>
                      Télécharger la version {v.number} (JSON)
                    </button>
                  </td>
                </tr>
              ))}
          </DataTable>
        )}
      </QueryState>
    </section>
  );
}
