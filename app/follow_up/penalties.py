"""Late-payment penalties of a business invoice (code de commerce, art. L441-10 and D441-5).

Pure code, ``Decimal`` only. Interest runs on the balance still due, at an annual rate, for
each day after the due date: a day ``d`` late counts the balance left after the payments made
*before* ``d`` (a payment made on day ``d`` ends the accrual from the next day: an invoice due
on the 31st and paid on the 2nd is two days late). Interest is the exact sum over the
periods between payments, ``balance × rate / 100 × days / 365``, rounded half-up to the cent
once, at the end. A late invoice also owes the fixed recovery indemnity of 40 € (one per
invoice). A consumer owes neither: they are the rules between businesses.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")
HUNDRED = Decimal(100)
ZERO = Decimal(0)
DAYS_IN_YEAR = 365
#: The fixed indemnity for recovery costs owed by a business paying late (art. D441-5).
RECOVERY_INDEMNITY = Decimal("40.00")
#: The points added to the ECB rate for the legal rate (art. L441-10).
LEGAL_POINTS = Decimal(10)


def money(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def legal_rate(ecb_rate: Decimal) -> Decimal:
    """The legal annual rate, in percent: the ECB's main refinancing rate plus 10 points."""
    return ecb_rate + LEGAL_POINTS


@dataclass(frozen=True, slots=True)
class Payment:
    on: date
    amount: Decimal


@dataclass(frozen=True, slots=True)
class Accrual:
    """Days ``first`` … ``last`` (both late days) at one balance."""

    first: date
    last: date
    days: int
    balance: Decimal
    interest: Decimal  # exact


@dataclass(frozen=True, slots=True)
class Penalties:
    days_late: int  # the late days with a balance due (up to the last payment or ``as_of``)
    accruals: tuple[Accrual, ...]
    interest: Decimal  # rounded to the cent
    indemnity: Decimal
    balance: Decimal  # still due at ``as_of`` (never negative)

    @property
    def total(self) -> Decimal:
        return self.interest + self.indemnity


def late_penalties(
    amount_due: Decimal,
    due_on: date,
    as_of: date,
    payments: Sequence[Payment],
    annual_rate: Decimal,
    *,
    business: bool = True,
) -> Penalties:
    """The penalties owed at ``as_of`` on an invoice of ``amount_due`` (TTC) due on ``due_on``,
    with ``payments``, at ``annual_rate`` percent a year. Raises ``ValueError`` on a negative
    amount or payment, or a rate outside 0–100 %."""
    if not amount_due.is_finite() or amount_due < 0:
        raise ValueError("the amount due cannot be negative")
    if not annual_rate.is_finite() or not ZERO <= annual_rate <= HUNDRED:
        raise ValueError("the annual rate is between 0 and 100 %")
    if any(not p.amount.is_finite() or p.amount <= 0 for p in payments):
        raise ValueError("a payment is a positive amount")
    ordered = sorted(payments, key=lambda p: p.on)
    # The balance at the start of the first late day: what was paid up to the due date.
    late = [p for p in ordered if p.on > due_on]
    paid_by = sum((p.amount for p in ordered if p.on <= due_on), ZERO)
    balance = max(amount_due - paid_by, ZERO)
    accruals: list[Accrual] = []
    day = due_on + timedelta(days=1)
    for payment in [*late, None]:
        # Up to and including the payment's day (or ``as_of``), at the current balance.
        until = min(payment.on, as_of) if payment is not None else as_of
        if balance > 0 and until >= day:
            days = (until - day).days + 1
            interest = balance * annual_rate / HUNDRED * days / DAYS_IN_YEAR
            accruals.append(Accrual(day, until, days, balance, interest))
        if payment is None or payment.on > as_of:
            break
        balance = max(balance - payment.amount, ZERO)
        day = max(day, payment.on + timedelta(days=1))
    days_late = sum(a.days for a in accruals)
    exact = sum((a.interest for a in accruals), ZERO)
    if not business:
        return Penalties(days_late, tuple(accruals), ZERO, ZERO, balance)
    indemnity = RECOVERY_INDEMNITY if days_late > 0 else ZERO
    return Penalties(days_late, tuple(accruals), money(exact), indemnity, balance)
