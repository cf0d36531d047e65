"""Invoices through the API (issue 17): the invoice of an order or a delivery priced like the
order, numbers without gaps (FAC-, AV-), due dates from the payment terms, payments and
credit notes against the balance, relaunch levels in order and on their dates with the
late-payment penalties and the 40 € indemnity (business clients only), the formal notice's
letter, the overdue list, bad input changing nothing, the evidence each write records, and
the ECB rate setting."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import pytest
from fastapi.testclient import TestClient
from pydantic import ValidationError
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.config import Settings, ecb_rate_in_force, parse_ecb_semesters
from app.core.principal import Principal
from app.follow_up import invoices, policy
from app.models import (
    BusinessCaseVersion,
    Delivery,
    EvidenceRecord,
    Invoice,
    OrderLine,
    Payment,
    ProspectKind,
    Relaunch,
)
from tests.factories import bearer, make_prospect
from tests.test_follow_up_orders import accepted_quote
from tests.test_sales_quotes import post, world  # noqa: F401 (fixture)

LEGAL_RATE = Decimal("12.15")  # the default ECB rate, 2.15 %, plus 10 points


def order_of_quote(client: TestClient, w: dict[str, Any]) -> dict[str, Any]:
    """An order of 3 × FIB-PRO-500 at 49 € less 5 %, escompte 1 %: 165.90 € TTC."""
    q = accepted_quote(client, w)
    return post(client, w["trainee"], "/orders", {"quote_id": q["id"]})  # type: ignore[no-any-return]


def catalogue_order(client: TestClient, w: dict[str, Any], prospect_id: int) -> dict[str, Any]:
    body = {"prospect_id": prospect_id,
            "lines": [{"product_reference": "FIB-PRO-1G", "quantity": "1"}]}  # fmt: skip
    return post(client, w["trainee"], "/orders", body)  # type: ignore[no-any-return]


def get(client: TestClient, user: Any, path: str, code: int = 200) -> Any:
    r = client.get(f"/api/v1{path}", headers=bearer(user))
    assert r.status_code == code, r.text
    return r.json()


def backdate(db: Session, invoice_id: int, due_on: date, *, issued_days: int = 30) -> None:
    """Move an invoice back in time (its issue ``issued_days`` before ``due_on``)."""
    found = db.get(Invoice, invoice_id)
    assert found is not None
    found.issued_on = due_on - timedelta(days=issued_days)
    found.due_on = due_on
    db.flush()
    db.expire_all()


def evidence_count(db: Session, user: Any, action: str) -> int:
    db.expire_all()
    return int(
        db.scalar(
            select(func.count())
            .select_from(EvidenceRecord)
            .where(EvidenceRecord.trainee_id == user.id, EvidenceRecord.action == action)
        )
        or 0
    )


def interest(*periods: tuple[str, int], rate: Decimal = LEGAL_RATE) -> str:
    """``balance × rate × days / 365`` summed over the periods, rounded half-up once."""
    exact = sum((Decimal(b) * rate / 100 * days / 365 for b, days in periods), Decimal(0))
    return str(exact.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


# ----------------------------------------------------------------- invoices


def test_the_invoice_of_a_whole_order_is_its_total_numbered_without_gaps(
    client: TestClient,
    db: Session,
    world: dict[str, Any],  # noqa: F811
) -> None:
    user = world["trainee"]
    order = order_of_quote(client, world)
    inv = post(client, user, "/invoices", {"order_id": order["id"], "notes": "Merci"})
    year = inv["issued_on"][:4]
    assert inv["number"] == f"FAC-{year}-00001"
    assert inv["total_ttc"] == order["figures"]["total_ttc"] == order["total_ttc"] == "165.90"
    assert (inv["total_ht"], inv["total_tva"]) == ("138.25", "27.65")
    assert (inv["status"], inv["balance"], inv["kind"], inv["business_client"]) == (
        "open", "165.90", "invoice", True)  # fmt: skip
    # Due after the business case's payment terms (30 days).
    issued = date.fromisoformat(inv["issued_on"])
    assert inv["due_on"] == (issued + timedelta(days=30)).isoformat()
    kinds = [(ln["kind"], ln["total_ht"]) for ln in inv["lines"]]
    assert kinds == [("line", "139.65"), ("escompte", "-1.40"), ("tva", "138.25")]
    assert inv["lines"][0]["quantity"] == "3.000"
    assert inv["lines"][-1]["tva"] == "27.65"
    # Nothing left to invoice: a 409 naming the invoice; the number it took is given back.
    r = post(client, user, "/invoices", {"order_id": order["id"]}, 409)
    assert inv["number"] in r["detail"]
    other = catalogue_order(client, world, world["prospect"].id)
    second = post(client, user, "/invoices", {"order_id": other["id"]})
    assert second["number"] == f"FAC-{year}-00002"
    listed = get(client, user, "/invoices?sort=number")
    assert [i["number"] for i in listed["items"]] == [f"FAC-{year}-00001", f"FAC-{year}-00002"]
    # Evidence once per invoice issued, none for the refusal.
    assert evidence_count(db, user, "create_invoice") == 2
    # The trainer reads it, writes nothing.
    assert get(client, world["trainer"], f"/invoices/{inv['id']}")["number"] == inv["number"]
    post(client, world["trainer"], "/invoices", {"order_id": order["id"]}, 403)


def test_the_invoice_of_a_delivery_then_of_the_rest(
    client: TestClient,
    db: Session,
    world: dict[str, Any],  # noqa: F811
) -> None:
    user = world["trainee"]
    order = order_of_quote(client, world)
    line = db.scalar(select(OrderLine).where(OrderLine.order_id == order["id"]))
    assert line is not None
    delivery = Delivery(owner_id=user.id, order_id=order["id"], prospect_id=order["prospect_id"],
                        position=1, promised_on=date.today(),
                        lines=[{"order_line_id": line.id, "quantity": "1.000"}])  # fmt: skip
    db.add(delivery)
    db.flush()
    part = post(client, user, "/invoices", {"order_id": order["id"], "delivery_id": delivery.id})
    # One unit: 49.00 less 5 % = 46.55, escompte 0.47, TVA 9.22.
    assert (part["total_ht"], part["total_tva"], part["total_ttc"]) == ("46.08", "9.22", "55.30")
    assert part["delivery_id"] == delivery.id
    r = post(client, user, "/invoices", {"order_id": order["id"], "delivery_id": delivery.id}, 409)
    assert part["number"] in r["detail"]
    rest = post(client, user, "/invoices", {"order_id": order["id"]})
    assert rest["lines"][0]["quantity"] == "2.000"
    assert rest["total_ttc"] == "110.60"
    assert Decimal(part["total_ttc"]) + Decimal(rest["total_ttc"]) == Decimal(order["total_ttc"])
    r = post(client, user, "/invoices", {"order_id": order["id"]}, 409)
    assert part["number"] in r["detail"]
    assert rest["number"] in r["detail"]
    # A delivery of another order: 422 on the field.
    other = catalogue_order(client, world, world["prospect"].id)
    r = post(client, user, "/invoices", {"order_id": other["id"], "delivery_id": delivery.id}, 422)
    assert r["errors"][0]["field"] == "delivery_id"
    # A cancelled order is not invoiced.
    post(client, user, f"/orders/{other['id']}/cancel",
         {"version": other["version"], "reason": "Erreur"}, 200)  # fmt: skip
    r = post(client, user, "/invoices", {"order_id": other["id"]}, 409)
    assert "annulée" in r["detail"]


def test_a_rebate_in_euros_is_shared_between_partial_invoices(
    client: TestClient,
    db: Session,
    world: dict[str, Any],  # noqa: F811
) -> None:
    """2 × 89.00 less a 5.00 € rebate = 173.00, escompte 1.73, TVA 34.25: 205.52 TTC. Each
    half takes half the rebate: 86.50, escompte 0.87, TVA 17.13: 102.76."""
    user = world["trainee"]
    order = post(client, user, "/orders", {
        "prospect_id": world["prospect"].id, "reductions": [{"kind": "rabais", "amount": "5"}],
        "lines": [{"product_reference": "FIB-PRO-1G", "quantity": "2"}]})  # fmt: skip
    assert order["total_ttc"] == "205.52"
    line = db.scalar(select(OrderLine).where(OrderLine.order_id == order["id"]))
    assert line is not None
    delivery = Delivery(owner_id=user.id, order_id=order["id"], prospect_id=order["prospect_id"],
                        position=1, promised_on=date.today(),
                        lines=[{"order_line_id": line.id, "quantity": "1.000"}])  # fmt: skip
    db.add(delivery)
    db.flush()
    half = post(client, user, "/invoices", {"order_id": order["id"], "delivery_id": delivery.id})
    assert [(ln["kind"], ln["total_ht"]) for ln in half["lines"]] == [
        ("line", "89.00"), ("reduction", "-2.50"), ("escompte", "-0.87"), ("tva", "85.63")]  # fmt: skip
    assert half["total_ttc"] == "102.76"
    rest = post(client, user, "/invoices", {"order_id": order["id"]})
    assert rest["total_ttc"] == "102.76"


def test_invoices_refused_write_nothing(
    client: TestClient,
    db: Session,
    world: dict[str, Any],  # noqa: F811
) -> None:
    user = world["trainee"]
    before = db.scalar(select(func.count()).select_from(Invoice))
    r = post(client, user, "/invoices", {"order_id": 2**31 - 1}, 422)
    assert r["errors"][0]["field"] == "order_id"
    bad: list[tuple[dict[str, Any], str]] = [
        ({"order_id": 0}, "order_id"),
        ({"order_id": 2**31}, "order_id"),
        ({"order_id": 1, "delivery_id": -1}, "delivery_id"),
        ({"order_id": 1, "notes": "x" * 5001}, "notes"),
        ({"order_id": 1, "notes": "a\x00b"}, "notes"),
        ({"order_id": 1, "business_client": "maybe"}, "business_client"),
        ({"order_id": 1, "surprise": 1}, "surprise"),
    ]
    for body, field in bad:
        r = post(client, user, "/invoices", body, 422)
        assert r["errors"][0]["field"] == field, (body, r)
    assert db.scalar(select(func.count()).select_from(Invoice)) == before


# ----------------------------------------------------------------- payments and credit notes


def test_payments_up_to_the_balance_then_paid(
    client: TestClient,
    db: Session,
    world: dict[str, Any],  # noqa: F811
) -> None:
    user = world["trainee"]
    inv = post(client, user, "/invoices", {"order_id": order_of_quote(client, world)["id"]})
    path = f"/invoices/{inv['id']}/payments"
    today = inv["issued_on"]
    inv = post(client, user, path, {"version": inv["version"], "paid_on": today,
               "amount": "100", "method": "transfer", "reference": "VIR 123"})  # fmt: skip
    assert (inv["status"], inv["paid"], inv["balance"], inv["paid_on"]) == (
        "open", "100.00", "65.90", None)  # fmt: skip
    payments = db.scalar(select(func.count()).select_from(Payment))
    r = post(client, user, path, {"version": inv["version"], "paid_on": today,
             "amount": "65.91", "method": "cheque"}, 409)  # fmt: skip
    assert "65,90" in r["detail"]
    assert r["balance"] == "65.90"
    assert db.scalar(select(func.count()).select_from(Payment)) == payments
    # Bad input: 422 on the field, nothing written.
    tomorrow = (date.fromisoformat(today) + timedelta(days=1)).isoformat()
    before = (date.fromisoformat(today) - timedelta(days=1)).isoformat()
    changes: list[tuple[dict[str, Any], str]] = [
        ({"paid_on": tomorrow}, "paid_on"),
        ({"paid_on": before}, "paid_on"),
        ({"paid_on": "9999-12-31"}, "paid_on"),
        ({"amount": "0"}, "amount"),
        ({"amount": "-5"}, "amount"),
        ({"amount": "1.001"}, "amount"),
        ({"amount": "100000000000.01"}, "amount"),
        ({"amount": "NaN"}, "amount"),
        ({"method": "bitcoin"}, "method"),
        ({"reference": "x" * 121}, "reference"),
        ({"version": 0}, "version"),
    ]
    for change, field in changes:
        body = {"version": inv["version"], "paid_on": today, "amount": "1", "method": "card",
                **change}  # fmt: skip
        r = post(client, user, path, body, 422)
        assert r["errors"][0]["field"] == field, (change, r)
    # A stale version: 409.
    r = post(client, user, path, {"version": inv["version"] + 1, "paid_on": today,
             "amount": "1", "method": "card"}, 409)  # fmt: skip
    assert r["type"].endswith("stale-version")
    assert db.scalar(select(func.count()).select_from(Payment)) == payments
    inv = post(client, user, path, {"version": inv["version"], "paid_on": today,
               "amount": "65.90", "method": "cheque"})  # fmt: skip
    assert (inv["status"], inv["balance"], inv["paid_on"]) == ("paid", "0.00", today)
    assert [p["amount"] for p in inv["payments"]] == ["100.00", "65.90"]
    r = post(client, user, path, {"version": inv["version"], "paid_on": today,
             "amount": "1", "method": "card"}, 409)  # fmt: skip
    assert "soldée" in r["detail"]
    assert evidence_count(db, user, "record_payment") == 2
    # Another trainee cannot pay it (it is not theirs to see).
    post(client, world["other"], path, {"version": inv["version"], "paid_on": today,
         "amount": "1", "method": "card"}, 404)  # fmt: skip


def test_credit_notes_within_the_balance_and_the_authority(
    client: TestClient,
    db: Session,
    world: dict[str, Any],  # noqa: F811
) -> None:
    user = world["trainee"]
    inv = post(client, user, "/invoices", {"order_id": order_of_quote(client, world)["id"]})
    path = f"/invoices/{inv['id']}/credit-notes"
    note = post(client, user, path, {"version": inv["version"], "amount_ht": "10",
                "reason": "commercial_gesture"})  # fmt: skip
    year = note["issued_on"][:4]
    assert (note["number"], note["kind"], note["status"], note["invoice_id"]) == (
        f"AV-{year}-00001", "credit_note", "issued", inv["id"])  # fmt: skip
    assert (note["total_ht"], note["total_tva"], note["total_ttc"]) == ("10.00", "2.00", "12.00")
    inv = get(client, user, f"/invoices/{inv['id']}")
    assert (inv["credited"], inv["balance"]) == ("12.00", "153.90")
    assert [c["number"] for c in inv["credit_notes"]] == [note["number"]]
    # Beyond the balance: 409 naming it, nothing written.
    count = db.scalar(select(func.count()).select_from(Invoice))
    r = post(client, user, path, {"version": inv["version"], "amount_ht": "128.26",
             "reason": "return"}, 409)  # fmt: skip
    assert "153,90" in r["detail"]
    assert r["balance"] == "153.90"
    # A gesture beyond the salesperson's authority (300 € HT): 409 naming the rule.
    r = post(client, user, path, {"version": inv["version"], "amount_ht": "300.01",
             "reason": "Geste exceptionnel"}, 409)  # fmt: skip
    assert r["limit"] == "policy.authority.max_credit_note"
    r = post(client, user, path, {"version": inv["version"], "amount_ht": "1",
             "tva_rate": "10", "reason": "return"}, 422)  # fmt: skip
    assert r["errors"][0]["field"] == "tva_rate"
    for change, field in [({"amount_ht": "0"}, "amount_ht"), ({"amount_ht": "1.001"}, "amount_ht"),
                          ({"reason": ""}, "reason"), ({"reason": "x" * 501}, "reason")]:  # fmt: skip
        body = {"version": inv["version"], "amount_ht": "1", "reason": "return", **change}
        r = post(client, user, path, body, 422)
        assert r["errors"][0]["field"] == field, change
    assert db.scalar(select(func.count()).select_from(Invoice)) == count
    # A return of the rest: 128.25 HT + 25.65 TVA = 153.90, the invoice is settled.
    note2 = post(client, user, path, {"version": inv["version"], "amount_ht": "128.25",
                 "reason": "return"})  # fmt: skip
    assert note2["number"] == f"AV-{year}-00002"
    inv = get(client, user, f"/invoices/{inv['id']}")
    assert (inv["status"], inv["balance"], inv["paid"]) == ("paid", "0.00", "0.00")
    assert evidence_count(db, user, "create_credit_note") == 2
    # A credit note on a credit note, a payment of one: refused.
    post(client, user, f"/invoices/{note['id']}/credit-notes",
         {"version": note["version"], "amount_ht": "1", "reason": "return"}, 409)  # fmt: skip
    listed = get(client, user, "/invoices?kind=credit_note")
    assert [n["number"] for n in listed["items"]] == [note2["number"], note["number"]]


# ----------------------------------------------------------------- relaunches and penalties


def test_relaunches_in_order_on_their_dates_with_the_penalties(
    client: TestClient,
    db: Session,
    world: dict[str, Any],  # noqa: F811
) -> None:
    user = world["trainee"]
    inv = post(client, user, "/invoices", {"order_id": order_of_quote(client, world)["id"]})
    today = policy.today()
    due = today - timedelta(days=40)
    backdate(db, inv["id"], due)
    inv = get(client, user, f"/invoices/{inv['id']}")
    assert inv["days_overdue"] == 40
    assert inv["next_level"] == {"level": "reminder",
                                 "from_on": (due + timedelta(days=5)).isoformat()}  # fmt: skip
    path = f"/invoices/{inv['id']}/relaunches"

    def relaunch(level: str, on: date, code: int = 201, channel: str = "email") -> Any:
        body = {"version": inv["version"], "level": level, "channel": channel,
                "sent_on": on.isoformat()}  # fmt: skip
        return post(client, user, path, body, code)

    r = relaunch("second_reminder", due + timedelta(days=20), 409)
    assert r["expected_level"] == "reminder"
    r = relaunch("reminder", due + timedelta(days=4), 409)
    assert (due + timedelta(days=5)).strftime("%d/%m/%Y") in r["detail"]
    r = relaunch("reminder", today + timedelta(days=1), 422)
    assert r["errors"][0]["field"] == "sent_on"
    assert db.scalar(select(func.count()).select_from(Relaunch)) == 0
    inv = relaunch("reminder", due + timedelta(days=5))
    first = inv["relaunches"][0]
    assert (inv["relaunch_level"], first["level"], first["balance"]) == (
        "reminder", "reminder", "165.90")  # fmt: skip
    # Five days late at 12.15 %: 165.90 × 12.15 % × 5 / 365.
    assert first["penalties"] == interest(("165.90", 5)) == "0.28"
    assert (first["rate"], first["indemnity"]) == ("12.150", "40.00")
    assert "FAC-" in first["letter"]
    assert "Madame, Monsieur" in first["letter"]
    assert "mise en demeure" not in first["letter"]
    # A payment of 50 € on the tenth day late lowers the balance from the next day.
    inv = post(client, user, f"/invoices/{inv['id']}/payments",
               {"version": inv["version"], "paid_on": (due + timedelta(days=10)).isoformat(),
                "amount": "50", "method": "transfer"})  # fmt: skip
    r = relaunch("second_reminder", due + timedelta(days=14), 409)
    assert (due + timedelta(days=15)).strftime("%d/%m/%Y") in r["detail"]
    inv = relaunch("second_reminder", due + timedelta(days=15))
    second = inv["relaunches"][1]
    expected = interest(("165.90", 10), ("115.90", 5))
    assert second["penalties"] == expected == "0.75"
    assert second["balance"] == "115.90"
    assert "40,00 €" in second["letter"]
    assert "L441-10" in second["letter"]
    assert "0,75 €" in second["letter"]
    # A formal notice is written: by post or email, not by phone.
    r = relaunch("formal_notice", due + timedelta(days=30), 422, channel="phone")
    assert r["errors"][0]["field"] == "channel"
    sent = due + timedelta(days=30)
    inv = relaunch("formal_notice", sent, channel="postal")
    notice = inv["relaunches"][2]
    expected = interest(("165.90", 10), ("115.90", 20))
    assert notice["penalties"] == expected == "1.32"
    letter = notice["letter"]
    assert "mise en demeure" in letter
    assert "L441-10 du code de commerce" in letter
    assert "recommandée avec accusé de réception" in letter
    assert "8 jours" in letter
    assert (sent + timedelta(days=8)).strftime("%d/%m/%Y") in letter
    for amount in ("115,90 €", "1,32 €", "40,00 €", "157,22 €"):
        assert amount in letter, amount
    r = relaunch("formal_notice", today, 409)
    assert "escalade" in r["detail"]
    assert inv["next_level"] is None
    # Eight days after the notice, still unpaid: to escalate.
    assert inv["escalation_due"] is True
    found = db.get(Invoice, inv["id"])
    assert found is not None
    assert invoices.escalation_due(found) is True
    assert invoices.escalation_due(found, today=sent + timedelta(days=8)) is False
    summary = invoices.invoice_summary(found)
    assert found.number in summary
    assert "mise en demeure le" in summary
    assert "115,90 €" in summary
    assert "indemnité forfaitaire de 40,00 €" in summary
    assert evidence_count(db, user, "relaunch_invoice") == 3
    # Past the last level: to accounting, with the invoice's history as the handover's facts,
    # under the unpaid-invoice case of the business case's procedure; once.
    esc = post(client, user, f"/invoices/{inv['id']}/escalate",
               {"client_request": "Le client conteste le retard.", "documents": ["AR"]})  # fmt: skip
    assert esc["department"] == "accounting"
    assert inv["number"] in esc["facts"]
    assert "mise en demeure le" in esc["facts"]
    assert esc["documents"] == [inv["number"], "AR"]
    case = get(client, user, f"/cases/{esc['case_id']}")
    assert case["case_type"] == "unpaid_invoice"
    assert case["subject"] == "invoice"
    r = post(client, user, f"/invoices/{inv['id']}/escalate", {}, 409)
    assert "déjà transmise" in r["detail"]
    assert evidence_count(db, user, "escalate_invoice") == 1


def test_a_consumer_owes_no_penalties(
    client: TestClient,
    db: Session,
    world: dict[str, Any],  # noqa: F811
) -> None:
    user = world["trainee"]
    person = make_prospect(db, user, kind=ProspectKind.INDIVIDUAL, name="M. Martin",
                           address="3 rue Neuve")  # fmt: skip
    inv = post(client, user, "/invoices",
               {"order_id": catalogue_order(client, world, person.id)["id"]})  # fmt: skip
    assert inv["business_client"] is False
    today = policy.today()
    due = today - timedelta(days=40)
    backdate(db, inv["id"], due)
    inv = get(client, user, f"/invoices/{inv['id']}")
    assert (inv["penalties_to_date"], inv["indemnity_to_date"]) == (None, None)
    path = f"/invoices/{inv['id']}/relaunches"
    for level, days in [("reminder", 5), ("second_reminder", 15), ("formal_notice", 30)]:
        inv = post(client, user, path, {"version": inv["version"], "level": level,
                   "channel": "email", "sent_on": (due + timedelta(days=days)).isoformat()})  # fmt: skip
    notice = inv["relaunches"][-1]
    assert (notice["penalties"], notice["indemnity"], notice["rate"]) == ("0.00", "0.00", None)
    assert "mise en demeure" in notice["letter"]
    assert "40,00" not in notice["letter"]
    assert "1231-6 du code civil" in notice["letter"]
    found = db.get(Invoice, inv["id"])
    assert found is not None
    assert "ni pénalités" in invoices.invoice_summary(found)


def test_the_overdue_list(
    client: TestClient,
    db: Session,
    world: dict[str, Any],  # noqa: F811
) -> None:
    user = world["trainee"]
    late = post(client, user, "/invoices", {"order_id": order_of_quote(client, world)["id"]})
    fresh = post(client, user, "/invoices",
                 {"order_id": catalogue_order(client, world, world["prospect"].id)["id"]})  # fmt: skip
    today = policy.today()
    backdate(db, late["id"], today - timedelta(days=20))
    overdue = get(client, user, "/invoices?overdue=true")
    assert [i["number"] for i in overdue["items"]] == [late["number"]]
    row = overdue["items"][0]
    assert (row["days_overdue"], row["balance"], row["prospect_name"]) == (
        20, "165.90", "Cabinet Durand")  # fmt: skip
    assert row["next_level"]["level"] == "reminder"
    assert row["penalties_to_date"] == interest(("165.90", 20))
    assert row["indemnity_to_date"] == "40.00"
    # Not relaunched up to the formal notice: not for accounting yet.
    r = post(client, user, f"/invoices/{late['id']}/escalate", {}, 409)
    assert "aucune relance" in r["detail"]
    assert [i["number"] for i in get(client, user, "/invoices?overdue=false")["items"]] == [
        fresh["number"]]  # fmt: skip
    assert get(client, user, f"/invoices?overdue=true&prospect_id={world['prospect'].id}")[
        "total"] == 1  # fmt: skip
    assert get(client, user, "/invoices?status=paid")["total"] == 0
    assert get(client, user, f"/invoices?order_id={late['order_id']}")["total"] == 1
    # The trainer reads one trainee's overdue invoices; the other trainee sees none.
    trainer_view = get(client, world["trainer"], f"/invoices?overdue=true&owner_id={user.id}")
    assert trainer_view["total"] == 1
    assert get(client, world["other"], "/invoices?overdue=true")["total"] == 0
    rows = invoices.overdue_rows(db, _principal(user), user.id, today, 10)
    assert [r["number"] for r in rows] == [late["number"]]
    for query, field in [("overdue=perhaps", "overdue"), ("status=lost", "status"),
                         ("kind=bill", "kind"), ("sort=balance", "sort"),
                         ("prospect_id=0", "prospect_id"), ("limit=201", "limit")]:  # fmt: skip
        r = get(client, user, f"/invoices?{query}", 422)
        assert r["errors"][0]["field"] == field, query


def _principal(user: Any) -> Principal:
    return Principal(user_id=user.id, organisation_id=user.organisation_id, role=user.role,
                     cohort_id=user.cohort_id, scopes=frozenset())  # fmt: skip


# ----------------------------------------------------------------- the ECB rate setting


def test_the_ecb_rate_setting() -> None:
    semesters = parse_ecb_semesters(" 2025-H2=2.15, 2026-H1=2.40 ,2026-H2=2.15")
    assert semesters == {(2025, 2): Decimal("2.15"), (2026, 1): Decimal("2.40"),
                         (2026, 2): Decimal("2.15")}  # fmt: skip
    assert ecb_rate_in_force(semesters, date(2026, 6, 30)) == Decimal("2.40")
    assert ecb_rate_in_force(semesters, date(2026, 7, 1)) == Decimal("2.15")
    # A half-year not configured: the latest before it; before the first: the first.
    assert ecb_rate_in_force(semesters, date(2028, 3, 1)) == Decimal("2.15")
    assert ecb_rate_in_force(semesters, date(2020, 1, 1)) == Decimal("2.15")
    assert Settings().ecb_rate_on(date(2026, 12, 6)) == Decimal("2.15")
    for bad in ["", "2026", "2026-H3=2", "2026-S1=2", "26-H1=2", "2026-H1=", "2026-H1=x",
                "2026-H1=-1", "2026-H1=51", "2026-H1=2.155", "2026-H1=NaN",
                "2026-H1=2,2026-H1=3"]:  # fmt: skip
        with pytest.raises(ValueError, match="CAPVENTE_ECB_RATE_SEMESTERS"):
            parse_ecb_semesters(bad)
    with pytest.raises(ValidationError, match="CAPVENTE_ECB_RATE_SEMESTERS"):
        Settings(ecb_rate_semesters="2026-H1=deux")


def test_the_late_payment_rate_of_the_business_case_wins(
    db: Session,
    world: dict[str, Any],  # noqa: F811
) -> None:
    version = db.scalar(
        select(BusinessCaseVersion).where(BusinessCaseVersion.business_case_id == world["case"].id)
    )
    assert version is not None
    terms = policy.policy_of(db, version.id)
    assert invoices.annual_rate(terms, date(2026, 3, 1)) == LEGAL_RATE
    own = terms.model_copy(update={"late_payment_rate": Decimal("15.00")})
    assert invoices.annual_rate(own, date(2026, 3, 1)) == Decimal("15.00")
