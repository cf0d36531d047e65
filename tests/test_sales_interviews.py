"""The sales interview through the API: an appointment's preparation sheet with its
completeness check and what is known beside it, the report with its exploitable-content
check and the tasks of its next steps, the objection library, the report as PDF, and the
evidence each write records."""

from __future__ import annotations

import io
from datetime import timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient
from pypdf import PdfReader
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.common.clock import utcnow
from app.metrics import registry
from app.models import (
    Appointment,
    AppointmentStatus,
    EvidenceLink,
    EvidenceRecord,
    Task,
    WatchItem,
    WatchTopic,
)
from tests.factories import bearer
from tests.test_sales_quotes import opportunity, post, world  # noqa: F401 (fixture)


def appointment(db: Session, w: dict[str, Any], *, days: int = -1) -> Appointment:
    a = Appointment(owner_id=w["trainee"].id, prospect_id=w["prospect"].id,
                    starts_at=utcnow() + timedelta(days=days), notes="")  # fmt: skip
    db.add(a)
    db.flush()
    return a


def put(client: TestClient, user: Any, path: str, body: dict[str, Any], code: int = 200) -> Any:
    r = client.put(f"/api/v1{path}", json=body, headers=bearer(user))
    assert r.status_code == code, r.text
    return r.json()


def evidence(db: Session, user: Any) -> list[str]:
    return list(
        db.scalars(
            select(EvidenceLink.code)
            .join(EvidenceRecord, EvidenceRecord.id == EvidenceLink.evidence_id)
            .where(EvidenceRecord.trainee_id == user.id)
        )
    )


FULL_PREPARATION = {
    "information_level": "low",
    "main_objective": "Obtenir l'accord pour un devis fibre sur les deux sites.",
    "fallback_objective": "Obtenir un rendez-vous avec l'associé qui décide.",
    "questions": [
        {"text": "Comment se passent vos encaissements aujourd'hui ?", "kind": "open",
         "motive": "securite"},
        {"text": "Combien vous coûte une journée sans connexion ?", "kind": "open",
         "motive": "argent"},
        {"text": "Avez-vous un engagement en cours ?", "kind": "closed"},
    ],
    "arguments": [
        {"product_reference": "FIB-PRO-500", "feature": "Rétablissement en 4 heures",
         "advantage": "Le terminal de paiement ne reste pas hors ligne",
         "proof": "98 % des incidents rétablis en moins de 4 heures en 2025",
         "supports": ["Fiche produit Fibre Pro"]},
    ],
    "objections": [
        {"kind": "price", "objection": "C'est plus cher.", "answer": "Comparons le service.",
         "technique": "compensation"},
    ],
    "accessibility": {"situations": ["hearing"], "adaptations": ["easy_to_read", "more_time"],
                      "notes": "Le gérant est malentendant : documents écrits simples."},
}  # fmt: skip


def test_a_preparation_sheet_and_its_completeness(
    client: TestClient,
    db: Session,
    world: dict[str, Any],  # noqa: F811
) -> None:
    user = world["trainee"]
    a = appointment(db, world, days=2)
    path = f"/appointments/{a.id}/preparation"
    r = client.get(f"/api/v1{path}", headers=bearer(user))
    assert r.status_code == 404
    sheet = put(client, user, path, {"information_level": "none", "main_objective": "Découvrir"})
    codes = [f["code"] for f in sheet["findings"]]
    assert codes == ["no_fallback_objective", "no_question", "no_argument", "no_objection",
                     "accessibility_unknown"]  # fmt: skip
    assert sheet["complete"] is False
    assert "CP6.1" in evidence(db, user)
    assert "CP6.2" not in evidence(db, user)
    # Replacing needs the version read.
    r = put(client, user, path, FULL_PREPARATION, 409)
    assert "version" in r["detail"]
    sheet = put(client, user, path, {**FULL_PREPARATION, "version": sheet["version"]})
    assert sheet["findings"] == []
    assert sheet["complete"] is True
    assert "CP6.2" in evidence(db, user)
    # Only the questions' motives (SONCAS) and the catalogue's supports count.
    one_motive = {**FULL_PREPARATION, "version": sheet["version"],
                  "questions": FULL_PREPARATION["questions"][:1]}  # fmt: skip
    sheet = put(client, user, path, one_motive)
    assert [f["code"] for f in sheet["findings"]] == ["motives_not_covered"]
    bad = {**FULL_PREPARATION, "version": sheet["version"],
           "arguments": [{**FULL_PREPARATION["arguments"][0], "supports": ["Vidéo inventée"]}]}  # fmt: skip
    r = put(client, user, path, bad, 422)
    assert r["errors"][0]["field"] == "arguments.0.supports.0"
    bad["arguments"] = [{**FULL_PREPARATION["arguments"][0], "product_reference": "NOPE-1"}]
    r = put(client, user, path, bad, 422)
    assert r["errors"][0]["field"] == "arguments.0.product_reference"
    # Somebody else's appointment is out of reach.
    r = client.put(f"/api/v1{path}", json=FULL_PREPARATION, headers=bearer(world["other"]))
    assert r.status_code == 404


def test_what_is_known_beside_the_sheet(
    client: TestClient,
    db: Session,
    world: dict[str, Any],  # noqa: F811
) -> None:
    user = world["trainee"]
    a = appointment(db, world, days=2)
    db.add(WatchItem(owner_id=user.id, dedup_key="x", title="Le cabinet ouvre un second site",
                     summary="", topic=WatchTopic.MARKET, tags=[], suggestion_reasons=[],
                     extra={}, prospect_id=world["prospect"].id))  # fmt: skip
    db.flush()
    r = client.get(f"/api/v1/appointments/{a.id}/preparation/context", headers=bearer(user))
    assert r.status_code == 200, r.text
    c = r.json()
    assert c["prospect"]["name"] == "Cabinet Durand"
    assert c["prospect"]["segments"] == ["cabinets-pme"]
    assert [w["title"] for w in c["watch_items"]] == ["Le cabinet ouvre un second site"]
    assert "Fibrolo" in c["competitors"]
    assert c["products"][0]["supports"] == ["Fiche produit Fibre Pro", "Test d'éligibilité"]
    assert [o["source"] for o in c["objections"]] == ["case", "case", "case"]


FULL_REPORT = {
    "information_level": "medium",
    "needs_explicit": "Ne plus perdre d'encaissements lors des coupures.",
    "needs_implicit": "Être rassuré sur la continuité du cabinet.",
    "motives": ["securite", "argent"],
    "arguments_used": [
        {"product_reference": "FIB-PRO-500", "feature": "Rétablissement en 4 heures",
         "advantage": "Les encaissements continuent", "proof": "98 % en 2025",
         "reception": "convinced"},
        {"product_reference": "TEL-IP-T46", "feature": "Poste IP couleur",
         "advantage": "Lisible par tous", "reception": "neutral"},
    ],
    "supports_shown": ["Fiche produit Fibre Pro"],
    "objections_met": [
        {"kind": "price", "objection": "C'est plus cher.", "technique": "compensation",
         "answer": "Support 4 h compris.", "resolved": True},
    ],
    "conclusion": "quote",
    "conclusion_fits_signals": True,
    "signals": "Demande les délais d'installation, prend des notes sur le prix.",
    "accessibility": {"situations": ["hearing"], "adaptations": ["easy_to_read"]},
}  # fmt: skip


def test_an_interview_report_its_check_its_tasks_and_its_evidence(
    client: TestClient,
    db: Session,
    world: dict[str, Any],  # noqa: F811
) -> None:
    user = world["trainee"]
    future = appointment(db, world, days=2)
    r = put(client, user, f"/appointments/{future.id}/report", FULL_REPORT, 409)
    assert "pas encore eu lieu" in r["detail"]

    a = appointment(db, world, days=-1)
    opp = opportunity(client, world)
    path = f"/appointments/{a.id}/report"
    today = utcnow().date()
    steps = [{"title": "Envoyer le devis", "due_on": (today + timedelta(days=1)).isoformat()},
             {"title": "Rappeler le gérant", "due_on": (today + timedelta(days=7)).isoformat()}]  # fmt: skip
    report = put(client, user, path, {**FULL_REPORT, "opportunity_id": opp["id"],
                                      "next_steps": steps})  # fmt: skip
    assert [f["code"] for f in report["findings"]] == ["quote_missing"]
    assert report["exploitable"] is False
    tasks = db.scalars(select(Task).where(Task.owner_id == user.id).order_by(Task.due_on)).all()
    assert [t.title for t in tasks] == ["Envoyer le devis", "Rappeler le gérant"]
    assert all(t.link_id == world["prospect"].id for t in tasks)
    assert [s["task_id"] for s in report["next_steps"]] == [t.id for t in tasks]
    db.refresh(a)
    assert a.status is AppointmentStatus.DONE
    codes = evidence(db, user)
    for code in ("CP3.4", "CP3.5", "CP6.3", "CP6.4", "CP6.5", "CP6.6", "CP6.7", "CP6.8"):
        assert code in codes, code
    # The interview counts in the registry (by the appointment's date).
    held = registry.compute(db, ["interviews_held"], [user.id], today - timedelta(days=2), today)
    assert held["interviews_held"][user.id] == 1

    # The whole report as PDF: its motives, receptions, objections and adaptations in French.
    r = client.get(f"/api/v1{path}/document", headers=bearer(user))
    assert r.status_code == 200, r.text
    full = " ".join(
        " ".join(p.extract_text() for p in PdfReader(io.BytesIO(r.content)).pages).split()
    )
    for text in ("sécurité, argent", "convaincu", "prix", "documents en FALC", "Envoyer le devis",
                 "Informations environnementales données"):  # fmt: skip
        assert text in full, text
    html = client.get(f"/api/v1{path}/document?format=html", headers=bearer(user))
    assert html.headers["content-type"].startswith("text/html")

    # The quote is made: the report becomes exploitable. Editing it keeps its tasks.
    post(client, user, "/quotes", {"opportunity_id": opp["id"],
         "lines": [{"product_reference": "FIB-PRO-500", "quantity": "1"}]})  # fmt: skip
    again = put(client, user, path, {**FULL_REPORT, "opportunity_id": opp["id"],
                                     "next_steps": steps, "version": report["version"]})  # fmt: skip
    assert again["exploitable"] is True
    assert db.scalar(select(func.count()).select_from(Task).where(Task.owner_id == user.id)) == 2
    # The evidence names the report (not a task its steps made), once for the same criteria.
    shown = db.execute(
        select(EvidenceRecord.resource_type, EvidenceRecord.resource_id).where(
            EvidenceRecord.trainee_id == user.id, EvidenceRecord.action == "save_report"
        )
    ).all()
    assert shown == [("interview_reports", str(report["id"]))]

    # A next step before the appointment, a report without substance.
    early = [{"title": "Trop tôt", "due_on": (today - timedelta(days=5)).isoformat()}]
    r = put(client, user, path, {**FULL_REPORT, "next_steps": early,
                                 "version": again["version"]}, 422)  # fmt: skip
    assert r["errors"][0]["field"] == "next_steps.0.due_on"
    thin = put(client, user, path, {"information_level": "none", "conclusion": "time_to_think",
                                    "conclusion_fits_signals": False,
                                    "version": again["version"]})  # fmt: skip
    assert [f["code"] for f in thin["findings"]] == [
        "no_needs", "no_motives", "no_argument", "no_signals", "no_next_step",
        "accessibility_unknown",
    ]  # fmt: skip

    # The report as PDF.
    r = client.get(f"/api/v1{path}/document", headers=bearer(user))
    assert r.status_code == 200
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(r.content)).pages)
    assert "Compte rendu d'entretien — Cabinet Durand" in " ".join(text.split())


def test_the_objection_library(client: TestClient, world: dict[str, Any]) -> None:  # noqa: F811
    user = world["trainee"]
    own = post(client, user, "/objections",
               {"kind": "need", "objection": "Je n'en ai pas besoin.",
                "answer": "Que se passe-t-il lors d'une coupure ?", "technique": "questionnement"})  # fmt: skip
    assert own["source"] == "own"
    r = client.get("/api/v1/objections", headers=bearer(user))
    assert [o["source"] for o in r.json()] == ["case", "case", "case", "own"]
    r = client.delete(f"/api/v1/objections/{own['id']}", headers=bearer(world["other"]))
    assert r.status_code == 404
    r = client.delete(f"/api/v1/objections/{own['id']}", headers=bearer(user))
    assert r.status_code == 204


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"information_level": "low"}, "main_objective"),
        ({"information_level": "bof", "main_objective": "x"}, "information_level"),
        ({"information_level": "low", "main_objective": "x",
          "questions": [{"text": "q", "kind": "open", "motive": "envie"}]}, "questions.0.motive"),
    ],
)  # fmt: skip
def test_bad_preparations_name_their_field(
    client: TestClient,
    db: Session,
    world: dict[str, Any],  # noqa: F811
    body: dict[str, Any],
    field: str,
) -> None:
    a = appointment(db, world, days=2)
    r = put(client, world["trainee"], f"/appointments/{a.id}/preparation", body, 422)
    assert field in [e["field"] for e in r["errors"]]
