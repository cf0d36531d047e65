"""The pedagogic side of a quote's calculation: the breakdown and the figure checker (CP6.7).

``steps(result)`` writes every step of ``calculations.compute`` with its formula and its
figures, in French, so a trainee sees how the total is reached. ``check(result, figures)``
compares the amounts a trainee computed by hand with the quote's: amounts to the cent, rates
and coefficients at the precision shown (two and four decimals). For a wrong figure it gives
the expected value, the step that computes it, and where the error comes from when the
figure is right from the trainee's own earlier figure (a carried error) or matches a known
mistake (reductions added instead of chained, TVA before the escompte, the two rates swapped).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal

from app.sales.calculations import (
    HUNDRED,
    QuoteResult,
    coefficient,
    fmt,
    money,
    rate,
)

# ---------------------------------------------------------------------------------- the steps


@dataclass(frozen=True, slots=True)
class Step:
    """A step of the breakdown: its number, its code (what the checker names), its title and
    its lines of French (formula with figures = result)."""

    number: int
    code: str
    title: str
    lines: tuple[str, ...]


STEP_TITLES = {
    "lines_gross": "Montant brut HT de chaque ligne",
    "lines_discounts": "Remises de ligne, en cascade",
    "lines_total": "Total des lignes HT",
    "reductions": "Réductions commerciales de pied de devis, dans l'ordre",
    "escompte": "Escompte sur le net commercial",
    "tva": "TVA par taux sur le net financier",
    "ttc": "Total TTC",
    "margin": "Marge, taux de marge, taux de marque, coefficient",
}
STEP_NUMBERS = {code: n for n, code in enumerate(STEP_TITLES, start=1)}


def _e(value: Decimal) -> str:
    return f"{fmt(money(value))} €"


def _p(value: Decimal) -> str:
    return f"{fmt(rate(value))} %"


def _q(value: Decimal) -> str:
    """A quantity or a rate without trailing zeros: 2, 1,5, 5,5."""
    return fmt(value.normalize())


def steps(result: QuoteResult) -> tuple[Step, ...]:
    out: list[Step] = []

    def add(code: str, lines: list[str]) -> None:
        out.append(Step(STEP_NUMBERS[code], code, STEP_TITLES[code], tuple(lines)))

    add(
        "lines_gross",
        [
            f"Ligne {ln.index + 1}{f' ({ln.label})' if ln.label else ''} : {_q(ln.quantity)} × "
            f"{_e(ln.unit_price_ht)} = {_e(ln.gross_ht)}"
            for ln in result.lines
        ]
        + ["Arrondi au centime (demi supérieur) sur chaque ligne."],
    )
    discount_lines = [
        f"Ligne {ln.index + 1} : {_e(d.base)} × {_p(d.rate or Decimal(0))} = {_e(d.amount)}, "
        f"net {_e(d.base)} − {_e(d.amount)} = {_e(d.net)}"
        for ln in result.lines
        for d in ln.discounts
    ]
    add(
        "lines_discounts",
        [
            *discount_lines,
            "Chaque remise s'applique au net de la précédente : 20 % puis 10 % font 28 %, pas 30 %."
            if discount_lines
            else "Aucune remise de ligne.",
        ],
    )
    add(
        "lines_total",
        [
            " + ".join(_e(ln.net_ht) for ln in result.lines) + f" = {_e(result.lines_net_ht)}",
            f"(brut {_e(result.gross_ht)}, remises de ligne {_e(result.lines_discount)})",
        ],
    )
    reduction_lines = [
        (
            f"{r.label} {_p(r.rate)} : {_e(r.base)} × {_p(r.rate)} = {_e(r.amount)}"
            if r.rate is not None
            else f"{r.label} de {_e(r.amount)}"
        )
        + f", net {_e(r.base)} − {_e(r.amount)} = {_e(r.net)}"
        for r in result.reductions
    ]
    add(
        "reductions",
        reduction_lines
        + [f"Net commercial HT = {_e(result.net_commercial_ht)}"]
        + (
            ["Rabais, remise et ristourne se calculent en cascade, avant l'escompte."]
            if reduction_lines
            else ["Aucune réduction de pied : le net commercial est le total des lignes."]
        ),
    )
    add(
        "escompte",
        [
            f"{_e(result.net_commercial_ht)} × {_p(result.escompte_rate)} = {_e(result.escompte)}",
            f"Net financier HT = {_e(result.net_commercial_ht)} − {_e(result.escompte)} = "
            f"{_e(result.net_financial_ht)}",
            "L'escompte (réduction financière) vient après les réductions commerciales.",
        ],
    )
    tva_lines: list[str] = []
    several = len(result.tva) > 1
    for t in result.tva:
        if several:
            tva_lines.append(
                f"Base à {_p(t.rate)} : lignes {_e(t.lines_ht)} − part des réductions "
                f"{_e(t.reductions)} − part de l'escompte {_e(t.escompte)} = {_e(t.base_ht)}"
            )
        tva_lines.append(f"TVA {_p(t.rate)} : {_e(t.base_ht)} × {_p(t.rate)} = {_e(t.tva)}")
    if several:
        tva_lines.append(
            "Réductions et escompte sont répartis entre les taux au prorata des lignes "
            "(au centime, la somme des parts est exacte)."
        )
    tva_lines.append(f"TVA totale = {_e(result.tva_total)}")
    add("tva", tva_lines)
    add(
        "ttc",
        [
            f"Net financier HT {_e(result.net_financial_ht)} + TVA {_e(result.tva_total)} = "
            f"{_e(result.total_ttc)} TTC"
        ],
    )
    m = result.margin
    if m is None:
        missing = [str(ln.index + 1) for ln in result.lines if ln.margin is None]
        add(
            "margin",
            [f"Marge non calculée : coût d'achat inconnu (ligne {', '.join(missing)})."],
        )
    else:
        lines = [
            f"Marge = net commercial HT − coût HT = {_e(result.net_commercial_ht)} − "
            f"{_e(m.cost_ht)} = {_e(m.margin)}"
        ]
        if m.margin_rate is not None:
            lines.append(
                f"Taux de marge = marge / coût HT × 100 = {_e(m.margin)} / {_e(m.cost_ht)} × 100 "
                f"= {_p(m.margin_rate)}"
            )
        if m.markup_rate is not None:
            lines.append(
                f"Taux de marque = marge / prix de vente HT × 100 = {_e(m.margin)} / "
                f"{_e(result.net_commercial_ht)} × 100 = {_p(m.markup_rate)}"
            )
        if m.coefficient_ht is not None:
            lines.append(
                f"Coefficient multiplicateur (sur HT) = PV HT / PA HT = "
                f"{_e(result.net_commercial_ht)} / {_e(m.cost_ht)} = "
                f"{fmt(coefficient(m.coefficient_ht))}"
            )
        if result.coefficient_ttc is not None:
            lines.append(
                f"Coefficient multiplicateur (sur TTC) = PV TTC / PA HT = "
                f"{_e(result.total_ttc)} / {_e(m.cost_ht)} = "
                f"{fmt(coefficient(result.coefficient_ttc))}"
            )
        lines.append("L'escompte est une charge financière : il ne réduit pas la marge.")
        add("margin", lines)
    return tuple(out)


# -------------------------------------------------------------------------------- the checker

#: The figures a trainee may submit, with the step that computes each and how it is compared.
AMOUNT, RATE, COEFFICIENT = "amount", "rate", "coefficient"


@dataclass(frozen=True, slots=True)
class Figure:
    code: str
    label: str
    step: str
    kind: str


FIGURES = {
    f.code: f
    for f in (
        Figure("gross_ht", "Montant brut HT", "lines_gross", AMOUNT),
        Figure("lines_net_ht", "Total des lignes HT", "lines_total", AMOUNT),
        Figure("net_commercial_ht", "Net commercial HT", "reductions", AMOUNT),
        Figure("escompte", "Escompte", "escompte", AMOUNT),
        Figure("net_financial_ht", "Net financier HT", "escompte", AMOUNT),
        Figure("tva_total", "TVA totale", "tva", AMOUNT),
        Figure("total_ttc", "Total TTC", "ttc", AMOUNT),
        Figure("margin", "Marge", "margin", AMOUNT),
        Figure("margin_rate", "Taux de marge", "margin", RATE),
        Figure("markup_rate", "Taux de marque", "margin", RATE),
        Figure("coefficient_ht", "Coefficient multiplicateur (HT)", "margin", COEFFICIENT),
        Figure("coefficient_ttc", "Coefficient multiplicateur (TTC)", "margin", COEFFICIENT),
    )
}


@dataclass(frozen=True, slots=True)
class Verdict:
    code: str
    label: str
    given: Decimal
    expected: Decimal | None  # None: the quote has no such figure (no cost: no margin)
    right: bool
    step: int
    step_title: str
    explanation: str


def _round(kind: str, value: Decimal) -> Decimal:
    if kind == AMOUNT:
        return money(value)
    if kind == RATE:
        return rate(value)
    return coefficient(value)


def expected_figures(result: QuoteResult) -> dict[str, Decimal | None]:
    """Every checkable figure of ``result``, rounded as shown (lines: ``lines.<n>.net_ht``,
    TVA per rate: ``tva.<rate>``, e.g. ``tva.5.5``)."""
    m = result.margin
    values: dict[str, Decimal | None] = {
        "gross_ht": result.gross_ht,
        "lines_net_ht": result.lines_net_ht,
        "net_commercial_ht": result.net_commercial_ht,
        "escompte": result.escompte,
        "net_financial_ht": result.net_financial_ht,
        "tva_total": result.tva_total,
        "total_ttc": result.total_ttc,
        "margin": m.margin if m else None,
        "margin_rate": rate(m.margin_rate) if m and m.margin_rate is not None else None,
        "markup_rate": rate(m.markup_rate) if m and m.markup_rate is not None else None,
        "coefficient_ht": coefficient(m.coefficient_ht)
        if m and m.coefficient_ht is not None
        else None,
        "coefficient_ttc": coefficient(result.coefficient_ttc)
        if result.coefficient_ttc is not None
        else None,
    }
    for t in result.tva:
        values[f"tva.{_q(t.rate).replace(',', '.')}"] = t.tva
    for ln in result.lines:
        values[f"lines.{ln.index + 1}.net_ht"] = ln.net_ht
    return values


def figure_of(code: str) -> Figure | None:
    """The figure a submitted code names (``None`` for an unknown code)."""
    if code in FIGURES:
        return FIGURES[code]
    head, _, rest = code.partition(".")
    if head == "tva" and rest:
        return Figure(code, f"TVA à {rest.replace('.', ',')} %", "tva", AMOUNT)
    if head == "lines" and rest.endswith(".net_ht"):
        return Figure(code, f"Net HT de la ligne {rest.split('.')[0]}", "lines_discounts", AMOUNT)
    return None


def _carried(
    code: str, given: Mapping[str, Decimal], result: QuoteResult
) -> tuple[str, Decimal] | None:
    """When the figure ``code`` follows from the trainee's own figure of an earlier step: the
    code of that earlier figure and the value it gives."""
    m = result.margin
    rules: dict[str, tuple[str, Callable[[Decimal], Decimal | None]]] = {
        "escompte": (
            "net_commercial_ht",
            lambda nc: money(nc * result.escompte_rate / HUNDRED),
        ),
        "net_financial_ht": (
            "net_commercial_ht",
            lambda nc: nc - given.get("escompte", money(nc * result.escompte_rate / HUNDRED)),
        ),
        "total_ttc": ("net_financial_ht", lambda nf: nf + given.get("tva_total", result.tva_total)),
        "margin": ("net_commercial_ht", lambda nc: nc - m.cost_ht if m else None),
        "markup_rate": (
            "margin",
            lambda mg: (
                rate(mg / result.net_commercial_ht * HUNDRED) if result.net_commercial_ht else None
            ),
        ),
        "margin_rate": (
            "margin",
            lambda mg: rate(mg / m.cost_ht * HUNDRED) if m and m.cost_ht else None,
        ),
    }
    if len(result.tva) == 1:
        only = result.tva[0].rate
        tva_rule = ("net_financial_ht", lambda nf: money(nf * only / HUNDRED))
        rules["tva_total"] = tva_rule
        rules[f"tva.{_q(only).replace(',', '.')}"] = tva_rule
    if code not in rules:
        return None
    source, formula = rules[code]
    if source not in given:
        return None
    return source, formula(given[source])  # type: ignore[return-value]


def _known_mistake(code: str, value: Decimal, result: QuoteResult) -> str | None:
    m = result.margin
    if code == "net_commercial_ht" and result.reductions:
        rates = [r.rate for r in result.reductions if r.rate is not None]
        if len(rates) == len(result.reductions):
            added = money(result.lines_net_ht * (1 - sum(rates, Decimal(0)) / HUNDRED))
            if value == added and added != result.net_commercial_ht:
                return "Les taux de réduction ont été additionnés : ils s'appliquent en cascade."
    if code in ("tva_total",) and len(result.tva) == 1 and result.escompte:
        before = money(result.net_commercial_ht * result.tva[0].rate / HUNDRED)
        if value == before:
            return "La TVA a été calculée avant l'escompte : elle porte sur le net financier."
    if m is not None and m.margin_rate is not None and m.markup_rate is not None:
        if code == "markup_rate" and value == rate(m.margin_rate) != rate(m.markup_rate):
            return "C'est le taux de marge : le taux de marque rapporte la marge au prix de vente."
        if code == "margin_rate" and value == rate(m.markup_rate) != rate(m.margin_rate):
            return "C'est le taux de marque : le taux de marge rapporte la marge au coût d'achat."
    if code == "net_commercial_ht" and value == result.net_financial_ht != result.net_commercial_ht:
        return "L'escompte a été déduit : le net commercial est pris avant l'escompte."
    return None


def check(result: QuoteResult, figures: Mapping[str, Decimal]) -> list[Verdict]:
    """One verdict per submitted figure, in the order of the steps. Unknown codes are the
    caller's to refuse (``figure_of``)."""
    expected = expected_figures(result)
    given_rounded: dict[str, Decimal] = {}
    verdicts: list[Verdict] = []
    for code, value in figures.items():
        figure = figure_of(code)
        if figure is None:
            raise KeyError(code)
        given_rounded[code] = _round(figure.kind, value)
    for code, value in given_rounded.items():
        figure = figure_of(code)
        assert figure is not None
        want = expected.get(code)
        number, title = STEP_NUMBERS[figure.step], STEP_TITLES[figure.step]
        if want is None:
            explanation = (
                "Ce devis n'a pas ce chiffre (coût d'achat inconnu, ou pas de ligne à ce taux)."
            )
            verdicts.append(
                Verdict(code, figure.label, value, None, False, number, title, explanation)
            )
            continue
        if value == want:
            verdicts.append(Verdict(code, figure.label, value, want, True, number, title, "Juste."))
            continue
        shown = _show(figure.kind, want)
        explanation = f"Attendu : {shown} (étape {number} : {title.lower()})."
        carried = _carried(code, given_rounded, result)
        mistake = _known_mistake(code, value, result)
        if mistake:
            explanation += " " + mistake
        elif carried is not None and carried[1] == value:
            source = figure_of(carried[0])
            assert source is not None
            source_step = STEP_NUMBERS[source.step]
            explanation += (
                f" Votre calcul est juste à partir de votre {source.label.lower()} : l'erreur "
                f"vient de l'étape {source_step} ({STEP_TITLES[source.step].lower()})."
            )
        verdicts.append(Verdict(code, figure.label, value, want, False, number, title, explanation))
    verdicts.sort(key=lambda v: v.step)
    return verdicts


def _show(kind: str, value: Decimal) -> str:
    if kind == AMOUNT:
        return f"{fmt(value)} €"
    if kind == RATE:
        return f"{fmt(value)} %"
    return fmt(value)
