"""Text search of the prospect file: one SQL expression, an index lookup on both backends.

``search_text`` holds ``fold("name city siret")``; a search term matches a prospect when it
is a substring of it. The expression depends on the backend (the indexes are made by
migration 0003, see app/prospects/README.md):

- PostgreSQL: ``search_text LIKE '%term%'``, which the pg_trgm GIN index serves;
- SQLite: ``id IN (SELECT rowid FROM prospects_search WHERE prospects_search MATCH
  '"term"')``, served by the FTS5 trigram table (a quoted term is a phrase of trigrams: an
  exact substring match). Terms under 3 characters have no trigram: they are matched on the
  prospects table itself.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import and_, column, select, table, text
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from app.models import Prospect

# The FTS5 table (SQLite only): rowid = prospects.id.
SEARCH_TABLE = table(
    "prospects_search", column("rowid"), column("search_text"), column("prospects_search")
)
TRIGRAM = 3


def matches(terms: Sequence[str], dialect: str) -> ColumnElement[bool]:
    """Every term is a substring of the prospect's ``search_text`` (``dialect``: the name of
    the session's backend, which decides how the index is reached)."""
    if dialect != "sqlite":
        return and_(*(Prospect.search_text.contains(term) for term in terms))
    long_terms = [t for t in terms if len(t) >= TRIGRAM]
    short_terms = [t for t in terms if len(t) < TRIGRAM]
    sqlite_parts: list[ColumnElement[bool]] = []
    if long_terms:
        # A trigram phrase per term, all required: exact substring matches, read from the
        # index alone (LIKE on the FTS table would fetch each candidate's text to check it).
        phrase = " AND ".join('"' + term.replace('"', '""') + '"' for term in long_terms)
        indexed = select(SEARCH_TABLE.c.rowid).where(
            SEARCH_TABLE.c.prospects_search.op("MATCH")(phrase)
        )
        sqlite_parts.append(Prospect.id.in_(indexed))
    sqlite_parts += [Prospect.search_text.contains(term) for term in short_terms]
    return and_(*sqlite_parts)


def index_ranges(session: Session, ranges: Sequence[tuple[int, int]]) -> None:
    """SQLite: add the prospects whose ids are in ``ranges`` to the FTS5 index, one statement
    per range (for bulk loads, which pause the per-row trigger: app.prospects.revisions)."""
    for low, high in ranges:
        session.execute(
            text(
                "INSERT INTO prospects_search(rowid, search_text) "
                "SELECT id, search_text FROM prospects WHERE id BETWEEN :low AND :high"
            ),
            {"low": low, "high": high},
        )


def purge_erased(session: Session) -> None:
    """After an erasure: no trace of the old text may stay in the search index.

    SQLite: FTS5 records a deletion as a marker in a new segment; the erased text's trigrams
    stay in the older segments until they are merged. ``optimize`` merges the whole index
    into one segment now (~0.3 s for 120,000 records), inside the caller's transaction.
    PostgreSQL: the pg_trgm index drops the entries of dead rows at the table's next VACUUM
    (autovacuum), like the dead rows themselves.
    """
    if session.get_bind().dialect.name == "sqlite":
        session.execute(text("INSERT INTO prospects_search(prospects_search) VALUES ('optimize')"))
