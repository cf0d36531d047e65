"""The privacy settings checklists (CP5.6): one per network of the company's charter (and
any other network the trainee ticked), items from ``app.social.privacy``; a network's check
is complete when every item is done."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from app.business_cases.service import active_case
from app.common.clock import utcnow
from app.core.errors import FieldError
from app.core.principal import Principal
from app.models import SocialNetwork, SocialPrivacyCheck
from app.social import privacy
from app.social.checks import NETWORK_LABELS
from app.social.repository import PrivacyRepository
from app.social.schemas import SocialPrivacyIn, SocialPrivacyItemOut, SocialPrivacyOut
from app.social.shared import trainee_only


def checklist_out(
    network: SocialNetwork, check: SocialPrivacyCheck | None, in_charter: bool
) -> SocialPrivacyOut:
    done = check.done if check is not None else {}
    items = [SocialPrivacyItemOut.model_validate(i) for i in privacy.state(network, done)]
    completed_at: datetime | None = check.completed_at if check is not None else None
    return SocialPrivacyOut(
        network=network,
        label=NETWORK_LABELS[network],
        in_charter=in_charter,
        items=items,
        done_count=sum(i.done for i in items),
        total=len(items),
        complete=privacy.complete(network, done),
        completed_at=completed_at,
        updated_at=check.updated_at if check is not None else None,
    )


def _charter_networks(session: Session, owner_id: int) -> list[SocialNetwork]:
    active = active_case(session, owner_id)
    charter = active.document.policy.social_media if active is not None else None
    return list(charter.networks) if charter is not None else []


def checklists_of(session: Session, principal: Principal, owner_id: int) -> list[SocialPrivacyOut]:
    """One checklist per network of the charter, then per other network the person ticked,
    in the networks' order."""
    charter = _charter_networks(session, owner_id)
    checks = PrivacyRepository(session, principal).of_owner(owner_id)
    networks = [n for n in SocialNetwork if n in charter or n in checks]
    return [checklist_out(n, checks.get(n), n in charter) for n in networks]


@dataclass(frozen=True)
class Ticked:
    """A checklist saved; ``completed_now`` when this save completed it (the evidence of
    CP5.6, once per network)."""

    checklist: SocialPrivacyOut
    record_id: int
    completed_now: bool


def save_checklist(
    session: Session, principal: Principal, network: SocialNetwork, data: SocialPrivacyIn
) -> Ticked:
    """Replace the state of the caller's checklist of ``network``: every code must be an item
    of that network's list (422 naming the unknown ones)."""
    trainee_only(principal, "Les réglages de confidentialité")
    unknown = privacy.unknown_codes(network, data.done)
    if unknown:
        known = ", ".join(i.code for i in privacy.items(network))
        raise FieldError(
            "done",
            f"Réglage(s) inconnu(s) pour {NETWORK_LABELS[network]} : {', '.join(unknown)} "
            f"(codes de la liste : {known}).",
        )
    check = PrivacyRepository(session, principal).own(network)
    if check is None:
        check = SocialPrivacyCheck(owner_id=principal.user_id, network=network)
        session.add(check)
    was_complete = check.completed_at is not None
    check.done = dict(data.done)
    complete = privacy.complete(network, check.done)
    if complete and not was_complete:
        check.completed_at = utcnow()
    elif not complete:
        check.completed_at = None
    session.flush()
    out = checklist_out(network, check, network in _charter_networks(session, principal.user_id))
    return Ticked(out, check.id, complete and not was_complete)
