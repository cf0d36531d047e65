"""Tasks (app/agenda/README.md): a due day or moment, a reminder no later than the due, a
link to one of the owner's records, PATCH with versions (done / undone included), the list's
filters and sorts, who reads and writes whose tasks, and the evidence: once per task
created, never for an edit, a tick or a deletion."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import (
    Appointment,
    Campaign,
    Channel,
    EvidenceLink,
    EvidenceRecord,
    Role,
    Task,
    User,
    WatchItem,
)
from tests.factories import bearer, make_cohort, make_org, make_prospect, make_user, owned_records

TASKS = "/api/v1/tasks"


@pytest.fixture
def people(db: Session) -> dict[str, User]:
    org = make_org(db)
    trainer = make_user(db, org, Role.TRAINER)
    cohort = make_cohort(db, org, trainers=[trainer])
    found = {
        "trainer": trainer,
        "a": make_user(db, org, cohort=cohort),
        "b": make_user(db, org, cohort=cohort),
    }
    db.commit()
    return found


def create(client: TestClient, user: User, **body: Any) -> dict[str, Any]:
    response = client.post(TASKS, json=body, headers=bearer(user))
    assert response.status_code == 201, response.text
    return response.json()


def refused(response: Any, field: str, status: int = 422) -> None:
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/problem+json"
    assert [e["field"] for e in response.json()["errors"]] == [field]


def journal(db: Session, user: User) -> list[tuple[str, str | None, set[str]]]:
    db.expire_all()
    records = db.scalars(select(EvidenceRecord).where(EvidenceRecord.trainee_id == user.id)
                         .order_by(EvidenceRecord.id)).all()  # fmt: skip
    return [
        (r.action, r.resource_id,
         set(db.scalars(select(EvidenceLink.code).where(EvidenceLink.evidence_id == r.id))))
        for r in records
    ]  # fmt: skip


# ----------------------------------------------------------------- the due and the reminder


def test_a_task_is_due_on_a_day_or_at_a_moment(client: TestClient, people: dict[str, User]) -> None:
    a = people["a"]
    day = create(client, a, title="Préparer la visite", due_on="2027-03-15",
                 notes="Apporter le catalogue.\nEt les tarifs.")  # fmt: skip
    assert (day["due_on"], day["due_at"], day["done"], day["done_at"]) == (
        "2027-03-15",
        None,
        False,
        None,
    )
    assert day["notes"] == "Apporter le catalogue.\nEt les tarifs."
    assert day["owner_id"] == a.id
    assert day["version"] == 1
    assert day["link"] is None
    # A moment keeps its local day beside it: 23:30 UTC is the next day in Paris.
    late = create(client, a, title="Relancer", due_at="2027-03-15T23:30:00Z")
    assert late["due_on"] == "2027-03-16"
    assert late["due_at"].startswith("2027-03-15T23:30:00")


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"title": "Sans échéance"}, "due_on"),
        ({"title": "Les deux", "due_on": "2027-03-15", "due_at": "2027-03-15T09:00:00Z"}, "due_on"),
        ({"title": "", "due_on": "2027-03-15"}, "title"),
        ({"title": "x" * 201, "due_on": "2027-03-15"}, "title"),
        ({"title": "Notes", "due_on": "2027-03-15", "notes": "x" * 2001}, "notes"),
        ({"title": "Heure locale", "due_at": "2027-03-15T09:00:00"}, "due_at"),
        ({"title": "Trop loin", "due_on": "9999-12-31"}, "due_on"),
        # A reminder after the due (a moment), or after the due day (all day).
        (
            {"title": "R", "due_at": "2027-03-15T09:00:00Z", "reminder_at": "2027-03-15T09:01:00Z"},
            "reminder_at",
        ),
        (
            {"title": "R", "due_on": "2027-03-15", "reminder_at": "2027-03-15T23:00:00Z"},
            "reminder_at",
        ),
        ({"title": "Inconnu", "due_on": "2027-03-15", "extra": 1}, "extra"),
    ],
)
def test_bad_tasks_are_refused_by_field(
    client: TestClient, db: Session, people: dict[str, User], body: dict[str, Any], field: str
) -> None:
    refused(client.post(TASKS, json=body, headers=bearer(people["a"])), field)
    assert db.scalar(select(Task.id)) is None


def test_a_reminder_may_be_at_the_due_or_during_the_due_day(
    client: TestClient, people: dict[str, User]
) -> None:
    a = people["a"]
    at_due = create(client, a, title="R", due_at="2027-03-15T09:00:00Z",
                    reminder_at="2027-03-15T09:00:00Z")  # fmt: skip
    assert at_due["reminder_at"].startswith("2027-03-15T09:00:00")
    # 22:59 UTC is still the 15th in Paris (UTC+1).
    create(client, a, title="R", due_on="2027-03-15", reminder_at="2027-03-15T22:59:00Z")


# ----------------------------------------------------------------- links


def test_a_task_links_to_a_record_of_the_callers_own(
    client: TestClient, db: Session, people: dict[str, User]
) -> None:
    a, b = people["a"], people["b"]
    ids = owned_records(db, a)
    db.commit()
    expected = {
        "prospect": (ids["prospect_id"], f"/prospects/{ids['prospect_id']}"),
        "appointment": (ids["appointment_id"], f"/agenda?rendez-vous={ids['appointment_id']}"),
        "campaign": (ids["campaign_id"], f"/prospects/campagnes/{ids['campaign_id']}"),
        "tour": (ids["tour_id"], f"/tournees/{ids['tour_id']}"),
        "watch_item": (ids["item_id"], f"/veille?article={ids['item_id']}"),
        "loyalty_event": (
            ids["loyalty_event_id"],
            f"/fidelisation/evenements/{ids['loyalty_event_id']}",
        ),
        "relaunch_plan": (
            ids["relaunch_plan_id"],
            f"/fidelisation/relances/{ids['relaunch_plan_id']}",
        ),
    }
    for kind, (record_id, href) in expected.items():
        made = create(client, a, title=f"Lien {kind}", due_on="2027-03-15", link_kind=kind,
                      link_id=record_id)  # fmt: skip
        assert made["link"] == {"kind": kind, "id": record_id, "href": href}
        # Another trainee's record of the same id is "unknown" to b: 422 on link_id.
        response = client.post(TASKS, headers=bearer(b), json={
            "title": "Intrus", "due_on": "2027-03-15", "link_kind": kind, "link_id": record_id})  # fmt: skip
        refused(response, "link_id")
        assert "inconnu" in response.json()["errors"][0]["message"]
    assert db.get(Appointment, ids["appointment_id"]) is not None
    assert db.get(Campaign, ids["campaign_id"]) is not None
    assert db.get(WatchItem, ids["item_id"]) is not None


@pytest.mark.parametrize(
    ("link", "field"),
    [
        ({"link_kind": "prospect"}, "link_id"),
        ({"link_id": 5}, "link_kind"),
        ({"link_kind": "prospect", "link_id": 2_000_000_000}, "link_id"),
        ({"link_kind": "plan_action", "link_id": 2_000_000_000}, "link_id"),  # not theirs
        ({"link_kind": "loyalty_offer", "link_id": 1}, "link_kind"),
    ],
)
def test_a_link_is_whole_known_and_reachable(
    client: TestClient, people: dict[str, User], link: dict[str, Any], field: str
) -> None:
    body = {"title": "Lien", "due_on": "2027-03-15", **link}
    refused(client.post(TASKS, json=body, headers=bearer(people["a"])), field)


# ----------------------------------------------------------------- PATCH


def test_patch_moves_ticks_unticks_and_unlinks(
    client: TestClient, db: Session, people: dict[str, User]
) -> None:
    a = people["a"]
    prospect = make_prospect(db, a)
    db.commit()
    made = create(client, a, title="Relancer", due_on="2027-03-15", link_kind="prospect",
                  link_id=prospect.id, reminder_at="2027-03-15T07:00:00Z")  # fmt: skip
    url = f"{TASKS}/{made['id']}"
    auth = bearer(a)

    done = client.patch(url, json={"version": made["version"], "done": True}, headers=auth)
    assert done.status_code == 200, done.text
    assert done.json()["done"] is True
    assert done.json()["done_at"] is not None
    # Ticking again keeps the time it was done.
    again = client.patch(url, json={"version": done.json()["version"], "done": True}, headers=auth)
    assert again.json()["done_at"] == done.json()["done_at"]
    undone = client.patch(url, json={"version": again.json()["version"], "done": False},
                          headers=auth).json()  # fmt: skip
    assert (undone["done"], undone["done_at"]) == (False, None)

    moved = client.patch(url, headers=auth, json={"version": undone["version"],
                         "due_at": "2027-03-20T14:00:00+01:00", "title": "Rappeler"}).json()  # fmt: skip
    assert (moved["due_on"], moved["title"]) == ("2027-03-20", "Rappeler")
    assert moved["due_at"].startswith("2027-03-20T13:00:00")
    back = client.patch(url, json={"version": moved["version"], "due_on": "2027-03-21"},
                        headers=auth).json()  # fmt: skip
    assert (back["due_on"], back["due_at"]) == ("2027-03-21", None)

    cleared = client.patch(url, headers=auth, json={"version": back["version"],
                           "reminder_at": None, "link_kind": None, "link_id": None}).json()  # fmt: skip
    assert cleared["reminder_at"] is None
    assert cleared["link"] is None
    assert client.get(url, headers=auth).json() == cleared


@pytest.mark.parametrize(
    ("patch", "field"),
    [
        ({"title": None}, "title"),
        ({"due_on": None}, "due_on"),
        ({"due_at": None}, "due_at"),
        ({"done": None}, "done"),
        ({"due_on": "2027-03-20", "due_at": "2027-03-20T09:00:00Z"}, "due_on"),
        ({"reminder_at": "2027-03-16T09:00:00Z"}, "reminder_at"),
        ({"due_at": "2027-03-14T06:00:00Z"}, "reminder_at"),  # the reminder would come after
        ({"link_kind": None}, "link_kind"),
        ({"link_id": 2_000_000_000}, "link_id"),
    ],
)
def test_patch_keeps_the_rules(
    client: TestClient, db: Session, people: dict[str, User], patch: dict[str, Any], field: str
) -> None:
    a = people["a"]
    prospect = make_prospect(db, a)
    db.commit()
    made = create(client, a, title="Relancer", due_on="2027-03-15", link_kind="prospect",
                  link_id=prospect.id, reminder_at="2027-03-14T07:00:00Z")  # fmt: skip
    url = f"{TASKS}/{made['id']}"
    refused(client.patch(url, json={"version": made["version"], **patch}, headers=bearer(a)), field)
    assert client.get(url, headers=bearer(a)).json() == made  # nothing half-written


def test_a_stale_version_is_a_conflict(client: TestClient, people: dict[str, User]) -> None:
    a = people["a"]
    made = create(client, a, title="Relancer", due_on="2027-03-15")
    url = f"{TASKS}/{made['id']}"
    assert (
        client.patch(url, json={"version": 1, "title": "Un"}, headers=bearer(a)).status_code == 200
    )
    stale = client.patch(url, json={"version": 1, "title": "Deux"}, headers=bearer(a))
    assert stale.status_code == 409
    assert stale.json()["current_version"] == 2


# ----------------------------------------------------------------- the list


def test_the_list_filters_and_sorts(
    client: TestClient, db: Session, people: dict[str, User]
) -> None:
    a = people["a"]
    prospect = make_prospect(db, a)
    db.commit()
    late = create(client, a, title="C tard", due_at="2027-03-15T16:00:00Z")
    early = create(client, a, title="B tôt", due_at="2027-03-15T08:00:00Z")
    all_day = create(client, a, title="A journée", due_on="2027-03-15")
    before = create(client, a, title="D veille", due_on="2027-03-14", link_kind="prospect",
                    link_id=prospect.id)  # fmt: skip
    after = create(client, a, title="E lendemain", due_on="2027-03-16")
    client.patch(f"{TASKS}/{after['id']}", json={"version": 1, "done": True}, headers=bearer(a))
    create(client, people["b"], title="Pas à a", due_on="2027-03-15")

    def ids(**params: Any) -> list[int]:
        response = client.get(TASKS, params=params, headers=bearer(a))
        assert response.status_code == 200, response.text
        body = response.json()
        assert body["total"] == len(body["items"]) or "limit" in params
        return [t["id"] for t in body["items"]]

    # By due: the day first, then on one day the all-day tasks, then by time.
    assert ids() == [before["id"], all_day["id"], early["id"], late["id"], after["id"]]
    assert ids(sort="-due")[0] == after["id"]
    assert ids(sort="title") == [all_day["id"], early["id"], late["id"], before["id"], after["id"]]
    assert ids(done="true") == [after["id"]]
    assert after["id"] not in ids(done="false")
    assert ids(due_from="2027-03-15", due_to="2027-03-15") == [
        all_day["id"],
        early["id"],
        late["id"],
    ]
    assert ids(link_kind="prospect", link_id=prospect.id) == [before["id"]]
    page = client.get(TASKS, params={"limit": 2, "offset": 1}, headers=bearer(a)).json()
    assert page["total"] == 5
    assert [t["id"] for t in page["items"]] == [all_day["id"], early["id"]]
    refused(client.get(TASKS, params={"sort": "owner"}, headers=bearer(a)), "sort")


# ----------------------------------------------------------------- whose tasks


def test_tasks_are_their_owners_and_their_trainers_read_them(
    client: TestClient, people: dict[str, User]
) -> None:
    a, b, trainer = people["a"], people["b"], people["trainer"]
    made = create(client, a, title="Relancer", due_on="2027-03-15")
    url = f"{TASKS}/{made['id']}"
    # A fellow trainee sees nothing of it.
    assert client.get(url, headers=bearer(b)).status_code == 404
    assert (
        client.patch(url, json={"version": 1, "done": True}, headers=bearer(b)).status_code == 404
    )
    assert client.delete(url, headers=bearer(b)).status_code == 404
    assert client.get(TASKS, headers=bearer(b)).json()["items"] == []
    # The trainer reads it (the list, one trainee at a time) but cannot change it.
    assert client.get(url, headers=bearer(trainer)).status_code == 200
    listed = client.get(TASKS, params={"owner_id": a.id}, headers=bearer(trainer)).json()
    assert [t["id"] for t in listed["items"]] == [made["id"]]
    assert (
        client.patch(url, json={"version": 1, "done": True}, headers=bearer(trainer)).status_code
        == 403
    )
    assert client.delete(url, headers=bearer(trainer)).status_code == 403
    refused(client.get(TASKS, params={"owner_id": a.id}, headers=bearer(b)), "owner_id")
    # The owner deletes it: then it is gone.
    assert client.delete(url, headers=bearer(a)).status_code == 204
    assert client.get(url, headers=bearer(a)).status_code == 404


# ----------------------------------------------------------------- evidence


def test_evidence_once_per_task_created_never_for_edits_ticks_or_deletions(
    client: TestClient, db: Session, people: dict[str, User]
) -> None:
    a = people["a"]
    first = create(client, a, title="Relancer", due_on="2027-03-15")
    second = create(client, a, title="Préparer", due_at="2027-03-15T09:00:00Z")
    assert [(action, rid) for action, rid, _ in journal(db, a)] == [
        ("create_task", str(first["id"])),
        ("create_task", str(second["id"])),
    ]
    assert all({"CP2", "CP2.3", "CT3"} <= codes for _, _, codes in journal(db, a))
    url = f"{TASKS}/{first['id']}"
    version = first["version"]
    for patch in ({"title": "Relancer Alpha"}, {"done": True}, {"done": False},
                  {"due_on": "2027-03-18"}, {"reminder_at": "2027-03-17T08:00:00Z"}):  # fmt: skip
        answer = client.patch(url, json={"version": version, **patch}, headers=bearer(a))
        assert answer.status_code == 200, answer.text
        version = answer.json()["version"]
    assert client.delete(url, headers=bearer(a)).status_code == 204
    # A refused creation records nothing either.
    client.post(TASKS, json={"title": "Sans échéance"}, headers=bearer(a))
    assert len(journal(db, a)) == 2
    # Staff's own tasks are no trainee's evidence.
    create(client, people["trainer"], title="Corriger les copies", due_on="2027-03-15")
    assert journal(db, people["trainer"]) == []


def test_a_campaign_task_for_the_record(
    client: TestClient, db: Session, people: dict[str, User]
) -> None:
    """A link survives its record's deletion as a dangling link (no foreign key): the task
    stays, the link names the record that was."""
    a = people["a"]
    campaign = Campaign(owner_id=a.id, name="Relance", channel=Channel.PHONE, saved_filter={},
                        message_template="")  # fmt: skip
    db.add(campaign)
    db.commit()
    made = create(client, a, title="Bilan", due_on="2027-03-15", link_kind="campaign",
                  link_id=campaign.id)  # fmt: skip
    assert client.delete(f"/api/v1/campaigns/{campaign.id}", headers=bearer(a)).status_code == 204
    kept = client.get(f"{TASKS}/{made['id']}", headers=bearer(a)).json()
    assert kept["link"]["id"] == campaign.id
