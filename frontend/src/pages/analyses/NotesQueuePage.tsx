// The notes to read (trainer, company tutor; the tutor's home page): the latest submitted
// version of each note not read yet, oldest first, each opening its reading page.
import { useQuery } from "@tanstack/react-query";
import { Link } from "react-router-dom";
import { noteQueries } from "../../api/queries/analyses";
import { isTutor, useAuth } from "../../auth/AuthContext";
import { DataTable } from "../../components/DataTable";
import { QueryState } from "../../components/QueryState";
import { EmptyState, PageFrame, formatDate } from "../../components/ui";
import { period } from "./format";

export function NotesQueuePage() {
  const { me } = useAuth();
  const tutor = isTutor(me);
  const queue = useQuery({ ...noteQueries.queue() });
  return (
    <PageFrame title="Notes à lire" operations={["notes_queue", "read_note_version", "add_note_comment"]}>
      <p className="muted">
        {tutor
          ? "Les notes de synthèse que vos alternants ont soumises et que vous n'avez pas encore lues : ouvrez-en une pour la lire, commenter un passage et la marquer comme lue."
          : "Les notes de synthèse soumises par vos stagiaires et pas encore lues : lisez-les, commentez-les passage par passage, évaluez les critères de CP4 et marquez-les comme lues."}
      </p>
      <QueryState
        query={queue}
        isEmpty={(rows) => rows.length === 0}
        busyLabel="Chargement des notes à lire…"
        empty={
          <EmptyState title="Aucune note à lire">
            Les notes apparaissent ici dès qu'{tutor ? "un alternant" : "un stagiaire"} soumet une version.{" "}
            <Link to="/analyses">Toutes les analyses</Link>
          </EmptyState>
        }
      >
        {(rows) => (
          <DataTable
            caption="Notes de synthèse à lire, de la plus ancienne à la plus récente"
            headers={["Note", tutor ? "Alternant" : "Stagiaire", "Période analysée", "Version", "Soumise le"]}
          >
            {rows.map((q) => (
              <tr key={`${q.note_id}-${q.number}`}>
                <th scope="row">
                  <Link to={`/notes/${q.note_id}?version=${q.number}`}>{q.title}</Link>
                </th>
                <td>{q.trainee_name}</td>
                <td>{period(q.starts_on, q.ends_on)}</td>
                <td>{q.number}</td>
                <td>{formatDate(q.submitted_at, true)}</td>
              </tr>
            ))}
          </DataTable>
        )}
      </QueryState>
    </PageFrame>
  );
}
