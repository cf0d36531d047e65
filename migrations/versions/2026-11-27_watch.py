"""The professional watch (CP1): competitors, watch sources (with their fetch state and
refresh lease) and watch items (deduplicated per source).

Revision ID: 0007_watch
Revises: 0006_tours
Create Date: 2026-11-27 17:56:54.459180
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007_watch"
down_revision: str | None = "0006_tours"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "competitors",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("website", sa.String(length=500), nullable=True),
        sa.Column(
            "price_level",
            sa.Enum(
                "low",
                "medium",
                "high",
                "premium",
                name="price_level",
                native_enum=False,
                create_constraint=True,
                length=15,
            ),
            nullable=True,
        ),
        sa.Column("quality", sa.Text(), nullable=False),
        sa.Column("channels", sa.JSON(), nullable=False),
        sa.Column("target_customers", sa.Text(), nullable=False),
        sa.Column("offers", sa.Text(), nullable=False),
        sa.Column("strengths", sa.Text(), nullable=False),
        sa.Column("weaknesses", sa.Text(), nullable=False),
        sa.Column("differentiation", sa.Text(), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["owner_id"],
            ["users.id"],
            name=op.f("fk_competitors_owner_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_competitors")),
    )
    with op.batch_alter_table("competitors", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_competitors_owner_id"), ["owner_id"], unique=False)

    op.create_table(
        "watch_sources",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "rss",
                "atom",
                "web_page",
                "review_site",
                "social_account",
                "newsletter",
                "influencer",
                "regulation",
                "trade_fair",
                name="kind",
                native_enum=False,
                create_constraint=True,
                length=22,
            ),
            nullable=False,
        ),
        sa.Column("url", sa.String(length=1000), nullable=True),
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
            nullable=False,
        ),
        sa.Column("competitor_id", sa.Integer(), nullable=True),
        sa.Column(
            "cadence",
            sa.Enum(
                "daily",
                "weekly",
                "monthly",
                name="cadence",
                native_enum=False,
                create_constraint=True,
                length=15,
            ),
            nullable=False,
        ),
        sa.Column("reliability", sa.Integer(), nullable=False),
        sa.Column("reliability_reason", sa.Text(), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "ok",
                "error",
                "paused",
                name="status",
                native_enum=False,
                create_constraint=True,
                length=14,
            ),
            nullable=False,
        ),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.Column("last_fetched_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("next_due_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("etag", sa.String(length=300), nullable=True),
        sa.Column("last_modified", sa.String(length=100), nullable=True),
        sa.Column("page_hash", sa.String(length=64), nullable=True),
        sa.Column("lease_owner", sa.String(length=100), nullable=True),
        sa.Column("lease_until", sa.DateTime(timezone=True), nullable=True),
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["competitor_id"],
            ["competitors.id"],
            name=op.f("fk_watch_sources_competitor_id_competitors"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["owner_id"],
            ["users.id"],
            name=op.f("fk_watch_sources_owner_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_watch_sources")),
    )
    with op.batch_alter_table("watch_sources", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_watch_sources_competitor_id"), ["competitor_id"], unique=False
        )
        batch_op.create_index("ix_watch_sources_due", ["status", "next_due_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_watch_sources_owner_id"), ["owner_id"], unique=False)

    op.create_table(
        "watch_items",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("source_id", sa.Integer(), nullable=True),
        sa.Column("dedup_key", sa.String(length=700), nullable=False),
        sa.Column("title", sa.String(length=500), nullable=False),
        sa.Column("link", sa.String(length=1000), nullable=True),
        sa.Column("published_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("summary", sa.Text(), nullable=False),
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
            nullable=False,
        ),
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
        sa.Column(
            "suggested_classification",
            sa.Enum(
                "fact",
                "opinion",
                name="suggested_classification",
                native_enum=False,
                create_constraint=True,
                length=15,
            ),
            nullable=True,
        ),
        sa.Column("suggestion_reasons", sa.JSON(), nullable=False),
        sa.Column("rating", sa.Integer(), nullable=True),
        sa.Column(
            "sentiment",
            sa.Enum(
                "positive",
                "neutral",
                "negative",
                name="sentiment",
                native_enum=False,
                create_constraint=True,
                length=16,
            ),
            nullable=True,
        ),
        sa.Column("relevance", sa.Integer(), nullable=True),
        sa.Column("is_read", sa.Boolean(), nullable=False),
        sa.Column("starred", sa.Boolean(), nullable=False),
        sa.Column("tags", sa.JSON(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("competitor_id", sa.Integer(), nullable=True),
        sa.Column("prospect_id", sa.Integer(), nullable=True),
        sa.Column("shared", sa.Boolean(), nullable=False),
        sa.Column("extra", sa.JSON(), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["competitor_id"],
            ["competitors.id"],
            name=op.f("fk_watch_items_competitor_id_competitors"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["owner_id"],
            ["users.id"],
            name=op.f("fk_watch_items_owner_id_users"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["prospect_id"],
            ["prospects.id"],
            name=op.f("fk_watch_items_prospect_id_prospects"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["source_id"],
            ["watch_sources.id"],
            name=op.f("fk_watch_items_source_id_watch_sources"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_watch_items")),
        sa.UniqueConstraint(
            "source_id", "dedup_key", name=op.f("uq_watch_items_source_id_dedup_key")
        ),
    )
    with op.batch_alter_table("watch_items", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_watch_items_competitor_id"), ["competitor_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_watch_items_owner_id"), ["owner_id"], unique=False)
        batch_op.create_index(
            "ix_watch_items_owner_id_published_at", ["owner_id", "published_at"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_watch_items_prospect_id"), ["prospect_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("watch_items", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_watch_items_prospect_id"))
        batch_op.drop_index("ix_watch_items_owner_id_published_at")
        batch_op.drop_index(batch_op.f("ix_watch_items_owner_id"))
        batch_op.drop_index(batch_op.f("ix_watch_items_competitor_id"))

    op.drop_table("watch_items")
    with op.batch_alter_table("watch_sources", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_watch_sources_owner_id"))
        batch_op.drop_index("ix_watch_sources_due")
        batch_op.drop_index(batch_op.f("ix_watch_sources_competitor_id"))

    op.drop_table("watch_sources")
    with op.batch_alter_table("competitors", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_competitors_owner_id"))

    op.drop_table("competitors")
