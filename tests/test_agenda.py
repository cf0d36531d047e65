"""The agenda (app/agenda/README.md): every provider's items on crafted records, double
bookings, the period's bounds, who reads whose agenda, and the calendar feed parsed back
with the ``icalendar`` library (its content, revocation, bad tokens, the evidence)."""

from __future__ import annotations

import logging
import random
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from fastapi.testclient import TestClient
from icalendar import Calendar
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.agenda import feeds, registry, service
from app.agenda.conflicts import flag_double_bookings
from app.agenda.feeds import token_hash
from app.agenda.registry import AgendaItem
from app.common.clock import utcnow
from app.models import (
    Appointment,
    AppointmentStatus,
    CalendarFeed,
    EvidenceLink,
    EvidenceRecord,
    Role,
    Task,
    TaskLinkKind,
    Tour,
    TourDay,
    TransportMode,
    User,
)
from tests.factories import bearer, make_cohort, make_org, make_prospect, make_user

PARIS = ZoneInfo("Europe/Paris")
DAY = date(2027, 3, 15)  # a Monday, in winter time (UTC+1)


def at(day: date, hour: int, minute: int = 0) -> datetime:
    """A local (Paris) wall-clock time as an aware UTC datetime."""
    return datetime.combine(day, time(hour, minute), PARIS).astimezone(UTC)


@dataclass
class World:
    trainer: User
    admin: User
    a: User
    b: User  # same cohort as a
    c: User  # a cohort the trainer does not lead


@pytest.fixture
def world(db: Session) -> World:
    org = make_org(db)
    trainer = make_user(db, org, Role.TRAINER)
    led = make_cohort(db, org, trainers=[trainer])
    other = make_cohort(db, org)
    w = World(
        trainer=trainer,
        admin=make_user(db, org, Role.ADMIN),
        a=make_user(db, org, cohort=led),
        b=make_user(db, org, cohort=led),
        c=make_user(db, org, cohort=other),
    )
    db.commit()
    return w


def appointment(db: Session, owner: User, starts_at: datetime, minutes: int = 60, *,
                status: AppointmentStatus = AppointmentStatus.PLANNED, name: str = "Alpha",
                place: str | None = None) -> Appointment:  # fmt: skip
    prospect = make_prospect(db, owner, name=name)
    found = Appointment(owner_id=owner.id, prospect_id=prospect.id, starts_at=starts_at,
                        duration_minutes=minutes, status=status, notes="", place=place)  # fmt: skip
    db.add(found)
    db.flush()
    return found


def tour(db: Session, owner: User, days: list[date], name: str = "Est lyonnais") -> Tour:
    saved = Tour(owner_id=owner.id, name=name, mode=TransportMode.CAR, first_day=min(days),
                 days_count=len(days), request={}, plan={}, matrix_source="haversine",
                 total_km=Decimal("80"), baseline_km=Decimal("95"), co2_total_kg=Decimal("11.4"),
                 visits_planned=5, visits_unassigned=0)  # fmt: skip
    db.add(saved)
    db.flush()
    for index, day in enumerate(days):
        db.add(TourDay(tour_id=saved.id, day_index=index, day=day, planned_km=Decimal("40.3"),
                       visits=3, actual_km=Decimal("42") if index == 0 else None))  # fmt: skip
    db.flush()
    return saved


def task(db: Session, owner: User, title: str, *, due_on: date, due_at: datetime | None = None,
         reminder_at: datetime | None = None, done: bool = False) -> Task:  # fmt: skip
    made = Task(owner_id=owner.id, organisation_id=owner.organisation_id, title=title, notes="",
                due_on=due_on, due_at=due_at, reminder_at=reminder_at,
                done_at=utcnow() if done else None)  # fmt: skip
    db.add(made)
    db.flush()
    return made


def agenda(client: TestClient, user: User, **params: Any) -> Any:
    response = client.get("/api/v1/agenda", params=params, headers=bearer(user))
    assert response.status_code == 200, response.text
    return response.json()


def by_ref(body: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {item["ref"]: item for item in body["items"]}


# ----------------------------------------------------------------- providers


def test_every_provider_gives_its_items_sorted_by_start(
    client: TestClient, db: Session, world: World
) -> None:
    a = world.a
    meeting = appointment(db, a, at(DAY, 9), 90, name="Boulangerie Martin", place="Lyon 3e")
    held = appointment(db, a, at(DAY + timedelta(days=1), 14), status=AppointmentStatus.DONE)
    cancelled = appointment(db, a, at(DAY, 16), status=AppointmentStatus.CANCELLED)
    prospect = make_prospect(db, a, name="Garage Durand", city="Vienne", next_contact_on=DAY)
    saved = tour(db, a, [DAY + timedelta(days=2), DAY + timedelta(days=3)])
    call = task(db, a, "Appeler le comptable", due_on=DAY, due_at=at(DAY, 11))
    prepare = task(db, a, "Préparer la visite", due_on=DAY + timedelta(days=1))
    # Outside the period, or somebody else's: not shown.
    appointment(db, a, at(DAY + timedelta(days=7), 9))
    make_prospect(db, a, name="Plus tard", next_contact_on=DAY + timedelta(days=7))
    appointment(db, world.b, at(DAY, 9))
    task(db, world.b, "Pas à moi", due_on=DAY)
    db.commit()

    body = agenda(
        client, a, **{"from": DAY.isoformat(), "to": (DAY + timedelta(days=6)).isoformat()}
    )
    assert body["owner_id"] == a.id
    assert (body["first_day"], body["last_day"]) == (DAY.isoformat(), "2027-03-21")
    assert body["timezone"] == "Europe/Paris"
    items = by_ref(body)
    assert set(items) == {
        f"appointment:{meeting.id}", f"appointment:{held.id}", f"appointment:{cancelled.id}",
        f"next_contact:{prospect.id}", f"tour_day:{saved.id}:0", f"tour_day:{saved.id}:1",
        f"task:{call.id}", f"task:{prepare.id}",
    }  # fmt: skip
    starts = [item["start"] for item in body["items"]]
    assert starts == sorted(starts, key=lambda s: datetime.fromisoformat(s))

    rdv = items[f"appointment:{meeting.id}"]
    assert rdv["kind"] == "appointment"
    assert rdv["title"] == "RDV Boulangerie Martin"
    assert datetime.fromisoformat(rdv["start"]) == at(DAY, 9)
    assert datetime.fromisoformat(rdv["end"]) == at(DAY, 10, 30)
    assert rdv["all_day"] is False
    assert rdv["books"] is True
    assert rdv["place"] == "Lyon 3e"
    assert rdv["details"]["status"] == "planned"
    assert rdv["link"] == {"kind": "appointment", "id": meeting.id,
                           "href": f"/agenda?rendez-vous={meeting.id}"}  # fmt: skip
    assert items[f"appointment:{held.id}"]["books"] is True
    assert items[f"appointment:{cancelled.id}"]["books"] is False

    contact = items[f"next_contact:{prospect.id}"]
    assert contact["all_day"] is True
    assert contact["day"] == DAY.isoformat()
    assert contact["title"] == "Recontacter Garage Durand"
    assert contact["books"] is False
    assert contact["link"]["href"] == f"/prospects/{prospect.id}"
    # An all-day item starts at the local midnight of its day (23:00 UTC the day before).
    assert datetime.fromisoformat(contact["start"]) == at(DAY, 0)

    day = items[f"tour_day:{saved.id}:0"]
    assert day["all_day"] is True
    assert day["day"] == (DAY + timedelta(days=2)).isoformat()
    assert day["details"]["visits"] == 3
    assert day["details"]["planned_km"] == 40.3
    assert day["details"]["actual_km"] == 42.0
    assert day["title"] == "Tournée Est lyonnais (jour 1/2)"
    assert day["link"]["href"] == f"/tournees/{saved.id}"
    assert items[f"tour_day:{saved.id}:1"]["details"]["actual_km"] is None

    timed = items[f"task:{call.id}"]
    assert timed["all_day"] is False
    assert timed["start"] == timed["end"]
    assert timed["books"] is False
    all_day = items[f"task:{prepare.id}"]
    assert all_day["all_day"] is True
    assert all_day["day"] == (DAY + timedelta(days=1)).isoformat()
    # On one day the all-day items come first.
    first_day = [
        i["ref"] for i in body["items"] if i["start"].startswith(("2027-03-14T23", "2027-03-15"))
    ]
    assert first_day[0] == f"next_contact:{prospect.id}"
    assert body["conflicts"] == 0


def test_an_appointment_running_into_the_period_is_in_it(
    client: TestClient, db: Session, world: World
) -> None:
    late = appointment(db, world.a, at(DAY - timedelta(days=1), 23, 30), 60)
    ended = appointment(db, world.a, at(DAY - timedelta(days=1), 22, 0), 60)
    db.commit()
    refs = by_ref(agenda(client, world.a, **{"from": DAY.isoformat(), "to": DAY.isoformat()}))
    assert f"appointment:{late.id}" in refs
    assert f"appointment:{ended.id}" not in refs


def test_anonymised_prospects_give_no_next_contact(
    client: TestClient, db: Session, world: World
) -> None:
    gone = make_prospect(db, world.a, name="Effacé", next_contact_on=DAY)
    gone.anonymised_at = utcnow()
    db.commit()
    body = agenda(client, world.a, **{"from": DAY.isoformat(), "to": DAY.isoformat()})
    assert body["items"] == []


# ----------------------------------------------------------------- double bookings


def test_overlapping_bookings_are_flagged_with_each_other(
    client: TestClient, db: Session, world: World
) -> None:
    a = world.a
    first = appointment(db, a, at(DAY, 9), 60)
    second = appointment(db, a, at(DAY, 9, 30), 60)
    third = appointment(db, a, at(DAY, 9, 45), 10)
    after = appointment(db, a, at(DAY, 10, 30), 30)  # starts when `second` ends: no conflict
    cancelled = appointment(db, a, at(DAY, 9), 60, status=AppointmentStatus.CANCELLED)
    due = task(db, a, "Envoyer le devis", due_on=DAY, due_at=at(DAY, 9, 15))
    morning = tour(db, a, [DAY], name="Matin")
    evening = tour(db, a, [DAY], name="Soir")
    alone = tour(db, a, [DAY + timedelta(days=1)], name="Seule")
    appointment(db, world.b, at(DAY, 9), 60)  # another trainee's: never a conflict of a's
    db.commit()

    body = agenda(
        client, a, **{"from": DAY.isoformat(), "to": (DAY + timedelta(days=1)).isoformat()}
    )
    items = by_ref(body)
    ref = lambda kind, record: f"{kind}:{record.id}"  # noqa: E731
    assert set(items[ref("appointment", first)]["conflicts"]) == {
        ref("appointment", second),
        ref("appointment", third),
    }
    assert set(items[ref("appointment", second)]["conflicts"]) == {
        ref("appointment", first),
        ref("appointment", third),
    }
    assert set(items[ref("appointment", third)]["conflicts"]) == {
        ref("appointment", first),
        ref("appointment", second),
    }
    for record in (first, second, third):
        assert items[ref("appointment", record)]["conflict"] is True
    for quiet in (ref("appointment", after), ref("appointment", cancelled), ref("task", due),
                  f"tour_day:{alone.id}:0"):  # fmt: skip
        assert items[quiet]["conflict"] is False, quiet
        assert items[quiet]["conflicts"] == [], quiet
    # Two tours the same day; the appointments they visit are not conflicts with them.
    assert items[f"tour_day:{morning.id}:0"]["conflicts"] == [f"tour_day:{evening.id}:0"]
    assert items[f"tour_day:{evening.id}:0"]["conflicts"] == [f"tour_day:{morning.id}:0"]
    assert body["conflicts"] == 5


def _item(ref: str, start: int, end: int, *, owner: int = 1, all_day: bool = False) -> AgendaItem:
    base = datetime(2027, 1, 1, tzinfo=UTC)
    return AgendaItem(ref=ref, kind="x", title=ref, owner_id=owner, all_day=all_day, books=True,
                      start=base + timedelta(minutes=start), end=base + timedelta(minutes=end),
                      details={}, conflict=False, conflicts=())  # fmt: skip


@pytest.mark.parametrize("ordered", [False, True], ids=["any order", "sorted first"])
def test_the_sweep_finds_the_pairs_that_every_comparison_finds(ordered: bool) -> None:
    rng = random.Random(15)
    items = []
    for n in range(400):
        start = rng.randrange(0, 60 * 24 * 20, 15)
        items.append(_item(f"i{n}", start, start + rng.choice([15, 30, 60, 90, 240]),
                           owner=rng.choice([1, 2]), all_day=rng.random() < 0.1))  # fmt: skip
    expected: dict[str, set[str]] = {i.ref: set() for i in items}
    for x in items:
        for y in items:
            same = x is not y and (x.owner_id, x.all_day) == (y.owner_id, y.all_day)
            if same and x.start < y.end and y.start < x.end:
                expected[x.ref].add(y.ref)
    if ordered:  # as the agenda does: sorted by (start, end, ref), then flagged
        items.sort(key=service.sort_key)
    flagged = flag_double_bookings(items, ordered=ordered)
    assert {i.ref: set(i.conflicts) for i in items} == expected
    assert flagged == sum(1 for refs in expected.values() if refs)
    assert any(expected.values())
    assert not all(expected.values())


def test_an_item_names_at_most_twenty_of_its_double_bookings() -> None:
    long = _item("long", 0, 10_000)
    shorts = [_item(f"s{n}", n * 100, n * 100 + 50) for n in range(30)]
    flag_double_bookings([long, *shorts])
    assert long.conflict is True
    assert len(long.conflicts) == registry.MAX_CONFLICT_REFS
    assert all(s.conflicts == ("long",) for s in shorts)


# ----------------------------------------------------------------- the period


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"from": "2027-03-15", "to": "2027-03-14"}, "to"),  # ends before it starts
        ({"from": "2027-01-01", "to": "2027-04-03"}, "to"),  # 93 days
        ({"from": "9999-12-31"}, "from"),
        ({"from": "2027-01-01", "to": "1800-01-01"}, "to"),
        ({"from": "demain"}, "from"),
        ({"trainee_id": 0}, "trainee_id"),
        ({"trainee_id": 2**31}, "trainee_id"),
    ],
)
def test_the_period_is_bounded(
    client: TestClient, world: World, params: dict[str, Any], field: str
) -> None:
    response = client.get("/api/v1/agenda", params=params, headers=bearer(world.a))
    assert response.status_code == 422, response.text
    assert response.headers["content-type"] == "application/problem+json"
    assert [e["field"] for e in response.json()["errors"]] == [field]


def test_a_quarter_is_the_longest_period_and_a_week_the_default(
    client: TestClient, world: World
) -> None:
    body = agenda(client, world.a, **{"from": "2027-01-01", "to": "2027-04-02"})  # 92 days
    assert body["last_day"] == "2027-04-02"
    body = agenda(client, world.a, **{"from": "2027-01-01"})
    assert body["last_day"] == "2027-01-07"
    body = agenda(client, world.a)
    today = utcnow().astimezone(PARIS).date()
    assert (body["first_day"], body["last_day"]) == (
        today.isoformat(),
        (today + timedelta(days=6)).isoformat(),
    )


# ----------------------------------------------------------------- whose agenda


def test_who_reads_whose_agenda(client: TestClient, db: Session, world: World) -> None:
    mine = appointment(db, world.a, at(DAY, 9))
    theirs = appointment(db, world.b, at(DAY, 10))
    outside = appointment(db, world.c, at(DAY, 11))
    db.commit()
    period = {"from": DAY.isoformat(), "to": DAY.isoformat()}
    # A trainee reads their own agenda, with or without naming themselves.
    assert set(by_ref(agenda(client, world.a, **period))) == {f"appointment:{mine.id}"}
    assert set(by_ref(agenda(client, world.a, trainee_id=world.a.id, **period))) == {
        f"appointment:{mine.id}"
    }
    # Never a fellow trainee's, nor somebody outside their reach.
    for caller, other in ((world.a, world.b), (world.a, world.trainer), (world.trainer, world.c)):
        response = client.get("/api/v1/agenda", params={**period, "trainee_id": other.id},
                              headers=bearer(caller))  # fmt: skip
        assert response.status_code == 422, response.text
        [error] = response.json()["errors"]
        assert (error["field"], error["location"]) == ("trainee_id", "query")
    # The trainer reads the trainees they follow, one at a time; the admin anyone's.
    body = agenda(client, world.trainer, trainee_id=world.b.id, **period)
    assert body["owner_id"] == world.b.id
    assert set(by_ref(body)) == {f"appointment:{theirs.id}"}
    assert set(by_ref(agenda(client, world.admin, trainee_id=world.c.id, **period))) == {
        f"appointment:{outside.id}"
    }
    # Without trainee_id, a trainer's own agenda (empty).
    assert agenda(client, world.trainer, **period)["items"] == []


def test_the_agenda_needs_a_login(client: TestClient) -> None:
    response = client.get("/api/v1/agenda")
    assert response.status_code == 401


# ----------------------------------------------------------------- the calendar feed


def _subscribe(client: TestClient, user: User, label: str | None = None) -> dict[str, Any]:
    body = {"label": label} if label else {}
    response = client.post("/api/v1/calendar-feeds", json=body, headers=bearer(user))
    assert response.status_code == 201, response.text
    return response.json()


def _fetch(client: TestClient, url: str) -> Any:
    return client.get(url.removeprefix("http://testserver"))


def test_the_feed_is_rfc_5545_and_holds_the_agenda(
    client: TestClient, db: Session, world: World
) -> None:
    a = world.a
    today = utcnow().astimezone(PARIS).date()
    soon = today + timedelta(days=3)
    meeting = appointment(db, a, at(soon, 9), 90, name="Boulangerie Martin", place="Lyon 3e")
    clash = appointment(db, a, at(soon, 10), 30, name="Fleuriste")
    cancelled = appointment(db, a, at(soon, 15), status=AppointmentStatus.CANCELLED)
    prospect = make_prospect(
        db, a, name="Garage Durand", next_contact_on=today + timedelta(days=10)
    )
    saved = tour(db, a, [today + timedelta(days=20), today + timedelta(days=21)])
    call = task(db, a, "Appeler le comptable", due_on=soon, due_at=at(soon, 17),
                reminder_at=at(soon, 16, 45))  # fmt: skip
    done = task(db, a, "Envoyer la plaquette", due_on=today - timedelta(days=2), done=True)
    # Outside the window (30 days back, 180 ahead) or somebody else's.
    appointment(db, a, at(today - timedelta(days=31), 9))
    task(db, a, "Trop loin", due_on=today + timedelta(days=181))
    appointment(db, world.b, at(soon, 9))
    db.commit()

    created = _subscribe(client, a, "Téléphone")
    assert created["label"] == "Téléphone"
    assert created["active"] is True
    assert created["url"].startswith("http://testserver/api/v1/calendar/")
    assert created["url"].endswith(".ics")
    assert created["webcal_url"] == "webcal://" + created["url"].removeprefix("http://")
    response = _fetch(client, created["url"])
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "text/calendar; charset=utf-8"
    assert response.headers["cache-control"] == "private, no-store"
    assert response.headers["x-content-type-options"] == "nosniff"

    calendar = Calendar.from_ical(response.content)
    assert str(calendar["VERSION"]) == "2.0"
    assert str(calendar["PRODID"]) == "-//CapVente//Agenda//FR"
    assert str(calendar["X-WR-CALNAME"]) == "CapVente — Téléphone"
    events = {str(e["UID"]): e for e in calendar.walk("VEVENT")}
    assert set(events) == {
        f"appointment-{meeting.id}@capvente", f"appointment-{clash.id}@capvente",
        f"appointment-{cancelled.id}@capvente", f"next_contact-{prospect.id}@capvente",
        f"tour_day-{saved.id}-0@capvente", f"tour_day-{saved.id}-1@capvente",
        f"task-{call.id}@capvente", f"task-{done.id}@capvente",
    }  # fmt: skip
    for event in events.values():
        assert event.get("DTSTAMP") is not None

    rdv = events[f"appointment-{meeting.id}@capvente"]
    assert str(rdv["SUMMARY"]) == "RDV Boulangerie Martin"
    assert rdv.decoded("DTSTART") == at(soon, 9)
    assert rdv.decoded("DTSTART").utcoffset() == timedelta(0)  # written in UTC
    assert rdv.decoded("DTEND") == at(soon, 10, 30)
    assert str(rdv["LOCATION"]) == "Lyon 3e"
    assert str(rdv["TRANSP"]) == "OPAQUE"
    assert "Double réservation avec : RDV Fleuriste." in str(rdv["DESCRIPTION"])
    assert str(events[f"appointment-{cancelled.id}@capvente"]["STATUS"]) == "CANCELLED"

    contact = events[f"next_contact-{prospect.id}@capvente"]
    assert str(contact["SUMMARY"]) == "Recontacter Garage Durand"
    start, end = contact.decoded("DTSTART"), contact.decoded("DTEND")
    assert type(start) is date
    assert start == today + timedelta(days=10)
    assert end == start + timedelta(days=1)
    assert str(contact["TRANSP"]) == "TRANSPARENT"
    assert str(events[f"tour_day-{saved.id}-1@capvente"]["SUMMARY"]) == (
        "Tournée Est lyonnais (jour 2/2)"
    )

    reminder = events[f"task-{call.id}@capvente"]
    assert reminder.decoded("DTSTART") == at(soon, 17)
    assert "DTEND" not in reminder
    [alarm] = reminder.walk("VALARM")
    assert alarm.decoded("TRIGGER") == at(soon, 16, 45)
    assert str(events[f"task-{done.id}@capvente"]["SUMMARY"]) == "✓ Envoyer la plaquette"

    # UIDs are stable: a second fetch describes the same events.
    again = Calendar.from_ical(_fetch(client, created["url"]).content)
    assert {str(e["UID"]) for e in again.walk("VEVENT")} == set(events)
    feed = db.scalar(select(CalendarFeed).where(CalendarFeed.owner_id == a.id))
    db.refresh(feed)
    assert feed is not None
    assert feed.last_fetched_at is not None


def test_only_the_hash_is_kept_and_the_list_shows_no_secret(
    client: TestClient, db: Session, world: World
) -> None:
    created = _subscribe(client, world.a)
    token = created["url"].rsplit("/", 1)[1].removesuffix(".ics")
    assert len(token) == 43  # secrets.token_urlsafe(32)
    stored = db.get(CalendarFeed, created["id"])
    assert stored is not None
    assert stored.token_hash == token_hash(token) != token
    listed = client.get("/api/v1/calendar-feeds", headers=bearer(world.a)).json()
    assert listed["total"] == 1
    [row] = listed["items"]
    assert token not in str(row)
    assert "url" not in row
    assert row["label"] == "Mon agenda CapVente"


def test_a_revoked_feed_answers_404(client: TestClient, world: World) -> None:
    created = _subscribe(client, world.a)
    assert _fetch(client, created["url"]).status_code == 200
    revoked = client.delete(f"/api/v1/calendar-feeds/{created['id']}", headers=bearer(world.a))
    assert revoked.status_code == 204
    gone = _fetch(client, created["url"])
    assert gone.status_code == 404
    assert gone.headers["content-type"] == "application/problem+json"
    # Revoking again changes nothing; the list shows it revoked.
    again = client.delete(f"/api/v1/calendar-feeds/{created['id']}", headers=bearer(world.a))
    assert again.status_code == 204
    [row] = client.get("/api/v1/calendar-feeds", headers=bearer(world.a)).json()["items"]
    assert row["active"] is False
    assert row["revoked_at"] is not None


@pytest.mark.parametrize(
    "token",
    ["x" * 10_000, "A" * 43, "short", "a.b" * 15, "%C3%A9" * 10, "A" * 65, "..%2F..%2Fetc"],
)
def test_an_unknown_or_malformed_token_answers_404(client: TestClient, token: str) -> None:
    response = client.get(f"/api/v1/calendar/{token}.ics")
    assert response.status_code == 404, response.text[:300]
    assert response.headers["content-type"] == "application/problem+json"


def test_feeds_are_their_owners_only(client: TestClient, world: World) -> None:
    created = _subscribe(client, world.a)
    for other in (world.b, world.trainer, world.admin):
        listed = client.get("/api/v1/calendar-feeds", headers=bearer(other)).json()
        assert listed["items"] == []
        refused = client.delete(f"/api/v1/calendar-feeds/{created['id']}", headers=bearer(other))
        assert refused.status_code == 404
    assert _fetch(client, created["url"]).status_code == 200


def test_at_most_ten_live_feeds(client: TestClient, world: World) -> None:
    made = [_subscribe(client, world.a) for _ in range(10)]
    refused = client.post("/api/v1/calendar-feeds", json={}, headers=bearer(world.a))
    assert refused.status_code == 409
    assert refused.headers["content-type"] == "application/problem+json"
    client.delete(f"/api/v1/calendar-feeds/{made[0]['id']}", headers=bearer(world.a))
    _subscribe(client, world.a)


def _evidence(db: Session, user: User) -> list[tuple[str, set[str]]]:
    db.expire_all()
    records = db.scalars(select(EvidenceRecord).where(EvidenceRecord.trainee_id == user.id)
                         .order_by(EvidenceRecord.id)).all()  # fmt: skip
    return [
        (r.action, set(db.scalars(select(EvidenceLink.code).where(EvidenceLink.evidence_id == r.id))))
        for r in records
    ]  # fmt: skip


def test_subscribing_is_evidence_once_per_trainee(
    client: TestClient, db: Session, world: World
) -> None:
    first = _subscribe(client, world.a)
    _subscribe(client, world.a)
    client.delete(f"/api/v1/calendar-feeds/{first['id']}", headers=bearer(world.a))
    _fetch(client, first["url"])
    agenda(client, world.a)
    journal = _evidence(db, world.a)
    assert [action for action, _ in journal] == ["create_calendar_feed"]
    assert {"CP2", "CP2.3", "CT4"} <= journal[0][1]
    # Reading the feed or the agenda records nothing, for anybody.
    _subscribe(client, world.trainer)
    count = db.scalar(select(func.count()).select_from(EvidenceRecord)
                      .where(EvidenceRecord.trainee_id == world.trainer.id))  # fmt: skip
    assert count == 0


def test_a_task_linked_to_a_record_links_it_in_the_agenda(
    client: TestClient, db: Session, world: World
) -> None:
    prospect = make_prospect(db, world.a, name="Lien")
    made = task(db, world.a, "Relancer", due_on=DAY)
    made.link_kind, made.link_id = TaskLinkKind.PROSPECT, prospect.id
    db.commit()
    item = by_ref(agenda(client, world.a, **{"from": DAY.isoformat()}))[f"task:{made.id}"]
    assert item["link"] == {
        "kind": "prospect",
        "id": prospect.id,
        "href": f"/prospects/{prospect.id}",
    }
    assert item["details"]["done"] is False


def test_every_domain_registered_its_provider() -> None:
    assert set(registry.providers()) >= {
        "appointment",
        "next_contact",
        "tour_day",
        "task",
        "plan_action",
    }
    assert set(registry.link_kinds()) == set(TaskLinkKind)


def test_a_feed_fetched_again_soon_is_served_as_written(
    client: TestClient, db: Session, world: World
) -> None:
    created = _subscribe(client, world.a)
    first = _fetch(client, created["url"]).content
    soon = utcnow().astimezone(PARIS).date() + timedelta(days=1)
    added = appointment(db, world.a, at(soon, 9))
    db.commit()
    # Within CACHE_SECONDS the same document (one index look-up, no providers' queries)...
    assert _fetch(client, created["url"]).content == first
    # ...and once it expires, the agenda as it is.
    feeds._CACHE.clear()
    fresh = Calendar.from_ical(_fetch(client, created["url"]).content)
    assert f"appointment-{added.id}@capvente" in {str(e["UID"]) for e in fresh.walk("VEVENT")}
    # Revoked, it answers 404 at once, cache or not.
    client.delete(f"/api/v1/calendar-feeds/{created['id']}", headers=bearer(world.a))
    assert _fetch(client, created["url"]).status_code == 404


def test_a_deactivated_accounts_feed_answers_404(
    client: TestClient, db: Session, world: World
) -> None:
    created = _subscribe(client, world.a)
    assert _fetch(client, created["url"]).status_code == 200
    world.a.is_active = False
    db.commit()
    assert _fetch(client, created["url"]).status_code == 404


def test_feed_tokens_stay_out_of_the_access_log() -> None:
    token = "Abc_def-0123456789abcdefghijklmnopqrstuvwxyz"
    record = logging.LogRecord(
        "uvicorn.access", logging.INFO, __file__, 1, '%s - "%s %s HTTP/%s" %d',
        ("127.0.0.1:5000", "GET", f"/api/v1/calendar/{token}.ics", "1.1", 200), None,
    )  # fmt: skip
    assert feeds.SecretPathFilter().filter(record)
    line = record.getMessage()
    assert token not in line
    assert "/api/v1/calendar/….ics" in line
    feeds.install_log_filter()
    feeds.install_log_filter()
    access = logging.getLogger("uvicorn.access").filters
    assert sum(isinstance(f, feeds.SecretPathFilter) for f in access) == 1
