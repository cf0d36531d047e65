"""What the client was told, when, by which channel, about which record (CP7.1: the client
informed of each step). These are messages about the client's own order, delivery, invoice
or complaint — contractual information, not prospecting: the channel policy's consent rules
(app/consent) do not apply to them, and nothing is sent from CapVente (it is a log)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from app.common.clock import utcnow
from app.core.errors import FieldError, Forbidden
from app.core.principal import Principal
from app.follow_up import cases
from app.follow_up.schemas import ClientMessageCreate
from app.models import ClientMessage, Role


def create(session: Session, principal: Principal, data: ClientMessageCreate) -> ClientMessage:
    if principal.role is not Role.TRAINEE:
        raise Forbidden("Le client est informé par le stagiaire qui suit la vente.")
    record = cases.subject_record(session, principal, data.subject, data.subject_id)
    now = utcnow()
    at = data.at or now
    if at > now:
        raise FieldError("at", "Un message se date au plus tard maintenant.")
    message = ClientMessage(
        owner_id=principal.user_id,
        prospect_id=record.prospect_id,
        subject=data.subject,
        subject_id=data.subject_id,
        channel=data.channel,
        direction=data.direction,
        at=at,
        summary=data.summary,
    )
    session.add(message)
    session.flush()
    return message
