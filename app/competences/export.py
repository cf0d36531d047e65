"""Portfolio export: a document the candidate can use for the title's professional file."""

from __future__ import annotations

import unicodedata
from enum import StrEnum
from typing import Any

from jinja2 import Environment

from app.competences.catalogue import get_catalogue
from app.competences.schemas import Portfolio
from app.core.templates import template_environment


class ExportFormat(StrEnum):
    MARKDOWN = "markdown"
    HTML = "html"


MEDIA_TYPES = {ExportFormat.MARKDOWN: "text/markdown", ExportFormat.HTML: "text/html"}
EXTENSIONS = {ExportFormat.MARKDOWN: "md", ExportFormat.HTML: "html"}

LEVEL_FR = {
    "not_assessed": "Non évalué",
    "in_progress": "En cours d'acquisition",
    "acquired": "Acquis",
}


def _level(value: Any) -> str:
    return LEVEL_FR.get(str(value), str(value))


def _portfolio_environment() -> Environment:
    return template_environment({"level": _level})


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
    template = _portfolio_environment().get_template(f"portfolio.{EXTENSIONS[fmt]}.j2")
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
