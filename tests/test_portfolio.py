"""Competence catalogue, portfolios, assessments and the portfolio export."""

from __future__ import annotations

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from app.competences.catalogue import get_catalogue
from app.models import Role
from tests.factories import bearer, make_cohort, make_org, make_user
from tests.support import with_test_routes


@pytest.fixture
def world(db: Session) -> dict:
    org = make_org(db)
    trainer = make_user(db, org, Role.TRAINER, full_name="Claire Formatrice")
    other_trainer = make_user(db, org, Role.TRAINER)
    cohort = make_cohort(db, org, name="Session 2026", trainers=[trainer])
    make_cohort(db, org, trainers=[other_trainer])
    trainee = make_user(db, org, cohort=cohort, full_name="Léa Martin")
    return {
        "org": org,
        "trainer": trainer,
        "other_trainer": other_trainer,
        "trainee": trainee,
        "admin": make_user(db, org, Role.ADMIN),
        "peer": make_user(db, org, cohort=cohort),
    }


@pytest.fixture
def tclient(app: FastAPI, db: Session):
    with TestClient(with_test_routes(app)) as client:
        yield client


def test_catalogue_lists_the_reac_competences_and_criteria(client: TestClient, world) -> None:
    body = client.get("/api/v1/competences", headers=bearer(world["trainee"])).json()
    assert body["version"] == "TP-00115/09"
    assert [b["code"] for b in body["blocks"]] == ["AT1", "AT2"]
    codes = [c["code"] for c in body["competences"]]
    assert codes == [f"CP{n}" for n in range(1, 9)] + [f"CT{n}" for n in range(1, 5)]
    counts = {c["code"]: len(c["criteria"]) for c in body["competences"]}
    assert counts == {
        "CP1": 5, "CP2": 7, "CP3": 9, "CP4": 4, "CP5": 6, "CP6": 8, "CP7": 4, "CP8": 5,
        "CT1": 10, "CT2": 6, "CT3": 4, "CT4": 6,
    }  # fmt: skip
    cp3 = next(c for c in body["competences"] if c["code"] == "CP3")
    assert cp3["title"] == "Mettre en œuvre la démarche de prospection"
    assert cp3["block"] == "AT1"
    assert cp3["criteria"][6] == {
        "code": "CP3.7",
        "text": "Le fichier prospects/clients est mis à jour",
    }
    one = client.get("/api/v1/competences/cp2", headers=bearer(world["trainee"])).json()
    assert (
        one["criteria"][-1]["text"]
        == "La dimension écologique est intégrée à l’organisation des tournées"
    )
    missing = client.get("/api/v1/competences/CP9", headers=bearer(world["trainee"]))
    assert missing.status_code == 404


def _act(tclient: TestClient, trainee) -> None:
    """Two records of the file created (CP3.7), then a token (CT4): three things shown."""
    h = bearer(trainee)
    for _ in range(2):
        assert tclient.post("/api/v1/_test/cards", headers=h).status_code == 201
    assert tclient.post("/api/v1/_test/tokens", headers=h).status_code == 201


def test_portfolio_counts_evidence_per_competence_and_criterion(tclient: TestClient, world) -> None:
    _act(tclient, world["trainee"])
    body = tclient.get("/api/v1/me/portfolio", headers=bearer(world["trainee"])).json()
    assert body["trainee"]["full_name"] == "Léa Martin"
    assert body["trainee"]["cohort"] == "Session 2026"
    assert body["evidence_total"] == 3
    assert body["criteria_total"] == len(get_catalogue().criteria_by_code) == 74
    comps = {c["code"]: c for c in body["competences"]}
    assert comps["CP3"]["evidence_count"] == 2
    assert comps["CT4"]["evidence_count"] == 1
    assert comps["CP1"]["evidence_count"] == 0
    assert comps["CP1"]["first_at"] is None
    crit = {c["code"]: c for c in comps["CP3"]["criteria"]}
    assert crit["CP3.7"]["evidence_count"] == 2
    assert crit["CP3.7"]["first_at"] <= crit["CP3.7"]["last_at"]
    assert [e["action"] for e in crit["CP3.7"]["recent"]] == ["file_card", "file_card"]
    # Its twin CT3.4 (same text) is credited with the same evidence.
    twin = {c["code"]: c for c in comps["CT3"]["criteria"]}["CT3.4"]
    assert twin["evidence_count"] == 2
    assert crit["CP3.1"]["evidence_count"] == 0
    assert comps["CP3"]["status"] == "not_assessed"


def test_trainer_assesses_with_history_and_the_latest_counts(tclient: TestClient, world) -> None:
    trainee, trainer = world["trainee"], world["trainer"]
    path = f"/api/v1/trainees/{trainee.id}/assessments"
    first = tclient.post(
        path,
        json={"criterion_code": "cp3.7", "level": "acquired", "comment": "Fichier à jour."},
        headers=bearer(trainer),
    )
    assert first.status_code == 201, first.text
    assert first.json()["criterion_code"] == "CP3.7"
    assert first.json()["assessor_name"] == "Claire Formatrice"
    second = tclient.post(
        path,
        json={"criterion_code": "CP3.7", "level": "in_progress", "comment": "Relances manquantes."},
        headers=bearer(trainer),
    )
    assert second.status_code == 201

    history = tclient.get(path, headers=bearer(trainee)).json()
    assert history["total"] == 2
    assert [a["level"] for a in history["items"]] == ["in_progress", "acquired"]

    portfolio = tclient.get(
        f"/api/v1/trainees/{trainee.id}/portfolio", headers=bearer(trainer)
    ).json()
    cp3 = next(c for c in portfolio["competences"] if c["code"] == "CP3")
    crit = next(c for c in cp3["criteria"] if c["code"] == "CP3.7")
    assert crit["assessment"]["level"] == "in_progress"
    assert crit["assessment"]["comment"] == "Relances manquantes."
    assert cp3["status"] == "in_progress"

    for n in range(1, 10):
        tclient.post(
            path, json={"criterion_code": f"CP3.{n}", "level": "acquired"}, headers=bearer(trainer)
        )
    portfolio = tclient.get("/api/v1/me/portfolio", headers=bearer(trainee)).json()
    cp3 = next(c for c in portfolio["competences"] if c["code"] == "CP3")
    assert cp3["status"] == "acquired"
    assert cp3["criteria_acquired"] == 9
    assert portfolio["criteria_acquired"] == 9


def test_who_may_assess_and_read(tclient: TestClient, world) -> None:
    trainee = world["trainee"]
    path = f"/api/v1/trainees/{trainee.id}/assessments"
    body = {"criterion_code": "CP1.1", "level": "acquired"}
    assert tclient.post(path, json=body, headers=bearer(world["other_trainer"])).status_code == 404
    assert tclient.post(path, json=body, headers=bearer(trainee)).status_code == 403
    assert tclient.post(path, json=body, headers=bearer(world["admin"])).status_code == 403
    bad = tclient.post(
        path,
        json={"criterion_code": "CP9.1", "level": "acquired"},
        headers=bearer(world["trainer"]),
    )
    assert bad.status_code == 422
    assert bad.json()["errors"][0]["field"] == "criterion_code"
    assert "CP9.1" in bad.json()["errors"][0]["message"]
    bad_level = tclient.post(
        path,
        json={"criterion_code": "CP1.1", "level": "excellent"},
        headers=bearer(world["trainer"]),
    )
    assert bad_level.status_code == 422

    portfolio = f"/api/v1/trainees/{trainee.id}/portfolio"
    assert tclient.get(portfolio, headers=bearer(world["admin"])).status_code == 200
    assert tclient.get(portfolio, headers=bearer(world["other_trainer"])).status_code == 404
    assert tclient.get(portfolio, headers=bearer(world["peer"])).status_code == 404
    # Trainers have no portfolio of their own; ids of non-trainees are not trainees.
    assert tclient.get("/api/v1/me/portfolio", headers=bearer(world["trainer"])).status_code == 404
    trainer_id = world["trainer"].id
    assert (
        tclient.get(
            f"/api/v1/trainees/{trainer_id}/portfolio", headers=bearer(world["admin"])
        ).status_code
        == 404
    )


def test_evidence_journal_lists_and_filters(tclient: TestClient, world) -> None:
    _act(tclient, world["trainee"])
    mine = tclient.get("/api/v1/me/evidence", headers=bearer(world["trainee"])).json()
    assert mine["total"] == 3
    assert mine["items"][0]["codes"] == ["CT4"]  # newest first
    by_code = tclient.get("/api/v1/me/evidence?code=cp3.7", headers=bearer(world["trainee"])).json()
    assert by_code["total"] == 2
    by_type = tclient.get(
        "/api/v1/me/evidence?resource_type=api_tokens", headers=bearer(world["trainee"])
    ).json()
    assert by_type["total"] == 3
    trainer_view = tclient.get(
        f"/api/v1/trainees/{world['trainee'].id}/evidence?limit=2", headers=bearer(world["trainer"])
    ).json()
    assert trainer_view["total"] == 3
    assert len(trainer_view["items"]) == 2
    assert (
        tclient.get(
            f"/api/v1/trainees/{world['trainee'].id}/evidence", headers=bearer(world["peer"])
        ).status_code
        == 404
    )


def test_export_markdown_and_html(tclient: TestClient, world) -> None:
    trainee, trainer = world["trainee"], world["trainer"]
    _act(tclient, trainee)
    tclient.post(
        f"/api/v1/trainees/{trainee.id}/assessments",
        json={
            "criterion_code": "CP3.7",
            "level": "acquired",
            "comment": "<script>alert(1)</script> | ok",
        },
        headers=bearer(trainer),
    )
    md = tclient.get("/api/v1/me/portfolio/export?format=markdown", headers=bearer(trainee))
    assert md.status_code == 200
    assert md.headers["content-type"].startswith("text/markdown")
    assert md.headers["content-disposition"] == 'attachment; filename="portfolio-lea-martin.md"'
    text = md.text
    assert text.startswith("# Portfolio de compétences — Léa Martin")
    assert "## AT1 — Prospecter un secteur de vente" in text
    assert "| CP3.7 | Le fichier prospects/clients est mis à jour | 2 | Acquis |" in text
    assert "\\<script\\>" in text
    assert "\\| ok" in text
    assert "## Compétences transversales" in text

    html = tclient.get(f"/api/v1/trainees/{trainee.id}/portfolio/export", headers=bearer(trainer))
    assert html.status_code == 200
    assert html.headers["content-type"].startswith("text/html")
    assert "<script>alert(1)</script>" not in html.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html.text
    assert '<section id="CP3">' in html.text
    assert "Critères acquis" in html.text

    bad = tclient.get("/api/v1/me/portfolio/export?format=pdf", headers=bearer(trainee))
    assert bad.status_code == 422
    assert bad.json()["errors"][0]["field"] == "format"


def test_an_assessment_needs_a_level(tclient: TestClient, world) -> None:
    """« Non évalué » is a criterion's state before any assessment: saved, it would enter the
    append-only history and say nothing."""
    trainee, trainer = world["trainee"], world["trainer"]
    path = f"/api/v1/trainees/{trainee.id}/assessments"
    for body in ({"criterion_code": "CP3.7", "level": "not_assessed"},
                 {"criterion_code": "CP3.7", "level": "not_assessed", "comment": "À voir"},
                 {"criterion_code": "CP3.7"}):  # fmt: skip
        refused = tclient.post(path, json=body, headers=bearer(trainer))
        assert refused.status_code == 422, refused.text
        assert [e["field"] for e in refused.json()["errors"]] == ["level"]
    assert tclient.get(path, headers=bearer(trainer)).json()["total"] == 0
