"""Watch items: manual items, search and filters, classification, sharing with the cohort."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from app.models import Role, User
from tests.factories import bearer, make_cohort, make_org, make_prospect, make_user

ITEMS = "/api/v1/watch/items"


def _item(client: TestClient, user: User, **fields: Any) -> dict[str, Any]:
    body = {"title": "Note", "topic": "market", **fields}
    response = client.post(ITEMS, json=body, headers=bearer(user))
    assert response.status_code == 201, response.text
    return dict(response.json())


def test_manual_items_search_and_classification(client: TestClient, db: Session) -> None:
    trainee = make_user(db, make_org(db))
    prospect = make_prospect(db, trainee, name="Boulangerie Martin")
    db.commit()
    rival = client.post("/api/v1/competitors", json={"name": "Rival"},
                        headers=bearer(trainee)).json()  # fmt: skip
    fair = _item(client, trainee, title="Salon Equip'Baie : Rival lance une gamme à 15 % moins chère",
                 topic="competitor", competitor_id=rival["id"],
                 published_at="2026-11-20T10:00:00+01:00")  # fmt: skip
    assert fair["suggested_classification"] == "fact"
    assert fair["suggestion_reasons"]
    call = _item(client, trainee, title="Appel client", summary="Le client trouve nos délais "
                 "horribles !", topic="customer_behaviour", prospect_id=prospect.id,
                 published_at="2026-11-25T10:00:00+01:00")  # fmt: skip
    assert call["suggested_classification"] == "opinion"

    def titles(query: str) -> list[str]:
        response = client.get(f"{ITEMS}?{query}", headers=bearer(trainee))
        assert response.status_code == 200, response.text
        return [i["title"] for i in response.json()["items"]]

    assert titles("") == [call["title"], fair["title"]]  # newest first
    assert titles("q=gamme%20rival") == [fair["title"]]
    assert titles("q=DÉLAIS") == [call["title"]]  # the summary is searched, any case
    assert titles("q=horribles%20client") == [call["title"]]  # every word must match
    assert titles("q=delais") == [call["title"]]  # accents apart: « delais » finds « délais »
    assert titles("q=%C3%A9quip%27baie") == [fair["title"]]  # and « équip'baie » « Equip'Baie »
    assert titles("q=100%25") == []  # no LIKE wildcards
    assert titles("q=_") == titles("")
    assert titles(f"competitor_id={rival['id']}") == [fair["title"]]
    assert titles("topic=customer_behaviour") == [call["title"]]
    assert titles("since=2026-11-22T00:00:00Z") == [call["title"]]
    assert titles("until=2026-11-22T00:00:00Z") == [fair["title"]]
    # The trainee's own classification, read and starred flags.
    url = f"{ITEMS}/{call['id']}"
    patched = client.patch(url, json={"version": call["version"], "classification": "opinion",
                                      "is_read": True, "starred": True, "relevance": 4},
                           headers=bearer(trainee))  # fmt: skip
    assert patched.status_code == 200, patched.text
    assert titles("unread=true") == [fair["title"]]
    assert titles("classification=opinion") == [call["title"]]
    assert titles("starred=true") == [call["title"]]
    # Tags and notes are searched too, once written.
    tagged = client.patch(url, json={"version": patched.json()["version"], "tags": ["Tarifs"],
                                     "notes": "À rappeler mardi"}, headers=bearer(trainee))  # fmt: skip
    assert tagged.status_code == 200, tagged.text
    assert titles("q=tarifs%20a%20rappeler") == [call["title"]]
    # Bad input names the field; another trainee sees nothing.
    bad = client.post(ITEMS, json={"title": "x", "topic": "market", "relevance": 9},
                      headers=bearer(trainee))  # fmt: skip
    assert bad.status_code == 422
    assert bad.json()["errors"][0]["field"] == "relevance"
    other = make_user(db, make_org(db))
    foreign = client.post(ITEMS, json={"title": "x", "topic": "market",
                                       "prospect_id": prospect.id}, headers=bearer(other))  # fmt: skip
    assert foreign.status_code == 422
    assert foreign.json()["errors"][0]["field"] == "prospect_id"
    assert client.get(url, headers=bearer(other)).status_code == 404
    assert client.delete(url, headers=bearer(trainee)).status_code == 204


def test_shared_items_reach_the_cohort_only(client: TestClient, db: Session) -> None:
    org = make_org(db)
    trainer = make_user(db, org, Role.TRAINER)
    cohort = make_cohort(db, org, trainers=[trainer])
    alice = make_user(db, org, cohort=cohort)
    bob = make_user(db, org, cohort=cohort)
    outsider = make_user(db, org, cohort=make_cohort(db, org))
    db.commit()
    shared = _item(client, alice, title="À lire : baromètre du commerce", shared=True)
    _item(client, alice, title="Brouillon privé")

    def shared_titles(user: User) -> list[str]:
        response = client.get("/api/v1/watch/shared", headers=bearer(user))
        assert response.status_code == 200, response.text
        return [i["title"] for i in response.json()["items"]]

    assert shared_titles(bob) == [shared["title"]]
    assert shared_titles(alice) == [shared["title"]]
    assert shared_titles(outsider) == []
    assert shared_titles(trainer) == [shared["title"]]
    # Shared is readable in the list, not writable by the cohort.
    assert client.patch(f"{ITEMS}/{shared['id']}", json={"version": shared["version"],
                        "starred": True}, headers=bearer(bob)).status_code == 404  # fmt: skip


def test_a_shared_item_shows_the_cohort_the_article_not_the_sharers_file(
    client: TestClient, db: Session
) -> None:
    org = make_org(db)
    cohort = make_cohort(db, org)
    alice = make_user(db, org, cohort=cohort, full_name="Alice Martin")
    bob = make_user(db, org, cohort=cohort)
    prospect = make_prospect(db, alice, name="Boulangerie Dupin")
    db.commit()
    rival = client.post("/api/v1/competitors", json={"name": "Rival"}, headers=bearer(alice))
    assert rival.status_code == 201, rival.text
    shared = _item(
        client, alice, title="Rival baisse ses prix", summary="Annonce au salon.",
        topic="competitor", link="https://exemple.fr/rival", competitor_id=rival.json()["id"],
        prospect_id=prospect.id, tags=["à relancer Dupin"], relevance=4,
        notes="Privé : M. Dupin hésite, le rappeler mardi", shared=True,
    )  # fmt: skip
    assert shared["prospect_id"] == prospect.id  # the owner sees it all
    response = client.get("/api/v1/watch/shared", headers=bearer(bob))
    assert response.status_code == 200, response.text
    [seen] = response.json()["items"]
    assert seen == {
        "id": shared["id"], "owner_id": alice.id, "shared_by": "Alice Martin",
        "title": "Rival baisse ses prix", "link": "https://exemple.fr/rival",
        "published_at": shared["published_at"], "summary": "Annonce au salon.",
        "topic": "competitor",
        "classification": None, "sentiment": None, "relevance": 4,
        "created_at": shared["created_at"],
    }  # fmt: skip
    assert "Dupin" not in response.text
    assert "Privé" not in response.text
    # The API documentation says what is shared and what is not.
    operation = client.get("/openapi.json").json()["paths"]["/api/v1/watch/shared"]["get"]
    assert "notes" in operation["description"]
    schema = operation["responses"]["200"]["content"]["application/json"]["schema"]["$ref"]
    assert schema.endswith("Page_SharedItemOut_")
