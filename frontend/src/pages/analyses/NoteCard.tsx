// The analysis's synthesis note (CP4.3): drafted from the analysis by the server (every
// section, the key figures, the causes and actions, chart placeholders), then written by the
// trainee on the note's page. One note per analysis (a 409 names the existing one).
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Link, useNavigate } from "react-router-dom";
import { api, unwrap } from "../../api/client";
import { ApiError } from "../../api/problem";
import { notesChanged } from "../../api/queries/analyses";
import type { AnalysisOut } from "../../api/types";
import { useReadOnly } from "../../components/ReadOnly";
import { EmptyState, ErrorBanner } from "../../components/ui";
import { NOTE_STATUSES } from "../../labels/analyses";

export function NoteCard({ analysis: a }: { analysis: AnalysisOut }) {
  const readOnly = useReadOnly();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const draft = useMutation({
    mutationFn: async () => {
      try {
        const note = await unwrap(
          api.POST("/api/v1/analyses/{analysis_id}/note", { params: { path: { analysis_id: a.id } } }),
        );
        return note.id;
      } catch (error) {
        // Already drafted (another tab): open it.
        const existing = error instanceof ApiError ? error.problem.note_id : undefined;
        if (typeof existing === "number") return existing;
        throw error;
      }
    },
    onSuccess: (noteId) => {
      void notesChanged.note(queryClient, noteId);
      navigate(`/notes/${noteId}`);
    },
  });
  return (
    <section className="card" aria-labelledby="analysis-note">
      <h2 id="analysis-note">Note de synthèse</h2>
      {a.note_id ? (
        <p>
          Note {a.note_status ? NOTE_STATUSES[a.note_status] : ""} :{" "}
          <Link to={`/notes/${a.note_id}`}>Ouvrir la note</Link>
        </p>
      ) : readOnly ? (
        <EmptyState title="Pas encore de note de synthèse pour cette analyse." />
      ) : (
        <>
          <p className="muted">
            La note est rédigée pour vous à partir de l'analyse (contexte, résultats, écarts, causes, actions, demandes
            au manager) : relisez-la, complétez-la, puis soumettez-la.
          </p>
          <button type="button" className="primary" onClick={() => draft.mutate()} disabled={draft.isPending}>
            {draft.isPending ? "Rédaction…" : "Rédiger la note de synthèse"}
          </button>
          <ErrorBanner error={draft.error} />
        </>
      )}
    </section>
  );
}
