"""Issue 13's security and reliability findings on inputs, each as first reported (500s on
one backend or both): now a 422 problem naming the field, on SQLite and PostgreSQL alike.

Findings 4 (integers beyond the columns), 5 (date-times at the range's edge), 6 (control
characters), 7 (a lunch break mixing times with and without an offset), 8 (clearing a
contact's decision power), 14 (list fields without bounds) and 16 (the error answers of the
OpenAPI document, the ``Allow`` of a 405). tests/test_input_bounds.py walks every operation
the same way; tests/test_fuzz.py lets Schemathesis look for the rest.
"""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from app.models import Contact, DecisionPower, Prospect, Role, User
from tests.factories import bearer, make_contact, make_org, make_prospect, make_user

PROBLEM = "application/problem+json"
PLAN = {
    "days": [{"date": "2027-01-15"}],
    "visits": [{"latitude": 45.75, "longitude": 4.85}, {"latitude": 45.78, "longitude": 4.88}],
}


@pytest.fixture
def trainee(db: Session) -> User:
    return make_user(db, make_org(db))


def refused(response: Any, field: str, location: str = "body") -> str:
    """The message of the 422 naming ``field``."""
    assert response.status_code == 422, response.text
    assert response.headers["content-type"] == PROBLEM
    errors = {(e["location"], e["field"]): e["message"] for e in response.json()["errors"]}
    assert (location, field) in errors, errors
    return errors[(location, field)]


# ----------------------------------------------------------------- 4: integers and ids


@pytest.mark.parametrize("value", [2**31, 2**63, 2**64 + 1])
def test_ids_and_offsets_beyond_the_columns_are_refused(
    client: TestClient, trainee: User, value: int
) -> None:
    headers = bearer(trainee)
    assert "2147483647" in refused(client.get(f"/api/v1/tours/{value}", headers=headers),
                                   "tour_id", "path")  # fmt: skip
    refused(client.get("/api/v1/tours", params={"offset": value}, headers=headers),
            "offset", "query")  # fmt: skip
    refused(client.get("/api/v1/tours", params={"owner_id": value}, headers=headers),
            "owner_id", "query")  # fmt: skip
    body = {"kind": "company", "name": "X", "version": value}
    response = client.post("/api/v1/prospects", json=body, headers=headers)
    assert response.status_code == 422  # unknown field "version" on a creation
    member = {"members": [{"prospect_id": value}]}
    refused(client.post("/api/v1/campaigns/1/members", json=member, headers=headers),
            "members.0.prospect_id")  # fmt: skip


def test_an_id_in_range_that_names_nothing_is_a_404(client: TestClient, trainee: User) -> None:
    response = client.get(f"/api/v1/tours/{2**31 - 1}", headers=bearer(trainee))
    assert response.status_code == 404


def test_a_version_beyond_the_column_is_refused(
    client: TestClient, db: Session, trainee: User
) -> None:
    prospect = make_prospect(db, trainee)
    response = client.patch(f"/api/v1/prospects/{prospect.id}", headers=bearer(trainee),
                            json={"version": 2**63, "name": "Y"})  # fmt: skip
    refused(response, "version")


def test_money_beyond_the_column_is_refused(client: TestClient, trainee: User) -> None:
    # Numeric(12, 2): 12 digits before the point passed max_digits=12, then overflowed.
    body = {"kind": "company", "name": "X", "potential": "999999999999"}
    refused(client.post("/api/v1/prospects", json=body, headers=bearer(trainee)), "potential")


def test_names_fit_their_columns(client: TestClient, trainee: User) -> None:
    # Personas, scripts and campaigns keep 150 characters (the schema said 200: PostgreSQL
    # refused the row).
    long = "N" * 151
    headers = bearer(trainee)
    refused(client.post("/api/v1/personas", json={"name": long}, headers=headers), "name")
    script = {"name": long, "steps": [{"kind": "hook", "text": "Bonjour"}]}
    refused(client.post("/api/v1/call-scripts", json=script, headers=headers), "name")
    campaign = {"name": long, "channel": "phone"}
    refused(client.post("/api/v1/campaigns", json=campaign, headers=headers), "name")
    ok = client.post("/api/v1/personas", json={"name": "N" * 150}, headers=headers)
    assert ok.status_code == 201, ok.text


# ----------------------------------------------------------------- 5: date-times


@pytest.mark.parametrize(
    "moment", ["9999-12-31T23:59:59-14:00", "0001-01-01T00:00:00+14:00", "2200-01-01T00:00:00Z"]
)
def test_date_times_at_the_range_edge_are_refused(
    client: TestClient, db: Session, trainee: User, moment: str
) -> None:
    prospect = make_prospect(db, trainee)
    body = {"prospect_id": prospect.id, "starts_at": moment}
    message = refused(client.post("/api/v1/appointments", json=body, headers=bearer(trainee)),
                      "starts_at")  # fmt: skip
    assert "1900 et 2199" in message
    refused(client.get("/api/v1/appointments", params={"starts_after": moment},
                       headers=bearer(trainee)), "starts_after", "query")  # fmt: skip


def test_dates_at_the_range_edge_are_refused(client: TestClient, trainee: User) -> None:
    plan = {**PLAN, "days": [{"date": "9999-12-31"}]}
    refused(client.post("/api/v1/tours/plan", json=plan, headers=bearer(trainee)), "days.0.date")


def test_a_moment_still_needs_its_time_zone(client: TestClient, db: Session, trainee: User) -> None:
    prospect = make_prospect(db, trainee)
    body = {"prospect_id": prospect.id, "starts_at": "2027-01-15T10:00:00"}
    message = refused(client.post("/api/v1/appointments", json=body, headers=bearer(trainee)),
                      "starts_at")  # fmt: skip
    assert "fuseau horaire" in message
    body["starts_at"] = "2199-12-31T10:00:00+01:00"  # the last day of the range is fine
    assert client.post("/api/v1/appointments", json=body,
                       headers=bearer(trainee)).status_code == 201  # fmt: skip


# ----------------------------------------------------------------- 6: control characters


@pytest.mark.parametrize(
    "bad", ["\\u0000", "\\u0007", "\\u001b[31m", "\\u007f", "\\u0085", "\\ud800"]
)
def test_control_characters_in_text_are_refused(
    client: TestClient, trainee: User, bad: str
) -> None:
    # Sent as JSON escapes: a lone surrogate (\ud800) cannot even be encoded otherwise.
    body = '{"kind": "company", "name": "Acme' + bad + 'SA"}'
    response = client.post("/api/v1/prospects", content=body, headers={
        **bearer(trainee), "content-type": "application/json"})  # fmt: skip
    message = refused(response, "name")
    if bad != "\\ud800":  # the JSON reader refuses that one already ("unicode string")
        assert "Caractère de contrôle interdit" in message


def test_nothing_is_written_when_a_field_holds_nul(
    client: TestClient, db: Session, trainee: User
) -> None:
    body = {"kind": "company", "name": "Acme", "city": "Ly\x00on"}
    refused(client.post("/api/v1/prospects", json=body, headers=bearer(trainee)), "city")
    assert db.query(Prospect).filter(Prospect.owner_id == trainee.id).count() == 0


def test_control_characters_in_lists_and_objects_are_refused(
    client: TestClient, db: Session, trainee: User
) -> None:
    headers = bearer(trainee)
    body = {"kind": "company", "name": "Acme", "tags": ["ok", "b\x00d"]}
    refused(client.post("/api/v1/prospects", json=body, headers=headers), "tags")
    prospect = make_prospect(db, trainee)
    request = {"prospect_id": prospect.id, "kind": "rectification", "received_on": "2026-12-01",
               "changes": {"city": "Ly\x00on"}}  # fmt: skip
    refused(client.post("/api/v1/privacy/requests", json=request, headers=headers), "changes")
    request["changes"] = {"ci\x00ty": "Lyon"}
    refused(client.post("/api/v1/privacy/requests", json=request, headers=headers), "changes")


def test_line_breaks_belong_to_multi_line_text_only(
    client: TestClient, db: Session, trainee: User
) -> None:
    headers = bearer(trainee)
    prospect = make_prospect(db, trainee)
    notes = "Besoins :\n\t- flotte de 12 véhicules\r\n\t- renouvellement en mars"
    call = {"channel": "phone", "outcome": "callback", "notes": notes,
            "next_contact_on": "2027-01-20"}  # fmt: skip
    response = client.post(f"/api/v1/prospects/{prospect.id}/interactions", json=call,
                           headers=headers)  # fmt: skip
    assert response.status_code == 201, response.text
    assert response.json()["notes"] == notes
    call["notes"] = "Rappeler\x00"
    refused(client.post(f"/api/v1/prospects/{prospect.id}/interactions", json=call,
                        headers=headers), "notes")  # fmt: skip
    message = refused(client.patch(f"/api/v1/prospects/{prospect.id}", headers=headers,
                                   json={"version": prospect.version, "name": "Acme\nSA"}),
                      "name")  # fmt: skip
    assert "une seule ligne" in message


@pytest.mark.parametrize(
    ("path", "param"),
    [("/api/v1/prospects", "q"), ("/api/v1/watch/items", "q"), ("/api/v1/prospects", "sort"),
     ("/api/v1/users", "q"), ("/api/v1/prospects", "sector")],
)  # fmt: skip
def test_search_terms_with_control_characters_are_refused(
    client: TestClient, db: Session, trainee: User, path: str, param: str
) -> None:
    # SQLite's full-text search (a trigram phrase) and PostgreSQL's LIKE both failed on NUL.
    make_prospect(db, trainee, name="Boulangerie du centre")
    admin = make_user(db, make_org(db), Role.ADMIN)
    headers = bearer(admin if path == "/api/v1/users" else trainee)
    for term in ("boul\x00", "\x00", "cen\x1ftre"):
        refused(client.get(path, params={param: term}, headers=headers), param, "query")
    found = client.get("/api/v1/prospects", params={"q": "boulangerie centre"}, headers=headers)
    if path != "/api/v1/users":
        assert [p["name"] for p in found.json()["items"]] == ["Boulangerie du centre"]


def test_path_parameters_with_control_characters_are_refused(
    client: TestClient, trainee: User
) -> None:
    response = client.get("/api/v1/competences/CP%00", headers=bearer(trainee))
    refused(response, "code", "path")


# ----------------------------------------------------------------- 7: lunch break times


@pytest.mark.parametrize(
    "lunch",
    [{"start": "12:00:00+01:00", "end": "14:00:00"}, {"start": "12:00:00", "end": "14:00:00Z"}],
)
def test_a_lunch_break_with_an_offset_is_refused(
    client: TestClient, trainee: User, lunch: dict[str, str]
) -> None:
    headers = bearer(trainee)
    plan = {**PLAN, "lunch": lunch}
    field = "lunch.start" if "+" in lunch["start"] else "lunch.end"
    message = refused(client.post("/api/v1/tours/plan", json=plan, headers=headers), field)
    assert "sans fuseau horaire" in message
    refused(client.post("/api/v1/tours/plan/suggestions", json=plan, headers=headers), field)
    refused(client.post("/api/v1/tours", json=plan, headers=headers), field)


def test_working_hours_with_an_offset_are_refused(client: TestClient, trainee: User) -> None:
    plan = {**PLAN, "work_start": "08:30:00Z", "days": [{"date": "2027-01-15",
                                                         "end_time": "17:00+02:00"}]}  # fmt: skip
    response = client.post("/api/v1/tours/plan", json=plan, headers=bearer(trainee))
    refused(response, "work_start")
    refused(response, "days.0.end_time")
    start = {"latitude": 45.76, "longitude": 4.84}
    fine = {**PLAN, "lunch": {"start": "12:30"}, "days": [{"date": "2027-01-15", "start": start}]}
    ok = client.post("/api/v1/tours/plan", json=fine, headers=bearer(trainee))
    assert ok.status_code == 200, ok.text


# ----------------------------------------------------------------- 8: decision power


def test_clearing_a_contacts_decision_power_means_none(
    client: TestClient, db: Session, trainee: User
) -> None:
    prospect = make_prospect(db, trainee)
    contact = make_contact(db, prospect, decision_power=DecisionPower.DECISION_MAKER)
    url = f"/api/v1/prospects/{prospect.id}/contacts/{contact.id}"
    response = client.patch(url, json={"version": contact.version, "decision_power": None},
                            headers=bearer(trainee))  # fmt: skip
    assert response.status_code == 200, response.text
    assert response.json()["decision_power"] == "none"
    db.expire_all()
    assert db.get(Contact, contact.id).decision_power == DecisionPower.NONE
    created = client.post(f"/api/v1/prospects/{prospect.id}/contacts", headers=bearer(trainee),
                          json={"last_name": "Martin", "decision_power": None})  # fmt: skip
    assert created.status_code == 201, created.text
    assert created.json()["decision_power"] == "none"


# ----------------------------------------------------------------- 14: lists


def test_a_prospects_tags_are_bounded_in_number_and_length(
    client: TestClient, trainee: User
) -> None:
    headers = bearer(trainee)
    body = {"kind": "company", "name": "Acme", "tags": [f"t{i}" for i in range(31)]}
    assert "Liste trop longue" in refused(
        client.post("/api/v1/prospects", json=body, headers=headers), "tags"
    )
    body["tags"] = ["x" * 41]
    refused(client.post("/api/v1/prospects", json=body, headers=headers), "tags.0")
    body["tags"] = [f"t{i}" for i in range(30)]
    assert client.post("/api/v1/prospects", json=body, headers=headers).status_code == 201


def test_watch_tags_and_channels_are_bounded(client: TestClient, trainee: User) -> None:
    headers = bearer(trainee)
    item = {"title": "Salon", "topic": "market", "tags": ["x" * 61]}
    refused(client.post("/api/v1/watch/items", json=item, headers=headers), "tags.0")
    competitor = {"name": "Rival", "channels": ["web"] * 21}
    refused(client.post("/api/v1/competitors", json=competitor, headers=headers), "channels")


# ----------------------------------------------------------------- 16: the OpenAPI document


def test_the_document_declares_the_problem_answers(openapi_document: dict[str, Any]) -> None:
    spec = openapi_document
    schemas = spec["components"]["schemas"]
    assert "HTTPValidationError" not in schemas
    assert {"type", "title", "status", "detail", "errors"} <= set(schemas["Problem"]["properties"])
    problem = {PROBLEM: {"schema": {"$ref": "#/components/schemas/Problem"}}}
    for path, operations in spec["paths"].items():
        for method, operation in operations.items():
            responses = operation["responses"]
            for code, answer in responses.items():
                if code.startswith("4"):
                    assert answer["content"] == problem, (method, path, code)
            if operation.get("parameters") or operation.get("requestBody"):
                assert "422" in responses, (method, path)
            if operation.get("security"):
                assert {"401", "403"} <= set(responses), (method, path)
            if operation.get("requestBody"):
                assert "413" in responses, (method, path)
    prospect = spec["paths"]["/api/v1/prospects/{prospect_id}"]
    assert {"401", "403", "404", "409", "413", "422"} <= set(prospect["patch"]["responses"])
    login = spec["paths"]["/api/v1/auth/token"]["post"]["responses"]
    assert login["429"]["description"].startswith(
        "Trop de tentatives"
    )  # the route's own words kept


def test_a_405_names_every_method_of_the_path(client: TestClient) -> None:
    response = client.put("/api/v1/prospects/1")
    assert response.status_code == 405
    assert response.headers["content-type"] == PROBLEM
    assert response.headers["allow"] == "GET, PATCH, DELETE"
    assert client.put("/api/v1/prospects").headers["allow"] == "GET, POST"
    assert client.delete("/healthz").headers["allow"] == "GET"
