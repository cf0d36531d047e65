"""Fill-the-day suggestions: prospects worth adding to a tour, and what each costs.

For a request before it is saved (``for_request``: planned first, nothing stored) or a saved
tour (``for_tour``). Both start from a ``problem.Routed``: the resolved request in the
plan's order (a fresh plan's own resolution; a saved tour's as its stored plan kept it,
``problem.from_saved``), and each day's problem comes from the same builder as planning
(``problem.build_day``): the day's visits in their order, appointments fixed at their time,
the other visits with the windows of the request, the day's hours and lunch. Candidates are
the trainee's prospects with coordinates that the tour does not visit yet, still to win
(suspect, prospect, qualified, inactive), the nearest ones to the day's places first
(``CANDIDATES_PER_DAY``), each a visit of ``DEFAULT_VISIT_MINUTES``. Each candidate is tried
at every place of the day's order with ``best_with_lunch``; the cheapest feasible insertion
(fewest extra metres) is its detour; a prospect is proposed once, on the day it costs least.
Nothing that breaks a window, the lunch, the hours or the driving limit is proposed. Ranked
by ABC priority, then potential, then detour.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from app.config import Settings
from app.core.errors import FieldError
from app.core.principal import Principal
from app.models import EmissionFactor, Priority, Prospect, ProspectStatus
from app.tours import emissions, problem, repository, service
from app.tours.feasibility import Infeasible, best_with_lunch
from app.tours.matrix import HaversineProvider, MatrixProvider, Point, provider_from_settings
from app.tours.repository import TourRepository
from app.tours.schemas import DEFAULT_VISIT_MINUTES, TourPlanIn, TourPlanOut

CANDIDATES_PER_DAY = 60
_CROW = HaversineProvider()  # nearest candidates by great-circle distance
OPEN_STATUSES = (
    ProspectStatus.SUSPECT,
    ProspectStatus.PROSPECT,
    ProspectStatus.QUALIFIED,
    ProspectStatus.INACTIVE,
)
PRIORITY_RANK = {Priority.A: 0, Priority.B: 1, Priority.C: 2}


@dataclass
class Suggestion:
    prospect_id: int
    name: str
    priority: Priority
    potential: Decimal | None
    day_index: int
    date: date
    insert_position: int  # among the day's visits: 0 = first
    after: str  # the place just before
    extra_km: float
    extra_minutes: float
    extra_co2_kg: float
    day_end: datetime


def for_request(
    session: Session,
    principal: Principal,
    settings: Settings,
    body: TourPlanIn,
    *,
    day_index: int | None = None,
    limit: int = 10,
) -> list[Suggestion]:
    """Plan the request (as ``POST /tours/plan``, nothing recorded), then suggest for it."""
    _check_day(day_index, len(body.days))
    solved = service.solve(session, principal, settings, body)
    return _suggest(
        session, principal, settings, solved.routed(),
        owner_id=principal.user_id, day_index=day_index, limit=limit,
    )  # fmt: skip


def for_tour(
    session: Session,
    principal: Principal,
    settings: Settings,
    tour_id: int,
    *,
    day_index: int | None = None,
    limit: int = 10,
) -> list[Suggestion]:
    """For a saved tour (readable by the caller): its request and plan as stored, the
    candidates from its owner's prospects."""
    tour = TourRepository(session, principal).get_readable(tour_id)
    _check_day(day_index, tour.days_count)
    routed = problem.from_saved(
        ZoneInfo(settings.timezone),
        TourPlanIn.model_validate(tour.request),
        TourPlanOut.model_validate(tour.plan),
    )
    return _suggest(
        session, principal, settings, routed,
        owner_id=tour.owner_id, day_index=day_index, limit=limit,
    )  # fmt: skip


def _check_day(day_index: int | None, days: int) -> None:
    if day_index is not None and day_index >= days:
        raise FieldError("day", f"La tournée a {days} jour(s).", location="query")


def _suggest(
    session: Session,
    principal: Principal,
    settings: Settings,
    routed: problem.Routed,
    *,
    owner_id: int,
    day_index: int | None,
    limit: int,
) -> list[Suggestion]:
    prospects = repository.open_prospects_with_place(session, principal, owner_id, OPEN_STATUSES)
    pool = [p for p in prospects if p.id not in routed.visited]
    mode = routed.resolved.mode
    factor = emissions.effective_factors(session, principal.organisation_id)[mode].factor
    provider = provider_from_settings(settings)
    found: list[Suggestion] = []
    for index in range(len(routed.routes)):
        if day_index is not None and index != day_index:
            continue
        found += _day_suggestions(provider, routed, index, pool, factor)
    best: dict[int, Suggestion] = {}  # a prospect once: on the day it costs least
    for suggestion in found:
        kept = best.get(suggestion.prospect_id)
        if kept is None or (suggestion.extra_km, suggestion.day_index) < (
            kept.extra_km,
            kept.day_index,
        ):
            best[suggestion.prospect_id] = suggestion
    ranked = sorted(
        best.values(), key=lambda s: (PRIORITY_RANK[s.priority], -(s.potential or 0), s.extra_km)
    )
    return ranked[:limit]


def _day_suggestions(
    provider: MatrixProvider,
    routed: problem.Routed,
    index: int,
    pool: list[Prospect],
    factor: EmissionFactor,
) -> list[Suggestion]:
    resolved = routed.resolved
    day = resolved.days[index]
    planned = routed.routes[index]
    visits = [resolved.visits[p.visit] for p in planned]
    places = [day.origin.point, *(v.place.point for v in visits), day.home.point]
    nearest = sorted(pool, key=lambda p: min(_CROW.great_circle_m(_point(p), q) for q in places))
    candidates = nearest[:CANDIDATES_PER_DAY]
    if not candidates:
        return []
    built = problem.build_day(
        resolved, index, planned, [_point(p) for p in candidates], provider, DEFAULT_VISIT_MINUTES
    )
    order = list(range(len(visits)))
    try:
        current = best_with_lunch(built.problem, 0, order)
    except Infeasible:  # the saved day no longer holds (edited request): nothing to add
        return []
    labels = [day.origin.label, *(v.place.label for v in visits)]
    found = []
    for offset, prospect in enumerate(candidates):
        candidate = len(visits) + offset
        best = None
        for position in range(len(order) + 1):
            trial = [*order[:position], candidate, *order[position:]]
            try:
                route = best_with_lunch(built.problem, 0, trial)
            except Infeasible:
                continue
            extra = route.distance - current.distance
            if best is None or extra < best[0]:
                best = (extra, position, route)
        if best is None:
            continue
        extra, position, route = best
        km = Decimal(extra) / 1000
        found.append(
            Suggestion(
                prospect_id=prospect.id,
                name=prospect.name,
                priority=prospect.priority,
                potential=prospect.potential,
                day_index=index,
                date=day.date,
                insert_position=position,
                after=labels[position],
                extra_km=round(float(km), 3),
                extra_minutes=round((route.driving - current.driving) / 60, 1),
                extra_co2_kg=float(emissions.co2_of(max(km, Decimal(0)), factor).total_kg),
                day_end=built.clock.moment(route.arrival),
            )
        )
    return found


def _point(prospect: Prospect) -> Point:
    return Point(prospect.latitude or 0, prospect.longitude or 0)
