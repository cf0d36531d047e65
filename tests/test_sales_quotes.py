"""Opportunities and quotes through the API: the stage history, quotes on the business case's
catalogue with exact figures, discount limits and the manager's approval, numbering without
gaps, frozen sent quotes and revisions, the client's answer, the figure checker, bad input
changing nothing, and the evidence a sent quote records."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.business_cases import service as cases
from app.business_cases.document import BusinessCaseDocument
from app.core.principal import Principal
from app.models import (
    BusinessCaseAssignment,
    EvidenceLink,
    EvidenceRecord,
    ProspectKind,
    Quote,
    QuoteLine,
    Role,
    SizeBand,
)
from tests.factories import bearer, make_cohort, make_org, make_prospect, make_user

EXAMPLE = Path(__file__).parent / "data" / "business_case_example.json"


@pytest.fixture
def world(db: Session) -> dict[str, Any]:
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
    doc = BusinessCaseDocument.model_validate(json.loads(EXAMPLE.read_text(encoding="utf-8")))
    case = cases.create_case(db, principal, doc)
    cases.publish(db, principal, case, case.version)
    db.add(BusinessCaseAssignment(business_case_id=case.id, cohort_id=cohort.id))
    db.flush()
    # A medical practice in Lyon: segment "cabinets-pme" (NAF 86, department 69, small).
    prospect = make_prospect(
        db, trainee, name="Cabinet Durand", naf_code="86.21Z", size_band=SizeBand.SMALL
    )
    stranger = make_prospect(db, other, name="Ailleurs SARL")
    return {"trainer": trainer, "trainee": trainee, "other": other, "case": case,
            "prospect": prospect, "stranger": stranger}  # fmt: skip


def post(client: TestClient, user: Any, path: str, body: dict[str, Any], code: int = 201) -> Any:
    r = client.post(f"/api/v1{path}", json=body, headers=bearer(user))
    assert r.status_code == code, r.text
    return r.json()


def opportunity(client: TestClient, w: dict[str, Any], **fields: Any) -> dict[str, Any]:
    body = {"prospect_id": w["prospect"].id, "title": "Fibre du cabinet", **fields}
    return post(client, w["trainee"], "/opportunities", body)


def quote(client: TestClient, w: dict[str, Any], opp: dict[str, Any], **fields: Any) -> Any:
    code = fields.pop("code", 201)
    body = {
        "opportunity_id": opp["id"],
        "lines": [{"product_reference": "FIB-PRO-500", "quantity": "3", "discounts": ["5"]}],
        **fields,
    }
    return post(client, w["trainee"], "/quotes", body, code)


def test_opportunity_stages_are_kept(client: TestClient, world: dict[str, Any]) -> None:
    opp = opportunity(client, world, estimated_amount_ht="1200")
    assert opp["stage"] == "discovery"
    assert opp["estimated_amount_ht"] == "1200.00"
    assert opp["business_case_version_id"]
    user = world["trainee"]
    r = post(client, user, f"/opportunities/{opp['id']}/stage",
             {"version": opp["version"], "stage": "lost"}, 422)  # fmt: skip
    assert r["errors"][0]["field"] == "lost_reason"
    lost = post(client, user, f"/opportunities/{opp['id']}/stage",
                {"version": opp["version"], "stage": "lost", "lost_reason": "Budget gelé"}, 200)  # fmt: skip
    assert lost["closed_at"]
    r = post(client, user, f"/opportunities/{opp['id']}/stage",
             {"version": lost["version"], "stage": "proposal"}, 409)  # fmt: skip
    assert "négociation" in r["detail"]
    back = post(client, user, f"/opportunities/{opp['id']}/stage",
                {"version": lost["version"], "stage": "negotiation"}, 200)  # fmt: skip
    assert [(h["from_stage"], h["to_stage"]) for h in back["history"]] == [
        (None, "discovery"),
        ("discovery", "lost"),
        ("lost", "negotiation"),
    ]
    assert back["lost_reason"] == ""
    # Another trainee's prospect is unknown to the caller.
    r = post(client, user, "/opportunities",
             {"prospect_id": world["stranger"].id, "title": "x"}, 422)  # fmt: skip
    assert r["errors"][0]["field"] == "prospect_id"


def test_a_quote_on_the_catalogue_with_exact_figures(
    client: TestClient, world: dict[str, Any]
) -> None:
    opp = opportunity(client, world)
    q = quote(client, world, opp)
    assert q["status"] == "draft"
    assert q["number"] is None
    assert q["segment_code"] == "cabinets-pme"
    assert q["segments"] == ["cabinets-pme"]
    f = q["figures"]
    line = f["lines"][0]
    # 3 × 49.00 = 147.00; −5 % = 7.35 -> 139.65; escompte 1 % (the policy's) = 1.3965 -> 1.40
    assert (line["label"], line["tva_rate"], line["unit_cost_ht"]) == (
        "Fibre Pro 500 Mb/s",
        "20.00",
        "21.50",
    )
    assert line["gross_ht"] == "147.00"
    assert line["net_ht"] == "139.65"
    assert f["escompte_rate"] == "1.00"
    assert f["escompte"] == "1.40"
    assert f["net_financial_ht"] == "138.25"
    assert f["tva"] == [
        {"rate": "20.00", "lines_ht": "139.65", "reductions": "0.00", "escompte": "1.40",
         "base_ht": "138.25", "tva": "27.65"}
    ]  # fmt: skip
    assert f["total_ttc"] == "165.90"
    # Margin on the net commercial: 139.65 − 3 × 21.50 = 75.15; markup 75.15 / 139.65
    assert f["margin"]["margin"] == "75.15"
    assert f["margin"]["markup_rate"] == "53.81"
    assert f["margin"]["margin_rate"] == "116.51"
    assert line["limit"] == {"rate": "5.00", "source": "délégation du vendeur", "over": False}
    assert f["steps"] is None
    detailed = client.get(f"/api/v1/quotes/{q['id']}?steps=true", headers=bearer(world["trainee"]))
    assert detailed.status_code == 200
    steps = detailed.json()["figures"]["steps"]
    assert [s["number"] for s in steps] == list(range(1, 9))
    assert "TVA 20,00 % : 138,25 € × 20,00 % = 27,65 €" in steps[5]["lines"]


def test_a_discount_beyond_the_limits_needs_the_managers_approval(
    client: TestClient, db: Session, world: dict[str, Any]
) -> None:
    opp = opportunity(client, world)
    lines = [{"product_reference": "FIB-PRO-500", "quantity": "3", "discounts": ["8"]}]
    before = db.scalar(select(func.count()).select_from(Quote))
    r = post(client, world["trainee"], "/quotes",
             {"opportunity_id": opp["id"], "lines": lines}, 409)  # fmt: skip
    assert r["type"].endswith("discount-over-limit")
    assert r["errors"][0]["field"] == "lines.0.discounts"
    assert r["errors"][0]["limit"] == "5.00"
    assert "délégation du vendeur" in r["errors"][0]["message"]
    assert db.scalar(select(func.count()).select_from(Quote)) == before  # nothing written

    q = post(client, world["trainee"], "/quotes",
             {"opportunity_id": opp["id"], "lines": lines,
              "approval_request": "Client stratégique : trois sites à venir."})  # fmt: skip
    assert q["approval_status"] == "pending"
    assert q["figures"]["over_limit"] == [1]
    r = post(client, world["trainee"], f"/quotes/{q['id']}/send", {"version": q["version"]}, 409)
    assert "en attente" in r["detail"]
    # The trainee cannot approve; the trainer refuses without a word: 422, then approves.
    post(client, world["trainee"], f"/quotes/{q['id']}/approval",
         {"version": q["version"], "approve": True}, 403)  # fmt: skip
    post(client, world["trainer"], f"/quotes/{q['id']}/approval",
         {"version": q["version"], "approve": False}, 422)  # fmt: skip
    approved = post(client, world["trainer"], f"/quotes/{q['id']}/approval",
                    {"version": q["version"], "approve": True, "comment": "D'accord."}, 200)  # fmt: skip
    assert approved["approval_status"] == "approved"
    sent = post(client, world["trainee"], f"/quotes/{q['id']}/send",
                {"version": approved["version"]}, 200)  # fmt: skip
    assert sent["status"] == "sent"
    assert sent["number"].startswith("DEV-")
    # Beyond the policy itself (the family "fibre" allows 12 %): still an approval.
    r = post(client, world["trainee"], "/quotes",
             {"opportunity_id": opp["id"],
              "lines": [{"product_reference": "FIB-PRO-500", "quantity": "1", "discounts": ["20"]}]},
             409)  # fmt: skip
    assert r["errors"][0]["asked"] == "20.00"


def test_sent_quotes_are_numbered_frozen_and_revised(
    client: TestClient, db: Session, world: dict[str, Any]
) -> None:
    user = world["trainee"]
    opp = opportunity(client, world)
    first = quote(client, world, opp)
    second = quote(client, world, opp)
    draft = quote(client, world, opp)
    a = post(client, user, f"/quotes/{second['id']}/send", {"version": second["version"]}, 200)
    b = post(client, user, f"/quotes/{first['id']}/send", {"version": first["version"]}, 200)
    year = a["sent_at"][:4]
    assert (a["number"], b["number"]) == (f"DEV-{year}-00001", f"DEV-{year}-00002")
    # A draft deleted leaves no gap: drafts have no number.
    r = client.delete(f"/api/v1/quotes/{draft['id']}", headers=bearer(user))
    assert r.status_code == 204
    r = client.delete(f"/api/v1/quotes/{a['id']}", headers=bearer(user))
    assert r.status_code == 409
    # Sent: frozen.
    r = client.patch(f"/api/v1/quotes/{a['id']}", json={"version": a["version"], "title": "x"},
                     headers=bearer(user))  # fmt: skip
    assert r.status_code == 409
    assert "révision" in r.json()["detail"]
    # The opportunity moved to proposal when the first quote was sent.
    o = client.get(f"/api/v1/opportunities/{opp['id']}", headers=bearer(user)).json()
    assert o["stage"] == "proposal"
    # A revision: same number, revision 2, a draft; sending it supersedes the first.
    rev = post(client, user, f"/quotes/{a['id']}/revise", {"version": a["version"]})
    assert (rev["number"], rev["revision"], rev["status"]) == (a["number"], 2, "draft")
    assert rev["reference"] == f"{a['number']} rév. 2"
    assert rev["figures"]["total_ttc"] == a["figures"]["total_ttc"]
    changed = client.patch(
        f"/api/v1/quotes/{rev['id']}",
        json={"version": rev["version"], "lines": [{"product_reference": "FIB-PRO-1G", "quantity": "2"}]},
        headers=bearer(user),
    )  # fmt: skip
    assert changed.status_code == 200, changed.text
    assert changed.json()["figures"]["lines_net_ht"] == "178.00"
    sent = post(
        client, user, f"/quotes/{rev['id']}/send", {"version": changed.json()["version"]}, 200
    )
    assert sent["number"] == a["number"]
    old = client.get(f"/api/v1/quotes/{a['id']}", headers=bearer(user)).json()
    assert old["status"] == "superseded"
    # The client accepts: the opportunity is won.
    accepted = post(client, user, f"/quotes/{rev['id']}/answer",
                    {"version": sent["version"], "accepted": True}, 200)  # fmt: skip
    assert accepted["status"] == "accepted"
    o = client.get(f"/api/v1/opportunities/{opp['id']}", headers=bearer(user)).json()
    assert o["stage"] == "won"
    assert [h["to_stage"] for h in o["history"]] == ["discovery", "proposal", "won"]
    # A won opportunity takes no new quote.
    quote(client, world, opp, code=409)


@pytest.mark.parametrize(
    ("line", "field"),
    [
        ({"product_reference": "FIB-PRO-500", "quantity": "-1"}, "lines.0.quantity"),
        ({"product_reference": "FIB-PRO-500", "quantity": "1", "discounts": ["100.5"]},
         "lines.0.discounts.0"),
        ({"label": "Pose", "quantity": "1", "unit_price_ht": "80", "tva_rate": "19"},
         "lines.0.tva_rate"),
        ({"label": "Pose", "quantity": "1", "unit_price_ht": "80"}, "lines.0.tva_rate"),
        ({"product_reference": "NOPE-1", "quantity": "1"}, "lines.0.product_reference"),
        ({"product_reference": "FIB-PRO-500", "quantity": "1", "tva_rate": "10"},
         "lines.0.tva_rate"),
        ({"product_reference": "FIB-PRO-500", "quantity": "1000000", "unit_price_ht": "9999999"},
         "lines"),
    ],
)  # fmt: skip
def test_bad_lines_name_their_field_and_write_nothing(
    client: TestClient, db: Session, world: dict[str, Any], line: dict[str, Any], field: str
) -> None:
    opp = opportunity(client, world)
    before = db.scalar(select(func.count()).select_from(QuoteLine))
    r = client.post("/api/v1/quotes", json={"opportunity_id": opp["id"], "lines": [line]},
                    headers=bearer(world["trainee"]))  # fmt: skip
    assert r.status_code == 422, r.text
    assert r.headers["content-type"].startswith("application/problem+json")
    assert field in [e["field"] for e in r.json()["errors"]]
    assert db.scalar(select(func.count()).select_from(QuoteLine)) == before


def test_a_quote_for_another_trainees_opportunity_or_outside_the_segments(
    client: TestClient, world: dict[str, Any]
) -> None:
    opp = opportunity(client, world)
    r = post(client, world["other"], "/quotes",
             {"opportunity_id": opp["id"], "lines": [{"product_reference": "FIB-PRO-500", "quantity": "1"}]},
             422)  # fmt: skip
    assert r["errors"][0]["field"] == "opportunity_id"
    r = quote(client, world, opp, segment_code="foyers-fibre", code=422)
    assert r["errors"][0]["field"] == "segment_code"
    assert "cabinets-pme" in r["errors"][0]["message"]
    # A reduction with a rate and an amount.
    r = quote(client, world, opp, reductions=[{"kind": "remise", "rate": "5", "amount": "3"}],
              code=422)  # fmt: skip
    assert r["errors"][0]["field"].startswith("reductions.0")


def test_the_figure_checker(client: TestClient, world: dict[str, Any]) -> None:
    opp = opportunity(client, world)
    q = quote(client, world, opp)
    r = post(client, world["trainee"], f"/quotes/{q['id']}/check",
             {"figures": {"net_commercial_ht": "139.65", "escompte": "1.39", "tva.20": "27.65",
                          "total_ttc": "165.90", "markup_rate": "116.51"}}, 200)  # fmt: skip
    by = {v["code"]: v for v in r["verdicts"]}
    assert (r["right"], r["wrong"]) == (3, 2)
    assert by["escompte"]["expected"] == "1.40"
    assert by["escompte"]["step"] == 5
    assert "taux de marge" in by["markup_rate"]["explanation"]
    r = post(client, world["trainee"], f"/quotes/{q['id']}/check",
             {"figures": {"bogus": "1"}}, 422)  # fmt: skip
    assert r["errors"][0]["field"] == "figures.bogus"


def test_compute_without_saving(client: TestClient, world: dict[str, Any]) -> None:
    lines = [{"label": f"Article {i}", "quantity": "2", "unit_price_ht": "10.01", "tva_rate": "5.5"}
             for i in range(200)]  # fmt: skip
    f = post(client, world["trainee"], "/quotes/compute",
             {"lines": lines, "reductions": [{"kind": "remise", "rate": "2"}]}, 200)  # fmt: skip
    assert f["gross_ht"] == "4004.00"
    assert f["net_commercial_ht"] == "3923.92"  # 4 004 − 80.08
    assert f["total_ttc"] == "4139.74"  # + 5.5 % of 3 923.92 = 215.8156 -> 215.82
    assert len(f["steps"]) == 8


def test_a_sent_quote_is_evidence_once_per_number(
    client: TestClient, db: Session, world: dict[str, Any]
) -> None:
    user = world["trainee"]
    opp = opportunity(client, world)
    q = quote(client, world, opp)

    def evidence() -> list[str]:
        return list(
            db.scalars(
                select(EvidenceLink.code)
                .join(EvidenceRecord, EvidenceRecord.id == EvidenceLink.evidence_id)
                .where(EvidenceRecord.trainee_id == user.id)
            )
        )

    assert "CP6.7" not in evidence()  # a draft is not evidence
    sent = post(client, user, f"/quotes/{q['id']}/send", {"version": q["version"]}, 200)
    assert evidence().count("CP6.7") == 1
    rev = post(client, user, f"/quotes/{q['id']}/revise", {"version": sent["version"]})
    post(client, user, f"/quotes/{rev['id']}/send", {"version": rev["version"]}, 200)
    assert evidence().count("CP6.7") == 1  # the same quote number


def test_consumers_off_premises_only(
    client: TestClient, db: Session, world: dict[str, Any]
) -> None:
    person = make_prospect(db, world["trainee"], kind=ProspectKind.INDIVIDUAL, name="M. Martin",
                           postcode="69003")  # fmt: skip
    opp = post(client, world["trainee"], "/opportunities",
               {"prospect_id": person.id, "title": "Box"})  # fmt: skip
    q = post(client, world["trainee"], "/quotes",
             {"opportunity_id": opp["id"], "off_premises": True,
              "lines": [{"product_reference": "BOX-FAM-1G", "quantity": "1"}]})  # fmt: skip
    assert q["off_premises"] is True
    company = quote(client, world, opportunity(client, world), off_premises=True)
    assert company["off_premises"] is False


def test_the_sales_metrics(client: TestClient, db: Session, world: dict[str, Any]) -> None:
    from datetime import timedelta

    from app.common.clock import utcnow
    from app.metrics import registry

    user = world["trainee"]
    opp = opportunity(client, world)
    a = quote(client, world, opp)  # 3 × 49.00 − 5 %: gross 147.00, net 139.65, margin 75.15
    b = quote(client, world, opp, lines=[{"product_reference": "FIB-PRO-1G", "quantity": "1"}])
    a = post(client, user, f"/quotes/{a['id']}/send", {"version": a["version"]}, 200)
    b = post(client, user, f"/quotes/{b['id']}/send", {"version": b["version"]}, 200)
    # A revision of b sent again replaces it: b counts once, as its revision.
    rev = post(client, user, f"/quotes/{b['id']}/revise", {"version": b["version"]})
    rev = post(client, user, f"/quotes/{rev['id']}/send", {"version": rev["version"]}, 200)
    post(client, user, f"/quotes/{a['id']}/answer", {"version": a["version"], "accepted": True},
         200)  # fmt: skip
    today = utcnow().date()
    codes = ["quotes_sent", "quoted_amount_ht", "quoted_gross_ht", "discounts_granted_ht",
             "quotes_accepted", "won_amount_ht", "won_margin_ht", "quote_acceptance_rate",
             "average_discount", "won_markup_rate", "interviews_held"]  # fmt: skip
    found = registry.compute(
        db, codes, [user.id], today - timedelta(days=1), today + timedelta(days=1)
    )
    values = {code: found[code][user.id] for code in codes}
    assert values == {
        "quotes_sent": 2,
        "quoted_amount_ht": Decimal("228.65"),  # 139.65 + 89.00
        "quoted_gross_ht": Decimal("236.00"),  # 147.00 + 89.00
        "discounts_granted_ht": Decimal("7.35"),
        "quotes_accepted": 1,
        "won_amount_ht": Decimal("139.65"),
        "won_margin_ht": Decimal("75.15"),
        "quote_acceptance_rate": Decimal("50.0"),
        "average_discount": Decimal("3.1"),  # 7.35 / 236.00
        "won_markup_rate": Decimal("53.8"),  # 75.15 / 139.65
        "interviews_held": 0,
    }


def test_a_quote_past_its_validity_reads_expired_and_cannot_be_accepted(
    client: TestClient, db: Session, world: dict[str, Any]
) -> None:
    from datetime import timedelta

    from app.common.clock import utcnow

    user = world["trainee"]
    q = quote(client, world, opportunity(client, world))
    sent = post(client, user, f"/quotes/{q['id']}/send", {"version": q["version"]}, 200)
    stored = db.get(Quote, q["id"])
    assert stored is not None
    stored.valid_until = utcnow().date() - timedelta(days=2)
    db.flush()
    read = client.get(f"/api/v1/quotes/{q['id']}", headers=bearer(user)).json()
    assert read["status"] == "expired"
    r = post(client, user, f"/quotes/{q['id']}/answer",
             {"version": read["version"], "accepted": True}, 409)  # fmt: skip
    assert "expiré" in r["detail"]
    rev = post(client, user, f"/quotes/{q['id']}/revise", {"version": read["version"]})
    assert (rev["number"], rev["revision"], rev["status"]) == (sent["number"], 2, "draft")
