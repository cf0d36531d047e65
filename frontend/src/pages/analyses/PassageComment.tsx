// Commenting a version (trainer, tutor): its Markdown text in a <pre> to select a passage from
// (the selection's offsets in the text go with the quote, so the comment stays anchored), or a
// passage typed or pasted (its first occurrence); without a passage the comment is on the whole
// note. Commenting also marks the version read.
import { useEffect, useRef, useState } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api, unwrap } from "../../api/client";
import { fieldErrorsOf } from "../../api/problem";
import { notesChanged } from "../../api/queries/analyses";
import type { NoteVersionOut } from "../../api/types";
import { Field, Notice, SaveError } from "../../components/ui";
import { findPassage, selectedPassage, type Passage } from "./selection";

const MAX_QUOTE = 1000;

export function PassageComment({ noteId, version: v }: { noteId: number; version: NoteVersionOut }) {
  const queryClient = useQueryClient();
  const textRef = useRef<HTMLPreElement>(null);
  const [quote, setQuote] = useState("");
  const [passage, setPassage] = useState<Passage | null>(null);
  const [comment, setComment] = useState("");
  const [local, setLocal] = useState<Record<string, string>>({});
  const [sent, setSent] = useState<string | null>(null);

  const takeSelection = () => {
    if (!textRef.current) return;
    const found = selectedPassage(textRef.current, document.getSelection(), v.body);
    if (!found) return;
    setPassage(found);
    setQuote(found.quote);
    setLocal({});
  };
  // A selection made with the keyboard (caret browsing) or the mouse, wherever it ends.
  useEffect(() => {
    const onChange = () => {
      const selection = document.getSelection();
      if (textRef.current && selection && textRef.current.contains(selection.anchorNode)) takeSelection();
    };
    document.addEventListener("selectionchange", onChange);
    return () => document.removeEventListener("selectionchange", onChange);
  });

  const send = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST("/api/v1/notes/{note_id}/versions/{number}/comments", {
          params: { path: { note_id: noteId, number: v.number } },
          body: {
            body: comment.trim(),
            quote: passage?.quote ?? "",
            start: passage?.start ?? null,
            end: passage?.end ?? null,
          },
        }),
      ),
    onSuccess: async () => {
      setSent(passage ? "Commentaire du passage enregistré." : "Commentaire de la note enregistré.");
      setComment("");
      setQuote("");
      setPassage(null);
      await notesChanged.note(queryClient, noteId);
    },
  });
  const errors = { ...fieldErrorsOf(send.error), ...local };
  const submit = () => {
    const found: Record<string, string> = {};
    if (!comment.trim()) found.body = "Champ obligatoire";
    if (quote && !passage) found.quote = "Ce passage ne figure pas dans le texte de la version.";
    if (passage && passage.quote.length > MAX_QUOTE)
      found.quote = `${MAX_QUOTE} caractères au plus : citez un passage plus court.`;
    setLocal(found);
    setSent(null);
    if (Object.keys(found).length === 0) send.mutate();
  };
  return (
    <section className="card" aria-labelledby="reading-text">
      <h2 id="reading-text">Texte de la version {v.number}</h2>
      <p className="hint" id="reading-text-help">
        Sélectionnez un passage du texte pour le commenter ; sans passage, le commentaire porte sur la note entière.
      </p>
      <pre
        ref={textRef}
        className="version-text"
        tabIndex={0}
        role="region"
        aria-label={`Texte à commenter, version ${v.number}`}
        aria-describedby="reading-text-help"
        onMouseUp={takeSelection}
        onKeyUp={takeSelection}
      >
        {v.body}
      </pre>
      <form
        className="comment-form"
        aria-label={`Commenter la version ${v.number}`}
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <Field
          label="Passage cité"
          error={errors.quote ?? errors.start ?? errors.end}
          hint={
            passage
              ? `Caractères ${passage.start + 1} à ${passage.end} du texte.`
              : "Sélectionné dans le texte ci-dessus, ou collé ici ; vide : la note entière."
          }
        >
          {(p) => (
            <textarea
              {...p}
              rows={2}
              value={quote}
              onChange={(e) => {
                setQuote(e.target.value);
                setPassage(findPassage(v.body, e.target.value));
              }}
            />
          )}
        </Field>
        {quote && (
          <button
            type="button"
            onClick={() => {
              setQuote("");
              setPassage(null);
            }}
          >
            Retirer le passage
          </button>
        )}
        <Field label="Commentaire" required error={errors.body}>
          {(p) => <textarea {...p} rows={3} value={comment} onChange={(e) => setComment(e.target.value)} />}
        </Field>
        <SaveError error={send.error} />
        {Object.keys(local).length > 0 && <Notice>Corrigez les champs signalés.</Notice>}
        <div className="form-actions">
          <button type="submit" className="primary" disabled={send.isPending}>
            {send.isPending ? "Envoi…" : passage ? "Commenter le passage" : "Commenter la note"}
          </button>
        </div>
        {sent && <Notice>{sent}</Notice>}
      </form>
    </section>
  );
}
