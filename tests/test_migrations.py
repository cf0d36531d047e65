"""Migrations build the schema, match the models, and go down and up again."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import MetaData, Table, insert, inspect, text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.cli import alembic_config
from app.common.clock import utcnow
from app.core.db import make_engine
from app.models import Base
from app.models.prospects import modelled
from tests.conftest import migrate


def _diff(url: str) -> list:
    engine = make_engine(url)
    with engine.connect() as conn:
        opts = {"compare_type": True, "include_name": modelled}
        context = MigrationContext.configure(conn, opts=opts)
        diff = compare_metadata(context, Base.metadata)
    engine.dispose()
    return diff


def _tables(url: str, *, everything: bool = False) -> set[str]:
    """The tables of the models (or every table, the text-search ones included)."""
    engine = make_engine(url)
    names = set(inspect(engine).get_table_names()) - {"alembic_version"}
    engine.dispose()
    return names if everything else {n for n in names if modelled(n, "table", None)}


def test_models_and_migrations_do_not_drift(new_database: Callable[[], str]) -> None:
    url = new_database()
    migrate(url)
    assert _diff(url) == []


def test_downgrade_to_base_and_upgrade_again(new_database: Callable[[], str]) -> None:
    url = new_database()
    migrate(url)
    assert _tables(url) == set(Base.metadata.tables)
    config = alembic_config(url)
    config.attributes["configure_logging"] = False
    command.downgrade(config, "base")
    assert _tables(url, everything=True) == set()
    command.upgrade(config, "head")
    assert _tables(url) == set(Base.metadata.tables)
    assert _diff(url) == []


def _user_at_that_revision(db: Session) -> int:
    """An account written with the tables as they are (the models may have columns more)."""
    meta = MetaData()
    orgs = Table("organisations", meta, autoload_with=db.connection())
    users = Table("users", meta, autoload_with=db.connection())
    now = utcnow()
    stamps = {"created_at": now, "updated_at": now, "version": 1}
    org_id = db.execute(
        insert(orgs).values(name="Centre", slug="centre-m", **stamps).returning(orgs.c.id)
    ).scalar_one()
    return int(
        db.execute(
            insert(users)
            .values(
                organisation_id=org_id, email="m@example.org", full_name="M", role="trainee",
                password_hash="x", is_active=True, **stamps,
            )
            .returning(users.c.id)
        ).scalar_one()
    )  # fmt: skip


def test_watch_search_key_is_filled_for_items_written_before_it(
    new_database: Callable[[], str],
) -> None:
    """0008 folds the title, summary, tags and notes of the items that already exist."""
    url = new_database()
    migrate(url, "0007_watch")
    engine = make_engine(url)
    with Session(engine) as db:
        owner_id = _user_at_that_revision(db)
        items = Table("watch_items", MetaData(), autoload_with=db.connection())
        now = utcnow()
        db.execute(
            insert(items).values(
                owner_id=owner_id, dedup_key="k", title="Étude Crédit", summary="Hausse  des PRIX",
                topic="market", suggestion_reasons=[], is_read=False, starred=False,
                tags=["Énergie"], notes="À voir", shared=False, extra={}, version=1,
                created_at=now, updated_at=now,
            )
        )  # fmt: skip
        db.commit()
    migrate(url)
    with engine.connect() as conn:
        folded = conn.execute(text("SELECT search_text FROM watch_items")).scalar_one()
    engine.dispose()
    assert folded == "etude credit hausse des prix energie a voir"


def test_0022_widens_the_role_and_kind_checks_without_losing_rows(
    new_database: Callable[[], str],
) -> None:
    """0022 lets a user be a tutor and a planned action a training: on SQLite the CHECK
    constraints change in place (a copied table would cascade the deletion of every row that
    refers to users); the rows written before stay, a tutor can be written after."""
    url = new_database()
    migrate(url, "0021_loyalty")
    engine = make_engine(url)
    with Session(engine) as db:
        owner_id = _user_at_that_revision(db)
        prospects = Table("prospects", MetaData(), autoload_with=db.connection())
        now = utcnow()
        db.execute(
            insert(prospects).values(
                owner_id=owner_id, kind="company", name="Client", status="suspect",
                priority="C", tags=[], search_text="client", ongoing_contract=False,
                anonymised=False, created_at=now, updated_at=now, version=1,
            )
        )  # fmt: skip
        db.commit()
        with pytest.raises(IntegrityError):
            db.execute(text("UPDATE users SET role = 'tutor'"))
        db.rollback()
    migrate(url)
    with engine.begin() as conn:
        assert conn.execute(text("SELECT count(*) FROM prospects")).scalar_one() == 1
        conn.execute(text("UPDATE users SET role = 'tutor'"))
        assert conn.execute(text("SELECT role FROM users")).scalar_one() == "tutor"
        with pytest.raises(IntegrityError):
            conn.execute(text("UPDATE users SET role = 'boss'"))
    engine.dispose()
