"""Late-payment penalties (app/follow_up/penalties.py): worked cases to the cent, the rules
(days counted, partial payments, the indemnity, consumers) and Hypothesis properties.

No database: these run once (the PostgreSQL run deselects them)."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal as D

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.follow_up.penalties import (
    RECOVERY_INDEMNITY,
    Payment,
    late_penalties,
    legal_rate,
    money,
)

DUE = date(2026, 1, 31)
RATE = legal_rate(D("2.15"))  # the ECB rate of 2026 plus 10 points: 12.15 %


def test_worked_cases_to_the_cent() -> None:
    assert RATE == D("12.15")
    # 1,200.00 € paid 30 days late: 1,200 × 12.15 % × 30 / 365 = 11.9835… → 11.98, + 40 €.
    paid = late_penalties(
        D("1200.00"), DUE, date(2026, 3, 2), [Payment(date(2026, 3, 2), D("1200.00"))], RATE
    )
    assert (paid.days_late, paid.interest, paid.indemnity, paid.total, paid.balance) == (
        30, D("11.98"), D("40.00"), D("51.98"), D("0.00"),
    )  # fmt: skip
    # Half paid after 10 days: 1,200 for 10 days and 600 for 20: 3.9945… + 3.9945… = 7.99.
    half = late_penalties(
        D("1200.00"), DUE, date(2026, 3, 2), [Payment(date(2026, 2, 10), D("600.00"))], RATE
    )
    assert [(a.first, a.last, a.days, a.balance) for a in half.accruals] == [
        (date(2026, 2, 1), date(2026, 2, 10), 10, D("1200.00")),
        (date(2026, 2, 11), date(2026, 3, 2), 20, D("600.00")),
    ]
    assert half.interest == D("7.99")
    assert half.balance == D("600.00")


def test_days_counted_from_the_day_after_the_due_date() -> None:
    on_time = late_penalties(D("500"), DUE, date(2026, 2, 28), [Payment(DUE, D("500"))], RATE)
    assert (on_time.days_late, on_time.total) == (0, D(0))
    not_yet = late_penalties(D("500"), DUE, DUE, [], RATE)
    assert (not_yet.days_late, not_yet.total) == (0, D(0))
    # Paid the next day: one day late, and the indemnity is owed all the same.
    next_day = late_penalties(
        D("500"), DUE, date(2026, 3, 1), [Payment(date(2026, 2, 1), D("500"))], RATE
    )
    assert next_day.days_late == 1
    assert next_day.interest == money(D("500") * D("0.1215") / 365)
    assert next_day.indemnity == RECOVERY_INDEMNITY
    # A payment after ``as_of`` is not known yet.
    later = late_penalties(
        D("500"), DUE, date(2026, 2, 5), [Payment(date(2026, 2, 20), D("500"))], RATE
    )
    assert (later.days_late, later.balance) == (5, D("500"))


def test_consumers_owe_neither_interest_nor_indemnity() -> None:
    consumer = late_penalties(D("1200"), DUE, date(2026, 3, 2), [], RATE, business=False)
    assert (consumer.days_late, consumer.interest, consumer.indemnity) == (30, D(0), D(0))


def test_bad_input() -> None:
    with pytest.raises(ValueError, match="negative"):
        late_penalties(D("-1"), DUE, DUE, [], RATE)
    with pytest.raises(ValueError, match="rate"):
        late_penalties(D("1"), DUE, DUE, [], D("101"))
    with pytest.raises(ValueError, match="payment"):
        late_penalties(D("1"), DUE, DUE, [Payment(DUE, D(0))], RATE)


amounts = st.decimals(min_value=D("0.01"), max_value=D("999999.99"), places=2)
rates = st.decimals(min_value=D("0"), max_value=D("30"), places=2)
days = st.integers(min_value=0, max_value=2000)


@settings(max_examples=300, deadline=None)
@given(amounts, rates, days)
def test_without_payment_the_interest_is_the_simple_formula(amount: D, rate: D, late: int) -> None:
    p = late_penalties(amount, DUE, DUE + timedelta(days=late), [], rate)
    assert p.days_late == late
    assert p.interest == money(amount * rate / 100 * late / 365)
    assert not isinstance(p.interest, float)
    assert p.indemnity == (RECOVERY_INDEMNITY if late else D(0))


@settings(max_examples=300, deadline=None)
@given(
    amounts, rates, st.integers(min_value=1, max_value=400), st.integers(min_value=0, max_value=400)
)
def test_paying_in_full_stops_the_interest(amount: D, rate: D, paid_after: int, more: int) -> None:
    paid_on = DUE + timedelta(days=paid_after)
    paid = late_penalties(
        amount, DUE, paid_on + timedelta(days=more), [Payment(paid_on, amount)], rate
    )
    as_if_then = late_penalties(amount, DUE, paid_on, [], rate)
    assert paid.interest == as_if_then.interest
    assert paid.days_late == paid_after
    assert paid.balance == 0


@settings(max_examples=300, deadline=None)
@given(amounts, rates, st.integers(min_value=1, max_value=400), st.integers(min_value=0, max_value=400),
       st.decimals(min_value=D("0.01"), max_value=D("1"), places=2))  # fmt: skip
def test_a_partial_payment_lowers_the_interest_and_never_raises_it(
    amount: D, rate: D, paid_after: int, more: int, share: D
) -> None:
    paid_on = DUE + timedelta(days=paid_after)
    as_of = paid_on + timedelta(days=more)
    part = money(amount * share) or D("0.01")
    with_payment = late_penalties(amount, DUE, as_of, [Payment(paid_on, part)], rate)
    without = late_penalties(amount, DUE, as_of, [], rate)
    assert with_payment.interest <= without.interest
    assert with_payment.balance == max(amount - part, D(0))
    # Monotonic in time: a day later owes at least as much.
    later = late_penalties(amount, DUE, as_of + timedelta(days=1), [Payment(paid_on, part)], rate)
    assert later.interest >= with_payment.interest
