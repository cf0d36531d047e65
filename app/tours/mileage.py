"""The mileage log of a saved tour: the kilometres planned and really driven, and their CO2,
per day and per visit; totals once every day is logged.

CO2 uses the effective factor of the tour's mode in the caller's organisation (the owner's:
scoping stays in one organisation).
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from sqlalchemy.orm import Session

from app.common.clock import utcnow
from app.core.errors import NotFound
from app.core.principal import Principal
from app.models import Tour, TourDay
from app.tours import emissions, repository
from app.tours.repository import TourRepository
from app.tours.schemas import MileageDayOut, MileageIn, MileageOut


def read(session: Session, principal: Principal, tour_id: int) -> MileageOut:
    tour = TourRepository(session, principal).get_readable(tour_id)
    return _mileage(session, tour, principal.organisation_id)


def log(
    session: Session, principal: Principal, tour_id: int, day_index: int, body: MileageIn
) -> MileageOut:
    """The kilometres really driven on day ``day_index`` (logged now), and the new figures."""
    tour = TourRepository(session, principal).get_writable(tour_id)
    day = repository.day_of(session, tour.id, day_index)
    if day is None:
        raise NotFound(f"La tournée {tour.id} n'a pas de jour n° {day_index}.")
    day.actual_km = body.actual_km
    day.actual_logged_at = utcnow()
    session.flush()
    return _mileage(session, tour, principal.organisation_id)


def _mileage(session: Session, tour: Tour, organisation_id: int) -> MileageOut:
    factor = emissions.effective_factors(session, organisation_id)[tour.mode].factor
    days: Sequence[TourDay] = repository.days_of(session, tour.id)
    out = []
    for day in days:
        planned_co2 = emissions.co2_of(day.planned_km, factor).total_kg
        actual_co2 = (
            None if day.actual_km is None else emissions.co2_of(day.actual_km, factor).total_kg
        )
        per = Decimal(day.visits) if day.visits else None
        out.append(
            MileageDayOut(
                day_index=day.day_index,
                date=day.day,
                visits=day.visits,
                planned_km=day.planned_km,
                actual_km=day.actual_km,
                planned_co2_kg=planned_co2,
                actual_co2_kg=actual_co2,
                planned_km_per_visit=_per(day.planned_km, per),
                actual_km_per_visit=_per(day.actual_km, per),
                planned_co2_kg_per_visit=_per(planned_co2, per),
                actual_co2_kg_per_visit=_per(actual_co2, per),
                actual_logged_at=day.actual_logged_at,
            )
        )
    planned = sum((d.planned_km for d in days), Decimal(0))
    logged = all(d.actual_km is not None for d in days) and bool(days)
    actual = sum((d.actual_km or Decimal(0) for d in days), Decimal(0)) if logged else None
    return MileageOut(
        tour_id=tour.id,
        mode=tour.mode,
        days=out,
        planned_km=planned,
        actual_km=actual,
        planned_co2_kg=emissions.co2_of(planned, factor).total_kg,
        actual_co2_kg=None if actual is None else emissions.co2_of(actual, factor).total_kg,
    )


def _per(value: Decimal | None, visits: Decimal | None) -> Decimal | None:
    if value is None or visits is None:
        return None
    return (value / visits).quantize(Decimal("0.001"))
