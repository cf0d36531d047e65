"""Targeting: personas (ideal customer profiles), call scripts and prospecting campaigns."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Response, status

from app.auth.deps import AppSettings, CurrentPrincipal
from app.competences.tagging import exercises
from app.core.db import DbSession
from app.core.errors import NotFound
from app.core.pagination import Pagination, sort_query
from app.core.schemas import Id, Page
from app.models import CallScript, Channel, Persona
from app.prospects import campaigns, listing, service
from app.prospects import repository as repo
from app.prospects.schemas import (
    CallScriptCreate,
    CallScriptOut,
    CallScriptUpdate,
    CampaignCreate,
    CampaignOut,
    CampaignUpdate,
    MemberOut,
    MembersAdd,
    MembersReport,
    PersonaCreate,
    PersonaOut,
    PersonaUpdate,
)

router = APIRouter(tags=["targeting"])

PERSONA = exercises("CP2", "CP3", criteria=["CP2.2"])
SCRIPT = exercises("CP3", criteria=["CP3.2", "CP3.3"])
CAMPAIGN = exercises("CP2", "CP3", criteria=["CP2.2", "CP2.5"])


# ------------------------------------------------------------------ personas


@router.get("/personas", response_model=Page[PersonaOut], summary="Personas", **PERSONA)
def list_personas(
    session: DbSession,
    principal: CurrentPrincipal,
    page: Pagination,
    sort: Annotated[str | None, sort_query(listing.PERSONA_SORTS)] = None,
) -> Page[PersonaOut]:
    return listing.personas(session, principal, page, sort=sort)


@router.post(
    "/personas",
    response_model=PersonaOut,
    status_code=status.HTTP_201_CREATED,
    summary="Définir un persona (avatar client idéal)",
    **PERSONA,
)
def create_persona(data: PersonaCreate, session: DbSession, principal: CurrentPrincipal) -> Persona:
    return service.create_persona(session, principal, data)


@router.get("/personas/{persona_id}", response_model=PersonaOut, summary="Un persona", **PERSONA)
def read_persona(persona_id: Id, session: DbSession, principal: CurrentPrincipal) -> Persona:
    return repo.PersonaRepository(session, principal).get_readable(persona_id)


@router.patch(
    "/personas/{persona_id}", response_model=PersonaOut, summary="Modifier un persona", **PERSONA
)
def update_persona(
    persona_id: Id, data: PersonaUpdate, session: DbSession, principal: CurrentPrincipal
) -> Persona:
    persona = repo.PersonaRepository(session, principal).get_writable(persona_id)
    return service.update_persona(session, persona, data)


@router.delete(
    "/personas/{persona_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    summary="Supprimer un persona",
    **PERSONA,
)
def delete_persona(persona_id: Id, session: DbSession, principal: CurrentPrincipal) -> Response:
    session.delete(repo.PersonaRepository(session, principal).get_writable(persona_id))
    return Response(status_code=status.HTTP_204_NO_CONTENT)


# ------------------------------------------------------------------ call scripts


@router.get(
    "/call-scripts", response_model=Page[CallScriptOut], summary="Scripts d'appel", **SCRIPT
)
def list_scripts(
    session: DbSession,
    principal: CurrentPrincipal,
    page: Pagination,
    persona_id: Id | None = None,
) -> Page[CallScriptOut]:
    return listing.scripts(session, principal, page, persona_id=persona_id)


@router.post(
    "/call-scripts",
    response_model=CallScriptOut,
    status_code=status.HTTP_201_CREATED,
    summary="Écrire un script d'appel",
    **SCRIPT,
)
def create_script(
    data: CallScriptCreate, session: DbSession, principal: CurrentPrincipal
) -> CallScript:
    return service.create_script(session, principal, data)


@router.get(
    "/call-scripts/{script_id}", response_model=CallScriptOut, summary="Un script", **SCRIPT
)
def read_script(script_id: Id, session: DbSession, principal: CurrentPrincipal) -> CallScript:
    return repo.CallScriptRepository(session, principal).get_readable(script_id)


@router.patch(
    "/call-scripts/{script_id}", response_model=CallScriptOut, summary="Modifier", **SCRIPT
)
def update_script(
    script_id: Id, data: CallScriptUpdate, session: DbSession, principal: CurrentPrincipal
) -> CallScript:
    script = repo.CallScriptRepository(session, principal).get_writable(script_id)
    return service.update_script(session, principal, script, data)


@router.delete(
    "/call-scripts/{script_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    summary="Supprimer un script",
    **SCRIPT,
)
def delete_script(script_id: Id, session: DbSession, principal: CurrentPrincipal) -> Response:
    session.delete(repo.CallScriptRepository(session, principal).get_writable(script_id))
    return Response(status_code=status.HTTP_204_NO_CONTENT)


# ------------------------------------------------------------------ campaigns


@router.get(
    "/campaigns", response_model=Page[CampaignOut], summary="Campagnes de prospection", **CAMPAIGN
)
def list_campaigns(
    session: DbSession,
    principal: CurrentPrincipal,
    page: Pagination,
    sort: Annotated[str | None, sort_query(listing.CAMPAIGN_SORTS)] = None,
    channel: Channel | None = None,
) -> Page[CampaignOut]:
    return listing.campaign_list(session, principal, page, sort=sort, channel=channel)


@router.post(
    "/campaigns",
    response_model=CampaignOut,
    status_code=status.HTTP_201_CREATED,
    summary="Lancer une campagne",
    **CAMPAIGN,
)
def create_campaign(
    data: CampaignCreate, session: DbSession, principal: CurrentPrincipal
) -> CampaignOut:
    return campaigns.campaign_out(session, campaigns.create_campaign(session, principal, data))


@router.get(
    "/campaigns/{campaign_id}",
    response_model=CampaignOut,
    summary="Une campagne et ses compteurs",
    **CAMPAIGN,
)
def read_campaign(campaign_id: Id, session: DbSession, principal: CurrentPrincipal) -> CampaignOut:
    campaign = repo.CampaignRepository(session, principal).get_readable(campaign_id)
    return campaigns.campaign_out(session, campaign)


@router.patch(
    "/campaigns/{campaign_id}", response_model=CampaignOut, summary="Modifier", **CAMPAIGN
)
def update_campaign(
    campaign_id: Id, data: CampaignUpdate, session: DbSession, principal: CurrentPrincipal
) -> CampaignOut:
    campaign = repo.CampaignRepository(session, principal).get_writable(campaign_id)
    return campaigns.campaign_out(
        session, campaigns.update_campaign(session, principal, campaign, data)
    )


@router.delete(
    "/campaigns/{campaign_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    summary="Supprimer une campagne",
    **CAMPAIGN,
)
def delete_campaign(campaign_id: Id, session: DbSession, principal: CurrentPrincipal) -> Response:
    session.delete(repo.CampaignRepository(session, principal).get_writable(campaign_id))
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.get(
    "/campaigns/{campaign_id}/members",
    response_model=Page[MemberOut],
    summary="Membres d'une campagne",
    **CAMPAIGN,
)
def list_members(
    campaign_id: Id, session: DbSession, principal: CurrentPrincipal, page: Pagination
) -> Page[MemberOut]:
    campaign = repo.CampaignRepository(session, principal).get_readable(campaign_id)
    return listing.members(session, principal, campaign, page)


@router.post(
    "/campaigns/{campaign_id}/members",
    response_model=MembersReport,
    summary="Ajouter des membres (chacun contrôlé par la politique RGPD des canaux)",
    **exercises("CP2", "CP3", criteria=["CP2.2", "CP3.1"]),
)
def add_members(
    campaign_id: Id,
    data: MembersAdd,
    session: DbSession,
    principal: CurrentPrincipal,
    settings: AppSettings,
) -> MembersReport:
    campaign = repo.CampaignRepository(session, principal).get_writable(campaign_id)
    return campaigns.add_members(session, principal, settings, campaign, data)


@router.delete(
    "/campaigns/{campaign_id}/members/{member_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    summary="Retirer un membre",
    **CAMPAIGN,
)
def remove_member(
    campaign_id: Id, member_id: Id, session: DbSession, principal: CurrentPrincipal
) -> Response:
    member = repo.CampaignMemberRepository(session, principal).get_writable(member_id)
    if member.campaign_id != campaign_id:
        raise NotFound(f"Membre {member_id} introuvable dans cette campagne.")
    session.delete(member)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
