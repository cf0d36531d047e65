"""Relaunch plan routes: the plan (steps, stop conditions), its enrolments (customers run
through it, each due step recorded or refused by the channel policy), its messages."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Response, status

from app.auth.deps import AppSettings, CurrentPrincipal, OwnerFilter
from app.competences.tagging import exercises
from app.core.db import DbSession, work_first
from app.core.pagination import Pagination, page_of, sort_query
from app.core.schemas import Id, Page
from app.loyalty import customers, messaging, plans
from app.loyalty.repository import PLAN_SORTS, EnrolmentRepository, RelaunchPlanRepository
from app.loyalty.schemas import (
    AdvanceOut,
    EnrolIn,
    EnrolmentOut,
    EnrolOut,
    MessageOut,
    RelaunchPlanCreate,
    RelaunchPlanOut,
    RelaunchPlanUpdate,
)

router = APIRouter(tags=["loyalty"])

# A plan built shows the digital tools in the loyalty approach (CP8.5); customers enrolled are
# accounts relaunched (CP8.4); editing a plan or processing its due steps shows nothing new.
BUILDING = exercises("CP8", criteria=["CP8.5"])
EDITING = exercises("CP8", criteria=["CP8.5"], evidence=False)
ENROLLING = exercises("CP8", criteria=["CP8.4"])
RUNNING = exercises("CP8", criteria=["CP8.4"], evidence=False)
ERRORS: dict[int | str, dict[str, Any]] = {409: {"description": "Plan suivi par des clients."}}


def _one(session: DbSession, plan: Any) -> Any:
    return plans.plans_out(session, [plan])[0]


@router.post(
    "/relaunch-plans",
    response_model=RelaunchPlanOut,
    status_code=status.HTTP_201_CREATED,
    summary="Créer un plan de relance",
    **BUILDING,
)
def create_relaunch_plan(
    data: RelaunchPlanCreate, session: DbSession, principal: CurrentPrincipal
) -> Any:
    ctx = customers.context(session, customers.owner_of(principal, None))
    return _one(session, plans.create(ctx, data))


@router.get(
    "/relaunch-plans", response_model=Page[RelaunchPlanOut], summary="Plans de relance", **EDITING
)
def list_relaunch_plans(
    session: DbSession,
    principal: CurrentPrincipal,
    page: Pagination,
    owner_id: OwnerFilter,
    sort: Annotated[str | None, sort_query(PLAN_SORTS)] = None,
) -> Page[Any]:
    items, total = RelaunchPlanRepository(session, principal).page(
        page, owner_id=owner_id, sort=sort
    )
    return page_of(plans.plans_out(session, items), total, page)


@router.get(
    "/relaunch-plans/{relaunch_plan_id}",
    response_model=RelaunchPlanOut,
    summary="Un plan de relance",
    **EDITING,
)
def read_relaunch_plan(
    relaunch_plan_id: Id, session: DbSession, principal: CurrentPrincipal
) -> Any:
    return _one(session, RelaunchPlanRepository(session, principal).get_readable(relaunch_plan_id))


@router.patch(
    "/relaunch-plans/{relaunch_plan_id}",
    response_model=RelaunchPlanOut,
    summary="Modifier un plan de relance",
    responses=ERRORS,
    **EDITING,
)
def update_relaunch_plan(
    relaunch_plan_id: Id, data: RelaunchPlanUpdate, session: DbSession, principal: CurrentPrincipal
) -> Any:
    plan = RelaunchPlanRepository(session, principal).get_writable(relaunch_plan_id)
    ctx = customers.context(session, plan.owner_id)
    return _one(session, plans.update(ctx, plan, data))


@router.delete(
    "/relaunch-plans/{relaunch_plan_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    summary="Supprimer un plan de relance",
    **EDITING,
)
def delete_relaunch_plan(
    relaunch_plan_id: Id, session: DbSession, principal: CurrentPrincipal
) -> Response:
    plans.delete(session, RelaunchPlanRepository(session, principal).get_writable(relaunch_plan_id))
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.post(
    "/relaunch-plans/{relaunch_plan_id}/enrolments",
    response_model=EnrolOut,
    status_code=status.HTTP_201_CREATED,
    summary="Inscrire des clients au plan (les étapes dues passent la politique des canaux)",
    responses={409: {"description": "Aucun client à inscrire."}},
    **ENROLLING,
    dependencies=[Depends(work_first)],
)
def enrol_customers(
    relaunch_plan_id: Id,
    data: EnrolIn,
    session: DbSession,
    principal: CurrentPrincipal,
    settings: AppSettings,
) -> Any:
    plan = RelaunchPlanRepository(session, principal).get_writable(relaunch_plan_id)
    ctx = customers.context(session, plan.owner_id)

    ctx.prepare_writes()
    return plans.enrol(ctx, settings, principal, plan, data)


@router.get(
    "/relaunch-plans/{relaunch_plan_id}/enrolments",
    response_model=Page[EnrolmentOut],
    summary="Les clients d'un plan et où ils en sont",
    **EDITING,
)
def list_enrolments(
    relaunch_plan_id: Id, session: DbSession, principal: CurrentPrincipal, page: Pagination
) -> Page[Any]:
    RelaunchPlanRepository(session, principal).get_readable(relaunch_plan_id)
    items, total = EnrolmentRepository(session, principal).page(page, plan_id=relaunch_plan_id)
    return page_of(plans.enrolments_out(session, items), total, page)


@router.get(
    "/relaunch-plans/{relaunch_plan_id}/messages",
    response_model=list[MessageOut],
    summary="Les messages d'un plan : enregistrés ou refusés avec la règle",
    **EDITING,
)
def list_plan_messages(
    relaunch_plan_id: Id, session: DbSession, principal: CurrentPrincipal
) -> Any:
    plan = RelaunchPlanRepository(session, principal).get_readable(relaunch_plan_id)
    return messaging.messages_out(session, plans.plan_messages(session, plan))


@router.post(
    "/relaunch-plans/{relaunch_plan_id}/advance",
    response_model=AdvanceOut,
    summary="Traiter les étapes arrivées à échéance (ce que fait la tâche quotidienne)",
    **RUNNING,
    dependencies=[Depends(work_first)],
)
def advance_plan(
    relaunch_plan_id: Id, session: DbSession, principal: CurrentPrincipal, settings: AppSettings
) -> Any:
    plan = RelaunchPlanRepository(session, principal).get_writable(relaunch_plan_id)
    ctx = customers.context(session, plan.owner_id)

    ctx.prepare_writes()
    done = plans.advance(ctx, settings, plan)
    return {
        "on": ctx.book.today,
        "processed": len(done),
        "messages": messaging.messages_out(session, done),
    }
