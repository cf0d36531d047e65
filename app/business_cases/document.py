"""The business case document: the whole company as ONE document (app/business_cases/README.md).

``BusinessCaseDocument`` is at once the API's body (a draft's PUT), the import and export
format (one JSON file) and what each published version stores. Four sections: ``identity``,
``market``, ``policy``, ``catalogue`` (and the ``competitors`` named by the watch).

- Every string and list is bounded; unknown fields are refused (``InputSchema``).
- Rules that join two fields (a SIRET that starts with the SIREN, a discount for a family the
  catalogue has...) raise a ``ValidationError`` whose locations name the faulty field from the
  document's root (``policy.max_discount_by_segment.pme``), so the API's problem+json names it.
- Money and rates are ``Decimal``: a JSON number or a string on input, at most two decimals,
  always a string with two decimals on output (``"19.90"``), so nothing is lost to floats.
- The models' docstrings and the fields' descriptions are the published JSON Schema's text:
  they are written in French, for the trainers who write cases.

The JSON Schema (``docs/schemas/business-case.schema.json``) is this model's; regenerate it
with ``python -m app.business_cases.document > docs/schemas/business-case.schema.json``
(``tests/test_business_case_document.py`` fails until the file matches).
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Callable, Hashable, Iterable, Sequence
from decimal import Decimal
from enum import StrEnum
from typing import Annotated, Any, Literal
from urllib.parse import urlsplit

from pydantic import (
    Field,
    GetCoreSchemaHandler,
    GetJsonSchemaHandler,
    StringConstraints,
    model_validator,
)
from pydantic import ValidationError as PydanticValidationError
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema, InitErrorDetails, PydanticCustomError, core_schema

from app.common import identifiers
from app.core.schemas import InputSchema as _Input
from app.core.schemas import MultilineText
from app.models import (
    CaseType,
    EscalationDepartment,
    Interlocutor,
    Motive,
    ObjectionKind,
    PresentationKind,
    RfmSegment,
    SizeBand,
    SocialNetwork,
)

SCHEMA_VERSION = 1
MAX_SEGMENTS = 30
MAX_FAMILIES = 50
MAX_PRODUCTS = 500
MAX_PAYMENT_DAYS = 60
#: The code that, in a rule's ``who``, means every customer (no segment may take it).
ALL = "all"

Loc = tuple[str | int, ...]

# ----------------------------------------------------------------- checks with their schema


class _Check:
    """An annotation: ``function`` checks (and may normalise) the value after its type's own
    validation; ``schema`` holds the JSON Schema keywords that say the same thing."""

    __slots__ = ("function", "schema")

    def __init__(self, function: Callable[[Any], Any], **schema: Any) -> None:
        self.function = function
        self.schema = schema

    def __get_pydantic_core_schema__(
        self, source: Any, handler: GetCoreSchemaHandler
    ) -> CoreSchema:
        return core_schema.no_info_after_validator_function(self.function, handler(source))

    def __get_pydantic_json_schema__(
        self, schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        out = handler(schema)
        out.update(self.schema)
        return out


def _identifier(check: Callable[[str], str], kind: str) -> Callable[[str], str]:
    """A check of ``app.common.identifiers`` whose ``ValueError`` becomes an error of ``kind``
    with its French message as is (no "Value error, " before it)."""

    def run(value: str) -> str:
        try:
            return check(value)
        except ValueError as exc:
            raise PydanticCustomError(kind, str(exc)) from None

    return run


def _matching(pattern: str, kind: str, message: str) -> _Check:
    """Text that matches ``pattern`` whole (anchored in the JSON Schema too)."""
    compiled = re.compile(pattern)

    def check(value: str) -> str:
        if not compiled.fullmatch(value):
            raise PydanticCustomError(kind, message)
        return value

    return _Check(check, pattern=f"^{pattern}$")


class _Decimal:
    """A ``Decimal`` with at most ``places`` decimals between bounds (or one of ``allowed``),
    each fault in French.

    Input: a JSON number or a string. Stored with exactly ``places`` decimals
    (``Decimal("19.90")``) and written to JSON as a string with them (``"19.90"``).
    """

    __slots__ = ("allowed", "maximum", "places", "positive", "refused", "unit")

    def __init__(
        self,
        *,
        places: int,
        maximum: Decimal,
        positive: bool = False,
        unit: str = "",
        allowed: tuple[Decimal, ...] = (),
        refused: str = "Valeur non permise",
    ) -> None:
        self.places, self.maximum, self.positive = places, maximum, positive
        self.unit, self.allowed, self.refused = unit, allowed, refused

    def _format(self, value: Decimal) -> str:
        return format(value, f".{self.places}f")

    def _check(self, value: Decimal) -> Decimal:
        if not value.is_finite():  # NaN, Infinity, and 1e400 read as a float
            raise PydanticCustomError("finite_number", "Nombre fini attendu.")
        if self.allowed and value not in self.allowed:
            spelt = [str(a).replace(".", ",") for a in self.allowed]
            raise PydanticCustomError(
                "decimal_not_allowed",
                "{refused} : {allowed} ou {last}{unit} attendu.",
                {
                    "refused": self.refused,
                    "allowed": ", ".join(spelt[:-1]),
                    "last": spelt[-1],
                    "unit": self.unit,
                },
            )
        exponent = value.normalize().as_tuple().exponent
        if isinstance(exponent, int) and exponent < -self.places:
            raise PydanticCustomError(
                "decimal_places",
                "Au plus {places} décimale(s) (ex. {example}).",
                {"places": self.places, "example": self._format(Decimal("19.9"))},
            )
        if self.positive and value <= 0:
            raise PydanticCustomError("not_positive", "Doit être supérieur à 0.")
        if not 0 <= value <= self.maximum:
            raise PydanticCustomError(
                "decimal_range",
                "Doit être compris entre 0 et {maximum}{unit}.",
                {"maximum": self._format(self.maximum), "unit": self.unit},
            )
        return value.quantize(Decimal(1).scaleb(-self.places))

    def __get_pydantic_core_schema__(
        self, source: Any, handler: GetCoreSchemaHandler
    ) -> CoreSchema:
        return core_schema.no_info_after_validator_function(
            self._check,
            core_schema.decimal_schema(allow_inf_nan=True),  # refused by _check, in French
            serialization=core_schema.plain_serializer_function_ser_schema(
                self._format, when_used="json"
            ),
        )

    def __get_pydantic_json_schema__(
        self, schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        digits = len(str(int(self.maximum)))
        text: dict[str, Any] = {"type": "string", "maxLength": digits + 1 + self.places}
        number: dict[str, Any] = {"type": "number", "maximum": float(self.maximum)}
        if self.allowed:
            text["enum"] = [self._format(a) for a in self.allowed]
            number["enum"] = [int(a) if a == int(a) else float(a) for a in self.allowed]
        else:
            decimals = f"(\\.\\d{{1,{self.places}}})?" if self.places else ""
            text["pattern"] = f"^\\d{{1,{digits}}}{decimals}$"
            number["exclusiveMinimum" if self.positive else "minimum"] = 0
        if handler.mode == "serialization":
            return text
        return {"anyOf": [number, text]}


def _payment_terms(value: int) -> int:
    if value > MAX_PAYMENT_DAYS:
        raise PydanticCustomError(
            "payment_terms",
            "Délai de paiement trop long : 60 jours au plus à compter de la facture entre "
            "professionnels (plafond légal, code de commerce, art. L441-10).",
        )
    return value


def _web_address(value: str) -> str:
    parts = urlsplit(value)
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname or " " in value:
        raise PydanticCustomError(
            "web_address", "Adresse web invalide : http:// ou https:// suivi d'un domaine."
        )
    return value


TVA_RATES = (Decimal("20"), Decimal("10"), Decimal("5.5"), Decimal("2.1"))

Text30 = Annotated[str, StringConstraints(min_length=1, max_length=30)]
Text60 = Annotated[str, StringConstraints(min_length=1, max_length=60)]
Text100 = Annotated[str, StringConstraints(min_length=1, max_length=100)]
Text120 = Annotated[str, StringConstraints(min_length=1, max_length=120)]
Text150 = Annotated[str, StringConstraints(min_length=1, max_length=150)]
Text200 = Annotated[str, StringConstraints(min_length=1, max_length=200)]
Text300 = Annotated[str, StringConstraints(min_length=1, max_length=300)]
Text500 = Annotated[str, StringConstraints(min_length=1, max_length=500)]
Blank100 = Annotated[str, StringConstraints(max_length=100)]
Blank200 = Annotated[str, StringConstraints(max_length=200)]
Multiline1000 = Annotated[MultilineText, StringConstraints(max_length=1000)]
Multiline2000 = Annotated[MultilineText, StringConstraints(max_length=2000)]
Multiline4000 = Annotated[MultilineText, StringConstraints(max_length=4000)]
Code = Annotated[
    str,
    StringConstraints(min_length=1, max_length=40),
    _matching(
        r"[a-z0-9]+(?:[-_][a-z0-9]+)*",
        "code_format",
        "Code invalide : lettres minuscules sans accent, chiffres, - ou _ (ex. pme-lyon).",
    ),
]
Reference = Annotated[
    str,
    StringConstraints(max_length=30),
    _matching(
        r"[A-Z0-9-]{2,30}",
        "reference_format",
        "Référence invalide : 2 à 30 caractères parmi A-Z, 0-9 et - (ex. FIB-PRO-1G).",
    ),
]
Siren = Annotated[
    str, StringConstraints(max_length=30), _Check(_identifier(identifiers.siren, "siren"))
]
Siret = Annotated[
    str, StringConstraints(max_length=40), _Check(_identifier(identifiers.siret, "siret"))
]
TvaNumber = Annotated[
    str,
    StringConstraints(max_length=30),
    _Check(_identifier(identifiers.tva_number, "tva_number")),
]
NafCode = Annotated[
    str, StringConstraints(max_length=10), _Check(_identifier(identifiers.naf_code, "naf_code"))
]
NafPrefix = Annotated[
    str,
    StringConstraints(max_length=10),
    _Check(_identifier(identifiers.naf_prefix, "naf_prefix")),
]
Postcode = Annotated[
    str, StringConstraints(max_length=10), _Check(_identifier(identifiers.postcode, "postcode"))
]
CommuneCode = Annotated[
    str,
    StringConstraints(max_length=5),
    _Check(_identifier(identifiers.commune_code, "commune_code")),
]
DepartmentCode = Annotated[
    str,
    StringConstraints(max_length=3),
    _Check(_identifier(identifiers.department_code, "department_code")),
]
WebAddress = Annotated[
    str, StringConstraints(max_length=500), _Check(_web_address, format="uri", pattern="^https?://")
]

MAX_MONEY = Decimal(10_000_000)
Money = Annotated[Decimal, _Decimal(places=2, maximum=MAX_MONEY, unit=" €")]
"""An amount in euros, 0 to 10,000,000, two decimals."""
Price = Annotated[Decimal, _Decimal(places=2, maximum=MAX_MONEY, positive=True, unit=" €")]
"""A price in euros: more than 0, at most 10,000,000, two decimals."""
Percent = Annotated[Decimal, _Decimal(places=2, maximum=Decimal(100), unit=" %")]
EscompteRate = Annotated[Decimal, _Decimal(places=2, maximum=Decimal(10), unit=" %")]
TvaRate = Annotated[
    Decimal,
    _Decimal(
        places=2,
        maximum=Decimal(20),
        allowed=TVA_RATES,
        unit=" %",
        refused="Taux de TVA non applicable en France",
    ),
]
"""A French TVA rate in %: 20, 10, 5.5 or 2.1 (written "20.00", "5.50"...)."""
RepairabilityIndex = Annotated[Decimal, _Decimal(places=1, maximum=Decimal(10), unit="")]
PaymentDays = Annotated[
    int,
    Field(ge=0),
    _Check(_payment_terms, maximum=MAX_PAYMENT_DAYS),
]

# ----------------------------------------------------------------- errors at a location


class _Errors:
    """Faults found by a cross-field rule, each at its location (relative to the model that
    checks them: pydantic puts the model's own location before it)."""

    def __init__(self) -> None:
        self.details: list[InitErrorDetails] = []

    def add(self, loc: Loc, kind: str, message: str, value: Any) -> None:
        self.details.append(
            InitErrorDetails(type=PydanticCustomError(kind, message), loc=loc, input=value)
        )

    def duplicates(
        self,
        loc: Loc,
        items: Sequence[Any],
        key: Callable[[Any], Hashable],
        what: str,
        field: str | None = None,
    ) -> None:
        """Each item whose key an earlier item has: an error at ``loc + (index, field)``."""
        seen: set[Hashable] = set()
        for index, item in enumerate(items):
            value = key(item)
            if value in seen:
                where = (*loc, index) if field is None else (*loc, index, field)
                self.add(where, "duplicate", f"{what} en double : « {value} ».", value)
            seen.add(value)

    def raise_any(self, title: str) -> None:
        if self.details:
            raise PydanticValidationError.from_exception_data(title, self.details)


def _unique(what: str) -> Callable[[list[Any]], list[Any]]:
    """A list check: no item twice (the error names the repeated item's index)."""

    def check(items: list[Any]) -> list[Any]:
        errors = _Errors()
        errors.duplicates((), items, lambda item: item, what)
        errors.raise_any("list")
        return items

    return check


# ----------------------------------------------------------------- enumerations


class LegalForm(StrEnum):
    SAS = "sas"
    SASU = "sasu"
    SARL = "sarl"
    EURL = "eurl"
    SA = "sa"
    SNC = "snc"
    SCOP = "scop"
    EI = "ei"
    ASSOCIATION = "association"


LEGAL_FORM_LABELS = {
    LegalForm.SAS: "SAS",
    LegalForm.SASU: "SASU",
    LegalForm.SARL: "SARL",
    LegalForm.EURL: "EURL",
    LegalForm.SA: "SA",
    LegalForm.SNC: "SNC",
    LegalForm.SCOP: "SCOP",
    LegalForm.EI: "Entreprise individuelle",
    LegalForm.ASSOCIATION: "Association",
}


class MarketKind(StrEnum):
    """Clientèle : b2b (entreprises, prospects « company »), b2c (particuliers, prospects
    « individual »)."""

    B2B = "b2b"
    B2C = "b2c"


class ProductKind(StrEnum):
    PRODUCT = "product"
    SERVICE = "service"


class SupportKind(StrEnum):
    DOCUMENT = "document"
    LINK = "link"
    VIDEO = "video"


CASE_TYPE_LABELS = {
    CaseType.ORDER: "Commande",
    CaseType.DELIVERY_INCIDENT: "Incident de livraison",
    CaseType.COMPLAINT: "Réclamation",
    CaseType.DISPUTE: "Litige",
    CaseType.UNPAID_INVOICE: "Impayé",
    CaseType.RETURN: "Retour",
}


DEPARTMENT_LABELS = {
    EscalationDepartment.CUSTOMER_SERVICE: "Service client",
    EscalationDepartment.LOGISTICS: "Logistique",
    EscalationDepartment.ACCOUNTING: "Comptabilité",
    EscalationDepartment.LEGAL: "Juridique",
    EscalationDepartment.AFTER_SALES: "SAV",
    EscalationDepartment.SALES_MANAGEMENT: "Direction commerciale",
}


class Approver(StrEnum):
    """Qui valide une étape : le responsable commercial, la direction ou un service."""

    SALES_MANAGER = "sales_manager"
    MANAGEMENT = "management"
    CUSTOMER_SERVICE = "customer_service"
    LOGISTICS = "logistics"
    ACCOUNTING = "accounting"
    LEGAL = "legal"
    AFTER_SALES = "after_sales"


class CharterRuleKind(StrEnum):
    REQUIRED_MENTION = "required_mention"
    FORBIDDEN_CLAIM = "forbidden_claim"
    FORBIDDEN_WORD = "forbidden_word"
    TONE = "tone"
    THEME = "theme"
    CONFIDENTIALITY = "confidentiality"
    OTHER = "other"


# Lists whose items are unique (a repeated item is an error at its index).
SegmentCodes = Annotated[
    list[Code], Field(min_length=1, max_length=MAX_SEGMENTS + 1), _Check(_unique("Segment"))
]
Communes = Annotated[list[CommuneCode], Field(max_length=300), _Check(_unique("Commune"))]
Departments = Annotated[list[DepartmentCode], Field(max_length=110), _Check(_unique("Département"))]
MarketKinds = Annotated[
    list[MarketKind], Field(min_length=1, max_length=2), _Check(_unique("Clientèle"))
]
NafPrefixes = Annotated[list[NafPrefix], Field(max_length=50), _Check(_unique("Préfixe NAF"))]
Postcodes = Annotated[list[Postcode], Field(max_length=300), _Check(_unique("Code postal"))]
SizeBands = Annotated[list[SizeBand], Field(max_length=5), _Check(_unique("Tranche d'effectif"))]
PersonaNames = Annotated[list[Text150], Field(max_length=20), _Check(_unique("Persona"))]
CompetitorNames = Annotated[list[Text200], Field(max_length=20), _Check(_unique("Concurrent"))]


# ----------------------------------------------------------------- identity


class CompanyAddress(_Input):
    """Adresse du siège."""

    line: Text200 = Field(description="Numéro et voie.")
    line2: Blank200 | None = Field(default=None, description="Complément d'adresse.")
    postcode: Postcode
    city: Text120


# Metropolitan France with Corsica, then the overseas departments: (south, north, west, east).
_FRANCE = (
    (41.0, 51.5, -5.8, 10.0),
    (15.8, 16.6, -61.9, -60.9),  # Guadeloupe
    (14.3, 15.0, -61.3, -60.7),  # Martinique
    (2.0, 6.0, -54.7, -51.5),  # Guyane
    (-21.5, -20.8, 55.1, 55.9),  # La Réunion
    (-13.1, -12.5, 44.9, 45.4),  # Mayotte
)


class GeoPoint(_Input):
    """Un point en France (métropole, Corse ou département d'outre-mer), en degrés WGS 84."""

    latitude: float = Field(ge=-90, le=90)
    longitude: float = Field(ge=-180, le=180)

    @model_validator(mode="after")
    def _in_france(self) -> GeoPoint:
        if not any(s <= self.latitude <= n and w <= self.longitude <= e for s, n, w, e in _FRANCE):
            raise PydanticCustomError(
                "outside_france",
                "Point hors de France (métropole, Corse ou départements d'outre-mer).",
            )
        return self


class SalesTerritory(_Input):
    """Territoire de vente : le disque (centre, rayon) et les codes postaux et communes
    listés. Il sert aux tournées et au ciblage."""

    label: Blank200 = Field(default="", description="Nom du territoire.")
    centre: GeoPoint
    radius_km: int = Field(ge=1, le=500, description="Rayon autour du centre, en km.")
    postcodes: Postcodes = Field(default_factory=list)
    communes: Communes = Field(
        default_factory=list, description="Codes INSEE des communes (pas les codes postaux)."
    )


class CompanyIdentity(_Input):
    """Identité de l'entreprise."""

    name: Text200 = Field(description="Raison sociale.")
    legal_form: LegalForm
    siren: Siren
    siret: Siret = Field(description="SIRET du siège : le SIREN suivi de 5 chiffres (NIC).")
    tva_number: TvaNumber = Field(description="Numéro de TVA intracommunautaire (FR…).")
    address: CompanyAddress
    naf_code: NafCode = Field(description="Code NAF/APE, ex. 61.10Z.")
    size_band: SizeBand = Field(
        description="Effectif : micro (0-9), small (10-49), medium (50-249), intermediate "
        "(250-4999), large (5000+)."
    )
    values: list[Text200] = Field(default_factory=list, max_length=20)
    positioning: Multiline4000 = Field(description="Positionnement face au marché.")
    territory: SalesTerritory

    @model_validator(mode="after")
    def _same_company(self) -> CompanyIdentity:
        errors = _Errors()
        if not self.siret.startswith(self.siren):
            errors.add(
                ("siret",),
                "siret_siren",
                f"Le SIRET doit commencer par le SIREN ({self.siren}).",
                self.siret,
            )
        if not identifiers.tva_matches_siren(self.tva_number, self.siren):
            errors.add(
                ("tva_number",),
                "tva_siren",
                f"Le numéro de TVA ne correspond pas au SIREN ({self.siren}).",
                self.tva_number,
            )
        errors.raise_any("CompanyIdentity")
        return self


# ----------------------------------------------------------------- market


class SegmentCriteria(_Input):
    """Critères qu'un prospect doit remplir pour appartenir au segment (tous ceux qui sont
    donnés). Au moins un critère en plus du type de clientèle."""

    kind: MarketKind = Field(description="Clientèle : b2b (entreprises) ou b2c (particuliers).")
    naf_prefixes: NafPrefixes = Field(
        default_factory=list, description="Débuts de codes NAF : 47, 47.1, 47.11 ou 47.11B."
    )
    size_bands: SizeBands = Field(default_factory=list)
    postcodes: Postcodes = Field(default_factory=list)
    departments: Departments = Field(
        default_factory=list, description="Départements : 69, 2A, 974…"
    )
    within_radius: bool = Field(
        default=False, description="Dans le rayon du territoire de vente (centre et rayon)."
    )
    personas: PersonaNames = Field(
        default_factory=list, description="Noms des personas du fichier prospects."
    )

    @model_validator(mode="after")
    def _matches_someone(self) -> SegmentCriteria:
        if not (
            self.naf_prefixes
            or self.size_bands
            or self.postcodes
            or self.departments
            or self.within_radius
            or self.personas
        ):
            raise PydanticCustomError(
                "segment_without_criterion",
                "Segment sans critère : indiquez au moins un secteur (NAF), une taille, une "
                "zone (codes postaux, départements ou rayon) ou un persona.",
            )
        errors = _Errors()
        if self.kind is MarketKind.B2C:
            # Individuals have neither a NAF code nor a headcount: no one would match.
            for field, what in (("naf_prefixes", "un code NAF"), ("size_bands", "une taille")):
                if getattr(self, field):
                    errors.add(
                        (field,),
                        "b2c_company_criterion",
                        f"Un segment B2C (particuliers) ne peut pas exiger {what} "
                        "d'entreprise : aucun prospect ne correspondrait.",
                        getattr(self, field),
                    )
        errors.raise_any("SegmentCriteria")
        return self


class MarketSegment(_Input):
    """Segment de clientèle."""

    code: Code = Field(description="Identifiant du segment (ex. pme-tertiaire).")
    label: Text150
    description: Multiline2000 = ""
    criteria: SegmentCriteria


class MarketDefinition(_Input):
    """Marché : clientèles visées et segments."""

    kinds: MarketKinds
    segments: list[MarketSegment] = Field(min_length=1, max_length=MAX_SEGMENTS)

    @model_validator(mode="after")
    def _segments(self) -> MarketDefinition:
        errors = _Errors()
        errors.duplicates(("segments",), self.segments, lambda s: s.code, "Code de segment", "code")
        for index, segment in enumerate(self.segments):
            if segment.code == ALL:
                errors.add(
                    ("segments", index, "code"),
                    "reserved_code",
                    f"« {ALL} » est réservé (tous les clients) : choisissez un autre code.",
                    segment.code,
                )
            if segment.criteria.kind not in self.kinds:
                errors.add(
                    ("segments", index, "criteria", "kind"),
                    "segment_kind",
                    f"Clientèle « {segment.criteria.kind} » absente du marché "
                    f"({', '.join(self.kinds)}).",
                    segment.criteria.kind,
                )
        errors.raise_any("MarketDefinition")
        return self


# ----------------------------------------------------------------- policy


class OfferRule(_Input):
    """Ce qui peut être offert, à qui (codes de segments, ou « all » pour tous) et jusqu'à
    quelle valeur. Pour la fidélisation, une règle peut aussi limiter la remise, viser des
    segments RFM (champions, à risque…) et des familles de produits."""

    label: Text200
    who: SegmentCodes = Field(description='Codes des segments concernés, ou ["all"].')
    offer: Text500 = Field(description="Ce qui peut être offert.")
    max_value: Money | None = Field(default=None, description="Valeur maximale, € HT.")
    max_discount: Percent | None = Field(
        default=None,
        description="Remise maximale de l'offre, en % (absente : celle de la politique "
        "commerciale pour le segment et la famille).",
    )
    rfm_segments: list[RfmSegment] = Field(
        default_factory=list,
        max_length=len(RfmSegment),
        description="Segments RFM éligibles (champions, new, loyal, promising, at_risk, lost, "
        "hibernating, needs_attention) ; vide : tous.",
    )
    families: list[Code] = Field(
        default_factory=list,
        max_length=MAX_FAMILIES,
        description="Familles de produits sur lesquelles porte l'offre ; vide : toutes.",
    )


class LoyaltyPolicy(_Input):
    """Politique de fidélisation : quand un compte devient inactif, la durée de relation
    attendue (valeur vie client), le rythme d'information des clients."""

    inactivity_factor: (
        Annotated[Decimal, _Decimal(places=2, maximum=Decimal(10), positive=True)] | None
    ) = Field(
        default=Decimal("2.00"),
        description="Inactif au-delà de son intervalle habituel entre deux commandes multiplié "
        "par ce facteur (rythme propre du client, deux commandes au moins) ; absent : le seuil.",
    )
    inactive_after_days: int | None = Field(
        default=180,
        ge=7,
        le=1095,
        description="Inactif sans commande depuis ce nombre de jours (seuil du cas) ; sert "
        "quand le rythme du client ne se mesure pas ou que le facteur est absent.",
    )
    expected_lifetime_years: Annotated[
        Decimal, _Decimal(places=1, maximum=Decimal(30), positive=True)
    ] = Field(
        default=Decimal("3.0"),
        description="Durée de relation attendue, en années (valeur vie client).",
    )
    information_every_days: int = Field(
        default=90,
        ge=7,
        le=365,
        description="Chaque client est informé des nouveautés et promotions au moins tous les "
        "N jours.",
    )


class PerformancePolicy(_Input):
    """Pilotage de la performance : ce que l'analyse des écarts et ses actions correctives
    lisent (budget d'actions, taux de marque visé, temps commercial disponible)."""

    action_budget: Money | None = Field(
        default=None,
        description="Budget des actions commerciales d'un plan (PAC), en € ; absent : pas de "
        "plafond.",
    )
    target_markup_rate: Percent | None = Field(
        default=None, description="Taux de marque visé sur les ventes, en % ; absent : aucun."
    )
    weekly_hours: int = Field(
        default=35,
        ge=1,
        le=48,
        description="Heures de travail commercial par semaine (capacité de l'agenda).",
    )
    close_to_target_pct: int = Field(
        default=10,
        ge=1,
        le=50,
        description="Un objectif à moins de ce pourcentage de sa cible est « proche ».",
    )


class ProcedureStep(_Input):
    """Étape d'une procédure."""

    code: Code
    label: Text200
    required: bool = True
    approval_by: Approver | None = Field(default=None, description="Qui valide l'étape.")


class AuthorityLimits(_Input):
    """Délégation du commercial : au-delà, il faut l'accord prévu par la procédure."""

    max_discount: Percent = Field(description="Remise maximale accordée seul, en %.")
    max_commercial_gesture: Money = Field(description="Geste commercial maximal, € HT.")
    max_credit_note: Money = Field(description="Avoir maximal, € HT.")
    max_gesture_rate: Percent | None = Field(
        default=None,
        description="Geste commercial maximal en % du montant HT de la commande (le plus "
        "petit des deux plafonds s'applique).",
    )
    free_replacement: bool = Field(
        default=False, description="Le commercial peut accorder seul un remplacement gratuit."
    )
    max_payment_delay_days: int = Field(
        default=0,
        ge=0,
        le=90,
        description="Délai de paiement supplémentaire accordé seul, en jours.",
    )


class Escalation(_Input):
    """Service vers lequel escalader, et comment le joindre."""

    department: EscalationDepartment
    contact: Text200 = Field(description="Contact : nom, adresse ou numéro.")


class CharterRule(_Input):
    code: Code
    label: Text500
    kind: CharterRuleKind


class SocialMediaCharter(_Input):
    """Charte réseaux sociaux : ce que les publications doivent dire et ne jamais dire."""

    company_page: Text150 = Field(description="Nom de la page de l'entreprise.")
    tone: Text500
    themes: list[Text100] = Field(default_factory=list, max_length=20)
    required_mentions: list[Text300] = Field(default_factory=list, max_length=20)
    forbidden_claims: list[Text200] = Field(default_factory=list, max_length=50)
    forbidden_words: list[Text60] = Field(default_factory=list, max_length=100)
    rules: list[CharterRule] = Field(default_factory=list, max_length=50)
    networks: list[SocialNetwork] = Field(
        default_factory=lambda: [SocialNetwork.LINKEDIN],
        min_length=1,
        max_length=len(SocialNetwork),
        description="Réseaux où l'entreprise et ses commerciaux sont présents.",
    )
    posts_per_week_min: int = Field(
        default=1, ge=0, le=21, description="Publications par semaine et par commercial, au moins."
    )
    posts_per_week_max: int = Field(
        default=3, ge=1, le=21, description="Publications par semaine et par commercial, au plus."
    )
    confidential_terms: list[Text100] = Field(
        default_factory=list,
        max_length=100,
        description="Termes internes qui ne sortent pas de l'entreprise (projets, partenaires, "
        "conditions négociées) : leur présence bloque une publication.",
    )

    @model_validator(mode="after")
    def _codes(self) -> SocialMediaCharter:
        errors = _Errors()
        errors.duplicates(("rules",), self.rules, lambda r: r.code, "Code de règle", "code")
        errors.duplicates(("networks",), self.networks, lambda n: n, "Réseau")
        if self.posts_per_week_min > self.posts_per_week_max:
            errors.add(
                ("posts_per_week_min",),
                "posts_per_week_order",
                "Le minimum de publications par semaine dépasse le maximum.",
                self.posts_per_week_min,
            )
        errors.raise_any("SocialMediaCharter")
        return self


class MandatoryPoint(_Input):
    """Un point que toute présentation de l'entreprise doit contenir (un de ses mots-clés
    suffit, comparé sans casse ni accents)."""

    code: Code
    label: Text200 = Field(description="Ce que la présentation doit dire.")
    keywords: Annotated[list[Text100], Field(min_length=1, max_length=20)] = Field(
        description="Mots ou expressions dont un seul suffit à montrer le point."
    )
    kinds: list[PresentationKind] = Field(
        default_factory=list,
        max_length=len(PresentationKind),
        description="Présentations concernées (elevator_pitch, phone_introduction, "
        "visit_presentation, trade_fair_pitch, email_introduction) ; vide : toutes.",
    )


class InterlocutorProfile(_Input):
    """Ce qu'attend un type d'interlocuteur : ses mobiles d'achat (SONCAS)."""

    interlocutor: Interlocutor
    motives: Annotated[list[Motive], Field(min_length=1, max_length=len(Motive))] = Field(
        description="Mobiles d'achat attendus (securite, orgueil, nouveaute, confort, argent, "
        "sympathie)."
    )
    expects: Blank200 = Field(default="", description="Ce qu'il veut entendre, en une phrase.")


class PresentationPolicy(_Input):
    """Consignes de présentation de l'entreprise et de ses offres : les points obligatoires
    et les mobiles d'achat de chaque type d'interlocuteur (sinon ceux par défaut)."""

    mandatory_points: list[MandatoryPoint] = Field(default_factory=list, max_length=30)
    interlocutors: list[InterlocutorProfile] = Field(
        default_factory=list, max_length=len(Interlocutor)
    )

    @model_validator(mode="after")
    def _codes(self) -> PresentationPolicy:
        errors = _Errors()
        errors.duplicates(
            ("mandatory_points",), self.mandatory_points, lambda p: p.code, "Point", "code"
        )
        errors.duplicates(
            ("interlocutors",),
            self.interlocutors,
            lambda i: i.interlocutor,
            "Interlocuteur",
            "interlocutor",
        )
        errors.raise_any("PresentationPolicy")
        return self


class CommercialPolicy(_Input):
    """Politique commerciale."""

    pricing_policy: Multiline4000 = Field(description="Politique tarifaire.")
    max_discount: Percent = Field(description="Remise maximale par défaut, en %.")
    max_discount_by_segment: dict[Code, Percent] = Field(
        default_factory=dict,
        max_length=MAX_SEGMENTS,
        description="Remise maximale par code de segment, en % (remplace le défaut).",
    )
    max_discount_by_family: dict[Code, Percent] = Field(
        default_factory=dict,
        max_length=MAX_FAMILIES,
        description="Remise maximale par famille de produits, en % (remplace le défaut).",
    )
    payment_terms_days: PaymentDays = Field(
        description="Délai de paiement en jours (60 au plus entre professionnels)."
    )
    escompte_rate: EscompteRate = Field(description="Escompte pour paiement anticipé, en %.")
    late_payment_rate: Percent | None = Field(
        default=None,
        description="Taux annuel des pénalités de retard entre professionnels, en % ; absent : "
        "le taux légal (taux directeur de la BCE majoré de 10 points, code de commerce "
        "art. L441-10).",
    )
    delivery_terms: Multiline2000 = Field(description="Conditions de livraison.")
    after_sales_rules: list[OfferRule] = Field(default_factory=list, max_length=50)
    loyalty_rules: list[OfferRule] = Field(default_factory=list, max_length=50)
    procedures: dict[
        CaseType, Annotated[list[ProcedureStep], Field(min_length=1, max_length=20)]
    ] = Field(
        default_factory=dict,
        max_length=len(CaseType),
        description="Étapes de vente et de traitement par type de situation.",
    )
    authority: AuthorityLimits
    complaint_response_days: int = Field(
        default=2, ge=0, le=60, description="Délai de réponse à une réclamation, en jours."
    )
    complaint_resolution_days: int = Field(
        default=15, ge=1, le=180, description="Délai de résolution d'une réclamation, en jours."
    )
    relaunch_days: list[Annotated[int, Field(ge=0, le=365)]] = Field(
        default_factory=lambda: [5, 15, 30],
        min_length=3,
        max_length=3,
        description="Jours après l'échéance à partir desquels envoyer la relance, la seconde "
        "relance et la mise en demeure.",
    )
    escalation: list[Escalation] = Field(default_factory=list, max_length=len(EscalationDepartment))
    social_media: SocialMediaCharter | None = None
    presentation: PresentationPolicy = Field(default_factory=PresentationPolicy)
    loyalty: LoyaltyPolicy = Field(default_factory=LoyaltyPolicy)
    performance: PerformancePolicy = Field(default_factory=PerformancePolicy)

    @model_validator(mode="after")
    def _unique_codes(self) -> CommercialPolicy:
        errors = _Errors()
        for case_type, steps in self.procedures.items():
            errors.duplicates(
                ("procedures", case_type.value), steps, lambda s: s.code, "Code d'étape", "code"
            )
        errors.duplicates(
            ("escalation",), self.escalation, lambda e: e.department, "Service", "department"
        )
        if any(b <= a for a, b in zip(self.relaunch_days, self.relaunch_days[1:], strict=False)):
            errors.add(
                ("relaunch_days",),
                "relaunch_order",
                "Les relances se suivent : chaque niveau vient plus tard que le précédent.",
                self.relaunch_days,
            )
        errors.raise_any("CommercialPolicy")
        return self


# ----------------------------------------------------------------- catalogue


class CapArgument(_Input):
    """Argument CAP : caractéristique, avantage, preuve."""

    feature: Text500 = Field(description="Caractéristique.")
    advantage: Text500 = Field(description="Avantage pour le client.")
    proof: Text500 = Field(description="Preuve.")
    motives: list[Motive] = Field(
        default_factory=list,
        max_length=len(Motive),
        description="Mobiles d'achat (SONCAS) auxquels l'argument répond.",
    )


class SalesSupport(_Input):
    label: Text200
    kind: SupportKind
    url: WebAddress | None = Field(default=None, description="Adresse http(s) du support.")


class EcoInfo(_Input):
    """Informations environnementales."""

    repairability_index: RepairabilityIndex | None = Field(
        default=None, description="Indice de réparabilité, de 0 à 10 (une décimale)."
    )
    spare_parts_years: int | None = Field(
        default=None, ge=0, le=30, description="Disponibilité des pièces détachées, en années."
    )
    end_of_life: Multiline1000 = Field(default="", description="Fin de vie, recyclage.")
    take_back: bool = Field(default=False, description="Reprise de l'ancien matériel.")


class CatalogueItem(_Input):
    """Produit ou service du catalogue."""

    reference: Reference
    kind: ProductKind
    family: Code = Field(description="Code d'une famille du catalogue.")
    label: Text200
    description: Multiline4000 = ""
    unit: Text30 = Field(description="Unité de vente : unité, mois, heure, forfait…")
    price_ht: Price = Field(description="Prix de vente unitaire HT, en €.")
    tva_rate: TvaRate
    cost_ht: Money = Field(description="Coût d'achat ou de revient unitaire HT, en €.")
    arguments: list[CapArgument] = Field(default_factory=list, max_length=20)
    supports: list[SalesSupport] = Field(default_factory=list, max_length=20)
    stock: int | None = Field(default=None, ge=0, le=10_000_000, description="Quantité en stock.")
    lead_time_days: int | None = Field(
        default=None, ge=0, le=365, description="Délai de livraison ou de mise en service, jours."
    )
    eco: EcoInfo | None = None

    @model_validator(mode="after")
    def _availability(self) -> CatalogueItem:
        errors = _Errors()
        if self.kind is ProductKind.SERVICE and self.stock is not None:
            message = "Un service n'a pas de stock : indiquez son délai de mise en service."
            errors.add(("stock",), "service_stock", message, self.stock)
        elif self.stock is None and self.lead_time_days is None:
            message = "Indiquez le stock ou le délai de livraison."
            errors.add(("lead_time_days",), "availability", message, None)
        errors.raise_any("CatalogueItem")
        return self


class ProductFamily(_Input):
    """Famille de produits (sert aux remises et à la décomposition des objectifs)."""

    code: Code
    label: Text200


class ProductCatalogue(_Input):
    """Catalogue : familles, puis produits et services."""

    families: list[ProductFamily] = Field(min_length=1, max_length=MAX_FAMILIES)
    products: list[CatalogueItem] = Field(min_length=1, max_length=MAX_PRODUCTS)

    @model_validator(mode="after")
    def _references(self) -> ProductCatalogue:
        errors = _Errors()
        errors.duplicates(("families",), self.families, lambda f: f.code, "Famille", "code")
        errors.duplicates(
            ("products",), self.products, lambda p: p.reference, "Référence", "reference"
        )
        families = {family.code for family in self.families}
        for index, product in enumerate(self.products):
            if product.family not in families:
                errors.add(
                    ("products", index, "family"),
                    "unknown_family",
                    _unknown("Famille inconnue", product.family, families),
                    product.family,
                )
        errors.raise_any("ProductCatalogue")
        return self


# ----------------------------------------------------------------- objections


class CaseObjection(_Input):
    """Une objection de la bibliothèque de l'entreprise et la réponse qu'elle recommande."""

    kind: ObjectionKind = Field(
        description="Type : price, product, company, timing, competitor, need."
    )
    objection: Text500 = Field(description="Ce que dit le client.")
    answer: Multiline2000 = Field(description="La réponse recommandée.")
    technique: Blank100 = Field(
        default="", description="Technique : reformulation, « oui mais », compensation…"
    )


# ----------------------------------------------------------------- the document


class BusinessCaseDocument(_Input):
    """Cas d'entreprise CapVente : l'entreprise pour laquelle le stagiaire vend (identité,
    marché, politique commerciale, catalogue, concurrents). Montants et taux : nombre ou
    chaîne, deux décimales au plus ; exportés en chaînes à deux décimales (« 19.90 »)."""

    schema_version: Literal[1] = Field(
        description="Version du format (1).",
        # Bounded like every integer the API takes (tests/test_input_bounds.py).
        json_schema_extra={"minimum": SCHEMA_VERSION, "maximum": SCHEMA_VERSION},
    )
    identity: CompanyIdentity
    market: MarketDefinition
    policy: CommercialPolicy
    catalogue: ProductCatalogue
    competitors: CompetitorNames = Field(
        default_factory=list, description="Concurrents suivis par la veille."
    )
    objections: list[CaseObjection] = Field(
        default_factory=list,
        max_length=100,
        description="Bibliothèque d'objections de l'entreprise, que le stagiaire enrichit.",
    )

    @model_validator(mode="after")
    def _references_between_sections(self) -> BusinessCaseDocument:
        errors = _Errors()
        segments = {segment.code for segment in self.market.segments}
        families = set(self.families())
        for code in self.policy.max_discount_by_segment:
            if code not in segments:
                errors.add(
                    ("policy", "max_discount_by_segment", code),
                    "unknown_segment",
                    _unknown("Segment inconnu", code, segments),
                    code,
                )
        for code in self.policy.max_discount_by_family:
            if code not in families:
                errors.add(
                    ("policy", "max_discount_by_family", code),
                    "unknown_family",
                    _unknown("Famille inconnue", code, families),
                    code,
                )
        for field in ("after_sales_rules", "loyalty_rules"):
            for index, rule in enumerate(getattr(self.policy, field)):
                _check_who(errors, ("policy", field, index, "who"), rule.who, segments)
                for position, family in enumerate(rule.families):
                    if family not in families:
                        errors.add(
                            ("policy", field, index, "families", position),
                            "unknown_family",
                            _unknown("Famille inconnue", family, families),
                            family,
                        )
        errors.raise_any("BusinessCaseDocument")
        return self

    # ------------------------------------------------------------- reading helpers

    def families(self) -> list[str]:
        """The family codes of the catalogue, in its order."""
        return [family.code for family in self.catalogue.families]

    def segment(self, code: str) -> MarketSegment | None:
        return next((s for s in self.market.segments if s.code == code), None)

    def product(self, reference: str) -> CatalogueItem | None:
        return next((p for p in self.catalogue.products if p.reference == reference), None)

    def max_discount_for(
        self, segment_code: str | None = None, family: str | None = None
    ) -> Decimal:
        """The largest discount (%) the policy lets a salesperson grant on a sale to this
        segment of a product of this family.

        The rule: the limits set for the segment (``max_discount_by_segment``) and for the
        family (``max_discount_by_family``) both apply, so the smaller one wins; the default
        (``max_discount``) applies only when neither is set. A segment or family the document
        does not have is the caller's error (``KeyError``). The salesperson's own authority
        (``policy.authority.max_discount``) is another limit: above it, up to this one, the
        procedure's approval is needed.
        """
        if segment_code is not None and self.segment(segment_code) is None:
            raise KeyError(segment_code)
        if family is not None and family not in self.families():
            raise KeyError(family)
        policy = self.policy
        limits = [
            limits[key]
            for limits, key in (
                (policy.max_discount_by_segment, segment_code),
                (policy.max_discount_by_family, family),
            )
            if key is not None and key in limits
        ]
        return min(limits) if limits else policy.max_discount


def _unknown(what: str, code: str, known: Iterable[str]) -> str:
    """``what`` (« Segment inconnu ») naming ``code``, then the codes the document has."""
    return f"{what} : « {code} » (codes du cas : {', '.join(sorted(known)) or 'aucun'})."


def _check_who(errors: _Errors, loc: Loc, who: list[str], segments: set[str]) -> None:
    if ALL in who and len(who) > 1:
        errors.add(
            loc,
            "all_and_segments",
            f"« {ALL} » (tous les clients) s'emploie seul, sans code de segment.",
            who,
        )
    for index, code in enumerate(who):
        if code != ALL and code not in segments:
            errors.add(
                (*loc, index), "unknown_segment", _unknown("Segment inconnu", code, segments), code
            )


# ----------------------------------------------------------------- JSON Schema


def json_schema() -> dict[str, Any]:
    """The published JSON Schema of the document (what an input may be)."""
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        **BusinessCaseDocument.model_json_schema(mode="validation"),
    }


def schema_text() -> str:
    """The schema as the file ``docs/schemas/business-case.schema.json`` holds it."""
    return json.dumps(json_schema(), ensure_ascii=False, indent=2) + "\n"


if __name__ == "__main__":
    sys.stdout.write(schema_text())
