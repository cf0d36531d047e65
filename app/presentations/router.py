"""Presentation routes: the library of presentations of the company and its offers, their
variants per interlocutor and channel, and the checker (CP5.1–CP5.3)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request, Response, status

from app.auth.deps import CurrentPrincipal, OwnerFilter
from app.competences.evidence import about, shows_nothing
from app.competences.tagging import exercises
from app.core.db import DbSession
from app.core.pagination import Pagination
from app.core.schemas import Id, Page
from app.models import PresentationKind
from app.presentations import library
from app.presentations.schemas import (
    PresentationCheck,
    PresentationCheckIn,
    PresentationCreate,
    PresentationCreated,
    PresentationOut,
    PresentationUpdate,
    VariantCreate,
    VariantOut,
    VariantUpdate,
)

router = APIRouter(tags=["presentations"])

# A variant shows CP5.1–CP5.3 (their twins CT1.4, CT1.6, CT4.1) and CT1.7 (fitted to the
# medium) the first time a text the trainee wrote passes its check.
PRESENTING = exercises("CP5", criteria=["CP5.1", "CP5.2", "CP5.3", "CT1.7"])
# Reading, checking without saving, retitling and deleting show nothing new.
LIBRARY = exercises("CP5", criteria=["CP5.1"], evidence=False)


def _shown(request: Request, variant_id: int, first_pass: bool) -> None:
    if first_pass:
        about(request, "presentation_variants", variant_id,
              once_per=f"presentation_variants:{variant_id}:passed")  # fmt: skip
    else:
        shows_nothing(request)


@router.get("/presentations", response_model=Page[PresentationOut],
            summary="Bibliothèque de présentations", **LIBRARY)  # fmt: skip
def list_presentations(
    session: DbSession,
    principal: CurrentPrincipal,
    page: Pagination,
    owner_id: OwnerFilter,
    kind: PresentationKind | None = None,
    q: Annotated[str | None, Query(max_length=200, description="Dans le titre.")] = None,
) -> Page[PresentationOut]:
    return library.list_presentations(session, principal, page, owner_id, kind, q)


@router.post("/presentations", response_model=PresentationCreated,
             status_code=status.HTTP_201_CREATED,
             summary="Nouvelle présentation (sa première variante rédigée d'après le cas)",
             **PRESENTING)  # fmt: skip
def create_presentation(
    body: PresentationCreate, request: Request, session: DbSession, principal: CurrentPrincipal
) -> PresentationCreated:
    created, first_pass = library.create_presentation(session, principal, body)
    _shown(request, created.variant.id, first_pass)
    return created


@router.post("/presentations/check", response_model=PresentationCheck,
             summary="Contrôler un texte sans l'enregistrer", **LIBRARY)  # fmt: skip
def check_presentation(
    body: PresentationCheckIn, session: DbSession, principal: CurrentPrincipal
) -> PresentationCheck:
    return library.check_text(session, principal, body)


@router.get("/presentations/{presentation_id}", response_model=PresentationOut,
            summary="Une présentation et ses variantes, contrôlées", **LIBRARY)  # fmt: skip
def read_presentation(
    presentation_id: Id, session: DbSession, principal: CurrentPrincipal
) -> PresentationOut:
    return library.read_presentation(session, principal, presentation_id)


@router.patch("/presentations/{presentation_id}", response_model=PresentationOut,
              summary="Renommer une présentation, changer ses produits", **LIBRARY)  # fmt: skip
def update_presentation(
    presentation_id: Id, body: PresentationUpdate, session: DbSession, principal: CurrentPrincipal
) -> PresentationOut:
    return library.update_presentation(session, principal, presentation_id, body)


@router.delete("/presentations/{presentation_id}", status_code=status.HTTP_204_NO_CONTENT,
               summary="Supprimer une présentation et ses variantes", **LIBRARY)  # fmt: skip
def delete_presentation(
    presentation_id: Id, session: DbSession, principal: CurrentPrincipal
) -> Response:
    library.delete_presentation(session, principal, presentation_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.post("/presentations/{presentation_id}/variants", response_model=PresentationCreated,
             status_code=status.HTTP_201_CREATED,
             summary="Nouvelle variante (interlocuteur, canal)", **PRESENTING)  # fmt: skip
def add_variant(
    presentation_id: Id,
    body: VariantCreate,
    request: Request,
    session: DbSession,
    principal: CurrentPrincipal,
) -> PresentationCreated:
    created, first_pass = library.add_variant(session, principal, presentation_id, body)
    _shown(request, created.variant.id, first_pass)
    return created


@router.put("/presentations/{presentation_id}/variants/{variant_id}", response_model=VariantOut,
            summary="Réécrire une variante (contrôlée)", **PRESENTING)  # fmt: skip
def rewrite_variant(
    presentation_id: Id,
    variant_id: Id,
    body: VariantUpdate,
    request: Request,
    session: DbSession,
    principal: CurrentPrincipal,
) -> VariantOut:
    out, first_pass = library.rewrite_variant(session, principal, presentation_id, variant_id, body)
    _shown(request, out.id, first_pass)
    return out


@router.delete("/presentations/{presentation_id}/variants/{variant_id}",
               status_code=status.HTTP_204_NO_CONTENT, summary="Supprimer une variante",
               **PRESENTING)  # fmt: skip
def delete_variant(
    presentation_id: Id, variant_id: Id, session: DbSession, principal: CurrentPrincipal
) -> Response:
    library.delete_variant(session, principal, presentation_id, variant_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
