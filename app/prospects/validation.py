"""Normalising and checking identifiers and contact data (shared by the API and the import).

Each function returns the normalised value or raises ``ValueError`` with a French message
that the API shows next to the field. The company and place identifiers (SIREN, SIRET, NAF
code, postcode) live in ``app.common.identifiers``, shared with the business case; they are
re-exported here for the prospect file's callers.
"""

from __future__ import annotations

import re

import phonenumbers
from email_validator import EmailNotValidError, validate_email

from app.common.identifiers import naf_code as naf_code
from app.common.identifiers import postcode as postcode
from app.common.identifiers import siren as siren
from app.common.identifiers import siret as siret

_PHONE_SEPARATORS = re.compile(r"[\s.\-\u00a0\u202f]")
# A French number written the usual ways: 06 12 34 56 78, +33 6 12..., 0033 6 12...
_FR_NUMBER = re.compile(r"^(?:\+33|0033|0)([1-9]\d{8})$")


def phone(value: str, region: str = "FR") -> str:
    """E.164 (+33612345678) from any usual spelling; national numbers read in ``region``.

    libphonenumber decides validity. French numbers in the usual spellings skip its
    (slower) parser: the national number is read by a regular expression, then checked by
    ``is_valid_number`` exactly as the parser's result would be.
    """
    compact = _PHONE_SEPARATORS.sub("", value)
    match = _FR_NUMBER.match(compact)
    if match and (region == "FR" or not compact.startswith("0") or compact.startswith("00")):
        number = phonenumbers.PhoneNumber(country_code=33, national_number=int(match[1]))
    else:
        try:
            number = phonenumbers.parse(value, region)
        except phonenumbers.NumberParseException as exc:
            raise ValueError("Numéro de téléphone illisible.") from exc
    if not phonenumbers.is_valid_number(number):
        raise ValueError("Numéro de téléphone invalide.")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


# Plain ASCII addresses (dot-atom local part, LDH domain labels, alphabetic TLD): the common
# case, which email-validator would accept unchanged apart from case. Anything else goes
# through email-validator, which stays the authority (tests/test_validation.py compares).
_SIMPLE_EMAIL = re.compile(
    r"^(?=.{1,64}@)[a-z0-9_+\-]+(?:\.[a-z0-9_+\-]+)*"
    r"@(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9\-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$"
)
_SPECIAL_USE_TLDS = frozenset({"arpa", "invalid", "local", "localhost", "onion", "test"})


def email(value: str) -> str:
    """A syntactically valid address, lower-cased (no DNS lookup: works offline)."""
    text = value.strip().lower()
    if (
        _SIMPLE_EMAIL.match(text)
        and text.rsplit(".", 1)[1] not in _SPECIAL_USE_TLDS
        and "--" not in text.rsplit("@", 1)[1]  # IDNA rules on "xx--" labels: the library decides
    ):
        return text
    try:
        result = validate_email(text, check_deliverability=False)
    except EmailNotValidError as exc:
        raise ValueError(f"Adresse e-mail invalide : {_email_reason(exc)}") from exc
    return result.normalized.lower()


def _email_reason(exc: EmailNotValidError) -> str:
    text = str(exc)
    if "@" in text and "sign" in text:
        return "il manque le @."
    return "format non reconnu."


def website(value: str) -> str:
    text = value.strip()
    if not re.match(r"^https?://", text, re.I):
        text = "https://" + text
    if not re.match(r"^https?://[^\s/$.?#][^\s]*\.[^\s]+$", text, re.I):
        raise ValueError("Adresse de site web invalide.")
    return text


def latitude(value: float) -> float:
    if not -90 <= value <= 90:
        raise ValueError("Latitude hors limites (-90 à 90).")
    return value


def longitude(value: float) -> float:
    if not -180 <= value <= 180:
        raise ValueError("Longitude hors limites (-180 à 180).")
    return value


def generic_address(address: str) -> bool:
    """A role address (contact@, info@...) is not personal data."""
    local = address.split("@", 1)[0].lower()
    return local in GENERIC_LOCAL_PARTS


GENERIC_LOCAL_PARTS = frozenset(
    {
        "contact", "info", "infos", "accueil", "bonjour", "hello", "commercial", "ventes",
        "sales", "direction", "secretariat", "admin", "compta", "comptabilite", "rh",
        "recrutement", "service.client", "serviceclient", "support", "office", "mairie",
    }
)  # fmt: skip
