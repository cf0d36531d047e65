"""The gap analysis (issue 19, CP4): figures on a crafted month, each diagnostic rule on a
history made for it (and a history that must not fire it), causes, corrective actions with
their feasibility and acceptance into the next plan, the synthesis note from draft to
assessment, the cohort dashboard, company tutors' links."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from fastapi.testclient import TestClient
from pypdf import PdfReader
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.analyses import rules
from app.analyses import service as analyses
from app.business_cases import service as cases
from app.business_cases.document import BusinessCaseDocument
from app.config import today_local
from app.core.principal import Principal
from app.models import (
    Analysis,
    Appointment,
    AppointmentStatus,
    Assessment,
    BusinessCaseAssignment,
    BusinessCaseVersion,
    Campaign,
    CampaignMember,
    Channel,
    Complaint,
    ComplaintCategory,
    ComplaintSeverity,
    Direction,
    EvidenceLink,
    EvidenceRecord,
    InactiveAccount,
    InactivityBasis,
    InformationLevel,
    Interaction,
    InterviewConclusion,
    InterviewReport,
    Opportunity,
    Order,
    Outcome,
    Plan,
    PlanAction,
    PlanActionKind,
    PlanObjective,
    PlanPeriodKind,
    PlanStatus,
    Prospect,
    ProspectKind,
    Quote,
    QuoteStatus,
    Role,
    SplitDimension,
    Task,
    tutor_trainees,
)
from tests.factories import bearer, make_cohort, make_org, make_prospect, make_user

EXAMPLE = Path(__file__).parent / "data" / "business_case_example.json"
PARIS = ZoneInfo("Europe/Paris")
START, END = date(2026, 10, 1), date(2026, 10, 31)  # a past month (today: December 2026)


def at(day: date, hour: int = 10, minute: int = 0) -> datetime:
    """A moment of Paris's wall clock, in UTC."""
    return datetime.combine(day, time(hour, minute), tzinfo=PARIS).astimezone(UTC)


@pytest.fixture
def world(db: Session) -> dict[str, Any]:
    org = make_org(db)
    trainer = make_user(db, org, Role.TRAINER)
    cohort = make_cohort(db, org, trainers=[trainer])
    trainee = make_user(db, org, cohort=cohort)
    peers = [make_user(db, org, cohort=cohort) for _ in range(2)]
    staff = Principal(trainer.id, org.id, Role.TRAINER, None, frozenset())
    document = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    document["policy"]["performance"] = {"action_budget": "1000.00", "target_markup_rate": "40.00"}
    doc = BusinessCaseDocument.model_validate(document)
    case = cases.create_case(db, staff, doc)
    cases.publish(db, staff, case, case.version)
    db.add(BusinessCaseAssignment(business_case_id=case.id, cohort_id=cohort.id))
    db.flush()
    version = db.scalar(
        select(BusinessCaseVersion).where(BusinessCaseVersion.business_case_id == case.id)
    )
    assert version is not None
    plan = Plan(owner_id=trainee.id, title="PAC d'octobre", business_case_version_id=version.id,
                period_kind=PlanPeriodKind.MONTH, starts_on=START, ends_on=END,
                status=PlanStatus.VALIDATED)  # fmt: skip
    following = Plan(owner_id=trainee.id, title="PAC de décembre",
                     business_case_version_id=version.id, period_kind=PlanPeriodKind.MONTH,
                     starts_on=date(2026, 12, 1), ends_on=date(2026, 12, 31))  # fmt: skip
    db.add_all([plan, following])
    db.flush()
    return {"org": org, "trainer": trainer, "cohort": cohort, "trainee": trainee,
            "peers": peers, "case": case, "version": version, "plan": plan,
            "next": following, "doc": doc}  # fmt: skip


def objective(db: Session, plan: Plan, code: str, target: float, **fields: Any) -> PlanObjective:
    row = PlanObjective(owner_id=plan.owner_id, plan_id=plan.id, metric_code=code,
                        label=fields.pop("label", code), target=Decimal(str(target)), **fields)  # fmt: skip
    db.add(row)
    db.flush()
    return row


def call(db: Session, owner: Any, prospect: Prospect, when: datetime, outcome: Outcome,
         minutes: int = 5, channel: Channel = Channel.PHONE, **fields: Any) -> Interaction:  # fmt: skip
    row = Interaction(owner_id=owner.id, prospect_id=prospect.id, channel=channel,
                      direction=Direction.OUTBOUND, outcome=outcome, occurred_at=when,
                      duration_minutes=minutes, **fields)  # fmt: skip
    db.add(row)
    db.flush()
    return row


def appointment(db: Session, owner: Any, prospect: Prospect, when: datetime,
                status: AppointmentStatus = AppointmentStatus.DONE) -> Appointment:  # fmt: skip
    row = Appointment(owner_id=owner.id, prospect_id=prospect.id, starts_at=when,
                      duration_minutes=60, status=status, created_at=when - timedelta(days=3))  # fmt: skip
    db.add(row)
    db.flush()
    return row


def report(
    db: Session, owner: Any, meeting: Appointment, objections: list[tuple[str, bool]]
) -> None:
    content = {
        "objections_met": [{"kind": k, "objection": "…", "technique": "reformulation",
                            "resolved": r} for k, r in objections],
        "arguments_used": [{"feature": "Fibre", "advantage": "Débit garanti",
                            "reception": "neutral"}],
    }  # fmt: skip
    db.add(InterviewReport(owner_id=owner.id, appointment_id=meeting.id, held_at=meeting.starts_at,
                           information_level=InformationLevel.MEDIUM,
                           conclusion=InterviewConclusion.TIME_TO_THINK, conclusion_fits_signals=True,
                           content=content))  # fmt: skip
    db.flush()


def quote(db: Session, world: dict[str, Any], prospect: Prospect, sent: datetime,
          gross: str, net: str, *, accepted: bool = False, margin: str | None = None) -> Quote:  # fmt: skip
    owner = world["trainee"]
    opportunity = Opportunity(owner_id=owner.id, prospect_id=prospect.id,
                              business_case_version_id=world["version"].id, title="Fibre")  # fmt: skip
    db.add(opportunity)
    db.flush()
    row = Quote(owner_id=owner.id, opportunity_id=opportunity.id, prospect_id=prospect.id,
                business_case_id=world["case"].id, business_case_version_id=world["version"].id,
                valid_until=sent.date() + timedelta(days=30), escompte_rate=Decimal(0),
                status=QuoteStatus.ACCEPTED if accepted else QuoteStatus.SENT, sent_at=sent,
                answered_at=sent + timedelta(days=2) if accepted else None,
                gross_ht=Decimal(gross), net_commercial_ht=Decimal(net),
                margin=Decimal(margin) if margin else None, number=f"DEV-{prospect.id}-{sent:%j}")  # fmt: skip
    db.add(row)
    db.flush()
    return row


def order(db: Session, world: dict[str, Any], prospect: Prospect, day: date, net: str,
          segment: str | None = None) -> Order:  # fmt: skip
    row = Order(owner_id=world["trainee"].id, prospect_id=prospect.id,
                business_case_id=world["case"].id, business_case_version_id=world["version"].id,
                number=f"CDE-{prospect.id}-{day:%j}", ordered_on=day, escompte_rate=Decimal(0),
                reductions=[], net_commercial_ht=Decimal(net), gross_ht=Decimal(net),
                segment_code=segment)  # fmt: skip
    db.add(row)
    db.flush()
    return row


def context(db: Session, world: dict[str, Any]) -> rules.Context:
    analysis = Analysis(owner_id=world["trainee"].id, title="Octobre", starts_on=START,
                        ends_on=END, plan_id=world["plan"].id)  # fmt: skip
    db.add(analysis)
    db.flush()
    ctx = rules.Context(db, analyses.scope_of(db, analysis), {}, analyses.document_of(db, analysis))
    from app.analyses import figures

    ctx.figures = figures.compute(db, ctx.scope)
    return ctx


def findings(db: Session, world: dict[str, Any], code: str) -> list[rules.Finding]:
    rule = rules.BY_CODE[code]
    return rule.check(context(db, world), rule.thresholds)


def evidence_count(db: Session, trainee_id: int, code: str) -> int:
    return int(
        db.scalar(
            select(func.count())
            .select_from(EvidenceRecord)
            .join(EvidenceLink, EvidenceLink.evidence_id == EvidenceRecord.id)
            .where(EvidenceRecord.trainee_id == trainee_id, EvidenceLink.code == code)
        )
        or 0
    )


# --------------------------------------------------------------------------- figures


def test_an_analysis_measures_objectives_funnel_activity_pareto_and_trend(
    client: TestClient, db: Session, world: dict[str, Any]
) -> None:
    t, plan = world["trainee"], world["plan"]
    objective(db, plan, "contacts", 10, label="Contacts")  # 12 done: reached
    objective(db, plan, "appointments_taken", 10, label="Rendez-vous")  # 5: behind
    objective(db, plan, "orders_placed", 3, label="Commandes")  # 3: reached
    objective(db, plan, "contacts_reached", 8.5, label="Joints")  # 8 of 8.5: close (10 %)
    prospects = [make_prospect(db, t, name=f"Client {i}") for i in range(4)]
    for i in range(12):
        outcome = Outcome.NO_ANSWER if i >= 8 else Outcome.CALLBACK
        call(db, t, prospects[i % 4], at(START + timedelta(days=i), 10), outcome, minutes=6)
    for i in range(5):
        appointment(db, t, prospects[i % 4], at(START + timedelta(days=10 + i), 14))
    call(db, t, prospects[0], at(date(2026, 9, 15)), Outcome.CALLBACK)  # previous period
    order(db, world, prospects[0], date(2026, 10, 5), "800.00")
    order(db, world, prospects[0], date(2026, 10, 6), "100.00")
    order(db, world, prospects[1], date(2026, 10, 7), "100.00")
    peer = world["peers"][0]
    for i in range(4):
        call(db, peer, make_prospect(db, peer), at(START + timedelta(days=i)), Outcome.CALLBACK)

    created = client.post("/api/v1/analyses", json={"plan_id": plan.id}, headers=bearer(t))
    assert created.status_code == 201, created.text
    body = created.json()
    assert (body["starts_on"], body["ends_on"], body["plan_id"]) == (
        "2026-10-01",
        "2026-10-31",
        plan.id,
    )
    assert evidence_count(db, t.id, "CP4.1") == 1
    figures = client.get(f"/api/v1/analyses/{body['id']}/figures", headers=bearer(t)).json()

    by_label = {o["label"]: o for o in figures["objectives"]}
    assert (by_label["Contacts"]["actual"], by_label["Contacts"]["status"]) == ("12.00", "reached")
    assert by_label["Contacts"]["gap_pct"] == "20.0"
    assert (by_label["Rendez-vous"]["actual"], by_label["Rendez-vous"]["status"]) == (
        "5.00",
        "behind",
    )
    assert by_label["Rendez-vous"]["gap_pct"] == "-50.0"
    assert by_label["Joints"]["status"] == "close"
    assert by_label["Commandes"]["status"] == "reached"

    stages = {s["stage"]: s for s in figures["funnel"]["stages"]}
    assert (stages["contacted"]["value"], stages["contacted"]["previous"]) == (12, 1)
    assert stages["reached"]["conversion"] == "66.7"  # 8 of 12
    assert stages["contacted"]["conversion"] is None  # records against events: no rate
    # The cohort's median of contacts: 12 (trainee), 4 (peer), 0 (the other peer).
    assert stages["contacted"]["cohort_median"] == "4.00"
    assert figures["period"]["working_days"] == 22

    activity = figures["activity"]
    time_spent = {row["code"]: row["minutes"] for row in activity["time"]}
    assert time_spent["phone_minutes"] == 72
    assert time_spent["visit_minutes"] == 300
    assert activity["contacts_per_day"] == "0.55"  # 12 contacts over 22 working days

    customers = figures["pareto"]["customers"]
    assert customers["total"] == "1000.00"
    assert customers["count"] == 2
    assert [(r["share"], r["class"]) for r in customers["rows"]] == [("90.0", "A"), ("10.0", "B")]
    assert customers["hhi"] == "8200"  # 90² + 10²
    trend = {m["code"]: m for m in figures["trend"]["metrics"]}
    assert (trend["contacts"]["value"], trend["contacts"]["previous"]) == (12, 1)
    assert trend["ordered_amount_ht"]["value"] == "1000.00"
    assert figures["trend"]["months"][0]["values"]["contacts"] == 12


def test_bad_periods_are_refused_by_field_and_staff_do_not_analyse(
    client: TestClient, world: dict[str, Any]
) -> None:
    t = world["trainee"]
    cases_ = [
        ({}, "body"),
        ({"starts_on": "2026-10-31", "ends_on": "2026-10-01"}, "ends_on"),
        ({"starts_on": "2025-01-01", "ends_on": "2026-10-01"}, "ends_on"),
        ({"starts_on": "2027-06-01", "ends_on": "2027-06-30"}, "starts_on"),
        ({"plan_id": 10**9}, "plan_id"),
    ]
    for payload, field in cases_:
        r = client.post("/api/v1/analyses", json=payload, headers=bearer(t))
        assert r.status_code == 422, (payload, r.text)
        assert field in json.dumps(r.json()["errors"]), (payload, r.json())
    assert client.post("/api/v1/analyses", json={"starts_on": "2026-10-01", "ends_on": "2026-10-31"},
                       headers=bearer(world["trainer"])).status_code == 403  # fmt: skip


# --------------------------------------------------------------------------- diagnostic rules


def test_rule_objective_behind(db: Session, world: dict[str, Any]) -> None:
    objective(db, world["plan"], "contacts", 10, label="Contacts")
    (found,) = findings(db, world, "objective_behind")
    assert found.figures["actual"] == Decimal("0.00")
    assert found.figures["gap_pct"] == Decimal("-100.0")
    assert found.links[0]["kind"] == "plan_objective"


def test_rule_objective_behind_stays_quiet_when_reached(db: Session, world: dict[str, Any]) -> None:
    objective(db, world["plan"], "contacts", 1)
    call(db, world["trainee"], make_prospect(db, world["trainee"]), at(START), Outcome.CALLBACK)
    assert findings(db, world, "objective_behind") == []


def interviews(db: Session, world: dict[str, Any], count: int, quotes_sent: int) -> None:
    t = world["trainee"]
    objective(db, world["plan"], "appointments_taken", count, label="RDV")
    for i in range(count):
        p = make_prospect(db, t)
        meeting = appointment(db, t, p, at(START + timedelta(days=i + 3), 9))
        report(db, t, meeting, [("price", i % 2 == 0), ("timing", True)])
        if i < quotes_sent:
            quote(db, world, p, at(START + timedelta(days=i + 4)), "100.00", "100.00")


def test_rule_interview_stage(db: Session, world: dict[str, Any]) -> None:
    interviews(db, world, 10, 2)
    (found,) = findings(db, world, "interview_stage")
    assert found.figures["interviews_held"] == 10
    assert found.figures["quotes_sent"] == 2
    assert found.figures["quote_per_interview_pct"] == Decimal("20.0")
    assert found.figures["objections"] == {"price": 10, "timing": 10}
    assert found.figures["unresolved_objections"] == {"price": 5}
    assert len(found.links) == 10
    assert found.links[0]["kind"] == "interview_report"


def test_rule_interview_stage_quiet_with_enough_quotes(db: Session, world: dict[str, Any]) -> None:
    interviews(db, world, 10, 5)
    assert findings(db, world, "interview_stage") == []


def calls_by_hour(db: Session, world: dict[str, Any], reached_at_10: int) -> None:
    t = world["trainee"]
    p = make_prospect(db, t)
    for i in range(10):  # 10 calls at 10 h, 10 at 17 h
        day = START + timedelta(days=i)
        call(db, t, p, at(day, 10), Outcome.CALLBACK if i < reached_at_10 else Outcome.NO_ANSWER)
        call(db, t, p, at(day, 17), Outcome.NO_ANSWER)


def test_rule_call_hours(db: Session, world: dict[str, Any]) -> None:
    calls_by_hour(db, world, 5)
    (found,) = findings(db, world, "call_hours")
    assert found.figures["calls"] == 20
    assert found.figures["reach_rate"] == Decimal("25.0")
    assert (found.figures["best_hour"], found.figures["best_hour_rate"]) == (10, Decimal("50.0"))
    assert (found.figures["worst_hour"], found.figures["worst_hour_rate"]) == (17, Decimal("0.0"))
    assert found.figures["by_hour"]["17"] == {"calls": 10, "reach_rate": Decimal("0.0")}
    assert len(found.links) == 10


def test_rule_call_hours_quiet_when_reached(db: Session, world: dict[str, Any]) -> None:
    calls_by_hour(db, world, 10)  # 50 %: above the 30 % threshold
    assert findings(db, world, "call_hours") == []


def campaign(db: Session, world: dict[str, Any], kinds: list[ProspectKind]) -> Campaign:
    t, plan = world["trainee"], world["plan"]
    action = PlanAction(owner_id=t.id, plan_id=plan.id, kind=PlanActionKind.CAMPAIGN,
                        title="Campagne", starts_on=START, ends_on=END,
                        segment_code="cabinets-pme")  # fmt: skip
    db.add(action)
    db.flush()
    row = Campaign(owner_id=t.id, name="Automne", channel=Channel.PHONE, plan_action_id=action.id)
    db.add(row)
    db.flush()
    for kind in kinds:
        p = make_prospect(db, t, kind=kind)
        db.add(CampaignMember(owner_id=t.id, campaign_id=row.id, prospect_id=p.id))
    db.flush()
    return row


def test_rule_targeting(db: Session, world: dict[str, Any]) -> None:
    row = campaign(db, world, [ProspectKind.INDIVIDUAL] * 3 + [ProspectKind.COMPANY])
    (found,) = findings(db, world, "targeting")
    assert found.figures["campaign_id"] == row.id
    assert found.figures["members"] == 4
    assert found.figures["outside"] >= 3
    assert found.figures["outside_pct"] >= Decimal(75)
    assert any(link["kind"] == "prospect" for link in found.links)


def test_rule_targeting_quiet_without_campaigns(db: Session, world: dict[str, Any]) -> None:
    assert findings(db, world, "targeting") == []


def segments(db: Session, world: dict[str, Any], behind: str) -> None:
    plan, t = world["plan"], world["trainee"]
    parent = objective(db, plan, "ordered_amount_ht", 2000, label="CA")
    for code in ("commerces-proximite", "cabinets-pme"):
        objective(db, plan, "ordered_amount_ht", 1000, label=f"CA {code}", parent_id=parent.id,
                  dimension=SplitDimension.SEGMENT, slice_key=code)  # fmt: skip
    p = make_prospect(db, t)
    order(db, world, p, date(2026, 10, 10), "1200.00", "cabinets-pme")
    order(db, world, p, date(2026, 10, 11), behind, "commerces-proximite")


def test_rule_segment_imbalance(db: Session, world: dict[str, Any]) -> None:
    segments(db, world, "300.00")
    (found,) = findings(db, world, "segment_imbalance")
    assert (found.figures["behind"], found.figures["ahead"]) == (
        "commerces-proximite",
        "cabinets-pme",
    )
    assert found.figures["segments"]["commerces-proximite"]["share_pct"] == Decimal("30.0")
    assert found.figures["segments"]["cabinets-pme"]["share_pct"] == Decimal("120.0")


def test_rule_segment_imbalance_quiet_when_balanced(db: Session, world: dict[str, Any]) -> None:
    segments(db, world, "950.00")
    assert findings(db, world, "segment_imbalance") == []


def discounts(db: Session, world: dict[str, Any], net: str, margin: str) -> None:
    p = make_prospect(db, world["trainee"])
    for i in range(3):  # the example case caps discounts at 10 %; the target markup is 40 %
        quote(db, world, p, at(START + timedelta(days=i)), "1000.00", net, accepted=True,
              margin=margin)  # fmt: skip


def test_rule_discount_margin(db: Session, world: dict[str, Any]) -> None:
    discounts(db, world, "910.00", "200.00")  # 9 % discount, markup 22 %
    (found,) = findings(db, world, "discount_margin")
    assert found.figures["average_discount"] == Decimal("9.0")
    assert found.figures["max_discount"] == Decimal("10.00")
    assert found.figures["quotes_near_limit"] == 3
    assert len(found.links) == 3


def test_rule_discount_margin_quiet_with_a_good_markup(db: Session, world: dict[str, Any]) -> None:
    discounts(db, world, "910.00", "455.00")  # 50 % markup
    assert findings(db, world, "discount_margin") == []


def inactive(db: Session, world: dict[str, Any], complaint_days_before: int | None) -> Prospect:
    t = world["trainee"]
    p = make_prospect(db, t, name="Client perdu")
    detected = date(2026, 10, 20)
    db.add(InactiveAccount(owner_id=t.id, prospect_id=p.id, detected_on=detected,
                           last_order_on=date(2026, 3, 1), basis=InactivityBasis.THRESHOLD,
                           limit_days=180, created_at=at(detected)))  # fmt: skip
    if complaint_days_before is not None:
        received = detected - timedelta(days=complaint_days_before)
        db.add(Complaint(owner_id=t.id, prospect_id=p.id, channel=Channel.PHONE,
                         category=ComplaintCategory.DELAY, severity=ComplaintSeverity.MEDIUM,
                         received_on=received, subject="Retard", response_due_on=received,
                         resolution_due_on=received))  # fmt: skip
    db.flush()
    return p


def test_rule_service_before_loss(db: Session, world: dict[str, Any]) -> None:
    p = inactive(db, world, 30)
    (found,) = findings(db, world, "service_before_loss")
    assert (found.figures["inactive"], found.figures["with_incidents"]) == (1, 1)
    assert {link["kind"] for link in found.links} == {"prospect", "complaint"}
    assert found.links[0]["id"] == p.id


def test_rule_service_before_loss_quiet_for_an_old_complaint(
    db: Session, world: dict[str, Any]
) -> None:
    inactive(db, world, 200)  # beyond the 90 days
    assert findings(db, world, "service_before_loss") == []


def test_rule_inactive_not_relaunched(db: Session, world: dict[str, Any]) -> None:
    p = inactive(db, world, None)
    (found,) = findings(db, world, "inactive_not_relaunched")
    assert found.figures["unrelaunched"] == 1
    assert found.links[0]["id"] == p.id


def test_rule_inactive_quiet_once_relaunched(db: Session, world: dict[str, Any]) -> None:
    p = inactive(db, world, None)
    call(db, world["trainee"], p, at(date(2026, 10, 22)), Outcome.CALLBACK)
    assert findings(db, world, "inactive_not_relaunched") == []


def test_the_catalogue_is_served_with_its_thresholds(
    client: TestClient, world: dict[str, Any]
) -> None:
    served = client.get("/api/v1/analysis-rules", headers=bearer(world["trainee"])).json()
    assert [r["code"] for r in served] == [r.code for r in rules.RULES]
    assert {r["code"]: r["thresholds"] for r in served}["call_hours"]["max_reach_rate"] == 30


# --------------------------------------------------------------------------- causes and actions


def analysed(client: TestClient, db: Session, world: dict[str, Any]) -> dict[str, Any]:
    calls_by_hour(db, world, 5)
    objective(db, world["plan"], "contacts", 40, label="Contacts")
    r = client.post("/api/v1/analyses", json={"plan_id": world["plan"].id},
                    headers=bearer(world["trainee"]))  # fmt: skip
    assert r.status_code == 201, r.text
    return r.json()


def test_causes_are_found_decided_kept_and_shown_once(
    client: TestClient, db: Session, world: dict[str, Any]
) -> None:
    t = world["trainee"]
    analysis = analysed(client, db, world)
    run = client.post(f"/api/v1/analyses/{analysis['id']}/diagnose", headers=bearer(t)).json()
    assert run["rules_run"] == len(rules.RULES)
    codes = {c["rule_code"]: c for c in run["causes"]}
    assert set(codes) == {"objective_behind", "call_hours"}
    assert evidence_count(db, t.id, "CP4.2") == 0  # the tool's finding shows nothing
    hours = codes["call_hours"]
    url = f"/api/v1/causes/{hours['id']}/decision"
    confirmed = client.post(url, json={"decision": "confirmed", "comment": "Oui", "version": hours["version"]},
                            headers=bearer(t))  # fmt: skip
    assert confirmed.status_code == 200
    assert confirmed.json()["status"] == "confirmed"
    stale = client.post(
        url, json={"decision": "rejected", "version": hours["version"]}, headers=bearer(t)
    )
    assert stale.status_code == 409
    behind = codes["objective_behind"]
    client.post(f"/api/v1/causes/{behind['id']}/decision",
                json={"decision": "rejected", "version": behind["version"]}, headers=bearer(t))  # fmt: skip
    assert evidence_count(db, t.id, "CP4.2") == 1
    again = client.post(f"/api/v1/analyses/{analysis['id']}/diagnose", headers=bearer(t)).json()
    assert {c["rule_code"]: c["status"] for c in again["causes"]} == {
        "objective_behind": "rejected", "call_hours": "confirmed"}  # fmt: skip
    own = client.post(f"/api/v1/analyses/{analysis['id']}/causes",
                      json={"title": "Fichier ancien", "figures": {"âge": "3 ans"}}, headers=bearer(t))  # fmt: skip
    assert own.status_code == 201
    assert own.json()["status"] == "confirmed"
    assert evidence_count(db, t.id, "CP4.2") == 2
    assert client.post(f"/api/v1/causes/{hours['id']}/decision", json={"decision": "confirmed", "version": 1},
                       headers=bearer(world["trainer"])).status_code == 403  # fmt: skip


def test_corrective_actions_are_checked_then_planned_and_followed(
    client: TestClient, db: Session, world: dict[str, Any]
) -> None:
    t = world["trainee"]
    analysis = analysed(client, db, world)
    causes = client.post(f"/api/v1/analyses/{analysis['id']}/diagnose", headers=bearer(t)).json()
    hours = next(c for c in causes["causes"] if c["rule_code"] == "call_hours")
    client.post(f"/api/v1/causes/{hours['id']}/decision",
                json={"decision": "confirmed", "version": hours["version"]}, headers=bearer(t))  # fmt: skip
    (proposal,) = client.get(f"/api/v1/causes/{hours['id']}/proposals", headers=bearer(t)).json()
    assert proposal["kind"] == "call_hours"
    assert "10 h" in proposal["title"]
    assert (proposal["indicator"], proposal["expected_value"]) == ("reach_rate", "50.0")
    deadline = (today_local() + timedelta(days=20)).isoformat()
    body = {k: proposal[k] for k in ("cause_id", "kind", "title", "indicator", "expected_value",
                                     "expected_effect")} | {"deadline": deadline, "hours": "400"}  # fmt: skip
    created = client.post(
        f"/api/v1/analyses/{analysis['id']}/actions", json=body, headers=bearer(t)
    )
    assert created.status_code == 201, created.text
    action = created.json()
    assert action["baseline"] == "25.00"  # the reach rate of the period
    check = client.get(
        f"/api/v1/corrective-actions/{action['id']}/feasibility", headers=bearer(t)
    ).json()
    by = {c["check"]: c for c in check["checks"]}
    assert not check["feasible"]
    assert not by["capacity"]["ok"]
    assert "Agenda trop chargé" in by["capacity"]["message"]
    accept = {"plan_id": world["next"].id, "version": action["version"]}
    refused = client.post(
        f"/api/v1/corrective-actions/{action['id']}/accept", json=accept, headers=bearer(t)
    )
    assert refused.status_code == 409
    assert refused.json()["type"].endswith("action-not-feasible")
    assert [c["check"] for c in refused.json()["checks"]] == ["capacity"]
    assert db.scalar(select(func.count()).select_from(PlanAction).where(
        PlanAction.plan_id == world["next"].id)) == 0  # fmt: skip
    over_budget = client.patch(f"/api/v1/corrective-actions/{action['id']}",
                               json={"hours": "6", "budget": "1500", "version": action["version"]},
                               headers=bearer(t)).json()  # fmt: skip
    check = client.get(
        f"/api/v1/corrective-actions/{action['id']}/feasibility", headers=bearer(t)
    ).json()
    assert [c["check"] for c in check["checks"] if not c["ok"]] == ["budget"]
    fixed = client.patch(f"/api/v1/corrective-actions/{action['id']}",
                         json={"budget": "200", "version": over_budget["version"]}, headers=bearer(t)).json()  # fmt: skip
    wrong_plan = client.post(f"/api/v1/corrective-actions/{action['id']}/accept",
                             json={"plan_id": world["plan"].id, "version": fixed["version"]}, headers=bearer(t))  # fmt: skip
    assert wrong_plan.status_code == 422
    assert wrong_plan.json()["errors"][0]["field"] == "plan_id"
    done = client.post(f"/api/v1/corrective-actions/{action['id']}/accept",
                       json={"plan_id": world["next"].id, "version": fixed["version"]}, headers=bearer(t))  # fmt: skip
    assert done.status_code == 200, done.text
    accepted = done.json()
    planned = db.get(PlanAction, accepted["plan_action_id"])
    assert planned is not None
    assert planned.kind is PlanActionKind.PHONING
    assert planned.hours == Decimal(6)
    task = db.get(Task, accepted["task_id"])
    assert task is not None
    assert task.link_id == planned.id
    assert task.due_on.isoformat() == deadline
    assert evidence_count(db, t.id, "CP4.4") == 1
    assert evidence_count(db, t.id, "CP2.5") >= 1
    # The next analysis, whose period holds the deadline, follows the effect.
    later = client.post("/api/v1/analyses", json={"starts_on": today_local().replace(day=1).isoformat(),
                        "ends_on": (today_local() + timedelta(days=25)).isoformat()}, headers=bearer(t))  # fmt: skip
    if later.status_code == 201:
        effects = client.get(
            f"/api/v1/analyses/{later.json()['id']}/figures", headers=bearer(t)
        ).json()["effects"]
        assert [(e["action_id"], e["indicator"], e["baseline"]) for e in effects] == [
            (action["id"], "reach_rate", "25.00")]  # fmt: skip
    else:  # a period starting today would be "not started" only in the future: never here
        pytest.fail(later.text)


# --------------------------------------------------------------------------- the note


def test_a_note_is_drafted_rewritten_frozen_read_commented_assessed_and_exported(
    client: TestClient, db: Session, world: dict[str, Any]
) -> None:
    t, trainer = world["trainee"], world["trainer"]
    analysis = analysed(client, db, world)
    opened = client.post(f"/api/v1/analyses/{analysis['id']}/note", headers=bearer(t))
    assert opened.status_code == 201, opened.text
    note = opened.json()
    assert "## Résultats au regard des objectifs" in note["body"]
    assert "chart:objectives" in note["body"]
    assert "| Contacts | 40 | 20 |" in note["body"]
    assert (
        client.post(f"/api/v1/analyses/{analysis['id']}/note", headers=bearer(t)).status_code == 409
    )
    advice = {a["code"]: a for a in note["advice"]}
    assert set(advice) >= {
        "length",
        "figures",
        "structure",
        "gaps_with_causes",
        "causes_with_actions",
    }
    body = note["body"].replace(
        "## Demandes au manager", "## Demandes au manager\n\nUn créneau de coaching."
    )
    edited = client.patch(f"/api/v1/notes/{note['id']}", json={"body": body, "version": note["version"]},
                          headers=bearer(t)).json()  # fmt: skip
    assert client.patch(f"/api/v1/notes/{note['id']}", json={"body": "x", "version": note["version"]},
                        headers=bearer(t)).status_code == 409  # fmt: skip
    preview = client.get(f"/api/v1/notes/{note['id']}/preview", headers=bearer(t)).json()
    assert "<svg" in preview["html"]
    assert "coaching" in preview["html"]
    submitted = client.post(f"/api/v1/notes/{note['id']}/submit", json={"version": edited["version"]},
                            headers=bearer(t))  # fmt: skip
    assert submitted.status_code == 201
    assert submitted.json()["number"] == 1
    assert evidence_count(db, t.id, "CP4.3") == 1
    assert evidence_count(db, t.id, "CT1.5") == 1
    current = client.get(f"/api/v1/notes/{note['id']}", headers=bearer(t)).json()
    client.patch(f"/api/v1/notes/{note['id']}", json={"body": body + "\nAjout.", "version": current["version"]},
                 headers=bearer(t))  # fmt: skip
    frozen = client.get(f"/api/v1/notes/{note['id']}/versions/1", headers=bearer(t)).json()
    assert frozen["body"] == edited["body"]  # the version keeps its text

    queue = client.get("/api/v1/notes/queue", headers=bearer(trainer)).json()
    assert [(q["note_id"], q["number"]) for q in queue] == [(note["id"], 1)]
    comments = f"/api/v1/notes/{note['id']}/versions/1/comments"
    start = body.index("Un créneau")
    bad = client.post(comments, json={"body": "?", "quote": "autre", "start": start, "end": start + 5},
                      headers=bearer(trainer))  # fmt: skip
    assert bad.status_code == 422
    assert bad.json()["errors"][0]["field"] == "quote"
    good = client.post(comments, json={"body": "Précisez le besoin.", "quote": "Un créneau",
                                       "start": start, "end": start + 10}, headers=bearer(trainer))  # fmt: skip
    assert good.status_code == 201
    assert good.json()["author_role"] == "trainer"
    assert (
        client.get("/api/v1/notes/queue", headers=bearer(trainer)).json() == []
    )  # read by commenting
    assert client.post(comments, json={"body": "Moi aussi"}, headers=bearer(t)).status_code == 403
    assessed = client.post(f"/api/v1/notes/{note['id']}/versions/1/assessment",
                           json={"criteria": [{"criterion_code": "CP4.3", "level": "acquired"},
                                              {"criterion_code": "CP4.2", "level": "in_progress"}]},
                           headers=bearer(trainer))  # fmt: skip
    assert assessed.status_code == 201, assessed.text
    rows = db.scalars(select(Assessment).where(Assessment.trainee_id == t.id)).all()
    assert {(r.criterion_code, r.level.value) for r in rows} == {
        ("CP4.3", "acquired"),
        ("CP4.2", "in_progress"),
    }
    assert all(f"note de synthèse {note['id']}, version 1" in r.comment for r in rows)

    pdf = client.get(
        f"/api/v1/notes/{note['id']}/versions/1/export?format=pdf", headers=bearer(trainer)
    )
    assert pdf.status_code == 200
    assert pdf.headers["content-type"] == "application/pdf"
    text = "".join(
        page.extract_text() for page in PdfReader(__import__("io").BytesIO(pdf.content)).pages
    )
    assert "coaching" in text
    assert t.full_name in text
    html = client.get(
        f"/api/v1/notes/{note['id']}/versions/1/export?format=html", headers=bearer(t)
    )
    assert html.status_code == 200
    assert "<svg" in html.text
    assert client.delete(f"/api/v1/analyses/{analysis['id']}", headers=bearer(t)).status_code == 409


def test_submitting_an_empty_note_is_refused(
    client: TestClient, db: Session, world: dict[str, Any]
) -> None:
    t = world["trainee"]
    analysis = analysed(client, db, world)
    note = client.post(f"/api/v1/analyses/{analysis['id']}/note", headers=bearer(t)).json()
    emptied = client.patch(f"/api/v1/notes/{note['id']}", json={"body": "Rien.", "version": note["version"]},
                           headers=bearer(t)).json()  # fmt: skip
    r = client.post(
        f"/api/v1/notes/{note['id']}/submit",
        json={"version": emptied["version"]},
        headers=bearer(t),
    )
    assert r.status_code == 422
    assert r.json()["errors"][0]["field"] == "body"
    assert client.get(f"/api/v1/notes/{note['id']}/versions", headers=bearer(t)).json() == []


# --------------------------------------------------------------------------- managers


def test_the_cohort_dashboard_shows_who_needs_help(
    client: TestClient, db: Session, world: dict[str, Any]
) -> None:
    objective(db, world["plan"], "contacts", 5, label="Contacts")
    peer = world["peers"][0]
    for i in range(3):
        call(db, peer, make_prospect(db, peer), at(START + timedelta(days=i)), Outcome.CALLBACK)
    url = f"/api/v1/cohorts/{world['cohort'].id}/dashboard?from=2026-10-01&to=2026-10-31"
    r = client.get(url, headers=bearer(world["trainer"]))
    assert r.status_code == 200, r.text
    board = r.json()
    rows = {row["trainee_id"]: row for row in board["trainees"]}
    assert rows[peer.id]["values"]["contacts"] == 3
    assert rows[world["trainee"].id]["values"]["contacts"] == 0
    assert rows[world["trainee"].id]["behind_on"][0]["label"] == "Contacts"
    assert board["distributions"]["contacts"] == {"min": "0.0", "q1": "0.0", "median": "0.0",
                                                  "q3": "1.5", "max": "3.0", "count": 3}  # fmt: skip
    helped = {b["trainee_id"]: b["reasons"] for b in board["behind"]}
    assert "objectifs en retard : Contacts" in helped[world["trainee"].id]
    assert "aucun plan pour la période" in helped[peer.id]
    assert client.get(url, headers=bearer(world["trainee"])).status_code == 403
    bad = client.get(
        url.replace("from=2026-10-01", "from=2026-11-01"), headers=bearer(world["trainer"])
    )
    assert bad.status_code == 422


def test_an_admin_links_a_tutor_to_trainees_of_the_organisation(
    client: TestClient, db: Session, world: dict[str, Any]
) -> None:
    admin = make_user(db, world["org"], Role.ADMIN)
    tutor = client.post("/api/v1/users", json={"email": "tuteur@example.org", "full_name": "Marc Tuteur",
                        "role": "tutor", "password": "x" * 12}, headers=bearer(admin)).json()  # fmt: skip
    url = f"/api/v1/users/{tutor['id']}/tutees"
    stranger = make_user(db, make_org(db))
    for ids, field in (
        ([world["trainer"].id], "trainee_ids.0"),
        ([world["trainee"].id, stranger.id], "trainee_ids.1"),
    ):
        r = client.put(url, json={"trainee_ids": ids}, headers=bearer(admin))
        assert r.status_code == 422, r.text
        assert r.json()["errors"][0]["field"] == field, r.text
    ok = client.put(url, json={"trainee_ids": [world["trainee"].id]}, headers=bearer(admin)).json()
    assert [p["id"] for p in ok["tutees"]] == [world["trainee"].id]
    not_a_tutor = client.put(f"/api/v1/users/{world['trainer'].id}/tutees", json={"trainee_ids": []},
                             headers=bearer(admin))  # fmt: skip
    assert not_a_tutor.status_code == 409
    user = client.get(f"/api/v1/users/{tutor['id']}", headers=bearer(admin)).json()
    client.patch(f"/api/v1/users/{tutor['id']}", json={"role": "trainer", "version": user["version"]},
                 headers=bearer(admin))  # fmt: skip
    assert (
        db.execute(select(tutor_trainees).where(tutor_trainees.c.tutor_id == tutor["id"])).first()
        is None
    )


def test_the_cohort_benchmark_is_kept_for_its_period_then_recomputed(
    db: Session, world: dict[str, Any]
) -> None:
    from dataclasses import replace

    from app.analyses import figures

    for peer in world["peers"]:  # contacts: 0 (the trainee), 1, 1: the median is 1
        call(db, peer, make_prospect(db, peer), at(START), Outcome.CALLBACK)
    analysis = Analysis(owner_id=world["trainee"].id, title="Octobre", starts_on=START, ends_on=END)
    db.add(analysis)
    db.flush()
    kept = replace(analyses.scope_of(db, analysis), benchmark_seconds=60)
    first = figures.compute(db, kept)
    for peer in world["peers"]:
        call(db, peer, make_prospect(db, peer), at(START), Outcome.CALLBACK)
    again = figures.compute(db, kept)
    assert again["period"]["cohort_computed_at"] == first["period"]["cohort_computed_at"]
    assert (
        again["funnel"]["stages"][1]["cohort_median"]
        == first["funnel"]["stages"][1]["cohort_median"]
    )
    fresh = figures.compute(db, replace(kept, benchmark_seconds=0))
    assert (
        fresh["funnel"]["stages"][1]["cohort_median"]
        != first["funnel"]["stages"][1]["cohort_median"]
    )
    assert again["funnel"]["stages"][1]["value"] == 0  # the trainee's own figures stay live
