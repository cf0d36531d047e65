"""The one Jinja environment every export renders with (portfolio, watch digest...).

Templates live in ``app/templates``; a ``.html.j2`` template is autoescaped, a ``.md.j2`` one
is not and escapes its cells with the ``md`` filter. A missing variable is an error
(StrictUndefined), never an empty string in a document handed to a jury.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape


def format_date(value: datetime | None) -> str:
    """The ``date`` filter: a French day (``05/12/2026``), or a dash when there is none."""
    return value.strftime("%d/%m/%Y") if value else "—"


def escape_markdown(value: Any) -> str:
    """The ``md`` filter: escape what would break a Markdown table cell or start markup."""
    text = str(value or "").replace("\\", "\\\\").replace("|", "\\|")
    for ch in "*_`[]<>#":
        text = text.replace(ch, "\\" + ch)
    return " ".join(text.split())


def template_environment(
    filters: Mapping[str, Callable[..., Any]] | None = None,
) -> Environment:
    """The environment over ``app/templates`` with the shared filters (``date``, ``md``) and
    the caller's own (a domain's labels, e.g. the portfolio's ``level``)."""
    env = Environment(
        loader=PackageLoader("app", "templates"),
        autoescape=select_autoescape(enabled_extensions=("html.j2",), default=False),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["date"] = format_date
    env.filters["md"] = escape_markdown
    env.filters.update(filters or {})
    return env
