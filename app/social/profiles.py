"""The professional profile per network (CP5.4): written by the trainee, read against the
company's charter at each save (``checks.check_profile``), its first success remembered."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from app.business_cases.service import require_active_case
from app.common.clock import utcnow
from app.core.errors import Conflict, FieldError, NotFound
from app.core.patch import check_version
from app.core.principal import Principal
from app.core.schemas import findings_out
from app.models import SocialNetwork, SocialProfile
from app.social.checks import NETWORK_LABELS, Experience, ProfileDraft, check_profile
from app.social.repository import ProfileRepository
from app.social.schemas import SocialProfileIn, SocialProfileOut
from app.social.shared import trainee_only


def profile_out(profile: SocialProfile) -> SocialProfileOut:
    out = SocialProfileOut.model_validate(profile)
    out.findings = findings_out(profile.findings)
    return out


def profiles_of(session: Session, principal: Principal, owner_id: int) -> list[SocialProfileOut]:
    """One person's profiles, one per network."""
    return [profile_out(p) for p in ProfileRepository(session, principal).of_owner(owner_id)]


def profile_of(
    session: Session, principal: Principal, owner_id: int, network: SocialNetwork
) -> SocialProfileOut:
    found = ProfileRepository(session, principal).on(owner_id, network)
    if found is None:
        raise NotFound(f"Pas encore de profil {NETWORK_LABELS[network]}.")
    return profile_out(found)


@dataclass(frozen=True)
class Saved:
    """A profile saved, and whether this save is the first time it passed the charter (the
    evidence of CP5.4, once per profile)."""

    profile: SocialProfileOut
    first_pass: bool


def save_profile(
    session: Session, principal: Principal, network: SocialNetwork, data: SocialProfileIn
) -> Saved:
    """Create or replace the caller's profile on ``network`` (a replacement names the
    version it read), then check it against the charter of their active case."""
    trainee_only(principal, "Le profil professionnel")
    active = require_active_case(session, principal.user_id)
    found = ProfileRepository(session, principal).own(network)
    if found is None:
        if data.version is not None:
            raise FieldError("version", "Ce profil n'existe pas encore : pas de version.")
        found = SocialProfile(owner_id=principal.user_id, network=network)
        session.add(found)
    else:
        if data.version is None:
            raise Conflict(
                f"Votre profil {NETWORK_LABELS[network]} existe déjà : relisez-le et envoyez "
                "sa version pour le remplacer."
            )
        check_version(found, data.version)
    found.headline = data.headline
    found.summary = data.summary
    found.experience = [e.model_dump() for e in data.experience]
    found.featured = list(data.featured)
    found.photo = dict(data.photo)
    found.contact = dict(data.contact)
    draft = ProfileDraft(
        network=network,
        headline=data.headline,
        summary=data.summary,
        experience=tuple(Experience(**e.model_dump()) for e in data.experience),
        featured=tuple(data.featured),
        photo=data.photo,
        contact=data.contact,
    )
    first_pass = found.store_check(check_profile(active.document, draft), active.version.id) and (
        found.first_passed_at is None
    )
    if first_pass:
        found.first_passed_at = utcnow()
    session.flush()
    return Saved(profile_out(found), first_pass)
