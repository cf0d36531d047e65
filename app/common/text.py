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


# Unicode categories no plain text holds: controls (C0, DEL, C1) and lone surrogates (JSON's
# "\ud800" decodes to one; neither database driver can encode it).
_REFUSED_CATEGORIES = {"Cc", "Cs"}
_LINE_CONTROLS = {"\t", "\n", "\r"}


def control_character(text: str, *, multiline: bool) -> str | None:
    """The first character of ``text`` that plain text may not hold, spelt ``U+0000``; None
    when there is none. ``multiline`` text keeps its tabs and line breaks."""
    if text.isprintable():  # the common case, in C: no control, separator or surrogate
        return None
    for ch in text:
        if unicodedata.category(ch) in _REFUSED_CATEGORIES and not (
            multiline and ch in _LINE_CONTROLS
        ):
            return f"U+{ord(ch):04X}"
    return None
