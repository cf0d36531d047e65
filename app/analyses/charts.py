"""The charts of an analysis, for the synthesis note (``![…](chart:NAME)`` in its Markdown).

Two steps, so that a submitted note shows the charts of its day: ``chart_data`` takes from the
figures (``figures.compute``) the little each chart needs, as plain JSON (the note version
freezes it); ``render`` draws a chart from that data alone, as SVG (the page) or PNG (the PDF).

Drawing is matplotlib's object API (a ``Figure`` on its own Agg canvas, no pyplot and its
global figures), so requests can draw at the same time. Colours are Okabe-Ito's (told apart
by colour-blind readers), a status is also told by its hatching; SVG text is drawn as paths,
so a chart looks the same without its fonts, and ids are salted with a constant, so the same
data gives the same bytes."""

from __future__ import annotations

import io
import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date
from decimal import Decimal
from typing import Any

import matplotlib
from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

# SVG ids (clip paths, glyphs) come from a hash of this salt and their content, instead of a
# random one: the same chart, the same SVG. The only rcParam set; everything else is passed.
matplotlib.rcParams["svg.hashsalt"] = "capvente"

CHARTS = {
    "objectives": "Objectifs et réalisations",
    "funnel": "Tunnel de vente",
    "trend": "Évolution mensuelle",
    "pareto": "Concentration du chiffre d'affaires (Pareto)",
}
FORMATS = ("svg", "png")
NO_DATA = "Pas de données pour cette période"

# Okabe & Ito (2008), a palette colour-blind readers tell apart.
BLACK, ORANGE, SKY, GREEN = "#000000", "#E69F00", "#56B4E9", "#009E73"
YELLOW, BLUE, VERMILLION, PURPLE = "#F0E442", "#0072B2", "#D55E00", "#CC79A7"
GREY, LIGHT = "#6b6b6b", "#d9d9d9"

STATUSES = {  # objective status: (label, colour, hatch)
    "reached": ("Atteint", GREEN, ""),
    "close": ("Proche", ORANGE, ".."),
    "behind": ("En retard", VERMILLION, "//"),
}
ABC = {"A": ("Classe A", BLUE), "B": ("Classe B", SKY), "C": ("Classe C", LIGHT)}
TREND_SERIES = (  # code, fallback label, colour, marker
    ("contacts", "Contacts émis", BLUE, "o"),
    ("appointments_taken", "Rendez-vous pris", ORANGE, "s"),
    ("quotes_sent", "Devis envoyés", GREEN, "^"),
    ("orders_placed", "Commandes", VERMILLION, "D"),
)
AMOUNT = ("ordered_amount_ht", "Chiffre d'affaires commandé", "€ HT")
MONTHS = ("janv.", "févr.", "mars", "avr.", "mai", "juin",
          "juil.", "août", "sept.", "oct.", "nov.", "déc.")  # fmt: skip
MAX_OBJECTIVES = 12
MAX_CUSTOMERS = 20

WIDTH = 7.2  # inches: 1080 px at 150 dpi, the width of an A4 page's text
DPI = 150


# --------------------------------------------------------------------------- data


def _plain(value: Any) -> Any:
    """``value`` as JSON: Decimal as float, dates as ISO strings, tuples as lists."""
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def month_label(day: date) -> str:
    """``janv. 2027``."""
    return f"{MONTHS[day.month - 1]} {day.year}"


def _as_date(value: Any) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value))


def chart_data(figures: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    """The data of every chart (``CHARTS``) from an analysis's figures: plain JSON, small
    (a dozen objectives, the funnel's stages, a value per month, twenty customers)."""
    period = figures.get("period") or {}
    when = {"start": period.get("start"), "end": period.get("end")}
    objectives = [
        {key: o.get(key) for key in ("label", "target", "actual", "due", "status", "unit")}
        for o in figures.get("objectives") or []
        if o.get("parent_id") is None
        and o.get("target") is not None
        and o.get("actual") is not None
    ][:MAX_OBJECTIVES]
    stages = [
        {key: s.get(key) for key in ("label", "value", "previous", "cohort_median")}
        for s in (figures.get("funnel") or {}).get("stages") or []
    ]
    trend = figures.get("trend") or {}
    labels = {m["code"]: m.get("label") for m in trend.get("metrics") or [] if "code" in m}
    months = trend.get("months") or []
    series = [
        {
            "code": code,
            "label": labels.get(code) or label,
            "values": [(m.get("values") or {}).get(code) for m in months],
        }
        for code, label, _, _ in TREND_SERIES
    ]
    code, label, unit = AMOUNT
    customers = (figures.get("pareto") or {}).get("customers") or {}
    data = {
        "objectives": {"period": when, "rows": objectives},
        "funnel": {"period": when, "stages": stages},
        "trend": {
            "period": when,
            "months": [month_label(_as_date(m["start"])) for m in months],
            "series": series,
            "amount": {
                "code": code,
                "label": labels.get(code) or label,
                "unit": unit,
                "values": [(m.get("values") or {}).get(code) for m in months],
            },
        },
        "pareto": {
            "period": when,
            "rows": [
                {key: r.get(key) for key in ("label", "share", "cumulative", "class")}
                for r in (customers.get("rows") or [])[:MAX_CUSTOMERS]
            ],
            "count": customers.get("count", len(customers.get("rows") or [])),
            "top20_share": customers.get("top20_share"),
        },
    }
    plain: dict[str, dict[str, Any]] = _plain(data)
    return plain


# --------------------------------------------------------------------------- drawing


def _number(value: float | None, places: int = 0) -> str:
    """French: ``12 345,5``, a dash for none."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "—"
    text = f"{value:,.{places}f}".replace(",", "\u00a0").replace(".", ",")
    return text[:-2] if places and text.endswith(",0") else text


def _f(value: Any) -> float | None:
    return None if value is None else float(value)


def _short(value: Any, size: int) -> str:
    text = " ".join(str(value or "").split())
    return text if len(text) <= size else text[: size - 1].rstrip() + "…"


def _subtitle(data: Mapping[str, Any]) -> str:
    period = data.get("period") or {}
    try:
        start, end = _as_date(period["start"]), _as_date(period["end"])
    except (KeyError, TypeError, ValueError):
        return ""
    return f"du {start:%d/%m/%Y} au {end:%d/%m/%Y}"


def _figure(height: float) -> Figure:
    """A figure on its own Agg canvas. Its margins are set in inches (``_margins``), not by
    the constrained layout, which would measure every text twice (a third of the time)."""
    figure = Figure(figsize=(WIDTH, height), dpi=DPI)
    FigureCanvasAgg(figure)
    return figure


def _margins(figure: Figure, left: float, right: float, top: float, bottom: float) -> None:
    """The axes' area, by the inches left around it."""
    width, height = figure.get_size_inches()
    figure.subplots_adjust(left=left / width, right=1 - right / width,
                           top=1 - top / height, bottom=bottom / height)  # fmt: skip


def _label_width(labels: Iterable[str], size: float) -> float:
    """About the inches the widest of ``labels`` takes in DejaVu Sans at ``size`` points."""
    return max((len(label) for label in labels), default=0) * size * 0.62 / 72


def _title(figure: Figure, name: str, data: Mapping[str, Any]) -> None:
    height = figure.get_size_inches()[1]
    top = 1 - 0.1 / height
    figure.text(0.012, top, CHARTS[name], ha="left", va="top", fontsize=13, fontweight="bold")
    subtitle = _subtitle(data)
    if subtitle:
        figure.text(0.988, top, subtitle, ha="right", va="top", fontsize=8.5, color=GREY)


def _frame(ax: Axes) -> None:
    ax.spines[["top", "right"]].set_visible(False)
    ax.tick_params(labelsize=8.5)
    ax.set_axisbelow(True)


def _no_data(figure: Figure) -> None:
    figure.text(0.5, 0.45, NO_DATA, ha="center", va="center", fontsize=12, color=GREY)


def _legend(figure: Figure, handles: Sequence[Any], ncols: int) -> None:
    """The legend under the axes (it never hides a bar)."""
    height = figure.get_size_inches()[1]
    figure.legend(handles=handles, loc="lower center", bbox_to_anchor=(0.5, 0.04 / height),
                  ncols=ncols, fontsize=7.5, frameon=False, handlelength=1.6)  # fmt: skip


def _objectives(data: Mapping[str, Any]) -> Figure:
    """Each objective's result as a share of its target (the units differ: €, counts, %),
    with what was due by the analysis's last day; a bar's colour and hatching is its status."""
    rows = [r for r in data.get("rows") or [] if r.get("target") is not None]
    figure = _figure(1.75 + 0.42 * max(len(rows), 3) if rows else 2.2)
    _title(figure, "objectives", data)
    if not rows:
        _no_data(figure)
        return figure
    labels = [_short(r.get("label"), 34) for r in rows]
    left = 0.2 + _label_width(labels, 8.5)
    _margins(figure, left, 0.15, 0.5, 0.85)
    ax = figure.add_subplot()
    _frame(ax)
    y = list(range(len(rows)))[::-1]
    shares: list[float | None] = []
    dues: list[float | None] = []
    texts = []
    for row in rows:
        target, actual, due = _f(row["target"]), _f(row.get("actual")), _f(row.get("due"))
        share = (actual or 0.0) * 100 / target if target else None
        shares.append(share)
        dues.append(due * 100 / target if target and due is not None else None)
        unit = row.get("unit") or ""
        unit = "" if unit == "nombre" else f" {unit}"
        places = 0 if float(target or 0).is_integer() else 1
        texts.append(f"{_number(share)} % ({_number(actual, places)} / "
                     f"{_number(target, places)}{unit})")  # fmt: skip
    top = max([100.0, *(x for x in [*shares, *dues] if x is not None)]) * 1.05
    # Wide enough for each bar's annotation, right of the bar and of the 100 % line.
    inches = WIDTH - left - 0.15
    for share, text in zip(shares, texts, strict=True):
        room = inches - _label_width([text], 7.5) - 0.1
        top = max(top, max(share or 0.0, 100.0) * inches / max(room, 0.5))
    for pos, row, share, due_share, text in zip(y, rows, shares, dues, texts, strict=True):
        _, colour, hatch = STATUSES.get(row.get("status") or "", ("", GREY, ""))
        ax.barh(pos, share or 0.0, height=0.62, color=colour, hatch=hatch,
                edgecolor="white", linewidth=0)  # fmt: skip
        if due_share is not None and abs(due_share - 100) > 0.5:
            ax.plot([due_share, due_share], [pos - 0.4, pos + 0.4], color=BLACK, linewidth=1.8)
        ax.text(max(share or 0.0, 100.0) + top * 0.012, pos, text, va="center", fontsize=7.5)
    ax.axvline(100, color=GREY, linestyle="--", linewidth=1)
    ax.set_yticks(y, labels)
    ax.set_ylim(-0.6, len(rows) - 0.4)
    ax.set_xlim(0, top)
    ax.set_xlabel("Réalisé en % de l'objectif (trait plein : attendu à date ; tirets : 100 %)")
    ax.grid(axis="x", color=LIGHT, linewidth=0.6)
    handles = [Patch(facecolor=c, hatch=h, edgecolor="white", label=label)
               for label, c, h in STATUSES.values()]  # fmt: skip
    _legend(figure, handles, 3)
    return figure


def _funnel(data: Mapping[str, Any]) -> Figure:
    """Each stage this period (annotated with its conversion from the stage before), the
    previous period, and the cohort's median."""
    stages = list(data.get("stages") or [])
    empty = not any(_f(s.get("value")) or _f(s.get("previous")) for s in stages)
    figure = _figure(4.4 if not empty else 2.2)
    _title(figure, "funnel", data)
    if empty:
        _no_data(figure)
        return figure
    labels = [_short(s.get("label"), 30) for s in stages]
    _margins(figure, 0.2 + _label_width(labels, 8.5), 0.15, 0.5, 0.95)
    ax = figure.add_subplot()
    _frame(ax)
    y = [float(i) for i in range(len(stages))][::-1]
    values = [_f(s.get("value")) or 0.0 for s in stages]
    previous = [_f(s.get("previous")) or 0.0 for s in stages]
    medians = [_f(s.get("cohort_median")) for s in stages]
    ax.barh([p + 0.2 for p in y], values, height=0.4, color=BLUE, label="Période")
    ax.barh([p - 0.2 for p in y], previous, height=0.4, color=SKY, hatch="//",
            edgecolor="white", linewidth=0, label="Période précédente")  # fmt: skip
    shown = [(p, m) for p, m in zip(y, medians, strict=True) if m is not None]
    if shown:
        ax.scatter([m for _, m in shown], [p for p, _ in shown], marker="D", s=28,
                   color=ORANGE, edgecolor=BLACK, linewidth=0.6, zorder=3,
                   label="Médiane de la promotion")  # fmt: skip
    top = max([*values, *previous, *(m for _, m in shown), 1.0])
    for i, (pos, value) in enumerate(zip(y, values, strict=True)):
        text = _number(value)
        if i and values[i - 1]:
            text += f"  ({_number(value * 100 / values[i - 1], 1)} %)"
        ax.text(value + top * 0.012, pos + 0.2, text, va="center", fontsize=7.5)
    ax.set_yticks(y, labels)
    ax.set_ylim(-0.6, len(stages) - 0.4)
    ax.set_xlim(0, top * 1.25)
    ax.set_xlabel("Nombre (entre parenthèses : conversion depuis l'étape précédente)")
    ax.grid(axis="x", color=LIGHT, linewidth=0.6)
    _legend(figure, ax.get_legend_handles_labels()[0], 3)
    return figure


def _nan(values: Iterable[Any]) -> list[float]:
    return [math.nan if v is None else float(v) for v in values]


def _trend(data: Mapping[str, Any]) -> Figure:
    """The month by month activity (counts) above the turnover ordered (€ HT)."""
    months = [str(m) for m in data.get("months") or []]
    series = [s for s in data.get("series") or [] if len(s.get("values") or []) == len(months)]
    amount = data.get("amount") or {}
    amounts = _nan(amount.get("values") or [])
    if len(amounts) != len(months):
        amounts = [math.nan] * len(months)
    known = [*amounts, *(x for s in series for x in _nan(s["values"]))]
    empty = not months or not any(v for v in known if not math.isnan(v))
    figure = _figure(5.2 if not empty else 2.2)
    _title(figure, "trend", data)
    if empty:
        _no_data(figure)
        return figure
    turned = len(months) > 6
    _margins(figure, 1.0, 0.15, 0.5, 1.45 if turned else 1.1)
    counts, money = figure.subplots(2, 1, sharex=True, height_ratios=[3, 2])
    figure.subplots_adjust(hspace=0.12)
    x = list(range(len(months)))
    colours = {code: (colour, marker) for code, _, colour, marker in TREND_SERIES}
    for s in series:
        colour, marker = colours.get(s.get("code"), (GREY, "o"))
        counts.plot(x, _nan(s["values"]), color=colour, marker=marker, markersize=4,
                    linewidth=1.6, label=_short(s.get("label") or s.get("code"), 30))  # fmt: skip
    _frame(counts)
    counts.set_ylabel("Nombre", fontsize=8.5)
    counts.set_ylim(bottom=0)
    counts.grid(axis="y", color=LIGHT, linewidth=0.6)
    _frame(money)
    bars = money.bar(
        x,
        [0.0 if math.isnan(v) else v for v in amounts],
        width=0.6,
        color=GREEN,
        label=f"{_short(amount.get('label'), 40)} ({amount.get('unit') or '€ HT'})",
    )
    if len(months) <= 12:
        money.bar_label(bars, [_number(None if math.isnan(v) else v) for v in amounts],
                        fontsize=7, padding=2)  # fmt: skip
    money.set_ylabel(amount.get("unit") or "€ HT", fontsize=8.5)
    money.set_ylim(0, max([0.0, *(v for v in amounts if not math.isnan(v))]) * 1.3 or 1)
    money.yaxis.set_major_formatter(lambda v, _: _number(v))
    money.grid(axis="y", color=LIGHT, linewidth=0.6)
    money.set_xticks(x, months, rotation=45 if turned else 0, ha="right" if turned else "center")
    money.set_xlim(-0.5, len(months) - 0.5)
    money.set_xlabel("Mois")
    handles = [*counts.get_legend_handles_labels()[0], *money.get_legend_handles_labels()[0]]
    _legend(figure, handles, 3)
    return figure


def _pareto(data: Mapping[str, Any]) -> Figure:
    """The customers by share of the turnover (bars in their ABC class) and the cumulative
    share (line, with the 80 % mark)."""
    rows = [r for r in data.get("rows") or [] if r.get("share") is not None]
    figure = _figure(4.8 if rows else 2.2)
    _title(figure, "pareto", data)
    if not rows:
        _no_data(figure)
        return figure
    labels = [_short(r.get("label"), 18) for r in rows]
    _margins(figure, 0.75, 0.75, 0.75, 0.75 + 0.82 * _label_width(labels, 7))
    ax = figure.add_subplot()
    _frame(ax)
    x = list(range(len(rows)))
    ax.bar(x, [float(r["share"]) for r in rows], width=0.7,
           color=[ABC.get(r.get("class") or "", ("", GREY))[1] for r in rows],
           edgecolor=GREY, linewidth=0.4)  # fmt: skip
    ax.set_ylabel("Part du chiffre d'affaires (%)", fontsize=8.5)
    ax.set_xticks(x, labels, rotation=55, ha="right", rotation_mode="anchor", fontsize=7)
    ax.set_xlim(-0.6, len(rows) - 0.4)
    ax.set_xlabel("Clients, du premier au dernier")
    ax.grid(axis="y", color=LIGHT, linewidth=0.6)
    line = ax.twinx()
    line.spines[["top"]].set_visible(False)
    line.plot(x, _nan(r.get("cumulative") for r in rows), color=VERMILLION, marker="o",
              markersize=3.5, linewidth=1.6)  # fmt: skip
    line.axhline(80, color=GREY, linestyle="--", linewidth=1)
    line.set_ylim(0, 105)
    line.set_ylabel("Part cumulée (%)", fontsize=8.5)
    line.tick_params(labelsize=8.5)
    handles: list[Artist] = [
        Patch(facecolor=c, edgecolor=GREY, label=label) for label, c in ABC.values()
    ]
    handles.append(Line2D([], [], color=VERMILLION, marker="o", markersize=3.5,
                          label="Part cumulée (tirets : 80 %)"))  # fmt: skip
    _legend(figure, handles, 4)
    top20 = _f(data.get("top20_share"))
    count = int(data.get("count") or len(rows))
    note = "" if top20 is None else f"20 % des clients font {_number(top20, 1)} % du CA"
    if count > len(rows):
        note += f"{' — ' if note else ''}{len(rows)} premiers clients affichés sur {count}"
    if note:
        height = figure.get_size_inches()[1]
        figure.text(0.012, 1 - 0.42 / height, note, ha="left", va="top", fontsize=8.5, color=GREY)
    return figure


DRAW: dict[str, Callable[[Mapping[str, Any]], Figure]] = {
    "objectives": _objectives,
    "funnel": _funnel,
    "trend": _trend,
    "pareto": _pareto,
}


def render(name: str, data: Mapping[str, Any], fmt: str = "svg") -> bytes:
    """The chart ``name`` drawn from its ``data`` (``chart_data``) as ``svg`` or ``png``
    (150 dpi). A chart with nothing to show says so. ``KeyError`` for an unknown chart."""
    draw = DRAW[name]
    if fmt not in FORMATS:
        raise ValueError(f"format de graphique inconnu : {fmt}")
    figure = draw(data)
    out = io.BytesIO()
    metadata: dict[str, str | None] = (
        {"Title": CHARTS[name], "Date": None} if fmt == "svg" else {"Title": CHARTS[name]}
    )
    figure.savefig(out, format=fmt, dpi=DPI, metadata=metadata, facecolor="white")
    return out.getvalue()
