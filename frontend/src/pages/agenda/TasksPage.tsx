// The tasks (CP2.3): to do or done, by due day, paged; created, edited, ticked and deleted
// here. `?tache=ID` (the agenda's link to a task) opens that task's form first.
import { useState } from "react";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useSearchParams } from "react-router-dom";
import { agendaQueries } from "../../api/queries/agenda";
import { DataTable } from "../../components/DataTable";
import { FilterSelect } from "../../components/FilterSelect";
import { QueryState } from "../../components/QueryState";
import { DisclosureButton, EmptyState, Field, PageFrame } from "../../components/ui";
import { useFilters } from "../../components/useFilters";
import { TASK_STATES, type TaskState } from "../../labels/agenda";
import { isoToday } from "../../labels/prospects";
import { AgendaNav } from "./AgendaNav";
import { TaskForm } from "./TaskForm";
import { TaskRow } from "./TaskRow";
import "./agenda.css";

const LIMIT = 20;

export function TasksPage() {
  const [params, setParams] = useSearchParams();
  const openedId = Number(params.get("tache")) || null;
  const [adding, setAdding] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const { filters, filter, offset, setOffset } = useFilters<{ state: TaskState | ""; from: string; to: string }>({
    state: "open",
    from: "",
    to: "",
  });
  const tasks = useQuery({
    ...agendaQueries.tasks({
      done: filters.state === "" ? undefined : filters.state === "done",
      due_from: filters.from || undefined,
      due_to: filters.to || undefined,
      sort: "due",
      limit: LIMIT,
      offset,
    }),
    placeholderData: keepPreviousData,
  });
  const filtered = filters.state !== "open" || filters.from !== "" || filters.to !== "";
  const today = isoToday();
  return (
    <PageFrame
      title="Tâches"
      operations={["list_tasks", "create_task", "update_task", "delete_task"]}
      actions={
        <DisclosureButton open={adding} onToggle={() => setAdding(!adding)} primary>
          Nouvelle tâche
        </DisclosureButton>
      }
    >
      <AgendaNav />
      {adding && (
        <TaskForm
          onDone={(saved) => {
            setAdding(false);
            if (saved) setNotice(`Tâche « ${saved.title} » créée.`);
          }}
        />
      )}
      {openedId !== null && (
        <OpenedTask
          id={openedId}
          onDone={(saved) => {
            setParams({}, { replace: true });
            if (saved) setNotice(`Tâche « ${saved.title} » enregistrée.`);
          }}
        />
      )}
      <div role="status">{notice && <p className="alert alert-info">{notice}</p>}</div>
      <form className="filters" role="search" aria-label="Filtrer les tâches" onSubmit={(e) => e.preventDefault()}>
        <FilterSelect
          label="État"
          all="Toutes"
          labels={TASK_STATES}
          value={filters.state}
          onChange={(v) => filter("state", v)}
        />
        <Field label="Échéance à partir du">
          {(p) => <input {...p} type="date" value={filters.from} onChange={(e) => filter("from", e.target.value)} />}
        </Field>
        <Field label="Échéance jusqu'au">
          {(p) => <input {...p} type="date" value={filters.to} onChange={(e) => filter("to", e.target.value)} />}
        </Field>
      </form>
      <QueryState
        query={tasks}
        empty={
          filtered ? (
            <EmptyState title="Aucune tâche ne correspond à ces critères.">
              Changez l'état ou les dates d'échéance pour voir les autres tâches.
            </EmptyState>
          ) : (
            <EmptyState title="Aucune tâche à faire.">
              Ajoutez-en une avec « Nouvelle tâche », ici ou depuis l'agenda sur le jour choisi.
            </EmptyState>
          )
        }
      >
        {(data) => (
          <DataTable
            caption="Tâches"
            headers={["Faite", "Tâche", "Échéance", "Rappel", "Fiche liée", { label: "Actions", srOnly: true }]}
            pager={{ offset, limit: LIMIT, total: data.total, onOffset: setOffset }}
          >
            {data.items.map((task) => (
              <TaskRow key={task.id} task={task} today={today} onNotice={setNotice} />
            ))}
          </DataTable>
        )}
      </QueryState>
      <p className="hint">
        Le lien d'une tâche mène à la fiche telle qu'elle est : une fiche supprimée depuis laisse un lien qui ne mène
        plus nulle part.
      </p>
    </PageFrame>
  );
}

/** The task the address names, opened in its form. */
function OpenedTask(props: { id: number; onDone: (saved?: Parameters<typeof TaskForm>[0]["task"]) => void }) {
  const task = useQuery(agendaQueries.task(props.id));
  return (
    <QueryState query={task} isEmpty={() => false} busyLabel="Chargement de la tâche…">
      {(t) => <TaskForm key={t.version} task={t} onDone={props.onDone} />}
    </QueryState>
  );
}
