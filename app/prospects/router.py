"""Prospects: list and search, record, lifecycle, timeline, channel policy, contacts."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, BackgroundTasks, Query, Request, Response, status

from app.auth.deps import AppSettings, CurrentPrincipal
from app.competences.evidence import about, note_criteria
from app.competences.tagging import exercises
from app.consent.audit import audit
from app.consent.schemas import ChannelPolicyOut
from app.core.db import DbSession
from app.core.pagination import Pagination, sort_query
from app.core.schemas import Day, Id, Page
from app.geocoding import service as geocoding
from app.models import (
    Contact,
    Prospect,
    ProspectStatus,
)
from app.prospects import bulk, listing, merge, service
from app.prospects import repository as repo
from app.prospects import timeline as timeline_
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
    return listing.prospects(session, principal, settings, filters, sort, page)


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
    return timeline_.timeline(session, principal, prospect, limit)


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
    return timeline_.channel_policy(
        session, settings, prospect, contact_id, on,
        about_contract=about_contract, analogous_offer=analogous_offer,
    )  # fmt: skip


# ------------------------------------------------------------------ contacts

CONTACT = exercises("CP3", criteria=["CP3.6", "CP3.7"])


@router.get(
    "/prospects/{prospect_id}/contacts",
    response_model=Page[ContactOut],
    summary="Contacts d'une entreprise",
    **CONTACT,
)
def list_contacts(
    prospect: ReadableProspect, session: DbSession, principal: CurrentPrincipal, page: Pagination
) -> Page[ContactOut]:
    return listing.contacts(session, principal, prospect, page)


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
    contact = repo.ContactRepository(session, principal).get_of(prospect, contact_id, write=False)
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
    contact = repo.ContactRepository(session, principal).get_of(prospect, contact_id, write=True)
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
    session.delete(
        repo.ContactRepository(session, principal).get_of(prospect, contact_id, write=True)
    )
    return Response(status_code=status.HTTP_204_NO_CONTENT)
