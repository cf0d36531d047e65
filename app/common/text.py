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


class FoldedText:
    """A text folded like ``fold`` (lower case, no accents, runs of spaces as one) that
    remembers where each folded character came from: a phrase found in the folded text is
    placed in the original one (``find``), for findings shown in place."""

    def __init__(self, text: str) -> None:
        self.text = text
        chars: list[str] = []
        origins: list[int] = []
        for index, ch in enumerate(text):
            for part in unicodedata.normalize("NFKD", ch):
                if unicodedata.combining(part):
                    continue
                if part.isspace():
                    if not chars or chars[-1] == " ":
                        continue
                    part = " "
                for lowered in part.lower():
                    chars.append(lowered)
                    origins.append(index)
        while chars and chars[-1] == " ":
            chars.pop()
            origins.pop()
        self.folded = "".join(chars)
        self._origins = origins

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The span of the original text that the folded ``[start, end)`` came from."""
        return self._origins[start], self._origins[end - 1] + 1

    def find(self, phrase: str, *, words: bool = True) -> list[tuple[int, int]]:
        """Every place of ``phrase`` (folded) in the text, as spans of the original text.
        With ``words``, a match must start and end at word boundaries."""
        needle = fold(phrase)
        if not needle:
            return []
        found: list[tuple[int, int]] = []
        at = self.folded.find(needle)
        while at != -1:
            end = at + len(needle)
            if not words or (
                (at == 0 or not self.folded[at - 1].isalnum())
                and (end == len(self.folded) or not self.folded[end].isalnum())
            ):
                found.append(self.span(at, end))
            at = self.folded.find(needle, at + 1)
        return found
