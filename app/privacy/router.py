"""RGPD routes: consent history, Bloctel, data-subject requests, register, audit, retention."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, File, Form, Query, Request, UploadFile, status
from starlette.concurrency import run_in_threadpool

from app.auth.deps import AppSettings, CurrentPrincipal, OrganisationManager
from app.competences.evidence import about
from app.competences.tagging import exercises
from app.consent import service as consent
from app.consent.schemas import ConsentCreate, ConsentOut, ConsentsView
from app.core.db import DbSession
from app.core.errors import FieldError
from app.core.pagination import Pagination, page_of, sort_query
from app.core.schemas import DateTime, Id, Page
from app.models import (
    BloctelCheck,
    ConsentRecord,
    PrivacyRequestKind,
    PrivacyRequestStatus,
)
from app.privacy import bloctel, register, requests, retention
from app.privacy.repository import (
    REQUEST_SORTS,
    AuditRepository,
    BloctelRepository,
    PrivacyRequestRepository,
)
from app.privacy.schemas import (
    AuditEntryOut,
    BloctelReport,
    PrivacyRequestComplete,
    PrivacyRequestCreate,
    PrivacyRequestExtend,
    PrivacyRequestOut,
    RetentionReport,
)
from app.prospects.deps import ReadableProspect, WritableProspect
from app.prospects.repository import ContactRepository

router = APIRouter(tags=["privacy"])

RGPD = exercises("CP3", criteria=["CP3.7"])
BLOCTEL_MAX_BYTES = 20 * 1024 * 1024


# ------------------------------------------------------------------ consents


@router.get(
    "/prospects/{prospect_id}/consents",
    response_model=ConsentsView,
    summary="Consentements d'une personne : état actuel et historique",
    **RGPD,
)
def read_consents(
    prospect: ReadableProspect,
    session: DbSession,
    principal: CurrentPrincipal,
    contact_id: Id | None = None,
) -> ConsentsView:
    contact = ContactRepository(session, principal).of_prospect(prospect, contact_id)
    return consent.consents_view(session, principal, prospect, contact)


@router.post(
    "/prospects/{prospect_id}/consents",
    response_model=ConsentOut,
    status_code=status.HTTP_201_CREATED,
    summary="Enregistrer un consentement, un refus ou un retrait",
    **RGPD,
)
def create_consent(
    data: ConsentCreate, prospect: WritableProspect, session: DbSession, principal: CurrentPrincipal
) -> ConsentRecord:
    contact = ContactRepository(session, principal).of_prospect(prospect, data.contact_id)
    return consent.record_consent(session, principal, prospect, contact, data)


# ------------------------------------------------------------------ Bloctel


@router.post(
    "/privacy/bloctel",
    response_model=BloctelReport,
    status_code=status.HTTP_201_CREATED,
    summary="Confronter le fichier à une liste Bloctel (un numéro par ligne)",
    **exercises("CP3", criteria=["CP3.1", "CP3.7"]),
)
async def upload_bloctel(
    request: Request,
    session: DbSession,
    principal: CurrentPrincipal,
    settings: AppSettings,
    file: Annotated[UploadFile, File(description="Liste : un numéro par ligne.")],
    checked_on: Annotated[
        date | None, Form(description="Date de la liste (défaut : aujourd'hui).")
    ] = None,
) -> BloctelCheck:
    content = await file.read(BLOCTEL_MAX_BYTES + 1)
    if len(content) > BLOCTEL_MAX_BYTES:
        raise FieldError("file", "Liste trop volumineuse (20 Mo au plus).")
    day = checked_on or date.today()
    check = await run_in_threadpool(bloctel.apply_list, session, principal, settings, content, day)
    # Checking the file against the list shows the same thing however often it is sent
    # again the same day: one piece of evidence per list date and day.
    today = date.today().isoformat()
    about(request, "bloctel_checks", check.id, once_per=f"bloctel {day.isoformat()} {today}")
    return check


@router.get(
    "/privacy/bloctel",
    response_model=Page[BloctelReport],
    summary="Vérifications Bloctel passées",
    **exercises("CP3", criteria=["CP3.1"]),
)
def list_bloctel(
    session: DbSession, principal: CurrentPrincipal, page: Pagination
) -> Page[BloctelReport]:
    items, total = BloctelRepository(session, principal).page(page)
    return page_of([BloctelReport.model_validate(c) for c in items], total, page)


# ------------------------------------------------------------------ data-subject requests


@router.get(
    "/privacy/requests",
    response_model=Page[PrivacyRequestOut],
    summary="Demandes des personnes (accès, rectification, effacement, opposition)",
    **RGPD,
)
def list_requests(
    session: DbSession,
    principal: CurrentPrincipal,
    page: Pagination,
    sort: Annotated[str | None, sort_query(REQUEST_SORTS)] = None,
    status_: Annotated[PrivacyRequestStatus | None, Query(alias="status")] = None,
    kind: PrivacyRequestKind | None = None,
    overdue: bool | None = None,
) -> Page[PrivacyRequestOut]:
    items, total = PrivacyRequestRepository(session, principal).page(
        page, sort=sort, status=status_, kind=kind, overdue=overdue, today=date.today()
    )
    return page_of(requests.requests_out(session, items), total, page)


@router.post(
    "/privacy/requests",
    response_model=PrivacyRequestOut,
    status_code=status.HTTP_201_CREATED,
    summary="Enregistrer une demande (échéance : un mois après réception)",
    **RGPD,
)
def create_request(
    data: PrivacyRequestCreate, session: DbSession, principal: CurrentPrincipal
) -> PrivacyRequestOut:
    return requests.request_out(session, requests.open_request(session, principal, data))


@router.get(
    "/privacy/requests/{privacy_request_id}",
    response_model=PrivacyRequestOut,
    summary="Une demande",
    **RGPD,
)
def read_request(
    privacy_request_id: Id, session: DbSession, principal: CurrentPrincipal
) -> PrivacyRequestOut:
    return requests.request_out(
        session, PrivacyRequestRepository(session, principal).get(privacy_request_id, write=False)
    )


@router.post(
    "/privacy/requests/{privacy_request_id}/extend",
    response_model=PrivacyRequestOut,
    summary="Prolonger le délai de deux mois (motif obligatoire)",
    **RGPD,
)
def extend_request(
    privacy_request_id: Id,
    data: PrivacyRequestExtend,
    session: DbSession,
    principal: CurrentPrincipal,
) -> PrivacyRequestOut:
    request = PrivacyRequestRepository(session, principal).get(privacy_request_id, write=True)
    requests.extend(request, data.reason)
    session.flush()
    return requests.request_out(session, request)


@router.post(
    "/privacy/requests/{privacy_request_id}/complete",
    response_model=PrivacyRequestOut,
    summary="Exécuter (ou refuser) la demande et la clore",
    **RGPD,
)
def complete_request(
    privacy_request_id: Id,
    data: PrivacyRequestComplete,
    session: DbSession,
    principal: CurrentPrincipal,
    settings: AppSettings,
) -> PrivacyRequestOut:
    request = PrivacyRequestRepository(session, principal).get(privacy_request_id, write=True)
    prospect, contact = PrivacyRequestRepository(session, principal).subject(request)
    return requests.request_out(
        session, requests.complete(session, principal, settings, request, prospect, contact, data)
    )


@router.get(
    "/privacy/requests/{privacy_request_id}/export",
    summary="Tout ce qui est détenu sur la personne (accès et portabilité), en JSON",
    **RGPD,
)
def export_request(
    privacy_request_id: Id, session: DbSession, principal: CurrentPrincipal
) -> dict[str, Any]:
    request = PrivacyRequestRepository(session, principal).get(privacy_request_id, write=False)
    return requests.export_for_request(session, principal, request)


# ------------------------------------------------------------------ register, audit, retention


@router.get(
    "/privacy/register",
    summary="Registre des activités de traitement (RGPD art. 30)",
    **exercises("CP3"),
)
def read_register(
    session: DbSession, principal: CurrentPrincipal, settings: AppSettings
) -> dict[str, Any]:
    return register.register_of(session, settings, principal.organisation_id)


@router.get(
    "/privacy/access-log",
    response_model=Page[AuditEntryOut],
    summary="Journal des consultations et anonymisations (administrateurs)",
)
def read_access_log(
    session: DbSession,
    principal: OrganisationManager,
    page: Pagination,
    prospect_id: Id | None = None,
    actor_id: Id | None = None,
    action: Annotated[str | None, Query(max_length=40)] = None,
    since: DateTime | None = None,
) -> Page[AuditEntryOut]:
    items, total = AuditRepository(session, principal).page(
        page, prospect_id=prospect_id, actor_id=actor_id, action=action, since=since
    )
    return page_of([AuditEntryOut.model_validate(e) for e in items], total, page)


@router.get(
    "/privacy/retention",
    response_model=RetentionReport,
    summary="Fiches arrivées au terme de la durée de conservation (simulation)",
)
def retention_preview(
    session: DbSession, principal: OrganisationManager, settings: AppSettings
) -> RetentionReport:
    return retention.run(session, settings, principal.organisation_id, dry_run=True)


@router.post(
    "/privacy/retention/run",
    response_model=RetentionReport,
    summary="Anonymiser les fiches expirées (dry_run=true par défaut)",
)
def retention_run(
    session: DbSession,
    principal: OrganisationManager,
    settings: AppSettings,
    dry_run: bool = True,
) -> RetentionReport:
    return retention.run(
        session, settings, principal.organisation_id, dry_run=dry_run, actor_id=principal.user_id
    )
