"""Tasks: to-dos with a due day or moment, a reminder and a link to one of the owner's
records. The rules: one due (a day or a moment), a reminder no later than the due, a link
to a record the caller may write (``registry.check_link``), optimistic versions."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.agenda import registry
from app.agenda.registry import AgendaLink
from app.agenda.repository import TaskFilters, TaskRepository
from app.agenda.schemas import TaskCreate, TaskLink, TaskOut, TaskUpdate
from app.common.clock import utcnow
from app.core.errors import FieldError
from app.core.pagination import PageParams, page_of, paginate
from app.core.patch import apply_patch, check_version
from app.core.principal import Principal
from app.core.schemas import Page
from app.models import Task, TaskLinkKind, User

# Copied by apply_patch; the due, the link and ``done`` have rules of their own.
_OWN_RULES = frozenset({"due_at", "due_on", "link_kind", "link_id", "done"})


def task_out(task: Task) -> TaskOut:
    return TaskOut(
        id=task.id,
        owner_id=task.owner_id,
        title=task.title,
        notes=task.notes,
        due_on=task.due_on,
        due_at=task.due_at,
        reminder_at=task.reminder_at,
        done=task.done_at is not None,
        done_at=task.done_at,
        link=_link_out(registry.link(task.link_kind, task.link_id)),
        created_at=task.created_at,
        updated_at=task.updated_at,
        version=task.version,
    )


def _link_out(link: AgendaLink | None) -> TaskLink | None:
    return None if link is None else TaskLink(kind=link.kind, id=link.id, href=link.href)


def _set_due(task: Task, due_at: datetime | None, due_on: date | None, zone: ZoneInfo) -> None:
    """One due: a moment (its local day kept beside it) or a day (no moment)."""
    if due_at is not None and due_on is not None:
        raise FieldError(
            "due_on", "Une seule échéance : une heure (due_at) ou une journée (due_on)."
        )
    if due_at is not None:
        task.due_at = due_at.astimezone(UTC)
        task.due_on = due_at.astimezone(zone).date()
    elif due_on is not None:
        task.due_at = None
        task.due_on = due_on
    else:
        raise FieldError("due_on", "Indiquez une échéance : une journée (due_on) ou une heure "
                         "(due_at).")  # fmt: skip


def _check_reminder(task: Task, zone: ZoneInfo) -> None:
    if task.reminder_at is None:
        return
    task.reminder_at = task.reminder_at.astimezone(UTC)  # answered as stored
    due = task.due_at or datetime.combine(task.due_on + timedelta(days=1), time(), zone)
    late = task.reminder_at > due if task.due_at is not None else task.reminder_at >= due
    if late:
        raise FieldError("reminder_at", "Le rappel doit précéder l'échéance de la tâche.")


def _set_link(
    session: Session, principal: Principal, task: Task, body: TaskCreate | TaskUpdate
) -> None:
    sent = body.model_fields_set
    kind = body.link_kind if "link_kind" in sent else task.link_kind
    link_id = body.link_id if "link_id" in sent else task.link_id
    if (kind is None) != (link_id is None):
        missing = "link_id" if link_id is None else "link_kind"
        raise FieldError(missing, "Un lien se donne entier : son type (link_kind) et la fiche "
                         "(link_id), ou aucun des deux.")  # fmt: skip
    if (
        kind is not None
        and link_id is not None
        and (kind, link_id)
        != (
            task.link_kind,
            task.link_id,
        )
    ):
        registry.check_link(session, principal, kind, link_id)
    task.link_kind, task.link_id = kind, link_id


def create_task(session: Session, principal: Principal, zone: ZoneInfo, body: TaskCreate) -> Task:
    task = Task(
        owner_id=principal.user_id,
        organisation_id=principal.organisation_id,
        title=body.title,
        notes=body.notes,
        reminder_at=body.reminder_at,
    )
    _set_due(task, body.due_at, body.due_on, zone)
    _check_reminder(task, zone)
    _set_link(session, principal, task, body)
    session.add(task)
    session.flush()
    return task


def add_task_for(
    session: Session,
    owner_id: int,
    title: str,
    due_on: date,
    *,
    notes: str = "",
    link: tuple[TaskLinkKind, int] | None = None,
) -> Task:
    """A task the application makes for a trainee (a job's relaunch of an inactive account, a
    detractor to call back): due on a day, linked to one of the owner's records the caller
    has already read. Flushed, so that its id can be kept."""
    organisation_id = session.scalar(select(User.organisation_id).where(User.id == owner_id))
    task = Task(
        owner_id=owner_id,
        organisation_id=organisation_id,
        title=title[:200],
        notes=notes,
        due_on=due_on,
        link_kind=link[0] if link else None,
        link_id=link[1] if link else None,
    )
    session.add(task)
    session.flush()
    return task


def list_tasks(
    session: Session,
    principal: Principal,
    page: PageParams,
    filters: TaskFilters,
    *,
    owner_id: int | None,
    sort: str | None,
) -> Page[TaskOut]:
    stmt = TaskRepository(session, principal).listing(filters, owner_id=owner_id, sort=sort)
    items, total = paginate(session, stmt, page)
    return page_of([task_out(t) for t in items], total, page)


def read_task(session: Session, principal: Principal, task_id: int) -> Task:
    return TaskRepository(session, principal).get_readable(task_id)


def update_task(
    session: Session, principal: Principal, zone: ZoneInfo, task_id: int, body: TaskUpdate
) -> Task:
    task = TaskRepository(session, principal).get_writable(task_id)
    check_version(task, body.version)
    sent = body.model_fields_set
    apply_patch(task, body, clearable={"reminder_at"}, skip=_OWN_RULES)
    for name in ("due_at", "due_on", "done"):
        if name in sent and getattr(body, name) is None:
            raise FieldError(name, "Ce champ ne peut pas être vidé.")
    if sent & {"due_at", "due_on"}:
        _set_due(task, body.due_at, body.due_on, zone)
    _check_reminder(task, zone)
    if sent & {"link_kind", "link_id"}:
        _set_link(session, principal, task, body)
    if body.done is not None and body.done != (task.done_at is not None):
        task.done_at = utcnow() if body.done else None
    session.flush()
    return task


def delete_task(session: Session, principal: Principal, task_id: int) -> None:
    session.delete(TaskRepository(session, principal).get_writable(task_id))
