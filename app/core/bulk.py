"""Bulk inserts at the driver's level, for loads of tens of thousands of rows (the import).

``session.execute(insert(table), rows)`` builds and processes a parameter dictionary per row
(about a fifth of an import's commit). ``insert_many`` prepares the statement once, converts
each column with the type's own bind processor (the same conversion SQLAlchemy applies, so
what is stored is identical) column by column, and hands the tuples to the driver's
``executemany``. Python-side scalar defaults of the columns the rows leave out are applied;
a column whose default is computed (a function) must be given.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import Table, func, select, text
from sqlalchemy.orm import Session


def new_ids(session: Session, table: Table, n: int) -> list[int]:
    """The ids the next ``n`` rows of ``table`` get, in order, as its own numbering would
    give them, so that rows with their ids go in by one ``executemany`` (``insert_many``):
    ``INSERT … RETURNING`` of thousands of rows with their ids matched to the parameters
    costs SQLAlchemy time quadratic in their number, and the ORM's bulk insert splits rows
    by the columns they leave empty (a statement for a few rows). PostgreSQL draws them from
    the table's sequence; SQLite numbers a new row after the largest id (the writing
    transaction holds the database: a concurrent writer would make the insert fail, never
    mix ids)."""
    if n == 0:
        return []
    if session.get_bind().dialect.name == "postgresql":
        return sorted(
            session.scalars(
                text(
                    "SELECT nextval(pg_get_serial_sequence(:table, 'id')) "
                    "FROM generate_series(1, :n)"
                ),
                {"table": table.name, "n": n},
            )
        )
    first = (session.scalar(select(func.max(table.c.id))) or 0) + 1
    return list(range(first, first + n))


def insert_many(session: Session, table: Table, rows: Sequence[Mapping[str, Any]]) -> None:
    """INSERT ``rows`` (mappings with the same keys: column keys) in one ``executemany``,
    inside the session's transaction."""
    if not rows:
        return
    connection = session.connection()
    dialect = connection.dialect
    keys = list(rows[0])
    constants: dict[str, Any] = {}
    for column in table.c:
        default = column.default
        if column.key in rows[0] or default is None:
            continue
        if not default.is_scalar:
            raise ValueError(f"{table.name}.{column.key}: computed default, give a value")
        constants[column.key] = default.arg  # type: ignore[attr-defined]
    columns: list[list[Any]] = []
    for key in keys:
        values = [row[key] for row in rows]
        columns.append(_processed(table, key, values, dialect))
    for key, value in constants.items():
        columns.append(_processed(table, key, [value], dialect) * len(rows))
    quote = dialect.identifier_preparer.quote
    names = [quote(table.c[key].name) for key in [*keys, *constants]]
    mark = "?" if dialect.paramstyle == "qmark" else "%s"
    sql = (
        f"INSERT INTO {quote(table.name)} ({', '.join(names)}) "
        f"VALUES ({', '.join([mark] * len(names))})"
    )
    connection.exec_driver_sql(sql, list(zip(*columns, strict=True)))


def _processed(table: Table, key: str, values: list[Any], dialect: Any) -> list[Any]:
    """``values`` as the column's type binds them. A column's values repeat (the import's
    timestamp, statuses, dates): each distinct value is converted once."""
    processor = table.c[key].type.dialect_impl(dialect).bind_processor(dialect)
    if processor is None:
        return values
    done: dict[tuple[type, Any], Any] = {}  # by type too: 1, 1.0 and True are equal keys
    out = []
    for value in values:
        memo = (type(value), value)
        try:
            out.append(done[memo])
        except KeyError:
            done[memo] = converted = processor(value)
            out.append(converted)
        except TypeError:  # unhashable (a list for a JSON column)
            out.append(processor(value))
    return out
