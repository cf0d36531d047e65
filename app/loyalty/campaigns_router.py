"""Information campaign routes (CP8.3): a draft, then sent once to its segments, each
customer by the channel suited to them."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request, Response, status

from app.auth.deps import AppSettings, CurrentPrincipal, OwnerFilter
from app.competences.evidence import about, shows_nothing
from app.competences.tagging import exercises
from app.core.db import DbSession, work_first
from app.core.pagination import Pagination, page_of, sort_query
from app.core.schemas import Id, Page
from app.loyalty import campaigns, customers, messaging
from app.loyalty.repository import CAMPAIGN_SORTS, CampaignRepository
from app.loyalty.schemas import (
    LoyaltyCampaignCreate,
    LoyaltyCampaignOut,
    LoyaltyCampaignSend,
    LoyaltyCampaignUpdate,
    MessageOut,
)

router = APIRouter(tags=["loyalty"])

# A draft shows nothing yet; the campaign sent informs the customers (CP8.3, once).
DRAFTING = exercises("CP8", criteria=["CP8.3"], evidence=False)
SENDING = exercises("CP8", criteria=["CP8.3"])
ERRORS: dict[int | str, dict[str, Any]] = {409: {"description": "Campagne déjà envoyée."}}


@router.post(
    "/loyalty-campaigns",
    response_model=LoyaltyCampaignOut,
    status_code=status.HTTP_201_CREATED,
    summary="Préparer une campagne d'information",
    **DRAFTING,
)
def create_loyalty_campaign(
    data: LoyaltyCampaignCreate, session: DbSession, principal: CurrentPrincipal
) -> Any:
    ctx = customers.context(session, customers.owner_of(principal, None))
    return campaigns.create(ctx, data)


@router.get(
    "/loyalty-campaigns",
    response_model=Page[LoyaltyCampaignOut],
    summary="Campagnes d'information",
    **DRAFTING,
)
def list_loyalty_campaigns(
    session: DbSession,
    principal: CurrentPrincipal,
    page: Pagination,
    owner_id: OwnerFilter,
    sort: Annotated[str | None, sort_query(CAMPAIGN_SORTS)] = None,
) -> Page[Any]:
    items, total = CampaignRepository(session, principal).page(page, owner_id=owner_id, sort=sort)
    return page_of(items, total, page)


@router.get(
    "/loyalty-campaigns/{loyalty_campaign_id}",
    response_model=LoyaltyCampaignOut,
    summary="Une campagne d'information",
    **DRAFTING,
)
def read_loyalty_campaign(
    loyalty_campaign_id: Id, session: DbSession, principal: CurrentPrincipal
) -> Any:
    return CampaignRepository(session, principal).get_readable(loyalty_campaign_id)


@router.patch(
    "/loyalty-campaigns/{loyalty_campaign_id}",
    response_model=LoyaltyCampaignOut,
    summary="Modifier une campagne non envoyée",
    responses=ERRORS,
    **DRAFTING,
)
def update_loyalty_campaign(
    loyalty_campaign_id: Id,
    data: LoyaltyCampaignUpdate,
    session: DbSession,
    principal: CurrentPrincipal,
) -> Any:
    campaign = CampaignRepository(session, principal).get_writable(loyalty_campaign_id)
    return campaigns.update(customers.context(session, campaign.owner_id), campaign, data)


@router.delete(
    "/loyalty-campaigns/{loyalty_campaign_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    summary="Supprimer une campagne non envoyée",
    responses=ERRORS,
    **DRAFTING,
)
def delete_loyalty_campaign(
    loyalty_campaign_id: Id, session: DbSession, principal: CurrentPrincipal
) -> Response:
    campaigns.delete(
        session, CampaignRepository(session, principal).get_writable(loyalty_campaign_id)
    )
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.post(
    "/loyalty-campaigns/{loyalty_campaign_id}/send",
    response_model=LoyaltyCampaignOut,
    summary="Envoyer la campagne (enregistrée : rien ne sort de CapVente)",
    responses=ERRORS,
    **SENDING,
    dependencies=[Depends(work_first)],
)
def send_loyalty_campaign(
    loyalty_campaign_id: Id,
    data: LoyaltyCampaignSend,
    request: Request,
    session: DbSession,
    principal: CurrentPrincipal,
    settings: AppSettings,
) -> Any:
    campaign = CampaignRepository(session, principal).get_writable(loyalty_campaign_id)
    ctx = customers.context(session, campaign.owner_id)

    ctx.prepare_writes()
    campaigns.send(ctx, settings, principal, campaign, data.version)
    if campaign.recorded:
        about(request, "loyalty_campaign", campaign.id)
    else:  # every message refused by the channel policy: nobody was informed
        shows_nothing(request)
    return campaign


@router.get(
    "/loyalty-campaigns/{loyalty_campaign_id}/messages",
    response_model=list[MessageOut],
    summary="Les messages d'une campagne : canal de chacun, refus et leur règle",
    **DRAFTING,
)
def list_campaign_messages(
    loyalty_campaign_id: Id, session: DbSession, principal: CurrentPrincipal
) -> Any:
    campaign = CampaignRepository(session, principal).get_readable(loyalty_campaign_id)
    return messaging.messages_out(session, campaigns.campaign_messages(session, campaign))
