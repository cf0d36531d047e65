// A task of the list: ticked done or not (PATCH with its version), due, reminder, the record
// it is about; edited in place (the row becomes the form) and deleted after a confirmation.
import { useState } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Link } from "react-router-dom";
import { api, unwrap } from "../../api/client";
import { agendaChanged } from "../../api/queries/agenda";
import { isStaleVersion } from "../../api/problem";
import { ConfirmButton } from "../../components/ConfirmButton";
import { ErrorBanner, formatDate } from "../../components/ui";
import { TaskForm } from "./TaskForm";
import { dueLabel, linkLabel, type Task } from "./taskForm";

export function TaskRow(props: { task: Task; today: string; onNotice: (text: string) => void }) {
  const { task, onNotice } = props;
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState(false);
  const tick = useMutation({
    mutationFn: (done: boolean) =>
      unwrap(
        api.PATCH("/api/v1/tasks/{task_id}", {
          params: { path: { task_id: task.id } },
          body: { version: task.version, done },
        }),
      ),
    onSuccess: (saved) => {
      onNotice(saved.done ? `« ${saved.title} » est faite.` : `« ${saved.title} » est de nouveau à faire.`);
      return agendaChanged.tasks(queryClient);
    },
    // Changed meanwhile: the list is read again, to tick the current version.
    onError: (error) => (isStaleVersion(error) ? agendaChanged.tasks(queryClient) : undefined),
  });
  const remove = useMutation({
    mutationFn: () => unwrap(api.DELETE("/api/v1/tasks/{task_id}", { params: { path: { task_id: task.id } } })),
    onSuccess: () => {
      onNotice(`Tâche « ${task.title} » supprimée.`);
      return agendaChanged.tasks(queryClient);
    },
  });
  if (editing) {
    return (
      <tr>
        <td colSpan={6}>
          <TaskForm
            key={task.version}
            task={task}
            onDone={(saved) => {
              setEditing(false);
              if (saved) onNotice(`Tâche « ${saved.title} » enregistrée.`);
            }}
          />
        </td>
      </tr>
    );
  }
  const late = !task.done && task.due_on < props.today;
  return (
    <tr className={task.done ? "task-done" : undefined}>
      <td>
        <input
          type="checkbox"
          className="task-tick"
          // While the change is on its way, the box shows it (then the answer, or the former state).
          checked={tick.isPending ? tick.variables : task.done}
          disabled={tick.isPending}
          aria-label={`Faite : ${task.title}`}
          onChange={(e) => tick.mutate(e.target.checked)}
        />
      </td>
      <th scope="row">
        {task.title}
        {task.done && <span className="status status-ok task-state">faite</span>}
        {task.notes && <p className="muted task-notes">{task.notes}</p>}
      </th>
      <td>
        {dueLabel(task)}
        {late && <span className="late"> (en retard)</span>}
      </td>
      <td>{task.reminder_at ? formatDate(task.reminder_at, true) : "—"}</td>
      <td>
        {!task.link ? (
          "—"
        ) : task.link.href ? (
          <Link to={task.link.href}>{linkLabel(task.link)}</Link>
        ) : (
          linkLabel(task.link)
        )}
      </td>
      <td className="row-actions">
        <button type="button" onClick={() => setEditing(true)} aria-label={`Modifier la tâche ${task.title}`}>
          Modifier
        </button>
        <ConfirmButton
          label="Supprimer"
          pending={remove.isPending}
          onConfirm={() => remove.mutate()}
          question={`Supprimer la tâche « ${task.title} » ?`}
        />
        {isStaleVersion(tick.error) ? (
          <p role="alert" className="alert alert-error">
            Cette tâche a été modifiée entre-temps (dans un autre onglet ?) : la liste est rechargée, cochez-la de
            nouveau si besoin.
          </p>
        ) : (
          <ErrorBanner error={tick.error} />
        )}
        <ErrorBanner error={remove.error} />
      </td>
    </tr>
  );
}
