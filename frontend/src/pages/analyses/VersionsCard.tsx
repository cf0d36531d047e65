// The versions the trainee submitted, newest first: when, how many comments, the exports, and
// each version opened with its rendering and its comments (by the trainer and the tutor).
import { useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { noteQueries } from "../../api/queries/analyses";
import type { NoteVersionOut } from "../../api/types";
import { QueryState } from "../../components/QueryState";
import { DisclosureButton, EmptyState, formatDate } from "../../components/ui";
import { CommentsList } from "./CommentsList";
import { ExportButtons } from "./ExportButtons";
import { HtmlPreview } from "./HtmlPreview";

export function VersionsCard({ noteId }: { noteId: number }) {
  const versions = useQuery({ ...noteQueries.versions(noteId) });
  return (
    <section className="card" aria-labelledby="note-versions">
      <h2 id="note-versions">Versions soumises</h2>
      <QueryState
        query={versions}
        isEmpty={(rows) => rows.length === 0}
        empty={
          <EmptyState title="Aucune version soumise.">
            « Soumettre la note » fige une version (texte, chiffres et graphiques) pour votre formateur et votre tuteur.
          </EmptyState>
        }
      >
        {(rows) => (
          <ul className="plain versions">
            {[...rows].reverse().map((v) => (
              <VersionItem key={v.id} noteId={noteId} version={v} />
            ))}
          </ul>
        )}
      </QueryState>
    </section>
  );
}

function VersionItem({ noteId, version: v }: { noteId: number; version: NoteVersionOut }) {
  const [open, setOpen] = useState(false);
  return (
    <li className="version">
      <p>
        <strong>Version {v.number}</strong>, soumise le {formatDate(v.submitted_at, true)} — {v.comments_count}{" "}
        commentaire(s). Télécharger : <ExportButtons noteId={noteId} number={v.number} />
      </p>
      <DisclosureButton open={open} onToggle={() => setOpen(!open)} closeLabel={`Fermer la version ${v.number}`}>
        Voir la version {v.number} et ses commentaires
      </DisclosureButton>
      {open && <VersionDetail noteId={noteId} number={v.number} />}
    </li>
  );
}

function VersionDetail({ noteId, number }: { noteId: number; number: number }) {
  const preview = useQuery({ ...noteQueries.versionPreview(noteId, number) });
  const comments = useQuery({ ...noteQueries.comments(noteId, number) });
  return (
    <div className="version-detail">
      <QueryState query={comments} busyLabel="Chargement des commentaires…">
        {(rows) => <CommentsList comments={rows} number={number} />}
      </QueryState>
      <QueryState query={preview} busyLabel="Mise en forme de la version…">
        {(p) => <HtmlPreview html={p.html} label={`Version ${number} mise en forme`} />}
      </QueryState>
    </div>
  );
}
