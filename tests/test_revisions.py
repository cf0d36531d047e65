"""The revision of a prospect file (migration 0004's triggers, app.prospects.revisions): it
moves on every kind of write, whoever makes it, and a bulk load moves it once at the end."""

from __future__ import annotations

from typing import cast

import pytest
from sqlalchemy import Table, delete, func, insert, select, text, update
from sqlalchemy.orm import Session

from app.common.clock import utcnow
from app.common.text import search_terms
from app.models import Persona, Prospect, ProspectKind, ProspectStatus
from app.prospects import matching
from app.prospects.imports import loading
from app.prospects.imports.loading import bulk_loading
from app.prospects.revisions import revision_of
from app.prospects.search import matches
from tests.factories import make_org, make_prospect, make_user

PROSPECTS = cast(Table, Prospect.__table__)


def _row(owner_id: int, name: str) -> dict[str, object]:
    now = utcnow()
    return {
        "owner_id": owner_id, "kind": ProspectKind.COMPANY, "name": name,
        "status": ProspectStatus.SUSPECT, "tags": [], "search_text": name.lower(),
        "ongoing_contract": False, "created_at": now, "updated_at": now, "version": 1,
    }  # fmt: skip


def test_every_write_moves_the_owners_revision_and_only_theirs(db: Session) -> None:
    org = make_org(db)
    alice, bob = make_user(db, org), make_user(db, org)
    assert revision_of(db, alice.id) == 0  # never written

    record = make_prospect(db, alice, name="Alpha")  # ORM insert
    r1 = revision_of(db, alice.id)
    assert r1 >= 1
    record.city = "Villeurbanne"  # ORM update
    db.flush()
    r2 = revision_of(db, alice.id)
    assert r2 > r1
    db.execute(insert(PROSPECTS), [_row(alice.id, "Beta"), _row(alice.id, "Gamma")])  # Core
    r3 = revision_of(db, alice.id)
    assert r3 > r2
    assert revision_of(db, bob.id) == 0  # another file: untouched

    bob_record = make_prospect(db, bob, name="Bob's")
    b1 = revision_of(db, bob.id)
    # A statement over two files (the retention job anonymises across owners) moves both.
    db.execute(
        update(Prospect)
        .where(Prospect.id.in_([record.id, bob_record.id]))
        .values(anonymised_at=utcnow(), anonymised=True)
        .execution_options(synchronize_session=False)
    )
    r4, b2 = revision_of(db, alice.id), revision_of(db, bob.id)
    assert r4 > r3
    assert b2 > b1
    db.execute(delete(Prospect).where(Prospect.id == record.id))  # delete
    assert revision_of(db, alice.id) > r4
    assert revision_of(db, bob.id) == b2
    # An update that changes no row moves nothing.
    before = revision_of(db, alice.id)
    db.execute(update(Prospect).where(Prospect.id == -1).values(city="x"))
    assert revision_of(db, alice.id) == before


def test_a_bulk_load_moves_the_revision_once_and_indexes_its_rows(db: Session) -> None:
    org = make_org(db)
    owner = make_user(db, org)
    make_prospect(db, owner, name="Déjà là")
    persona = Persona(owner_id=owner.id, name="Tous", sectors=[], size_bands=[], postcodes=[])
    db.add(persona)
    db.flush()
    assert matching.fresh_scores(db, persona) is True  # first scoring
    assert matching.fresh_scores(db, persona) is False  # nothing moved since

    before = revision_of(db, owner.id)
    with bulk_loading(db, owner.id) as ranges:
        db.execute(insert(PROSPECTS), [_row(owner.id, f"Quincaillerie {n}") for n in range(5)])
        assert revision_of(db, owner.id) == before  # triggers paused inside the load
        ids = db.scalars(select(Prospect.id).where(Prospect.name.like("Quincaillerie%"))).all()
        ranges.append((min(ids), max(ids)))
    assert revision_of(db, owner.id) == before + 1
    dialect = db.get_bind().dialect.name
    found = db.scalars(
        select(Prospect.name).where(
            Prospect.owner_id == owner.id, matches(search_terms("quincail"), dialect)
        )
    ).all()
    assert sorted(found) == [f"Quincaillerie {n}" for n in range(5)]
    # The stored scores saw the load; the triggers run again after it.
    assert matching.fresh_scores(db, persona) is True
    db.refresh(persona)
    make_prospect(db, owner, name="Après")
    assert revision_of(db, owner.id) > before + 1


def _prospect_indexes(db: Session) -> list[tuple[str, str]]:
    dialect = db.get_bind().dialect.name
    if dialect == "sqlite":
        query = (
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' "
            "AND tbl_name = 'prospects' ORDER BY name"
        )
    else:
        query = (
            "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'prospects' "
            "ORDER BY indexname"
        )
    return [(str(name), str(sql)) for name, sql in db.execute(text(query))]


def test_a_large_load_builds_the_indexes_again_and_a_failed_one_keeps_them(
    db: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    owner = make_user(db, make_org(db))
    make_prospect(db, owner, name="Premier")
    before = _prospect_indexes(db)
    assert len(before) >= 9
    sqlite = db.get_bind().dialect.name == "sqlite"
    monkeypatch.setattr(loading, "DEFERRED_INDEXES_MIN_ROWS", 5)
    count = db.scalar(select(func.count()).select_from(Prospect)) or 0

    with loading.deferred_indexes(db, count - 1 if count > 5 else 4) as deferred:
        assert deferred is False  # too small: nothing changes
    with loading.deferred_indexes(db, max(count, 5)) as deferred:
        assert deferred is sqlite  # SQLite only
        if sqlite:
            assert [n for n, _ in _prospect_indexes(db) if n.startswith("ix_")] == []
        db.execute(insert(PROSPECTS), [_row(owner.id, f"Lot {n}") for n in range(max(count, 5))])
    assert _prospect_indexes(db) == before
    # The indexes are whole: a lookup by name reads the new rows through them.
    assert db.scalar(select(func.count()).where(Prospect.name.like("Lot %"))) == max(count, 5)

    def failing_load() -> None:
        with loading.deferred_indexes(db, max(count, 5) * 2):
            db.execute(insert(PROSPECTS), [_row(owner.id, "Raté")])
            raise RuntimeError("the load fails")

    savepoint = db.begin_nested()
    with pytest.raises(RuntimeError, match="the load fails"):
        failing_load()
    savepoint.rollback()
    assert _prospect_indexes(db) == before
    assert db.scalar(select(func.count()).where(Prospect.name == "Raté")) == 0
