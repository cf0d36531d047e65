"""Deliveries, client messages, cases under the business case's procedures, decisions within
the salesperson's authority, escalations answered by a trainer, complaints (issue 17): the
rules through the API, each refusal naming its rule with nothing written, and the evidence."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.follow_up import policy
from app.models import (
    CaseDecision,
    Complaint,
    Delivery,
    Escalation,
    EvidenceLink,
    EvidenceRecord,
    Order,
)
from tests.factories import bearer
from tests.test_follow_up_orders import accepted_quote
from tests.test_sales_quotes import post, world  # noqa: F401 (fixture)


def order(client: TestClient, w: dict[str, Any]) -> dict[str, Any]:
    return post(client, w["trainee"], "/orders", {"quote_id": accepted_quote(client, w)["id"]})


def codes(db: Session, user: Any) -> list[str]:
    return list(
        db.scalars(
            select(EvidenceLink.code)
            .join(EvidenceRecord, EvidenceRecord.id == EvidenceLink.evidence_id)
            .where(EvidenceRecord.trainee_id == user.id)
        )
    )


def get(client: TestClient, user: Any, path: str, code: int = 200) -> Any:
    r = client.get(f"/api/v1{path}", headers=bearer(user))
    assert r.status_code == code, r.text
    return r.json()


def test_a_delivery_followed_through_an_incident_with_the_client_informed(
    client: TestClient,
    db: Session,
    world: dict[str, Any],  # noqa: F811
) -> None:
    user = world["trainee"]
    o = order(client, world)
    today = policy.today()
    line_id = db.scalar(select(func.min(Delivery.id)))  # none yet
    assert line_id is None
    # A partial delivery: 1 of the order's quantity first, the rest after.
    detail = get(client, user, f"/orders/{o['id']}")
    ordered = detail["figures"]["lines"]
    assert ordered
    first = post(client, user, f"/orders/{o['id']}/deliveries",
                 {"promised_on": (today + timedelta(days=3)).isoformat()})  # fmt: skip
    assert first["position"] == 1
    assert first["status"] == "planned"
    assert first["late_days"] == 0
    # Everything left is already in this delivery: a second one is refused.
    r = post(client, user, f"/orders/{o['id']}/deliveries",
             {"promised_on": today.isoformat()}, 409)  # fmt: skip
    assert "déjà en livraison" in r["detail"]
    # Steps in order: delivering before shipping is refused, naming the order of steps.
    r = post(client, user, f"/deliveries/{first['id']}/events",
             {"kind": "delivered", "version": first["version"]}, 409)  # fmt: skip
    assert "expédiée" in r["detail"]
    d = post(client, user, f"/deliveries/{first['id']}/events",
             {"kind": "prepared", "version": first["version"]}, 200)  # fmt: skip
    assert d["status"] == "prepared"
    assert d["prepared_on"] == today.isoformat()
    # A late incident moves the promised date and opens the delivery-incident case.
    d = post(client, user, f"/deliveries/{first['id']}/events",
             {"kind": "incident", "incident": "late", "version": d["version"],
              "promised_on": (today + timedelta(days=6)).isoformat(),
              "note": "Transporteur en grève"}, 200)  # fmt: skip
    assert d["promised_on"] == (today + timedelta(days=6)).isoformat()
    assert d["incidents"] == 1
    assert d["case_id"] is not None
    case = get(client, user, f"/cases/{d['case_id']}")
    assert case["case_type"] == "delivery_incident"
    assert [s["code"] for s in case["steps"]] == [
        "constat",
        "transfert-logistique",
        "nouvelle-date",
    ]
    assert case["missing_required"] == ["constat", "transfert-logistique", "nouvelle-date"]
    # The client informed, about the delivery, by phone.
    m = post(client, user, "/client-messages",
             {"subject": "delivery", "subject_id": d["id"], "channel": "phone",
              "summary": "Prévenu du retard ; nouvelle date confirmée."})  # fmt: skip
    assert m["prospect_id"] == o["prospect_id"]
    listed = get(client, user, f"/client-messages?subject=delivery&subject_id={d['id']}")
    assert [x["id"] for x in listed["items"]] == [m["id"]]
    # Another trainee's record cannot be the subject (422 on subject_id).
    r = post(client, world["other"], "/client-messages",
             {"subject": "delivery", "subject_id": d["id"], "channel": "phone",
              "summary": "x"}, 422)  # fmt: skip
    assert r["errors"][0]["field"] == "subject_id"
    d = post(client, user, f"/deliveries/{first['id']}/events",
             {"kind": "shipped", "version": d["version"]}, 200)  # fmt: skip
    d = post(client, user, f"/deliveries/{first['id']}/events",
             {"kind": "delivered", "version": d["version"]}, 200)  # fmt: skip
    assert d["status"] == "delivered"
    assert d["delivered_on"] == today.isoformat()
    assert get(client, user, f"/orders/{o['id']}")["status"] == "delivered"
    # A future date is refused on its field, nothing changes.
    r = post(client, user, f"/deliveries/{first['id']}/events",
             {"kind": "incident", "incident": "damaged", "version": d["version"],
              "occurred_on": (today + timedelta(days=1)).isoformat()}, 422)  # fmt: skip
    assert r["errors"][0]["field"] == "occurred_on"
    assert "CP7.1" in codes(db, user)


def test_a_partial_delivery_with_missing_items_is_an_incident(
    client: TestClient,
    db: Session,
    world: dict[str, Any],  # noqa: F811
) -> None:
    user = world["trainee"]
    o = post(client, user, "/orders", {"prospect_id": world["prospect"].id,
             "lines": [{"product_reference": "FIB-PRO-1G", "quantity": "3"}]})  # fmt: skip
    line = db.scalar(select(func.min(Order.id)))
    assert line is not None
    lines = get(client, user, f"/orders/{o['id']}")["figures"]["lines"]
    assert len(lines) == 1
    from app.follow_up import repository as repo

    order_line = repo.lines_of(db, o["id"])[0]
    today = policy.today().isoformat()
    first = post(client, user, f"/orders/{o['id']}/deliveries",
                 {"promised_on": today, "lines": [{"order_line_id": order_line.id,
                                                   "quantity": "2"}]})  # fmt: skip
    r = post(client, user, f"/orders/{o['id']}/deliveries",
             {"promised_on": today, "lines": [{"order_line_id": order_line.id,
                                               "quantity": "2"}]}, 409)  # fmt: skip
    assert "il en reste 1" in r["detail"]
    d = post(client, user, f"/deliveries/{first['id']}/events",
             {"kind": "shipped", "version": first["version"]}, 200)  # fmt: skip
    d = post(client, user, f"/deliveries/{first['id']}/events",
             {"kind": "delivered", "version": d["version"],
              "delivered_lines": [{"order_line_id": order_line.id, "quantity": "1"}]}, 200)  # fmt: skip
    assert d["incidents"] == 1
    assert d["case_id"] is not None
    assert [e["incident"] for e in d["events"] if e["kind"] == "incident"] == ["missing"]
    # One delivered of three: the order stays open, and two are left to deliver.
    assert get(client, user, f"/orders/{o['id']}")["status"] == "open"
    db.expire_all()
    assert str(repo.lines_of(db, o["id"])[0].quantity_delivered) == "1.000"
    # The order's lines say what is delivered and what deliveries carry.
    [line] = get(client, user, f"/orders/{o['id']}")["lines"]
    assert (line["quantity"], line["quantity_delivered"], line["quantity_planned"]) == (
        "3.000", "1.000", "1.000")  # fmt: skip
    again = post(client, user, f"/orders/{o['id']}/deliveries", {"promised_on": today})
    assert [ln["quantity"] for ln in again["lines"]] == ["2.000"]


def test_a_case_is_closed_only_with_its_required_steps(
    client: TestClient,
    db: Session,
    world: dict[str, Any],  # noqa: F811
) -> None:
    user = world["trainee"]
    o = order(client, world)
    case = post(client, user, "/cases",
                {"case_type": "order", "subject": "order", "subject_id": o["id"]})  # fmt: skip
    assert case["title"].startswith("Commande — CDE-")
    assert case["steps_required"] == 4
    assert case["steps_done"] == 0
    # One open case per record and type.
    post(client, user, "/cases", {"case_type": "order", "subject": "order",
                                  "subject_id": o["id"]}, 409)  # fmt: skip
    # A required step is not skipped; an optional one is, with its reason.
    r = post(client, user, f"/cases/{case['id']}/steps/devis",
             {"state": "skipped", "note": "x", "version": case["version"]}, 409)  # fmt: skip
    assert "obligatoire" in r["detail"]
    r = post(client, user, f"/cases/{case['id']}/steps/remise-hors-delegation",
             {"state": "skipped", "version": case["version"]}, 422)  # fmt: skip
    assert r["errors"][0]["field"] == "note"
    post(client, user, f"/cases/{case['id']}/steps/inconnue",
         {"state": "done", "version": case["version"]}, 404)  # fmt: skip
    case = post(client, user, f"/cases/{case['id']}/steps/remise-hors-delegation",
                {"state": "skipped", "note": "Pas de remise", "version": case["version"]}, 200)  # fmt: skip
    for code in ("eligibilite", "devis", "mandat-sepa"):
        case = post(client, user, f"/cases/{case['id']}/steps/{code}",
                    {"state": "done", "version": case["version"]}, 200)  # fmt: skip
    r = post(client, user, f"/cases/{case['id']}/close",
             {"outcome": "Raccordé", "version": case["version"]}, 409)  # fmt: skip
    assert "Planifier le raccordement" in r["detail"]
    assert r["missing_steps"] == ["planification"]
    assert r["type"].endswith("procedure-step-missing")
    assert get(client, user, f"/cases/{case['id']}")["status"] == "open"
    case = post(client, user, f"/cases/{case['id']}/steps/planification",
                {"state": "done", "version": case["version"]}, 200)  # fmt: skip
    # Doing a step again changes nothing (no version bump, no new evidence).
    same = post(client, user, f"/cases/{case['id']}/steps/planification",
                {"state": "done", "version": case["version"]}, 200)  # fmt: skip
    assert same["version"] == case["version"]
    states = {s["code"]: s["state"] for s in case["steps"]}
    assert states == {"eligibilite": "done", "devis": "done", "remise-hors-delegation": "skipped",
                      "mandat-sepa": "done", "planification": "done"}  # fmt: skip
    closed = post(client, user, f"/cases/{case['id']}/close",
                  {"outcome": "Raccordé", "version": case["version"]}, 200)  # fmt: skip
    assert closed["status"] == "closed"
    assert closed["missing_required"] == []
    assert codes(db, user).count("CP7.1") >= 6


def test_decisions_within_the_authority_and_escalation_beyond_it(
    client: TestClient,
    db: Session,
    world: dict[str, Any],  # noqa: F811
) -> None:
    user, trainer = world["trainee"], world["trainer"]
    o = order(client, world)
    case = post(client, user, "/cases",
                {"case_type": "dispute", "subject": "order", "subject_id": o["id"]})  # fmt: skip
    granted = post(client, user, f"/cases/{case['id']}/decisions",
                   {"kind": "commercial_gesture", "amount_ht": "80.00", "note": "Frais offerts"})  # fmt: skip
    assert granted["amount_ht"] == "80.00"
    # A rate of the order's net amount (139.65 € HT): 10 % = 13.97 €.
    by_rate = post(client, user, f"/cases/{case['id']}/decisions",
                   {"kind": "commercial_gesture", "rate": "10"})  # fmt: skip
    assert by_rate["amount_ht"] == "13.97"
    before = db.scalar(select(func.count()).select_from(CaseDecision))
    r = post(client, user, f"/cases/{case['id']}/decisions",
             {"kind": "commercial_gesture", "amount_ht": "150.00"}, 409)  # fmt: skip
    assert r["limit"] == "policy.authority.max_commercial_gesture"
    assert r["escalate_to"] == "sales_management"
    assert "100,00 €" in r["detail"]
    r = post(client, user, f"/cases/{case['id']}/decisions",
             {"kind": "credit_note", "amount_ht": "300.01"}, 409)  # fmt: skip
    assert r["limit"] == "policy.authority.max_credit_note"
    assert r["escalate_to"] == "accounting"
    assert "Comptabilité clients" in r["contact"]
    r = post(client, user, f"/cases/{case['id']}/decisions",
             {"kind": "free_replacement"}, 409)  # fmt: skip
    assert r["limit"] == "policy.authority.free_replacement"
    r = post(client, user, f"/cases/{case['id']}/decisions",
             {"kind": "payment_delay", "days": 10}, 409)  # fmt: skip
    assert r["limit"] == "policy.authority.max_payment_delay_days"
    assert db.scalar(select(func.count()).select_from(CaseDecision)) == before
    # The escalation to the department with its handover note.
    esc = post(client, user, f"/cases/{case['id']}/escalations", {
        "department": "sales_management", "reason": "Geste au-delà de la délégation",
        "facts": "Raccordement en retard de 3 semaines.",
        "client_request": "Un geste de 150 € HT.",
        "actions_taken": "Geste de 80 € accordé, excuses présentées.",
        "documents": ["Bon de commande CDE", "Courriel du client"],
    })  # fmt: skip
    assert esc["status"] == "sent"
    assert esc["department_label"] == "Direction commerciale"
    # The trainee cannot answer as the department; the case cannot close while it waits.
    post(client, user, f"/escalations/{esc['id']}/answer",
         {"answer": "OK", "version": esc["version"]}, 403)  # fmt: skip
    for code in ("dossier", "juridique", "proposition"):
        case = post(client, user, f"/cases/{case['id']}/steps/{code}",
                    {"state": "done", "version": case["version"]}, 200)  # fmt: skip
    r = post(client, user, f"/cases/{case['id']}/close",
             {"outcome": "x", "version": case["version"]}, 409)  # fmt: skip
    assert "sans réponse" in r["detail"]
    waiting = get(client, trainer, "/escalations?status=sent")
    assert [e["id"] for e in waiting["items"]] == [esc["id"]]
    answered = post(client, trainer, f"/escalations/{esc['id']}/answer",
                    {"answer": "Accord pour 150 € HT en avoir.", "version": esc["version"]}, 200)  # fmt: skip
    assert answered["status"] == "answered"
    assert answered["answered_by"] == trainer.id
    post(client, trainer, f"/escalations/{esc['id']}/answer",
         {"answer": "encore", "version": answered["version"]}, 409)  # fmt: skip
    # The owner sees the answer on the case, and in the agenda on the day of the answer.
    day = policy.today().isoformat()
    refs = {i["ref"] for i in get(client, user, f"/agenda?from={day}&to={day}")["items"]}
    assert f"escalation_answer:{esc['id']}" in refs
    seen = get(client, user, f"/cases/{case['id']}")
    assert seen["escalations"][0]["answer"] == "Accord pour 150 € HT en avoir."
    post(client, user, f"/cases/{case['id']}/close",
         {"outcome": "Avoir accordé par la direction", "version": seen["version"]}, 200)  # fmt: skip
    found = codes(db, user)
    assert found.count("CP7.3") == 2
    assert found.count("CP7.4") == 1
    assert db.scalar(select(func.count()).select_from(Escalation)) == 1


def test_a_complaint_answered_within_the_limits_with_its_lateness(
    client: TestClient,
    db: Session,
    world: dict[str, Any],  # noqa: F811
) -> None:
    user = world["trainee"]
    o = order(client, world)
    today = policy.today()
    received = today - timedelta(days=20)
    c = post(client, user, "/complaints", {
        "prospect_id": world["prospect"].id, "order_id": o["id"], "channel": "email",
        "category": "delay", "severity": "high", "received_on": received.isoformat(),
        "subject": "Raccordement en retard", "client_request": "Un dédommagement",
    })  # fmt: skip
    # Due dates from the policy's defaults (2 and 15 days); both passed.
    assert c["response_due_on"] == (received + timedelta(days=2)).isoformat()
    assert c["resolution_due_on"] == (received + timedelta(days=15)).isoformat()
    assert c["response_late_days"] == 18
    assert c["resolution_late_days"] == 5
    assert c["case_id"] is not None
    late = get(client, user, "/complaints?late=true")
    assert [x["id"] for x in late["items"]] == [c["id"]]
    # A gesture beyond the limit is refused naming it, nothing written.
    r = post(client, user, f"/complaints/{c['id']}/solution", {
        "solution": "commercial_gesture", "detail": "Un mois offert", "cost": "120.00",
        "version": c["version"]}, 409)  # fmt: skip
    assert r["limit"] == "policy.authority.max_commercial_gesture"
    assert db.get(Complaint, c["id"]).status.value == "received"  # type: ignore[union-attr]
    # The client answers a proposal, not before.
    post(client, user, f"/complaints/{c['id']}/client-answer",
         {"accepted": True, "version": c["version"]}, 409)  # fmt: skip
    c = post(client, user, f"/complaints/{c['id']}/solution", {
        "solution": "commercial_gesture", "detail": "Un mois offert", "cost": "45.00",
        "version": c["version"]}, 200)  # fmt: skip
    assert c["status"] == "answered"
    assert c["responded_on"] == today.isoformat()
    assert c["response_late_days"] == 18
    case = get(client, user, f"/cases/{c['case_id']}")
    assert [(d["kind"], d["amount_ht"]) for d in case["decisions"]] == [
        ("commercial_gesture", "45.00")
    ]
    r = post(client, user, f"/complaints/{c['id']}/client-answer",
             {"accepted": True, "csat": 6, "version": c["version"]}, 422)  # fmt: skip
    assert r["errors"][0]["field"] == "csat"
    c = post(client, user, f"/complaints/{c['id']}/client-answer",
             {"accepted": True, "csat": 4, "answer": "Merci", "version": c["version"]}, 200)  # fmt: skip
    assert c["status"] == "resolved"
    assert c["csat"] == 4
    assert c["resolution_late_days"] == 5
    assert get(client, user, "/complaints?late=true")["total"] == 0
    # Bad input: a future date, another trainee's prospect.
    r = post(client, user, "/complaints", {
        "prospect_id": world["prospect"].id, "channel": "email", "category": "delay",
        "received_on": (today + timedelta(days=1)).isoformat(), "subject": "x"}, 422)  # fmt: skip
    assert r["errors"][0]["field"] == "received_on"
    r = post(client, user, "/complaints", {
        "prospect_id": world["stranger"].id, "channel": "email", "category": "delay",
        "subject": "x"}, 422)  # fmt: skip
    assert r["errors"][0]["field"] == "prospect_id"
    assert db.scalar(select(func.count()).select_from(Complaint)) == 1
    found = codes(db, user)
    assert found.count("CP7.2") == 1


def test_the_account_shows_everything_on_one_timeline_open_items_first(
    client: TestClient,
    db: Session,
    world: dict[str, Any],  # noqa: F811
) -> None:
    user = world["trainee"]
    o = order(client, world)
    today = policy.today()
    d = post(client, user, f"/orders/{o['id']}/deliveries",
             {"promised_on": (today + timedelta(days=2)).isoformat()})  # fmt: skip
    c = post(client, user, "/complaints", {
        "prospect_id": world["prospect"].id, "order_id": o["id"], "channel": "phone",
        "category": "service", "received_on": (today - timedelta(days=30)).isoformat(),
        "subject": "Technicien en retard"})  # fmt: skip
    # The delivery was promised for last week: it is late now.
    row = db.get(Delivery, d["id"])
    assert row is not None
    row.promised_on = today - timedelta(days=7)
    db.commit()
    account = get(client, user, f"/accounts/{world['prospect'].id}")
    assert account["prospect"]["name"] == "Cabinet Durand"
    assert account["figures"]["invoiced_ttc"] == "0.00"
    labels = [t["label"] for t in account["timeline"]]
    assert f"Commande {o['number']} (en cours)" in labels
    assert "Réclamation « Technicien en retard » (reçue)" in labels
    # The order of the quote is found by its quote.
    found = get(client, user, f"/orders?quote_id={o['quote_id']}")
    assert [x["id"] for x in found["items"]] == [o["id"]]
    assert account["figures"]["orders"] == 1
    assert account["figures"]["open_complaints"] == 1
    kinds = [i["kind"] for i in account["open_items"]]
    # The most overdue first: the complaint unanswered for 28 days, then the delivery.
    assert kinds[:2] == ["complaint_response_late", "late_delivery"]
    assert account["open_items"][0]["days_late"] == 28
    assert {"open_case"} <= set(kinds)
    timeline = account["timeline"]
    found = {t["kind"] for t in timeline}
    assert {"opportunity", "quote", "order", "complaint", "case"} <= found
    assert [t["on"] for t in timeline] == sorted((t["on"] for t in timeline), reverse=True)
    assert account["timeline_total"] == len(timeline)
    assert len(get(client, user, f"/accounts/{world['prospect'].id}?limit=2")["timeline"]) == 2
    # Another trainee's account is not found; the trainer reads it.
    get(client, world["other"], f"/accounts/{world['prospect'].id}", 404)
    get(client, world["trainer"], f"/accounts/{world['prospect'].id}")
    get(client, user, f"/accounts/{world['prospect'].id}?limit=0", 422)
    # The agenda shows the complaint's resolution due date and the delivery's promise.
    start = (today - timedelta(days=20)).isoformat()
    end = (today + timedelta(days=10)).isoformat()
    agenda = get(client, user, f"/agenda?from={start}&to={end}")
    due = {i["ref"] for i in agenda["items"]}
    assert f"delivery_due:{d['id']}" in due
    assert f"complaint_due:{c['id']}:resolution" in due


def test_follow_up_metrics_from_the_records(
    client: TestClient,
    db: Session,
    world: dict[str, Any],  # noqa: F811
) -> None:
    from app.metrics import registry

    user = world["trainee"]
    o = order(client, world)
    today = policy.today()
    d = post(client, user, f"/orders/{o['id']}/deliveries", {"promised_on": today.isoformat()})
    for kind in ("shipped", "delivered"):
        d = post(client, user, f"/deliveries/{d['id']}/events",
                 {"kind": kind, "version": d["version"]}, 200)  # fmt: skip
    c = post(client, user, "/complaints", {
        "prospect_id": world["prospect"].id, "channel": "phone", "category": "service",
        "received_on": (today - timedelta(days=4)).isoformat(), "subject": "Accueil"})  # fmt: skip
    c = post(client, user, f"/complaints/{c['id']}/solution",
             {"solution": "explanation", "detail": "Expliqué", "version": c["version"]}, 200)  # fmt: skip
    post(client, user, f"/complaints/{c['id']}/client-answer",
         {"accepted": True, "csat": 3, "version": c["version"]}, 200)  # fmt: skip
    case = get(client, user, f"/cases/{c['case_id']}")
    for code in ("accuse-reception", "cloture"):
        case = post(client, user, f"/cases/{case['id']}/steps/{code}",
                    {"state": "done", "version": case["version"]}, 200)  # fmt: skip
    # "ticket" is required and not done: the case cannot close, so nothing counts yet.
    post(client, user, f"/cases/{case['id']}/close",
         {"outcome": "x", "version": case["version"]}, 409)  # fmt: skip
    case = post(client, user, f"/cases/{case['id']}/steps/ticket",
                {"state": "done", "version": case["version"]}, 200)  # fmt: skip
    post(client, user, f"/cases/{case['id']}/close",
         {"outcome": "Résolue", "version": case["version"]}, 200)  # fmt: skip
    codes_ = ["on_time_delivery_rate", "complaint_resolution_time", "complaint_satisfaction",
              "procedure_compliance", "deliveries_delivered"]  # fmt: skip
    found = registry.compute(db, codes_, [user.id], today - timedelta(days=1), today)
    assert found["deliveries_delivered"][user.id] == 1
    assert found["on_time_delivery_rate"][user.id] == 100
    assert found["complaint_resolution_time"][user.id] == 4
    assert found["complaint_satisfaction"][user.id] == 3
    assert found["procedure_compliance"][user.id] == 100


def test_a_credit_note_granted_on_an_invoice_case_is_issued(
    client: TestClient,
    db: Session,
    world: dict[str, Any],  # noqa: F811
) -> None:
    user = world["trainee"]
    inv = post(client, user, "/invoices", {"order_id": order(client, world)["id"]})
    case = post(client, user, "/cases",
                {"case_type": "dispute", "subject": "invoice", "subject_id": inv["id"]})  # fmt: skip
    d = post(client, user, f"/cases/{case['id']}/decisions",
             {"kind": "credit_note", "amount_ht": "50.00", "note": "Geste sur la facture"})  # fmt: skip
    assert d["amount_ht"] == "50.00"
    after = get(client, user, f"/invoices/{inv['id']}")
    assert after["credited"] == "60.00"  # 50 € HT at the invoice's 20 % TVA
    assert [c["number"][:3] for c in after["credit_notes"]] == ["AV-"]
    assert after["case_id"] == case["id"]


def test_an_invoiced_order_is_not_cancelled_and_a_delivered_one_closes_with_its_case(
    client: TestClient,
    db: Session,
    world: dict[str, Any],  # noqa: F811
) -> None:
    user = world["trainee"]
    o = order(client, world)
    inv = post(client, user, "/invoices", {"order_id": o["id"]})
    r = post(client, user, f"/orders/{o['id']}/cancel",
             {"version": o["version"], "reason": "Erreur"}, 409)  # fmt: skip
    assert inv["number"] in r["detail"]
    d = post(client, user, f"/orders/{o['id']}/deliveries",
             {"promised_on": policy.today().isoformat()})  # fmt: skip
    for kind in ("shipped", "delivered"):
        d = post(client, user, f"/deliveries/{d['id']}/events",
                 {"kind": kind, "version": d["version"]}, 200)  # fmt: skip
    case = post(client, user, "/cases",
                {"case_type": "order", "subject": "order", "subject_id": o["id"]})  # fmt: skip
    for code in ("eligibilite", "devis", "mandat-sepa", "planification"):
        case = post(client, user, f"/cases/{case['id']}/steps/{code}",
                    {"state": "done", "version": case["version"]}, 200)  # fmt: skip
    post(client, user, f"/cases/{case['id']}/close",
         {"outcome": "Livrée et facturée", "version": case["version"]}, 200)  # fmt: skip
    assert get(client, user, f"/orders/{o['id']}")["status"] == "closed"


def test_a_records_open_case_is_the_one_shown(
    client: TestClient,
    db: Session,
    world: dict[str, Any],  # noqa: F811
) -> None:
    user = world["trainee"]
    inv = post(client, user, "/invoices", {"order_id": order(client, world)["id"]})
    first = post(client, user, "/cases",
                 {"case_type": "dispute", "subject": "invoice", "subject_id": inv["id"]})  # fmt: skip
    for code in ("dossier", "juridique", "proposition"):
        first = post(client, user, f"/cases/{first['id']}/steps/{code}",
                     {"state": "done", "version": first["version"]}, 200)  # fmt: skip
    post(client, user, f"/cases/{first['id']}/close",
         {"outcome": "Réglé", "version": first["version"]}, 200)  # fmt: skip
    second = post(client, user, "/cases",
                  {"case_type": "dispute", "subject": "invoice", "subject_id": inv["id"]})  # fmt: skip
    assert get(client, user, f"/invoices/{inv['id']}")["case_id"] == second["id"]
