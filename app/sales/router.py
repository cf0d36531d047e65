"""Opportunity routes: a prospect's possible sales, their stages and the stage history."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Response, status

from app.auth.deps import CurrentPrincipal, OwnerFilter
from app.competences.tagging import exercises
from app.core.db import DbSession
from app.core.pagination import Pagination, page_of, sort_query
from app.core.schemas import Id, Page
from app.models import OpportunityStage
from app.sales import opportunities
from app.sales.repository import OPPORTUNITY_SORTS, OpportunityRepository
from app.sales.schemas import (
    OpportunityCreate,
    OpportunityDetail,
    OpportunityOut,
    OpportunityUpdate,
    StageMove,
)

router = APIRouter(tags=["sales"])

# The pipeline organises the sales interviews; the evidence comes from what is shown in them
# (the preparation, the report, the quote sent), not from moving a card.
PIPELINE = exercises("CP6", evidence=False)


@router.get(
    "/opportunities",
    response_model=Page[OpportunityOut],
    summary="Opportunités (les siennes ; celles des stagiaires suivis)",
    **PIPELINE,
)
def list_opportunities(
    session: DbSession,
    principal: CurrentPrincipal,
    page: Pagination,
    owner_id: OwnerFilter,
    sort: Annotated[str | None, sort_query(OPPORTUNITY_SORTS)] = None,
    prospect_id: Annotated[int | None, Query(ge=1, le=2**31 - 1)] = None,
    stage: OpportunityStage | None = None,
) -> Page[Any]:
    items, total = OpportunityRepository(session, principal).page(
        page, owner_id=owner_id, prospect_id=prospect_id, stage=stage, sort=sort
    )
    return page_of(opportunities.rows(session, items), total, page)


@router.post(
    "/opportunities",
    response_model=OpportunityDetail,
    status_code=status.HTTP_201_CREATED,
    summary="Ouvrir une opportunité sur un prospect ou un client",
    **PIPELINE,
)
def create_opportunity(
    data: OpportunityCreate, session: DbSession, principal: CurrentPrincipal
) -> Any:
    return opportunities.detail(session, opportunities.create(session, principal, data))


@router.get(
    "/opportunities/{opportunity_id}",
    response_model=OpportunityDetail,
    summary="Une opportunité et l'historique de ses stades",
    **PIPELINE,
)
def read_opportunity(opportunity_id: Id, session: DbSession, principal: CurrentPrincipal) -> Any:
    found = OpportunityRepository(session, principal).get_readable(opportunity_id)
    return opportunities.detail(session, found)


@router.patch(
    "/opportunities/{opportunity_id}",
    response_model=OpportunityDetail,
    summary="Modifier le titre, le montant estimé, la date de conclusion prévue",
    **PIPELINE,
)
def update_opportunity(
    opportunity_id: Id, data: OpportunityUpdate, session: DbSession, principal: CurrentPrincipal
) -> Any:
    found = OpportunityRepository(session, principal).get_writable(opportunity_id)
    return opportunities.detail(session, opportunities.update(session, found, data))


@router.post(
    "/opportunities/{opportunity_id}/stage",
    response_model=OpportunityDetail,
    summary="Changer de stade (gardé dans l'historique ; perdue : avec la raison)",
    **PIPELINE,
)
def move_opportunity(
    opportunity_id: Id, data: StageMove, session: DbSession, principal: CurrentPrincipal
) -> Any:
    found = OpportunityRepository(session, principal).get_writable(opportunity_id)
    return opportunities.detail(session, opportunities.move(session, principal, found, data))


@router.delete(
    "/opportunities/{opportunity_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    summary="Supprimer une opportunité sans devis",
    **PIPELINE,
)
def delete_opportunity(
    opportunity_id: Id, session: DbSession, principal: CurrentPrincipal
) -> Response:
    found = OpportunityRepository(session, principal).get_writable(opportunity_id)
    opportunities.delete(session, found)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
