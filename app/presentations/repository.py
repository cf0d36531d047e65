"""Queries of the presentation library, from the caller's scope."""

from __future__ import annotations

from collections.abc import Collection, Sequence

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from app.common.text import search_terms
from app.core.repository import ScopedRepository
from app.models import (
    CampaignPresentation,
    InterviewReport,
    Presentation,
    PresentationKind,
    PresentationVariant,
)


class PresentationRepository(ScopedRepository[Presentation]):
    model = Presentation
    label = "Présentation"

    def listing(
        self, owner_id: int | None, kind: PresentationKind | None, q: str | None
    ) -> Select[Presentation]:
        stmt = self.readable_statement(owner_id)
        if kind is not None:
            stmt = stmt.where(Presentation.kind == kind)
        for term in search_terms(q or ""):
            stmt = stmt.where(Presentation.title.ilike(f"%{term}%"))
        return stmt.order_by(Presentation.updated_at.desc(), Presentation.id.desc())


class VariantRepository(ScopedRepository[PresentationVariant]):
    model = PresentationVariant
    label = "Variante"
    not_a_child = "Variante {id} inconnue pour cette présentation."

    def of_presentations(self, ids: Collection[int]) -> Sequence[PresentationVariant]:
        stmt = (
            self.readable_statement()
            .where(PresentationVariant.presentation_id.in_(ids))
            .order_by(PresentationVariant.id)
        )
        return self.session.scalars(stmt).all()


def uses(
    session: Session, owner_ids: Collection[int], variant_ids: Collection[int]
) -> tuple[dict[int, list[int]], dict[int, list[int]]]:
    """The interview reports and the campaigns of ``owner_ids`` that name each variant (the
    variants were read through the caller's scope; a link is always its variant's owner's)."""
    reports: dict[int, list[int]] = {i: [] for i in variant_ids}
    campaigns: dict[int, list[int]] = {i: [] for i in variant_ids}
    if not variant_ids:
        return reports, campaigns
    named = InterviewReport.content["presentation_variant_id"].as_integer()
    for report_id, variant_id in session.execute(
        select(InterviewReport.id, named)
        .where(InterviewReport.owner_id.in_(owner_ids), named.in_(variant_ids))
        .order_by(InterviewReport.id)
    ):
        reports[variant_id].append(report_id)
    for campaign_id, variant_id in session.execute(
        select(CampaignPresentation.campaign_id, CampaignPresentation.variant_id)
        .where(
            CampaignPresentation.owner_id.in_(owner_ids),
            CampaignPresentation.variant_id.in_(variant_ids),
        )
        .order_by(CampaignPresentation.campaign_id)
    ):
        campaigns[variant_id].append(campaign_id)
    return reports, campaigns
