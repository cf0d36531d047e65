"""Gap analysis routes (CP4.1, CP4.2, CP4.4): analyses and their figures, the diagnostic
rules and the causes, corrective actions with their feasibility; the cohort dashboard."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request, Response, status

from app.analyses import actions, dashboard, service
from app.analyses.repository import AnalysisRepository, CorrectiveRepository
from app.analyses.schemas import (
    AnalysisCreate,
    AnalysisFigures,
    AnalysisOut,
    CauseCreate,
    CauseDecision,
    CauseOut,
    CorrectiveAccept,
    CorrectiveCreate,
    CorrectiveOut,
    CorrectiveProposal,
    CorrectiveUpdate,
    DashboardOut,
    DiagnosisOut,
    DiagnosticRuleOut,
    FeasibilityOut,
)
from app.auth.deps import CurrentPrincipal, OwnerFilter
from app.common.clock import utcnow
from app.competences.evidence import about, shows_nothing
from app.competences.tagging import exercises
from app.config import today_local
from app.core.db import DbSession, work_first
from app.core.pagination import Pagination, page_of
from app.core.schemas import Day, Id, Page

router = APIRouter(tags=["analyses"])

ANALYSING = exercises("CP4", criteria=["CP4.1"])
READING = exercises("CP4", criteria=["CP4.1"], evidence=False)
CAUSES = exercises("CP4", criteria=["CP4.2"])
CAUSES_READ = exercises("CP4", criteria=["CP4.2"], evidence=False)
ACTIONS_DRAFT = exercises("CP4", criteria=["CP4.4"], evidence=False)
# An accepted corrective action is a planned action of the next PAC (CP2.5) that is feasible.
ACCEPTING = exercises("CP4", "CP2", criteria=["CP4.4", "CP2.5"])


# --------------------------------------------------------------------------- analyses


@router.post(
    "/analyses",
    response_model=AnalysisOut,
    status_code=status.HTTP_201_CREATED,
    summary="Analyser une période (celle d'un plan, ou des dates)",
    **ANALYSING,
)
def create_analysis(data: AnalysisCreate, session: DbSession, principal: CurrentPrincipal) -> Any:
    analysis = service.create(session, principal, data)
    return service.analyses_out(session, [analysis])[0]


@router.get("/analyses", response_model=Page[AnalysisOut], summary="Analyses", **READING)
def list_analyses(
    session: DbSession, principal: CurrentPrincipal, page: Pagination, owner_id: OwnerFilter
) -> Page[Any]:
    items, total = AnalysisRepository(session, principal).page(page, owner_id=owner_id)
    return page_of(service.analyses_out(session, items), total, page)


@router.get("/analyses/{analysis_id}", response_model=AnalysisOut, summary="Une analyse", **READING)
def read_analysis(analysis_id: Id, session: DbSession, principal: CurrentPrincipal) -> Any:
    analysis = AnalysisRepository(session, principal).get_readable(analysis_id)
    return service.analyses_out(session, [analysis])[0]


@router.delete(
    "/analyses/{analysis_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    summary="Supprimer une analyse (ses causes, actions non acceptées et sa note)",
    **READING,
)
def delete_analysis(analysis_id: Id, session: DbSession, principal: CurrentPrincipal) -> Response:
    service.delete(session, principal, analysis_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.get(
    "/analyses/{analysis_id}/figures",
    response_model=AnalysisFigures,
    summary="Les chiffres de l'analyse : objectifs, tunnel, activité, Pareto, tendance",
    **READING,
)
def analysis_figures(analysis_id: Id, session: DbSession, principal: CurrentPrincipal) -> Any:
    analysis = AnalysisRepository(session, principal).get_readable(analysis_id)
    found = service.figures(session, analysis)
    return {"analysis_id": analysis.id, "computed_at": utcnow(), **found}


# --------------------------------------------------------------------------- causes


@router.get(
    "/analysis-rules",
    response_model=list[DiagnosticRuleOut],
    summary="Le catalogue des règles de diagnostic",
    **CAUSES_READ,
)
def list_rules(principal: CurrentPrincipal) -> Any:
    return service.rules_out()


@router.post(
    "/analyses/{analysis_id}/diagnose",
    response_model=DiagnosisOut,
    summary="Chercher les causes des écarts (règles de diagnostic)",
    dependencies=[Depends(work_first)],
    **exercises("CP4", criteria=["CP4.2"], evidence=False),
)
def diagnose_analysis(analysis_id: Id, session: DbSession, principal: CurrentPrincipal) -> Any:
    run, ids = service.diagnose(session, principal, analysis_id)
    analysis = AnalysisRepository(session, principal).get_readable(analysis_id)
    causes = service.causes_of(session, analysis)
    return {
        "analysis_id": analysis_id,
        "rules_run": run,
        "found": len(ids),
        "causes": [service.cause_out(c) for c in causes],
    }


@router.get(
    "/analyses/{analysis_id}/causes",
    response_model=list[CauseOut],
    summary="Les causes de l'analyse",
    **CAUSES_READ,
)
def list_causes(analysis_id: Id, session: DbSession, principal: CurrentPrincipal) -> Any:
    analysis = AnalysisRepository(session, principal).get_readable(analysis_id)
    return [service.cause_out(c) for c in service.causes_of(session, analysis)]


@router.post(
    "/analyses/{analysis_id}/causes",
    response_model=CauseOut,
    status_code=status.HTTP_201_CREATED,
    summary="Ajouter une cause",
    **CAUSES,
)
def add_cause(
    analysis_id: Id, data: CauseCreate, session: DbSession, principal: CurrentPrincipal
) -> Any:
    return service.cause_out(service.add_cause(session, principal, analysis_id, data))


@router.post(
    "/causes/{cause_id}/decision",
    response_model=CauseOut,
    summary="Confirmer ou rejeter une cause",
    **CAUSES,
)
def decide_cause(
    cause_id: Id,
    data: CauseDecision,
    request: Request,
    session: DbSession,
    principal: CurrentPrincipal,
) -> Any:
    cause, confirmed = service.decide(session, principal, cause_id, data)
    if confirmed:
        about(request, "analysis_causes", cause.id, once_per=f"cause-confirmed:{cause.id}")
    else:
        shows_nothing(request)
    return service.cause_out(cause)


@router.delete(
    "/causes/{cause_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    summary="Supprimer une cause ajoutée",
    **CAUSES_READ,
)
def delete_cause(cause_id: Id, session: DbSession, principal: CurrentPrincipal) -> Response:
    service.delete_cause(session, principal, cause_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.get(
    "/causes/{cause_id}/proposals",
    response_model=list[CorrectiveProposal],
    summary="Les actions correctives proposées pour une cause",
    **ACTIONS_DRAFT,
)
def cause_proposals(cause_id: Id, session: DbSession, principal: CurrentPrincipal) -> Any:
    return actions.proposals(session, principal, cause_id)


# --------------------------------------------------------------------------- corrective actions


@router.get(
    "/analyses/{analysis_id}/actions",
    response_model=list[CorrectiveOut],
    summary="Les actions correctives de l'analyse",
    **ACTIONS_DRAFT,
)
def list_corrective_actions(
    analysis_id: Id, session: DbSession, principal: CurrentPrincipal
) -> Any:
    analysis = AnalysisRepository(session, principal).get_readable(analysis_id)
    return actions.actions_of(session, analysis)


@router.post(
    "/analyses/{analysis_id}/actions",
    response_model=CorrectiveOut,
    status_code=status.HTTP_201_CREATED,
    summary="Écrire une action corrective",
    **ACTIONS_DRAFT,
)
def create_corrective_action(
    analysis_id: Id, data: CorrectiveCreate, session: DbSession, principal: CurrentPrincipal
) -> Any:
    return actions.create(session, principal, analysis_id, data)


@router.get(
    "/corrective-actions/{corrective_id}",
    response_model=CorrectiveOut,
    summary="Une action corrective",
    **ACTIONS_DRAFT,
)
def read_corrective_action(
    corrective_id: Id, session: DbSession, principal: CurrentPrincipal
) -> Any:
    return CorrectiveRepository(session, principal).get_readable(corrective_id)


@router.patch(
    "/corrective-actions/{corrective_id}",
    response_model=CorrectiveOut,
    summary="Modifier ou abandonner une action corrective",
    **ACTIONS_DRAFT,
)
def update_corrective_action(
    corrective_id: Id, data: CorrectiveUpdate, session: DbSession, principal: CurrentPrincipal
) -> Any:
    return actions.update(session, principal, corrective_id, data)


@router.delete(
    "/corrective-actions/{corrective_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    summary="Supprimer une action corrective non acceptée",
    **ACTIONS_DRAFT,
)
def delete_corrective_action(
    corrective_id: Id, session: DbSession, principal: CurrentPrincipal
) -> Response:
    actions.delete(session, principal, corrective_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.get(
    "/corrective-actions/{corrective_id}/feasibility",
    response_model=FeasibilityOut,
    summary="Vérifier qu'une action est réalisable (agenda, budget, politique)",
    **ACTIONS_DRAFT,
)
def corrective_action_feasibility(
    corrective_id: Id,
    session: DbSession,
    principal: CurrentPrincipal,
    plan_id: Annotated[Id | None, Query(description="Le plan suivant envisagé.")] = None,
) -> Any:
    action = CorrectiveRepository(session, principal).get_readable(corrective_id)
    plan = actions.plan_for_check(session, principal, action, plan_id)
    checks = actions.feasibility(session, action, plan)
    return {"action_id": action.id, "feasible": all(c["ok"] for c in checks), "checks": checks}


@router.post(
    "/corrective-actions/{corrective_id}/accept",
    response_model=CorrectiveOut,
    summary="Accepter l'action : une action du plan suivant et une tâche de l'agenda",
    responses={409: {"description": "Action non réalisable (action-not-feasible)."}},
    **ACCEPTING,
)
def accept_corrective_action(
    corrective_id: Id,
    data: CorrectiveAccept,
    request: Request,
    session: DbSession,
    principal: CurrentPrincipal,
) -> Any:
    action, _ = actions.accept(session, principal, corrective_id, data)
    about(request, "corrective_actions", action.id)
    return action


# --------------------------------------------------------------------------- cohort dashboard


@router.get(
    "/cohorts/{cohort_id}/dashboard",
    response_model=DashboardOut,
    summary="Tableau de bord de la promotion (formateur)",
    **READING,
)
def cohort_dashboard(
    cohort_id: Id,
    session: DbSession,
    principal: CurrentPrincipal,
    start: Annotated[Day | None, Query(alias="from")] = None,
    end: Annotated[Day | None, Query(alias="to")] = None,
) -> Any:
    today = today_local()
    end = end or today
    start = start or date(end.year, end.month, 1)
    return dashboard.dashboard(session, principal, cohort_id, start, end)
