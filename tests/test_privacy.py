"""RGPD: consent history, Bloctel, data-subject requests and erasure, retention, register."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import func, select, text, update
from sqlalchemy.orm import Session

from app.common.clock import utcnow
from app.models import (
    BloctelNumber,
    ConsentChannel,
    ConsentStatus,
    Interaction,
    PrivacyAuditEntry,
    Prospect,
    ProspectKind,
    ProspectStatus,
    Role,
)
from app.privacy.requests import add_months
from tests.factories import (
    bearer,
    make_cohort,
    make_consent,
    make_contact,
    make_org,
    make_prospect,
    make_user,
    snapshot,
)

CONSENT = {
    "channel": "email",
    "status": "granted",
    "given_at": "2026-10-01T09:00:00+02:00",
    "method": "web_form",
    "text_version": "formulaire-2026-09",
    "proof_reference": "soumission #4521",
}


def test_consent_history_is_appended_and_the_current_state_derived(
    client: TestClient, db: Session
) -> None:
    trainee = make_user(db, make_org(db))
    person = make_prospect(db, trainee, kind=ProspectKind.INDIVIDUAL)
    path = f"/api/v1/prospects/{person.id}/consents"
    assert client.post(path, json=CONSENT, headers=bearer(trainee)).status_code == 201
    withdraw = {**CONSENT, "status": "withdrawn", "given_at": "2026-11-02T18:00:00+01:00",
                "method": "written", "proof_reference": "courrier du 2/11"}  # fmt: skip
    assert client.post(path, json=withdraw, headers=bearer(trainee)).status_code == 201
    sms = {**CONSENT, "channel": "sms", "purpose": "newsletter"}
    assert client.post(path, json=sms, headers=bearer(trainee)).status_code == 201
    view = client.get(path, headers=bearer(trainee)).json()
    assert [h["status"] for h in view["history"]] == ["withdrawn", "granted", "granted"]
    current = {(c["purpose"], c["channel"]): c["status"] for c in view["current"]}
    assert current == {("prospecting", "email"): "withdrawn", ("newsletter", "sms"): "granted"}
    policy = client.get(f"/api/v1/prospects/{person.id}/channel-policy", headers=bearer(trainee))
    email = next(d for d in policy.json()["decisions"] if d["channel"] == "email")
    assert (email["allowed"], email["rule"]) == (False, "consent-withdrawn")


def test_invalid_consents_are_refused(client: TestClient, db: Session) -> None:
    trainee = make_user(db, make_org(db))
    person = make_prospect(db, trainee, kind=ProspectKind.INDIVIDUAL)
    company = make_prospect(db, trainee)
    cases = [
        (person, {**CONSENT, "pre_ticked": True}, "pre_ticked"),
        (person, {**CONSENT, "text_version": ""}, "text_version"),
        (person, {**CONSENT, "given_at": "2026-10-01T09:00:00"}, "given_at"),
        (person, {**CONSENT, "channel": "visit"}, "channel"),
        (company, CONSENT, "contact_id"),
    ]
    for prospect, body, field in cases:
        response = client.post(
            f"/api/v1/prospects/{prospect.id}/consents", json=body, headers=bearer(trainee)
        )
        assert response.status_code == 422, body
        assert response.json()["errors"][0]["field"] == field
    contact = make_contact(db, company)
    ok = client.post(
        f"/api/v1/prospects/{company.id}/consents",
        json={**CONSENT, "contact_id": contact.id},
        headers=bearer(trainee),
    )
    assert ok.status_code == 201


def test_bloctel_list_flags_consumer_numbers_and_keeps_only_digests(
    client: TestClient, db: Session
) -> None:
    trainee = make_user(db, make_org(db))
    listed = make_prospect(db, trainee, kind=ProspectKind.INDIVIDUAL, phone="+33612345678")
    clear = make_prospect(db, trainee, kind=ProspectKind.INDIVIDUAL, phone="+33698765432")
    company = make_prospect(db, trainee, phone="+33612345678")
    content = "06 12 34 56 78\n+33 7 81 23 45 67\nnot a number\n\n".encode("cp1252")
    response = client.post(
        "/api/v1/privacy/bloctel",
        files={"file": ("liste.txt", content, "text/plain")},
        data={"checked_on": "2026-11-20"},
        headers=bearer(trainee),
    )
    assert response.status_code == 201, response.text
    report = response.json()
    assert report["numbers_in_list"] == 2
    assert report["invalid_lines"] == 1
    assert report["prospects_checked"] == 2
    assert report["prospects_opposed"] == 1
    for prospect, opposed in ((listed, True), (clear, False)):
        db.refresh(prospect)
        assert prospect.bloctel_opposed is opposed
        assert prospect.bloctel_checked_on == date(2026, 11, 20)
    db.refresh(company)
    assert company.bloctel_opposed is None  # B2B numbers are not concerned
    digests = list(db.scalars(select(BloctelNumber.phone_digest)))
    assert len(digests) == 2
    assert all(len(d) == 64 and "612345678" not in d for d in digests)
    dump = str(snapshot(db)["bloctel_numbers"])
    assert "+33612345678" not in dump
    empty = client.post(
        "/api/v1/privacy/bloctel", files={"file": ("vide.txt", b"\n\n", "text/plain")},
        headers=bearer(trainee),
    )  # fmt: skip
    assert empty.status_code == 422
    assert empty.json()["errors"][0]["field"] == "file"


def _request(client: TestClient, user, **body: Any) -> dict[str, Any]:
    response = client.post("/api/v1/privacy/requests", json=body, headers=bearer(user))
    assert response.status_code == 201, response.text
    return response.json()


def test_access_request_exports_everything_held(client: TestClient, db: Session) -> None:
    org = make_org(db)
    admin = make_user(db, org, Role.ADMIN)
    trainee = make_user(db, org)
    person = make_prospect(db, trainee, kind=ProspectKind.INDIVIDUAL, name="Jeanne Petit",
                           email="jeanne@example.org")  # fmt: skip
    make_consent(db, person, ConsentChannel.PHONE, ConsentStatus.GRANTED)
    client.post(f"/api/v1/prospects/{person.id}/interactions",
                json={"channel": "phone", "outcome": "callback", "notes": "Rappel demandé",
                      "next_contact_on": "2026-12-01"}, headers=bearer(trainee))  # fmt: skip
    request = _request(client, trainee, prospect_id=person.id, kind="access",
                       received_on="2026-01-31", channel="e-mail")  # fmt: skip
    assert request["due_on"] == "2026-02-28"  # one month, clamped to the month's end
    assert request["overdue"] is True
    export = client.get(f"/api/v1/privacy/requests/{request['id']}/export", headers=bearer(trainee))
    assert export.status_code == 200
    data = export.json()
    assert data["prospect"]["email"] == "jeanne@example.org"
    assert [i["notes"] for i in data["interactions"]] == ["Rappel demandé"]
    assert data["consents"][0]["channel"] == "phone"
    assert set(data) >= {"contacts", "appointments", "status_history", "campaigns"}
    done = client.post(f"/api/v1/privacy/requests/{request['id']}/complete", json={},
                       headers=bearer(trainee))  # fmt: skip
    assert done.json()["status"] == "completed"
    listing = client.get("/api/v1/privacy/requests?sort=due_on", headers=bearer(admin)).json()
    assert listing["items"][0]["id"] == request["id"]
    actions = db.scalars(
        select(PrivacyAuditEntry.action).where(PrivacyAuditEntry.prospect_id == person.id)
    )
    assert "export" in set(actions)


def test_deadline_extension_once_by_two_months(client: TestClient, db: Session) -> None:
    trainee = make_user(db, make_org(db))
    person = make_prospect(db, trainee, kind=ProspectKind.INDIVIDUAL)
    today = utcnow().date()
    request = _request(client, trainee, prospect_id=person.id, kind="access",
                       received_on=today.isoformat())  # fmt: skip
    assert request["due_on"] == add_months(today, 1).isoformat()
    assert request["overdue"] is False
    path = f"/api/v1/privacy/requests/{request['id']}/extend"
    extended = client.post(
        path, json={"reason": "Demande complexe : archives"}, headers=bearer(trainee)
    )
    assert extended.json()["due_on"] == add_months(today, 3).isoformat()
    again = client.post(path, json={"reason": "Encore"}, headers=bearer(trainee))
    assert again.status_code == 409
    future = client.post(
        "/api/v1/privacy/requests",
        json={"prospect_id": person.id, "kind": "access",
              "received_on": (today + timedelta(days=2)).isoformat()},
        headers=bearer(trainee),
    )  # fmt: skip
    assert future.json()["errors"][0]["field"] == "received_on"


def test_rectification_validates_then_applies(client: TestClient, db: Session) -> None:
    trainee = make_user(db, make_org(db))
    person = make_prospect(db, trainee, kind=ProspectKind.INDIVIDUAL, email="old@example.org")
    bad = client.post(
        "/api/v1/privacy/requests",
        json={"prospect_id": person.id, "kind": "rectification", "received_on": "2026-11-20",
              "changes": {"email": "not-an-email"}},
        headers=bearer(trainee),
    )  # fmt: skip
    assert bad.status_code == 422
    assert bad.json()["errors"][0]["field"] == "changes.email"
    request = _request(client, trainee, prospect_id=person.id, kind="rectification",
                       received_on="2026-11-20", changes={"email": "New@Example.org", "city": "Bron"})  # fmt: skip
    client.post(
        f"/api/v1/privacy/requests/{request['id']}/complete", json={}, headers=bearer(trainee)
    )
    db.refresh(person)
    assert (person.email, person.city) == ("new@example.org", "Bron")
    assert "bron" in person.search_text


def test_objection_stops_every_commercial_contact(client: TestClient, db: Session) -> None:
    trainee = make_user(db, make_org(db))
    company = make_prospect(db, trainee)
    contact = make_contact(db, company)
    request = _request(client, trainee, prospect_id=company.id, contact_id=contact.id,
                       kind="objection", received_on="2026-11-20")  # fmt: skip
    client.post(
        f"/api/v1/privacy/requests/{request['id']}/complete", json={}, headers=bearer(trainee)
    )
    refused = client.post(
        f"/api/v1/prospects/{company.id}/interactions",
        json={"channel": "phone", "outcome": "callback", "contact_id": contact.id,
              "next_contact_on": "2026-12-01"},
        headers=bearer(trainee),
    )  # fmt: skip
    assert refused.status_code == 409
    assert refused.json()["rule"] == "objection"
    consents = client.get(
        f"/api/v1/prospects/{company.id}/consents?contact_id={contact.id}", headers=bearer(trainee)
    ).json()
    assert {c["status"] for c in consents["current"]} == {"withdrawn"}
    # The company itself (another person) may still be called.
    other = client.post(
        f"/api/v1/prospects/{company.id}/interactions",
        json={"channel": "phone", "outcome": "callback", "next_contact_on": "2026-12-01"},
        headers=bearer(trainee),
    )
    assert other.status_code == 201


def _search_index_trigrams(db: Session, folded: str) -> list[str]:
    """The trigrams of ``folded`` found in the raw blocks of the SQLite FTS5 index (which
    stores trigrams prefix-compressed: some show whole)."""
    raw = b"".join(block for (block,) in db.execute(text(
        "SELECT block FROM prospects_search_data WHERE block IS NOT NULL")))  # fmt: skip
    grams = {folded[i : i + 3] for i in range(len(folded) - 2)}
    return sorted(g for g in grams if " " not in g and g.encode() in raw)


def _dump(db: Session) -> str:
    db.expire_all()
    return repr(snapshot(db))


def test_erasure_leaves_no_trace_of_the_person(client: TestClient, db: Session) -> None:
    trainee = make_user(db, make_org(db))
    identity = {
        "name": "Rosalie Vandermeersch", "email": "rosalie.vandermeersch@exemple.fr",
        "phone": "+33645781290", "address": "17 impasse des Glycines",
        "postcode": "69570", "city": "Dardilly",
    }  # fmt: skip
    person = client.post(
        "/api/v1/prospects",
        json={"kind": "individual", **identity, "phone": "06 45 78 12 90",
              "latitude": 45.8058, "longitude": 4.7528, "tags": ["Vandermeersch"]},
        headers=bearer(trainee),
    ).json()  # fmt: skip
    pid = person["id"]
    client.post(f"/api/v1/prospects/{pid}/consents",
                json={**CONSENT, "channel": "phone", "proof_reference": "Rosalie au téléphone"},
                headers=bearer(trainee))  # fmt: skip
    client.post(f"/api/v1/prospects/{pid}/interactions",
                json={"channel": "phone", "outcome": "appointment",
                      "notes": "Mme Vandermeersch souhaite un devis",
                      "needs": "Rosalie veut isoler sa maison",
                      "appointment": {"starts_at": "2026-12-02T10:00:00+01:00", "past_record": True,
                                      "place": "17 impasse des Glycines, Dardilly"}},
                headers=bearer(trainee))  # fmt: skip
    client.post(f"/api/v1/prospects/{pid}/status", json={"status": "lost",
                "reason": "Rosalie a choisi un concurrent"}, headers=bearer(trainee))  # fmt: skip
    before = _dump(db)
    assert "Vandermeersch" in before
    # SQLite's FTS5 index is readable as rows (PostgreSQL's pg_trgm index is not; its dead
    # entries go at the next VACUUM).
    sqlite = db.get_bind().dialect.name == "sqlite"
    if sqlite:
        assert _search_index_trigrams(db, "rosalie vandermeersch dardilly") != []
    request = _request(client, trainee, prospect_id=pid, kind="erasure", received_on="2026-11-25",
                       details="Demande de Rosalie Vandermeersch par e-mail")  # fmt: skip
    done = client.post(f"/api/v1/privacy/requests/{request['id']}/complete", json={},
                       headers=bearer(trainee))  # fmt: skip
    assert done.status_code == 200, done.text
    after = _dump(db)
    for value in [*identity.values(), "Rosalie", "0645781290", "06 45 78 12 90", "Glycines",
                  "45.8058", "4.7528"]:  # fmt: skip
        assert value not in after, value
    if sqlite:  # nor in the search index's storage (FTS5 segments merged on erasure)
        assert _search_index_trigrams(db, "rosalie vandermeersch dardilly") == []
    # Aggregates stay: the prospect, its interaction and outcome, the evidence.
    db.expire_all()
    assert db.scalar(select(func.count(Interaction.id)).where(Interaction.prospect_id == pid)) == 1
    anonymised = client.get(f"/api/v1/prospects/{pid}", headers=bearer(trainee)).json()
    assert anonymised["anonymised_at"] is not None
    assert anonymised["status"] == "lost"
    assert (
        client.get("/api/v1/prospects?q=vandermeersch", headers=bearer(trainee)).json()["total"]
        == 0
    )
    blocked = client.post(f"/api/v1/prospects/{pid}/interactions",
                          json={"channel": "postal", "outcome": "info_sent",
                                "next_contact_on": "2026-12-01"}, headers=bearer(trainee))  # fmt: skip
    assert blocked.status_code == 400


def test_retention_lists_then_anonymises_expired_prospects(client: TestClient, db: Session) -> None:
    org = make_org(db)
    admin = make_user(db, org, Role.ADMIN)
    trainee = make_user(db, org, cohort=make_cohort(db, org))
    now = utcnow()
    old = make_prospect(db, trainee, name="Zygomorphe", email="ancien@example.org")
    recent_inbound = make_prospect(db, trainee, name="Revenu")
    customer = make_prospect(db, trainee, name="Client", status=ProspectStatus.CUSTOMER)
    former = make_prospect(db, trainee, name="Ex-client", status=ProspectStatus.INACTIVE)
    fresh = make_prospect(db, trainee, name="Nouveau")
    four_years = now - timedelta(days=4 * 365)
    for p in (old, recent_inbound, customer, former):
        db.execute(update(Prospect).where(Prospect.id == p.id).values(created_at=four_years))
    db.execute(update(Prospect).where(Prospect.id == recent_inbound.id)
               .values(last_inbound_contact_at=now - timedelta(days=200)))  # fmt: skip
    db.execute(update(Prospect).where(Prospect.id == former.id)
               .values(relationship_ended_at=now - timedelta(days=2 * 365)))  # fmt: skip
    db.flush()

    preview = client.get("/api/v1/privacy/retention", headers=bearer(admin))
    assert preview.status_code == 200, preview.text
    report = preview.json()
    assert report["dry_run"] is True
    assert [c["prospect_id"] for c in report["candidates"]] == [old.id]
    assert report["candidates"][0]["expired_since_days"] >= 364
    db.refresh(old)
    assert old.anonymised_at is None  # dry-run changes nothing

    assert (
        client.post(
            "/api/v1/privacy/retention/run?dry_run=false", headers=bearer(trainee)
        ).status_code
        == 403
    )
    sqlite = db.get_bind().dialect.name == "sqlite"
    if sqlite:
        assert _search_index_trigrams(db, "zygomorphe") != []
    applied = client.post(
        "/api/v1/privacy/retention/run?dry_run=false", headers=bearer(admin)
    ).json()
    assert applied["anonymised"] == 1
    if sqlite:  # the run merged the search index: no trigram of the old name is left
        assert _search_index_trigrams(db, "zygomorphe") == []
    db.refresh(old)
    assert old.anonymised_at is not None
    assert old.email is None
    for p in (recent_inbound, customer, former, fresh):
        db.refresh(p)
        assert p.anonymised_at is None
    audit = db.scalar(
        select(PrivacyAuditEntry).where(PrivacyAuditEntry.prospect_id == old.id,
                                        PrivacyAuditEntry.action == "anonymise")
    )  # fmt: skip
    assert audit is not None
    assert audit.detail == "Durée de conservation (3 ans) dépassée"
    again = client.get("/api/v1/privacy/retention", headers=bearer(admin)).json()
    assert again["candidates"] == []


def test_register_is_generated_from_configuration(
    client: TestClient, db: Session, settings
) -> None:
    trainee = make_user(db, make_org(db, name="Centre Lumière"))
    body = client.get("/api/v1/privacy/register", headers=bearer(trainee)).json()
    assert body["controller"] == "Centre Lumière"
    activity = body["processing_activities"][0]
    assert {"purposes", "data_subjects", "data_categories", "recipients", "retention",
            "security_measures", "transfers_outside_eu"} <= set(activity)  # fmt: skip
    assert "3 ans" in activity["retention"]["prospects"]


def test_a_record_view_is_one_consultation_in_the_access_log(
    client: TestClient, db: Session
) -> None:
    """The record page reads the record and its timeline: one row, in French, not two."""
    org = make_org(db)
    admin = make_user(db, org, Role.ADMIN)
    trainee = make_user(db, org)
    prospect = make_prospect(db, trainee, kind=ProspectKind.COMPANY)
    contact = make_contact(db, prospect)
    db.commit()
    auth = bearer(trainee)
    for path in ("", "/timeline", "", "/timeline"):  # a view, then the tab regains focus
        assert client.get(f"/api/v1/prospects/{prospect.id}{path}", headers=auth).status_code == 200

    def log() -> list[tuple[str, int | None, str]]:
        entries = client.get(f"/api/v1/privacy/access-log?prospect_id={prospect.id}",
                             headers=bearer(admin)).json()["items"]  # fmt: skip
        return [(e["action"], e["contact_id"], e["detail"]) for e in entries]

    assert log() == [("read_record", None, "")]
    # A contact's record is another consultation.
    contact_url = f"/api/v1/prospects/{prospect.id}/contacts/{contact.id}"
    assert client.get(contact_url, headers=auth).status_code == 200
    assert client.get(contact_url, headers=auth).status_code == 200
    assert log() == [("read_record", contact.id, ""), ("read_record", None, "")]
    # Past the window, reading again is a new consultation.
    db.execute(
        update(PrivacyAuditEntry)
        .where(PrivacyAuditEntry.prospect_id == prospect.id)
        .values(at=utcnow() - timedelta(hours=1))
    )
    db.commit()
    assert client.get(f"/api/v1/prospects/{prospect.id}/timeline", headers=auth).status_code == 200
    assert [entry[:2] for entry in log()] == [
        ("read_record", None), ("read_record", contact.id), ("read_record", None),
    ]  # fmt: skip


def test_access_log_details_are_french(client: TestClient, db: Session) -> None:
    org = make_org(db)
    admin = make_user(db, org, Role.ADMIN)
    trainee = make_user(db, org)
    prospect = make_prospect(db, trainee)
    db.commit()
    request = _request(client, trainee, prospect_id=prospect.id, kind="erasure",
                       received_on="2026-11-25")  # fmt: skip
    done = client.post(f"/api/v1/privacy/requests/{request['id']}/complete", json={},
                       headers=bearer(trainee))  # fmt: skip
    assert done.status_code == 200, done.text
    entries = client.get(f"/api/v1/privacy/access-log?prospect_id={prospect.id}",
                         headers=bearer(admin)).json()["items"]  # fmt: skip
    assert [(e["action"], e["detail"]) for e in entries] == [
        ("anonymise", f"Demande d'effacement n° {request['id']}"),
    ]


def test_requests_name_their_person(client: TestClient, db: Session) -> None:
    org = make_org(db)
    trainer = make_user(db, org, Role.TRAINER)
    trainee = make_user(db, org, cohort=make_cohort(db, org, trainers=[trainer]))
    person = make_prospect(db, trainee, kind=ProspectKind.INDIVIDUAL, name="Jeanne Petit")
    company = make_prospect(db, trainee, kind=ProspectKind.COMPANY, name="Menuiserie Roux")
    contact = make_contact(db, company, first_name="Paul", last_name="Roux")
    db.commit()
    own = _request(client, trainee, prospect_id=person.id, kind="access", received_on="2026-11-25")
    assert own["subject_name"] == "Jeanne Petit"
    theirs = _request(client, trainee, prospect_id=company.id, contact_id=contact.id,
                      kind="objection", received_on="2026-11-26")  # fmt: skip
    assert theirs["subject_name"] == "Paul Roux (Menuiserie Roux)"
    listed = client.get("/api/v1/privacy/requests?sort=received_on", headers=bearer(trainer))
    assert listed.status_code == 200, listed.text
    assert [r["subject_name"] for r in listed.json()["items"]] == [
        "Jeanne Petit", "Paul Roux (Menuiserie Roux)",
    ]  # fmt: skip
    erasure = _request(client, trainee, prospect_id=person.id, kind="erasure",
                       received_on="2026-11-27")  # fmt: skip
    done = client.post(f"/api/v1/privacy/requests/{erasure['id']}/complete", json={},
                       headers=bearer(trainee))  # fmt: skip
    assert done.json()["subject_name"] == f"Anonymisé #{person.id}"
    read = client.get(f"/api/v1/privacy/requests/{own['id']}", headers=bearer(trainee)).json()
    assert read["subject_name"] == f"Anonymisé #{person.id}"
