"""PAC routes: plans, objectives, actions, progress, coherence findings, the workflow and a
cohort's progress for the trainer."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request, Response, status

from app.auth.deps import CurrentPrincipal, OwnerFilter, PlanValidator
from app.common.clock import utcnow
from app.competences.evidence import about, note_criteria
from app.competences.tagging import exercises
from app.core import structs
from app.core.db import DbSession
from app.core.pagination import Pagination, page_of, sort_query
from app.core.schemas import Day, Id, Page
from app.models import PlanStatus
from app.plans import coherence, progress, service
from app.plans.repository import (
    PLAN_SORTS,
    ActionRepository,
    ObjectiveRepository,
    PlanRepository,
)
from app.plans.schemas import (
    ActionCreate,
    ActionOut,
    ActionUpdate,
    Finding,
    ObjectiveCreate,
    ObjectiveOut,
    ObjectiveProgress,
    ObjectiveUpdate,
    PlanCreate,
    PlanDetail,
    PlanOut,
    PlanStep,
    PlanUpdate,
    TraineeProgress,
)

router = APIRouter(tags=["plans"])

# A cohort's progress is thousands of rows built by the service in the response's shape:
# encoded in one pass (``structs.respond``; the route's response_model documents it) rather
# than validated into models first, which cost as much as computing them.
_json = structs.respond


PLAN = exercises("CP2")
# Building the plan shows the competence when it is submitted (with the criteria its
# coherence checks bear out), not at each objective or action typed.
PLANNING = exercises("CP2", criteria=["CP2.5"], evidence=False)


def _plan(session: DbSession, principal: CurrentPrincipal, plan_id: int, *, write: bool) -> Any:
    repository = PlanRepository(session, principal)
    return repository.get_writable(plan_id) if write else repository.get_readable(plan_id)


@router.get(
    "/plans",
    response_model=Page[PlanOut],
    summary="Plans d'actions commerciales (les siens ; ceux des stagiaires suivis)",
    **PLAN,
)
def list_plans(
    session: DbSession,
    principal: CurrentPrincipal,
    page: Pagination,
    owner_id: OwnerFilter,
    sort: Annotated[str | None, sort_query(PLAN_SORTS)] = None,
    status_: Annotated[PlanStatus | None, Query(alias="status")] = None,
) -> Page[Any]:
    items, total = PlanRepository(session, principal).page(
        page, owner_id=owner_id, status=status_, sort=sort
    )
    return page_of(service.plan_rows(session, items), total, page)


@router.post(
    "/plans",
    response_model=PlanDetail,
    status_code=status.HTTP_201_CREATED,
    summary="Créer un plan pour une période, sous le cas d'entreprise attribué",
    **PLAN,
)
def create_plan(data: PlanCreate, session: DbSession, principal: CurrentPrincipal) -> Any:
    return service.plan_detail(session, service.create_plan(session, principal, data))


@router.get(
    "/plans/cohort-progress",
    response_model=list[TraineeProgress],
    summary="Avancement des plans d'une promotion (le plan en cours de chaque stagiaire)",
)
def cohort_progress(
    session: DbSession,
    principal: PlanValidator,
    cohort_id: Annotated[int, Query(ge=1, le=2**31 - 1)],
    on: Annotated[Day | None, Query(description="Date d'observation (aujourd'hui).")] = None,
) -> Any:
    return _json(progress.cohort(session, principal, cohort_id, on or utcnow().date()))


@router.get(
    "/plans/{plan_id}",
    response_model=PlanDetail,
    summary="Un plan, ses objectifs et ses actions",
    **PLAN,
)
def read_plan(plan_id: Id, session: DbSession, principal: CurrentPrincipal) -> Any:
    return service.plan_detail(session, _plan(session, principal, plan_id, write=False))


@router.patch(
    "/plans/{plan_id}", response_model=PlanDetail, summary="Renommer, annoter", **PLANNING
)
def update_plan(
    plan_id: Id, data: PlanUpdate, session: DbSession, principal: CurrentPrincipal
) -> Any:
    plan = _plan(session, principal, plan_id, write=True)
    return service.plan_detail(session, service.update_plan(session, plan, data))


@router.delete(
    "/plans/{plan_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    summary="Supprimer un brouillon",
    **PLANNING,
)
def delete_plan(plan_id: Id, session: DbSession, principal: CurrentPrincipal) -> Response:
    service.delete_plan(session, _plan(session, principal, plan_id, write=True))
    return Response(status_code=status.HTTP_204_NO_CONTENT)


# ----------------------------------------------------------------- objectives


@router.post(
    "/plans/{plan_id}/objectives",
    response_model=ObjectiveOut,
    status_code=status.HTTP_201_CREATED,
    summary="Ajouter un objectif ou un sous-objectif (décomposition)",
    **PLANNING,
)
def add_objective(
    plan_id: Id, data: ObjectiveCreate, session: DbSession, principal: CurrentPrincipal
) -> Any:
    plan = _plan(session, principal, plan_id, write=True)
    return service.add_objective(session, principal, plan, data)


@router.put(
    "/plans/{plan_id}/objectives/{objective_id}",
    response_model=ObjectiveOut,
    summary="Modifier un objectif",
    **PLANNING,
)
def update_objective(
    plan_id: Id,
    objective_id: Id,
    data: ObjectiveUpdate,
    session: DbSession,
    principal: CurrentPrincipal,
) -> Any:
    plan = _plan(session, principal, plan_id, write=True)
    objective = ObjectiveRepository(session, principal).in_plan(plan.id, objective_id)
    return service.update_objective(session, plan, objective, data)


@router.delete(
    "/plans/{plan_id}/objectives/{objective_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    summary="Supprimer un objectif (et ses sous-objectifs)",
    **PLANNING,
)
def delete_objective(
    plan_id: Id, objective_id: Id, session: DbSession, principal: CurrentPrincipal
) -> Response:
    plan = _plan(session, principal, plan_id, write=True)
    objective = ObjectiveRepository(session, principal).in_plan(plan.id, objective_id)
    service.delete_objective(session, plan, objective)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


# ----------------------------------------------------------------- actions


@router.post(
    "/plans/{plan_id}/actions",
    response_model=ActionOut,
    status_code=status.HTTP_201_CREATED,
    summary="Planifier une action (objectifs servis, ressources, campagnes et tournées liées)",
    **PLANNING,
)
def add_action(
    plan_id: Id, data: ActionCreate, session: DbSession, principal: CurrentPrincipal
) -> Any:
    plan = _plan(session, principal, plan_id, write=True)
    action = service.save_action(session, principal, plan, data)
    return service.actions_view(session, [action])[0]


@router.put(
    "/plans/{plan_id}/actions/{action_id}",
    response_model=ActionOut,
    summary="Remplacer une action (ses contributions et ses liens avec)",
    **PLANNING,
)
def replace_action(
    plan_id: Id,
    action_id: Id,
    data: ActionUpdate,
    session: DbSession,
    principal: CurrentPrincipal,
) -> Any:
    plan = _plan(session, principal, plan_id, write=True)
    action = ActionRepository(session, principal).in_plan(plan.id, action_id)
    saved = service.save_action(session, principal, plan, data, action)
    return service.actions_view(session, [saved])[0]


@router.delete(
    "/plans/{plan_id}/actions/{action_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    summary="Supprimer une action",
    **PLANNING,
)
def delete_action(
    plan_id: Id, action_id: Id, session: DbSession, principal: CurrentPrincipal
) -> Response:
    plan = _plan(session, principal, plan_id, write=True)
    action = ActionRepository(session, principal).in_plan(plan.id, action_id)
    service.delete_action(session, plan, action)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.get(
    "/plan-actions/{action_id}",
    response_model=ActionOut,
    summary="Une action planifiée (et son plan : plan_id), où qu'elle soit liée",
    **PLAN,
)
def read_action(action_id: Id, session: DbSession, principal: CurrentPrincipal) -> Any:
    action = ActionRepository(session, principal).get_readable(action_id)
    return service.actions_view(session, [action])[0]


# ----------------------------------------------------------------- reading the plan


@router.get(
    "/plans/{plan_id}/progress",
    response_model=list[ObjectiveProgress],
    summary="Avancement : chaque objectif, son réalisé à date, l'écart et le statut",
)
def read_progress(
    plan_id: Id,
    session: DbSession,
    principal: CurrentPrincipal,
    on: Annotated[Day | None, Query(description="Date d'observation (aujourd'hui).")] = None,
) -> Any:
    plan = _plan(session, principal, plan_id, write=False)
    return _json(progress.progress(session, [plan], on or utcnow().date())[plan.id])


@router.get(
    "/plans/{plan_id}/findings",
    response_model=list[Finding],
    summary="Vérifications de cohérence : ciblage, activités, politique, géographie, sommes",
)
def read_findings(plan_id: Id, session: DbSession, principal: CurrentPrincipal) -> Any:
    plan = _plan(session, principal, plan_id, write=False)
    return coherence.findings(session, principal, plan)


# ----------------------------------------------------------------- workflow


@router.post(
    "/plans/{plan_id}/submit",
    response_model=PlanDetail,
    summary="Soumettre le plan au formateur (refusé si une décomposition ne tombe pas juste)",
    **PLAN,
)
def submit_plan(
    plan_id: Id, data: PlanStep, request: Request, session: DbSession, principal: CurrentPrincipal
) -> Any:
    plan = _plan(session, principal, plan_id, write=True)
    service.submit(session, plan, data.version)
    # The criteria the plan's coherence bears out (means within policy, targeting, coverage
    # of the objectives, geography), noted with the submission.
    note_criteria(request, *coherence.criteria_shown(coherence.findings(session, principal, plan)))
    about(request, "plans", plan.id)
    return service.plan_detail(session, plan)


@router.post(
    "/plans/{plan_id}/validate",
    response_model=PlanDetail,
    summary="Valider un plan soumis (formateur) : il est figé",
)
def validate_plan(plan_id: Id, data: PlanStep, session: DbSession, principal: PlanValidator) -> Any:
    plan = _plan(session, principal, plan_id, write=False)
    service.decide(session, principal, plan, data.version, validate=True, comment=data.comment)
    return service.plan_detail(session, plan)


@router.post(
    "/plans/{plan_id}/return",
    response_model=PlanDetail,
    summary="Renvoyer un plan soumis avec un commentaire (formateur)",
)
def return_plan(plan_id: Id, data: PlanStep, session: DbSession, principal: PlanValidator) -> Any:
    plan = _plan(session, principal, plan_id, write=False)
    service.decide(session, principal, plan, data.version, validate=False, comment=data.comment)
    return service.plan_detail(session, plan)


@router.post(
    "/plans/{plan_id}/revise",
    response_model=PlanDetail,
    status_code=status.HTTP_201_CREATED,
    summary="Réviser un plan validé : un nouveau brouillon qui en reprend le contenu",
    **PLAN,
)
def revise_plan(
    plan_id: Id, data: PlanStep, session: DbSession, principal: CurrentPrincipal
) -> Any:
    plan = _plan(session, principal, plan_id, write=True)
    return service.plan_detail(session, service.revise(session, principal, plan, data.version))
