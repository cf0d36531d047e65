"""Which source column feeds which prospect field.

The mapping is suggested from the headers (case-, accent- and punctuation-insensitive French
and English synonyms) and the user's own mapping overrides it column by column.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from typing import Any

from app.common.text import fold
from app.core.errors import FieldError
from app.prospects.imports.parsing import MAX_COLUMNS

# Target fields, with the French label used in messages. Prospect fields first, then the
# company's contact, then the consents of the person.
TARGET_FIELDS: dict[str, str] = {
    "name": "nom / raison sociale",
    "kind": "type (entreprise ou particulier)",
    "siret": "SIRET",
    "siren": "SIREN",
    "naf_code": "code NAF",
    "sector": "secteur",
    "size_band": "tranche d'effectif",
    "address": "adresse",
    "postcode": "code postal",
    "city": "ville",
    "latitude": "latitude",
    "longitude": "longitude",
    "website": "site web",
    "phone": "téléphone",
    "email": "e-mail",
    "status": "statut",
    "source": "source",
    "potential": "potentiel",
    "tags": "étiquettes",
    "next_contact_on": "prochain contact",
    "contact_last_name": "nom du contact",
    "contact_first_name": "prénom du contact",
    "contact_job_title": "fonction du contact",
    "contact_phone": "téléphone du contact",
    "contact_email": "e-mail du contact",
    "consent_email": "consentement e-mail",
    "consent_sms": "consentement SMS",
    "consent_phone": "consentement téléphone",
    "consent_postal": "consentement courrier",
    "consent_date": "date du consentement",
}

CONTACT_FIELDS = (
    "contact_last_name",
    "contact_first_name",
    "contact_job_title",
    "contact_phone",
    "contact_email",
)
CONSENT_FIELDS = ("consent_email", "consent_sms", "consent_phone", "consent_postal")

# Words that carry no meaning in a header ("Numéro de SIRET" → "siret").
_STOPWORDS = frozenset({"de", "du", "des", "d", "la", "le", "l", "les", "n", "no", "num", "numero"})

_SYNONYMS: dict[str, tuple[str, ...]] = {
    "name": (
        "nom", "name", "raison sociale", "societe", "entreprise", "denomination",
        "nom entreprise", "nom societe", "company", "company name", "nom prospect",
        "prospect", "client", "nom client", "enseigne", "organisation", "organization",
    ),
    "kind": ("type", "kind", "type prospect", "b2b b2c", "type client"),
    "siret": ("siret", "siret etablissement"),
    "siren": ("siren",),
    "naf_code": ("code naf", "naf", "ape", "code ape", "naf ape", "code naf ape", "naf code"),
    "sector": ("secteur", "secteur activite", "sector", "activite", "industry", "industrie"),
    "size_band": (
        "effectif", "effectifs", "tranche", "tranche effectif", "tranche effectifs",
        "taille", "taille entreprise", "size", "size band", "headcount", "employees",
    ),
    "address": ("adresse", "address", "rue", "adresse postale", "voie", "street"),
    "postcode": ("code postal", "cp", "postcode", "zip", "zip code", "postal code"),
    "city": ("ville", "commune", "city", "localite", "town"),
    "latitude": ("latitude", "lat"),
    "longitude": ("longitude", "lon", "lng", "long"),
    "website": ("site web", "site", "site internet", "website", "url", "web"),
    "phone": (
        "telephone", "tel", "phone", "telephone fixe", "tel fixe", "portable", "mobile",
        "telephone standard", "standard", "telephone portable", "phone number",
    ),
    "email": (
        "e mail", "email", "courriel", "mail", "adresse e mail", "adresse email",
        "adresse mail", "adresse courriel", "e mail address", "email address",
    ),
    "status": ("statut", "status", "etat"),
    "source": ("source", "origine", "provenance"),
    "potential": (
        "potentiel", "potential", "ca potentiel", "potentiel annuel", "potentiel eur",
        "potentiel euros", "potentiel ht", "potentiel annuel ht",
    ),
    "tags": ("tags", "tag", "etiquettes", "etiquette", "mots cles", "labels"),
    "next_contact_on": (
        "prochain contact", "date prochain contact", "relance", "date relance",
        "prochaine relance", "next contact", "next contact on",
    ),
    "contact_last_name": (
        "contact nom", "nom contact", "contact", "contact last name", "last name contact",
        "nom interlocuteur", "interlocuteur",
    ),
    "contact_first_name": (
        "contact prenom", "prenom contact", "contact first name", "prenom interlocuteur",
    ),
    "contact_job_title": (
        "contact fonction", "fonction contact", "fonction", "poste", "contact poste",
        "poste contact", "job title", "contact job title", "fonction interlocuteur",
    ),
    "contact_phone": (
        "contact telephone", "telephone contact", "contact tel", "tel contact",
        "contact phone", "contact mobile", "mobile contact", "telephone interlocuteur",
    ),
    "contact_email": (
        "contact email", "contact e mail", "email contact", "e mail contact",
        "contact courriel", "courriel contact", "contact mail", "mail contact",
        "e mail interlocuteur", "email interlocuteur",
    ),
    "consent_email": (
        "consentement email", "consentement e mail", "consentement courriel",
        "consentement mail", "opt in email", "optin email", "consent email",
    ),
    "consent_sms": ("consentement sms", "opt in sms", "optin sms", "consent sms"),
    "consent_phone": (
        "consentement telephone", "consentement tel", "opt in telephone", "consent phone",
    ),
    "consent_postal": (
        "consentement courrier", "consentement postal", "consentement poste",
        "consent postal", "consent mail postal",
    ),
    "consent_date": (
        "date consentement", "consentement date", "consent date", "date opt in",
        "date recueil consentement",
    ),
}  # fmt: skip

_NON_WORD = re.compile(r"[^0-9a-z]+")


def normalise_header(header: str) -> str:
    """``"N° de SIRET"`` → ``"siret"``: folded, punctuation and filler words dropped."""
    words = _NON_WORD.sub(" ", fold(header)).split()
    kept = [w for w in words if w not in _STOPWORDS]
    return " ".join(kept or words)


_BY_HEADER: dict[str, str] = {
    normalise_header(synonym): field
    for field, synonyms in _SYNONYMS.items()
    for synonym in synonyms
}


def suggest_mapping(headers: Sequence[str]) -> dict[str, str | None]:
    """Each column's suggested field (``None``: not recognised); a field goes to one column,
    the first that names it."""
    taken: set[str] = set()
    suggestion: dict[str, str | None] = {}
    for header in headers:
        field = _BY_HEADER.get(normalise_header(header))
        if field is not None and field in taken:
            field = None
        if field is not None:
            taken.add(field)
        suggestion[header] = field
    return suggestion


# The ``mapping`` form field: its length (the route's form bounds it) and its entries (one
# per column of the file, which has at most ``MAX_COLUMNS``).
MAX_MAPPING_CHARS = 64 * 1024
MAX_MAPPING_ENTRIES = MAX_COLUMNS


def parse_user_mapping(raw: str | None) -> dict[str, str | None]:
    """The ``mapping`` form field: a JSON object ``{"source column": "field" | null}``."""
    if raw is None or not raw.strip():
        return {}
    if len(raw) > MAX_MAPPING_CHARS:  # the route's form refuses it first
        raise FieldError(
            "mapping",
            f"Correspondance trop longue : {MAX_MAPPING_CHARS} caractères au plus.",
            location="body",
        )
    try:
        value: Any = json.loads(raw)
    except (ValueError, RecursionError) as exc:  # RecursionError: "[[[[…" nested too deep
        raise FieldError(
            "mapping", "Correspondance illisible : un objet JSON est attendu.", location="body"
        ) from exc
    if isinstance(value, dict) and len(value) > MAX_MAPPING_ENTRIES:
        raise FieldError(
            "mapping",
            f"Correspondance trop longue : {MAX_MAPPING_ENTRIES} colonnes au plus (elle en "
            f"donne {len(value)}), autant que le fichier peut en avoir.",
            location="body",
        )
    if not isinstance(value, dict) or not all(
        isinstance(k, str) and (v is None or isinstance(v, str)) for k, v in value.items()
    ):
        raise FieldError(
            "mapping",
            'Correspondance invalide : objet {"colonne du fichier": "champ"} attendu '
            '(null ou "" pour ignorer une colonne).',
            location="body",
        )
    return {k: (v.strip() or None) if v is not None else None for k, v in value.items()}


def resolve_mapping(
    headers: Sequence[str], user_mapping: Mapping[str, str | None]
) -> dict[str, str | None]:
    """The suggestion overridden by the user's mapping; refuses unknown fields and columns,
    and a field fed by two columns."""
    unknown_fields = sorted({f for f in user_mapping.values() if f and f not in TARGET_FIELDS})
    if unknown_fields:
        raise FieldError(
            "mapping",
            f"Champ(s) inconnu(s) : {', '.join(unknown_fields)}. "
            f"Champs permis : {', '.join(TARGET_FIELDS)}.",
            location="body",
        )
    unknown_columns = [c for c in user_mapping if c not in headers]
    if unknown_columns:
        raise FieldError(
            "mapping",
            f"Colonne(s) absente(s) du fichier : {', '.join(unknown_columns)}.",
            location="body",
        )
    suggestion = suggest_mapping(headers)
    # A field the user assigns leaves the column the suggestion had given it.
    chosen = {f for f in user_mapping.values() if f}
    mapping: dict[str, str | None] = {}
    for header in headers:
        if header in user_mapping:
            mapping[header] = user_mapping[header]
        else:
            field = suggestion[header]
            mapping[header] = None if field in chosen else field
    seen: dict[str, str] = {}
    for header, field in mapping.items():
        if field is None:
            continue
        if field in seen:
            raise FieldError(
                "mapping",
                f"Le champ « {field} » est associé à deux colonnes : « {seen[field]} » et "
                f"« {header} ».",
                location="body",
            )
        seen[field] = header
    return mapping


def check_required(mapping: Mapping[str, str | None], *, has_kind_default: bool) -> None:
    """The file must say where the name (and the kind, unless defaulted) comes from."""
    fields = {f for f in mapping.values() if f}
    if "name" not in fields:
        raise FieldError(
            "mapping",
            "Aucune colonne ne donne le nom (« nom », « raison sociale »...) : "
            'indiquez-la dans la correspondance, par exemple {"Société": "name"}.',
            location="body",
        )
    if "kind" not in fields and not has_kind_default:
        raise FieldError(
            "kind_default",
            "Aucune colonne « type » : indiquez kind_default (company ou individual) ou "
            "associez une colonne au champ « kind ».",
            location="body",
        )
