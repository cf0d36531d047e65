// The task form's values (strings, as the inputs hold them) and the request bodies made
// from them (pure functions, tested without a browser). A task is due on a day, or at a
// time of that day when one is typed.
import type { Schemas as S } from "../../api/types";
import { LINK_KINDS } from "../../labels/agenda";

export type Task = S["TaskOut"];
export type TaskCreate = S["TaskCreate"];
export type TaskUpdate = S["TaskUpdate"];
export type LinkKind = S["TaskLinkKind"];

export interface TaskValues {
  title: string;
  notes: string;
  /** The due day (AAAA-MM-JJ). */
  due_day: string;
  /** The due time (HH:MM), empty for the whole day. */
  due_time: string;
  /** The reminder (datetime-local), empty for none. */
  reminder: string;
  link_kind: LinkKind | "";
  link_id: number | null;
  /** How the linked record reads in the form (its name, or its kind and number). */
  link_label: string;
}

/** `Date` → the value of a local input: « 2026-12-02T14:00 » (`slice(11, 16)`: the time). */
function localInput(value: string): string {
  const date = new Date(value);
  return new Date(date.getTime() - date.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
}

export function linkLabel(link: { kind: string; id: number }): string {
  return `${LINK_KINDS[link.kind as LinkKind] ?? link.kind} n° ${link.id}`;
}

export function emptyTask(day = ""): TaskValues {
  return {
    title: "",
    notes: "",
    due_day: day,
    due_time: "",
    reminder: "",
    link_kind: "",
    link_id: null,
    link_label: "",
  };
}

export function fromTask(task: Task): TaskValues {
  return {
    title: task.title,
    notes: task.notes,
    due_day: task.due_at ? localInput(task.due_at).slice(0, 10) : task.due_on,
    due_time: task.due_at ? localInput(task.due_at).slice(11, 16) : "",
    reminder: task.reminder_at ? localInput(task.reminder_at) : "",
    link_kind: (task.link?.kind as LinkKind | undefined) ?? "",
    link_id: task.link?.id ?? null,
    link_label: task.link ? linkLabel(task.link) : "",
  };
}

/** The due of the values: a moment when a time is typed (with its day), else the day. */
function due(v: TaskValues): Pick<TaskCreate, "due_at" | "due_on"> {
  if (v.due_time && v.due_day) return { due_at: new Date(`${v.due_day}T${v.due_time}`).toISOString() };
  // A time without a day: the server asks for the day (on `due_on`).
  return { due_on: v.due_day || null };
}

/** The link as sent: both halves, or neither (a kind without its record is sent as it is,
 * and the server says which half is missing). */
function link(v: TaskValues): Pick<TaskCreate, "link_kind" | "link_id"> {
  return { link_kind: v.link_kind || null, link_id: v.link_kind ? v.link_id : null };
}

export function toTaskCreate(v: TaskValues): TaskCreate {
  return {
    title: v.title.trim(),
    notes: v.notes.trim(),
    ...due(v),
    reminder_at: v.reminder ? new Date(v.reminder).toISOString() : null,
    ...link(v),
  };
}

/** The changes of an edit: the due, the reminder (empty clears it), and the link only when
 * it changed (an unchanged link to a deleted record is kept as it is). */
export function toTaskUpdate(task: Task, v: TaskValues): TaskUpdate {
  const body: TaskUpdate = {
    version: task.version,
    title: v.title.trim(),
    notes: v.notes.trim(),
    ...due(v),
    reminder_at: v.reminder ? new Date(v.reminder).toISOString() : null,
  };
  const before = { link_kind: task.link?.kind ?? null, link_id: task.link?.id ?? null };
  const after = link(v);
  if (before.link_kind !== after.link_kind || before.link_id !== after.link_id) Object.assign(body, after);
  return body;
}

/** When a task is due, in French: « mer. 2 déc. 2026 » or « mer. 2 déc. 2026 à 14:00 ». */
export function dueLabel(task: Pick<Task, "due_on" | "due_at">): string {
  if (task.due_at) {
    return new Date(task.due_at).toLocaleString("fr-FR", {
      weekday: "short",
      day: "numeric",
      month: "short",
      year: "numeric",
      hour: "2-digit",
      minute: "2-digit",
    });
  }
  return new Date(`${task.due_on}T12:00:00Z`).toLocaleDateString("fr-FR", {
    weekday: "short",
    day: "numeric",
    month: "short",
    year: "numeric",
    timeZone: "UTC",
  });
}
