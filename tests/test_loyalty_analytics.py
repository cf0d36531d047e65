"""The loyalty analytics (app/loyalty/analytics.py): histories, RFM, CLV, inactivity and the
co-purchase rules on small crafted frames with hand-computed answers, and Hypothesis
properties of the RFM scores.

No database: these run once (the PostgreSQL run deselects them)."""

from __future__ import annotations

import math
from datetime import date, timedelta
from decimal import Decimal as D

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.loyalty import analytics
from app.loyalty.analytics import Rule

TODAY = date(2026, 6, 30)


def orders_frame(rows: list[tuple[int, date, int, int | None]]) -> pd.DataFrame:
    """(prospect, day, net HT cents, margin cents or None) → the orders frame."""
    return pd.DataFrame(
        {
            "prospect_id": pd.Series([r[0] for r in rows], dtype="int64"),
            "order_id": pd.Series(range(1, len(rows) + 1), dtype="int64"),
            "ordered_on": [r[1] for r in rows],
            "net_ht_cents": pd.Series([r[2] for r in rows], dtype="int64"),
            "margin_cents": pd.array([r[3] for r in rows], dtype="Int64"),
        }
    )


def hist_frame(rows: dict[int, tuple[int, int, int]]) -> pd.DataFrame:
    """prospect → (recency days, orders, amount cents): what ``rfm`` reads of a history."""
    return pd.DataFrame(
        {
            "recency_days": [v[0] for v in rows.values()],
            "orders": [v[1] for v in rows.values()],
            "amount_cents": [v[2] for v in rows.values()],
        },
        index=pd.Index(list(rows), name="prospect_id"),
    )


# ------------------------------------------------------------------ histories

# Customer 1: five orders, given out of order, two on 11 January: gaps 10, 0, 30, 30 (median
# 20). Customer 2: one order. Customer 3: two years of relationship, gaps 5 and 100 (52.5),
# one margin unknown.
ORDERS = [
    (1, date(2026, 2, 10), 10_000, 2_000),
    (1, date(2026, 1, 1), 5_000, 1_000),
    (3, date(2024, 6, 30), 20_000, 4_000),
    (1, date(2026, 1, 11), 1_000, 100),
    (2, date(2026, 6, 20), 7_000, None),
    (1, date(2026, 3, 12), 4_000, 900),
    (3, date(2024, 7, 5), 30_000, None),
    (1, date(2026, 1, 11), 2_500, 500),
    (3, date(2024, 10, 13), 10_000, 2_000),
]


def test_histories_of_crafted_customers() -> None:
    hist = analytics.histories(orders_frame(ORDERS), TODAY)

    assert list(hist.index) == [1, 2, 3]
    assert hist.index.name == "prospect_id"
    assert list(hist["orders"]) == [5, 1, 3]
    assert list(hist["amount_cents"]) == [22_500, 7_000, 60_000]
    assert hist.at[1, "margin_cents"] == 4_500
    assert [pd.isna(hist.at[i, "margin_cents"]) for i in (2, 3)] == [True, True]
    assert list(hist["margin_known"]) == [True, False, False]
    assert [d.date() for d in hist["first_on"]] == [date(2026, 1, 1), date(2026, 6, 20), date(2024, 6, 30)]  # fmt: skip
    assert [d.date() for d in hist["last_on"]] == [date(2026, 3, 12), date(2026, 6, 20), date(2024, 10, 13)]  # fmt: skip
    assert list(hist["recency_days"]) == [110, 10, 625]
    assert list(hist["relationship_days"]) == [180, 10, 730]
    # Median of the sorted gaps: 0, 10, 30, 30 → 20; one order: none; 5, 100 → 52.5.
    assert hist.at[1, "usual_interval_days"] == 20.0
    assert math.isnan(hist.at[2, "usual_interval_days"])
    assert hist.at[3, "usual_interval_days"] == 52.5
    # Under a year of relationship counts as a year; 730 days are 730 / 365.25 years.
    assert hist.at[1, "frequency_per_year"] == 5.0
    assert hist.at[2, "frequency_per_year"] == 1.0
    assert hist.at[3, "frequency_per_year"] == pytest.approx(3 / (730 / 365.25))


def test_histories_read_datetime64_as_dates() -> None:
    frame = orders_frame(ORDERS)
    as_dates = analytics.histories(frame, TODAY)
    frame["ordered_on"] = pd.to_datetime(frame["ordered_on"]).astype("datetime64[ns]")
    pd.testing.assert_frame_equal(analytics.histories(frame, TODAY), as_dates)


def test_histories_odd_count_median_and_same_day_orders() -> None:
    # Gaps 0, 0, 7: the median gap of orders placed together is 0, not left out.
    hist = analytics.histories(
        orders_frame([(5, date(2026, 6, 1), 100, 10)] * 3 + [(5, date(2026, 6, 8), 100, 10)]),
        TODAY,
    )
    assert hist.at[5, "orders"] == 4
    assert hist.at[5, "usual_interval_days"] == 0.0
    assert hist.at[5, "recency_days"] == 22


def test_histories_without_margin_column() -> None:
    frame = orders_frame(ORDERS).drop(columns=["margin_cents"])
    hist = analytics.histories(frame, TODAY)
    assert not hist["margin_known"].any()
    assert hist["margin_cents"].isna().all()


def test_histories_of_no_order() -> None:
    hist = analytics.histories(orders_frame([]), TODAY)
    assert hist.empty
    assert tuple(hist.columns) == analytics.HISTORY_COLUMNS
    assert hist.index.name == "prospect_id"
    # The rest of the chain accepts it.
    result = analytics.rfm(hist)
    assert result.scores.empty
    assert result.warnings == []
    assert [s.customers for s in result.segments] == [0] * len(analytics.SEGMENTS)
    assert sum(cell["customers"] for cell in result.grid) == 0
    assert analytics.clv(hist, D(3)).empty
    assert analytics.inactivity(hist, factor=D(2), threshold_days=90).empty


# ------------------------------------------------------------------ products

LINES = pd.DataFrame(
    {
        "prospect_id": [1, 1, 1, 2, 2, 3],
        "product_reference": ["CAI", "CAI", "IMP", "IMP", "LIB", "LIB"],
        "family": ["caisses", "caisses", "impression", "impression", None, None],
    }
)


def test_product_summary_counts_lines() -> None:
    summary = analytics.product_summary(LINES)
    rows = [tuple(r) for r in summary.itertuples(index=False)]
    assert rows[:3] == [(1, "CAI", "caisses", 2), (1, "IMP", "impression", 1), (2, "IMP", "impression", 1)]  # fmt: skip
    assert [(r[0], r[1], r[3]) for r in rows[3:]] == [(2, "LIB", 1), (3, "LIB", 1)]
    assert all(pd.isna(r[2]) for r in rows[3:])  # a line without family is kept
    assert analytics.product_summary(LINES.iloc[:0]).empty


def test_families_and_products_by_customer() -> None:
    assert analytics.families_by_customer(LINES) == {
        1: frozenset({"caisses", "impression"}),
        2: frozenset({"impression"}),
    }  # customer 3 bought nothing with a family
    assert analytics.products_by_customer(LINES) == {
        1: frozenset({"CAI", "IMP"}),
        2: frozenset({"IMP", "LIB"}),
        3: frozenset({"LIB"}),
    }
    assert analytics.families_by_customer(LINES.iloc[:0]) == {}


# ------------------------------------------------------------------ RFM

# Ten customers (recency, orders, amount): with ten customers a score is ceil(rank / 2).
POPULATION = {
    1: (1, 10, 100_000),  # A: most recent, most orders (tied with B), largest amount → 555
    2: (900, 10, 90_000),  # B: oldest, most orders, second amount → 155
    3: (800, 1, 100),  # C: old, fewest orders, smallest amount → 111
    4: (10, 2, 1_000),
    5: (20, 3, 2_000),
    6: (30, 4, 3_000),
    7: (40, 5, 4_000),
    8: (50, 6, 5_000),
    9: (60, 7, 6_000),
    10: (70, 8, 7_000),
}


def test_rfm_scores_and_segments_of_a_crafted_population() -> None:
    result = analytics.rfm(hist_frame(POPULATION))
    scores = result.scores

    assert dict(zip(scores.index, scores["code"], strict=True)) == {
        1: "555", 2: "155", 3: "111", 4: "511", 5: "422",
        6: "422", 7: "333", 8: "333", 9: "244", 10: "244",
    }  # fmt: skip
    assert dict(zip(scores.index, scores["segment"], strict=True)) == {
        1: "champions", 2: "at_risk", 3: "lost", 4: "promising", 5: "promising",
        6: "promising", 7: "loyal", 8: "loyal", 9: "at_risk", 10: "at_risk",
    }  # fmt: skip

    by_code = {s.code: s for s in result.segments}
    assert [s.code for s in result.segments] == list(analytics.SEGMENTS)
    at_risk = by_code["at_risk"]
    assert at_risk.label == "À risque"
    assert at_risk.customers == 3
    assert at_risk.share == D("30.0")
    assert at_risk.amount == D("1030.00")  # 900 + 60 + 70 €
    assert at_risk.mean_recency_days == D("343.3")  # (900 + 60 + 70) / 3
    assert at_risk.warning == (
        "Segment « À risque » : 3 clients, trop peu pour que les scores aient un sens."
    )
    assert by_code["champions"].warning == (
        "Segment « Champions » : 1 client, trop peu pour que les scores aient un sens."
    )
    assert by_code["new"].customers == 0
    assert by_code["new"].warning is None
    assert by_code["new"].mean_recency_days is None
    assert by_code["new"].amount == D("0.00")
    assert result.warnings == [
        "Seulement 10 clients : les quintiles RFM reposent sur trop peu de clients pour être "
        "fiables (peu de clients B2B)."
    ]


def test_rfm_grid_has_every_cell() -> None:
    result = analytics.rfm(hist_frame(POPULATION))
    grid = result.grid
    assert len(grid) == 25
    assert [(c["r"], c["f"]) for c in grid[:6]] == [(5, 1), (5, 2), (5, 3), (5, 4), (5, 5), (4, 1)]
    assert (grid[-1]["r"], grid[-1]["f"]) == (1, 5)
    cells = {(c["r"], c["f"]): c for c in grid}
    assert (cells[(5, 5)]["customers"], cells[(5, 5)]["amount"]) == (1, D("1000.00"))
    assert (cells[(4, 2)]["customers"], cells[(4, 2)]["amount"]) == (2, D("50.00"))
    assert (cells[(1, 1)]["customers"], cells[(1, 1)]["amount"]) == (1, D("1.00"))
    assert (cells[(3, 1)]["customers"], cells[(3, 1)]["amount"]) == (0, D("0.00"))
    assert sum(c["customers"] for c in grid) == 10
    assert sum(c["amount"] for c in grid) == D("2181.00")


def test_rfm_ties_share_a_score() -> None:
    # Everyone with one order: all tied at the average rank 5.5 of 10 → ceil(5.5 / 10 × 5) = 3.
    hist = hist_frame({i: (i * 10, 1, 1_000 * i) for i in range(1, 11)})
    scores = analytics.rfm(hist).scores
    assert set(scores["f"]) == {3}
    assert list(scores["r"]) == [5, 5, 4, 4, 3, 3, 2, 2, 1, 1]
    assert list(scores["m"]) == [1, 1, 2, 2, 3, 3, 4, 4, 5, 5]
    # The raw order count makes the recent ones new (before loyal, which r ≥ 3, f ≥ 3 match);
    # f 3 makes the old ones at risk.
    assert list(scores["segment"]) == ["new"] * 4 + ["loyal"] * 2 + ["at_risk"] * 4
    # Two equal amounts share their average rank: 4 customers, amounts 1, 2, 2, 3 → ranks 1,
    # 2.5, 2.5, 4 → ceil(rank × 5 / 4) = 2, 4, 4, 5; the same recency for all: rank 2.5 → 4.
    m = analytics.rfm(hist_frame({1: (5, 1, 1), 2: (5, 1, 2), 3: (5, 1, 2), 4: (5, 1, 3)})).scores
    assert list(m["m"]) == [2, 4, 4, 5]
    assert list(m["r"]) == [4, 4, 4, 4]
    assert list(m["f"]) == [4, 4, 4, 4]


def test_rfm_of_one_customer() -> None:
    result = analytics.rfm(hist_frame({42: (300, 1, 5_000)}))
    assert result.scores.loc[42, "code"] == "555"
    assert result.scores.loc[42, "segment"] == "champions"
    assert result.warnings == [
        "Seulement 1 client : les quintiles RFM reposent sur trop peu de clients pour être "
        "fiables (peu de clients B2B)."
    ]
    assert next(s for s in result.segments if s.code == "champions").share == D("100.0")


def test_rfm_without_warning_from_twenty_customers() -> None:
    hist = hist_frame({i: (i, 1 + i % 7, 100 * i) for i in range(20)})
    assert analytics.rfm(hist).warnings == []


@pytest.mark.parametrize(
    ("r", "f", "m", "orders", "segment"),
    [
        (5, 5, 5, 9, "champions"),
        (4, 4, 4, 1, "champions"),  # champions before new
        (5, 5, 3, 1, "new"),
        (4, 1, 1, 1, "new"),
        (4, 3, 1, 2, "loyal"),
        (3, 3, 1, 4, "loyal"),
        (5, 2, 5, 2, "promising"),
        (1, 5, 5, 9, "at_risk"),
        (2, 3, 1, 3, "at_risk"),
        (2, 1, 4, 2, "at_risk"),
        (1, 1, 1, 1, "lost"),
        (1, 2, 3, 2, "lost"),
        (2, 2, 3, 2, "hibernating"),
        (3, 2, 5, 2, "needs_attention"),
        (3, 1, 1, 1, "needs_attention"),
    ],
)
def test_segment_rules_in_order(r: int, f: int, m: int, orders: int, segment: str) -> None:
    assert analytics.segment_for(r, f, m, orders) == segment


def test_every_segment_has_a_label_and_a_description() -> None:
    assert set(analytics.SEGMENT_LABELS) == set(analytics.SEGMENTS)
    assert set(analytics.SEGMENT_DESCRIPTIONS) == set(analytics.SEGMENTS)
    assert analytics.SEGMENT_LABELS["hibernating"] == "En sommeil"
    assert all(text.endswith(".") for text in analytics.SEGMENT_DESCRIPTIONS.values())


customers_strategy = st.lists(
    st.tuples(
        st.integers(min_value=0, max_value=2_000),
        st.integers(min_value=1, max_value=40),
        st.integers(min_value=0, max_value=10_000_000),
    ),
    min_size=1,
    max_size=80,
)


@settings(max_examples=150, deadline=None)
@given(customers_strategy)
def test_rfm_properties(rows: list[tuple[int, int, int]]) -> None:
    hist = hist_frame({100 + i: row for i, row in enumerate(rows)})
    result = analytics.rfm(hist)
    scores = result.scores
    n = len(rows)

    for column in ("r", "f", "m"):
        assert scores[column].between(1, 5).all()
    assert list(scores["code"]) == [f"{r}{f}{m}" for r, f, m in zip(scores["r"], scores["f"], scores["m"], strict=True)]  # fmt: skip
    # Exactly one segment each, the one its scores give.
    assert len(scores) == n
    assert scores.index.is_unique
    assert list(scores["segment"]) == [
        analytics.segment_for(r, f, m, o)
        for r, f, m, o in zip(scores["r"], scores["f"], scores["m"], hist["orders"], strict=True)
    ]
    assert sum(s.customers for s in result.segments) == n
    total = sum(analytics.euros(row[2]) for row in rows)
    assert sum(s.amount for s in result.segments) == total
    assert sum(c["customers"] for c in result.grid) == n
    assert sum(c["amount"] for c in result.grid) == total
    assert len(result.grid) == 25
    # Monotone: more orders never score lower, more recent never scores lower; ties equal.
    recency, orders = hist["recency_days"].to_numpy(), hist["orders"].to_numpy()
    f, r = scores["f"].to_numpy(), scores["r"].to_numpy()
    more_orders = orders[:, None] > orders[None, :]
    assert (f[:, None] >= f[None, :])[more_orders].all()
    assert (f[:, None] == f[None, :])[orders[:, None] == orders[None, :]].all()
    more_recent = recency[:, None] < recency[None, :]
    assert (r[:, None] >= r[None, :])[more_recent].all()
    assert (result.warnings != []) == (n < analytics.MIN_CUSTOMERS)


@settings(max_examples=50, deadline=None)
@given(st.integers(min_value=1, max_value=40))
def test_quintiles_of_distinct_values_are_even(fifths: int) -> None:
    scores = analytics.quintile_scores(np.arange(5 * fifths))
    assert np.bincount(scores, minlength=6)[1:].tolist() == [fifths] * 5


# ------------------------------------------------------------------ CLV


def test_clv_hand_computed() -> None:
    start = TODAY - timedelta(days=730)
    orders = orders_frame(
        [
            (1, start, 30_000, 7_000),
            (1, start + timedelta(days=200), 20_000, 5_000),
            (1, start + timedelta(days=400), 40_000, 10_000),
            (1, start + timedelta(days=700), 30_000, 8_000),
            (2, TODAY - timedelta(days=100), 1_001, None),
        ]
    )
    value = analytics.clv(analytics.histories(orders, TODAY), D("1.5"))

    # Customer 1: basket 300.00 €, 4 orders in 730 days = 2.00137 a year, × 1.5 years:
    # 30,000 × (4 × 365.25 / 730) × 1.5 = 90,061.64 cents.
    assert value.at[1, "average_basket_cents"] == 30_000
    assert value.at[1, "clv_cents"] == 90_062
    assert value.at[1, "clv_cents"] == round(30_000 * (4 / (730 / 365.25)) * 1.5)
    # Margin 300.00 € on 4 orders: 75.00 € × 2.00137 × 1.5 = 225.15 €.
    assert value.at[1, "average_margin_cents"] == 7_500
    assert value.at[1, "clv_margin_cents"] == 22_515
    # Customer 2: one order of 10.01 €, under a year (counts as one), × 1.5 = 15.015 → 15.02 €
    # (half up); margin unknown.
    assert value.at[2, "average_basket_cents"] == 1_001
    assert value.at[2, "clv_cents"] == 1_502
    assert pd.isna(value.at[2, "clv_margin_cents"])
    assert pd.isna(value.at[2, "average_margin_cents"])
    assert analytics.euros(value.at[2, "clv_cents"]) == D("15.02")
    with pytest.raises(ValueError, match="positive"):
        analytics.clv(analytics.histories(orders, TODAY), D(0))


def test_clv_method_in_french() -> None:
    assert analytics.clv_method(D(3)) == (
        "Valeur vie client historique = panier moyen HT × commandes par an × durée de relation "
        "attendue (3 ans) ; sur la marge quand elle est connue."
    )
    assert "(3 ans)" in analytics.clv_method(D("3.0"))
    assert "(2,5 ans)" in analytics.clv_method(D("2.5"))
    assert "(1 an)" in analytics.clv_method(D(1))
    assert "(1,5 an)" in analytics.clv_method(D("1.5"))


def test_euros_rounds_cents_to_decimal() -> None:
    assert analytics.euros(123_456) == D("1234.56")
    assert analytics.euros(-5) == D("-0.05")
    assert analytics.euros(np.int64(100)) == D("1.00")


# ------------------------------------------------------------------ inactivity


def idle_hist(rows: dict[int, tuple[int, float]]) -> pd.DataFrame:
    """prospect → (recency days, usual interval days or NaN)."""
    return pd.DataFrame(
        {
            "recency_days": [v[0] for v in rows.values()],
            "usual_interval_days": [v[1] for v in rows.values()],
        },
        index=pd.Index(list(rows), name="prospect_id"),
    )


IDLE = idle_hist(
    {
        1: (15, 10.0),  # rhythm: limit 15 (10 × 1.5), at the limit: still active
        2: (16, 10.0),  # one day past: inactive
        3: (200, math.nan),  # one order: threshold 180 → inactive by 20 days
        4: (180, math.nan),  # at the threshold: active
        5: (1, 0.0),  # orders on the same day: a limit of one day at least
        6: (2, 0.0),
        7: (23, 15.0),  # 15 × 1.5 = 22.5 → 23 days
    }
)


def test_inactivity_rhythm_then_threshold() -> None:
    idle = analytics.inactivity(IDLE, factor=D("1.5"), threshold_days=180)
    assert list(idle["basis"]) == ["rhythm", "rhythm", "threshold", "threshold", "rhythm", "rhythm", "rhythm"]  # fmt: skip
    assert list(idle["limit_days"]) == [15, 15, 180, 180, 1, 1, 23]
    assert list(idle["inactive"]) == [False, True, True, False, False, True, False]
    assert list(idle["overdue_days"]) == [0, 1, 20, 0, 0, 1, 0]


def test_inactivity_limit_is_exact() -> None:
    # 50 × 1.1 is 55.00000000000001 in floats: the limit is 55 days, not 56.
    idle = analytics.inactivity(idle_hist({1: (56, 50.0), 2: (55, 50.0)}), factor=D("1.1"), threshold_days=None)  # fmt: skip
    assert list(idle["limit_days"]) == [55, 55]
    assert list(idle["inactive"]) == [True, False]
    assert list(idle["overdue_days"]) == [1, 0]


def test_inactivity_threshold_only_and_no_rule() -> None:
    only_threshold = analytics.inactivity(IDLE, factor=None, threshold_days=20)
    assert set(only_threshold["basis"]) == {"threshold"}
    assert list(only_threshold["inactive"]) == [False, False, True, True, False, False, True]

    only_rhythm = analytics.inactivity(IDLE, factor=D(2), threshold_days=None)
    assert only_rhythm.at[3, "basis"] is None
    assert pd.isna(only_rhythm.at[3, "limit_days"])
    assert pd.isna(only_rhythm.at[3, "overdue_days"])
    assert not only_rhythm.at[3, "inactive"]  # one order, no threshold: never inactive
    assert only_rhythm.at[2, "limit_days"] == 20

    none = analytics.inactivity(IDLE, factor=None, threshold_days=None)
    assert not none["inactive"].any()
    assert none["basis"].isna().all()
    assert none["limit_days"].isna().all()

    with pytest.raises(ValueError, match="facteur"):
        analytics.inactivity(IDLE, factor=D(0), threshold_days=None)


# ------------------------------------------------------------------ association rules

# Ten customers. CAI caisse, IMP imprimante, TIR tiroir, SCA scanner, ANT antivol.
# Singles: CAI 4, IMP 4, TIR 4, SCA 4, ANT 1. Pairs: CAI+IMP 3, CAI+TIR 2, TIR+SCA 2, IMP+TIR 1.
# Triple: CAI+IMP+TIR 1.
BASKETS = {
    1: ["CAI", "IMP"],
    2: ["CAI", "IMP", "IMP"],  # a product twice: one item of the basket
    3: ["CAI", "IMP", "TIR"],
    4: ["CAI", "TIR"],
    5: ["IMP"],
    6: ["TIR", "SCA"],
    7: ["SCA"],
    8: ["SCA"],
    9: ["TIR", "SCA"],
    10: ["ANT"],
}


def baskets_frame(baskets: dict[int, list[str]]) -> pd.DataFrame:
    rows = [(customer, ref) for customer, refs in baskets.items() for ref in refs]
    return pd.DataFrame(rows, columns=["prospect_id", "product_reference"])


def test_mine_rules_hand_computed() -> None:
    calls: list[tuple[int, str]] = []
    mined = analytics.mine_rules(
        baskets_frame(BASKETS), min_support=0.2, min_confidence=0.2, progress=lambda p, s: calls.append((p, s))
    )  # fmt: skip
    assert (mined.customers, mined.products) == (10, 5)
    # CAI→IMP: support 3/10, confidence 3/4, lift 3 × 10 / (4 × 4) = 1.875; then the 2/10
    # pairs: confidence 2/4, lift 2 × 10 / 16 = 1.25, by antecedent then consequent.
    assert mined.rules == [
        Rule(("CAI",), "IMP", D("0.3000"), D("0.7500"), D("1.875"), 3),
        Rule(("IMP",), "CAI", D("0.3000"), D("0.7500"), D("1.875"), 3),
        Rule(("CAI",), "TIR", D("0.2000"), D("0.5000"), D("1.250"), 2),
        Rule(("SCA",), "TIR", D("0.2000"), D("0.5000"), D("1.250"), 2),
        Rule(("TIR",), "CAI", D("0.2000"), D("0.5000"), D("1.250"), 2),
        Rule(("TIR",), "SCA", D("0.2000"), D("0.5000"), D("1.250"), 2),
    ]
    assert mined.rules_found == 6
    assert [p for p, _ in calls] == [0, 20, 70, 90, 100]
    assert all(step for _, step in calls)

    # A higher confidence floor, exactly at 0.75, keeps the two first rules.
    strict = analytics.mine_rules(baskets_frame(BASKETS), min_support=0.2, min_confidence=0.75)
    assert [(r.antecedents, r.consequent) for r in strict.rules] == [(("CAI",), "IMP"), (("IMP",), "CAI")]  # fmt: skip
    assert len(analytics.mine_rules(baskets_frame(BASKETS), min_support=0.2, max_rules=1).rules) == 1  # fmt: skip


def test_mine_rules_with_two_antecedents() -> None:
    mined = analytics.mine_rules(baskets_frame(BASKETS), min_support=0.1, min_confidence=0.2)
    rules = {(r.antecedents, r.consequent): r for r in mined.rules}
    # IMP+TIR (1 customer) → CAI (4): confidence 1, lift 1 × 10 / (1 × 4) = 2.5, the best.
    assert mined.rules[0] == Rule(("IMP", "TIR"), "CAI", D("0.1000"), D("1.0000"), D("2.500"), 1)
    # CAI+TIR (2) → IMP (4): confidence 1/2, lift 10 / 8 = 1.25.
    assert rules[(("CAI", "TIR"), "IMP")] == Rule(("CAI", "TIR"), "IMP", D("0.1000"), D("0.5000"), D("1.250"), 1)  # fmt: skip
    # CAI+IMP (3) → TIR (4): lift 10 / 12 < 1, left out; so is IMP→TIR (lift 10 / 16).
    assert (("CAI", "IMP"), "TIR") not in rules
    assert (("IMP",), "TIR") not in rules
    assert all(r.lift > 1 for r in mined.rules)
    lifts = [(r.lift, r.confidence) for r in mined.rules]
    assert lifts == sorted(lifts, reverse=True)


def test_mine_rules_lift_of_one_is_left_out() -> None:
    # A and B each bought by 2 of 4 customers, together by 1: independent, lift exactly 1.
    mined = analytics.mine_rules(
        baskets_frame({1: ["A", "B"], 2: ["A"], 3: ["B"], 4: ["C"]}), min_support=0.25
    )
    assert mined.rules == []
    assert mined.rules_found == 0


def test_mine_rules_support_threshold_is_exact() -> None:
    # 7 customers of 100 bought X and Y: support 0.07 exactly, kept at min_support 0.07
    # (0.07 × 100 is 7.000000000000001 in floats: mlxtend alone would need 8).
    baskets = {i: ["X", "Y"] for i in range(7)} | {i: ["Z"] for i in range(7, 100)}
    mined = analytics.mine_rules(baskets_frame(baskets), min_support=0.07)
    assert [(r.antecedents, r.consequent, r.support, r.lift) for r in mined.rules] == [
        (("X",), "Y", D("0.0700"), D("14.286")),
        (("Y",), "X", D("0.0700"), D("14.286")),
    ]


def test_mine_rules_without_enough_products() -> None:
    calls: list[int] = []
    empty = analytics.mine_rules(baskets_frame({}), progress=lambda p, _s: calls.append(p))
    assert (empty.customers, empty.products, empty.rules) == (0, 0, [])
    assert calls == [0, 100]
    one = analytics.mine_rules(baskets_frame({1: ["A"], 2: ["A", "A"]}))
    assert (one.customers, one.products, one.rules) == (2, 1, [])
    nothing_frequent = analytics.mine_rules(baskets_frame({1: ["A"], 2: ["B"]}), min_support=0.6)
    assert nothing_frequent.rules == []
    # Frequent pairs but no rule as confident as asked (the best is 3/4).
    assert analytics.mine_rules(baskets_frame(BASKETS), min_support=0.2, min_confidence=1.0).rules == []  # fmt: skip
    with pytest.raises(ValueError, match="support"):
        analytics.mine_rules(baskets_frame(BASKETS), min_support=0)


def test_recommend_keeps_the_best_rule_per_new_product() -> None:
    rules = [
        Rule(("CAI", "TIR"), "IMP", D("0.1"), D("0.9"), D("3.000"), 1),
        Rule(("CAI",), "IMP", D("0.3"), D("0.75"), D("1.875"), 3),
        Rule(("CAI",), "TIR", D("0.2"), D("0.5"), D("1.250"), 2),
        Rule(("SCA",), "TIR", D("0.2"), D("0.5"), D("1.250"), 2),
        Rule(("CAI",), "SCA", D("0.2"), D("0.4"), D("1.250"), 2),
        Rule(("CAI",), "ANT", D("0.2"), D("0.6"), D("1.100"), 2),
    ]
    # Bought CAI only: the rule needing TIR does not apply; IMP's best applicable rule; TIR
    # and SCA at the same lift, the higher confidence first.
    picked = analytics.recommend(rules, {"CAI"})
    assert [(r.antecedents, r.consequent) for r in picked] == [
        (("CAI",), "IMP"), (("CAI",), "TIR"), (("CAI",), "SCA"), (("CAI",), "ANT"),
    ]  # fmt: skip
    # Bought CAI and TIR: the two-product rule is the best for IMP, one rule per consequent,
    # TIR already bought, at most 2.
    picked = analytics.recommend(rules, {"CAI", "TIR"}, limit=2)
    assert [(r.antecedents, r.consequent) for r in picked] == [(("CAI", "TIR"), "IMP"), (("CAI",), "SCA")]  # fmt: skip
    assert analytics.recommend(rules, {"CAI", "IMP", "TIR", "SCA", "ANT"}) == []
    assert analytics.recommend(rules, set()) == []


def test_explain_in_french() -> None:
    labels = {"CAI": "Caisse tactile", "IMP": "Imprimante", "TIR": "Tiroir-caisse"}
    rule = Rule(("CAI",), "IMP", D("0.1200"), D("0.3400"), D("2.083"), 12)
    assert analytics.explain(rule, labels) == (
        "Les clients qui ont acheté Caisse tactile achètent aussi Imprimante : 34 %, lift 2,1"
    )
    two = Rule(("CAI", "TIR"), "SCA", D("0.0500"), D("0.6250"), D("1.950"), 5)
    assert analytics.explain(two, labels) == (
        "Les clients qui ont acheté Caisse tactile et Tiroir-caisse achètent aussi SCA : "
        "63 %, lift 2,0"
    )  # 62.5 and 1.95 half up; SCA has no label
