"""Merging a duplicate prospect into the one kept: choices, histories, rules, refusals."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.common.clock import utcnow
from app.models import (
    Appointment,
    Campaign,
    CampaignMember,
    Channel,
    ConsentChannel,
    ConsentRecord,
    ConsentStatus,
    Contact,
    Interaction,
    Prospect,
    ProspectKind,
    ProspectStatus,
    ProspectStatusChange,
    Tour,
)
from app.models.enums import Direction, Outcome
from tests.factories import bearer, make_consent, make_contact, make_org, make_prospect, make_user


def _url(survivor: Prospect) -> str:
    return f"/api/v1/prospects/{survivor.id}/merge"


def test_merge_moves_everything_and_keeps_histories(client: TestClient, db: Session) -> None:
    trainee = make_user(db, make_org(db))
    keep = make_prospect(db, trainee, name="Boulangerie Martin", phone=None, tags=["salon"],
                         email="contact@martin.fr", potential=Decimal(1000))  # fmt: skip
    dup = make_prospect(db, trainee, name="Boulangerie MARTIN SARL", phone="+33478123456",
                        tags=["artisan"], email="autre@martin.fr", potential=Decimal(5000),
                        objected_at=datetime(2026, 1, 5, tzinfo=UTC), bloctel_opposed=True,
                        address="1 rue X", postcode="69002", city="Lyon",
                        latitude=45.76, longitude=4.83)  # fmt: skip
    contact = make_contact(db, dup)
    consent = make_consent(db, dup, ConsentChannel.EMAIL, ConsentStatus.GRANTED, contact=contact)
    make_consent(db, dup, ConsentChannel.EMAIL, ConsentStatus.WITHDRAWN, contact=contact)
    db.add(ProspectStatusChange(owner_id=trainee.id, prospect_id=dup.id, from_status=None,
                                to_status=ProspectStatus.PROSPECT, changed_by=trainee.id))  # fmt: skip
    db.add(Interaction(owner_id=trainee.id, prospect_id=dup.id, contact_id=contact.id,
                       channel=Channel.PHONE, direction=Direction.OUTBOUND,
                       outcome=Outcome.NO_ANSWER, occurred_at=utcnow()))  # fmt: skip
    db.add(Appointment(owner_id=trainee.id, prospect_id=dup.id, starts_at=utcnow(),
                       duration_minutes=30, place=""))  # fmt: skip
    both = Campaign(owner_id=trainee.id, name="A", channel=Channel.PHONE, saved_filter={},
                    message_template="")  # fmt: skip
    only_dup = Campaign(owner_id=trainee.id, name="B", channel=Channel.PHONE, saved_filter={},
                        message_template="")  # fmt: skip
    db.add_all([both, only_dup])
    db.flush()
    db.add_all([
        CampaignMember(owner_id=trainee.id, campaign_id=both.id, prospect_id=keep.id),
        CampaignMember(owner_id=trainee.id, campaign_id=both.id, prospect_id=dup.id),
        CampaignMember(owner_id=trainee.id, campaign_id=only_dup.id, prospect_id=dup.id),
    ])  # fmt: skip
    db.flush()
    body = {"duplicate_id": dup.id, "version": keep.version, "duplicate_version": dup.version,
            "choices": {"potential": "duplicate", "address": "duplicate"}}  # fmt: skip

    preview = client.post(_url(keep), json={**body, "dry_run": True}, headers=bearer(trainee))
    assert preview.status_code == 200, preview.text
    fields = {f["field"]: f for f in preview.json()["fields"]}
    assert fields["name"]["kept"] == "survivor"  # the survivor's by default
    assert fields["phone"]["kept"] == "duplicate"  # the survivor has none
    assert fields["potential"]["kept"] == "duplicate"  # chosen
    assert fields["address"]["duplicate"]["city"] == "Lyon"
    assert preview.json()["moved"]["contacts"] == 1
    assert preview.json()["moved"]["consents"] == 2
    db.expire_all()
    assert db.get(Prospect, dup.id) is not None  # a preview writes nothing

    dup_id = dup.id
    merged = client.post(_url(keep), json=body, headers=bearer(trainee))
    assert merged.status_code == 200, merged.text
    out = merged.json()["prospect"]
    assert out["name"] == "Boulangerie Martin"
    assert out["phone"] == "+33478123456"
    assert out["email"] == "contact@martin.fr"
    assert Decimal(out["potential"]) == Decimal(5000)
    assert out["tags"] == ["artisan", "salon"]
    assert out["bloctel_opposed"] is True
    assert out["objected_at"] is not None
    assert out["city"] == "Lyon"
    assert out["latitude"] == 45.76
    assert out["version"] > body["version"]
    db.expire_all()
    assert db.get(Prospect, dup_id) is None
    assert db.get(Contact, contact.id).prospect_id == keep.id  # type: ignore[union-attr]
    consents = db.scalars(
        select(ConsentRecord).where(ConsentRecord.prospect_id == keep.id).order_by(ConsentRecord.id)
    ).all()
    assert [c.status for c in consents] == [ConsentStatus.GRANTED, ConsentStatus.WITHDRAWN]
    assert consents[0].id == consent.id
    assert consents[0].given_at == consent.given_at
    for model in (Interaction, Appointment, ProspectStatusChange):
        count = db.scalar(
            select(func.count()).select_from(model).where(model.prospect_id == keep.id)
        )
        assert count == 1, model
    memberships = sorted(
        db.scalars(select(CampaignMember.campaign_id).where(CampaignMember.prospect_id == keep.id))
    )
    assert memberships == sorted([both.id, only_dup.id])


def test_merge_refusals(client: TestClient, db: Session) -> None:
    org = make_org(db)
    trainee, other = make_user(db, org), make_user(db, org)
    keep = make_prospect(db, trainee, siren="732829320")
    dup = make_prospect(db, trainee, siret="44306184100047")
    person = make_prospect(db, trainee, kind=ProspectKind.INDIVIDUAL)
    theirs = make_prospect(db, other)

    def post(duplicate: Prospect, **extra: object) -> dict:  # type: ignore[type-arg]
        body = {"duplicate_id": duplicate.id, "version": keep.version,
                "duplicate_version": duplicate.version, **extra}  # fmt: skip
        response = client.post(_url(keep), json=body, headers=bearer(trainee))
        return {"status": response.status_code, **response.json()}

    assert post(keep)["errors"][0]["field"] == "duplicate_id"
    assert post(person)["errors"][0]["field"] == "duplicate_id"
    across = post(theirs)
    assert across["status"] == 422
    assert across["errors"][0]["field"] == "duplicate_id"
    assert post(dup, version=keep.version + 5)["status"] == 409
    stale = post(dup, duplicate_version=dup.version + 5)
    assert stale["status"] == 409
    assert stale["field"] == "duplicate_version"
    # A SIRET that does not start with the kept SIREN: refused on the field, nothing written.
    mixed = post(dup, choices={"siret": "duplicate"})
    assert mixed["status"] == 422
    assert mixed["errors"][0]["field"] == "siret"
    # Another trainee cannot merge into a record of this file.
    body = {"duplicate_id": theirs.id, "version": keep.version, "duplicate_version": 1}
    assert client.post(_url(keep), json=body, headers=bearer(other)).status_code == 404
    db.expire_all()
    assert db.get(Prospect, dup.id) is not None
    assert db.get(Prospect, theirs.id) is not None


def test_saved_tours_visit_the_kept_prospect_after_a_merge(client: TestClient, db: Session) -> None:
    trainee = make_user(db, make_org(db))
    auth = bearer(trainee)
    base = {"label": "Agence", "latitude": 45.7640, "longitude": 4.8357}
    assert client.put("/api/v1/tour-base", json=base, headers=auth).status_code == 200
    keep = make_prospect(db, trainee, name="Garage Durand", latitude=45.75, longitude=4.85)
    dup = make_prospect(db, trainee, name="Garage DURAND SARL", latitude=45.76, longitude=4.86)
    other = make_prospect(db, trainee, name="Fleuriste", latitude=45.78, longitude=4.80)
    visiting = {"name": "Avec le doublon", "days": [
        {"date": "2026-12-08", "start": {"prospect_id": dup.id}},
    ], "visits": [{"prospect_id": dup.id}, {"prospect_id": other.id}]}  # fmt: skip
    elsewhere = {"name": "Sans lui", "days": [{"date": "2026-12-09"}],
                 "visits": [{"prospect_id": other.id}]}  # fmt: skip
    tour = client.post("/api/v1/tours", json=visiting, headers=auth).json()
    untouched = client.post("/api/v1/tours", json=elsewhere, headers=auth).json()
    stops = [s["prospect_id"] for s in tour["days"][0]["stops"] if s["kind"] == "visit"]
    assert sorted(stops) == sorted([dup.id, other.id])
    db.expire_all()
    versions = {t.id: t.version for t in db.scalars(select(Tour))}
    keep_id, dup_id, other_id = keep.id, dup.id, other.id
    body = {"duplicate_id": dup.id, "version": keep.version, "duplicate_version": dup.version}

    preview = client.post(_url(keep), json={**body, "dry_run": True}, headers=auth)
    assert preview.json()["moved"]["tours"] == 1
    merged = client.post(_url(keep), json=body, headers=auth)
    assert merged.status_code == 200, merged.text

    # The stored plan (stops, the day's start) and the stored request name the kept one.
    after = client.get(f"/api/v1/tours/{tour['id']}", headers=auth).json()
    day = after["days"][0]
    assert day["start"]["prospect_id"] == keep_id
    assert sorted(s["prospect_id"] for s in day["stops"] if s["kind"] == "visit") == sorted(
        [keep_id, other_id]
    )
    db.expire_all()
    stored = db.get(Tour, tour["id"])
    assert stored is not None
    assert stored.version == versions[stored.id] + 1  # a change of the tour, like any other
    assert [v["prospect_id"] for v in stored.request["visits"]] == [keep_id, other_id]
    assert stored.request["days"][0]["start"]["prospect_id"] == keep_id
    # Its exports and suggestions read the kept record (already visited: never suggested).
    geojson = client.get(f"/api/v1/tours/{tour['id']}/export", params={"format": "geojson"},
                         headers=auth)  # fmt: skip
    assert geojson.status_code == 200
    exported = {f["properties"].get("prospect_id") for f in geojson.json()["features"]}
    assert keep_id in exported
    assert dup_id not in exported
    suggested = client.get(f"/api/v1/tours/{tour['id']}/suggestions", headers=auth)
    assert suggested.status_code == 200, suggested.text
    assert keep_id not in {s["prospect_id"] for s in suggested.json()}
    # A tour that never visited the duplicate is left as it was.
    unchanged = db.get(Tour, untouched["id"])
    assert unchanged is not None
    assert unchanged.version == versions[unchanged.id]
