"""Case routes: a case run under the business case's procedure, its steps, the salesperson's
decisions within their authority, the escalation of the file to a department and the
department's answer (given by a trainer)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Request, status

from app.auth.deps import CurrentPrincipal, OwnerFilter
from app.competences.evidence import about, shows_nothing
from app.competences.tagging import exercises
from app.core.db import DbSession
from app.core.pagination import Pagination, page_of, sort_query
from app.core.schemas import Id, Page
from app.follow_up import cases, decisions, escalations
from app.follow_up.repository import (
    CASE_SORTS,
    ESCALATION_SORTS,
    CaseRepository,
    EscalationRepository,
)
from app.follow_up.schemas import (
    CaseClose,
    CaseCreate,
    CaseDetail,
    CaseOut,
    DecisionCreate,
    DecisionOut,
    EscalationAnswer,
    EscalationCreate,
    EscalationOut,
    StepUpdate,
)
from app.models import CaseStatus, CaseType, EscalationDepartment, EscalationStatus, StepState

router = APIRouter(tags=["follow-up"])

# A case opened, a step done and a case closed follow the company's procedure (CP7.1);
# a decision within the limits shows CP7.3; an escalation with its handover note CP7.4.
PROCEDURE = exercises("CP7", criteria=["CP7.1"])
DECIDING = exercises("CP7", criteria=["CP7.3"])
ESCALATING = exercises("CP7", criteria=["CP7.4"])
READING = exercises("CP7", criteria=["CP7.1"], evidence=False)
# The department's answer is the trainer's, not evidence of the trainee's.
ANSWERING = exercises("CP7", criteria=["CP7.4"], evidence=False)
ERRORS: dict[int | str, dict[str, Any]] = {
    409: {"description": "Étape obligatoire manquante, au-delà de la délégation, dossier clos."}
}
StepCode = Annotated[str, Path(min_length=1, max_length=60, pattern=r"^[A-Za-z0-9_\-]+$")]


@router.post(
    "/cases",
    response_model=CaseDetail,
    status_code=status.HTTP_201_CREATED,
    summary="Ouvrir un dossier suivi selon la procédure du cas d'entreprise",
    responses=ERRORS,
    **PROCEDURE,
)
def create_follow_up_case(data: CaseCreate, session: DbSession, principal: CurrentPrincipal) -> Any:
    return cases.detail(session, cases.create(session, principal, data))


@router.get(
    "/cases",
    response_model=Page[CaseOut],
    summary="Dossiers (commandes, incidents, réclamations, litiges, impayés, retours)",
    **READING,
)
def list_follow_up_cases(
    session: DbSession,
    principal: CurrentPrincipal,
    page: Pagination,
    owner_id: OwnerFilter,
    sort: Annotated[str | None, sort_query(CASE_SORTS)] = None,
    prospect_id: Annotated[int | None, Query(ge=1, le=2**31 - 1)] = None,
    status_: Annotated[CaseStatus | None, Query(alias="status")] = None,
    case_type: CaseType | None = None,
) -> Page[Any]:
    items, total = CaseRepository(session, principal).page(
        page, owner_id=owner_id, prospect_id=prospect_id, status=status_, case_type=case_type,
        sort=sort,
    )  # fmt: skip
    return page_of(cases.rows(session, items), total, page)


@router.get(
    "/cases/{follow_up_case_id}",
    response_model=CaseDetail,
    summary="Un dossier : étapes faites, à faire, sautées ; décisions ; escalades",
    **READING,
)
def read_follow_up_case(
    follow_up_case_id: Id, session: DbSession, principal: CurrentPrincipal
) -> Any:
    return cases.detail(session, CaseRepository(session, principal).get_readable(follow_up_case_id))


@router.post(
    "/cases/{follow_up_case_id}/steps/{code}",
    response_model=CaseDetail,
    summary="Marquer une étape de la procédure : faite, sautée (avec la raison) ou à faire",
    responses=ERRORS,
    **PROCEDURE,
)
def set_case_step(
    follow_up_case_id: Id, code: StepCode, data: StepUpdate, request: Request, session: DbSession,
    principal: CurrentPrincipal,
) -> Any:  # fmt: skip
    found = CaseRepository(session, principal).get_writable(follow_up_case_id)
    done = cases.set_step(session, found, code, data.version, data.state, data.note)
    # Once per case and step done (a step put back to pending and done again counts once;
    # a step skipped or put back shows nothing).
    if data.state is StepState.DONE:
        about(request, "follow_up_cases", found.id, once_per=f"follow_up_cases:{found.id}:{code}")
    else:
        shows_nothing(request)
    return cases.detail(session, done)


@router.post(
    "/cases/{follow_up_case_id}/close",
    response_model=CaseDetail,
    summary="Clore un dossier (409 si une étape obligatoire manque)",
    responses=ERRORS,
    **PROCEDURE,
)
def close_case(
    follow_up_case_id: Id, data: CaseClose, session: DbSession, principal: CurrentPrincipal
) -> Any:
    found = CaseRepository(session, principal).get_writable(follow_up_case_id)
    return cases.detail(session, cases.close(session, found, data.version, data.outcome))


@router.post(
    "/cases/{follow_up_case_id}/decisions",
    response_model=DecisionOut,
    status_code=status.HTTP_201_CREATED,
    summary="Accorder un geste, un avoir, un remplacement, un délai (dans sa délégation)",
    responses=ERRORS,
    **DECIDING,
)
def create_case_decision(
    follow_up_case_id: Id, data: DecisionCreate, session: DbSession, principal: CurrentPrincipal
) -> Any:
    found = CaseRepository(session, principal).get_writable(follow_up_case_id)
    return decisions.create(session, principal, found, data)


@router.post(
    "/cases/{follow_up_case_id}/escalations",
    response_model=EscalationOut,
    status_code=status.HTTP_201_CREATED,
    summary="Transmettre le dossier à un service, avec la note de passation",
    responses=ERRORS,
    **ESCALATING,
)
def create_escalation(
    follow_up_case_id: Id, data: EscalationCreate, session: DbSession, principal: CurrentPrincipal
) -> Any:
    found = CaseRepository(session, principal).get_writable(follow_up_case_id)
    return escalations.rows(session, [escalations.send(session, principal, found, data)])[0]


@router.get(
    "/escalations",
    response_model=Page[EscalationOut],
    summary="Dossiers transmis aux services (à répondre : status=sent)",
    **READING,
)
def list_escalations(
    session: DbSession,
    principal: CurrentPrincipal,
    page: Pagination,
    owner_id: OwnerFilter,
    sort: Annotated[str | None, sort_query(ESCALATION_SORTS)] = None,
    status_: Annotated[EscalationStatus | None, Query(alias="status")] = None,
    department: EscalationDepartment | None = None,
    case_id: Annotated[int | None, Query(ge=1, le=2**31 - 1)] = None,
) -> Page[Any]:
    items, total = EscalationRepository(session, principal).page(
        page, owner_id=owner_id, status=status_, department=department, case_id=case_id,
        sort=sort,
    )  # fmt: skip
    return page_of(escalations.rows(session, items), total, page)


@router.post(
    "/escalations/{escalation_id}/answer",
    response_model=EscalationOut,
    summary="Répondre au nom du service (formateur)",
    responses=ERRORS,
    **ANSWERING,
)
def answer_escalation(
    escalation_id: Id, data: EscalationAnswer, session: DbSession, principal: CurrentPrincipal
) -> Any:
    found = EscalationRepository(session, principal).get_readable(escalation_id)
    done = escalations.answer(session, principal, found, data.version, data.answer)
    return escalations.rows(session, [done])[0]
