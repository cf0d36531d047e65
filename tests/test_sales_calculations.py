"""The commercial calculations of a quote (app/sales/calculations.py, app/sales/breakdown.py):
published textbook exercises to the cent, Hypothesis properties, the figure checker.

No database: these run once (the PostgreSQL run deselects them)."""

from __future__ import annotations

import dataclasses
from decimal import Decimal as D

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from app.sales import breakdown
from app.sales.calculations import (
    TVA_RATES,
    CalculationError,
    LineInput,
    QuoteInput,
    QuoteResult,
    ReductionInput,
    ReductionKind,
    allocate,
    chained_rate,
    coefficient,
    compute,
    margin_rate,
    markup_rate,
    money,
    price_from_margin_rate,
    price_from_markup_rate,
    rate,
)

OLD_TVA = (D("19.6"),)  # the normal rate until 2014, in the exercises below


def one_line(
    price: str, cost: str, tva: str = "20", discounts: tuple[str, ...] = ()
) -> QuoteResult:
    return compute(
        QuoteInput(
            lines=(LineInput(D(1), D(price), D(tva), D(cost), tuple(D(d) for d in discounts)),)
        )
    )


# ------------------------------------------------------------------ published exercises


def test_invoice_of_iut_en_ligne_exercise_2_operation_3() -> None:
    """IUT en ligne, comptabilité financière (Leygonie), exercice 2, opération 3, facture
    V 104: 2 tables at 243.00, a sofa at 580.00 with a 5 % discount on the sofa, escompte
    1.5 %, TVA 19.6 %. Published: brut 1 066.00, remise 29.00, net commercial 1 037.00,
    escompte 15.55, net financier 1 021.45, TVA 200.20, TTC 1 221.65.

    The published escompte truncates 1 037 × 1.5 % = 15.555; CapVente rounds half-up
    (domain.md §3), hence 15.56 and one cent less from there on; every other figure of the
    exercise is the published one."""
    result = compute(
        QuoteInput(
            lines=(
                LineInput(D(2), D("243.00"), D("19.6"), label="Table"),
                LineInput(D(1), D("580.00"), D("19.6"), discounts=(D(5),), label="Canapé"),
            ),
            escompte_rate=D("1.5"),
        ),
        tva_rates=OLD_TVA,
    )
    assert result.gross_ht == D("1066.00")
    assert result.lines_discount == D("29.00")
    assert result.net_commercial_ht == D("1037.00")
    assert result.escompte == D("15.56")  # published 15.55 (truncated)
    assert result.net_financial_ht == D("1021.44")  # published 1 021.45
    assert result.tva_total == D("200.20")  # published 200.20: 1 021.44 × 19.6 % = 200.202…
    assert result.total_ttc == D("1221.64")  # published 1 221.65
    # The checker says so to a trainee who copies the published answer.
    verdicts = {v.code: v for v in breakdown.check(result, {"escompte": D("15.55")})}
    assert not verdicts["escompte"].right
    assert verdicts["escompte"].expected == D("15.56")


@pytest.mark.parametrize(
    ("source", "cost", "price", "margin", "margin_rate_", "markup_rate_", "coefficient_ht"),
    [
        # docplayer "Chapitre 11 Les facteurs explicatifs d'un prix": a coat bought 80,
        # sold 120 HT: margin 40, taux de marge 50 %, taux de marque "0,33, soit 33 %".
        ("manteau", "80", "120", "40.00", "50.00", "33.33", "1.5000"),
        # monbtsmco "Le Délice Italienne": cost 5, sold 15 TTC at 20 % so 12.50 HT:
        # coefficient 2.5, margin 7.50, taux de marge 150 %.
        ("pizza", "5", "12.50", "7.50", "150.00", "60.00", "2.5000"),
        # nosdevoirs 320244: a bracelet bought 875, sold 1 250 HT: taux de marque 30 %,
        # coefficient "1,42" (truncated; 1.4286 to four decimals).
        ("bracelet", "875", "1250", "375.00", "42.86", "30.00", "1.4286"),
        # monbtsmco "Gourmet Tradition": cost 4, sold 7 HT: margin 3.
        ("confiture", "4", "7", "3.00", "75.00", "42.86", "1.7500"),
    ],
)
def test_published_margin_exercises(
    source: str,
    cost: str,
    price: str,
    margin: str,
    margin_rate_: str,
    markup_rate_: str,
    coefficient_ht: str,
) -> None:
    m = one_line(price, cost).margin
    assert m is not None, source
    assert m.margin == D(margin)
    assert m.margin_rate is not None
    assert rate(m.margin_rate) == D(margin_rate_)
    assert m.markup_rate is not None
    assert rate(m.markup_rate) == D(markup_rate_)
    assert m.coefficient_ht is not None
    assert coefficient(m.coefficient_ht) == D(coefficient_ht)


def test_published_selling_prices() -> None:
    # monbtsmco "Gourmet Tradition": cost 4, taux de marge 30 % -> PV HT 5.20; 7 € less 10 %
    # -> 6.30.
    assert money(price_from_margin_rate(D(4), D(30))) == D("5.20")
    assert one_line("7", "4", discounts=("10",)).net_commercial_ht == D("6.30")
    # psteger "bts marges": PV HT = PA HT / (1 − taux de marque); a 20 % markup on 100 is 125.
    assert money(price_from_markup_rate(D(100), D(20))) == D("125.00")
    # monbtsmco "Le Délice Italienne": 12.50 HT at 20 % is 15 TTC; coefficient on TTC 3.
    pizza = one_line("12.50", "5")
    assert pizza.total_ttc == D("15.00")
    assert pizza.coefficient_ttc is not None
    assert coefficient(pizza.coefficient_ttc) == D("3.0000")
    # domain.md §3: 20 % then 10 % is 28 %.
    assert chained_rate([D(20), D(10)]) == D(28)


def test_reductions_in_order_then_escompte_then_tva_on_two_rates() -> None:
    """Worked by hand: two rates, a 5 % remise, a 3.21 € rabais and a 2 % escompte shared
    between the rates in proportion."""
    result = compute(
        QuoteInput(
            lines=(
                LineInput(D(3), D("19.99"), D(20), D(10), (D(20), D(10))),
                LineInput(D("1.5"), D("7.33"), D("5.5"), D(3)),
            ),
            reductions=(
                ReductionInput(ReductionKind.DISCOUNT, rate=D(5)),
                ReductionInput(ReductionKind.REBATE, amount=D("3.21")),
            ),
            escompte_rate=D(2),
        )
    )
    # 3 × 19.99 = 59.97; −20 % = 11.99 -> 47.98; −10 % = 4.80 -> 43.18; 1.5 × 7.33 = 10.995 -> 11.00
    assert [ln.net_ht for ln in result.lines] == [D("43.18"), D("11.00")]
    assert result.lines_net_ht == D("54.18")
    # 54.18 × 5 % = 2.709 -> 2.71 -> 51.47; −3.21 -> 48.26; escompte 0.9652 -> 0.97 -> 47.29
    assert [r.amount for r in result.reductions] == [D("2.71"), D("3.21")]
    assert result.net_commercial_ht == D("48.26")
    assert result.escompte == D("0.97")
    assert result.net_financial_ht == D("47.29")
    # Reductions 5.92 shared 43.18 : 11.00 -> 4.72 / 1.20; escompte 0.97 on 38.46 : 9.80 -> 0.77 / 0.20
    assert [(t.rate, t.reductions, t.escompte, t.base_ht, t.tva) for t in result.tva] == [
        (D(20), D("4.72"), D("0.77"), D("37.69"), D("7.54")),
        (D("5.5"), D("1.20"), D("0.20"), D("9.60"), D("0.53")),
    ]
    assert result.total_ttc == D("55.36")
    assert result.margin is not None
    assert result.margin.margin == D("13.76")


# ------------------------------------------------------------------------- bad input


@pytest.mark.parametrize(
    ("quote", "loc"),
    [
        (QuoteInput(lines=()), ("lines",)),
        (QuoteInput(lines=(LineInput(D(-1), D(10), D(20)),)), ("lines", 0, "quantity")),
        (QuoteInput(lines=(LineInput(D(0), D(10), D(20)),)), ("lines", 0, "quantity")),
        (QuoteInput(lines=(LineInput(D(1), D(-10), D(20)),)), ("lines", 0, "unit_price_ht")),
        (QuoteInput(lines=(LineInput(D(1), D(10), D(19)),)), ("lines", 0, "tva_rate")),
        (QuoteInput(lines=(LineInput(D(1), D(10), D(20), D(-1)),)), ("lines", 0, "unit_cost_ht")),
        (
            QuoteInput(lines=(LineInput(D(1), D(10), D(20), discounts=(D(5), D("100.01"))),)),
            ("lines", 0, "discounts", 1),
        ),
        (
            QuoteInput(
                lines=(LineInput(D(1), D(10), D(20)),),
                reductions=(ReductionInput(ReductionKind.REBATE, amount=D("10.01")),),
            ),
            ("reductions", 0, "amount"),
        ),
        (
            QuoteInput(
                lines=(LineInput(D(1), D(10), D(20)),),
                reductions=(ReductionInput(ReductionKind.REFUND, rate=D(5), amount=D(1)),),
            ),
            ("reductions", 0),
        ),
        (
            QuoteInput(lines=(LineInput(D(1), D(10), D(20)),), escompte_rate=D(-1)),
            ("escompte_rate",),
        ),
    ],
)
def test_bad_input_names_its_field(quote: QuoteInput, loc: tuple[object, ...]) -> None:
    with pytest.raises(CalculationError) as raised:
        compute(quote)
    assert raised.value.loc == loc
    assert raised.value.message


# ------------------------------------------------------------------------- properties

amounts = st.decimals(min_value=D("0.01"), max_value=D("99999.99"), places=2)
costs = st.decimals(min_value=D("0.00"), max_value=D("99999.99"), places=2)
quantities = st.decimals(min_value=D("0.001"), max_value=D("9999"), places=3)
rates = st.decimals(min_value=D("0"), max_value=D("100"), places=2)
small_rates = st.decimals(min_value=D("0"), max_value=D("60"), places=2)
lines = st.builds(
    LineInput,
    quantity=quantities,
    unit_price_ht=amounts,
    tva_rate=st.sampled_from(TVA_RATES),
    unit_cost_ht=st.one_of(st.none(), costs),
    discounts=st.lists(small_rates, max_size=3).map(tuple),
)
rate_reductions = st.builds(
    ReductionInput, kind=st.sampled_from(list(ReductionKind)), rate=small_rates
)
quotes = st.builds(
    QuoteInput,
    lines=st.lists(lines, min_size=1, max_size=8).map(tuple),
    reductions=st.lists(rate_reductions, max_size=3).map(tuple),
    escompte_rate=st.decimals(min_value=D("0"), max_value=D("10"), places=2),
)


def _walk(value: object) -> list[object]:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return [v for f in dataclasses.fields(value) for v in _walk(getattr(value, f.name))]
    if isinstance(value, tuple | list):
        return [v for item in value for v in _walk(item)]
    return [value]


def _cents(value: D) -> bool:
    return value == money(value)


@settings(max_examples=300, deadline=None)
@given(quotes)
def test_totals_add_up_to_the_cent_and_nothing_is_a_float(quote: QuoteInput) -> None:
    r = compute(quote)
    assert not any(isinstance(v, float) for v in _walk(r))
    for amount in (r.gross_ht, r.lines_net_ht, r.net_commercial_ht, r.escompte, r.tva_total):
        assert _cents(amount)
    assert r.total_ttc == r.net_financial_ht + sum(t.tva for t in r.tva)
    assert r.net_financial_ht == r.net_commercial_ht - r.escompte
    assert sum(t.base_ht for t in r.tva) == r.net_financial_ht
    assert sum(t.lines_ht for t in r.tva) == r.lines_net_ht
    assert sum(t.escompte for t in r.tva) == r.escompte
    assert sum(ln.net_commercial_ht for ln in r.lines) == r.net_commercial_ht
    for t in r.tva:
        assert t.tva == money(t.base_ht * t.rate / 100)
        assert t.rate in TVA_RATES
    if r.margin is not None:
        # The lines' margins add up to the quote's.
        assert sum(ln.margin.margin for ln in r.lines if ln.margin) == r.margin.margin


@settings(max_examples=300, deadline=None)
@given(amounts, st.lists(small_rates, min_size=1, max_size=4))
def test_chained_reductions_are_their_product_within_half_a_cent_a_step(
    gross: D, chain: list[D]
) -> None:
    r = compute(QuoteInput(lines=(LineInput(D(1), gross, D(20), discounts=tuple(chain)),)))
    product = gross * (1 - chained_rate(chain) / 100)
    assert abs(r.lines_net_ht - product) <= D("0.005") * len(chain)
    if len(chain) == 1:
        assert r.lines_net_ht == gross - money(gross * chain[0] / 100)


@settings(max_examples=300, deadline=None)
@given(
    st.decimals(min_value=D("0.01"), max_value=D("99999.99"), places=2),
    st.decimals(min_value=D("0.01"), max_value=D("99999.99"), places=2),
)
@example(cost=D("3.50"), price=D("0.64"))  # -446.875: a half cent, computed as -446.8749…
@example(cost=D("22.75"), price=D("0.01"))  # -227,400 %: the error grows with the rate
def test_selling_price_identities(cost: D, price: D) -> None:
    """PV HT = PA HT × (1 + taux de marge) = PA HT / (1 − taux de marque)."""
    assert money(price_from_margin_rate(cost, margin_rate(cost, price))) == price
    assert money(price_from_markup_rate(cost, markup_rate(cost, price))) == price
    # taux de marque = taux de marge / (1 + taux de marge), exactly but for the context's 28
    # digits, relatively (compared unrounded: -446.875 computed as -446.8749… would round to the other
    # side of a half cent, cost 3.50 and price 0.64).
    mr = margin_rate(cost, price) / 100
    markup = markup_rate(cost, price)
    assert abs(mr / (1 + mr) * 100 - markup) <= abs(markup) * D("1e-20")


@settings(max_examples=300, deadline=None)
@given(
    st.decimals(min_value=D("-9999.99"), max_value=D("9999.99"), places=2),
    st.lists(
        st.decimals(min_value=D("0"), max_value=D("99999.99"), places=2), min_size=1, max_size=10
    ),
)
def test_allocation_is_exact_and_proportional(total: D, weights: list[D]) -> None:
    shares = allocate(total, weights)
    assert sum(shares) == total
    weight_sum = sum(weights)
    for share, weight in zip(shares, weights, strict=True):
        assert _cents(share)
        if weight_sum:
            assert abs(share - total * weight / weight_sum) < D("0.01")


@settings(max_examples=100, deadline=None)
@given(quotes, st.randoms(use_true_random=False))
def test_the_order_of_lines_does_not_change_the_totals(quote: QuoteInput, rnd) -> None:  # type: ignore[no-untyped-def]
    shuffled = list(quote.lines)
    rnd.shuffle(shuffled)
    a, b = compute(quote), compute(dataclasses.replace(quote, lines=tuple(shuffled)))
    assert (a.net_commercial_ht, a.escompte, a.tva_total, a.total_ttc) == (
        b.net_commercial_ht,
        b.escompte,
        b.tva_total,
        b.total_ttc,
    )


# ------------------------------------------------------------------- the figure checker


def _iut() -> QuoteResult:
    return compute(
        QuoteInput(
            lines=(
                LineInput(D(2), D("243.00"), D(20), D("150.00")),
                LineInput(D(1), D("580.00"), D(20), D("300.00")),
            ),
            reductions=(
                ReductionInput(ReductionKind.DISCOUNT, rate=D(10)),
                ReductionInput(ReductionKind.DISCOUNT, rate=D(5)),
            ),
            escompte_rate=D(2),
        )
    )


def test_right_figures_are_all_right() -> None:
    r = _iut()
    expected = {k: v for k, v in breakdown.expected_figures(r).items() if v is not None}
    verdicts = breakdown.check(r, expected)
    assert len(verdicts) == len(expected)
    assert all(v.right for v in verdicts)
    # 1 066 − 10 % = 959.40, − 5 % = 47.97 -> 911.43; escompte 18.23 -> 893.20; TVA 178.64
    assert expected["net_commercial_ht"] == D("911.43")
    assert expected["total_ttc"] == D("1071.84")
    # Rates at the precision shown: a trainee's 34.17 for 34.1667 % is right.
    assert breakdown.check(r, {"markup_rate": D("34.1667")})[0].right


def test_a_carried_error_points_to_its_step() -> None:
    r = _iut()
    wrong_nc = D("900.00")
    verdicts = {
        v.code: v
        for v in breakdown.check(
            r,
            {
                "net_commercial_ht": wrong_nc,
                "escompte": money(wrong_nc * 2 / 100),
                "net_financial_ht": wrong_nc - money(wrong_nc * 2 / 100),
            },
        )
    }
    assert not verdicts["net_commercial_ht"].right
    assert verdicts["net_commercial_ht"].expected == D("911.43")
    assert verdicts["net_commercial_ht"].step == 4
    assert not verdicts["escompte"].right
    assert "l'erreur vient de l'étape 4" in verdicts["escompte"].explanation
    assert "l'erreur vient de l'étape 4" in verdicts["net_financial_ht"].explanation


def test_known_mistakes_are_named() -> None:
    r = _iut()
    added = money(D("1066.00") * D("0.85"))  # 10 % + 5 % added
    swapped = rate(r.margin.margin_rate)  # type: ignore[union-attr,arg-type]
    tva_before = money(r.net_commercial_ht * D("0.20"))
    verdicts = {
        v.code: v
        for v in breakdown.check(
            r, {"net_commercial_ht": added, "markup_rate": swapped, "tva_total": tva_before}
        )
    }
    assert "additionnés" in verdicts["net_commercial_ht"].explanation
    assert "taux de marge" in verdicts["markup_rate"].explanation
    assert "avant l'escompte" in verdicts["tva_total"].explanation


def test_a_figure_the_quote_has_not() -> None:
    r = compute(QuoteInput(lines=(LineInput(D(1), D(10), D(20)),)))  # no cost: no margin
    (verdict,) = breakdown.check(r, {"margin": D(3)})
    assert verdict.expected is None
    assert not verdict.right
    with pytest.raises(KeyError):
        breakdown.check(r, {"bogus": D(1)})


def test_the_breakdown_shows_every_step_with_its_figures() -> None:
    r = _iut()
    text = {s.code: "\n".join(s.lines) for s in breakdown.steps(r)}
    assert [s.number for s in breakdown.steps(r)] == list(range(1, 9))
    assert "Ligne 1 : 2 × 243,00 € = 486,00 €" in text["lines_gross"]
    assert "Remise 10,00 % : 1\u202f066,00 € × 10,00 % = 106,60 €" in text["reductions"]
    assert "Net commercial HT = 911,43 €" in text["reductions"]
    assert "TVA 20,00 % : 893,20 € × 20,00 % = 178,64 €" in text["tva"]
    assert "= 1\u202f071,84 € TTC" in text["ttc"]
    assert "Taux de marque" in text["margin"]
