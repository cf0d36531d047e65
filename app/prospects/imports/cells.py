"""Reading one cell: the import's vocabularies (French and English words for kinds,
statuses, sizes, consents...) and the converters from a raw cell to a typed value.

Each converter returns the value or raises ``ValueError`` with a French reason that never
quotes the cell (the import report holds no personal data).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from datetime import UTC, date, datetime, time
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from functools import lru_cache
from typing import Any

from app.common.text import fold
from app.models import (
    ConsentChannel,
    ConsentStatus,
    Contact,
    Prospect,
    ProspectKind,
    ProspectSource,
    ProspectStatus,
    SizeBand,
)
from app.prospects import validation as v
from app.prospects.imports.mapping import CONSENT_FIELDS
from app.prospects.imports.parsing import Cell
from app.prospects.rules import STATUS_LABELS_FR

# ------------------------------------------------------------------ vocabularies


_NOT_WORD = re.compile(r"[^0-9a-z+]+")
_THOUSANDS = re.compile(r"(?<=\d)[\s\u00a0\u202f.](?=\d{3}\b)")
_NUMBER = re.compile(r"\d+")
_MONEY_NOISE = re.compile(r"[\s\u00a0\u202f€]|eur(os?)?", re.I)
_TAG_SEPARATORS = re.compile(r"[,|;]")


@lru_cache(maxsize=4096)
def _words(text: str) -> str:
    """Folded words (vocabulary cells repeat: "entreprise", "prospect", "oui"...)."""
    return " ".join(_NOT_WORD.sub(" ", fold(text)).split())


KIND_WORDS: dict[str, ProspectKind] = {
    **dict.fromkeys(
        ["company", "entreprise", "societe", "b2b", "professionnel", "pro", "personne morale",
         "organisation", "association", "collectivite"],
        ProspectKind.COMPANY,
    ),
    **dict.fromkeys(
        ["individual", "particulier", "b2c", "personne physique", "consommateur", "prive"],
        ProspectKind.INDIVIDUAL,
    ),
}  # fmt: skip
KIND_LABELS_FR = {ProspectKind.COMPANY: "entreprise", ProspectKind.INDIVIDUAL: "particulier"}

STATUS_WORDS: dict[str, ProspectStatus] = {
    **{s.value: s for s in ProspectStatus},
    **{_words(label): s for s, label in STATUS_LABELS_FR.items()},
    "qualifie": ProspectStatus.QUALIFIED,
    "cliente": ProspectStatus.CUSTOMER,
}
# What a prospect may be created as (the API's rule).
CREATABLE_STATUSES = frozenset(
    {ProspectStatus.SUSPECT, ProspectStatus.PROSPECT, ProspectStatus.QUALIFIED,
     ProspectStatus.CUSTOMER}
)  # fmt: skip

SOURCE_LABELS_FR = {
    ProspectSource.CAMPAIGN: "campagne",
    ProspectSource.IMPORT: "import",
    ProspectSource.EVENT: "événement",
    ProspectSource.REFERRAL: "recommandation",
    ProspectSource.SOCIAL: "réseaux sociaux",
    ProspectSource.INBOUND: "entrant",
}
SOURCE_WORDS: dict[str, ProspectSource] = {
    **{s.value: s for s in ProspectSource},
    **{_words(label): s for s, label in SOURCE_LABELS_FR.items()},
    **dict.fromkeys(["salon", "evenementiel", "event", "foire"], ProspectSource.EVENT),
    **dict.fromkeys(["parrainage", "bouche a oreille", "recommande"], ProspectSource.REFERRAL),
    **dict.fromkeys(["reseau social", "linkedin", "facebook", "instagram"], ProspectSource.SOCIAL),
    **dict.fromkeys(["demande entrante", "site web", "formulaire"], ProspectSource.INBOUND),
    **dict.fromkeys(["fichier", "achat fichier", "base achetee"], ProspectSource.IMPORT),
    "mailing": ProspectSource.CAMPAIGN,
}

SIZE_BAND_LABELS_FR = {
    SizeBand.MICRO: "TPE (0-9)",
    SizeBand.SMALL: "PE (10-49)",
    SizeBand.MEDIUM: "PME (50-249)",
    SizeBand.INTERMEDIATE: "ETI (250-4999)",
    SizeBand.LARGE: "GE (5000+)",
}
SIZE_WORDS: dict[str, SizeBand] = {
    **{s.value: s for s in SizeBand},
    **dict.fromkeys(["tpe", "micro entreprise", "tres petite entreprise"], SizeBand.MICRO),
    **dict.fromkeys(["pe", "petite", "petite entreprise"], SizeBand.SMALL),
    **dict.fromkeys(["pme", "moyenne", "moyenne entreprise"], SizeBand.MEDIUM),
    **dict.fromkeys(["eti", "intermediaire", "taille intermediaire"], SizeBand.INTERMEDIATE),
    **dict.fromkeys(["ge", "grande", "grande entreprise", "grand compte"], SizeBand.LARGE),
}
_HEADCOUNT_BANDS = (
    (10, SizeBand.MICRO),
    (50, SizeBand.SMALL),
    (250, SizeBand.MEDIUM),
    (5000, SizeBand.INTERMEDIATE),
)

CONSENT_WORDS: dict[str, ConsentStatus] = {
    **dict.fromkeys(
        ["oui", "o", "yes", "y", "1", "true", "vrai", "x", "granted", "accorde", "accepte",
         "opt in", "optin"],
        ConsentStatus.GRANTED,
    ),
    **dict.fromkeys(
        ["non", "n", "no", "0", "false", "faux", "refused", "refuse", "opt out", "optout"],
        ConsentStatus.REFUSED,
    ),
    **dict.fromkeys(["withdrawn", "retire", "retrait"], ConsentStatus.WITHDRAWN),
}  # fmt: skip
CONSENT_CHANNELS = {
    "consent_email": ConsentChannel.EMAIL,
    "consent_sms": ConsentChannel.SMS,
    "consent_phone": ConsentChannel.PHONE,
    "consent_postal": ConsentChannel.POSTAL,
}

# ------------------------------------------------------------------ cells


FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def as_text(cell: Cell) -> str:
    if isinstance(cell, str):
        return cell
    if isinstance(cell, bool):
        return "oui" if cell else "non"
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    if isinstance(cell, date | time):
        return cell.isoformat()
    return str(cell)


def _max_length(model: Any, column: str) -> int:
    length = model.__table__.c[column].type.length
    assert isinstance(length, int)
    return length


def _text(max_length: int) -> Callable[[Cell], str]:
    def convert(cell: Cell) -> str:
        raw = cell if cell.__class__ is str else as_text(cell)
        text = " ".join(raw.split())
        if len(text) > max_length:
            raise ValueError(f"Trop long (au plus {max_length} caractères).")
        return text

    return convert


def _limited(max_length: int, check: Callable[[str], str]) -> Callable[[Cell], str]:
    def convert(cell: Cell) -> str:
        value = check(as_text(cell))
        if len(value) > max_length:
            raise ValueError(f"Trop long (au plus {max_length} caractères).")
        return value

    return convert


def _choice(words: Mapping[str, Any], message: str) -> Callable[[Cell], Any]:
    def convert(cell: Cell) -> Any:
        key = _words(as_text(cell))
        if key in words:
            return words[key]
        raise ValueError(message)

    return convert


def parse_kind(cell: Cell) -> ProspectKind:
    key = _words(as_text(cell))
    if key in KIND_WORDS:
        return KIND_WORDS[key]
    raise ValueError("Type inconnu : « entreprise » (B2B) ou « particulier » (B2C) attendu.")


def parse_status(cell: Cell) -> ProspectStatus:
    status = STATUS_WORDS.get(_words(as_text(cell)))
    if status is None:
        raise ValueError("Statut inconnu : suspect, prospect, qualifié ou client attendu.")
    if status not in CREATABLE_STATUSES:
        raise ValueError("Un prospect se crée suspect, prospect, qualifié ou client.")
    return status


def parse_size_band(cell: Cell) -> SizeBand:
    text = as_text(cell)
    key = _words(text)
    band = SIZE_WORDS.get(key) or SIZE_WORDS.get(key.split(" ")[0] if key else "")
    if band is not None:
        return band
    # A headcount or a range ("35", "10-49", "5 000 et plus"): its lower bound decides.
    numbers = _NUMBER.findall(_THOUSANDS.sub("", text))
    if numbers:
        headcount = int(numbers[0])
        return next((b for limit, b in _HEADCOUNT_BANDS if headcount < limit), SizeBand.LARGE)
    raise ValueError("Tranche d'effectif inconnue : TPE, PE, PME, ETI, GE ou un effectif attendu.")


_MAX_MONEY = Decimal("10000000000")  # Numeric(12, 2)
_CENT = Decimal("0.01")


def parse_decimal(cell: Cell) -> Decimal:
    """French or English spelling: ``12 500,50 €``, ``12.500,50``, ``12,500.50``, ``12500``."""
    if isinstance(cell, bool) or isinstance(cell, date | time):
        raise ValueError("Montant illisible : nombre attendu (ex. 12 500,50).")
    if isinstance(cell, int | float | Decimal):
        text = str(cell)
    else:
        text = _MONEY_NOISE.sub("", as_text(cell))
        if "," in text and "." in text:
            decimal_sep = "," if text.rfind(",") > text.rfind(".") else "."
            text = text.replace("." if decimal_sep == "," else ",", "").replace(",", ".")
        elif text.count(",") == 1:
            text = text.replace(",", ".")
        elif text.count(",") > 1 or text.count(".") > 1:
            text = text.replace(",", "").replace(".", "")
    try:
        value = Decimal(text)
    except InvalidOperation as exc:
        raise ValueError("Montant illisible : nombre attendu (ex. 12 500,50).") from exc
    if not value.is_finite():
        raise ValueError("Montant illisible : nombre attendu (ex. 12 500,50).")
    if value < 0:
        raise ValueError("Le potentiel doit être positif ou nul.")
    value = value.quantize(_CENT, rounding=ROUND_HALF_UP)
    if value >= _MAX_MONEY:
        raise ValueError("Montant trop grand (moins de 10 milliards).")
    return value


def parse_float(cell: Cell) -> float:
    if isinstance(cell, int | float | Decimal) and not isinstance(cell, bool):
        return float(cell)
    try:
        return float(as_text(cell).replace(",", ".").replace(" ", ""))
    except ValueError as exc:
        raise ValueError("Nombre attendu (ex. 45,764).") from exc


def parse_latitude(cell: Cell) -> float:
    return v.latitude(parse_float(cell))


def parse_longitude(cell: Cell) -> float:
    return v.longitude(parse_float(cell))


_TAG_MAX = 40


def parse_tags(cell: Cell) -> list[str]:
    tags = {" ".join(t.split()) for t in _TAG_SEPARATORS.split(as_text(cell))}
    tags.discard("")
    if any(len(t) > _TAG_MAX for t in tags):
        raise ValueError(f"Étiquette trop longue ({_TAG_MAX} caractères au plus).")
    return sorted(tags)


_DMY = re.compile(
    r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})(?:[ T]+(\d{1,2})[:h](\d{2})(?::(\d{2}))?)?$"
)
_DATE_MESSAGE = "Date illisible : JJ/MM/AAAA ou AAAA-MM-JJ attendu."


def parse_datetime(cell: Cell) -> datetime:
    """A date (and optional time); naive values are read as UTC."""
    if isinstance(cell, datetime):
        return cell if cell.tzinfo else cell.replace(tzinfo=UTC)
    if isinstance(cell, date):
        return datetime.combine(cell, time(), tzinfo=UTC)
    return _datetime_from_text(as_text(cell).strip())


@lru_cache(maxsize=4096)  # a file holds few distinct dates
def _datetime_from_text(text: str) -> datetime:
    match = _DMY.match(text)
    try:
        if match:
            day, month, year, hour, minute, second = match.groups()
            full_year = int(year) + (2000 if len(year) == 2 else 0)
            result = datetime(
                full_year, int(month), int(day), int(hour or 0), int(minute or 0),
                int(second or 0), tzinfo=UTC,
            )  # fmt: skip
        else:
            result = datetime.fromisoformat(text)
    except ValueError as exc:
        raise ValueError(_DATE_MESSAGE) from exc
    return result if result.tzinfo else result.replace(tzinfo=UTC)


def parse_date(cell: Cell) -> date:
    if isinstance(cell, datetime):
        return cell.date()
    if isinstance(cell, date):
        return cell
    return parse_datetime(cell).date()


def _digits(cell: Cell, width: int) -> str:
    """An identifier; a number cell gets back the leading zeros a spreadsheet dropped."""
    if isinstance(cell, int | float) and not isinstance(cell, bool):
        return as_text(cell).zfill(width)
    return as_text(cell)


_PLAIN_NUMBER = re.compile(r"^\+?[\d\s.\-]+$")
_SEPARATORS = re.compile(r"[\s.\-]+")


def _phone(region: str) -> Callable[[Cell], str]:
    def convert(cell: Cell) -> str:
        text = as_text(cell).strip()
        if _PLAIN_NUMBER.match(text):
            # Digits and separators only: phonenumbers ignores the separators anyway, and
            # the compact spelling parses faster and hits validation.phone's cache more.
            text = _SEPARATORS.sub("", text)
        return v.phone(text, region)

    return convert


def converters(region: str) -> dict[str, Callable[[Cell], Any]]:
    """Field → converter (a non-empty cell in, the normalised value or ``ValueError`` out)."""
    p = Prospect
    return {
        "name": _text(_max_length(p, "name")),
        "kind": parse_kind,
        "siret": lambda c: v.siret(_digits(c, 14)),
        "siren": lambda c: v.siren(_digits(c, 9)),
        "naf_code": lambda c: v.naf_code(as_text(c)),
        "sector": _text(_max_length(p, "sector")),
        "size_band": parse_size_band,
        "address": _text(_max_length(p, "address")),
        "postcode": _limited(_max_length(p, "postcode"), v.postcode),
        "city": _text(_max_length(p, "city")),
        "latitude": parse_latitude,
        "longitude": parse_longitude,
        "website": _limited(_max_length(p, "website"), v.website),
        "phone": _phone(region),
        "email": _limited(_max_length(p, "email"), v.email),
        "status": parse_status,
        "source": _choice(
            SOURCE_WORDS,
            "Source inconnue : campagne, import, événement, recommandation, réseaux sociaux "
            "ou entrant attendu.",
        ),
        "potential": parse_decimal,
        "tags": parse_tags,
        "next_contact_on": parse_date,
        "contact_last_name": _text(_max_length(Contact, "last_name")),
        "contact_first_name": _text(_max_length(Contact, "first_name")),
        "contact_job_title": _text(_max_length(Contact, "job_title")),
        "contact_phone": _phone(region),
        "contact_email": _limited(_max_length(Contact, "email"), v.email),
        **dict.fromkeys(
            CONSENT_FIELDS,
            _choice(CONSENT_WORDS, "Consentement illisible : oui, non ou retiré attendu."),
        ),
        "consent_date": parse_datetime,
    }
