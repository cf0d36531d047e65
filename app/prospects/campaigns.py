"""Prospecting campaigns: target, members checked one by one by the channel policy, counts."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.common.clock import utcnow
from app.config import Settings
from app.consent import service as consent
from app.core.errors import AppError, FieldError
from app.core.patch import apply_patch, check_version, every_field_but
from app.core.principal import Principal
from app.models import Campaign, CampaignMember, CampaignPresentation, Channel, Contact, Prospect
from app.prospects import repository as repo
from app.prospects.schemas import (
    CampaignCounts,
    CampaignCreate,
    CampaignOut,
    CampaignUpdate,
    MemberOut,
    MemberRef,
    MemberRefused,
    MembersAdd,
    MembersReport,
    SavedFilter,
)
from app.prospects.service import own_persona


def _check(session: Session, principal: Principal, campaign: Campaign) -> None:
    if campaign.starts_on and campaign.ends_on and campaign.ends_on < campaign.starts_on:
        raise FieldError("ends_on", "La fin de campagne précède son début.")
    if campaign.call_script_id is not None:
        try:
            repo.CallScriptRepository(session, principal).get_writable(campaign.call_script_id)
        except AppError as exc:
            raise FieldError(
                "call_script_id", f"Script {campaign.call_script_id} introuvable."
            ) from exc
    if (
        campaign.channel is Channel.SMS
        and campaign.message_template
        and ("STOP" not in campaign.message_template.upper())
    ):
        raise FieldError(
            "message_template",
            "Un SMS de prospection doit identifier l'émetteur et offrir un désabonnement "
            "gratuit : ajoutez par exemple « STOP au 36xxx ».",
        )


def create_campaign(session: Session, principal: Principal, data: CampaignCreate) -> Campaign:
    own_persona(session, principal, data.persona_id, "persona_id")
    campaign = Campaign(
        owner_id=principal.user_id,
        name=data.name,
        channel=data.channel,
        persona_id=data.persona_id,
        saved_filter=data.saved_filter.model_dump(mode="json", exclude_defaults=True)
        if data.saved_filter
        else {},
        starts_on=data.starts_on,
        ends_on=data.ends_on,
        call_script_id=data.call_script_id,
        message_template=data.message_template or "",
        analogous_offer=bool(data.analogous_offer),
        objective_contacts=data.objective_contacts,
        objective_appointments=data.objective_appointments,
    )
    _check(session, principal, campaign)
    session.add(campaign)
    session.flush()
    _link_presentation(session, principal, campaign, data.presentation_variant_id)
    return campaign


def _link_presentation(
    session: Session, principal: Principal, campaign: Campaign, variant_id: int | None
) -> None:
    """The presentation variant the campaign uses (one, or none)."""
    link = session.get(CampaignPresentation, campaign.id)
    if variant_id is None:
        if link is not None:
            session.delete(link)
            session.flush()
        return
    repo.PresentationVariantLookup(session, principal).get_referenced(
        variant_id, "presentation_variant_id"
    )
    if link is None:
        session.add(
            CampaignPresentation(
                owner_id=campaign.owner_id, campaign_id=campaign.id, variant_id=variant_id
            )
        )
    else:
        link.variant_id = variant_id
    session.flush()


#: What a campaign update may clear (sent as null): all but its name and channel.
_CLEARABLE = every_field_but("name", "channel")


def update_campaign(
    session: Session, principal: Principal, campaign: Campaign, data: CampaignUpdate
) -> Campaign:
    check_version(campaign, data.version)
    fields = data.model_fields_set
    if "persona_id" in fields:
        own_persona(session, principal, data.persona_id, "persona_id")
    special = {"saved_filter", "message_template", "analogous_offer", "presentation_variant_id"}
    apply_patch(campaign, data, clearable=_CLEARABLE, skip=special)
    if "saved_filter" in fields:
        saved = data.saved_filter
        campaign.saved_filter = (
            saved.model_dump(mode="json", exclude_defaults=True) if saved else {}
        )
    if "message_template" in fields:
        campaign.message_template = data.message_template or ""
    if "analogous_offer" in fields:
        campaign.analogous_offer = bool(data.analogous_offer)
    _check(session, principal, campaign)
    session.flush()
    if "presentation_variant_id" in fields:
        _link_presentation(session, principal, campaign, data.presentation_variant_id)
    return campaign


def counts(session: Session, campaign_id: int) -> CampaignCounts:
    row = session.execute(repo.campaign_counts(campaign_id)).one()
    return CampaignCounts(
        members=row.members,
        contacted=row.contacted,
        reached=row.reached,
        appointments=row.appointments,
        refusals=row.refusals,
    )


def campaign_out(session: Session, campaign: Campaign) -> CampaignOut:
    return CampaignOut(
        id=campaign.id,
        name=campaign.name,
        channel=campaign.channel,
        persona_id=campaign.persona_id,
        saved_filter=campaign.saved_filter,
        starts_on=campaign.starts_on,
        ends_on=campaign.ends_on,
        call_script_id=campaign.call_script_id,
        message_template=campaign.message_template,
        analogous_offer=campaign.analogous_offer,
        objective_contacts=campaign.objective_contacts,
        objective_appointments=campaign.objective_appointments,
        presentation_variant_id=session.scalar(
            select(CampaignPresentation.variant_id).where(
                CampaignPresentation.campaign_id == campaign.id
            )
        ),
        counts=counts(session, campaign.id),
        created_at=campaign.created_at,
        version=campaign.version,
    )


def _target(
    session: Session, principal: Principal, campaign: Campaign, limit: int
) -> list[MemberRef]:
    filters = repo.ProspectFilters()
    if campaign.saved_filter:
        saved = SavedFilter.model_validate(campaign.saved_filter)
        for name in saved.model_fields_set:
            setattr(filters, name, getattr(saved, name))
    if campaign.persona_id is not None:
        filters.persona = repo.PersonaRepository(session, principal).get_readable(
            campaign.persona_id
        )
        if filters.min_match is None:
            filters.min_match = 50
    if campaign.persona_id is None and not campaign.saved_filter:
        raise FieldError(
            "from_target", "La campagne n'a pas de cible : choisissez un persona ou un filtre."
        )
    stmt, extra = repo.filtered(
        repo.ProspectRepository(session, principal).writable_statement(),
        filters,
        session.get_bind().dialect.name,
    )
    order: list[Any] = [extra["persona_match"].desc()] if "persona_match" in extra else []
    stmt = stmt.order_by(*order, Prospect.id).limit(limit)
    return [MemberRef(prospect_id=row[0].id) for row in session.execute(stmt)]


def add_members(
    session: Session,
    principal: Principal,
    settings: Settings,
    campaign: Campaign,
    data: MembersAdd,
) -> MembersReport:
    """Check each candidate with the channel policy; add the allowed, list the refused."""
    candidates = list(data.members)
    if data.from_target:
        candidates += _target(session, principal, campaign, data.limit)
    if not candidates:
        raise FieldError("members", "Aucun prospect à ajouter : donnez des membres ou from_target.")
    prospects = repo.ProspectRepository(session, principal)
    existing = {
        (m.prospect_id, m.contact_id)
        for m in session.scalars(
            select(CampaignMember).where(CampaignMember.campaign_id == campaign.id)
        )
    }
    on = max(utcnow().date(), campaign.starts_on or date.min)
    report = MembersReport(added=[], already_members=[], refused=[])
    seen: set[tuple[int, int | None]] = set()
    for ref in candidates:
        key = (ref.prospect_id, ref.contact_id)
        if key in seen:
            continue
        seen.add(key)
        if key in existing:
            report.already_members.append(ref)
            continue
        try:
            prospect = prospects.get_writable(ref.prospect_id)
        except AppError as exc:
            raise FieldError("members", f"Prospect {ref.prospect_id} introuvable.") from exc
        contact = None
        if ref.contact_id is not None:
            contact = session.get(Contact, ref.contact_id)
            if contact is None or contact.prospect_id != prospect.id:
                raise FieldError(
                    "members", f"Le contact {ref.contact_id} n'appartient pas au prospect."
                )
        if prospect.anonymised_at is not None:
            report.refused.append(
                MemberRefused(
                    prospect_id=prospect.id,
                    contact_id=ref.contact_id,
                    rule="anonymised",
                    detail="Fiche anonymisée : plus aucun contact n'est possible.",
                )
            )
            continue
        decision = consent.evaluate(
            session, settings, prospect, contact, on, analogous_offer=campaign.analogous_offer
        )[campaign.channel]
        if not decision.allowed:
            report.refused.append(
                MemberRefused(
                    prospect_id=prospect.id,
                    contact_id=ref.contact_id,
                    rule=decision.rule,
                    detail=decision.detail,
                )
            )
            continue
        member = CampaignMember(
            owner_id=campaign.owner_id,
            campaign_id=campaign.id,
            prospect_id=prospect.id,
            contact_id=ref.contact_id,
        )
        session.add(member)
        session.flush()
        report.added.append(MemberOut.model_validate(member))
    return report
