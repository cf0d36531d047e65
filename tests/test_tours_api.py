"""Tour planning through the API: plan, save, read, list, delete; the base; bad input;
both matrix providers (the road one against a real HTTP server on 127.0.0.1)."""

from __future__ import annotations

import itertools
import math
import random
from collections.abc import Iterator
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

import gpxpy
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.config import Settings
from app.models import (
    Appointment,
    EvidenceRecord,
    Priority,
    Prospect,
    ProspectStatus,
    Tour,
    User,
)
from tests.factories import bearer, make_org, make_prospect, make_user
from tests.ors_server import FakeOrs

PARIS = ZoneInfo("Europe/Paris")
BASE = {"label": "Agence de Lyon", "latitude": 45.7640, "longitude": 4.8357}


@pytest.fixture
def ors(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeOrs]:
    monkeypatch.setenv("NO_PROXY", "127.0.0.1")
    server = FakeOrs().start()
    yield server
    server.stop()


def _world(db: Session, client: TestClient, n: int = 8) -> tuple[User, list[Prospect], list[int]]:
    trainee = make_user(db, make_org(db))
    assert client.put("/api/v1/tour-base", json=BASE, headers=bearer(trainee)).status_code == 200
    rnd = random.Random(4)
    prospects = [
        make_prospect(
            db,
            trainee,
            name=f"Client {i}",
            latitude=45.764 + rnd.uniform(-0.12, 0.12),
            longitude=4.836 + rnd.uniform(-0.15, 0.15),
        )
        for i in range(n)
    ]
    appointments = []
    for day, hour in ((1, 10), (2, 15)):
        appointment = Appointment(
            owner_id=trainee.id, prospect_id=prospects[day - 1].id,
            starts_at=datetime(2026, 12, day, hour, 0, tzinfo=PARIS).astimezone(UTC),
            duration_minutes=60,
        )  # fmt: skip
        db.add(appointment)
        db.flush()
        appointments.append(appointment.id)
    db.commit()
    return trainee, prospects, appointments


def _request(prospects: list[Prospect], appointments: list[int]) -> dict[str, Any]:
    return {
        "name": "Semaine test",
        "days": [{"date": "2026-12-01"}, {"date": "2026-12-02"}],
        "visits": [{"appointment_id": a} for a in appointments]
        + [{"prospect_id": p.id, "duration_minutes": 30, "priority": 3} for p in prospects[3:]],
        "lunch": {"start": "12:00", "end": "14:00", "duration_minutes": 45},
    }


def _check_plan(plan: dict[str, Any], request: dict[str, Any]) -> None:
    visits = len(request["visits"])
    seen = [s["visit_index"] for d in plan["days"] for s in d["stops"] if s["kind"] == "visit"]
    left = [u["visit_index"] for u in plan["unassigned"]]
    assert sorted(seen + left) == list(range(visits))
    for day in plan["days"]:
        kinds = [s["kind"] for s in day["stops"]]
        if "visit" in kinds:  # a default lunch unless the request says "lunch": null
            assert kinds.count("break") == (0 if request.get("lunch", {}) is None else 1)
        lunch = next((s for s in day["stops"] if s["kind"] == "break"), None)
        if lunch:
            start = datetime.fromisoformat(lunch["start"]).astimezone(PARIS)
            end = datetime.fromisoformat(lunch["departure"]).astimezone(PARIS)
            assert (start.hour, end - start) >= (12, end - end)
            assert end.hour < 14 or (end.hour == 14 and end.minute == 0)
        km = sum(s["leg_km"] for s in day["stops"]) + day["end_leg_km"]
        assert abs(km - day["totals"]["km"]) < 0.01
    total = sum(d["totals"]["km"] for d in plan["days"])
    assert abs(total - plan["totals"]["km"]) < 0.01
    assert abs(plan["totals"]["co2_kg"] - round(plan["totals"]["km"] * 0.142, 3)) < 0.002
    assert abs(plan["totals"]["co2_usage_kg"] - round(plan["totals"]["km"] * 0.1106, 3)) < 0.002
    saved = plan["baseline"]["km"] - plan["totals"]["km"]
    assert abs(plan["savings"]["km"] - saved) < 0.01


def test_plan_save_read_list_delete(client: TestClient, db: Session) -> None:
    trainee, prospects, appointments = _world(db, client)
    request = _request(prospects, appointments)
    planned = client.post("/api/v1/tours/plan", json=request, headers=bearer(trainee))
    assert planned.status_code == 200, planned.text
    plan = planned.json()
    _check_plan(plan, request)
    assert plan["matrix_source"] == "haversine"
    assert plan["warnings"] == []
    assert plan["id"] is None
    # Appointments start at their time, on their day.
    stops = {s["appointment_id"]: s for d in plan["days"] for s in d["stops"]
             if s.get("appointment_id")}  # fmt: skip
    first = datetime.fromisoformat(stops[appointments[0]]["start"]).astimezone(PARIS)
    assert (first.day, first.hour, first.minute) == (1, 10, 0)
    assert plan["days"][0]["start"]["label"] == "Agence de Lyon"
    # Planning alone is not evidence; saving is.
    evidence = (
        select(func.count())
        .select_from(EvidenceRecord)
        .where(EvidenceRecord.trainee_id == trainee.id)
    )
    before = db.scalar(evidence)
    saved = client.post("/api/v1/tours", json=request, headers=bearer(trainee))
    assert saved.status_code == 201, saved.text
    tour_id = saved.json()["id"]
    assert db.scalar(evidence) == (before or 0) + 1
    read = client.get(f"/api/v1/tours/{tour_id}", headers=bearer(trainee)).json()
    assert read["id"] == tour_id
    assert read["owner_id"] == saved.json()["owner_id"] == trainee.id
    assert plan["owner_id"] is None  # a plan is nobody's until it is saved
    assert read["totals"] == saved.json()["totals"]
    listed = client.get("/api/v1/tours", headers=bearer(trainee)).json()
    assert [t["id"] for t in listed["items"]] == [tour_id]
    assert listed["items"][0]["days_count"] == 2
    other = make_user(db, make_org(db))
    assert client.get(f"/api/v1/tours/{tour_id}", headers=bearer(other)).status_code == 404
    assert client.delete(f"/api/v1/tours/{tour_id}", headers=bearer(other)).status_code == 404
    assert client.delete(f"/api/v1/tours/{tour_id}", headers=bearer(trainee)).status_code == 204
    assert client.get(f"/api/v1/tours/{tour_id}", headers=bearer(trainee)).status_code == 404


def test_the_plan_beats_or_matches_the_trainees_order(client: TestClient, db: Session) -> None:
    trainee, prospects, _ = _world(db, client, n=12)
    # One day, no windows, visits listed in a zig-zag order.
    ordered = sorted(prospects, key=lambda p: p.longitude or 0)
    zigzag = ordered[::2] + ordered[1::2][::-1]
    request = {"days": [{"date": "2026-12-03"}], "lunch": None,
               "visits": [{"prospect_id": p.id, "duration_minutes": 20} for p in zigzag]}  # fmt: skip
    plan = client.post("/api/v1/tours/plan", json=request, headers=bearer(trainee)).json()
    assert plan["unassigned"] == []
    _check_plan(plan, request)
    assert plan["totals"]["km"] <= plan["baseline"]["km"]
    assert plan["savings"]["percent"] >= 0


def test_unreachable_windows_are_unassigned_with_their_reason(
    client: TestClient, db: Session
) -> None:
    trainee, prospects, _ = _world(db, client, n=3)
    request = {
        "days": [{"date": "2026-12-04"}],
        "visits": [
            {"prospect_id": prospects[0].id},
            {"prospect_id": prospects[1].id,
             "windows": [{"start": "2026-12-04T20:00:00+01:00",
                          "end": "2026-12-04T21:00:00+01:00"}]},
        ],
    }  # fmt: skip
    response = client.post("/api/v1/tours/plan", json=request, headers=bearer(trainee))
    assert response.status_code == 200, response.text
    unassigned = response.json()["unassigned"]
    assert [(u["visit_index"], u["reason"]) for u in unassigned] == [(1, "window_unreachable")]
    assert unassigned[0]["message"]


def test_bad_input_names_the_item(client: TestClient, db: Session, settings: Settings) -> None:
    trainee, prospects, _ = _world(db, client, n=2)
    bare = make_prospect(db, trainee, name="Sans GPS")
    db.commit()
    good_visit = {"prospect_id": prospects[0].id}
    day = {"date": "2026-12-07"}

    def refused(body: dict[str, Any], user: User = trainee) -> list[str]:
        response = client.post("/api/v1/tours/plan", json=body, headers=bearer(user))
        assert response.status_code == 422, response.text
        assert response.headers["content-type"].startswith("application/problem+json")
        return [e["field"] for e in response.json()["errors"]]

    assert "visits.0.latitude" in refused(
        {"days": [day], "visits": [{"latitude": 95, "longitude": 4.8}]})  # fmt: skip
    assert refused({"days": [{**day, "start_time": "18:00", "end_time": "09:00"}],
                    "visits": [good_visit]}) == ["days[0].end_time"]  # fmt: skip
    assert refused({"days": [day], "visits": [{**good_visit, "windows": [
        {"start": "2026-12-07T15:00:00+01:00", "end": "2026-12-07T14:00:00+01:00"}]}]}) == [
        "visits[0].windows[0].end"]  # fmt: skip
    assert refused({"days": [day], "visits": [{"prospect_id": 999_999}]}) == [
        "visits[0].prospect_id"]  # fmt: skip
    assert refused({"days": [day], "visits": [{"prospect_id": bare.id}]}) == [
        "visits[0].prospect_id"]  # fmt: skip
    assert refused({"days": [day], "visits": [{"prospect_id": prospects[0].id,
                                               "latitude": 45.0, "longitude": 4.0}]}) == [
        "visits[0]"]  # fmt: skip
    settings.tour_max_stops = 1
    assert refused({"days": [day], "visits": [good_visit, good_visit]}) == ["visits"]
    settings.tour_max_stops = 200
    newcomer = make_user(db, make_org(db))  # no base
    assert refused({"days": [day], "visits": [{"latitude": 45.7, "longitude": 4.8}]},
                   newcomer) == ["days[0].start"]  # fmt: skip
    assert "lunch.end" in refused(
        {"days": [day], "visits": [good_visit], "lunch": {"start": "14:00", "end": "12:00"}})  # fmt: skip


def test_the_road_provider_is_used_and_its_failure_falls_back(
    client: TestClient, db: Session, settings: Settings, ors: FakeOrs
) -> None:
    trainee, prospects, _ = _world(db, client, n=4)
    settings.ors_base_url = ors.url
    request = {"days": [{"date": "2026-12-08"}],
               "visits": [{"prospect_id": p.id} for p in prospects]}  # fmt: skip
    plan = client.post("/api/v1/tours/plan", json=request, headers=bearer(trainee)).json()
    assert plan["matrix_source"] == "openrouteservice"
    assert plan["warnings"] == []
    assert ors.matrix_requests()
    ors.behaviour = "429"
    request["days"] = [{"date": "2026-12-09"}]
    request["visits"] = request["visits"][:3]  # other points: not from the cache
    fallback = client.post("/api/v1/tours/plan", json=request, headers=bearer(trainee))
    assert fallback.status_code == 200, fallback.text
    body = fallback.json()
    assert body["matrix_source"] == "haversine"
    assert body["warnings"]
    assert any(s["kind"] == "visit" for d in body["days"] for s in d["stops"])


def _saved(client: TestClient, user: User, request: dict[str, Any]) -> dict[str, Any]:
    response = client.post("/api/v1/tours", json=request, headers=bearer(user))
    assert response.status_code == 201, response.text
    return dict(response.json())


def test_mileage_log_planned_and_actual_per_day_and_visit(client: TestClient, db: Session) -> None:
    trainee, prospects, appointments = _world(db, client)
    tour = _saved(client, trainee, _request(prospects, appointments))
    url = f"/api/v1/tours/{tour['id']}"
    mileage = client.get(f"{url}/mileage", headers=bearer(trainee)).json()
    assert [d["actual_km"] for d in mileage["days"]] == [None, None]
    assert float(mileage["planned_km"]) == pytest.approx(tour["totals"]["km"], abs=0.002)
    evidence = (
        select(func.count())
        .select_from(EvidenceRecord)
        .where(EvidenceRecord.trainee_id == trainee.id, EvidenceRecord.action == "log_mileage")
    )
    logged = client.put(f"{url}/days/0/mileage", json={"actual_km": "50.5"},
                        headers=bearer(trainee))  # fmt: skip
    assert logged.status_code == 200, logged.text
    day = logged.json()["days"][0]
    assert (Decimal(day["actual_km"]), Decimal(day["actual_co2_kg"])) == (
        Decimal("50.5"), Decimal("7.171"))  # 50.5 km × 0.142  # fmt: skip
    if day["visits"]:
        expected = (Decimal("50.5") / day["visits"]).quantize(Decimal("0.001"))
        assert Decimal(day["actual_km_per_visit"]) == expected
    assert logged.json()["actual_km"] is None  # day 1 not logged yet
    done = client.put(f"{url}/days/1/mileage", json={"actual_km": "20"}, headers=bearer(trainee))
    assert Decimal(done.json()["actual_km"]) == Decimal("70.5")
    assert db.scalar(evidence) == 2
    refused = client.put(f"{url}/days/0/mileage", json={"actual_km": "-3"},
                         headers=bearer(trainee))  # fmt: skip
    assert refused.status_code == 422
    assert refused.json()["errors"][0]["field"] == "actual_km"
    assert client.put(f"{url}/days/7/mileage", json={"actual_km": "1"},
                      headers=bearer(trainee)).status_code == 404  # fmt: skip
    other = make_user(db, make_org(db))
    assert client.get(f"{url}/mileage", headers=bearer(other)).status_code == 404


def test_exports_geojson_and_gpx(client: TestClient, db: Session) -> None:
    trainee, prospects, appointments = _world(db, client)
    tour = _saved(client, trainee, _request(prospects, appointments))
    url = f"/api/v1/tours/{tour['id']}/export"
    response = client.get(url, headers=bearer(trainee))
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("application/geo+json")
    collection = response.json()
    assert collection["type"] == "FeatureCollection"
    for index, day in enumerate(tour["days"]):
        visits = [s for s in day["stops"] if s["kind"] == "visit"]
        points = [f for f in collection["features"]
                  if f["properties"]["day"] == index and f["geometry"]["type"] == "Point"]  # fmt: skip
        legs = [f for f in collection["features"]
                if f["properties"]["day"] == index and f["geometry"]["type"] == "LineString"]  # fmt: skip
        assert len(points) == len(visits) + 2  # start, visits, end
        assert len(legs) == len(visits) + 1
        assert {leg["properties"]["geometry"] for leg in legs} == {"straight"}
        assert [p["properties"]["label"] for p in points[1:-1]] == [v["label"] for v in visits]
    gpx_response = client.get(f"{url}?format=gpx", headers=bearer(trainee))
    assert gpx_response.headers["content-type"].startswith("application/gpx+xml")
    document = gpxpy.parse(gpx_response.text)
    assert len(document.routes) == len(tour["days"])
    visits = sum(1 for d in tour["days"] for s in d["stops"] if s["kind"] == "visit")
    assert len(document.waypoints) == visits
    assert client.get(f"{url}?format=kml", headers=bearer(trainee)).status_code == 422


def test_geojson_follows_the_road_when_the_provider_gives_lines(
    client: TestClient, db: Session, settings: Settings, ors: FakeOrs
) -> None:
    trainee, prospects, _ = _world(db, client, n=4)
    settings.ors_base_url = ors.url
    tour = _saved(client, trainee, {"days": [{"date": "2026-12-10"}], "lunch": None,
                                    "visits": [{"prospect_id": p.id} for p in prospects]})  # fmt: skip
    assert tour["matrix_source"] == "openrouteservice"
    collection = client.get(f"/api/v1/tours/{tour['id']}/export", headers=bearer(trainee)).json()
    legs = [f for f in collection["features"] if f["geometry"]["type"] == "LineString"]
    assert legs
    assert {leg["properties"]["geometry"] for leg in legs} == {"road"}
    assert ors.directions_requests()


def test_suggestions_fill_the_day_without_breaking_appointments(
    client: TestClient, db: Session
) -> None:
    trainee = make_user(db, make_org(db))
    client.put("/api/v1/tour-base", json=BASE, headers=bearer(trainee))
    anchor = make_prospect(db, trainee, name="RDV matin", latitude=45.78, longitude=4.86)
    later = make_prospect(db, trainee, name="RDV après-midi", latitude=45.74, longitude=4.82)
    near_a = make_prospect(db, trainee, name="Proche A", latitude=45.77, longitude=4.85,
                           priority=Priority.A, potential=Decimal("5000"))  # fmt: skip
    near_c = make_prospect(db, trainee, name="Proche C", latitude=45.75, longitude=4.83,
                           priority=Priority.C, potential=Decimal("90000"))  # fmt: skip
    big_a = make_prospect(db, trainee, name="Gros A", latitude=45.70, longitude=4.90,
                          priority=Priority.A, potential=Decimal("80000"))  # fmt: skip
    far = make_prospect(db, trainee, name="Marseille", latitude=43.30, longitude=5.37,
                        priority=Priority.A, potential=Decimal("99000"))  # fmt: skip
    make_prospect(db, trainee, name="Perdu", latitude=45.76, longitude=4.84,
                  status=ProspectStatus.LOST, lost_reason="prix")  # fmt: skip
    for prospect, hour in ((anchor, 9), (later, 15)):
        db.add(Appointment(owner_id=trainee.id, prospect_id=prospect.id, duration_minutes=60,
                           starts_at=datetime(2026, 12, 14, hour, tzinfo=PARIS).astimezone(UTC)))  # fmt: skip
    db.commit()
    appointments = db.scalars(
        select(Appointment.id).where(Appointment.owner_id == trainee.id).order_by(Appointment.id)
    ).all()
    tour = _saved(client, trainee, {"days": [{"date": "2026-12-14"}],
                                    "visits": [{"appointment_id": a} for a in appointments]})  # fmt: skip
    url = f"/api/v1/tours/{tour['id']}/suggestions"
    response = client.get(url, headers=bearer(trainee))
    assert response.status_code == 200, response.text
    found = response.json()
    names = [s["name"] for s in found]
    # Priority A first (the bigger potential first), then C; Marseille does not fit the day,
    # the tour's own prospects and the lost one are not proposed.
    assert names == ["Gros A", "Proche A", "Proche C"]
    assert far.id not in {s["prospect_id"] for s in found}
    for suggestion in found:
        assert suggestion["extra_km"] >= 0
        end = datetime.fromisoformat(suggestion["day_end"]).astimezone(PARIS)
        assert (end.hour, end.minute) <= (18, 0)
    assert found[1]["extra_km"] < found[0]["extra_km"]  # "Proche A" is a smaller detour
    assert near_a.id == found[1]["prospect_id"]
    assert near_c.id == found[2]["prospect_id"]
    assert big_a.id == found[0]["prospect_id"]
    # The detour is what adding the prospect really costs: plan the day with it.
    with_it = client.post("/api/v1/tours/plan", json={
        "days": [{"date": "2026-12-14"}],
        "visits": [{"appointment_id": a} for a in appointments]
        + [{"prospect_id": near_a.id, "duration_minutes": 45}]}, headers=bearer(trainee)).json()  # fmt: skip
    assert with_it["unassigned"] == []
    assert with_it["totals"]["km"] <= tour["totals"]["km"] + found[1]["extra_km"] + 0.01
    assert client.get(f"{url}?day=3", headers=bearer(trainee)).status_code == 422
    other = make_user(db, make_org(db))
    assert client.get(url, headers=bearer(other)).status_code == 404
    # Before saving: the same request gives the same suggestions, and nothing is recorded.
    request = {"days": [{"date": "2026-12-14"}],
               "visits": [{"appointment_id": a} for a in appointments]}  # fmt: skip
    count_tours = select(func.count()).select_from(Tour)
    count_evidence = select(func.count()).select_from(EvidenceRecord)
    tours, evidence = db.scalar(count_tours), db.scalar(count_evidence)
    unsaved = client.post("/api/v1/tours/plan/suggestions", json=request,
                          headers=bearer(trainee))  # fmt: skip
    assert unsaved.status_code == 200, unsaved.text
    assert unsaved.json() == found
    assert (db.scalar(count_tours), db.scalar(count_evidence)) == (tours, evidence)
    bad_day = client.post("/api/v1/tours/plan/suggestions?day=1", json=request,
                          headers=bearer(trainee))  # fmt: skip
    assert bad_day.status_code == 422
    assert bad_day.json()["errors"][0]["field"] == "day"


def test_the_baseline_takes_appointments_in_the_order_of_their_times(
    client: TestClient, db: Session
) -> None:
    """Listed 11:00, 9:00, 16:00, the appointments are still the trainee's chronological day:
    the baseline is that order (a permutation that is not a reversal, so the km differ when
    the listed order is driven), and planning them alone saves nothing."""
    trainee, prospects, _ = _world(db, client)
    ids = []
    for prospect, hour in ((prospects[4], 11), (prospects[5], 9), (prospects[6], 16)):
        appointment = Appointment(owner_id=trainee.id, prospect_id=prospect.id,
                                  duration_minutes=60,
                                  starts_at=datetime(2026, 12, 15, hour, tzinfo=PARIS))  # fmt: skip
        db.add(appointment)
        db.flush()
        ids.append(appointment.id)
    db.commit()
    request = {"days": [{"date": "2026-12-15"}], "lunch": None,
               "visits": [{"appointment_id": a} for a in ids]}  # fmt: skip
    plan = client.post("/api/v1/tours/plan", json=request, headers=bearer(trainee)).json()
    assert plan["unassigned"] == []
    assert [s["appointment_id"] for s in plan["days"][0]["stops"]] == [ids[1], ids[0], ids[2]]
    assert plan["savings"]["km"] == 0
    assert plan["baseline"]["km"] == plan["totals"]["km"]
    # Driven in the listed order, the same day is longer: the baseline is not that.
    listed = [prospects[4], prospects[5], prospects[6]]
    path = [BASE, *({"latitude": p.latitude, "longitude": p.longitude} for p in listed), BASE]
    crow = sum(_km(a, b) for a, b in itertools.pairwise(path)) * 1.3
    assert abs(crow - plan["totals"]["km"]) > 0.5


def _km(a: dict[str, Any], b: dict[str, Any]) -> float:
    la1, lo1, la2, lo2 = map(math.radians, (a["latitude"], a["longitude"], b["latitude"],
                                            b["longitude"]))  # fmt: skip
    h = (
        math.sin((la2 - la1) / 2) ** 2
        + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    )
    return 2 * 6371.0088 * math.asin(math.sqrt(h))


def test_a_prospect_is_suggested_once_on_the_day_it_costs_least(
    client: TestClient, db: Session
) -> None:
    trainee = make_user(db, make_org(db))
    client.put("/api/v1/tour-base", json=BASE, headers=bearer(trainee))
    north = make_prospect(db, trainee, name="Nord", latitude=45.85, longitude=4.84)
    south = make_prospect(db, trainee, name="Sud", latitude=45.66, longitude=4.84)
    candidate = make_prospect(db, trainee, name="Voisin du nord", latitude=45.86,
                              longitude=4.85, priority=Priority.A)  # fmt: skip
    for prospect, day in ((north, 14), (south, 15)):
        db.add(Appointment(owner_id=trainee.id, prospect_id=prospect.id, duration_minutes=60,
                           starts_at=datetime(2026, 12, day, 10, tzinfo=PARIS)))  # fmt: skip
    db.commit()
    appointments = db.scalars(
        select(Appointment.id).where(Appointment.owner_id == trainee.id).order_by(Appointment.id)
    ).all()
    tour = _saved(client, trainee, {"days": [{"date": "2026-12-14"}, {"date": "2026-12-15"}],
                                    "visits": [{"appointment_id": a} for a in appointments]})  # fmt: skip
    found = client.get(f"/api/v1/tours/{tour['id']}/suggestions", headers=bearer(trainee)).json()
    assert [(s["prospect_id"], s["day_index"]) for s in found] == [(candidate.id, 0)]
    second_day = client.get(f"/api/v1/tours/{tour['id']}/suggestions?day=1",
                            headers=bearer(trainee)).json()  # fmt: skip
    assert [s["day_index"] for s in second_day] == [1]
    assert second_day[0]["extra_km"] > found[0]["extra_km"]
