"""Text folding shared by every search: case, accents and extra spaces set apart."""

from __future__ import annotations

import unicodedata


def fold(text: str) -> str:
    """Lower case without accents nor extra spaces: the key of text search and matching."""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.lower().split())


def search_terms(query: str | None) -> list[str]:
    """The folded words of a query; LIKE wildcards are not search syntax here."""
    return fold(query or "").replace("%", "").replace("_", " ").split()
