"""Emission factors: ADEME reference values as data, organisation overrides, CO2 of a
distance."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from app.models import Role, TransportMode
from app.tours import emissions
from tests.factories import bearer, make_org, make_user

URL = "/api/v1/emission-factors"
OWN = {"total_kg_per_km": "0.1200", "usage_kg_per_km": "0.0900",
       "construction_kg_per_km": "0.0300", "source": "Flotte du centre, relevés 2026",
       "year": 2026}  # fmt: skip


def _by_mode(client: TestClient, user: Any) -> dict[str, dict[str, Any]]:
    response = client.get(URL, headers=bearer(user))
    assert response.status_code == 200, response.text
    return {f["mode"]: f for f in response.json()}


def test_reference_factors_are_ademe_values_with_source_and_year(
    client: TestClient, db: Session
) -> None:
    trainee = make_user(db, make_org(db))
    factors = _by_mode(client, trainee)
    assert list(factors) == [m.value for m in TransportMode]
    car = factors["car"]
    assert (car["usage_kg_per_km"], car["construction_kg_per_km"], car["total_kg_per_km"]) == (
        "0.1106", "0.0317", "0.1420")  # fmt: skip
    assert car["basis"] == "vehicle"
    assert "ADEME" in car["source"]
    assert car["year"] == 2025
    assert car["overridden"] is False
    assert factors["petrol_car"]["usage_kg_per_km"] is None  # published as a total only
    assert factors["petrol_car"]["total_kg_per_km"] == "0.1700"
    assert factors["electric_car"]["total_kg_per_km"] == "0.0670"
    assert (factors["bike"]["total_kg_per_km"], factors["bike"]["basis"]) == ("0.0110", "person")
    assert factors["public_transport"]["basis"] == "passenger"


def test_an_organisation_overrides_a_mode_and_goes_back(client: TestClient, db: Session) -> None:
    org, other = make_org(db), make_org(db)
    admin = make_user(db, org, Role.ADMIN)
    trainee = make_user(db, org)
    stranger = make_user(db, other)
    assert client.put(f"{URL}/car", json=OWN, headers=bearer(trainee)).status_code == 403
    saved = client.put(f"{URL}/car", json=OWN, headers=bearer(admin))
    assert saved.status_code == 200, saved.text
    assert saved.json()["overridden"] is True
    car = _by_mode(client, trainee)["car"]
    assert (car["total_kg_per_km"], car["source"], car["overridden"]) == (
        "0.1200", OWN["source"], True)  # fmt: skip
    assert car["reference_total_kg_per_km"] == "0.1420"
    assert car["label"].startswith("Voiture thermique")  # the reference's label kept
    assert _by_mode(client, stranger)["car"]["total_kg_per_km"] == "0.1420"  # theirs unchanged
    again = client.put(f"{URL}/car", json={**OWN, "total_kg_per_km": "0.1250",
                                           "usage_kg_per_km": "0.0950"}, headers=bearer(admin))  # fmt: skip
    assert again.status_code == 200, again.text
    assert _by_mode(client, trainee)["car"]["total_kg_per_km"] == "0.1250"
    assert client.delete(f"{URL}/car", headers=bearer(trainee)).status_code == 403
    assert client.delete(f"{URL}/car", headers=bearer(admin)).status_code == 204
    assert _by_mode(client, trainee)["car"]["overridden"] is False
    gone = client.delete(f"{URL}/car", headers=bearer(admin))
    assert gone.status_code == 404
    assert gone.headers["content-type"].startswith("application/problem+json")


def test_bad_factors_are_refused_naming_the_field(client: TestClient, db: Session) -> None:
    admin = make_user(db, make_org(db), Role.ADMIN)

    def refused(mode: str, body: dict[str, Any]) -> set[str]:
        response = client.put(f"{URL}/{mode}", json=body, headers=bearer(admin))
        assert response.status_code == 422, response.text
        return {e["field"] for e in response.json()["errors"]}

    assert "total_kg_per_km" in refused("car", {**OWN, "total_kg_per_km": "0.2000"})
    assert "usage_kg_per_km" in refused(
        "car", {**OWN, "construction_kg_per_km": None, "usage_kg_per_km": "0.3000"}
    )
    assert "total_kg_per_km" in refused("car", {**OWN, "total_kg_per_km": "-1"})
    assert "year" in refused("car", {**OWN, "year": 1900})
    assert "basis" in refused("car", {**OWN, "basis": "truck"})
    assert "mode" in refused("rocket", OWN)
    factors = _by_mode(client, admin)
    assert factors["car"]["overridden"] is False  # nothing written


def test_co2_of_a_distance_usage_and_total(db: Session) -> None:
    org = make_org(db)
    factors = emissions.effective_factors(db, org.id)
    car = emissions.co2_of(Decimal("100"), factors[TransportMode.CAR].factor)
    assert (car.usage_kg, car.total_kg) == (Decimal("11.060"), Decimal("14.200"))
    petrol = emissions.co2_of(Decimal("12.5"), factors[TransportMode.PETROL_CAR].factor)
    assert (petrol.usage_kg, petrol.total_kg) == (None, Decimal("2.125"))
