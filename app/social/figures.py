"""The figures of social selling, entered by hand: a published post's measurements (one per
day, the latest are the post's figures) and the trainee's audience per network (one
measurement per network and day). Figures show no competence by themselves: their routes
record no evidence."""

from __future__ import annotations

from datetime import date
from typing import NamedTuple

from sqlalchemy.orm import Session

from app.config import today_local
from app.core.errors import Conflict, FieldError
from app.core.pagination import PageParams, page_of, paginate
from app.core.principal import Principal
from app.core.schemas import Page
from app.models import PostStatus, SocialNetwork, SocialNetworkStat, SocialPostKpi
from app.social.posts import kpi_out
from app.social.repository import KpiRepository, PostRepository, StatRepository
from app.social.schemas import SocialKpiIn, SocialKpiOut, SocialStatIn, SocialStatOut
from app.social.shared import trainee_only


class KpiSaved(NamedTuple):
    """A measurement written, and whether it is new (else it replaced the day's)."""

    kpi: SocialKpiOut
    created: bool


class StatSaved(NamedTuple):
    """An audience measurement written, and whether it is new (else it replaced the day's)."""

    stat: SocialStatOut
    created: bool


def _not_future(day: date, field: str) -> None:
    if day > today_local():
        raise FieldError(
            field, "Un relevé se fait sur des chiffres constatés : pas de date future."
        )


# ----------------------------------------------------------------- a post's measurements


def kpis_of(session: Session, principal: Principal, post_id: int) -> list[SocialKpiOut]:
    post = PostRepository(session, principal).get_readable(post_id)
    return [kpi_out(k) for k in KpiRepository(session, principal).of_post(post.id)]


def save_kpi(session: Session, principal: Principal, post_id: int, data: SocialKpiIn) -> KpiSaved:
    """Write a published post's figures of a day (replacing that day's, if any): from its
    publication day to today."""
    post = PostRepository(session, principal).get_writable(post_id)
    if post.status is not PostStatus.PUBLISHED or post.published_on is None:
        raise Conflict("Seule une publication publiée a des chiffres : publiez-la d'abord.")
    _not_future(data.measured_on, "measured_on")
    if data.measured_on < post.published_on:
        raise FieldError(
            "measured_on",
            f"Relevé du {data.measured_on} : avant la publication du {post.published_on}.",
        )
    kpi = KpiRepository(session, principal).on(post.id, data.measured_on)
    created = kpi is None
    if kpi is None:
        kpi = SocialPostKpi(owner_id=post.owner_id, post_id=post.id)
        session.add(kpi)
    for name, value in data.model_dump().items():
        setattr(kpi, name, value)
    session.flush()
    return KpiSaved(kpi_out(kpi), created)


def delete_kpi(session: Session, principal: Principal, post_id: int, kpi_id: int) -> None:
    post = PostRepository(session, principal).get_writable(post_id)
    session.delete(KpiRepository(session, principal).child(post.id, kpi_id))


# ----------------------------------------------------------------- audience


def stats_page(
    session: Session,
    principal: Principal,
    page: PageParams,
    owner_id: int | None,
    *,
    network: SocialNetwork | None,
    start: date | None,
    end: date | None,
) -> Page[SocialStatOut]:
    if start is not None and end is not None and start > end:
        raise FieldError("from", f"La période commence ({start}) après sa fin ({end}).",
                         location="query")  # fmt: skip
    stmt = StatRepository(session, principal).listing(
        owner_id, network=network, start=start, end=end
    )
    items, total = paginate(session, stmt, page)
    return page_of([SocialStatOut.model_validate(s) for s in items], total, page)


def save_stat(session: Session, principal: Principal, data: SocialStatIn) -> StatSaved:
    """Write the caller's audience on a network on a day (replacing that day's, if any)."""
    trainee_only(principal, "L'audience sur les réseaux")
    _not_future(data.measured_on, "measured_on")
    stat = StatRepository(session, principal).on(data.network, data.measured_on)
    created = stat is None
    if stat is None:
        stat = SocialNetworkStat(owner_id=principal.user_id)
        session.add(stat)
    for name, value in data.model_dump().items():
        setattr(stat, name, value)
    session.flush()
    return StatSaved(SocialStatOut.model_validate(stat), created)


def delete_stat(session: Session, principal: Principal, stat_id: int) -> None:
    session.delete(StatRepository(session, principal).get_writable(stat_id))
