"""Tours: request and response bodies."""

from __future__ import annotations

from datetime import date, datetime, time
from decimal import Decimal

from pydantic import Field

from app.core.schemas import DateTime, Day, Id, InputSchema, LocalTime, Schema
from app.models import TransportMode

KgPerKm = Decimal
MAX_DAYS = 14  # days of one plan
#: A visit's length when the request gives none (an appointment lasts its own duration):
#: the one default of the backend (planning, suggestions, demo tours).
DEFAULT_VISIT_MINUTES = 45


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
    basis: str = Field(default="vehicle", max_length=20, pattern="^(vehicle|passenger|person)$")
    source: str = Field(min_length=3, max_length=300)
    year: int = Field(ge=1990, le=2100)


# ------------------------------------------------------------------ planning input


class PlaceIn(InputSchema):
    """A start or end place: a prospect of the file, coordinates, or (all empty) the
    trainee's base."""

    prospect_id: Id | None = None
    latitude: float | None = Field(default=None, ge=-90, le=90)
    longitude: float | None = Field(default=None, ge=-180, le=180)
    label: str | None = Field(default=None, max_length=200)


class WindowIn(InputSchema):
    """A time window; without an offset, in the centre's time zone."""

    start: DateTime
    end: DateTime


class VisitIn(InputSchema):
    """One visit: a prospect, an appointment (its time is a fixed window) or coordinates."""

    prospect_id: Id | None = None
    appointment_id: Id | None = None
    latitude: float | None = Field(default=None, ge=-90, le=90)
    longitude: float | None = Field(default=None, ge=-180, le=180)
    label: str | None = Field(default=None, max_length=200)
    duration_minutes: int | None = Field(
        default=None,
        ge=0,
        le=600,
        description=f"Défaut : durée du rendez-vous, sinon {DEFAULT_VISIT_MINUTES} min.",
    )
    windows: list[WindowIn] = Field(default_factory=list, max_length=10)
    priority: int = Field(default=3, ge=1, le=5, description="1 (faible) à 5 (forte).")


class LunchIn(InputSchema):
    start: LocalTime = Field(default=time(12, 0), description="Début de la plage de la pause.")
    end: LocalTime = Field(default=time(14, 0), description="Fin de la plage de la pause.")
    duration_minutes: int = Field(default=45, ge=0, le=180)


class DayIn(InputSchema):
    date: Day
    start_time: LocalTime | None = Field(default=None, description="Défaut : work_start.")
    end_time: LocalTime | None = Field(default=None, description="Défaut : work_end.")
    start: PlaceIn | None = Field(default=None, description="Défaut : la base du stagiaire.")
    end: PlaceIn | None = Field(default=None, description="Défaut : le lieu de départ.")


class TourPlanIn(InputSchema):
    name: str | None = Field(default=None, max_length=150)
    mode: TransportMode = TransportMode.CAR
    days: list[DayIn] = Field(min_length=1, max_length=MAX_DAYS)
    visits: list[VisitIn] = Field(
        min_length=1, max_length=1000, description="Au plus CAPVENTE_TOUR_MAX_STOPS (200)."
    )
    work_start: LocalTime = time(8, 30)
    work_end: LocalTime = time(18, 0)
    lunch: LunchIn | None = Field(default_factory=LunchIn)
    max_driving_minutes: int | None = Field(default=None, ge=1, le=24 * 60)


# ------------------------------------------------------------------ planning output


class PlaceOut(Schema):
    label: str
    latitude: float
    longitude: float
    prospect_id: int | None = None


class StopOut(Schema):
    kind: str = Field(description="« visit » ou « break » (pause déjeuner).")
    visit_index: int | None = Field(default=None, description="Rang de la visite dans la demande.")
    prospect_id: int | None = None
    appointment_id: int | None = None
    label: str
    latitude: float | None = None
    longitude: float | None = None
    phone: str | None = Field(
        default=None,
        description="Le téléphone actuel du prospect (E.164), lu à la lecture d'une tournée "
        "enregistrée pour l'appeler d'un geste ; absent d'un calcul non enregistré.",
    )
    arrival: datetime
    start: datetime
    departure: datetime
    leg_km: float
    leg_minutes: float


class Totals(Schema):
    km: float
    driving_minutes: float
    visiting_minutes: float
    co2_kg: float = Field(description="Usage + construction du véhicule (kgCO2e).")
    co2_usage_kg: float | None = Field(description="Part usage seule ; null si non publiée.")


class DayOut(Schema):
    date: date
    start: PlaceOut
    end: PlaceOut
    departure: datetime
    arrival: datetime
    stops: list[StopOut]
    end_leg_km: float
    end_leg_minutes: float
    totals: Totals
    baseline: Totals


class UnassignedOut(Schema):
    visit_index: int
    prospect_id: int | None = None
    appointment_id: int | None = None
    label: str
    reason: str
    message: str


class Savings(Schema):
    km: float
    co2_kg: float
    percent: float


class TourPlanOut(Schema):
    id: int | None = None
    owner_id: int | None = Field(default=None, description="Sa propriétaire, une fois enregistrée.")
    name: str
    mode: TransportMode
    matrix_source: str
    engine: str
    warnings: list[str]
    days: list[DayOut]
    totals: Totals
    baseline: Totals
    savings: Savings
    unassigned: list[UnassignedOut]
    emission_factor: EmissionFactorOut


class TourSummary(Schema):
    id: int
    owner_id: int
    name: str
    mode: TransportMode
    first_day: date
    days_count: int
    matrix_source: str
    total_km: Decimal
    baseline_km: Decimal
    co2_total_kg: Decimal
    visits_planned: int
    visits_unassigned: int
    created_at: datetime
    version: int


class TourBaseIn(InputSchema):
    label: str = Field(min_length=1, max_length=200)
    address: str | None = Field(default=None, max_length=300)
    latitude: float = Field(ge=-90, le=90)
    longitude: float = Field(ge=-180, le=180)


class TourBaseOut(Schema):
    label: str
    address: str | None
    latitude: float
    longitude: float


class MileageIn(InputSchema):
    actual_km: Decimal = Field(ge=0, le=2000, decimal_places=3, description="Km réellement roulés.")


class MileageDayOut(Schema):
    day_index: int
    date: date
    visits: int
    planned_km: Decimal
    actual_km: Decimal | None
    planned_co2_kg: Decimal
    actual_co2_kg: Decimal | None
    planned_km_per_visit: Decimal | None
    actual_km_per_visit: Decimal | None
    planned_co2_kg_per_visit: Decimal | None
    actual_co2_kg_per_visit: Decimal | None
    actual_logged_at: datetime | None


class MileageOut(Schema):
    tour_id: int
    mode: TransportMode
    days: list[MileageDayOut]
    planned_km: Decimal
    actual_km: Decimal | None = Field(description="Null tant qu'un jour n'est pas saisi.")
    planned_co2_kg: Decimal
    actual_co2_kg: Decimal | None


class SuggestionOut(Schema):
    prospect_id: int
    name: str
    priority: str = Field(description="Priorité ABC du prospect.")
    potential: Decimal | None
    day_index: int
    date: date
    insert_position: int = Field(description="Rang parmi les visites du jour (0 : la première).")
    after: str = Field(description="Le lieu juste avant (départ ou visite).")
    extra_km: float
    extra_minutes: float = Field(description="Conduite en plus, en minutes.")
    extra_co2_kg: float
    day_end: datetime = Field(description="Retour en fin de journée avec ce prospect en plus.")
