"""Planning a tour: resolve the request, get the matrices, solve, and say what it costs.

Times: the request's local times (working hours, lunch) are in ``CAPVENTE_TIMEZONE``; the
solver counts seconds from the first day's local midnight (a real instant, so a day across
a clock change keeps its length). The baseline is the trainee's own order: each day's
planned visits in the order the request lists them (its appointments by time), driven on the
same matrix (km and CO2; its times are not checked). Savings = baseline − plan.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.config import Settings
from app.core.db import start_writing
from app.core.errors import FieldError
from app.core.principal import Principal
from app.models import Appointment, Prospect, Tour, TourBase, TourDay
from app.prospects.repository import AppointmentRepository, ProspectRepository
from app.tours import emissions, solver
from app.tours.feasibility import BREAK, Lunch, Problem, Route, Shift, Visit, Window
from app.tours.matrix import Point, provider_from_settings
from app.tours.schemas import (
    DayIn,
    DayOut,
    EmissionFactorOut,
    PlaceIn,
    PlaceOut,
    Savings,
    StopOut,
    Totals,
    TourPlanIn,
    TourPlanOut,
    UnassignedOut,
)

DEFAULT_VISIT_MINUTES = 45
REASONS_FR = {
    "window_unreachable": "Créneau impossible à tenir, même seule dans une journée.",
    "max_driving": "Temps de conduite maximal dépassé, même seule dans une journée.",
    "day_too_full": "Journées trop pleines : visite moins prioritaire laissée de côté.",
}


@dataclass
class _Place:
    point: Point
    label: str
    prospect_id: int | None = None


@dataclass
class _Visit:
    place: _Place
    minutes: int
    windows: list[tuple[datetime, datetime]]
    priority: int
    appointment_id: int | None = None
    prospect_id: int | None = None


@dataclass
class Resolved:
    days: list[tuple[date, datetime, datetime, _Place, _Place]]
    visits: list[_Visit]
    extra: dict[str, Any] = field(default_factory=dict)


def aware(moment: datetime, zone: ZoneInfo) -> datetime:
    """``moment`` with ``zone`` when the client sent a naive local time."""
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=zone)


def _place(
    session: Session, principal: Principal, place: PlaceIn | None, where: str
) -> _Place | None:
    """A start or end place; None means the trainee's base."""
    if place is None or (
        place.prospect_id is None and place.latitude is None and place.longitude is None
    ):
        return None
    if place.prospect_id is not None:
        prospect = _prospect(session, principal, place.prospect_id, f"{where}.prospect_id")
        return _Place(
            Point(prospect.latitude or 0, prospect.longitude or 0),
            place.label or prospect.name,
            prospect.id,
        )
    if place.latitude is None or place.longitude is None:
        raise FieldError(where, "Indiquez la latitude et la longitude ensemble.")
    return _Place(Point(place.latitude, place.longitude), place.label or "Lieu")


def _prospect(session: Session, principal: Principal, prospect_id: int, where: str) -> Prospect:
    prospect = session.scalar(
        ProspectRepository(session, principal)
        .writable_statement()
        .where(Prospect.id == prospect_id, Prospect.anonymised_at.is_(None))
    )
    if prospect is None:
        raise FieldError(where, f"Prospect {prospect_id} inconnu dans votre fichier.")
    if prospect.latitude is None or prospect.longitude is None:
        raise FieldError(
            where, f"Le prospect {prospect_id} ({prospect.name}) n'a pas de coordonnées."
        )
    return prospect


def _base(session: Session, principal: Principal) -> _Place | None:
    base = session.get(TourBase, principal.user_id)
    if base is None:
        return None
    return _Place(Point(base.latitude, base.longitude), base.label)


def resolve(
    session: Session, principal: Principal, settings: Settings, body: TourPlanIn
) -> Resolved:
    """Check the request and find every place (422 naming the item on any fault)."""
    zone = ZoneInfo(settings.timezone)
    if len(body.visits) > settings.tour_max_stops:
        raise FieldError(
            "visits",
            f"{len(body.visits)} visites : au plus {settings.tour_max_stops} par planification.",
        )
    if body.lunch is not None:
        if body.lunch.end <= body.lunch.start:
            raise FieldError("lunch.end", "La plage de la pause finit avant de commencer.")
        span = _minutes(body.lunch.start, body.lunch.end)
        if body.lunch.duration_minutes > span:
            raise FieldError("lunch.duration_minutes", "La pause ne tient pas dans sa plage.")
    base: _Place | None = None
    base_loaded = False
    days = []
    previous: date | None = None
    for i, day in enumerate(body.days):
        if previous is not None and day.date <= previous:
            raise FieldError(f"days[{i}].date", "Les jours doivent être distincts et en ordre.")
        previous = day.date
        start, end = _hours(day, body, zone)
        if end <= start:
            raise FieldError(
                f"days[{i}].end_time", "Journée sans temps de travail : la fin précède le début."
            )
        first = _place(session, principal, day.start, f"days[{i}].start")
        last = _place(session, principal, day.end, f"days[{i}].end")
        if first is None or (last is None and day.end is not None):
            if not base_loaded:
                base, base_loaded = _base(session, principal), True
            if base is None:
                raise FieldError(
                    f"days[{i}].start",
                    "Aucune base enregistrée : indiquez un lieu de départ ou enregistrez "
                    "votre base (PUT /api/v1/tour-base).",
                )
        first = first or base
        assert first is not None
        last = last or (base if day.end is not None else first)
        assert last is not None
        days.append((day.date, start, end, first, last))
    visits = [
        _visit(session, principal, zone, v, i) for i, v in enumerate(body.visits)
    ]  # fmt: skip
    return Resolved(days, visits)


def _minutes(a: time, b: time) -> int:
    return (b.hour * 60 + b.minute) - (a.hour * 60 + a.minute)


def _hours(day: DayIn, body: TourPlanIn, zone: ZoneInfo) -> tuple[datetime, datetime]:
    start = datetime.combine(day.date, day.start_time or body.work_start, zone)
    end = datetime.combine(day.date, day.end_time or body.work_end, zone)
    return start, end


def _visit(session: Session, principal: Principal, zone: ZoneInfo, visit: Any, i: int) -> _Visit:
    where = f"visits[{i}]"
    given = [
        visit.prospect_id is not None,
        visit.appointment_id is not None,
        visit.latitude is not None or visit.longitude is not None,
    ]
    if sum(given) != 1:
        raise FieldError(
            where, "Une visite est un prospect, un rendez-vous ou des coordonnées (un seul)."
        )
    windows = []
    for k, window in enumerate(visit.windows):
        start, end = aware(window.start, zone), aware(window.end, zone)
        if end < start:
            raise FieldError(f"{where}.windows[{k}].end", "Le créneau finit avant de commencer.")
        windows.append((start, end))
    minutes = visit.duration_minutes
    if visit.appointment_id is not None:
        appointment = session.scalar(
            AppointmentRepository(session, principal)
            .writable_statement()
            .where(Appointment.id == visit.appointment_id)
        )
        if appointment is None:
            raise FieldError(
                f"{where}.appointment_id", f"Rendez-vous {visit.appointment_id} inconnu."
            )
        prospect = session.get(Prospect, appointment.prospect_id)
        lat = appointment.latitude if appointment.latitude is not None else (
            prospect.latitude if prospect else None)  # fmt: skip
        lon = appointment.longitude if appointment.longitude is not None else (
            prospect.longitude if prospect else None)  # fmt: skip
        if lat is None or lon is None:
            raise FieldError(
                f"{where}.appointment_id",
                f"Le rendez-vous {appointment.id} n'a pas de lieu géolocalisé.",
            )
        starts = aware(appointment.starts_at, zone)
        label = visit.label or (prospect.name if prospect else f"Rendez-vous {appointment.id}")
        return _Visit(
            _Place(Point(lat, lon), label, appointment.prospect_id),
            appointment.duration_minutes if minutes is None else minutes,
            [(starts, starts)],  # an appointment is a fixed time
            5,
            appointment.id,
            appointment.prospect_id,
        )
    if visit.prospect_id is not None:
        prospect = _prospect(session, principal, visit.prospect_id, f"{where}.prospect_id")
        place = _Place(
            Point(prospect.latitude or 0, prospect.longitude or 0),
            visit.label or prospect.name,
            prospect.id,
        )
        return _Visit(
            place,
            DEFAULT_VISIT_MINUTES if minutes is None else minutes,
            windows,
            visit.priority,
            None,
            prospect.id,
        )
    if visit.latitude is None or visit.longitude is None:
        raise FieldError(where, "Indiquez la latitude et la longitude ensemble.")
    return _Visit(
        _Place(Point(visit.latitude, visit.longitude), visit.label or f"Visite {i + 1}"),
        DEFAULT_VISIT_MINUTES if minutes is None else minutes,
        windows,
        visit.priority,
    )


# ------------------------------------------------------------------ planning


def plan(
    session: Session,
    principal: Principal,
    settings: Settings,
    body: TourPlanIn,
    options: solver.Options | None = None,
) -> TourPlanOut:
    resolved = resolve(session, principal, settings, body)
    zone = ZoneInfo(settings.timezone)
    epoch = datetime.combine(resolved.days[0][0], time(0), zone)

    def seconds(moment: datetime) -> int:
        return int((moment - epoch).total_seconds())

    def moment(value: int) -> datetime:
        return (epoch + timedelta(seconds=value)).astimezone(zone)

    # Points: each day's start and end, then the visits.
    points: list[Point] = []
    index_of: dict[tuple[float, float], int] = {}

    def index(place: _Place) -> int:
        key = (round(place.point.latitude, 6), round(place.point.longitude, 6))
        if key not in index_of:
            index_of[key] = len(points)
            points.append(place.point)
        return index_of[key]

    day_places = [(index(first), index(last)) for _, _, _, first, last in resolved.days]
    visit_points = [index(v.place) for v in resolved.visits]
    matrix = provider_from_settings(settings).matrix(points, body.mode)
    distances = [[round(x) for x in row] for row in matrix.distances_m]
    durations = [[round(x) for x in row] for row in matrix.durations_s]

    shifts = []
    for (day, start, end, _, _), (first, last) in zip(resolved.days, day_places, strict=True):
        lunch = None
        if body.lunch is not None and body.lunch.duration_minutes > 0:
            lunch = Lunch(
                Window(
                    seconds(datetime.combine(day, body.lunch.start, zone)),
                    seconds(datetime.combine(day, body.lunch.end, zone)),
                ),
                body.lunch.duration_minutes * 60,
            )
        driving = body.max_driving_minutes * 60 if body.max_driving_minutes else None
        shifts.append(Shift(first, last, seconds(start), seconds(end), lunch, driving))
    visits = [
        Visit(
            visit_points[i],
            v.minutes * 60,
            tuple(Window(seconds(a), seconds(b)) for a, b in v.windows),
            v.priority,
            v.appointment_id is not None,
        )
        for i, v in enumerate(resolved.visits)
    ]
    problem = Problem(distances, durations, visits, shifts)
    result = solver.solve(problem, options)

    factors = emissions.effective_factors(session, principal.organisation_id)
    factor = factors[body.mode]
    days_out = []
    for route, (day, _, _, origin, home) in zip(result.routes, resolved.days, strict=True):
        baseline = _baseline(problem, route)
        days_out.append(
            DayOut(
                date=day,
                start=_place_out(origin),
                end=_place_out(home),
                departure=moment(route.departure),
                arrival=moment(route.arrival),
                stops=[_stop_out(s, resolved, moment) for s in route.stops],
                end_leg_km=round(route.end_leg_distance / 1000, 3),
                end_leg_minutes=round(route.end_leg_duration / 60, 1),
                totals=_totals(route.distance, route.driving, route.visiting, factor.factor),
                baseline=_totals(baseline[0], baseline[1], route.visiting, factor.factor),
            )
        )
    totals = _sum([d.totals for d in days_out], factor.factor)
    baseline_totals = _sum([d.baseline for d in days_out], factor.factor)
    saved_km = round(baseline_totals.km - totals.km, 3)
    saved_co2 = round(baseline_totals.co2_kg - totals.co2_kg, 3)
    percent = round(100 * saved_km / baseline_totals.km, 1) if baseline_totals.km else 0.0
    factor_out = EmissionFactorOut.model_validate(factor.factor)
    factor_out.overridden = factor.overridden
    return TourPlanOut(
        name=body.name or f"Tournée du {resolved.days[0][0].strftime('%d/%m/%Y')}",
        mode=body.mode,
        matrix_source=matrix.source,
        engine=result.engine,
        warnings=list(matrix.warnings),
        days=days_out,
        totals=totals,
        baseline=baseline_totals,
        savings=Savings(km=saved_km, co2_kg=saved_co2, percent=percent),
        unassigned=[
            UnassignedOut(
                visit_index=i,
                prospect_id=resolved.visits[i].prospect_id,
                appointment_id=resolved.visits[i].appointment_id,
                label=resolved.visits[i].place.label,
                reason=reason,
                message=REASONS_FR[reason],
            )
            for i, reason in sorted(result.unassigned.items())
        ],
        emission_factor=factor_out,
    )


def _baseline(problem: Problem, route: Route) -> tuple[int, int]:
    """Distance and driving of the day's planned visits in the trainee's order: the order of
    the request, the appointments among them in the order of their times (the slots the
    request gives appointments are filled chronologically)."""
    shift = problem.shifts[route.day]
    order = sorted(route.visits)
    slots = [i for i, v in enumerate(order) if problem.visits[v].required]
    chronological = sorted(
        (order[i] for i in slots),
        key=lambda v: min((w.start for w in problem.visits[v].windows), default=0),
    )
    for slot, visit in zip(slots, chronological, strict=True):
        order[slot] = visit
    here, distance, driving = shift.start_location, 0, 0
    for index in order:
        there = problem.visits[index].location
        distance += problem.distances[here][there]
        driving += problem.durations[here][there]
        here = there
    distance += problem.distances[here][shift.end_location]
    driving += problem.durations[here][shift.end_location]
    return distance, driving


def _totals(distance: int, driving: int, visiting: int, factor: Any) -> Totals:
    km = Decimal(distance) / 1000
    co2 = emissions.co2_of(km, factor)
    return Totals(
        km=round(float(km), 3),
        driving_minutes=round(driving / 60, 1),
        visiting_minutes=round(visiting / 60, 1),
        co2_kg=float(co2.total_kg),
        co2_usage_kg=None if co2.usage_kg is None else float(co2.usage_kg),
    )


def _sum(items: list[Totals], factor: Any) -> Totals:
    km = Decimal(str(round(sum(t.km for t in items), 3)))
    co2 = emissions.co2_of(km, factor)
    return Totals(
        km=float(km),
        driving_minutes=round(sum(t.driving_minutes for t in items), 1),
        visiting_minutes=round(sum(t.visiting_minutes for t in items), 1),
        co2_kg=float(co2.total_kg),
        co2_usage_kg=None if co2.usage_kg is None else float(co2.usage_kg),
    )


def attach_phones(session: Session, principal: Principal, plan: TourPlanOut) -> None:
    """Each visit's current phone (one query): the day's stops become click-to-call on a
    phone. Read now rather than stored with the plan, so a corrected or erased number is
    never shown from an old tour."""
    ids = {s.prospect_id for d in plan.days for s in d.stops if s.prospect_id is not None}
    if not ids:
        return
    rows = session.execute(
        ProspectRepository(session, principal)
        .readable_statement()
        .with_only_columns(Prospect.id, Prospect.phone)
        .where(Prospect.id.in_(ids), Prospect.anonymised_at.is_(None))
    ).all()
    phones = {row.id: row.phone for row in rows}
    for day in plan.days:
        for stop in day.stops:
            if stop.prospect_id is not None:
                stop.phone = phones.get(stop.prospect_id)


def _place_out(place: _Place) -> PlaceOut:
    return PlaceOut(
        label=place.label,
        latitude=place.point.latitude,
        longitude=place.point.longitude,
        prospect_id=place.prospect_id,
    )


def _stop_out(stop: Any, resolved: Resolved, moment: Any) -> StopOut:
    if stop.visit == BREAK:
        return StopOut(
            kind="break", label="Pause déjeuner", arrival=moment(stop.arrival),
            start=moment(stop.start), departure=moment(stop.departure), leg_km=0,
            leg_minutes=0,
        )  # fmt: skip
    visit = resolved.visits[stop.visit]
    return StopOut(
        kind="visit",
        visit_index=stop.visit,
        prospect_id=visit.prospect_id,
        appointment_id=visit.appointment_id,
        label=visit.place.label,
        latitude=visit.place.point.latitude,
        longitude=visit.place.point.longitude,
        arrival=moment(stop.arrival),
        start=moment(stop.start),
        departure=moment(stop.departure),
        leg_km=round(stop.leg_distance / 1000, 3),
        leg_minutes=round(stop.leg_duration / 60, 1),
    )


def save(
    session: Session,
    principal: Principal,
    settings: Settings,
    body: TourPlanIn,
    options: solver.Options | None = None,
) -> TourPlanOut:
    """Plan and store: the request as given, the plan as answered, a row per day. The
    plan is computed before SQLite's write lock is taken (the route works first)."""
    planned = plan(session, principal, settings, body, options)
    start_writing(session)
    tour = Tour(
        owner_id=principal.user_id,
        name=planned.name,
        mode=body.mode,
        first_day=body.days[0].date,
        days_count=len(body.days),
        request=body.model_dump(mode="json"),
        plan={},
        matrix_source=planned.matrix_source,
        total_km=Decimal(str(planned.totals.km)),
        baseline_km=Decimal(str(planned.baseline.km)),
        co2_total_kg=Decimal(str(planned.totals.co2_kg)),
        visits_planned=sum(1 for d in planned.days for s in d.stops if s.kind == "visit"),
        visits_unassigned=len(planned.unassigned),
    )
    session.add(tour)
    session.flush()
    planned.id, planned.owner_id = tour.id, tour.owner_id
    tour.plan = planned.model_dump(mode="json")
    for index, day in enumerate(planned.days):
        session.add(
            TourDay(
                tour_id=tour.id,
                day_index=index,
                day=day.date,
                planned_km=Decimal(str(day.totals.km)),
                visits=sum(1 for s in day.stops if s.kind == "visit"),
            )
        )
    session.flush()
    return planned


def _mentions(value: Any, prospect_id: int) -> bool:
    """Whether a stored request or plan names the prospect (a place, visit, stop...)."""
    if isinstance(value, dict):
        return value.get("prospect_id") == prospect_id or any(
            _mentions(item, prospect_id) for item in value.values()
        )
    if isinstance(value, list):
        return any(_mentions(item, prospect_id) for item in value)
    return False


def _repointed(value: Any, old_id: int, new_id: int) -> Any:
    """``value`` (a stored request or plan) with every ``prospect_id`` ``old_id`` made
    ``new_id``: places, visits, stops and unassigned visits alike."""
    if isinstance(value, dict):
        return {
            key: new_id
            if key == "prospect_id" and item == old_id
            else _repointed(item, old_id, new_id)
            for key, item in value.items()
        }
    if isinstance(value, list):
        return [_repointed(item, old_id, new_id) for item in value]
    return value


def tours_visiting(session: Session, owner_id: int, prospect_id: int) -> list[Tour]:
    """The saved tours of ``owner_id``'s file whose request or plan names the prospect."""
    tours = session.scalars(select(Tour).where(Tour.owner_id == owner_id).order_by(Tour.id))
    return [t for t in tours if _mentions(t.request, prospect_id) or _mentions(t.plan, prospect_id)]


def repoint_prospect(session: Session, owner_id: int, old_id: int, new_id: int) -> int:
    """A prospect merged into another (``prospects.merge``): the saved tours of its file
    that visit it (their request and their plan) now visit the kept one; labels and
    positions stay as planned. Returns how many tours changed (each gets a new version)."""
    tours = tours_visiting(session, owner_id, old_id)
    for tour in tours:
        tour.request = _repointed(tour.request, old_id, new_id)
        tour.plan = _repointed(tour.plan, old_id, new_id)
    session.flush()
    return len(tours)
