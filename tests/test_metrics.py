"""The metric registry (app/metrics): each batch-1 metric on a crafted history with exact
values, the period's days in Europe/Paris, ratios from their parts, a cohort in one call,
and the API's scoping and bounds."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, event, func, select
from sqlalchemy.orm import Session

from app.competences.catalogue import get_catalogue
from app.metrics import registry
from app.metrics.registry import MetricDef, MetricKind, Period, UnknownMetric
from app.models import (
    Appointment,
    AppointmentStatus,
    Campaign,
    Channel,
    Direction,
    EmissionFactor,
    EvidenceRecord,
    Interaction,
    ItemClassification,
    Organisation,
    Outcome,
    Prospect,
    ProspectStatus,
    ProspectStatusChange,
    Role,
    Tour,
    TourDay,
    TransportMode,
    User,
    WatchItem,
    WatchTopic,
)
from tests.factories import bearer, make_cohort, make_org, make_prospect, make_user

PARIS = ZoneInfo("Europe/Paris")
JAN = (date(2027, 1, 1), date(2027, 1, 31))
FEB = (date(2027, 2, 1), date(2027, 2, 28))
URL = "/api/v1/metrics/values"
S = ProspectStatus


def at(day: str, hm: str = "10:00") -> datetime:
    """A moment on the wall clock of Paris."""
    return datetime.fromisoformat(f"{day}T{hm}").replace(tzinfo=PARIS)


LAST_EVENING = "23:30"  # on the period's last day: counts
AFTER_MIDNIGHT = "00:10"  # on the next day: does not (though still the 31st in UTC)


# ----------------------------------------------------------------- a crafted history


@dataclass
class History:
    a: User  # the trainee with a history of every kind
    b: User  # a second trainee of the cohort, a little activity
    c: User  # a third, none at all
    trainer: User
    outsider: User  # a trainee of another cohort
    cohort_id: int
    factors: dict[TransportMode, Decimal]


def _interaction(
    db: Session,
    owner: User,
    prospect: Prospect,
    when: datetime,
    outcome: Outcome,
    *,
    inbound: bool = False,
    campaign: Campaign | None = None,
) -> None:
    db.add(
        Interaction(
            owner_id=owner.id,
            prospect_id=prospect.id,
            channel=Channel.PHONE,
            direction=Direction.INBOUND if inbound else Direction.OUTBOUND,
            outcome=outcome,
            occurred_at=when,
            notes="",
            campaign_id=campaign.id if campaign else None,
        )
    )


def _history(db: Session, prospect: Prospect, *changes: tuple[S | None, S, datetime]) -> None:
    for before, after, when in changes:
        db.add(
            ProspectStatusChange(
                owner_id=prospect.owner_id,
                prospect_id=prospect.id,
                from_status=before,
                to_status=after,
                changed_by=prospect.owner_id,
                changed_at=when,
            )
        )
    db.flush()


def _appointment(
    db: Session,
    owner: User,
    prospect: Prospect,
    created: datetime,
    starts: datetime,
    status: AppointmentStatus,
) -> None:
    db.add(
        Appointment(
            owner_id=owner.id,
            prospect_id=prospect.id,
            starts_at=starts,
            status=status,
            notes="",
            created_at=created,
        )
    )


def _tour(
    db: Session, owner: User, mode: TransportMode, days: list[tuple[date, str, int, str | None]]
) -> None:
    tour = Tour(
        owner_id=owner.id,
        name="Tournée",
        mode=mode,
        first_day=days[0][0],
        days_count=len(days),
        request={},
        plan={},
        matrix_source="haversine",
        total_km=Decimal(0),
        baseline_km=Decimal(0),
        co2_total_kg=Decimal(0),
        visits_planned=0,
        visits_unassigned=0,
    )
    db.add(tour)
    db.flush()
    for i, (day, planned, visits, actual) in enumerate(days):
        db.add(
            TourDay(
                tour_id=tour.id,
                day_index=i,
                day=day,
                planned_km=Decimal(planned),
                visits=visits,
                actual_km=None if actual is None else Decimal(actual),
            )
        )


def _item(
    db: Session, owner: User, created: datetime, classification: ItemClassification | None, n: int
) -> None:
    db.add(
        WatchItem(
            owner_id=owner.id,
            dedup_key=f"k{owner.id}-{n}",
            title="Info",
            summary="",
            topic=WatchTopic.MARKET,
            tags=[],
            suggestion_reasons=[],
            extra={},
            classification=classification,
            created_at=created,
        )
    )


@pytest.fixture
def history(db: Session) -> History:
    org = make_org(db)
    trainer = make_user(db, org, Role.TRAINER)
    cohort = make_cohort(db, org, trainers=[trainer])
    a, b, c = (make_user(db, org, cohort=cohort) for _ in range(3))
    outsider = make_user(db, org, cohort=make_cohort(db, org))
    o = Outcome
    before = at("2026-10-01")

    # Prospects and their lifecycle.
    p1 = make_prospect(db, a, status=S.QUALIFIED)
    _history(
        db,
        p1,
        (None, S.PROSPECT, before),
        (S.PROSPECT, S.QUALIFIED, at("2027-01-31", LAST_EVENING)),
    )
    p2 = make_prospect(db, a, status=S.INACTIVE)  # created qualified, customer, then inactive
    _history(
        db,
        p2,
        (None, S.QUALIFIED, before),
        (S.QUALIFIED, S.CUSTOMER, at("2027-01-15")),
        (S.CUSTOMER, S.INACTIVE, at("2027-01-20")),
    )
    p3 = make_prospect(db, a, status=S.CUSTOMER)  # created a customer: never "new"
    _history(db, p3, (None, S.CUSTOMER, at("2027-01-10")))
    p4 = make_prospect(db, a, status=S.CUSTOMER)  # a customer again: not new either
    _history(
        db,
        p4,
        (None, S.PROSPECT, before),
        (S.PROSPECT, S.QUALIFIED, before),
        (S.QUALIFIED, S.CUSTOMER, at("2026-10-02")),
        (S.CUSTOMER, S.INACTIVE, at("2026-12-01")),
        (S.INACTIVE, S.CUSTOMER, at("2027-01-12")),
    )
    p5 = make_prospect(db, a, status=S.QUALIFIED)  # qualified twice in January: once
    _history(
        db,
        p5,
        (None, S.PROSPECT, before),
        (S.PROSPECT, S.QUALIFIED, at("2027-01-03")),
        (S.QUALIFIED, S.PROSPECT, at("2027-01-04")),
        (S.PROSPECT, S.QUALIFIED, at("2027-01-05")),
    )
    p6 = make_prospect(db, a, status=S.QUALIFIED)  # qualified just after January
    _history(
        db,
        p6,
        (None, S.PROSPECT, before),
        (S.PROSPECT, S.QUALIFIED, at("2027-02-01", AFTER_MIDNIGHT)),
    )

    # Interactions: outbound in January, reached or not; around the period; inbound.
    _interaction(db, a, p1, at("2027-01-01", AFTER_MIDNIGHT), o.QUALIFIED)  # first minutes
    _interaction(db, a, p1, at("2027-01-05"), o.NO_ANSWER)
    _interaction(db, a, p1, at("2027-01-06"), o.GATEKEEPER)
    _interaction(db, a, p1, at("2027-01-07"), o.CALLBACK)
    _interaction(db, a, p1, at("2027-01-31", LAST_EVENING), o.INFO_SENT)
    _interaction(db, a, p1, at("2027-02-01", AFTER_MIDNIGHT), o.APPOINTMENT)
    _interaction(db, a, p1, at("2026-12-31", "23:50"), o.CALLBACK)
    _interaction(db, a, p1, at("2027-01-10"), o.CALLBACK, inbound=True)
    # With p2: qualified on the 14th, a customer on the 16th, inactive on the 25th.
    _interaction(db, a, p2, at("2027-01-14"), o.CALLBACK)
    _interaction(db, a, p2, at("2027-01-16"), o.INFO_SENT)
    _interaction(db, a, p2, at("2027-01-25"), o.NO_ANSWER)
    _interaction(db, a, p2, at("2027-01-17"), o.CALLBACK, inbound=True)
    # A campaign: p1 first contacted in December, p5 twice in January.
    campaign = Campaign(
        owner_id=a.id, name="Janvier", channel=Channel.PHONE, saved_filter={}, message_template=""
    )
    db.add(campaign)
    db.flush()
    _interaction(db, a, p1, at("2026-12-20"), o.NO_ANSWER, campaign=campaign)
    _interaction(db, a, p1, at("2027-01-08"), o.NO_ANSWER, campaign=campaign)
    _interaction(db, a, p5, at("2027-01-09"), o.NO_ANSWER, campaign=campaign)
    _interaction(db, a, p5, at("2027-01-11"), o.NO_ANSWER, campaign=campaign)

    # Appointments: (created, starts, status).
    done, planned, cancelled = (
        AppointmentStatus.DONE,
        AppointmentStatus.PLANNED,
        AppointmentStatus.CANCELLED,
    )
    _appointment(db, a, p1, at("2027-01-05"), at("2027-01-20"), done)
    _appointment(db, a, p1, at("2026-12-28"), at("2027-01-31", LAST_EVENING), done)
    _appointment(db, a, p1, at("2027-01-31", LAST_EVENING), at("2027-02-03"), planned)
    _appointment(db, a, p1, at("2027-02-01", AFTER_MIDNIGHT), at("2027-02-04"), planned)
    _appointment(db, a, p1, at("2027-01-10"), at("2027-01-12"), cancelled)
    _appointment(db, a, p1, at("2026-12-29"), at("2027-02-01", AFTER_MIDNIGHT), done)

    # Tours: (day, planned km, visits, actual km).
    _tour(
        db,
        a,
        TransportMode.CAR,
        [(date(2027, 1, 31), "100.5", 4, "110.25"), (date(2027, 2, 1), "50", 2, None)],
    )
    _tour(db, a, TransportMode.ELECTRIC_CAR, [(date(2027, 1, 10), "20", 1, None)])
    _tour(db, a, TransportMode.CAR, [(date(2026, 12, 31), "33", 3, "33")])

    # Watch items: (recorded, classification).
    _item(db, a, at("2027-01-05"), ItemClassification.FACT, 1)
    _item(db, a, at("2027-01-06"), None, 2)
    _item(db, a, at("2027-02-01", AFTER_MIDNIGHT), ItemClassification.FACT, 3)
    _item(db, a, at("2027-01-31", LAST_EVENING), ItemClassification.OPINION, 4)

    # b: two calls in January, one reached; a kilometre logged.
    pb = make_prospect(db, b)
    _interaction(db, b, pb, at("2027-01-12"), o.NO_ANSWER)
    _interaction(db, b, pb, at("2027-01-13"), o.APPOINTMENT)
    _tour(db, b, TransportMode.CAR, [(date(2027, 1, 4), "1", 1, "1")])
    # The outsider's activity never shows in the cohort's figures.
    _interaction(db, outsider, make_prospect(db, outsider), at("2027-01-12"), o.CALLBACK)
    db.commit()

    reference = db.scalars(select(EmissionFactor).where(EmissionFactor.organisation_id.is_(None)))
    factors = {f.mode: f.total_kg_per_km for f in reference}
    return History(a, b, c, trainer, outsider, cohort.id, factors)


def _kg(km: str, factor: Decimal) -> Decimal:
    return (Decimal(km) * factor).quantize(Decimal("0.001"))


def expected_january(h: History) -> dict[str, dict[int, Any]]:
    car, electric = h.factors[TransportMode.CAR], h.factors[TransportMode.ELECTRIC_CAR]
    a, b, c = h.a.id, h.b.id, h.c.id
    zero_km = Decimal("0.000")
    return {
        # p1: 5 outbound (00:10 on the 1st .. 23:30 on the 31st), p2: 3, the campaign: 3.
        "contacts": {a: 11, b: 2, c: 0},
        # qualified, callback, info_sent (p1); callback, info_sent (p2).
        "contacts_reached": {a: 5, b: 1, c: 0},
        "appointments_taken": {a: 3, b: 0, c: 0},
        "visits_done": {a: 2, b: 0, c: 0},
        "prospects_qualified": {a: 2, b: 0, c: 0},  # p1 (23:30 on the 31st), p5 once
        "new_customers": {a: 1, b: 0, c: 0},  # p2 only
        "relaunches": {a: 2, b: 0, c: 0},  # p2 on the 16th (customer), the 25th (inactive)
        "campaign_members_contacted": {a: 1, b: 0, c: 0},  # p5 (p1 was in December)
        "reach_rate": {a: Decimal("45.5"), b: Decimal("50.0"), c: None},
        "appointment_rate": {a: Decimal("60.0"), b: Decimal("0.0"), c: None},
        "visits_planned": {a: 5, b: 1, c: 0},
        "km_planned": {a: Decimal("120.500"), b: Decimal("1.000"), c: zero_km},
        "km_driven": {a: Decimal("110.250"), b: Decimal("1.000"), c: zero_km},
        "co2_kg_planned": {
            a: _kg("100.5", car) + _kg("20", electric),
            b: _kg("1", car),
            c: zero_km,
        },
        "co2_kg": {a: _kg("110.25", car), b: _kg("1", car), c: zero_km},
        "watch_items_classified": {a: 2, b: 0, c: 0},
    }


# ----------------------------------------------------------------- the registry


def test_every_batch_one_metric_on_a_crafted_history(db: Session, history: History) -> None:
    expected = expected_january(history)
    # Batch one's metrics in their order, among later domains' (the sales').
    codes = [m.code for m in registry.all_metrics()]
    assert [code for code in codes if code in expected] == list(expected)
    owners = [history.a.id, history.b.id, history.c.id]
    found = registry.compute(db, expected, owners, *JAN)
    assert found == expected
    for metric in map(registry.get, expected):  # the declared type, whatever the backend says
        for value in found[metric.code].values():
            assert value is None or type(value) is metric.value_type, metric.code


def test_the_period_is_days_of_paris_both_included(db: Session, history: History) -> None:
    a = history.a.id
    february = registry.compute(db, [m.code for m in registry.all_metrics()], [a], *FEB)
    picked = {code: values[a] for code, values in february.items()}
    assert picked["contacts"] == 1  # 00:10 on the 1st, i.e. the 31st at 23:10 in UTC
    assert picked["prospects_qualified"] == 1  # p6
    assert picked["appointments_taken"] == 1
    assert picked["visits_done"] == 1
    assert picked["visits_planned"] == 2
    assert picked["km_planned"] == Decimal("50.000")
    assert picked["km_driven"] == Decimal("0.000")  # not logged yet
    assert picked["watch_items_classified"] == 1
    # One day: the 31st of January alone, from its first minute to its last.
    day = registry.compute(
        db,
        ["contacts", "appointments_taken", "km_planned"],
        [a],
        date(2027, 1, 31),
        date(2027, 1, 31),
    )
    assert {code: v[a] for code, v in day.items()} == {
        "contacts": 1,
        "appointments_taken": 1,
        "km_planned": Decimal("100.500"),
    }


def test_period_bounds_in_summer_and_winter() -> None:
    winter = Period(date(2027, 1, 1), date(2027, 1, 31), PARIS)
    assert winter.since.isoformat() == "2026-12-31T23:00:00+00:00"
    assert winter.until.isoformat() == "2027-01-31T23:00:00+00:00"
    summer = Period(date(2027, 6, 1), date(2027, 6, 30), PARIS)
    assert summer.since.isoformat() == "2027-05-31T22:00:00+00:00"
    assert summer.until.isoformat() == "2027-06-30T22:00:00+00:00"
    # The day the clocks go forward lasts 23 hours.
    change = Period(date(2027, 3, 28), date(2027, 3, 28), PARIS)
    assert change.until - change.since == timedelta(hours=23)
    with pytest.raises(ValueError, match="before it starts"):
        Period(date(2027, 2, 1), date(2027, 1, 31))


def test_counts_and_sums_add_up_over_months_ratios_do_not_need_to(
    db: Session, history: History
) -> None:
    codes = [m.code for m in registry.all_metrics() if m.additive]
    owners = [history.a.id, history.b.id]
    whole = registry.compute(db, codes, owners, date(2026, 12, 1), date(2027, 2, 28))
    months = [
        registry.compute(db, codes, owners, date(2026, 12, 1), date(2026, 12, 31)),
        registry.compute(db, codes, owners, *JAN),
        registry.compute(db, codes, owners, *FEB),
    ]
    for code in codes:
        for owner in owners:
            assert sum(m[code][owner] for m in months) == whole[code][owner], code
    assert whole["contacts"][history.a.id] == 14  # the months are not all empty
    assert whole["prospects_qualified"][history.a.id] == 3  # p1, p5, p6: once each


def test_slices_are_computed_together_and_add_up_to_the_whole(
    db: Session, history: History
) -> None:
    codes = [m.code for m in registry.all_metrics()]
    owners = [history.a.id, history.b.id, history.c.id]
    months = [(date(2026, 12, 1), date(2026, 12, 31)), JAN, FEB]
    sliced = registry.compute_slices(db, codes, owners, months)
    assert sliced.slices == months
    for (start, end), values in zip(months, sliced.values, strict=True):
        assert values == registry.compute(db, codes, owners, start, end), start
    january = expected_january(history)
    assert {code: sliced.values[1][code] for code in january} == january
    # The whole: counts and sums added up, ratios from the added parts.
    whole = registry.compute(db, codes, owners, date(2026, 12, 1), date(2027, 2, 28))
    assert sliced.whole == whole
    a = history.a.id
    assert whole["contacts"][a] == 14
    assert whole["reach_rate"][a] == Decimal("50.0")  # 7 / 14, not the months' mean (65.2)
    # Weeks of a month, one of them a single day.
    weeks = [(date(2027, 1, 1), date(2027, 1, 3)), (date(2027, 1, 4), date(2027, 1, 30)),
             (date(2027, 1, 31), date(2027, 1, 31))]  # fmt: skip
    by_week = registry.compute_slices(db, ["contacts"], [a], weeks)
    assert [v["contacts"][a] for v in by_week.values] == [1, 9, 1]


def test_slices_follow_each_other() -> None:
    with pytest.raises(ValueError, match="follow each other"):
        Period.of_slices([JAN, (date(2027, 2, 2), date(2027, 2, 28))])
    with pytest.raises(ValueError, match="no slice"):
        Period.of_slices([])
    with pytest.raises(ValueError, match="in order"):
        Period(date(2027, 1, 1), date(2027, 1, 31), PARIS, (date(2027, 2, 1),))
    year = Period.of_slices([JAN, FEB])
    assert (year.start, year.end, year.cuts) == (JAN[0], FEB[1], (FEB[0],))
    assert year.slices == [JAN, FEB]


def test_a_cohort_is_one_query_per_metric_whatever_its_size(
    db: Session, engine: Engine, history: History
) -> None:
    codes = [m.code for m in registry.all_metrics()]
    statements: list[str] = []

    def count(*args: Any) -> None:
        statements.append(args[2])

    def queries(owners: list[int]) -> int:
        statements.clear()
        event.listen(engine, "before_cursor_execute", count)
        try:
            registry.compute(db, codes, owners, *JAN)
        finally:
            event.remove(engine, "before_cursor_execute", count)
        return len(statements)

    org = db.get(User, history.a.id)
    assert org is not None
    one = queries([history.a.id])
    cohort = queries([history.a.id, history.b.id, history.c.id, history.outsider.id])
    assert one == cohort
    # Batch one's 19 counts and sums in 9 queries (four groups read their rows once: the
    # outbound interactions for 2 counts and 3 durations, the appointments held for 2, the
    # first status changes for 2, the tour days for 5 figures; the prospects added alone) and
    # the factors of the organisation for the CO2 of the tour days; the sales'
    # 9 counts and sums in 3 (interviews held; the quotes sent for 4 figures, the quotes
    # accepted for 4); the follow-up's 11 in 4 (deliveries for 2, complaints resolved for 4,
    # unpaid invoices for 3, closed cases for 2); loyalty's 12 in 5 (orders for 4, inactive
    # accounts detected for 2, NPS answers for 2, information messages for 2, offers for 2);
    # social selling's 8 in 4 (posts published for 3, social actions for 3, leads, the
    # audience gained).
    assert one == 9 + 1 + 3 + 4 + 5 + 4


def test_a_metric_of_a_group_alone_is_what_it_is_among_all(db: Session, history: History) -> None:
    owners = [history.a.id, history.b.id, history.c.id]
    codes = [m.code for m in registry.all_metrics()]
    together = registry.compute(db, codes, owners, *JAN)
    grouped = [m for m in registry.all_metrics() if isinstance(m.compute, registry.GroupMember)]
    assert {m.code for m in grouped} >= {"contacts", "contacts_reached", "new_customers", "co2_kg"}
    for metric in grouped:
        alone = registry.compute(db, [metric.code], owners, *JAN)
        assert alone == {metric.code: together[metric.code]}, metric.code
    assert any(v for m in grouped for v in together[m.code].values())


def test_ratios_are_computed_from_their_parts_once(db: Session, history: History) -> None:
    calls: list[tuple[int, ...]] = []

    def calls_made(session: Session, owners: Any, period: Period) -> dict[tuple[int, int], int]:
        calls.append(tuple(owners))
        return {(owners[0], 0): 3}

    registry.register(
        MetricDef(
            "test_calls",
            "Appels",
            "nombre",
            MetricKind.COUNT,
            int,
            True,
            "CP3",
            "Essai.",
            calls_made,
        )
    )
    registry.register(
        MetricDef(
            "test_share",
            "Part",
            "%",
            MetricKind.RATIO,
            Decimal,
            True,
            "CP3",
            "Essai.",
            numerator="test_calls",
            denominator="contacts",
        )
    )
    registry.register(
        MetricDef(
            "test_rate",
            "Taux",
            "%",
            MetricKind.RATIO,
            Decimal,
            True,
            "CP3",
            "Essai.",
            numerator="contacts",
            denominator="test_calls",
        )
    )
    try:
        owners = [history.a.id, history.c.id]
        found = registry.compute(db, ["test_share", "test_rate", "test_calls"], owners, *JAN)
    finally:
        for code in ("test_calls", "test_share", "test_rate"):
            registry.unregister(code)
    assert calls == [tuple(sorted(owners))]  # once, for both owners and the three metrics
    assert found["test_calls"] == {history.a.id: 3, history.c.id: 0}
    assert found["test_share"] == {history.a.id: Decimal("27.3"), history.c.id: None}  # 3/11
    assert found["test_rate"] == {history.a.id: Decimal("366.7"), history.c.id: None}  # 11/3


def test_the_registry_refuses_what_it_could_not_compute() -> None:
    contacts = registry.get("contacts")
    with pytest.raises(ValueError, match="already registered"):
        registry.register(contacts)
    with pytest.raises(ValueError, match="not a registered count or sum"):
        registry.register(
            MetricDef(
                "test_x",
                "X",
                "%",
                MetricKind.RATIO,
                Decimal,
                True,
                "CP3",
                "",
                numerator="reach_rate",
                denominator="contacts",
            )
        )
    with pytest.raises(ValueError, match="names its numerator"):
        MetricDef(
            "test_y", "Y", "%", MetricKind.RATIO, Decimal, True, "CP3", "", compute=contacts.compute
        )
    with pytest.raises(ValueError, match="has its compute"):
        MetricDef("test_z", "Z", "nombre", MetricKind.COUNT, int, True, "CP3", "")
    with pytest.raises(UnknownMetric):
        registry.get("turnover")
    assert "test_x" not in {m.code for m in registry.all_metrics()}


def test_no_owner_no_query(db: Session) -> None:
    assert registry.compute(db, ["contacts", "reach_rate"], [], *JAN) == {
        "contacts": {},
        "reach_rate": {},
    }


def test_every_metric_reflects_a_competence_of_the_catalogue() -> None:
    catalogue = get_catalogue()
    for metric in registry.all_metrics():
        assert catalogue.competence(metric.competence) is not None, metric.code
        assert all((metric.label, metric.description, metric.unit)), metric.code


# ----------------------------------------------------------------- the API


def _values(body: dict[str, Any]) -> dict[int, dict[str, Any]]:
    return {t["trainee_id"]: t["values"] for t in body["trainees"]}


def _json(value: Any) -> Any:
    return str(value) if isinstance(value, Decimal) else value


def test_the_definitions(client: TestClient, history: History) -> None:
    response = client.get("/api/v1/metrics", headers=bearer(history.a))
    assert response.status_code == 200
    by_code = {m["code"]: m for m in response.json()}
    assert list(by_code) == [m.code for m in registry.all_metrics()]
    assert by_code["reach_rate"] == {
        "code": "reach_rate",
        "label": "Taux de joignabilité",
        "unit": "%",
        "kind": "ratio",
        "value_type": "decimal",
        "higher_is_better": True,
        "competence": "CP3",
        "description": registry.get("reach_rate").description,
        "numerator": "contacts_reached",
        "denominator": "contacts",
    }
    assert by_code["co2_kg"]["higher_is_better"] is False
    assert by_code["contacts"]["value_type"] == "integer"


def test_a_trainer_reads_a_cohort_in_one_call(client: TestClient, history: History) -> None:
    response = client.get(
        URL,
        params={"from": "2027-01-01", "to": "2027-01-31", "cohort_id": history.cohort_id},
        headers=bearer(history.trainer),
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert (body["start"], body["end"], body["time_zone"]) == (
        "2027-01-01",
        "2027-01-31",
        "Europe/Paris",
    )
    assert body["codes"] == [m.code for m in registry.all_metrics()]
    expected = expected_january(history)
    got = _values(body)
    assert set(got) == {history.a.id, history.b.id, history.c.id}
    for code, per_owner in expected.items():
        for owner, value in per_owner.items():
            assert got[owner][code] == _json(value), (code, owner)


def test_a_trainee_reads_their_own_values(client: TestClient, history: History) -> None:
    a = history.a
    params = {"from": "2027-01-01", "to": "2027-01-31", "codes": ["contacts", "reach_rate"]}
    mine = client.get(URL, params=params, headers=bearer(a))
    assert mine.status_code == 200, mine.text
    assert mine.json()["codes"] == ["contacts", "reach_rate"]
    assert _values(mine.json()) == {a.id: {"contacts": 11, "reach_rate": "45.5"}}
    named = client.get(URL, params={**params, "trainee_id": a.id}, headers=bearer(a))
    assert named.json() == mine.json()
    # Their cohort: only themselves among its members (the filter never widens the scope).
    cohort = client.get(URL, params={**params, "cohort_id": history.cohort_id}, headers=bearer(a))
    assert cohort.status_code == 200
    assert set(_values(cohort.json())) == {a.id}


@pytest.mark.parametrize(
    ("caller", "params", "field"),
    [
        ("a", {"trainee_id": "b"}, "trainee_id"),  # a fellow trainee
        ("a", {"trainee_id": "trainer"}, "trainee_id"),  # their trainer
        ("trainer", {"trainee_id": "outsider"}, "trainee_id"),  # a cohort they do not lead
        ("trainer", {"trainee_id": "trainer"}, "trainee_id"),  # staff have no values
        ("trainer", {"cohort_id": "outsider"}, "cohort_id"),
        ("a", {"cohort_id": "outsider"}, "cohort_id"),
        ("trainer", {}, "trainee_id"),  # staff say whose values they want
    ],
)
def test_nobody_reads_values_they_may_not_see(
    client: TestClient,
    db: Session,
    history: History,
    caller: str,
    params: dict[str, str],
    field: str,
) -> None:
    def value(name: str, kind: str) -> int:
        user: User = getattr(history, name)
        return user.id if kind == "trainee_id" else int(user.cohort_id or 0)

    query = {kind: value(name, kind) for kind, name in params.items()}
    response = client.get(
        URL,
        params={"from": "2027-01-01", "to": "2027-01-31", **query},
        headers=bearer(getattr(history, caller)),
    )
    assert response.status_code == 422, response.text
    [error] = response.json()["errors"]
    assert (error["field"], error["location"]) == (field, "query")
    assert "trainees" not in response.json()  # no figure of anybody's


def test_an_admin_of_another_organisation_sees_nobody(
    client: TestClient, db: Session, history: History
) -> None:
    stranger = make_user(db, make_org(db), Role.ADMIN)
    db.commit()
    response = client.get(URL, params={"trainee_id": history.a.id}, headers=bearer(stranger))
    assert response.status_code == 422
    own = make_user(db, db.get_one(Organisation, history.a.organisation_id), Role.ADMIN)
    db.commit()
    response = client.get(
        URL,
        params={
            "trainee_id": [history.a.id, history.outsider.id],
            "from": "2027-01-01",
            "to": "2027-01-31",
            "codes": "contacts",
        },
        headers=bearer(own),
    )
    assert response.status_code == 200
    assert _values(response.json()) == {
        history.a.id: {"contacts": 11},
        history.outsider.id: {"contacts": 1},
    }


@pytest.mark.parametrize(
    ("params", "field", "words"),
    [
        ({"from": "2026-01-01", "to": "2027-02-04"}, "to", "au plus 366 jours"),
        ({"from": "2027-02-01", "to": "2027-01-31"}, "from", "après sa fin"),
        ({"codes": ["contacts", "turnover"]}, "codes", "« turnover »"),
        ({"codes": [f"c{n}" for n in range(51)]}, "codes", ""),
        ({"codes": "x" * 41}, "codes", ""),
        ({"trainee_id": list(range(1, 102))}, "trainee_id", ""),
        ({"from": "9999-12-31"}, "from", ""),
        ({"cohort_id": 2**31}, "cohort_id", ""),
    ],
)
def test_bounds(
    client: TestClient, history: History, params: dict[str, Any], field: str, words: str
) -> None:
    response = client.get(URL, params=params, headers=bearer(history.trainer))
    assert response.status_code == 422, response.text
    assert response.headers["content-type"] == "application/problem+json"
    fields = [e["field"].split(".")[0] for e in response.json()["errors"]]  # codes.0: an item
    assert field in fields, fields
    assert words in response.text


def test_a_year_is_allowed_and_the_default_is_this_month(
    client: TestClient, history: History
) -> None:
    leap = client.get(
        URL, params={"from": "2028-01-01", "to": "2028-12-31"}, headers=bearer(history.a)
    )
    assert leap.status_code == 200, leap.text  # 366 days
    default = client.get(URL, headers=bearer(history.a))
    assert default.status_code == 200
    body = default.json()
    today = datetime.now(PARIS).date()
    assert (body["start"], body["end"]) == (today.replace(day=1).isoformat(), today.isoformat())


def test_reading_values_records_no_evidence(
    client: TestClient, db: Session, history: History
) -> None:
    for path in ("/api/v1/metrics", URL):
        assert client.get(path, headers=bearer(history.a)).status_code == 200
    count = db.scalar(select(func.count()).select_from(EvidenceRecord))
    assert count == 0


@pytest.fixture(autouse=True)
def _registry_unchanged() -> Iterator[None]:
    """No test leaves a metric of its own in the registry."""
    before = [m.code for m in registry.all_metrics()]
    yield
    assert [m.code for m in registry.all_metrics()] == before
