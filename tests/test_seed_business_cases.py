"""The demo's business cases (seed/business_cases.py): six complete, valid documents, one per
employer of seed/data/offers.json, published and assigned to the trainees who sell for it,
consistent with the watch's competitors and the trainees' prospect files, dated by the
demo's calendar, and seeded once.

The file checks run without a database; the others read a copy of the run's demo template
(tests/conftest.py: the seed ran once), in the usual rolled-back transaction (``demo``)."""

from __future__ import annotations

import csv
import json
from collections import Counter
from decimal import Decimal
from typing import Any

import jsonschema_rs
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session
from stdnum.fr import siren as stdnum_siren
from stdnum.fr import siret as stdnum_siret
from stdnum.fr import tva as stdnum_tva

from app.business_cases import document as case_format
from app.business_cases import service as cases
from app.business_cases.document import (
    BusinessCaseDocument,
    CaseType,
    EscalationDepartment,
    MarketKind,
    MarketSegment,
    ProductKind,
)
from app.business_cases.schemas import AssignmentCreate
from app.common.geo import haversine_km
from app.models import (
    BusinessCase,
    BusinessCaseAssignment,
    BusinessCaseProduct,
    BusinessCaseStatus,
    BusinessCaseVersion,
    Cohort,
    Competitor,
    Interaction,
    Organisation,
    Prospect,
    Role,
    User,
)
from app.plans import coherence
from seed import business_cases as seed_module
from seed.demo import TRAINER_EMAIL, seed_demo
from seed.prospects.data import DATA_DIR, offers, territories
from seed.prospects.writer import trainee_number
from tests.conftest import DemoTemplate
from tests.factories import bearer, snapshot

OFFERS = offers()
KEYS = [offer["key"] for offer in OFFERS]
WATCH = json.loads((DATA_DIR / "watch" / "world.json").read_text(encoding="utf-8"))["offers"]
NAF_BY_SECTOR = {
    s["key"]: {naf["code"] for naf in s["naf"]}
    for s in json.loads((DATA_DIR / "sectors.json").read_text(encoding="utf-8"))["sectors"]
}
with (DATA_DIR / "communes_ara.csv").open(encoding="utf-8", newline="") as fh:
    COMMUNES = list(csv.DictReader(fh))


def raw(key: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(
        (DATA_DIR / "business_cases" / f"{key}.json").read_text(encoding="utf-8")
    )
    return data


def matches(doc: BusinessCaseDocument, segment: MarketSegment, p: Prospect) -> bool:
    """The plans' targeting rule (every criterion the segment sets)."""
    return coherence.matches(doc, segment.code, p)


# ----------------------------------------------------------------- the six documents


def test_one_case_file_per_employer_each_valid_under_the_published_schema() -> None:
    files = sorted(p.stem for p in (DATA_DIR / "business_cases").glob("*.json"))
    assert files == sorted(KEYS)
    # What an exercise platform would import: the published JSON Schema accepts each file.
    validator = jsonschema_rs.validator_for(case_format.json_schema())
    for key in KEYS:
        assert validator.is_valid(raw(key)), key


@pytest.mark.parametrize("key", KEYS)
def test_each_case_is_a_complete_valid_document(key: str) -> None:
    offer = next(o for o in OFFERS if o["key"] == key)
    doc = BusinessCaseDocument.model_validate(raw(key))
    assert seed_module.case_document(key) == doc
    ident = doc.identity
    assert ident.name == offer["employer"]
    # The identifiers are python-stdnum's, the TVA number is the SIREN's.
    assert stdnum_siren.is_valid(ident.siren)
    assert stdnum_siret.is_valid(ident.siret)
    assert ident.siret.startswith(ident.siren)
    assert stdnum_tva.is_valid(ident.tva_number)
    assert ident.tva_number.endswith(ident.siren)
    # A head office in a commune of the demo area; a territory that holds both trainees'.
    assert (ident.address.postcode, ident.address.city) in {
        (c["postcode"], c["city"]) for c in COMMUNES
    }
    assert set(ident.territory.postcodes) <= {c["postcode"] for c in COMMUNES}
    index = KEYS.index(key)
    for territory in (territories()[index], territories()[index + 6]):
        home = next(c for c in COMMUNES if c["commune"] == territory["home"])
        centre = ident.territory.centre
        distance = haversine_km(
            float(home["latitude"]), float(home["longitude"]), centre.latitude, centre.longitude
        )
        assert distance + territory["radius_km"] <= ident.territory.radius_km
    assert ident.values
    assert ident.positioning
    # The market: B2B and B2C as the offer sells, 3 to 4 segments, named after its personas.
    assert set(doc.market.kinds) == {MarketKind.B2B, MarketKind.B2C}
    assert 3 <= len(doc.market.segments) <= 4
    personas = {name for s in doc.market.segments for name in s.criteria.personas}
    assert personas <= {p["name"] for p in offer["personas"]}
    # The policy covers every case type, department and limit.
    policy = doc.policy
    assert set(policy.procedures) == set(CaseType)
    assert {e.department for e in policy.escalation} == set(EscalationDepartment)
    assert set(policy.max_discount_by_segment) == {s.code for s in doc.market.segments}
    assert set(policy.max_discount_by_family) <= set(doc.families())
    assert policy.authority.max_discount <= policy.max_discount
    assert policy.after_sales_rules
    assert policy.loyalty_rules
    assert policy.social_media is not None
    assert policy.social_media.rules
    # The catalogue: 8 to 15 products and services in 3 or 4 families, each family used.
    products = doc.catalogue.products
    assert 8 <= len(products) <= 15
    assert 3 <= len(doc.families()) <= 4
    assert {p.family for p in products} == set(doc.families())
    assert all(p.cost_ht < p.price_ht for p in products)
    assert any(p.arguments for p in products)
    assert any(p.supports for p in products)
    # Every physical product says how to repair it and what becomes of it.
    assert all(p.eco for p in products if p.kind is ProductKind.PRODUCT)
    # The competitors are the watch's, in its order.
    assert doc.competitors == [c["name"] for c in WATCH[key]["competitors"]]


@pytest.mark.parametrize("key", KEYS)
def test_segments_use_the_codes_of_the_offers_sectors(key: str) -> None:
    """Every NAF prefix of a segment names an activity the trainees' files hold (the offer's
    sectors), so that the segment can match someone."""
    offer = next(o for o in OFFERS if o["key"] == key)
    codes = {code.replace(".", "") for s in offer["sectors"] for code in NAF_BY_SECTOR[s]}
    doc = seed_module.case_document(key)
    for segment in doc.market.segments:
        for prefix in segment.criteria.naf_prefixes:
            assert any(code.startswith(prefix.replace(".", "")) for code in codes), (
                segment.code,
                prefix,
            )


# ----------------------------------------------------------------- the seeded cases


def demo_users(db: Session) -> tuple[User, list[User]]:
    org = db.scalar(select(Organisation).where(Organisation.slug == "demo"))
    assert org is not None
    trainer = db.scalar(select(User).where(User.email == TRAINER_EMAIL))
    assert trainer is not None
    trainees = db.scalars(
        select(User)
        .where(User.organisation_id == org.id, User.role == Role.TRAINEE)
        .order_by(User.email)
    ).all()
    assert len(trainees) == 12
    return trainer, list(trainees)


def offer_of(trainee: User) -> dict[str, Any]:
    return OFFERS[(trainee_number(trainee, 0) - 1) % len(OFFERS)]


@pytest.mark.demo
def test_each_trainee_works_under_their_employers_case(
    db: Session, demo_template: DemoTemplate
) -> None:
    report = demo_template.report.business_cases
    total = sum(len(seed_module.case_document(k).catalogue.products) for k in KEYS)
    assert (report.cases, report.existing, report.assignments) == (6, 0, 12)
    assert report.products == total
    assert "6 cas d'entreprise publiés" in str(report)
    trainer, trainees = demo_users(db)
    demo_cases = db.scalars(select(BusinessCase).order_by(BusinessCase.id)).all()
    assert [c.name for c in demo_cases] == [o["employer"] for o in OFFERS]
    for case in demo_cases:
        assert case.organisation_id == trainer.organisation_id
        assert case.created_by_id == trainer.id
        assert case.status is BusinessCaseStatus.PUBLISHED
        assert case.published_number == 1
    cohort = db.scalar(select(Cohort).where(Cohort.id == trainees[0].cohort_id))
    assert cohort is not None
    assert cohort.starts_on is not None
    per_case: Counter[str] = Counter()
    for trainee in trainees:
        active = cases.active_case(db, trainee.id)
        assert active is not None, trainee.email
        offer = offer_of(trainee)
        doc = active.document
        assert doc.identity.name == offer["employer"]
        assert doc == seed_module.case_document(offer["key"])
        assert active.through == "trainee"
        assert active.version.number == 1
        assert active.version.published_by_id == trainer.id
        per_case[active.case.name] += 1
        # The competitors are those the watch gave the trainee.
        watched = db.scalars(select(Competitor.name).where(Competitor.owner_id == trainee.id)).all()
        assert sorted(doc.competitors) == sorted(watched)
        # The catalogue is indexed for the version.
        indexed = db.scalars(
            select(BusinessCaseProduct).where(BusinessCaseProduct.version_id == active.version.id)
        ).all()
        assert {p.reference: p.price_ht for p in indexed} == {
            p.reference: p.price_ht for p in doc.catalogue.products
        }
        # Dated by the demo's calendar: written, published, then assigned, all before the
        # trainee's first exchange and the cohort's start (never the install time).
        assignment = db.scalar(
            select(BusinessCaseAssignment).where(BusinessCaseAssignment.trainee_id == trainee.id)
        )
        assert assignment is not None
        first = db.scalar(
            select(func.min(Interaction.occurred_at)).where(Interaction.owner_id == trainee.id)
        )
        assert first is not None
        published = active.version.published_at
        assert active.case.created_at < published <= assignment.assigned_at < first
        assert published.date() == seed_module.PUBLISHED_ON
        assert assignment.assigned_at.date() < cohort.starts_on
    assert set(per_case.values()) == {2}  # two trainees per employer


@pytest.mark.demo
def test_segments_hold_members_and_leave_some_prospects_out(db: Session) -> None:
    """Targeting checks have something to find: in each trainee's file, some prospects are
    in a segment of their case and some in none; every segment matches some prospect of its
    case's trainees."""
    _, trainees = demo_users(db)
    used: dict[str, set[str]] = {key: set() for key in KEYS}
    for trainee in trainees:
        key = offer_of(trainee)["key"]
        doc = seed_module.case_document(key)
        prospects = db.scalars(select(Prospect).where(Prospect.owner_id == trainee.id)).all()
        assert len(prospects) >= 160
        hits = {
            p.id: {s.code for s in doc.market.segments if matches(doc, s, p)} for p in prospects
        }
        inside = [pid for pid, codes in hits.items() if codes]
        outside = [pid for pid, codes in hits.items() if not codes]
        assert inside, trainee.email
        assert outside, trainee.email
        # Mostly inside: the segments describe the file the trainee took over.
        assert len(inside) > len(outside), (trainee.email, len(inside), len(outside))
        for codes in hits.values():
            used[key] |= codes
    for key in KEYS:
        doc = seed_module.case_document(key)
        assert used[key] == {s.code for s in doc.market.segments}, key


@pytest.mark.demo
def test_a_demo_trainee_reads_their_case_and_the_trainer_lists_six(
    client: TestClient, db: Session
) -> None:
    trainer, trainees = demo_users(db)
    trainee = trainees[0]
    active = client.get("/api/v1/business-cases/active", headers=bearer(trainee))
    assert active.status_code == 200, active.text
    body = active.json()
    assert body["name"] == offer_of(trainee)["employer"] == "Rhône Télécom Services"
    assert body["version_number"] == 1
    assert body["assigned_through"] == "trainee"
    assert body["document"]["competitors"] == [c["name"] for c in WATCH["telecom"]["competitors"]]
    listed = client.get("/api/v1/business-cases", headers=bearer(trainer))
    assert listed.status_code == 200, listed.text
    rows = listed.json()["items"]
    assert sorted(r["name"] for r in rows) == sorted(o["employer"] for o in OFFERS)
    assert {r["assignments"] for r in rows} == {2}
    assert all(not r["draft_changed"] for r in rows)


# ----------------------------------------------------------------- idempotence


@pytest.mark.demo
def test_seeding_again_changes_nothing(db: Session) -> None:
    before = snapshot(db)
    report = seed_demo(db).business_cases
    assert (report.cases, report.existing, report.products, report.assignments) == (0, 6, 0, 0)
    assert snapshot(db) == before


@pytest.mark.demo
def test_a_trainee_without_a_case_gets_theirs_and_others_keep_theirs(db: Session) -> None:
    """What is missing is created; nothing that exists is changed: a trainee whose
    assignment was withdrawn gets their employer's case back, one the trainer moved to
    another case keeps it; no case is published again."""
    trainer, trainees = demo_users(db)
    first, second = trainees[0], trainees[1]
    db.execute(delete(BusinessCaseAssignment).where(BusinessCaseAssignment.trainee_id == first.id))
    other = db.scalar(select(BusinessCase).where(BusinessCase.name == "Soleil du Dauphiné"))
    assert other is not None
    principal = seed_module._principal(trainer)
    cases.assign(db, principal, other, AssignmentCreate(trainee_id=second.id, replace=True))
    db.flush()
    versions = db.scalar(select(func.count()).select_from(BusinessCaseVersion))
    report = seed_demo(db).business_cases
    assert (report.cases, report.existing, report.assignments) == (0, 6, 1)
    again = cases.active_case(db, first.id)
    assert again is not None
    assert again.case.name == offer_of(first)["employer"]
    moved = cases.active_case(db, second.id)
    assert moved is not None
    assert moved.case.name == "Soleil du Dauphiné"
    assert db.scalar(select(func.count()).select_from(BusinessCaseVersion)) == versions


def test_discounts_follow_the_policy_rule() -> None:
    """The seeded policies give the helpers real limits: the smaller of the segment's and
    the family's, the default when neither is set."""
    doc = seed_module.case_document("telecom")
    assert doc.max_discount_for("cabinets-pme", "equipements") == Decimal("5.00")
    assert doc.max_discount_for("cabinets-pme", "mobile") == Decimal("10.00")
    assert doc.max_discount_for() == doc.policy.max_discount
