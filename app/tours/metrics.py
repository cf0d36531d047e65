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

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session

from app.metrics.registry import MetricDef, MetricKind, Period, grouped, register
from app.models import Tour, TourDay, User
from app.tours import emissions

Owners = Sequence[int]
KM = Decimal("0.001")


def _days_of(owners: Owners, period: Period) -> tuple[ColumnElement[bool], ...]:
    return (
        Tour.owner_id.in_(owners),
        TourDay.tour_id == Tour.id,
        TourDay.day >= period.start,
        TourDay.day <= period.end,
    )


def _sum(column: Any) -> Any:
    def compute(session: Session, owners: Owners, period: Period) -> Mapping[int, Any]:
        return grouped(
            session,
            select(Tour.owner_id, func.sum(column))
            .where(*_days_of(owners, period), column.is_not(None))
            .group_by(Tour.owner_id),
        )

    return compute


def visits_planned(session: Session, owners: Owners, period: Period) -> Mapping[int, Any]:
    return grouped(
        session,
        select(Tour.owner_id, func.sum(TourDay.visits))
        .where(*_days_of(owners, period))
        .group_by(Tour.owner_id),
    )


def _co2(column: Any) -> Any:
    """kgCO2e of ``column``'s kilometres: one grouped query for the kilometres per owner and
    mode, then the factors of the owners' organisations (one query per organisation)."""

    def compute(session: Session, owners: Owners, period: Period) -> Mapping[int, Any]:
        rows = session.execute(
            select(Tour.owner_id, User.organisation_id, Tour.mode, func.sum(column))
            .where(*_days_of(owners, period), column.is_not(None), User.id == Tour.owner_id)
            .group_by(Tour.owner_id, User.organisation_id, Tour.mode)
        )
        factors: dict[int, dict[Any, emissions.Effective]] = {}
        out: dict[int, Decimal] = defaultdict(Decimal)
        for owner, organisation, mode, km in rows:
            if organisation not in factors:
                factors[organisation] = emissions.effective_factors(session, organisation)
            factor = factors[organisation][mode].factor
            out[owner] += emissions.co2_of(Decimal(str(km or 0)), factor).total_kg
        return out

    return compute


register(MetricDef(
    "visits_planned", "Visites planifiées", "nombre", MetricKind.COUNT, int, True, "CP2",
    "Visites prévues par les journées des tournées enregistrées dont la date tombe dans la "
    "période.",
    visits_planned,
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
