"""Satisfaction surveys and events (CP8.3, CP8.5): questionnaires sent and answered with the
NPS, invitations with RSVPs and attendance."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request, Response, status

from app.auth.deps import AppSettings, CurrentPrincipal, OwnerFilter
from app.competences.evidence import about, shows_nothing
from app.competences.tagging import exercises
from app.core.db import DbSession, work_first
from app.core.errors import NotFound
from app.core.pagination import Pagination, page_of, sort_query
from app.core.schemas import Id, Page
from app.loyalty import customers, events, surveys
from app.loyalty.repository import (
    EVENT_SORTS,
    SURVEY_SORTS,
    EventRepository,
    InvitationRepository,
    SurveyRepository,
)
from app.loyalty.schemas import (
    EventCreate,
    EventDetailOut,
    EventOut,
    EventUpdate,
    InvitationOut,
    InvitationUpdate,
    InviteIn,
    InviteOut,
    ResponseOut,
    SurveyAnswerIn,
    SurveyCreate,
    SurveyDetailOut,
    SurveyOut,
)

router = APIRouter(tags=["loyalty"])

# A survey sent follows the customers' satisfaction with the company's digital tools (CP8.5);
# invitations sent inform the customers (CP8.3, once per event). The answers are the
# customers', an event's record is preparation.
SURVEYING = exercises("CP8", criteria=["CP8.5"])
READING = exercises("CP8", criteria=["CP8.5"], evidence=False)
INVITING = exercises("CP8", criteria=["CP8.3"])
PREPARING = exercises("CP8", criteria=["CP8.3"], evidence=False)


@router.post(
    "/surveys",
    response_model=SurveyOut,
    status_code=status.HTTP_201_CREATED,
    summary="Envoyer une enquête NPS ou CSAT à des clients (enregistrée)",
    **SURVEYING,
    dependencies=[Depends(work_first)],
)
def create_survey(
    data: SurveyCreate,
    request: Request,
    session: DbSession,
    principal: CurrentPrincipal,
    settings: AppSettings,
) -> Any:
    ctx = customers.context(session, customers.owner_of(principal, None))

    ctx.prepare_writes()
    out = surveys.surveys_out(session, [surveys.create(ctx, settings, principal, data)])[0]
    if not out["sent"]:  # every invitation refused by the channel policy: nobody was asked
        shows_nothing(request)
    return out


@router.get(
    "/surveys", response_model=Page[SurveyOut], summary="Enquêtes de satisfaction", **READING
)
def list_surveys(
    session: DbSession,
    principal: CurrentPrincipal,
    page: Pagination,
    owner_id: OwnerFilter,
    sort: Annotated[str | None, sort_query(SURVEY_SORTS)] = None,
) -> Page[Any]:
    items, total = SurveyRepository(session, principal).page(page, owner_id=owner_id, sort=sort)
    return page_of(surveys.surveys_out(session, items), total, page)


@router.get(
    "/surveys/{survey_id}",
    response_model=SurveyDetailOut,
    summary="Une enquête : NPS, distribution, verbatims",
    **READING,
)
def read_survey(survey_id: Id, session: DbSession, principal: CurrentPrincipal) -> Any:
    return surveys.survey_detail(
        session, SurveyRepository(session, principal).get_readable(survey_id)
    )


@router.post(
    "/surveys/{survey_id}/responses",
    response_model=ResponseOut,
    summary="Enregistrer la réponse d'un client (détracteur : tâche de rappel)",
    **READING,
)
def record_survey_response(
    survey_id: Id, data: SurveyAnswerIn, session: DbSession, principal: CurrentPrincipal
) -> Any:
    survey = SurveyRepository(session, principal).get_writable(survey_id)
    surveys.answer(session, survey, data, customers.today())
    detail = surveys.survey_detail(session, survey)
    return next(r for r in detail["responses"] if r["prospect_id"] == data.prospect_id)


@router.post(
    "/loyalty-events",
    response_model=EventOut,
    status_code=status.HTTP_201_CREATED,
    summary="Créer un événement (portes ouvertes, salon, lancement, webinaire)",
    **PREPARING,
)
def create_loyalty_event(data: EventCreate, session: DbSession, principal: CurrentPrincipal) -> Any:
    ctx = customers.context(session, customers.owner_of(principal, None))
    return events.events_out(session, [events.create(ctx, data)])[0]


@router.get("/loyalty-events", response_model=Page[EventOut], summary="Événements", **PREPARING)
def list_loyalty_events(
    session: DbSession,
    principal: CurrentPrincipal,
    page: Pagination,
    owner_id: OwnerFilter,
    sort: Annotated[str | None, sort_query(EVENT_SORTS)] = None,
) -> Page[Any]:
    items, total = EventRepository(session, principal).page(page, owner_id=owner_id, sort=sort)
    return page_of(events.events_out(session, items), total, page)


@router.get(
    "/loyalty-events/{loyalty_event_id}",
    response_model=EventDetailOut,
    summary="Un événement : invités, réponses, présence, commandes ensuite",
    **PREPARING,
)
def read_loyalty_event(
    loyalty_event_id: Id, session: DbSession, principal: CurrentPrincipal
) -> Any:
    return events.event_detail(
        session, EventRepository(session, principal).get_readable(loyalty_event_id)
    )


@router.patch(
    "/loyalty-events/{loyalty_event_id}",
    response_model=EventOut,
    summary="Modifier un événement",
    **PREPARING,
)
def update_loyalty_event(
    loyalty_event_id: Id, data: EventUpdate, session: DbSession, principal: CurrentPrincipal
) -> Any:
    event = EventRepository(session, principal).get_writable(loyalty_event_id)
    return events.events_out(session, [events.update(session, event, data)])[0]


@router.delete(
    "/loyalty-events/{loyalty_event_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    summary="Supprimer un événement",
    **PREPARING,
)
def delete_loyalty_event(
    loyalty_event_id: Id, session: DbSession, principal: CurrentPrincipal
) -> Response:
    events.delete(session, EventRepository(session, principal).get_writable(loyalty_event_id))
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.post(
    "/loyalty-events/{loyalty_event_id}/invitations",
    response_model=InviteOut,
    status_code=status.HTTP_201_CREATED,
    summary="Inviter des clients par les canaux permis (refus : la règle)",
    responses={409: {"description": "Événement passé, aucun client."}},
    **INVITING,
    dependencies=[Depends(work_first)],
)
def invite_to_event(
    loyalty_event_id: Id,
    data: InviteIn,
    request: Request,
    session: DbSession,
    principal: CurrentPrincipal,
    settings: AppSettings,
) -> Any:
    event = EventRepository(session, principal).get_writable(loyalty_event_id)
    ctx = customers.context(session, event.owner_id)

    ctx.prepare_writes()
    out = events.invite(ctx, settings, principal, event, data)
    if out["invited"]:
        about(request, "loyalty_event", event.id)
    else:  # every invitation refused by the channel policy: nobody was invited
        shows_nothing(request)
    return out


@router.post(
    "/loyalty-events/{loyalty_event_id}/invitations/{invitation_id}/rsvp",
    response_model=InvitationOut,
    summary="Réponse (RSVP) et présence d'un invité",
    **PREPARING,
)
def record_rsvp(
    loyalty_event_id: Id,
    invitation_id: Id,
    data: InvitationUpdate,
    session: DbSession,
    principal: CurrentPrincipal,
) -> Any:
    event = EventRepository(session, principal).get_writable(loyalty_event_id)
    invitation = InvitationRepository(session, principal).get_readable(invitation_id)
    if invitation.event_id != event.id:
        raise NotFound(f"Invitation {invitation_id} introuvable pour cet événement.")
    events.set_invitation(session, invitation, event, data, customers.today())
    return events.invitations_out(session, event, [invitation])[0]
