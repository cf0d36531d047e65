"""Personas and match scores, call scripts, campaigns with policy-checked members."""

from __future__ import annotations

import random
from decimal import Decimal

from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import (
    ConsentChannel,
    ConsentStatus,
    Persona,
    PersonaMatch,
    Prospect,
    ProspectKind,
    Role,
    User,
)
from app.prospects.rules import match_score, match_score_sql, persona_criteria
from tests.factories import (
    bearer,
    make_cohort,
    make_consent,
    make_org,
    make_prospect,
    make_user,
)

PERSONA = {
    "name": "Artisans du BTP lyonnais",
    "kind": "company",
    "sectors": ["BTP", "btp"],
    "size_bands": ["micro", "small"],
    "postcodes": ["69"],
    "potential_min": "5000",
    "potential_max": "50000",
}


def test_persona_crud_and_validation(client: TestClient, db: Session) -> None:
    trainee = make_user(db, make_org(db))
    created = client.post("/api/v1/personas", json=PERSONA, headers=bearer(trainee))
    assert created.status_code == 201, created.text
    persona = created.json()
    assert persona["sectors"] == ["BTP"]
    bad = client.post(
        "/api/v1/personas", json={"name": "X", "radius_km": 10}, headers=bearer(trainee)
    )
    assert bad.status_code == 422
    assert bad.json()["errors"][0]["field"] == "radius_km"
    inverted = client.post(
        "/api/v1/personas",
        json={"name": "X", "potential_min": "10", "potential_max": "5"},
        headers=bearer(trainee),
    )
    assert inverted.json()["errors"][0]["field"] == "potential_max"
    bad_prefix = client.post(
        "/api/v1/personas", json={"name": "X", "postcodes": ["Lyon"]}, headers=bearer(trainee)
    )
    assert bad_prefix.status_code == 422
    updated = client.patch(
        f"/api/v1/personas/{persona['id']}",
        json={"version": 1, "postcodes": ["69", "38"]},
        headers=bearer(trainee),
    )
    assert updated.json()["postcodes"] == ["69", "38"]


def test_list_sorted_and_filtered_by_persona_match(client: TestClient, db: Session) -> None:
    trainee = make_user(db, make_org(db))
    persona = client.post("/api/v1/personas", json=PERSONA, headers=bearer(trainee)).json()
    make_prospect(db, trainee, name="Parfait", sector="BTP", size_band="micro", postcode="69003",
                  potential=Decimal(20000))  # fmt: skip
    make_prospect(db, trainee, name="Loin", sector="BTP", size_band="micro", postcode="13001",
                  potential=Decimal(20000))  # fmt: skip
    make_prospect(db, trainee, name="Rien", sector="Banque", size_band="large", postcode="75001")
    response = client.get(
        f"/api/v1/prospects?persona_id={persona['id']}", headers=bearer(trainee)
    ).json()
    assert [(p["name"], p["persona_match"]) for p in response["items"]] == [
        ("Parfait", 100), ("Loin", 70), ("Rien", 0),
    ]  # fmt: skip
    strong = client.get(
        f"/api/v1/prospects?persona_id={persona['id']}&min_match=80", headers=bearer(trainee)
    ).json()
    assert [p["name"] for p in strong["items"]] == ["Parfait"]
    assert strong["total"] == 1
    other = make_user(db, make_org(db))
    hidden = client.get(f"/api/v1/prospects?persona_id={persona['id']}", headers=bearer(other))
    assert hidden.status_code == 422
    assert hidden.json()["errors"][0]["field"] == "persona_id"


def test_sql_and_python_scores_agree(db: Session) -> None:
    """The score used for sorting (SQL) is the one the rules define (Python)."""
    trainee = make_user(db, make_org(db))
    rng = random.Random(7)
    sectors = ["BTP", "Restauration", "Santé", None]
    for n in range(60):
        make_prospect(
            db, trainee, name=f"P{n}", sector=rng.choice(sectors),
            kind=rng.choice(["company", "individual"]),
            size_band=rng.choice(["micro", "small", "medium", None]),
            postcode=rng.choice(["69003", "69100", "38000", "13001", None]),
            latitude=45.5 + rng.random(), longitude=4.5 + rng.random(),
            potential=Decimal(rng.randrange(0, 100_000)) if rng.random() < 0.8 else None,
        )  # fmt: skip
    persona = Persona(owner_id=trainee.id, name="P", description="", kind="company", sectors=["btp", "Santé"],
                      size_bands=["small"], postcodes=["38"], center_latitude=45.76,
                      center_longitude=4.83, radius_km=25, potential_min=Decimal(10000))  # fmt: skip
    db.add(persona)
    db.flush()
    criteria = persona_criteria(persona)
    rows = db.execute(select(Prospect, match_score_sql(criteria, Prospect))).all()
    assert len(rows) == 60
    for prospect, sql_score in rows:
        expected = match_score(
            criteria, kind=prospect.kind.value, sector=prospect.sector, size_band=prospect.size_band,
            postcode=prospect.postcode, latitude=prospect.latitude,
            longitude=prospect.longitude, potential=prospect.potential,
        )  # fmt: skip
        assert sql_score == expected, prospect.name


def test_stored_scores_match_computed_ones_and_follow_every_change(
    client: TestClient, db: Session
) -> None:
    """The owner's list reads stored scores (persona_matches); a trainer's computes them.
    Both give the same page, and the stored ones follow edits of the file and the persona."""
    org = make_org(db)
    trainer = make_user(db, org, Role.TRAINER)
    trainee = make_user(db, org, cohort=make_cohort(db, org, trainers=[trainer]))
    rng = random.Random(11)
    for n in range(80):
        make_prospect(
            db, trainee, name=f"P{n:02d}", kind=rng.choice(["company", "individual"]),
            sector=rng.choice(["BTP", "Santé", "Commerce", None]),
            size_band=rng.choice(["micro", "small", "medium", None]),
            postcode=rng.choice(["69003", "69100", "38000", "13001", None]),
            potential=Decimal(rng.randrange(0, 100_000)) if rng.random() < 0.8 else None,
        )  # fmt: skip
    persona = client.post(
        "/api/v1/personas", json={"name": "Artisans", "kind": "company", "sectors": ["btp"],
                                  "size_bands": ["small"], "postcodes": ["69"],
                                  "potential_min": "10000"},
        headers=bearer(trainee),
    ).json()  # fmt: skip

    def page(user: User, extra: str = "") -> list[tuple[str, int]]:
        url = f"/api/v1/prospects?persona_id={persona['id']}&limit=200{extra}"
        response = client.get(url, headers=bearer(user))
        assert response.status_code == 200, response.text
        body = response.json()
        assert body["total"] == len(body["items"])
        return [(p["name"], p["persona_match"]) for p in body["items"]]

    def stored() -> int:
        db.expire_all()
        return len(
            db.scalars(select(PersonaMatch).where(PersonaMatch.persona_id == persona["id"])).all()
        )

    assert stored() == 0
    mine = page(trainee)
    assert mine == page(trainer)  # stored (owner) == computed (trainer)
    assert len(mine) == 80
    assert stored() == 80
    assert [s for _, s in mine] == sorted((s for _, s in mine), reverse=True)
    assert page(trainee, "&min_match=60") == page(trainer, "&min_match=60")
    # With another filter the stored scores are joined to the file (not read alone).
    assert page(trainee, "&kind=company&min_match=30") == page(
        trainer, "&kind=company&min_match=30"
    )
    assert page(trainee, "&sort=name") == page(trainer, "&sort=name")
    # An edit of a record: its new score is seen at once.
    companies = {p.name: p for p in db.scalars(select(Prospect).where(Prospect.kind == "company"))}
    target = companies[[name for name, _ in mine if name in companies][-1]]
    patched = client.patch(
        f"/api/v1/prospects/{target.id}",
        json={"version": target.version, "sector": "BTP", "size_band": "small",
              "postcode": "69001", "potential": "20000"},
        headers=bearer(trainee),
    )  # fmt: skip
    assert patched.status_code == 200, patched.text
    after = page(trainee)
    assert after[0][1] == 100
    assert target.name in [n for n, s in after if s == 100]
    assert after == page(trainer)
    # A new record, a deleted one, an edit of the persona.
    client.post("/api/v1/prospects", json={"kind": "company", "name": "Zèbre BTP", "sector": "btp",
                "size_band": "small", "postcode": "69002", "potential": "50000"},
                headers=bearer(trainee))  # fmt: skip
    gone = db.scalar(select(Prospect).where(Prospect.name == after[1][0]))
    assert gone is not None
    assert client.delete(f"/api/v1/prospects/{gone.id}", headers=bearer(trainee)).status_code == 204
    edited = client.patch(f"/api/v1/personas/{persona['id']}",
                          json={"version": persona["version"], "postcodes": ["38"]},
                          headers=bearer(trainee))  # fmt: skip
    assert edited.status_code == 200, edited.text
    final = page(trainee)
    assert final == page(trainer)
    assert "Zèbre BTP" in [n for n, _ in final]
    assert gone.name not in [n for n, _ in final]
    assert stored() == 80
    # Deleting the persona deletes its scores.
    client.delete(f"/api/v1/personas/{persona['id']}", headers=bearer(trainee))
    assert stored() == 0


def test_call_scripts(client: TestClient, db: Session) -> None:
    trainee = make_user(db, make_org(db))
    steps = [
        {"kind": "introduction", "text": "Bonjour, Léa Martin de CapVente."},
        {"kind": "gatekeeper", "text": "Je souhaite parler au gérant au sujet de ..."},
        {"kind": "hook", "text": "Nous aidons les artisans à ..."},
        {"kind": "questions", "text": "Comment gérez-vous aujourd'hui ... ?"},
        {"kind": "objections", "text": "« Je n'ai pas le temps » : justement ..."},
        {"kind": "close", "text": "Seriez-vous disponible mardi 10 h ou jeudi 15 h ?"},
    ]
    created = client.post(
        "/api/v1/call-scripts", json={"name": "Prise de RDV artisans", "steps": steps},
        headers=bearer(trainee),
    )  # fmt: skip
    assert created.status_code == 201, created.text
    assert [s["kind"] for s in created.json()["steps"]] == [s["kind"] for s in steps]
    empty = client.post(
        "/api/v1/call-scripts", json={"name": "X", "steps": []}, headers=bearer(trainee)
    )
    assert empty.status_code == 422
    bad_kind = client.post(
        "/api/v1/call-scripts",
        json={"name": "X", "steps": [{"kind": "pitch", "text": "x"}]},
        headers=bearer(trainee),
    )
    assert bad_kind.status_code == 422
    foreign_persona = client.post(
        "/api/v1/call-scripts",
        json={"name": "X", "steps": steps[:1], "persona_id": 999_999},
        headers=bearer(trainee),
    )
    assert foreign_persona.json()["errors"][0]["field"] == "persona_id"


def test_campaign_members_are_checked_by_the_policy(client: TestClient, db: Session) -> None:
    trainee = make_user(db, make_org(db))
    opted_in = make_prospect(db, trainee, kind=ProspectKind.INDIVIDUAL, name="Oui")
    silent = make_prospect(db, trainee, kind=ProspectKind.INDIVIDUAL, name="Rien")
    withdrawn = make_prospect(db, trainee, kind=ProspectKind.INDIVIDUAL, name="Retrait")
    make_consent(db, opted_in, ConsentChannel.EMAIL, ConsentStatus.GRANTED)
    make_consent(db, withdrawn, ConsentChannel.EMAIL, ConsentStatus.GRANTED)
    make_consent(db, withdrawn, ConsentChannel.EMAIL, ConsentStatus.WITHDRAWN)
    company = make_prospect(db, trainee, name="Entreprise")
    campaign = client.post(
        "/api/v1/campaigns",
        json={"name": "Newsletter de printemps", "channel": "email", "objective_contacts": 3},
        headers=bearer(trainee),
    ).json()
    members = [{"prospect_id": p.id} for p in (opted_in, silent, withdrawn, company)]
    report = client.post(
        f"/api/v1/campaigns/{campaign['id']}/members", json={"members": members},
        headers=bearer(trainee),
    )  # fmt: skip
    assert report.status_code == 200, report.text
    body = report.json()
    assert sorted(m["prospect_id"] for m in body["added"]) == sorted([opted_in.id, company.id])
    refused = {r["prospect_id"]: r["rule"] for r in body["refused"]}
    assert refused == {silent.id: "b2c-email-requires-consent", withdrawn.id: "consent-withdrawn"}
    again = client.post(
        f"/api/v1/campaigns/{campaign['id']}/members", json={"members": members[:1]},
        headers=bearer(trainee),
    ).json()  # fmt: skip
    assert again["already_members"] == [{"prospect_id": opted_in.id, "contact_id": None}]

    interact = f"/api/v1/prospects/{opted_in.id}/interactions"
    client.post(interact, json={"channel": "email", "outcome": "info_sent", "campaign_id": campaign["id"],
                                "next_contact_on": "2026-12-20"}, headers=bearer(trainee))  # fmt: skip
    client.post(f"/api/v1/prospects/{company.id}/interactions",
                json={"channel": "email", "outcome": "no_answer", "campaign_id": campaign["id"],
                      "next_contact_on": "2026-12-20"}, headers=bearer(trainee))  # fmt: skip
    counts = client.get(f"/api/v1/campaigns/{campaign['id']}", headers=bearer(trainee)).json()[
        "counts"
    ]
    assert counts == {"members": 2, "contacted": 2, "reached": 1, "appointments": 0, "refusals": 0}


def test_campaign_from_target_and_sms_rules(client: TestClient, db: Session) -> None:
    trainee = make_user(db, make_org(db))
    persona = client.post("/api/v1/personas", json=PERSONA, headers=bearer(trainee)).json()
    for n in range(3):
        make_prospect(db, trainee, name=f"Cible {n}", sector="BTP", size_band="micro",
                      postcode="69001", potential=Decimal(9000))  # fmt: skip
    make_prospect(db, trainee, name="Hors cible", sector="Banque", postcode="75001")
    campaign = client.post(
        "/api/v1/campaigns",
        json={"name": "Phoning artisans", "channel": "phone", "persona_id": persona["id"]},
        headers=bearer(trainee),
    ).json()
    report = client.post(
        f"/api/v1/campaigns/{campaign['id']}/members", json={"from_target": True},
        headers=bearer(trainee),
    ).json()  # fmt: skip
    assert len(report["added"]) == 3
    no_stop = client.post(
        "/api/v1/campaigns",
        json={"name": "SMS", "channel": "sms", "message_template": "Promo -20 % chez nous"},
        headers=bearer(trainee),
    )
    assert no_stop.status_code == 422
    assert no_stop.json()["errors"][0]["field"] == "message_template"
    with_stop = client.post(
        "/api/v1/campaigns",
        json={"name": "SMS", "channel": "sms",
              "message_template": "CapVente : -20 % ce mois-ci. STOP au 36111"},
        headers=bearer(trainee),
    )  # fmt: skip
    assert with_stop.status_code == 201
    untargeted = client.post(
        f"/api/v1/campaigns/{with_stop.json()['id']}/members", json={"from_target": True},
        headers=bearer(trainee),
    )  # fmt: skip
    assert untargeted.status_code == 422
