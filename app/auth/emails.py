"""Account e-mail addresses: one spelling per address, and no look-alikes.

``ｌéa@example.org`` (fullwidth letters) and ``lea@example.org`` are the same address once
normalised (NFKC, then lower case), so they cannot be two accounts. A part mixing scripts,
like ``аdmin`` with a Cyrillic « а », is refused: it exists only to pass for another account.
"""

from __future__ import annotations

import unicodedata

MAX_EMAIL_LENGTH = 254  # RFC 5321's path limit, the column's width

# Scripts are told apart by the first word of a letter's Unicode name (LATIN, CYRILLIC,
# GREEK…); digits, punctuation and symbols belong to none and mix with any.
_SCRIPT_ALIASES = {"CJK": "HAN", "HIRAGANA": "JAPANESE", "KATAKANA": "JAPANESE"}


def normalise_email(value: str) -> str:
    """The address as accounts are stored and looked up: NFKC, trimmed, lower case."""
    return unicodedata.normalize("NFKC", value).strip().lower()


def _script(char: str) -> str | None:
    if not unicodedata.category(char).startswith("L"):
        return None
    name = unicodedata.name(char, "")
    first = name.split(" ", 1)[0] if name else "UNKNOWN"
    return _SCRIPT_ALIASES.get(first, first)


def mixed_script_part(address: str) -> str | None:
    """The first part of the address (local part or a domain label) whose letters come from
    more than one script, or None."""
    local, _, domain = address.rpartition("@")
    for part in (local, *domain.split(".")):
        scripts = {s for s in map(_script, part) if s is not None}
        if len(scripts) > 1:
            return part
    return None


def email_refusal(address: str) -> str | None:
    """Why a normalised address cannot name an account, else None."""
    if len(address) > MAX_EMAIL_LENGTH:
        return f"Trop long (au plus {MAX_EMAIL_LENGTH} caractères)."
    part = mixed_script_part(address)
    if part is not None:
        return (
            f"« {part} » mêle des alphabets différents (par exemple un « а » cyrillique parmi "
            "des lettres latines) : saisissez l'adresse avec un seul alphabet."
        )
    return None
