"""Saved searches of the watch (alerts): criteria kept under a name, their matches and how
many arrived since the trainee last looked (CP1.4, efficient search)."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from app.common.clock import utcnow
from app.core.errors import FieldError
from app.core.pagination import PageParams, page_of, paginate
from app.core.patch import apply_patch, check_version
from app.core.principal import Principal
from app.core.schemas import Page
from app.models import WatchSearch
from app.watch.items import check_links
from app.watch.repository import ItemRepository, SearchRepository, newest_first
from app.watch.schemas import ItemFilters, ItemOut, SearchCreate, SearchOut, SearchUpdate

CRITERIA = ("q", "topic", "source_id", "competitor_id", "classification", "starred", "unread")


def _filters(search: WatchSearch) -> ItemFilters:
    return ItemFilters(
        q=search.q,
        topic=search.topic,
        source_id=search.source_id,
        competitor_id=search.competitor_id,
        unread=search.unread,
        starred=search.starred,
        classification=search.classification,
    )


def _out(session: Session, principal: Principal, search: WatchSearch) -> SearchOut:
    """The search with how many items match it, and how many arrived since last seen."""
    total, new = ItemRepository(session, principal).count_matching(
        _filters(search), search.last_seen_at
    )
    out = SearchOut.model_validate(search)
    out.matches, out.new_matches = total, new
    return out


def _check(session: Session, principal: Principal, search: WatchSearch, sent: set[str]) -> None:
    """Linked source and competitor are the caller's; at least one criterion remains."""
    check_links(session, principal, search, sent)
    if search.q is not None and not search.q.strip():
        search.q = None
    if all(getattr(search, name) in (None, False) for name in CRITERIA):
        raise FieldError(
            "q", "Une recherche enregistrée a besoin d'au moins un critère (mots, thème, "
            "source, concurrent, classement, favoris ou non lus)."
        )  # fmt: skip


def create_search(session: Session, principal: Principal, body: SearchCreate) -> SearchOut:
    data: dict[str, Any] = body.model_dump()
    data["unread"] = bool(data["unread"])
    search = WatchSearch(owner_id=principal.user_id, **data)
    _check(session, principal, search, body.model_fields_set)
    session.add(search)
    session.flush()
    return _out(session, principal, search)


def list_searches(session: Session, principal: Principal, page: PageParams) -> Page[SearchOut]:
    stmt = SearchRepository(session, principal).listing()
    searches, total = paginate(session, stmt, page)
    return page_of([_out(session, principal, s) for s in searches], total, page)


def read_search(session: Session, principal: Principal, search_id: int) -> SearchOut:
    return _out(session, principal, SearchRepository(session, principal).get_readable(search_id))


def search_items(
    session: Session, principal: Principal, search_id: int, page: PageParams
) -> Page[ItemOut]:
    search = SearchRepository(session, principal).get_readable(search_id)
    stmt = newest_first(ItemRepository(session, principal).matching(_filters(search)))
    items, total = paginate(session, stmt, page)
    return page_of([ItemOut.model_validate(i) for i in items], total, page)


def mark_seen(session: Session, principal: Principal, search_id: int) -> SearchOut:
    search = SearchRepository(session, principal).get_writable(search_id)
    search.last_seen_at = utcnow()
    session.flush()
    return _out(session, principal, search)


def update_search(
    session: Session, principal: Principal, search_id: int, body: SearchUpdate
) -> SearchOut:
    search = SearchRepository(session, principal).get_writable(search_id)
    check_version(search, body.version)
    apply_patch(search, body, clearable={"q", "topic", "source_id", "competitor_id",
                                         "classification", "starred"})  # fmt: skip
    _check(session, principal, search, body.model_fields_set)
    session.flush()
    return _out(session, principal, search)


def delete_search(session: Session, principal: Principal, search_id: int) -> None:
    session.delete(SearchRepository(session, principal).get_writable(search_id))
