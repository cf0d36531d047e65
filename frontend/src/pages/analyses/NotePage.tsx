// A synthesis note (CP4.3, CT1.5): its trainee writes it (editor, preview, readability advice,
// submission, versions with their comments and exports); the trainer and the company tutor
// read its versions, comment passages, mark them read, and the trainer assesses CP4 from it.
import { useQuery } from "@tanstack/react-query";
import { Link, useParams } from "react-router-dom";
import { noteQueries } from "../../api/queries/analyses";
import { QueryState } from "../../components/QueryState";
import { useIsMine } from "../../components/ReadOnly";
import { PageFrame } from "../../components/ui";
import { NOTE_STATUSES } from "../../labels/analyses";
import { NoteEditor } from "./NoteEditor";
import { NoteReader } from "./NoteReader";
import "./analyses.css";
import "./notes.css";

export function NotePage() {
  const id = Number(useParams().id);
  const note = useQuery({ ...noteQueries.detail(id), enabled: id > 0 });
  const mine = useIsMine(note.data?.owner_id);
  const writer = Boolean(note.data) && mine;
  return (
    <PageFrame
      title={note.data ? note.data.title : "Note de synthèse"}
      operations={
        writer
          ? ["read_note", "update_note", "preview_note", "submit_note", "list_note_versions", "export_note_version"]
          : [
              "read_note",
              "list_note_versions",
              "preview_note_version",
              "add_note_comment",
              "mark_note_read",
              "assess_note",
            ]
      }
    >
      <QueryState query={note} busyLabel="Chargement de la note…">
        {(n) => (
          <>
            <p>
              <Link to={`/analyses/${n.analysis_id}`}>← L'analyse de cette note</Link>
              {!writer && (
                <>
                  {" · "}
                  <Link to="/notes/a-lire">Notes à lire</Link>
                </>
              )}
            </p>
            <p className="muted">
              {writer ? "Votre note" : `Note de ${n.owner_name}`}, {NOTE_STATUSES[n.status]}
              {n.versions_count > 0 && `, ${n.versions_count} version(s) soumise(s)`}.
            </p>
            {writer ? <NoteEditor key={n.id} note={n} /> : <NoteReader note={n} />}
          </>
        )}
      </QueryState>
    </PageFrame>
  );
}
