"""A saved tour read on the road: each visit carries its prospect's current phone (issue 13,
click-to-call on a phone), read at each reading — a corrected number shows, an anonymised
prospect's does not — and only for whoever may read the tour."""

from __future__ import annotations

from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from app.common.clock import utcnow
from app.models import Role
from tests.factories import bearer, make_cohort, make_org, make_prospect, make_user

BASE = {"label": "Agence de Lyon", "latitude": 45.7640, "longitude": 4.8357}


def test_stops_carry_the_current_phone(client: TestClient, db: Session) -> None:
    org = make_org(db)
    trainer = make_user(db, org, Role.TRAINER)
    cohort = make_cohort(db, org, trainers=[trainer])
    trainee = make_user(db, org, cohort=cohort)
    other = make_user(db, org, cohort=make_cohort(db, org))
    assert client.put("/api/v1/tour-base", json=BASE, headers=bearer(trainee)).status_code == 200
    called = make_prospect(db, trainee, name="Boulangerie Roy", phone="+33478000001",
                           latitude=45.77, longitude=4.85)  # fmt: skip
    silent = make_prospect(db, trainee, name="Atelier sans téléphone", phone=None,
                           latitude=45.75, longitude=4.82)  # fmt: skip
    db.commit()
    request = {
        "days": [{"date": utcnow().date().isoformat()}],
        "visits": [{"prospect_id": called.id}, {"prospect_id": silent.id}],
    }
    # A plan not saved carries no phone (nothing read beyond the plan itself).
    planned = client.post("/api/v1/tours/plan", json=request, headers=bearer(trainee))
    assert planned.status_code == 200, planned.text
    assert all(s.get("phone") is None for d in planned.json()["days"] for s in d["stops"])
    saved = client.post("/api/v1/tours", json=request, headers=bearer(trainee))
    assert saved.status_code == 201, saved.text
    path = f"/api/v1/tours/{saved.json()['id']}"

    def phones(user) -> dict[str, str | None]:
        response = client.get(path, headers=bearer(user))
        assert response.status_code == 200, response.text
        stops = [s for d in response.json()["days"] for s in d["stops"] if s["kind"] == "visit"]
        return {s["label"]: s["phone"] for s in stops}

    assert phones(trainee) == {"Boulangerie Roy": "+33478000001", "Atelier sans téléphone": None}
    assert phones(trainer)["Boulangerie Roy"] == "+33478000001"  # the trainer reads it too
    assert client.get(path, headers=bearer(other)).status_code == 404
    # Read now, not stored: a corrected number shows, an anonymised record's is gone.
    called.phone = "+33478000002"
    db.commit()
    assert phones(trainee)["Boulangerie Roy"] == "+33478000002"
    called.anonymised_at = utcnow()
    db.commit()
    assert phones(trainee)["Boulangerie Roy"] is None
