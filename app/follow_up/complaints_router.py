"""Complaint routes: a complaint received, the solution proposed (within the authority),
the client's answer and satisfaction; lists with lateness against the due dates."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request, status

from app.auth.deps import CurrentPrincipal, OwnerFilter
from app.competences.evidence import about
from app.competences.tagging import exercises
from app.core.db import DbSession
from app.core.pagination import Pagination, page_of, sort_query
from app.core.schemas import Id, Page
from app.follow_up import complaints, policy
from app.follow_up.repository import COMPLAINT_SORTS, ComplaintRepository
from app.follow_up.schemas import ComplaintAnswer, ComplaintCreate, ComplaintOut, ComplaintSolution
from app.models import ComplaintStatus

router = APIRouter(tags=["follow-up"])

# Recording a complaint runs the procedure (CP7.1, once per complaint); the solution
# proposed is the complaint handled (CP7.2, once per solution); the client's answer is theirs.
RECEIVING = exercises("CP7", criteria=["CP7.1"])
SOLVING = exercises("CP7", criteria=["CP7.2"])
READING = exercises("CP7", criteria=["CP7.2"], evidence=False)
ERRORS: dict[int | str, dict[str, Any]] = {
    409: {"description": "Au-delà de la délégation (la limite nommée), réclamation close."}
}


@router.post(
    "/complaints",
    response_model=ComplaintOut,
    status_code=status.HTTP_201_CREATED,
    summary="Enregistrer une réclamation (ouvre son dossier de procédure)",
    responses=ERRORS,
    **RECEIVING,
)
def create_complaint(data: ComplaintCreate, session: DbSession, principal: CurrentPrincipal) -> Any:
    return complaints.rows(session, [complaints.create(session, principal, data)])[0]


@router.get(
    "/complaints",
    response_model=Page[ComplaintOut],
    summary="Réclamations (hors délai : late=true)",
    **READING,
)
def list_complaints(
    session: DbSession,
    principal: CurrentPrincipal,
    page: Pagination,
    owner_id: OwnerFilter,
    sort: Annotated[str | None, sort_query(COMPLAINT_SORTS)] = None,
    prospect_id: Annotated[int | None, Query(ge=1, le=2**31 - 1)] = None,
    status_: Annotated[ComplaintStatus | None, Query(alias="status")] = None,
    late: bool = False,
) -> Page[Any]:
    items, total = ComplaintRepository(session, principal).page(
        page, owner_id=owner_id, prospect_id=prospect_id, status=status_,
        late_on=policy.today() if late else None, sort=sort,
    )  # fmt: skip
    return page_of(complaints.rows(session, items), total, page)


@router.get(
    "/complaints/{complaint_id}",
    response_model=ComplaintOut,
    summary="Une réclamation et ses délais",
    **READING,
)
def read_complaint(complaint_id: Id, session: DbSession, principal: CurrentPrincipal) -> Any:
    found = ComplaintRepository(session, principal).get_readable(complaint_id)
    return complaints.rows(session, [found])[0]


@router.post(
    "/complaints/{complaint_id}/solution",
    response_model=ComplaintOut,
    summary="Proposer une solution (réparation, remplacement, avoir, geste, explication)",
    responses=ERRORS,
    **SOLVING,
)
def propose_complaint_solution(
    complaint_id: Id,
    data: ComplaintSolution,
    request: Request,
    session: DbSession,
    principal: CurrentPrincipal,
) -> Any:
    found = ComplaintRepository(session, principal).get_writable(complaint_id)
    # Once per complaint answered (a second proposal after a refusal adds nothing).
    about(request, "complaints", found.id)
    return complaints.rows(session, [complaints.propose(session, principal, found, data)])[0]


@router.post(
    "/complaints/{complaint_id}/client-answer",
    response_model=ComplaintOut,
    summary="Noter la réponse du client et sa satisfaction",
    responses=ERRORS,
    **exercises("CP7", criteria=["CP7.2"], evidence=False),
)
def record_complaint_answer(
    complaint_id: Id, data: ComplaintAnswer, session: DbSession, principal: CurrentPrincipal
) -> Any:
    found = ComplaintRepository(session, principal).get_writable(complaint_id)
    return complaints.rows(session, [complaints.client_answer(session, found, data)])[0]
