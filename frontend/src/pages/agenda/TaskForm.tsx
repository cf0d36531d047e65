// Create or edit a task (CP2.3): title, notes, due day and optional time, reminder, the record
// it is about. The server checks the rules (a reminder no later than the due, a link to one
// of the user's own records) and names the field to correct.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api, unwrap } from "../../api/client";
import { agendaChanged } from "../../api/queries/agenda";
import { fieldErrorsOf } from "../../api/problem";
import { FormFooter, changedMeanwhile } from "../../components/FormFooter";
import { Field } from "../../components/ui";
import { useForm } from "../../components/useForm";
import { FormCard } from "../prospects/FormCard";
import { TaskLinkFields } from "./TaskLinkFields";
import { emptyTask, fromTask, toTaskCreate, toTaskUpdate, type Task, type TaskValues } from "./taskForm";

export function TaskForm(props: {
  /** The task to edit; none: a new one. */
  task?: Task;
  /** A new task's due day (the agenda's chosen day). */
  day?: string;
  /** Saved (the task) or cancelled (nothing). */
  onDone: (saved?: Task) => void;
}) {
  const { task } = props;
  const queryClient = useQueryClient();
  const { values, set, setValues, submitWith } = useForm<TaskValues>(() =>
    task ? fromTask(task) : emptyTask(props.day),
  );
  const save = useMutation({
    mutationFn: (v: TaskValues) =>
      task
        ? unwrap(
            api.PATCH("/api/v1/tasks/{task_id}", {
              params: { path: { task_id: task.id } },
              body: toTaskUpdate(task, v),
            }),
          )
        : unwrap(api.POST("/api/v1/tasks", { body: toTaskCreate(v) })),
    onSuccess: (saved) => {
      void agendaChanged.tasks(queryClient);
      props.onDone(saved);
    },
  });
  const errors = fieldErrorsOf(save.error);
  const titleId = task ? `task-form-${task.id}` : "task-form-new";
  return (
    <FormCard
      id={titleId}
      title={task ? `Modifier la tâche « ${task.title} »` : "Nouvelle tâche"}
      onSubmit={submitWith((v) => save.mutate(v))}
    >
      <div className="wide">
        <Field label="Titre" required error={errors.title}>
          {(p) => <input {...p} maxLength={200} value={values.title} onChange={(e) => set("title", e.target.value)} />}
        </Field>
      </div>
      <Field label="Jour d'échéance" required error={errors.due_on}>
        {(p) => <input {...p} type="date" value={values.due_day} onChange={(e) => set("due_day", e.target.value)} />}
      </Field>
      <Field
        label="Heure d'échéance"
        hint="Facultative : sans heure, la tâche est à faire dans la journée."
        error={errors.due_at}
      >
        {(p) => <input {...p} type="time" value={values.due_time} onChange={(e) => set("due_time", e.target.value)} />}
      </Field>
      <Field label="Rappel" hint="Facultatif, au plus tard à l'échéance." error={errors.reminder_at}>
        {(p) => (
          <input
            {...p}
            type="datetime-local"
            value={values.reminder}
            onChange={(e) => set("reminder", e.target.value)}
          />
        )}
      </Field>
      <div className="wide">
        <Field label="Notes" error={errors.notes}>
          {(p) => (
            <textarea {...p} maxLength={2000} value={values.notes} onChange={(e) => set("notes", e.target.value)} />
          )}
        </Field>
      </div>
      <TaskLinkFields value={values} onChange={(change) => setValues((v) => ({ ...v, ...change }))} errors={errors} />
      <FormFooter
        error={save.error}
        pending={save.isPending}
        stale={changedMeanwhile("Cette tâche")}
        submitLabel={task ? "Enregistrer les modifications" : "Créer la tâche"}
        onReload={
          task
            ? () => {
                void agendaChanged.tasks(queryClient);
                props.onDone();
              }
            : undefined
        }
        onCancel={() => props.onDone()}
      />
    </FormCard>
  );
}
