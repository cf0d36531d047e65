"""Emission factors of travel, with the reference values (ADEME Impact CO2).

Values (kgCO2e per km; usage + construction = total) from ADEME's Impact CO2 data
(incubateur-ademe/impactco2, ``deplacement`` category, 2026 values; cars from ADEME's 2025
car-footprint model), as summarised in the project's domain notes §5. The compact petrol car
is published as a total only. Organisations may override any mode (rows with their id).

Revision ID: 0005_emission_factors
Revises: 0004_prospect_revisions
Create Date: 2026-11-27 17:25:00
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from decimal import Decimal

import sqlalchemy as sa
from alembic import op

revision: str = "0005_emission_factors"
down_revision: str | None = "0004_prospect_revisions"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

CARS = "ADEME, Impact CO2 — modèle d'empreinte des voitures 2025"
TRAVEL = "ADEME, Impact CO2 — catégorie déplacement, valeurs 2026"

# mode, label, usage, construction, total, basis, source, year
REFERENCE = [
    ("car", "Voiture thermique (citadine polyvalente diesel)", "0.1106", "0.0317", "0.142",
     "vehicle", CARS, 2025),
    ("diesel_car", "Voiture diesel (compacte)", "0.1106", "0.0317", "0.142", "vehicle", CARS,
     2025),
    ("petrol_car", "Voiture essence (compacte)", None, None, "0.170", "vehicle", CARS, 2025),
    ("hybrid_car", "Voiture hybride (non rechargeable)", "0.1134", "0.0332", "0.147", "vehicle",
     CARS, 2025),
    ("electric_car", "Voiture électrique", "0.0121", "0.0553", "0.067", "vehicle", CARS, 2025),
    ("public_transport", "Transports en commun (bus thermique)", "0.1135", "0.0089", "0.122",
     "passenger", TRAVEL, 2026),
    ("bike", "Vélo à assistance électrique", "0.0022", "0.0087", "0.011", "person", TRAVEL,
     2026),
]  # fmt: skip

MODES = ("car", "petrol_car", "diesel_car", "hybrid_car", "electric_car", "public_transport",
         "bike")  # fmt: skip


def upgrade() -> None:
    table = op.create_table(
        "emission_factors",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=True),
        sa.Column(
            "mode",
            sa.Enum(*MODES, name="mode", native_enum=False, create_constraint=True, length=24),
            nullable=False,
        ),
        sa.Column("label", sa.String(length=100), nullable=False),
        sa.Column("usage_kg_per_km", sa.Numeric(precision=8, scale=4), nullable=True),
        sa.Column("construction_kg_per_km", sa.Numeric(precision=8, scale=4), nullable=True),
        sa.Column("total_kg_per_km", sa.Numeric(precision=8, scale=4), nullable=False),
        sa.Column("basis", sa.String(length=20), nullable=False),
        sa.Column("source", sa.String(length=300), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisations.id"],
            name=op.f("fk_emission_factors_organisation_id_organisations"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_emission_factors")),
        sa.UniqueConstraint(
            "organisation_id", "mode", name=op.f("uq_emission_factors_organisation_id_mode")
        ),
    )
    op.create_index(
        op.f("ix_emission_factors_organisation_id"),
        "emission_factors",
        ["organisation_id"],
        unique=False,
    )
    now = datetime.now(UTC)
    op.bulk_insert(
        table,
        [
            {
                "organisation_id": None,
                "mode": mode,
                "label": label,
                "usage_kg_per_km": None if usage is None else Decimal(usage),
                "construction_kg_per_km": None if construction is None else Decimal(construction),
                "total_kg_per_km": Decimal(total),
                "basis": basis,
                "source": source,
                "year": year,
                "created_at": now,
                "updated_at": now,
                "version": 1,
            }
            for mode, label, usage, construction, total, basis, source, year in REFERENCE
        ],
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_emission_factors_organisation_id"), table_name="emission_factors")
    op.drop_table("emission_factors")
