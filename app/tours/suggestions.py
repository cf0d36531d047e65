"""Fill-the-day suggestions: prospects worth adding to a tour, and what each costs.

For a saved tour (``suggest``) or a plan just computed, before saving (``suggest_for_plan``).

For each day of the tour, the day is rebuilt from the saved plan (its visits in their order,
appointments fixed at their time, the other visits with the windows of the request, the
day's hours and lunch). Candidates are the trainee's prospects with coordinates that the
tour does not visit yet, still to win (suspect, prospect, qualified, inactive), the nearest
ones to the day's places first (``CANDIDATES_PER_DAY``). Each candidate is tried at every
place of the day's order with ``best_with_lunch``; the cheapest feasible insertion (fewest
extra metres) is its detour; a prospect is proposed once, on the day it costs least. Nothing
that breaks a window, the lunch, the hours or the driving limit is proposed. Ranked by ABC
priority, then potential, then detour.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from app.config import Settings
from app.core.principal import Principal
from app.models import Priority, Prospect, ProspectStatus, Tour, TransportMode
from app.prospects.repository import ProspectRepository
from app.tours import emissions
from app.tours.feasibility import Infeasible, Lunch, Problem, Shift, Visit, Window, best_with_lunch
from app.tours.matrix import HaversineProvider, Point, provider_from_settings
from app.tours.schemas import TourPlanIn, TourPlanOut
from app.tours.service import aware

CANDIDATES_PER_DAY = 60
_CROW = HaversineProvider()  # nearest candidates by great-circle distance
OPEN_STATUSES = (
    ProspectStatus.SUSPECT,
    ProspectStatus.PROSPECT,
    ProspectStatus.QUALIFIED,
    ProspectStatus.INACTIVE,
)
PRIORITY_RANK = {Priority.A: 0, Priority.B: 1, Priority.C: 2}
VISIT_MINUTES = 45


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


def suggest(
    session: Session,
    principal: Principal,
    settings: Settings,
    tour: Tour,
    *,
    day_index: int | None = None,
    limit: int = 10,
) -> list[Suggestion]:
    """For a saved tour: its request and plan as stored."""
    return suggest_for_plan(
        session,
        principal,
        settings,
        TourPlanIn.model_validate(tour.request),
        TourPlanOut.model_validate(tour.plan),
        owner_id=tour.owner_id,
        day_index=day_index,
        limit=limit,
    )


def suggest_for_plan(
    session: Session,
    principal: Principal,
    settings: Settings,
    request: TourPlanIn,
    plan: TourPlanOut,
    *,
    owner_id: int,
    day_index: int | None = None,
    limit: int = 10,
) -> list[Suggestion]:
    """For any plan of ``owner_id``'s (saved, or just computed from ``request``)."""
    zone = ZoneInfo(settings.timezone)
    visited = {s.prospect_id for d in plan.days for s in d.stops if s.prospect_id is not None} | {
        u.prospect_id for u in plan.unassigned if u.prospect_id is not None
    }
    prospects = session.scalars(
        ProspectRepository(session, principal)
        .writable_statement()
        .where(
            Prospect.anonymised_at.is_(None),
            Prospect.latitude.is_not(None),
            Prospect.longitude.is_not(None),
            Prospect.status.in_(OPEN_STATUSES),
            Prospect.owner_id == owner_id,
        )
    ).all()
    pool = [p for p in prospects if p.id not in visited]
    factor = emissions.effective_factors(session, principal.organisation_id)[request.mode].factor
    found: list[Suggestion] = []
    for index in range(len(plan.days)):
        if day_index is not None and index != day_index:
            continue
        found += _day_suggestions(settings, zone, request.mode, plan, request, index, pool, factor)
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
    settings: Settings,
    zone: ZoneInfo,
    mode: TransportMode,
    plan: TourPlanOut,
    request: TourPlanIn,
    index: int,
    pool: list[Prospect],
    factor: Any,
) -> list[Suggestion]:
    day = plan.days[index]
    visits = [s for s in day.stops if s.kind == "visit"]
    places = [
        Point(day.start.latitude, day.start.longitude),
        *(Point(s.latitude or 0, s.longitude or 0) for s in visits),
        Point(day.end.latitude, day.end.longitude),
    ]
    nearest = sorted(pool, key=lambda p: min(_CROW.great_circle_m(_point(p), q) for q in places))
    candidates = nearest[:CANDIDATES_PER_DAY]
    if not candidates:
        return []
    points = places + [_point(p) for p in candidates]
    matrix = provider_from_settings(settings).matrix(points, mode)
    distances = [[round(x) for x in row] for row in matrix.distances_m]
    durations = [[round(x) for x in row] for row in matrix.durations_s]
    epoch = datetime.combine(day.date, time(0), zone)

    def seconds(moment: datetime) -> int:
        return int((moment - epoch).total_seconds())

    problem_visits = []
    for position, stop in enumerate(visits, start=1):
        service = int((stop.departure - stop.start).total_seconds())
        if stop.appointment_id is not None:
            windows: tuple[Window, ...] = (Window(seconds(stop.start), seconds(stop.start)),)
        else:
            asked = request.visits[stop.visit_index or 0].windows
            windows = tuple(
                Window(seconds(aware(w.start, zone)), seconds(aware(w.end, zone))) for w in asked
            )
        problem_visits.append(Visit(position, service, windows))
    first_candidate = len(places)
    for offset in range(len(candidates)):
        problem_visits.append(Visit(first_candidate + offset, VISIT_MINUTES * 60))
    day_in = request.days[index]
    start = datetime.combine(day.date, day_in.start_time or request.work_start, zone)
    end = datetime.combine(day.date, day_in.end_time or request.work_end, zone)
    lunch = None
    if request.lunch is not None and request.lunch.duration_minutes > 0:
        lunch = Lunch(
            Window(
                seconds(datetime.combine(day.date, request.lunch.start, zone)),
                seconds(datetime.combine(day.date, request.lunch.end, zone)),
            ),
            request.lunch.duration_minutes * 60,
        )
    driving = request.max_driving_minutes * 60 if request.max_driving_minutes else None
    shift = Shift(0, len(places) - 1, seconds(start), seconds(end), lunch, driving)
    problem = Problem(distances, durations, problem_visits, [shift])
    order = list(range(len(visits)))
    try:
        current = best_with_lunch(problem, 0, order)
    except Infeasible:  # the saved day no longer holds (edited request): nothing to add
        return []
    labels = [day.start.label, *(s.label for s in visits)]
    found = []
    for offset, prospect in enumerate(candidates):
        candidate = len(visits) + offset
        best = None
        for position in range(len(order) + 1):
            trial = [*order[:position], candidate, *order[position:]]
            try:
                route = best_with_lunch(problem, 0, trial)
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
                day_end=(epoch + timedelta(seconds=route.arrival)).astimezone(zone),
            )
        )
    return found


def _point(prospect: Prospect) -> Point:
    return Point(prospect.latitude or 0, prospect.longitude or 0)
