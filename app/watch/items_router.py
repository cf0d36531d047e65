"""Watch items: search and filters, manual items, classification, sharing with the cohort."""

from __future__ import annotations

from fastapi import APIRouter, Query, Request, Response, status

from app.auth.deps import CurrentPrincipal, OwnerFilter
from app.competences.evidence import note_criteria
from app.competences.tagging import exercises
from app.core.db import DbSession
from app.core.pagination import Pagination
from app.core.schemas import DateTime, Id, Page
from app.models import ItemClassification, WatchTopic
from app.watch import items
from app.watch.schemas import ItemCreate, ItemFilters, ItemOut, ItemUpdate, SharedItemOut

router = APIRouter(tags=["watch"])

SEARCH = exercises("CP1", "CT4", criteria=["CP1.4"])
# Writes on items: the criteria come from what the request does (see items.criteria_of).
WRITING = exercises("CP1", "CT4")
# Qualifying an item (fact or opinion, relevance, tags) makes the watch searchable: CP1.4;
# linking it to a competitor documents that competitor: CP1.5. Reading, starring, noting,
# sharing or linking a prospect show neither: such a change is no evidence.
QUALIFYING = exercises("CP1", "CT4", fields={
    "classification": ["CP1.4"], "relevance": ["CP1.4"], "tags": ["CP1.4"],
    "competitor_id": ["CP1.5"],
})  # fmt: skip
# Recording what has no feed (a newsletter, a fair, a call) keeps the watch up to date.
RECORDING = exercises("CP1", "CT4", criteria=["CP1.3"])


@router.get("/watch/items", response_model=Page[ItemOut],
            summary="Articles de veille : recherche et filtres", **SEARCH)  # fmt: skip
def list_items(
    session: DbSession,
    principal: CurrentPrincipal,
    page: Pagination,
    owner_id: OwnerFilter,
    q: str | None = Query(
        default=None,
        max_length=200,
        description="Mots du titre, du résumé, des étiquettes ou des notes "
        "(accents et casse ignorés).",
    ),
    topic: WatchTopic | None = None,
    source_id: Id | None = None,
    competitor_id: Id | None = None,
    since: DateTime | None = None,
    until: DateTime | None = None,
    unread: bool | None = None,
    starred: bool | None = None,
    classification: ItemClassification | None = None,
) -> Page[ItemOut]:
    filters = ItemFilters(q, topic, source_id, competitor_id, since, until, unread, starred,
                          classification)  # fmt: skip
    return items.list_items(session, principal, page, owner_id, filters)


@router.post("/watch/items", response_model=ItemOut, status_code=status.HTTP_201_CREATED,
             summary="Ajouter un article à la main (lettre, salon...)", **RECORDING)  # fmt: skip
def create_item(
    body: ItemCreate, request: Request, session: DbSession, principal: CurrentPrincipal
) -> ItemOut:
    recorded = items.create_item(session, principal, body)
    note_criteria(request, *recorded.criteria)
    return recorded.item


@router.get(
    "/watch/shared",
    response_model=Page[SharedItemOut],
    summary="Veille partagée de la promotion",
    description=(
        "Les articles que les stagiaires de la promotion ont partagés. Sont partagés : "
        "l'article (titre, lien, date, résumé, thème), la lecture qu'en fait le stagiaire "
        "(fait ou opinion, pertinence, tonalité) et son nom. Ne le sont pas : ses notes et "
        "ses étiquettes, qui restent privées, son suivi (lu, favori, note) et les "
        "identifiants de ses propres fiches (source, concurrent, prospect)."
    ),
    **SEARCH,
)
def shared_items(
    session: DbSession, principal: CurrentPrincipal, page: Pagination
) -> Page[SharedItemOut]:
    return items.shared_items(session, principal, page)


@router.get("/watch/items/{item_id}", response_model=ItemOut, summary="Un article", **SEARCH)
def read_item(item_id: Id, session: DbSession, principal: CurrentPrincipal) -> ItemOut:
    return items.read_item(session, principal, item_id)


@router.patch("/watch/items/{item_id}", response_model=ItemOut,
              summary="Classer (fait/opinion), noter, partager un article",
              **QUALIFYING)  # fmt: skip
def update_item(
    item_id: Id,
    body: ItemUpdate,
    session: DbSession,
    principal: CurrentPrincipal,
) -> ItemOut:
    return items.update_item(session, principal, item_id, body)


@router.delete("/watch/items/{item_id}", status_code=status.HTTP_204_NO_CONTENT,
               summary="Supprimer un article", **WRITING)  # fmt: skip
def delete_item(item_id: Id, session: DbSession, principal: CurrentPrincipal) -> Response:
    items.delete_item(session, principal, item_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
