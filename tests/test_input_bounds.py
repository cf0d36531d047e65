"""Every input is bounded by its schema: out-of-range values get a 422 naming the field.

Two walks over the OpenAPI document, so that new routes and fields are covered without
anyone listing them:

- the document itself: every integer an operation accepts has a minimum and a maximum, every
  string a maximum length, every list a maximum number of items (app/core/schemas.py);
- the running app: each id (path, query, body) at 2³¹ and 2⁶³, each offset at 2⁶³, each
  date-time at ``9999-12-31T23:59:59-14:00``, each date at 9999-12-31, each text parameter
  and field with a NUL: a 422 naming the field, never a 500 (findings 4, 5 and 6 of issue 13,
  which PostgreSQL and SQLite answered with 500s).
"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from typing import Any
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from app.models import Role
from tests.factories import bearer, make_cohort, make_org, make_user, owned_records
from tests.test_route_walk import sample

EDGE_DATETIME = "9999-12-31T23:59:59-14:00"
EDGE_DATE = "9999-12-31"


def _resolve(schema: dict[str, Any], spec: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in schema:
        schema = spec["components"]["schemas"][schema["$ref"].rsplit("/", 1)[-1]]
    return schema


def _options(schema: dict[str, Any], spec: dict[str, Any]) -> list[dict[str, Any]]:
    """The non-null alternatives of ``schema`` (itself when it has none)."""
    schema = _resolve(schema, spec)
    for key in ("anyOf", "oneOf", "allOf"):
        if key in schema:
            return [o for s in schema[key] for o in _options(s, spec) if o.get("type") != "null"]
    return [schema]


def _is_decimal(options: list[dict[str, Any]]) -> bool:
    """Pydantic's Decimal: a bounded number, or the same number spelt as a string."""
    kinds = {o.get("type") for o in options}
    return kinds == {"number", "string"} and all(
        "maximum" in o for o in options if o.get("type") == "number"
    )


def _unbounded(
    schema: dict[str, Any], spec: dict[str, Any], where: str, seen: frozenset[str]
) -> Iterator[str]:
    if "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[-1]
        if name not in seen:
            yield from _unbounded(_resolve(schema, spec), spec, where, seen | {name})
        return
    options = _options(schema, spec) if any(k in schema for k in ("anyOf", "oneOf")) else []
    if options:
        if not _is_decimal(options):
            for option in options:
                yield from _unbounded(option, spec, where, seen)
        return
    kind = schema.get("type")
    if kind == "integer" and not ({"minimum", "exclusiveMinimum"} & schema.keys()):
        yield f"{where}: integer without a minimum"
    if kind == "integer" and not ({"maximum", "exclusiveMaximum"} & schema.keys()):
        yield f"{where}: integer without a maximum"
    if (
        kind == "string"
        and "maxLength" not in schema
        and not ({"enum", "const", "format", "contentMediaType"} & schema.keys())
    ):
        yield f"{where}: text without a maximum length"
    if kind == "array":
        if "maxItems" not in schema:
            yield f"{where}: list without a maximum number of items"
        yield from _unbounded(schema.get("items", {}), spec, f"{where}[]", seen)
    if kind == "object":
        for name, prop in schema.get("properties", {}).items():
            yield from _unbounded(prop, spec, f"{where}.{name}", seen)
        extra = schema.get("additionalProperties")
        if isinstance(extra, dict):
            yield from _unbounded(extra, spec, f"{where}{{}}", seen)


def _operations(spec: dict[str, Any]) -> Iterator[tuple[str, str, dict[str, Any]]]:
    for path, operations in spec["paths"].items():
        for method, operation in operations.items():
            if path.startswith("/api/"):
                yield path, method.upper(), operation


def test_every_input_of_the_api_is_bounded(openapi_document: dict[str, Any]) -> None:
    spec = openapi_document
    found = []
    for path, method, operation in _operations(spec):
        for param in operation.get("parameters", []):
            where = f"{method} {path} {param['in']} {param['name']}"
            found += _unbounded(param["schema"], spec, where, frozenset())
        for content in operation.get("requestBody", {}).get("content", {}).values():
            body = _resolve(content["schema"], spec)
            # Form fields too: the login's, the import's mapping (a JSON text).
            for name, prop in body.get("properties", {}).items():
                found += _unbounded(prop, spec, f"{method} {path} body {name}", frozenset())
    assert not found, "\n".join(found)


# ----------------------------------------------------------------- the app, value by value


IDS: dict[str, int] = {}


@pytest.fixture
def callers(db: Session) -> Iterator[list[dict[str, str]]]:
    """A trainee with a record of every kind, then their trainer, then an admin: each
    operation is called by the first of them it lets past its role check. Path parameters
    name the trainee's records (so that a body is read, not refused by a 404 first)."""
    org = make_org(db)
    trainer = make_user(db, org, Role.TRAINER)
    cohort = make_cohort(db, org, trainers=[trainer])
    trainee = make_user(db, org, cohort=cohort)
    IDS.update(owned_records(db, trainee), trainee_id=trainee.id, user_id=trainee.id,
               cohort_id=cohort.id)  # fmt: skip
    yield [bearer(trainee), bearer(trainer), bearer(make_user(db, org, Role.ADMIN))]
    IDS.clear()


def _call(
    client: TestClient, callers: list[dict[str, str]], method: str, path: str, **kwargs: Any
) -> Any:
    for headers in callers:
        response = client.request(method, path, headers=headers, **kwargs)
        if response.status_code != 403:
            break
    return response


def _assert_refused(response: Any, field: str, location: str, what: str) -> None:
    assert response.status_code == 422, (what, response.status_code, response.text[:500])
    assert response.headers["content-type"] == "application/problem+json"
    errors = response.json()["errors"]
    # A list's items are checked as one field: "tags" names the fault of "tags.3".
    named = [
        e for e in errors
        if e["location"] == location and (e["field"] == field or field.startswith(e["field"] + "."))
        and e["field"]
    ]  # fmt: skip
    assert named, (what, errors)


def _leaves(
    schema: dict[str, Any], spec: dict[str, Any], path: tuple[Any, ...], depth: int = 0
) -> Iterator[tuple[tuple[Any, ...], dict[str, Any]]]:
    """(path, schema) of every scalar field of a body, through objects and lists."""
    if depth > 6:
        return
    for option in _options(schema, spec):
        kind = option.get("type")
        if kind == "object":
            for name, prop in option.get("properties", {}).items():
                yield from _leaves(prop, spec, (*path, name), depth + 1)
        elif kind == "array":
            yield from _leaves(option.get("items", {}), spec, (*path, 0), depth + 1)
        else:
            yield path, option


def _with(body: Any, schema: dict[str, Any], spec: dict[str, Any], path: tuple[Any, ...],
          value: Any) -> Any:  # fmt: skip
    """A copy of the valid ``body`` whose field at ``path`` holds ``value`` (the missing
    objects and lists on the way are made from their schemas)."""
    body = copy.deepcopy(body)
    node, node_schema = body, schema
    for i, key in enumerate(path):
        options = _options(node_schema, spec)
        container = next(o for o in options if o.get("type") in ("object", "array"))
        if container["type"] == "object":
            child_schema = container["properties"][key]
        else:
            child_schema = container.get("items", {})
        if i == len(path) - 1:
            if isinstance(node, list) and not node:
                node.append(value)
            else:
                node[key] = value
            break
        if isinstance(node, list):
            if not node:
                node.append(_container_sample(child_schema, spec))
        elif not isinstance(node.get(key), dict | list):
            node[key] = _container_sample(child_schema, spec)
        node, node_schema = node[key], child_schema
    return body


def _container_sample(schema: dict[str, Any], spec: dict[str, Any]) -> Any:
    option = next(o for o in _options(schema, spec) if o.get("type") in ("object", "array"))
    if option["type"] == "array":
        return (
            [_container_sample(option["items"], spec)]
            if _options(option["items"], spec)[0].get("type") in ("object", "array")
            else []
        )
    return sample(option, spec["components"]["schemas"])


def _edge_values(option: dict[str, Any], name: str) -> list[Any]:
    kind, fmt = option.get("type"), option.get("format")
    if kind == "integer" and (name.endswith(("_id", "_ids")) or name == "offset"):
        return [2**31, 2**63]
    if kind == "string" and fmt == "date-time":
        return [EDGE_DATETIME]
    if kind == "string" and fmt == "date":
        return [EDGE_DATE]
    if kind == "string" and "enum" not in option and fmt != "binary":
        return ["a\x00b"]
    return []


def _fill(path: str, params: list[dict[str, Any]]) -> str:
    fixed = {"code": "CP3", "mode": "car", "day_index": "0"}
    values = {p["name"]: fixed.get(p["name"], str(IDS.get(p["name"], 1)))
              for p in params if p["in"] == "path"}  # fmt: skip
    return path.format(**values)


def test_out_of_range_parameters_are_refused_by_name(
    client: TestClient, openapi_document: dict[str, Any], callers: list[dict[str, str]]
) -> None:
    spec = openapi_document
    checked = 0
    for path, method, operation in _operations(spec):
        params = operation.get("parameters", [])
        for param in params:
            name, location = param["name"], param["in"]
            for option in _options(param["schema"], spec):
                for value in _edge_values(option, name):
                    query = {}
                    if location == "path":
                        url = _fill(path.replace("{" + name + "}", quote(str(value))), params)
                    else:
                        url, query = _fill(path, params), {name: value}
                    what = f"{method} {path} {location} {name}={value!r}"
                    response = _call(client, callers, method, url, params=query)
                    _assert_refused(response, name, location, what)
                    checked += 1
    assert checked > 100, checked


def test_out_of_range_body_fields_are_refused_by_name(
    client: TestClient, openapi_document: dict[str, Any], callers: list[dict[str, str]]
) -> None:
    spec = openapi_document
    components = spec["components"]["schemas"]
    checked = 0
    for path, method, operation in _operations(spec):
        content = operation.get("requestBody", {}).get("content", {})
        if "application/json" not in content:
            continue
        schema = content["application/json"]["schema"]
        valid = sample(schema, components)
        url = _fill(path, operation.get("parameters", []))
        for field_path, option in _leaves(schema, spec, ()):
            # A list's item is named after the list (trainer_ids, tags).
            named = [part for part in field_path if isinstance(part, str)]
            name = named[-1] if named else ""
            for value in _edge_values(option, name):
                body = _with(valid, schema, spec, field_path, value)
                what = f"{method} {path} body {field_path}={value!r}"
                response = _call(client, callers, method, url, json=body)
                field = ".".join(str(part) for part in field_path)
                _assert_refused(response, field, "body", what)
                checked += 1
    assert checked > 100, checked


def test_a_form_field_with_a_control_character_is_refused(
    client: TestClient, callers: list[dict[str, str]]
) -> None:
    response = client.post(
        "/api/v1/prospects/imports",
        headers=callers[0],
        files={"file": ("a.csv", b"nom\nA\n", "text/csv")},
        data={"duplicates": "skip\x00"},
    )
    _assert_refused(response, "duplicates", "body", "import form")
