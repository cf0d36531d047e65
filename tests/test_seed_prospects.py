"""The demo prospect files (seed/prospects/): volumes, valid identifiers and places, a
lifecycle and a consent history that hold together, outbound contacts the channel policy
allows, appointments to come, determinism, idempotency, and what a trainee sees in the API.
The social seed (seed/social.py) adds a few exchanges to the files later, through the
interaction service and dated around today, not the prospect seed's reference date: they
hold together with the rest and are told apart where dates are checked.

Most checks read one copy of the run's demo template (tests/conftest.py: the seed ran once,
on an empty database of the run's backend); one test seeds another empty database, to prove
the seed deterministic and idempotent from scratch; the API tests read the demo world in the
usual rolled-back test transaction (``demo``).
"""

from __future__ import annotations

import csv
import itertools
import json
import re
import statistics
from collections import Counter, defaultdict
from collections.abc import Callable
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Table, select
from sqlalchemy.orm import Session
from stdnum.fr import siren as stdnum_siren
from stdnum.fr import siret as stdnum_siret

from app.common.text import fold
from app.consent import policy
from app.core.db import make_engine, make_session_factory
from app.models import (
    Appointment,
    Base,
    CallScript,
    Campaign,
    CampaignMember,
    Channel,
    ConsentRecord,
    Contact,
    Interaction,
    Persona,
    Prospect,
    ProspectStatusChange,
    Role,
    ScriptStepKind,
    SocialAction,
    User,
)
from app.models.enums import GeocodeProvider
from app.prospects import rules, validation
from seed import prospects as seed_module
from seed import social as social_seed
from seed.demo import DEMO_PASSWORD, seed_demo
from seed.prospects import (
    AREA_BOUNDS,
    DATA_DIR,
    JITTER_KM,
    REFERENCE_DATE,
    WINDOW_START,
    build_world,
    seed_prospects,
)
from tests.conftest import DemoTemplate, migrate
from tests.factories import make_org, make_user, snapshot

PARIS = ZoneInfo("Europe/Paris")
TABLES: list[Table] = [
    Base.metadata.tables[m.__tablename__]
    for m in (
        Persona, CallScript, Campaign, Prospect, Contact, ProspectStatusChange, ConsentRecord,
        CampaignMember, Interaction, Appointment, SocialAction,
    )
]  # fmt: skip
Rows = dict[str, list[dict[str, Any]]]


def dump(url: str) -> Rows:
    """Every row of the prospect-file tables, in id order."""
    engine = make_engine(url)
    with engine.connect() as conn:
        out = {
            t.name: [dict(r) for r in conn.execute(select(t).order_by(t.c.id)).mappings()]
            for t in TABLES
        }
        users = conn.execute(select(User.id, User.email, User.role)).all()
    engine.dispose()
    out["users"] = [{"id": u.id, "email": u.email, "role": u.role} for u in users]
    return out


def seed_fresh(url: str) -> None:
    migrate(url)
    engine = make_engine(url)
    with make_session_factory(engine).begin() as session:
        seed_demo(session)
    engine.dispose()


@pytest.fixture(scope="module")
def seeded_url(demo_database: Callable[[], str]) -> str:
    return demo_database()


@pytest.fixture(scope="module")
def data(seeded_url: str) -> Rows:
    return dump(seeded_url)


def by_id(rows: list[dict[str, Any]]) -> dict[int, dict[str, Any]]:
    return {r["id"]: r for r in rows}


def grouped(rows: list[dict[str, Any]], key: str) -> dict[Any, list[dict[str, Any]]]:
    out: dict[Any, list[dict[str, Any]]] = defaultdict(list)
    for r in rows:
        out[r[key]].append(r)
    return out


def trainee_ids(data: Rows) -> list[int]:
    return [u["id"] for u in data["users"] if u["role"] is Role.TRAINEE]


def social_exchanges(data: Rows) -> set[int]:
    """The exchanges the social seed recorded (its month around today)."""
    return {a["interaction_id"] for a in data["social_actions"]}


# ------------------------------------------------------------------ volumes and spread


def test_every_trainee_gets_a_file_of_both_kinds_across_the_lifecycle(data: Rows) -> None:
    prospects = data["prospects"]
    assert 1900 <= len(prospects) <= 2100
    owners = grouped(prospects, "owner_id")
    assert sorted(owners) == sorted(trainee_ids(data))
    for rows in owners.values():
        assert 160 <= len(rows) <= 170
        assert {r["kind"].value for r in rows} == {"company", "individual"}
        assert len({r["status"] for r in rows}) == 6
    kinds = Counter(r["kind"].value for r in prospects)
    assert 0.5 <= kinds["company"] / len(prospects) <= 0.7
    assert {r["status"].value for r in prospects} == {
        "suspect", "prospect", "qualified", "customer", "inactive", "lost",
    }  # fmt: skip
    priorities = Counter(r["priority"].value for r in prospects)
    assert set(priorities) == {"A", "B", "C"}
    assert min(priorities.values()) >= 50
    assert {r["source"].value for r in prospects} == {
        "campaign", "import", "event", "referral", "social", "inbound",
    }  # fmt: skip
    assert any(r["tags"] for r in prospects)


def test_targeting_personas_scripts_and_campaigns_per_trainee(data: Rows) -> None:
    for owner in trainee_ids(data):
        personas = [p for p in data["personas"] if p["owner_id"] == owner]
        scripts = [s for s in data["call_scripts"] if s["owner_id"] == owner]
        campaigns = [c for c in data["campaigns"] if c["owner_id"] == owner]
        assert 2 <= len(personas) <= 3
        assert len(scripts) == 2
        assert 1 <= len(campaigns) <= 2
        for persona in personas:
            geography = persona["postcodes"] or persona["radius_km"]
            assert geography
            assert persona["potential_min"] < persona["potential_max"]
        for script in scripts:
            kinds = [step["kind"] for step in script["steps"]]
            assert kinds == [k.value for k in ScriptStepKind]
            assert all(len(step["text"]) > 60 for step in script["steps"])
            assert not any("{" in step["text"] for step in script["steps"])
        for campaign in campaigns:
            assert campaign["persona_id"] in {p["id"] for p in personas}
            assert campaign["starts_on"] < campaign["ends_on"]
            assert campaign["objective_contacts"]
            assert campaign["objective_appointments"]
            if campaign["channel"] is Channel.SMS:
                assert "STOP" in campaign["message_template"]
        members = [m for m in data["campaign_members"] if m["owner_id"] == owner]
        assert members


def test_contacts_and_interactions_volumes(data: Rows) -> None:
    prospects = by_id(data["prospects"])
    contacts = grouped(data["contacts"], "prospect_id")
    for pid, p in prospects.items():
        if p["kind"].value == "company":
            assert 1 <= len(contacts[pid]) <= 3
            assert any(c["decision_power"].value == "decision_maker" for c in contacts[pid])
        else:
            assert pid not in contacts
    per_prospect = Counter(i["prospect_id"] for i in data["interactions"])
    counts = list(per_prospect.values())
    assert 3 <= statistics.mean(counts) <= 6
    assert 3 <= statistics.median(counts) <= 6
    assert len(per_prospect) >= 0.75 * len(prospects)
    interactions = data["interactions"]
    assert any(i["budget"] and i["authority"] and i["timing"] for i in interactions)
    assert 3 <= sum(1 for i in interactions if i["accessibility_needs"]) <= 200
    assert all(i["accessibility_adaptation"] for i in interactions if i["accessibility_needs"])
    assert all(i["notes"] and "{" not in i["notes"] for i in interactions)


# ------------------------------------------------------------------ identifiers and places


def communes() -> dict[tuple[str, str], dict[str, str]]:
    with (DATA_DIR / "communes_ara.csv").open(encoding="utf-8", newline="") as fh:
        return {(r["postcode"], r["city"]): r for r in csv.DictReader(fh)}


def test_the_communes_file_is_the_area_with_real_postcodes() -> None:
    rows = list(communes().values())
    assert len({r["commune"] for r in rows}) >= 120
    lat_min, lat_max, lon_min, lon_max = AREA_BOUNDS
    for r in rows:
        assert r["department"] in {"01", "38", "42", "69"}
        assert r["postcode"][:2] == r["department"]
        assert validation.postcode(r["postcode"]) == r["postcode"]
        assert re.fullmatch(r"\d+\.\d{4}", r["latitude"])
        assert re.fullmatch(r"\d+\.\d{4}", r["longitude"])
        assert lat_min <= float(r["latitude"]) <= lat_max
        assert lon_min <= float(r["longitude"]) <= lon_max
    known = {(r["city"], r["postcode"]) for r in rows}
    assert {("Lyon", f"6900{n}") for n in range(1, 10)} <= known
    assert {
        ("Villeurbanne", "69100"), ("Vénissieux", "69200"), ("Grenoble", "38000"),
        ("Bourg-en-Bresse", "01000"), ("Saint-Étienne", "42000"), ("Vienne", "38200"),
        ("Villefranche-sur-Saône", "69400"),
    } <= known  # fmt: skip
    assert not any(city == "Annemasse" for city, _ in known)


def test_identifiers_and_contact_data_are_valid(data: Rows) -> None:
    sectors = json.loads((DATA_DIR / "sectors.json").read_text(encoding="utf-8"))["sectors"]
    naf_by_sector = {s["label"]: {naf["code"] for naf in s["naf"]} for s in sectors}
    places = communes()
    lat_min, lat_max, lon_min, lon_max = AREA_BOUNDS
    sirets: Counter[tuple[int, str]] = Counter()
    for p in data["prospects"]:
        if p["kind"].value == "company":
            assert stdnum_siret.is_valid(p["siret"]), p["siret"]
            assert stdnum_siren.is_valid(p["siren"])
            assert p["siret"].startswith(p["siren"])
            assert validation.naf_code(p["naf_code"]) == p["naf_code"]
            assert p["naf_code"] in naf_by_sector[p["sector"]]
            assert p["size_band"] is not None
            assert re.fullmatch(r"\+3346571\d{4}", p["phone"]), p["phone"]  # fiction range
            if p["website"]:
                assert validation.website(p["website"]) == p["website"]
            sirets[(p["owner_id"], p["siret"])] += 1
        else:
            assert p["siret"] is None
            assert p["siren"] is None
            assert p["naf_code"] is None
            if p["phone"]:
                assert re.fullmatch(r"\+3397740\d{4}", p["phone"]), p["phone"]  # fiction range
        if p["phone"]:
            assert validation.phone(p["phone"]) == p["phone"]
        if p["email"]:
            assert validation.email(p["email"]) == p["email"]
            assert p["email"].endswith(".example"), p["email"]  # nobody real can be reached
        if p["website"]:
            assert p["website"].endswith(".example"), p["website"]
        assert lat_min <= p["latitude"] <= lat_max
        assert lon_min <= p["longitude"] <= lon_max
        commune = places[(p["postcode"], p["city"])]
        distance = rules.haversine_km(
            p["latitude"], p["longitude"], float(commune["latitude"]), float(commune["longitude"])
        )
        assert distance <= JITTER_KM + 0.01
        assert re.match(r"^\d+( bis)? |^(zone|parc) ", p["address"]), p["address"]
        assert p["search_text"] == fold(" ".join(filter(None, [p["name"], p["city"], p["siret"]])))
    assert max(sirets.values()) == 1
    for c in data["contacts"]:
        assert c["last_name"]
        assert c["first_name"]
        assert c["job_title"]
        if c["phone"]:
            assert re.fullmatch(r"\+3397740\d{4}", c["phone"])
            assert validation.phone(c["phone"]) == c["phone"]
        if c["email"]:
            assert validation.email(c["email"]) == c["email"]
            assert c["email"].endswith(".example"), c["email"]


# ------------------------------------------------------------------ lifecycle and RGPD facts


def test_status_histories_follow_the_lifecycle_to_the_final_status(data: Rows) -> None:
    changes = grouped(data["prospect_status_changes"], "prospect_id")
    for p in data["prospects"]:
        history = sorted(changes[p["id"]], key=lambda c: (c["changed_at"], c["id"]))
        assert history[0]["from_status"] is None
        assert history[0]["changed_at"] == p["created_at"]
        for before, after in itertools.pairwise(history):
            assert after["from_status"] is before["to_status"]
            assert after["to_status"] in rules.allowed_transitions(before["to_status"])
            assert after["changed_at"] >= before["changed_at"]
        assert history[-1]["to_status"] is p["status"]
        assert all(c["changed_by"] == p["owner_id"] for c in history)
        status = p["status"].value
        assert (p["lost_reason"] is not None) == (status == "lost")
        if status == "customer":
            assert p["customer_since"] is not None
            assert p["relationship_ended_at"] is None
        if p["ongoing_contract"]:
            assert status == "customer"
        if p["relationship_ended_at"] is not None:
            assert p["customer_since"] is not None
            assert status in ("inactive", "lost")
        if p["objected_at"] is not None:
            assert status == "lost"
    statuses = Counter(p["status"].value for p in data["prospects"] if p["ongoing_contract"])
    assert statuses["customer"] > 50
    assert any(p["relationship_ended_at"] for p in data["prospects"])
    assert any(p["objected_at"] for p in data["prospects"])
    prospects = by_id(data["prospects"])
    objecting = [c for c in data["contacts"] if c["objected_at"] is not None]
    assert objecting
    assert all(prospects[c["prospect_id"]]["status"].value == "lost" for c in objecting)


def test_contact_dates_follow_the_interactions(data: Rows) -> None:
    interactions = grouped(data["interactions"], "prospect_id")
    appointments = {a["interaction_id"]: a for a in data["appointments"]}
    nexts: Counter[str] = Counter()
    for p in data["prospects"]:
        mine = interactions.get(p["id"], [])
        assert all(i["occurred_at"] >= p["created_at"] for i in mine)
        if not mine:
            assert p["last_contact_at"] is None
            assert p["last_inbound_contact_at"] is None
        else:
            last = max(mine, key=lambda i: i["occurred_at"])
            assert p["last_contact_at"] == last["occurred_at"]
            inbound = [i["occurred_at"] for i in mine if i["direction"].value == "inbound"]
            assert p["last_inbound_contact_at"] == (max(inbound) if inbound else None)
            if last["id"] in appointments:
                starts = appointments[last["id"]]["starts_at"]
                assert p["next_contact_on"] == starts.date()
            elif last["outcome"] in rules.CLOSING_OUTCOMES:
                assert p["next_contact_on"] is None
            else:
                assert p["next_contact_on"] == last["next_contact_on"]
        if p["next_contact_on"] is not None:
            delta = (p["next_contact_on"] - REFERENCE_DATE).days
            nexts["overdue" if delta < 0 else "today" if delta == 0 else "week" if delta < 7 else "later"] += 1  # fmt: skip
    assert all(nexts[k] >= 30 for k in ("overdue", "today", "week", "later")), nexts
    social = social_exchanges(data)
    assert social
    for i in data["interactions"]:
        assert datetime.combine(WINDOW_START, time(), PARIS) <= i["occurred_at"]
        if i["id"] in social:
            assert i["occurred_at"] < datetime.now(UTC)
        else:
            assert i["occurred_at"] < datetime.combine(REFERENCE_DATE, time(), PARIS)
        needs_next = i["outcome"] not in rules.CLOSING_OUTCOMES and i["id"] not in appointments
        assert (i["next_contact_on"] is not None) == needs_next
        if i["next_contact_on"] is not None:
            assert i["next_contact_on"] > i["occurred_at"].date()


def test_bloctel_flags_on_consumer_phones(data: Rows) -> None:
    for p in data["prospects"]:
        if p["bloctel_checked_on"] is not None:
            assert p["kind"].value == "individual"
            assert p["phone"]
            assert p["bloctel_opposed"] is not None
        else:
            assert p["bloctel_opposed"] is None
    checked = [p for p in data["prospects"] if p["bloctel_checked_on"]]
    assert len(checked) > 100
    assert any(p["bloctel_opposed"] for p in checked)


def test_consent_histories_hold_refusals_and_withdrawals(data: Rows) -> None:
    prospects = by_id(data["prospects"])
    contacts = by_id(data["contacts"])
    records = data["consent_records"]
    statuses = Counter(r["status"].value for r in records)
    assert statuses["granted"] > 500
    assert statuses["refused"] > 50
    assert statuses["withdrawn"] > 50
    assert {r["channel"].value for r in records} == {"email", "sms", "phone", "postal"}
    assert Counter(r["purpose"].value for r in records).most_common(1)[0][0] == "prospecting"
    histories = defaultdict(list)
    for r in records:
        p = prospects[r["prospect_id"]]
        assert r["recorded_by"] == p["owner_id"] == r["owner_id"]
        assert r["text_version"] or r["status"].value != "granted"
        assert r["proof_reference"]
        if r["contact_id"] is not None:
            assert contacts[r["contact_id"]]["prospect_id"] == p["id"]
        elif p["kind"].value == "company":
            assert r["status"].value != "granted"  # a company is not a person
        histories[(r["prospect_id"], r["contact_id"], r["purpose"], r["channel"])].append(r)
    withdrawn_after_grant = 0
    for history in histories.values():
        history.sort(key=lambda r: r["given_at"])
        assert len({r["given_at"] for r in history}) == len(history)
        for before, after in itertools.pairwise(history):
            if before["status"].value == "granted" and after["status"].value == "withdrawn":
                withdrawn_after_grant += 1
    assert withdrawn_after_grant > 50
    assert any(r["contact_id"] is None for r in records)
    assert any(r["contact_id"] is not None for r in records)


# ------------------------------------------------------------------ the channel policy


def context_at(
    p: dict[str, Any],
    contact: dict[str, Any] | None,
    consents: dict[tuple[int, int | None, str], list[dict[str, Any]]],
    channel: Channel,
    at: datetime,
    *,
    analogous_offer: bool,
    about_contract: bool,
) -> policy.ContactContext:
    """The policy's inputs for a contact at ``at``, as the server derives them
    (consent.service.contact_context), with the history as it stood then: the latest consent
    given at or before ``at``, an objection made before it, a customer since that day."""
    consent = None
    if channel.value in ("email", "sms", "phone", "postal"):
        key = (p["id"], contact["id"] if contact else None, channel.value)
        earlier = [r for r in consents.get(key, []) if r["given_at"] <= at]
        if earlier:
            latest = max(earlier, key=lambda r: (r["given_at"], r["id"]))
            consent = policy.ConsentState(latest["status"], latest["lawful_basis"])
    objected = any(
        moment is not None and moment <= at
        for moment in (p["objected_at"], contact["objected_at"] if contact else None)
    )
    return policy.ContactContext(
        b2b=p["kind"].value == "company",
        channel=channel,
        on=at.date(),
        consent=consent,
        objected=objected,
        existing_customer=p["customer_since"] is not None and p["customer_since"] <= at.date(),
        analogous_offer=analogous_offer,
        ongoing_contract=p["ongoing_contract"],
        about_contract=about_contract,
        bloctel_opposed=p["bloctel_opposed"],
        bloctel_checked_on=p["bloctel_checked_on"],
    )


def consent_index(data: Rows) -> dict[tuple[int, int | None, str], list[dict[str, Any]]]:
    out: dict[tuple[int, int | None, str], list[dict[str, Any]]] = defaultdict(list)
    for r in data["consent_records"]:
        if r["purpose"].value == "prospecting":
            out[(r["prospect_id"], r["contact_id"], r["channel"].value)].append(r)
    return out


def test_every_outbound_interaction_is_allowed_by_the_policy_at_its_date(data: Rows) -> None:
    prospects = by_id(data["prospects"])
    contacts = by_id(data["contacts"])
    campaigns = by_id(data["campaigns"])
    members = {(m["campaign_id"], m["prospect_id"]) for m in data["campaign_members"]}
    consents = consent_index(data)
    rules_seen: Counter[str] = Counter()
    for i in data["interactions"]:
        p = prospects[i["prospect_id"]]
        contact = contacts[i["contact_id"]] if i["contact_id"] else None
        if contact is not None:
            assert contact["prospect_id"] == p["id"]
        campaign = campaigns[i["campaign_id"]] if i["campaign_id"] else None
        if campaign is not None:
            assert (campaign["id"], p["id"]) in members
            assert campaign["starts_on"] <= i["occurred_at"].date() <= campaign["ends_on"]
            assert campaign["channel"] is i["channel"]
        if i["direction"].value == "inbound":
            assert i["policy_rule"] is None
            continue
        # What the server is told but does not keep: whether the call is about the contract
        # (its rule says so) and whether the offer is analogous (the campaign's flag).
        ctx = context_at(
            p, contact, consents, i["channel"], i["occurred_at"],
            analogous_offer=bool(campaign and campaign["analogous_offer"]),
            about_contract=i["policy_rule"] == "b2c-phone-contract-exception",
        )  # fmt: skip
        decision = policy.decide(ctx)
        assert decision.allowed, (i, decision)
        assert i["policy_rule"] == decision.rule
        rules_seen[decision.rule] += 1
    # Both consumer phone regimes, the consent exceptions and the opt-out rules all occur.
    for rule in (
        "b2b-phone-opt-out", "b2b-email-opt-out", "b2c-phone-opt-out", "b2c-phone-consent",
        "b2c-phone-contract-exception", "b2c-email-consent", "sms-consent", "postal-opt-out",
        "channel-not-regulated",
    ):  # fmt: skip
        assert rules_seen[rule] > 0, rule
    b2c_calls = [
        i
        for i in data["interactions"]
        if i["direction"].value == "outbound"
        and i["channel"] is Channel.PHONE
        and prospects[i["prospect_id"]]["kind"].value == "individual"
    ]
    regime = policy.PHONE_CONSENT_REGIME_START
    assert any(i["occurred_at"].date() < regime for i in b2c_calls)
    assert any(i["occurred_at"].date() >= regime for i in b2c_calls)


def test_campaign_members_were_allowed_when_added(data: Rows) -> None:
    prospects = by_id(data["prospects"])
    campaigns = by_id(data["campaigns"])
    consents = consent_index(data)
    for m in data["campaign_members"]:
        p, campaign = prospects[m["prospect_id"]], campaigns[m["campaign_id"]]
        assert m["owner_id"] == p["owner_id"] == campaign["owner_id"]
        assert p["created_at"] < m["added_at"]
        ctx = context_at(
            p, None, consents, campaign["channel"], m["added_at"],
            analogous_offer=campaign["analogous_offer"], about_contract=False,
        )  # fmt: skip
        assert policy.decide(ctx).allowed


# ------------------------------------------------------------------ appointments


def test_appointments_come_from_appointment_outcomes_and_some_are_ahead(data: Rows) -> None:
    prospects = by_id(data["prospects"])
    interactions = by_id(data["interactions"])
    appointments = data["appointments"]
    with_outcome = {i["id"] for i in data["interactions"] if i["outcome"].value == "appointment"}
    assert {a["interaction_id"] for a in appointments} == with_outcome
    assert len(appointments) == len(with_outcome)
    reference = datetime.combine(REFERENCE_DATE, time(), PARIS)
    horizon = reference + timedelta(days=22)
    social = social_exchanges(data)
    ahead: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for a in appointments:
        p = prospects[a["prospect_id"]]
        interaction = interactions[a["interaction_id"]]
        assert a["starts_at"].tzinfo is not None
        assert a["starts_at"] > interaction["occurred_at"]
        assert a["contact_id"] == interaction["contact_id"]
        assert a["place"] == f"{p['address']}, {p['postcode']} {p['city']}"
        assert (a["latitude"], a["longitude"]) == (p["latitude"], p["longitude"])
        local = a["starts_at"].astimezone(PARIS)
        assert local.weekday() < 5, local
        assert 8 <= local.hour <= 18, local
        if a["interaction_id"] in social:  # set by a message of the social seed's month
            assert a["status"].value == "planned"
            assert a["starts_at"] > datetime.now(UTC)
            ahead[a["owner_id"]].append(a)
        elif a["starts_at"] >= reference:
            assert a["status"].value == "planned"
            assert a["starts_at"] < horizon
            ahead[a["owner_id"]].append(a)
        else:
            assert a["status"].value in ("done", "cancelled")
    assert sum(len(v) for v in ahead.values()) >= 120
    assert sorted(ahead) == sorted(trainee_ids(data))
    for owner, planned in ahead.items():
        starts = [a["starts_at"] for a in planned]
        assert len(starts) == len(set(starts)), f"two appointments at once for {owner}"
    assert any(a["status"].value == "cancelled" for a in appointments)


# ------------------------------------------------------------------ determinism, idempotency


def test_the_generator_is_deterministic_and_ignores_the_clock() -> None:
    first = build_world(5, "Hugo")
    assert build_world(5, "Hugo") == first
    assert build_world(6, "Hugo").prospects != first.prospects
    # No wall-clock date anywhere: every moment lies before the reference date + 3 weeks.
    limit = datetime.combine(REFERENCE_DATE + timedelta(days=21), time(), UTC)
    moments = [p.row["created_at"] for p in first.prospects] + [
        i.row["occurred_at"] for p in first.prospects for i in p.interactions
    ]
    assert max(moments) < limit


def test_two_fresh_databases_get_the_same_rows(
    seeded_url: str,
    data: Rows,
    new_database: Callable[[], str],
    demo_template: DemoTemplate,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The one seed of an empty database besides the template's: same rows, and seeding it
    again changes nothing at all. The social seed's month is the template's (a run may pass
    midnight)."""
    monkeypatch.setattr(social_seed, "today", lambda: demo_template.report.social.on)
    other = new_database()
    seed_fresh(other)
    assert dump(other) == data
    engine = make_engine(other)
    with make_session_factory(engine).begin() as session:
        before = snapshot(session)
        report = seed_demo(session)
        session.flush()
        assert snapshot(session) == before
    engine.dispose()
    assert (report.created, report.existing, report.evidence) == (0, 15, 0)


def test_seeding_again_changes_nothing(seeded_url: str, data: Rows) -> None:
    engine = make_engine(seeded_url)
    with make_session_factory(engine).begin() as session:
        report = seed_demo(session)
    engine.dispose()
    assert report.created == 0
    assert report.prospects.trainees_seeded == 0
    assert report.prospects.trainees_skipped == 12
    assert report.prospects.prospects == 0
    assert "rien à ajouter" in report.prospects.summary()
    assert dump(seeded_url) == data


def test_a_trainee_with_a_file_gets_nothing_new(db: Session) -> None:
    org = make_org(db)
    third = make_user(db, org, Role.TRAINEE, email="stagiaire03@demo.capvente.fr")
    fifth = make_user(db, org, Role.TRAINEE, email="stagiaire05@demo.capvente.fr")
    first = seed_prospects(db, org, [third])
    assert first.trainees_seeded == 1
    assert 160 <= first.prospects <= 170
    mine = select(Prospect.id).where(Prospect.owner_id == third.id).order_by(Prospect.id)
    before = db.scalars(mine).all()
    second = seed_prospects(db, org, [third, fifth])
    assert (second.trainees_seeded, second.trainees_skipped) == (1, 1)
    assert db.scalars(mine).all() == before
    names = db.scalars(
        select(Prospect.name).where(Prospect.owner_id == fifth.id).order_by(Prospect.id)
    )
    world = seed_module.generate_world(5, fifth.full_name.split(" ")[0])
    assert list(names) == [p.row["name"] for p in world.prospects]
    assert "prospects :" in second.summary()


# ------------------------------------------------------------------ through the API


def login(client: TestClient, email: str) -> dict[str, str]:
    response = client.post(
        "/api/v1/auth/token", data={"username": email, "password": DEMO_PASSWORD}
    )
    assert response.status_code == 200
    return {"Authorization": f"Bearer {response.json()['access_token']}"}


@pytest.mark.demo
def test_a_demo_trainee_lists_their_own_prospects(client: TestClient, db: Session) -> None:
    me = db.scalar(select(User).where(User.email == "stagiaire01@demo.capvente.fr"))
    assert me is not None
    headers = login(client, me.email)
    page = client.get("/api/v1/prospects?limit=200", headers=headers)
    assert page.status_code == 200
    body = page.json()
    assert 160 <= body["total"] <= 170
    assert len(body["items"]) == body["total"]
    assert {item["owner_id"] for item in body["items"]} == {me.id}
    other = db.scalar(
        select(Prospect)
        .join(User, User.id == Prospect.owner_id)
        .where(User.email == "stagiaire02@demo.capvente.fr")
    )
    assert other is not None
    assert client.get(f"/api/v1/prospects/{other.id}", headers=headers).status_code == 404
    hot = client.get(
        f"/api/v1/prospects?limit=200&next_contact_before={REFERENCE_DATE.isoformat()}",
        headers=headers,
    )
    assert hot.status_code == 200
    assert 0 < hot.json()["total"] < body["total"]


def test_seeded_positions_say_they_are_made_up(data: Rows) -> None:
    placed = [p for p in data["prospects"] if p["latitude"] is not None]
    assert len(placed) == len(data["prospects"])
    # Not « fournie » (no origin) nor a geocoder's: the demo's own made-up positions.
    assert {(p["geocode_provider"], p["geocode_precision"], p["geocoded_at"]) for p in placed} == {
        (GeocodeProvider.DEMO, None, None)
    }


@pytest.mark.demo
def test_a_demo_position_follows_its_address_once_edited(client: TestClient, db: Session) -> None:
    headers = login(client, "stagiaire01@demo.capvente.fr")
    items = client.get("/api/v1/prospects?limit=2", headers=headers).json()["items"]
    assert [i["geocode_provider"] for i in items] == ["demo", "demo"]
    renamed, moved = items
    # Another field edited: the position stays the demo's.
    response = client.patch(f"/api/v1/prospects/{renamed['id']}", headers=headers,
                            json={"version": renamed["version"], "name": "Nouveau nom"})  # fmt: skip
    assert response.status_code == 200, response.text
    assert response.json()["geocode_provider"] == "demo"
    assert response.json()["latitude"] == renamed["latitude"]
    # A real address typed over the made-up one: placed by the geocoder (the commune).
    response = client.patch(f"/api/v1/prospects/{moved['id']}", headers=headers,
                            json={"version": moved["version"], "address": "1 place Bellecour",
                                  "postcode": "69002", "city": "Lyon"})  # fmt: skip
    assert response.status_code == 200, response.text
    out = response.json()
    assert (out["geocode_provider"], out["geocode_precision"]) == ("offline", "commune")
    assert (out["latitude"], out["longitude"]) != (moved["latitude"], moved["longitude"])


def test_the_report_reads_as_one_french_line() -> None:
    report = seed_module.ProspectSeedReport(trainees_seeded=12, prospects=1990, contacts=2100)
    assert report.summary().startswith("prospects : 1990 créé(s) pour 12 stagiaire(s)")


def test_paris_times_match_the_tz_database() -> None:
    for day in (date(2026, 3, 27), date(2026, 3, 30), date(2026, 10, 23), date(2026, 10, 26)):
        expected = datetime.combine(day, time(10, 30), PARIS).astimezone(UTC)
        assert seed_module.paris(day, 10, 30) == expected
        assert seed_module.paris_date(expected) == day
