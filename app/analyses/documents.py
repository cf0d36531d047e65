"""The synthesis note as a document: its Markdown as HTML (markdown-it-py), its charts drawn
in place (``![…](chart:NAME)``, ``charts.CHARTS``), the whole page from the shared templates
(``app/templates/synthesis_note.html.j2``), and the PDF by WeasyPrint from that page.

The trainee's text is never trusted: raw HTML is escaped, a link keeps its target only for
``http``, ``https`` and ``mailto`` (any other is its text alone), and an image is its alt text
unless it is one of the analysis's charts: nothing is fetched, by the browser from the page or
by WeasyPrint (whose fetcher refuses everything but the ``data:`` URIs of the charts)."""

from __future__ import annotations

import base64
import re
from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any
from urllib.parse import unquote, urlsplit

from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml
from markdown_it.renderer import RendererHTML
from markdown_it.token import Token
from markdown_it.utils import EnvType, OptionsDict
from markupsafe import Markup

from app.analyses import charts as charts_
from app.core.templates import template_environment

FORMATS = ("svg", "png")
LINK_SCHEMES = ("http", "https", "mailto")
CHART_SCHEME = "chart:"

_ENV = template_environment()
_PROLOG = re.compile(r"\A.*?(?=<svg\b)", re.DOTALL)
_COMMENT = re.compile(r"<!--.*?-->\s*", re.DOTALL)
_ID = re.compile(r'\bid="([^"]+)"')
_REF = re.compile(r'(url\(#|href="#)([^")]+)')


def _unavailable(name: str) -> str:
    return f'<span class="chart-missing">[graphique indisponible : {escapeHtml(name)}]</span>'


def _inline_svg(name: str, svg: bytes) -> str:
    """The SVG of a chart to put in a page: no XML prolog nor doctype, no comments, and its
    ids (clip paths, glyphs) prefixed with the chart's name, so two charts of a page do not
    point at each other's definitions."""
    text = _COMMENT.sub("", _PROLOG.sub("", svg.decode("utf-8"), count=1))
    prefix = f"chart-{name}-"
    text = _ID.sub(lambda m: f'id="{prefix}{m[1]}"', text)
    return _REF.sub(lambda m: f"{m[1]}{prefix}{m[2]}", text)


def chart_html(name: str, charts: Mapping[str, Mapping[str, Any]], alt: str, fmt: str) -> str:
    """The chart ``name`` drawn from ``charts[name]``: inline SVG, or a PNG as a ``data:``
    URI; a visible note when the chart is unknown, missing from ``charts``, or its data cannot
    be drawn (a note version's frozen data from an older shape)."""
    if name not in charts_.CHARTS or not isinstance(charts.get(name), Mapping):
        return _unavailable(name)
    try:
        drawn = charts_.render(name, charts[name], fmt)
    except (KeyError, TypeError, ValueError, AttributeError):
        return _unavailable(name)
    label = escapeHtml(alt or charts_.CHARTS[name])
    if fmt == "svg":
        return (
            f'<span class="chart" role="img" aria-label="{label}">{_inline_svg(name, drawn)}</span>'
        )
    data = base64.b64encode(drawn).decode("ascii")
    return f'<img class="chart" src="data:image/png;base64,{data}" alt="{label}">'


def _allowed_link(href: str) -> bool:
    try:
        scheme = urlsplit(href).scheme.lower()
    except ValueError:
        return False
    return scheme in LINK_SCHEMES


def _image(
    self: RendererHTML, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    token = tokens[idx]
    src = str(token.attrGet("src") or "")
    alt = self.renderInlineAsText(token.children or [], options, env)
    if src.lower().startswith(CHART_SCHEME):
        return chart_html(unquote(src[len(CHART_SCHEME) :]), env["charts"], alt, env["fmt"])
    # Any other image is only its description: nothing outside the note is loaded.
    return f'<span class="image-alt">{escapeHtml(alt)}</span>' if alt else ""


def _link_open(
    self: RendererHTML, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    token = tokens[idx]
    kept = _allowed_link(str(token.attrGet("href") or ""))
    env.setdefault("links", []).append(kept)
    if not kept:
        return ""  # the link's text stays, without its target
    token.attrSet("rel", "noopener noreferrer nofollow")
    return self.renderToken(tokens, idx, options, env)


def _link_close(
    self: RendererHTML, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    kept = env["links"].pop() if env.get("links") else True
    return self.renderToken(tokens, idx, options, env) if kept else ""


def _heading(
    self: RendererHTML, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    """A level down: the note's title is the page's only ``h1``."""
    token = tokens[idx]
    token.tag = f"h{min(6, int(token.tag[1:]) + 1)}"
    return self.renderToken(tokens, idx, options, env)


def _parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False}).enable("table")
    # Every destination parses (so that ``chart:`` images and refused links are tokens the
    # rules below handle); what is kept is decided when rendering.
    md.validateLink = lambda url: True  # type: ignore[method-assign]
    md.add_render_rule("image", _image)
    md.add_render_rule("link_open", _link_open)
    md.add_render_rule("link_close", _link_close)
    md.add_render_rule("heading_open", _heading)
    md.add_render_rule("heading_close", _heading)
    return md


_MD = _parser()


def markdown_html(body: str, charts: Mapping[str, Mapping[str, Any]], *, fmt: str) -> str:
    """The note's Markdown as HTML, its ``chart:`` images drawn from ``charts`` (the data of
    ``charts.chart_data``) in ``fmt``: ``svg`` inline, ``png`` as ``data:`` images."""
    if fmt not in FORMATS:
        raise ValueError(f"format de graphique inconnu : {fmt}")
    return str(_MD.render(body, {"charts": charts, "fmt": fmt}))


def _version(version: str, submitted: str | None) -> str:
    if not submitted:
        return "Brouillon"
    try:  # an ISO day is shown the French way; anything else as given
        submitted = date.fromisoformat(submitted).strftime("%d/%m/%Y")
    except ValueError:
        pass
    return f"Version {version} soumise le {submitted}"


def note_html(
    *,
    title: str,
    trainee: str,
    period: str,
    version: str,
    submitted: str | None,
    body: str,
    charts: Mapping[str, Mapping[str, Any]],
    fmt: str = "svg",
) -> str:
    """The note as a whole HTML page (charts inline as SVG; ``fmt="png"`` for the PDF)."""
    return _ENV.get_template("synthesis_note.html.j2").render(
        title=title,
        trainee=trainee,
        period=period,
        version=_version(version, submitted),
        draft=not submitted,
        body=Markup(markdown_html(body, charts, fmt=fmt)),
    )


def _fetcher() -> Any:
    """WeasyPrint's fetcher, for ``data:`` URIs only (the charts): any other is refused."""
    from weasyprint.urls import URLFetcher

    return URLFetcher(allowed_protocols=("data",), allow_redirects=False)


def note_pdf(
    *,
    title: str,
    trainee: str,
    period: str,
    version: str,
    submitted: str | None,
    body: str,
    charts: Mapping[str, Mapping[str, Any]],
) -> bytes:
    """The note as PDF (A4), its charts as PNG."""
    from weasyprint import HTML  # a heavy import, only where a PDF is written

    page = note_html(title=title, trainee=trainee, period=period, version=version,
                     submitted=submitted, body=body, charts=charts, fmt="png")  # fmt: skip
    return bytes(HTML(string=page, url_fetcher=_fetcher()).write_pdf())
