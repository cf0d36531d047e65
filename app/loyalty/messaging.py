"""Every outbound loyalty message, one way: the channel suited to the customer, the channel
policy's decision (``app.consent``), the text rendered from its template with the customer's
data, and the record (``outbound_messages``): ``recorded`` (what would be sent: nothing
leaves the machine) or ``refused`` with the rule, never sent."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from jinja2 import StrictUndefined, TemplateError, nodes
from jinja2.sandbox import SandboxedEnvironment
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.config import Settings
from app.consent import service as consent
from app.consent.policy import Decision
from app.core.errors import FieldError
from app.core.principal import Principal
from app.models import (
    Channel,
    Contact,
    DecisionPower,
    MessageSource,
    MessageStatus,
    OutboundMessage,
    Prospect,
    User,
)
from app.prospects.repository import ProspectRepository

#: When the customer's preferred channel is not allowed (or unknown), the first allowed of
#: these carries the message.
FALLBACK_CHANNELS = (Channel.EMAIL, Channel.POSTAL, Channel.PHONE, Channel.SMS)
_POWER = {power: rank for rank, power in enumerate(DecisionPower)}
VARIABLES = {
    "client": "Nom du client (l'entreprise ou la personne)",
    "contact": "Nom de l'interlocuteur principal (ou du client)",
    "entreprise": "Votre entreprise (le cas)",
    "commercial": "Votre nom",
    "produits": "Les produits dont parle le message",
    "derniere_commande": "Date de la dernière commande",
    "date": "Date du message",
}
_env = SandboxedEnvironment(undefined=StrictUndefined, autoescape=False)


_ALLOWED_NODES = (nodes.Template, nodes.Output, nodes.TemplateData, nodes.Name)


def check_template(field: str, text: str) -> None:
    """422 on ``field`` unless the template is text and known variables (``{{ client }}``):
    no statement, filter, call or attribute (a loop would be work on every message, an
    attribute a way out of the sandbox)."""
    allowed = ", ".join("{{ " + v + " }}" for v in VARIABLES)
    try:
        tree = _env.parse(text)
    except TemplateError as exc:
        raise FieldError(
            field, f"Modèle invalide ({exc.message}) : variables permises {allowed}."
        ) from exc
    for node in tree.find_all(nodes.Node):
        if not isinstance(node, _ALLOWED_NODES):
            raise FieldError(
                field,
                f"Modèle invalide : seules les variables sont permises ({allowed}), sans "
                "instruction, filtre ni expression.",
            )
        if isinstance(node, nodes.Name) and node.name not in VARIABLES:
            raise FieldError(
                field, f"Variable inconnue « {node.name} » : variables permises {allowed}."
            )


def render(text: str, values: dict[str, str]) -> str:
    return _env.from_string(text).render(values)


@dataclass(frozen=True)
class Recipient:
    prospect: Prospect
    contact: Contact | None

    @property
    def contact_name(self) -> str:
        if self.contact is None:
            return self.prospect.name
        return f"{self.contact.first_name} {self.contact.last_name}".strip()


def writable_recipients(
    session: Session, principal: Principal, ids: Sequence[int], field: str = "prospect_ids"
) -> list[Recipient]:
    """The customers named, each the caller's to write (422 naming the first that is not),
    with their main contact."""
    found = set(
        session.scalars(
            ProspectRepository(session, principal)
            .writable_statement()
            .with_only_columns(Prospect.id)
            .where(Prospect.id.in_(list(ids)))
        )
    )
    for index, pid in enumerate(ids):
        if pid not in found:
            raise FieldError(f"{field}.{index}", f"Prospect {pid} introuvable dans votre fichier.")
    return writable_recipients_of(session, ids)


def writable_recipients_of(session: Session, ids: Sequence[int]) -> list[Recipient]:
    """The prospects (already checked, or an owner's job) with their main contact: the
    highest decision power, not anonymised."""
    found = {p.id: p for p in session.scalars(select(Prospect).where(Prospect.id.in_(list(ids))))}
    contacts: dict[int, Contact] = {}
    rows = session.scalars(
        select(Contact).where(Contact.prospect_id.in_(list(ids)), Contact.anonymised_at.is_(None))
    ).all()
    for c in sorted(rows, key=lambda c: (_POWER[c.decision_power], c.id)):
        contacts.setdefault(c.prospect_id, c)
    return [Recipient(found[pid], contacts.get(pid)) for pid in ids if pid in found]


def choose(
    session: Session,
    settings: Settings,
    recipient: Recipient,
    on: date,
    channel: Channel | None,
    *,
    analogous: bool,
) -> tuple[Channel, Decision]:
    """The channel and the policy's decision: the one asked, else the contact's preferred
    channel when allowed, else the first allowed of ``FALLBACK_CHANNELS``; when none is
    allowed, the refusal of the preferred (or e-mail)."""
    decisions = consent.evaluate(
        session, settings, recipient.prospect, recipient.contact, on, analogous_offer=analogous
    )
    if channel is not None:
        return channel, decisions[channel]
    preferred = recipient.contact.preferred_channel if recipient.contact else None
    if preferred is not None and decisions[preferred].allowed:
        return preferred, decisions[preferred]
    for candidate in FALLBACK_CHANNELS:
        if decisions[candidate].allowed:
            return candidate, decisions[candidate]
    refused = preferred or Channel.EMAIL
    return refused, decisions[refused]


def values(
    session: Session,
    owner_id: int,
    company: str,
    recipient: Recipient,
    on: date,
    *,
    products: str = "",
    last_order_on: date | None = None,
) -> dict[str, str]:
    owner = session.get(User, owner_id)
    return {
        "client": recipient.prospect.name,
        "contact": recipient.contact_name,
        "entreprise": company,
        "commercial": owner.full_name if owner is not None else "",
        "produits": products,
        "derniere_commande": last_order_on.strftime("%d/%m/%Y") if last_order_on else "",
        "date": on.strftime("%d/%m/%Y"),
    }


def record(
    session: Session,
    owner_id: int,
    recipient: Recipient,
    *,
    source: MessageSource,
    source_id: int,
    step: int = 0,
    channel: Channel,
    decision: Decision,
    on: date,
    analogous: bool,
    subject: str,
    body: str,
) -> OutboundMessage:
    message = OutboundMessage(
        owner_id=owner_id,
        prospect_id=recipient.prospect.id,
        contact_id=recipient.contact.id if recipient.contact else None,
        source=source,
        source_id=source_id,
        step=step,
        channel=channel,
        sent_on=on,
        status=MessageStatus.RECORDED if decision.allowed else MessageStatus.REFUSED,
        rule=decision.rule,
        rule_detail=decision.detail[:500],
        analogous=analogous,
        subject=subject[:300],
        body=body,
    )
    session.add(message)
    return message


def analogous(products_families: Iterable[str | None], bought_families: frozenset[str]) -> bool:
    """A message about these products is analogous to the customer's purchases when every
    product's family is one they bought (no product: about what they already buy)."""
    families = list(products_families)
    return all(f is not None and f in bought_families for f in families)


def prospect_names(session: Session, ids: Iterable[int]) -> dict[int, str]:
    """The names of some prospects, one query (none for no id)."""
    wanted = set(ids)
    if not wanted:
        return {}
    return dict(
        session.execute(select(Prospect.id, Prospect.name).where(Prospect.id.in_(wanted))).all()
    )


def refusals(session: Session, source: MessageSource, ids: Sequence[int]) -> list[OutboundMessage]:
    """The messages of these records (surveys, events...) the channel policy refused."""
    if not ids:
        return []
    return list(
        session.scalars(
            select(OutboundMessage)
            .where(
                OutboundMessage.source == source,
                OutboundMessage.source_id.in_(list(ids)),
                OutboundMessage.status == MessageStatus.REFUSED,
            )
            .order_by(OutboundMessage.id)
        )
    )


def messages_out(session: Session, messages: Sequence[OutboundMessage]) -> list[dict[str, Any]]:
    names = prospect_names(session, (m.prospect_id for m in messages))
    return [
        {
            "id": m.id,
            "owner_id": m.owner_id,
            "prospect_id": m.prospect_id,
            "prospect_name": names.get(m.prospect_id, ""),
            "source": m.source,
            "source_id": m.source_id,
            "step": m.step,
            "channel": m.channel,
            "sent_on": m.sent_on,
            "status": m.status,
            "rule": m.rule,
            "rule_detail": m.rule_detail,
            "analogous": m.analogous,
            "subject": m.subject,
            "body": m.body,
        }
        for m in messages
    ]
