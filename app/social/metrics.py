"""Social selling's metrics (app/metrics/README.md), four queries for all ten:

- the posts **published** in the period (by ``published_on``), with their figures at their
  latest measurement (``social_posts_published``, ``social_impressions``,
  ``social_engagements`` = reactions + comments + shares): a post's figures count in the
  period it was published in, whenever they were measured (so they add up over periods);
- the social **actions** of the period (by ``occurred_at``): all of them
  (``social_actions``), the connection requests to prospects in a segment of the case that
  were accepted (``social_connections_in_target``: accepted, or replied, lead, appointment
  since), the appointments they set (``social_appointments``);
- the prospects added to the file with the source « social » (``social_leads``, by
  ``created_at``);
- the audience's growth (``social_connections_gained``): followers + connections per
  network, from the last measurement before the period (else the first in it) to the last in
  it, the networks added up. Each measurement counts its step from the one before it on its
  network (none for a network's first), so the growth of a period is the sum of the steps
  measured in it: it adds up over contiguous periods (the dashboard's per-network figures are
  the same steps, network by network);

and two ratios read from them: the engagement rate and the conversion of social actions into
appointments.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

from sqlalchemy import and_, case, func, literal, select
from sqlalchemy.orm import Session, aliased

from app.metrics.registry import (
    Key,
    MetricDef,
    MetricGroup,
    MetricKind,
    Period,
    counted,
    register,
    summed,
    tallied,
)
from app.models import (
    PostStatus,
    Prospect,
    ProspectSource,
    SocialAction,
    SocialActionKind,
    SocialActionOutcome,
    SocialNetworkStat,
    SocialPost,
    SocialPostKpi,
)

Owners = Sequence[int]
Grouped = Mapping[str, Mapping[Key, Any]]
NUMBER = "nombre"
#: The outcomes of a connection request that mean it was accepted (and what came after).
CONNECTED = (
    SocialActionOutcome.ACCEPTED,
    SocialActionOutcome.REPLIED,
    SocialActionOutcome.LEAD,
    SocialActionOutcome.APPOINTMENT,
)


def published_posts(session: Session, owners: Owners, period: Period) -> Grouped:
    """One scan of the posts published in the period, each with its latest measurement."""
    last = (
        select(SocialPostKpi.post_id, func.max(SocialPostKpi.measured_on).label("day"))
        .where(SocialPostKpi.owner_id.in_(owners))
        .group_by(SocialPostKpi.post_id)
        .subquery()
    )
    kpi = aliased(SocialPostKpi)
    rows = (
        select(
            SocialPost.owner_id.label("owner_id"),
            period.slice_of_day(SocialPost.published_on).label("slice"),
            literal(1).label("social_posts_published"),
            func.coalesce(kpi.impressions, 0).label("social_impressions"),
            func.coalesce(kpi.reactions + kpi.comments + kpi.shares, 0).label("social_engagements"),
        )
        .select_from(SocialPost)
        .outerjoin(last, last.c.post_id == SocialPost.id)
        .outerjoin(kpi, and_(kpi.post_id == last.c.post_id, kpi.measured_on == last.c.day))
        .where(
            SocialPost.owner_id.in_(owners),
            SocialPost.status == PostStatus.PUBLISHED,
            *period.day_in(SocialPost.published_on),
        )
    )
    return tallied(
        session, rows, ["social_posts_published", "social_impressions", "social_engagements"]
    )


def social_actions(session: Session, owners: Owners, period: Period) -> Grouped:
    """One scan of the social actions of the period."""
    accepted_in_target = and_(
        SocialAction.kind == SocialActionKind.CONNECTION_REQUEST,
        SocialAction.in_target.is_(True),
        SocialAction.outcome.in_(CONNECTED),
    )
    rows = select(
        SocialAction.owner_id.label("owner_id"),
        period.slice_of_moment(SocialAction.occurred_at).label("slice"),
        literal(1).label("social_actions"),
        case((accepted_in_target, 1), else_=0).label("social_connections_in_target"),
        case((SocialAction.outcome == SocialActionOutcome.APPOINTMENT, 1), else_=0).label(
            "social_appointments"
        ),
    ).where(SocialAction.owner_id.in_(owners), *period.moment_in(SocialAction.occurred_at))
    return tallied(
        session, rows, ["social_actions", "social_connections_in_target", "social_appointments"]
    )


def social_leads(session: Session, owners: Owners, period: Period) -> Mapping[Key, Any]:
    return counted(
        session,
        select(
            Prospect.owner_id.label("owner_id"),
            period.slice_of_moment(Prospect.created_at).label("slice"),
        ).where(
            Prospect.owner_id.in_(owners),
            Prospect.source == ProspectSource.SOCIAL,
            *period.moment_in(Prospect.created_at),
        ),
    )


def connections_gained(session: Session, owners: Owners, period: Period) -> Mapping[Key, Any]:
    """The audience's growth: each measurement's step from the one before it on its network
    (a window over the owners' measurements up to the period's end), summed over those of
    the period."""
    audience = SocialNetworkStat.followers + SocialNetworkStat.connections
    steps = (
        select(
            SocialNetworkStat.owner_id.label("owner_id"),
            SocialNetworkStat.measured_on.label("day"),
            (
                audience
                - func.lag(audience).over(
                    partition_by=(SocialNetworkStat.owner_id, SocialNetworkStat.network),
                    order_by=SocialNetworkStat.measured_on,
                )
            ).label("step"),
        )
        .where(SocialNetworkStat.owner_id.in_(owners), SocialNetworkStat.measured_on <= period.end)
        .subquery()
    )
    return summed(
        session,
        select(
            steps.c.owner_id.label("owner_id"),
            period.slice_of_day(steps.c.day).label("slice"),
            func.coalesce(steps.c.step, 0).label("value"),
        ).where(*period.day_in(steps.c.day)),
    )


POSTS = MetricGroup("social_posts", published_posts)
ACTIONS = MetricGroup("social_actions", social_actions)

register(MetricDef(
    "social_posts_published", "Publications sur les réseaux", NUMBER, MetricKind.COUNT, int,
    True, "CP5",
    "Publications du calendrier éditorial publiées dans la période (jour de publication).",
    POSTS.member("social_posts_published"),
))  # fmt: skip
register(MetricDef(
    "social_impressions", "Impressions des publications", NUMBER, MetricKind.COUNT, int, True,
    "CP3",
    "Impressions des publications publiées dans la période, à leur dernier relevé.",
    POSTS.member("social_impressions"),
))  # fmt: skip
register(MetricDef(
    "social_engagements", "Engagements des publications", NUMBER, MetricKind.COUNT, int, True,
    "CP3",
    "Réactions, commentaires et partages des publications publiées dans la période, à leur "
    "dernier relevé.",
    POSTS.member("social_engagements"),
))  # fmt: skip
register(MetricDef(
    "social_actions", "Actions de social selling", NUMBER, MetricKind.COUNT, int, True, "CP3",
    "Actions sur les réseaux auprès des prospects (invitations, messages, commentaires, "
    "partages, invitations à un événement) dans la période.",
    ACTIONS.member("social_actions"),
))  # fmt: skip
register(MetricDef(
    "social_connections_in_target", "Connexions acceptées dans la cible", NUMBER,
    MetricKind.COUNT, int, True, "CP3",
    "Invitations à se connecter de la période, acceptées par des prospects d'un segment du cas "
    "d'entreprise.",
    ACTIONS.member("social_connections_in_target"),
))  # fmt: skip
register(MetricDef(
    "social_appointments", "Rendez-vous pris sur les réseaux", NUMBER, MetricKind.COUNT, int,
    True, "CP3",
    "Actions sur les réseaux de la période qui ont fixé un rendez-vous.",
    ACTIONS.member("social_appointments"),
))  # fmt: skip
register(MetricDef(
    "social_leads", "Prospects venus des réseaux", NUMBER, MetricKind.COUNT, int, True, "CP3",
    "Prospects ajoutés au fichier dans la période avec la source « réseaux sociaux ».",
    social_leads,
))  # fmt: skip
register(MetricDef(
    "social_connections_gained", "Abonnés et relations gagnés", NUMBER, MetricKind.COUNT, int,
    True, "CP3",
    "Croissance de l'audience sur les réseaux (abonnés + relations), réseau par réseau, du "
    "dernier relevé avant la période (sinon le premier de la période) au dernier de la "
    "période, additionnée.",
    connections_gained,
))  # fmt: skip
register(MetricDef(
    "social_engagement_rate", "Taux d'engagement", "%", MetricKind.RATIO, Decimal, True, "CP3",
    "Engagements ÷ impressions × 100 des publications publiées (vide sans impression).",
    numerator="social_engagements", denominator="social_impressions",
))  # fmt: skip
register(MetricDef(
    "social_appointment_rate", "Conversion des actions en rendez-vous", "%", MetricKind.RATIO,
    Decimal, True, "CP3",
    "Rendez-vous pris sur les réseaux ÷ actions de social selling × 100 (vide sans action).",
    numerator="social_appointments", denominator="social_actions",
))  # fmt: skip

#: The codes this module registers, in their order (the dashboard reads them all).
CODES = (
    "social_posts_published",
    "social_impressions",
    "social_engagements",
    "social_engagement_rate",
    "social_actions",
    "social_connections_gained",
    "social_connections_in_target",
    "social_leads",
    "social_appointments",
    "social_appointment_rate",
)
