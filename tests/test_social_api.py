"""Social selling through the API (app/social/README.md): the profile read against the
charter, the content calendar and its checks, the approval refused while a post shows the
file's personal data, publication and KPIs, the audience, the privacy checklists, social
actions recorded in the prospect file, the dashboard and the registry's metrics on a crafted
history, scoping, bad input, and the evidence each write records (once)."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, event, select
from sqlalchemy.orm import Session

from app.business_cases import service as cases
from app.business_cases.document import BusinessCaseDocument
from app.common.clock import today_in, utcnow
from app.core.principal import Principal
from app.metrics import registry
from app.models import (
    Appointment,
    BusinessCaseAssignment,
    Channel,
    EvidenceLink,
    EvidenceRecord,
    Interaction,
    Outcome,
    PostObjective,
    PostStatus,
    Prospect,
    ProspectKind,
    ProspectSource,
    ProspectStatus,
    Role,
    SizeBand,
    SocialAction,
    SocialActionKind,
    SocialActionOutcome,
    SocialNetwork,
    SocialNetworkStat,
    SocialPost,
    SocialPostKpi,
    User,
)
from app.privacy.anonymise import anonymise_prospect
from app.social.checks import PHOTO_GUIDELINES
from app.social.privacy import items
from tests.factories import (
    bearer,
    make_cohort,
    make_contact,
    make_org,
    make_prospect,
    make_user,
    snapshot,
)

EXAMPLE = Path(__file__).parent / "data" / "business_case_example.json"
API = "/api/v1"
PROBLEM = "application/problem+json"
PARIS = ZoneInfo("Europe/Paris")
THEME = "Raccordements fibre réalisés"
CLEAN = (
    "Cette semaine, notre équipe a raccordé trois cabinets médicaux de Lyon 3e à la fibre. "
    "Un chantier propre, une mise en service en une matinée."
)
PHONE = "06 12 34 56 78"
LEAKY = f"Merci au cabinet pour sa confiance. Pour un devis, appelez Claire au {PHONE}."
POST_CODES = {"CP5", "CP5.5", "CP5.6", "CP3", "CP3.8", "CT1", "CT1.8", "CT4", "CT4.3", "CT4.4"}


# ----------------------------------------------------------------- fixtures and helpers


@pytest.fixture
def world(db: Session) -> dict[str, Any]:
    """A trainee and a fellow trainee of a cohort whose trainer assigned it the example case
    (its charter: themes, required mentions, forbidden words, confidential terms, LinkedIn
    and Facebook); the trainee's file: a medical practice in a segment with its contact, a
    farm in none, a private person; the fellow's own prospect."""
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
    db.add(BusinessCaseAssignment(business_case_id=case.id, cohort_id=cohort.id))
    db.flush()
    cabinet = make_prospect(db, trainee, name="Cabinet Durand", naf_code="86.21Z",
                            size_band=SizeBand.SMALL)  # fmt: skip
    claire = make_contact(db, cabinet, first_name="Claire", last_name="Martin", phone=PHONE,
                          email="claire.martin@cabinet-durand.example")  # fmt: skip
    farm = make_prospect(db, trainee, name="Ferme des Monts", naf_code="01.11Z",
                         size_band=SizeBand.SMALL)  # fmt: skip
    person = make_prospect(db, trainee, kind=ProspectKind.INDIVIDUAL, name="Jean Dupont",
                           phone="04 78 12 34 56")  # fmt: skip
    stranger = make_prospect(db, other, name="Ailleurs SARL")
    return {"trainer": trainer, "trainee": trainee, "other": other, "cabinet": cabinet,
            "claire": claire, "farm": farm, "person": person, "stranger": stranger}  # fmt: skip


def call(client: TestClient, user: User, method: str, path: str, body: Any = None,
         code: int = 200, **params: Any) -> Any:  # fmt: skip
    response = client.request(method, API + path, json=body, params=params or None,
                              headers=bearer(user))  # fmt: skip
    assert response.status_code == code, (method, path, response.status_code, response.text)
    if code >= 400:
        assert response.headers["content-type"] == PROBLEM, response.text
    return response.json() if response.content else None


def evidence(db: Session, user: User) -> list[tuple[str, set[str]]]:
    db.expire_all()
    records = db.scalars(
        select(EvidenceRecord)
        .where(EvidenceRecord.trainee_id == user.id)
        .order_by(EvidenceRecord.id)
    ).all()
    return [
        (r.action, set(db.scalars(select(EvidenceLink.code).where(EvidenceLink.evidence_id == r.id))))
        for r in records
    ]  # fmt: skip


def actions_of(db: Session, user: User, action: str) -> list[set[str]]:
    return [codes for name, codes in evidence(db, user) if name == action]


def today() -> date:
    return today_in("Europe/Paris")


def field_errors(body: dict[str, Any]) -> dict[str, str]:
    return {e["field"]: e["message"] for e in body["errors"]}


def post_body(planned_on: date, text: str = CLEAN, **fields: Any) -> dict[str, Any]:
    return {"network": "linkedin", "planned_on": planned_on.isoformat(),
            "objective": "awareness", "theme": THEME, "text": text, **fields}  # fmt: skip


PROFILE = {
    "headline": "Conseiller entreprises chez Rhône Télécom Services",
    "summary": "J'accompagne les cabinets et les PME de la région lyonnaise : fibre, standard "
    "cloud et secours 4G, avec les techniciens locaux de Rhône Télécom Services.",
    "experience": [{"title": "Conseiller entreprises", "company": "Rhône Télécom Services",
                    "current": True,
                    "description": "Prospection et suivi des cabinets et PME du Rhône."}],
    "featured": ["Notre page : Rhône Télécom Services"],
    "photo": dict.fromkeys(PHOTO_GUIDELINES, True),
    "contact": {"email_visibility": "connections", "phone_visibility": "hidden",
                "messages_from": "everyone", "open_to_work": False},
}  # fmt: skip


# ----------------------------------------------------------------- profiles


def test_a_profile_fails_then_passes_the_charter_and_shows_cp5_4_once(
    client: TestClient, db: Session, world: dict[str, Any]
) -> None:
    trainee = world["trainee"]
    draft = {"headline": "Commercial terrain", "summary": "Toujours le meilleur réseau de France !",
             "photo": {"professional": True}, "contact": {"open_to_work": True}}  # fmt: skip
    first = call(client, trainee, "PUT", "/social/profiles/linkedin", draft)
    assert first["passed"] is False
    assert first["version"] == 1
    errors = {f["rule"] for f in first["findings"] if f["severity"] == "error"}
    assert {"company_name", "company_page", "charter_forbidden", "photo", "contact"} <= errors
    forbidden = next(f for f in first["findings"]
                     if f["rule"] == "charter_forbidden" and f["severity"] == "error")  # fmt: skip
    assert forbidden["field"] == "summary"
    assert draft["summary"][forbidden["start"] : forbidden["end"]].lower() == (
        "le meilleur réseau de france"
    )
    assert first["first_passed_at"] is None
    assert evidence(db, trainee) == []
    # Replacing needs the version read.
    refused = call(client, trainee, "PUT", "/social/profiles/linkedin", PROFILE, 409)
    assert "version" in refused["detail"]
    stale = call(
        client, trainee, "PUT", "/social/profiles/linkedin", {**PROFILE, "version": 7}, 409
    )
    assert stale["type"].endswith("stale-version")
    passed = call(client, trainee, "PUT", "/social/profiles/linkedin", {**PROFILE, "version": 1})
    assert passed["passed"] is True, [f for f in passed["findings"] if f["severity"] == "error"]
    assert passed["first_passed_at"] is not None
    assert passed["business_case_version_id"] is not None
    assert actions_of(db, trainee, "save_profile") == [{"CP5", "CP5.4", "CT4", "CT4.2"}]
    # Passing again, failing, passing again: the first success only.
    again = call(client, trainee, "PUT", "/social/profiles/linkedin",
                 {**PROFILE, "version": passed["version"]})  # fmt: skip
    worse = call(client, trainee, "PUT", "/social/profiles/linkedin",
                 {**draft, "version": again["version"]})  # fmt: skip
    assert worse["passed"] is False
    assert worse["first_passed_at"] == passed["first_passed_at"]
    call(
        client,
        trainee,
        "PUT",
        "/social/profiles/linkedin",
        {**PROFILE, "version": worse["version"]},
    )
    assert len(actions_of(db, trainee, "save_profile")) == 1
    # Reading: one profile per network; none yet on Facebook.
    listed = call(client, trainee, "GET", "/social/profiles")
    assert [p["network"] for p in listed] == ["linkedin"]
    call(client, trainee, "GET", "/social/profiles/facebook", code=404)
    # The trainer reads it; the fellow trainee may not even name the trainee.
    trainer = call(client, world["trainer"], "GET", "/social/profiles/linkedin",
                   trainee_id=trainee.id)  # fmt: skip
    assert trainer["id"] == passed["id"]
    refused = call(client, world["other"], "GET", "/social/profiles", code=422,
                   trainee_id=trainee.id)  # fmt: skip
    assert "trainee_id" in field_errors(refused)
    assert call(client, world["other"], "GET", "/social/profiles") == []


def test_unknown_photo_and_contact_codes_are_field_errors(
    client: TestClient, world: dict[str, Any]
) -> None:
    trainee = world["trainee"]
    body = call(client, trainee, "PUT", "/social/profiles/linkedin",
                {**PROFILE, "photo": {"smiling": True}}, 422)  # fmt: skip
    assert "smiling" in field_errors(body)["photo"]
    body = call(client, trainee, "PUT", "/social/profiles/linkedin",
                {**PROFILE, "contact": {"fax_visibility": "public"}}, 422)  # fmt: skip
    assert "fax_visibility" in field_errors(body)["contact"]
    # A known setting with a value it does not take is the check's finding, not a refusal.
    odd = call(client, trainee, "PUT", "/social/profiles/linkedin",
               {**PROFILE, "contact": {"email_visibility": "everyone"}})  # fmt: skip
    assert any(f["field"] == "contact.email_visibility" and f["severity"] == "error"
               for f in odd["findings"])  # fmt: skip
    # Staff write no profile of their own.
    call(client, world["trainer"], "PUT", "/social/profiles/linkedin", PROFILE, 403)


# ----------------------------------------------------------------- posts


def test_a_month_of_posts_a_leak_refused_then_approved_once_corrected(
    client: TestClient, db: Session, world: dict[str, Any]
) -> None:
    trainee = world["trainee"]
    start = today() + timedelta(days=7)
    month = [call(client, trainee, "POST", "/social/posts", post_body(start + timedelta(weeks=i)),
                  201) for i in range(4)]  # fmt: skip
    assert all(p["status"] == "draft" and p["passed"] for p in month), month
    # A draft with the phone number of a contact of the file: saved, its finding in place.
    leak = call(client, trainee, "POST", "/social/posts",
                post_body(start + timedelta(days=2), LEAKY, objective="lead"), 201)  # fmt: skip
    assert leak["passed"] is False
    found = next(f for f in leak["findings"] if f["rule"] == "personal_phone")
    assert (found["severity"], found["field"]) == ("error", "text")
    assert LEAKY[found["start"] : found["end"]] == PHONE
    # Approving it is refused with the place found, and nothing changes.
    before = snapshot(db)
    refused = call(client, trainee, "POST", f"/social/posts/{leak['id']}/approve", code=409)
    assert refused["type"].endswith("post-blocked")
    [blocking] = refused["findings"]
    assert blocking["rule"] == "personal_phone"
    assert LEAKY[blocking["start"] : blocking["end"]] == PHONE
    assert blocking["message"]
    db.expire_all()
    assert snapshot(db) == before
    assert evidence(db, trainee) == []
    # Corrected (a generic company number is not the file's), then approved: evidence once.
    fixed_text = LEAKY.replace(f"appelez Claire au {PHONE}", "écrivez à contact@rts.example")
    fixed = call(client, trainee, "PATCH", f"/social/posts/{leak['id']}",
                 {"version": leak["version"], "text": fixed_text})  # fmt: skip
    assert fixed["passed"] is True, fixed["findings"]
    approved = call(client, trainee, "POST", f"/social/posts/{leak['id']}/approve")
    assert approved["status"] == "approved"
    assert approved["approved_at"] is not None
    assert actions_of(db, trainee, "approve_post") == [POST_CODES]
    # Edited after approval: back to draft, checked again; approved again: nothing new.
    edited = call(client, trainee, "PATCH", f"/social/posts/{leak['id']}",
                  {"version": approved["version"], "text": fixed_text + " Bonne semaine."})  # fmt: skip
    assert (edited["status"], edited["approved_at"]) == ("draft", None)
    assert datetime.fromisoformat(edited["checked_at"]) > datetime.fromisoformat(
        approved["checked_at"]
    )
    call(client, trainee, "POST", f"/social/posts/{leak['id']}/approve")
    assert len(actions_of(db, trainee, "approve_post")) == 1
    # Drafting, editing and re-approving recorded nothing else.
    assert [name for name, _ in evidence(db, trainee)] == ["approve_post"]
    # The calendar of the month, by day planned; filtered by status.
    calendar = call(client, trainee, "GET", "/social/posts", **{
        "from": start.isoformat(), "to": (start + timedelta(days=30)).isoformat()})  # fmt: skip
    assert calendar["total"] == 5
    days = [p["planned_on"] for p in calendar["items"]]
    assert days == sorted(days)
    approved_only = call(client, trainee, "GET", "/social/posts", status="approved")
    assert [p["id"] for p in approved_only["items"]] == [leak["id"]]
    later = call(client, trainee, "GET", "/social/posts",
                 **{"from": (start + timedelta(weeks=3)).isoformat()})  # fmt: skip
    assert [p["id"] for p in later["items"]] == [month[3]["id"]]
    bad = call(client, trainee, "GET", "/social/posts", code=422,
               **{"from": "2027-02-01", "to": "2027-01-01"})  # fmt: skip
    assert "from" in field_errors(bad)


def test_the_live_check_saves_nothing_and_names_the_week(
    client: TestClient, db: Session, world: dict[str, Any]
) -> None:
    trainee = world["trainee"]
    monday = today() + timedelta(days=14 - today().weekday())
    posts = [call(client, trainee, "POST", "/social/posts", post_body(monday + timedelta(days=i)),
                  201) for i in range(3)]  # fmt: skip
    # Another network, a cancelled post: not counted.
    call(client, trainee, "POST", "/social/posts",
         post_body(monday, network="facebook"), 201)  # fmt: skip
    cancelled = call(client, trainee, "POST", "/social/posts", post_body(monday), 201)
    call(client, trainee, "POST", f"/social/posts/{cancelled['id']}/cancel")
    before = snapshot(db)
    checked = call(client, trainee, "POST", "/social/posts/check",
                   post_body(monday + timedelta(days=4), LEAKY))  # fmt: skip
    assert checked["posts_in_week"] == 4
    assert checked["blocked"] is True
    assert checked["passed"] is False
    frequency = next(f for f in checked["findings"] if f["rule"] == "frequency")
    assert frequency["severity"] == "warning"
    # The post being edited counts once.
    again = call(client, trainee, "POST", "/social/posts/check",
                 {**post_body(monday, CLEAN), "post_id": posts[0]["id"]})  # fmt: skip
    assert again["posts_in_week"] == 3
    assert again["blocked"] is False
    db.expire_all()
    assert snapshot(db) == before
    assert evidence(db, trainee) == []
    # Another trainee's post is no post of the check.
    foreign = call(client, world["other"], "POST", "/social/posts/check",
                   {**post_body(monday), "post_id": posts[0]["id"]}, 422)  # fmt: skip
    assert "post_id" in field_errors(foreign)


def test_a_theme_outside_the_charter_and_the_file_are_findings_not_refusals(
    client: TestClient, world: dict[str, Any]
) -> None:
    trainee = world["trainee"]
    text = ("Jean Dupont nous a fait confiance : le Projet Confluence 2027 avance, écrivez à "
            "claire.martin@cabinet-durand.example.")  # fmt: skip
    post = call(client, trainee, "POST", "/social/posts",
                post_body(today(), text, theme="Nos bonnes affaires"), 201)  # fmt: skip
    rules = {(f["rule"], f["severity"]) for f in post["findings"]}
    assert ("theme", "error") in rules
    assert {("personal_name", "error"), ("confidential_term", "error"),
            ("personal_email", "error")} <= rules  # fmt: skip
    name = next(f for f in post["findings"] if f["rule"] == "personal_name")
    assert text[name["start"] : name["end"]] == "Jean Dupont"
    refused = call(client, trainee, "POST", f"/social/posts/{post['id']}/approve", code=409)
    assert {f["rule"] for f in refused["findings"]} == {
        "personal_name", "confidential_term", "personal_email"}  # fmt: skip


def test_consistency_errors_do_not_block_but_show_nothing(
    client: TestClient, db: Session, world: dict[str, Any]
) -> None:
    trainee = world["trainee"]
    post = call(client, trainee, "POST", "/social/posts",
                post_body(today(), CLEAN, theme="Nos bonnes affaires"), 201)  # fmt: skip
    approved = call(client, trainee, "POST", f"/social/posts/{post['id']}/approve")
    assert (approved["status"], approved["passed"]) == ("approved", False)
    assert evidence(db, trainee) == []
    # Put right, approved again: now it shows.
    fixed = call(client, trainee, "PATCH", f"/social/posts/{post['id']}",
                 {"version": approved["version"], "theme": THEME})  # fmt: skip
    assert fixed["status"] == "draft"
    call(client, trainee, "POST", f"/social/posts/{post['id']}/approve")
    assert actions_of(db, trainee, "approve_post") == [POST_CODES]


def test_publishing_and_the_read_only_posts(client: TestClient, world: dict[str, Any]) -> None:
    trainee = world["trainee"]
    post = call(client, trainee, "POST", "/social/posts", post_body(today()), 201)
    refused = call(client, trainee, "POST", f"/social/posts/{post['id']}/publish", {}, 409)
    assert "approuvée" in refused["detail"]
    call(client, trainee, "POST", f"/social/posts/{post['id']}/approve")
    future = (today() + timedelta(days=1)).isoformat()
    body = call(client, trainee, "POST", f"/social/posts/{post['id']}/publish",
                {"published_on": future}, 422)  # fmt: skip
    assert "published_on" in field_errors(body)
    body = call(client, trainee, "POST", f"/social/posts/{post['id']}/publish",
                {"url": "ftp://exemple.fr/post"}, 422)  # fmt: skip
    assert "url" in field_errors(body)
    published = call(client, trainee, "POST", f"/social/posts/{post['id']}/publish",
                     {"url": "https://www.linkedin.com/feed/update/1"})  # fmt: skip
    assert (published["status"], published["published_on"]) == ("published", today().isoformat())
    # Read-only now: editing, cancelling, approving, publishing again.
    call(client, trainee, "PATCH", f"/social/posts/{post['id']}",
         {"version": published["version"], "text": "Autre"}, 409)  # fmt: skip
    call(client, trainee, "POST", f"/social/posts/{post['id']}/cancel", code=409)
    call(client, trainee, "POST", f"/social/posts/{post['id']}/approve", code=409)
    call(client, trainee, "POST", f"/social/posts/{post['id']}/publish", {}, 409)
    # Sending only the version changes nothing, whatever the status.
    same = call(client, trainee, "PATCH", f"/social/posts/{post['id']}",
                {"version": published["version"]})  # fmt: skip
    assert same["version"] == published["version"]
    # A cancelled draft is read-only too.
    other = call(client, trainee, "POST", "/social/posts", post_body(today()), 201)
    cancelled = call(client, trainee, "POST", f"/social/posts/{other['id']}/cancel")
    assert cancelled["status"] == "cancelled"
    call(
        client,
        trainee,
        "PATCH",
        f"/social/posts/{other['id']}",
        {"version": cancelled["version"], "theme": THEME + " "},
        200,
    )  # same once stripped
    call(client, trainee, "PATCH", f"/social/posts/{other['id']}",
         {"version": cancelled["version"], "text": "Autre"}, 409)  # fmt: skip
    call(client, trainee, "DELETE", f"/social/posts/{other['id']}", code=204)
    call(client, trainee, "GET", f"/social/posts/{other['id']}", code=404)


# ----------------------------------------------------------------- figures


def test_kpis_of_a_published_post_upserted_by_day_and_validated(
    client: TestClient, db: Session, world: dict[str, Any]
) -> None:
    trainee = world["trainee"]
    post = call(client, trainee, "POST", "/social/posts", post_body(today()), 201)
    path = f"/social/posts/{post['id']}/kpis"
    day = today() - timedelta(days=5)
    call(client, trainee, "POST", path, {"measured_on": day.isoformat()}, 409)  # not published
    call(client, trainee, "POST", f"/social/posts/{post['id']}/approve")
    published_on = today() - timedelta(days=10)
    call(client, trainee, "POST", f"/social/posts/{post['id']}/publish",
         {"published_on": published_on.isoformat()})  # fmt: skip
    figures = {"impressions": 1000, "reactions": 30, "comments": 5, "shares": 5, "clicks": 12}
    first = call(client, trainee, "POST", path, {"measured_on": day.isoformat(), **figures}, 201)
    assert first["engagements"] == 40
    replaced = call(client, trainee, "POST", path,
                    {"measured_on": day.isoformat(), **figures, "impressions": 1200}, 200)  # fmt: skip
    assert replaced["id"] == first["id"]
    latest = call(client, trainee, "POST", path,
                  {"measured_on": today().isoformat(), "impressions": 1500, "reactions": 40}, 201)  # fmt: skip
    listed = call(client, trainee, "GET", path)
    assert [k["impressions"] for k in listed] == [1200, 1500]
    assert (
        call(client, trainee, "GET", f"/social/posts/{post['id']}")["figures"]["id"] == latest["id"]
    )
    # Before the publication, in the future, out of bounds: 422 naming the field.
    early = (published_on - timedelta(days=2)).isoformat()
    for body, field in [
        ({"measured_on": early}, "measured_on"),
        ({"measured_on": (today() + timedelta(days=1)).isoformat()}, "measured_on"),
        ({"measured_on": day.isoformat(), "impressions": -1}, "impressions"),
        ({"measured_on": day.isoformat(), "shares": 10**9 + 1}, "shares"),
        ({"measured_on": day.isoformat(), "likes": 3}, "likes"),
        ({"impressions": 3}, "measured_on"),
    ]:
        refused = call(client, trainee, "POST", path, body, 422)
        assert field in field_errors(refused), (body, refused)
    # Figures record no evidence; a measurement is deleted within its post only.
    assert [name for name, _ in evidence(db, trainee)] == ["approve_post"]
    other = call(client, trainee, "POST", "/social/posts", post_body(today()), 201)
    call(client, trainee, "DELETE", f"/social/posts/{other['id']}/kpis/{first['id']}", code=404)
    call(client, trainee, "DELETE", f"{path}/{first['id']}", code=204)
    assert [k["id"] for k in call(client, trainee, "GET", path)] == [latest["id"]]


def test_the_audience_is_one_measurement_per_network_and_day(
    client: TestClient, world: dict[str, Any]
) -> None:
    trainee = world["trainee"]
    day = today().isoformat()
    body = {"network": "linkedin", "measured_on": day, "followers": 100, "connections": 250}
    first = call(client, trainee, "POST", "/social/stats", body, 201)
    again = call(client, trainee, "POST", "/social/stats", {**body, "followers": 110}, 200)
    assert (again["id"], again["followers"]) == (first["id"], 110)
    call(client, trainee, "POST", "/social/stats", {**body, "network": "facebook"}, 201)
    future = call(client, trainee, "POST", "/social/stats",
                  {**body, "measured_on": (today() + timedelta(days=1)).isoformat()}, 422)  # fmt: skip
    assert "measured_on" in field_errors(future)
    listed = call(client, trainee, "GET", "/social/stats", network="linkedin")
    assert [s["followers"] for s in listed["items"]] == [110]
    trainer = call(client, world["trainer"], "GET", "/social/stats", owner_id=trainee.id)
    assert trainer["total"] == 2
    call(client, world["trainer"], "POST", "/social/stats", body, 403)
    call(client, world["other"], "DELETE", f"/social/stats/{first['id']}", code=404)
    call(client, trainee, "DELETE", f"/social/stats/{first['id']}", code=204)


# ----------------------------------------------------------------- privacy checklists


def test_a_privacy_checklist_completed_shows_cp5_6_once_per_network(
    client: TestClient, db: Session, world: dict[str, Any]
) -> None:
    trainee = world["trainee"]
    lists = call(client, trainee, "GET", "/social/privacy")
    assert [(c["network"], c["in_charter"], c["complete"]) for c in lists] == [
        ("linkedin", True, False), ("facebook", True, False)]  # fmt: skip
    codes = [i.code for i in items(SocialNetwork.LINKEDIN)]
    assert [i["code"] for i in lists[0]["items"]] == codes
    partial = call(client, trainee, "PUT", "/social/privacy/linkedin",
                   {"done": {codes[0]: True, codes[1]: True}})  # fmt: skip
    assert (partial["done_count"], partial["total"], partial["complete"]) == (2, len(codes), False)
    assert evidence(db, trainee) == []
    refused = call(client, trainee, "PUT", "/social/privacy/linkedin",
                   {"done": {codes[0]: True, "selfie_mode": True}}, 422)  # fmt: skip
    assert "selfie_mode" in field_errors(refused)["done"]
    everything = dict.fromkeys(codes, True)
    complete = call(client, trainee, "PUT", "/social/privacy/linkedin", {"done": everything})
    assert complete["complete"] is True
    assert complete["completed_at"] is not None
    assert actions_of(db, trainee, "save_checklist") == [
        {"CP5", "CP5.6", "CT1", "CT1.8", "CT4", "CT4.4"}
    ]
    # Undone, done again: once per network.
    call(
        client,
        trainee,
        "PUT",
        "/social/privacy/linkedin",
        {"done": {**everything, codes[0]: False}},
    )
    call(client, trainee, "PUT", "/social/privacy/linkedin", {"done": everything})
    assert len(actions_of(db, trainee, "save_checklist")) == 1
    # A network outside the charter has its list too, once ticked.
    call(client, trainee, "PUT", "/social/privacy/instagram", {"done": {}})
    lists = call(client, trainee, "GET", "/social/privacy")
    assert [(c["network"], c["in_charter"]) for c in lists] == [
        ("linkedin", True), ("facebook", True), ("instagram", False)]  # fmt: skip
    trainer = call(client, world["trainer"], "GET", "/social/privacy", trainee_id=trainee.id)
    assert trainer[0]["complete"] is True
    call(client, world["trainer"], "PUT", "/social/privacy/linkedin", {"done": everything}, 403)


# ----------------------------------------------------------------- social actions


def test_social_actions_are_exchanges_of_the_prospect_file(
    client: TestClient, db: Session, world: dict[str, Any]
) -> None:
    trainee, cabinet, farm = world["trainee"], world["cabinet"], world["farm"]
    path = f"/prospects/{cabinet.id}/social-actions"
    next_week = (today() + timedelta(days=7)).isoformat()
    # Every exchange of the file names its next contact (unless it closes or sets a meeting).
    missing = call(client, trainee, "POST", path,
                   {"network": "linkedin", "kind": "connection_request", "outcome": "pending"}, 422)  # fmt: skip
    assert "next_contact_on" in field_errors(missing)
    request = call(client, trainee, "POST", path, {
        "network": "linkedin", "kind": "connection_request", "outcome": "pending",
        "contact_id": world["claire"].id, "notes": "Rencontrée au salon.",
        "next_contact_on": next_week}, 201)  # fmt: skip
    assert request["in_target"] is True
    assert request["prospect_name"] == "Cabinet Durand"
    assert request["contact_id"] == world["claire"].id
    interaction = db.get(Interaction, request["interaction_id"])
    assert interaction is not None
    assert (interaction.channel, interaction.outcome) == (Channel.SOCIAL, Outcome.NO_ANSWER)
    assert interaction.notes.startswith("LinkedIn : invitation à se connecter (en attente).")
    assert "Rencontrée au salon." in interaction.notes
    assert interaction.next_contact_on == date.fromisoformat(next_week)
    [codes] = actions_of(db, trainee, "create_social_action")
    assert {"CP3", "CP3.9", "CP3.7", "CP3.1"} <= codes  # the exchange's criteria too
    assert "CP3.2" not in codes
    # An appointment set by a message: the file's appointment.
    starts = (utcnow() + timedelta(days=3)).replace(microsecond=0).isoformat()
    meeting = call(client, trainee, "POST", path, {
        "network": "linkedin", "kind": "message", "outcome": "appointment",
        "appointment": {"starts_at": starts, "duration_minutes": 45}}, 201)  # fmt: skip
    appointment = db.get(Appointment, meeting["appointment_id"])
    assert appointment is not None
    assert appointment.interaction_id == meeting["interaction_id"]
    assert "CP3.2" in actions_of(db, trainee, "create_social_action")[-1]
    no_meeting = call(client, trainee, "POST", path, {
        "network": "linkedin", "kind": "message", "outcome": "appointment"}, 422)  # fmt: skip
    assert "appointment" in field_errors(no_meeting)
    # A lead qualifies the prospect, as in the file.
    lead = call(client, trainee, "POST", path, {"network": "facebook", "kind": "comment",
                "outcome": "lead", "next_contact_on": next_week}, 201)  # fmt: skip
    db.expire_all()
    assert db.get(Interaction, lead["interaction_id"]).outcome is Outcome.QUALIFIED  # type: ignore[union-attr]
    assert db.get(Prospect, cabinet.id).status is ProspectStatus.QUALIFIED  # type: ignore[union-attr]
    # Declined, out of the case's segments: closes, no next contact needed.
    declined = call(client, trainee, "POST", f"/prospects/{farm.id}/social-actions",
                    {"network": "linkedin", "kind": "connection_request", "outcome": "declined"}, 201)  # fmt: skip
    assert declined["in_target"] is False
    assert db.get(Interaction, declined["interaction_id"]).outcome is Outcome.NOT_INTERESTED  # type: ignore[union-attr]
    # Links must be the trainee's: a contact of another prospect, another trainee's post.
    foreign_post = call(client, world["other"], "POST", "/social/posts", post_body(today()), 201)
    for body, field in [
        ({"contact_id": world["claire"].id}, "contact_id"),
        ({"post_id": foreign_post["id"]}, "post_id"),
    ]:
        refused = call(client, trainee, "POST", f"/prospects/{farm.id}/social-actions",
                       {"network": "linkedin", "kind": "message", "outcome": "declined", **body}, 422)  # fmt: skip
        assert field in field_errors(refused), refused
    # Four actions, four pieces of evidence.
    assert len(actions_of(db, trainee, "create_social_action")) == 4
    # What came of the request: accepted. The outcome shows, the notes do not.
    accepted = call(client, trainee, "PATCH", f"/social/actions/{request['id']}",
                    {"version": request["version"], "outcome": "accepted"})  # fmt: skip
    assert accepted["outcome"] == "accepted"
    call(client, trainee, "PATCH", f"/social/actions/{request['id']}",
         {"version": accepted["version"], "notes": "A accepté le lendemain."})  # fmt: skip
    assert actions_of(db, trainee, "update_social_action") == [{"CP3", "CP3.9"}]
    refused = call(client, trainee, "PATCH", f"/social/actions/{request['id']}",
                   {"version": accepted["version"] + 1, "outcome": "appointment"}, 422)  # fmt: skip
    assert "outcome" in field_errors(refused)
    # Lists: the prospect's, the trainee's with filters, the trainer's by owner.
    mine = call(client, trainee, "GET", path)
    assert mine["total"] == 3
    assert all(a["prospect_id"] == cabinet.id for a in mine["items"])
    requests = call(client, trainee, "GET", "/social/actions", kind="connection_request")
    assert {a["id"] for a in requests["items"]} == {request["id"], declined["id"]}
    today_only = call(client, trainee, "GET", "/social/actions",
                      **{"from": today().isoformat(), "to": today().isoformat()})  # fmt: skip
    assert today_only["total"] == 4
    assert call(client, trainee, "GET", "/social/actions", outcome="lead")["total"] == 1
    trainer = call(client, world["trainer"], "GET", "/social/actions", owner_id=trainee.id)
    assert trainer["total"] == 4
    # Deleting an action leaves its exchange in the file.
    call(client, trainee, "DELETE", f"/social/actions/{declined['id']}", code=204)
    assert db.get(Interaction, declined["interaction_id"]) is not None
    assert db.get(SocialAction, declined["id"]) is None


def test_an_objection_refuses_the_action_before_anything_is_written(
    client: TestClient, db: Session, world: dict[str, Any]
) -> None:
    farm = world["farm"]
    farm.objected_at = utcnow()
    db.flush()
    before = snapshot(db)
    refused = call(client, world["trainee"], "POST", f"/prospects/{farm.id}/social-actions",
                   {"network": "linkedin", "kind": "message", "outcome": "declined"}, 409)  # fmt: skip
    assert "objection" in refused["type"] or "opposée" in refused["detail"]
    db.expire_all()
    assert snapshot(db) == before


# ----------------------------------------------------------------- dashboard and metrics


def _at(day: str, clock: str) -> datetime:
    """A Paris wall-clock moment, in UTC."""
    return datetime.fromisoformat(f"{day}T{clock}").replace(tzinfo=PARIS).astimezone(UTC)


def _post(db: Session, owner: User, planned: str, status: PostStatus,
          published: str | None = None) -> SocialPost:  # fmt: skip
    post = SocialPost(owner_id=owner.id, network=SocialNetwork.LINKEDIN,
                      planned_on=date.fromisoformat(planned), objective=PostObjective.AWARENESS,
                      theme=THEME, text=CLEAN, status=status, findings=[],
                      published_on=date.fromisoformat(published) if published else None)  # fmt: skip
    db.add(post)
    db.flush()
    return post


def _kpi(db: Session, post: SocialPost, day: str, impressions: int, reactions: int,
         comments: int, shares: int) -> None:  # fmt: skip
    db.add(SocialPostKpi(owner_id=post.owner_id, post_id=post.id, measured_on=date.fromisoformat(day),
                         impressions=impressions, reactions=reactions, comments=comments,
                         shares=shares))  # fmt: skip


def _action(db: Session, owner: User, prospect: Prospect, kind: SocialActionKind,
            outcome: SocialActionOutcome, at: datetime, in_target: bool = True) -> None:  # fmt: skip
    db.add(SocialAction(owner_id=owner.id, prospect_id=prospect.id, network=SocialNetwork.LINKEDIN,
                        kind=kind, outcome=outcome, occurred_at=at, in_target=in_target))  # fmt: skip


def _stat(db: Session, owner: User, network: SocialNetwork, day: str, followers: int,
          connections: int) -> None:  # fmt: skip
    db.add(SocialNetworkStat(owner_id=owner.id, network=network, measured_on=date.fromisoformat(day),
                             followers=followers, connections=connections))  # fmt: skip


@pytest.fixture
def history(db: Session, world: dict[str, Any]) -> dict[str, Any]:
    """March 2026 of the trainee, its edges included, and the fellow trainee's activity."""
    t, other, p = world["trainee"], world["other"], world["cabinet"]
    # Posts: published on the 5th (two measurements: the latest counts) and on the 31st (none);
    # on April 1st (out); planned in March: three not cancelled.
    first = _post(db, t, "2026-03-04", PostStatus.PUBLISHED, "2026-03-05")
    _kpi(db, first, "2026-03-06", 100, 5, 1, 0)
    _kpi(db, first, "2026-03-10", 300, 10, 2, 3)
    _post(db, t, "2026-03-31", PostStatus.PUBLISHED, "2026-03-31")
    april = _post(db, t, "2026-04-01", PostStatus.PUBLISHED, "2026-04-01")
    _kpi(db, april, "2026-04-02", 999, 99, 9, 9)
    _post(db, t, "2026-03-20", PostStatus.APPROVED)
    _post(db, t, "2026-03-21", PostStatus.CANCELLED)
    _post(db, t, "2026-02-28", PostStatus.DRAFT)
    foreign = _post(db, other, "2026-03-05", PostStatus.PUBLISHED, "2026-03-05")
    _kpi(db, foreign, "2026-03-06", 5000, 500, 50, 50)
    # Actions, by Paris days: 00:10 on the 1st and 23:30 on the 31st are March's, 00:30 on
    # April 1st is not.
    k, o = SocialActionKind, SocialActionOutcome
    _action(db, t, p, k.CONNECTION_REQUEST, o.ACCEPTED, _at("2026-03-01", "00:10"))
    _action(db, t, p, k.CONNECTION_REQUEST, o.REPLIED, _at("2026-03-10", "10:00"))
    _action(db, t, p, k.CONNECTION_REQUEST, o.ACCEPTED, _at("2026-03-11", "10:00"), in_target=False)
    _action(db, t, p, k.CONNECTION_REQUEST, o.PENDING, _at("2026-03-12", "10:00"))
    _action(db, t, p, k.MESSAGE, o.APPOINTMENT, _at("2026-03-15", "10:00"))
    _action(db, t, p, k.COMMENT, o.DECLINED, _at("2026-03-31", "23:30"))
    _action(db, t, p, k.MESSAGE, o.LEAD, _at("2026-04-01", "00:30"))
    _action(
        db, other, world["stranger"], k.CONNECTION_REQUEST, o.ACCEPTED, _at("2026-03-10", "10:00")
    )
    # Leads: prospects added with the source « social » in March (two), April, another source.
    for day, source in [
        ("2026-03-05", ProspectSource.SOCIAL),
        ("2026-03-20", ProspectSource.SOCIAL),
        ("2026-04-02", ProspectSource.SOCIAL),
        ("2026-03-06", ProspectSource.IMPORT),
    ]:
        make_prospect(db, t, source=source, created_at=_at(day, "12:00"))  # fmt: skip
    # Audience: LinkedIn from its February measurement, Facebook from its first of March,
    # Instagram not measured in March.
    n = SocialNetwork
    _stat(db, t, n.LINKEDIN, "2026-02-25", 90, 180)
    _stat(db, t, n.LINKEDIN, "2026-03-10", 100, 200)
    _stat(db, t, n.LINKEDIN, "2026-03-31", 120, 230)
    _stat(db, t, n.FACEBOOK, "2026-03-05", 50, 0)
    _stat(db, t, n.FACEBOOK, "2026-03-20", 55, 0)
    _stat(db, t, n.INSTAGRAM, "2026-02-01", 10, 0)
    db.flush()
    return world


MARCH = {
    "social_posts_published": 2,
    "social_impressions": 300,
    "social_engagements": 15,
    "social_engagement_rate": Decimal("5.0"),
    "social_actions": 6,
    "social_connections_in_target": 2,
    "social_leads": 2,
    "social_appointments": 1,
    "social_appointment_rate": Decimal("16.7"),
    # LinkedIn from February's 270 to 350 (80), Facebook from its first of March (5),
    # Instagram not measured in March (nothing).
    "social_connections_gained": 85,
}


def test_the_registry_counts_social_selling_on_a_crafted_history(
    db: Session, history: dict[str, Any]
) -> None:
    t, other = history["trainee"], history["other"]
    found = registry.compute(db, list(MARCH), [t.id, other.id], date(2026, 3, 1), date(2026, 3, 31))
    assert {code: values[t.id] for code, values in found.items()} == MARCH
    assert found["social_posts_published"][other.id] == 1
    assert found["social_impressions"][other.id] == 5000
    assert found["social_connections_in_target"][other.id] == 1
    # April's first day: the post of the 1st (and its figures), the action of 00:30.
    april = registry.compute(db, list(MARCH), [t.id], date(2026, 4, 1), date(2026, 4, 30))
    assert april["social_impressions"][t.id] == 999
    assert april["social_actions"][t.id] == 1
    assert april["social_leads"][t.id] == 1
    # Counts add up over months.
    slices = registry.compute_slices(db, list(MARCH), [t.id], [
        (date(2026, 3, 1), date(2026, 3, 15)), (date(2026, 3, 16), date(2026, 3, 31))])  # fmt: skip
    assert slices.whole == {code: {t.id: value} for code, value in MARCH.items()}
    assert slices.values[0]["social_actions"][t.id] == 5
    for metric in map(registry.get, MARCH):
        assert type(found[metric.code][t.id]) is metric.value_type


def test_the_dashboard_reads_the_registry_and_the_audience(
    client: TestClient, history: dict[str, Any]
) -> None:
    t = history["trainee"]
    period = {"from": "2026-03-01", "to": "2026-03-31"}
    board = call(client, t, "GET", "/social/dashboard", **period)
    assert (board["trainee_id"], board["start"], board["end"], board["time_zone"]) == (
        t.id, "2026-03-01", "2026-03-31", "Europe/Paris")  # fmt: skip
    assert board["metrics"] == {
        k: str(v) if isinstance(v, Decimal) else v for k, v in MARCH.items()
    }
    assert board["posts"] == {"planned": 3, "published": 2, "impressions": 300, "engagements": 15,
                              "engagement_rate": "5.0"}  # fmt: skip
    actions = board["actions"]
    assert (actions["total"], actions["connections_in_target"], actions["leads"],
            actions["appointments"], actions["conversion_rate"]) == (6, 2, 2, 1, "16.7")  # fmt: skip
    assert {k: v for k, v in actions["by_kind"].items() if v} == {
        "connection_request": 4, "message": 1, "comment": 1}  # fmt: skip
    assert {k: v for k, v in actions["by_outcome"].items() if v} == {
        "accepted": 2, "replied": 1, "pending": 1, "appointment": 1, "declined": 1}  # fmt: skip
    audience = {a["network"]: a for a in board["audience"]}
    assert set(audience) == {"linkedin", "facebook"}
    linkedin = audience["linkedin"]
    assert (linkedin["followers_start"], linkedin["followers_end"], linkedin["followers_growth"],
            linkedin["connections_growth"], linkedin["measured_from"], linkedin["measured_to"]) == (
        90, 120, 30, 50, "2026-02-25", "2026-03-31")  # fmt: skip
    assert (audience["facebook"]["followers_growth"], audience["facebook"]["measured_from"]) == (
        5, "2026-03-05")  # fmt: skip
    # The trainer reads the trainee's; the fellow trainee may not; a year at most.
    trainer = call(
        client, history["trainer"], "GET", "/social/dashboard", trainee_id=t.id, **period
    )
    assert trainer == board
    call(client, history["other"], "GET", "/social/dashboard", code=422, trainee_id=t.id, **period)
    too_long = call(client, t, "GET", "/social/dashboard", code=422,
                    **{"from": "2025-01-01", "to": "2026-03-31"})  # fmt: skip
    assert "to" in field_errors(too_long)
    # The registry's values through /metrics/values are the same.
    values = call(client, t, "GET", "/metrics/values", codes=list(MARCH), **period)
    assert values["trainees"][0]["values"] == board["metrics"]


def test_the_audience_gained_runs_from_the_last_measurement_before_the_period(
    client: TestClient, db: Session, world: dict[str, Any]
) -> None:
    """``social_connections_gained``: followers + connections per network, from the last
    measurement before the period (else the first in it) to the last in it, the networks
    added up; contiguous periods add up; the dashboard's networks add up to it."""
    t, other = world["trainee"], world["other"]
    n = SocialNetwork
    # LinkedIn: starts from March 25th (320, not March 1st's 300), ends on April 20th (348,
    # its followers down but its connections up), May 2nd is out: 28.
    _stat(db, t, n.LINKEDIN, "2026-03-01", 100, 200)
    _stat(db, t, n.LINKEDIN, "2026-03-25", 110, 210)
    _stat(db, t, n.LINKEDIN, "2026-04-05", 120, 215)
    _stat(db, t, n.LINKEDIN, "2026-04-20", 118, 230)
    _stat(db, t, n.LINKEDIN, "2026-05-02", 200, 300)
    # Facebook: first measured in April, from its first to its last: 12. Instagram: measured
    # before April only: nothing. X: an audience lost counts as such: -10.
    _stat(db, t, n.FACEBOOK, "2026-04-10", 40, 0)
    _stat(db, t, n.FACEBOOK, "2026-04-30", 52, 0)
    _stat(db, t, n.INSTAGRAM, "2026-03-15", 30, 0)
    _stat(db, t, n.X, "2026-04-12", 80, 0)
    _stat(db, t, n.X, "2026-04-28", 70, 0)
    # The fellow trainee's own LinkedIn, measured on the same days as the trainee's.
    _stat(db, other, n.LINKEDIN, "2026-03-25", 10, 10)
    _stat(db, other, n.LINKEDIN, "2026-04-20", 1000, 1000)
    db.flush()
    code = "social_connections_gained"
    april = (date(2026, 4, 1), date(2026, 4, 30))
    found = registry.compute(db, [code], [t.id, other.id], *april)
    assert found[code] == {t.id: 28 + 12 - 10, other.id: 1980}
    assert type(found[code][t.id]) is int
    march = registry.compute(db, [code], [t.id], date(2026, 3, 1), date(2026, 3, 31))
    assert march[code][t.id] == 20  # LinkedIn from its first of March; Instagram alone: 0
    both = registry.compute(db, [code], [t.id], date(2026, 3, 1), date(2026, 4, 30))
    assert both[code][t.id] == 20 + 30
    # Slices of April, one of them a single day, one measuring nothing that grew: they add up.
    slices = registry.compute_slices(db, [code], [t.id], [
        (date(2026, 4, 1), date(2026, 4, 10)), (date(2026, 4, 11), date(2026, 4, 19)),
        (date(2026, 4, 20), date(2026, 4, 20)), (date(2026, 4, 21), date(2026, 4, 30))])  # fmt: skip
    assert [v[code][t.id] for v in slices.values] == [15, 0, 13, 2]
    assert slices.whole[code][t.id] == 30
    # The dashboard reads it from the registry; its networks' growths add up to it.
    board = call(
        client, t, "GET", "/social/dashboard", **{"from": "2026-04-01", "to": "2026-04-30"}
    )
    assert board["metrics"][code] == 30
    audience = {a["network"]: a for a in board["audience"]}
    assert set(audience) == {"linkedin", "facebook", "x"}
    assert {k: (a["followers_growth"], a["connections_growth"], a["measured_from"])
            for k, a in audience.items()} == {
        "linkedin": (8, 20, "2026-03-25"), "facebook": (12, 0, "2026-04-10"),
        "x": (-10, 0, "2026-04-12")}  # fmt: skip
    assert sum(a["followers_growth"] + a["connections_growth"] for a in audience.values()) == 30


# ----------------------------------------------------------------- scoping and bad input


def test_another_trainee_reaches_nothing_and_the_trainer_writes_nothing(
    client: TestClient, db: Session, world: dict[str, Any]
) -> None:
    trainee, other, trainer = world["trainee"], world["other"], world["trainer"]
    post = call(client, trainee, "POST", "/social/posts", post_body(today()), 201)
    call(client, trainee, "POST", f"/social/posts/{post['id']}/approve")
    call(client, trainee, "POST", f"/social/posts/{post['id']}/publish", {})
    kpi = call(client, trainee, "POST", f"/social/posts/{post['id']}/kpis",
               {"measured_on": today().isoformat(), "impressions": 10}, 201)  # fmt: skip
    action = call(client, trainee, "POST", f"/prospects/{world['cabinet'].id}/social-actions",
                  {"network": "linkedin", "kind": "message", "outcome": "declined"}, 201)  # fmt: skip
    before = snapshot(db)
    pid, aid = post["id"], action["id"]
    for method, path, body in [
        ("GET", f"/social/posts/{pid}", None),
        ("PATCH", f"/social/posts/{pid}", {"version": post["version"], "text": "x"}),
        ("DELETE", f"/social/posts/{pid}", None),
        ("POST", f"/social/posts/{pid}/approve", None),
        ("POST", f"/social/posts/{pid}/publish", {}),
        ("POST", f"/social/posts/{pid}/cancel", None),
        ("GET", f"/social/posts/{pid}/kpis", None),
        ("POST", f"/social/posts/{pid}/kpis", {"measured_on": today().isoformat()}),
        ("DELETE", f"/social/posts/{pid}/kpis/{kpi['id']}", None),
        ("GET", f"/social/actions/{aid}", None),
        ("PATCH", f"/social/actions/{aid}", {"version": 1, "outcome": "accepted"}),
        ("DELETE", f"/social/actions/{aid}", None),
        ("GET", f"/prospects/{world['cabinet'].id}/social-actions", None),
        (
            "POST",
            f"/prospects/{world['cabinet'].id}/social-actions",
            {"network": "linkedin", "kind": "message", "outcome": "declined"},
        ),
    ]:
        call(client, other, method, path, body, 404)
        if method != "GET":
            assert client.request(method, API + path, json=body,
                                  headers=bearer(trainer)).status_code in (403, 404), path  # fmt: skip
    db.expire_all()
    assert snapshot(db) == before
    assert call(client, other, "GET", "/social/posts")["total"] == 0
    assert call(client, other, "GET", "/social/actions")["total"] == 0
    assert call(client, trainer, "GET", f"/social/posts/{pid}")["id"] == pid
    refused = call(client, other, "GET", "/social/posts", code=422, owner_id=trainee.id)
    assert "owner_id" in field_errors(refused)


@pytest.mark.parametrize(
    ("method", "path", "body"),
    [
        ("POST", "/social/posts", {"network": "myspace"}),
        ("POST", "/social/posts", "not an object"),
        ("POST", "/social/posts", {**post_body(date(2027, 1, 4)), "planned_on": "9999-12-31"}),
        ("POST", "/social/posts", {**post_body(date(2027, 1, 4)), "text": "x" * 70000}),
        ("POST", "/social/posts", {**post_body(date(2027, 1, 4)), "theme": ""}),
        ("POST", "/social/posts", {**post_body(date(2027, 1, 4)), "interlocutor": "boss"}),
        ("POST", "/social/posts", {**post_body(date(2027, 1, 4)), "text": "a\x00b"}),
        ("POST", "/social/posts/check", {**post_body(date(2027, 1, 4)), "post_id": 2**31}),
        ("POST", "/social/posts/check", {**post_body(date(2027, 1, 4)), "post_id": 999999}),
        ("PATCH", "/social/posts/999999", {"version": 1}),
        ("PATCH", "/social/posts/0", {"version": 1}),
        ("POST", "/social/posts/999999/approve", None),
        ("PUT", "/social/profiles/myspace", PROFILE),
        ("PUT", "/social/profiles/linkedin", {**PROFILE, "experience": "CV"}),
        ("PUT", "/social/profiles/linkedin", {**PROFILE, "experience": [{"title": ""}]}),
        ("PUT", "/social/profiles/linkedin", {**PROFILE, "featured": ["x"] * 21}),
        ("PUT", "/social/profiles/linkedin", {**PROFILE, "contact": {"email_visibility": [1]}}),
        ("PUT", "/social/profiles/linkedin", {**PROFILE, "photo": {"recent": "maybe"}}),
        ("PUT", "/social/profiles/linkedin", {**PROFILE, "headline": "x" * 301}),
        ("PUT", "/social/profiles/linkedin", {**PROFILE, "version": 0}),
        ("PUT", "/social/privacy/linkedin", {"done": {"a": "b"}}),
        ("PUT", "/social/privacy/linkedin", {"done": {f"c{i}": True for i in range(51)}}),
        ("PUT", "/social/privacy/linkedin", {}),
        ("POST", "/social/stats", {"network": "linkedin", "measured_on": "2026-13-01"}),
        (
            "POST",
            "/social/stats",
            {"network": "linkedin", "measured_on": "2026-01-01", "followers": 10**10},
        ),
        ("GET", "/social/posts?from=1899-12-31", None),
        ("GET", "/social/posts?status=lost", None),
        ("GET", "/social/actions?kind=poke", None),
        ("GET", "/social/dashboard?from=2026-04-01&to=2026-03-01", None),
        ("GET", "/social/dashboard?trainee_id=0", None),
        (
            "POST",
            "/prospects/999999/social-actions",
            {"network": "linkedin", "kind": "message", "outcome": "declined"},
        ),
    ],
)
def test_bad_input_is_a_problem_never_a_server_error(
    client: TestClient, world: dict[str, Any], method: str, path: str, body: Any
) -> None:
    response = client.request(method, API + path, json=body, headers=bearer(world["trainee"]))
    assert 400 <= response.status_code < 500, response.text
    assert response.headers["content-type"] == PROBLEM


def test_bad_social_action_inputs(client: TestClient, world: dict[str, Any]) -> None:
    path = f"/prospects/{world['cabinet'].id}/social-actions"
    base = {"network": "linkedin", "kind": "message", "outcome": "declined"}
    for body, field in [
        ({**base, "kind": "poke"}, "kind"),
        ({**base, "outcome": "maybe"}, "outcome"),
        ({**base, "occurred_at": "2026-03-01T10:00:00"}, "occurred_at"),
        ({**base, "occurred_at": "9999-12-31T23:59:59-14:00"}, "occurred_at"),
        ({**base, "notes": "x" * 2001}, "notes"),
        ({**base, "contact_id": 2**31}, "contact_id"),
        ({**base, "post_id": 999999}, "post_id"),
        ({**base, "appointment": {"starts_at": "2030-01-01T10:00:00Z"}}, "appointment"),
        (
            {
                **base,
                "outcome": "appointment",
                "appointment": {"starts_at": "2001-01-01T10:00:00Z"},
            },
            "appointment.starts_at",
        ),
    ]:
        refused = call(client, world["trainee"], "POST", path, body, 422)
        assert field in field_errors(refused), (body, refused)


def test_the_file_is_read_in_two_queries_whatever_its_size(
    client: TestClient, db: Session, engine: Engine, world: dict[str, Any]
) -> None:
    """The confidentiality check reads the trainee's people in two queries: a file ten times
    larger costs the same number of statements."""
    trainee = world["trainee"]
    statements: list[str] = []

    def count(*args: Any) -> None:
        statements.append(args[2])

    def check() -> tuple[int, set[str]]:
        statements.clear()
        event.listen(engine, "before_cursor_execute", count)
        try:
            answer = call(client, trainee, "POST", "/social/posts/check",
                          post_body(today(), "Bonjour à Paul Lefèvre de la part de l'équipe."))  # fmt: skip
        finally:
            event.remove(engine, "before_cursor_execute", count)
        return len(statements), {f["rule"] for f in answer["findings"] if f["severity"] == "error"}

    check()  # warm: a business case's document is read once, then kept parsed
    small, errors = check()
    assert "personal_name" not in errors
    for i in range(40):
        prospect = make_prospect(db, trainee, name=f"Client {i}", phone=f"04 78 00 {i:02d} 00")
        make_contact(db, prospect, first_name="Paul" if i == 0 else f"Léa{i}",
                     last_name="Lefèvre" if i == 0 else f"Nom{i}", email=f"c{i}@exemple.fr")  # fmt: skip
    db.flush()
    large, errors = check()
    assert "personal_name" in errors
    assert large == small


def test_anonymising_a_prospect_wipes_its_social_actions_notes(
    client: TestClient, db: Session, world: dict[str, Any]
) -> None:
    trainee, cabinet = world["trainee"], world["cabinet"]
    action = call(client, trainee, "POST", f"/prospects/{cabinet.id}/social-actions",
                  {"network": "linkedin", "kind": "message", "outcome": "declined",
                   "contact_id": world["claire"].id, "notes": "Claire Martin, 06 12 34 56 78."},
                  201)  # fmt: skip
    db.expire_all()  # the exchange recorded changed the prospect (its last contact)
    anonymise_prospect(db, cabinet, actor_id=trainee.id, organisation_id=trainee.organisation_id,
                       reason="test")  # fmt: skip
    db.expire_all()
    kept = db.get(SocialAction, action["id"])
    assert kept is not None
    assert (kept.notes, kept.outcome, kept.kind) == ("", SocialActionOutcome.DECLINED,
                                                     SocialActionKind.MESSAGE)  # fmt: skip
