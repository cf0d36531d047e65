"""Loyalty routes: customers (history, RFM, CLV, inactivity), segments, inactive accounts
and their relaunch tasks, the outbound messages log, how regularly customers were informed,
and the co-purchase recommendations."""

from __future__ import annotations

from datetime import timedelta
from typing import Annotated, Any

from fastapi import APIRouter, BackgroundTasks, Depends, Query, Request, status

from app.auth.deps import CurrentPrincipal, OwnerFilter, check_readable_person
from app.competences.evidence import about
from app.competences.tagging import exercises
from app.core.db import DbSession, work_first
from app.core.errors import FieldError
from app.core.pagination import Pagination, page_of, sort_query
from app.core.schemas import MAX_ID, Day, Id, Page
from app.loyalty import customers, inactive, messaging, recommendations
from app.loyalty.campaigns import information
from app.loyalty.repository import MESSAGE_SORTS, MessageRepository, RunRepository
from app.loyalty.schemas import (
    CustomerDetailOut,
    CustomerOut,
    DetectionOut,
    InactiveOut,
    InformationReportOut,
    MessageOut,
    RelaunchTaskIn,
    RulesOut,
    RunCreate,
    RunOut,
    ScanOut,
    SegmentsOut,
)
from app.models import MessageSource, MessageStatus, RfmSegment
from app.prospects.deps import ReadableProspect, WritableProspect

router = APIRouter(tags=["loyalty"])


def trainee_of(
    session: DbSession,
    principal: CurrentPrincipal,
    trainee_id: Annotated[
        int | None,
        Query(
            ge=1,
            le=MAX_ID,
            description="Le stagiaire dont on lit le portefeuille (un formateur le nomme ; "
            "un stagiaire lit le sien).",
        ),
    ] = None,
) -> int:
    """Whose portfolio: a trainee's own; staff name a trainee they may read (422 otherwise)."""
    if trainee_id is not None:
        check_readable_person(session, principal, trainee_id, "trainee_id")
    return customers.owner_of(principal, trainee_id)


Trainee = Annotated[int, Depends(trainee_of)]

READ_SEGMENTS = exercises("CP8", criteria=["CP8.2"], evidence=False)
READ_INACTIVE = exercises("CP8", criteria=["CP8.4"], evidence=False)
READ_INFO = exercises("CP8", criteria=["CP8.3"], evidence=False)
# The tool detects (no evidence); the trainee's relaunch task for an inactive account shows
# CP8.4 once per detection.
SCANNING = exercises("CP8", criteria=["CP8.4"], evidence=False)
RELAUNCHING = exercises("CP8", criteria=["CP8.4"])
COMPUTING = exercises("CP8", criteria=["CP8.2", "CP8.5"], evidence=False)
MAX_SPAN_DAYS = 3 * 366


@router.get(
    "/loyalty/customers",
    response_model=Page[CustomerOut],
    summary="Clients : historique d'achat, segment RFM, valeur vie, inactivité",
    **READ_SEGMENTS,
)
def list_customers(
    session: DbSession,
    trainee: Trainee,
    page: Pagination,
    sort: Annotated[str | None, sort_query(customers.CUSTOMER_SORTS)] = None,
    segment: RfmSegment | None = None,
    inactive_only: Annotated[bool | None, Query(alias="inactive")] = None,
    r: Annotated[int | None, Query(ge=1, le=5, description="Score de récence (case R×F).")] = None,
    f: Annotated[
        int | None, Query(ge=1, le=5, description="Score de fréquence (case R×F).")
    ] = None,
) -> Page[Any]:
    if sort and sort.lstrip("-") not in customers.CUSTOMER_SORTS:
        raise FieldError(
            "sort",
            f"Tri impossible : champs permis {', '.join(customers.CUSTOMER_SORTS)}.",
            location="query",
        )
    ctx = customers.context(session, trainee)
    items, total = customers.customer_page(
        ctx, page, segment=segment, inactive=inactive_only, sort=sort, r=r, f=f
    )
    return page_of(items, total, page)


@router.get(
    "/loyalty/customers/{prospect_id}",
    response_model=CustomerDetailOut,
    summary="Un client : produits achetés, familles, recommandations expliquées",
    **READ_SEGMENTS,
)
def read_customer(prospect: ReadableProspect, session: DbSession) -> Any:
    ctx = customers.context(session, prospect.owner_id)
    found = customers.require_customer(ctx, prospect.id)
    rules = recommendations.rules_of(recommendations.latest(session, prospect.owner_id))
    return customers.customer_detail(ctx, found, rules)


@router.get(
    "/loyalty/segments",
    response_model=SegmentsOut,
    summary="Segments RFM : grille, effectifs, avertissements, valeur vie client",
    **READ_SEGMENTS,
)
def read_segments(session: DbSession, trainee: Trainee) -> Any:
    return customers.segments_view(customers.context(session, trainee))


@router.get(
    "/loyalty/inactive",
    response_model=Page[InactiveOut],
    summary="Comptes inactifs (rythme du client ou seuil du cas), les plus en retard d'abord",
    **READ_INACTIVE,
)
def list_inactive(session: DbSession, trainee: Trainee, page: Pagination) -> Page[Any]:
    ctx = customers.context(session, trainee)
    items, total = inactive.inactive_page(ctx, page)
    return page_of(items, total, page)


@router.post(
    "/loyalty/inactive/scan",
    response_model=ScanOut,
    summary="Détecter maintenant les comptes devenus inactifs (et leurs tâches de relance)",
    **SCANNING,
    dependencies=[Depends(work_first)],
)
def scan_inactive(session: DbSession, principal: CurrentPrincipal) -> Any:
    ctx = customers.context(session, customers.owner_of(principal, None))

    ctx.prepare_writes()
    found = inactive.scan(ctx)
    return {**vars(found), "steps_processed": 0}


@router.post(
    "/loyalty/inactive/{prospect_id}/task",
    response_model=DetectionOut,
    status_code=status.HTTP_201_CREATED,
    summary="Créer la tâche de relance d'un compte inactif (un clic)",
    responses={409: {"description": "Compte actif, ou tâche déjà créée."}},
    **RELAUNCHING,
    dependencies=[Depends(work_first)],
)
def relaunch_task(
    prospect: WritableProspect, data: RelaunchTaskIn, request: Request, session: DbSession
) -> Any:
    ctx = customers.context(session, prospect.owner_id)

    ctx.prepare_writes()
    customers.require_customer(ctx, prospect.id)
    detection = inactive.relaunch_task(ctx, prospect, data.due_on, data.notes)
    about(request, "inactive_account", detection.id)
    return inactive.detection_out(detection, None)


@router.get(
    "/loyalty/messages",
    response_model=Page[MessageOut],
    summary="Messages de fidélisation : enregistrés (ce qui serait envoyé) ou refusés",
    **READ_INFO,
)
def list_messages(
    session: DbSession,
    principal: CurrentPrincipal,
    page: Pagination,
    owner_id: OwnerFilter,
    sort: Annotated[str | None, sort_query(MESSAGE_SORTS)] = None,
    prospect_id: Annotated[int | None, Query(ge=1, le=2**31 - 1)] = None,
    source: MessageSource | None = None,
    status_: Annotated[MessageStatus | None, Query(alias="status")] = None,
) -> Page[Any]:
    items, total = MessageRepository(session, principal).page(
        page, owner_id=owner_id, prospect_id=prospect_id, source=source, status=status_, sort=sort
    )
    return page_of(messaging.messages_out(session, items), total, page)


@router.get(
    "/loyalty/information",
    response_model=InformationReportOut,
    summary="Régularité de l'information de chaque client sur la période",
    **READ_INFO,
)
def read_information(
    session: DbSession, trainee: Trainee, start: Day | None = None, end: Day | None = None
) -> Any:
    ctx = customers.context(session, trainee)
    end = end or ctx.book.today
    start = start or end - timedelta(days=365)
    if start > end:
        raise FieldError("start", "Le début précède la fin.", location="query")
    if (end - start).days > MAX_SPAN_DAYS:
        raise FieldError("start", "Trois ans au plus.", location="query")
    return information(ctx, start, end)


@router.post(
    "/loyalty/recommendations/runs",
    response_model=RunOut,
    status_code=status.HTTP_202_ACCEPTED,
    summary="Calculer les règles de co-achat du cas (tâche de fond avec progression)",
    responses={409: {"description": "Un calcul est déjà en cours."}},
    **COMPUTING,
)
def start_run(
    data: RunCreate,
    request: Request,
    background: BackgroundTasks,
    session: DbSession,
    principal: CurrentPrincipal,
) -> Any:
    run = recommendations.start(
        session, customers.owner_of(principal, None), data.min_support, data.min_confidence
    )
    background.add_task(recommendations.run_job, request.app.state.session_factory, run.id)
    return recommendations.run_out(run)


@router.get(
    "/loyalty/recommendations/runs/{run_id}",
    response_model=RunOut,
    summary="Un calcul de règles : état et progression",
    **COMPUTING,
)
def read_run(run_id: Id, session: DbSession, principal: CurrentPrincipal) -> Any:
    return recommendations.run_out(RunRepository(session, principal).get_readable(run_id))


@router.get(
    "/loyalty/recommendations",
    response_model=RulesOut,
    summary="Règles de co-achat du dernier calcul, expliquées",
    **READ_SEGMENTS,
)
def read_rules(
    session: DbSession, owner: Trainee, limit: Annotated[int, Query(ge=1, le=500)] = 50
) -> Any:
    run = recommendations.latest(session, owner)
    names = customers.labels(customers.case_document(session, owner))
    rules = recommendations.rules_of(run)[:limit]
    return {
        "run": recommendations.run_out(run) if run else None,
        "rules": recommendations.rules_out(rules, names),
    }
