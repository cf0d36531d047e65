"""The social-selling dashboard of a period: the registry's figures (posts published, their
impressions and engagements, actions, the audience gained, connections in target, leads,
appointments and the two rates: ``app/social/metrics.py``, never computed here again), and
beside them what is no metric: the posts planned, the audience per network (where it started
and ended, its growth: the registry's ``social_connections_gained`` is their sum), the
actions by kind and by outcome."""

from __future__ import annotations

from collections import Counter
from datetime import date
from decimal import Decimal
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from app.config import Settings
from app.core.principal import Principal
from app.metrics import registry
from app.metrics.service import period_of
from app.models import SocialActionKind, SocialActionOutcome, SocialNetwork, SocialNetworkStat
from app.social import metrics
from app.social.repository import ActionRepository, PostRepository, StatRepository
from app.social.schemas import (
    SocialActionFigures,
    SocialAudience,
    SocialDashboardOut,
    SocialPostFigures,
)


def _int(value: int | Decimal | None) -> int:
    return int(value or 0)


def _rate(value: int | Decimal | None) -> Decimal | None:
    return None if value is None else Decimal(value)


def audience(stats: list[SocialNetworkStat], first: date) -> list[SocialAudience]:
    """Per network measured in the period: from its last measurement before the period (or
    its first one in the period) to its last one in the period (the definition of the
    registry's ``social_connections_gained``, which adds the networks' growths up)."""
    by_network: dict[SocialNetwork, list[SocialNetworkStat]] = {}
    for stat in stats:
        by_network.setdefault(stat.network, []).append(stat)
    out = []
    for found in by_network.values():
        within = [s for s in found if s.measured_on >= first]
        if not within:
            continue
        before = [s for s in found if s.measured_on < first]
        start, end = before[-1] if before else within[0], within[-1]
        out.append(
            SocialAudience(
                network=start.network,
                followers_start=start.followers,
                followers_end=end.followers,
                followers_growth=end.followers - start.followers,
                connections_start=start.connections,
                connections_end=end.connections,
                connections_growth=end.connections - start.connections,
                measured_from=start.measured_on,
                measured_to=end.measured_on,
            )
        )
    return out


def dashboard(
    session: Session,
    principal: Principal,
    settings: Settings,
    owner_id: int,
    start: date | None,
    end: date | None,
) -> SocialDashboardOut:
    """One person's dashboard over [start, end] (days of the application's time zone; by
    default the current month to date, at most a year)."""
    zone = ZoneInfo(settings.timezone)
    first, last = period_of(start, end, zone)
    found = registry.compute(session, metrics.CODES, [owner_id], first, last, zone=zone)
    values = {code: found[code][owner_id] for code in metrics.CODES}
    period = registry.Period(first, last, zone)
    tally = ActionRepository(session, principal).tally(owner_id, period.since, period.until)
    by_kind: Counter[SocialActionKind] = Counter()
    by_outcome: Counter[SocialActionOutcome] = Counter()
    for kind, outcome, n in tally:
        by_kind[kind] += n
        by_outcome[outcome] += n
    stats = StatRepository(session, principal).audience(owner_id, first, last)
    return SocialDashboardOut(
        trainee_id=owner_id,
        start=first,
        end=last,
        time_zone=settings.timezone,
        posts=SocialPostFigures(
            planned=PostRepository(session, principal).planned_between(owner_id, first, last),
            published=_int(values["social_posts_published"]),
            impressions=_int(values["social_impressions"]),
            engagements=_int(values["social_engagements"]),
            engagement_rate=_rate(values["social_engagement_rate"]),
        ),
        audience=audience(stats, first),
        actions=SocialActionFigures(
            total=_int(values["social_actions"]),
            by_kind={k: by_kind[k] for k in SocialActionKind},
            by_outcome={o: by_outcome[o] for o in SocialActionOutcome},
            connections_in_target=_int(values["social_connections_in_target"]),
            leads=_int(values["social_leads"]),
            appointments=_int(values["social_appointments"]),
            conversion_rate=_rate(values["social_appointment_rate"]),
        ),
        metrics=values,
    )
