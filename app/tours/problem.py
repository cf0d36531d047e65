"""One way from a plan request to the solver's problem (``feasibility.Problem``).

1. ``resolve`` checks a request (``TourPlanIn``) and finds every place: each day's hours,
   start and end places (a prospect, coordinates or the trainee's base), each visit's place,
   duration and windows (an appointment is a fixed time on its day) — 422 naming the item on
   any fault. A saved tour is not resolved again: ``from_saved`` reads the resolution its
   stored plan kept (places and durations as planned, the request's hours, lunch and
   windows), so a prospect moved or erased since does not change a saved tour.
2. ``build`` turns the resolved request into the problem of the whole plan (the matrices of
   its distinct places, one shift per day, one visit per requested visit); ``build_day``
   turns one day of a plan (its visits in the plan's order) and extra places to try into the
   problem of that day alone: what the fill-the-day suggestions insert into.

Both use the same shifts (hours, lunch, driving limit) and the same visits (service time,
windows, priority, appointment flag). Times: the request's local times are in
``CAPVENTE_TIMEZONE``; a problem counts seconds from its first day's local midnight
(``Clock``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from app.config import Settings
from app.core.errors import FieldError
from app.core.principal import Principal
from app.models import Prospect, TransportMode
from app.tours import repository
from app.tours.feasibility import BREAK, Lunch, Problem, Route, Shift, Visit, Window
from app.tours.matrix import Matrix, MatrixProvider, Point
from app.tours.schemas import (
    DEFAULT_VISIT_MINUTES,
    DayIn,
    PlaceIn,
    TourPlanIn,
    TourPlanOut,
    VisitIn,
    WindowIn,
)

#: The priority of an appointment (the solver keeps appointments before any priority).
APPOINTMENT_PRIORITY = 5


@dataclass(frozen=True)
class Place:
    point: Point
    label: str
    prospect_id: int | None = None


@dataclass(frozen=True)
class ResolvedVisit:
    place: Place
    minutes: int
    windows: tuple[tuple[datetime, datetime], ...]  # when it may start; empty: any time
    priority: int
    appointment_id: int | None = None
    prospect_id: int | None = None

    @property
    def required(self) -> bool:
        """An appointment: kept before any priority, at its time."""
        return self.appointment_id is not None


@dataclass(frozen=True)
class ResolvedDay:
    date: date
    start: datetime  # working hours, local
    end: datetime
    origin: Place  # where the day starts
    home: Place  # where it ends


@dataclass(frozen=True)
class LunchBreak:
    """The lunch range (local times, the same every day) and its length."""

    start: time
    end: time
    minutes: int


@dataclass(frozen=True)
class Resolved:
    mode: TransportMode
    zone: ZoneInfo
    days: list[ResolvedDay]
    visits: list[ResolvedVisit]
    lunch: LunchBreak | None  # None: no break (none asked, or of zero minutes)
    max_driving_minutes: int | None


def aware(moment: datetime, zone: ZoneInfo) -> datetime:
    """``moment`` with ``zone`` when the client sent a naive local time."""
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=zone)


# ------------------------------------------------------------------ resolving a request


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
    base: Place | None = None
    base_loaded = False
    days = []
    previous: date | None = None
    for i, day in enumerate(body.days):
        if previous is not None and day.date <= previous:
            raise FieldError(f"days[{i}].date", "Les jours doivent être distincts et en ordre.")
        previous = day.date
        start, end = _hours(day.date, day, body, zone)
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
        days.append(ResolvedDay(day.date, start, end, first, last))
    visits = [
        _visit(session, principal, zone, v, i) for i, v in enumerate(body.visits)
    ]  # fmt: skip
    return Resolved(body.mode, zone, days, visits, _lunch(body), body.max_driving_minutes)


def from_saved(zone: ZoneInfo, request: TourPlanIn, plan: TourPlanOut) -> Routed:
    """A saved tour as its plan resolved it, and the order the plan gives each day: the
    request's hours, lunch, driving limit and windows; the places, labels and durations of
    the stored plan (the request's visits it left out have no place there: the resolution
    holds the planned visits only, in the plan's order)."""
    visits: list[ResolvedVisit] = []
    routes: list[list[PlannedVisit]] = []
    for day in plan.days:
        route = []
        for stop in day.stops:
            if stop.kind != "visit":
                continue
            asked = request.visits[stop.visit_index or 0]
            windows = (
                ((stop.start, stop.start),)
                if stop.appointment_id is not None
                else _windows(asked.windows, zone)
            )
            route.append(PlannedVisit(len(visits), stop.start))
            visits.append(
                ResolvedVisit(
                    Place(
                        Point(stop.latitude or 0, stop.longitude or 0), stop.label, stop.prospect_id
                    ),
                    int((stop.departure - stop.start).total_seconds()) // 60,
                    windows,
                    APPOINTMENT_PRIORITY if stop.appointment_id is not None else asked.priority,
                    stop.appointment_id,
                    stop.prospect_id,
                )
            )
        routes.append(route)
    days = []
    for day_out, day_in in zip(plan.days, request.days, strict=True):
        start, end = _hours(day_out.date, day_in, request, zone)
        origin, home = day_out.start, day_out.end
        days.append(
            ResolvedDay(
                day_out.date,
                start,
                end,
                Place(Point(origin.latitude, origin.longitude), origin.label, origin.prospect_id),
                Place(Point(home.latitude, home.longitude), home.label, home.prospect_id),
            )
        )
    visited = {s.prospect_id for d in plan.days for s in d.stops if s.prospect_id is not None} | {
        u.prospect_id for u in plan.unassigned if u.prospect_id is not None
    }
    resolved = Resolved(
        request.mode, zone, days, visits, _lunch(request), request.max_driving_minutes
    )
    return Routed(resolved, routes, frozenset(visited))


def _lunch(body: TourPlanIn) -> LunchBreak | None:
    if body.lunch is None or body.lunch.duration_minutes <= 0:
        return None
    return LunchBreak(body.lunch.start, body.lunch.end, body.lunch.duration_minutes)


def _minutes(a: time, b: time) -> int:
    return (b.hour * 60 + b.minute) - (a.hour * 60 + a.minute)


def _hours(day: date, given: DayIn, body: TourPlanIn, zone: ZoneInfo) -> tuple[datetime, datetime]:
    start = datetime.combine(day, given.start_time or body.work_start, zone)
    end = datetime.combine(day, given.end_time or body.work_end, zone)
    return start, end


def _windows(windows: Sequence[WindowIn], zone: ZoneInfo) -> tuple[tuple[datetime, datetime], ...]:
    return tuple((aware(w.start, zone), aware(w.end, zone)) for w in windows)


def _place(
    session: Session, principal: Principal, place: PlaceIn | None, where: str
) -> Place | None:
    """A start or end place; None means the trainee's base."""
    if place is None or (
        place.prospect_id is None and place.latitude is None and place.longitude is None
    ):
        return None
    if place.prospect_id is not None:
        prospect = _prospect(session, principal, place.prospect_id, f"{where}.prospect_id")
        return Place(_point(prospect), place.label or prospect.name, prospect.id)
    if place.latitude is None or place.longitude is None:
        raise FieldError(where, "Indiquez la latitude et la longitude ensemble.")
    return Place(Point(place.latitude, place.longitude), place.label or "Lieu")


def _prospect(session: Session, principal: Principal, prospect_id: int, where: str) -> Prospect:
    prospect = repository.visitable_prospect(session, principal, prospect_id)
    if prospect is None:
        raise FieldError(where, f"Prospect {prospect_id} inconnu dans votre fichier.")
    if prospect.latitude is None or prospect.longitude is None:
        raise FieldError(
            where, f"Le prospect {prospect_id} ({prospect.name}) n'a pas de coordonnées."
        )
    return prospect


def _point(prospect: Prospect) -> Point:
    return Point(prospect.latitude or 0, prospect.longitude or 0)


def _base(session: Session, principal: Principal) -> Place | None:
    base = repository.base_of(session, principal.user_id)
    if base is None:
        return None
    return Place(Point(base.latitude, base.longitude), base.label)


def _visit(
    session: Session, principal: Principal, zone: ZoneInfo, visit: VisitIn, i: int
) -> ResolvedVisit:
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
    windows = _windows(visit.windows, zone)
    for k, (start, end) in enumerate(windows):
        if end < start:
            raise FieldError(f"{where}.windows[{k}].end", "Le créneau finit avant de commencer.")
    minutes = visit.duration_minutes
    if visit.appointment_id is not None:
        appointment = repository.visitable_appointment(session, principal, visit.appointment_id)
        if appointment is None:
            raise FieldError(
                f"{where}.appointment_id", f"Rendez-vous {visit.appointment_id} inconnu."
            )
        prospect = repository.prospect(session, appointment.prospect_id)
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
        return ResolvedVisit(
            Place(Point(lat, lon), label, appointment.prospect_id),
            appointment.duration_minutes if minutes is None else minutes,
            ((starts, starts),),  # an appointment is a fixed time
            APPOINTMENT_PRIORITY,
            appointment.id,
            appointment.prospect_id,
        )
    if visit.prospect_id is not None:
        prospect = _prospect(session, principal, visit.prospect_id, f"{where}.prospect_id")
        return ResolvedVisit(
            Place(_point(prospect), visit.label or prospect.name, prospect.id),
            DEFAULT_VISIT_MINUTES if minutes is None else minutes,
            windows,
            visit.priority,
            None,
            prospect.id,
        )
    if visit.latitude is None or visit.longitude is None:
        raise FieldError(where, "Indiquez la latitude et la longitude ensemble.")
    return ResolvedVisit(
        Place(Point(visit.latitude, visit.longitude), visit.label or f"Visite {i + 1}"),
        DEFAULT_VISIT_MINUTES if minutes is None else minutes,
        windows,
        visit.priority,
    )


# ------------------------------------------------------------------ building the problem


@dataclass(frozen=True)
class Clock:
    """A problem's time: integer seconds from ``epoch`` (a local midnight)."""

    zone: ZoneInfo
    epoch: datetime

    @classmethod
    def at(cls, day: date, zone: ZoneInfo) -> Clock:
        return cls(zone, datetime.combine(day, time(0), zone))

    def seconds(self, moment: datetime) -> int:
        """Wall-clock seconds in the plan's zone: a moment stored in UTC (an appointment) and
        a local time (the day's hours) count alike across a clock change, as ``moment``
        reads them back (Python subtracts two times of one zone as wall-clock times)."""
        return int((moment.astimezone(self.zone) - self.epoch).total_seconds())

    def moment(self, value: int) -> datetime:
        return (self.epoch + timedelta(seconds=value)).astimezone(self.zone)


@dataclass(frozen=True)
class Built:
    problem: Problem
    clock: Clock
    matrix: Matrix  # its source and warnings are the plan's


@dataclass(frozen=True)
class PlannedVisit:
    """A visit in a day's order: its index in ``Resolved.visits``, when the plan starts it."""

    visit: int
    start: datetime


@dataclass(frozen=True)
class Routed:
    """A resolved request and the order a plan gives each day's visits: what the
    suggestions insert into. ``visited``: the prospects the plan visits or left out."""

    resolved: Resolved
    routes: list[list[PlannedVisit]]
    visited: frozenset[int]


def build(resolved: Resolved, provider: MatrixProvider) -> Built:
    """The whole plan's problem: the matrices of the distinct places (each day's start and
    end, then the visits), a shift per day, a visit per requested visit (same indexes)."""
    clock = Clock.at(resolved.days[0].date, resolved.zone)
    points: list[Point] = []
    index_of: dict[tuple[float, float], int] = {}

    def index(place: Place) -> int:
        key = (round(place.point.latitude, 6), round(place.point.longitude, 6))
        if key not in index_of:
            index_of[key] = len(points)
            points.append(place.point)
        return index_of[key]

    day_places = [(index(day.origin), index(day.home)) for day in resolved.days]
    visit_points = [index(v.place) for v in resolved.visits]
    matrix = provider.matrix(points, resolved.mode)
    shifts = [
        _shift(resolved, day, first, last, clock)
        for day, (first, last) in zip(resolved.days, day_places, strict=True)
    ]
    visits = [
        _problem_visit(v, location, _windows_s(v.windows, clock))
        for v, location in zip(resolved.visits, visit_points, strict=True)
    ]
    return Built(Problem(*_rounded(matrix), visits, shifts), clock, matrix)


def build_day(
    resolved: Resolved,
    day_index: int,
    planned: Sequence[PlannedVisit],
    extra: Sequence[Point],
    provider: MatrixProvider,
    extra_minutes: int = DEFAULT_VISIT_MINUTES,
) -> Built:
    """One day of a plan alone: locations 0 (the day's start), 1… (its planned visits, in
    the plan's order, appointments fixed at the time the plan gives them), the day's end,
    then ``extra`` (visits of ``extra_minutes`` with no window, after the planned ones).
    Its clock starts at that day's midnight."""
    day = resolved.days[day_index]
    clock = Clock.at(day.date, resolved.zone)
    places = [
        day.origin.point,
        *(resolved.visits[p.visit].place.point for p in planned),
        day.home.point,
    ]
    matrix = provider.matrix([*places, *extra], resolved.mode)
    visits = []
    for location, item in enumerate(planned, start=1):
        visit = resolved.visits[item.visit]
        if visit.required:
            windows: tuple[Window, ...] = (
                Window(clock.seconds(item.start), clock.seconds(item.start)),
            )
        else:
            windows = _windows_s(visit.windows, clock)
        visits.append(_problem_visit(visit, location, windows))
    visits += [Visit(len(places) + k, extra_minutes * 60) for k in range(len(extra))]
    shift = _shift(resolved, day, 0, len(places) - 1, clock)
    return Built(Problem(*_rounded(matrix), visits, [shift]), clock, matrix)


def routed(resolved: Resolved, built: Built, routes: Sequence[Route]) -> Routed:
    """``resolved`` with the order a plan of ``built`` gives each day (solver routes)."""
    return Routed(
        resolved,
        [
            [
                PlannedVisit(s.visit, built.clock.moment(s.start))
                for s in r.stops
                if s.visit != BREAK
            ]
            for r in routes
        ],
        frozenset(v.prospect_id for v in resolved.visits if v.prospect_id is not None),
    )


def _rounded(matrix: Matrix) -> tuple[list[list[int]], list[list[int]]]:
    return (
        [[round(x) for x in row] for row in matrix.distances_m],
        [[round(x) for x in row] for row in matrix.durations_s],
    )


def _windows_s(windows: Sequence[tuple[datetime, datetime]], clock: Clock) -> tuple[Window, ...]:
    return tuple(Window(clock.seconds(a), clock.seconds(b)) for a, b in windows)


def _problem_visit(visit: ResolvedVisit, location: int, windows: tuple[Window, ...]) -> Visit:
    return Visit(location, visit.minutes * 60, windows, visit.priority, visit.required)


def _shift(resolved: Resolved, day: ResolvedDay, first: int, last: int, clock: Clock) -> Shift:
    lunch = None
    if resolved.lunch is not None:
        lunch = Lunch(
            Window(
                clock.seconds(datetime.combine(day.date, resolved.lunch.start, resolved.zone)),
                clock.seconds(datetime.combine(day.date, resolved.lunch.end, resolved.zone)),
            ),
            resolved.lunch.minutes * 60,
        )
    driving = resolved.max_driving_minutes * 60 if resolved.max_driving_minutes else None
    return Shift(first, last, clock.seconds(day.start), clock.seconds(day.end), lunch, driving)
