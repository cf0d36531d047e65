"""A plan's progress: each quantitative objective's actual to date, read from the metric
registry only (one computation per distinct period for every owner at once), its gap and
status. A cohort's progress is the same for every trainee's current plan, in one pass."""

from __future__ import annotations

import functools
import itertools
from collections import defaultdict
from collections.abc import Sequence
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal, localcontext
from typing import Any, NamedTuple

from sqlalchemy.orm import Session

from app.metrics import registry
from app.models import Plan
from app.plans import repository as repo
from app.plans import service
from app.plans.periods import clip, slice_bounds
from app.plans.repository import ObjectiveRow

HUNDRED = Decimal(100)
ZERO = Decimal(0)
CENT = Decimal("0.01")


class Window(NamedTuple):
    """The days an objective is measured over: its slice of the period, up to today."""

    start: date
    end: date


@functools.lru_cache(maxsize=8192)
def _slice_window(base: Window, dimension: str, key: str) -> Window | None:
    """A month or week slice of a parent's window (None: no day in common, or a segment or
    family slice, which the later sales metrics measure)."""
    if dimension not in ("month", "week"):
        return None
    bounds = slice_bounds(key, dimension)
    clipped = clip(bounds, base.start, base.end) if bounds else None
    return Window(*clipped) if clipped else None


def windows(plan: Plan, objectives: Sequence[ObjectiveRow]) -> dict[int, Window | None]:
    """Each objective's days (None: a segment or family slice, not measured by period)."""
    root = Window(plan.starts_on, plan.ends_on)
    by_id = {o[0]: o for o in objectives}
    out: dict[int, Window | None] = {}

    def of(o: ObjectiveRow) -> Window | None:
        # Thousands for a cohort: the row's fields by position (id, parent_id, dimension,
        # slice_key).
        object_id, parent_id, dimension = o[0], o[2], o[7]
        if object_id in out:
            return out[object_id]
        if parent_id is None:
            result: Window | None = root
        else:
            parent = by_id.get(parent_id)
            base = of(parent) if parent is not None else root
            if base is None or dimension is None:
                result = base
            else:
                result = _slice_window(base, dimension, o[8] or "")
        out[object_id] = result
        return result

    for o in objectives:
        of(o)
    return out


def progress(
    session: Session, plans: list[Plan], today: date, *, known: registry.Sliced | None = None
) -> dict[int, list[dict[str, Any]]]:
    """Progress of several plans (a cohort): metrics computed once per distinct window for
    all the plans' owners together. ``known``: a registry pass the caller already made (every
    metric of these plans' owners over contiguous slices, the gap analysis's): used instead of
    a new one when every window is made of its slices."""
    return progress_and_values(session, plans, today, known=known)[0]


def progress_and_values(
    session: Session,
    plans: list[Plan],
    today: date,
    *,
    known: registry.Sliced | None = None,
    also: tuple[Sequence[int], tuple[date, date], Sequence[str]] | None = None,
) -> tuple[dict[int, list[dict[str, Any]]], dict[str, dict[int, Any]]]:
    """The plans' progress and, from the same registry pass, ``also``'s metrics (owners, a
    window, codes: the cohort dashboard's figures beside its trainees' plans)."""
    objectives_by_plan = repo.objective_rows(session, [p.id for p in plans])
    wanted: dict[tuple[date, date], set[str]] = defaultdict(set)
    plan_windows: dict[int, dict[int, Window | None]] = {}
    for plan in plans:
        wins = windows(plan, objectives_by_plan.get(plan.id, []))
        plan_windows[plan.id] = wins
        for o in objectives_by_plan.get(plan.id, []):
            w, code = wins.get(o[0]), o[3]
            if code and w is not None and w.start <= today:
                wanted[(w.start, min(w.end, today))].add(code)
    owners = sorted({p.owner_id for p in plans} | set(also[0] if also else ()))
    if also is not None:
        wanted[also[1]].update(also[2])
    values = _reuse(known, owners, wanted) if known is not None else None
    if values is None:
        values = _measure(session, owners, wanted)
    result: dict[int, list[dict[str, Any]]] = {}
    with localcontext(rounding=ROUND_HALF_UP):  # every quantize of the rows rounds half up
        for plan in plans:
            wins = plan_windows[plan.id]
            objectives = objectives_by_plan.get(plan.id, [])
            owner = plan.owner_id
            result[plan.id] = [_row(owner, o, wins.get(o[0]), values, today) for o in objectives]
    extra: dict[str, dict[int, Any]] = {}
    for code in also[2] if also else ():
        assert also is not None
        metric = registry.get(code)
        found = values[also[1]].get(code, {})
        # As the registry answers them: counts as int, sums to their places, ratios as made.
        extra[code] = found if metric.numerator else {o: metric.value(v) for o, v in found.items()}
    return result, extra


def _measure(
    session: Session, owners: list[int], wanted: dict[tuple[date, date], set[str]]
) -> dict[tuple[date, date], dict[str, dict[int, Any]]]:
    """Every window's values in one registry pass: the windows' bounds cut the span they
    cover into contiguous slices (a year's months, a month's weeks...), the registry computes
    each count or sum once per slice for all the owners (``compute_slices``), and a window's
    value is the sum of its slices' (a ratio: its parts' sums divided, never a sum of
    ratios)."""
    if not wanted or not owners:
        return {window: {} for window in wanted}
    cuts = sorted({s for s, _ in wanted} | {e + timedelta(days=1) for _, e in wanted})
    slices = [(a, b - timedelta(days=1)) for a, b in itertools.pairwise(cuts)]
    metrics = {code: registry.get(code) for codes in wanted.values() for code in codes}
    base: set[str] = set()
    for metric in metrics.values():
        parts = [metric.numerator, metric.denominator] if metric.numerator else [metric.code]
        base.update(code for code in parts if code is not None)
    sliced = registry.compute_slices(session, sorted(base), owners, slices)
    index = {start: i for i, (start, _) in enumerate(slices)}
    out: dict[tuple[date, date], dict[str, dict[int, Any]]] = {}
    for (start, end), codes in wanted.items():
        covered = range(index[start], index.get(end + timedelta(days=1), len(slices)))

        def total(code: str, owner: int, covered: range = covered) -> Any:
            return sum((sliced.values[i][code][owner] or 0 for i in covered), Decimal(0))

        result: dict[str, dict[int, Any]] = {}
        for code in codes:
            metric = metrics[code]
            if metric.numerator and metric.denominator:
                num, den = metric.numerator, metric.denominator
                result[code] = {o: metric.ratio(total(num, o), total(den, o)) for o in owners}
            else:
                result[code] = {o: total(code, o) for o in owners}
        out[(start, end)] = result
    return out


def _reuse(
    known: registry.Sliced, owners: list[int], wanted: dict[tuple[date, date], set[str]]
) -> dict[tuple[date, date], dict[str, dict[int, Any]]] | None:
    """The windows' values from a pass already made, or None when a window is not made of
    its slices (or an owner or a metric is missing from it)."""
    starts = {start: i for i, (start, _) in enumerate(known.slices)}
    ends = {end: i for i, (_, end) in enumerate(known.slices)}
    first = known.values[0] if known.values else {}
    codes = {code for window in wanted.values() for code in window}
    parts: set[str] = set()
    for code in codes:
        metric = registry.get(code)
        parts.update(c for c in (metric.numerator, metric.denominator, metric.code) if c)
    if any(c not in first or any(o not in first[c] for o in owners) for c in parts):
        return None
    out: dict[tuple[date, date], dict[str, dict[int, Any]]] = {}
    for (start, end), window_codes in wanted.items():
        if start not in starts or end not in ends or ends[end] < starts[start]:
            return None
        covered = range(starts[start], ends[end] + 1)

        def total(code: str, owner: int, covered: range = covered) -> Any:
            return sum((known.values[i][code][owner] or 0 for i in covered), Decimal(0))

        result: dict[str, dict[int, Any]] = {}
        for code in window_codes:
            metric = registry.get(code)
            if metric.numerator and metric.denominator:
                num, den = metric.numerator, metric.denominator
                result[code] = {o: metric.ratio(total(num, o), total(den, o)) for o in owners}
            else:
                result[code] = {o: total(code, o) for o in owners}
        out[(start, end)] = result
    return out


class _Facts(NamedTuple):
    """What every objective measured over one window shares on a given day."""

    measured: tuple[date, date]  # the days measured: the window up to today
    days: int
    gone: int  # days of the window gone by today (all of them once it ended)
    ended: bool
    future: bool


@functools.lru_cache(maxsize=4096)
def _facts(window: Window, today: date) -> _Facts:
    days = (window.end - window.start).days + 1
    gone = min(days, (min(today, window.end) - window.start).days + 1)
    return _Facts(
        (window.start, min(window.end, today)), days, gone, today >= window.end,
        window.start > today,
    )  # fmt: skip


_NOT_SLICED = (
    "Mesuré par segment ou par famille quand les ventes (devis, commandes) alimentent le "
    "registre : pas encore d'indicateur par tranche."
)


def _row(
    owner: int,
    o: ObjectiveRow,
    window: Window | None,
    values: dict[tuple[date, date], dict[str, dict[int, Any]]],
    today: date,
) -> dict[str, Any]:
    """One objective's progress (thousands for a cohort: the row read by position, the
    window's facts shared, decimals rounded in the context of ``progress``)."""
    object_id, _, parent_id, code, label, target, criterion, dimension, slice_key = o
    row: dict[str, Any] = {
        "objective_id": object_id, "parent_id": parent_id, "label": label,
        "metric_code": code, "unit": None, "dimension": dimension,
        "slice_key": slice_key, "period_start": window.start if window else None,
        "period_end": window.end if window else None, "target": target, "actual": None,
        "gap": None, "share": None, "status": "qualitative", "note": "",
    }  # fmt: skip
    if code is None:
        row["note"] = criterion
        return row
    metric = registry.get(code)
    row["unit"] = metric.unit
    if window is None:
        row["status"] = "not_measured"
        row["note"] = _NOT_SLICED
        return row
    facts = _facts(window, today)
    if facts.future:
        row["status"] = "not_measured"
        row["note"] = "Période à venir."
        return row
    raw = values[facts.measured][code].get(owner)
    if raw is None:
        row["status"] = "not_measured"
        row["note"] = "Pas de base de calcul (dénominateur nul)."
        return row
    actual = Decimal(raw)
    target = target or ZERO
    row["actual"] = actual.quantize(CENT)
    row["gap"] = (actual - target).quantize(CENT)
    row["share"] = (actual / target * HUNDRED).quantize(CENT) if target else None
    row["status"] = _status(metric.higher_is_better, actual, target, facts)
    return row


def _status(higher: bool, actual: Decimal, target: Decimal, facts: _Facts) -> str:
    """Reached (or, for a budget, kept at the end); else on track or behind against the
    target pro rata of the days gone."""
    if higher:
        if actual >= target:
            return "reached"
        return "on_track" if actual * facts.days >= target * facts.gone else "behind"
    if actual > target:
        return "behind"
    if facts.ended:
        return "reached"
    return "on_track" if actual * facts.days <= target * facts.gone else "behind"


def cohort(session: Session, principal: Any, cohort_id: int, on: date) -> list[dict[str, Any]]:
    """Each trainee of a cohort the caller leads, with the plan covering ``on`` (the latest
    validated, else the latest) and its progress: one registry pass for the whole cohort."""
    trainees, plans = repo.cohort_plans(session, principal, cohort_id, on)
    computed = progress(session, list(plans.values()), on)
    rows = service.plan_rows(session, list(plans.values()))
    by_plan = {row["id"]: row for row in rows}
    return [
        {
            "trainee_id": trainee_id,
            "trainee_name": name,
            "plan": by_plan.get(plans[trainee_id].id) if trainee_id in plans else None,
            "objectives": computed.get(plans[trainee_id].id, []) if trainee_id in plans else [],
        }
        for trainee_id, name in trainees
    ]
