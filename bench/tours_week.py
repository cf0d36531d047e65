"""Bench: plan a realistic week of visits through the product's solver.

Usage:  .venv/bin/python bench/tours_week.py [--runs 5] [--seed 20261127]

A trainee based in Lyon plans 5 days (8:00–18:00, lunch of 45 min between 12:00 and 14:00,
at most 4 h of driving a day) with 60 visits around the city (up to ~40 km): 15 appointments
(fixed start, 3 a day among 9:00, 11:00, 14:30 and 16:30, one hour each) and 45 prospects
to visit (20–45 min, priority 1–5, a third of them with an opening window such as
14:00–17:00). Distances and
durations come from the offline provider (great circle × 1.3, 50 km/h). Timed: the whole
``solver.solve`` call (worker processes already started, as in a running server), ``--runs``
times with different generator seeds. Target: ≤ 3 s.
"""

from __future__ import annotations

import argparse
import random
import statistics
import time

from app.models import TransportMode
from app.tours import solver
from app.tours.feasibility import Lunch, Problem, Shift, Visit, Window, check
from app.tours.matrix import HaversineProvider, Point

H, DAY = 3600, 86400
BASE = Point(45.7640, 4.8357)  # Lyon


def week(seed: int) -> Problem:
    rnd = random.Random(seed)
    points = [BASE] + [
        Point(BASE.latitude + rnd.uniform(-0.3, 0.3), BASE.longitude + rnd.uniform(-0.4, 0.4))
        for _ in range(60)
    ]
    matrix = HaversineProvider().matrix(points, TransportMode.CAR)
    distances = [[round(x) for x in row] for row in matrix.distances_m]
    durations = [[round(x) for x in row] for row in matrix.durations_s]
    shifts = [
        Shift(
            0,
            0,
            d * DAY + 8 * H,
            d * DAY + 18 * H,
            Lunch(Window(d * DAY + 12 * H, d * DAY + 14 * H), 45 * 60),
            4 * H,
        )
        for d in range(5)
    ]
    visits: list[Visit] = []
    for day in range(5):
        for hour in rnd.sample([9.0, 11.0, 14.5, 16.5], 3):
            start = day * DAY + int(hour * H)
            visits.append(Visit(len(visits) + 1, 3600, (Window(start, start),), 5, True))
    while len(visits) < 60:
        windows: tuple[Window, ...] = ()
        if rnd.random() < 1 / 3:
            day = rnd.randrange(5)
            opens = rnd.choice([9, 10, 14])
            windows = (Window(day * DAY + opens * H, day * DAY + (opens + 3) * H),)
        visits.append(
            Visit(len(visits) + 1, rnd.choice([20, 30, 45]) * 60, windows, rnd.randint(1, 5))
        )
    return Problem(distances, durations, visits, shifts)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--seed", type=int, default=20261127)
    args = parser.parse_args()
    solver.warm_up()
    times = []
    print("| run | time s | engine | visits kept | appointments kept | unassigned (reasons) | km |")
    print("|---|---:|---|---:|---:|---|---:|")
    for run in range(args.runs):
        problem = week(args.seed + run)
        started = time.perf_counter()
        plan = solver.solve(problem)
        took = time.perf_counter() - started
        times.append(took)
        assert check(problem, plan.routes) == []
        kept = [v for r in plan.routes for v in r.visits]
        appointments = sum(1 for v in kept if problem.visits[v].required)
        reasons: dict[str, int] = {}
        for reason in plan.unassigned.values():
            reasons[reason] = reasons.get(reason, 0) + 1
        print(
            f"| {run + 1} | {took:.2f} | {plan.engine} | {len(kept)} | {appointments}/15 "
            f"| {len(plan.unassigned)} {reasons} | {plan.distance / 1000:.1f} |",
            flush=True,
        )
    print()
    print(f"time: mean {statistics.mean(times):.2f} s, max {max(times):.2f} s (target 3 s)")


if __name__ == "__main__":
    main()
