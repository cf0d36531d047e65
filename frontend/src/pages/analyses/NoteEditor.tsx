// The trainee's note: its title and Markdown text (saved with the version read: a 409 says it
// changed meanwhile), the readability advice and the preview of what is saved (charts
// included), the submission of a frozen version (unsaved changes are saved first), and the
// versions already submitted with their comments and exports.
import { useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, unwrap } from "../../api/client";
import { fieldErrorsOf, isStaleVersion } from "../../api/problem";
import { noteQueries, notesChanged } from "../../api/queries/analyses";
import type { NoteOut } from "../../api/types";
import { FormFooter } from "../../components/FormFooter";
import { QueryState } from "../../components/QueryState";
import { Field, Notice } from "../../components/ui";
import { useForm } from "../../components/useForm";
import { AdviceList } from "./AdviceList";
import { day } from "./format";
import { HtmlPreview } from "./HtmlPreview";
import { VersionsCard } from "./VersionsCard";

type Draft = { title: string; body: string };

export function NoteEditor({ note }: { note: NoteOut }) {
  const queryClient = useQueryClient();
  const { values, set, setValues, submitWith } = useForm<Draft>({ title: note.title, body: note.body });
  // The version the text was read at: sent with each save (another tab's save makes it stale).
  const [version, setVersion] = useState(note.version);
  const [submitted, setSubmitted] = useState<string | null>(null);
  const dirty = values.title !== note.title || values.body !== note.body;
  const patch = (d: Draft, at: number) =>
    unwrap(
      api.PATCH("/api/v1/notes/{note_id}", {
        params: { path: { note_id: note.id } },
        body: { title: d.title.trim(), body: d.body, version: at },
      }),
    );
  // Saved: the server's text becomes the form's (it may trim it), unless more was typed since.
  const saved = (n: NoteOut, sent: Draft) => {
    setVersion(n.version);
    queryClient.setQueryData(noteQueries.detail(note.id).queryKey, n);
    setValues((v) => (v.title === sent.title && v.body === sent.body ? { title: n.title, body: n.body } : v));
  };
  const save = useMutation({
    mutationFn: (d: Draft) => patch(d, version),
    onSuccess: async (n, sent) => {
      saved(n, sent);
      setSubmitted(null);
      await notesChanged.note(queryClient, note.id);
    },
  });
  const submit = useMutation({
    mutationFn: async (d: Draft) => {
      let at = version;
      if (dirty) {
        const n = await patch(d, version);
        saved(n, d);
        at = n.version;
      }
      return unwrap(
        api.POST("/api/v1/notes/{note_id}/submit", { params: { path: { note_id: note.id } }, body: { version: at } }),
      );
    },
    onSuccess: async (v) => {
      setSubmitted(
        `Version ${v.number} soumise le ${day(v.submitted_at)} : votre formateur et votre tuteur peuvent la lire. La note reste modifiable pour une version suivante.`,
      );
      // Submitting wrote the note too (its status): the next save starts from its new version.
      const fresh = await queryClient.fetchQuery({ ...noteQueries.detail(note.id), staleTime: 0 });
      setVersion(fresh.version);
      await notesChanged.note(queryClient, note.id);
    },
  });
  const preview = useQuery({ ...noteQueries.preview(note.id) });
  const errors = { ...fieldErrorsOf(save.error), ...fieldErrorsOf(submit.error) };
  const reload = async () => {
    const fresh = await queryClient.fetchQuery({ ...noteQueries.detail(note.id), staleTime: 0 });
    setValues({ title: fresh.title, body: fresh.body });
    setVersion(fresh.version);
    save.reset();
    submit.reset();
  };
  return (
    <>
      <section className="card" aria-labelledby="note-writing">
        <h2 id="note-writing">Rédaction</h2>
        <form
          className="note-form"
          aria-labelledby="note-writing"
          noValidate
          onSubmit={submitWith((d) => save.mutate(d))}
        >
          <Field label="Titre de la note" error={errors.title}>
            {(p) => (
              <input {...p} value={values.title} maxLength={200} onChange={(e) => set("title", e.target.value)} />
            )}
          </Field>
          <Field
            label="Texte de la note (Markdown)"
            error={errors.body}
            hint="Les parties commencent par « ## ». Un graphique s'insère avec ![Titre](chart:objectives) — ou chart:funnel, chart:trend, chart:pareto."
          >
            {(p) => (
              <textarea {...p} rows={22} value={values.body} spellCheck onChange={(e) => set("body", e.target.value)} />
            )}
          </Field>
          <p className="hint" aria-live="polite">
            {dirty ? "Modifications non enregistrées." : "Texte enregistré."}
          </p>
          <FormFooter
            error={save.error ?? submit.error}
            pending={save.isPending}
            stale="Cette note a été modifiée entre-temps (dans un autre onglet ?) : vos modifications n'ont pas été enregistrées. Rechargez-la pour partir de la version actuelle (votre texte sera remplacé)."
            submitLabel="Enregistrer"
          />
          {isStaleVersion(save.error ?? submit.error) && (
            <button type="button" onClick={() => void reload()}>
              Recharger la note
            </button>
          )}
          <div className="form-actions">
            <button type="button" onClick={() => submit.mutate(values)} disabled={submit.isPending || save.isPending}>
              {submit.isPending ? "Soumission…" : "Soumettre la note"}
            </button>
          </div>
          {submitted && <Notice>{submitted}</Notice>}
        </form>
      </section>
      <AdviceList advice={note.advice} />
      <section className="card" aria-labelledby="note-preview">
        <h2 id="note-preview">Aperçu</h2>
        {dirty && (
          <p className="hint">L'aperçu montre le texte enregistré : enregistrez pour y voir vos modifications.</p>
        )}
        <QueryState query={preview} busyLabel="Mise en forme de la note…">
          {(p) => <HtmlPreview html={p.html} label="Aperçu de la note enregistrée" />}
        </QueryState>
      </section>
      <VersionsCard noteId={note.id} />
    </>
  );
}
