"""Agenda: tasks (to-dos with a due date, a reminder and a link to a record) and calendar
feeds (secret iCalendar URLs, kept as the SHA-256 of their token) (issue 15,
docs/design/015-business-case-pac.md, "Agenda and tasks").

Revision ID: 0013_agenda
Revises: 0012_business_cases
Create Date: 2026-12-06 06:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0013_agenda"
down_revision: str | None = "0012_business_cases"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Frozen here (a migration does not change with the app). No CHECK constraint on the link's
# kind: a later domain adds its kind without a migration.
LINK_KINDS = ("prospect", "appointment", "campaign", "tour", "watch_item", "plan_action")


def upgrade() -> None:
    op.create_table(
        "tasks",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=False),
        sa.Column("due_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("reminder_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("done_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column(
            "link_kind",
            sa.Enum(
                *LINK_KINDS, name="link_kind", native_enum=False, create_constraint=False, length=40
            ),
            nullable=True,
        ),
        sa.Column("link_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.CheckConstraint("(link_kind IS NULL) = (link_id IS NULL)", name="link_whole"),
        sa.ForeignKeyConstraint(["owner_id"], ["users.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["organisation_id"], ["organisations.id"], ondelete="CASCADE"),
    )
    op.create_index("ix_tasks_owner_id", "tasks", ["owner_id"])
    op.create_index("ix_tasks_organisation_id", "tasks", ["organisation_id"])
    op.create_index("ix_tasks_owner_id_due_on", "tasks", ["owner_id", "due_on", "id"])
    op.create_table(
        "calendar_feeds",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.Column("label", sa.String(length=100), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_fetched_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["owner_id"], ["users.id"], ondelete="CASCADE"),
        sa.UniqueConstraint("token_hash"),
    )
    op.create_index("ix_calendar_feeds_owner_id", "calendar_feeds", ["owner_id"])


def downgrade() -> None:
    op.drop_table("calendar_feeds")
    op.drop_table("tasks")
