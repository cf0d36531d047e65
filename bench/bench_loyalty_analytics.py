"""Bench: the loyalty analytics (app/loyalty/analytics.py) over 100,000 customers, in process.

Usage:
    .venv/bin/python bench/bench_loyalty_analytics.py [--customers 100000] [--orders 300000]
        [--lines 1000000] [--runs 3] [--seed 18] [--min-support 0.01] [--min-confidence 0.2]

Targets (issue 18, docs/design/018-loyalty.md): with 100,000 customers, 300,000 orders and
1,000,000 order lines, history + RFM + CLV + inactivity together ≤ 2 s, and the co-purchase
association rules (``mine_rules``, default parameters) ≤ 10 s.

Synthetic data, from a fixed numpy seed (no database):

- customers' order counts drawn geometrically (mean ``orders / customers``; scaled to the exact
  total), their first order over the last 3 years and the others uniformly from it to today;
  net HT lognormal (median ~450 €), the margin 15–40 % of it, unknown for 8 % of the orders
  (a whole customer's margin is then unknown);
- 200 product references (``REF-000``..``REF-199``) in 20 families of 10; every order gets
  one line and the rest of ``--lines`` are spread at random over the orders; each customer
  follows one of 40 "bundles" of 4 products (a till and its printer, drawer, scanner…) from
  which 45 % of their lines are drawn, the others by Zipf popularity over the catalogue: the
  bundles' pairs are the co-purchases the rules should find.

Times (best and median of ``--runs``, after one warm-up run): ``histories``, ``rfm``, ``clv``,
``inactivity`` each and the four together (the target), ``families_by_customer`` and
``product_summary`` (the lines), ``mine_rules``. Prints the peak RSS (``getrusage``) and what
the runs found (segments, inactive customers, rules and the best of them).
"""

from __future__ import annotations

import argparse
import resource
import statistics
import sys
import time
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app.loyalty import analytics

TODAY = date(2026, 12, 7)
SPAN_DAYS = 3 * 365
PRODUCTS, FAMILIES, BUNDLES, BUNDLE_SIZE = 200, 20, 40, 4
BUNDLE_SHARE = 0.45
TARGET_ANALYTICS_S, TARGET_RULES_S = 2.0, 10.0
LIFETIME_YEARS = Decimal(3)
INACTIVITY_FACTOR, INACTIVE_AFTER_DAYS = Decimal("2.5"), 180


def generate(customers: int, orders: int, lines: int, seed: int) -> tuple[Any, Any]:
    """The orders and lines frames (see the module's docstring)."""
    rng = np.random.default_rng(seed)
    ids = np.arange(1, customers + 1, dtype=np.int64) * 7 + 1000  # sparse ids, as in a table
    # Orders per customer: geometric, one at least, scaled to the exact total.
    counts = rng.geometric(customers / orders, size=customers).astype(np.int64)
    excess = int(counts.sum()) - orders
    while excess != 0:
        pick = rng.integers(0, customers, size=abs(excess))
        if excess > 0:
            np.subtract.at(counts, pick, 1)
            counts = np.maximum(counts, 1)
        else:
            np.add.at(counts, pick, 1)
        excess = int(counts.sum()) - orders
    owner = np.repeat(np.arange(customers), counts)
    first = rng.integers(0, SPAN_DAYS, size=customers)  # days before today
    offset = rng.random(orders) * first[owner]
    back = np.where(np.r_[True, owner[1:] != owner[:-1]], first[owner], np.rint(offset))
    days = np.datetime64(TODAY, "D") - back.astype(np.int64)
    net = np.rint(rng.lognormal(np.log(45_000), 0.8, size=orders)).astype(np.int64)
    margin = pd.array(np.rint(net * rng.uniform(0.15, 0.40, size=orders)), dtype="Int64")
    margin[rng.random(orders) < 0.08] = pd.NA
    orders_frame = pd.DataFrame(
        {
            "prospect_id": ids[owner],
            "order_id": np.arange(1, orders + 1, dtype=np.int64),
            "ordered_on": days,
            "net_ht_cents": net,
            "margin_cents": margin,
        }
    )

    # Lines: one per order, the rest at random over the orders.
    line_order = np.concatenate([np.arange(orders), rng.integers(0, orders, lines - orders)])
    line_customer = owner[line_order]
    bundles = np.array(
        [rng.choice(PRODUCTS, size=BUNDLE_SIZE, replace=False) for _ in range(BUNDLES)]
    )
    profile = rng.integers(0, BUNDLES, size=customers)
    popularity = 1 / np.arange(1, PRODUCTS + 1) ** 0.8
    popular = rng.permutation(PRODUCTS)[
        rng.choice(PRODUCTS, size=lines, p=popularity / popularity.sum())
    ]
    from_bundle = bundles[profile[line_customer], rng.integers(0, BUNDLE_SIZE, size=lines)]
    product = np.where(rng.random(lines) < BUNDLE_SHARE, from_bundle, popular)
    references = np.array([f"REF-{i:03d}" for i in range(PRODUCTS)], dtype=object)
    families = np.array(
        [f"FAM-{i // (PRODUCTS // FAMILIES):02d}" for i in range(PRODUCTS)], dtype=object
    )
    lines_frame = pd.DataFrame(
        {
            "prospect_id": ids[line_customer],
            "product_reference": references[product],
            "family": families[product],
        }
    )
    return orders_frame, lines_frame


def timed(fn: Callable[[], object], runs: int) -> tuple[float, float, object]:
    """Best and median seconds of ``runs`` calls after a warm-up, and the last result."""
    result = fn()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return min(times), statistics.median(times), result


def peak_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--customers", type=int, default=100_000)
    parser.add_argument("--orders", type=int, default=300_000)
    parser.add_argument("--lines", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--seed", type=int, default=18)
    parser.add_argument("--min-support", type=float, default=0.01)
    parser.add_argument("--min-confidence", type=float, default=0.2)
    args = parser.parse_args()
    if args.orders < args.customers or args.lines < args.orders:
        parser.error("il faut au moins une commande par client et une ligne par commande")

    start = time.perf_counter()
    orders, lines = generate(args.customers, args.orders, args.lines, args.seed)
    generated_s = time.perf_counter() - start
    print(
        f"data: {args.customers:,} customers, {len(orders):,} orders, {len(lines):,} lines, "
        f"{PRODUCTS} products in {FAMILIES} families (seed {args.seed}), "
        f"generated in {generated_s:.1f} s; rss after generation {peak_rss_mib():.0f} MiB"
    )

    hist = analytics.histories(orders, TODAY)

    def all_four() -> tuple[Any, Any, Any, Any]:
        h = analytics.histories(orders, TODAY)
        return (
            h,
            analytics.rfm(h),
            analytics.clv(h, LIFETIME_YEARS),
            analytics.inactivity(h, factor=INACTIVITY_FACTOR, threshold_days=INACTIVE_AFTER_DAYS),
        )

    steps: list[tuple[str, Callable[[], object], float | None]] = [
        ("histories", lambda: analytics.histories(orders, TODAY), None),
        ("rfm", lambda: analytics.rfm(hist), None),
        ("clv", lambda: analytics.clv(hist, LIFETIME_YEARS), None),
        (
            "inactivity",
            lambda: analytics.inactivity(
                hist, factor=INACTIVITY_FACTOR, threshold_days=INACTIVE_AFTER_DAYS
            ),
            None,
        ),
        ("histories + rfm + clv + inactivity", all_four, TARGET_ANALYTICS_S),
        ("families_by_customer", lambda: analytics.families_by_customer(lines), None),
        ("product_summary", lambda: analytics.product_summary(lines), None),
    ]
    results: dict[str, tuple[float, float, object]] = {}
    for name, fn, _target in steps:
        results[name] = timed(fn, args.runs)

    baskets = lines[["prospect_id", "product_reference"]]
    marks: list[tuple[float, int, str]] = []

    def rules() -> analytics.MinedRules:
        marks.clear()
        began = time.perf_counter()
        return analytics.mine_rules(
            baskets,
            min_support=args.min_support,
            min_confidence=args.min_confidence,
            progress=lambda p, s: marks.append((time.perf_counter() - began, p, s)),
        )

    results["mine_rules"] = timed(rules, args.runs)
    steps.append(("mine_rules", rules, TARGET_RULES_S))

    print(f"{'step':<38} {'best s':>8} {'median s':>9} {'target s':>9}  verdict")
    for name, _fn, target in steps:
        best, median, _ = results[name]
        verdict = "" if target is None else ("OK" if median <= target else "TOO SLOW")
        shown = "" if target is None else f"{target:.1f}"
        print(f"{name:<38} {best:>8.3f} {median:>9.3f} {shown:>9}  {verdict}")
    print(f"peak rss {peak_rss_mib():.0f} MiB")

    _h, rfm, _clv, idle = results["histories + rfm + clv + inactivity"][2]  # type: ignore[misc]
    print(
        "segments: "
        + ", ".join(f"{s.code} {s.customers:,}" for s in rfm.segments)
        + f"; warnings {len(rfm.warnings)}"
    )
    basis = idle["basis"].value_counts(dropna=False).to_dict()
    print(f"inactive: {int(idle['inactive'].sum()):,} customers (basis {basis})")
    mined: analytics.MinedRules = results["mine_rules"][2]  # type: ignore[assignment]
    print(
        f"rules: {len(mined.rules)} kept of {mined.rules_found} with lift > 1 "
        f"(min support {args.min_support}, min confidence {args.min_confidence}) over "
        f"{mined.customers:,} customers and {mined.products} products"
    )
    print("mine_rules steps (last run): " + ", ".join(f"{p} % at {t:.2f} s" for t, p, _ in marks))
    for rule in mined.rules[:3]:
        print("  " + analytics.explain(rule, {}))


if __name__ == "__main__":
    main()
