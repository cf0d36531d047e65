"""Prospects: list and search, record, lifecycle, timeline, channel policy, contacts."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, BackgroundTasks, Query, Request, Response, status
from sqlalchemy import select

from app.auth.deps import AppSettings, CurrentPrincipal
from app.common.clock import utcnow
from app.competences.evidence import about, note_criteria
from app.competences.tagging import exercises
from app.consent import service as consent
from app.consent.audit import audit
from app.consent.schemas import ChannelDecisionOut, ChannelPolicyOut
from app.core.db import DbSession
from app.core.errors import FieldError, NotFound
from app.core.pagination import Pagination, count_up_to, page_of, paginate, sort_query
from app.core.schemas import Day, Id, Page
from app.geocoding import service as geocoding
from app.models import (
    Appointment,
    ConsentRecord,
    Contact,
    Interaction,
    Prospect,
    ProspectStatus,
    ProspectStatusChange,
)
from app.prospects import bulk, merge, rules, service
from app.prospects import repository as repo
from app.prospects.deps import Filters, ReadableProspect, WritableProspect
from app.prospects.schemas import (
    BulkReport,
    ContactCreate,
    ContactOut,
    ContactUpdate,
    MergeReport,
    ProspectBulk,
    ProspectCreate,
    ProspectMerge,
    ProspectOut,
    ProspectUpdate,
    StatusChange,
    TimelineEvent,
)

router = APIRouter(tags=["prospects"])

FILE = exercises("CP3", criteria=["CP3.7"])


@router.get("/prospects", response_model=Page[ProspectOut], summary="Fichier prospects", **FILE)
def list_prospects(
    session: DbSession,
    principal: CurrentPrincipal,
    settings: AppSettings,
    filters: Filters,
    page: Pagination,
    sort: Annotated[str | None, sort_query(repo.PROSPECT_SORT_FIELDS)] = None,
) -> Page[ProspectOut]:
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


@router.post(
    "/prospects",
    response_model=ProspectOut,
    status_code=status.HTTP_201_CREATED,
    summary="Ajouter un prospect au fichier",
    **FILE,
)
def create_prospect(
    data: ProspectCreate,
    session: DbSession,
    principal: CurrentPrincipal,
    settings: AppSettings,
    request: Request,
    background: BackgroundTasks,
) -> Prospect:
    prospect = service.create_prospect(session, principal, settings, data)
    _geocode_after_commit(request, background, settings, prospect)
    return prospect


def _geocode_after_commit(
    request: Request, background: BackgroundTasks, settings: AppSettings, prospect: Prospect
) -> None:
    """An online geocoder refines the provisional position after the response (outside the
    request's write transaction): app/geocoding/service.py."""
    if geocoding.is_online(settings) and prospect.geocoded_at is None:
        background.add_task(
            geocoding.geocode_later,
            request.app.state.session_factory,
            settings,
            ids=[prospect.id],
        )


@router.post(
    "/prospects/bulk",
    response_model=BulkReport,
    summary="Une action sur plusieurs fiches (statut, étiquette, campagne)",
    **exercises("CP3", criteria=["CP3.7"]),
)
def bulk_action(
    data: ProspectBulk,
    session: DbSession,
    principal: CurrentPrincipal,
    settings: AppSettings,
    request: Request,
) -> BulkReport:
    report = bulk.apply(session, principal, settings, data)
    # The criteria the single-record routes would note, when at least one record shows them.
    if report.done and data.action == "status" and data.status is ProspectStatus.QUALIFIED:
        note_criteria(request, "CP3.6")
    if report.done and data.action == "add_to_campaign":
        note_criteria(request, "CP2.2", "CP3.1")
    return report


@router.get(
    "/prospects/{prospect_id}", response_model=ProspectOut, summary="Fiche prospect", **FILE
)
def read_prospect(
    prospect: ReadableProspect, session: DbSession, principal: CurrentPrincipal
) -> Prospect:
    audit(session, principal, "read_record", prospect_id=prospect.id, own_transaction=True)
    return prospect


@router.patch(
    "/prospects/{prospect_id}", response_model=ProspectOut, summary="Mettre à jour", **FILE
)
def update_prospect(
    data: ProspectUpdate,
    prospect: WritableProspect,
    session: DbSession,
    settings: AppSettings,
    request: Request,
    background: BackgroundTasks,
) -> Prospect:
    updated = service.update_prospect(session, settings, prospect, data)
    _geocode_after_commit(request, background, settings, updated)
    return updated


@router.delete(
    "/prospects/{prospect_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    summary="Supprimer une fiche créée par erreur",
    **FILE,
)
def delete_prospect(prospect: WritableProspect, session: DbSession) -> Response:
    session.delete(prospect)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.post(
    "/prospects/{prospect_id}/merge",
    response_model=MergeReport,
    summary="Fusionner un doublon dans cette fiche",
    **FILE,
)
def merge_prospect(
    data: ProspectMerge,
    prospect: WritableProspect,
    session: DbSession,
    principal: CurrentPrincipal,
    settings: AppSettings,
) -> MergeReport:
    return merge.merge(session, principal, settings, prospect, data)


@router.post(
    "/prospects/{prospect_id}/status",
    response_model=ProspectOut,
    summary="Changer le statut (cycle de vie)",
    **FILE,
)
def change_status(
    data: StatusChange,
    prospect: WritableProspect,
    session: DbSession,
    principal: CurrentPrincipal,
    request: Request,
) -> Prospect:
    result = service.change_status(session, principal, prospect, data)
    # A stage of the prospect's life is shown once: moving back and forth adds nothing.
    about(request, "prospects", prospect.id, once_per=f"prospects:{prospect.id} {data.status}")
    if data.status is ProspectStatus.QUALIFIED:
        note_criteria(request, "CP3.6")
    return result


@router.get(
    "/prospects/{prospect_id}/timeline",
    response_model=list[TimelineEvent],
    summary="Chronologie (échanges, statuts, consentements, rendez-vous)",
    **FILE,
)
def timeline(
    prospect: ReadableProspect,
    session: DbSession,
    principal: CurrentPrincipal,
    limit: Annotated[int, Query(ge=1, le=1000)] = 200,
) -> list[TimelineEvent]:
    # The timeline is part of the record: the record page reads both, one consultation.
    audit(session, principal, "read_record", prospect_id=prospect.id, own_transaction=True)
    events: list[TimelineEvent] = []
    for i in session.scalars(select(Interaction).where(Interaction.prospect_id == prospect.id)):
        events.append(
            TimelineEvent(
                kind="interaction", at=i.occurred_at, id=i.id,
                summary=f"{i.direction.value} {i.channel.value} : {i.outcome.value}",
                data={"channel": i.channel, "direction": i.direction, "outcome": i.outcome,
                      "contact_id": i.contact_id, "notes": i.notes, "next_step": i.next_step,
                      "next_contact_on": i.next_contact_on, "policy_rule": i.policy_rule},
            )
        )  # fmt: skip
    for c in session.scalars(
        select(ProspectStatusChange).where(ProspectStatusChange.prospect_id == prospect.id)
    ):
        events.append(
            TimelineEvent(
                kind="status_change", at=c.changed_at, id=c.id,
                summary=f"{c.from_status.value if c.from_status else '—'} → {c.to_status.value}",
                data={"from": c.from_status, "to": c.to_status, "reason": c.reason},
            )
        )  # fmt: skip
    for r in session.scalars(select(ConsentRecord).where(ConsentRecord.prospect_id == prospect.id)):
        events.append(
            TimelineEvent(
                kind="consent", at=r.given_at, id=r.id,
                summary=f"{r.purpose.value}/{r.channel.value} : {r.status.value}",
                data={"purpose": r.purpose, "channel": r.channel, "status": r.status,
                      "contact_id": r.contact_id, "method": r.method},
            )
        )  # fmt: skip
    for a in session.scalars(select(Appointment).where(Appointment.prospect_id == prospect.id)):
        events.append(
            TimelineEvent(
                kind="appointment", at=a.starts_at, id=a.id,
                summary=f"rendez-vous {a.status.value}",
                data={"starts_at": a.starts_at, "place": a.place, "status": a.status},
            )
        )  # fmt: skip
    events.sort(key=lambda e: (e.at, e.kind, e.id), reverse=True)
    return events[: max(1, min(limit, 1000))]


@router.get(
    "/prospects/{prospect_id}/channel-policy",
    response_model=ChannelPolicyOut,
    summary="Canaux permis pour contacter cette personne, et pourquoi",
    **exercises("CP3", criteria=["CP3.1"]),
)
def channel_policy(
    prospect: ReadableProspect,
    session: DbSession,
    settings: AppSettings,
    contact_id: Id | None = None,
    on: Day | None = None,
    about_contract: bool = False,
    analogous_offer: bool = False,
) -> ChannelPolicyOut:
    contact = None
    if contact_id is not None:
        contact = session.get(Contact, contact_id)
        if contact is None or contact.prospect_id != prospect.id:
            raise FieldError("contact_id", "Contact inconnu pour ce prospect.", location="query")
    day = on or utcnow().date()
    decisions = consent.evaluate(
        session, settings, prospect, contact, day,
        about_contract=about_contract, analogous_offer=analogous_offer,
    )  # fmt: skip
    return ChannelPolicyOut(
        prospect_id=prospect.id,
        contact_id=contact_id,
        on=day,
        decisions=[
            ChannelDecisionOut(channel=c, allowed=d.allowed, rule=d.rule, detail=d.detail)
            for c, d in decisions.items()
        ],
        allowed_channels=[c for c, d in decisions.items() if d.allowed],
    )


# ------------------------------------------------------------------ contacts

CONTACT = exercises("CP3", criteria=["CP3.6", "CP3.7"])


def _contact(
    session: DbSession,
    principal: CurrentPrincipal,
    prospect: Prospect,
    contact_id: Id,
    *,
    write: bool,
) -> Contact:
    contacts = repo.ContactRepository(session, principal)
    contact = contacts.get_writable(contact_id) if write else contacts.get_readable(contact_id)
    if contact.prospect_id != prospect.id:
        raise NotFound(f"Contact {contact_id} introuvable pour ce prospect.")
    return contact


@router.get(
    "/prospects/{prospect_id}/contacts",
    response_model=Page[ContactOut],
    summary="Contacts d'une entreprise",
    **CONTACT,
)
def list_contacts(
    prospect: ReadableProspect, session: DbSession, principal: CurrentPrincipal, page: Pagination
) -> Page[ContactOut]:
    stmt = (
        repo.ContactRepository(session, principal)
        .readable_statement()
        .where(Contact.prospect_id == prospect.id)
        .order_by(Contact.last_name, Contact.id)
    )
    items, total = paginate(session, stmt, page)
    return page_of([ContactOut.model_validate(c) for c in items], total, page)


@router.post(
    "/prospects/{prospect_id}/contacts",
    response_model=ContactOut,
    status_code=status.HTTP_201_CREATED,
    summary="Ajouter un contact",
    **CONTACT,
)
def create_contact(data: ContactCreate, prospect: WritableProspect, session: DbSession) -> Contact:
    return service.create_contact(session, prospect, data)


@router.get(
    "/prospects/{prospect_id}/contacts/{contact_id}",
    response_model=ContactOut,
    summary="Un contact",
    **CONTACT,
)
def read_contact(
    contact_id: Id, prospect: ReadableProspect, session: DbSession, principal: CurrentPrincipal
) -> Contact:
    contact = _contact(session, principal, prospect, contact_id, write=False)
    audit(
        session,
        principal,
        "read_record",
        prospect_id=prospect.id,
        contact_id=contact.id,
        own_transaction=True,
    )
    return contact


@router.patch(
    "/prospects/{prospect_id}/contacts/{contact_id}",
    response_model=ContactOut,
    summary="Modifier un contact",
    **CONTACT,
)
def update_contact(
    contact_id: Id,
    data: ContactUpdate,
    prospect: WritableProspect,
    session: DbSession,
    principal: CurrentPrincipal,
) -> Contact:
    contact = _contact(session, principal, prospect, contact_id, write=True)
    return service.update_contact(session, contact, data)


@router.delete(
    "/prospects/{prospect_id}/contacts/{contact_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    summary="Supprimer un contact",
    **CONTACT,
)
def delete_contact(
    contact_id: Id, prospect: WritableProspect, session: DbSession, principal: CurrentPrincipal
) -> Response:
    session.delete(_contact(session, principal, prospect, contact_id, write=True))
    return Response(status_code=status.HTTP_204_NO_CONTENT)
