"""Loyalty through the API (issue 18, CP8): customers segmented from crafted histories,
inactive accounts detected once with their relaunch tasks, a relaunch plan whose illegal
steps are refused with the rule and which stops on an order, an information campaign by each
customer's channel, offers checked against the loyalty policy (refused naming the rule,
approved by the trainer, converted into a quote), a survey with its NPS and a detractor's
task, an event with invitations, RSVPs and attendance, co-purchase rules computed as a job;
bad input changing nothing, and the evidence each write records (or not)."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.business_cases import service as cases
from app.business_cases.document import BusinessCaseDocument
from app.core.principal import Principal
from app.loyalty import customers as loyalty_customers
from app.models import (
    BusinessCaseAssignment,
    Channel,
    ConsentChannel,
    ConsentStatus,
    Contact,
    EvidenceLink,
    EvidenceRecord,
    InactiveAccount,
    LoyaltyOffer,
    Order,
    OrderLine,
    OrderStatus,
    OutboundMessage,
    ProspectKind,
    ProspectStatus,
    Role,
    SizeBand,
    Task,
)
from app.sales import quotes
from tests.factories import (
    bearer,
    make_cohort,
    make_consent,
    make_contact,
    make_org,
    make_prospect,
    make_user,
)
from tests.test_sales_quotes import EXAMPLE

TODAY = quotes.today_local()
RULES = [
    {
        "label": "Reconquête",
        "who": ["all"],
        "offer": "Remise de reconquête sur ce que le client achète déjà.",
        "max_discount": "10.00",
        "rfm_segments": ["at_risk", "hibernating", "lost", "needs_attention"],
    },
    {
        "label": "Avantage fidélité",
        "who": ["all"],
        "offer": "Remise de fidélité sur un produit complémentaire.",
        "max_discount": "5.00",
        "max_value": "500.00",
        "rfm_segments": ["champions", "loyal", "promising", "new"],
    },
]


def _order(
    db: Session,
    owner: Any,
    prospect: Any,
    case: Any,
    days_ago: int,
    lines: list[tuple[str, str, str]],
) -> Order:
    """An order ``days_ago`` days before today with (reference, family, price) lines."""
    total = sum(Decimal(p) for _, _, p in lines)
    order = Order(
        owner_id=owner.id,
        prospect_id=prospect.id,
        business_case_id=case.id,
        business_case_version_id=case.versions_latest_id,
        number=f"CDE-T-{prospect.id}-{days_ago}",
        status=OrderStatus.DELIVERED,
        ordered_on=TODAY - timedelta(days=days_ago),
        escompte_rate=Decimal(0),
        gross_ht=total,
        net_commercial_ht=total,
        total_ttc=total * Decimal("1.2"),
        margin=total / 4,
    )
    db.add(order)
    db.flush()
    for i, (ref, family, price) in enumerate(lines):
        db.add(
            OrderLine(
                owner_id=owner.id,
                order_id=order.id,
                position=i,
                product_reference=ref,
                family=family,
                label=ref,
                quantity=Decimal(1),
                unit_price_ht=Decimal(price),
                tva_rate=Decimal(20),
            )
        )
    db.flush()
    return order


@pytest.fixture
def shop(db: Session) -> dict[str, Any]:
    org = make_org(db)
    trainer = make_user(db, org, Role.TRAINER)
    cohort = make_cohort(db, org, trainers=[trainer])
    trainee = make_user(db, org, cohort=cohort)
    other = make_user(db, org, cohort=cohort)
    principal = Principal(
        user_id=trainer.id,
        organisation_id=org.id,
        role=Role.TRAINER,
        cohort_id=None,
        scopes=frozenset(),
    )
    data = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    data["policy"]["loyalty_rules"] = RULES
    data["policy"]["loyalty"] = {"inactivity_factor": "2.00", "inactive_after_days": 180}
    case = cases.create_case(db, principal, BusinessCaseDocument.model_validate(data))
    cases.publish(db, principal, case, case.version)
    db.add(BusinessCaseAssignment(business_case_id=case.id, cohort_id=cohort.id))
    db.flush()
    active = cases.active_case(db, trainee.id)
    assert active is not None
    case.versions_latest_id = active.version.id  # type: ignore[attr-defined]
    fibre, tel = ("FIB-PRO-500", "fibre", "49.00"), ("STD-CLOUD-POSTE", "telephonie", "19.00")
    # A: ordered every 50 days, the last 400 days ago: inactive against its rhythm (100 days).
    a = make_prospect(
        db,
        trainee,
        name="Cabinet Ancien",
        naf_code="86.21Z",
        size_band=SizeBand.SMALL,
        status=ProspectStatus.CUSTOMER,
    )
    for days in (500, 450, 400):
        _order(db, trainee, a, case, days, [fibre, tel])
    # C: a champion, ordering every month.
    c = make_prospect(
        db,
        trainee,
        name="Cabinet Champion",
        naf_code="86.21Z",
        size_band=SizeBand.SMALL,
        status=ProspectStatus.CUSTOMER,
    )
    for days in (150, 120, 90, 60, 30, 5):
        _order(db, trainee, c, case, days, [fibre, tel, ("TEL-IP-T46", "telephonie", "169.00")])
    # D: one order 300 days ago: inactive against the case's threshold (180 days).
    d = make_prospect(db, trainee, name="Boulangerie Seule", status=ProspectStatus.CUSTOMER)
    _order(db, trainee, d, case, 300, [fibre])
    # P: a consumer who bought the fibre box recently; no consent recorded.
    p = make_prospect(
        db,
        trainee,
        name="Martin Paul",
        kind=ProspectKind.INDIVIDUAL,
        status=ProspectStatus.CUSTOMER,
    )
    make_contact(
        db,
        p,
        first_name="Paul",
        last_name="Martin",
        preferred_channel=Channel.SMS,
        email="paul@example.org",
        phone="0611223344",
    )
    _order(db, trainee, p, case, 20, [("BOX-FAM-1G", "fibre", "29.99")])
    # A prospect who never ordered, and another trainee's customer.
    q = make_prospect(db, trainee, name="Pas Encore")
    stranger = make_prospect(db, other, name="Ailleurs", status=ProspectStatus.CUSTOMER)
    _order(db, other, stranger, case, 10, [fibre])
    return {
        "trainee": trainee,
        "trainer": trainer,
        "other": other,
        "case": case,
        "a": a,
        "c": c,
        "d": d,
        "p": p,
        "q": q,
        "stranger": stranger,
    }


def call(
    client: TestClient, user: Any, method: str, path: str, body: Any = None, code: int = 200
) -> Any:
    r = client.request(method, f"/api/v1{path}", json=body, headers=bearer(user))
    assert r.status_code == code, r.text
    return r.json() if r.content else None


def codes_of(db: Session, user: Any) -> list[str]:
    return list(
        db.scalars(
            select(EvidenceLink.code)
            .join(EvidenceRecord, EvidenceRecord.id == EvidenceLink.evidence_id)
            .where(EvidenceRecord.trainee_id == user.id)
        )
    )


def evidence_count(db: Session, user: Any) -> int:
    return (
        db.scalar(
            select(func.count())
            .select_from(EvidenceRecord)
            .where(EvidenceRecord.trainee_id == user.id)
        )
        or 0
    )


def test_customers_are_segmented_with_their_history(
    client: TestClient, shop: dict[str, Any]
) -> None:
    user = shop["trainee"]
    page = call(client, user, "GET", "/loyalty/customers?limit=10")
    assert page["total"] == 4  # the prospect who never ordered is no customer
    rows = {r["name"]: r for r in page["items"]}
    assert rows["Cabinet Champion"]["rfm"]["segment"] == "champions"
    assert rows["Cabinet Champion"]["orders"] == 6
    assert rows["Cabinet Champion"]["usual_interval_days"] == "30.0"
    ancien = rows["Cabinet Ancien"]
    assert (ancien["orders"], ancien["amount_ht"]) == (3, "204.00")
    assert ancien["usual_interval_days"] == "50.0"
    assert (ancien["inactive"], ancien["inactivity_basis"], ancien["limit_days"]) == (
        True,
        "rhythm",
        100,
    )
    assert ancien["overdue_days"] == 300
    seule = rows["Boulangerie Seule"]
    assert (seule["inactive"], seule["inactivity_basis"], seule["limit_days"]) == (
        True,
        "threshold",
        180,
    )
    assert rows["Martin Paul"]["inactive"] is False
    assert rows["Martin Paul"]["rfm"]["segment"] == "new"
    # The default order: amount, the largest first; a segment filter; a bad sort refused.
    assert page["items"][0]["name"] == "Cabinet Champion"
    only = call(client, user, "GET", "/loyalty/customers?inactive=true&sort=-overdue")
    assert [r["name"] for r in only["items"]] == ["Cabinet Ancien", "Boulangerie Seule"]
    champion = rows["Cabinet Champion"]["rfm"]
    cell = call(client, user, "GET", f"/loyalty/customers?r={champion['r']}&f={champion['f']}")
    assert "Cabinet Champion" in [c["name"] for c in cell["items"]]
    assert all(
        (c["rfm"]["r"], c["rfm"]["f"]) == (champion["r"], champion["f"]) for c in cell["items"]
    )
    call(client, user, "GET", "/loyalty/customers?r=6", code=422)
    r = call(client, user, "GET", "/loyalty/customers?sort=nope", code=422)
    assert r["errors"][0]["field"] == "sort"
    segments = call(client, user, "GET", "/loyalty/segments")
    assert segments["customers"] == 4
    assert sum(c["customers"] for c in segments["grid"]) == 4
    assert any("trop peu" in w for w in segments["warnings"])
    champions = next(s for s in segments["segments"] if s["code"] == "champions")
    assert champions["customers"] == 1
    assert "trop peu" in champions["warning"]
    assert "panier moyen" in segments["clv_method"]
    detail = call(client, user, "GET", f"/loyalty/customers/{shop['a'].id}")
    assert {p["reference"] for p in detail["products"]} == {"FIB-PRO-500", "STD-CLOUD-POSTE"}
    assert detail["families"] == ["fibre", "telephonie"]
    call(client, user, "GET", f"/loyalty/customers/{shop['q'].id}", code=404)
    call(client, user, "GET", f"/loyalty/customers/{shop['stranger'].id}", code=404)
    # A trainer names the trainee; without it, the field is named.
    trainer = shop["trainer"]
    r = call(client, trainer, "GET", "/loyalty/segments", code=422)
    assert r["errors"][0]["field"] == "trainee_id"
    assert call(client, trainer, "GET", f"/loyalty/segments?trainee_id={user.id}")["customers"] == 4
    r = call(
        client, trainer, "GET", f"/loyalty/segments?trainee_id={shop['trainer'].id + 999}", code=422
    )
    assert r["errors"][0]["field"] == "trainee_id"


def test_inactive_accounts_are_detected_once_with_their_tasks(
    client: TestClient, db: Session, shop: dict[str, Any]
) -> None:
    user = shop["trainee"]
    listed = call(client, user, "GET", "/loyalty/inactive")
    assert [i["customer"]["name"] for i in listed["items"]] == [
        "Cabinet Ancien",
        "Boulangerie Seule",
    ]
    assert all(i["detection"] is None for i in listed["items"])
    scan = call(client, user, "POST", "/loyalty/inactive/scan")
    assert (scan["inactive"], scan["newly_detected"], scan["tasks_created"]) == (2, 2, 2)
    again = call(client, user, "POST", "/loyalty/inactive/scan")
    assert (again["newly_detected"], again["tasks_created"]) == (0, 0)
    assert evidence_count(db, user) == 0  # the tool detected: nothing the trainee showed
    task = db.scalar(select(Task).where(Task.owner_id == user.id, Task.link_id == shop["a"].id))
    assert task is not None
    assert "inactif" in task.title
    assert "50.0 j" in task.notes
    # The one-click task: refused while the job's task exists, made once it is gone.
    r = call(client, user, "POST", f"/loyalty/inactive/{shop['a'].id}/task", {}, 409)
    assert "existe déjà" in r["detail"]
    call(client, user, "DELETE", f"/tasks/{task.id}", code=204)
    made = call(
        client,
        user,
        "POST",
        f"/loyalty/inactive/{shop['a'].id}/task",
        {"notes": "Proposer la fibre 1 Gb/s"},
        201,
    )
    assert made["task_id"]
    assert made["basis"] == "rhythm"
    assert "CP8.4" in codes_of(db, user)
    r = call(client, user, "POST", f"/loyalty/inactive/{shop['c'].id}/task", {}, 409)
    assert "pas inactif" in r["detail"]
    # An order after the detection reactivates the account: the next scan finds one inactive.
    _order(db, user, shop["d"], shop["case"], 0, [("FIB-PRO-500", "fibre", "49.00")])
    assert call(client, user, "POST", "/loyalty/inactive/scan")["inactive"] == 1
    assert db.scalar(select(func.count()).select_from(InactiveAccount)) == 2


def test_a_relaunch_plan_refuses_illegal_steps_and_stops_on_an_order(
    client: TestClient, db: Session, shop: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    user = shop["trainee"]
    body = {
        "name": "Relance des inactifs",
        "steps": [
            {
                "channel": "sms",
                "delay_days": 0,
                "subject": "Bonjour {{ contact }}",
                "body": "{{ entreprise }} pense à vous : {{ produits }}.",
            },
            {
                "channel": "email",
                "delay_days": 7,
                "subject": "Nos nouveautés",
                "body": "Bonjour {{ contact }}, votre dernière commande date du {{ derniere_commande }}.",
            },
            {
                "channel": "phone",
                "delay_days": 7,
                "subject": "Appel",
                "body": "Appeler {{ client }}.",
            },
        ],
        "product_references": ["FIB-PRO-1G"],
    }
    bad = {**body, "steps": [{**body["steps"][0], "body": "{{ inconnu }}"}]}
    r = call(client, user, "POST", "/relaunch-plans", bad, 422)
    assert r["errors"][0]["field"] == "steps.0.body"
    plan = call(client, user, "POST", "/relaunch-plans", body, 201)
    assert "CP8.5" in codes_of(db, user)
    path = f"/relaunch-plans/{plan['id']}/enrolments"
    r = call(client, user, "POST", path, {}, 422)
    assert r["errors"][0]["field"] == "prospect_ids"
    r = call(
        client, user, "POST", path, {"prospect_ids": [shop["a"].id], "rfm_segment": "lost"}, 422
    )
    assert r["errors"][0]["field"] == "rfm_segment"
    r = call(client, user, "POST", path, {"prospect_ids": [shop["stranger"].id]}, 422)
    assert r["errors"][0]["field"] == "prospect_ids.0"
    out = call(
        client,
        user,
        "POST",
        f"/relaunch-plans/{plan['id']}/enrolments",
        {"prospect_ids": [shop["a"].id, shop["p"].id, shop["q"].id]},
        201,
    )
    assert out["not_customers"] == [shop["q"].id]
    assert len(out["enrolled"]) == 2
    # SMS prospecting needs a consent, a company's too: both first steps refused with their
    # rule, recorded, never sent; the plan goes on.
    assert {(m["prospect_id"], m["channel"], m["status"], m["rule"]) for m in out["messages"]} == {
        (shop["a"].id, "sms", "refused", "sms-requires-consent"),
        (shop["p"].id, "sms", "refused", "sms-requires-consent"),
    }
    assert "pense à vous : Fibre" in out["messages"][0]["body"]
    assert "CP8.4" in codes_of(db, user)
    # Enrolled again while active: named, not duplicated.
    again = call(
        client,
        user,
        "POST",
        f"/relaunch-plans/{plan['id']}/enrolments",
        {"prospect_ids": [shop["a"].id]},
        201,
    )
    assert again["already"] == [shop["a"].id]
    assert again["enrolled"] == []
    # A week later: the consumer's e-mail passes (existing customer, analogous product: the
    # fibre they bought); the company ordered in between and its enrolment stops.
    _order(db, user, shop["a"], shop["case"], 0, [("FIB-PRO-1G", "fibre", "89.00")])
    later = TODAY + timedelta(days=7)
    monkeypatch.setattr(loyalty_customers, "today", lambda: later)
    done = call(client, user, "POST", f"/relaunch-plans/{plan['id']}/advance")
    assert [(m["prospect_id"], m["channel"], m["status"], m["rule"]) for m in done["messages"]] == [
        (shop["p"].id, "email", "recorded", "b2c-email-customer-exception")
    ]
    assert "derniere" not in done["messages"][0]["body"]
    enrolments = call(client, user, "GET", f"/relaunch-plans/{plan['id']}/enrolments")["items"]
    states = {e["prospect_id"]: e["status"] for e in enrolments}
    assert states == {shop["a"].id: "stopped_order", shop["p"].id: "active"}
    listed = call(client, user, "GET", f"/relaunch-plans/{plan['id']}")
    assert (listed["recorded"], listed["refused"], listed["active"]) == (1, 2, 1)
    # Steps do not change under running enrolments.
    r = call(
        client,
        user,
        "PATCH",
        f"/relaunch-plans/{plan['id']}",
        {"version": plan["version"], "steps": body["steps"][:1]},
        409,
    )
    assert "clients" in r["detail"]


def test_an_information_campaign_reaches_each_customer_by_a_suited_channel(
    client: TestClient, db: Session, shop: dict[str, Any]
) -> None:
    user = shop["trainee"]
    draft = call(
        client,
        user,
        "POST",
        "/loyalty-campaigns",
        {
            "title": "Nouveau : la fibre 1 Gb/s",
            "kind": "new_product",
            "product_references": ["FIB-PRO-1G"],
            "subject": "Du nouveau pour {{ client }}",
            "body": "Bonjour {{ contact }}, découvrez {{ produits }}.",
        },
        201,
    )
    assert evidence_count(db, user) == 0  # a draft shows nothing yet
    r = call(
        client,
        user,
        "PATCH",
        f"/loyalty-campaigns/{draft['id']}",
        {"version": draft["version"], "market_segments": ["inconnu"]},
        422,
    )
    assert r["errors"][0]["field"] == "market_segments.0"
    sent = call(
        client,
        user,
        "POST",
        f"/loyalty-campaigns/{draft['id']}/send",
        {"version": draft["version"]},
    )
    assert sent["sent_on"]
    assert (sent["recorded"], sent["refused"]) == (4, 0)
    messages = call(client, user, "GET", f"/loyalty-campaigns/{draft['id']}/messages")
    channels = {m["prospect_id"]: (m["channel"], m["rule"]) for m in messages}
    # The consumer prefers SMS (no consent): the e-mail of the existing-customer exception.
    assert channels[shop["p"].id] == ("email", "b2c-email-customer-exception")
    assert "découvrez Fibre" in messages[0]["body"] or "découvrez" in messages[0]["body"]
    assert "CP8.3" in codes_of(db, user)
    call(
        client,
        user,
        "POST",
        f"/loyalty-campaigns/{draft['id']}/send",
        {"version": sent["version"]},
        409,
    )
    report = call(client, user, "GET", "/loyalty/information")
    assert report["customers"] == 4
    assert report["regular"] == 0
    assert all(i["informed"] == 1 for i in report["items"])


def test_offers_are_checked_against_the_loyalty_policy(
    client: TestClient, db: Session, shop: dict[str, Any]
) -> None:
    user, trainer = shop["trainee"], shop["trainer"]
    until = (TODAY + timedelta(days=30)).isoformat()
    base = {
        "title": "Reconquête fibre",
        "valid_until": until,
        "lines": [{"product_reference": "FIB-PRO-1G", "quantity": "1", "discount": "8"}],
    }
    check = call(client, user, "POST", "/offers/check", {**base, "prospect_id": shop["a"].id})
    assert check["allowed"]
    assert check["needs_approval"]
    assert check["rule"] == "Reconquête"
    assert check["value_ht"] == "7.12"
    # The champion is not in the reconquest rule, and 8 % passes its own rule's 5 %.
    before = db.scalar(select(func.count()).select_from(LoyaltyOffer))
    r = call(client, user, "POST", "/offers", {**base, "prospect_ids": [shop["c"].id]}, 409)
    assert r["type"].endswith("loyalty-over-policy")
    assert r["rule"]
    assert "Avantage fidélité" in r["detail"]
    assert "5,00 %" in r["detail"]
    # Above the authority (5 %) but within the rule: an approval request is needed.
    r = call(client, user, "POST", "/offers", {**base, "prospect_ids": [shop["a"].id]}, 409)
    assert r["type"].endswith("approval-required")
    assert db.scalar(select(func.count()).select_from(LoyaltyOffer)) == before
    assert evidence_count(db, user) == 0
    made = call(
        client,
        user,
        "POST",
        "/offers",
        {**base, "prospect_ids": [shop["a"].id], "approval_request": "Client perdu depuis un an"},
        201,
    )["offers"][0]
    assert (made["status"], made["rule_label"], made["rfm_segment"]) == (
        "pending_approval",
        "Reconquête",
        made["rfm_segment"],
    )
    assert {"CP8.1", "CP8.2", "CT2.6"} <= set(codes_of(db, user))
    r = call(
        client,
        user,
        "POST",
        f"/offers/{made['id']}/approval",
        {"version": made["version"], "approve": True},
        403,
    )
    approved = call(
        client,
        trainer,
        "POST",
        f"/offers/{made['id']}/approval",
        {"version": made["version"], "approve": True, "comment": "D'accord"},
    )
    assert approved["status"] == "proposed"
    assert approved["proposed_on"]
    accepted = call(
        client,
        user,
        "POST",
        f"/offers/{made['id']}/answer",
        {"version": approved["version"], "accepted": True},
    )
    r = call(
        client,
        user,
        "POST",
        f"/offers/{made['id']}/convert",
        {"version": accepted["version"], "to": "order"},
        409,
    )
    assert "devis" in r["detail"]
    converted = call(
        client,
        user,
        "POST",
        f"/offers/{made['id']}/convert",
        {"version": accepted["version"], "to": "quote"},
    )
    assert converted["status"] == "converted"
    assert converted["quote_id"]
    # Within the authority, to the champion: proposed at once, then an order.
    small = {
        **base,
        "lines": [{"product_reference": "FIB-PRO-1G", "quantity": "1", "discount": "5"}],
    }
    offer = call(
        client,
        user,
        "POST",
        "/offers",
        {**small, "prospect_ids": [shop["c"].id], "recommended": True},
        201,
    )["offers"][0]
    assert offer["status"] == "proposed"
    assert offer["rule_label"] == "Avantage fidélité"
    offer = call(
        client,
        user,
        "POST",
        f"/offers/{offer['id']}/answer",
        {"version": offer["version"], "accepted": True},
    )
    converted = call(
        client,
        user,
        "POST",
        f"/offers/{offer['id']}/convert",
        {"version": offer["version"], "to": "order"},
    )
    order = db.get(Order, converted["order_id"])
    assert order is not None
    assert order.net_commercial_ht == Decimal("84.55")
    # A prospect who never ordered is no loyalty target; an unknown product names its line.
    r = call(client, user, "POST", "/offers", {**small, "prospect_ids": [shop["q"].id]}, 409)
    assert r["type"].endswith("loyalty-not-customer")
    bad = {**small, "lines": [{"product_reference": "NOPE-1", "quantity": "1"}]}
    r = call(client, user, "POST", "/offers", {**bad, "prospect_ids": [shop["c"].id]}, 422)
    assert r["errors"][0]["field"] == "lines.0.product_reference"
    # A segment offer: one per eligible customer, the others excluded with their rule.
    batch = call(client, user, "POST", "/offers", {**small, "rfm_segment": "champions"}, 201)
    assert [o["prospect_id"] for o in batch["offers"]] == [shop["c"].id]


def test_a_survey_computes_the_nps_and_follows_up_detractors(
    client: TestClient, db: Session, shop: dict[str, Any]
) -> None:
    user = shop["trainee"]
    r = call(
        client,
        user,
        "POST",
        "/surveys",
        {
            "kind": "nps",
            "title": "Satisfaction 2026",
            "question": "Recommanderiez-vous Comtel ?",
            "prospect_ids": [shop["q"].id],
        },
        422,
    )
    assert r["errors"][0]["field"] == "prospect_ids.0"
    ids = [shop["a"].id, shop["c"].id, shop["d"].id, shop["p"].id]
    survey = call(
        client,
        user,
        "POST",
        "/surveys",
        {
            "kind": "nps",
            "title": "Satisfaction 2026",
            "question": "Recommanderiez-vous Comtel ?",
            "prospect_ids": ids,
        },
        201,
    )
    assert (survey["sent"], survey["refused"]) == (4, 0)
    assert "CP8.5" in codes_of(db, user)
    for pid, score in ((shop["a"].id, 3), (shop["c"].id, 10), (shop["d"].id, 9)):
        call(
            client,
            user,
            "POST",
            f"/surveys/{survey['id']}/responses",
            {"prospect_id": pid, "score": score, "verbatim": "RAS" if score > 5 else "Trop cher"},
        )
    call(
        client,
        user,
        "POST",
        f"/surveys/{survey['id']}/responses",
        {"prospect_id": shop["a"].id, "score": 5},
        409,
    )
    detail = call(client, user, "GET", f"/surveys/{survey['id']}")
    assert detail["nps"]["score"] == "33.3"  # 2 promoters, 1 detractor of 3
    assert detail["nps"]["distribution"][3] == 1
    assert detail["nps"]["distribution"][10] == 1
    assert detail["response_rate"] == "75.0"
    detractor = next(x for x in detail["responses"] if x["prospect_id"] == shop["a"].id)
    assert detractor["category"] == "detractor"
    assert detractor["task_id"]
    assert "Trop cher" in db.get(Task, detractor["task_id"]).notes  # type: ignore[union-attr]


def test_an_event_invites_through_allowed_channels(
    client: TestClient, db: Session, shop: dict[str, Any]
) -> None:
    user = shop["trainee"]
    event = call(
        client,
        user,
        "POST",
        "/loyalty-events",
        {
            "kind": "open_day",
            "title": "Portes ouvertes",
            "held_on": TODAY.isoformat(),
            "place": "Lyon",
        },
        201,
    )
    assert evidence_count(db, user) == 0
    # An invitation is prospecting, not about what the consumer bought: by e-mail without
    # their consent it is refused (the existing-customer exception does not cover it).
    out = call(
        client,
        user,
        "POST",
        f"/loyalty-events/{event['id']}/invitations",
        {"prospect_ids": [shop["a"].id, shop["p"].id], "channel": "email"},
        201,
    )
    assert [i["prospect_id"] for i in out["invited"]] == [shop["a"].id]
    assert out["refusals"][0]["rule"] == "b2c-email-requires-consent"
    assert "CP8.3" in codes_of(db, user)
    inv = out["invited"][0]
    call(
        client,
        user,
        "POST",
        f"/loyalty-events/{event['id']}/invitations/{inv['id']}/rsvp",
        {"rsvp": "yes", "attended": True},
    )
    _order(db, user, shop["a"], shop["case"], 0, [("FIB-PRO-1G", "fibre", "89.00")])
    detail = call(client, user, "GET", f"/loyalty-events/{event['id']}")
    assert (detail["invited"], detail["refused"], detail["yes"], detail["attended"]) == (1, 1, 1, 1)
    assert (detail["orders_after"], detail["amount_after_ht"]) == (1, "89.00")
    body = call(client, user, "GET", f"/agenda?from={TODAY.isoformat()}&to={TODAY.isoformat()}")
    assert [i["title"] for i in body["items"] if i["kind"] == "loyalty_event"] == [
        "Événement — Portes ouvertes"
    ]
    assert db.scalar(select(func.count()).select_from(OutboundMessage)) == 2


def test_co_purchase_rules_are_computed_as_a_job(client: TestClient, shop: dict[str, Any]) -> None:
    user = shop["trainee"]
    run = call(
        client,
        user,
        "POST",
        "/loyalty/recommendations/runs",
        {"min_support": "0.2", "min_confidence": "0.5"},
        202,
    )
    done = call(client, user, "GET", f"/loyalty/recommendations/runs/{run['id']}")
    assert done["status"] == "done"
    assert done["progress"] == 100
    assert done["customers"] == 5  # every trainee's customers of the case, aggregated
    rules = call(client, user, "GET", "/loyalty/recommendations")["rules"]
    assert any(r["consequent"] == "TEL-IP-T46" for r in rules)
    assert all("achètent aussi" in r["explanation"] for r in rules)
    detail = call(client, user, "GET", f"/loyalty/customers/{shop['a'].id}")
    assert [r["consequent"] for r in detail["recommendations"]] == ["TEL-IP-T46"]


def test_loyalty_metrics_join_the_registry(
    client: TestClient, db: Session, shop: dict[str, Any]
) -> None:
    from app.metrics.registry import compute

    user = shop["trainee"]
    codes = ["orders_placed", "repeat_purchase_rate", "retention_rate", "reactivation_rate",
             "nps", "information_regularity", "offer_acceptance_rate"]  # fmt: skip
    start, end = TODAY - timedelta(days=730), TODAY
    values = {code: v[user.id] for code, v in compute(db, codes, [user.id], start, end).items()}
    # 11 orders, 7 of them by customers who had ordered before, all within a year of the last.
    assert values["orders_placed"] == 11
    assert values["repeat_purchase_rate"] == Decimal("63.6")
    assert values["retention_rate"] == Decimal("100.0")
    assert values["reactivation_rate"] is None  # nothing detected yet: no rate, not 0 %
    call(client, user, "POST", "/loyalty/inactive/scan")
    _order(db, user, shop["d"], shop["case"], -1, [("FIB-PRO-500", "fibre", "49.00")])
    end = TODAY + timedelta(days=1)
    values = {code: v[user.id] for code, v in compute(db, codes, [user.id], start, end).items()}
    assert values["reactivation_rate"] == Decimal("50.0")  # D ordered again, A did not
    assert values["retention_rate"] == Decimal("100.0")  # D's came 301 days after its last
    # A comes back 401 days after its last order: reactivated, but won back, not kept.
    _order(db, user, shop["a"], shop["case"], -1, [("FIB-PRO-500", "fibre", "49.00")])
    values = {code: v[user.id] for code, v in compute(db, codes, [user.id], start, end).items()}
    assert values["reactivation_rate"] == Decimal("100.0")
    assert values["retention_rate"] == Decimal("88.9")  # 8 kept of 9 repeat orders
    assert values["repeat_purchase_rate"] == Decimal("69.2")  # 9 of 13 orders


def test_a_refusal_after_the_enrolment_stops_the_plan_and_nothing_is_sent_twice(
    client: TestClient, db: Session, shop: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    user = shop["trainee"]
    step = {"channel": "email", "delay_days": 0, "subject": "Bonjour", "body": "{{ contact }}"}
    plan = call(client, user, "POST", "/relaunch-plans", {
        "name": "Deux e-mails", "steps": [step, {**step, "delay_days": 3}]}, 201)  # fmt: skip
    out = call(client, user, "POST", f"/relaunch-plans/{plan['id']}/enrolments",
               {"prospect_ids": [shop["a"].id, shop["d"].id]}, 201)  # fmt: skip
    assert [m["status"] for m in out["messages"]] == ["recorded", "recorded"]
    # The second steps are in the agenda on their day, linked to the plan.
    day = (TODAY + timedelta(days=3)).isoformat()
    body = call(client, user, "GET", f"/agenda?from={day}&to={day}")
    due = [i for i in body["items"] if i["kind"] == "relaunch_due"]
    assert len(due) == 2
    assert due[0]["link"]["href"] == f"/fidelisation/relances/{plan['id']}"
    # The same day, again: nothing is due, nothing is recorded twice.
    assert call(client, user, "POST", f"/relaunch-plans/{plan['id']}/advance")["processed"] == 0
    # D objects to prospecting: its enrolment stops; A's second e-mail goes three days later.
    shop["d"].objected_at = datetime.now(UTC)
    db.commit()
    later = TODAY + timedelta(days=3)
    monkeypatch.setattr(loyalty_customers, "today", lambda: later)
    done = call(client, user, "POST", f"/relaunch-plans/{plan['id']}/advance")
    assert [(m["prospect_id"], m["step"]) for m in done["messages"]] == [(shop["a"].id, 1)]
    enrolments = call(client, user, "GET", f"/relaunch-plans/{plan['id']}/enrolments")["items"]
    states = {e["prospect_id"]: (e["status"], e["stop_detail"]) for e in enrolments}
    assert states[shop["d"].id] == ("stopped_refusal", "opposition à la prospection")
    assert states[shop["a"].id][0] == "completed"
    assert call(client, user, "POST", f"/relaunch-plans/{plan['id']}/advance")["processed"] == 0


def test_templates_are_sandboxed_and_refused_campaigns_record_nothing(
    client: TestClient, db: Session, shop: dict[str, Any]
) -> None:
    user = shop["trainee"]
    hostile = ("{{ ''.__class__.__mro__ }}", "{% for x in range(10**9) %}{% endfor", "{{ x }}",
               "{% for x in range(99999) %}{% for y in range(99999) %}.{% endfor %}{% endfor %}",
               "{{ client|upper }}", "{{ client.__class__ }}")  # fmt: skip
    for body in hostile:
        r = call(client, user, "POST", "/loyalty-campaigns", {"title": "T", "kind": "news",
                 "subject": "S", "body": body}, 422)  # fmt: skip
        assert r["errors"][0]["field"] == "body"
    # News (no product) to the consumer only, who refused every channel: nobody is informed.
    contact = db.scalar(select(Contact).where(Contact.prospect_id == shop["p"].id))
    for channel in (ConsentChannel.EMAIL, ConsentChannel.POSTAL, ConsentChannel.PHONE,
                    ConsentChannel.SMS):  # fmt: skip
        make_consent(db, shop["p"], channel=channel, status=ConsentStatus.REFUSED, contact=contact)
    db.commit()
    draft = call(client, user, "POST", "/loyalty-campaigns", {"title": "Actualités",
                 "kind": "news", "rfm_segments": ["new"], "subject": "Du nouveau",
                 "body": "Bonjour {{ contact }}"}, 201)  # fmt: skip
    sent = call(client, user, "POST", f"/loyalty-campaigns/{draft['id']}/send",
                {"version": draft["version"]})  # fmt: skip
    assert (sent["recorded"], sent["refused"]) == (0, 1)
    assert evidence_count(db, user) == 0
    # A stale version is refused, and so is an unknown segment.
    r = call(client, user, "POST", f"/loyalty-campaigns/{draft['id']}/send",
             {"version": draft["version"]}, 409)  # fmt: skip
    assert r["type"].endswith("stale-version") or "envoyée" in r["detail"]
    r = call(client, user, "GET", "/loyalty/customers?segment=nope", code=422)
    assert r["errors"][0]["field"] == "segment"
