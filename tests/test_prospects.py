"""Prospects: creation with validated identifiers, lifecycle, search and filters, contacts."""

from __future__ import annotations

import math
import random
from datetime import date
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import literal, select
from sqlalchemy.orm import Session

from app.common.clock import utcnow
from app.config import Settings
from app.core.pagination import PageParams
from app.models import EvidenceLink, EvidenceRecord, PrivacyAuditEntry, Prospect, Role
from app.prospects import repository as repo
from tests.factories import bearer, make_cohort, make_org, make_prospect, make_user

COMPANY = {
    "kind": "company",
    "name": "Boulangerie Martin",
    "siret": "732 829 320 00074",
    "naf_code": "1071c",
    "sector": "Boulangerie",
    "size_band": "micro",
    "address": "12 rue de la République",
    "postcode": "69002",
    "city": "Lyon",
    "latitude": 45.7605,
    "longitude": 4.8357,
    "website": "boulangerie-martin.fr",
    "phone": "04 78 12 34 56",
    "email": "Contact@Boulangerie-Martin.fr",
    "source": "event",
    "potential": "12500.50",
    "tags": ["salon", "artisan", "salon"],
    "next_contact_on": "2026-12-01",
}


def test_create_normalises_and_derives(client: TestClient, db: Session) -> None:
    trainee = make_user(db, make_org(db))
    response = client.post("/api/v1/prospects", json=COMPANY, headers=bearer(trainee))
    assert response.status_code == 201, response.text
    p = response.json()
    assert p["siret"] == "73282932000074"
    assert p["siren"] == "732829320"
    assert p["naf_code"] == "10.71C"
    assert p["phone"] == "+33478123456"
    assert p["email"] == "contact@boulangerie-martin.fr"
    assert p["website"] == "https://boulangerie-martin.fr"
    assert p["priority"] == "B"  # 10,000 ≤ potential < 50,000
    assert p["tags"] == ["artisan", "salon"]
    assert p["status"] == "suspect"
    assert p["owner_id"] == trainee.id
    db.expire_all()
    record = db.scalar(select(EvidenceRecord).where(EvidenceRecord.trainee_id == trainee.id))
    assert record is not None
    assert record.resource_type == "prospects"
    codes = set(db.scalars(select(EvidenceLink.code).where(EvidenceLink.evidence_id == record.id)))
    assert codes == {"CP3", "CP3.7", "CT3", "CT3.4"}


def test_bad_identifiers_get_field_errors(client: TestClient, db: Session) -> None:
    trainee = make_user(db, make_org(db))
    cases = [
        ({"siret": "73282932000075"}, "siret", "clé de contrôle"),
        ({"siret": "1234"}, "siret", "14 chiffres"),
        ({"siren": "732829321"}, "siren", "clé"),
        ({"phone": "06 12"}, "phone", "invalide"),
        ({"phone": "abc"}, "phone", "illisible"),
        ({"email": "jean.dupont"}, "email", "@"),
        ({"postcode": "690"}, "postcode", "5 chiffres"),
        ({"naf_code": "ABCD"}, "naf_code", "NAF"),
        ({"latitude": 95, "longitude": 4}, "latitude", "Latitude"),
        ({"latitude": 45.7, "longitude": None}, "longitude", "ensemble"),
        ({"status": "boss"}, "status", ""),
        ({"status": "lost"}, "status", "suspect"),
        ({"kind": "individual", "siret": "73282932000074"}, "siret", "particulier"),
        ({"siren": "732829320", "siret": "55210055400013"}, "siret", "SIREN"),
        ({"potential": "-5"}, "potential", ""),
        ({"name": "  "}, "name", ""),
    ]
    for patch, field, words in cases:
        body = {**COMPANY, **patch}
        response = client.post("/api/v1/prospects", json=body, headers=bearer(trainee))
        assert response.status_code == 422, (patch, response.text)
        error = response.json()["errors"][0]
        assert error["field"] == field, (patch, error)
        assert words in error["message"], (patch, error)
    assert client.get("/api/v1/prospects", headers=bearer(trainee)).json()["total"] == 0


def test_lifecycle_with_allowed_transitions_named(client: TestClient, db: Session) -> None:
    trainee = make_user(db, make_org(db))
    pid = client.post("/api/v1/prospects", json=COMPANY, headers=bearer(trainee)).json()["id"]
    path = f"/api/v1/prospects/{pid}/status"

    jump = client.post(path, json={"status": "customer"}, headers=bearer(trainee))
    assert jump.status_code == 409
    problem = jump.json()
    assert problem["type"] == "urn:capvente:problem:invalid-transition"
    assert problem["allowed"] == ["prospect", "lost"]
    assert "prospect, lost" in problem["detail"]

    before = utcnow().date()  # the server's day is UTC's, not the local one
    for step in ("prospect", "qualified", "customer"):
        response = client.post(path, json={"status": step}, headers=bearer(trainee))
        assert response.status_code == 200, response.text
    customer = response.json()
    assert customer["customer_since"] in {before.isoformat(), utcnow().date().isoformat()}

    no_reason = client.post(path, json={"status": "lost"}, headers=bearer(trainee))
    assert no_reason.status_code == 422
    assert no_reason.json()["errors"][0]["field"] == "reason"
    lost = client.post(
        path, json={"status": "lost", "reason": "Parti chez un concurrent"}, headers=bearer(trainee)
    ).json()
    assert lost["lost_reason"] == "Parti chez un concurrent"
    timeline = client.get(f"/api/v1/prospects/{pid}/timeline", headers=bearer(trainee)).json()
    changes = [e["summary"] for e in timeline if e["kind"] == "status_change"]
    assert changes == [
        "customer → lost", "qualified → customer", "prospect → qualified", "suspect → prospect",
        "— → suspect",
    ]  # fmt: skip


def test_update_with_optimistic_lock_and_recomputed_priority(
    client: TestClient, db: Session
) -> None:
    trainee = make_user(db, make_org(db))
    p = client.post("/api/v1/prospects", json=COMPANY, headers=bearer(trainee)).json()
    path = f"/api/v1/prospects/{p['id']}"
    ok = client.patch(
        path,
        json={"version": 1, "potential": "75000", "city": "Villeurbanne"},
        headers=bearer(trainee),
    )
    assert ok.status_code == 200, ok.text
    assert ok.json()["priority"] == "A"
    assert ok.json()["version"] == 2
    stale = client.patch(path, json={"version": 1, "city": "Bron"}, headers=bearer(trainee))
    assert stale.status_code == 409
    found = client.get("/api/v1/prospects?q=villeurbanne", headers=bearer(trainee)).json()
    assert found["total"] == 1
    cleared = client.patch(path, json={"version": 2, "email": None}, headers=bearer(trainee))
    assert cleared.json()["email"] is None


def test_search_and_filters(client: TestClient, db: Session) -> None:
    org = make_org(db)
    trainee = make_user(db, org)
    other = make_user(db, org)
    make_prospect(db, trainee, name="Électricité Générale Dupont", city="Lyon", sector="BTP",
                  status="qualified", potential=60000, priority="A", siret="73282932000074",
                  latitude=45.76, longitude=4.83, next_contact_on=date(2026, 11, 20), tags=["vip"])  # fmt: skip
    make_prospect(db, trainee, name="Plomberie Rhône", city="Villeurbanne", sector="BTP",
                  status="prospect", potential=8000, latitude=45.77, longitude=4.88,
                  next_contact_on=date(2026, 12, 20))  # fmt: skip
    make_prospect(db, trainee, name="Café du Port", city="Marseille", sector="Restauration",
                  status="suspect", latitude=43.30, longitude=5.37)  # fmt: skip
    make_prospect(db, other, name="Électricité d'un autre")

    def names(query: str) -> list[str]:
        response = client.get(f"/api/v1/prospects?{query}", headers=bearer(trainee))
        assert response.status_code == 200, response.text
        return [p["name"] for p in response.json()["items"]]

    assert names("q=electricite") == ["Électricité Générale Dupont"]
    assert names("q=ÉLECTRICITÉ dupont") == ["Électricité Générale Dupont"]
    assert names("q=73282932") == ["Électricité Générale Dupont"]
    assert names("q=villeurbanne") == ["Plomberie Rhône"]
    assert names("q=50%") == []
    assert names("status=prospect&status=qualified&sort=-potential") == [
        "Électricité Générale Dupont", "Plomberie Rhône",
    ]  # fmt: skip
    assert names("status=suspect") == ["Café du Port"]
    assert names("sector=btp&sort=-potential") == ["Électricité Générale Dupont", "Plomberie Rhône"]
    assert names("potential_min=10000") == ["Électricité Générale Dupont"]
    assert names("potential_max=10000") == ["Plomberie Rhône"]
    assert names("next_contact_before=2026-11-30") == ["Électricité Générale Dupont"]
    assert names("tag=VIP") == ["Électricité Générale Dupont"]
    assert names("priority=A") == ["Électricité Générale Dupont"]
    near = client.get(
        "/api/v1/prospects?near_lat=45.76&near_lon=4.83&radius_km=10", headers=bearer(trainee)
    ).json()
    assert [p["name"] for p in near["items"]] == ["Électricité Générale Dupont", "Plomberie Rhône"]
    assert near["items"][0]["distance_km"] == 0.0
    assert 3.5 < near["items"][1]["distance_km"] < 4.5
    half = client.get("/api/v1/prospects?near_lat=45.76&radius_km=10", headers=bearer(trainee))
    assert half.status_code == 422
    assert half.json()["errors"][0]["field"] == "radius_km"
    bad_sort = client.get("/api/v1/prospects?sort=persona_match", headers=bearer(trainee))
    assert bad_sort.status_code == 422


def test_nearest_first_pages_are_those_of_the_whole_radius(client: TestClient, db: Session) -> None:
    """Nearest-first pages are looked for in narrower discs first; paging through them gives
    exactly the order of the whole radius (checked against one big page)."""
    trainee = make_user(db, make_org(db))
    rng = random.Random(5)
    for n in range(150):
        # Dense near the centre, sparse further out (as a city and its region).
        r, angle = 40 * rng.random() ** 2, rng.random() * 2 * math.pi
        make_prospect(db, trainee, name=f"P{n:03d}", latitude=45.76 + r / 111 * math.sin(angle),
                      longitude=4.83 + r / 78 * math.cos(angle))  # fmt: skip
    query = "/api/v1/prospects?near_lat=45.76&near_lon=4.83&radius_km=30"
    whole = client.get(f"{query}&limit=200", headers=bearer(trainee)).json()
    expected = [p["name"] for p in whole["items"]]
    assert 60 < whole["total"] == len(expected) < 150
    distances = [p["distance_km"] for p in whole["items"]]
    assert distances == sorted(distances)
    paged: list[str] = []
    for offset in range(0, whole["total"], 7):
        body = client.get(f"{query}&limit=7&offset={offset}", headers=bearer(trainee)).json()
        assert body["total"] == whole["total"]
        paged += [p["name"] for p in body["items"]]
    assert paged == expected


def test_totals_past_the_cap_say_at_least(
    client: TestClient, db: Session, settings: Settings
) -> None:
    """Past ``list_count_cap`` the list stops counting: total = the cap, total_exact false;
    every page is still reachable."""
    settings.list_count_cap = 5
    trainee = make_user(db, make_org(db))
    for n in range(7):
        make_prospect(db, trainee, name=f"Société {n}", city="Lyon" if n < 4 else "Bron")

    def page(query: str) -> dict[str, Any]:
        response = client.get(f"/api/v1/prospects?{query}", headers=bearer(trainee))
        assert response.status_code == 200, response.text
        return dict(response.json())

    everything = page("limit=3")
    assert (everything["total"], everything["total_exact"]) == (5, False)
    assert [p["name"] for p in page("limit=3&offset=6")["items"]] == ["Société 6"]
    lyon = page("q=lyon")
    assert (lyon["total"], lyon["total_exact"], len(lyon["items"])) == (4, True, 4)
    # On SQLite a text search sorts all its matches for a page: it counts them on the way.
    everyone = page("q=societe&limit=2")
    counted = (7, True) if db.get_bind().dialect.name == "sqlite" else (5, False)
    assert (everyone["total"], everyone["total_exact"], len(everyone["items"])) == (*counted, 2)
    past = page("q=societe&limit=2&offset=8")  # no page row to carry the count: capped count
    assert (past["total"], past["total_exact"], past["items"]) == (5, False, [])
    settings.list_count_cap = 7
    assert (page("")["total"], page("")["total_exact"]) == (7, True)


def test_a_record_gone_between_the_two_steps_of_a_page_is_left_out(db: Session) -> None:
    """page_records reads ids, then records: an id whose record was deleted meanwhile (by
    another request) is dropped from the page instead of failing it."""
    trainee = make_user(db, make_org(db))
    kept = make_prospect(db, trainee, name="Restant")
    keys = select(Prospect.id).where(Prospect.id == kept.id).union_all(select(literal(-1)))
    listed = repo.Listing(stmt=select(Prospect), extra={}, counted=select(Prospect), keys=keys)
    page, total = repo.page_records(db, listed, PageParams(limit=10, offset=0))
    assert [p.id for p, _ in page] == [kept.id]
    assert total is None  # not a text search: counted apart


def test_text_search_index_follows_every_write(client: TestClient, db: Session) -> None:
    """The search reads an index (FTS5 trigram table on SQLite, pg_trgm on PostgreSQL):
    creation, update, anonymisation and deletion are all seen, for long and short terms."""
    trainee = make_user(db, make_org(db))
    created = client.post(
        "/api/v1/prospects",
        json={**COMPANY, "name": "Quincaillerie Zéphyrin", "city": "Oullins",
              "sector": "Événementiel"},
        headers=bearer(trainee),
    ).json()  # fmt: skip

    def found(query: str) -> list[int]:
        response = client.get(f"/api/v1/prospects?{query}", headers=bearer(trainee))
        assert response.status_code == 200, response.text
        return [p["id"] for p in response.json()["items"]]

    me = [created["id"]]
    assert found("q=zephyrin") == me
    assert found("q=ZÉPH oullins") == me  # several terms, each a substring
    assert found("q=ze") == me  # under three characters: no trigram, still found
    assert found("q=zephyrine") == []
    # Sector filters compare folded keys: case and accents apart, on both backends.
    assert found("sector=evenementiel") == me
    assert found("sector=ÉVÉNEMENTIEL") == me
    path = f"/api/v1/prospects/{created['id']}"
    renamed = client.patch(
        path, json={"version": 1, "name": "Droguerie Anatole"}, headers=bearer(trainee)
    )
    assert renamed.status_code == 200, renamed.text
    assert found("q=zephyrin") == []
    assert found("q=anatole") == me
    assert client.delete(path, headers=bearer(trainee)).status_code == 204
    assert found("q=anatole") == []


def test_reading_a_full_record_is_audited(client: TestClient, db: Session) -> None:
    org = make_org(db)
    admin = make_user(db, org, Role.ADMIN)
    trainer = make_user(db, org, Role.TRAINER)
    trainee = make_user(db, org, cohort=make_cohort(db, org, trainers=[trainer]))
    prospect = make_prospect(db, trainee)
    assert (
        client.get(f"/api/v1/prospects/{prospect.id}", headers=bearer(trainer)).status_code == 200
    )
    client.get(f"/api/v1/prospects/{prospect.id}/timeline", headers=bearer(trainee))
    log = client.get(f"/api/v1/privacy/access-log?prospect_id={prospect.id}", headers=bearer(admin))
    assert log.status_code == 200
    entries = log.json()["items"]
    assert [(e["actor_id"], e["action"]) for e in entries] == [
        (trainee.id, "read_record"), (trainer.id, "read_record"),
    ]  # fmt: skip
    assert client.get("/api/v1/privacy/access-log", headers=bearer(trainer)).status_code == 403
    db.expire_all()
    assert db.scalar(select(PrivacyAuditEntry.id).where(PrivacyAuditEntry.actor_id == trainer.id))


def test_trainer_reads_but_cannot_write_a_trainee_file(client: TestClient, db: Session) -> None:
    org = make_org(db)
    trainer = make_user(db, org, Role.TRAINER)
    trainee = make_user(db, org, cohort=make_cohort(db, org, trainers=[trainer]))
    prospect = make_prospect(db, trainee)
    assert client.get("/api/v1/prospects", headers=bearer(trainer)).json()["total"] == 1
    response = client.patch(
        f"/api/v1/prospects/{prospect.id}",
        json={"version": 1, "city": "X"},
        headers=bearer(trainer),
    )
    assert response.status_code == 403


def test_contacts_of_a_company(client: TestClient, db: Session) -> None:
    trainee = make_user(db, make_org(db))
    company = make_prospect(db, trainee)
    person = make_prospect(db, trainee, kind="individual", name="Jeanne Petit")
    path = f"/api/v1/prospects/{company.id}/contacts"
    created = client.post(
        path,
        json={"first_name": "Paul", "last_name": "Girard", "job_title": "Gérant",
              "decision_power": "decision_maker", "phone": "06 11 22 33 44",
              "email": "paul@girard.fr", "preferred_channel": "phone"},
        headers=bearer(trainee),
    )  # fmt: skip
    assert created.status_code == 201, created.text
    contact = created.json()
    assert contact["phone"] == "+33611223344"
    listed = client.get(path, headers=bearer(trainee)).json()
    assert listed["total"] == 1
    updated = client.patch(
        f"{path}/{contact['id']}",
        json={"version": 1, "job_title": "Directeur"},
        headers=bearer(trainee),
    )
    assert updated.json()["job_title"] == "Directeur"
    refused = client.post(
        f"/api/v1/prospects/{person.id}/contacts", json={"last_name": "X"}, headers=bearer(trainee)
    )
    assert refused.status_code == 400
    assert refused.json()["type"] == "urn:capvente:problem:contacts-need-a-company"
    wrong_parent = client.get(
        f"/api/v1/prospects/{person.id}/contacts/{contact['id']}", headers=bearer(trainee)
    )
    assert wrong_parent.status_code == 404
    assert client.delete(f"{path}/{contact['id']}", headers=bearer(trainee)).status_code == 204
