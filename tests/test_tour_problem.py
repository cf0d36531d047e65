"""The one way from a plan request to the solver's problem (app/tours/problem.py): a request
resolved against a real database (days, base, prospects, appointments), the whole plan's
problem (depots, visits, windows, durations, lunch, driving limit), one day's problem for the
suggestions, a saved tour read back as its plan resolved it, and both suggestion routes
building their days with it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from app.config import Settings
from app.core.errors import FieldError
from app.core.principal import Principal
from app.models import ApiScope, Appointment, Prospect, Tour, TourBase, User
from app.tours import problem
from app.tours.feasibility import Lunch, Shift, Visit, Window
from app.tours.matrix import HaversineProvider, Point
from app.tours.problem import (
    APPOINTMENT_PRIORITY,
    LunchBreak,
    Place,
    PlannedVisit,
    ResolvedDay,
    ResolvedVisit,
)
from app.tours.schemas import DEFAULT_VISIT_MINUTES, TourPlanIn, TourPlanOut, VisitIn
from tests.factories import bearer, make_org, make_prospect, make_user

PARIS = ZoneInfo("Europe/Paris")
H = 3600
DAY = 24 * H
BASE = Place(Point(45.764, 4.8357), "Agence de Lyon")
HOTEL = Place(Point(45.75, 4.85), "Hôtel")


@dataclass
class World:
    trainee: User
    principal: Principal
    prospects: list[Prospect]
    appointment: Appointment


def _world(db: Session) -> World:
    trainee = make_user(db, make_org(db))
    db.add(
        TourBase(
            owner_id=trainee.id,
            label=BASE.label,
            latitude=BASE.point.latitude,
            longitude=BASE.point.longitude,
        )
    )
    prospects = [
        make_prospect(
            db, trainee, name=f"Client {i}", latitude=45.70 + 0.02 * i, longitude=4.80 + 0.015 * i
        )
        for i in range(6)
    ]
    appointment = Appointment(
        owner_id=trainee.id, prospect_id=prospects[0].id, duration_minutes=60,
        starts_at=datetime(2026, 12, 14, 10, tzinfo=PARIS).astimezone(UTC),
    )  # fmt: skip
    db.add(appointment)
    db.commit()
    principal = Principal(
        trainee.id, trainee.organisation_id, trainee.role, None, frozenset(ApiScope)
    )
    return World(trainee, principal, prospects, appointment)


def _request(world: World, **changes: Any) -> dict[str, Any]:
    p = world.prospects
    request = {
        "days": [
            {"date": "2026-12-14"},  # from the base, back to it, default hours
            {
                "date": "2026-12-15",
                "start_time": "07:30",
                "end_time": "17:00",
                "start": {"latitude": 45.75, "longitude": 4.85, "label": "Hôtel"},
                "end": {"prospect_id": p[5].id},
            },
        ],
        "visits": [
            {"appointment_id": world.appointment.id},
            {
                "prospect_id": p[1].id,
                "priority": 4,
                "windows": [{"start": "2026-12-14T14:00", "end": "2026-12-14T16:00"}],
            },
            {"prospect_id": p[2].id, "duration_minutes": 30},
            {"latitude": 45.78, "longitude": 4.88, "duration_minutes": 20},
            {"latitude": 45.75, "longitude": 4.85},  # at the hotel: the same place
        ],
        "lunch": {"start": "12:00", "end": "14:00", "duration_minutes": 45},
        "max_driving_minutes": 300,
    }
    return request | changes


def _place(prospect: Prospect) -> Place:
    assert prospect.latitude is not None
    assert prospect.longitude is not None
    return Place(Point(prospect.latitude, prospect.longitude), prospect.name, prospect.id)


def _paris(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 12, day, hour, minute, tzinfo=PARIS)


def test_a_request_resolves_into_days_and_visits(db: Session, settings: Settings) -> None:
    world = _world(db)
    p = world.prospects
    body = TourPlanIn.model_validate(_request(world))
    resolved = problem.resolve(db, world.principal, settings, body)
    assert resolved.days == [
        ResolvedDay(date(2026, 12, 14), _paris(14, 8, 30), _paris(14, 18), BASE, BASE),
        ResolvedDay(date(2026, 12, 15), _paris(15, 7, 30), _paris(15, 17), HOTEL, _place(p[5])),
    ]
    ten = _paris(14, 10)
    assert resolved.visits == [
        # An appointment: its own place, duration and time (a fixed window), kept first.
        ResolvedVisit(
            _place(p[0]), 60, ((ten, ten),), APPOINTMENT_PRIORITY, world.appointment.id, p[0].id
        ),
        # A naive window is a local time; no duration given: the default.
        ResolvedVisit(
            _place(p[1]),
            DEFAULT_VISIT_MINUTES,
            ((_paris(14, 14), _paris(14, 16)),),
            4,
            None,
            p[1].id,
        ),
        ResolvedVisit(_place(p[2]), 30, (), 3, None, p[2].id),
        ResolvedVisit(Place(Point(45.78, 4.88), "Visite 4"), 20, (), 3),
        ResolvedVisit(Place(HOTEL.point, "Visite 5"), DEFAULT_VISIT_MINUTES, (), 3),
    ]
    assert [v.required for v in resolved.visits] == [True, False, False, False, False]
    assert resolved.lunch == LunchBreak(time(12), time(14), 45)
    assert resolved.max_driving_minutes == 300
    # The schema documents the same default.
    description = VisitIn.model_fields["duration_minutes"].description
    assert description is not None
    assert f"sinon {DEFAULT_VISIT_MINUTES} min" in description


def test_resolving_names_the_faulty_item(db: Session, settings: Settings) -> None:
    world = _world(db)
    stranger = make_prospect(db, make_user(db, make_org(db)), name="Ailleurs")
    db.commit()
    faults = {
        "visits[1].prospect_id": _request(world, visits=[
            {"prospect_id": world.prospects[1].id}, {"prospect_id": stranger.id}]),
        "visits[0].windows[0].end": _request(world, visits=[{"latitude": 45.7, "longitude": 4.8,
            "windows": [{"start": "2026-12-14T16:00", "end": "2026-12-14T14:00"}]}]),
        "days[1].end_time": _request(world, days=[
            {"date": "2026-12-14"}, {"date": "2026-12-15", "start_time": "18:00"}]),
    }  # fmt: skip
    for field, request in faults.items():
        with pytest.raises(FieldError) as caught:
            problem.resolve(db, world.principal, settings, TourPlanIn.model_validate(request))
        assert caught.value.extra["errors"][0]["field"] == field
    # Without a base, a day needs its own start place.
    db.delete(db.get(TourBase, world.trainee.id))
    db.commit()
    with pytest.raises(FieldError) as caught:
        problem.resolve(db, world.principal, settings, TourPlanIn.model_validate(_request(world)))
    assert caught.value.extra["errors"][0]["field"] == "days[0].start"


def test_the_whole_plan_problem(db: Session, settings: Settings) -> None:
    world = _world(db)
    body = TourPlanIn.model_validate(_request(world))
    resolved = problem.resolve(db, world.principal, settings, body)
    built = problem.build(resolved, HaversineProvider())
    assert built.clock.epoch == _paris(14, 0)
    # Distinct places: the base (day 0 starts and ends there), the hotel and the end
    # prospect of day 1, then the visits (the last one is at the hotel: no new place).
    assert len(built.problem.distances) == len(built.problem.durations) == 7
    assert all(built.problem.distances[i][i] == 0 for i in range(7))
    assert built.problem.distances[0][3] > 0
    assert isinstance(built.problem.durations[0][3], int)
    lunch = 45 * 60
    assert built.problem.shifts == [
        Shift(0, 0, 8 * H + 1800, 18 * H, Lunch(Window(12 * H, 14 * H), lunch), 300 * 60),
        Shift(
            1,
            2,
            DAY + 7 * H + 1800,
            DAY + 17 * H,
            Lunch(Window(DAY + 12 * H, DAY + 14 * H), lunch),
            300 * 60,
        ),
    ]
    assert built.problem.visits == [
        Visit(3, 60 * 60, (Window(10 * H, 10 * H),), APPOINTMENT_PRIORITY, True),
        Visit(4, DEFAULT_VISIT_MINUTES * 60, (Window(14 * H, 16 * H),), 4, False),
        Visit(5, 30 * 60, (), 3, False),
        Visit(6, 20 * 60, (), 3, False),
        Visit(1, DEFAULT_VISIT_MINUTES * 60, (), 3, False),
    ]
    assert built.matrix.source == "haversine"
    # No lunch (none asked, or of zero minutes) and no driving limit: plain shifts.
    for lunch_in in (None, {"duration_minutes": 0}):
        plain = TourPlanIn.model_validate(_request(world, lunch=lunch_in, max_driving_minutes=None))
        shifts = problem.build(
            problem.resolve(db, world.principal, settings, plain), HaversineProvider()
        ).problem.shifts
        assert [(s.lunch, s.max_driving) for s in shifts] == [(None, None), (None, None)]


def test_one_day_of_a_plan_with_places_to_try(db: Session, settings: Settings) -> None:
    world = _world(db)
    body = TourPlanIn.model_validate(_request(world))
    resolved = problem.resolve(db, world.principal, settings, body)
    extra = [Point(45.72, 4.81), Point(45.79, 4.90)]
    # The plan's order: the appointment (started at 10:05 by this plan), then visit 1.
    planned = [PlannedVisit(0, _paris(14, 10, 5)), PlannedVisit(1, _paris(14, 14, 30))]
    built = problem.build_day(resolved, 0, planned, extra, HaversineProvider())
    assert built.clock.epoch == _paris(14, 0)
    # start, the planned visits in order, end (the base again: its own index), candidates
    assert len(built.problem.distances) == 6
    assert built.problem.distances[0][3] == 0  # start and end are both the base
    assert built.problem.shifts == [
        Shift(0, 3, 8 * H + 1800, 18 * H, Lunch(Window(12 * H, 14 * H), 45 * 60), 300 * 60)
    ]
    assert built.problem.visits == [
        # The appointment stays where the plan put it; the other keeps its window.
        Visit(1, 60 * 60, (Window(10 * H + 300, 10 * H + 300),), APPOINTMENT_PRIORITY, True),
        Visit(2, DEFAULT_VISIT_MINUTES * 60, (Window(14 * H, 16 * H),), 4, False),
        Visit(4, DEFAULT_VISIT_MINUTES * 60),
        Visit(5, DEFAULT_VISIT_MINUTES * 60),
    ]
    # Day 1 alone counts from its own midnight, from the hotel to the end prospect.
    day1 = problem.build_day(resolved, 1, [PlannedVisit(2, _paris(15, 9))], [], HaversineProvider())
    assert day1.clock.epoch == _paris(15, 0)
    assert day1.problem.shifts[0] == Shift(
        0, 2, 7 * H + 1800, 17 * H, Lunch(Window(12 * H, 14 * H), 45 * 60), 300 * 60
    )
    assert day1.problem.visits == [Visit(1, 30 * 60, (), 3, False)]
    assert len(day1.problem.distances) == 3


def test_a_saved_tour_keeps_the_resolution_of_its_plan(
    client: TestClient, db: Session, settings: Settings
) -> None:
    world = _world(db)
    request = _request(world)
    response = client.post("/api/v1/tours", json=request, headers=bearer(world.trainee))
    assert response.status_code == 201, response.text
    tour = db.get(Tour, response.json()["id"])
    assert tour is not None
    body = TourPlanIn.model_validate(tour.request)
    plan = TourPlanOut.model_validate(tour.plan)
    fresh = problem.resolve(db, world.principal, settings, body)
    # Later, a prospect of the tour moves: the saved tour still visits it where it was.
    world.prospects[2].latitude = 44.0
    db.commit()
    saved = problem.from_saved(PARIS, body, plan)
    assert saved.resolved.days == fresh.days
    assert (saved.resolved.lunch, saved.resolved.max_driving_minutes) == (fresh.lunch, 300)
    stops = [[s for s in day.stops if s.kind == "visit"] for day in plan.days]
    assert [[fresh.visits[s.visit_index or 0] for s in day] for day in stops] == [
        [saved.resolved.visits[p.visit] for p in route] for route in saved.routes
    ]
    assert [[p.start for p in route] for route in saved.routes] == [
        [s.start for s in day] for day in stops
    ]
    assert saved.visited == {v.prospect_id for v in fresh.visits if v.prospect_id is not None}


def test_both_suggestion_routes_build_their_days_with_the_builder(
    client: TestClient, db: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    world = _world(db)
    calls: dict[str, list[Any]] = {"resolve": [], "build": [], "build_day": []}

    def spy(name: str, function: Callable[..., Any]) -> None:
        def recorded(*args: Any, **kwargs: Any) -> Any:
            result = function(*args, **kwargs)
            calls[name].append((args, result))
            return result

        monkeypatch.setattr(problem, name, recorded)

    for name in calls:
        spy(name, getattr(problem, name))
    request = _request(world)
    headers = bearer(world.trainee)
    unsaved = client.post("/api/v1/tours/plan/suggestions?day=0", json=request, headers=headers)
    assert unsaved.status_code == 200, unsaved.text
    assert unsaved.json(), "the day has room for a neighbour"
    # Resolved and built once; the day's problem comes from that resolution.
    assert (len(calls["resolve"]), len(calls["build"]), len(calls["build_day"])) == (1, 1, 1)
    resolved = calls["resolve"][0][1]
    (day_resolved, day_index, *_), fresh_day = calls["build_day"][0]
    assert day_resolved is resolved
    assert day_index == 0
    tour = client.post("/api/v1/tours", json=request, headers=headers).json()
    for found in calls.values():
        found.clear()
    stored = client.get(f"/api/v1/tours/{tour['id']}/suggestions?day=0", headers=headers)
    assert stored.status_code == 200, stored.text
    # A saved tour is not resolved again; its day is built the same way, to the same problem.
    assert (len(calls["resolve"]), len(calls["build"]), len(calls["build_day"])) == (0, 0, 1)
    saved_day = calls["build_day"][0][1]
    assert saved_day.problem == fresh_day.problem
    assert saved_day.clock == fresh_day.clock
    assert stored.json() == unsaved.json()


@pytest.mark.parametrize(
    ("start", "appointment_utc", "local"),
    [
        # Spring change (29 March 2026): the Monday after, 09:30 in Paris is 07:30 UTC.
        (date(2026, 3, 27), datetime(2026, 3, 30, 7, 30, tzinfo=UTC), time(9, 30)),
        # Autumn change (25 October 2026): the Monday after, 09:30 in Paris is 08:30 UTC.
        (date(2026, 10, 23), datetime(2026, 10, 26, 8, 30, tzinfo=UTC), time(9, 30)),
    ],
)
def test_clock_counts_stored_instants_and_local_hours_alike_across_a_clock_change(
    start: date, appointment_utc: datetime, local: time
) -> None:
    paris = ZoneInfo("Europe/Paris")
    clock = problem.Clock.at(start, paris)
    wall = datetime.combine(appointment_utc.astimezone(paris).date(), local, paris)
    # The appointment (stored in UTC) and the same wall-clock time written locally (the
    # day's hours, a naive window) are the same second of the plan...
    assert clock.seconds(appointment_utc) == clock.seconds(wall)
    assert clock.seconds(wall) == 3 * 86_400 + local.hour * 3_600 + local.minute * 60
    # ... and read back as that local time, not an hour off.
    back = clock.moment(clock.seconds(appointment_utc))
    assert (back.hour, back.minute) == (local.hour, local.minute)
    assert back == appointment_utc
