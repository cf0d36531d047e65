"""A quote as PDF and HTML: the mentions a French quote carries, the figures of the API, the
eco information of the catalogue, escaping, and the reader's scope. The PDF's text is read
back with pypdf."""

from __future__ import annotations

import io
from typing import Any

from fastapi.testclient import TestClient
from pypdf import PdfReader
from sqlalchemy.orm import Session

from app.models import ProspectKind
from tests.factories import bearer, make_prospect
from tests.test_sales_quotes import opportunity, post, quote, world  # noqa: F401 (fixture)


def pdf_text(content: bytes) -> str:
    assert content.startswith(b"%PDF-")
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)
    return " ".join(text.split())


def document(client: TestClient, user: Any, quote_id: int, fmt: str = "pdf") -> Any:
    r = client.get(f"/api/v1/quotes/{quote_id}/document?format={fmt}", headers=bearer(user))
    assert r.status_code == 200, r.text
    return r


def test_a_business_quote_as_pdf(client: TestClient, world: dict[str, Any]) -> None:  # noqa: F811
    user = world["trainee"]
    opp = opportunity(client, world)
    q = post(client, user, "/quotes",
             {"opportunity_id": opp["id"], "title": "Fibre et téléphones",
              "lines": [{"product_reference": "FIB-PRO-500", "quantity": "3", "discounts": ["5"]},
                        {"product_reference": "TEL-IP-T46", "quantity": "2"}]})  # fmt: skip
    draft = pdf_text(document(client, user, q["id"]).content)
    assert "Projet de devis (non numéroté)" in draft
    sent = post(client, user, f"/quotes/{q['id']}/send", {"version": q["version"]}, 200)
    r = document(client, user, q["id"])
    assert r.headers["content-type"] == "application/pdf"
    assert f'filename="{sent["number"]}.pdf"' in r.headers["content-disposition"]
    text = pdf_text(r.content)
    assert f"Devis n° {sent['number']}" in text
    for mention in (
        "Rhône Télécom Services",
        "SIREN 842156374",
        "FR53842156374",
        "Cabinet Durand",
        "Client professionnel",
        "Valable jusqu'au",
        "indemnité forfaitaire pour frais de recouvrement de 40 €",
        "Banque centrale européenne majoré de 10 points",
        "Indice de réparabilité : 6,8/10",
        "Pièces détachées disponibles 7 ans",
        "Bon pour accord",
    ):
        assert mention in text, mention
    # The API's figures, to the cent.
    f = sent["figures"]
    for amount in (f["net_commercial_ht"], f["total_ttc"], f["tva"][0]["tva"]):
        assert amount.replace(".", ",") + " €" in text.replace("\u202f", " "), amount
    assert "rétractation" not in text


def test_a_consumer_off_premises_gets_the_withdrawal_right(
    client: TestClient,
    db: Session,
    world: dict[str, Any],  # noqa: F811
) -> None:
    person = make_prospect(db, world["trainee"], kind=ProspectKind.INDIVIDUAL, name="M. Martin")
    opp = post(client, world["trainee"], "/opportunities",
               {"prospect_id": person.id, "title": "Box"})  # fmt: skip
    q = post(client, world["trainee"], "/quotes",
             {"opportunity_id": opp["id"], "off_premises": True, "title": "<b>Box</b> & fibre",
              "lines": [{"product_reference": "BOX-FAM-1G", "quantity": "1"}]})  # fmt: skip
    text = pdf_text(document(client, world["trainee"], q["id"]).content)
    assert "Droit de rétractation" in text
    assert "Formulaire de rétractation" in text
    assert "40 €" not in text  # no recovery indemnity for a consumer
    html = document(client, world["trainee"], q["id"], "html")
    assert html.headers["content-type"].startswith("text/html")
    assert "&lt;b&gt;Box&lt;/b&gt; &amp; fibre" in html.text


def test_only_readers_get_the_document(client: TestClient, world: dict[str, Any]) -> None:  # noqa: F811
    q = quote(client, world, opportunity(client, world))
    r = client.get(f"/api/v1/quotes/{q['id']}/document", headers=bearer(world["other"]))
    assert r.status_code == 404
    assert document(client, world["trainer"], q["id"]).content.startswith(b"%PDF-")
    r = client.get(
        f"/api/v1/quotes/{q['id']}/document?format=docx", headers=bearer(world["trainee"])
    )
    assert r.status_code == 422
