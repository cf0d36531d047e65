"""Loyalty analytics (CP8): purchase histories, RFM segments, customer lifetime value, inactive
accounts and co-purchase association rules, from frames of orders and order lines.

Pure: no database, no I/O, no clock (``today`` is an argument). Every computation is vectorised
(pandas / numpy): 100,000 customers, 300,000 orders and 1,000,000 lines take well under a
second per function; only the functions that build Python objects for an answer (segment
summaries, the grid, the rules, the sets by customer) loop, over their output.

Money: amounts come in as integer cents and stay integer cents in the frames; what is meant for
an answer (segment amounts, the grid) is a ``Decimal`` in euros rounded half up to the cent
(``euros``). Ratios that are rounded (RFM scores, CLV, the limits of inactivity, the rules'
figures) are computed from integers, exactly, never from a float that may sit a hair below a
boundary.

The frames:

- ``orders``: ``prospect_id``, ``order_id``, ``ordered_on`` (datetime64 of any unit or
  ``datetime.date`` objects), ``net_ht_cents`` (the order's net commercial amount HT),
  ``margin_cents`` (optional; NA / NaN / None when the order's margin is unknown);
- ``lines``: ``prospect_id``, ``product_reference``, ``family`` (None allowed), one row per
  order line (duplicates allowed).
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Callable, Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import Any, TypedDict

import numpy as np
import numpy.typing as npt
import pandas as pd  # type: ignore[import-untyped, unused-ignore]

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]

CENT = Decimal("0.01")
TENTH = Decimal("0.1")
MIN_CUSTOMERS = 20  # under it the RFM quintiles of a handful of B2B customers mean little
MIN_SEGMENT_CUSTOMERS = 5  # a segment with fewer customers gets a warning
DAYS_PER_YEAR_X4 = 1461  # 365.25 days a year, times 4 to stay in integers

HISTORY_COLUMNS = (
    "orders",
    "amount_cents",
    "margin_cents",
    "margin_known",
    "first_on",
    "last_on",
    "recency_days",
    "relationship_days",
    "usual_interval_days",
    "frequency_per_year",
)

# The RFM segments, in the order their rules are evaluated (the first that matches wins).
SEGMENTS: tuple[str, ...] = (
    "champions",
    "new",
    "loyal",
    "promising",
    "at_risk",
    "lost",
    "hibernating",
    "needs_attention",
)
SEGMENT_LABELS: dict[str, str] = {
    "champions": "Champions",
    "new": "Nouveaux",
    "loyal": "Fidèles",
    "promising": "Prometteurs",
    "at_risk": "À risque",
    "lost": "Perdus",
    "hibernating": "En sommeil",
    "needs_attention": "À surveiller",
}
SEGMENT_DESCRIPTIONS: dict[str, str] = {
    "champions": "Achats récents, fréquents et élevés : les meilleurs clients, à remercier "
    "et à solliciter pour des recommandations.",
    "new": "Une seule commande, récente : à accueillir et à accompagner vers une deuxième "
    "commande.",
    "loyal": "Commandent souvent et assez récemment : à fidéliser par des offres adaptées.",
    "promising": "Achat récent mais encore peu fréquent : à développer par des offres "
    "analogues à leurs achats.",
    "at_risk": "Bons clients (fréquents ou gros montants) sans commande depuis longtemps : "
    "à relancer en priorité.",
    "lost": "Dernière commande très ancienne, peu de commandes et petits montants : "
    "reconquête ciblée ou abandon.",
    "hibernating": "Dernière commande ancienne, peu de commandes et petits montants : à "
    "réveiller par une information ou une offre.",
    "needs_attention": "Récence moyenne et peu de commandes : à surveiller avant qu'ils ne "
    "s'endorment.",
}


def euros(cents: int) -> Decimal:
    """Integer cents as euros, to the cent."""
    return (Decimal(int(cents)) / 100).quantize(CENT, rounding=ROUND_HALF_UP)


def _decimal_ratio(numerator: int, denominator: int, places: Decimal) -> Decimal:
    """numerator / denominator rounded half up to ``places`` (exact: ties are finite decimals,
    computed exactly at Decimal's 28 digits)."""
    return (Decimal(numerator) / Decimal(denominator)).quantize(places, rounding=ROUND_HALF_UP)


def _french_number(value: Decimal) -> str:
    """A Decimal without trailing zeros and with a French decimal comma: 3, 2,5."""
    text = format(value.normalize(), "f")
    return text.replace(".", ",")


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'s' if count > 1 else ''}"


def _round_half_up(numerator: Any, denominator: Any) -> IntArray:
    """Elementwise numerator / denominator (integers, denominator > 0) rounded half away from
    zero, in integers (int64, or Python integers in object arrays when int64 may overflow)."""
    twice = 2 * numerator
    sign = np.where(numerator < 0, -1, 1)
    rounded = (np.abs(twice) + denominator) // (2 * denominator)
    return np.asarray(sign * rounded).astype(np.int64)


# ------------------------------------------------------------------ normalisation


def _days(values: Any) -> IntArray:
    """Days since 1970-01-01 of a column of datetime64 values (any unit, tz-aware or not) or
    of ``datetime.date`` objects."""
    series = values if isinstance(values, pd.Series) else pd.Series(values)
    if not pd.api.types.is_datetime64_any_dtype(series.dtype):
        series = pd.to_datetime(series)
    if getattr(series.dt, "tz", None) is not None:
        series = series.dt.tz_localize(None)
    if series.isna().any():
        raise ValueError("Une commande n'a pas de date (ordered_on).")
    days: IntArray = series.to_numpy().astype("datetime64[D]").astype(np.int64)
    return days


def _day_number(day: date) -> int:
    return (day - date(1970, 1, 1)).days


def _margins(orders: Any) -> tuple[IntArray, BoolArray]:
    """The orders' margins in cents (0 where unknown) and whether each is known."""
    if "margin_cents" not in orders.columns:
        size = len(orders)
        return np.zeros(size, dtype=np.int64), np.zeros(size, dtype=np.bool_)
    column = orders["margin_cents"].astype("Float64")
    known: BoolArray = column.notna().to_numpy(dtype=np.bool_)
    values = column.fillna(0).to_numpy(dtype=np.float64)
    return np.rint(values).astype(np.int64), known


def _group_starts(keys: IntArray) -> tuple[IntArray, IntArray, BoolArray]:
    """For sorted keys: the first position of each group, each group's size, and the mask of
    positions that open a group."""
    opens = np.empty(len(keys), dtype=np.bool_)
    if len(keys):
        opens[0] = True
        opens[1:] = keys[1:] != keys[:-1]
    starts = np.flatnonzero(opens).astype(np.int64)
    sizes = np.diff(np.append(starts, len(keys))).astype(np.int64)
    return starts, sizes, opens


# ------------------------------------------------------------------ histories


def _empty_histories() -> Any:
    frame = pd.DataFrame(
        {
            "orders": pd.Series([], dtype="int64"),
            "amount_cents": pd.Series([], dtype="int64"),
            "margin_cents": pd.Series([], dtype="Int64"),
            "margin_known": pd.Series([], dtype="bool"),
            "first_on": pd.Series([], dtype="datetime64[s]"),
            "last_on": pd.Series([], dtype="datetime64[s]"),
            "recency_days": pd.Series([], dtype="int64"),
            "relationship_days": pd.Series([], dtype="int64"),
            "usual_interval_days": pd.Series([], dtype="float64"),
            "frequency_per_year": pd.Series([], dtype="float64"),
        },
        index=pd.Index([], dtype="int64", name="prospect_id"),
    )
    return frame


def histories(orders: Any, today: date) -> Any:
    """The purchase history of each customer, a frame indexed by ``prospect_id`` (ascending):

    - ``orders``: number of orders; ``amount_cents``: their net HT;
    - ``margin_cents`` (nullable Int64): the sum of the margins, NA when one of the customer's
      orders has no margin; ``margin_known``: every order has its margin;
    - ``first_on``, ``last_on``: days of the first and last order (datetime64; ``.dt.date``);
    - ``recency_days``: ``today - last_on``; ``relationship_days``: ``today - first_on``;
    - ``usual_interval_days``: the median of the days between consecutive orders sorted by
      day (orders on the same day count, with a gap of 0); NaN with one order;
    - ``frequency_per_year``: orders per year of relationship (365.25 days), one year at least.
    """
    if orders.empty:
        return _empty_histories()
    prospect = orders["prospect_id"].to_numpy(dtype=np.int64)
    day = _days(orders["ordered_on"])
    net = orders["net_ht_cents"].to_numpy(dtype=np.int64)
    margin, margin_known = _margins(orders)

    order = np.lexsort((day, prospect))
    prospect, day, net = prospect[order], day[order], net[order]
    margin, margin_known = margin[order], margin_known[order]
    starts, counts, opens = _group_starts(prospect)
    ends = starts + counts

    amount = np.add.reduceat(net, starts)
    margin_sum = np.add.reduceat(margin, starts)
    unknown = np.add.reduceat((~margin_known).astype(np.int64), starts)
    first, last = day[starts], day[ends - 1]
    today_number = _day_number(today)
    recency = today_number - last
    relationship = today_number - first

    # Usual interval: the median of each customer's gaps, the gaps sorted within the customer.
    same_customer = ~opens[1:]
    gaps = np.diff(day)[same_customer]
    gap_group = (np.cumsum(opens) - 1)[1:][same_customer]
    gaps = gaps[np.lexsort((gaps, gap_group))]
    gap_counts = counts - 1
    gap_starts = np.cumsum(gap_counts) - gap_counts
    measured = gap_counts > 0
    low = gap_starts[measured] + (gap_counts[measured] - 1) // 2
    high = gap_starts[measured] + gap_counts[measured] // 2
    interval = np.full(len(starts), np.nan)
    interval[measured] = (gaps[low] + gaps[high]) / 2

    years = np.maximum(relationship * 4 / DAYS_PER_YEAR_X4, 1.0)
    return pd.DataFrame(
        {
            "orders": counts,
            "amount_cents": amount,
            "margin_cents": pd.arrays.IntegerArray(margin_sum, unknown > 0),
            "margin_known": unknown == 0,
            "first_on": first.astype("datetime64[D]").astype("datetime64[s]"),
            "last_on": last.astype("datetime64[D]").astype("datetime64[s]"),
            "recency_days": recency,
            "relationship_days": relationship,
            "usual_interval_days": interval,
            "frequency_per_year": counts / years,
        },
        index=pd.Index(prospect[starts], name="prospect_id"),
    )


# ------------------------------------------------------------------ products


def product_summary(lines: Any) -> Any:
    """Per customer, product and family, the number of order lines: a frame with columns
    ``prospect_id``, ``product_reference``, ``family`` (None kept) and ``lines``, sorted."""
    columns = ["prospect_id", "product_reference", "family"]
    if lines.empty:
        return pd.DataFrame(
            {
                "prospect_id": pd.Series([], dtype="int64"),
                "product_reference": pd.Series([], dtype=object),
                "family": pd.Series([], dtype=object),
                "lines": pd.Series([], dtype="int64"),
            }
        )
    counted = lines[columns].groupby(columns, dropna=False, sort=True).size()
    return counted.rename("lines").reset_index()


def _sets_by_customer(lines: Any, column: str) -> dict[int, frozenset[str]]:
    """Per customer, the distinct non-null values of ``column``."""
    if lines.empty:
        return {}
    prospect_codes, prospects = pd.factorize(lines["prospect_id"].to_numpy(dtype=np.int64))
    value_codes, values = pd.factorize(lines[column].to_numpy(dtype=object))  # null: -1
    known = value_codes >= 0
    width = max(len(values), 1)
    keys = _distinct(prospect_codes[known].astype(np.int64) * width + value_codes[known])
    owners, items = keys // width, keys % width
    texts = np.array([str(value) for value in values], dtype=object)
    starts, sizes, _ = _group_starts(owners)
    flat: list[str] = texts[items].tolist()
    ids = np.asarray(prospects, dtype=np.int64)[owners[starts]].tolist()
    bounds = (starts + sizes).tolist()
    return {
        prospect: frozenset(flat[start:end])
        for prospect, start, end in zip(ids, starts.tolist(), bounds, strict=True)
    }


def families_by_customer(lines: Any) -> dict[int, frozenset[str]]:
    """The families each customer bought (lines without a family left out; a customer with
    none is absent: read with ``.get(prospect_id, frozenset())``). An offer is analogous to a
    customer's purchases when every family it is about is in the customer's set."""
    return _sets_by_customer(lines, "family")


def products_by_customer(lines: Any) -> dict[int, frozenset[str]]:
    """The product references each customer bought (what ``recommend`` takes as ``bought``)."""
    return _sets_by_customer(lines, "product_reference")


# ------------------------------------------------------------------ RFM


class GridCell(TypedDict):
    r: int
    f: int
    customers: int
    amount: Decimal


@dataclass(frozen=True)
class SegmentSummary:
    code: str
    label: str
    description: str
    customers: int
    share: Decimal  # % of the customers, one decimal
    amount: Decimal  # € HT, the segment's customers' orders
    mean_recency_days: Decimal | None  # one decimal; None for an empty segment
    warning: str | None


@dataclass(frozen=True, eq=False)
class RfmResult:
    scores: Any  # DataFrame indexed by prospect_id: r, f, m, code, segment
    segments: list[SegmentSummary]
    warnings: list[str]
    grid: list[GridCell]  # r from 5 to 1, f from 1 to 5: 25 cells


def quintile_scores(values: Any) -> IntArray:
    """Scores 1..5 by quintile of rank, ties sharing a score: ``ceil(rank_pct × 5)`` with the
    average rank, computed in integers (the average rank is a multiple of one half)."""
    size = len(values)
    if not size:
        return np.zeros(0, dtype=np.int64)
    ranks = pd.Series(values).rank(method="average").to_numpy(dtype=np.float64)
    twice = np.rint(ranks * 2).astype(np.int64)  # 2 × rank, exact
    scores: IntArray = (5 * twice + 2 * size - 1) // (2 * size)  # ceil(5 × rank / size)
    return np.clip(scores, 1, 5).astype(np.int64)


def _segment_indexes(r: IntArray, f: IntArray, m: IntArray, orders: IntArray) -> IntArray:
    rules = [
        (r >= 4) & (f >= 4) & (m >= 4),  # champions
        (r >= 4) & (orders == 1),  # new
        (r >= 3) & (f >= 3),  # loyal
        r >= 4,  # promising
        (r <= 2) & ((f >= 3) | (m >= 4)),  # at_risk
        r == 1,  # lost
        r == 2,  # hibernating
    ]
    indexes: IntArray = np.select(rules, list(range(len(rules))), default=len(rules)).astype(
        np.int64
    )
    return indexes


def segment_for(r: int, f: int, m: int, orders: int) -> str:
    """The segment of one customer's scores and order count (the rules of ``rfm``)."""
    scores = [np.array([value], dtype=np.int64) for value in (r, f, m, orders)]
    return SEGMENTS[int(_segment_indexes(*scores)[0])]


def _sums(groups: IntArray, values: IntArray, size: int) -> IntArray:
    sums = np.zeros(size, dtype=np.int64)
    np.add.at(sums, groups, values)
    return sums


def segment_warning(label: str, customers: int) -> str | None:
    if 0 < customers < MIN_SEGMENT_CUSTOMERS:
        return (
            f"Segment « {label} » : {_plural(customers, 'client')}, trop peu pour que les "
            "scores aient un sens."
        )
    return None


def population_warning(customers: int) -> str | None:
    if 0 < customers < MIN_CUSTOMERS:
        return (
            f"Seulement {_plural(customers, 'client')} : les quintiles RFM reposent sur trop "
            "peu de clients pour être fiables (peu de clients B2B)."
        )
    return None


def rfm(hist: Any) -> RfmResult:
    """RFM scores and segments of the customers of ``histories``: recency (reversed: the most
    recent score 5), frequency (``orders``) and monetary value (``amount_cents``) scored 1..5
    by quintile of rank, the code ("545") and the first segment of ``SEGMENTS`` whose rule
    matches; per segment a summary, the warnings, and the R × F grid."""
    recency = hist["recency_days"].to_numpy(dtype=np.int64)
    orders = hist["orders"].to_numpy(dtype=np.int64)
    amount = hist["amount_cents"].to_numpy(dtype=np.int64)
    r, f, m = quintile_scores(-recency), quintile_scores(orders), quintile_scores(amount)
    segment = _segment_indexes(r, f, m, orders)
    codes = np.array(SEGMENTS, dtype=object)
    scores = pd.DataFrame(
        {
            "r": r,
            "f": f,
            "m": m,
            "code": pd.Series(r * 100 + f * 10 + m, dtype="int64").astype(str).to_numpy(),
            "segment": codes[segment],
        },
        index=pd.Index(hist.index.to_numpy(dtype=np.int64), name="prospect_id"),
    )

    total = len(hist)
    customers = np.bincount(segment, minlength=len(SEGMENTS))
    amounts = _sums(segment, amount, len(SEGMENTS))
    recencies = _sums(segment, recency, len(SEGMENTS))
    summaries: list[SegmentSummary] = []
    for index, code in enumerate(SEGMENTS):
        count = int(customers[index])
        label = SEGMENT_LABELS[code]
        summaries.append(
            SegmentSummary(
                code=code,
                label=label,
                description=SEGMENT_DESCRIPTIONS[code],
                customers=count,
                share=_decimal_ratio(count * 100, total, TENTH) if total else Decimal("0.0"),
                amount=euros(int(amounts[index])),
                mean_recency_days=(
                    _decimal_ratio(int(recencies[index]), count, TENTH) if count else None
                ),
                warning=segment_warning(label, count),
            )
        )

    cell = (5 - r) * 5 + (f - 1)
    cell_customers = np.bincount(cell, minlength=25)
    cell_amounts = _sums(cell, amount, 25)
    grid: list[GridCell] = [
        {
            "r": 5 - index // 5,
            "f": index % 5 + 1,
            "customers": int(cell_customers[index]),
            "amount": euros(int(cell_amounts[index])),
        }
        for index in range(25)
    ]
    overall = population_warning(total)
    return RfmResult(
        scores=scores,
        segments=summaries,
        warnings=[overall] if overall else [],
        grid=grid,
    )


# ------------------------------------------------------------------ CLV


def clv_method(lifetime_years: Decimal) -> str:
    """How the CLV is computed, in French, for every answer that shows one."""
    years = _french_number(lifetime_years)
    unit = "an" if lifetime_years < 2 else "ans"
    return (
        "Valeur vie client historique = panier moyen HT × commandes par an × durée de relation "
        f"attendue ({years} {unit}) ; sur la marge quand elle est connue."
    )


def _fits_int64(bound: int) -> bool:
    return bound < 2**62


def clv(hist: Any, lifetime_years: Decimal) -> Any:
    """Historical customer lifetime value of the customers of ``histories``, a frame indexed
    by ``prospect_id``:

    - ``average_basket_cents``: amount / orders, to the cent;
    - ``clv_cents``: average basket × orders per year × ``lifetime_years``, to the cent
      (computed exactly from the unrounded basket: amount × lifetime / max(years, 1));
    - ``average_margin_cents``, ``clv_margin_cents`` (nullable Int64): the same on the margin,
      NA unless every order of the customer has its margin.
    """
    if lifetime_years <= 0:
        raise ValueError("La durée de relation attendue doit être positive.")
    lifetime = Fraction(lifetime_years).limit_denominator(10**6)
    orders = hist["orders"].to_numpy(dtype=np.int64)
    amount = hist["amount_cents"].to_numpy(dtype=np.int64)
    known = hist["margin_known"].to_numpy(dtype=np.bool_)
    margin = hist["margin_cents"].astype("Int64").fillna(0).to_numpy(dtype=np.int64)
    relationship = hist["relationship_days"].to_numpy(dtype=np.int64)

    # max(years, 1) = 4 × days / 1461 from a year of relationship on, else 1:
    # value × lifetime / max(years, 1) = value × p × scale / (q × span).
    long = relationship * 4 >= DAYS_PER_YEAR_X4
    scale = np.where(long, DAYS_PER_YEAR_X4, 1).astype(np.int64)
    span = np.where(long, relationship * 4, 1).astype(np.int64)
    p, q = lifetime.numerator, lifetime.denominator
    largest = int(max(np.abs(amount).max(initial=0), np.abs(margin).max(initial=0)))
    longest = int(np.abs(relationship).max(initial=1))
    # _round_half_up adds 2 × numerator and the denominator, then doubles the denominator.
    exact_ints = _fits_int64(2 * largest * p * DAYS_PER_YEAR_X4 + 2 * q * 4 * longest)

    def value(cents: IntArray) -> IntArray:
        if exact_ints:
            return _round_half_up(cents * p * scale, q * span)
        objects = cents.astype(object)  # Python integers: no overflow
        return _round_half_up(objects * p * scale.astype(object), q * span.astype(object))

    size = len(orders)
    safe_orders = np.maximum(orders, 1)
    return pd.DataFrame(
        {
            "average_basket_cents": _round_half_up(amount, safe_orders),
            "clv_cents": value(amount) if size else np.zeros(0, dtype=np.int64),
            "average_margin_cents": pd.arrays.IntegerArray(
                _round_half_up(margin, safe_orders), ~known
            ),
            "clv_margin_cents": pd.arrays.IntegerArray(
                value(margin) if size else np.zeros(0, dtype=np.int64), ~known
            ),
        },
        index=pd.Index(hist.index.to_numpy(dtype=np.int64), name="prospect_id"),
    )


# ------------------------------------------------------------------ inactivity


def inactivity(hist: Any, *, factor: Decimal | None, threshold_days: int | None) -> Any:
    """Inactive customers (CP8.4), a frame indexed by ``prospect_id``:

    - ``basis``: "rhythm" when ``factor`` is set and the customer has a usual interval (two
      orders or more), else "threshold" when ``threshold_days`` is set, else None (no rule);
    - ``limit_days`` (Int64): ``ceil(usual interval × factor)``, one day at least, or the
      threshold; NA without a rule;
    - ``overdue_days`` (Int64): recency − limit (negative while within the limit);
    - ``inactive``: recency > limit (never without a rule).
    """
    if factor is not None and factor <= 0:
        raise ValueError("Le facteur d'inactivité doit être positif.")
    if threshold_days is not None and threshold_days < 0:
        raise ValueError("Le seuil d'inactivité ne peut pas être négatif.")
    size = len(hist)
    recency = hist["recency_days"].to_numpy(dtype=np.int64)
    interval = hist["usual_interval_days"].to_numpy(dtype=np.float64)
    limit = np.zeros(size, dtype=np.int64)
    basis = np.full(size, None, dtype=object)

    rhythm = np.zeros(size, dtype=np.bool_)
    if factor is not None:
        rhythm = ~np.isnan(interval)
        ratio = Fraction(factor).limit_denominator(10**6)
        twice = np.rint(interval[rhythm] * 2).astype(np.int64)  # medians are halves
        ceiling = -((-twice * ratio.numerator) // (2 * ratio.denominator))
        limit[rhythm] = np.maximum(ceiling, 1)
        basis[rhythm] = "rhythm"
    threshold = np.zeros(size, dtype=np.bool_)
    if threshold_days is not None:
        threshold = ~rhythm
        limit[threshold] = threshold_days
        basis[threshold] = "threshold"
    ruled = rhythm | threshold
    index = pd.Index(hist.index.to_numpy(dtype=np.int64), name="prospect_id")
    return pd.DataFrame(
        {
            "inactive": ruled & (recency > limit),
            # object, not pandas' str dtype, which would turn None into NaN
            "basis": pd.Series(basis, index=index, dtype=object),
            "limit_days": pd.Series(pd.arrays.IntegerArray(limit, ~ruled), index=index),
            "overdue_days": pd.Series(pd.arrays.IntegerArray(recency - limit, ~ruled), index=index),
        },
        index=index,
    )


# ------------------------------------------------------------------ association rules


@dataclass(frozen=True)
class Rule:
    antecedents: tuple[str, ...]  # sorted product references
    consequent: str
    support: Decimal  # share of the customers who bought all of them, 4 places
    confidence: Decimal  # share of the antecedents' buyers who bought the consequent, 4 places
    lift: Decimal  # confidence / the consequent's support, 3 places
    customers: int  # customers who bought the antecedents and the consequent


@dataclass(frozen=True)
class MinedRules:
    customers: int  # transactions: the customers with a basket
    products: int  # distinct products in the baskets
    rules: list[Rule] = field(default_factory=list)  # lift desc, confidence desc
    rules_found: int = 0  # rules with lift > 1 before the cut at max_rules


def _distinct(keys: IntArray) -> IntArray:
    """The distinct keys, sorted (a sort and a comparison: numpy 2's hash-based ``np.unique``
    is ten times slower on a million int64)."""
    ordered = np.sort(keys)
    if len(ordered) < 2:
        return ordered
    keep = np.empty(len(ordered), dtype=np.bool_)
    keep[0] = True
    keep[1:] = ordered[1:] != ordered[:-1]
    return ordered[keep]


def _one_hot(customer_codes: IntArray, product_codes: IntArray, references: list[str]) -> Any:
    """The customers × products boolean matrix as a sparse DataFrame, one True per distinct
    (customer, product). Sparse rather than dense: as fast through mlxtend's FP-growth (it
    reads the CSR rows) and its size follows the baskets, not customers × catalogue."""
    with warnings.catch_warnings():  # scipy.sparse adds a filter of its own on import
        from scipy import sparse  # type: ignore[import-untyped, unused-ignore]

    width = len(references)
    keys = _distinct(customer_codes * width + product_codes)
    matrix = sparse.csr_matrix(
        (np.ones(len(keys), dtype=np.bool_), (keys // width, keys % width)),
        shape=(int(customer_codes.max()) + 1, width),
    )
    return pd.DataFrame.sparse.from_spmatrix(matrix, columns=references)


def mine_rules(
    baskets: Any,
    *,
    min_support: float = 0.01,
    min_confidence: float = 0.2,
    max_rules: int = 500,
    progress: Callable[[int, str], None] | None = None,
) -> MinedRules:
    """Co-purchase association rules (CP8.2) by FP-growth (mlxtend) over customer baskets:
    each customer is a transaction holding the distinct products they ever bought
    (``baskets``: ``prospect_id``, ``product_reference``, one row per line, duplicates
    allowed). Itemsets of 3 products at most; rules with one consequent, lift > 1, support ≥
    ``min_support`` and confidence ≥ ``min_confidence`` (both exact, from counts), the best
    ``max_rules`` by lift then confidence. ``progress(percent, step)`` follows the steps."""
    if not 0 < min_support <= 1:
        raise ValueError("Le support minimal doit être compris entre 0 (exclu) et 1.")
    if not 0 <= min_confidence <= 1:
        raise ValueError("La confiance minimale doit être comprise entre 0 et 1.")
    if max_rules < 0:
        raise ValueError("Le nombre maximal de règles ne peut pas être négatif.")

    def report(percent: int, step: str) -> None:
        if progress is not None:
            progress(percent, step)

    report(0, "Préparation des paniers des clients")
    frame = baskets[["prospect_id", "product_reference"]].dropna()
    customer_codes, customer_ids = pd.factorize(frame["prospect_id"].to_numpy(dtype=np.int64))
    product_codes, references = pd.factorize(frame["product_reference"].astype(str).to_numpy())
    customers, products = len(customer_ids), len(references)
    if customers == 0 or products < 2:
        report(100, "Terminé : pas assez de produits pour des règles")
        return MinedRules(customers=customers, products=products)

    one_hot = _one_hot(
        customer_codes.astype(np.int64),
        product_codes.astype(np.int64),
        [str(reference) for reference in references],
    )
    report(20, "Matrice clients × produits construite")

    # mlxtend's fpcommon runs warnings.simplefilter("always", DeprecationWarning) on import:
    # the catch keeps that change from leaking into the process.
    with warnings.catch_warnings():
        from mlxtend.frequent_patterns import (  # type: ignore[import-untyped, unused-ignore]
            association_rules,
            fpgrowth,
        )

    # The threshold as a count, exact (mlxtend compares floats: 0.07 × 100 is 7.000000000000001).
    min_count = max(1, math.ceil(Fraction(str(min_support)) * customers))
    itemsets = fpgrowth(
        one_hot, min_support=(min_count - 0.5) / customers, use_colnames=True, max_len=3
    )
    report(70, "Ensembles fréquents de produits trouvés")
    if not (itemsets["itemsets"].map(len) >= 2).any():
        report(100, "Terminé : aucun ensemble fréquent de plusieurs produits")
        return MinedRules(customers=customers, products=products)

    found = association_rules(
        itemsets,
        num_itemsets=customers,
        metric="confidence",
        min_threshold=max(0.0, min_confidence - 1e-9),  # refined below, exactly
        # Only what the rules show: the default computes every metric (certainty divides by
        # zero, with a RuntimeWarning, when a product is in every basket).
        return_metrics=["antecedent support", "consequent support", "support"],
    )
    found = found[found["consequents"].map(len) == 1]
    both = np.rint(found["support"].to_numpy(dtype=np.float64) * customers).astype(np.int64)
    antecedent = np.rint(found["antecedent support"].to_numpy(dtype=np.float64) * customers)
    consequent = np.rint(found["consequent support"].to_numpy(dtype=np.float64) * customers)
    antecedent, consequent = antecedent.astype(np.int64), consequent.astype(np.int64)
    confidence_floor = Fraction(str(min_confidence))
    keep = (both * customers > antecedent * consequent) & (
        both * confidence_floor.denominator >= antecedent * confidence_floor.numerator
    )
    report(90, "Règles d'association calculées")

    antecedent_sets = [tuple(sorted(items)) for items in found["antecedents"].to_numpy()[keep]]
    consequent_items = [next(iter(items)) for items in found["consequents"].to_numpy()[keep]]
    both, antecedent, consequent = both[keep], antecedent[keep], consequent[keep]
    # Floats of exact integer ratios: equal ratios give equal floats, for the order only.
    lift = (both * customers) / (antecedent * consequent)
    confidence = both / antecedent
    ranking = sorted(
        range(len(both)),
        key=lambda i: (
            -lift[i],
            -confidence[i],
            -both[i],
            antecedent_sets[i],
            consequent_items[i],
        ),
    )
    rules = [
        Rule(
            antecedents=antecedent_sets[i],
            consequent=consequent_items[i],
            support=_decimal_ratio(int(both[i]), customers, Decimal("0.0001")),
            confidence=_decimal_ratio(int(both[i]), int(antecedent[i]), Decimal("0.0001")),
            lift=_decimal_ratio(
                int(both[i]) * customers,
                int(antecedent[i]) * int(consequent[i]),
                Decimal("0.001"),
            ),
            customers=int(both[i]),
        )
        for i in ranking[:max_rules]
    ]
    report(100, "Terminé")
    return MinedRules(customers=customers, products=products, rules=rules, rules_found=len(ranking))


def recommend(rules: Sequence[Rule], bought: AbstractSet[str], *, limit: int = 5) -> list[Rule]:
    """The rules that apply to a customer who bought ``bought``: every antecedent bought, the
    consequent not; best first (lift, then confidence), the best rule only per consequent, at
    most ``limit``."""
    applicable = [
        rule
        for rule in rules
        if rule.consequent not in bought and all(item in bought for item in rule.antecedents)
    ]
    applicable.sort(key=lambda rule: (-rule.lift, -rule.confidence))  # stable: input order
    chosen: list[Rule] = []
    seen: set[str] = set()
    for rule in applicable:
        if len(chosen) >= limit:
            break
        if rule.consequent not in seen:
            seen.add(rule.consequent)
            chosen.append(rule)
    return chosen


def _french_list(items: Sequence[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " et " + items[-1]


def explain(rule: Rule, labels: Mapping[str, str]) -> str:
    """The rule in a French sentence: « Les clients qui ont acheté X achètent aussi Y : 34 %,
    lift 2,1 » (labels by reference, the reference when a label is missing; the figures
    rounded half up from the rule's own)."""
    antecedents = _french_list([labels.get(ref, ref) for ref in rule.antecedents])
    consequent = labels.get(rule.consequent, rule.consequent)
    percent = (rule.confidence * 100).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    lift = rule.lift.quantize(TENTH, rounding=ROUND_HALF_UP)
    return (
        f"Les clients qui ont acheté {antecedents} achètent aussi {consequent} : "
        f"{percent} %, lift {str(lift).replace('.', ',')}"
    )
