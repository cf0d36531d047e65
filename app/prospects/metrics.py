"""The prospect file's metrics (app/metrics/README.md): contacts, reach, appointments, visits
held, lifecycle steps reached, relaunches and campaign members contacted, and two ratios.

Each ``compute`` is one grouped query for a whole set of owners; the registry fills in the
owners without records and computes the ratios from their parts.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

from sqlalchemy import case, exists, func, literal, or_, select
from sqlalchemy.orm import Session, aliased

from app.metrics.registry import (
    Key,
    MetricDef,
    MetricGroup,
    MetricKind,
    Period,
    Rows,
    counted,
    register,
    tallied,
)
from app.models import (
    Appointment,
    AppointmentStatus,
    Direction,
    Interaction,
    ProspectStatus,
    ProspectStatusChange,
)
from app.prospects import rules

Owners = Sequence[int]


def _outbound(owners: Owners, period: Period, *columns: Any) -> Rows:
    """Outbound interactions of ``owners`` that occurred in ``period``: owner, slice and
    ``columns``."""
    return select(
        Interaction.owner_id.label("owner_id"),
        period.slice_of_moment(Interaction.occurred_at).label("slice"),
        *columns,
    ).where(
        Interaction.owner_id.in_(owners),
        Interaction.direction == Direction.OUTBOUND,
        *period.moment_in(Interaction.occurred_at),
    )


def _counts(condition: Any) -> Any:
    """1 for the rows meeting ``condition``, else 0 (a count of a ``MetricGroup``)."""
    return case((condition, 1), else_=0)


def outbound_interactions(
    session: Session, owners: Owners, period: Period
) -> Mapping[str, Mapping[Key, Any]]:
    """One scan of the outbound interactions for two counts: every one (contacts) and those
    whose outcome reached the person (contacts_reached)."""
    unreached = sorted(rules.UNREACHED_OUTCOMES)
    rows = _outbound(
        owners, period,
        literal(1).label("contacts"),
        _counts(Interaction.outcome.not_in(unreached)).label("contacts_reached"),
    )  # fmt: skip
    return tallied(session, rows, ["contacts", "contacts_reached"])


def relaunches(session: Session, owners: Owners, period: Period) -> Mapping[Key, Any]:
    """Outbound interactions with a prospect whose status, when the interaction occurred, was
    customer or inactive (the last status change at or before that moment). Not in the
    outbound group: filtering on the prospects first lets the index find their few
    interactions, where a count among all of them would test every one."""
    change = aliased(ProspectStatusChange)
    status_then = (
        select(change.to_status)
        .where(
            change.prospect_id == Interaction.prospect_id,
            change.changed_at <= Interaction.occurred_at,
        )
        # Two changes of one prospect at the same microsecond do not happen (one request
        # each): no tie-break, so that the index answers without sorting.
        .order_by(change.changed_at.desc())
        .limit(1)
        .correlate(Interaction)
        .scalar_subquery()
    )
    statuses = [ProspectStatus.CUSTOMER, ProspectStatus.INACTIVE]
    # The prospects that ever were a customer or inactive first (a few of a file): the
    # status at the moment is looked up only for their interactions.
    ever = select(ProspectStatusChange.prospect_id).where(
        ProspectStatusChange.owner_id.in_(owners),
        ProspectStatusChange.to_status.in_(statuses),
        ProspectStatusChange.changed_at < period.until,
    )
    rows = _outbound(owners, period).where(
        Interaction.prospect_id.in_(ever), status_then.in_(statuses)
    )
    return counted(session, rows)


OUTBOUND = MetricGroup("outbound_interactions", outbound_interactions)


def campaign_members_contacted(
    session: Session, owners: Owners, period: Period
) -> Mapping[Key, Any]:
    """Campaign members (a prospect in a campaign) whose first outbound interaction of that
    campaign occurred in the period: each member counts once, in the period it was first
    contacted (an interaction names a campaign only for one of its members: the service
    checks it when the interaction is recorded)."""
    firsts = (
        select(
            Interaction.owner_id.label("owner_id"),
            func.min(Interaction.occurred_at).label("first"),
        )
        .where(
            Interaction.owner_id.in_(owners),
            Interaction.direction == Direction.OUTBOUND,
            Interaction.campaign_id.is_not(None),
            Interaction.occurred_at < period.until,
        )
        .group_by(Interaction.owner_id, Interaction.campaign_id, Interaction.prospect_id)
        .subquery()
    )
    return counted(
        session,
        select(firsts.c.owner_id, period.slice_of_moment(firsts.c.first).label("slice")).where(
            firsts.c.first >= period.since
        ),
    )


def appointments_taken(session: Session, owners: Owners, period: Period) -> Mapping[Key, Any]:
    return counted(
        session,
        select(
            Appointment.owner_id.label("owner_id"),
            period.slice_of_moment(Appointment.created_at).label("slice"),
        ).where(Appointment.owner_id.in_(owners), *period.moment_in(Appointment.created_at)),
    )


def visits_done(session: Session, owners: Owners, period: Period) -> Mapping[Key, Any]:
    return counted(
        session,
        select(
            Appointment.owner_id.label("owner_id"),
            period.slice_of_moment(Appointment.starts_at).label("slice"),
        ).where(
            Appointment.owner_id.in_(owners),
            Appointment.status == AppointmentStatus.DONE,
            *period.moment_in(Appointment.starts_at),
        ),
    )


FIRSTS = {"prospects_qualified": ProspectStatus.QUALIFIED, "new_customers": ProspectStatus.CUSTOMER}


def first_reached(
    session: Session, owners: Owners, period: Period
) -> Mapping[str, Mapping[Key, Any]]:
    """The prospects that reached a status for the first time in the period, through the
    lifecycle (qualified, customer: ``FIRSTS``), in one query: the first change to that
    status of the prospect's history falls in the period and is a transition (a prospect
    created or imported at that status never counts, nor does a prospect reaching it again
    later)."""
    change = ProspectStatusChange
    earlier = aliased(ProspectStatusChange)
    # No earlier change of the prospect to that status (its creation at it included).
    first = ~exists().where(
        earlier.prospect_id == change.prospect_id,
        earlier.changed_at <= change.changed_at,
        earlier.to_status == change.to_status,
        or_(earlier.changed_at < change.changed_at, earlier.id < change.id),
    )
    rows = select(
        change.owner_id.label("owner_id"),
        period.slice_of_moment(change.changed_at).label("slice"),
        *(_counts(change.to_status == status).label(code) for code, status in FIRSTS.items()),
    ).where(
        change.owner_id.in_(owners),
        change.to_status.in_(list(FIRSTS.values())),
        *period.moment_in(change.changed_at),
        change.from_status.is_not(None),
        first,
    )
    return tallied(session, rows, list(FIRSTS))


LIFECYCLE = MetricGroup("lifecycle_firsts", first_reached)


NUMBER = "nombre"
COUNT = MetricKind.COUNT

register(MetricDef(
    "contacts", "Contacts émis", NUMBER, COUNT, int, True, "CP3",
    "Interactions sortantes (appel, e-mail, courrier, visite…) survenues dans la période.",
    OUTBOUND.member("contacts"),
))  # fmt: skip
register(MetricDef(
    "contacts_reached", "Contacts aboutis", NUMBER, COUNT, int, True, "CP3",
    "Interactions sortantes de la période dont l'issue n'est ni « pas de réponse » ni "
    "« barrage » : l'interlocuteur a été joint.",
    OUTBOUND.member("contacts_reached"),
))  # fmt: skip
register(MetricDef(
    "appointments_taken", "Rendez-vous pris", NUMBER, COUNT, int, True, "CP3",
    "Rendez-vous enregistrés dans la période (quelle que soit leur date ou leur issue).",
    appointments_taken,
))  # fmt: skip
register(MetricDef(
    "visits_done", "Visites réalisées", NUMBER, COUNT, int, True, "CP2",
    "Rendez-vous tenus (statut « réalisé ») dont l'heure tombe dans la période.",
    visits_done,
))  # fmt: skip
register(MetricDef(
    "prospects_qualified", "Prospects qualifiés", NUMBER, COUNT, int, True, "CP3",
    "Prospects passés au statut « qualifié » pour la première fois dans la période (une fois "
    "par prospect ; pas ceux créés ou importés déjà qualifiés).",
    LIFECYCLE.member("prospects_qualified"),
))  # fmt: skip
register(MetricDef(
    "new_customers", "Nouveaux clients", NUMBER, COUNT, int, True, "CP2",
    "Prospects devenus clients pour la première fois dans la période (une fois par prospect ; "
    "pas ceux créés ou importés déjà clients, ni un client inactif qui redevient client).",
    LIFECYCLE.member("new_customers"),
))  # fmt: skip
register(MetricDef(
    "relaunches", "Relances clients", NUMBER, COUNT, int, True, "CP8",
    "Interactions sortantes de la période avec une fiche alors au statut « client » ou "
    "« inactif » (d'après l'historique des statuts au moment de l'échange).",
    relaunches,
))  # fmt: skip
register(MetricDef(
    "campaign_members_contacted", "Membres de campagne contactés", NUMBER, COUNT, int, True,
    "CP2",
    "Membres de campagne dont le premier contact sortant au titre de la campagne tombe dans la "
    "période (chacun compte une fois par campagne).",
    campaign_members_contacted,
))  # fmt: skip
register(MetricDef(
    "reach_rate", "Taux de joignabilité", "%", MetricKind.RATIO, Decimal, True, "CP3",
    "Contacts aboutis ÷ contacts émis × 100 (vide sans contact émis).",
    numerator="contacts_reached", denominator="contacts",
))  # fmt: skip
register(MetricDef(
    "appointment_rate", "Taux de prise de rendez-vous", "%", MetricKind.RATIO, Decimal, True,
    "CP3",
    "Rendez-vous pris ÷ contacts aboutis × 100 (vide sans contact abouti).",
    numerator="appointments_taken", denominator="contacts_reached",
))  # fmt: skip
