"""Merge a duplicate prospect into the one that is kept (the survivor).

The caller picks, field by field, whose value is kept (``ProspectMerge.choices``; by default
the survivor's, or the duplicate's when the survivor has none). What is not a choice follows
a rule that protects the person (``RULES``): an objection or a Bloctel opposition on either
record stays, tags are united, follow-up dates keep the latest contact.

Everything the duplicate holds moves to the survivor — contacts, interactions, consent
records (the append-only history, unchanged but for the record they belong to), status
changes (the lifecycle history, kept as it happened), campaign memberships, appointments,
data-subject requests and linked watch items; the saved tours that visit it visit the
survivor instead — then the duplicate is deleted, in the request's single transaction. Both
records must be in the same file (same owner) and of the same kind; both versions must be
the ones the caller read (409 otherwise).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from app.config import Settings
from app.consent.audit import audit
from app.core.errors import AppError, FieldError, StaleVersion
from app.core.patch import check_version
from app.core.principal import Principal
from app.models import (
    Appointment,
    CampaignMember,
    ConsentRecord,
    Contact,
    Interaction,
    PersonaMatch,
    PrivacyRequest,
    Prospect,
    ProspectStatusChange,
    WatchItem,
)
from app.prospects import repository as repo
from app.prospects import service
from app.prospects.schemas import MergeFieldOut, MergeReport, ProspectMerge, ProspectOut
from app.tours import service as tours

#: A choice's name → the columns it carries (an address goes with its coordinates).
FIELDS: dict[str, tuple[str, ...]] = {
    "name": ("name",),
    "siren": ("siren",),
    "siret": ("siret",),
    "naf_code": ("naf_code",),
    "sector": ("sector",),
    "size_band": ("size_band",),
    "address": ("address", "postcode", "city", "latitude", "longitude"),
    "phone": ("phone",),
    "email": ("email",),
    "website": ("website",),
    "source": ("source",),
    "potential": ("potential",),
    "next_contact_on": ("next_contact_on",),
}

RULES = [
    "Étiquettes : réunies.",
    "Opposition et Bloctel : une opposition présente sur l'une des fiches est conservée.",
    "Contrat en cours : conservé s'il figure sur l'une des fiches.",
    "Dernier contact (et dernier contact à l'initiative de la personne) : le plus récent.",
    "Client depuis : la date la plus ancienne.",
    "Statut : celui de la fiche conservée ; l'historique des statuts des deux fiches est gardé.",
    "Consentements : l'historique des deux fiches est gardé tel quel.",
]

#: What moves with the merge: label in the report → (model, its prospect column).
MOVED: dict[str, Any] = {
    "contacts": Contact,
    "interactions": Interaction,
    "consents": ConsentRecord,
    "status_changes": ProspectStatusChange,
    "campaign_memberships": CampaignMember,
    "appointments": Appointment,
    "privacy_requests": PrivacyRequest,
    "watch_items": WatchItem,
}
VERSIONED = (Contact, Appointment, PrivacyRequest, WatchItem)


def _empty(value: Any) -> bool:
    return value is None or value == ""


def _value(prospect: Prospect, field: str) -> Any:
    columns = FIELDS[field]
    if len(columns) == 1:
        return getattr(prospect, columns[0])
    parts = [getattr(prospect, c) for c in columns]
    return None if all(_empty(p) for p in parts) else dict(zip(columns, parts, strict=True))


def _decide(survivor: Prospect, duplicate: Prospect, data: ProspectMerge) -> list[MergeFieldOut]:
    out = []
    for field in FIELDS:
        mine, theirs = _value(survivor, field), _value(duplicate, field)
        kept = data.choices.get(field)  # type: ignore[call-overload]
        if kept is None:
            kept = "duplicate" if _empty(mine) and not _empty(theirs) else "survivor"
        out.append(MergeFieldOut(field=field, survivor=mine, duplicate=theirs, kept=kept))
    return out


def _counts(session: Session, duplicate: Prospect) -> dict[str, int]:
    counts = {
        name: session.scalar(
            select(func.count()).select_from(model).where(model.prospect_id == duplicate.id)
        )
        or 0
        for name, model in MOVED.items()
    }
    counts["tours"] = len(tours.tours_visiting(session, duplicate.owner_id, duplicate.id))
    return counts


def _earliest(a: Any, b: Any) -> Any:
    return min(x for x in (a, b) if x is not None) if a is not None or b is not None else None


def _latest(a: Any, b: Any) -> Any:
    return max(x for x in (a, b) if x is not None) if a is not None or b is not None else None


def _combine_rgpd(survivor: Prospect, duplicate: Prospect) -> None:
    survivor.tags = sorted({*(survivor.tags or []), *(duplicate.tags or [])})
    survivor.objected_at = _earliest(survivor.objected_at, duplicate.objected_at)
    if duplicate.bloctel_opposed or survivor.bloctel_opposed:
        survivor.bloctel_opposed = True
    elif survivor.bloctel_opposed is None:
        survivor.bloctel_opposed = duplicate.bloctel_opposed
    survivor.bloctel_checked_on = _latest(survivor.bloctel_checked_on, duplicate.bloctel_checked_on)
    survivor.ongoing_contract = bool(survivor.ongoing_contract or duplicate.ongoing_contract)
    survivor.last_contact_at = _latest(survivor.last_contact_at, duplicate.last_contact_at)
    survivor.last_inbound_contact_at = _latest(
        survivor.last_inbound_contact_at, duplicate.last_inbound_contact_at
    )
    survivor.customer_since = _earliest(survivor.customer_since, duplicate.customer_since)


def _move(session: Session, survivor: Prospect, duplicate: Prospect) -> None:
    # A membership the survivor already has (same campaign and person) is not duplicated.
    kept = select(CampaignMember.campaign_id, CampaignMember.contact_id).where(
        CampaignMember.prospect_id == survivor.id
    )
    taken = {(row.campaign_id, row.contact_id) for row in session.execute(kept)}
    for member in session.scalars(
        select(CampaignMember).where(CampaignMember.prospect_id == duplicate.id)
    ):
        if (member.campaign_id, member.contact_id) in taken:
            session.delete(member)
    session.flush()
    for model in MOVED.values():
        values: dict[str, Any] = {"prospect_id": survivor.id}
        if model in VERSIONED:
            values["version"] = model.version + 1
        session.execute(
            update(model)
            .where(model.prospect_id == duplicate.id)
            .values(**values)
            .execution_options(synchronize_session=False)
        )
    # Stored persona scores of the duplicate go with it (the survivor's are recomputed when
    # the file's revision moves, which this write does).
    session.execute(delete(PersonaMatch).where(PersonaMatch.prospect_id == duplicate.id))


def merge(
    session: Session,
    principal: Principal,
    settings: Settings,
    survivor: Prospect,
    data: ProspectMerge,
) -> MergeReport:
    if data.duplicate_id == survivor.id:
        raise FieldError("duplicate_id", "Choisissez une autre fiche que celle conservée.")
    try:
        duplicate = repo.ProspectRepository(session, principal).get_writable(data.duplicate_id)
    except AppError as exc:
        raise FieldError(
            "duplicate_id", f"Prospect {data.duplicate_id} introuvable dans votre fichier."
        ) from exc
    if duplicate.owner_id != survivor.owner_id:
        raise FieldError(
            "duplicate_id", "Les deux fiches doivent appartenir au même fichier pour fusionner."
        )
    if duplicate.kind is not survivor.kind:
        raise FieldError(
            "duplicate_id", "Une entreprise et un particulier ne peuvent pas être fusionnés."
        )
    if survivor.anonymised_at is not None or duplicate.anonymised_at is not None:
        raise FieldError("duplicate_id", "Une fiche anonymisée ne peut pas être fusionnée.")
    check_version(survivor, data.version)
    if duplicate.version != data.duplicate_version:
        raise StaleVersion(
            f"Version {data.duplicate_version} du doublon périmée : la version actuelle est "
            f"{duplicate.version}. Rechargez les deux fiches avant de fusionner.",
            current_version=duplicate.version,
            field="duplicate_version",
        )
    fields = _decide(survivor, duplicate, data)
    moved = _counts(session, duplicate)
    if data.dry_run:
        return MergeReport(
            dry_run=True,
            duplicate_id=duplicate.id,
            fields=fields,
            rules=RULES,
            moved=moved,
            prospect=ProspectOut.model_validate(survivor),
        )
    for decided in fields:
        if decided.kept == "duplicate":
            for column in FIELDS[decided.field]:
                setattr(survivor, column, getattr(duplicate, column))
    _combine_rgpd(survivor, duplicate)
    if not survivor.name:
        raise FieldError("choices", "Le nom est obligatoire.")
    # SIREN and SIRET must still agree once mixed from both records.
    service.check_prospect(survivor)
    service.refresh_derived(survivor, settings)
    session.flush()
    _move(session, survivor, duplicate)
    tours.repoint_prospect(session, survivor.owner_id, duplicate.id, survivor.id)
    session.delete(duplicate)
    session.flush()
    audit(
        session,
        principal,
        "merge",
        prospect_id=survivor.id,
        detail=f"fiche {duplicate.id} fusionnée dans la fiche {survivor.id}",
    )
    session.refresh(survivor)
    return MergeReport(
        dry_run=False,
        duplicate_id=duplicate.id,
        fields=fields,
        rules=RULES,
        moved=moved,
        prospect=ProspectOut.model_validate(survivor),
    )
