"""Exercises and their simulated market through the API (app/exercises/README.md): a
trainer builds an exercise from a template, publishes and assigns it; a trainee starts a
run (the market's people enter the file), calls (the channel policy first, then the market
answers, written as the file's interactions), advances the clock (appointments held or
missed, customers' later events), submits; results in JSON and CSV; the same seed gives
the same run; scoping, bad input and evidence."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.business_cases import service as cases
from app.business_cases.document import BusinessCaseDocument
from app.core.principal import Principal
from app.models import (
    Appointment,
    EvidenceLink,
    EvidenceRecord,
    ExerciseRun,
    Interaction,
    MarketEvent,
    MarketPerson,
    Prospect,
    ProspectKind,
    Role,
    User,
)
from tests.factories import bearer, make_cohort, make_org, make_user, snapshot

EXAMPLE = Path(__file__).parent / "data" / "business_case_example.json"
API = "/api/v1"
PROBLEM = "application/problem+json"
MONDAY = date(2026, 9, 14)  # after 11 August 2026: consumers are phoned with consent only
CALL_OUTCOMES = {"no_answer", "gatekeeper", "callback", "appointment", "not_interested",
                 "objection", "wrong_target"}  # fmt: skip


@pytest.fixture
def world(db: Session) -> dict[str, Any]:
    org = make_org(db)
    trainer = make_user(db, org, Role.TRAINER)
    cohort = make_cohort(db, org, trainers=[trainer])
    trainee = make_user(db, org, cohort=cohort)
    other = make_user(db, org, cohort=cohort)
    principal = Principal(user_id=trainer.id, organisation_id=org.id, role=Role.TRAINER,
                          cohort_id=None, scopes=frozenset())  # fmt: skip
    doc = BusinessCaseDocument.model_validate(json.loads(EXAMPLE.read_text(encoding="utf-8")))
    case = cases.create_case(db, principal, doc)
    cases.publish(db, principal, case, case.version)
    db.flush()
    return {"org": org, "trainer": trainer, "cohort": cohort, "trainee": trainee,
            "other": other, "case": case}  # fmt: skip


def call(client: TestClient, user: User, method: str, path: str, body: Any = None,
         code: int = 200, **params: Any) -> Any:  # fmt: skip
    response = client.request(method, API + path, json=body, params=params or None,
                              headers=bearer(user))  # fmt: skip
    assert response.status_code == code, (method, path, response.status_code, response.text)
    if code >= 400:
        assert response.headers["content-type"] == PROBLEM, response.text
    return (
        response.json()
        if response.content and "json" in response.headers["content-type"]
        else response.text
    )


def new_exercise(client: TestClient, world: dict[str, Any], **fields: Any) -> dict[str, Any]:
    body = {"title": "Phoning de rentrée", "template": "phoning-2026",
            "business_case_id": world["case"].id, "starts_on": MONDAY.isoformat(),
            "seed": 424242, "market": {"population": 60}, **fields}  # fmt: skip
    return call(client, world["trainer"], "POST", "/exercises", body, 201)


def published_run(client: TestClient, world: dict[str, Any], trainee: User | None = None,
                  **fields: Any) -> tuple[dict[str, Any], dict[str, Any]]:  # fmt: skip
    trainee = trainee or world["trainee"]
    exercise = new_exercise(client, world, **fields)
    exercise = call(client, world["trainer"], "POST", f"/exercises/{exercise['id']}/publish",
                    {"version": exercise["version"]})  # fmt: skip
    runs = call(client, world["trainer"], "POST", f"/exercises/{exercise['id']}/assignments",
                {"trainee_ids": [trainee.id]}, 201)  # fmt: skip
    run = call(client, trainee, "POST", f"/exercise-runs/{runs[0]['id']}/start",
               {"version": runs[0]["version"]})  # fmt: skip
    return exercise, run


def market_prospects(db: Session, run_id: int) -> list[tuple[MarketPerson, Prospect]]:
    rows = db.execute(
        select(MarketPerson, Prospect).join(Prospect, Prospect.id == MarketPerson.prospect_id)
        .where(MarketPerson.run_id == run_id).order_by(MarketPerson.id)
    )  # fmt: skip
    return [(person, prospect) for person, prospect in rows]


def companies(db: Session, run_id: int) -> list[Prospect]:
    return [p for _, p in market_prospects(db, run_id) if p.kind is ProspectKind.COMPANY]


# ----------------------------------------------------------------- the trainer's side


def test_a_template_builds_a_draft_the_trainer_publishes_and_assigns(
    client: TestClient, world: dict[str, Any]
) -> None:
    templates = call(client, world["trainer"], "GET", "/exercises/templates")
    assert {t["key"] for t in templates} == {"phoning-2026", "tours-week", "pac-quarter"}
    exercise = new_exercise(client, world)
    assert exercise["status"] == "draft"
    assert exercise["template_key"] == "phoning-2026"
    assert [o["metric"] for o in exercise["objectives"]] == [
        "appointments_taken",
        "contacts",
        "reach_rate",
    ]
    assert exercise["market"]["population"] == 60  # the override wins over the template
    assert exercise["days"] == 10
    # A trainee does not see a draft, even assigned.
    call(client, world["trainer"], "POST", f"/exercises/{exercise['id']}/assignments",
         {"cohort_id": world["cohort"].id}, 201)  # fmt: skip
    assert call(client, world["trainee"], "GET", "/exercises")["items"] == []
    published = call(client, world["trainer"], "POST", f"/exercises/{exercise['id']}/publish",
                     {"version": exercise["version"]})  # fmt: skip
    assert published["status"] == "published"
    assert published["runs"] == {"not_started": 2}
    mine = call(client, world["trainee"], "GET", "/exercises")["items"]
    assert [e["id"] for e in mine] == [exercise["id"]]
    runs = call(client, world["trainer"], "GET", f"/exercises/{exercise['id']}/runs")
    assert {r["trainee_id"] for r in runs["items"]} == {world["trainee"].id, world["other"].id}
    # Assigning again keeps the runs.
    again = call(client, world["trainer"], "POST", f"/exercises/{exercise['id']}/assignments",
                 {"trainee_ids": [world["trainee"].id]}, 201)  # fmt: skip
    assert again == []


@pytest.mark.parametrize(("body", "field"), [
    ({"days": 0}, "days"),
    ({"days": 367}, "days"),
    ({"objectives": [{"metric": "nope", "target": "3"}]}, "objectives.0.metric"),
    ({"competences": ["CP99.9"]}, "competences.0"),
    ({"template": "inconnu"}, "template"),
    ({"market": {"population": 10_001}}, "market.population"),
    ({"market": {"calls": {"reach_rate": 1.5}}}, "market.calls.reach_rate"),
    ({"market": {"surprise": 1}}, "market.surprise"),
    ({"seed": -1}, "seed"),
    ({"business_case_id": 2_000_000_000}, "business_case_id"),
])  # fmt: skip
def test_bad_exercises_are_refused_on_their_field(client: TestClient, world: dict[str, Any], db: Session,
                                                  body: dict[str, Any], field: str) -> None:  # fmt: skip
    before = snapshot(db)
    base = {"title": "X", "business_case_id": world["case"].id}
    problem = call(client, world["trainer"], "POST", "/exercises", base | body, 422)
    assert field in {e["field"] for e in problem["errors"]}, problem
    assert snapshot(db) == before


def test_a_trainee_neither_creates_nor_reads_the_organisation_s_exercises(
    client: TestClient, world: dict[str, Any], db: Session
) -> None:
    call(client, world["trainee"], "POST", "/exercises", {"title": "X"}, 403)
    exercise = new_exercise(client, world)
    call(client, world["trainee"], "GET", f"/exercises/{exercise['id']}", code=404)
    call(client, world["trainee"], "GET", f"/exercises/{exercise['id']}/results", code=404)
    # Another organisation's trainer sees nothing of it.
    stranger = make_user(db, make_org(db), Role.TRAINER)
    call(client, stranger, "GET", f"/exercises/{exercise['id']}", code=404)
    call(client, stranger, "POST", f"/exercises/{exercise['id']}/assignments",
         {"trainee_ids": [world["trainee"].id]}, 404)  # fmt: skip
    assert call(client, stranger, "GET", "/exercises")["items"] == []


def test_a_trainer_assigns_and_reads_the_runs_of_the_trainees_they_follow(
    client: TestClient, world: dict[str, Any], db: Session
) -> None:
    # The one scoping rule: another cohort's trainee is the admin's or their trainer's.
    other_cohort = make_cohort(db, world["org"])
    outsider = make_user(db, world["org"], cohort=other_cohort)
    admin = make_user(db, world["org"], Role.ADMIN)
    db.commit()
    exercise = new_exercise(client, world)
    exercise = call(client, world["trainer"], "POST", f"/exercises/{exercise['id']}/publish",
                    {"version": exercise["version"]})  # fmt: skip
    path = f"/exercises/{exercise['id']}/assignments"
    refused = call(client, world["trainer"], "POST", path,
                   {"trainee_ids": [world["trainee"].id, outsider.id]}, 422)  # fmt: skip
    assert refused["errors"][0]["field"] == "trainee_ids.1"
    refused = call(client, world["trainer"], "POST", path, {"cohort_id": other_cohort.id}, 422)
    assert refused["errors"][0]["field"] == "cohort_id"
    assert call(client, world["trainer"], "GET", f"/exercises/{exercise['id']}/runs")["items"] == []
    call(client, world["trainer"], "POST", path, {"cohort_id": world["cohort"].id}, 201)
    call(client, admin, "POST", path, {"trainee_ids": [outsider.id]}, 201)
    followed = {world["trainee"].id, world["other"].id}
    runs = call(client, world["trainer"], "GET", f"/exercises/{exercise['id']}/runs")["items"]
    assert {r["owner_id"] for r in runs} == followed
    runs = call(client, admin, "GET", f"/exercises/{exercise['id']}/runs")["items"]
    assert {r["owner_id"] for r in runs} == followed | {outsider.id}
    outsiders = [r for r in runs if r["owner_id"] == outsider.id]
    call(client, world["trainer"], "GET", f"/exercise-runs/{outsiders[0]['id']}", code=404)


# ----------------------------------------------------------------- the trainee's run


def test_starting_a_run_puts_the_market_in_the_trainee_s_file(
    client: TestClient, world: dict[str, Any], db: Session
) -> None:
    _, run = published_run(client, world)
    assert run["status"] == "running"
    assert run["today"] == MONDAY.isoformat()
    assert run["ends_on"] == "2026-09-23"
    assert run["people"] == 60
    pairs = market_prospects(db, run["id"])
    assert len(pairs) == 60
    assert all(p.owner_id == world["trainee"].id and "marché simulé" in p.tags for _, p in pairs)
    assert {p.kind for _, p in pairs} == {ProspectKind.COMPANY, ProspectKind.INDIVIDUAL}
    # The file lists them like any prospect (search, list), the hidden attributes stay hidden.
    listed = call(client, world["trainee"], "GET", "/prospects", limit=100)
    assert listed["total"] == 60
    assert "price_sensitivity" not in json.dumps(listed)
    # Starting twice, or a second exercise while one runs, is refused.
    call(client, world["trainee"], "POST", f"/exercise-runs/{run['id']}/start",
         {"version": run["version"]}, 409)  # fmt: skip


def test_a_call_is_answered_by_the_market_and_written_in_the_file(
    client: TestClient, world: dict[str, Any], db: Session
) -> None:
    _, run = published_run(client, world)
    target = companies(db, run["id"])[0]
    answer = call(client, world["trainee"], "POST", f"/exercise-runs/{run['id']}/calls",
                  {"prospect_id": target.id, "hour": 9}, 201)  # fmt: skip
    assert answer["outcome"] in CALL_OUTCOMES
    assert answer["day"] == MONDAY.isoformat()
    assert abs(sum(answer["probabilities"].values()) - 1) < 1e-6
    assert answer["probabilities"][answer["outcome"]] > 0
    assert answer["factors"], "the answer says why"
    interaction = db.get(Interaction, answer["interaction_id"])
    assert interaction is not None
    assert interaction.outcome.value == answer["outcome"]
    assert interaction.occurred_at.hour in (7, 8)  # 9:00 in Paris, stored in UTC
    events = db.scalars(select(MarketEvent).where(MarketEvent.run_id == run["id"])).all()
    assert [(e.kind, e.outcome, e.record) for e in events] == [
        ("call", answer["outcome"], f"interaction:{answer['interaction_id']}")
    ]
    # The evidence of the call: once, with its criteria.
    records = db.scalars(
        select(EvidenceRecord).where(EvidenceRecord.trainee_id == world["trainee"].id)
    ).all()
    assert len(records) == 1
    codes = set(
        db.scalars(select(EvidenceLink.code).where(EvidenceLink.evidence_id == records[0].id))
    )
    assert {"CP3.1", "CP3.7"} <= codes


def test_an_illegal_call_is_refused_before_any_draw(
    client: TestClient, world: dict[str, Any], db: Session
) -> None:
    _, run = published_run(client, world)
    pairs = market_prospects(db, run["id"])
    refused = [p for person, p in pairs if p.kind is ProspectKind.INDIVIDUAL
               and person.attributes["phone_consent"] is not True]  # fmt: skip
    assert refused, "the market has consumers without consent to phoning"
    before = snapshot(db)
    problem = call(client, world["trainee"], "POST", f"/exercise-runs/{run['id']}/calls",
                   {"prospect_id": refused[0].id}, 409)  # fmt: skip
    assert ":channel-policy:" in problem["type"]
    db.expire_all()
    assert snapshot(db) == before  # no interaction, no market event, no evidence


def test_calls_to_a_prospect_outside_the_market_or_a_stopped_run_are_refused(
    client: TestClient, world: dict[str, Any], db: Session
) -> None:
    _, run = published_run(client, world)
    problem = call(client, world["trainee"], "POST", f"/exercise-runs/{run['id']}/calls",
                   {"prospect_id": 2_000_000_000}, 422)  # fmt: skip
    assert problem["errors"][0]["field"] == "prospect_id"
    call(client, world["other"], "POST", f"/exercise-runs/{run['id']}/calls",
         {"prospect_id": companies(db, run["id"])[0].id}, 404)  # fmt: skip
    call(client, world["trainee"], "POST", f"/exercise-runs/{run['id']}/calls",
         {"prospect_id": companies(db, run["id"])[0].id, "hour": 24}, 422)  # fmt: skip


def test_the_same_seed_and_the_same_actions_give_the_same_run(
    client: TestClient, world: dict[str, Any], db: Session
) -> None:
    """Two exercises with the same seed for the same trainee: the same market, and the
    same calls to the same people get the same answers, day after day."""
    outcomes = []
    for _ in range(2):
        _, run = published_run(client, world)
        people = {person.person_key: p for person, p in market_prospects(db, run["id"])}
        keys = sorted(k for k, p in people.items() if p.kind is ProspectKind.COMPANY)[:12]
        seen = []
        for day in range(3):
            for key in keys:
                answer = call(client, world["trainee"], "POST", f"/exercise-runs/{run['id']}/calls",
                              {"prospect_id": people[key].id, "hour": 10 + day}, 201)  # fmt: skip
                seen.append((key, answer["outcome"]))
            current = call(client, world["trainee"], "GET", f"/exercise-runs/{run['id']}")
            advanced = call(client, world["trainee"], "POST", f"/exercise-runs/{run['id']}/advance",
                            {"days": 1, "version": current["version"]})  # fmt: skip
            seen += sorted((e["kind"], e["outcome"], e["day"]) for e in advanced["events"])
        names = sorted(p.name for p in people.values())
        outcomes.append((names, seen))
        current = call(client, world["trainee"], "GET", f"/exercise-runs/{run['id']}")
        call(client, world["trainee"], "POST", f"/exercise-runs/{run['id']}/submit",
             {"version": current["version"]})  # fmt: skip
    assert outcomes[0] == outcomes[1]
    assert len({seen[1] for seen in outcomes[0][1]}) > 1, "the answers vary"


def test_another_trainee_gets_a_comparable_but_different_market(
    client: TestClient, world: dict[str, Any], db: Session
) -> None:
    exercise = new_exercise(client, world)
    exercise = call(client, world["trainer"], "POST", f"/exercises/{exercise['id']}/publish",
                    {"version": exercise["version"]})  # fmt: skip
    runs = call(client, world["trainer"], "POST", f"/exercises/{exercise['id']}/assignments",
                {"cohort_id": world["cohort"].id}, 201)  # fmt: skip
    names = []
    for run in runs:
        trainee = db.get(User, run["trainee_id"])
        started = call(
            client,
            trainee,
            "POST",
            f"/exercise-runs/{run['id']}/start",
            {"version": run["version"]},
        )
        names.append({p.name for _, p in market_prospects(db, started["id"])})
    assert len(names[0]) == len(names[1]) == 60 or min(len(n) for n in names) > 50
    assert names[0] != names[1]


def test_advancing_plays_the_days_and_stops_at_the_end(
    client: TestClient, world: dict[str, Any], db: Session
) -> None:
    _, run = published_run(
        client,
        world,
        market={"population": 120, "calls": {"reach_rate": 0.9, "appointment_rate": 0.6}},
    )
    appointments = 0
    for target in companies(db, run["id"])[:30]:
        answer = call(client, world["trainee"], "POST", f"/exercise-runs/{run['id']}/calls",
                      {"prospect_id": target.id, "hour": 16}, 201)  # fmt: skip
        appointments += answer["appointment_id"] is not None
    assert appointments > 0, "a generous market gives appointments"
    current = call(client, world["trainee"], "GET", f"/exercise-runs/{run['id']}")
    advanced = call(client, world["trainee"], "POST", f"/exercise-runs/{run['id']}/advance",
                    {"days": 7, "version": current["version"]})  # fmt: skip
    assert advanced["days_played"] == 7
    assert advanced["run"]["today"] == "2026-09-21"
    kinds = {e["kind"] for e in advanced["events"]}
    assert "appointment" in kinds
    assert all(e["prospect_name"] for e in advanced["events"] if e["prospect_id"])
    db.expire_all()
    statuses = {
        a.status.value
        for a in db.scalars(select(Appointment).where(Appointment.owner_id == world["trainee"].id))
    }
    assert statuses - {"planned"}, "appointments due were held or missed"
    # Only two days are left: asking for more plays two, then the clock stops.
    advanced = call(client, world["trainee"], "POST", f"/exercise-runs/{run['id']}/advance",
                    {"days": 10, "version": advanced["run"]["version"]})  # fmt: skip
    assert advanced["days_played"] == 2
    assert advanced["run"]["today"] == "2026-09-23"
    problem = call(client, world["trainee"], "POST", f"/exercise-runs/{run['id']}/advance",
                   {"days": 1, "version": advanced["run"]["version"]}, 409)  # fmt: skip
    assert problem["type"].endswith("run-ended")
    # The market wrote no evidence: only the trainee's calls are in the journal.
    count = db.scalar(select(func.count()).select_from(EvidenceRecord).where(
        EvidenceRecord.trainee_id == world["trainee"].id))  # fmt: skip
    assert count == 30


def test_submitting_freezes_the_results_the_platform_reads_in_json_and_csv(
    client: TestClient, world: dict[str, Any], db: Session
) -> None:
    exercise, run = published_run(client, world)
    for target in companies(db, run["id"])[:10]:
        call(client, world["trainee"], "POST", f"/exercise-runs/{run['id']}/calls",
             {"prospect_id": target.id, "hour": 9}, 201)  # fmt: skip
    current = call(client, world["trainee"], "GET", f"/exercise-runs/{run['id']}")
    submitted = call(client, world["trainee"], "POST", f"/exercise-runs/{run['id']}/submit",
                     {"version": current["version"]})  # fmt: skip
    assert submitted["status"] == "submitted"
    results = call(client, world["trainer"], "GET", f"/exercises/{exercise['id']}/results")
    mine = results["runs"][0]
    assert mine["trainee_id"] == world["trainee"].id
    assert mine["metrics"]["contacts"] == 10
    objective = next(o for o in mine["objectives"] if o["metric"] == "contacts")
    assert objective["attainment"] == pytest.approx(10 / 120, abs=1e-4)
    assert mine["evidence"]["CP3.1"] == 10
    assert sum(v for k, v in mine["market"].items() if k.startswith("call:")) == 10
    text = call(
        client, world["trainer"], "GET", f"/exercises/{exercise['id']}/results", format="csv"
    )
    rows = list(csv.DictReader(io.StringIO(text), delimiter=";"))
    assert rows[0]["trainee_id"] == str(world["trainee"].id)
    assert rows[0]["contacts"] == "10.0"
    # Submitted: the run takes no more calls.
    call(client, world["trainee"], "POST", f"/exercise-runs/{run['id']}/calls",
         {"prospect_id": companies(db, run["id"])[1].id}, 409)  # fmt: skip
    # Closing the exercise closes the runs.
    exercise = call(client, world["trainer"], "GET", f"/exercises/{exercise['id']}")
    closed = call(client, world["trainer"], "POST", f"/exercises/{exercise['id']}/close",
                  {"version": exercise["version"]})  # fmt: skip
    assert closed["status"] == "closed"
    db.expire_all()
    assert db.get(ExerciseRun, run["id"]).status.value == "closed"


def test_customers_order_complain_and_pay_on_the_simulated_days(
    client: TestClient, world: dict[str, Any], db: Session
) -> None:
    """The trainee sees orders and complaints arrive later, dated on the run's days, in
    the follow-up domain; the market records no evidence."""
    market = {"population": 80, "people": {"customer_share": 0.5},
              "customers": {"mean_reorder_days": 3, "min_reorder_days": 1, "complaints_per_year": 40}}  # fmt: skip
    _, run = published_run(client, world, market=market, days=20)
    current = call(client, world["trainee"], "GET", f"/exercise-runs/{run['id']}")
    advanced = call(client, world["trainee"], "POST", f"/exercise-runs/{run['id']}/advance",
                    {"days": 10, "version": current["version"]})  # fmt: skip
    kinds = [e["kind"] for e in advanced["events"]]
    assert "order" in kinds
    assert "complaint" in kinds
    orders = call(client, world["trainee"], "GET", "/orders", limit=100)
    assert orders["total"] == kinds.count("order")
    days = {o["ordered_on"] for o in orders["items"]}
    assert days <= {f"2026-09-{d:02d}" for d in range(15, 25)}, days
    complaints = call(client, world["trainee"], "GET", "/complaints", limit=100)
    assert complaints["total"] == kinds.count("complaint")
    assert db.scalar(select(func.count()).select_from(EvidenceRecord).where(
        EvidenceRecord.trainee_id == world["trainee"].id)) == 0  # fmt: skip


# ----------------------------------------------------------------- export and import


def test_an_exported_exercise_imports_as_the_same_exercise_with_its_case(
    client: TestClient, world: dict[str, Any], db: Session
) -> None:
    import jsonschema_rs

    from app.exercises import document

    exercise = new_exercise(client, world)
    exported = call(client, world["trainer"], "GET", f"/exercises/{exercise['id']}/export")
    assert exported["schema_version"] == 1
    assert exported["exercise"]["seed"] == 424242
    assert exported["business_case"]["identity"]["name"]
    schema = call(client, world["trainer"], "GET", "/exercises/schema")
    assert schema == document.json_schema()
    assert jsonschema_rs.validator_for(schema).is_valid(exported)
    published = Path(__file__).parents[1] / "docs" / "schemas" / "exercise.schema.json"
    assert published.read_text(encoding="utf-8") == document.schema_text(), (
        "regenerate: python -m app.exercises.document > docs/schemas/exercise.schema.json"
    )
    imported = call(client, world["trainer"], "POST", "/exercises/import", exported, 201)
    assert imported["id"] != exercise["id"]
    assert imported["business_case_id"] != world["case"].id  # a new case, published
    for field in (
        "title",
        "instructions",
        "objectives",
        "competences",
        "days",
        "market",
        "seed",
        "starts_on",
    ):
        assert imported[field] == exercise[field], field
    again = call(client, world["trainer"], "GET", f"/exercises/{imported['id']}/export")
    assert again == exported


def test_a_bad_document_is_refused_whole(
    client: TestClient, world: dict[str, Any], db: Session
) -> None:
    exercise = new_exercise(client, world)
    exported = call(client, world["trainer"], "GET", f"/exercises/{exercise['id']}/export")
    before = snapshot(db)
    broken = json.loads(json.dumps(exported))
    broken["exercise"]["market"]["calls"] = {"reach_rate": 7}
    problem = call(client, world["trainer"], "POST", "/exercises/import", broken, 422)
    assert "exercise.market.calls.reach_rate" in {e["field"] for e in problem["errors"]}
    broken = json.loads(json.dumps(exported))
    broken["business_case"]["catalogue"]["products"] = []
    call(client, world["trainer"], "POST", "/exercises/import", broken, 422)
    call(client, world["trainee"], "POST", "/exercises/import", exported, 403)
    db.expire_all()
    assert snapshot(db) == before


def test_the_market_answers_the_quotes_sent_to_its_people(
    client: TestClient, world: dict[str, Any], db: Session
) -> None:
    market = {
        "population": 40,
        "quotes": {"accept_rate": 0.3, "negotiate_rate": 0.4, "refuse_rate": 0.3},
    }
    _, run = published_run(client, world, market=market)
    trainee = world["trainee"]
    sent = []
    for target in companies(db, run["id"])[:8]:
        opportunity = call(
            client,
            trainee,
            "POST",
            "/opportunities",
            {"prospect_id": target.id, "title": "Fibre"},
            201,
        )
        quote = call(client, trainee, "POST", "/quotes", {"opportunity_id": opportunity["id"], "lines": [
            {"product_reference": "FIB-PRO-500", "quantity": "2"}]}, 201)  # fmt: skip
        sent.append(
            call(
                client,
                trainee,
                "POST",
                f"/quotes/{quote['id']}/send",
                {"version": quote["version"]},
            )
        )
    current = call(client, trainee, "GET", f"/exercise-runs/{run['id']}")
    advanced = call(
        client,
        trainee,
        "POST",
        f"/exercise-runs/{run['id']}/advance",
        {"days": 1, "version": current["version"]},
    )
    answers = {e["record"]: e["outcome"] for e in advanced["events"] if e["kind"] == "quote"}
    assert set(answers) == {f"quote:{q['id']}" for q in sent}
    assert set(answers.values()) <= {"accepted", "negotiated", "refused"}
    for quote in sent:
        status = call(client, trainee, "GET", f"/quotes/{quote['id']}")["status"]
        expected = {"accepted": "accepted", "refused": "refused", "negotiated": "sent"}[
            answers[f"quote:{quote['id']}"]
        ]
        assert status == expected
    negotiated = [r for r, o in answers.items() if o == "negotiated"]
    assert negotiated, "with these parameters and this seed some clients negotiate"
    # Three days later the negotiations end in a yes or a no; nothing is answered twice.
    advanced = call(
        client,
        trainee,
        "POST",
        f"/exercise-runs/{run['id']}/advance",
        {"days": 3, "version": advanced["run"]["version"]},
    )
    finals = {e["record"]: e["outcome"] for e in advanced["events"] if e["kind"] == "quote"}
    assert set(finals) == set(negotiated)
    assert set(finals.values()) <= {"accepted", "refused"}


def test_a_real_days_clock_moves_with_the_calendar_and_the_job_plays_the_days(
    client: TestClient, world: dict[str, Any], db: Session, settings: Any, session_factory: Any
) -> None:
    from datetime import timedelta

    from app.common.clock import utcnow
    from app.exercises.jobs import catch_up_real_days

    _, run = published_run(client, world, clock_mode="real_days")
    assert run["today"] == MONDAY.isoformat()
    problem = call(client, world["trainee"], "POST", f"/exercise-runs/{run['id']}/advance",
                   {"days": 1, "version": run["version"]}, 409)  # fmt: skip
    assert problem["type"].endswith("clock-real-days")
    stored = db.get(ExerciseRun, run["id"])
    assert stored is not None
    stored.started_at = utcnow() - timedelta(days=3)  # started three days ago
    db.flush()
    assert (
        call(client, world["trainee"], "GET", f"/exercise-runs/{run['id']}")["today"]
        == "2026-09-17"
    )
    db.commit()
    assert catch_up_real_days(session_factory, settings) == {run["id"]: 3}
    db.expire_all()
    assert db.get(ExerciseRun, run["id"]).today == date(2026, 9, 17)
    assert catch_up_real_days(session_factory, settings) == {}  # nothing more to play


def imported(n: int, **fields: Any) -> dict[str, Any]:
    return {"kind": "company", "company_name": f"Imprimerie {n}", "first_name": "Anne",
            "last_name": f"Martin{n}", "naf_code": "18.12Z", "segment": "Imprimeries",
            "city": "Lyon", "postcode": "69003", "latitude": 45.76, "longitude": 4.85,
            "phone": f"+33 1 99 00 10 {n:02d}", "email": f"anne{n}@example.com",
            "needs": ["Fibre"], "motives": ["securite", "argent"], "budget": 8000,
            "decision_power": "decision_maker", **fields}  # fmt: skip


def test_an_imported_market_gives_every_trainee_the_same_people(
    client: TestClient, world: dict[str, Any], db: Session
) -> None:
    people = [imported(1), imported(2, receptiveness={"phone": 0.9}),
              imported(3, kind="individual", company_name=None, naf_code=None, phone_consent=True)]  # fmt: skip
    exercise, run = published_run(client, world, population=people)
    assert exercise["imported_people"] == 3
    assert run["people"] == 3
    names = sorted(p.name for _, p in market_prospects(db, run["id"]))
    assert names == ["Anne Martin3", "Imprimerie 1", "Imprimerie 2"]
    consumer = next(
        p for _, p in market_prospects(db, run["id"]) if p.kind is ProspectKind.INDIVIDUAL
    )
    answer = call(client, world["trainee"], "POST", f"/exercise-runs/{run['id']}/calls",
                  {"prospect_id": consumer.id, "hour": 18}, 201)  # consent given: allowed  # fmt: skip
    assert answer["outcome"] in CALL_OUTCOMES
    exported = call(client, world["trainer"], "GET", f"/exercises/{exercise['id']}/export")
    assert [p["last_name"] for p in exported["exercise"]["population"]] == [
        "Martin1",
        "Martin2",
        "Martin3",
    ]
    current = call(client, world["trainer"], "GET", f"/exercises/{exercise['id']}")
    problem = call(client, world["trainer"], "PATCH", f"/exercises/{exercise['id']}",
                   {"version": current["version"], "population": None}, 409)  # fmt: skip
    assert problem["type"].endswith("exercise-started")


@pytest.mark.parametrize(("person", "field"), [
    ({"postcode": "6900"}, "population.0.postcode"),
    ({"motives": ["avarice"]}, "population.0.motives.0"),
    ({"receptiveness": {"telepathy": 0.5}}, "population.0.receptiveness.telepathy.[key]"),
    ({"price_sensitivity": 2}, "population.0.price_sensitivity"),
])  # fmt: skip
def test_a_bad_imported_person_is_refused_on_its_field(
    client: TestClient, world: dict[str, Any], person: dict[str, Any], field: str
) -> None:
    body = {
        "title": "X",
        "business_case_id": world["case"].id,
        "population": [imported(1, **person)],
    }
    problem = call(client, world["trainer"], "POST", "/exercises", body, 422)
    assert any(e["field"].startswith(field.split(".[")[0]) for e in problem["errors"]), problem
