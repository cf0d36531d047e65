// A record's due date made a task of the agenda (« Créer une tâche »): the title and day the
// record suggests (its next relaunch, a complaint's response date…), which the trainee may
// change, linked to the record (`POST /tasks` with `link_kind`, `link_id`); and the tasks
// still to do about it.
import { useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link } from "react-router-dom";
import { api, unwrap } from "../../api/client";
import { fieldErrorsOf } from "../../api/problem";
import { agendaChanged, agendaQueries } from "../../api/queries/agenda";
import type { Schemas as S } from "../../api/types";
import { FormFooter } from "../../components/FormFooter";
import { useReadOnly } from "../../components/ReadOnly";
import { useForm } from "../../components/useForm";
import { DisclosureButton, Field, Notice, RequiredNote, formatDate } from "../../components/ui";
import type { TaskDraft } from "./logic";

export function TaskCard(props: {
  linkKind: S["TaskLinkKind"];
  linkId: number;
  /** The task the record suggests (read when the form opens). */
  suggest: () => TaskDraft;
}) {
  const readOnly = useReadOnly();
  const [open, setOpen] = useState(false);
  const [notice, setNotice] = useState("");
  const tasks = useQuery({
    ...agendaQueries.tasks({ link_kind: props.linkKind, link_id: props.linkId, done: false, sort: "due", limit: 20 }),
    enabled: !readOnly,
  });
  if (readOnly) return null;
  const items = tasks.data?.items ?? [];
  return (
    <section className="card" aria-labelledby={`tasks-${props.linkKind}`}>
      <h2 id={`tasks-${props.linkKind}`}>Tâches</h2>
      {notice && <Notice>{notice}</Notice>}
      {items.length > 0 && (
        <ul aria-label="Tâches à faire liées">
          {items.map((t) => (
            <li key={t.id}>
              {t.title} — pour le {formatDate(t.due_on)}
            </li>
          ))}
        </ul>
      )}
      <p>
        <DisclosureButton
          open={open}
          onToggle={() => {
            setOpen(!open);
            setNotice("");
          }}
          closeLabel="Ne pas créer de tâche"
        >
          Créer une tâche
        </DisclosureButton>{" "}
        <Link to="/agenda/taches">Toutes mes tâches</Link>
      </p>
      {open && (
        <TaskForm
          {...props}
          onDone={(title, due) => {
            setOpen(false);
            setNotice(`Tâche « ${title} » créée pour le ${formatDate(due)} : elle est dans votre agenda.`);
          }}
          onCancel={() => setOpen(false)}
        />
      )}
    </section>
  );
}

function TaskForm(props: {
  linkKind: S["TaskLinkKind"];
  linkId: number;
  suggest: () => TaskDraft;
  onDone: (title: string, due: string) => void;
  onCancel: () => void;
}) {
  const queryClient = useQueryClient();
  const { values, set, submitWith } = useForm(() => ({ ...props.suggest(), notes: "" }));
  const save = useMutation({
    mutationFn: (v: typeof values) =>
      unwrap(
        api.POST("/api/v1/tasks", {
          body: {
            title: v.title.trim(),
            notes: v.notes.trim(),
            due_on: v.due_on || null,
            link_kind: props.linkKind,
            link_id: props.linkId,
          },
        }),
      ),
    onSuccess: async (saved) => {
      await agendaChanged.tasks(queryClient);
      props.onDone(saved.title, saved.due_on);
    },
  });
  const errors = fieldErrorsOf(save.error);
  return (
    <form className="form-grid" aria-label="Nouvelle tâche" noValidate onSubmit={submitWith((v) => save.mutate(v))}>
      <RequiredNote />
      <div className="wide">
        <Field label="Titre de la tâche" error={errors.title} required>
          {(p) => <input {...p} maxLength={200} value={values.title} onChange={(e) => set("title", e.target.value)} />}
        </Field>
      </div>
      <Field label="À faire le" error={errors.due_on} required>
        {(p) => <input {...p} type="date" value={values.due_on} onChange={(e) => set("due_on", e.target.value)} />}
      </Field>
      <div className="wide">
        <Field label="Notes de la tâche" error={errors.notes ?? errors.link_id}>
          {(p) => (
            <textarea
              {...p}
              rows={2}
              maxLength={2000}
              value={values.notes}
              onChange={(e) => set("notes", e.target.value)}
            />
          )}
        </Field>
      </div>
      <FormFooter
        error={save.error}
        pending={save.isPending}
        stale="La fiche a été modifiée entre-temps : rechargez la page."
        submitLabel="Créer la tâche"
        onCancel={props.onCancel}
      />
    </form>
  );
}
