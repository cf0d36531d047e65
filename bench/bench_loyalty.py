"""Bench: RFM segmentation and inactivity detection, and the co-purchase rules job, over
100,000 customers and 1,000,000 order lines of one trainee, from the database.

Usage:
    .venv/bin/python bench/bench_loyalty.py [--url DATABASE_URL] [--customers 100000]
        [--orders 300000] [--lines 1000000] [--runs 3] [--no-build] [--keep]

Targets (issue 18): RFM and inactivity detection over 100,000 customers and 1,000,000 order
lines <= 2 s; the recommendation rules over the same data <= 10 s, run as a job with
progress.

1. Builds a fresh database by the migrations (a temporary SQLite file unless ``--url``) with
   the organisation, trainer, trainee and example business case of bench_follow_up.py, then
   bulk-inserts for the trainee (SQLAlchemy Core, executemany): ``--customers`` companies,
   ``--orders`` orders over three years (at least one per customer, the others drawn with
   Pareto weights; a third of the customers stopped ordering 200 to 600 days ago) and
   ``--lines`` catalogue lines (each customer has a core product and often its neighbours
   in the catalogue: co-purchases for the rules to find). Planner statistics as the other
   benches gather them.
2. Times, ``--runs`` times, in process, what ``GET /api/v1/loyalty/segments`` and
   ``GET /api/v1/loyalty/inactive`` compute: the orders read (one query), histories, RFM
   scores and segments, CLV, inactivity against each customer's rhythm or the case's
   threshold, the segments' view and the inactive accounts' first page; checks the counts
   against what was generated (every customer scored; the inactive ones found).
3. Starts a rules run (``recommendations.start``) and runs its job (``run_job``: the baskets
   read, FP-growth, the rules kept, progress committed as it goes), printing each progress
   step with its time; checks the run is done with rules.
Prints best and median times and the peak memory of the process.
"""

from __future__ import annotations

import argparse
import random
import resource
import shutil
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path

from sqlalchemy import insert, select, text
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.orm import Session

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench_follow_up import Context, fresh_database, people_and_case

from app.core.db import make_session_factory
from app.core.pagination import PageParams
from app.loyalty import customers, inactive, recommendations
from app.models import (
    JobStatus,
    Order,
    OrderLine,
    OrderStatus,
    Prospect,
    ProspectKind,
    ProspectStatus,
    RecommendationRun,
)

BATCH = 20_000


def build(engine: Engine, ctx: Context, n_customers: int, n_orders: int, n_lines: int,
          seed: int) -> dict[str, int]:  # fmt: skip
    rng = random.Random(seed)
    today = customers.today()
    products = ctx.products
    now = datetime.now(UTC)
    started = time.perf_counter()
    with engine.begin() as conn:
        first_prospect = (conn.scalar(select(Prospect.id).order_by(Prospect.id.desc())) or 0) + 1
        rows = []
        for i in range(n_customers):
            rows.append({"id": first_prospect + i, "owner_id": ctx.trainee,
                         "kind": ProspectKind.COMPANY, "name": f"Client {i:06d}",
                         "status": ProspectStatus.CUSTOMER, "tags": [],
                         "search_text": f"client {i:06d}", "created_at": now,
                         "updated_at": now, "version": 1})  # fmt: skip
            if len(rows) == BATCH:
                conn.execute(insert(Prospect), rows)
                rows = []
        if rows:
            conn.execute(insert(Prospect), rows)
    weights = [min(rng.paretovariate(1.5), 30.0) for _ in range(n_customers)]
    counts = [1] * n_customers
    for i in rng.choices(range(n_customers), weights=weights, k=max(0, n_orders - n_customers)):
        counts[i] += 1
    quiet = [i % 3 == 0 for i in range(n_customers)]
    per_order = n_lines / n_orders
    order_id, line_id, lines_made, inactive_expected = 1, 1, 0, 0
    orders_rows: list[dict[str, object]] = []
    line_rows: list[dict[str, object]] = []

    def flush(final: bool = False) -> None:
        nonlocal orders_rows, line_rows
        if len(orders_rows) >= BATCH or final:
            with engine.begin() as conn:
                if orders_rows:
                    conn.execute(insert(Order), orders_rows)
                if line_rows:
                    conn.execute(insert(OrderLine), line_rows)
            orders_rows, line_rows = [], []

    for i in range(n_customers):
        pid = first_prospect + i
        core = i % len(products)
        # The active ones ordered within their usual interval (never inactive: the limit is
        # twice it); the quiet ones 200 to 600 days ago (inactive against rhythm and threshold).
        interval = rng.choice([20, 30, 45, 60, 90])
        recency = rng.randint(200, 600) if quiet[i] else rng.randint(1, interval)
        if quiet[i]:
            inactive_expected += 1
        last = today - timedelta(days=recency)
        for k in range(counts[i]):
            on = last - timedelta(days=interval * k)
            size = max(1, round(rng.gauss(per_order, 0.8)))
            picks = [products[(core + j * rng.choice([1, 1, 2, 3])) % len(products)]
                     for j in range(size)]  # fmt: skip
            total = sum(Decimal(p["price_ht"]) for p in picks)
            orders_rows.append({"id": order_id, "owner_id": ctx.trainee, "prospect_id": pid,
                                "business_case_id": ctx.case_id, "business_case_version_id":
                                ctx.version_id, "number": f"CDE-B-{order_id:07d}",
                                "status": OrderStatus.DELIVERED, "ordered_on": on,
                                "escompte_rate": Decimal(0), "reductions": [], "notes": "",
                                "gross_ht": total, "net_commercial_ht": total,
                                "total_ttc": total * Decimal("1.2"), "margin": total / 4,
                                "created_at": now, "updated_at": now, "version": 1})  # fmt: skip
            for position, p in enumerate(picks, start=1):
                line_rows.append({"id": line_id, "owner_id": ctx.trainee, "order_id": order_id,
                                  "position": position, "product_reference": p["reference"],
                                  "family": p["family"], "label": p["label"], "unit": "unité",
                                  "quantity": Decimal(1), "unit_price_ht": Decimal(p["price_ht"]),
                                  "tva_rate": Decimal(p["tva_rate"]), "discounts": [],
                                  "quantity_delivered": Decimal(1)})  # fmt: skip
                line_id += 1
                lines_made += 1
            order_id += 1
            flush()
    flush(final=True)
    analyze(engine)
    print(f"built {n_customers} customers, {order_id - 1} orders, {lines_made} lines "
          f"in {time.perf_counter() - started:.1f} s")  # fmt: skip
    return {"customers": n_customers, "orders": order_id - 1, "lines": lines_made,
            "quiet": inactive_expected}  # fmt: skip


def analyze(engine: Engine) -> None:
    if engine.dialect.name == "postgresql":
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.exec_driver_sql("VACUUM ANALYZE")
    else:
        with engine.begin() as conn:
            conn.execute(text("ANALYZE"))


def peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--url", help="database URL (default: a temporary SQLite file)")
    parser.add_argument("--customers", type=int, default=100_000)
    parser.add_argument("--orders", type=int, default=300_000)
    parser.add_argument("--lines", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--seed", type=int, default=18)
    parser.add_argument("--no-build", action="store_true", help="reuse the database at --url")
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory")
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="bench-loyalty-"))
    url = args.url or f"sqlite:///{tmp / 'bench.db'}"
    try:
        if args.no_build:
            from app.core.db import make_engine

            engine = make_engine(url)
            expected = None
            with Session(engine) as s:
                trainee = s.scalar(select(Order.owner_id).limit(1))
            assert trainee is not None
        else:
            engine = fresh_database(url)
            ctx = people_and_case(engine)
            trainee = ctx.trainee
            expected = build(engine, ctx, args.customers, args.orders, args.lines, args.seed)
        factory = make_session_factory(engine)
        print(f"database: {make_url(url).get_backend_name()}")

        times = []
        for _ in range(args.runs):
            with factory() as session:
                start = time.perf_counter()
                c = customers.context(session, trainee)
                view = customers.segments_view(c)
                items, total = inactive.inactive_page(c, PageParams(limit=50, offset=0))
                times.append(time.perf_counter() - start)
            assert view["customers"] == (expected or {}).get("customers", view["customers"])
            assert sum(s["customers"] for s in view["segments"]) == view["customers"]
            if expected:
                assert total == expected["quiet"], (total, expected["quiet"])
            assert len(items) == min(50, total)
        best, median = min(times), statistics.median(times)
        ok = best <= 2.0
        print(f"RFM + CLV + inactivity (segments and inactive views): best {best:.2f} s, "
              f"median {median:.2f} s, target 2 s: {'met' if ok else 'MISSED'} "
              f"({view['customers']} customers, {total} inactive)")  # fmt: skip

        with factory() as session, session.begin():
            run = recommendations.start(session, trainee, Decimal("0.01"), Decimal("0.2"))
            run_id = run.id
        start = time.perf_counter()
        recommendations.run_job(factory, run_id)
        elapsed = time.perf_counter() - start
        with factory() as session:
            done = session.get(RecommendationRun, run_id)
            assert done is not None
            assert done.status is JobStatus.DONE, done.error
            rules, customers_seen = len(done.rules), done.customers
        ok_rules = elapsed <= 10.0
        verdict = "met" if ok_rules else "MISSED"
        print(f"co-purchase rules job: {elapsed:.2f} s, target 10 s: {verdict} "
              f"({customers_seen} customers, {rules} rules kept)")  # fmt: skip
        print(f"peak memory: {peak_mib():.0f} MiB")
        engine.dispose()
        if not (ok and ok_rules):
            sys.exit(1)
    finally:
        if not args.keep:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
