"""Watch routes: competitor records and their positioning matrix."""

from __future__ import annotations

from fastapi import APIRouter, Response, status

from app.auth.deps import CurrentPrincipal, OwnerFilter
from app.competences.tagging import exercises
from app.core.db import DbSession
from app.core.pagination import Pagination
from app.core.schemas import Id, Page
from app.watch import competitors
from app.watch.schemas import CompetitorCreate, CompetitorMatrix, CompetitorOut, CompetitorUpdate

router = APIRouter(tags=["watch"])

COMPETITORS = exercises("CP1", criteria=["CP1.5"])


@router.post("/competitors", response_model=CompetitorOut, status_code=status.HTTP_201_CREATED,
             summary="Fiche concurrent", **COMPETITORS)  # fmt: skip
def create_competitor(
    body: CompetitorCreate, session: DbSession, principal: CurrentPrincipal
) -> CompetitorOut:
    return competitors.create_competitor(session, principal, body)


@router.get("/competitors", response_model=Page[CompetitorOut], summary="Concurrents",
            **COMPETITORS)  # fmt: skip
def list_competitors(
    session: DbSession, principal: CurrentPrincipal, page: Pagination, owner_id: OwnerFilter
) -> Page[CompetitorOut]:
    return competitors.list_competitors(session, principal, page, owner_id)


@router.get("/competitors/matrix", response_model=CompetitorMatrix,
            summary="Matrice de positionnement des concurrents", **COMPETITORS)  # fmt: skip
def competitor_matrix(
    session: DbSession, principal: CurrentPrincipal, owner_id: OwnerFilter
) -> CompetitorMatrix:
    return competitors.competitor_matrix(session, principal, owner_id)


@router.get("/competitors/{competitor_id}", response_model=CompetitorOut,
            summary="Un concurrent", **COMPETITORS)  # fmt: skip
def read_competitor(
    competitor_id: Id, session: DbSession, principal: CurrentPrincipal
) -> CompetitorOut:
    return competitors.read_competitor(session, principal, competitor_id)


@router.patch("/competitors/{competitor_id}", response_model=CompetitorOut,
              summary="Modifier une fiche concurrent", **COMPETITORS)  # fmt: skip
def update_competitor(
    competitor_id: Id, body: CompetitorUpdate, session: DbSession, principal: CurrentPrincipal
) -> CompetitorOut:
    return competitors.update_competitor(session, principal, competitor_id, body)


@router.delete("/competitors/{competitor_id}", status_code=status.HTTP_204_NO_CONTENT,
               summary="Supprimer une fiche concurrent", **COMPETITORS)  # fmt: skip
def delete_competitor(
    competitor_id: Id, session: DbSession, principal: CurrentPrincipal
) -> Response:
    competitors.delete_competitor(session, principal, competitor_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
