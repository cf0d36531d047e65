"""The prospect file's metrics (app/metrics/README.md): contacts, reach, appointments, visits
held, lifecycle steps reached, relaunches and campaign members contacted, and two ratios.

Each ``compute`` is one grouped query for a whole set of owners; the registry fills in the
owners without records and computes the ratios from their parts.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

from sqlalchemy import and_, exists, func, or_, select
from sqlalchemy.orm import Session, aliased

from app.metrics.registry import MetricDef, MetricKind, Period, grouped, register
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


def _outbound(owners: Owners, period: Period) -> Any:
    """Outbound interactions of ``owners`` that occurred in ``period``."""
    return and_(
        Interaction.owner_id.in_(owners),
        Interaction.direction == Direction.OUTBOUND,
        Interaction.occurred_at >= period.since,
        Interaction.occurred_at < period.until,
    )


def _count_interactions(session: Session, *where: Any) -> dict[int, Any]:
    return grouped(
        session,
        select(Interaction.owner_id, func.count()).where(*where).group_by(Interaction.owner_id),
    )


def contacts(session: Session, owners: Owners, period: Period) -> Mapping[int, Any]:
    return _count_interactions(session, _outbound(owners, period))


def contacts_reached(session: Session, owners: Owners, period: Period) -> Mapping[int, Any]:
    return _count_interactions(
        session,
        _outbound(owners, period),
        Interaction.outcome.not_in(sorted(rules.UNREACHED_OUTCOMES)),
    )


def relaunches(session: Session, owners: Owners, period: Period) -> Mapping[int, Any]:
    """Outbound interactions with a prospect whose status, when the interaction occurred, was
    customer or inactive (the last status change at or before that moment)."""
    change = aliased(ProspectStatusChange)
    status_then = (
        select(change.to_status)
        .where(
            change.prospect_id == Interaction.prospect_id,
            change.changed_at <= Interaction.occurred_at,
        )
        .order_by(change.changed_at.desc(), change.id.desc())
        .limit(1)
        .correlate(Interaction)
        .scalar_subquery()
    )
    return _count_interactions(
        session,
        _outbound(owners, period),
        status_then.in_([ProspectStatus.CUSTOMER, ProspectStatus.INACTIVE]),
    )


def campaign_members_contacted(
    session: Session, owners: Owners, period: Period
) -> Mapping[int, Any]:
    """Campaign members (a prospect in a campaign) whose first outbound interaction of that
    campaign occurred in the period: each member counts once, in the period it was first
    contacted (an interaction names a campaign only for one of its members: the channel
    policy checks it when it is recorded)."""
    earlier = aliased(Interaction)
    first = ~exists().where(
        earlier.campaign_id == Interaction.campaign_id,
        earlier.prospect_id == Interaction.prospect_id,
        earlier.direction == Direction.OUTBOUND,
        or_(
            earlier.occurred_at < Interaction.occurred_at,
            and_(earlier.occurred_at == Interaction.occurred_at, earlier.id < Interaction.id),
        ),
    )
    return _count_interactions(
        session, _outbound(owners, period), Interaction.campaign_id.is_not(None), first
    )


def appointments_taken(session: Session, owners: Owners, period: Period) -> Mapping[int, Any]:
    return grouped(
        session,
        select(Appointment.owner_id, func.count())
        .where(
            Appointment.owner_id.in_(owners),
            Appointment.created_at >= period.since,
            Appointment.created_at < period.until,
        )
        .group_by(Appointment.owner_id),
    )


def visits_done(session: Session, owners: Owners, period: Period) -> Mapping[int, Any]:
    return grouped(
        session,
        select(Appointment.owner_id, func.count())
        .where(
            Appointment.owner_id.in_(owners),
            Appointment.status == AppointmentStatus.DONE,
            Appointment.starts_at >= period.since,
            Appointment.starts_at < period.until,
        )
        .group_by(Appointment.owner_id),
    )


def first_reached(status: ProspectStatus) -> Any:
    """The prospects that reached ``status`` for the first time in the period, through the
    lifecycle: the first change to ``status`` of the prospect's history falls in the period
    and is a transition (a prospect created or imported at that status never counts, nor
    does a prospect reaching it again later)."""

    def compute(session: Session, owners: Owners, period: Period) -> Mapping[int, Any]:
        change = ProspectStatusChange
        earlier = aliased(ProspectStatusChange)
        first = ~exists().where(
            earlier.prospect_id == change.prospect_id,
            earlier.to_status == status,
            or_(
                earlier.changed_at < change.changed_at,
                and_(earlier.changed_at == change.changed_at, earlier.id < change.id),
            ),
        )
        return grouped(
            session,
            select(change.owner_id, func.count())
            .where(
                change.owner_id.in_(owners),
                change.to_status == status,
                change.from_status.is_not(None),
                change.changed_at >= period.since,
                change.changed_at < period.until,
                first,
            )
            .group_by(change.owner_id),
        )

    return compute


NUMBER = "nombre"
COUNT = MetricKind.COUNT

register(MetricDef(
    "contacts", "Contacts émis", NUMBER, COUNT, int, True, "CP3",
    "Interactions sortantes (appel, e-mail, courrier, visite…) survenues dans la période.",
    contacts,
))  # fmt: skip
register(MetricDef(
    "contacts_reached", "Contacts aboutis", NUMBER, COUNT, int, True, "CP3",
    "Interactions sortantes de la période dont l'issue n'est ni « pas de réponse » ni "
    "« barrage » : l'interlocuteur a été joint.",
    contacts_reached,
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
    first_reached(ProspectStatus.QUALIFIED),
))  # fmt: skip
register(MetricDef(
    "new_customers", "Nouveaux clients", NUMBER, COUNT, int, True, "CP2",
    "Prospects devenus clients pour la première fois dans la période (une fois par prospect ; "
    "pas ceux créés ou importés déjà clients, ni un client inactif qui redevient client).",
    first_reached(ProspectStatus.CUSTOMER),
))  # fmt: skip
register(MetricDef(
    "relaunches", "Relances clients", NUMBER, COUNT, int, True, "CP8",
    "Interactions sortantes de la période avec un client ou un ancien client : le statut de "
    "la fiche au moment de l'échange était « client » ou « inactif ».",
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
