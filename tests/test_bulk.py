"""app.core.bulk.insert_many stores exactly what a Core insert stores, on both backends."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any, cast

import pytest
from sqlalchemy import Table, insert, select
from sqlalchemy.orm import Session

from app.core.bulk import insert_many
from app.models import Priority, Prospect, ProspectKind, ProspectSource, ProspectStatus, SizeBand
from tests.factories import make_org, make_user

PROSPECTS = cast(Table, Prospect.__table__)
READ = [c for c in PROSPECTS.c if c.key not in ("id", "name")]


def _rows(owner_id: int, prefix: str) -> list[dict[str, Any]]:
    when = datetime(2026, 11, 27, 9, 30, 15, 123456, tzinfo=UTC)
    return [
        {
            "owner_id": owner_id, "kind": ProspectKind.COMPANY, "name": f"{prefix} full",
            "siret": "73282932000074", "sector": "Bâtiment", "size_band": SizeBand.SMALL,
            "latitude": 45.764043, "longitude": 4.835659, "status": ProspectStatus.QUALIFIED,
            "source": ProspectSource.IMPORT, "potential": Decimal("12500.50"),
            "priority": Priority.B, "tags": ["bio", "été"], "next_contact_on": date(2027, 1, 4),
            "search_text": "x", "created_at": when, "updated_at": when, "version": 3,
        },
        {
            "owner_id": owner_id, "kind": ProspectKind.INDIVIDUAL, "name": f"{prefix} sparse",
            "siret": None, "sector": None, "size_band": None, "latitude": None,
            "longitude": None, "status": ProspectStatus.SUSPECT, "source": ProspectSource.EVENT,
            "potential": None, "priority": Priority.C, "tags": [], "next_contact_on": None,
            "search_text": "", "created_at": when, "updated_at": when, "version": 1,
        },
    ]  # fmt: skip


def test_insert_many_stores_what_a_core_insert_stores(db: Session) -> None:
    owner = make_user(db, make_org(db))
    db.execute(insert(PROSPECTS), _rows(owner.id, "core"))
    insert_many(db, PROSPECTS, _rows(owner.id, "bulk"))  # scalar defaults (anonymised...) too

    def stored(prefix: str) -> list[tuple[Any, ...]]:
        return [
            tuple(row)
            for row in db.execute(
                select(*READ).where(Prospect.name.like(f"{prefix} %")).order_by(Prospect.name)
            )
        ]

    core, bulk = stored("core"), stored("bulk")
    assert len(core) == 2
    assert bulk == core
    record = db.scalars(select(Prospect).where(Prospect.name == "bulk full")).one()
    assert record.potential == Decimal("12500.50")
    assert record.tags == ["bio", "été"]
    assert record.kind is ProspectKind.COMPANY
    assert record.anonymised is False


def test_insert_many_wants_the_columns_whose_default_is_computed(db: Session) -> None:
    owner = make_user(db, make_org(db))
    row = _rows(owner.id, "x")[0]
    del row["created_at"]
    with pytest.raises(ValueError, match="created_at"):
        insert_many(db, PROSPECTS, [row])
    insert_many(db, PROSPECTS, [])  # nothing to do
