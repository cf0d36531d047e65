// The organisation's cohorts (admin): creation, edition (dates, trainers), the trainees who
// follow each one, deletion of an empty cohort.
import type { CohortOut } from "../../api/types";
import { adminQueries, usersChanged } from "../../api/queries/users";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, unwrap } from "../../api/client";
import { EmptyState, ErrorBanner, Notice, PageFrame, formatDate } from "../../components/ui";
import { DataTable } from "../../components/DataTable";
import { QueryState } from "../../components/QueryState";
import { AdminNav } from "./AdminNav";
import { CohortForm } from "./CohortForm";
import { CohortTrainees } from "./CohortTrainees";
import { useAllCohorts } from "./UsersPage";
import { useEditing } from "./useEditing";
import "./admin.css";

export function CohortsPage() {
  const queryClient = useQueryClient();
  const { editing, setEditing, record: current, saved, setSaved, open, formKey } = useEditing<CohortOut>();
  const cohorts = useAllCohorts();
  const trainers = useQuery({
    ...adminQueries.activeTrainers(),
  });
  const remove = useMutation({
    mutationFn: (cohort: CohortOut) =>
      unwrap(api.DELETE("/api/v1/cohorts/{cohort_id}", { params: { path: { cohort_id: cohort.id } } })).then(
        () => cohort,
      ),
    onSuccess: (cohort) => {
      setSaved(`Cohorte supprimée : ${cohort.name}.`);
      setEditing(null);
      usersChanged.admin(queryClient);
    },
  });
  const trainerNames = new Map((trainers.data?.items ?? []).map((t) => [t.id, t.full_name]));

  function onSaved(cohort: CohortOut) {
    setSaved(editing === "new" ? `Cohorte créée : ${cohort.name}.` : `Cohorte enregistrée : ${cohort.name}.`);
    // Stay on the cohort just created or edited, to manage its trainees.
    setEditing(cohort);
    usersChanged.admin(queryClient);
  }

  return (
    <PageFrame
      title="Cohortes"
      operations={["list_cohorts", "create_cohort", "update_cohort", "delete_cohort", "update_user"]}
      actions={
        <button type="button" className="primary" onClick={() => open("new")}>
          Nouvelle cohorte
        </button>
      }
    >
      <AdminNav />
      {saved && <Notice>{saved}</Notice>}
      <ErrorBanner error={remove.error} />
      {editing !== null && (
        <CohortForm
          key={formKey}
          cohort={current}
          trainers={trainers.data?.items ?? []}
          onSaved={onSaved}
          onCancel={() => setEditing(null)}
        />
      )}
      {current && <CohortTrainees cohort={current} />}
      <QueryState
        query={cohorts}
        empty={
          <EmptyState title="Aucune cohorte pour l'instant.">
            Créez la première avec « Nouvelle cohorte », puis affectez-lui ses formateurs et ses stagiaires.
          </EmptyState>
        }
      >
        {(data) => (
          <DataTable
            caption="Cohortes de l'organisation"
            headers={["Nom", "Début", "Fin", "Formateurs", "Stagiaires", { label: "Actions", srOnly: true }]}
            wrapperClassName="admin-table-wrap"
          >
            {data.items.map((c) => (
              <tr key={c.id}>
                <td>{c.name}</td>
                <td>{formatDate(c.starts_on)}</td>
                <td>{formatDate(c.ends_on)}</td>
                <td>
                  {c.trainer_ids.length
                    ? c.trainer_ids.map((id) => trainerNames.get(id) ?? `n° ${id}`).join(", ")
                    : "—"}
                </td>
                <td>{c.trainee_count}</td>
                <td className="row-actions">
                  <button type="button" aria-label={`Modifier ${c.name}`} onClick={() => open(c)}>
                    Modifier
                  </button>{" "}
                  {c.trainee_count === 0 && (
                    <button
                      type="button"
                      aria-label={`Supprimer ${c.name}`}
                      disabled={remove.isPending}
                      onClick={() => window.confirm(`Supprimer la cohorte « ${c.name} » ?`) && remove.mutate(c)}
                    >
                      Supprimer
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </DataTable>
        )}
      </QueryState>
    </PageFrame>
  );
}
