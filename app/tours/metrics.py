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

from app.metrics.registry import Key, MetricDef, MetricGroup, MetricKind, Period, register
from app.models import Tour, TourDay, User
from app.tours import emissions

Owners = Sequence[int]
KM = Decimal("0.001")


def tour_days(session: Session, owners: Owners, period: Period) -> Mapping[str, Mapping[Key, Any]]:
    """The five figures of the tour days of ``owners`` in ``period`` in one grouped query:
    visits and kilometres planned, kilometres driven (per owner, slice, organisation and
    mode), then the CO2 of each with the factors of the owners' organisations (one query
    each)."""
    days = (
        select(
            Tour.owner_id.label("owner_id"),
            period.slice_of_day(TourDay.day).label("slice"),
            User.organisation_id.label("organisation_id"),
            Tour.mode.label("mode"),
            TourDay.visits.label("visits"),
            TourDay.planned_km.label("planned_km"),
            TourDay.actual_km.label("actual_km"),
        )
        .where(
            Tour.owner_id.in_(owners),
            TourDay.tour_id == Tour.id,
            User.id == Tour.owner_id,
            *period.day_in(TourDay.day),
        )
        .subquery()
    )
    keys = (days.c.owner_id, days.c.slice, days.c.organisation_id, days.c.mode)
    rows = session.execute(
        select(
            *keys,
            func.sum(days.c.visits),
            func.sum(days.c.planned_km),
            func.sum(days.c.actual_km),
        ).group_by(*keys)
    )
    factors: dict[int, dict[Any, emissions.Effective]] = {}
    visits: dict[Key, int] = defaultdict(int)
    planned: dict[Key, Decimal] = defaultdict(Decimal)
    driven: dict[Key, Decimal] = defaultdict(Decimal)
    co2_planned: dict[Key, Decimal] = defaultdict(Decimal)
    co2_driven: dict[Key, Decimal] = defaultdict(Decimal)
    for owner, part, organisation, mode, n, planned_km, actual_km in rows:
        if organisation not in factors:
            factors[organisation] = emissions.effective_factors(session, organisation)
        factor = factors[organisation][mode].factor
        key = (owner, part)
        visits[key] += int(n or 0)
        if planned_km is not None:
            # str(): SQLite may answer a sum as a float (12.5 must not become 12.4999…).
            km = Decimal(str(planned_km))
            planned[key] += km
            co2_planned[key] += emissions.co2_of(km, factor).total_kg
        if actual_km is not None:  # a day not logged yet drove nothing so far
            km = Decimal(str(actual_km))
            driven[key] += km
            co2_driven[key] += emissions.co2_of(km, factor).total_kg
    return {
        "visits_planned": visits, "km_planned": planned, "km_driven": driven,
        "co2_kg_planned": co2_planned, "co2_kg": co2_driven,
    }  # fmt: skip


TOUR_DAYS = MetricGroup("tour_days", tour_days)


register(MetricDef(
    "visits_planned", "Visites planifiées", "nombre", MetricKind.COUNT, int, True, "CP2",
    "Visites prévues par les journées des tournées enregistrées dont la date tombe dans la "
    "période.",
    TOUR_DAYS.member("visits_planned"),
))  # fmt: skip
register(MetricDef(
    "km_planned", "Kilomètres planifiés", "km", MetricKind.SUM, Decimal, False, "CP2",
    "Kilomètres prévus par les journées de tournée de la période.",
    TOUR_DAYS.member("km_planned"), places=KM,
))  # fmt: skip
register(MetricDef(
    "km_driven", "Kilomètres parcourus", "km", MetricKind.SUM, Decimal, False, "CP2",
    "Kilomètres réellement parcourus, saisis au carnet de bord, des journées de tournée de la "
    "période (une journée non saisie ne compte pas encore).",
    TOUR_DAYS.member("km_driven"), places=KM,
))  # fmt: skip
register(MetricDef(
    "co2_kg_planned", "CO2 prévu", "kg CO2e", MetricKind.SUM, Decimal, False, "CP2",
    "Kilomètres planifiés de chaque journée × facteur d'émission du mode de sa tournée "
    "(facteur de l'organisme, sinon ADEME Impact CO2).",
    TOUR_DAYS.member("co2_kg_planned"), places=KM,
))  # fmt: skip
register(MetricDef(
    "co2_kg", "CO2 émis", "kg CO2e", MetricKind.SUM, Decimal, False, "CP2",
    "Kilomètres parcourus (carnet de bord) de chaque journée × facteur d'émission du mode de "
    "sa tournée (facteur de l'organisme, sinon ADEME Impact CO2).",
    TOUR_DAYS.member("co2_kg"), places=KM,
))  # fmt: skip
