"""Queries of the loyalty domain, from the caller's scope."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Select

from app.core.pagination import PageParams, order_by, paginate
from app.core.repository import ScopedRepository
from app.models import (
    EventInvitation,
    LoyaltyCampaign,
    LoyaltyEvent,
    LoyaltyOffer,
    MessageSource,
    MessageStatus,
    OfferStatus,
    OutboundMessage,
    RecommendationRun,
    RelaunchEnrolment,
    RelaunchPlan,
    Survey,
)

PLAN_SORTS = {"created_at": RelaunchPlan.created_at, "name": RelaunchPlan.name}
CAMPAIGN_SORTS = {"created_at": LoyaltyCampaign.created_at, "sent_on": LoyaltyCampaign.sent_on}
OFFER_SORTS = {"created_at": LoyaltyOffer.created_at, "valid_until": LoyaltyOffer.valid_until}
MESSAGE_SORTS = {"sent_on": OutboundMessage.sent_on, "created_at": OutboundMessage.created_at}
SURVEY_SORTS = {"sent_on": Survey.sent_on, "created_at": Survey.created_at}
EVENT_SORTS = {"held_on": LoyaltyEvent.held_on, "created_at": LoyaltyEvent.created_at}


def _page(
    repo: ScopedRepository[Any],
    stmt: Select[Any],
    params: PageParams,
    sort: str | None,
    sorts: dict[str, Any],
    default: str,
) -> tuple[list[Any], int]:
    stmt = stmt.order_by(*order_by(sort, sorts, default=(default,)), repo.model.id.desc())
    return paginate(repo.session, stmt, params)


class RelaunchPlanRepository(ScopedRepository[RelaunchPlan]):
    model = RelaunchPlan
    label = "Plan de relance"

    def page(self, params: PageParams, *, owner_id: int | None, sort: str | None) -> Any:
        return _page(
            self, self.readable_statement(owner_id), params, sort, PLAN_SORTS, "-created_at"
        )


class EnrolmentRepository(ScopedRepository[RelaunchEnrolment]):
    model = RelaunchEnrolment
    label = "Inscription"

    def page(self, params: PageParams, *, plan_id: int) -> Any:
        stmt = self.readable_statement().where(RelaunchEnrolment.plan_id == plan_id)
        return paginate(self.session, stmt.order_by(RelaunchEnrolment.id.desc()), params)


class CampaignRepository(ScopedRepository[LoyaltyCampaign]):
    model = LoyaltyCampaign
    label = "Campagne d'information"

    def page(self, params: PageParams, *, owner_id: int | None, sort: str | None) -> Any:
        return _page(
            self, self.readable_statement(owner_id), params, sort, CAMPAIGN_SORTS, "-created_at"
        )


class MessageRepository(ScopedRepository[OutboundMessage]):
    model = OutboundMessage
    label = "Message"

    def page(
        self,
        params: PageParams,
        *,
        owner_id: int | None,
        prospect_id: int | None,
        source: MessageSource | None,
        status: MessageStatus | None,
        sort: str | None,
    ) -> Any:
        stmt = self.readable_statement(owner_id)
        if prospect_id is not None:
            stmt = stmt.where(OutboundMessage.prospect_id == prospect_id)
        if source is not None:
            stmt = stmt.where(OutboundMessage.source == source)
        if status is not None:
            stmt = stmt.where(OutboundMessage.status == status)
        return _page(self, stmt, params, sort, MESSAGE_SORTS, "-sent_on")


class OfferRepository(ScopedRepository[LoyaltyOffer]):
    model = LoyaltyOffer
    label = "Offre"

    def page(
        self,
        params: PageParams,
        *,
        owner_id: int | None,
        prospect_id: int | None,
        status: OfferStatus | None,
        sort: str | None,
    ) -> Any:
        stmt = self.readable_statement(owner_id)
        if prospect_id is not None:
            stmt = stmt.where(LoyaltyOffer.prospect_id == prospect_id)
        if status is not None:
            stmt = stmt.where(LoyaltyOffer.status == status)
        return _page(self, stmt, params, sort, OFFER_SORTS, "-created_at")


class RunRepository(ScopedRepository[RecommendationRun]):
    model = RecommendationRun
    label = "Calcul de recommandations"


class SurveyRepository(ScopedRepository[Survey]):
    model = Survey
    label = "Enquête"

    def page(self, params: PageParams, *, owner_id: int | None, sort: str | None) -> Any:
        return _page(
            self, self.readable_statement(owner_id), params, sort, SURVEY_SORTS, "-sent_on"
        )


class EventRepository(ScopedRepository[LoyaltyEvent]):
    model = LoyaltyEvent
    label = "Événement"

    def page(self, params: PageParams, *, owner_id: int | None, sort: str | None) -> Any:
        return _page(self, self.readable_statement(owner_id), params, sort, EVENT_SORTS, "-held_on")


class InvitationRepository(ScopedRepository[EventInvitation]):
    model = EventInvitation
    label = "Invitation"
