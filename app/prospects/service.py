"""Use cases of the prospect file: prospects, lifecycle, contacts, personas, scripts."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from app.common.clock import utcnow
from app.common.text import fold
from app.config import Settings
from app.core.errors import AppError, FieldError, Forbidden
from app.core.patch import EVERY_FIELD, apply_patch, check_version
from app.core.principal import Principal
from app.geocoding import service as geocoding
from app.models import (
    CallScript,
    Contact,
    Persona,
    Prospect,
    ProspectKind,
    ProspectStatus,
    ProspectStatusChange,
)
from app.prospects import rules
from app.prospects.repository import PersonaRepository
from app.prospects.schemas import (
    CallScriptCreate,
    CallScriptUpdate,
    ContactCreate,
    ContactUpdate,
    PersonaCreate,
    PersonaUpdate,
    ProspectCreate,
    ProspectUpdate,
    StatusChange,
)


class InvalidTransition(AppError):
    status, slug, title = 409, "invalid-transition", "Changement de statut impossible"


# ------------------------------------------------------------------ prospects


def refresh_derived(prospect: Prospect, settings: Settings) -> None:
    """Recompute what is derived from the other fields (priority, search and sector keys,
    and the position from the address unless the user gave it: app/geocoding)."""
    prospect.priority = rules.priority_for(
        prospect.potential, settings.abc_a_min_potential, settings.abc_b_min_potential
    )
    prospect.search_text = fold(
        " ".join(filter(None, [prospect.name, prospect.city, prospect.siret]))
    )
    prospect.sector_key = rules.sector_key(prospect.sector)
    geocoding.locate(prospect, settings)


def check_prospect(prospect: Prospect) -> None:
    """Rules across fields, reported on the field to correct."""
    if prospect.kind is ProspectKind.INDIVIDUAL and (prospect.siret or prospect.siren):
        raise FieldError("siret", "Un particulier n'a ni SIREN ni SIRET.")
    if prospect.siret and prospect.siren and not prospect.siret.startswith(prospect.siren):
        raise FieldError("siret", "Le SIRET doit commencer par le SIREN.")
    if prospect.siret and not prospect.siren:
        prospect.siren = prospect.siret[:9]
    if (prospect.latitude is None) != (prospect.longitude is None):
        raise FieldError("longitude", "Latitude et longitude vont ensemble.")


def create_prospect(
    session: Session, principal: Principal, settings: Settings, data: ProspectCreate
) -> Prospect:
    if not principal.is_trainee:
        # A prospect file is a trainee's record (the evidence of their work): staff read
        # the trainees' files, they do not keep one of their own.
        raise Forbidden(
            "Seuls les stagiaires tiennent un fichier de prospects : formateurs et "
            "administrateurs consultent ceux de leurs stagiaires."
        )
    if data.status in (ProspectStatus.LOST, ProspectStatus.INACTIVE):
        raise FieldError("status", "Un prospect se crée suspect, prospect, qualifié ou client.")
    prospect = Prospect(owner_id=principal.user_id, tags=[], ongoing_contract=False)
    apply_patch(prospect, data, clearable=EVERY_FIELD)
    prospect.tags = sorted(set(data.tags or []))
    prospect.ongoing_contract = bool(data.ongoing_contract)
    if prospect.status is ProspectStatus.CUSTOMER:
        prospect.customer_since = utcnow().date()
    check_prospect(prospect)
    refresh_derived(prospect, settings)
    session.add(prospect)
    session.flush()
    session.add(
        ProspectStatusChange(
            owner_id=prospect.owner_id,
            prospect_id=prospect.id,
            from_status=None,
            to_status=prospect.status,
            changed_by=principal.user_id,
        )
    )
    return prospect


def update_prospect(
    session: Session, settings: Settings, prospect: Prospect, data: ProspectUpdate
) -> Prospect:
    check_version(prospect, data.version)
    if prospect.anonymised_at is not None:
        raise AppError("Ce prospect a été anonymisé : il ne peut plus être modifié.")
    apply_patch(prospect, data, clearable=EVERY_FIELD, skip={"tags", "ongoing_contract"})
    if "tags" in data.model_fields_set:
        prospect.tags = sorted(set(data.tags or []))
    if data.ongoing_contract is not None:
        prospect.ongoing_contract = data.ongoing_contract
    if "name" in data.model_fields_set and not prospect.name:
        raise FieldError("name", "Le nom est obligatoire.")
    check_prospect(prospect)
    refresh_derived(prospect, settings)
    session.flush()
    return prospect


def change_status(
    session: Session, principal: Principal, prospect: Prospect, data: StatusChange
) -> Prospect:
    """Move along the lifecycle; an illegal move is a 409 naming the allowed ones."""
    current = prospect.status
    allowed = rules.allowed_transitions(current)
    if data.status not in allowed:
        names = ", ".join(s.value for s in allowed)
        raise InvalidTransition(
            f"Impossible de passer de « {rules.STATUS_LABELS_FR[current]} » à "
            f"« {rules.STATUS_LABELS_FR[data.status]} ». Statuts possibles : {names}.",
            current=current.value,
            requested=data.status.value,
            allowed=[s.value for s in allowed],
        )
    if data.status is ProspectStatus.LOST and not data.reason:
        raise FieldError("reason", "Indiquez la raison de la perte du prospect.")
    now = utcnow()
    if data.status is ProspectStatus.CUSTOMER and prospect.customer_since is None:
        prospect.customer_since = now.date()
    if current is ProspectStatus.CUSTOMER:
        prospect.relationship_ended_at = now
    elif data.status is ProspectStatus.CUSTOMER:
        prospect.relationship_ended_at = None
    prospect.lost_reason = data.reason if data.status is ProspectStatus.LOST else None
    prospect.status = data.status
    session.add(
        ProspectStatusChange(
            owner_id=prospect.owner_id,
            prospect_id=prospect.id,
            from_status=current,
            to_status=data.status,
            reason=data.reason,
            changed_by=principal.user_id,
            changed_at=now,
        )
    )
    session.flush()
    return prospect


def note_contact(
    prospect: Prospect, *, inbound: bool, when: Any, next_contact_on: date | None
) -> None:
    """Keep the follow-up dates the lists and the retention rule read."""
    if prospect.last_contact_at is None or when > prospect.last_contact_at:
        prospect.last_contact_at = when
    if inbound and (
        prospect.last_inbound_contact_at is None or when > prospect.last_inbound_contact_at
    ):
        prospect.last_inbound_contact_at = when
    prospect.next_contact_on = next_contact_on


# ------------------------------------------------------------------ contacts


def create_contact(session: Session, prospect: Prospect, data: ContactCreate) -> Contact:
    if prospect.kind is not ProspectKind.COMPANY:
        raise AppError(
            "Un particulier n'a pas de contacts : ses coordonnées sont sur sa fiche.",
            problem_slug="contacts-need-a-company",
        )
    contact = Contact(owner_id=prospect.owner_id, prospect_id=prospect.id, first_name="")
    apply_patch(contact, data, clearable=EVERY_FIELD)
    contact.first_name = data.first_name or ""
    session.add(contact)
    session.flush()
    return contact


def update_contact(session: Session, contact: Contact, data: ContactUpdate) -> Contact:
    check_version(contact, data.version)
    if contact.anonymised_at is not None:
        raise AppError("Ce contact a été anonymisé : il ne peut plus être modifié.")
    apply_patch(contact, data, clearable=EVERY_FIELD)
    if contact.first_name is None:
        contact.first_name = ""
    if not contact.last_name:
        raise FieldError("last_name", "Le nom est obligatoire.")
    session.flush()
    return contact


# ------------------------------------------------------------------ personas and scripts


def _check_persona(persona: Persona) -> None:
    geo = (persona.center_latitude, persona.center_longitude, persona.radius_km)
    if any(x is not None for x in geo) and not all(x is not None for x in geo):
        raise FieldError(
            "radius_km", "Un rayon demande un centre (latitude, longitude) et un rayon en km."
        )
    if (
        persona.potential_min is not None
        and persona.potential_max is not None
        and persona.potential_min > persona.potential_max
    ):
        raise FieldError("potential_max", "Le potentiel maximum est inférieur au minimum.")


def _persona_lists(persona: Persona, data: PersonaCreate | PersonaUpdate) -> None:
    for name in ("sectors", "size_bands", "postcodes"):
        if name in data.model_fields_set:
            values = [str(v) for v in getattr(data, name) or []]
            # Case-insensitive unique values, first spelling kept ("BTP", "btp" -> "BTP").
            unique = {fold(v): v for v in reversed(values)}
            setattr(persona, name, [unique[k] for k in dict.fromkeys(fold(v) for v in values)])


def create_persona(session: Session, principal: Principal, data: PersonaCreate) -> Persona:
    persona = Persona(
        owner_id=principal.user_id, description="", sectors=[], size_bands=[], postcodes=[]
    )
    apply_patch(persona, data, clearable=EVERY_FIELD, skip={"sectors", "size_bands", "postcodes"})
    persona.description = data.description or ""
    _persona_lists(persona, data)
    _check_persona(persona)
    session.add(persona)
    session.flush()
    return persona


def update_persona(session: Session, persona: Persona, data: PersonaUpdate) -> Persona:
    check_version(persona, data.version)
    apply_patch(persona, data, clearable=EVERY_FIELD, skip={"sectors", "size_bands", "postcodes"})
    if persona.description is None:
        persona.description = ""
    if not persona.name:
        raise FieldError("name", "Le nom est obligatoire.")
    _persona_lists(persona, data)
    _check_persona(persona)
    session.flush()
    return persona


def own_persona(session: Session, principal: Principal, persona_id: int | None, field: str) -> None:
    """A persona reference must be one of the caller's personas."""
    if persona_id is None:
        return
    try:
        PersonaRepository(session, principal).get_writable(persona_id)
    except AppError as exc:
        raise FieldError(field, f"Persona {persona_id} introuvable dans votre fichier.") from exc


def create_script(session: Session, principal: Principal, data: CallScriptCreate) -> CallScript:
    own_persona(session, principal, data.persona_id, "persona_id")
    script = CallScript(
        owner_id=principal.user_id,
        name=data.name,
        persona_id=data.persona_id,
        steps=[step.model_dump(mode="json") for step in data.steps],
    )
    session.add(script)
    session.flush()
    return script


def update_script(
    session: Session, principal: Principal, script: CallScript, data: CallScriptUpdate
) -> CallScript:
    check_version(script, data.version)
    fields = data.model_fields_set
    if "persona_id" in fields:
        own_persona(session, principal, data.persona_id, "persona_id")
        script.persona_id = data.persona_id
    if data.name is not None:
        script.name = data.name
    if data.steps is not None:
        script.steps = [step.model_dump(mode="json") for step in data.steps]
    session.flush()
    return script
