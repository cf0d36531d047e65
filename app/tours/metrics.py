"""The tours' metrics (app/metrics/README.md): visits planned, kilometres planned and driven,
and their CO2.

Every figure is read from the days of the saved tours (``tour_days``) whose date is in the
period: the planned kilometres and visits of each day, and the kilometres the trainee logged
for it (the mileage log, ``actual_km``; a day not logged yet drove nothing so far). CO2 is
each day's kilometres times the emission factor of its tour's mode in the owner's
organisation, by the mileage log's own code (``emissions.effective_factors``, ``co2_of``).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.metrics.registry import Key, MetricDef, MetricKind, Period, Rows, register, summed
from app.models import Tour, TourDay, User
from app.tours import emissions

Owners = Sequence[int]
KM = Decimal("0.001")


def _days(owners: Owners, period: Period, value: Any, *columns: Any) -> Rows:
    """The tour days of ``owners`` in ``period``: owner, slice, ``value`` and ``columns``."""
    return select(
        Tour.owner_id.label("owner_id"),
        period.slice_of_day(TourDay.day).label("slice"),
        value.label("value"),
        *columns,
    ).where(
        Tour.owner_id.in_(owners),
        TourDay.tour_id == Tour.id,
        *period.day_in(TourDay.day),
        value.is_not(None),
    )


def _sum(column: Any) -> Any:
    def compute(session: Session, owners: Owners, period: Period) -> Mapping[Key, Any]:
        return summed(session, _days(owners, period, column))

    return compute


def _co2(column: Any) -> Any:
    """kgCO2e of ``column``'s kilometres: one grouped query for the kilometres per owner,
    slice and mode, then the factors of the owners' organisations (one query each)."""

    def compute(session: Session, owners: Owners, period: Period) -> Mapping[Key, Any]:
        days = _days(
            owners, period, column, User.organisation_id.label("organisation_id"), Tour.mode
        ).where(User.id == Tour.owner_id)
        found = days.subquery()
        rows = session.execute(
            select(
                found.c.owner_id,
                found.c.slice,
                found.c.organisation_id,
                found.c.mode,
                func.sum(found.c.value),
            ).group_by(found.c.owner_id, found.c.slice, found.c.organisation_id, found.c.mode)
        )
        factors: dict[int, dict[Any, emissions.Effective]] = {}
        out: dict[Key, Decimal] = defaultdict(Decimal)
        for owner, part, organisation, mode, km in rows:
            if organisation not in factors:
                factors[organisation] = emissions.effective_factors(session, organisation)
            factor = factors[organisation][mode].factor
            out[owner, part] += emissions.co2_of(Decimal(str(km or 0)), factor).total_kg
        return out

    return compute


register(MetricDef(
    "visits_planned", "Visites planifiées", "nombre", MetricKind.COUNT, int, True, "CP2",
    "Visites prévues par les journées des tournées enregistrées dont la date tombe dans la "
    "période.",
    _sum(TourDay.visits),
))  # fmt: skip
register(MetricDef(
    "km_planned", "Kilomètres planifiés", "km", MetricKind.SUM, Decimal, False, "CP2",
    "Kilomètres prévus par les journées de tournée de la période.",
    _sum(TourDay.planned_km), places=KM,
))  # fmt: skip
register(MetricDef(
    "km_driven", "Kilomètres parcourus", "km", MetricKind.SUM, Decimal, False, "CP2",
    "Kilomètres réellement parcourus, saisis au carnet de bord, des journées de tournée de la "
    "période (une journée non saisie ne compte pas encore).",
    _sum(TourDay.actual_km), places=KM,
))  # fmt: skip
register(MetricDef(
    "co2_kg_planned", "CO2 prévu", "kg CO2e", MetricKind.SUM, Decimal, False, "CP2",
    "Kilomètres planifiés de chaque journée × facteur d'émission du mode de sa tournée "
    "(facteur de l'organisme, sinon ADEME Impact CO2).",
    _co2(TourDay.planned_km), places=KM,
))  # fmt: skip
register(MetricDef(
    "co2_kg", "CO2 émis", "kg CO2e", MetricKind.SUM, Decimal, False, "CP2",
    "Kilomètres parcourus (carnet de bord) de chaque journée × facteur d'émission du mode de "
    "sa tournée (facteur de l'organisme, sinon ADEME Impact CO2).",
    _co2(TourDay.actual_km), places=KM,
))  # fmt: skip
