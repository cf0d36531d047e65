"""Day arithmetic in SQL that means the same on SQLite and PostgreSQL.

``day_number(column)``: a date column as its number of days since 1970-01-01 (from SQLite's
``julianday``, PostgreSQL's date difference), so that "at most 365 days before" is
``day_number(a) >= day_number(b) - 365`` on both, and a column of days reads as integers
(``numpy.datetime64`` days) without a date object per row. (Subtracting a ``timedelta`` from a date
column works on PostgreSQL but compares text with a number on SQLite.)"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Integer
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.functions import FunctionElement


class day_number(FunctionElement[int]):
    type = Integer()
    inherit_cache = True
    name = "day_number"


@compiles(day_number)
def _default(element: day_number, compiler: Any, **kw: Any) -> str:
    return f"CAST(julianday({compiler.process(element.clauses, **kw)}) - 2440587.5 AS INTEGER)"


@compiles(day_number, "postgresql")
def _postgresql(element: day_number, compiler: Any, **kw: Any) -> str:
    return f"({compiler.process(element.clauses, **kw)} - DATE '1970-01-01')"
