"""The commercial calculations of a quote (CP6.7): ``Decimal`` in, ``Decimal`` out.

Pure code, no database and nothing from the application: a quote's lines, its document-level
reductions and its escompte go in, every figure of the quote and the steps that reach it come
out. ``docs/design/016-sales-interview-quotes.md`` and ``app/sales/README.md`` give the
rounding points; in short, every amount is rounded to the cent, half-up, where a French
invoice shows it:

1. line gross HT = quantity × unit price HT;
2. each line discount = previous net × rate; net = previous net − discount;
3. lines' total = Σ lines' net HT;
4. each document reduction (rabais, remise, ristourne, in the order given) = previous net ×
   rate, or its amount; the net after the last one is the net commercial HT;
5. escompte = net commercial × rate; net financial HT = net commercial − escompte;
6. the document reductions and the escompte are shared among the TVA rates in proportion to
   each rate's lines (largest remainder: the shares add up exactly); TVA per rate = its net
   financial base × rate;
7. TTC = net financial HT + Σ TVA.

Rates (percentages) are rounded half-up to two decimals when shown, coefficients to four;
comparisons with a limit use the exact value. Nothing here ever makes a float.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal
from enum import StrEnum

CENT = Decimal("0.01")
RATE_PLACES = Decimal("0.01")
COEFFICIENT_PLACES = Decimal("0.0001")
HUNDRED = Decimal(100)
ZERO = Decimal(0)
#: The French TVA rates a quote line may carry, in percent.
TVA_RATES = (Decimal("20"), Decimal("10"), Decimal("5.5"), Decimal("2.1"))


def money(value: Decimal) -> Decimal:
    """An amount rounded to the cent, half-up."""
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def rate(value: Decimal) -> Decimal:
    """A percentage rounded to two decimals, half-up."""
    return value.quantize(RATE_PLACES, rounding=ROUND_HALF_UP)


def coefficient(value: Decimal) -> Decimal:
    """A multiplying coefficient rounded to four decimals, half-up."""
    return value.quantize(COEFFICIENT_PLACES, rounding=ROUND_HALF_UP)


def fmt(value: Decimal) -> str:
    """A figure in French: ``1 234,50`` (narrow no-break space between thousands)."""
    sign = "-" if value < 0 else ""
    whole, _, decimals = f"{abs(value):f}".partition(".")
    groups: list[str] = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    text = "\u202f".join(groups)
    return f"{sign}{text},{decimals}" if decimals else f"{sign}{text}"


# ------------------------------------------------------------------------- price identities


def margin_rate(cost: Decimal, price: Decimal) -> Decimal:
    """Taux de marge, exact, in percent: (PV HT − PA HT) / PA HT × 100. The cost must be > 0."""
    return (price - cost) / cost * HUNDRED


def markup_rate(cost: Decimal, price: Decimal) -> Decimal:
    """Taux de marque, exact, in percent: (PV HT − PA HT) / PV HT × 100. The price must be > 0."""
    return (price - cost) / price * HUNDRED


def price_from_margin_rate(cost: Decimal, rate_percent: Decimal) -> Decimal:
    """PV HT = PA HT × (1 + taux de marge), exact."""
    return cost * (1 + rate_percent / HUNDRED)


def price_from_markup_rate(cost: Decimal, rate_percent: Decimal) -> Decimal:
    """PV HT = PA HT / (1 − taux de marque), exact (the rate must be < 100 %)."""
    return cost / (1 - rate_percent / HUNDRED)


def chained_rate(rates: Sequence[Decimal]) -> Decimal:
    """The single rate, in percent, of reductions applied one after the other: 20 % then 10 %
    is 28 % (1 − 0.8 × 0.9), never 30 %."""
    kept = Decimal(1)
    for r in rates:
        kept *= 1 - r / HUNDRED
    return (1 - kept) * HUNDRED


def allocate(total: Decimal, weights: Sequence[Decimal]) -> list[Decimal]:
    """``total`` (a whole number of cents) shared in proportion to ``weights``, to the cent,
    the shares adding up to ``total`` exactly (largest remainder; ties go to the first).

    Each share is within one cent of its exact proportion. Zero weights get nothing; when every
    weight is zero, the first share takes the whole total.
    """
    if not weights:
        return []
    weight_sum = sum(weights, ZERO)
    if weight_sum == 0:
        return [total] + [ZERO] * (len(weights) - 1)
    sign = -1 if total < 0 else 1
    cents = int((abs(total) / CENT).to_integral_value())
    exact = [Decimal(cents) * w / weight_sum for w in weights]
    floors = [int(e.to_integral_value(rounding=ROUND_DOWN)) for e in exact]
    left = cents - sum(floors)
    order = sorted(range(len(weights)), key=lambda i: (-(exact[i] - floors[i]), i))
    for i in order[:left]:
        floors[i] += 1
    return [sign * Decimal(c) * CENT for c in floors]


# ------------------------------------------------------------------------------------ inputs


class CalculationError(ValueError):
    """An input the calculation cannot take; ``loc`` names it (``("reductions", 1, "amount")``)."""

    def __init__(self, loc: tuple[str | int, ...], message: str) -> None:
        super().__init__(message)
        self.loc = loc
        self.message = message


class ReductionKind(StrEnum):
    REBATE = "rabais"
    DISCOUNT = "remise"
    REFUND = "ristourne"


REDUCTION_LABELS = {
    ReductionKind.REBATE: "Rabais",
    ReductionKind.DISCOUNT: "Remise",
    ReductionKind.REFUND: "Ristourne",
}


@dataclass(frozen=True, slots=True)
class LineInput:
    quantity: Decimal
    unit_price_ht: Decimal
    tva_rate: Decimal  # percent
    unit_cost_ht: Decimal | None = None
    discounts: tuple[Decimal, ...] = ()  # percents, chained
    label: str = ""


@dataclass(frozen=True, slots=True)
class ReductionInput:
    kind: ReductionKind
    rate: Decimal | None = None  # percent
    amount: Decimal | None = None  # € HT


@dataclass(frozen=True, slots=True)
class QuoteInput:
    lines: tuple[LineInput, ...]
    reductions: tuple[ReductionInput, ...] = ()
    escompte_rate: Decimal = ZERO  # percent


# ----------------------------------------------------------------------------------- results


@dataclass(frozen=True, slots=True)
class Margin:
    """Margin figures on a selling amount HT against its cost HT (``None`` where undefined)."""

    cost_ht: Decimal
    margin: Decimal
    margin_rate: Decimal | None  # exact percent (cost > 0)
    markup_rate: Decimal | None  # exact percent (price > 0)
    coefficient_ht: Decimal | None  # exact (cost > 0)

    @staticmethod
    def of(price_ht: Decimal, cost_ht: Decimal) -> Margin:
        return Margin(
            cost_ht=cost_ht,
            margin=price_ht - cost_ht,
            margin_rate=margin_rate(cost_ht, price_ht) if cost_ht > 0 else None,
            markup_rate=markup_rate(cost_ht, price_ht) if price_ht > 0 else None,
            coefficient_ht=price_ht / cost_ht if cost_ht > 0 else None,
        )


@dataclass(frozen=True, slots=True)
class AppliedReduction:
    label: str
    rate: Decimal | None  # percent, as given (None for an amount)
    base: Decimal
    amount: Decimal
    net: Decimal  # after it


@dataclass(frozen=True, slots=True)
class LineResult:
    index: int
    label: str
    quantity: Decimal
    unit_price_ht: Decimal
    tva_rate: Decimal
    gross_ht: Decimal
    discounts: tuple[AppliedReduction, ...]
    net_ht: Decimal
    commercial_share: Decimal  # its share of the document's commercial reductions
    net_commercial_ht: Decimal  # net_ht − commercial_share
    effective_discount: Decimal  # exact percent of gross: its own and the document's
    margin: Margin | None  # on net_commercial_ht (the lines' margins add up); None without a cost


@dataclass(frozen=True, slots=True)
class TvaBase:
    rate: Decimal
    lines_ht: Decimal
    reductions: Decimal
    escompte: Decimal
    base_ht: Decimal
    tva: Decimal


@dataclass(frozen=True, slots=True)
class QuoteResult:
    lines: tuple[LineResult, ...]
    gross_ht: Decimal
    lines_discount: Decimal
    lines_net_ht: Decimal
    reductions: tuple[AppliedReduction, ...]
    net_commercial_ht: Decimal
    escompte_rate: Decimal
    escompte: Decimal
    net_financial_ht: Decimal
    tva: tuple[TvaBase, ...]
    tva_total: Decimal
    total_ttc: Decimal
    effective_discount: Decimal  # exact percent: 1 − net commercial / gross
    margin: Margin | None  # on the net commercial HT; None when a line has no cost
    coefficient_ttc: Decimal | None  # exact: TTC / cost


# ------------------------------------------------------------------------------ computation


def _check_rate(value: Decimal, loc: tuple[str | int, ...]) -> None:
    if not value.is_finite() or value < 0 or value > HUNDRED:
        raise CalculationError(loc, "Un taux est compris entre 0 et 100 %.")


def _reduce(base: Decimal, label: str, r: Decimal) -> AppliedReduction:
    amount = money(base * r / HUNDRED)
    return AppliedReduction(label, r, base, amount, base - amount)


def _line(
    index: int, line: LineInput, tva_rates: Sequence[Decimal]
) -> tuple[Decimal, tuple[AppliedReduction, ...], Decimal]:
    if not line.quantity.is_finite() or line.quantity <= 0:
        raise CalculationError(("lines", index, "quantity"), "La quantité doit être positive.")
    if not line.unit_price_ht.is_finite() or line.unit_price_ht < 0:
        raise CalculationError(
            ("lines", index, "unit_price_ht"), "Le prix unitaire HT ne peut être négatif."
        )
    if line.tva_rate not in tva_rates:
        allowed = ", ".join(f"{fmt(r)} %" for r in tva_rates)
        raise CalculationError(
            ("lines", index, "tva_rate"), f"Taux de TVA inconnu : les taux sont {allowed}."
        )
    if line.unit_cost_ht is not None and (
        not line.unit_cost_ht.is_finite() or line.unit_cost_ht < 0
    ):
        raise CalculationError(("lines", index, "unit_cost_ht"), "Le coût HT ne peut être négatif.")
    gross = money(line.quantity * line.unit_price_ht)
    net = gross
    applied = []
    for position, r in enumerate(line.discounts):
        _check_rate(r, ("lines", index, "discounts", position))
        step = _reduce(net, "Remise", r)
        applied.append(step)
        net = step.net
    return gross, tuple(applied), net


def compute(quote: QuoteInput, *, tva_rates: Sequence[Decimal] = TVA_RATES) -> QuoteResult:
    """Every figure of ``quote``. Raises ``CalculationError`` naming the faulty input.

    ``tva_rates`` are the rates a line may carry: today's French ones; the textbook tests pass
    the former 19.6 % of their exercises."""
    if not quote.lines:
        raise CalculationError(("lines",), "Un devis a au moins une ligne.")
    _check_rate(quote.escompte_rate, ("escompte_rate",))

    line_parts = [_line(i, line, tva_rates) for i, line in enumerate(quote.lines)]
    gross_total = sum((g for g, _, _ in line_parts), ZERO)
    lines_net = sum((n for _, _, n in line_parts), ZERO)

    # Document reductions, in order, on the running net.
    net = lines_net
    applied: list[AppliedReduction] = []
    kept = Decimal(1)  # the exact share of the lines' net the reductions keep (for the policy)
    for i, red in enumerate(quote.reductions):
        label = REDUCTION_LABELS[red.kind]
        if (red.rate is None) == (red.amount is None):
            raise CalculationError(
                ("reductions", i), "Une réduction a un taux ou un montant, pas les deux."
            )
        if red.rate is not None:
            _check_rate(red.rate, ("reductions", i, "rate"))
            step = _reduce(net, label, red.rate)
        else:
            amount = red.amount
            assert amount is not None
            if not amount.is_finite() or amount < 0 or amount != money(amount):
                raise CalculationError(
                    ("reductions", i, "amount"), "Un montant est positif, au centime près."
                )
            if amount > net:
                raise CalculationError(
                    ("reductions", i, "amount"),
                    f"{label} de {fmt(amount)} € supérieur au montant qu'il réduit ({fmt(net)} €).",
                )
            step = AppliedReduction(label, None, net, amount, net - amount)
        if net > 0:
            kept *= step.net / net
        applied.append(step)
        net = step.net
    net_commercial = net
    commercial_reductions = lines_net - net_commercial

    escompte = money(net_commercial * quote.escompte_rate / HUNDRED)
    net_financial = net_commercial - escompte

    # Each line's share of the commercial reductions (for its margin and the policy).
    shares = allocate(commercial_reductions, [n for _, _, n in line_parts])
    lines: list[LineResult] = []
    for i, ((gross, discounts, line_net), line, share) in enumerate(
        zip(line_parts, quote.lines, shares, strict=True)
    ):
        own_kept = Decimal(1)
        for d in discounts:
            own_kept *= 1 - (d.rate or ZERO) / HUNDRED
        cost = money(line.quantity * line.unit_cost_ht) if line.unit_cost_ht is not None else None
        lines.append(
            LineResult(
                index=i,
                label=line.label,
                quantity=line.quantity,
                unit_price_ht=line.unit_price_ht,
                tva_rate=line.tva_rate,
                gross_ht=gross,
                discounts=discounts,
                net_ht=line_net,
                commercial_share=share,
                net_commercial_ht=line_net - share,
                effective_discount=(1 - own_kept * kept) * HUNDRED,
                margin=Margin.of(line_net - share, cost) if cost is not None else None,
            )
        )

    # TVA per rate on the net financial base.
    rates = sorted({line.tva_rate for line in quote.lines}, reverse=True)
    by_rate = [sum((ln.net_ht for ln in lines if ln.tva_rate == r), ZERO) for r in rates]
    red_shares = allocate(commercial_reductions, by_rate)
    commercial_by_rate = [b - s for b, s in zip(by_rate, red_shares, strict=True)]
    esc_shares = allocate(escompte, commercial_by_rate)
    tva: list[TvaBase] = []
    for r, lines_ht, red_share, esc_share in zip(
        rates, by_rate, red_shares, esc_shares, strict=True
    ):
        base = lines_ht - red_share - esc_share
        tva.append(TvaBase(r, lines_ht, red_share, esc_share, base, money(base * r / HUNDRED)))
    tva_total = sum((t.tva for t in tva), ZERO)
    total_ttc = net_financial + tva_total

    costs = [ln.margin.cost_ht if ln.margin else None for ln in lines]
    known_costs = [c for c in costs if c is not None]
    total_cost = sum(known_costs, ZERO) if len(known_costs) == len(costs) else None
    margin = Margin.of(net_commercial, total_cost) if total_cost is not None else None
    effective = (1 - net_commercial / gross_total) * HUNDRED if gross_total > 0 else ZERO

    return QuoteResult(
        lines=tuple(lines),
        gross_ht=gross_total,
        lines_discount=gross_total - lines_net,
        lines_net_ht=lines_net,
        reductions=tuple(applied),
        net_commercial_ht=net_commercial,
        escompte_rate=quote.escompte_rate,
        escompte=escompte,
        net_financial_ht=net_financial,
        tva=tuple(tva),
        tva_total=tva_total,
        total_ttc=total_ttc,
        effective_discount=effective,
        margin=margin,
        coefficient_ttc=total_ttc / total_cost if total_cost else None,
    )
