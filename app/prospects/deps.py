"""Shared dependencies of the prospect-file routes: loaders and the list filters."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Query

from app.auth.deps import CurrentPrincipal, OwnerFilter
from app.core.db import DbSession
from app.core.errors import FieldError, NotFound
from app.core.schemas import Day, Id
from app.models import Priority, Prospect, ProspectKind, ProspectStatus
from app.prospects.repository import PersonaRepository, ProspectFilters, ProspectRepository
from app.prospects.schemas import Money


def readable_prospect(prospect_id: Id, session: DbSession, principal: CurrentPrincipal) -> Prospect:
    return ProspectRepository(session, principal).get_readable(prospect_id)


def writable_prospect(prospect_id: Id, session: DbSession, principal: CurrentPrincipal) -> Prospect:
    return ProspectRepository(session, principal).get_writable(prospect_id)


ReadableProspect = Annotated[Prospect, Depends(readable_prospect)]
WritableProspect = Annotated[Prospect, Depends(writable_prospect)]


def prospect_filters(
    session: DbSession,
    principal: CurrentPrincipal,
    owner_id: OwnerFilter,
    q: Annotated[str | None, Query(max_length=100, description="Nom, ville ou SIRET.")] = None,
    status: Annotated[
        list[ProspectStatus] | None,
        Query(max_length=len(ProspectStatus), description="Un ou plusieurs."),
    ] = None,
    kind: ProspectKind | None = None,
    sector: Annotated[str | None, Query(max_length=100)] = None,
    priority: Priority | None = None,
    potential_min: Annotated[Money | None, Query()] = None,
    potential_max: Annotated[Money | None, Query()] = None,
    next_contact_before: Annotated[
        Day | None, Query(description="Prochain contact prévu au plus tard ce jour.")
    ] = None,
    tag: Annotated[str | None, Query(max_length=40)] = None,
    persona_id: Annotated[
        Id | None, Query(description="Calcule le score d'adéquation à ce persona.")
    ] = None,
    min_match: Annotated[int | None, Query(ge=0, le=100)] = None,
    near_lat: Annotated[float | None, Query(ge=-90, le=90)] = None,
    near_lon: Annotated[float | None, Query(ge=-180, le=180)] = None,
    radius_km: Annotated[float | None, Query(gt=0, le=1000)] = None,
) -> ProspectFilters:
    geo = (near_lat, near_lon, radius_km)
    if any(x is not None for x in geo) and not all(x is not None for x in geo):
        raise FieldError(
            "radius_km",
            "La recherche par distance demande near_lat, near_lon et radius_km.",
            location="query",
        )
    if min_match is not None and persona_id is None:
        raise FieldError("min_match", "min_match demande persona_id.", location="query")
    persona = None
    if persona_id is not None:
        try:
            persona = PersonaRepository(session, principal).get_readable(persona_id)
        except NotFound as exc:
            raise FieldError(
                "persona_id", f"Persona {persona_id} introuvable.", location="query"
            ) from exc
    return ProspectFilters(
        q=q,
        status=status or [],
        kind=kind,
        sector=sector,
        priority=priority,
        potential_min=potential_min,
        potential_max=potential_max,
        next_contact_before=next_contact_before,
        tag=tag,
        persona=persona,
        min_match=min_match,
        near=(near_lat, near_lon) if near_lat is not None and near_lon is not None else None,
        radius_km=radius_km,
        owner_id=owner_id,
    )


Filters = Annotated[ProspectFilters, Depends(prospect_filters)]
