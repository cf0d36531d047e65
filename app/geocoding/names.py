"""How place names are compared: case, accents, hyphens, apostrophes and "St"/"Ste" apart."""

from __future__ import annotations

import re
import unicodedata

_SEPARATORS = re.compile(r"[-'’`´.,;/_()]+")
_LIGATURES = str.maketrans({"œ": "oe", "Œ": "OE", "æ": "ae", "Æ": "AE", "ß": "ss"})
_ABBREVIATIONS = {"st": "saint", "ste": "sainte", "sts": "saints", "stes": "saintes"}
# "Lyon 3e Arrondissement", "LYON 03", "Paris 15e" → the arrondissement's number.
ARRONDISSEMENT = re.compile(
    r"^(paris|lyon|marseille) (\d{1,2})(?:e|er|eme|ieme)?(?: arrondissement)?$"
)
CEDEX = re.compile(r"\bcedex(?: \d+)?$")


def name_key(name: str) -> str:
    """The comparison key of a commune's name: « Saint-Étienne », « ST ETIENNE » and
    « saint etienne » share one."""
    # Accents off by decomposition; the rest of a non-ASCII letter (ligatures aside) is
    # dropped: this key compares names, it is never shown.
    ascii_name = unicodedata.normalize("NFKD", name.translate(_LIGATURES)).encode("ascii", "ignore")
    words = _SEPARATORS.sub(" ", ascii_name.decode("ascii").lower()).split()
    return " ".join(_ABBREVIATIONS.get(w, w) for w in words)


def city_key(city: str) -> str:
    """A name as addresses write it: the key without a trailing « CEDEX nn »."""
    return CEDEX.sub("", name_key(city)).strip()
