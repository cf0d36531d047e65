"""The presentation library through the API (issue 20, CP5.1–CP5.3): a presentation drafted
from the case, variants rewritten and checked, the checker without saving, the links from
interview reports and campaigns, the evidence (once per variant, the first time a text the
trainee wrote passes), scoping and bad input."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.models import (
    CampaignPresentation,
    EvidenceLink,
    EvidenceRecord,
    Organisation,
    Persona,
    Presentation,
    PresentationVariant,
)
from app.presentations import library
from tests.factories import bearer, make_user, snapshot
from tests.test_sales_interviews import FULL_REPORT, appointment, put
from tests.test_sales_quotes import post, world  # noqa: F401 (fixture)

# A phone introduction for a buyer, as a trainee writes it: the company, its local agency,
# permission asked early, the benefit of the first argument of Fibre Pro 500 (security).
PHONE_FOR_BUYER = (
    "Bonjour, Camille Martin, de Rhône Télécom Services, votre opérateur fibre avec une "
    "agence à Lyon. Avez-vous deux minutes ? Je vous appelle car avec notre Fibre Pro, le "
    "terminal de paiement ne reste pas hors ligne une journée entière : le rétablissement est "
    "garanti en 4 heures ouvrées. Quand pourrions-nous en parler ?"
)
# A trade-fair pitch for a consumer with a price below the floor and a forbidden word.
FAIR_FOR_CONSUMER_BAD = (
    "Bonjour ! Chez Rhône Télécom Services, le télétravail reprend dès le premier jour, sans "
    "rendez-vous manqué. La box fibre famille à 19 € par mois, gratuit le premier mois ! "
    "Vérifions ensemble l'éligibilité de votre adresse avec nos techniciens locaux."
)
FAIR_FOR_CONSUMER = (
    "Bonjour ! Chez Rhône Télécom Services, le télétravail reprend dès le premier jour, sans "
    "rendez-vous manqué. La box fibre famille à 29,99 € par mois, sans frais de mise en "
    "service. Vérifions ensemble l'éligibilité de votre adresse avec nos techniciens locaux."
)
FIBRE_ARGUMENT = [{"reference": "FIB-PRO-500", "index": 0}]
BOX_ARGUMENT = [{"reference": "BOX-FAM-1G", "index": 0}]
CP5_CODES = {"CP5", "CP5.1", "CP5.2", "CP5.3", "CT1", "CT1.4", "CT1.6", "CT1.7", "CT4", "CT4.1"}


def evidence_count(db: Session, user: Any) -> int:
    return (
        db.scalar(
            select(func.count())
            .select_from(EvidenceRecord)
            .where(EvidenceRecord.trainee_id == user.id)
        )
        or 0
    )


def evidence_codes(db: Session, user: Any) -> set[str]:
    return set(
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


def errors(finding_list: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {f["rule"]: f for f in finding_list if f["severity"] == "error"}


def test_a_drafted_pitch_passes_but_shows_nothing_until_the_trainee_writes_it(
    client: TestClient,
    db: Session,
    world: dict[str, Any],  # noqa: F811
) -> None:
    trainee = world["trainee"]
    body = {"title": "Appel acheteur", "kind": "phone_introduction",
            "references": ["FIB-PRO-500"],
            "variant": {"interlocutor": "buyer"}}  # fmt: skip
    created = post(client, trainee, "/presentations", body)
    variant = created["variant"]
    assert variant["channel"] == "phone"  # the kind's usual channel
    assert "Rhône Télécom Services" in variant["text"]
    assert variant["passed"] is True, variant["findings"]
    assert variant["first_passed_at"] is None
    assert variant["measures"]["spoken_seconds"] <= 45
    assert created["presentation"]["passed_count"] == 1
    assert evidence_count(db, trainee) == 0  # the case wrote it, not the trainee

    pid, vid = created["presentation"]["id"], variant["id"]
    path = f"/presentations/{pid}/variants/{vid}"
    # Sent back untouched: still nothing shown.
    same = {"version": variant["version"], "interlocutor": "buyer", "channel": "phone",
            "text": variant["text"], "arguments": variant["arguments"]}  # fmt: skip
    again = put(client, trainee, path, same)
    assert evidence_count(db, trainee) == 0
    # Rewritten by the trainee and passing: evidence, once.
    mine = {**same, "version": again["version"], "text": PHONE_FOR_BUYER,
            "arguments": FIBRE_ARGUMENT}  # fmt: skip
    rewritten = put(client, trainee, path, mine)
    assert rewritten["passed"] is True, errors(rewritten["findings"])
    assert rewritten["first_passed_at"] is not None
    assert evidence_count(db, trainee) == 1
    assert CP5_CODES <= evidence_codes(db, trainee)
    motives = next(f for f in rewritten["findings"] if f["rule"] == "motives")
    assert motives["severity"] == "ok"
    assert "acheteur" in motives["message"]
    # Rewritten again, still passing: the same thing shown, no new record.
    put(client, trainee, path, {**mine, "version": rewritten["version"],
                                "text": PHONE_FOR_BUYER + " Merci."})  # fmt: skip
    assert evidence_count(db, trainee) == 1


def test_a_fair_pitch_for_a_consumer_fails_with_its_places_then_passes(
    client: TestClient,
    db: Session,
    world: dict[str, Any],  # noqa: F811
) -> None:
    trainee = world["trainee"]
    body = {"title": "Salon de l'habitat", "kind": "trade_fair_pitch",
            "references": ["BOX-FAM-1G"],
            "variant": {"interlocutor": "consumer", "channel": "trade_fair",
                        "text": FAIR_FOR_CONSUMER_BAD, "arguments": BOX_ARGUMENT}}  # fmt: skip
    created = post(client, trainee, "/presentations", body)
    variant = created["variant"]
    assert variant["passed"] is False
    found = errors(variant["findings"])
    assert set(found) == {"price", "charter_forbidden"}
    price = found["price"]
    assert FAIR_FOR_CONSUMER_BAD[price["start"] : price["end"]] == "19 €"
    assert "26,39 €" in price["message"]
    word = found["charter_forbidden"]
    assert FAIR_FOR_CONSUMER_BAD[word["start"] : word["end"]] == "gratuit"
    assert evidence_count(db, trainee) == 0  # a failing text shows nothing

    path = f"/presentations/{created['presentation']['id']}/variants/{variant['id']}"
    fixed = put(client, trainee, path, {
        "version": variant["version"], "interlocutor": "consumer", "channel": "trade_fair",
        "text": FAIR_FOR_CONSUMER, "arguments": BOX_ARGUMENT})  # fmt: skip
    assert fixed["passed"] is True, errors(fixed["findings"])
    assert evidence_count(db, trainee) == 1

    # A second variant of the same presentation, for a buyer on the phone: side by side.
    second = post(client, trainee, f"/presentations/{created['presentation']['id']}/variants",
                  {"interlocutor": "buyer", "channel": "phone"})  # fmt: skip
    detail = get(client, trainee, f"/presentations/{created['presentation']['id']}")
    assert [v["interlocutor"] for v in detail["variants"]] == ["consumer", "buyer"]
    assert second["variant"]["channel"] == "phone"
    channel = next(f for f in second["variant"]["findings"] if f["rule"] == "channel_fit")
    assert channel["severity"] == "warning"  # a fair pitch is not usually given on the phone


def test_the_checker_saves_nothing(
    client: TestClient,
    db: Session,
    world: dict[str, Any],  # noqa: F811
) -> None:
    trainee = world["trainee"]
    before = snapshot(db)
    body = {"kind": "email_introduction", "interlocutor": "decision_maker", "channel": "email",
            "subject": "x" * 70, "text": "Bonjour.", "arguments": []}  # fmt: skip
    checked = post(client, trainee, "/presentations/check", body, 200)
    assert checked["passed"] is False
    found = errors(checked["findings"])
    assert "subject" in found
    assert "60" in found["subject"]["message"]
    assert "company_name" in found
    assert checked["measures"] == {"words": 1, "characters": 8, "spoken_seconds": None}
    assert snapshot(db) == before
    assert evidence_count(db, trainee) == 0


def test_variants_say_where_they_were_used(
    client: TestClient,
    db: Session,
    world: dict[str, Any],  # noqa: F811
) -> None:
    trainee, other = world["trainee"], world["other"]
    created = post(client, trainee, "/presentations", {
        "title": "Visite", "kind": "visit_presentation", "references": ["FIB-PRO-500"],
        "variant": {"interlocutor": "decision_maker"}})  # fmt: skip
    vid = created["variant"]["id"]
    a = appointment(db, world, days=-1)
    report = put(client, trainee, f"/appointments/{a.id}/report",
                 {**FULL_REPORT, "presentation_variant_id": vid})  # fmt: skip
    assert report["presentation_variant_id"] == vid
    campaign = post(
        client,
        trainee,
        "/campaigns",
        {"name": "Cabinets", "channel": "phone", "presentation_variant_id": vid},
    )
    assert campaign["presentation_variant_id"] == vid
    detail = get(client, trainee, f"/presentations/{created['presentation']['id']}")
    uses = detail["variants"][0]["uses"]
    assert uses == {"interview_report_ids": [report["id"]], "campaign_ids": [campaign["id"]]}

    # Another trainee's variant is unknown to a report and to a campaign: 422 on the field.
    theirs = Presentation(owner_id=other.id, title="x", kind="elevator_pitch", references=[])
    db.add(theirs)
    db.flush()
    foreign = PresentationVariant(owner_id=other.id, presentation_id=theirs.id,
                                  interlocutor="buyer", channel="phone", text="x",
                                  arguments=[], findings=[])  # fmt: skip
    db.add(foreign)
    db.flush()
    r = client.put(f"/api/v1/appointments/{a.id}/report", headers=bearer(trainee),
                   json={**FULL_REPORT, "version": report["version"],
                         "presentation_variant_id": foreign.id})  # fmt: skip
    assert r.status_code == 422, r.text
    assert r.json()["errors"][0]["field"] == "presentation_variant_id"
    r = client.patch(
        f"/api/v1/campaigns/{campaign['id']}",
        headers=bearer(trainee),
        json={"version": campaign["version"], "presentation_variant_id": foreign.id},
    )
    assert r.status_code == 422, r.text
    # Cleared with null; deleting the presentation removes the variants and their links.
    cleared = client.patch(
        f"/api/v1/campaigns/{campaign['id']}",
        headers=bearer(trainee),
        json={"version": campaign["version"], "presentation_variant_id": None},
    )
    assert cleared.status_code == 200, cleared.text
    assert cleared.json()["presentation_variant_id"] is None
    r = client.patch(
        f"/api/v1/campaigns/{campaign['id']}",
        headers=bearer(trainee),
        json={"version": cleared.json()["version"], "presentation_variant_id": vid},
    )
    assert r.status_code == 200
    assert r.json()["presentation_variant_id"] == vid
    r = client.delete(f"/api/v1/presentations/{created['presentation']['id']}",
                      headers=bearer(trainee))  # fmt: skip
    assert r.status_code == 204, r.text
    assert db.scalar(select(func.count()).select_from(PresentationVariant)
                     .where(PresentationVariant.owner_id == trainee.id)) == 0  # fmt: skip
    assert db.scalar(select(func.count()).select_from(CampaignPresentation)) == 0
    assert get(client, trainee, f"/campaigns/{campaign['id']}")["presentation_variant_id"] is None


def test_scoping_and_bad_input(
    client: TestClient,
    db: Session,
    world: dict[str, Any],  # noqa: F811
) -> None:
    trainee, other, trainer = world["trainee"], world["other"], world["trainer"]
    created = post(client, trainee, "/presentations", {"title": "Pitch",
                                                        "kind": "elevator_pitch"})  # fmt: skip
    pid, vid = created["presentation"]["id"], created["variant"]["id"]
    # Another trainee sees nothing; the trainer reads but does not write.
    get(client, other, f"/presentations/{pid}", 404)
    assert get(client, other, "/presentations")["total"] == 0
    assert get(client, trainer, f"/presentations/{pid}")["id"] == pid
    assert get(client, trainer, f"/presentations?owner_id={trainee.id}")["total"] == 1
    r = client.patch(f"/api/v1/presentations/{pid}", headers=bearer(trainer),
                     json={"version": 1, "title": "x"})  # fmt: skip
    assert r.status_code == 403

    def refused(method: str, path: str, body: dict[str, Any], field: str) -> None:
        before = snapshot(db)
        r = client.request(method, f"/api/v1{path}", json=body, headers=bearer(trainee))
        assert r.status_code == 422, r.text
        assert r.headers["content-type"].startswith("application/problem+json")
        assert field in [e["field"] for e in r.json()["errors"]], r.json()
        assert snapshot(db) == before

    refused("POST", "/presentations", {"title": "x", "kind": "elevator_pitch",
                                       "references": ["NOPE"]}, "references")  # fmt: skip
    refused("POST", "/presentations", {"title": "x", "kind": "elevator_pitch", "variant": {
        "interlocutor": "buyer", "text": "Bonjour", "arguments": [
            {"reference": "NOPE", "index": 0}]}}, "variant.arguments.0.reference")  # fmt: skip
    refused("POST", "/presentations", {"title": "", "kind": "elevator_pitch"}, "title")
    refused("POST", "/presentations", {"title": "x", "kind": "poem"}, "kind")
    refused("POST", f"/presentations/{pid}/variants",
            {"interlocutor": "buyer", "text": "x" * 20_001}, "text")  # fmt: skip
    persona = Persona(owner_id=other.id, name="Autre", description="", sectors=[],
                      size_bands=[], postcodes=[])  # fmt: skip
    db.add(persona)
    db.flush()
    refused("POST", f"/presentations/{pid}/variants",
            {"interlocutor": "buyer", "persona_id": persona.id}, "persona_id")  # fmt: skip
    refused(
        "PUT",
        f"/presentations/{pid}/variants/{vid}",
        {"version": 1, "interlocutor": "buyer", "channel": "fax", "text": "x"},
        "channel",
    )
    # A stale version: 409; a variant of another presentation: 404.
    r = client.put(f"/api/v1/presentations/{pid}/variants/{vid}", headers=bearer(trainee),
                   json={"version": 99, "interlocutor": "buyer", "channel": "phone",
                         "text": "x"})  # fmt: skip
    assert r.status_code == 409, r.text
    second = post(client, trainee, "/presentations", {"title": "B", "kind": "elevator_pitch"})
    r = client.delete(f"/api/v1/presentations/{second['presentation']['id']}/variants/{vid}",
                      headers=bearer(trainee))  # fmt: skip
    assert r.status_code == 404


def test_variants_per_presentation_are_bounded(
    client: TestClient,
    world: dict[str, Any],  # noqa: F811
    monkeypatch: Any,
) -> None:
    monkeypatch.setattr(library, "MAX_VARIANTS", 2)
    trainee = world["trainee"]
    created = post(client, trainee, "/presentations", {"title": "P", "kind": "elevator_pitch"})
    path = f"/presentations/{created['presentation']['id']}/variants"
    post(client, trainee, path, {"interlocutor": "user"})
    r = client.post(f"/api/v1{path}", json={"interlocutor": "consumer"}, headers=bearer(trainee))
    assert r.status_code == 409
    assert "2 variantes" in r.json()["detail"]


def test_without_a_business_case_the_library_says_why(
    client: TestClient,
    db: Session,
    world: dict[str, Any],  # noqa: F811
) -> None:
    organisation = db.get(Organisation, world["trainee"].organisation_id)
    assert organisation is not None
    lonely = make_user(db, organisation)
    r = client.post("/api/v1/presentations", json={"title": "P", "kind": "elevator_pitch"},
                    headers=bearer(lonely))  # fmt: skip
    assert r.status_code == 404
    assert "cas d'entreprise" in r.json()["detail"]
