"""Tours: trainees' base places, saved tours (request and plan as JSON, totals in columns)
and their days (planned and actual km, the mileage log).

Revision ID: 0006_tours
Revises: 0005_emission_factors
Create Date: 2026-11-27 17:14:46.849991
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006_tours"
down_revision: str | None = "0005_emission_factors"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "tour_bases",
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.Column("label", sa.String(length=200), nullable=False),
        sa.Column("address", sa.String(length=300), nullable=True),
        sa.Column("latitude", sa.Float(), nullable=False),
        sa.Column("longitude", sa.Float(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["owner_id"],
            ["users.id"],
            name=op.f("fk_tour_bases_owner_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("owner_id", name=op.f("pk_tour_bases")),
    )
    op.create_table(
        "tours",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=150), nullable=False),
        sa.Column(
            "mode",
            sa.Enum(
                "car",
                "petrol_car",
                "diesel_car",
                "hybrid_car",
                "electric_car",
                "public_transport",
                "bike",
                name="mode",
                native_enum=False,
                create_constraint=True,
                length=24,
            ),
            nullable=False,
        ),
        sa.Column("first_day", sa.Date(), nullable=False),
        sa.Column("days_count", sa.Integer(), nullable=False),
        sa.Column("request", sa.JSON(), nullable=False),
        sa.Column("plan", sa.JSON(), nullable=False),
        sa.Column("matrix_source", sa.String(length=30), nullable=False),
        sa.Column("total_km", sa.Numeric(precision=10, scale=3), nullable=False),
        sa.Column("baseline_km", sa.Numeric(precision=10, scale=3), nullable=False),
        sa.Column("co2_total_kg", sa.Numeric(precision=10, scale=3), nullable=False),
        sa.Column("visits_planned", sa.Integer(), nullable=False),
        sa.Column("visits_unassigned", sa.Integer(), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["owner_id"], ["users.id"], name=op.f("fk_tours_owner_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_tours")),
    )
    with op.batch_alter_table("tours", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_tours_owner_id"), ["owner_id"], unique=False)
        batch_op.create_index(
            "ix_tours_owner_id_first_day", ["owner_id", "first_day"], unique=False
        )

    op.create_table(
        "tour_days",
        sa.Column("tour_id", sa.Integer(), nullable=False),
        sa.Column("day_index", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("planned_km", sa.Numeric(precision=10, scale=3), nullable=False),
        sa.Column("visits", sa.Integer(), nullable=False),
        sa.Column("actual_km", sa.Numeric(precision=10, scale=3), nullable=True),
        sa.Column("actual_logged_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["tour_id"], ["tours.id"], name=op.f("fk_tour_days_tour_id_tours"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("tour_id", "day_index", name=op.f("pk_tour_days")),
    )


def downgrade() -> None:
    op.drop_table("tour_days")
    with op.batch_alter_table("tours", schema=None) as batch_op:
        batch_op.drop_index("ix_tours_owner_id_first_day")
        batch_op.drop_index(batch_op.f("ix_tours_owner_id"))

    op.drop_table("tours")
    op.drop_table("tour_bases")
