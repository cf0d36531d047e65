"""The account view: one customer's whole history and open items."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from app.auth.deps import CurrentPrincipal
from app.competences.tagging import exercises
from app.core.db import DbSession
from app.core.schemas import Id
from app.follow_up import accounts
from app.follow_up.schemas import AccountView
from app.prospects.repository import ProspectRepository

router = APIRouter(tags=["follow-up"])


@router.get(
    "/accounts/{prospect_id}",
    response_model=AccountView,
    summary="Compte client : historique complet sur une frise, éléments ouverts d'abord",
    **exercises("CP7", criteria=["CP7.1"], evidence=False),
)
def read_account(
    prospect_id: Id,
    session: DbSession,
    principal: CurrentPrincipal,
    limit: Annotated[int, Query(ge=1, le=1000, description="Événements de la frise.")] = 200,
) -> Any:
    prospect = ProspectRepository(session, principal).get_readable(prospect_id)
    return accounts.view(session, prospect, limit)
