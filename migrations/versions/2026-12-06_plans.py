"""The commercial action plan (PAC): plans, objectives and their decomposition, planned
actions and what each brings to an objective; campaigns and tours link to an action (issue 15).

Revision ID: 0014_plans
Revises: 0013_agenda
Create Date: 2026-12-06 02:37:30.867228
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0014_plans"
down_revision: str | None = "0013_agenda"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "plans",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("business_case_version_id", sa.Integer(), nullable=False),
        sa.Column(
            "period_kind",
            sa.Enum(
                "month",
                "quarter",
                "year",
                name="plan_period_kind",
                native_enum=False,
                create_constraint=True,
                length=15,
            ),
            nullable=False,
        ),
        sa.Column("starts_on", sa.Date(), nullable=False),
        sa.Column("ends_on", sa.Date(), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "draft",
                "submitted",
                "validated",
                "returned",
                name="plan_status",
                native_enum=False,
                create_constraint=True,
                length=17,
            ),
            nullable=False,
        ),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("revision_of_id", sa.Integer(), nullable=True),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("submitted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("decided_by_id", sa.Integer(), nullable=True),
        sa.Column("decision_comment", sa.Text(), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["business_case_version_id"],
            ["business_case_versions.id"],
            name=op.f("fk_plans_business_case_version_id_business_case_versions"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["decided_by_id"],
            ["users.id"],
            name=op.f("fk_plans_decided_by_id_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["owner_id"], ["users.id"], name=op.f("fk_plans_owner_id_users"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["revision_of_id"],
            ["plans.id"],
            name=op.f("fk_plans_revision_of_id_plans"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_plans")),
    )
    with op.batch_alter_table("plans", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_plans_business_case_version_id"),
            ["business_case_version_id"],
            unique=False,
        )
        batch_op.create_index(batch_op.f("ix_plans_owner_id"), ["owner_id"], unique=False)
        batch_op.create_index(
            "ix_plans_owner_id_starts_on", ["owner_id", "starts_on"], unique=False
        )

    op.create_table(
        "plan_actions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "campaign",
                "phoning",
                "mailing",
                "tour",
                "fair",
                "loyalty_relaunch",
                "watch_session",
                name="plan_action_kind",
                native_enum=False,
                create_constraint=True,
                length=24,
            ),
            nullable=False,
        ),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("starts_on", sa.Date(), nullable=False),
        sa.Column("ends_on", sa.Date(), nullable=False),
        sa.Column("segment_code", sa.String(length=60), nullable=True),
        sa.Column("hours", sa.Numeric(precision=8, scale=2), nullable=False),
        sa.Column("budget", sa.Numeric(precision=12, scale=2), nullable=False),
        sa.Column("km", sa.Numeric(precision=10, scale=1), nullable=False),
        sa.Column("discount_pct", sa.Numeric(precision=5, scale=2), nullable=True),
        sa.Column("product_family", sa.String(length=60), nullable=True),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["owner_id"],
            ["users.id"],
            name=op.f("fk_plan_actions_owner_id_users"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["plan_id"],
            ["plans.id"],
            name=op.f("fk_plan_actions_plan_id_plans"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_plan_actions")),
    )
    with op.batch_alter_table("plan_actions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_plan_actions_owner_id"), ["owner_id"], unique=False)
        batch_op.create_index("ix_plan_actions_plan_id", ["plan_id"], unique=False)

    op.create_table(
        "plan_objectives",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("parent_id", sa.Integer(), nullable=True),
        sa.Column("metric_code", sa.String(length=60), nullable=True),
        sa.Column("label", sa.String(length=200), nullable=False),
        sa.Column("target", sa.Numeric(precision=14, scale=2), nullable=True),
        sa.Column("success_criterion", sa.Text(), nullable=False),
        sa.Column("weight", sa.Integer(), nullable=False),
        sa.Column(
            "dimension",
            sa.Enum(
                "month",
                "week",
                "segment",
                "family",
                name="split_dimension",
                native_enum=False,
                create_constraint=True,
                length=15,
            ),
            nullable=True,
        ),
        sa.Column("slice_key", sa.String(length=60), nullable=True),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["owner_id"],
            ["users.id"],
            name=op.f("fk_plan_objectives_owner_id_users"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["parent_id"],
            ["plan_objectives.id"],
            name=op.f("fk_plan_objectives_parent_id_plan_objectives"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["plan_id"],
            ["plans.id"],
            name=op.f("fk_plan_objectives_plan_id_plans"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_plan_objectives")),
        sa.UniqueConstraint(
            "plan_id",
            "parent_id",
            "dimension",
            "slice_key",
            name=op.f("uq_plan_objectives_plan_id_parent_id_dimension_slice_key"),
        ),
    )
    with op.batch_alter_table("plan_objectives", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_plan_objectives_owner_id"), ["owner_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_plan_objectives_parent_id"), ["parent_id"], unique=False
        )
        batch_op.create_index("ix_plan_objectives_plan_id", ["plan_id"], unique=False)

    op.create_table(
        "plan_action_objectives",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("action_id", sa.Integer(), nullable=False),
        sa.Column("objective_id", sa.Integer(), nullable=False),
        sa.Column("expected", sa.Numeric(precision=14, scale=2), nullable=True),
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["action_id"],
            ["plan_actions.id"],
            name=op.f("fk_plan_action_objectives_action_id_plan_actions"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["objective_id"],
            ["plan_objectives.id"],
            name=op.f("fk_plan_action_objectives_objective_id_plan_objectives"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["owner_id"],
            ["users.id"],
            name=op.f("fk_plan_action_objectives_owner_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_plan_action_objectives")),
        sa.UniqueConstraint(
            "action_id",
            "objective_id",
            name=op.f("uq_plan_action_objectives_action_id_objective_id"),
        ),
    )
    with op.batch_alter_table("plan_action_objectives", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_plan_action_objectives_objective_id"), ["objective_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_plan_action_objectives_owner_id"), ["owner_id"], unique=False
        )

    with op.batch_alter_table("campaigns", schema=None) as batch_op:
        batch_op.add_column(sa.Column("plan_action_id", sa.Integer(), nullable=True))
        batch_op.create_index(
            batch_op.f("ix_campaigns_plan_action_id"), ["plan_action_id"], unique=False
        )
        batch_op.create_foreign_key(
            batch_op.f("fk_campaigns_plan_action_id_plan_actions"),
            "plan_actions",
            ["plan_action_id"],
            ["id"],
            ondelete="SET NULL",
        )

    with op.batch_alter_table("tours", schema=None) as batch_op:
        batch_op.add_column(sa.Column("plan_action_id", sa.Integer(), nullable=True))
        batch_op.create_index(
            batch_op.f("ix_tours_plan_action_id"), ["plan_action_id"], unique=False
        )
        batch_op.create_foreign_key(
            batch_op.f("fk_tours_plan_action_id_plan_actions"),
            "plan_actions",
            ["plan_action_id"],
            ["id"],
            ondelete="SET NULL",
        )


def downgrade() -> None:
    with op.batch_alter_table("tours", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_tours_plan_action_id_plan_actions"), type_="foreignkey"
        )
        batch_op.drop_index(batch_op.f("ix_tours_plan_action_id"))
        batch_op.drop_column("plan_action_id")

    with op.batch_alter_table("campaigns", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_campaigns_plan_action_id_plan_actions"), type_="foreignkey"
        )
        batch_op.drop_index(batch_op.f("ix_campaigns_plan_action_id"))
        batch_op.drop_column("plan_action_id")

    with op.batch_alter_table("plan_action_objectives", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_plan_action_objectives_owner_id"))
        batch_op.drop_index(batch_op.f("ix_plan_action_objectives_objective_id"))

    op.drop_table("plan_action_objectives")
    with op.batch_alter_table("plan_objectives", schema=None) as batch_op:
        batch_op.drop_index("ix_plan_objectives_plan_id")
        batch_op.drop_index(batch_op.f("ix_plan_objectives_parent_id"))
        batch_op.drop_index(batch_op.f("ix_plan_objectives_owner_id"))

    op.drop_table("plan_objectives")
    with op.batch_alter_table("plan_actions", schema=None) as batch_op:
        batch_op.drop_index("ix_plan_actions_plan_id")
        batch_op.drop_index(batch_op.f("ix_plan_actions_owner_id"))

    op.drop_table("plan_actions")
    with op.batch_alter_table("plans", schema=None) as batch_op:
        batch_op.drop_index("ix_plans_owner_id_starts_on")
        batch_op.drop_index(batch_op.f("ix_plans_owner_id"))
        batch_op.drop_index(batch_op.f("ix_plans_business_case_version_id"))

    op.drop_table("plans")
