"""Bulk actions on the prospect list: status, tags, campaign — one result per record."""

from __future__ import annotations

from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.common.clock import utcnow
from app.models import (
    CampaignMember,
    ConsentChannel,
    ConsentStatus,
    EvidenceLink,
    EvidenceRecord,
    Prospect,
    ProspectKind,
    ProspectStatus,
    ProspectStatusChange,
    User,
)
from tests.factories import bearer, make_consent, make_org, make_prospect, make_user

URL = "/api/v1/prospects/bulk"


def _codes(db: Session, user: User) -> list[list[str]]:
    records = db.scalars(
        select(EvidenceRecord)
        .where(EvidenceRecord.trainee_id == user.id, EvidenceRecord.action == "bulk_action")
        .order_by(EvidenceRecord.id)
    ).all()
    return [
        sorted(db.scalars(select(EvidenceLink.code).where(EvidenceLink.evidence_id == r.id)))
        for r in records
    ]


def test_bulk_status_reports_each_record(client: TestClient, db: Session) -> None:
    org = make_org(db)
    trainee, other = make_user(db, org), make_user(db, org)
    a = make_prospect(db, trainee, status=ProspectStatus.PROSPECT)
    b = make_prospect(db, trainee, status=ProspectStatus.QUALIFIED)
    lost = make_prospect(db, trainee, status=ProspectStatus.LOST, lost_reason="Prix")
    gone = make_prospect(db, trainee, anonymised_at=utcnow())
    theirs = make_prospect(db, other)
    ids = [a.id, b.id, lost.id, gone.id, theirs.id, a.id, 2_000_000_000]
    response = client.post(
        URL, json={"ids": ids, "action": "status", "status": "qualified"}, headers=bearer(trainee)
    )
    assert response.status_code == 200, response.text
    body = response.json()
    outcomes = {r["id"]: r["outcome"] for r in body["results"]}
    assert [r["id"] for r in body["results"]] == [a.id, b.id, lost.id, gone.id, theirs.id,
                                                   2_000_000_000]  # fmt: skip
    assert outcomes == {a.id: "done", b.id: "unchanged", lost.id: "refused",
                        gone.id: "refused", theirs.id: "not_found",
                        2_000_000_000: "not_found"}  # fmt: skip
    assert (body["done"], body["unchanged"], body["refused"], body["not_found"]) == (1, 1, 2, 2)
    refused = {r["id"]: r["rule"] for r in body["results"] if r["outcome"] == "refused"}
    assert refused == {lost.id: "invalid-transition", gone.id: "anonymised"}
    db.expire_all()
    assert db.get(Prospect, a.id).status is ProspectStatus.QUALIFIED  # type: ignore[union-attr]
    assert db.get(Prospect, lost.id).status is ProspectStatus.LOST  # type: ignore[union-attr]
    assert db.get(Prospect, theirs.id).status is ProspectStatus.PROSPECT  # type: ignore[union-attr]
    history = db.scalars(
        select(ProspectStatusChange).where(ProspectStatusChange.prospect_id == a.id)
    ).all()
    assert [(h.from_status, h.to_status) for h in history] == [
        (ProspectStatus.PROSPECT, ProspectStatus.QUALIFIED)
    ]
    # Evidence as the single route: CP3 with the qualification criterion, once for the request.
    assert _codes(db, trainee) == [
        ["CP3", "CP3.6", "CP3.7", "CT3", "CT3.4"]
    ]  # CP3.7 credits its twin CT3.4


def test_bulk_rules_of_the_action_itself(client: TestClient, db: Session) -> None:
    trainee = make_user(db, make_org(db))
    p = make_prospect(db, trainee)
    missing = client.post(URL, json={"ids": [p.id], "action": "add_tag"}, headers=bearer(trainee))
    assert missing.status_code == 422
    assert missing.json()["errors"][0]["field"] == "tag"
    lost = client.post(
        URL, json={"ids": [p.id], "action": "status", "status": "lost"}, headers=bearer(trainee)
    )
    assert lost.json()["errors"][0]["field"] == "reason"
    too_many = client.post(
        URL, json={"ids": list(range(1, 502)), "action": "add_tag", "tag": "x"},
        headers=bearer(trainee),
    )  # fmt: skip
    assert too_many.status_code == 422
    assert too_many.json()["errors"][0]["field"] == "ids"
    huge = client.post(
        URL, json={"ids": [2**63], "action": "add_tag", "tag": "x"}, headers=bearer(trainee)
    )
    assert huge.status_code == 422
    empty = client.post(URL, json={"ids": [], "action": "add_tag", "tag": "x"},
                        headers=bearer(trainee))  # fmt: skip
    assert empty.status_code == 422
    unknown = client.post(
        URL, json={"ids": [p.id], "action": "add_to_campaign", "campaign_id": 999_999},
        headers=bearer(trainee),
    )  # fmt: skip
    assert unknown.status_code == 422
    assert unknown.json()["errors"][0]["field"] == "campaign_id"
    # Nothing was written by the refused requests, and nothing recorded as evidence.
    db.expire_all()
    assert db.get(Prospect, p.id).tags == []  # type: ignore[union-attr]
    assert _codes(db, trainee) == []


def test_bulk_tags(client: TestClient, db: Session) -> None:
    trainee = make_user(db, make_org(db))
    a = make_prospect(db, trainee, tags=["salon"])
    b = make_prospect(db, trainee, tags=[])
    added = client.post(
        URL, json={"ids": [a.id, b.id], "action": "add_tag", "tag": " Salon "},
        headers=bearer(trainee),
    ).json()  # fmt: skip
    assert [r["outcome"] for r in added["results"]] == ["unchanged", "done"]
    db.expire_all()
    assert db.get(Prospect, b.id).tags == ["Salon"]  # type: ignore[union-attr]
    removed = client.post(
        URL, json={"ids": [a.id, b.id], "action": "remove_tag", "tag": "salon"},
        headers=bearer(trainee),
    ).json()  # fmt: skip
    assert removed["done"] == 2
    db.expire_all()
    assert db.get(Prospect, a.id).tags == []  # type: ignore[union-attr]
    # The tag filter now finds nobody.
    listed = client.get("/api/v1/prospects", params={"tag": "salon"}, headers=bearer(trainee))
    assert listed.json()["total"] == 0


def test_bulk_add_to_campaign_follows_the_channel_policy(client: TestClient, db: Session) -> None:
    org = make_org(db)
    trainee, other = make_user(db, org), make_user(db, org)
    yes = make_prospect(db, trainee, kind=ProspectKind.INDIVIDUAL, name="Oui")
    silent = make_prospect(db, trainee, kind=ProspectKind.INDIVIDUAL, name="Rien")
    make_consent(db, yes, ConsentChannel.EMAIL, ConsentStatus.GRANTED)
    campaign = client.post(
        "/api/v1/campaigns", json={"name": "Printemps", "channel": "email"},
        headers=bearer(trainee),
    ).json()  # fmt: skip
    body = {"ids": [yes.id, silent.id], "action": "add_to_campaign", "campaign_id": campaign["id"]}
    report = client.post(URL, json=body, headers=bearer(trainee)).json()
    outcomes = {r["id"]: (r["outcome"], r["rule"]) for r in report["results"]}
    assert outcomes == {
        yes.id: ("done", None),
        silent.id: ("refused", "b2c-email-requires-consent"),
    }
    again = client.post(URL, json=body, headers=bearer(trainee)).json()
    assert again["results"][0]["outcome"] == "unchanged"
    members = db.scalars(
        select(CampaignMember.prospect_id).where(CampaignMember.campaign_id == campaign["id"])
    ).all()
    assert members == [yes.id]
    listed = client.get(f"/api/v1/campaigns/{campaign['id']}/members", headers=bearer(trainee))
    assert [(m["prospect_id"], m["prospect_name"]) for m in listed.json()["items"]] == [
        (yes.id, "Oui")
    ]
    # Another trainee cannot use the campaign (unknown to them) nor reach these records.
    theirs = client.post(URL, json=body, headers=bearer(other))
    assert theirs.status_code == 422
    assert theirs.json()["errors"][0]["field"] == "campaign_id"
    assert _codes(db, trainee)[0] == [
        "CP2",
        "CP2.2",
        "CP3",
        "CP3.1",
        "CP3.7",
        "CT2",
        "CT2.1",
        "CT3",
        "CT3.4",
    ]


def test_a_bulk_action_that_changes_nothing_is_no_evidence(client: TestClient, db: Session) -> None:
    trainee = make_user(db, make_org(db))
    qualified = make_prospect(db, trainee, status=ProspectStatus.QUALIFIED, tags=["salon"])
    member = make_prospect(db, trainee, kind=ProspectKind.INDIVIDUAL, name="Déjà membre")
    make_consent(db, member, ConsentChannel.EMAIL, ConsentStatus.GRANTED)
    silent = make_prospect(db, trainee, kind=ProspectKind.INDIVIDUAL, name="Sans accord")
    lost = make_prospect(db, trainee, status=ProspectStatus.LOST, lost_reason="Prix")
    auth = bearer(trainee)
    campaign = client.post(
        "/api/v1/campaigns", json={"name": "Hiver", "channel": "email"}, headers=auth
    ).json()
    joined = client.post(f"/api/v1/campaigns/{campaign['id']}/members",
                         json={"members": [{"prospect_id": member.id}]}, headers=auth)  # fmt: skip
    assert joined.status_code in (200, 201), joined.text
    db.expire_all()
    before = db.get(Prospect, qualified.id)
    assert before is not None
    version = before.version
    no_ops = [
        {"ids": [qualified.id], "action": "status", "status": "qualified"},
        {"ids": [qualified.id], "action": "add_tag", "tag": "SALON"},
        {"ids": [qualified.id], "action": "remove_tag", "tag": "absente"},
        {"ids": [member.id], "action": "add_to_campaign", "campaign_id": campaign["id"]},
        # Refused lines change nothing either.
        {"ids": [silent.id], "action": "add_to_campaign", "campaign_id": campaign["id"]},
        {"ids": [lost.id, 2_000_000_000], "action": "status", "status": "qualified"},
    ]
    for body in no_ops:
        response = client.post(URL, json=body, headers=auth)
        assert response.status_code == 200, response.text
        report = response.json()
        assert report["done"] == 0, (body, report)
    # Nothing changed, so nothing was shown: no evidence, and the record is untouched.
    assert _codes(db, trainee) == []
    db.expire_all()
    assert db.get(Prospect, qualified.id).version == version  # type: ignore[union-attr]
    # The same request that changes one line is evidence, once.
    other = make_prospect(db, trainee, tags=[])
    body = {"ids": [qualified.id, other.id], "action": "add_tag", "tag": "salon"}
    changed = client.post(URL, json=body, headers=auth).json()
    assert (changed["done"], changed["unchanged"]) == (1, 1)
    assert _codes(db, trainee) == [["CP3", "CP3.7", "CT3", "CT3.4"]]


def test_the_tag_filter_finds_accented_tags(client: TestClient, db: Session) -> None:
    """Tags are stored as a JSON list, which escapes accented letters: the filter finds
    « marché simulé » (the simulated market's tag) whatever the case typed."""
    trainee = make_user(db, make_org(db))
    market = make_prospect(db, trainee, name="Du marché", tags=["marché simulé"])
    fair = make_prospect(db, trainee, name="Du salon", tags=["Salon", "Été"])
    make_prospect(db, trainee, name="Sans étiquette", tags=[])
    db.commit()
    for typed, expected in [
        ("marché simulé", {market.id}),
        (" Marché Simulé ", {market.id}),
        ("salon", {fair.id}),
        ("été", {fair.id}),  # stored « Été »
        ("marche simule", set()),  # the accents count
        ("marché", set()),  # a whole tag, not a part of one
    ]:
        listed = client.get("/api/v1/prospects", params={"tag": typed}, headers=bearer(trainee))
        assert listed.status_code == 200, listed.text
        assert {p["id"] for p in listed.json()["items"]} == expected, typed
