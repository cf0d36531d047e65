"""Offer routes (CP8.1, CP8.2): checked against the loyalty policy (the builder's check
writes nothing), made to a customer or to each customer of a segment, approved by the
manager beyond the authority, answered by the client, turned into a quote or an order."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, status

from app.auth.deps import AppSettings, CurrentPrincipal, OwnerFilter
from app.competences.tagging import exercises
from app.core.db import DbSession, work_first
from app.core.pagination import Pagination, page_of, sort_query
from app.core.schemas import Id, Page
from app.loyalty import customers, offers
from app.loyalty.repository import OFFER_SORTS, OfferRepository
from app.loyalty.schemas import (
    OfferAnswer,
    OfferApproval,
    OfferCheck,
    OfferCheckOut,
    OfferConvert,
    OfferCreate,
    OfferOut,
    OffersCreatedOut,
)
from app.models import OfferStatus
from app.prospects.repository import ProspectRepository

router = APIRouter(tags=["loyalty"])

# An offer made within the policy and fitted to the customer (CP8.1, CP8.2, CT2.6), once per
# offer; checks, approvals, answers and conversions show nothing new.
PROPOSING = exercises("CP8", criteria=["CP8.1", "CP8.2", "CT2.6"])
CHECKING = exercises("CP8", criteria=["CP8.1", "CP8.2"], evidence=False)
ERRORS: dict[int | str, dict[str, Any]] = {
    409: {"description": "Hors politique (la règle nommée), canal refusé, accord requis."}
}


@router.post(
    "/offers/check",
    response_model=OfferCheckOut,
    summary="Vérifier une offre pour un client (rien n'est enregistré)",
    **CHECKING,
    dependencies=[Depends(work_first)],
)
def check_offer(
    data: OfferCheck, session: DbSession, principal: CurrentPrincipal, settings: AppSettings
) -> Any:
    prospect = ProspectRepository(session, principal).get_referenced(
        data.prospect_id, "prospect_id"
    )
    ctx = customers.context(session, prospect.owner_id)
    return offers.check(ctx, settings, prospect, data).out()


@router.post(
    "/offers",
    response_model=OffersCreatedOut,
    status_code=status.HTTP_201_CREATED,
    summary="Faire une offre à un client ou à chaque client d'un segment RFM",
    responses=ERRORS,
    **PROPOSING,
    dependencies=[Depends(work_first)],
)
def create_offer(
    data: OfferCreate, session: DbSession, principal: CurrentPrincipal, settings: AppSettings
) -> Any:
    ctx = customers.context(session, customers.owner_of(principal, None))

    ctx.prepare_writes()
    return offers.create(ctx, settings, principal, data)


@router.get("/offers", response_model=Page[OfferOut], summary="Offres de fidélisation", **CHECKING)
def list_offers(
    session: DbSession,
    principal: CurrentPrincipal,
    page: Pagination,
    owner_id: OwnerFilter,
    sort: Annotated[str | None, sort_query(OFFER_SORTS)] = None,
    prospect_id: Annotated[int | None, Query(ge=1, le=2**31 - 1)] = None,
    status_: Annotated[OfferStatus | None, Query(alias="status")] = None,
) -> Page[Any]:
    items, total = OfferRepository(session, principal).page(
        page, owner_id=owner_id, prospect_id=prospect_id, status=status_, sort=sort
    )
    return page_of(offers.offers_out(session, items), total, page)


@router.get("/offers/{offer_id}", response_model=OfferOut, summary="Une offre", **CHECKING)
def read_offer(offer_id: Id, session: DbSession, principal: CurrentPrincipal) -> Any:
    return offers.offers_out(session, [OfferRepository(session, principal).get_readable(offer_id)])[
        0
    ]


@router.post(
    "/offers/{offer_id}/approval",
    response_model=OfferOut,
    summary="Accorder ou refuser la remise d'une offre (formateur)",
    responses=ERRORS,
    **CHECKING,
)
def decide_offer(
    offer_id: Id,
    data: OfferApproval,
    session: DbSession,
    principal: CurrentPrincipal,
    settings: AppSettings,
) -> Any:
    offer = OfferRepository(session, principal).get_readable(offer_id)
    ctx = customers.context(session, offer.owner_id)
    offers.decide(
        session, settings, ctx, principal, offer, data.version, data.approve, data.comment
    )
    return offers.offers_out(session, [offer])[0]


@router.post(
    "/offers/{offer_id}/answer",
    response_model=OfferOut,
    summary="La réponse du client (acceptée, déclinée)",
    responses=ERRORS,
    **CHECKING,
)
def answer_offer(
    offer_id: Id, data: OfferAnswer, session: DbSession, principal: CurrentPrincipal
) -> Any:
    offer = OfferRepository(session, principal).get_writable(offer_id)
    offers.answer(session, offer, data.version, data.accepted, data.answered_on, customers.today())
    return offers.offers_out(session, [offer])[0]


@router.post(
    "/offers/{offer_id}/convert",
    response_model=OfferOut,
    summary="Transformer une offre acceptée en devis ou en commande",
    responses=ERRORS,
    **CHECKING,
)
def convert_offer(
    offer_id: Id, data: OfferConvert, session: DbSession, principal: CurrentPrincipal
) -> Any:
    offer = OfferRepository(session, principal).get_writable(offer_id)
    offers.convert(session, principal, offer, data.version, data.to)
    return offers.offers_out(session, [offer])[0]
