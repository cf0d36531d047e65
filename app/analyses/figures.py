"""The figures of an analysis (CP4.1): objectives against results, the funnel, the activity,
Pareto/ABC, the trend. Every indicator is read through the metric registry (one pass for the
trainee over the previous period and the months of the period; one pass for the cohort's
funnel; the plan's progress), then shaped with pandas; only the turnover's breakdown by
customer and family and the plan's actions read records directly.

The answer is plain data (``dict``), the same for the API, the note's draft, its charts and
the diagnostic rules."""

from __future__ import annotations

import itertools
import threading
import time
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import pandas as pd
from sqlalchemy import exists, func, select
from sqlalchemy.orm import Session

from app.common.clock import utcnow
from app.metrics import registry
from app.metrics.registry import MetricKind
from app.models import (
    Campaign,
    Direction,
    Interaction,
    Order,
    OrderLine,
    OrderStatus,
    Plan,
    PlanAction,
    Prospect,
    Task,
    TaskLinkKind,
    Tour,
)
from app.plans import progress

CENT = Decimal("0.01")
HUNDRED = Decimal(100)

# The funnel from suspects to orders: (stage, registry metric, label).
FUNNEL = (
    ("suspects", "prospects_added", "Prospects entrés au fichier"),
    ("contacted", "contacts", "Contacts émis"),
    ("reached", "contacts_reached", "Contacts aboutis"),
    ("appointment", "appointments_taken", "Rendez-vous pris"),
    ("interview", "interviews_held", "Entretiens menés"),
    ("quote", "quotes_sent", "Devis envoyés"),
    ("order", "orders_placed", "Commandes"),
)
# Time spent per kind of action (registry minutes).
TIME_CODES = (
    ("phone_minutes", "Téléphone"),
    ("written_minutes", "Écrits (e-mail, SMS, courrier, réseaux)"),
    ("meeting_minutes", "Face à face (visite, visio, événement)"),
    ("visit_minutes", "Rendez-vous tenus"),
)
ABC_LIMITS = (Decimal(80), Decimal(95))  # cumulative share of turnover closing A, then B


@dataclass(frozen=True)
class Scope:
    """What an analysis reads: whose, which days, which plan, which cohort (for medians)."""

    owner_id: int
    start: date
    end: date
    plan: Plan | None
    cohort_ids: Sequence[int]
    today: date
    close_pct: int = 10
    benchmark_seconds: int = 0

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    @property
    def previous(self) -> tuple[date, date]:
        """The period of the same length just before."""
        return self.start - timedelta(days=self.days), self.start - timedelta(days=1)


def months_of(start: date, end: date) -> list[tuple[date, date]]:
    """The calendar months of ``[start, end]``, clipped to it."""
    out = []
    day = start
    while day <= end:
        following = (day.replace(day=1) + timedelta(days=32)).replace(day=1)
        out.append((day, min(end, following - timedelta(days=1))))
        day = following
    return out


def working_days(start: date, end: date) -> int:
    """Monday to Friday between ``start`` and ``end`` included."""
    return int(pd.bdate_range(start, end).size) if end >= start else 0


def _num(value: Any) -> Decimal | None:
    return None if value is None else Decimal(value)


def _q(value: Decimal | None, places: Decimal = CENT) -> Decimal | None:
    return None if value is None else value.quantize(places, rounding=ROUND_HALF_UP)


def _rate(part: Any, whole: Any) -> Decimal | None:
    """``part`` / ``whole`` × 100 to a tenth, None over zero."""
    if part is None or whole is None or Decimal(whole) == 0:
        return None
    return _q(Decimal(part) * HUNDRED / Decimal(whole), Decimal("0.1"))


def _per(value: Any, count: Any) -> Decimal | None:
    if value is None or count is None or Decimal(count) == 0:
        return None
    return _q(Decimal(value) / Decimal(count))


def _totals(sliced: registry.Sliced, parts: range, owner: int) -> dict[str, Any]:
    """Every metric over the slices ``parts`` of a registry pass: counts and sums added, ratios
    from their parts' sums (never a sum of ratios)."""
    out: dict[str, Any] = {}
    metrics = registry.all_metrics()
    for metric in metrics:
        if metric.kind is not MetricKind.RATIO:
            out[metric.code] = metric.value(
                sum((sliced.values[i][metric.code][owner] or 0 for i in parts), Decimal(0))
            )
    for metric in metrics:
        if metric.kind is MetricKind.RATIO:
            assert metric.numerator is not None
            assert metric.denominator is not None
            out[metric.code] = metric.ratio(out[metric.numerator], out[metric.denominator])
    return out


def compute(session: Session, scope: Scope) -> dict[str, Any]:
    """The whole analysis of ``scope``."""
    codes = [m.code for m in registry.all_metrics()]
    prev_start, prev_end = scope.previous
    # A period still running is measured up to today (the plan's progress measures its
    # objectives so: the same slices serve both).
    months = months_of(scope.start, max(scope.start, min(scope.end, scope.today)))
    # One registry pass: the previous period as one slice, then each month of the period.
    sliced = registry.compute_slices(
        session, codes, [scope.owner_id], [(prev_start, prev_end), *months]
    )
    owner = scope.owner_id
    current = _totals(sliced, range(1, len(months) + 1), owner)
    previous = _totals(sliced, range(0, 1), owner)
    monthly = [
        {"start": s, "end": e, "values": {c: sliced.values[i + 1][c][owner] for c in codes}}
        for i, (s, e) in enumerate(months)
    ]
    cohort = _cohort_funnel(session, scope)
    return {
        "period": {
            "start": scope.start,
            "end": scope.end,
            "days": scope.days,
            "working_days": working_days(scope.start, scope.end),
            "previous_start": prev_start,
            "previous_end": prev_end,
            "cohort_size": len(scope.cohort_ids),
            "cohort_computed_at": cohort.get("computed_at"),
        },
        "plan": {"id": scope.plan.id, "title": scope.plan.title} if scope.plan else None,
        "objectives": objectives(session, scope, sliced),
        "funnel": funnel(current, previous, cohort),
        "activity": activity(session, scope, current),
        "pareto": pareto(session, scope),
        "trend": {"metrics": trend(current, previous), "months": monthly},
        "values": current,
        "previous_values": previous,
    }


# --------------------------------------------------------------------------- objectives


def objectives(
    session: Session, scope: Scope, known: registry.Sliced | None = None
) -> list[dict[str, Any]]:
    """The plan's objectives measured up to the analysis's last day (or today), each with its
    gap, gap % and status: reached, close (within ``close_pct`` % of what was due by then),
    behind; qualitative and unmeasured ones say so."""
    if scope.plan is None:
        return []
    on = min(scope.end, scope.today)
    rows = progress.progress(session, [scope.plan], on, known=known)[scope.plan.id]
    out = []
    for row in rows:
        target, actual = _num(row["target"]), _num(row["actual"])
        status = row["status"]
        due = target
        if status in ("reached", "on_track", "behind") and target is not None:
            metric = registry.get(row["metric_code"])
            start, end = row["period_start"], row["period_end"]
            days = (end - start).days + 1
            gone = max(0, min(days, (on - start).days + 1))
            due = target if not metric.higher_is_better else target * gone / days
            status = _status(metric.higher_is_better, actual or Decimal(0), due, scope.close_pct)
            if row["status"] == "reached":
                status = "reached"
        gap_pct = None
        if target and actual is not None:
            gap_pct = _q((actual - target) * HUNDRED / target, Decimal("0.1"))
        out.append(
            {
                "objective_id": row["objective_id"],
                "parent_id": row["parent_id"],
                "label": row["label"],
                "metric_code": row["metric_code"],
                "unit": row["unit"],
                "dimension": row["dimension"],
                "slice_key": row["slice_key"],
                "target": target,
                "due": _q(due) if due is not None else None,
                "actual": actual,
                "gap": _num(row["gap"]),
                "gap_pct": gap_pct,
                "status": status,
                "note": row["note"],
            }
        )
    return out


def _status(higher: bool, actual: Decimal, due: Decimal, close_pct: int) -> str:
    margin = abs(due) * close_pct / HUNDRED
    if higher:
        if actual >= due:
            return "reached"
        return "close" if actual >= due - margin else "behind"
    if actual <= due:
        return "reached"
    return "close" if actual <= due + margin else "behind"


# --------------------------------------------------------------------------- funnel


_BENCHMARKS: OrderedDict[tuple[Any, ...], tuple[float, dict[str, Any]]] = OrderedDict()
_BENCHMARKS_LOCK = threading.Lock()
MAX_BENCHMARKS = 256


def _cohort_funnel(session: Session, scope: Scope) -> dict[str, Any]:
    """The cohort's median of each funnel stage and conversion over the period, with when it
    was computed: kept ``scope.benchmark_seconds`` per cohort and period (a benchmark: one
    registry pass over the whole cohort's records is the costly part of an analysis), so the
    analyses of a cohort's trainees over one period share it."""
    owners = tuple(sorted(set(scope.cohort_ids) | {scope.owner_id}))
    if len(owners) < 2:
        return {}
    key = (owners, scope.start, scope.end)
    now = time.monotonic()
    if scope.benchmark_seconds:
        with _BENCHMARKS_LOCK:
            found = _BENCHMARKS.get(key)
            if found is not None and now - found[0] < scope.benchmark_seconds:
                return found[1]
    medians = _cohort_medians(session, list(owners), scope)
    if scope.benchmark_seconds:
        with _BENCHMARKS_LOCK:
            _BENCHMARKS[key] = (now, medians)
            _BENCHMARKS.move_to_end(key)
            while len(_BENCHMARKS) > MAX_BENCHMARKS:
                _BENCHMARKS.popitem(last=False)
    return medians


def _cohort_medians(session: Session, owners: list[int], scope: Scope) -> dict[str, Any]:
    codes = [code for _, code, _ in FUNNEL]
    values = registry.compute(session, codes, owners, scope.start, scope.end)
    frame = pd.DataFrame({code: pd.Series(values[code], dtype="float64") for code in codes})
    medians: dict[str, Any] = {code: _q(Decimal(str(frame[code].median()))) for code in codes}
    medians["computed_at"] = utcnow()
    for (_, before, _), (stage, code, _) in itertools.pairwise(FUNNEL):
        if stage == "contacted":
            continue
        ratios = (frame[code] * 100 / frame[before].where(frame[before] > 0)).dropna()
        medians[f"{stage}_conversion"] = (
            _q(Decimal(str(ratios.median())), Decimal("0.1")) if len(ratios) else None
        )
    return medians


def funnel(
    current: dict[str, Any], previous: dict[str, Any], cohort: dict[str, Any]
) -> dict[str, Any]:
    stages = []
    before = FUNNEL[0][1]
    for stage, code, label in FUNNEL:
        # The suspects are records entered, the contacts events: no rate between them.
        converts = stage not in ("suspects", "contacted")
        stages.append(
            {
                "stage": stage,
                "metric_code": code,
                "label": label,
                "value": current[code],
                "previous": previous[code],
                "cohort_median": cohort.get(code),
                "conversion": _rate(current[code], current[before]) if converts else None,
                "previous_conversion": (
                    _rate(previous[code], previous[before]) if converts else None
                ),
                "cohort_conversion": cohort.get(f"{stage}_conversion") if converts else None,
            }
        )
        before = code
    first, last = current[FUNNEL[1][1]], current[FUNNEL[-1][1]]
    return {"stages": stages, "overall_conversion": _rate(last, first)}


# --------------------------------------------------------------------------- activity


def activity(session: Session, scope: Scope, values: dict[str, Any]) -> dict[str, Any]:
    minutes = [(code, label, int(values[code])) for code, label in TIME_CODES]
    total = sum(m for _, _, m in minutes)
    days = working_days(scope.start, scope.end)
    visits, orders = values["visits_done"], values["orders_placed"]
    km, co2 = values["km_driven"], values["co2_kg"]
    actions = plan_actions_done(session, scope)
    due = [a for a in actions if a["due"]]
    done = sum(1 for a in due if a["done"])
    return {
        "time": [
            {
                "code": c,
                "label": label,
                "minutes": m,
                "hours": _q(Decimal(m) / 60),
                "share": _rate(m, total),
            }
            for c, label, m in minutes
        ],
        "total_hours": _q(Decimal(total) / 60),
        "working_days": days,
        "contacts_per_day": _per(values["contacts"], days),
        "visits_per_day": _per(visits, days),
        "km_per_visit": _per(km, visits),
        "co2_per_visit": _per(co2, visits),
        "km_per_order": _per(km, orders),
        "co2_per_order": _per(co2, orders),
        "actions_due": len(due),
        "actions_done": done,
        "actions_done_share": _rate(done, len(due)),
        "actions": actions,
    }


def plan_actions_done(session: Session, scope: Scope) -> list[dict[str, Any]]:
    """The plan's actions, each due (ended by the period's end) or not, and done: carried out
    by a linked campaign that contacted someone in the action's days, a linked tour, or a done
    task linked to the action."""
    if scope.plan is None:
        return []
    contacted = (
        select(Interaction.id)
        .join(Campaign, Campaign.id == Interaction.campaign_id)
        .where(
            Campaign.plan_action_id == PlanAction.id,
            Interaction.direction == Direction.OUTBOUND,
            func.date(Interaction.occurred_at) >= PlanAction.starts_on,
            func.date(Interaction.occurred_at) <= PlanAction.ends_on,
        )
        .exists()
    )
    toured = exists().where(Tour.plan_action_id == PlanAction.id)
    tasked = exists().where(
        Task.link_kind == TaskLinkKind.PLAN_ACTION,
        Task.link_id == PlanAction.id,
        Task.done_at.is_not(None),
    )
    rows = session.execute(
        select(
            PlanAction.id, PlanAction.title, PlanAction.kind, PlanAction.starts_on,
            PlanAction.ends_on, contacted, toured, tasked,
        )
        .where(PlanAction.plan_id == scope.plan.id)
        .order_by(PlanAction.starts_on, PlanAction.id)
    ).all()  # fmt: skip
    return [
        {
            "id": r[0], "title": r[1], "kind": r[2], "starts_on": r[3], "ends_on": r[4],
            "due": r[4] <= scope.end, "done": bool(r[5] or r[6] or r[7]),
        }
        for r in rows
    ]  # fmt: skip


# --------------------------------------------------------------------------- Pareto / ABC


def pareto(session: Session, scope: Scope) -> dict[str, Any]:
    """Customers and product families by share of the period's turnover (orders not
    cancelled, net HT), in ABC classes, with the concentration."""
    orders = session.execute(
        select(Order.prospect_id, Prospect.name, Order.net_commercial_ht)
        .join(Prospect, Prospect.id == Order.prospect_id)
        .where(
            Order.owner_id == scope.owner_id,
            Order.status != OrderStatus.CANCELLED,
            Order.ordered_on >= scope.start,
            Order.ordered_on <= scope.end,
        )
    ).all()
    lines = session.execute(
        select(
            OrderLine.family,
            OrderLine.quantity * OrderLine.unit_price_ht,
            Order.gross_ht,
            Order.net_commercial_ht,
        )
        .join(Order, Order.id == OrderLine.order_id)
        .where(
            Order.owner_id == scope.owner_id,
            Order.status != OrderStatus.CANCELLED,
            Order.ordered_on >= scope.start,
            Order.ordered_on <= scope.end,
        )
    ).all()
    customers = pd.DataFrame(orders, columns=["key", "label", "amount"])
    # A family's turnover: each line's share of its order's gross, applied to the order's
    # net (the order's reductions spread over its lines pro rata).
    families = pd.DataFrame(
        [
            (family or "(sans famille)", Decimal(gross) * Decimal(net) / Decimal(whole))
            for family, gross, whole, net in lines
            if whole
        ],
        columns=["key", "amount"],
    )
    families["label"] = families["key"]
    return {"customers": _abc(customers), "families": _abc(families)}


def _abc(frame: pd.DataFrame) -> dict[str, Any]:
    if frame.empty:
        return {"rows": [], "total": Decimal(0), "count": 0, "top20_share": None, "hhi": None}
    frame = frame.assign(amount=frame["amount"].map(Decimal))
    grouped = (
        frame.groupby(["key", "label"], dropna=False, sort=False)["amount"]
        .sum()
        .reset_index()
        .sort_values(["amount", "key"], ascending=[False, True], kind="stable")
    )
    total = sum(grouped["amount"], Decimal(0))
    rows: list[dict[str, Any]] = []
    amounts: list[Decimal] = []
    cumulative = Decimal(0)
    for key, label, amount in grouped.itertuples(index=False):
        amounts.append(amount)
        share = amount * HUNDRED / total if total else Decimal(0)
        before = cumulative
        cumulative += share
        klass = "A" if before < ABC_LIMITS[0] else "B" if before < ABC_LIMITS[1] else "C"
        rows.append(
            {"key": str(key), "label": str(label), "amount": _q(amount),
             "share": _q(share, Decimal("0.1")), "cumulative": _q(cumulative, Decimal("0.1")),
             "class": klass}
        )  # fmt: skip
    count = len(rows)
    top = max(1, round(count * 0.2))
    top_share = sum(amounts[:top], Decimal(0)) * HUNDRED / total if total else None
    hhi = (
        sum(((a * HUNDRED / total) ** 2 for a in grouped["amount"]), Decimal(0)) if total else None
    )
    return {
        "rows": rows[:200],
        "total": _q(total),
        "count": count,
        "top20_share": _q(top_share, Decimal("0.1")),
        "hhi": _q(hhi, Decimal(1)),
    }


# --------------------------------------------------------------------------- trend


def trend(current: dict[str, Any], previous: dict[str, Any]) -> list[dict[str, Any]]:
    out = []
    for metric in registry.all_metrics():
        now, before = current[metric.code], previous[metric.code]
        change = None if now is None or before is None else _q(Decimal(now) - Decimal(before))
        out.append(
            {
                "code": metric.code,
                "label": metric.label,
                "unit": metric.unit,
                "competence": metric.competence,
                "higher_is_better": metric.higher_is_better,
                "value": now,
                "previous": before,
                "change": change,
                "change_pct": _rate(change, abs(Decimal(before))) if before else None,
            }
        )
    return out
