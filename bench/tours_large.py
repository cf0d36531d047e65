"""Bench: larger single-day tours (100–200 visits) against references from long runs.

Usage:
    .venv/bin/python bench/tours_large.py                  # the product's solver, default budget
    .venv/bin/python bench/tours_large.py --references 60  # recompute the references (slow)

Instances are generated (deterministic): a trainee based in Lyon visits ``n`` prospects spread
over the Lyon area (up to ~35 km: uniform points, a third clustered around six towns), in one
day with no opening hours, lunch nor driving limit, every visit required: the round trip that
drives the least, what the planner does with a full day of canvassing. Distances come from
the offline provider (great circle × 1.3, rounded to the metre). Sizes 100, 120, 140, 160,
180 and 200, two instances each.

References (``bench/data/tours_large_refs.json``): the best length found by long runs of
both engines (``--references S``: PyVRP seeds 1–4 two at a time, and fast-tsp on two
threads, S seconds each), written with the command and date that made them. Reported per
instance: the product's solver (``solver.solve`` with its default options, worker processes
started beforehand as in a running server) — length, gap to the reference, wall time.
Target: mean gap ≤ 0.5 % within 3 s each.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import time
from datetime import date
from pathlib import Path

from app.models import TransportMode
from app.tours import solver
from app.tours.feasibility import UNBOUNDED, Problem, Shift, Visit, check, schedule
from app.tours.matrix import HaversineProvider, Point

REFS = Path(__file__).parent / "data" / "tours_large_refs.json"
BASE = Point(45.7640, 4.8357)  # Lyon
TOWNS = [
    Point(45.7797, 4.8730),  # Villeurbanne
    Point(45.6973, 4.8866),  # Vénissieux
    Point(45.7500, 4.7300),  # Tassin
    Point(45.8700, 4.9500),  # Rillieux
    Point(45.6400, 4.7900),  # Oullins-Pierre-Bénite south
    Point(45.7300, 5.0000),  # Bron-Saint-Priest
]
SIZES = (100, 120, 140, 160, 180, 200)
PER_SIZE = 2


def instance(n: int, seed: int) -> Problem:
    rnd = random.Random(seed)
    points = [BASE]
    while len(points) <= n:
        if rnd.random() < 1 / 3:
            town = rnd.choice(TOWNS)
            points.append(
                Point(town.latitude + rnd.gauss(0, 0.02), town.longitude + rnd.gauss(0, 0.03))
            )
        else:
            points.append(
                Point(
                    BASE.latitude + rnd.uniform(-0.3, 0.3),
                    BASE.longitude + rnd.uniform(-0.4, 0.4),
                )
            )
    matrix = HaversineProvider().matrix(points, TransportMode.CAR)
    distances = [[round(x) for x in row] for row in matrix.distances_m]
    durations = [[round(x) for x in row] for row in matrix.durations_s]
    visits = [Visit(location=i, service=0, required=True) for i in range(1, n + 1)]
    return Problem(distances, durations, visits, [Shift(0, 0, 0, UNBOUNDED)])


def instances() -> list[tuple[str, Problem]]:
    return [
        (f"lyon{n}-{k}", instance(n, 1000 * n + k)) for n in SIZES for k in range(1, PER_SIZE + 1)
    ]


def references(seconds: float) -> None:
    """The best of long runs of both engines: PyVRP (seeds 1–4, two at a time in the worker
    processes) and fast-tsp (two threads), ``seconds`` each."""
    found: dict[str, int] = {}
    for name, problem in instances():
        lengths = []
        for seeds in ((1, 2), (3, 4)):
            orders = solver.pyvrp_orders(problem, solver.Options(time_limit_s=seconds, seeds=seeds))
            assert orders is not None
            lengths.append(schedule(problem, 0, orders[0]).distance)
        order = solver.tsp_order(problem, 0, list(range(len(problem.visits))), seconds)
        lengths.append(schedule(problem, 0, order).distance)
        found[name] = min(lengths)
        print(f"{name}: {found[name]} (PyVRP {lengths[:2]}, fast-tsp {lengths[2]})", flush=True)
    REFS.write_text(
        json.dumps(
            {
                "made_by": f".venv/bin/python bench/tours_large.py --references {seconds:g}",
                "date": date.today().isoformat(),
                "method": f"best of PyVRP seeds 1-4 and fast-tsp, {seconds:g} s each",
                "lengths_m": found,
            },
            indent=2,
        )
        + "\n"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--references", type=float, metavar="S", help="recompute, S s per seed")
    parser.add_argument("--only", help="comma-separated instance names")
    args = parser.parse_args()
    solver.warm_up()
    if args.references:
        references(args.references)
        return
    refs = json.loads(REFS.read_text())["lengths_m"]
    only = set(args.only.split(",")) if args.only else None
    gaps, times = [], []
    print("| instance | visits | reference m | solver m | gap | time s |")
    print("|---|---:|---:|---:|---:|---:|")
    for name, problem in instances():
        if only and name not in only:
            continue
        started = time.perf_counter()
        plan = solver.solve(problem)
        took = time.perf_counter() - started
        assert check(problem, plan.routes) == []
        assert not plan.unassigned
        gap = 100 * (plan.distance - refs[name]) / refs[name]
        gaps.append(gap)
        times.append(took)
        print(
            f"| {name} | {len(problem.visits)} | {refs[name]} | {plan.distance} "
            f"| {gap:.2f} % | {took:.2f} |",
            flush=True,
        )
    print()
    print(
        f"mean gap {statistics.mean(gaps):.3f} % (max {max(gaps):.2f} %), "
        f"time mean {statistics.mean(times):.2f} s, max {max(times):.2f} s "
        "(target: mean gap <= 0.5 % within 3 s)"
    )


if __name__ == "__main__":
    main()
