"""The metric registry: each metric defined once, computed for a set of owners and a period.

A metric (``MetricDef``) is a code, a French label and unit, the competence it reflects, its
kind and how it is computed:

- ``count`` and ``sum`` metrics carry ``compute(session, owner_ids, period)``: **one**
  grouped query for the whole set of owners (a cohort) and every slice of the period,
  answering ``{(owner_id, slice): value}`` for what has records (the registry fills the rest
  with zero). ``counted`` and ``summed`` run the query from a statement of the rows;
- ``ratio`` metrics name a numerator and a denominator, two count or sum metrics of the
  registry: they are computed from those (each base metric queried once per call, whatever
  asks for it) and never summed in a decomposition. A zero denominator gives ``None``.

Periods are calendar days ``[start, end]`` (both included) on the wall clock of the
application's time zone (``CAPVENTE_TIMEZONE``, Europe/Paris): a moment counts when it falls
from ``start`` 00:00 local time to ``end + 1 day`` 00:00 local time, excluded; a record dated
by a day (a tour day) counts when its day is in ``[start, end]``. A period may be cut into
contiguous slices (``compute_slices``: the months of a year), all computed by the same
queries.

This module imports no domain: each domain registers its metrics from its own ``metrics.py``
(imported once by ``app.providers``). See app/metrics/README.md.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum
from itertools import pairwise
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import ColumnElement, Select, case, func, literal, literal_column, select
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import BindParameter

PARIS = ZoneInfo("Europe/Paris")

Value = int | Decimal | None
"""A metric's value for one owner: an integer (counts), a Decimal (sums, ratios), or None
(a ratio whose denominator is zero)."""


class MetricKind(StrEnum):
    COUNT = "count"
    SUM = "sum"
    RATIO = "ratio"


class UnknownMetric(LookupError):
    """A code the registry does not hold (the API answers 422 naming it)."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


def _midnight(day: date, zone: ZoneInfo) -> datetime:
    """``day`` 00:00 in ``zone``, as a UTC moment."""
    return datetime.combine(day, time(0), tzinfo=zone).astimezone(UTC)


@dataclass(frozen=True)
class Period:
    """Days ``start`` to ``end`` (both included) in ``zone``, in one slice or cut into
    contiguous slices (the months of a year): ``cuts`` are the first days of the slices after
    the first. A metric computes every slice in the same query (``slice_of_moment``,
    ``slice_of_day``)."""

    start: date
    end: date
    zone: ZoneInfo = PARIS
    cuts: tuple[date, ...] = ()

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError(f"period ends ({self.end}) before it starts ({self.start})")
        days = [self.start, *self.cuts]
        if any(b <= a for a, b in pairwise(days)) or (self.cuts and self.cuts[-1] > self.end):
            raise ValueError("slices must be in order, within the period, one day at least")

    @classmethod
    def of_slices(cls, slices: Sequence[tuple[date, date]], zone: ZoneInfo = PARIS) -> Period:
        """The period made of ``slices`` ([start, end] each), which must follow each other
        day after day (the months of a year, the weeks of a month)."""
        if not slices:
            raise ValueError("no slice")
        for (_, end), (start, _) in pairwise(slices):
            if start != end + timedelta(days=1):
                raise ValueError(f"slices must follow each other: {end} then {start}")
        return cls(slices[0][0], slices[-1][1], zone, tuple(s for s, _ in slices[1:]))

    @property
    def since(self) -> datetime:
        """The first moment of the period, in UTC (``start`` 00:00 local time)."""
        return _midnight(self.start, self.zone)

    @property
    def until(self) -> datetime:
        """The first moment after the period, in UTC (``end + 1 day`` 00:00 local time)."""
        return _midnight(self.end + timedelta(days=1), self.zone)

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    @property
    def slices(self) -> list[tuple[date, date]]:
        starts = [self.start, *self.cuts]
        ends = [cut - timedelta(days=1) for cut in self.cuts] + [self.end]
        return list(zip(starts, ends, strict=True))

    def moment_in(self, column: Any) -> tuple[ColumnElement[bool], ...]:
        """SQL: the moment ``column`` (a UTC date-time column) falls in the period."""
        return (column >= self.since, column < self.until)

    def day_in(self, column: Any) -> tuple[ColumnElement[bool], ...]:
        """SQL: the day ``column`` (a date column) is one of the period's."""
        return (column >= self.start, column <= self.end)

    def slice_of_moment(self, column: Any) -> ColumnElement[int]:
        """SQL: the index of the slice the moment ``column`` falls in (0 when not cut)."""
        return _slice_of(column, [_midnight(cut, self.zone) for cut in self.cuts])

    def slice_of_day(self, column: Any) -> ColumnElement[int]:
        """SQL: the index of the slice the day ``column`` is in (0 when not cut)."""
        return _slice_of(column, list(self.cuts))


def _slice_of(column: Any, cuts: Sequence[Any], first: int = 0) -> ColumnElement[int]:
    """SQL: ``first`` + the number of ``cuts`` at or before ``column``, as a balanced tree of
    CASEs (4 comparisons a row for the 11 cuts of a year's months, not up to 11)."""
    if not cuts:
        return literal(first)
    mid = len(cuts) // 2
    return case(
        (column < cuts[mid], _slice_of(column, cuts[:mid], first)),
        else_=_slice_of(column, cuts[mid + 1 :], first + mid + 1),
    )


Rows = Select[*tuple[Any, ...]]
"""A statement of rows a metric counts or sums (``counted``, ``summed``)."""

Key = tuple[int, int]
"""(owner id, slice index): what a metric's ``compute`` answers for."""

Compute = Callable[[Session, Sequence[int], Period], Mapping[Key, Any]]


def _grouping(rows: Rows, found: Any) -> tuple[Any, Any]:
    """The owner and slice columns of a metric's grouped query: by owner and slice, or by
    owner alone when the period is one slice (its ``slice`` column is the constant 0): SQLite
    then counts each owner's rows in the index's order instead of sorting them all into a
    temporary tree (a year of a cohort's 720,000 contacts: 360 ms grouped by both, 140 ms by
    owner alone, bench/bench_analyses.py)."""
    column = rows.selected_columns["slice"]
    if isinstance(getattr(column, "element", column), BindParameter):
        return found.c.owner_id, literal_column("0")
    return found.c.owner_id, found.c.slice


def _grouped(rows: Rows, found: Any, *aggregates: Any) -> Any:
    owner, part = _grouping(rows, found)
    keys = (owner,) if part is not found.c.slice else (owner, part)
    return select(owner, part, *aggregates).group_by(*keys)


def counted(session: Session, rows: Rows) -> dict[Key, int]:
    """``{(owner_id, slice): number of rows}`` of ``rows``, a statement selecting
    ``owner_id`` and ``slice`` (labelled so) for each thing counted."""
    found = rows.subquery()
    statement = _grouped(rows, found, func.count())
    return {(owner, part): n for owner, part, n in session.execute(statement)}


def summed(session: Session, rows: Rows) -> dict[Key, Any]:
    """``{(owner_id, slice): sum of value}`` of ``rows``, a statement selecting ``owner_id``,
    ``slice`` and ``value`` (labelled so)."""
    found = rows.subquery()
    statement = _grouped(rows, found, func.sum(found.c.value))
    return {(owner, part): total for owner, part, total in session.execute(statement)}


def tallied(session: Session, rows: Rows, codes: Sequence[str]) -> dict[str, dict[Key, Any]]:
    """``{code: {(owner_id, slice): sum of column code}}`` of ``rows``, a statement selecting
    ``owner_id``, ``slice`` and one column per code (labelled with it): 1 or 0 for a count
    (``case((condition, 1), else_=0)``), a value for a sum. One scan of the rows for several
    metrics (a ``MetricGroup``)."""
    found = rows.subquery()
    statement = _grouped(rows, found, *(func.sum(found.c[code]) for code in codes))
    out: dict[str, dict[Key, Any]] = {code: {} for code in codes}
    for owner, part, *values in session.execute(statement):
        for code, value in zip(codes, values, strict=True):
            out[code][owner, part] = value
    return out


GroupCompute = Callable[[Session, Sequence[int], Period], Mapping[str, Mapping[Key, Any]]]


@dataclass(frozen=True)
class MetricGroup:
    """Count or sum metrics read from the same rows by **one** query (the outbound
    interactions: contacts and those reached; the tour days' visits, km and CO2).
    ``compute`` answers ``{code: {(owner_id, slice): value}}`` for every code; each member
    metric's ``compute`` is ``group.member(code)``, and the registry runs the group's query
    once for all the members a computation needs."""

    name: str
    compute: GroupCompute = field(compare=False, repr=False)

    def member(self, code: str) -> GroupMember:
        return GroupMember(self, code)


@dataclass(frozen=True)
class GroupMember:
    """A metric's ``compute`` taken from its group's query (asked alone, the group's whole
    query runs and only this metric's values are kept)."""

    group: MetricGroup
    code: str

    def __call__(
        self, session: Session, owners: Sequence[int], period: Period
    ) -> Mapping[Key, Any]:
        return self.group.compute(session, owners, period).get(self.code, {})


@dataclass(frozen=True)
class MetricDef:
    code: str
    label: str
    unit: str
    kind: MetricKind
    value_type: type[int] | type[Decimal]
    higher_is_better: bool
    competence: str
    description: str
    compute: Compute | None = field(default=None, compare=False, repr=False)
    numerator: str | None = None
    denominator: str | None = None
    #: Decimal values are rounded to ``places`` (a ratio: a tenth; km and kg: a thousandth).
    places: Decimal = Decimal("0.1")
    #: Ratios: the quotient times ``scale`` (100 for a percentage).
    scale: Decimal = Decimal(100)

    def __post_init__(self) -> None:
        if self.kind is MetricKind.RATIO:
            if self.compute is not None or not (self.numerator and self.denominator):
                raise ValueError(f"{self.code}: a ratio names its numerator and denominator")
            if self.value_type is not Decimal:
                raise ValueError(f"{self.code}: a ratio is a Decimal")
        elif self.compute is None or self.numerator or self.denominator:
            raise ValueError(f"{self.code}: a count or a sum has its compute, and no parts")

    @property
    def additive(self) -> bool:
        """Whether values of sub-periods (or owners) add up to the whole: counts and sums."""
        return self.kind is not MetricKind.RATIO

    def value(self, found: Any) -> int | Decimal:
        """A count or sum as the metric states it: an int, or a Decimal to ``places``."""
        if self.value_type is int:
            return int(found or 0)
        # str(): SQLite may answer a sum as a float (12.5 must not become 12.4999…).
        return Decimal(str(found or 0)).quantize(self.places, rounding=ROUND_HALF_UP)

    def ratio(self, numerator: Value, denominator: Value) -> Decimal | None:
        if numerator is None or not denominator:
            return None
        quotient = Decimal(numerator) * self.scale / Decimal(denominator)
        return quotient.quantize(self.places, rounding=ROUND_HALF_UP)


_REGISTRY: dict[str, MetricDef] = {}


def register(metric: MetricDef) -> MetricDef:
    """Add ``metric`` to the registry (at import of the domain's ``metrics.py``). A code
    registered twice, or a ratio whose parts are not registered count or sum metrics, is an
    error at import."""
    if metric.code in _REGISTRY:
        raise ValueError(f"metric {metric.code!r} is already registered")
    for part in (metric.numerator, metric.denominator):
        if part is None:
            continue
        found = _REGISTRY.get(part)
        if found is None or found.kind is MetricKind.RATIO:
            raise ValueError(f"{metric.code}: {part!r} is not a registered count or sum")
    _REGISTRY[metric.code] = metric
    return metric


def unregister(code: str) -> None:
    """Remove a metric (tests registering metrics of their own)."""
    _REGISTRY.pop(code, None)


def get(code: str) -> MetricDef:
    try:
        return _REGISTRY[code]
    except KeyError:
        raise UnknownMetric(code) from None


def all_metrics() -> list[MetricDef]:
    """Every registered metric, in the order of registration."""
    return list(_REGISTRY.values())


@dataclass(frozen=True)
class Sliced:
    """Values of each slice of a period, and of the whole period (``compute_slices``)."""

    slices: list[tuple[date, date]]
    #: ``{code: {owner_id: value}}`` for each slice, in order.
    values: list[dict[str, dict[int, Value]]]
    #: ``{code: {owner_id: value}}`` over the whole period.
    whole: dict[str, dict[int, Value]]


def compute(
    session: Session,
    codes: Iterable[str],
    owner_ids: Iterable[int],
    start: date,
    end: date,
    *,
    zone: ZoneInfo = PARIS,
) -> dict[str, dict[int, Value]]:
    """``{code: {owner_id: value}}`` for every code asked and every owner (zero when an
    owner has no record; ``None`` for a ratio over zero). Each count or sum is computed once
    (one query) for all the owners, whether it was asked for or is a ratio's part."""
    return compute_slices(session, codes, owner_ids, [(start, end)], zone=zone).whole


def compute_slices(
    session: Session,
    codes: Iterable[str],
    owner_ids: Iterable[int],
    slices: Sequence[tuple[date, date]],
    *,
    zone: ZoneInfo = PARIS,
) -> Sliced:
    """The values of each slice of a period cut in contiguous slices (the months of a year,
    the weeks of a month: each slice starts the day after the previous one ends), and of the
    whole period, in one query per count or sum for all the owners and all the slices.

    The whole period's counts and sums are the sums of the slices' (every count or sum adds
    up over contiguous periods: a metric counting "the first time" counts it in the slice it
    happened in); its ratios are computed from those sums, never from the slices' ratios."""
    metrics = [get(code) for code in dict.fromkeys(codes)]
    owners = sorted(set(owner_ids))
    period = Period.of_slices(slices, zone)
    parts = range(len(period.slices))
    needed: dict[str, MetricDef] = {}
    for metric in metrics:
        for code in [metric.numerator, metric.denominator] if metric.numerator else [metric.code]:
            if code is not None:
                needed[code] = get(code)
    grouped: dict[MetricGroup, Mapping[str, Mapping[Key, Any]]] = {}
    base: dict[str, dict[Key, int | Decimal]] = {}
    for code, metric in needed.items():
        assert metric.compute is not None  # a count or a sum (MetricDef checks it)
        if not owners:
            found: Mapping[Key, Any] = {}
        elif isinstance(metric.compute, GroupMember):  # its group's query, once for all
            group = metric.compute.group
            if group not in grouped:
                grouped[group] = group.compute(session, owners, period)
            found = grouped[group].get(code, {})
        else:
            found = metric.compute(session, owners, period)
        values = {(o, i): metric.value(found.get((o, i))) for o in owners for i in parts}
        for owner in owners:
            values[owner, -1] = metric.value(sum(values[owner, i] for i in parts))
        base[code] = values

    def at(part: int) -> dict[str, dict[int, Value]]:
        out: dict[str, dict[int, Value]] = {}
        for metric in metrics:
            if metric.kind is MetricKind.RATIO:
                assert metric.numerator is not None
                assert metric.denominator is not None
                num, den = base[metric.numerator], base[metric.denominator]
                out[metric.code] = {o: metric.ratio(num[o, part], den[o, part]) for o in owners}
            else:
                out[metric.code] = {o: base[metric.code][o, part] for o in owners}
        return out

    return Sliced(period.slices, [at(i) for i in parts], at(-1))
