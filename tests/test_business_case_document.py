"""The business case document (app/business_cases/document.py): no database.

The example (tests/data/business_case_example.json) validates and round-trips; each rule
breaks with the location the API will name and a French message; the published JSON Schema
(docs/schemas/business-case.schema.json) is the model's, is bounded and agrees with it.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import jsonschema_rs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from app.business_cases import document as bc
from app.business_cases.document import BusinessCaseDocument, CaseType
from app.common import identifiers
from app.core.errors import field_errors
from tests.test_input_bounds import _unbounded

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE_PATH = ROOT / "tests" / "data" / "business_case_example.json"
SCHEMA_PATH = ROOT / "docs" / "schemas" / "business-case.schema.json"
EXAMPLE: dict[str, Any] = json.loads(EXAMPLE_PATH.read_text(encoding="utf-8"))


def example() -> dict[str, Any]:
    return copy.deepcopy(EXAMPLE)


def errors_of(data: dict[str, Any]) -> dict[str, str]:
    """{dotted field: French message} as the API's problem+json will show them."""
    with pytest.raises(ValidationError) as caught:
        BusinessCaseDocument.model_validate(data)
    body = [{**e, "loc": ("body", *e["loc"])} for e in caught.value.errors()]
    return {e["field"]: e["message"] for e in field_errors(body)}


# ----------------------------------------------------------------- the example


def test_the_example_is_a_complete_case() -> None:
    doc = BusinessCaseDocument.model_validate(EXAMPLE)
    assert doc.identity.name == "Rhône Télécom Services"  # the first employer of offers.json
    offers = json.loads((ROOT / "seed" / "data" / "offers.json").read_text(encoding="utf-8"))
    assert offers["offers"][0]["employer"] == doc.identity.name
    assert [s.code for s in doc.market.segments] == [
        "commerces-proximite", "cabinets-pme", "foyers-fibre",
    ]  # fmt: skip
    assert doc.families() == ["fibre", "telephonie", "equipements"]
    assert len(doc.catalogue.products) == 8
    assert set(doc.policy.procedures) == set(CaseType)
    assert identifiers.tva_matches_siren(doc.identity.tva_number, doc.identity.siren)
    assert doc.identity.siret.startswith(doc.identity.siren)


def test_the_example_round_trips_through_json() -> None:
    doc = BusinessCaseDocument.model_validate(EXAMPLE)
    exported = doc.model_dump_json()
    again = BusinessCaseDocument.model_validate_json(exported)
    assert again == doc
    assert again.model_dump_json() == exported
    # Money and rates leave as strings with two decimals (one for the repairability index).
    data = json.loads(exported)
    product = data["catalogue"]["products"][5]
    assert (product["price_ht"], product["tva_rate"], product["cost_ht"]) == (
        "169.00", "20.00", "92.00",
    )  # fmt: skip
    assert product["eco"]["repairability_index"] == "6.8"
    assert data["policy"]["max_discount_by_segment"]["cabinets-pme"] == "15.00"
    # The export is the example, with the defaults written out.
    assert data["identity"]["siren"] == EXAMPLE["identity"]["siren"]
    assert data["catalogue"]["products"][0]["stock"] is None


def test_numbers_are_accepted_and_written_back_with_two_decimals() -> None:
    data = example()
    product = data["catalogue"]["products"][0]
    product.update(price_ht=19.9, tva_rate=5.5, cost_ht=7)
    data["policy"]["max_discount"] = 12
    doc = BusinessCaseDocument.model_validate_json(json.dumps(data))
    exported = json.loads(doc.model_dump_json())
    assert exported["catalogue"]["products"][0]["price_ht"] == "19.90"
    assert exported["catalogue"]["products"][0]["tva_rate"] == "5.50"
    assert exported["catalogue"]["products"][0]["cost_ht"] == "7.00"
    assert exported["policy"]["max_discount"] == "12.00"
    assert doc.catalogue.products[0].price_ht == Decimal("19.90")


def test_identifiers_are_normalised() -> None:
    data = example()
    data["identity"].update(
        siren="842 156 374", siret="842 156 374 00022", tva_number="fr 53 842 156 374",
        naf_code="6110Z",
    )  # fmt: skip
    identity = BusinessCaseDocument.model_validate(data).identity
    assert (identity.siren, identity.siret, identity.tva_number, identity.naf_code) == (
        "842156374", "84215637400022", "FR53842156374", "61.10Z",
    )  # fmt: skip


# ----------------------------------------------------------------- each rule, its field


def _set(path: str, value: Any) -> Callable[[dict[str, Any]], None]:
    """A change setting the field at the dotted ``path`` (list indexes as numbers)."""

    def change(data: dict[str, Any]) -> None:
        *parents, last = [int(p) if p.isdigit() else p for p in path.split(".")]
        node: Any = data
        for key in parents:
            node = node[key]
        node[last] = value

    return change


def _products(count: int) -> Callable[[dict[str, Any]], None]:
    def change(data: dict[str, Any]) -> None:
        base = data["catalogue"]["products"][0]
        data["catalogue"]["products"] = [{**base, "reference": f"P-{i}"} for i in range(count)]

    return change


def _duplicate_reference(data: dict[str, Any]) -> None:
    data["catalogue"]["products"][1]["reference"] = data["catalogue"]["products"][0]["reference"]


def _no_criterion(data: dict[str, Any]) -> None:
    data["market"]["segments"][2]["criteria"] = {"kind": "b2c"}


def _b2c_with_size(data: dict[str, Any]) -> None:
    data["market"]["segments"][2]["criteria"]["size_bands"] = ["micro"]


def _duplicate_segment(data: dict[str, Any]) -> None:
    data["market"]["segments"][1]["code"] = "commerces-proximite"
    data["policy"]["max_discount_by_segment"].pop("cabinets-pme")
    data["policy"]["loyalty_rules"][1]["who"] = ["all"]
    data["policy"]["after_sales_rules"][0]["who"] = ["commerces-proximite"]


RULES: list[tuple[str, Callable[[dict[str, Any]], None], str, str]] = [
    ("invalid SIREN", _set("identity.siren", "842156375"), "identity.siren",
     "SIREN invalide : la clé de contrôle ne correspond pas."),
    ("SIREN of 8 digits", _set("identity.siren", "84215637"), "identity.siren",
     "SIREN invalide : 9 chiffres attendus."),
    # A valid SIRET, of another company.
    ("SIRET of another SIREN", _set("identity.siret", "73282932000074"), "identity.siret",
     "Le SIRET doit commencer par le SIREN (842156374)."),
    ("TVA of another SIREN", _set("identity.tva_number", "FR40303265045"), "identity.tva_number",
     "Le numéro de TVA ne correspond pas au SIREN (842156374)."),
    ("TVA with a wrong key", _set("identity.tva_number", "FR54842156374"), "identity.tva_number",
     "Numéro de TVA invalide : la clé de contrôle ne correspond pas."),
    ("postcode", _set("identity.address.postcode", "00123"), "identity.address.postcode",
     "Code postal invalide : 5 chiffres attendus."),
    ("commune given as a postcode", _set("identity.territory.communes.0", "99001"),
     "identity.territory.communes.0", "Code commune INSEE invalide"),
    ("centre in New York", _set("identity.territory.centre", {"latitude": 40.7, "longitude": -74.0}),
     "identity.territory.centre", "Point hors de France"),
    ("radius of 600 km", _set("identity.territory.radius_km", 600), "identity.territory.radius_km",
     "Doit être inférieur ou égal à 500."),
    ("TVA rate 19.6", _set("catalogue.products.0.tva_rate", "19.6"), "catalogue.products.0.tva_rate",
     "Taux de TVA non applicable en France : 20, 10, 5,5 ou 2,1 % attendu."),
    ("payment terms of 90 days", _set("policy.payment_terms_days", 90), "policy.payment_terms_days",
     "60 jours au plus à compter de la facture entre professionnels (plafond légal, code de "
     "commerce, art. L441-10)"),
    ("escompte of 12 %", _set("policy.escompte_rate", "12"), "policy.escompte_rate",
     "Doit être compris entre 0 et 10.00 %."),
    ("duplicate product reference", _duplicate_reference, "catalogue.products.1.reference",
     "Référence en double : « FIB-PRO-500 »."),
    ("reference in lower case", _set("catalogue.products.0.reference", "fib-pro"),
     "catalogue.products.0.reference", "Référence invalide"),
    ("product of an unknown family", _set("catalogue.products.0.family", "mobile"),
     "catalogue.products.0.family", "Famille inconnue : « mobile »"),
    ("unknown family in the discount map", _set("policy.max_discount_by_family.mobile", "5"),
     "policy.max_discount_by_family.mobile", "Famille inconnue : « mobile » (codes du cas : equipements, fibre, telephonie)."),
    ("unknown segment in the discount map", _set("policy.max_discount_by_segment.pme", "5"),
     "policy.max_discount_by_segment.pme", "Segment inconnu : « pme »"),
    ("unknown segment in a loyalty rule", _set("policy.loyalty_rules.1.who", ["pme"]),
     "policy.loyalty_rules.1.who.0", "Segment inconnu : « pme »"),
    ("'all' beside a segment", _set("policy.loyalty_rules.0.who", ["all", "foyers-fibre"]),
     "policy.loyalty_rules.0.who", "« all » (tous les clients) s'emploie seul"),
    ("segment with no criterion", _no_criterion, "market.segments.2.criteria",
     "Segment sans critère"),
    ("B2C segment filtered by size", _b2c_with_size, "market.segments.2.criteria.size_bands",
     "Un segment B2C (particuliers) ne peut pas exiger une taille d'entreprise"),
    ("segment kind outside the market", _set("market.kinds", ["b2b"]),
     "market.segments.2.criteria.kind", "Clientèle « b2c » absente du marché (b2b)."),
    ("duplicate segment code", _duplicate_segment, "market.segments.1.code",
     "Code de segment en double : « commerces-proximite »."),
    ("segment code 'all'", _set("market.segments.0.code", "all"), "market.segments.0.code",
     "« all » est réservé"),
    ("segment code with capitals", _set("market.segments.0.code", "PME"), "market.segments.0.code",
     "Code invalide"),
    ("more than 500 products", _products(501), "catalogue.products", "Liste trop longue."),
    ("price with 3 decimals", _set("catalogue.products.0.price_ht", "19.999"),
     "catalogue.products.0.price_ht", "Au plus 2 décimale(s) (ex. 19.90)."),
    ("price of 0", _set("catalogue.products.0.price_ht", "0"), "catalogue.products.0.price_ht",
     "Doit être supérieur à 0."),
    ("price above 10 million", _set("catalogue.products.0.price_ht", "10000000.01"),
     "catalogue.products.0.price_ht", "Doit être compris entre 0 et 10000000.00 €."),
    ("negative cost", _set("catalogue.products.0.cost_ht", "-1"), "catalogue.products.0.cost_ht",
     "Doit être compris entre 0 et 10000000.00 €."),
    ("price NaN", _set("catalogue.products.0.price_ht", "NaN"), "catalogue.products.0.price_ht",
     "Nombre fini attendu."),
    ("price Infinity", _set("catalogue.products.0.price_ht", "-Infinity"),
     "catalogue.products.0.price_ht", "Nombre fini attendu."),
    ("price not a number", _set("catalogue.products.0.price_ht", "12,50"),
     "catalogue.products.0.price_ht", "Nombre attendu."),
    ("non-http support URL", _set("catalogue.products.0.supports.0.url", "ftp://x.example/a.pdf"),
     "catalogue.products.0.supports.0.url", "Adresse web invalide"),
    ("script URL", _set("catalogue.products.0.supports.0.url", "javascript:alert(1)"),
     "catalogue.products.0.supports.0.url", "Adresse web invalide"),
    ("service with a stock", _set("catalogue.products.0.stock", 3), "catalogue.products.0.stock",
     "Un service n'a pas de stock"),
    ("neither stock nor lead time", _set("catalogue.products.0.lead_time_days", None),
     "catalogue.products.0.lead_time_days", "Indiquez le stock ou le délai de livraison."),
    ("duplicate escalation department", _set("policy.escalation.1.department", "customer_service"),
     "policy.escalation.1.department", "Service en double : « customer_service »."),
    ("duplicate step code", _set("policy.procedures.order.1.code", "eligibilite"),
     "policy.procedures.order.1.code", "Code d'étape en double : « eligibilite »."),
    ("unknown case type", _set("policy.procedures.meeting", [{"code": "a", "label": "A"}]),
     "policy.procedures.meeting.[key]", "Valeur non reconnue"),
    ("duplicate postcode", _set("identity.territory.postcodes.1", "69001"),
     "identity.territory.postcodes.1", "Code postal en double : « 69001 »."),
    ("duplicate competitor", _set("competitors.2", "Fibrolo"), "competitors.2",
     "Concurrent en double : « Fibrolo »."),
    ("extra field", _set("identity.founded", 1999), "identity.founded", "Champ inconnu."),
    ("extra field at the root", _set("notes", "x"), "notes", "Champ inconnu."),
    ("schema version 2", _set("schema_version", 2), "schema_version",
     "Valeur non reconnue : valeurs permises 1."),
    ("control character", _set("catalogue.products.0.label", "Fibre\x00"),
     "catalogue.products.0.label", "Caractère de contrôle interdit (U+0000)"),
    ("label too long", _set("catalogue.products.0.label", "x" * 201), "catalogue.products.0.label",
     "Trop long (au plus 200 caractères)."),
]  # fmt: skip


@pytest.mark.parametrize(
    ("change", "field", "message"), [r[1:] for r in RULES], ids=[r[0] for r in RULES]
)
def test_each_rule_names_its_field_in_french(
    change: Callable[[dict[str, Any]], None], field: str, message: str
) -> None:
    data = example()
    change(data)
    found = errors_of(data)
    assert field in found, found
    assert message in found[field], found
    assert len(found) == 1, found  # the fault found, and nothing else


def test_every_fault_of_a_section_is_listed_at_once() -> None:
    data = example()
    data["identity"]["siret"] = "73282932000074"
    data["identity"]["tva_number"] = "FR40303265045"
    data["policy"]["max_discount_by_family"]["mobile"] = "5"
    data["policy"]["max_discount_by_segment"]["pme"] = "5"
    assert set(errors_of(data)) == {"identity.siret", "identity.tva_number"}
    data = example()
    data["policy"]["max_discount_by_family"]["mobile"] = "5"
    data["policy"]["max_discount_by_segment"]["pme"] = "5"
    data["policy"]["after_sales_rules"][0]["who"] = ["pme", "cabinets-pme", "tpe"]
    assert set(errors_of(data)) == {
        "policy.max_discount_by_family.mobile",
        "policy.max_discount_by_segment.pme",
        "policy.after_sales_rules.0.who.0",
        "policy.after_sales_rules.0.who.2",
    }


def test_overseas_centres_and_optional_sections() -> None:
    data = example()
    data["identity"]["territory"]["centre"] = {"latitude": -20.88, "longitude": 55.45}  # Réunion
    del data["policy"]["social_media"]
    data["policy"]["procedures"] = {}
    data["competitors"] = []
    doc = BusinessCaseDocument.model_validate(data)
    assert doc.policy.social_media is None
    assert doc.identity.territory.centre.latitude == -20.88


# ----------------------------------------------------------------- reading helpers


def test_max_discount_is_the_smallest_limit_that_applies() -> None:
    doc = BusinessCaseDocument.model_validate(EXAMPLE)
    # default 10; segments: commerces 8, cabinets 15, foyers 5; families: fibre 12, equipements 5
    assert doc.max_discount_for() == Decimal("10.00")
    assert doc.max_discount_for("cabinets-pme") == Decimal("15.00")  # the segment's own limit
    assert doc.max_discount_for("cabinets-pme", "fibre") == Decimal("12.00")  # both: the smaller
    assert doc.max_discount_for("cabinets-pme", "telephonie") == Decimal("15.00")  # no family one
    assert doc.max_discount_for("foyers-fibre", "fibre") == Decimal("5.00")
    assert doc.max_discount_for(None, "telephonie") == Decimal("10.00")  # neither: the default
    assert doc.max_discount_for(family="equipements") == Decimal("5.00")
    with pytest.raises(KeyError):
        doc.max_discount_for("pme")
    with pytest.raises(KeyError):
        doc.max_discount_for(family="mobile")


def test_segment_and_product_look_ups() -> None:
    doc = BusinessCaseDocument.model_validate(EXAMPLE)
    segment = doc.segment("foyers-fibre")
    assert segment is not None
    assert segment.criteria.kind is bc.MarketKind.B2C
    assert doc.segment("pme") is None
    product = doc.product("TEL-IP-T46")
    assert product is not None
    assert (product.stock, product.family) == (140, "telephonie")
    assert doc.product("NOPE") is None


# ----------------------------------------------------------------- the published schema


def test_the_published_schema_is_the_models() -> None:
    """Regenerate: python -m app.business_cases.document > docs/schemas/business-case.schema.json"""
    assert SCHEMA_PATH.read_text(encoding="utf-8") == bc.schema_text()


def test_the_schema_bounds_every_input() -> None:
    schema = bc.json_schema()
    spec = {"components": {"schemas": schema["$defs"]}}
    root = {k: v for k, v in schema.items() if k != "$defs"}
    found = list(_unbounded(root, spec, "document", frozenset()))
    assert not found, "\n".join(found)


def test_the_schema_agrees_with_the_model_on_the_example_and_on_faults() -> None:
    validator = jsonschema_rs.validator_for(bc.json_schema())
    assert validator.is_valid(EXAMPLE)
    exported = json.loads(BusinessCaseDocument.model_validate(EXAMPLE).model_dump_json())
    assert validator.is_valid(exported)
    faults = ["TVA rate 19.6", "payment terms of 90 days", "price with 3 decimals",
              "reference in lower case", "segment code with capitals", "more than 500 products",
              "extra field", "extra field at the root", "schema version 2", "non-http support URL",
              "label too long", "radius of 600 km"]  # fmt: skip
    changes = {name: change for name, change, _field, _message in RULES}
    for name in faults:
        data = example()
        changes[name](data)
        assert not validator.is_valid(data), name


# ----------------------------------------------------------------- money round-trips exactly


# No deadline (no timed assertion) and no example database left in the tree, as in test_fuzz.
@settings(max_examples=200, deadline=None, database=None)
@given(
    price=st.decimals(min_value=Decimal("0.01"), max_value=Decimal(10_000_000), places=2),
    cost=st.decimals(min_value=Decimal(0), max_value=Decimal(10_000_000), places=2),
    tva=st.sampled_from(bc.TVA_RATES),
    as_numbers=st.booleans(),
)
def test_any_valid_price_and_tva_round_trip_exactly(
    price: Decimal, cost: Decimal, tva: Decimal, as_numbers: bool
) -> None:
    data = example()
    spell: Callable[[Decimal], Any] = float if as_numbers else str
    data["catalogue"]["products"][0].update(
        price_ht=spell(price), cost_ht=spell(cost), tva_rate=spell(tva)
    )
    doc = BusinessCaseDocument.model_validate_json(json.dumps(data))
    product = doc.catalogue.products[0]
    assert (product.price_ht, product.cost_ht, product.tva_rate) == (price, cost, tva)
    exported = doc.model_dump_json()
    written = json.loads(exported)["catalogue"]["products"][0]
    assert (written["price_ht"], written["cost_ht"], written["tva_rate"]) == (
        f"{price:.2f}", f"{cost:.2f}", f"{tva:.2f}",
    )  # fmt: skip
    assert BusinessCaseDocument.model_validate_json(exported) == doc


# ----------------------------------------------------------------- identifiers


def test_tva_number_checks() -> None:
    assert identifiers.tva_number("FR 53 842 156 374") == "FR53842156374"
    assert identifiers.tva_matches_siren("FR53842156374", "842 156 374")
    assert not identifiers.tva_matches_siren("FR40303265045", "842156374")
    for bad in ("FR5384215637", "FR54842156374", "53842156374X", ""):
        with pytest.raises(ValueError, match="Numéro de TVA invalide"):
            identifiers.tva_number(bad)


@pytest.mark.parametrize(
    ("check", "good", "bad"),
    [
        (identifiers.naf_prefix, ["47", "47.1", "47.11", "47.11b"], ["4", "47.", "47.111", "A7"]),
        (identifiers.commune_code, ["69123", "2A004", "97411"], ["00123", "97711", "2C004", "6912"]),
        (identifiers.department_code, ["01", "69", "2A", "974"], ["00", "96", "977", "2C", "6"]),
    ],
)  # fmt: skip
def test_place_and_sector_codes(
    check: Callable[[str], str], good: list[str], bad: list[str]
) -> None:
    for value in good:
        assert check(value) == value.upper()
    for value in bad:
        with pytest.raises(ValueError):  # noqa: PT011 - each check raises a plain ValueError
            check(value)
