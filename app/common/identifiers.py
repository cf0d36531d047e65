"""French company and place identifiers: SIREN, SIRET, TVA number, NAF code, postcode, INSEE
commune and department codes.

Each check returns the normalised value or raises ``ValueError`` with a French message that
the API shows next to the field. The prospect file (``app.prospects.validation`` re-exports
these) and the business case (``app.business_cases.document``) share them, which is why they
live in the leaf package: standard library and python-stdnum only, nothing from ``app``.
"""

from __future__ import annotations

import re

from stdnum.fr import siren as stdnum_siren
from stdnum.fr import siret as stdnum_siret
from stdnum.fr import tva as stdnum_tva

_NAF = re.compile(r"^\d{2}\.?\d{2}[A-Z]$")
# A NAF prefix: a division (47), a group (47.1), a class (47.11) or a whole code (47.11B).
_NAF_PREFIX = re.compile(r"^\d{2}(?:\.\d(?:\d[A-Z]?)?)?$")
_POSTCODE_FR = re.compile(r"^(?:0[1-9]|[1-8]\d|9[0-8])\d{3}$|^2[AB]\d{3}$")
# INSEE commune code (code officiel géographique): the department (01…95, 2A, 2B) and three
# digits, or an overseas department (971…976) and two.
_COMMUNE = re.compile(r"^(?:0[1-9]|[1-8]\d|9[0-5]|2[AB])\d{3}$|^97[1-6]\d{2}$")
_DEPARTMENT = re.compile(r"^(?:0[1-9]|[1-8]\d|9[0-5]|2[AB]|97[1-6])$")


def siret(value: str) -> str:
    """14 digits with a valid Luhn key (python-stdnum, La Poste's exception included)."""
    compact = stdnum_siret.compact(value)
    if not compact.isdigit() or len(compact) != 14:
        raise ValueError("SIRET invalide : 14 chiffres attendus.")
    if not stdnum_siret.is_valid(compact):
        raise ValueError("SIRET invalide : la clé de contrôle ne correspond pas.")
    return compact


def siren(value: str) -> str:
    compact = stdnum_siren.compact(value)
    if not compact.isdigit() or len(compact) != 9:
        raise ValueError("SIREN invalide : 9 chiffres attendus.")
    if not stdnum_siren.is_valid(compact):
        raise ValueError("SIREN invalide : la clé de contrôle ne correspond pas.")
    return compact


def tva_number(value: str) -> str:
    """French intra-community VAT number, spelt ``FR`` + 2 check characters + the SIREN
    (``FR40303265045``); python-stdnum checks the key (numeric or the newer letters)."""
    compact = stdnum_tva.compact(value)
    if len(compact) != 11 or not compact[2:].isdigit():
        raise ValueError("Numéro de TVA invalide : FR, 2 caractères de contrôle et le SIREN.")
    if not stdnum_tva.is_valid(compact):
        raise ValueError("Numéro de TVA invalide : la clé de contrôle ne correspond pas.")
    return f"FR{compact}"


def tva_matches_siren(tva: str, siren_number: str) -> bool:
    """Whether a (valid) TVA number is the one of this SIREN: its last 9 digits are it."""
    return stdnum_tva.compact(tva)[-9:] == stdnum_siren.compact(siren_number)


def naf_code(value: str) -> str:
    """NAF/APE code, e.g. 47.11B (stored with its dot)."""
    compact = value.strip().upper().replace(" ", "")
    if not _NAF.match(compact):
        raise ValueError("Code NAF invalide : format attendu 47.11B.")
    return f"{compact[:2]}.{compact[-3:]}" if "." not in compact else compact


def naf_prefix(value: str) -> str:
    """The start of NAF codes: a division (47), a group (47.1), a class (47.11) or a code."""
    compact = value.strip().upper().replace(" ", "")
    if not _NAF_PREFIX.match(compact):
        raise ValueError("Préfixe NAF invalide : 47, 47.1, 47.11 ou 47.11B attendu.")
    return compact


def postcode(value: str) -> str:
    compact = value.strip().upper().replace(" ", "")
    if compact.isdigit() and len(compact) == 4:  # a lost leading zero (spreadsheets)
        compact = "0" + compact
    if not _POSTCODE_FR.match(compact):
        raise ValueError("Code postal invalide : 5 chiffres attendus.")
    return compact


def commune_code(value: str) -> str:
    """INSEE code of a commune (69123 Lyon, 2A004 Ajaccio), not its postcode."""
    compact = value.strip().upper()
    if not _COMMUNE.match(compact):
        raise ValueError("Code commune INSEE invalide : 5 caractères attendus (ex. 69123).")
    return compact


def department_code(value: str) -> str:
    """A department: 01…95, 2A, 2B or 971…976."""
    compact = value.strip().upper()
    if not _DEPARTMENT.match(compact):
        raise ValueError("Département invalide : 01 à 95, 2A, 2B ou 971 à 976 attendu.")
    return compact
