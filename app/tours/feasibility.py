"""The tour problem, and the product's own scheduler and feasibility checker.

Whatever engine ordered the visits, the times a plan shows are computed here, from the
matrices, and every rule is checked here before a plan is returned (app/tours/README.md):

- a day starts at its start place at the shift's start, ends at its end place by the shift's
  end; travel times come from the duration matrix;
- a visit starts inside one of its time windows (the trainee waits when early) and lasts its
  service time;
- the lunch break, when the day has one, is taken whole inside its window, between two stops
  (at the place just left), and the day's route takes it if it has any visit;
- the driving time of a day stays under its maximum, when one is set.

Times are integer seconds from the plan's epoch (midnight of its first day, local time);
distances integer metres.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Window:
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Visit:
    location: int  # index in the matrices
    service: int  # seconds on site
    windows: tuple[Window, ...] = ()  # when the visit may start; empty: any time of a shift
    priority: int = 3  # 1 (low) … 5 (high)
    required: bool = False  # an appointment: kept before any priority


@dataclass(frozen=True, slots=True)
class Lunch:
    window: Window  # the break starts and ends inside it
    duration: int


@dataclass(frozen=True, slots=True)
class Shift:
    """One day of the plan (one route)."""

    start_location: int
    end_location: int
    start: int
    end: int
    lunch: Lunch | None = None
    max_driving: int | None = None


@dataclass(frozen=True, slots=True)
class Problem:
    distances: Sequence[Sequence[int]]
    durations: Sequence[Sequence[int]]
    visits: Sequence[Visit]
    shifts: Sequence[Shift]


BREAK = -1  # the lunch break in a route's order
# A shift end meaning "no end": problems given as a bare matrix (TSPLIB) have no hours.
UNBOUNDED = 2**62


@dataclass(slots=True)
class Stop:
    visit: int  # index in problem.visits, or BREAK
    arrival: int
    start: int
    departure: int
    leg_distance: int  # from the previous stop (0 for the break: taken where one is)
    leg_duration: int


@dataclass(slots=True)
class Route:
    day: int
    stops: list[Stop] = field(default_factory=list)
    departure: int = 0  # from the start place
    arrival: int = 0  # at the end place
    distance: int = 0  # metres, end leg included
    driving: int = 0  # seconds
    visiting: int = 0  # seconds on site
    waiting: int = 0  # seconds waited before windows
    end_leg_distance: int = 0
    end_leg_duration: int = 0

    @property
    def visits(self) -> list[int]:
        return [s.visit for s in self.stops if s.visit != BREAK]


class Infeasible(Exception):
    """A rule a route breaks; ``code`` names it (stable, for reasons and tests)."""

    def __init__(self, code: str, detail: str) -> None:
        super().__init__(detail)
        self.code = code
        self.detail = detail


def _window_start(visit: Visit, arrival: int) -> int | None:
    """When the visit can start for an arrival at ``arrival`` (None: no window left)."""
    if not visit.windows:
        return arrival
    for window in sorted(visit.windows, key=lambda w: w.start):
        if arrival <= window.end:
            return max(arrival, window.start)
    return None


def schedule(problem: Problem, day: int, order: Sequence[int]) -> Route:
    """Times of the route visiting ``order`` (visit indices, with BREAK where the lunch is
    taken) on shift ``day``; raises Infeasible naming the first rule broken.

    The break at its place in the order is taken either before driving to the next stop (at
    the place just left) or on arriving there, before the visit (using the wait for its
    window): whichever lets the next visit start first."""
    shift = problem.shifts[day]
    dist, dur = problem.distances, problem.durations
    route = Route(day=day, departure=shift.start)
    here, clock = shift.start_location, shift.start
    breaks = sum(1 for v in order if v == BREAK)
    if breaks > 1:
        raise Infeasible("break_repeated", "la pause déjeuner est prévue deux fois")
    if shift.lunch is None and breaks:
        raise Infeasible("break_unexpected", "pas de pause déjeuner ce jour-là")
    pending_break = False
    for index in order:
        if index == BREAK:
            pending_break = True
            continue
        visit = problem.visits[index]
        leg_d, leg_t = dist[here][visit.location], dur[here][visit.location]
        if pending_break:  # ``arrival``: at the place and free to start
            arrival = _break_then(route, shift, clock, leg_t, visit)
            pending_break = False
        else:
            arrival = clock + leg_t
        start_at = _window_start(visit, arrival)
        if start_at is None:
            raise Infeasible("window_unreachable", f"visite {index} : arrivée après sa plage")
        route.waiting += start_at - arrival
        route.stops.append(Stop(index, arrival, start_at, start_at + visit.service, leg_d, leg_t))
        route.distance += leg_d
        route.driving += leg_t
        route.visiting += visit.service
        clock = start_at + visit.service
        here = visit.location
    route.end_leg_distance = dist[here][shift.end_location]
    route.end_leg_duration = dur[here][shift.end_location]
    route.distance += route.end_leg_distance
    route.driving += route.end_leg_duration
    if pending_break:  # the last thing before going home (or on arriving there)
        route.arrival = _break_then(route, shift, clock, route.end_leg_duration, None)
    else:
        route.arrival = clock + route.end_leg_duration
    if route.arrival > shift.end:
        raise Infeasible("day_too_full", "la journée finit après l'heure de fin")
    if shift.max_driving is not None and route.driving > shift.max_driving:
        raise Infeasible("max_driving", "temps de conduite maximal dépassé")
    if shift.lunch is not None and route.visits and not breaks:
        raise Infeasible("break_missing", "la pause déjeuner manque")
    return route


def _break_then(route: Route, shift: Shift, clock: int, leg: int, visit: Visit | None) -> int:
    """Take the lunch break between the place left at ``clock`` and the next one (``leg``
    seconds away; ``visit`` there, None for the end place): append the break's stop and
    return when the traveller is at the next place, ready (arrival or end of the break)."""
    lunch = shift.lunch
    assert lunch is not None
    # Before driving: the break starts as soon as its window allows.
    before_start = max(clock, lunch.window.start)
    ready_before = before_start + lunch.duration + leg
    # On arriving: the break starts on arrival (or when its window opens).
    after_start = max(clock + leg, lunch.window.start)
    ready_after = after_start + lunch.duration
    options = []
    if before_start + lunch.duration <= lunch.window.end:
        options.append((_ready(visit, ready_before), before_start, clock))
    if after_start + lunch.duration <= lunch.window.end:
        options.append((_ready(visit, ready_after), after_start, clock + leg))
    if not options:
        raise Infeasible("break_window", "la pause déjeuner ne tient pas dans sa plage")
    _, start, arrival = min(options)
    route.waiting += start - arrival
    route.stops.append(Stop(BREAK, arrival, start, start + lunch.duration, 0, 0))
    return ready_before if start == before_start and arrival == clock else ready_after


def _ready(visit: Visit | None, ready: int) -> int:
    """When the next visit could start if the traveller is there and free at ``ready``
    (a large number when its windows are past)."""
    if visit is None:
        return ready
    start = _window_start(visit, ready)
    return start if start is not None else 2**62


def check(problem: Problem, routes: Sequence[Route]) -> list[str]:
    """Every rule, checked again on finished routes (times as given, not recomputed):
    the list of violations, empty when the plan is feasible."""
    problems: list[str] = []
    seen: set[int] = set()
    for route in routes:
        try:
            again = schedule(problem, route.day, [s.visit for s in route.stops])
        except Infeasible as exc:
            problems.append(f"jour {route.day}: {exc.detail}")
            continue
        if [(s.arrival, s.start, s.departure) for s in again.stops] != [
            (s.arrival, s.start, s.departure) for s in route.stops
        ] or (again.arrival, again.distance, again.driving) != (
            route.arrival,
            route.distance,
            route.driving,
        ):
            problems.append(f"jour {route.day}: horaires incohérents avec les matrices")
        for index in route.visits:
            if index in seen:
                problems.append(f"visite {index} planifiée deux fois")
            seen.add(index)
    return problems


def best_with_lunch(problem: Problem, day: int, visits: Sequence[int]) -> Route:
    """The route visiting ``visits`` in this order with the lunch break at its best place
    (the earliest return, then the least waiting); the plain route when the day has no
    lunch. Raises the Infeasible of the last position tried when none works."""
    if problem.shifts[day].lunch is None or not visits:
        return schedule(problem, day, visits)
    best: Route | None = None
    failure: Infeasible | None = None
    for position in range(len(visits) + 1):
        order = [*visits[:position], BREAK, *visits[position:]]
        try:
            route = schedule(problem, day, order)
        except Infeasible as exc:
            failure = exc
            continue
        if best is None or (route.arrival, route.waiting) < (best.arrival, best.waiting):
            best = route
    if best is None:
        assert failure is not None
        raise failure
    return best
