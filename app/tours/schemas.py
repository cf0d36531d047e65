"""Tours: request and response bodies."""

from __future__ import annotations

from decimal import Decimal

from pydantic import Field

from app.core.schemas import InputSchema, Schema
from app.models import TransportMode

KgPerKm = Decimal


class EmissionFactorOut(Schema):
    mode: TransportMode
    label: str
    usage_kg_per_km: KgPerKm | None = Field(
        description="Part « usage » (carburant ou électricité), kgCO2e/km ; null quand la "
        "source ne publie que le total."
    )
    construction_kg_per_km: KgPerKm | None
    total_kg_per_km: KgPerKm = Field(description="Usage + construction du véhicule, kgCO2e/km.")
    basis: str = Field(description="Par véhicule, par passager ou par personne.")
    source: str
    year: int
    overridden: bool = Field(
        default=False, description="Vrai quand l'organisation a remplacé la valeur de référence."
    )
    reference_total_kg_per_km: KgPerKm | None = None


class EmissionFactorSet(InputSchema):
    """An organisation's own factor for one mode."""

    label: str | None = Field(default=None, max_length=100)
    usage_kg_per_km: KgPerKm | None = Field(default=None, ge=0, le=5, decimal_places=4)
    construction_kg_per_km: KgPerKm | None = Field(default=None, ge=0, le=5, decimal_places=4)
    total_kg_per_km: KgPerKm = Field(ge=0, le=5, decimal_places=4)
    basis: str = Field(default="vehicle", pattern="^(vehicle|passenger|person)$")
    source: str = Field(min_length=3, max_length=300)
    year: int = Field(ge=1990, le=2100)
