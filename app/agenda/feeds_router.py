"""Calendar feeds: subscribe to one's agenda from a calendar application (CP2.3, CT4: the
digital tools used to plan). The first subscription is evidence, once per trainee."""

from __future__ import annotations

from typing import Annotated
from zoneinfo import ZoneInfo

from fastapi import APIRouter, Depends, Path, Request, Response, status

from app.agenda import feeds
from app.agenda.schemas import CalendarFeedCreate, CalendarFeedCreated, CalendarFeedOut
from app.auth.deps import AppSettings, CurrentPrincipal
from app.competences.evidence import about
from app.competences.tagging import exercises
from app.config import Settings
from app.core.db import DbSession, work_first
from app.core.pagination import Pagination
from app.core.schemas import Id, Page

router = APIRouter(tags=["agenda"])

FEEDS = exercises("CP2", "CT4", criteria=["CP2.3"])
ICS_MEDIA_TYPE = "text/calendar; charset=utf-8"


def _origin(settings: Settings, request: Request) -> str:
    """Where users reach the app: ``CAPVENTE_PUBLIC_URL``, else the request's own origin."""
    return (settings.public_url or str(request.base_url)).rstrip("/")


@router.post("/calendar-feeds", response_model=CalendarFeedCreated,
             status_code=status.HTTP_201_CREATED,
             summary="S'abonner à son agenda (adresse iCalendar secrète, donnée une fois)",
             **FEEDS)  # fmt: skip
def create_calendar_feed(
    body: CalendarFeedCreate,
    session: DbSession,
    principal: CurrentPrincipal,
    settings: AppSettings,
    request: Request,
) -> CalendarFeedCreated:
    created = feeds.create_feed(session, principal, body)
    # Subscribing shows the competence once, whatever the number of feeds.
    about(request, "calendar_feeds", created.feed.id, once_per="calendar_feeds:subscribed")
    path = request.app.url_path_for("calendar_feed", token=created.token)
    url = _origin(settings, request) + path
    return CalendarFeedCreated(
        **feeds.feed_out(created.feed).model_dump(),
        url=url,
        webcal_url="webcal://" + url.split("://", 1)[1],
    )


@router.get("/calendar-feeds", response_model=Page[CalendarFeedOut],
            summary="Mes abonnements d'agenda (sans leurs adresses secrètes)", **FEEDS)  # fmt: skip
def list_calendar_feeds(
    session: DbSession, principal: CurrentPrincipal, page: Pagination
) -> Page[CalendarFeedOut]:
    return feeds.list_feeds(session, principal, page)


@router.delete("/calendar-feeds/{feed_id}", status_code=status.HTTP_204_NO_CONTENT,
               summary="Révoquer un abonnement (son adresse ne répond plus)", **FEEDS)  # fmt: skip
def revoke_calendar_feed(feed_id: Id, session: DbSession, principal: CurrentPrincipal) -> Response:
    feeds.revoke_feed(session, principal, feed_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.get(
    "/calendar/{token}.ics",
    name="calendar_feed",
    response_class=Response,
    summary="Le flux iCalendar d'un abonnement (sans connexion : l'adresse est le secret)",
    description=f"De {feeds.PAST_DAYS} jours en arrière à {feeds.FUTURE_DAYS} jours en avant. "
    "Une adresse inconnue ou révoquée répond 404.",
    responses={200: {"content": {"text/calendar": {"schema": {"type": "string"}}}}},
    # The fetch notes its time: written at the end, under SQLite's write lock then only.
    dependencies=[Depends(work_first)],
)
def calendar_feed(
    token: Annotated[
        str,
        Path(
            description="Le jeton secret de l'abonnement.",
            json_schema_extra={"maxLength": feeds.MAX_TOKEN_LENGTH},
        ),
    ],
    session: DbSession,
    settings: AppSettings,
    request: Request,
) -> Response:
    body = feeds.feed_document(
        session, token, ZoneInfo(settings.timezone), _origin(settings, request)
    )
    return Response(body, media_type=ICS_MEDIA_TYPE, headers={"Cache-Control": "private, no-store"})
