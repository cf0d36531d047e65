"""A revision per prospect file, kept by the database.

- prospect_files (owner_id, revision): triggers on prospects add one to the owner's revision
  on every insert, update and delete — SQLite per row, PostgreSQL per statement (transition
  tables, owners in id order). A bulk load pauses them inside its own transaction and adds one
  at the end (app.prospects.imports.loading.bulk_loading): on SQLite through the flag table of 0003
  (``prospects_search_sync.paused``), on PostgreSQL through the transaction-local setting
  ``capvente.bulk_load``.
- ix_prospects_owner_id_anonymised_name loses ``version``: persona scores compare revisions
  instead of summing versions over the file.

On SQLite, a later migration that rebuilds ``prospects`` in batch mode drops these triggers
with the search ones: it must create them again (``SQLITE_TRIGGERS``).

Revision ID: 0004_prospect_revisions
Revises: 0003_prospect_list
Create Date: 2026-11-27 16:40:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004_prospect_revisions"
down_revision: str | None = "0003_prospect_list"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_SQLITE_BUMP = (
    "INSERT INTO prospect_files (owner_id, revision) VALUES ({row}.owner_id, 1) "
    "ON CONFLICT (owner_id) DO UPDATE SET revision = revision + 1;"
)
SQLITE_TRIGGERS = [
    f"CREATE TRIGGER prospect_files_{event.lower()} AFTER {event} ON prospects "
    f"WHEN (SELECT paused FROM prospects_search_sync) = 0 BEGIN "
    f"{_SQLITE_BUMP.format(row=row)} END"
    for event, row in (("INSERT", "new"), ("UPDATE", "new"), ("DELETE", "old"))
]

POSTGRESQL_FUNCTION = """
CREATE FUNCTION prospect_files_bump() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF current_setting('capvente.bulk_load', true) = 'on' THEN
        RETURN NULL;
    END IF;
    IF TG_OP = 'DELETE' THEN
        INSERT INTO prospect_files (owner_id, revision)
        SELECT DISTINCT owner_id, 1 FROM changed_old ORDER BY owner_id
        ON CONFLICT (owner_id) DO UPDATE SET revision = prospect_files.revision + 1;
    ELSE
        INSERT INTO prospect_files (owner_id, revision)
        SELECT DISTINCT owner_id, 1 FROM changed_new ORDER BY owner_id
        ON CONFLICT (owner_id) DO UPDATE SET revision = prospect_files.revision + 1;
    END IF;
    RETURN NULL;
END
$$
"""
POSTGRESQL_TRIGGERS = [
    f"CREATE TRIGGER prospect_files_{event.lower()} AFTER {event} ON prospects "
    f"REFERENCING {side} TABLE AS changed_{side.lower()} "
    "FOR EACH STATEMENT EXECUTE FUNCTION prospect_files_bump()"
    for event, side in (("INSERT", "NEW"), ("UPDATE", "NEW"), ("DELETE", "OLD"))
]


def upgrade() -> None:
    op.create_table(
        "prospect_files",
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.Column("revision", sa.BigInteger(), nullable=False),
        sa.ForeignKeyConstraint(
            ["owner_id"],
            ["users.id"],
            name=op.f("fk_prospect_files_owner_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("owner_id", name=op.f("pk_prospect_files")),
    )
    op.execute(
        "INSERT INTO prospect_files (owner_id, revision) "
        "SELECT owner_id, 1 FROM prospects GROUP BY owner_id"
    )
    # Stored scores were stamped the old way: they are recomputed on their next read.
    op.execute("UPDATE persona_scorings SET stamp = ''")
    op.drop_index("ix_prospects_owner_id_anonymised_name", table_name="prospects")
    op.create_index(
        "ix_prospects_owner_id_anonymised_name",
        "prospects",
        ["owner_id", "anonymised", "name", "id"],
        unique=False,
    )
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for statement in SQLITE_TRIGGERS:
            op.execute(statement)
    elif dialect == "postgresql":
        op.execute(POSTGRESQL_FUNCTION)
        for statement in POSTGRESQL_TRIGGERS:
            op.execute(statement)


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    for event in ("insert", "update", "delete"):
        if dialect == "postgresql":
            op.execute(f"DROP TRIGGER IF EXISTS prospect_files_{event} ON prospects")
        else:
            op.execute(f"DROP TRIGGER IF EXISTS prospect_files_{event}")
    if dialect == "postgresql":
        op.execute("DROP FUNCTION IF EXISTS prospect_files_bump()")
    op.execute("UPDATE persona_scorings SET stamp = ''")
    op.drop_index("ix_prospects_owner_id_anonymised_name", table_name="prospects")
    op.create_index(
        "ix_prospects_owner_id_anonymised_name",
        "prospects",
        ["owner_id", "anonymised", "name", "id", "version"],
        unique=False,
    )
    op.drop_table("prospect_files")
