"""RGPD routes: consent history, Bloctel, data-subject requests, register, audit, retention."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, File, Form, Query, Request, UploadFile, status
from starlette.concurrency import run_in_threadpool

from app.auth.deps import AppSettings, CurrentPrincipal, OrganisationManager
from app.competences.evidence import about
from app.competences.tagging import exercises
from app.core.db import DbSession
from app.core.errors import FieldError, NotFound
from app.core.pagination import Pagination, order_by, page_of, paginate, sort_query
from app.core.repository import ScopedRepository
from app.core.schemas import DateTime, Id, Page
from app.models import (
    BloctelCheck,
    ConsentRecord,
    Contact,
    Organisation,
    PrivacyAuditEntry,
    PrivacyRequest,
    PrivacyRequestKind,
    PrivacyRequestStatus,
    Prospect,
)
from app.privacy import bloctel, register, requests, retention
from app.privacy import service as privacy
from app.privacy.schemas import (
    AuditEntryOut,
    BloctelReport,
    ConsentCreate,
    ConsentOut,
    ConsentsView,
    PrivacyRequestComplete,
    PrivacyRequestCreate,
    PrivacyRequestExtend,
    PrivacyRequestOut,
    RetentionReport,
)
from app.prospects.deps import ReadableProspect, WritableProspect
from app.prospects.repository import ContactRepository, ProspectRepository

router = APIRouter(tags=["privacy"])

RGPD = exercises("CP3", criteria=["CP3.7"])
BLOCTEL_MAX_BYTES = 20 * 1024 * 1024


class ConsentRepository(ScopedRepository[ConsentRecord]):
    model = ConsentRecord
    label = "Consentement"


class BloctelRepository(ScopedRepository[BloctelCheck]):
    model = BloctelCheck
    label = "Vérification Bloctel"


class PrivacyRequestRepository(ScopedRepository[PrivacyRequest]):
    model = PrivacyRequest
    label = "Demande RGPD"


class AuditRepository(ScopedRepository[PrivacyAuditEntry]):
    model = PrivacyAuditEntry
    label = "Entrée du journal"


def _contact_of(session: DbSession, prospect: Prospect, contact_id: int | None) -> Contact | None:
    if contact_id is None:
        return None
    contact = session.get(Contact, contact_id)
    if contact is None or contact.prospect_id != prospect.id:
        raise FieldError("contact_id", f"Le contact {contact_id} n'appartient pas à ce prospect.")
    return contact


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
    contact = _contact_of(session, prospect, contact_id)
    history = session.scalars(
        ConsentRepository(session, principal)
        .readable_statement()
        .where(ConsentRecord.prospect_id == prospect.id)
        .where(
            ConsentRecord.contact_id.is_(None)
            if contact is None
            else ConsentRecord.contact_id == contact.id
        )
        .order_by(ConsentRecord.given_at.desc(), ConsentRecord.id.desc())
    ).all()
    current = privacy.current_consents(session, prospect.id, contact_id, purpose=None)
    return ConsentsView(
        current=[ConsentOut.model_validate(r) for r in current.values()],
        history=[ConsentOut.model_validate(r) for r in history],
    )


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
    contact = _contact_of(session, prospect, data.contact_id)
    return privacy.record_consent(session, principal, prospect, contact, data)


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
    stmt = BloctelRepository(session, principal).readable_statement()
    items, total = paginate(session, stmt.order_by(BloctelCheck.id.desc()), page)
    return page_of([BloctelReport.model_validate(c) for c in items], total, page)


# ------------------------------------------------------------------ data-subject requests

REQUEST_SORTS = {
    "due_on": PrivacyRequest.due_on,
    "received_on": PrivacyRequest.received_on,
    "created_at": PrivacyRequest.created_at,
}


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
    stmt = PrivacyRequestRepository(session, principal).readable_statement()
    if status_:
        stmt = stmt.where(PrivacyRequest.status == status_)
    if kind:
        stmt = stmt.where(PrivacyRequest.kind == kind)
    if overdue is not None:
        late = (PrivacyRequest.status == PrivacyRequestStatus.OPEN) & (
            PrivacyRequest.due_on < date.today()
        )
        stmt = stmt.where(late if overdue else ~late)
    stmt = stmt.order_by(*order_by(sort, REQUEST_SORTS, ["due_on"]), PrivacyRequest.id)
    items, total = paginate(session, stmt, page)
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
    try:
        prospect = ProspectRepository(session, principal).get_writable(data.prospect_id)
    except NotFound as exc:
        raise FieldError("prospect_id", f"Prospect {data.prospect_id} introuvable.") from exc
    contact = _contact_of(session, prospect, data.contact_id)
    return requests.request_out(session, requests.create_request(session, prospect, contact, data))


def _request(
    session: DbSession, principal: CurrentPrincipal, request_id: int, *, write: bool
) -> PrivacyRequest:
    repo = PrivacyRequestRepository(session, principal)
    return repo.get_writable(request_id) if write else repo.get_readable(request_id)


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
        session, _request(session, principal, privacy_request_id, write=False)
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
    request = _request(session, principal, privacy_request_id, write=True)
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
    request = _request(session, principal, privacy_request_id, write=True)
    prospect = session.get(Prospect, request.prospect_id) if request.prospect_id else None
    contact = session.get(Contact, request.contact_id) if request.contact_id else None
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
    request = _request(session, principal, privacy_request_id, write=False)
    if request.prospect_id is None:
        raise NotFound("La fiche concernée n'existe plus.")
    prospect = ProspectRepository(session, principal).get_readable(request.prospect_id)
    contact = (
        ContactRepository(session, principal).get_readable(request.contact_id)
        if request.contact_id
        else None
    )
    privacy.audit(
        session, principal, "export", prospect_id=prospect.id,
        contact_id=contact.id if contact else None,
        detail=f"Données téléchargées pour la demande n° {request.id}",
        own_transaction=True,
    )  # fmt: skip
    return requests.person_export(session, prospect, contact)


# ------------------------------------------------------------------ register, audit, retention


@router.get(
    "/privacy/register",
    summary="Registre des activités de traitement (RGPD art. 30)",
    **exercises("CP3"),
)
def read_register(
    session: DbSession, principal: CurrentPrincipal, settings: AppSettings
) -> dict[str, Any]:
    org = session.get(Organisation, principal.organisation_id)
    return register.register(settings, org.name if org else "")


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
    stmt = AuditRepository(session, principal).readable_statement()
    if prospect_id is not None:
        stmt = stmt.where(PrivacyAuditEntry.prospect_id == prospect_id)
    if actor_id is not None:
        stmt = stmt.where(PrivacyAuditEntry.actor_id == actor_id)
    if action:
        stmt = stmt.where(PrivacyAuditEntry.action == action)
    if since:
        stmt = stmt.where(PrivacyAuditEntry.at >= since)
    items, total = paginate(
        session, stmt.order_by(PrivacyAuditEntry.at.desc(), PrivacyAuditEntry.id.desc()), page
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
