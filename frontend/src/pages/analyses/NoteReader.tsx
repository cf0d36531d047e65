// Reading a note (trainer, company tutor): a submitted version chosen (the latest by default,
// `?version=`), marked read, its text to select a passage from and comment, the comments, the
// version as rendered (charts frozen at submission), the exports; the trainer also assesses
// the CP4 criteria from it. A note never submitted shows its current draft, read-only.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useSearchParams } from "react-router-dom";
import { api, unwrap } from "../../api/client";
import { noteQueries, notesChanged } from "../../api/queries/analyses";
import type { NoteOut, NoteVersionOut } from "../../api/types";
import { isTutor, useAuth } from "../../auth/AuthContext";
import { QueryState } from "../../components/QueryState";
import { ErrorBanner, Field, Notice, formatDate } from "../../components/ui";
import { CommentsList } from "./CommentsList";
import { ExportButtons } from "./ExportButtons";
import { HtmlPreview } from "./HtmlPreview";
import { NoteAssessmentForm } from "./NoteAssessmentForm";
import { PassageComment } from "./PassageComment";

const ASSESS = "competence:assess";

export function NoteReader({ note }: { note: NoteOut }) {
  const versions = useQuery({ ...noteQueries.versions(note.id) });
  const [params, setParams] = useSearchParams();
  return (
    <QueryState
      query={versions}
      isEmpty={(rows) => rows.length === 0}
      busyLabel="Chargement des versions…"
      empty={<DraftOnly noteId={note.id} />}
    >
      {(rows) => {
        const asked = Number(params.get("version"));
        const current = rows.find((v) => v.number === asked) ?? rows[rows.length - 1];
        return (
          <>
            <section className="card" aria-labelledby="reading-version">
              <h2 id="reading-version">Version lue</h2>
              <Field label="Version">
                {(p) => (
                  <select
                    {...p}
                    value={current.number}
                    onChange={(e) => setParams({ version: e.target.value }, { replace: true })}
                  >
                    {[...rows].reverse().map((v) => (
                      <option key={v.number} value={v.number}>
                        Version {v.number}, soumise le {formatDate(v.submitted_at)}
                        {v.read_by_me ? " (lue)" : " (non lue)"}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
              <ReadState noteId={note.id} version={current} />
              <p>
                Télécharger la version {current.number} : <ExportButtons noteId={note.id} number={current.number} />
              </p>
            </section>
            <VersionReading key={current.number} note={note} version={current} />
          </>
        );
      }}
    </QueryState>
  );
}

function ReadState({ noteId, version: v }: { noteId: number; version: NoteVersionOut }) {
  const queryClient = useQueryClient();
  const read = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST("/api/v1/notes/{note_id}/versions/{number}/read", {
          params: { path: { note_id: noteId, number: v.number } },
        }),
      ),
    onSuccess: () => notesChanged.note(queryClient, noteId),
  });
  return (
    <div aria-live="polite">
      {v.read_by_me ? (
        <p className="status status-ok">Vous avez lu cette version : elle a quitté vos notes à lire.</p>
      ) : (
        <button type="button" className="primary" onClick={() => read.mutate()} disabled={read.isPending}>
          Marquer comme lue
        </button>
      )}
      <ErrorBanner error={read.error} />
    </div>
  );
}

function VersionReading({ note, version: v }: { note: NoteOut; version: NoteVersionOut }) {
  const { me } = useAuth();
  const canAssess = !isTutor(me) && Boolean(me?.permissions.includes(ASSESS));
  const comments = useQuery({ ...noteQueries.comments(note.id, v.number) });
  const preview = useQuery({ ...noteQueries.versionPreview(note.id, v.number) });
  return (
    <>
      <PassageComment noteId={note.id} version={v} />
      <section className="card" aria-labelledby="reading-comments">
        <h2 id="reading-comments">Commentaires de la version {v.number}</h2>
        <QueryState query={comments} busyLabel="Chargement des commentaires…">
          {(rows) => <CommentsList comments={rows} number={v.number} />}
        </QueryState>
      </section>
      {canAssess && <NoteAssessmentForm note={note} number={v.number} />}
      <section className="card" aria-labelledby="reading-preview">
        <h2 id="reading-preview">La version {v.number} mise en forme</h2>
        <QueryState query={preview} busyLabel="Mise en forme de la version…">
          {(p) => <HtmlPreview html={p.html} label={`Version ${v.number} mise en forme`} />}
        </QueryState>
      </section>
    </>
  );
}

function DraftOnly({ noteId }: { noteId: number }) {
  const preview = useQuery({ ...noteQueries.preview(noteId) });
  return (
    <>
      <Notice>Cette note n'a pas encore été soumise : voici son brouillon en cours, à titre d'information.</Notice>
      <QueryState query={preview} busyLabel="Mise en forme du brouillon…">
        {(p) => <HtmlPreview html={p.html} label="Brouillon de la note" />}
      </QueryState>
    </>
  );
}
