"""The demo's social selling and presentations (seed/social.py): what each demo trainee's
social dashboard shows over the seeded month, the posts' stored checks (the domain's own,
the confidentiality one against the trainee's file), the social actions as exchanges of the
prospect file, the profile, the checklists, the presentations, and the evidence the routes
would have journaled.

The seed ran once into the template (tests/conftest.py); these tests read a copy of it in the
usual rolled-back transaction (``demo``)."""

from __future__ import annotations

from collections import Counter
from datetime import timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.business_cases import service as cases
from app.competences.catalogue import get_catalogue
from app.models import (
    Appointment,
    AppointmentStatus,
    Channel,
    Direction,
    EvidenceLink,
    EvidenceRecord,
    Interaction,
    PostStatus,
    Prospect,
    ProspectStatus,
    Role,
    SocialAction,
    SocialActionKind,
    SocialActionOutcome,
    SocialPost,
    SocialPostKpi,
    SocialProfile,
    User,
)
from app.social.checks import check_confidentiality, check_consistency
from app.social.posts import draft_of, iso_week, personal_data
from tests.conftest import DemoTemplate
from tests.factories import bearer

pytestmark = pytest.mark.demo
API = "/api/v1"


def trainees(db: Session) -> list[User]:
    return list(db.scalars(select(User).where(User.role == Role.TRAINEE).order_by(User.id)))


def test_every_demo_trainee_gets_a_month_of_social_selling(demo_template: DemoTemplate) -> None:
    report = demo_template.report.social
    assert (report.profiles, report.checklists, report.presentations, report.variants) == (
        12, 24, 24, 48)  # fmt: skip
    # 13 posts each and their cross-posts on the charter's second network (all but one
    # charter have two networks); two measurements per published post; six audience
    # measurements per network.
    assert 12 * 13 < report.posts <= 12 * 15
    assert report.kpis == 2 * (report.posts - 12 * 5)
    assert 12 * 6 <= report.stats <= 12 * 6 * 3
    assert 12 * 6 <= report.actions <= 12 * 10
    assert report.evidence > report.actions
    assert report.on is not None
    assert "profil(s) réseaux" in str(report)


def test_the_dashboard_of_each_demo_trainee_shows_the_seeded_month(
    client: TestClient, db: Session, demo_template: DemoTemplate
) -> None:
    on = demo_template.report.social.on
    assert on is not None
    period = {"from": (on - timedelta(days=30)).isoformat(), "to": on.isoformat()}
    for trainee in trainees(db):
        response = client.get(f"{API}/social/dashboard", params=period, headers=bearer(trainee))
        assert response.status_code == 200, response.text
        board = response.json()
        posts, actions = board["posts"], board["actions"]
        assert posts["published"] >= 8, trainee.email
        assert posts["impressions"] > 1000
        assert 0 < posts["engagements"] < posts["impressions"]
        assert posts["planned"] == posts["published"]  # the cancelled one left out
        assert 6 <= actions["total"] <= 10
        assert actions["appointments"] == 1
        assert actions["by_outcome"]["lead"] == 1
        assert actions["by_kind"]["connection_request"] >= 4
        assert {"accepted", "pending", "declined"} <= {k for k, v in actions["by_outcome"].items()
                                                       if v}  # fmt: skip
        assert actions["connections_in_target"] >= 1
        # The audience grew on every network of the charter; the registry's figure is the
        # sum of the networks' growths.
        assert board["audience"]
        growth = [a["followers_growth"] + a["connections_growth"] for a in board["audience"]]
        assert all(g > 0 for g in growth)
        assert board["metrics"]["social_connections_gained"] == sum(growth)


def test_every_seeded_post_passes_its_checks_as_stored(db: Session) -> None:
    """Each post's stored check is what the posts' service would store: the consistency
    with the charter (the posts of its week on its network counted) and the confidentiality
    against the trainee's whole file (its people's names, addresses, numbers, customers),
    both passing without a warning; nothing shows anybody of the file."""
    checked = 0
    for trainee in trainees(db):
        active = cases.active_case(db, trainee.id)
        assert active is not None
        doc = active.document
        personal = personal_data(db, trainee.id)
        assert personal.names
        assert personal.phones
        assert personal.companies
        mine = list(db.scalars(select(SocialPost).where(SocialPost.owner_id == trainee.id)))
        confidential: dict[tuple[str, str], list[Any]] = {}
        for post in mine:
            draft = draft_of(post)
            key = (post.text, post.media_description)
            if key not in confidential:  # the same text on two networks: read once
                confidential[key] = check_confidentiality(doc, draft, personal)
            first, last = iso_week(post.planned_on)
            in_week = sum(1 for p in mine if p.network is post.network
                          and p.status is not PostStatus.CANCELLED
                          and first <= p.planned_on <= last and p.id != post.id) + 1  # fmt: skip
            # Two a week at most (three in the week of the cancelled one, as it was checked).
            assert in_week <= (3 if post.status is PostStatus.CANCELLED else 2)
            findings = check_consistency(doc, draft, posts_in_week=in_week) + confidential[key]
            assert all(f.severity == "ok" for f in findings), (post.id, findings)
            assert post.findings == [f.as_dict() for f in findings]
            assert post.passed
            assert post.business_case_version_id == active.version.id
            checked += 1
        assert {p.network for p in mine} <= set(doc.policy.social_media.networks)  # type: ignore[union-attr]
    assert checked > 12 * 13


def test_the_posts_live_as_the_calendar_says(db: Session, demo_template: DemoTemplate) -> None:
    on = demo_template.report.social.on
    assert on is not None
    posts = list(db.scalars(select(SocialPost)))
    latest = {
        k.post_id: k for k in db.scalars(select(SocialPostKpi).order_by(SocialPostKpi.measured_on))
    }
    for post in posts:
        assert post.checked_at is not None
        assert post.created_at <= post.checked_at
        if post.status is PostStatus.PUBLISHED:
            assert post.published_on == post.planned_on < on
            assert post.approved_at is not None
            assert post.approved_at.date() < post.published_on
            assert latest[post.id].measured_on <= on
            assert latest[post.id].impressions > 0
        elif post.status is PostStatus.APPROVED:
            assert post.planned_on > on
            assert post.approved_at is not None
            assert post.approved_at.date() < on
        else:
            assert post.approved_at is None
            assert post.published_on is None
            assert post.id not in latest
    statuses = Counter(p.status for p in posts)
    assert statuses[PostStatus.CANCELLED] == 12  # one each
    assert statuses[PostStatus.DRAFT] == statuses[PostStatus.APPROVED] == 24
    # The cancelled post is planned again later, as a draft (the client's agreement came).
    cancelled = [p for p in posts if p.status is PostStatus.CANCELLED]
    assert all(
        any(o.text == p.text and o.status is PostStatus.DRAFT and o.planned_on > on for o in posts
            if o.owner_id == p.owner_id)
        for p in cancelled
    )  # fmt: skip


def test_the_actions_are_exchanges_of_the_prospect_file(
    client: TestClient, db: Session, demo_template: DemoTemplate
) -> None:
    on = demo_template.report.social.on
    assert on is not None
    for trainee in trainees(db):
        mine = list(db.scalars(select(SocialAction).where(SocialAction.owner_id == trainee.id)
                               .order_by(SocialAction.occurred_at)))  # fmt: skip
        assert 6 <= len(mine) <= 10
        for action in mine:
            assert action.interaction_id is not None
            exchange = db.get_one(Interaction, action.interaction_id)
            prospect = db.get_one(Prospect, action.prospect_id)
            assert (exchange.channel, exchange.direction) == (Channel.SOCIAL, Direction.OUTBOUND)
            assert exchange.occurred_at == action.occurred_at == action.created_at
            assert exchange.created_at == exchange.occurred_at
            assert exchange.notes.startswith("LinkedIn : ")
            assert exchange.policy_rule == "channel-not-regulated"
            assert action.occurred_at.date() < on
            assert not prospect.anonymised
            assert prospect.objected_at is None
        meeting = next(a for a in mine if a.outcome is SocialActionOutcome.APPOINTMENT)
        appointment = db.scalar(select(Appointment).where(
            Appointment.interaction_id == meeting.interaction_id))  # fmt: skip
        assert appointment is not None
        assert appointment.status is AppointmentStatus.PLANNED
        assert appointment.starts_at.date() > on
        assert appointment.created_at == meeting.occurred_at
        lead = next(a for a in mine if a.outcome is SocialActionOutcome.LEAD)
        assert db.get_one(Prospect, lead.prospect_id).status is ProspectStatus.QUALIFIED
        # The lead and the meeting follow up accepted invitations, and published posts.
        accepted = {a.prospect_id for a in mine if a.kind is SocialActionKind.CONNECTION_REQUEST
                    and a.outcome is SocialActionOutcome.ACCEPTED}  # fmt: skip
        assert {lead.prospect_id, meeting.prospect_id} <= accepted
        assert lead.post_id is not None
        assert meeting.post_id is not None
        # Through the API: the trainee's actions, the appointment the meeting set.
        listed = client.get(f"{API}/social/actions", headers=bearer(trainee)).json()
        assert listed["total"] == len(mine)
        by_id = {a["id"]: a for a in listed["items"]}
        assert by_id[meeting.id]["appointment_id"] == appointment.id
        timeline = client.get(f"{API}/prospects/{lead.prospect_id}/social-actions",
                              headers=bearer(trainee)).json()  # fmt: skip
        assert {a["outcome"] for a in timeline["items"]} == {"accepted", "lead"}


def test_profiles_checklists_and_presentations(client: TestClient, db: Session) -> None:
    for trainee in trainees(db):
        headers = bearer(trainee)
        [profile] = client.get(f"{API}/social/profiles", headers=headers).json()
        assert profile["passed"]
        assert profile["first_passed_at"]
        assert all(f["severity"] == "ok" for f in profile["findings"])
        checklists = client.get(f"{API}/social/privacy", headers=headers).json()
        ticked = [c for c in checklists if c["updated_at"]]
        assert len(ticked) == 2
        assert [c["complete"] for c in ticked] == [True, False]
        assert ticked[0]["network"] == profile["network"]
        assert 0 < ticked[1]["done_count"] < ticked[1]["total"]
        library = client.get(f"{API}/presentations", headers=headers).json()
        assert library["total"] == 2
        kinds = {p["kind"] for p in library["items"]}
        assert kinds == {"elevator_pitch", "email_introduction"}
        for presentation in library["items"]:
            variants = presentation["variants"]
            assert len(variants) == 2
            assert len({v["interlocutor"] for v in variants}) == 2
            assert all(v["text"] and v["passed"] for v in variants)
            assert all(v["first_passed_at"] is None for v in variants)  # drafted: not shown


def test_the_social_history_comes_with_the_evidence_its_routes_journal(
    db: Session, demo_template: DemoTemplate, openapi_document: dict[str, Any]
) -> None:
    declared = {
        op["operationId"]: set(op.get("x-competences", [])) | set(op.get("x-criteria", []))
        for item in openapi_document["paths"].values()
        for op in item.values()
    }
    actions = ("save_profile", "approve_post", "save_checklist", "create_social_action")
    records = list(db.scalars(select(EvidenceRecord).where(EvidenceRecord.action.in_(actions))))
    assert len(records) == demo_template.report.social.evidence
    codes: dict[int, set[str]] = {}
    for link in db.scalars(select(EvidenceLink).where(
            EvidenceLink.evidence_id.in_([r.id for r in records]))):  # fmt: skip
        codes.setdefault(link.evidence_id, set()).add(link.code)
    per = Counter((r.trainee_id, r.action) for r in records)
    posts = Counter(db.scalars(select(SocialPost.owner_id).where(
        SocialPost.approved_at.is_not(None), SocialPost.passed.is_(True))))  # fmt: skip
    profiles = db.scalar(select(func.count()).select_from(SocialProfile))
    assert profiles == 12
    for trainee in trainees(db):
        assert per[trainee.id, "save_profile"] == 1
        assert per[trainee.id, "save_checklist"] == 1  # the complete one only
        assert per[trainee.id, "approve_post"] == posts[trainee.id]
        count = db.scalar(select(func.count()).select_from(SocialAction).where(
            SocialAction.owner_id == trainee.id))  # fmt: skip
        assert per[trainee.id, "create_social_action"] == count
    credited = get_catalogue().credited
    for record in records:
        if record.action == "create_social_action":
            action = db.get_one(SocialAction, int(record.resource_id or 0))
            extra = ["CP3.7", "CP3.1"]
            extra += {SocialActionOutcome.APPOINTMENT: ["CP3.2"],
                      SocialActionOutcome.LEAD: ["CP3.6"]}.get(action.outcome, [])  # fmt: skip
            assert codes[record.id] == set(credited([*declared[record.action], *extra]))
            assert record.created_at == action.occurred_at
            assert record.dedupe_key.startswith(f"create_social_action|social_actions:{action.id}|")
        else:
            assert codes[record.id] == declared[record.action], record.action
        assert record.method in ("POST", "PUT")
        assert record.resource_type in ("social_profiles", "social_posts",
                                        "social_privacy_checks", "social_actions")  # fmt: skip
    assert len({(r.trainee_id, r.dedupe_key) for r in records}) == len(records)
