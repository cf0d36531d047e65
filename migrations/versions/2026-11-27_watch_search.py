"""Watch search: a folded search key on items (title, summary, tags, notes), so that the
text search finds « securite » in « Sécurité »; saved searches (watch_searches).

Revision ID: 0008_watch_search
Revises: 0007_watch
Create Date: 2026-11-27 19:05:00
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op

revision: str = "0008_watch_search"
down_revision: str | None = "0007_watch"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

BATCH = 1000


def _fold(text: str) -> str:
    # A copy of app.common.text.fold as it is today: a migration must not change with the app.
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.lower().split())


def _parts(row: Any) -> list[str]:
    return [row.title or "", row.summary or "", *(row.tags or []), row.notes or ""]


def upgrade() -> None:
    op.create_table(
        "watch_searches",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("q", sa.String(length=200), nullable=True),
        sa.Column(
            "topic",
            sa.Enum(
                "competitor",
                "market",
                "offer",
                "customer_behaviour",
                "regulation",
                "sales_tools",
                name="topic",
                native_enum=False,
                create_constraint=True,
                length=26,
            ),
            nullable=True,
        ),
        sa.Column("source_id", sa.Integer(), nullable=True),
        sa.Column("competitor_id", sa.Integer(), nullable=True),
        sa.Column(
            "classification",
            sa.Enum(
                "fact",
                "opinion",
                name="classification",
                native_enum=False,
                create_constraint=True,
                length=15,
            ),
            nullable=True,
        ),
        sa.Column("starred", sa.Boolean(), nullable=True),
        sa.Column("unread", sa.Boolean(), nullable=False),
        sa.Column("last_seen_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["competitor_id"],
            ["competitors.id"],
            name=op.f("fk_watch_searches_competitor_id_competitors"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["owner_id"],
            ["users.id"],
            name=op.f("fk_watch_searches_owner_id_users"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["source_id"],
            ["watch_sources.id"],
            name=op.f("fk_watch_searches_source_id_watch_sources"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_watch_searches")),
    )
    with op.batch_alter_table("watch_searches", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_watch_searches_owner_id"), ["owner_id"], unique=False)
    op.add_column(
        "watch_items", sa.Column("search_text", sa.Text(), server_default="", nullable=False)
    )
    items = sa.table(
        "watch_items",
        sa.column("id", sa.Integer()),
        sa.column("title", sa.String()),
        sa.column("summary", sa.Text()),
        sa.column("tags", sa.JSON()),
        sa.column("notes", sa.Text()),
        sa.column("search_text", sa.Text()),
    )
    connection = op.get_bind()
    last = 0
    while True:
        rows: list[Any] = list(
            connection.execute(
                sa.select(items.c.id, items.c.title, items.c.summary, items.c.tags, items.c.notes)
                .where(items.c.id > last)
                .order_by(items.c.id)
                .limit(BATCH)
            )
        )
        if not rows:
            break
        connection.execute(
            sa.update(items).where(items.c.id == sa.bindparam("item_id")),
            [
                {
                    "item_id": row.id,
                    "search_text": _fold(" ".join(_parts(row))),
                }
                for row in rows
            ],
        )
        last = rows[-1].id


def downgrade() -> None:
    with op.batch_alter_table("watch_searches", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_watch_searches_owner_id"))
    op.drop_table("watch_searches")
    with op.batch_alter_table("watch_items") as batch:
        batch.drop_column("search_text")
