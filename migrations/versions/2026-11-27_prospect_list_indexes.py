"""Prospect list at 100,000 records, and an import whose commit does not validate again.

- prospects: an `anonymised` flag (set with anonymised_at), indexes led by (owner_id,
  anonymised) (the FK's own index goes), a folded sector key, and a substring index for the
  text search (SQLite FTS5 trigram table kept in step by triggers; PostgreSQL pg_trgm GIN);
- import_files.validated_rows: the dry-run's validated rows, read by the commit.

The text-search objects are not in the models' metadata (see
``app.models.prospects.SEARCH_INDEX_OBJECTS``). On SQLite, a later migration that rebuilds
``prospects`` in batch mode (copy and rename) drops the triggers: it must create them again
(``create_sqlite_search`` below, without its table creations) and rebuild the index.

Revision ID: 0003_prospect_list
Revises: 0002_prospects
Create Date: 2026-11-27 13:20:00
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003_prospect_list"
down_revision: str | None = "0002_prospects"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

NEW_INDEXES = {
    "ix_prospects_owner_id_anonymised_name": [
        "owner_id",
        "anonymised",
        "name",
        "id",
        "version",
    ],
    "ix_prospects_owner_id_anonymised_status": [
        "owner_id",
        "anonymised",
        "status",
        "sector_key",
    ],
    "ix_prospects_owner_id_anonymised_next_contact_on": [
        "owner_id",
        "anonymised",
        "next_contact_on",
    ],
    "ix_prospects_owner_id_anonymised_potential": ["owner_id", "anonymised", "potential"],
    "ix_prospects_owner_id_anonymised_latitude": [
        "owner_id",
        "anonymised",
        "latitude",
        "longitude",
    ],
    "ix_prospects_owner_id_anonymised_targeting": [
        "owner_id",
        "anonymised",
        "sector_key",
        "kind",
        "size_band",
        "postcode",
        "potential",
        "latitude",
        "longitude",
    ],
}
OLD_INDEXES = {
    # Every new index starts with owner_id: the FK's own index is redundant.
    "ix_prospects_owner_id": ["owner_id"],
    "ix_prospects_owner_id_status": ["owner_id", "status"],
    "ix_prospects_owner_id_name": ["owner_id", "name"],
    "ix_prospects_owner_id_next_contact_on": ["owner_id", "next_contact_on"],
}

SQLITE_SEARCH = [
    # External-content FTS5 table: the index only, the text stays in prospects.search_text.
    "CREATE VIRTUAL TABLE prospects_search USING fts5("
    "search_text, content='prospects', content_rowid='id', tokenize='trigram')",
    # Bulk loads (the import) pause the insert trigger inside their own transaction and
    # index their rows in one statement (now app.prospects.imports.loading): a trigger
    # costs an FTS5 statement per row, which halved the import's throughput.
    "CREATE TABLE prospects_search_sync (paused INTEGER NOT NULL)",
    "INSERT INTO prospects_search_sync (paused) VALUES (0)",
    "CREATE TRIGGER prospects_search_insert AFTER INSERT ON prospects "
    "WHEN (SELECT paused FROM prospects_search_sync) = 0 BEGIN "
    "INSERT INTO prospects_search(rowid, search_text) VALUES (new.id, new.search_text); END",
    "CREATE TRIGGER prospects_search_delete AFTER DELETE ON prospects BEGIN "
    "INSERT INTO prospects_search(prospects_search, rowid, search_text) "
    "VALUES ('delete', old.id, old.search_text); END",
    "CREATE TRIGGER prospects_search_update AFTER UPDATE OF search_text ON prospects BEGIN "
    "INSERT INTO prospects_search(prospects_search, rowid, search_text) "
    "VALUES ('delete', old.id, old.search_text); "
    "INSERT INTO prospects_search(rowid, search_text) VALUES (new.id, new.search_text); END",
    "INSERT INTO prospects_search(prospects_search) VALUES ('rebuild')",
]


def create_sqlite_search() -> None:
    for statement in SQLITE_SEARCH:
        op.execute(statement)


def _fold(text: str) -> str:
    """app.prospects.validation.fold as of this revision (migrations keep their own copy)."""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.lower().split())


def upgrade() -> None:
    op.create_table(
        "persona_matches",
        sa.Column("persona_id", sa.Integer(), nullable=False),
        sa.Column("prospect_id", sa.Integer(), nullable=False),
        sa.Column("score", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["persona_id"],
            ["personas.id"],
            name=op.f("fk_persona_matches_persona_id_personas"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["prospect_id"],
            ["prospects.id"],
            name=op.f("fk_persona_matches_prospect_id_prospects"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("persona_id", "prospect_id", name=op.f("pk_persona_matches")),
    )
    op.create_index(
        "ix_persona_matches_persona_id_score",
        "persona_matches",
        ["persona_id", "score", "prospect_id"],
        unique=False,
    )
    op.create_index(
        op.f("ix_persona_matches_prospect_id"), "persona_matches", ["prospect_id"], unique=False
    )
    op.create_table(
        "persona_scorings",
        sa.Column("persona_id", sa.Integer(), nullable=False),
        sa.Column("stamp", sa.String(length=100), nullable=False),
        sa.Column("computed_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["persona_id"],
            ["personas.id"],
            name=op.f("fk_persona_scorings_persona_id_personas"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("persona_id", name=op.f("pk_persona_scorings")),
    )
    op.add_column("import_files", sa.Column("validated_rows", sa.LargeBinary(), nullable=True))
    op.add_column("prospects", sa.Column("sector_key", sa.String(length=100), nullable=True))
    op.add_column(
        "prospects",
        sa.Column("anonymised", sa.Boolean(), server_default=sa.false(), nullable=False),
    )
    op.execute("UPDATE prospects SET anonymised = (anonymised_at IS NOT NULL)")
    bind = op.get_bind()
    prospects = sa.table("prospects", sa.column("sector"), sa.column("sector_key"))
    sectors = bind.execute(
        sa.select(prospects.c.sector).where(prospects.c.sector.is_not(None)).distinct()
    ).scalars()
    for sector in list(sectors):
        bind.execute(
            prospects.update()
            .where(prospects.c.sector == sector)
            .values(sector_key=_fold(sector) or None)
        )
    for name in OLD_INDEXES:
        op.drop_index(name, table_name="prospects")
    for name, columns in NEW_INDEXES.items():
        op.create_index(name, "prospects", columns, unique=False)
    if bind.dialect.name == "sqlite":
        create_sqlite_search()
    elif bind.dialect.name == "postgresql":
        # pg_trgm is a trusted extension (PostgreSQL 13+): a database owner may create it.
        op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        op.execute(
            "CREATE INDEX ix_prospects_search_text_trgm ON prospects "
            "USING gin (search_text gin_trgm_ops)"
        )


def downgrade() -> None:
    op.drop_table("persona_scorings")
    op.drop_index(op.f("ix_persona_matches_prospect_id"), table_name="persona_matches")
    op.drop_index("ix_persona_matches_persona_id_score", table_name="persona_matches")
    op.drop_table("persona_matches")
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        for trigger in ("insert", "delete", "update"):
            op.execute(f"DROP TRIGGER IF EXISTS prospects_search_{trigger}")
        op.execute("DROP TABLE IF EXISTS prospects_search")
        op.execute("DROP TABLE IF EXISTS prospects_search_sync")
    elif bind.dialect.name == "postgresql":
        op.execute("DROP INDEX IF EXISTS ix_prospects_search_text_trgm")
    for name in NEW_INDEXES:
        op.drop_index(name, table_name="prospects")
    for name, columns in OLD_INDEXES.items():
        op.create_index(name, "prospects", columns, unique=False)
    with op.batch_alter_table("prospects", schema=None) as batch_op:
        batch_op.drop_column("anonymised")
        batch_op.drop_column("sector_key")
    with op.batch_alter_table("import_files", schema=None) as batch_op:
        batch_op.drop_column("validated_rows")
