"""The prospect file's metrics (app/metrics/README.md): prospects added, contacts, reach,
appointments, visits held, lifecycle steps reached, relaunches and campaign members
contacted, the minutes recorded per kind of contact, and two ratios.

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
    Channel,
    Direction,
    Interaction,
    Prospect,
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
    minutes = func.coalesce(Interaction.duration_minutes, 0)
    rows = _outbound(
        owners, period,
        literal(1).label("contacts"),
        _counts(Interaction.outcome.not_in(unreached)).label("contacts_reached"),
        *(case((Interaction.channel.in_(channels), minutes), else_=0).label(code)
          for code, channels in MINUTES_CHANNELS.items()),
    )  # fmt: skip
    return tallied(session, rows, ["contacts", "contacts_reached", *MINUTES_CHANNELS])


# Time spent per kind of contact (the analysis's activity, CP4.1): the minutes recorded on
# the outbound interactions, by channel family.
MINUTES_CHANNELS = {
    "phone_minutes": [Channel.PHONE],
    "written_minutes": [Channel.EMAIL, Channel.SMS, Channel.POSTAL, Channel.SOCIAL],
    "meeting_minutes": [Channel.VISIT, Channel.VIDEO, Channel.EVENT],
}


def relaunches(session: Session, owners: Owners, period: Period) -> Mapping[Key, Any]:
    """Outbound interactions with a prospect whose status, when the interaction occurred, was
    customer or inactive (the last status change at or before that moment). Not in the
    outbound group: filtering on the prospects first lets the index find their few
    interactions, where a count among all of them would test every one.

    Each status change of those prospects is a span, from its moment to the next change's
    (``lead``): an interaction counts when it falls in a span of a customer or inactive
    status. One join instead of a lookup of the status per interaction (a correlated
    subquery cost 0.8 s on PostgreSQL for a cohort's 155,000 such interactions in a year,
    bench/bench_analyses.py)."""
    statuses = [ProspectStatus.CUSTOMER, ProspectStatus.INACTIVE]
    # The prospects that ever were a customer or inactive first (a few of a file): only their
    # interactions are read.
    ever = select(ProspectStatusChange.prospect_id).where(
        ProspectStatusChange.owner_id.in_(owners),
        ProspectStatusChange.to_status.in_(statuses),
        ProspectStatusChange.changed_at < period.until,
    )
    spans = (
        select(
            ProspectStatusChange.prospect_id.label("prospect_id"),
            ProspectStatusChange.to_status.label("to_status"),
            ProspectStatusChange.changed_at.label("since"),
            func.lead(ProspectStatusChange.changed_at)
            .over(
                partition_by=ProspectStatusChange.prospect_id,
                order_by=ProspectStatusChange.changed_at,
            )
            .label("until"),
        )
        .where(ProspectStatusChange.prospect_id.in_(ever))
        .subquery()
    )
    rows = (
        _outbound(owners, period)
        .join(spans, spans.c.prospect_id == Interaction.prospect_id)
        .where(
            spans.c.to_status.in_(statuses),
            spans.c.since <= Interaction.occurred_at,
            or_(spans.c.until.is_(None), spans.c.until > Interaction.occurred_at),
        )
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


def visits_done(
    session: Session, owners: Owners, period: Period
) -> Mapping[str, Mapping[Key, Any]]:
    """The appointments held: how many, and their minutes."""
    rows = select(
        Appointment.owner_id.label("owner_id"),
        period.slice_of_moment(Appointment.starts_at).label("slice"),
        literal(1).label("visits_done"),
        Appointment.duration_minutes.label("visit_minutes"),
    ).where(
        Appointment.owner_id.in_(owners),
        Appointment.status == AppointmentStatus.DONE,
        *period.moment_in(Appointment.starts_at),
    )
    return tallied(session, rows, ["visits_done", "visit_minutes"])


VISITS = MetricGroup("visits_done", visits_done)


def prospects_added(session: Session, owners: Owners, period: Period) -> Mapping[Key, Any]:
    """Prospects (suspects) entered in the file in the period, created or imported."""
    return counted(
        session,
        select(
            Prospect.owner_id.label("owner_id"),
            period.slice_of_moment(Prospect.created_at).label("slice"),
        ).where(Prospect.owner_id.in_(owners), *period.moment_in(Prospect.created_at)),
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
    "prospects_added", "Prospects entrés au fichier", NUMBER, COUNT, int, True, "CP3",
    "Fiches créées ou importées dans la période (les suspects du tunnel de vente).",
    prospects_added,
))  # fmt: skip
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
    VISITS.member("visits_done"),
))  # fmt: skip
register(MetricDef(
    "visit_minutes", "Temps en rendez-vous", "minutes", COUNT, int, True, "CP2",
    "Durée des rendez-vous tenus dont l'heure tombe dans la période, en minutes.",
    VISITS.member("visit_minutes"),
))  # fmt: skip
for _code, _label, _what in (
    ("phone_minutes", "Temps au téléphone", "téléphoniques"),
    ("written_minutes", "Temps à l'écrit", "écrites (e-mail, SMS, courrier, réseaux)"),
    ("meeting_minutes", "Temps en face à face", "en face à face (visite, visio, événement)"),
):
    register(MetricDef(
        _code, _label, "minutes", COUNT, int, True, "CP3",
        f"Durée notée des interactions sortantes {_what} de la période, en minutes.",
        OUTBOUND.member(_code),
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
