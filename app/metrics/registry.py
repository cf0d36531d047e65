"""The metric registry: each metric defined once, computed for a set of owners and a period.

A metric (``MetricDef``) is a code, a French label and unit, the competence it reflects, its
kind and how it is computed:

- ``count`` and ``sum`` metrics carry ``compute(session, owner_ids, period)``: **one**
  grouped query for the whole set of owners (a cohort), answering ``{owner_id: value}`` for
  the owners that have records (the registry fills the others with zero);
- ``ratio`` metrics name a numerator and a denominator, two count or sum metrics of the
  registry: they are computed from those (each base metric queried once per call, whatever
  asks for it) and never summed in a decomposition. A zero denominator gives ``None``.

Periods are calendar days ``[start, end]`` (both included) on the wall clock of the
application's time zone (``CAPVENTE_TIMEZONE``, Europe/Paris): a moment counts when it falls
from ``start`` 00:00 local time to ``end + 1 day`` 00:00 local time, excluded; a record dated
by a day (a tour day) counts when its day is in ``[start, end]``.

This module imports no domain: each domain registers its metrics from its own ``metrics.py``
(imported once by ``app.providers``). See app/metrics/README.md.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Executable
from sqlalchemy.orm import Session

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


@dataclass(frozen=True)
class Period:
    """Days ``start`` to ``end`` (both included) in ``zone``."""

    start: date
    end: date
    zone: ZoneInfo = PARIS

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError(f"period ends ({self.end}) before it starts ({self.start})")

    @property
    def since(self) -> datetime:
        """The first moment of the period, in UTC (``start`` 00:00 local time)."""
        return datetime.combine(self.start, time(0), tzinfo=self.zone).astimezone(UTC)

    @property
    def until(self) -> datetime:
        """The first moment after the period, in UTC (``end + 1 day`` 00:00 local time)."""
        return datetime.combine(self.end + timedelta(days=1), time(0), tzinfo=self.zone).astimezone(
            UTC
        )

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1


Compute = Callable[[Session, Sequence[int], Period], Mapping[int, Any]]


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


def grouped(session: Session, statement: Executable) -> dict[int, Any]:
    """``{owner_id: value}`` from a statement selecting (owner id, aggregate) grouped by
    owner: the shape every ``compute`` answers."""
    return {row[0]: row[1] for row in session.execute(statement)}


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
    for all the owners, whether it was asked for or is a ratio's part."""
    metrics = [get(code) for code in dict.fromkeys(codes)]
    owners = sorted(set(owner_ids))
    period = Period(start, end, zone)
    needed: dict[str, MetricDef] = {}
    for metric in metrics:
        parts = [metric.numerator, metric.denominator] if metric.numerator else [metric.code]
        for code in parts:
            if code is not None:
                needed[code] = get(code)
    base: dict[str, dict[int, int | Decimal]] = {}
    for code, metric in needed.items():
        assert metric.compute is not None  # a count or a sum (MetricDef checks it)
        found = metric.compute(session, owners, period) if owners else {}
        base[code] = {owner: metric.value(found.get(owner)) for owner in owners}
    out: dict[str, dict[int, Value]] = {}
    for metric in metrics:
        if metric.kind is MetricKind.RATIO:
            assert metric.numerator is not None
            assert metric.denominator is not None
            num, den = base[metric.numerator], base[metric.denominator]
            out[metric.code] = {owner: metric.ratio(num[owner], den[owner]) for owner in owners}
        else:
            out[metric.code] = dict(base[metric.code])
    return out
