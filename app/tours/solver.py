"""Tour optimisation: the strongest combination of engines that honours every constraint.

Measured on this project's machines (bench/tsplib.py, bench/RESULTS.md): PyVRP (hybrid
genetic search) finds far better orders than VROOM (+0.1–0.3 % from the TSPLIB optima against
+1.9 %), but has no lunch break nor driving-time limit; VROOM has both built in. So:

1. PyVRP orders the visits over the days (time windows, shifts with their own start and end
   places, optional visits with prizes by priority), the shift shortened by the lunch break.
   Two seeds run at once in two processes (the machine's two cores), the best is kept.
   Without lunch breaks and driving limits PyVRP models everything: its plan is the plan
   (VROOM runs only if PyVRP finds nothing feasible).
2. Otherwise VROOM starts from PyVRP's routes (its "steps") and repairs/improves them with
   the lunch break, the driving-time limit and the priorities built in; VROOM alone is a
   second candidate, and PyVRP's routes with the break put at its best place a third.
3. Every candidate is scheduled and checked by ``feasibility`` (the product's own rules); the
   feasible one that keeps the most priority (appointments first), then drives the least, is
   the plan. Unserved visits get a reason: ``window_unreachable`` (not even alone in a day),
   ``max_driving`` (alone, it breaks the driving limit), ``day_too_full`` (it fits alone,
   not with the others).
"""

from __future__ import annotations

import itertools
import multiprocessing
import threading
import time
import warnings
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

import fast_tsp
import vroom
from pyvrp import Model
from pyvrp.exceptions import PenaltyBoundWarning
from pyvrp.stop import MaxIterations, MaxRuntime, MultipleCriteria, NoImprovement

from app.tours.feasibility import (
    BREAK,
    UNBOUNDED,
    Infeasible,
    Problem,
    Route,
    Shift,
    best_with_lunch,
    check,
    schedule,
)

# Priority weights: an appointment outweighs any number of ordinary visits it could displace
# in a day; a priority-5 visit outweighs any priority-1 ones... within reason (a day holds
# tens of visits, not thousands).
REQUIRED_WEIGHT = 10_000
PRIORITY_WEIGHT = {1: 1, 2: 3, 3: 9, 4: 27, 5: 81}
# PyVRP's prize of a visit, per weight unit, in metres of driving: a priority-1 visit is worth
# a 30 km detour, a priority-5 one 81 times that (kept whenever it fits). Appointments get
# APPOINTMENT_PRIZE (prizes of 10^11 left PyVRP's search stuck in infeasible solutions: its
# time-window penalties could not compete).
PRIZE_UNIT = 30_000
APPOINTMENT_PRIZE = 1_000 * PRIZE_UNIT
# VROOM maximises the sum of priorities (0–100) before its cost: ordinary visits stay small so
# that no handful of them outweighs an appointment (100).
VROOM_PRIORITY = {1: 1, 2: 2, 3: 4, 4: 8, 5: 16}
# Budget sharing (bench/tours_large.py, bench/tours_week.py): the wall time outside the
# searches grows with the visits (model built in the worker, the plan scheduled and checked).
MARGIN_S = 0.25
MARGIN_PER_VISIT_S = 0.0015
MIN_SEARCH_S = 0.2
PYVRP_SHARE = 0.6
# Polishing each day's order as a travelling-salesman path (fast-tsp: Or-opt and
# Lin-Kernighan moves, exact up to 20 visits): a share of the budget, at most POLISH_MAX_S.
TSP_EXACT = 20
POLISH_SHARE = 0.2
POLISH_MAX_S = 0.5
POLISH_SMALL_S = 0.02
TSP_MAX_DISTANCE = 60_000  # fast-tsp's distances are 16-bit: scaled below this
TSP_FAR = 65_535
NO_IMPROVEMENT = 20_000


@dataclass(frozen=True)
class Options:
    """How long and how hard the solver searches.

    ``budget_s`` is the wall-clock time a plan may take, both engines included; the
    searches share it (``search_times``) instead of stopping after a fixed number of
    iterations, so a large day gets the whole budget and a small one stops as soon as
    ``no_improvement`` iterations bring nothing better. Each PyVRP run has a fixed seed: a
    run that stops on ``no_improvement`` or ``max_iterations`` is reproducible; one that
    stops on the clock depends on the machine's speed (fewer iterations, not a longer wait).
    """

    budget_s: float = 3.0  # the whole solve, wall clock
    time_limit_s: float | None = None  # PyVRP's search per seed; None: from the budget
    seeds: tuple[int, ...] = (1, 2)  # run in parallel processes when more than one
    max_iterations: int | None = None  # deterministic stop (tests), with the time limit
    no_improvement: int | None = NO_IMPROVEMENT  # PyVRP stops after so many in vain
    vroom_exploration: int = 5
    vroom_timeout_s: float | None = None  # VROOM answers its best so far; None: from budget

    def search_times(self, problem: Problem) -> Budget:
        """How the budget is shared between the searches.

        A margin for building the model and checking the plan comes off first, then the
        polishing of the days' orders (``polish``, when a day may hold more visits than
        the exact solver's 20). What PyVRP models alone (no lunch break nor driving limit)
        gives PyVRP the rest; otherwise PyVRP gets ``PYVRP_SHARE`` of it and the two VROOM
        runs that follow share what is left."""
        n = len(problem.visits)
        margin = MARGIN_S + MARGIN_PER_VISIT_S * n
        available = max(MIN_SEARCH_S, self.budget_s - margin)
        polish = min(POLISH_MAX_S, POLISH_SHARE * available) if n > TSP_EXACT else POLISH_SMALL_S
        available = max(MIN_SEARCH_S, available - polish)
        complete = _pyvrp_complete(problem)
        pyvrp = available if complete else available * PYVRP_SHARE
        vroom_cap = available if complete else max(MIN_SEARCH_S, (available - pyvrp) / 2)
        return Budget(
            self.time_limit_s if self.time_limit_s is not None else pyvrp,
            self.vroom_timeout_s if self.vroom_timeout_s is not None else vroom_cap,
            polish,
        )


@dataclass(frozen=True)
class Budget:
    pyvrp_s: float  # PyVRP's search, per seed (the seeds run at once)
    vroom_s: float  # each VROOM run's cap
    polish_s: float  # reordering every day's visits (all days together)


@dataclass
class Plan:
    routes: list[Route]
    unassigned: dict[int, str] = field(default_factory=dict)  # visit → reason code
    engine: str = ""

    @property
    def distance(self) -> int:
        return sum(r.distance for r in self.routes)


def weight(problem: Problem, index: int) -> int:
    visit = problem.visits[index]
    return REQUIRED_WEIGHT if visit.required else PRIORITY_WEIGHT[visit.priority]


def _score(problem: Problem, plan: Plan) -> tuple[int, int]:
    """Higher is better: kept weight, then less driving."""
    kept = sum(weight(problem, v) for r in plan.routes for v in r.visits)
    return kept, -plan.distance


# ------------------------------------------------------------------ PyVRP


def _pyvrp_orders(
    problem_data: dict[str, Any],
    time_limit_s: float,
    seed: int,
    max_iterations: int | None,
    no_improvement: int | None = None,
) -> tuple[int | None, list[list[int]]]:
    """Runs in a worker process: (cost, or None when PyVRP found nothing feasible; visit
    order per day)."""
    distances = problem_data["distances"]
    durations = problem_data["durations"]
    visits = problem_data["visits"]
    shifts = problem_data["shifts"]
    model = Model()
    depot_of: dict[int, Any] = {}
    for shift in shifts:
        for location in (shift["start_location"], shift["end_location"]):
            if location not in depot_of:
                depot_of[location] = model.add_depot(model.add_location(x=0, y=0))
    for shift in shifts:
        lunch = shift["lunch_duration"]
        timed = {}
        if shift["end"] < UNBOUNDED:  # an unbounded shift: PyVRP's defaults (faster search)
            timed = {
                "tw_early": shift["start"],
                "tw_late": shift["end"],
                "shift_duration": max(0, shift["end"] - shift["start"] - lunch),
            }
        model.add_vehicle_type(
            num_available=1,
            start_depot=depot_of[shift["start_location"]],
            end_depot=depot_of[shift["end_location"]],
            **timed,
            unit_distance_cost=1,
            name=f"day{shift['day']}",
        )
    client_location: list[int] = []
    for visit in visits:
        windows = visit["windows"]
        # PyVRP models one window: the span of the visit's windows (the product's checker
        # refuses a start between two of them). No window: PyVRP's defaults, which it
        # recognises (an explicit huge window slows its search: +0.33 % against +0.15 % mean
        # gap on TSPLIB).
        bounds = {}
        if windows:
            bounds = {"tw_early": min(w[0] for w in windows), "tw_late": max(w[1] for w in windows)}
        model.add_client(
            model.add_location(x=0, y=0),
            service_duration=visit["service"],
            **bounds,
            prize=visit["prize"],
            required=visit["required"],
        )
        client_location.append(visit["location"])
    # Locations: the depots first (in creation order), then the clients.
    matrix_index = [*depot_of.keys(), *client_location]
    locations = model.locations
    for i, a in enumerate(locations):
        for j, b in enumerate(locations):
            if i != j:
                mi, mj = matrix_index[i], matrix_index[j]
                model.add_edge(a, b, distance=distances[mi][mj], duration=durations[mi][mj])
    criteria: list[Any] = [MaxRuntime(time_limit_s)]
    if max_iterations is not None:
        criteria.append(MaxIterations(max_iterations))
    if no_improvement is not None:
        criteria.append(NoImprovement(no_improvement))
    stop: Any = criteria[0] if len(criteria) == 1 else MultipleCriteria(criteria)
    with warnings.catch_warnings():  # no feasible solution is an answer here, not a warning
        warnings.simplefilter("ignore", PenaltyBoundWarning)
        result = model.solve(stop=stop, seed=seed, display=False, collect_stats=False)
    orders: list[list[int]] = [[] for _ in shifts]
    for route in result.best.routes():
        orders[route.vehicle_type()] = [int(a.idx) for a in route if a.is_client()]
    if not result.best.is_feasible():
        return None, orders
    return int(result.cost()), orders


_pool: ProcessPoolExecutor | None = None
_pool_lock = threading.Lock()


def _executor() -> ProcessPoolExecutor:
    """Two worker processes for parallel seeds (PyVRP holds the GIL: threads would not run
    at once). Created on first use; ``spawn`` keeps the server's threads and sockets out."""
    global _pool
    with _pool_lock:
        if _pool is None:
            _pool = ProcessPoolExecutor(2, mp_context=multiprocessing.get_context("spawn"))
        return _pool


def warm_up() -> None:
    """Start both worker processes and import this module in each (~1 s, once): a task
    that lasts a moment each, so that one worker cannot take both."""
    list(_executor().map(_pause, [0.3, 0.3]))


def _pause(seconds: float) -> float:
    time.sleep(seconds)
    return seconds


def pyvrp_orders(problem: Problem, options: Options) -> list[list[int]] | None:
    """PyVRP's best routes (visit indices per day), None when it found nothing feasible.

    Appointments are required when they can all be kept (``_appointments_fit``): a required
    visit is a much easier search for PyVRP than a prize (TSPLIB: +0.44 % mean gap with
    prizes, +0.15 % required). Otherwise, or if PyVRP then finds nothing feasible, they are
    optional with ``APPOINTMENT_PRIZE``."""
    required = _appointments_fit(problem)
    search_s = options.search_times(problem).pyvrp_s
    started = time.perf_counter()
    found = _pyvrp_run(problem, options, search_s, required=required)
    if found is None and required:  # the second run has what the first left of the time
        left = max(MIN_SEARCH_S, search_s - (time.perf_counter() - started))
        found = _pyvrp_run(problem, options, left, required=False)
    return found


def _pyvrp_run(
    problem: Problem, options: Options, search_s: float, *, required: bool
) -> list[list[int]] | None:
    data = {
        "distances": [list(row) for row in problem.distances],
        "durations": [list(row) for row in problem.durations],
        "visits": [
            {
                "location": v.location,
                "service": v.service,
                "windows": [(w.start, w.end) for w in v.windows],
                "prize": APPOINTMENT_PRIZE if v.required else weight(problem, i) * PRIZE_UNIT,
                "required": required and v.required,
            }
            for i, v in enumerate(problem.visits)
        ],
        "shifts": [
            {
                "day": day,
                "start_location": s.start_location,
                "end_location": s.end_location,
                "start": s.start,
                "end": s.end,
                "lunch_duration": s.lunch.duration if s.lunch else 0,
            }
            for day, s in enumerate(problem.shifts)
        ],
    }
    runs = [
        (data, search_s, seed, options.max_iterations, options.no_improvement)
        for seed in options.seeds
    ]
    if len(runs) == 1:
        results = [_pyvrp_orders(*runs[0])]
    else:
        results = list(_executor().map(_pyvrp_orders, *zip(*runs, strict=True)))
    feasible = [r for r in results if r[0] is not None]
    if not feasible:
        return None
    return min(feasible, key=lambda r: r[0] or 0)[1]


# ------------------------------------------------------------------ VROOM


def vroom_orders(
    problem: Problem, options: Options, initial: Sequence[Sequence[int]] | None = None
) -> list[list[int]] | None:
    """VROOM's routes (visit indices, with BREAK where its lunch break falls), from the
    ``initial`` routes when given (None if VROOM refuses them)."""
    data = vroom.Input()
    data.set_durations_matrix("car", [list(row) for row in problem.durations])
    data.set_costs_matrix("car", [list(row) for row in problem.distances])
    for index, visit in enumerate(problem.visits):
        data.add_job(
            vroom.Job(
                index + 1,
                location=vroom.LocationIndex(visit.location),
                default_service=visit.service,
                priority=100 if visit.required else VROOM_PRIORITY[visit.priority],
                time_windows=[vroom.TimeWindow(w.start, w.end) for w in visit.windows],
            )
        )
    for day, shift in enumerate(problem.shifts):
        data.add_vehicle(_vroom_vehicle(day, shift, initial[day] if initial else None))
    try:
        solution = data.solve(
            exploration_level=options.vroom_exploration,
            nb_threads=2,
            timeout=timedelta(seconds=options.search_times(problem).vroom_s),
        )
    except vroom._vroom.VroomInputException:
        if not initial:
            raise
        # A starting route VROOM finds infeasible (its lunch break is taken on arriving at
        # the next task only, ours also before leaving): no seeded candidate then.
        return None
    orders: list[list[int]] = [[] for _ in problem.shifts]
    routes = solution.routes
    for row in routes.itertuples(index=False):
        kind = str(row.type)
        if kind == "job":
            orders[int(row.vehicle_id) - 1].append(int(row.id) - 1)
        elif kind == "break":
            orders[int(row.vehicle_id) - 1].append(BREAK)
    for order in orders:  # a day VROOM left empty keeps no break
        if order and all(v == BREAK for v in order):
            order.clear()
    return orders


def _vroom_vehicle(day: int, shift: Shift, steps: Sequence[int] | None) -> Any:
    breaks = []
    if shift.lunch is not None:
        lunch = shift.lunch
        latest = lunch.window.end - lunch.duration
        breaks = [vroom.Break(1, [vroom.TimeWindow(lunch.window.start, latest)], lunch.duration)]
    vehicle_steps = []
    if steps:
        vehicle_steps = [
            vroom.VehicleStepStart(),
            *(vroom.VehicleStepSingle(v + 1) for v in steps if v != BREAK),
            vroom.VehicleStepEnd(),
        ]
    return vroom.Vehicle(
        day + 1,
        start=vroom.LocationIndex(shift.start_location),
        end=vroom.LocationIndex(shift.end_location),
        # VROOM's times are 32-bit: an unbounded shift has no window.
        time_window=None if shift.end >= UNBOUNDED else vroom.TimeWindow(shift.start, shift.end),
        breaks=breaks,
        max_travel_time=shift.max_driving,
        steps=vehicle_steps,
    )


# ------------------------------------------------------------------ the plan


def _as_plan(problem: Problem, orders: Sequence[Sequence[int]], engine: str) -> Plan | None:
    """Schedule ``orders`` with the product's rules; None if a day breaks one. A day's order
    without a break (PyVRP) gets the lunch at its best place."""
    routes: list[Route] = []
    for day, order in enumerate(orders):
        try:
            if BREAK in order or problem.shifts[day].lunch is None:
                routes.append(schedule(problem, day, order))
            else:
                routes.append(best_with_lunch(problem, day, order))
        except Infeasible:
            return None
    if check(problem, routes):
        return None
    return Plan(routes=routes, engine=engine)


def _appointments_fit(problem: Problem) -> bool:
    """Every appointment has one day (its windows lie in one shift, or there is one shift)
    and each day's appointments, in the order of their windows, make a feasible route."""
    by_day: dict[int, list[int]] = {}
    for index, visit in enumerate(problem.visits):
        if not visit.required:
            continue
        days = [
            day
            for day, shift in enumerate(problem.shifts)
            if not visit.windows
            or any(w.start <= shift.end and w.end >= shift.start for w in visit.windows)
        ]
        if len(days) != 1:
            return False
        by_day.setdefault(days[0], []).append(index)
    for day, items in by_day.items():
        items.sort(key=lambda i: min((w.start for w in problem.visits[i].windows), default=0))
        if not _holds(problem, day, items):
            return False
    return True


def _pyvrp_complete(problem: Problem) -> bool:
    """PyVRP models every constraint of ``problem``: no lunch break, no driving limit."""
    return all(s.lunch is None and s.max_driving is None for s in problem.shifts)


def _holds(problem: Problem, day: int, order: Sequence[int]) -> bool:
    try:
        best_with_lunch(problem, day, order)
    except Infeasible:
        return False
    return True


def _reason(problem: Problem, index: int) -> str:
    """Why ``index`` is left out: could it be served alone on some day?"""
    codes = []
    for day in range(len(problem.shifts)):
        try:
            best_with_lunch(problem, day, [index])
            return "day_too_full"
        except Infeasible as exc:
            codes.append(exc.code)
    return "max_driving" if "max_driving" in codes else "window_unreachable"


# ------------------------------------------------------------------ polishing the days


def _path_length(problem: Problem, day: int, order: Sequence[int]) -> int:
    shift = problem.shifts[day]
    places = [shift.start_location, *(problem.visits[v].location for v in order),
              shift.end_location]  # fmt: skip
    return sum(problem.distances[a][b] for a, b in itertools.pairwise(places))


def tsp_order(problem: Problem, day: int, order: Sequence[int], seconds: float) -> list[int]:
    """The day's visits in the order that drives the least from the day's start to its end
    (fast-tsp on the symmetrised matrix, a dummy node joining the end back to the start),
    or ``order`` itself when that is not shorter on the real (possibly asymmetric) matrix.
    Visits only: the lunch break is placed again by the scheduler."""
    visits = [v for v in order if v != BREAK]
    if len(visits) < 3:
        return visits
    shift = problem.shifts[day]
    places = [shift.start_location, *(problem.visits[v].location for v in visits)]
    closed = shift.start_location == shift.end_location
    if not closed:
        places.append(shift.end_location)
    distances = problem.distances
    largest = max(distances[a][b] for a in places for b in places)
    scale = max(1.0, largest / TSP_MAX_DISTANCE)
    matrix = [[round((distances[a][b] + distances[b][a]) / 2 / scale) for b in places]
              for a in places]  # fmt: skip
    if not closed:  # a dummy between the end and the start makes the path a round trip
        last = len(places) - 1
        for i, row in enumerate(matrix):
            row.append(0 if i in (0, last) else TSP_FAR)
        matrix.append([row[-1] for row in matrix] + [0])
    tour = fast_tsp.find_tour(matrix, max(0.01, seconds), max_threads=2,
                              stop_when_converged=True)  # fmt: skip
    start = tour.index(0)
    tour = tour[start:] + tour[:start]
    if not closed:  # [start, …, end, dummy] or [start, dummy, end, …] (the other way)
        dummy = len(places)
        if tour[1] == dummy:
            tour = [0, *reversed(tour[1:])]
        tour = [node for node in tour if node != dummy]
        if tour[-1] != len(places) - 1:
            return visits
        tour = tour[:-1]
    found = [visits[node - 1] for node in tour[1:]]
    best = min((visits, found, found[::-1]), key=lambda o: _path_length(problem, day, o))
    return list(best)


def polish(problem: Problem, plan: Plan, seconds: float) -> Plan:
    """``plan`` with each day's visits reordered to drive less (``tsp_order``), day by day,
    where the reordered day still keeps every rule (windows, lunch, hours, driving limit);
    the same plan when no day improves."""
    days = [i for i, route in enumerate(plan.routes) if len(route.visits) >= 3]
    if not days:
        return plan
    total = sum(len(plan.routes[i].visits) for i in days)
    routes = list(plan.routes)
    changed = False
    for day in days:
        share = seconds * len(routes[day].visits) / total
        order = tsp_order(problem, day, routes[day].visits, share)
        if order == list(routes[day].visits):
            continue
        try:
            lunch = problem.shifts[day].lunch is not None
            candidate = (best_with_lunch if lunch else schedule)(problem, day, order)
        except Infeasible:
            continue
        if candidate.distance < routes[day].distance:
            routes[day], changed = candidate, True
    if not changed or check(problem, routes):
        return plan
    return Plan(routes=routes, engine=f"{plan.engine}+tsp")


def solve(problem: Problem, options: Options | None = None) -> Plan:
    """The best feasible plan; visits it leaves out are in ``unassigned`` with a reason."""
    options = options or Options()
    candidates: list[Plan] = []
    if problem.visits:
        runs: list[tuple[list[list[int]] | None, str]] = []
        initial = pyvrp_orders(problem, options)
        if initial is not None:
            runs.append((initial, "pyvrp"))
            if not _pyvrp_complete(problem):
                # VROOM refuses a starting route it finds infeasible: only days that hold
                # with the lunch break are given as a start.
                seeds = [order if _holds(problem, day, order) else [] for day, order in
                         enumerate(initial)]  # fmt: skip
                runs.append((vroom_orders(problem, options, seeds), "pyvrp+vroom"))
        if initial is None or not _pyvrp_complete(problem):
            runs.append((vroom_orders(problem, options), "vroom"))
        for orders, engine in runs:
            if orders is None:
                continue
            plan = _as_plan(problem, orders, engine)
            if plan is not None:
                candidates.append(plan)
    if not candidates:  # nothing feasible was found: an empty plan always is
        empty = _as_plan(problem, [[] for _ in problem.shifts], "none")
        assert empty is not None
        candidates.append(empty)
    best = max(candidates, key=lambda p: _score(problem, p))
    polished = polish(problem, best, options.search_times(problem).polish_s)
    if _score(problem, polished) > _score(problem, best):
        best = polished
    served = {v for r in best.routes for v in r.visits}
    best.unassigned = {
        i: _reason(problem, i) for i in range(len(problem.visits)) if i not in served
    }
    return best
