"""Tasks: to-dos with a due day or moment, a reminder and a link to a record (CP2.3: the
CRM's tools used to plan). Creating a task is evidence; editing, ticking and deleting are
not (app/competences/README.md)."""

from __future__ import annotations

from typing import Annotated
from zoneinfo import ZoneInfo

from fastapi import APIRouter, Query, Response, status

from app.agenda import tasks
from app.agenda.repository import TASK_SORTS, TaskFilters
from app.agenda.schemas import TaskCreate, TaskOut, TaskUpdate
from app.auth.deps import AppSettings, CurrentPrincipal, OwnerFilter
from app.competences.tagging import exercises
from app.core.db import DbSession
from app.core.pagination import Pagination, sort_query
from app.core.schemas import Day, Id, Page
from app.models import TaskLinkKind

router = APIRouter(tags=["agenda"])

TASKS = exercises("CP2", "CT3", criteria=["CP2.3"])
# An edit, a tick or an untick shows no more than the task created.
TASK_EDIT = exercises("CP2", "CT3", criteria=["CP2.3"], evidence=False)


@router.get("/tasks", response_model=Page[TaskOut], summary="Tâches", **TASKS)
def list_tasks(
    session: DbSession,
    principal: CurrentPrincipal,
    page: Pagination,
    owner_id: OwnerFilter,
    sort: Annotated[str | None, sort_query(TASK_SORTS)] = None,
    done: Annotated[bool | None, Query(description="Faites (true) ou à faire (false).")] = None,
    due_from: Annotated[Day | None, Query(description="Échéance à partir du jour.")] = None,
    due_to: Annotated[Day | None, Query(description="Échéance jusqu'au jour (inclus).")] = None,
    link_kind: TaskLinkKind | None = None,
    link_id: Id | None = None,
) -> Page[TaskOut]:
    filters = TaskFilters(done, due_from, due_to, link_kind, link_id)
    return tasks.list_tasks(session, principal, page, filters, owner_id=owner_id, sort=sort)


@router.post("/tasks", response_model=TaskOut, status_code=status.HTTP_201_CREATED,
             summary="Créer une tâche", **TASKS)  # fmt: skip
def create_task(
    body: TaskCreate, session: DbSession, principal: CurrentPrincipal, settings: AppSettings
) -> TaskOut:
    created = tasks.create_task(session, principal, ZoneInfo(settings.timezone), body)
    return tasks.task_out(created)


@router.get("/tasks/{task_id}", response_model=TaskOut, summary="Une tâche", **TASKS)
def read_task(task_id: Id, session: DbSession, principal: CurrentPrincipal) -> TaskOut:
    return tasks.task_out(tasks.read_task(session, principal, task_id))


@router.patch("/tasks/{task_id}", response_model=TaskOut,
              summary="Modifier une tâche, la cocher ou la décocher", **TASK_EDIT)  # fmt: skip
def update_task(
    task_id: Id,
    body: TaskUpdate,
    session: DbSession,
    principal: CurrentPrincipal,
    settings: AppSettings,
) -> TaskOut:
    updated = tasks.update_task(session, principal, ZoneInfo(settings.timezone), task_id, body)
    return tasks.task_out(updated)


@router.delete("/tasks/{task_id}", status_code=status.HTTP_204_NO_CONTENT,
               summary="Supprimer une tâche", **TASKS)  # fmt: skip
def delete_task(task_id: Id, session: DbSession, principal: CurrentPrincipal) -> Response:
    tasks.delete_task(session, principal, task_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
