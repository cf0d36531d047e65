"""Opportunities: what a prospect or customer may buy, its estimated amount and its stage,
each change kept (``opportunity_stage_changes``: the funnel later gap reports read)."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from app.business_cases import service as cases
from app.common.clock import utcnow
from app.core.errors import Conflict, FieldError, Forbidden
from app.core.patch import check_version
from app.core.principal import Principal
from app.models import Opportunity, OpportunityStage, OpportunityStageChange, Role
from app.prospects.repository import ProspectRepository
from app.sales import repository as repo
from app.sales.schemas import OpportunityCreate, OpportunityUpdate, StageMove

CLOSED = (OpportunityStage.WON, OpportunityStage.LOST)
STAGE_FR = {
    OpportunityStage.DISCOVERY: "découverte",
    OpportunityStage.PROPOSAL: "proposition",
    OpportunityStage.NEGOTIATION: "négociation",
    OpportunityStage.WON: "gagnée",
    OpportunityStage.LOST: "perdue",
}


def create(session: Session, principal: Principal, data: OpportunityCreate) -> Opportunity:
    if principal.role is not Role.TRAINEE:
        raise Forbidden("Une opportunité est suivie par le stagiaire qui prospecte.")
    prospect = ProspectRepository(session, principal).get_referenced(
        data.prospect_id, "prospect_id"
    )
    if prospect.anonymised:
        raise FieldError("prospect_id", "Fiche anonymisée : plus d'opportunité possible.")
    active = cases.active_case(session, principal.user_id)
    if active is None:
        raise Conflict(
            "Aucun cas d'entreprise publié ne vous est attribué : une opportunité porte sur "
            "son catalogue. Demandez à votre formateur de vous l'attribuer."
        )
    opportunity = Opportunity(
        owner_id=principal.user_id,
        prospect_id=prospect.id,
        business_case_version_id=active.version.id,
        title=data.title,
        description=data.description,
        estimated_amount_ht=data.estimated_amount_ht,
        expected_close_on=data.expected_close_on,
        stage=OpportunityStage.DISCOVERY,
    )
    session.add(opportunity)
    session.flush()
    _record(session, principal, opportunity, None, OpportunityStage.DISCOVERY, "")
    return opportunity


def update(session: Session, opportunity: Opportunity, data: OpportunityUpdate) -> Opportunity:
    check_version(opportunity, data.version)
    for name in ("title", "description", "estimated_amount_ht", "expected_close_on"):
        if name in data.model_fields_set:
            value = getattr(data, name)
            if value is None and name in ("title", "description"):
                raise FieldError(name, "Ce champ ne peut pas être vidé.")
            setattr(opportunity, name, value)
    session.flush()
    return opportunity


def move(
    session: Session, principal: Principal, opportunity: Opportunity, data: StageMove
) -> Opportunity:
    """A stage change, kept in the history. Lost needs a reason; a closed opportunity
    reopens only to negotiation (kept too)."""
    check_version(opportunity, data.version)
    to = data.stage
    if to == opportunity.stage:
        raise Conflict(f"L'opportunité est déjà au stade « {STAGE_FR[to]} ».")
    if opportunity.stage in CLOSED and to is not OpportunityStage.NEGOTIATION:
        raise Conflict(
            f"Opportunité {STAGE_FR[opportunity.stage]} : elle se rouvre en négociation, "
            "pas directement à un autre stade."
        )
    if to is OpportunityStage.LOST and not data.lost_reason.strip():
        raise FieldError("lost_reason", "Dites pourquoi l'opportunité est perdue.")
    set_stage(session, principal, opportunity, to, note=data.note, lost_reason=data.lost_reason)
    return opportunity


def set_stage(
    session: Session,
    principal: Principal | None,
    opportunity: Opportunity,
    to: OpportunityStage,
    *,
    note: str = "",
    lost_reason: str = "",
) -> None:
    """Move and record (also used by the quotes: an accepted quote wins its opportunity)."""
    before = opportunity.stage
    if before == to:
        return
    opportunity.stage = to
    opportunity.lost_reason = lost_reason.strip() if to is OpportunityStage.LOST else ""
    opportunity.closed_at = utcnow() if to in CLOSED else None
    _record(session, principal, opportunity, before, to, note)
    session.flush()


def _record(
    session: Session,
    principal: Principal | None,
    opportunity: Opportunity,
    before: OpportunityStage | None,
    to: OpportunityStage,
    note: str,
) -> None:
    session.add(
        OpportunityStageChange(
            owner_id=opportunity.owner_id,
            opportunity_id=opportunity.id,
            from_stage=before,
            to_stage=to,
            changed_at=utcnow(),
            changed_by_id=principal.user_id if principal else None,
            note=note,
        )
    )
    session.flush()


def delete(session: Session, opportunity: Opportunity) -> None:
    if repo.quote_counts(session, [opportunity.id]):
        raise Conflict(
            "Cette opportunité a des devis : marquez-la perdue plutôt que de la supprimer."
        )
    session.delete(opportunity)
    session.flush()


# ----------------------------------------------------------------- reading


def rows(session: Session, items: list[Opportunity]) -> list[dict[str, Any]]:
    names = repo.prospect_names(session, {o.prospect_id for o in items})
    counts = repo.quote_counts(session, [o.id for o in items])
    return [_row(o, names.get(o.prospect_id, ""), counts.get(o.id, 0)) for o in items]


def _row(o: Opportunity, prospect_name: str, quotes: int) -> dict[str, Any]:
    return {
        "id": o.id,
        "owner_id": o.owner_id,
        "prospect_id": o.prospect_id,
        "prospect_name": prospect_name,
        "business_case_version_id": o.business_case_version_id,
        "title": o.title,
        "description": o.description,
        "estimated_amount_ht": o.estimated_amount_ht,
        "stage": o.stage,
        "lost_reason": o.lost_reason,
        "expected_close_on": o.expected_close_on,
        "closed_at": o.closed_at,
        "quotes": quotes,
        "created_at": o.created_at,
        "updated_at": o.updated_at,
        "version": o.version,
    }


def detail(session: Session, o: Opportunity) -> dict[str, Any]:
    return {**rows(session, [o])[0], "history": repo.history(session, o.id)}
