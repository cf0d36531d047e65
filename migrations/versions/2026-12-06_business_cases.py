"""Business cases: the company a trainee sells for, its published versions, who it is
assigned to, and each version's catalogue index (issue 15, docs/design/015-business-case-pac.md).

Revision ID: 0012_business_cases
Revises: 0010_geocoding
Create Date: 2026-12-06 02:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0012_business_cases"
down_revision: str | None = "0010_geocoding"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Frozen here (a migration does not change with the app).
DOCUMENT = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")
STATUSES = ("draft", "published", "archived")


def upgrade() -> None:
    op.create_table(
        "business_cases",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                *STATUSES,
                name="business_case_status",
                native_enum=False,
                create_constraint=True,
                length=17,
            ),
            nullable=False,
        ),
        sa.Column("draft", DOCUMENT, nullable=False),
        sa.Column("published_number", sa.Integer(), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["organisation_id"], ["organisations.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["created_by_id"], ["users.id"], ondelete="SET NULL"),
    )
    op.create_index("ix_business_cases_organisation_id", "business_cases", ["organisation_id"])
    op.create_table(
        "business_case_versions",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("business_case_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("document", DOCUMENT, nullable=False),
        sa.Column("published_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("published_by_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["business_case_id"], ["business_cases.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["published_by_id"], ["users.id"], ondelete="SET NULL"),
        sa.UniqueConstraint("business_case_id", "number"),
    )
    op.create_table(
        "business_case_assignments",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("business_case_id", sa.Integer(), nullable=False),
        sa.Column("cohort_id", sa.Integer(), nullable=True),
        sa.Column("trainee_id", sa.Integer(), nullable=True),
        sa.Column("assigned_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("(cohort_id IS NULL) <> (trainee_id IS NULL)", name="cohort_or_trainee"),
        sa.ForeignKeyConstraint(["business_case_id"], ["business_cases.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["cohort_id"], ["cohorts.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["trainee_id"], ["users.id"], ondelete="CASCADE"),
    )
    op.create_index(
        "ix_business_case_assignments_business_case_id",
        "business_case_assignments",
        ["business_case_id"],
    )
    op.create_index(
        "uq_business_case_assignments_cohort",
        "business_case_assignments",
        ["cohort_id"],
        unique=True,
    )
    op.create_index(
        "uq_business_case_assignments_trainee",
        "business_case_assignments",
        ["trainee_id"],
        unique=True,
    )
    op.create_table(
        "business_case_products",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("version_id", sa.Integer(), nullable=False),
        sa.Column("reference", sa.String(length=40), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("family", sa.String(length=80), nullable=False),
        sa.Column("price_ht", sa.Numeric(12, 2), nullable=False),
        sa.Column("tva_rate", sa.Numeric(4, 2), nullable=False),
        sa.Column("cost_ht", sa.Numeric(12, 2), nullable=False),
        sa.ForeignKeyConstraint(["version_id"], ["business_case_versions.id"], ondelete="CASCADE"),
        sa.UniqueConstraint("version_id", "reference"),
    )
    op.create_index("ix_business_case_products_family", "business_case_products", ["family"])


def downgrade() -> None:
    op.drop_table("business_case_products")
    op.drop_table("business_case_assignments")
    op.drop_table("business_case_versions")
    op.drop_table("business_cases")
