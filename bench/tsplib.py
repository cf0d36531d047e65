"""Bench: TSPLIB round trips through the product's tour solver, beside VROOM and a
nearest-neighbour tour.

Usage:  .venv/bin/python bench/tsplib.py [--time 1.7] [--seeds 1,2] [--only NAME,...]

The instances of ``bench/data/tsplib`` (EUC_2D, distances rounded to the nearest integer as
TSPLIB defines them; optima in ``optima.json``) are solved as one round trip from node 1:
an explicit matrix, one day without hours (``UNBOUNDED``), lunch nor driving limit, every
node an appointment (required). Reported per
instance: the product's solver (``app.tours.solver.solve``: PyVRP, ``--time`` seconds per
seed, the seeds in parallel processes) — tour length, gap to the optimum, wall time including
building the model; VROOM alone (``solver.vroom_orders``, exploration level 5) — gap and
time; a nearest-neighbour tour — gap. Target: mean gap ≤ 0.3 % over the instances of ≤ 150
nodes, each solved in ≤ 2 s; the larger ones are reported too.
"""

from __future__ import annotations

import argparse
import itertools
import json
import math
import statistics
import time
from pathlib import Path

from app.tours import solver
from app.tours.feasibility import UNBOUNDED, Problem, Shift, Visit

DATA = Path(__file__).parent / "data" / "tsplib"
SMALL = 150


def load(name: str) -> list[list[int]]:
    """The instance's distance matrix (TSPLIB's nint of the Euclidean distance)."""
    points: list[tuple[float, float]] = []
    reading = False
    for line in (DATA / f"{name}.tsp").read_text().splitlines():
        line = line.strip()
        if line.startswith("NODE_COORD_SECTION"):
            reading = True
        elif line == "EOF":
            break
        elif reading and line:
            _, x, y = line.split()[:3]
            points.append((float(x), float(y)))
    return [[int(math.dist(a, b) + 0.5) for b in points] for a in points]


def problem_of(matrix: list[list[int]]) -> Problem:
    visits = [Visit(location=i, service=0, required=True) for i in range(1, len(matrix))]
    return Problem(matrix, matrix, visits, [Shift(0, 0, 0, UNBOUNDED)])


def length(matrix: list[list[int]], order: list[int]) -> int:
    tour = [0, *order, 0]
    return sum(matrix[a][b] for a, b in itertools.pairwise(tour))


def nearest_neighbour(matrix: list[list[int]]) -> list[int]:
    left = set(range(1, len(matrix)))
    here, order = 0, []
    while left:
        here = min(left, key=lambda j: (matrix[here][j], j))
        left.remove(here)
        order.append(here)
    return order


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--time", type=float, default=1.7, help="PyVRP seconds per seed")
    parser.add_argument("--seeds", default="1,2")
    parser.add_argument("--only", default="")
    parser.add_argument("--vroom-exploration", type=int, default=5)
    args = parser.parse_args()
    optima: dict[str, int] = json.loads((DATA / "optima.json").read_text())["optimum"]
    names = sorted(optima, key=lambda n: (len(load(n)), n))
    if args.only:
        names = [n for n in names if n in args.only.split(",")]
    seeds = tuple(int(s) for s in args.seeds.split(","))
    options = solver.Options(time_limit_s=args.time, seeds=seeds)
    vroom_options = solver.Options(vroom_exploration=args.vroom_exploration)
    solver.warm_up()
    print(
        f"product solver: PyVRP {args.time} s x seeds {seeds} (parallel); "
        f"VROOM exploration {args.vroom_exploration}"
    )
    print()
    print("| instance | n | optimum | solver length | solver gap | solver time s "
          "| VROOM gap | VROOM time s | nearest neighbour gap |")  # fmt: skip
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    small: list[tuple[float, float]] = []
    large: list[tuple[float, float]] = []
    vroom_gaps: list[float] = []
    for name in names:
        matrix = load(name)
        best = optima[name]
        problem = problem_of(matrix)
        started = time.perf_counter()
        plan = solver.solve(problem, options)
        took = time.perf_counter() - started
        assert not plan.unassigned, plan.unassigned
        ours = length(matrix, [problem.visits[v].location for v in plan.routes[0].visits])
        assert ours == plan.distance
        started = time.perf_counter()
        vroom_order = solver.vroom_orders(problem, vroom_options)
        vroom_took = time.perf_counter() - started
        assert vroom_order is not None
        theirs = length(matrix, [problem.visits[v].location for v in vroom_order[0]])
        naive = length(matrix, nearest_neighbour(matrix))
        gap = 100 * (ours - best) / best
        vroom_gap = 100 * (theirs - best) / best
        (small if len(matrix) <= SMALL else large).append((gap, took))
        if len(matrix) <= SMALL:
            vroom_gaps.append(vroom_gap)
        print(
            f"| {name} | {len(matrix)} | {best} | {ours} | {gap:.2f} % | {took:.2f} "
            f"| {vroom_gap:.2f} % | {vroom_took:.2f} | {100 * (naive - best) / best:.2f} % |",
            flush=True,
        )
    print()
    if small:
        print(
            f"<= {SMALL} nodes: {len(small)} instances, solver mean gap "
            f"{statistics.mean(g for g, _ in small):.3f} %, max time "
            f"{max(t for _, t in small):.2f} s; VROOM mean gap "
            f"{statistics.mean(vroom_gaps):.3f} %"
        )
    if large:
        print(
            f"> {SMALL} nodes: {len(large)} instances, solver mean gap "
            f"{statistics.mean(g for g, _ in large):.3f} %, max time "
            f"{max(t for _, t in large):.2f} s"
        )


if __name__ == "__main__":
    main()
