"""Orders through the API (issue 17): an accepted quote becomes an order with its lines and
prices (once), an order from the catalogue priced and limited like a quote, numbers without
gaps, a cancellation, bad input changing nothing, and the evidence an order records."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.business_cases import service as business_cases
from app.core.errors import FieldError
from app.core.principal import Principal
from app.follow_up import orders
from app.follow_up.schemas import OrderCreate
from app.models import EvidenceLink, EvidenceRecord, Order, Role
from app.sales.quotes import DiscountOverLimit
from app.sales.schemas import QuoteLineIn
from tests.factories import bearer
from tests.test_sales_quotes import opportunity, post, quote, world  # noqa: F401 (fixture)


def accepted_quote(client: TestClient, w: dict[str, Any]) -> dict[str, Any]:
    user = w["trainee"]
    q = quote(client, w, opportunity(client, w))
    q = post(client, user, f"/quotes/{q['id']}/send", {"version": q["version"]}, 200)
    return post(
        client, user, f"/quotes/{q['id']}/answer", {"version": q["version"], "accepted": True}, 200
    )


def test_an_accepted_quote_becomes_an_order_once(
    client: TestClient,
    db: Session,
    world: dict[str, Any],  # noqa: F811
) -> None:
    user = world["trainee"]
    q = accepted_quote(client, world)
    order = post(client, user, "/orders", {"quote_id": q["id"]})
    year = order["ordered_on"][:4]
    assert order["number"] == f"CDE-{year}-00001"
    assert (order["quote_id"], order["prospect_id"], order["status"]) == (
        q["id"],
        q["prospect_id"],
        "open",
    )
    # The quote's lines, prices and figures, to the cent.
    assert order["figures"]["total_ttc"] == q["figures"]["total_ttc"] == "165.90"
    assert [ln["net_ht"] for ln in order["figures"]["lines"]] == ["139.65"]
    r = post(client, user, "/orders", {"quote_id": q["id"]}, 409)
    assert order["number"] in r["detail"]
    codes = list(
        db.scalars(
            select(EvidenceLink.code)
            .join(EvidenceRecord, EvidenceRecord.id == EvidenceLink.evidence_id)
            .where(EvidenceRecord.trainee_id == user.id)
        )
    )
    assert "CP7.1" in codes
    # A second order takes the next number; a cancellation keeps its number.
    other = post(client, user, "/orders", {"prospect_id": world["prospect"].id,
                 "lines": [{"product_reference": "FIB-PRO-1G", "quantity": "1"}]})  # fmt: skip
    assert other["number"] == f"CDE-{year}-00002"
    cancelled = post(client, user, f"/orders/{other['id']}/cancel",
                     {"version": other["version"], "reason": "Client injoignable"}, 200)  # fmt: skip
    assert cancelled["status"] == "cancelled"
    post(client, user, f"/orders/{other['id']}/cancel",
         {"version": cancelled["version"], "reason": "encore"}, 409)  # fmt: skip
    listed = client.get("/api/v1/orders?sort=number", headers=bearer(user)).json()
    assert [o["number"] for o in listed["items"]] == [f"CDE-{year}-00001", f"CDE-{year}-00002"]


def test_orders_refused_with_their_rule_and_nothing_written(
    client: TestClient,
    db: Session,
    world: dict[str, Any],  # noqa: F811
) -> None:
    user = world["trainee"]
    draft = quote(client, world, opportunity(client, world))
    before = db.scalar(select(func.count()).select_from(Order))
    r = post(client, user, "/orders", {"quote_id": draft["id"]}, 409)
    assert "accepté" in r["detail"]
    r = post(client, user, "/orders", {"prospect_id": world["prospect"].id,
             "lines": [{"product_reference": "FIB-PRO-500", "quantity": "1", "discounts": ["20"]}]},
             409)  # fmt: skip
    assert r["errors"][0]["limit"] == "5.00"
    r = post(client, user, "/orders", {"prospect_id": world["prospect"].id, "lines": []}, 422)
    assert r["errors"][0]["field"] == "lines"
    r = post(
        client, user, "/orders", {"quote_id": draft["id"], "prospect_id": world["prospect"].id}, 422
    )
    r = post(client, user, "/orders", {"prospect_id": world["stranger"].id,
             "lines": [{"product_reference": "FIB-PRO-500", "quantity": "1"}]}, 422)  # fmt: skip
    assert r["errors"][0]["field"] == "prospect_id"
    r = post(client, world["other"], "/orders", {"quote_id": draft["id"]}, 422)
    assert r["errors"][0]["field"] == "quote_id"
    assert db.scalar(select(func.count()).select_from(Order)) == before


def test_orders_entered_at_once_are_checked_one_by_one_and_numbered_in_a_row(
    client: TestClient,
    db: Session,
    world: dict[str, Any],  # noqa: F811
) -> None:
    """``orders.create_many`` (the simulated market's customers of a day): each order checked
    and priced as one through the API; a refused one comes back as its error in its place,
    and the others take the next numbers in their order."""
    user = world["trainee"]
    first = post(client, user, "/orders", {"prospect_id": world["prospect"].id,
                 "lines": [{"product_reference": "FIB-PRO-1G", "quantity": "1"}]})  # fmt: skip
    year = first["ordered_on"][:4]
    principal = Principal(user_id=user.id, organisation_id=user.organisation_id,
                          role=Role.TRAINEE, cohort_id=user.cohort_id, scopes=frozenset())  # fmt: skip
    active = business_cases.active_case(db, user.id)
    assert active is not None
    line = {"product_reference": "FIB-PRO-500", "quantity": "2"}
    items = [
        OrderCreate(prospect_id=world["prospect"].id, lines=[QuoteLineIn(**line)]),
        OrderCreate(
            prospect_id=world["prospect"].id, lines=[QuoteLineIn(**line, discounts=[Decimal(20)])]
        ),
        OrderCreate(prospect_id=world["stranger"].id, lines=[QuoteLineIn(**line)]),
        OrderCreate(prospect_id=world["prospect"].id, lines=[QuoteLineIn(**line)], notes="b"),
    ]
    made = orders.create_many(db, principal, items, active)
    assert isinstance(made[1], DiscountOverLimit)
    assert isinstance(made[2], FieldError)
    assert made[2].extra["errors"][0]["field"] == "prospect_id"
    written = [made[0], made[3]]
    assert all(isinstance(o, orders.Written) for o in written)
    assert [o.number for o in written if isinstance(o, orders.Written)] == [
        f"CDE-{year}-00002",
        f"CDE-{year}-00003",
    ]
    db.commit()
    # Read back through the API: the same lines and figures as an order entered alone.
    alone = post(client, user, "/orders", {"prospect_id": world["prospect"].id, "lines": [line]})
    assert alone["number"] == f"CDE-{year}-00004"
    for o in written:
        assert isinstance(o, orders.Written)
        read = client.get(f"/api/v1/orders/{o.id}", headers=bearer(user)).json()
        assert read["number"] == o.number
        assert (read["status"], read["version"]) == ("open", 1)
        assert read["figures"] == alone["figures"]
        assert read["lines"][0]["product_reference"] == "FIB-PRO-500"
        assert [Decimal(ln["quantity"]) for ln in read["lines"]] == [2]
    assert db.scalar(select(func.count()).select_from(Order)) == 4
