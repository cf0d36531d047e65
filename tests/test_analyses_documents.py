"""The synthesis note's charts and documents: the charts' data taken from an analysis's
figures (plain JSON), each chart drawn as SVG and PNG (deterministic, « Pas de données » when
empty), the note's Markdown made safe (raw HTML escaped, links and images filtered, charts
drawn in place), and the note as HTML and PDF (read back with pypdf). No database: the
figures are built here with the shape of ``app.analyses.figures.compute``."""

from __future__ import annotations

import base64
import io
import json
import re
import struct
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from decimal import Decimal as D
from http.server import BaseHTTPRequestHandler
from typing import Any

import pytest
from pypdf import PdfReader

from app.analyses import charts, documents
from tests.local_server import LocalServer

PNG = b"\x89PNG\r\n\x1a\n"


def objective(label: str, target: Any, actual: Any, status: str, **extra: Any) -> dict[str, Any]:
    return {"objective_id": len(label), "parent_id": None, "label": label, "metric_code": "contacts",
            "unit": "nombre", "dimension": None, "slice_key": None, "target": target,
            "due": target, "actual": actual, "gap": None, "gap_pct": None, "status": status,
            "note": None} | extra  # fmt: skip


def stage(label: str, value: int, previous: int, median: D | None) -> dict[str, Any]:
    return {"stage": label.lower(), "metric_code": "x", "label": label, "value": value,
            "previous": previous, "cohort_median": median, "conversion": None,
            "previous_conversion": None, "cohort_conversion": None}  # fmt: skip


def month(start: date, contacts: int, amount: D | None) -> dict[str, Any]:
    return {"start": start, "end": start.replace(day=28),
            "values": {"contacts": contacts, "appointments_taken": contacts // 10,
                       "quotes_sent": contacts // 20, "orders_placed": contacts // 40,
                       "ordered_amount_ht": amount, "km_driven": D("12.5")}}  # fmt: skip


def customers(count: int) -> dict[str, Any]:
    """``count`` customers, the first buying ``count`` k€, the next one less, and so on."""
    total = sum(range(1, count + 1))
    rows, cumulative = [], D(0)
    for i in range(1, count + 1):
        share = D(count + 1 - i) * 100 / total
        cumulative += share
        rows.append({"key": str(i), "label": f"Client {i}", "amount": D(1000 * (count + 1 - i)),
                     "share": share.quantize(D("0.1")), "cumulative": cumulative.quantize(D("0.1")),
                     "class": "A" if cumulative <= 80 else "B" if cumulative <= 95 else "C"})  # fmt: skip
    return {"rows": rows, "total": D(1000 * total), "count": count, "top20_share": D("35.4"),
            "hhi": D(500)}  # fmt: skip


def figures() -> dict[str, Any]:
    return {
        "period": {
            "start": date(2027, 1, 1),
            "end": date(2027, 3, 31),
            "days": 90,
            "working_days": 63,
            "previous_start": date(2026, 10, 3),
            "previous_end": date(2026, 12, 31),
            "cohort_size": 8,
        },
        "plan": {"id": 1, "title": "Plan du trimestre"},
        "objectives": [
            objective(
                "Chiffre d'affaires commandé",
                D("30000"),
                D("24500.50"),
                "behind",
                unit="€ HT",
                due=D("27000.00"),
            ),
            objective("Rendez-vous pris", D("40"), 38, "close", due=D("36.00")),
            # A sub-objective, a qualitative one, one not measured: not drawn.
            objective("CA fibre", D("10000"), D("9000"), "close", parent_id=1),
            objective("Qualité d'écoute", None, None, "qualitative"),
            objective("Commandes", D("10"), None, "not_measured"),
            objective("Devis envoyés", D("20"), 21, "reached"),
        ],
        "funnel": {
            "stages": [
                stage("Contacts émis", 300, 250, D("280.50")),
                stage("Rendez-vous pris", 38, 30, None),
                stage("Commandes", 9, 7, D("8.00")),
            ],
            "overall_conversion": D("3.0"),
        },
        "activity": {"time": [], "actions": []},
        "pareto": {"customers": customers(25), "families": customers(3)},
        "trend": {
            "metrics": [
                {"code": "contacts", "label": "Contacts émis", "unit": "nombre"},
                {
                    "code": "ordered_amount_ht",
                    "label": "Chiffre d'affaires commandé",
                    "unit": "€ HT",
                },
            ],
            "months": [
                month(date(2027, 1, 1), 100, D("8000.50")),
                month(date(2027, 2, 1), 80, D("6500.00")),
                month(date(2027, 3, 1), 120, None),
            ],
        },
        "values": {"contacts": 300},
    }


EMPTY = {"period": {"start": date(2027, 1, 1), "end": date(2027, 1, 31)}, "plan": None,
         "objectives": [], "funnel": {"stages": [stage("Contacts émis", 0, 0, None)]},
         "pareto": {"customers": {"rows": [], "count": 0, "top20_share": None}},
         "trend": {"metrics": [], "months": []}}  # fmt: skip


def svg_text(svg: bytes) -> str:
    """The SVG without its XML prolog and doctype."""
    text = svg.decode("utf-8")
    return text[text.index("<svg") :]


def png_size(png: bytes) -> tuple[int, int]:
    assert png.startswith(PNG)
    width, height = struct.unpack(">II", png[16:24])
    return width, height


def comments(svg: bytes) -> list[str]:
    """The texts of a chart: matplotlib draws them as paths, each after a comment of it."""
    return [c.strip() for c in re.findall(r"<!--(.*?)-->", svg.decode("utf-8"), re.DOTALL)]


# --------------------------------------------------------------------------- chart data


def test_chart_data_takes_the_little_each_chart_needs() -> None:
    data = charts.chart_data(figures())
    assert set(data) == set(charts.CHARTS)
    assert json.loads(json.dumps(data)) == data  # plain JSON: no Decimal, no date

    assert data["objectives"]["rows"] == [
        {"label": "Chiffre d'affaires commandé", "target": 30000.0, "actual": 24500.5,
         "due": 27000.0, "status": "behind", "unit": "€ HT"},
        {"label": "Rendez-vous pris", "target": 40.0, "actual": 38, "due": 36.0,
         "status": "close", "unit": "nombre"},
        {"label": "Devis envoyés", "target": 20.0, "actual": 21, "due": 20.0,
         "status": "reached", "unit": "nombre"},
    ]  # fmt: skip
    assert data["objectives"]["period"] == {"start": "2027-01-01", "end": "2027-03-31"}

    assert data["funnel"]["stages"] == [
        {"label": "Contacts émis", "value": 300, "previous": 250, "cohort_median": 280.5},
        {"label": "Rendez-vous pris", "value": 38, "previous": 30, "cohort_median": None},
        {"label": "Commandes", "value": 9, "previous": 7, "cohort_median": 8.0},
    ]

    trend = data["trend"]
    assert trend["months"] == ["janv. 2027", "févr. 2027", "mars 2027"]
    assert [s["code"] for s in trend["series"]] == [
        "contacts", "appointments_taken", "quotes_sent", "orders_placed",
    ]  # fmt: skip
    assert trend["series"][0] == {"code": "contacts", "label": "Contacts émis",
                                  "values": [100, 80, 120]}  # fmt: skip
    assert trend["series"][3]["values"] == [2, 2, 3]
    assert trend["amount"] == {"code": "ordered_amount_ht", "label": "Chiffre d'affaires commandé",
                               "unit": "€ HT", "values": [8000.5, 6500.0, None]}  # fmt: skip

    pareto = data["pareto"]
    assert len(pareto["rows"]) == 20  # the first twenty of 25 customers
    assert pareto["count"] == 25
    assert pareto["top20_share"] == 35.4
    assert pareto["rows"][0] == {"label": "Client 1", "share": 7.7, "cumulative": 7.7,
                                 "class": "A"}  # fmt: skip
    assert pareto["rows"][19]["label"] == "Client 20"
    assert set(pareto["rows"][0]) == {"label", "share", "cumulative", "class"}


def test_chart_data_keeps_a_dozen_objectives_and_survives_empty_figures() -> None:
    many = figures() | {
        "objectives": [objective(f"Objectif {i}", D(10), i, "behind") for i in range(15)]
    }
    rows = charts.chart_data(many)["objectives"]["rows"]
    assert [r["label"] for r in rows] == [f"Objectif {i}" for i in range(12)]

    data = charts.chart_data(EMPTY)
    assert data["objectives"]["rows"] == []
    assert data["trend"]["months"] == []
    assert data["pareto"] == {"period": {"start": "2027-01-01", "end": "2027-01-31"},
                              "rows": [], "count": 0, "top20_share": None}  # fmt: skip


# --------------------------------------------------------------------------- rendering


@pytest.mark.parametrize("name", list(charts.CHARTS))
def test_each_chart_draws_as_svg_and_png(name: str) -> None:
    data = charts.chart_data(figures())[name]
    svg = charts.render(name, data, "svg")
    text = svg_text(svg)
    assert text.startswith("<svg")
    assert text.rstrip().endswith("</svg>")
    assert f"<title>{charts.CHARTS[name]}</title>" in text
    drawn = comments(svg)
    assert charts.CHARTS[name] in drawn
    assert charts.NO_DATA not in drawn
    png = charts.render(name, data, "png")
    width, height = png_size(png)
    assert width == 1080  # 7.2 in at 150 dpi
    assert height > 400


def test_the_charts_draw_their_data() -> None:
    data = charts.chart_data(figures())
    objectives = comments(charts.render("objectives", data["objectives"]))
    assert "Rendez-vous pris" in objectives
    assert "95 % (38 / 40)" in objectives  # the result as a share of the target
    assert "du 01/01/2027 au 31/03/2027" in objectives
    assert "CA fibre" not in objectives  # a sub-objective
    funnel = comments(charts.render("funnel", data["funnel"]))
    assert "38  (12,7 %)" in funnel  # conversion from the stage before
    trend = comments(charts.render("trend", data["trend"]))
    assert {"janv. 2027", "févr. 2027", "mars 2027", "6\u00a0500", "€ HT"} <= set(trend)
    pareto = comments(charts.render("pareto", data["pareto"]))
    assert "20 % des clients font 35,4 % du CA — 20 premiers clients affichés sur 25" in pareto
    assert "Client 20" in pareto
    assert "Client 21" not in pareto


@pytest.mark.parametrize("name", list(charts.CHARTS))
def test_a_chart_without_data_says_so(name: str) -> None:
    for data in ({}, charts.chart_data(EMPTY)[name]):
        svg = charts.render(name, data, "svg")
        assert svg_text(svg).startswith("<svg")
        assert comments(svg)[:1] == [charts.CHARTS[name]]
        assert charts.NO_DATA in comments(svg)
        width, height = png_size(charts.render(name, data, "png"))
        assert (width, height) == (1080, 330)  # the short figure of the message


def test_rendering_is_deterministic_and_checks_its_arguments() -> None:
    data = charts.chart_data(figures())
    for name in charts.CHARTS:
        assert charts.render(name, data[name]) == charts.render(name, data[name])
        assert charts.render(name, data[name], "png") == charts.render(name, data[name], "png")
    with pytest.raises(KeyError):
        charts.render("activity", data["funnel"])
    with pytest.raises(ValueError, match="format"):
        charts.render("funnel", data["funnel"], "jpg")


def test_charts_draw_the_same_from_several_threads() -> None:
    """No pyplot, no shared figure: requests drawing at once get what one alone gets."""
    data = charts.chart_data(figures())
    jobs = [(name, fmt) for name in charts.CHARTS for fmt in ("svg", "png")] * 2
    alone = {job: charts.render(job[0], data[job[0]], job[1]) for job in jobs}
    with ThreadPoolExecutor(max_workers=4) as pool:
        together = list(pool.map(lambda job: charts.render(job[0], data[job[0]], job[1]), jobs))
    assert together == [alone[job] for job in jobs]


# --------------------------------------------------------------------------- Markdown


@pytest.fixture(scope="module")
def chart_data() -> dict[str, dict[str, Any]]:
    return charts.chart_data(figures())


def test_markdown_escapes_html_and_filters_links(chart_data: dict[str, dict[str, Any]]) -> None:
    body = (
        "# Bilan\n\n"
        "Un **bon** trimestre <script>alert(1)</script> <img src=x onerror=alert(2)>.\n\n"
        "[piège](javascript:alert(3)) [PIÈGE](JaVaScRiPt:alert(4)) [local](file:///etc/passwd) "
        "[site](https://example.org/a?b=1&c=2) [écrire](mailto:tuteur@example.org) "
        "<javascript:alert(5)>\n\n"
        "| Indicateur | Valeur |\n|---|---|\n| Contacts | 300 |\n"
    )
    html = documents.markdown_html(body, chart_data, fmt="svg")
    assert "<script" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<img" not in html
    assert "&lt;img src=x onerror=alert(2)&gt;" in html
    assert "<h2>Bilan</h2>" in html  # a level under the note's title
    hrefs = re.findall(r'href="([^"]*)"', html)
    assert hrefs == ["https://example.org/a?b=1&amp;c=2", "mailto:tuteur@example.org"]
    assert "javascript" not in "".join(hrefs).lower()
    # The refused links' text stays, without a target.
    assert re.findall(r"<a [^>]*>(.*?)</a>", html) == ["site", "écrire"]
    assert "piège PIÈGE local" in html
    assert "<table>" in html
    assert "<td>300</td>" in html
    with pytest.raises(ValueError, match="format"):
        documents.markdown_html("x", chart_data, fmt="pdf")


def test_a_chart_image_is_drawn_in_place(chart_data: dict[str, dict[str, Any]]) -> None:
    html = documents.markdown_html("Voici le tunnel :\n\n![Le tunnel](chart:funnel)\n",
                                   chart_data, fmt="svg")  # fmt: skip
    assert '<span class="chart" role="img" aria-label="Le tunnel"><svg' in html
    assert "<?xml" not in html
    assert "<!DOCTYPE" not in html
    assert "<title>Tunnel de vente</title>" in html
    assert "chart:funnel" not in html

    png = documents.markdown_html("![Pareto](chart:pareto)", chart_data, fmt="png")
    found = re.search(r'<img class="chart" src="data:image/png;base64,([^"]+)" alt="Pareto">', png)
    assert found is not None
    assert base64.b64decode(found[1]).startswith(PNG)


def test_two_charts_on_a_page_share_no_id(chart_data: dict[str, dict[str, Any]]) -> None:
    html = documents.markdown_html(
        "![a](chart:objectives)\n\n![b](chart:funnel)\n\n![c](chart:trend)", chart_data, fmt="svg"
    )
    ids = re.findall(r'\bid="([^"]+)"', html)
    assert len(ids) > 50
    assert len(ids) == len(set(ids))
    # Every reference points at a definition of its own chart.
    for ref in re.findall(r'(?:url\(#|href="#)([^")]+)', html):
        assert ref in ids, ref


def test_unknown_or_missing_charts_and_outside_images(
    chart_data: dict[str, dict[str, Any]],
) -> None:
    html = documents.markdown_html(
        "![x](chart:activity) ![y](chart:<b>) ![z](chart:trend) ![Logo](http://example.org/a.png)",
        {"funnel": chart_data["funnel"]},
        fmt="svg",
    )
    assert "[graphique indisponible : activity]" in html
    assert "[graphique indisponible : &lt;b&gt;]" in html
    assert "[graphique indisponible : trend]" in html  # known, but not in this note's data
    assert '<span class="image-alt">Logo</span>' in html
    assert "example.org" not in html
    assert "<svg" not in html
    # Frozen data that no longer draws is a note too, not an error.
    broken = documents.markdown_html("![t](chart:trend)", {"trend": {"months": 3}}, fmt="png")
    assert "[graphique indisponible : trend]" in broken


# --------------------------------------------------------------------------- HTML and PDF


NOTE = {
    "title": "Note de synthèse — T1 2027",
    "trainee": "Camille Durand",
    "period": "du 01/01/2027 au 31/03/2027",
    "version": "2",
    "body": (
        "## Constat\n\nLe taux de transformation des rendez-vous progresse nettement.\n\n"
        "![Tunnel de vente](chart:funnel)\n\n![Objectifs](chart:objectives)\n"
    ),
}


def test_the_note_as_html(chart_data: dict[str, dict[str, Any]]) -> None:
    page = documents.note_html(**NOTE, submitted="07/12/2026", charts=chart_data)
    assert page.startswith("<!doctype html>")
    assert '<html lang="fr">' in page
    assert "<h1>Note de synthèse — T1 2027</h1>" in page
    assert "Camille Durand" in page
    assert "du 01/01/2027 au 31/03/2027" in page
    assert "Version 2 soumise le 07/12/2026" in page
    assert "Brouillon" not in page
    assert "<h3>Constat</h3>" in page
    assert page.count("<svg") == 2
    # An ISO day is shown the French way; no submission is a draft.
    assert "Version 2 soumise le 07/12/2026" in documents.note_html(
        **NOTE, submitted="2026-12-07", charts=chart_data
    )
    draft = documents.note_html(**NOTE | {"title": "<i>Essai</i>"}, submitted=None, charts={})
    assert "Brouillon" in draft
    assert "soumise" not in draft
    assert "<h1>&lt;i&gt;Essai&lt;/i&gt;</h1>" in draft
    assert "[graphique indisponible : funnel]" in draft


class Spy(LocalServer):
    """A web site counting what it is asked (it answers a real PNG)."""

    def __init__(self) -> None:
        super().__init__()
        self.requests: list[str] = []

    def _handle(self, handler: BaseHTTPRequestHandler) -> None:
        self.requests.append(handler.path)
        body = charts.render("funnel", {}, "png")
        handler.send_response(200)
        handler.send_header("Content-Type", "image/png")
        handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        handler.wfile.write(body)


def test_the_note_as_pdf(chart_data: dict[str, dict[str, Any]]) -> None:
    spy = Spy().start()
    try:
        body = NOTE["body"] + f"\n![Logo]({spy.url}/logo.png) [site]({spy.url}/page)\n"
        pdf = documents.note_pdf(**NOTE | {"body": body}, submitted="07/12/2026",
                                 charts=chart_data)  # fmt: skip
    finally:
        spy.stop()
    assert spy.requests == []  # the outside image is not fetched
    assert pdf.startswith(b"%PDF-")
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) >= 1
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    for expected in ("Note de synthèse — T1 2027", "Camille Durand",
                     "du 01/01/2027 au 31/03/2027", "Version 2 soumise le 07/12/2026",
                     "Le taux de transformation des rendez-vous progresse nettement.", "Logo"):  # fmt: skip
        assert expected in text, expected
    images = []
    for page in reader.pages:
        xobjects = page["/Resources"].get("/XObject")
        if xobjects is not None:
            for ref in xobjects.get_object().values():
                obj = ref.get_object()
                if obj.get("/Subtype") == "/Image":
                    images.append((obj["/Width"], obj["/Height"]))
    assert (1080, 660) in images  # the funnel's PNG, at 150 dpi
    assert len(set(images)) == 2  # the two charts, nothing else


def test_the_pdf_fetcher_takes_data_uris_only() -> None:
    fetcher = documents._fetcher()
    png = charts.render("funnel", {}, "png")
    uri = "data:image/png;base64," + base64.b64encode(png).decode("ascii")
    response = fetcher.fetch(uri)
    assert response.read() == png
    for url in ("http://127.0.0.1:9/x.png", "https://example.org/a.css", "file:///etc/passwd"):
        with pytest.raises(ValueError, match="disallowed protocol"):
            fetcher.fetch(url)
