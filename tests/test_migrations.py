"""Migrations build the schema, match the models, and go down and up again."""

from __future__ import annotations

from collections.abc import Callable

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect

from app.cli import alembic_config
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
