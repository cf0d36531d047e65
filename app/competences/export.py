"""Portfolio export: a document the candidate can use for the title's professional file."""

from __future__ import annotations

import unicodedata
from datetime import datetime
from enum import StrEnum
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from app.competences.catalogue import get_catalogue
from app.competences.schemas import Portfolio

LEVEL_FR = {
    "not_assessed": "Non évalué",
    "in_progress": "En cours d'acquisition",
    "acquired": "Acquis",
}


class ExportFormat(StrEnum):
    MARKDOWN = "markdown"
    HTML = "html"


MEDIA_TYPES = {ExportFormat.MARKDOWN: "text/markdown", ExportFormat.HTML: "text/html"}
EXTENSIONS = {ExportFormat.MARKDOWN: "md", ExportFormat.HTML: "html"}


def _date(value: datetime | None) -> str:
    return value.strftime("%d/%m/%Y") if value else "—"


def _md(value: Any) -> str:
    """Escape what would break a Markdown table cell or start markup."""
    text = str(value or "").replace("\\", "\\\\").replace("|", "\\|")
    for ch in "*_`[]<>#":
        text = text.replace(ch, "\\" + ch)
    return " ".join(text.split())


def _environment(fmt: ExportFormat) -> Environment:
    env = Environment(
        loader=PackageLoader("app", "templates"),
        autoescape=select_autoescape(enabled_extensions=("html.j2",), default=False),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["date"] = _date
    env.filters["level"] = lambda v: LEVEL_FR.get(str(v), str(v))
    env.filters["md"] = _md
    return env


def render_portfolio(portfolio: Portfolio, fmt: ExportFormat) -> str:
    catalogue = get_catalogue()
    blocks = [
        {
            "code": b.code,
            "title": b.title,
            "competences": [c for c in portfolio.competences if c.block == b.code],
        }
        for b in catalogue.blocks
    ]
    cross = [c for c in portfolio.competences if c.kind == "cross_cutting"]
    template = _environment(fmt).get_template(f"portfolio.{EXTENSIONS[fmt]}.j2")
    return template.render(p=portfolio, blocks=blocks, cross=cross, framework=catalogue.framework)


def filename(portfolio: Portfolio, fmt: ExportFormat) -> str:
    """An ASCII file name (header-safe): accents dropped, anything else becomes a dash."""
    ascii_name = (
        unicodedata.normalize("NFKD", portfolio.trainee.full_name)
        .encode("ascii", "ignore")
        .decode()
        .lower()
    )
    slug = "".join(ch if ch.isalnum() else "-" for ch in ascii_name)
    slug = "-".join(part for part in slug.split("-") if part)
    return f"portfolio-{slug or portfolio.trainee.id}.{EXTENSIONS[fmt]}"
