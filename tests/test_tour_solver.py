"""Tour solver and the product's feasibility checker, on generated problems.

Every plan the solver returns is checked again here by ``feasibility.check`` and by
independent assertions (windows, lunch, shift end, driving limit, each visit once); tight
windows and over-full weeks make it leave visits out, each with a reason."""

from __future__ import annotations

import math
import random

import pytest

from app.tours import solver
from app.tours.feasibility import (
    BREAK,
    UNBOUNDED,
    Infeasible,
    Lunch,
    Problem,
    Route,
    Shift,
    Visit,
    Window,
    best_with_lunch,
    check,
    schedule,
)

H, DAY = 3600, 86400
FAST = solver.Options(
    time_limit_s=0.3, seeds=(1,), max_iterations=300, vroom_exploration=3, vroom_timeout_s=5.0
)


def _matrices(points: list[tuple[float, float]]) -> tuple[list[list[int]], list[list[int]]]:
    def metres(a: tuple[float, float], b: tuple[float, float]) -> int:
        la1, lo1, la2, lo2 = map(math.radians, (*a, *b))
        h = (
            math.sin((la2 - la1) / 2) ** 2
            + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
        )
        return int(2 * 6_371_008.8 * math.asin(math.sqrt(h)) * 1.3)

    distances = [[metres(a, b) for b in points] for a in points]
    durations = [[int(d / (50 / 3.6)) for d in row] for row in distances]
    return distances, durations


def _problem(
    seed: int,
    *,
    days: int = 2,
    visits: int = 14,
    appointments: int = 4,
    window_width: int = 2 * H,
    lunch: bool = True,
    max_driving: int | None = None,
) -> Problem:
    rnd = random.Random(seed)
    points = [(45.75, 4.85)] + [
        (45.75 + rnd.uniform(-0.25, 0.25), 4.85 + rnd.uniform(-0.35, 0.35)) for _ in range(visits)
    ]
    distances, durations = _matrices(points)
    shifts = [
        Shift(
            0,
            0,
            d * DAY + 8 * H,
            d * DAY + 18 * H,
            Lunch(Window(d * DAY + 12 * H, d * DAY + 14 * H), 45 * 60) if lunch else None,
            max_driving,
        )
        for d in range(days)
    ]
    items = []
    for i in range(1, visits + 1):
        if i <= appointments:
            start = rnd.randrange(days) * DAY + rnd.choice([9, 10, 11, 14, 15, 16]) * H
            items.append(Visit(i, 3600, (Window(start, start),), 3, True))
        elif rnd.random() < 0.4:  # a window of ``window_width`` somewhere in a day
            start = rnd.randrange(days) * DAY + rnd.randrange(8 * H, 16 * H)
            items.append(Visit(i, 30 * 60, (Window(start, start + window_width),),
                               rnd.randint(1, 5)))  # fmt: skip
        else:
            items.append(Visit(i, rnd.choice([20, 30, 45]) * 60, (), rnd.randint(1, 5)))
    return Problem(distances, durations, items, shifts)


def _assert_feasible(problem: Problem, plan: solver.Plan) -> None:
    """Independent of ``check``: every rule, stop by stop."""
    assert check(problem, plan.routes) == []
    served: list[int] = []
    for route in plan.routes:
        shift = problem.shifts[route.day]
        assert route.departure >= shift.start
        assert route.arrival <= shift.end
        if shift.max_driving is not None:
            assert route.driving <= shift.max_driving
        clock = route.departure
        breaks = [s for s in route.stops if s.visit == BREAK]
        if shift.lunch is not None and route.visits:
            assert len(breaks) == 1
            lunch = breaks[0]
            assert shift.lunch.window.start <= lunch.start
            assert lunch.departure == lunch.start + shift.lunch.duration
            assert lunch.departure <= shift.lunch.window.end
        for stop in route.stops:
            assert stop.start >= stop.arrival >= clock
            clock = stop.departure
            if stop.visit == BREAK:
                continue
            visit = problem.visits[stop.visit]
            assert stop.departure == stop.start + visit.service
            if visit.windows:
                assert any(w.start <= stop.start <= w.end for w in visit.windows)
            served.append(stop.visit)
    assert len(served) == len(set(served))
    assert set(served) | set(plan.unassigned) == set(range(len(problem.visits)))
    assert not set(served) & set(plan.unassigned)


@pytest.mark.parametrize("seed", range(12))
def test_generated_plans_are_feasible(seed: int) -> None:
    problem = _problem(seed, window_width=[2 * H, 30 * 60, 0][seed % 3])
    plan = solver.solve(problem, FAST)
    _assert_feasible(problem, plan)
    assert plan.engine in {"pyvrp", "pyvrp+vroom", "vroom"}
    assert set(plan.unassigned.values()) <= {"day_too_full", "window_unreachable", "max_driving"}


@pytest.mark.parametrize("seed", range(4))
def test_over_full_weeks_and_driving_limits_leave_visits_out_with_reasons(seed: int) -> None:
    problem = _problem(seed, days=2, visits=40, appointments=6, max_driving=2 * H)
    plan = solver.solve(problem, FAST)
    _assert_feasible(problem, plan)
    assert plan.unassigned  # 40 visits do not fit in two days
    assert "day_too_full" in plan.unassigned.values()
    for route in plan.routes:
        assert route.driving <= 2 * H


def test_appointments_are_kept_before_ordinary_visits() -> None:
    problem = _problem(3, days=1, visits=25, appointments=3)
    plan = solver.solve(problem, FAST)
    _assert_feasible(problem, plan)
    kept = {v for r in plan.routes for v in r.visits}
    appointments = [i for i, v in enumerate(problem.visits) if v.required]
    # Each appointment left out could not be kept even alone, or clashes with another one.
    for index in appointments:
        if index not in kept:
            others = [problem.visits[a].windows[0].start for a in appointments if a in kept]
            start = problem.visits[index].windows[0].start
            clash = any(abs(start - other) < 3600 + 1800 for other in others)
            assert clash or plan.unassigned[index] == "window_unreachable"


def test_an_unreachable_window_is_not_an_error_but_a_reason() -> None:
    problem = _problem(1, days=1, visits=3, appointments=0, lunch=False)
    late = Visit(1, 1800, (Window(20 * H, 21 * H),), 5)  # after the shift's end
    problem = Problem(problem.distances, problem.durations,
                      [late, *problem.visits[1:]], problem.shifts)  # fmt: skip
    plan = solver.solve(problem, FAST)
    _assert_feasible(problem, plan)
    assert plan.unassigned == {0: "window_unreachable"}


def test_parallel_seeds_give_a_feasible_plan() -> None:
    problem = _problem(5, days=3, visits=20, appointments=5)
    plan = solver.solve(problem, solver.Options(time_limit_s=0.3, seeds=(1, 2)))
    _assert_feasible(problem, plan)


@pytest.mark.parametrize("lunch", [False, True])
def test_the_searches_share_the_budget(lunch: bool) -> None:
    """A margin and the polishing come off the budget; PyVRP alone (no lunch, no driving
    limit) has the rest, otherwise PyVRP and the two VROOM runs that follow share it."""
    problem = _problem(4, days=2, visits=150, appointments=4, lunch=lunch)
    budget = solver.Options(budget_s=3.0).search_times(problem)
    margin = solver.MARGIN_S + solver.MARGIN_PER_VISIT_S * 150
    assert 0 < budget.polish_s <= solver.POLISH_MAX_S
    searches = budget.pyvrp_s + (2 * budget.vroom_s if lunch else 0)
    assert searches + budget.polish_s == pytest.approx(3.0 - margin)
    if lunch:
        assert budget.pyvrp_s == pytest.approx((3.0 - margin - budget.polish_s) * 0.6)
    # Explicit limits win (tests and the demo seed use them for reproducible runs).
    fixed = solver.Options(time_limit_s=0.3, vroom_timeout_s=5.0).search_times(problem)
    assert (fixed.pyvrp_s, fixed.vroom_s) == (0.3, 5.0)


def test_polishing_reorders_a_day_to_drive_less_and_keeps_the_rules() -> None:
    """A day given in a poor order (the visits' order of creation) comes back shorter, with
    the same visits, and the plan still passes the checker; a day with appointments whose
    reordering would break their windows is left as it was."""
    base = _problem(8, days=1, visits=14, appointments=0, lunch=False)
    problem = Problem(base.distances, base.durations,
                      [Visit(i, 10 * 60) for i in range(1, 15)], [Shift(0, 0, 0, UNBOUNDED)])  # fmt: skip
    order = list(range(14))
    plan = solver.Plan(routes=[schedule(problem, 0, order)], engine="given")
    polished = solver.polish(problem, plan, 0.3)
    assert polished.engine == "given+tsp"
    assert sorted(polished.routes[0].visits) == order
    assert polished.distance < plan.distance
    assert check(problem, polished.routes) == []
    timed = _problem(9, days=1, visits=6, appointments=3, lunch=False)
    kept = solver.solve(timed, FAST)
    again = solver.polish(timed, kept, 0.1)
    assert check(timed, again.routes) == []
    assert again.distance <= kept.distance


def test_a_search_that_stops_on_no_improvement_is_reproducible() -> None:
    """Same seed, a stop on iterations without improvement (not the clock): same plan."""
    problem = _problem(6, days=1, visits=15, appointments=0, lunch=False)
    options = solver.Options(budget_s=60.0, seeds=(3,), no_improvement=500)
    first, second = solver.solve(problem, options), solver.solve(problem, options)
    _assert_feasible(problem, first)
    assert [r.visits for r in first.routes] == [r.visits for r in second.routes]


def test_the_checker_refuses_tampered_plans() -> None:
    problem = _problem(2, days=1, visits=6, appointments=2)
    plan = solver.solve(problem, FAST)
    assert check(problem, plan.routes) == []
    route = plan.routes[0]
    assert len(route.stops) >= 3
    # Times that do not follow the matrices.
    shifted = Route(route.day, [*route.stops], route.departure, route.arrival - 60,
                    route.distance, route.driving)  # fmt: skip
    assert check(problem, [shifted]) != []
    # A visit twice.
    twice = Route(route.day, [*route.stops, route.stops[-1]], route.departure, route.arrival,
                  route.distance, route.driving)  # fmt: skip
    assert check(problem, [twice]) != []
    # Two lunch breaks, a missing one, one outside its window.
    visits = route.visits
    with pytest.raises(Infeasible) as repeated:
        schedule(problem, 0, [BREAK, *visits, BREAK])
    assert repeated.value.code == "break_repeated"
    with pytest.raises(Infeasible) as missing:
        schedule(problem, 0, visits)
    assert missing.value.code == "break_missing"
    tight = Problem(problem.distances, problem.durations, problem.visits,
                    [Shift(0, 0, 8 * H, 18 * H, Lunch(Window(12 * H, 12 * H + 600), 2700))])  # fmt: skip
    with pytest.raises(Infeasible) as window:
        best_with_lunch(tight, 0, visits)
    assert window.value.code == "break_window"
    # A shift too short, a driving limit too low.
    short = Problem(problem.distances, problem.durations, problem.visits,
                    [Shift(0, 0, 8 * H, 8 * H + 60)])  # fmt: skip
    with pytest.raises(Infeasible) as full:
        schedule(short, 0, visits[:1])
    assert full.value.code == "day_too_full"
    limited = Problem(problem.distances, problem.durations, problem.visits,
                      [Shift(0, 0, 8 * H, 18 * H, None, 60)])  # fmt: skip
    with pytest.raises(Infeasible) as driving:
        schedule(limited, 0, visits[:1])
    assert driving.value.code == "max_driving"


def test_the_lunch_break_may_be_taken_on_arrival() -> None:
    """Leaving at 12:00 for a visit 10 minutes away that must start by 12:42, with a lunch
    of 30 minutes from 12:05: only lunch on arrival (12:10–12:40) keeps the window (before
    driving, lunch could not start before 12:05 and the visit would start at 12:45)."""
    distances = [[0, 10_000], [10_000, 0]]
    durations = [[0, 600], [600, 0]]
    visit = Visit(1, 1800, (Window(12 * H + 40 * 60, 12 * H + 42 * 60),), 3)
    shift = Shift(0, 0, 12 * H, 18 * H, Lunch(Window(12 * H + 300, 14 * H), 1800))
    route = schedule(Problem(distances, durations, [visit], [shift]), 0, [BREAK, 0])
    lunch, stop = route.stops
    assert (lunch.arrival, lunch.start, lunch.departure) == (12 * H + 600, 12 * H + 600,
                                                            12 * H + 2400)  # fmt: skip
    assert stop.start == 12 * H + 40 * 60
    assert route.arrival == 12 * H + 40 * 60 + 1800 + 600
    # The same lunch window opening at 12:30 instead: no place for it before 12:42 — it is
    # then taken after the visit.
    later = Shift(0, 0, 12 * H, 18 * H, Lunch(Window(12 * H + 1800, 14 * H), 1800))
    problem = Problem(distances, durations, [visit], [later])
    with pytest.raises(Infeasible):
        schedule(problem, 0, [BREAK, 0])
    assert [s.visit for s in best_with_lunch(problem, 0, [0]).stops] == [0, BREAK]


def test_when_the_day_is_too_full_the_lowest_priorities_are_left_out() -> None:
    """Twenty one-hour visits at one place for an eight-hour day: the ones kept are the
    high-priority ones; the low-priority ones are left out as ``day_too_full``."""
    distances = [[0, 5_000], [5_000, 0]]
    durations = [[0, 600], [600, 0]]
    visits = [Visit(1, 3600, (), 5 if i % 2 else 1) for i in range(20)]
    problem = Problem(distances, durations, visits, [Shift(0, 0, 8 * H, 16 * H)])
    plan = solver.solve(problem, FAST)
    _assert_feasible(problem, plan)
    kept = plan.routes[0].visits
    assert len(kept) == 7  # 8 h minus two 10-minute legs
    assert {problem.visits[v].priority for v in kept} == {5}
    low = [i for i, v in enumerate(visits) if v.priority == 1]
    assert all(plan.unassigned[i] == "day_too_full" for i in low)
