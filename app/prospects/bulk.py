"""One action on many prospects of the list (status, tag, campaign), one result per record.

Everything happens in the request's single transaction: the request as a whole is refused
(422) when the action itself is wrong (a missing tag, an unknown campaign), while a record the
action cannot apply to is reported on its own line (``refused`` with the rule, ``not_found``
when it is not in the caller's file — whether or not it exists elsewhere) and the others go
ahead. Each record goes through the same rules as its single-record route: the lifecycle's
allowed moves, the reason for a lost prospect, and for a campaign the channel policy (consent,
objection, Bloctel) checked person by person by ``campaigns.add_members``.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from app.config import Settings
from app.core.errors import FieldError
from app.core.principal import Principal
from app.models import Campaign, Prospect, ProspectStatus
from app.prospects import campaigns, service
from app.prospects import repository as repo
from app.prospects.schemas import (
    BulkReport,
    BulkResult,
    MemberRef,
    MembersAdd,
    ProspectBulk,
    StatusChange,
)

ANONYMISED = "Fiche anonymisée : elle ne peut plus être modifiée."


def _required(data: ProspectBulk) -> None:
    needs = {"status": "status", "add_tag": "tag", "remove_tag": "tag"}
    needs["add_to_campaign"] = "campaign_id"
    name = needs[data.action]
    if getattr(data, name) is None:
        raise FieldError(name, f"Champ obligatoire pour l'action « {data.action} ».")
    if data.action == "status" and data.status is ProspectStatus.LOST and not data.reason:
        raise FieldError("reason", "Indiquez la raison de la perte des prospects.")


def apply(
    session: Session, principal: Principal, settings: Settings, data: ProspectBulk
) -> BulkReport:
    """Apply ``data.action`` to each listed prospect the caller may change."""
    _required(data)
    ids = list(dict.fromkeys(data.ids))
    campaign = None
    if data.action == "add_to_campaign":
        assert data.campaign_id is not None
        campaign = repo.CampaignRepository(session, principal).get_referenced(
            data.campaign_id, "campaign_id"
        )
    found = {
        p.id: p
        for p in session.scalars(
            repo.ProspectRepository(session, principal)
            .writable_statement()
            .where(Prospect.id.in_(ids))
        )
    }
    results: dict[int, BulkResult] = {}
    for id_ in ids:
        prospect = found.get(id_)
        if prospect is None:
            results[id_] = BulkResult(
                id=id_,
                outcome="not_found",
                detail=f"Prospect {id_} introuvable dans votre fichier.",
            )
        elif prospect.anonymised_at is not None:
            results[id_] = BulkResult(
                id=id_, outcome="refused", rule="anonymised", detail=ANONYMISED
            )
    live = [found[i] for i in ids if i not in results]
    if data.action == "status":
        assert data.status is not None
        for prospect in live:
            results[prospect.id] = _status(session, principal, prospect, data)
    elif data.action in ("add_tag", "remove_tag"):
        assert data.tag is not None
        for prospect in live:
            results[prospect.id] = _tag(prospect, data.tag, add=data.action == "add_tag")
        session.flush()
    else:
        assert campaign is not None
        results.update(_campaign(session, principal, settings, campaign, live))
    ordered = [results[i] for i in ids]
    return BulkReport(
        action=data.action,
        results=ordered,
        done=sum(r.outcome == "done" for r in ordered),
        unchanged=sum(r.outcome == "unchanged" for r in ordered),
        refused=sum(r.outcome == "refused" for r in ordered),
        not_found=sum(r.outcome == "not_found" for r in ordered),
    )


def _status(
    session: Session, principal: Principal, prospect: Prospect, data: ProspectBulk
) -> BulkResult:
    assert data.status is not None
    if prospect.status is data.status:
        return BulkResult(id=prospect.id, outcome="unchanged", detail="Déjà à ce statut.")
    try:
        service.change_status(
            session, principal, prospect, StatusChange(status=data.status, reason=data.reason)
        )
    except service.InvalidTransition as exc:
        return BulkResult(
            id=prospect.id, outcome="refused", rule="invalid-transition", detail=exc.detail
        )
    return BulkResult(id=prospect.id, outcome="done")


def _tag(prospect: Prospect, tag: str, *, add: bool) -> BulkResult:
    tags = list(prospect.tags or [])
    present = tag.lower() in {t.lower() for t in tags}
    if add == present:
        detail = "Étiquette déjà présente." if add else "Étiquette absente."
        return BulkResult(id=prospect.id, outcome="unchanged", detail=detail)
    if add:
        prospect.tags = sorted({*tags, tag})
    else:
        prospect.tags = [t for t in tags if t.lower() != tag.lower()]
    return BulkResult(id=prospect.id, outcome="done")


def _campaign(
    session: Session,
    principal: Principal,
    settings: Settings,
    campaign: Campaign,
    prospects: list[Prospect],
) -> dict[int, BulkResult]:
    if not prospects:
        return {}
    report = campaigns.add_members(
        session,
        principal,
        settings,
        campaign,
        MembersAdd(members=[MemberRef(prospect_id=p.id) for p in prospects]),
    )
    results: dict[int, BulkResult] = {}
    for member in report.added:
        results[member.prospect_id] = BulkResult(id=member.prospect_id, outcome="done")
    for ref in report.already_members:
        results[ref.prospect_id] = BulkResult(
            id=ref.prospect_id, outcome="unchanged", detail="Déjà membre de la campagne."
        )
    for refusal in report.refused:
        results[refusal.prospect_id] = BulkResult(
            id=refusal.prospect_id, outcome="refused", rule=refusal.rule, detail=refusal.detail
        )
    return results
