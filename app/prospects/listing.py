"""The lists of the prospect file as the routes answer them: prospects, contacts of a
prospect, interactions, appointments, personas, call scripts, campaigns and their members.
Queries come from ``repository``; this module shapes their pages (computed columns, names
of the linked records)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.config import Settings
from app.core.pagination import PageParams, count_up_to, order_by, page_of, paginate
from app.core.principal import Principal
from app.core.schemas import Page
from app.models import (
    Appointment,
    AppointmentStatus,
    CallScript,
    Campaign,
    CampaignMember,
    Channel,
    Contact,
    Interaction,
    Outcome,
    Persona,
    Prospect,
)
from app.prospects import campaigns, rules
from app.prospects import repository as repo
from app.prospects.schemas import (
    AppointmentOut,
    CallScriptOut,
    CampaignOut,
    ContactOut,
    InteractionOut,
    MemberOut,
    PersonaOut,
    ProspectOut,
)

# ------------------------------------------------------------------ prospects


def prospects(
    session: Session,
    principal: Principal,
    settings: Settings,
    filters: repo.ProspectFilters,
    sort: str | None,
    page: PageParams,
) -> Page[ProspectOut]:
    """One page of the file with each record's persona match and distance when asked; the
    total is exact, or a lower bound past ``list_count_cap`` (``total_exact`` false)."""
    listed = repo.listing(session, principal, filters, sort)
    rows, total = repo.page_records(session, listed, page)
    exact = True
    if total is None:
        total, exact = count_up_to(session, listed.counted, settings.list_count_cap)
    items = []
    for prospect, computed in rows:
        out = ProspectOut.model_validate(prospect)
        if "persona_match" in listed.extra:
            out.persona_match = int(computed["persona_match"])
        if filters.near is not None and prospect.latitude is not None:
            out.distance_km = round(
                rules.haversine_km(*filters.near, prospect.latitude, prospect.longitude or 0), 2
            )
        items.append(out)
    return page_of(items, total, page, exact=exact)


def contacts(
    session: Session, principal: Principal, prospect: Prospect, page: PageParams
) -> Page[ContactOut]:
    """A company's contacts, by name."""
    stmt = (
        repo.ContactRepository(session, principal)
        .readable_statement()
        .where(Contact.prospect_id == prospect.id)
        .order_by(Contact.last_name, Contact.id)
    )
    items, total = paginate(session, stmt, page)
    return page_of([ContactOut.model_validate(c) for c in items], total, page)


# ------------------------------------------------------------------ interactions


def interaction_out(interaction: Interaction, appointment_id: int | None = None) -> InteractionOut:
    out = InteractionOut.model_validate(interaction)
    out.appointment_id = appointment_id
    return out


def interactions(
    session: Session,
    principal: Principal,
    prospect: Prospect,
    page: PageParams,
    *,
    channel: Channel | None,
    outcome: Outcome | None,
) -> Page[InteractionOut]:
    """A prospect's exchanges, the latest first."""
    stmt = (
        repo.InteractionRepository(session, principal)
        .readable_statement()
        .where(Interaction.prospect_id == prospect.id)
    )
    if channel:
        stmt = stmt.where(Interaction.channel == channel)
    if outcome:
        stmt = stmt.where(Interaction.outcome == outcome)
    stmt = stmt.order_by(Interaction.occurred_at.desc(), Interaction.id.desc())
    items, total = paginate(session, stmt, page)
    return page_of([interaction_out(i) for i in items], total, page)


# ------------------------------------------------------------------ appointments

APPOINTMENT_SORTS = {"starts_at": Appointment.starts_at, "created_at": Appointment.created_at}


def appointments_out(session: Session, items: Sequence[Appointment]) -> list[AppointmentOut]:
    """The appointments with their prospect's name (one query for them all)."""
    ids = {a.prospect_id for a in items}
    found = session.execute(select(Prospect.id, Prospect.name).where(Prospect.id.in_(ids)))
    names: dict[int, str] = {row.id: row.name for row in found}
    out = []
    for appointment in items:
        row = AppointmentOut.model_validate(appointment)
        row.prospect_name = names.get(appointment.prospect_id)
        out.append(row)
    return out


def appointment_out(session: Session, appointment: Appointment) -> AppointmentOut:
    return appointments_out(session, [appointment])[0]


def appointments(
    session: Session,
    principal: Principal,
    page: PageParams,
    *,
    sort: str | None,
    starts_after: datetime | None,
    starts_before: datetime | None,
    status: AppointmentStatus | None,
    prospect_id: int | None,
) -> Page[AppointmentOut]:
    """The appointments the caller may read, filtered, the soonest first unless ``sort``
    says otherwise."""
    stmt = repo.AppointmentRepository(session, principal).readable_statement()
    if starts_after:
        stmt = stmt.where(Appointment.starts_at >= starts_after)
    if starts_before:
        stmt = stmt.where(Appointment.starts_at < starts_before)
    if status:
        stmt = stmt.where(Appointment.status == status)
    if prospect_id:
        stmt = stmt.where(Appointment.prospect_id == prospect_id)
    stmt = stmt.order_by(*order_by(sort, APPOINTMENT_SORTS, ["starts_at"]), Appointment.id)
    items, total = paginate(session, stmt, page)
    return page_of(appointments_out(session, items), total, page)


# ------------------------------------------------------------------ targeting

PERSONA_SORTS = {"name": Persona.name, "created_at": Persona.created_at}

CAMPAIGN_SORTS = {
    "name": Campaign.name,
    "starts_on": Campaign.starts_on,
    "created_at": Campaign.created_at,
}


def personas(
    session: Session, principal: Principal, page: PageParams, *, sort: str | None
) -> Page[PersonaOut]:
    """The personas, by name unless ``sort`` says otherwise."""
    stmt = repo.PersonaRepository(session, principal).readable_statement()
    stmt = stmt.order_by(*order_by(sort, PERSONA_SORTS, ["name"]), Persona.id)
    items, total = paginate(session, stmt, page)
    return page_of([PersonaOut.model_validate(p) for p in items], total, page)


def scripts(
    session: Session, principal: Principal, page: PageParams, *, persona_id: int | None
) -> Page[CallScriptOut]:
    """The call scripts (of one persona when asked), by name."""
    stmt = repo.CallScriptRepository(session, principal).readable_statement()
    if persona_id is not None:
        stmt = stmt.where(CallScript.persona_id == persona_id)
    items, total = paginate(session, stmt.order_by(CallScript.name, CallScript.id), page)
    return page_of([CallScriptOut.model_validate(s) for s in items], total, page)


def campaign_list(
    session: Session,
    principal: Principal,
    page: PageParams,
    *,
    sort: str | None,
    channel: Channel | None,
) -> Page[CampaignOut]:
    """The campaigns with their counters, the latest first unless ``sort`` says otherwise."""
    stmt = repo.CampaignRepository(session, principal).readable_statement()
    if channel:
        stmt = stmt.where(Campaign.channel == channel)
    stmt = stmt.order_by(*order_by(sort, CAMPAIGN_SORTS, ["-created_at"]), Campaign.id)
    items, total = paginate(session, stmt, page)
    return page_of([campaigns.campaign_out(session, c) for c in items], total, page)


def members(
    session: Session, principal: Principal, campaign: Campaign, page: PageParams
) -> Page[MemberOut]:
    """A campaign's members in the order they joined, with their prospect's name."""
    stmt = (
        repo.CampaignMemberRepository(session, principal)
        .readable_statement()
        .where(CampaignMember.campaign_id == campaign.id)
        .order_by(CampaignMember.id)
    )
    items, total = paginate(session, stmt, page)
    # The members' names, in one query (the same owner's file as the campaign).
    rows = session.execute(repo.prospect_names([m.prospect_id for m in items]))
    names: dict[int, str] = {row[0]: row[1] for row in rows}
    out = []
    for m in items:
        member = MemberOut.model_validate(m)
        member.prospect_name = names.get(m.prospect_id)
        out.append(member)
    return page_of(out, total, page)
