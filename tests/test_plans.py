"""The PAC through the API: a plan under the trainee's case, objectives and their
decomposition, actions, the workflow, progress from the metric registry, coherence findings
and the evidence a submission records."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
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
    BusinessCaseAssignment,
    Campaign,
    CampaignMember,
    Channel,
    EvidenceLink,
    EvidenceRecord,
    Interaction,
    PlanObjective,
    Role,
)
from tests.factories import bearer, make_cohort, make_org, make_prospect, make_user, snapshot

EXAMPLE = Path(__file__).parent / "data" / "business_case_example.json"


def example() -> dict[str, Any]:
    return json.loads(EXAMPLE.read_text(encoding="utf-8"))


@pytest.fixture
def world(db: Session) -> dict[str, Any]:
    org = make_org(db)
    trainer = make_user(db, org, Role.TRAINER)
    cohort = make_cohort(db, org, trainers=[trainer])
    trainee = make_user(db, org, cohort=cohort)
    other = make_user(db, org, cohort=cohort)
    principal = Principal(
        user_id=trainer.id,
        organisation_id=org.id,
        role=Role.TRAINER,
        cohort_id=None,
        scopes=frozenset(),
    )
    doc = BusinessCaseDocument.model_validate(example())
    case = cases.create_case(db, principal, doc)
    cases.publish(db, principal, case, case.version)
    db.add(BusinessCaseAssignment(business_case_id=case.id, cohort_id=cohort.id))
    db.flush()
    return {"org": org, "trainer": trainer, "cohort": cohort, "trainee": trainee,
            "other": other, "case": case, "doc": doc}  # fmt: skip


def new_plan(client: TestClient, user: Any, **fields: Any) -> dict[str, Any]:
    body = {"title": "PAC T1", "period_kind": "quarter", "starts_on": "2027-01-01", **fields}
    r = client.post("/api/v1/plans", json=body, headers=bearer(user))
    assert r.status_code == 201, r.text
    return r.json()


def objective(client: TestClient, user: Any, plan: dict[str, Any], **fields: Any) -> dict[str, Any]:
    r = client.post(f"/api/v1/plans/{plan['id']}/objectives", json=fields, headers=bearer(user))
    assert r.status_code == 201, r.text
    return r.json()


def test_plan_under_the_active_case(client: TestClient, db: Session, world: dict[str, Any]) -> None:
    plan = new_plan(client, world["trainee"])
    assert plan["ends_on"] == "2027-03-31"
    assert plan["status"] == "draft"
    assert plan["business_case_id"] == world["case"].id
    assert plan["business_case_version"] == 1
    # Not the first of a month: refused on the field.
    r = client.post("/api/v1/plans", json={"title": "x", "period_kind": "month", "starts_on": "2027-01-15"},
                    headers=bearer(world["trainee"]))  # fmt: skip
    assert r.status_code == 422
    assert r.json()["errors"][0]["field"] == "starts_on"
    # A trainee with no case cannot plan.
    lonely = make_user(db, world["org"])
    r = client.post("/api/v1/plans", json={"title": "x", "period_kind": "month", "starts_on": "2027-01-01"},
                    headers=bearer(lonely))  # fmt: skip
    assert r.status_code == 409
    assert "cas d'entreprise" in r.json()["detail"]
    # The trainer does not write a trainee's plan.
    r = client.post("/api/v1/plans", json={"title": "x", "period_kind": "month", "starts_on": "2027-01-01"},
                    headers=bearer(world["trainer"]))  # fmt: skip
    assert r.status_code == 403


def test_decomposition_sums_warn_in_draft_and_refuse_submission(
    client: TestClient, db: Session, world: dict[str, Any]
) -> None:
    trainee = world["trainee"]
    plan = new_plan(client, trainee)
    parent = objective(
        client, trainee, plan, metric_code="contacts", label="Contacts", target="300"
    )
    for month, target in (("2027-01", "100"), ("2027-02", "100"), ("2027-03", "90")):
        objective(client, trainee, plan, parent_id=parent["id"], dimension="month", slice_key=month,
                  label=f"Contacts {month}", target=target)  # fmt: skip
    findings = client.get(f"/api/v1/plans/{plan['id']}/findings", headers=bearer(trainee)).json()
    mismatch = [f for f in findings if f["code"] == "decomposition_mismatch"]
    assert len(mismatch) == 1
    assert mismatch[0]["figures"]["sum"] == "290.00"
    before = snapshot(db)
    r = client.post(
        f"/api/v1/plans/{plan['id']}/submit",
        json={"version": plan["version"]},
        headers=bearer(trainee),
    )
    assert r.status_code == 422, r.text
    body = r.json()
    assert body["mismatches"][0]["objective_id"] == parent["id"]
    assert body["mismatches"][0]["sum"] == "290.00"
    assert body["mismatches"][0]["target"] == "300.00"
    assert "290" in body["detail"]
    assert "300" in body["detail"]
    assert snapshot(db) == before
    # A slice outside the period, a bad key, an unknown segment: refused on the field.
    for fields, field in (
        ({"dimension": "month", "slice_key": "2027-05"}, "slice_key"),
        ({"dimension": "week", "slice_key": "2027-W99"}, "slice_key"),
        ({"dimension": "segment", "slice_key": "inconnu"}, "slice_key"),
        ({"dimension": "family", "slice_key": "inconnue"}, "slice_key"),
    ):
        r = client.post(f"/api/v1/plans/{plan['id']}/objectives",
                        json={"parent_id": parent["id"], "label": "x", "target": "1", **fields},
                        headers=bearer(trainee))  # fmt: skip
        assert r.status_code == 422, r.text
        assert r.json()["errors"][0]["field"] == field
    # Fix the sum: the submission goes through.
    march = db.scalar(select(PlanObjective).where(PlanObjective.slice_key == "2027-03"))
    r = client.put(
        f"/api/v1/plans/{plan['id']}/objectives/{march.id}",
        json={"label": "Mars", "target": "100"},
        headers=bearer(trainee),
    )
    assert r.status_code == 200
    r = client.post(
        f"/api/v1/plans/{plan['id']}/submit",
        json={"version": plan["version"]},
        headers=bearer(trainee),
    )
    assert r.status_code == 200, r.text
    assert r.json()["status"] == "submitted"


def test_objective_rules(client: TestClient, world: dict[str, Any]) -> None:
    trainee = world["trainee"]
    plan = new_plan(client, trainee)
    url = f"/api/v1/plans/{plan['id']}/objectives"
    cases_ = [
        ({"metric_code": "nope", "label": "x", "target": "1"}, "metric_code"),
        ({"metric_code": "contacts", "label": "x"}, "target"),
        ({"label": "Qualitatif", "target": "3"}, "target"),
        ({"label": "Qualitatif"}, "success_criterion"),
    ]
    for body, field in cases_:
        r = client.post(url, json=body, headers=bearer(trainee))
        assert r.status_code == 422, r.text
        assert r.json()["errors"][0]["field"] == field
    qual = objective(
        client, trainee, plan, label="Image", success_criterion="Trois retours clients positifs"
    )
    assert qual["metric_code"] is None
    r = client.post(url, json={"parent_id": qual["id"], "dimension": "month", "slice_key": "2027-01",
                               "label": "x", "target": "1"}, headers=bearer(trainee))  # fmt: skip
    assert r.status_code == 422
    assert r.json()["errors"][0]["field"] == "parent_id"


def test_actions_respect_period_policy_and_links(
    client: TestClient, db: Session, world: dict[str, Any]
) -> None:
    trainee, doc = world["trainee"], world["doc"]
    plan = new_plan(client, trainee)
    goal = objective(client, trainee, plan, metric_code="contacts", label="Contacts", target="300")
    segment = doc.market.segments[0].code
    family = doc.families()[0]
    limit = doc.max_discount_for(segment, family)
    url = f"/api/v1/plans/{plan['id']}/actions"
    base = {"title": "Phoning PME", "kind": "phoning", "starts_on": "2027-01-04", "ends_on": "2027-01-29",
            "segment_code": segment, "product_family": family, "hours": "20",
            "contributions": [{"objective_id": goal["id"], "expected": "300"}]}  # fmt: skip
    too_much = client.post(
        url, json={**base, "discount_pct": str(limit + 1)}, headers=bearer(trainee)
    )
    assert too_much.status_code == 422
    assert too_much.json()["errors"][0]["field"] == "discount_pct"
    assert str(limit) in too_much.json()["detail"]
    outside = client.post(url, json={**base, "ends_on": "2027-04-02"}, headers=bearer(trainee))
    assert outside.status_code == 422
    assert outside.json()["errors"][0]["field"] == "ends_on"
    other_campaign = Campaign(owner_id=world["other"].id, name="Pas à moi", channel=Channel.PHONE)
    db.add(other_campaign)
    db.flush()
    r = client.post(
        url, json={**base, "campaign_ids": [other_campaign.id]}, headers=bearer(trainee)
    )
    assert r.status_code == 422
    assert r.json()["errors"][0]["field"] == "campaign_ids.0"
    mine = Campaign(owner_id=trainee.id, name="Relance PME", channel=Channel.PHONE)
    db.add(mine)
    db.flush()
    r = client.post(url, json={**base, "campaign_ids": [mine.id]}, headers=bearer(trainee))
    assert r.status_code == 201, r.text
    action = r.json()
    assert action["campaigns"][0]["id"] == mine.id
    assert action["contributions"] == [{"objective_id": goal["id"], "expected": "300.00"}]
    # Replacing the action without the campaign unlinks it.
    r = client.put(f"{url}/{action['id']}", json={**base, "hours": "25"}, headers=bearer(trainee))
    assert r.status_code == 200
    assert r.json()["campaigns"] == []
    db.expire_all()
    assert db.get(Campaign, mine.id).plan_action_id is None


def test_workflow_validate_return_revise(
    client: TestClient, db: Session, world: dict[str, Any]
) -> None:
    trainee, trainer = world["trainee"], world["trainer"]
    plan = new_plan(client, trainee)
    objective(client, trainee, plan, metric_code="contacts", label="Contacts", target="300")
    submitted = client.post(
        f"/api/v1/plans/{plan['id']}/submit",
        json={"version": plan["version"]},
        headers=bearer(trainee),
    ).json()
    # Frozen while the trainer decides.
    r = client.post(
        f"/api/v1/plans/{plan['id']}/objectives",
        json={"label": "x", "success_criterion": "y"},
        headers=bearer(trainee),
    )
    assert r.status_code == 409
    # Returning needs a comment; the trainee cannot decide.
    assert (
        client.post(
            f"/api/v1/plans/{plan['id']}/return",
            json={"version": submitted["version"]},
            headers=bearer(trainer),
        ).status_code
        == 422
    )
    assert (
        client.post(
            f"/api/v1/plans/{plan['id']}/validate",
            json={"version": submitted["version"]},
            headers=bearer(trainee),
        ).status_code
        == 403
    )
    returned = client.post(f"/api/v1/plans/{plan['id']}/return", json={"version": submitted["version"], "comment": "Ajoutez des actions."},
                           headers=bearer(trainer)).json()  # fmt: skip
    assert returned["status"] == "returned"
    assert returned["decision_comment"] == "Ajoutez des actions."
    again = client.post(
        f"/api/v1/plans/{plan['id']}/submit",
        json={"version": returned["version"]},
        headers=bearer(trainee),
    ).json()
    validated = client.post(
        f"/api/v1/plans/{plan['id']}/validate",
        json={"version": again["version"]},
        headers=bearer(trainer),
    )
    assert validated.status_code == 200
    assert validated.json()["status"] == "validated"
    r = client.patch(
        f"/api/v1/plans/{plan['id']}",
        json={"version": validated.json()["version"], "title": "x"},
        headers=bearer(trainee),
    )
    assert r.status_code == 409
    assert "révision" in r.json()["detail"]
    revision = client.post(
        f"/api/v1/plans/{plan['id']}/revise",
        json={"version": validated.json()["version"]},
        headers=bearer(trainee),
    )
    assert revision.status_code == 201, revision.text
    rev = revision.json()
    assert rev["revision"] == 2
    assert rev["revision_of_id"] == plan["id"]
    assert rev["status"] == "draft"
    assert [o["label"] for o in rev["objectives"]] == ["Contacts"]
    # The trainer follows the cohort's progress.
    progress = client.get(
        f"/api/v1/plans/cohort-progress?cohort_id={world['cohort'].id}&on=2027-02-01",
        headers=bearer(trainer),
    )
    assert progress.status_code == 200, progress.text
    rows = {row["trainee_id"]: row for row in progress.json()}
    assert rows[trainee.id]["plan"]["id"] == plan["id"]  # the validated one wins
    assert rows[world["other"].id]["plan"] is None


def test_progress_reads_the_registry(
    client: TestClient, db: Session, world: dict[str, Any]
) -> None:
    trainee = world["trainee"]
    plan = new_plan(client, trainee)
    goal = objective(client, trainee, plan, metric_code="contacts", label="Contacts", target="10")
    objective(
        client,
        trainee,
        plan,
        parent_id=goal["id"],
        dimension="month",
        slice_key="2027-01",
        label="Janvier",
        target="4",
    )
    prospect = make_prospect(db, trainee)
    for day in (5, 6, 7):
        db.add(Interaction(owner_id=trainee.id, prospect_id=prospect.id, channel=Channel.PHONE,
                           direction="outbound", outcome="callback",
                           occurred_at=datetime(2027, 1, day, 10, tzinfo=UTC)))  # fmt: skip
    db.add(Interaction(owner_id=trainee.id, prospect_id=prospect.id, channel=Channel.PHONE,
                       direction="outbound", outcome="callback",
                       occurred_at=datetime(2027, 2, 3, 10, tzinfo=UTC)))  # fmt: skip
    db.flush()
    rows = client.get(
        f"/api/v1/plans/{plan['id']}/progress?on=2027-02-15", headers=bearer(trainee)
    ).json()
    by_label = {r["label"]: r for r in rows}
    assert by_label["Contacts"]["actual"] == "4.00"
    assert by_label["Contacts"]["gap"] == "-6.00"
    assert by_label["Janvier"]["actual"] == "3.00"
    assert by_label["Janvier"]["status"] == "behind"
    assert by_label["Janvier"]["period_end"] == "2027-01-31"


def test_targeting_and_evidence_on_submission(
    client: TestClient, db: Session, world: dict[str, Any]
) -> None:
    trainee, doc = world["trainee"], world["doc"]
    plan = new_plan(client, trainee)
    goal = objective(client, trainee, plan, metric_code="contacts", label="Contacts", target="2")
    campaign = Campaign(owner_id=trainee.id, name="Campagne", channel=Channel.PHONE)
    db.add(campaign)
    db.flush()
    wrong_kind = make_prospect(db, trainee, kind="individual")
    db.add(CampaignMember(owner_id=trainee.id, campaign_id=campaign.id, prospect_id=wrong_kind.id))
    db.flush()
    segment = doc.market.segments[0]
    r = client.post(f"/api/v1/plans/{plan['id']}/actions", headers=bearer(trainee), json={
        "title": "Campagne", "kind": "campaign", "starts_on": "2027-01-04", "ends_on": "2027-01-29",
        "segment_code": segment.code, "hours": "10", "campaign_ids": [campaign.id],
        "contributions": [{"objective_id": goal["id"], "expected": "2"}]})  # fmt: skip
    assert r.status_code == 201, r.text
    findings = client.get(f"/api/v1/plans/{plan['id']}/findings", headers=bearer(trainee)).json()
    targeting = [f for f in findings if f["check"] == "targeting"]
    assert targeting[0]["code"] == "targeting_outside"
    assert targeting[0]["figures"]["outside_ids"] == [wrong_kind.id]
    assert any(link["href"] == f"/prospects/{wrong_kind.id}" for link in targeting[0]["links"])
    assert any(f["code"] == "coverage_ok" for f in findings)
    # Planning itself records nothing; the submission records CP2 with what its checks bear out.
    assert (
        db.scalar(
            select(func.count())
            .select_from(EvidenceRecord)
            .where(EvidenceRecord.trainee_id == trainee.id)
        )
        == 1
    )  # the plan created
    r = client.post(
        f"/api/v1/plans/{plan['id']}/submit",
        json={"version": plan["version"]},
        headers=bearer(trainee),
    )
    assert r.status_code == 200, r.text
    db.expire_all()
    records = db.scalars(
        select(EvidenceRecord)
        .where(EvidenceRecord.trainee_id == trainee.id)
        .order_by(EvidenceRecord.id)
    ).all()
    assert len(records) == 2
    codes = set(
        db.scalars(select(EvidenceLink.code).where(EvidenceLink.evidence_id == records[-1].id))
    )
    assert "CP2" in codes
    assert "CP2.5" in codes
    assert "CP2.2" not in codes


def test_progress_of_a_ratio_divides_the_sums_of_its_parts(
    client: TestClient, db: Session, world: dict[str, Any]
) -> None:
    trainee = world["trainee"]
    plan = new_plan(client, trainee)
    rate = objective(
        client, trainee, plan, metric_code="reach_rate", label="Joignabilité", target="50"
    )
    objective(
        client,
        trainee,
        plan,
        parent_id=rate["id"],
        dimension="month",
        slice_key="2027-02",
        label="Février",
        target="50",
    )
    prospect = make_prospect(db, trainee)
    # January: 1 reached of 1; February: 1 reached of 3. The quarter: 2 of 4 = 50 %, not the
    # mean of the months' rates (100 % and 33.3 %).
    for day, outcome in (
        (5, "callback"),
        (2 + 31, "callback"),
        (3 + 31, "no_answer"),
        (4 + 31, "no_answer"),
    ):
        when = datetime(2027, 1, 1, 10, tzinfo=UTC) + timedelta(days=day - 1)
        db.add(Interaction(owner_id=trainee.id, prospect_id=prospect.id, channel=Channel.PHONE,
                           direction="outbound", outcome=outcome, occurred_at=when))  # fmt: skip
    db.flush()
    rows = {
        r["label"]: r
        for r in client.get(
            f"/api/v1/plans/{plan['id']}/progress?on=2027-03-31", headers=bearer(trainee)
        ).json()
    }
    assert rows["Joignabilité"]["actual"] == "50.00"
    assert rows["Joignabilité"]["status"] == "reached"
    assert rows["Février"]["actual"] == "33.30"
    assert rows["Février"]["status"] == "behind"


def test_planned_actions_appear_in_the_agenda_and_the_feed(
    client: TestClient, world: dict[str, Any]
) -> None:
    trainee = world["trainee"]
    plan = new_plan(client, trainee)
    r = client.post(f"/api/v1/plans/{plan['id']}/actions", headers=bearer(trainee), json={
        "title": "Salon Pro", "kind": "fair", "starts_on": "2027-01-05", "ends_on": "2027-01-06", "hours": "14"})  # fmt: skip
    assert r.status_code == 201, r.text
    action = r.json()
    agenda = client.get("/api/v1/agenda?from=2027-01-04&to=2027-01-10", headers=bearer(trainee))
    assert agenda.status_code == 200, agenda.text
    body = agenda.json()
    items = body["items"] if isinstance(body, dict) else body
    found = [i for i in items if i["kind"] == "plan_action"]
    assert len(found) == 1
    assert found[0]["all_day"] is True
    assert found[0]["day"] == "2027-01-05"
    assert found[0]["last_day"] == "2027-01-06"
    assert found[0]["link"]["href"] == f"/plans/{plan['id']}#action-{action['id']}"
    # A task may be about a planned action; the client resolves its link through the action.
    task = client.post("/api/v1/tasks", headers=bearer(trainee), json={
        "title": "Préparer le salon", "due_on": "2027-01-04", "link_kind": "plan_action", "link_id": action["id"]})  # fmt: skip
    assert task.status_code == 201, task.text
    read = client.get(f"/api/v1/plan-actions/{action['id']}", headers=bearer(trainee))
    assert read.json()["plan_id"] == plan["id"]


def test_amounts_are_answered_as_stored_and_bounded_by_their_columns(
    client: TestClient, world: dict[str, Any]
) -> None:
    trainee, doc = world["trainee"], world["doc"]
    plan = new_plan(client, trainee)
    goal = objective(client, trainee, plan, metric_code="contacts", label="Contacts", target="300")
    assert goal["target"] == "300.00"  # as every later read answers it
    url = f"/api/v1/plans/{plan['id']}/actions"
    base = {"title": "Salon", "kind": "fair", "starts_on": "2027-01-04",
            "ends_on": "2027-01-05", "segment_code": doc.market.segments[0].code,
            "hours": "7.5", "km": "12"}  # fmt: skip
    too_big = client.post(url, json={**base, "budget": "99999999999.99"}, headers=bearer(trainee))
    assert too_big.status_code == 422, too_big.text
    assert too_big.json()["errors"][0]["field"] == "budget"
    r = client.post(url, json={**base, "budget": "9999999999.99"}, headers=bearer(trainee))
    assert r.status_code == 201, r.text
    action = r.json()
    assert (action["budget"], action["hours"], action["km"]) == ("9999999999.99", "7.50", "12.0")
    again = client.get(f"/api/v1/plans/{plan['id']}", headers=bearer(trainee)).json()
    assert again["actions"][0]["budget"] == "9999999999.99"
