"""Social-selling actions on prospects (CP3.9): each one is recorded in the prospect file as
an exchange on the channel ``social`` (``prospects.interactions.record_interaction``: the
channel policy, the next contact, the appointment it set, the prospect's status are the
file's), with whether the prospect is in a segment of the business case.

Outcomes as the file reads them: pending and ignored are « no_answer », declined
« not_interested », accepted « info_sent », replied « callback », lead « qualified »,
appointment « appointment ». Later, the action's outcome follows what came of it (a
connection request accepted days later); the exchange stays in the file as it was recorded.
An appointment is set with its date by recording the exchange that set it (a new action),
never by changing an outcome.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from typing import NamedTuple
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from app.business_cases import segments
from app.business_cases.service import active_case
from app.config import Settings, get_settings
from app.core.errors import FieldError
from app.core.pagination import PageParams, page_of, paginate
from app.core.patch import apply_patch, check_version
from app.core.principal import Principal
from app.core.schemas import Page
from app.models import (
    Channel,
    Direction,
    Outcome,
    Prospect,
    SocialAction,
    SocialActionKind,
    SocialActionOutcome,
    SocialNetwork,
)
from app.prospects.interactions import record_interaction
from app.prospects.schemas import InteractionCreate
from app.social.checks import NETWORK_LABELS
from app.social.repository import (
    ActionRepository,
    PostRepository,
    appointments_of,
    prospect_names,
)
from app.social.schemas import SocialActionCreate, SocialActionOut, SocialActionUpdate

#: How the prospect file reads an action's outcome.
FILE_OUTCOMES: dict[SocialActionOutcome, Outcome] = {
    SocialActionOutcome.PENDING: Outcome.NO_ANSWER,
    SocialActionOutcome.IGNORED: Outcome.NO_ANSWER,
    SocialActionOutcome.DECLINED: Outcome.NOT_INTERESTED,
    SocialActionOutcome.ACCEPTED: Outcome.INFO_SENT,
    SocialActionOutcome.REPLIED: Outcome.CALLBACK,
    SocialActionOutcome.LEAD: Outcome.QUALIFIED,
    SocialActionOutcome.APPOINTMENT: Outcome.APPOINTMENT,
}
KIND_FR = {
    SocialActionKind.CONNECTION_REQUEST: "invitation à se connecter",
    SocialActionKind.MESSAGE: "message",
    SocialActionKind.COMMENT: "commentaire",
    SocialActionKind.SHARED_CONTENT: "contenu partagé",
    SocialActionKind.EVENT_INVITATION: "invitation à un événement",
}
OUTCOME_FR = {
    SocialActionOutcome.PENDING: "en attente",
    SocialActionOutcome.ACCEPTED: "acceptée",
    SocialActionOutcome.REPLIED: "réponse reçue",
    SocialActionOutcome.DECLINED: "refusée",
    SocialActionOutcome.IGNORED: "sans réponse",
    SocialActionOutcome.LEAD: "piste qualifiée",
    SocialActionOutcome.APPOINTMENT: "rendez-vous pris",
}
#: The outcomes of a connection request that mean it was accepted (what came after, too).
CONNECTED = frozenset(
    {
        SocialActionOutcome.ACCEPTED,
        SocialActionOutcome.REPLIED,
        SocialActionOutcome.LEAD,
        SocialActionOutcome.APPOINTMENT,
    }
)


class RecordedAction(NamedTuple):
    """An action recorded: it (as answered), and the REAC criteria its exchange exercised in
    the file (``interactions.criteria_of``)."""

    action: SocialActionOut
    criteria: list[str]


def file_notes(network: SocialNetwork, kind: SocialActionKind, outcome: SocialActionOutcome,
               notes: str) -> str:  # fmt: skip
    """The notes of the exchange in the file: the network, the kind and the outcome, then
    the trainee's notes."""
    head = f"{NETWORK_LABELS[network]} : {KIND_FR[kind]} ({OUTCOME_FR[outcome]})."
    return f"{head}\n{notes}" if notes else head


def in_target(session: Session, prospect: Prospect) -> bool:
    """Whether the prospect is in a segment of its owner's active business case."""
    active = active_case(session, prospect.owner_id)
    return active is not None and bool(segments.matching(active.document, prospect))


def record_action(
    session: Session,
    principal: Principal,
    settings: Settings,
    prospect: Prospect,
    data: SocialActionCreate,
) -> RecordedAction:
    """Record the action as an exchange of the file (the channel policy may refuse it: an
    objection), then the action itself, linked to it."""
    post_id = None
    if data.post_id is not None:
        post_id = PostRepository(session, principal).get_referenced(data.post_id, "post_id").id
    recorded = record_interaction(
        session,
        principal,
        settings,
        prospect,
        InteractionCreate(
            channel=Channel.SOCIAL,
            direction=Direction.OUTBOUND,
            outcome=FILE_OUTCOMES[data.outcome],
            occurred_at=data.occurred_at,
            contact_id=data.contact_id,
            notes=file_notes(data.network, data.kind, data.outcome, data.notes),
            next_contact_on=data.next_contact_on,
            appointment=data.appointment,
        ),
    )
    interaction = recorded.interaction
    action = SocialAction(
        owner_id=prospect.owner_id,
        prospect_id=prospect.id,
        contact_id=interaction.contact_id,
        interaction_id=interaction.id,
        post_id=post_id,
        network=data.network,
        kind=data.kind,
        outcome=data.outcome,
        occurred_at=interaction.occurred_at,
        notes=data.notes,
        in_target=in_target(session, prospect),
    )
    session.add(action)
    session.flush()
    return RecordedAction(actions_out(session, [action])[0], recorded.criteria)


def actions_out(session: Session, actions: list[SocialAction]) -> list[SocialActionOut]:
    """The actions with their prospect's name and the appointment their exchange set (two
    queries for a page)."""
    names = prospect_names(session, {a.prospect_id for a in actions})
    set_by = appointments_of(session, [a.interaction_id for a in actions if a.interaction_id])
    out = []
    for action in actions:
        row = SocialActionOut.model_validate(action)
        row.prospect_name = names.get(action.prospect_id)
        row.appointment_id = set_by.get(action.interaction_id) if action.interaction_id else None
        out.append(row)
    return out


def actions_page(
    session: Session,
    principal: Principal,
    page: PageParams,
    owner_id: int | None,
    *,
    prospect_id: int | None = None,
    network: SocialNetwork | None = None,
    kind: SocialActionKind | None = None,
    outcome: SocialActionOutcome | None = None,
    start: date | None = None,
    end: date | None = None,
) -> Page[SocialActionOut]:
    """The actions that match, the latest first; ``start`` and ``end`` are days of the
    application's time zone, both included."""
    if start is not None and end is not None and start > end:
        raise FieldError("from", f"La période commence ({start}) après sa fin ({end}).",
                         location="query")  # fmt: skip
    stmt = ActionRepository(session, principal).listing(
        owner_id,
        prospect_id=prospect_id,
        network=network,
        kind=kind,
        outcome=outcome,
        since=midnight(start) if start is not None else None,
        until=midnight(end + timedelta(days=1)) if end is not None else None,
    )
    items, total = paginate(session, stmt, page)
    return page_of(actions_out(session, items), total, page)


def midnight(day: date) -> datetime:
    """The first moment of ``day`` on the application's clock, in UTC."""
    zone = ZoneInfo(get_settings().timezone)
    return datetime.combine(day, time(0), tzinfo=zone).astimezone(UTC)


def read_action(session: Session, principal: Principal, action_id: int) -> SocialActionOut:
    action = ActionRepository(session, principal).get_readable(action_id)
    return actions_out(session, [action])[0]


def update_action(
    session: Session, principal: Principal, action_id: int, data: SocialActionUpdate
) -> SocialActionOut:
    """What came of the action (its outcome) and its notes. An appointment is recorded with
    its date (a new action), so no outcome changes to or from « appointment »."""
    action = ActionRepository(session, principal).get_writable(action_id)
    check_version(action, data.version)
    if data.outcome is not None and data.outcome is not action.outcome:
        appointment = SocialActionOutcome.APPOINTMENT
        if appointment in (data.outcome, action.outcome):
            raise FieldError(
                "outcome",
                "Un rendez-vous s'enregistre avec sa date : enregistrez l'échange qui l'a fixé "
                "(une nouvelle action au résultat « appointment ») ; celui-ci reste dans "
                "l'agenda.",
            )
    apply_patch(action, data, clearable=())
    session.flush()
    return actions_out(session, [action])[0]


def delete_action(session: Session, principal: Principal, action_id: int) -> None:
    """Remove the action; the exchange stays in the prospect file (it took place)."""
    session.delete(ActionRepository(session, principal).get_writable(action_id))
