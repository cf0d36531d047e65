// A company tutor's trainees (`me.tutees`): for each one, their analyses and their portfolio.
import { Link } from "react-router-dom";
import { useAuth } from "../../auth/AuthContext";
import { DataTable } from "../../components/DataTable";
import { EmptyState, PageFrame } from "../../components/ui";

export function TuteesPage() {
  const { me } = useAuth();
  const tutees = [...(me?.tutees ?? [])].sort((a, b) => a.full_name.localeCompare(b.full_name, "fr"));
  return (
    <PageFrame title="Mes alternants" operations={["list_analyses", "trainee_portfolio"]}>
      <p className="muted">
        Les alternants que vous suivez en entreprise : leurs analyses des écarts, leurs notes de synthèse et leur
        portfolio de compétences, en lecture.
      </p>
      {tutees.length === 0 ? (
        <EmptyState title="Aucun alternant ne vous est rattaché.">
          L'administration du centre de formation vous rattache vos alternants.
        </EmptyState>
      ) : (
        <DataTable caption="Mes alternants" headers={["Alternant", "Analyses", "Portfolio"]}>
          {tutees.map((t) => (
            <tr key={t.id}>
              <th scope="row">{t.full_name}</th>
              <td>
                <Link to={`/analyses?stagiaire=${t.id}`}>Analyses de {t.full_name}</Link>
              </td>
              <td>
                <Link to={`/formation/stagiaires/${t.id}`}>Portfolio de {t.full_name}</Link>
              </td>
            </tr>
          ))}
        </DataTable>
      )}
    </PageFrame>
  );
}
