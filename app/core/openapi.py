"""The error answers in the OpenAPI document: every operation declares the problem+json
answers it can give (RFC 9457), so that clients and API fuzzers know them.

FastAPI declares only a 422 with its own ``HTTPValidationError`` body, which this API never
sends (``app.core.errors`` turns every error into a problem document). One pass over the
generated document replaces it and adds, from what each operation declares:

==========  ==============================================================================
400         a JSON body that does not parse (``malformed-json``)
401, 403    operations behind authentication (no or bad credentials; role or token scope)
404         authenticated operations with an input: a record named by an id that does not
            exist or is not the caller's
409         authenticated writes: stale version, duplicate, state that forbids the change
413         operations with a body: larger than the server accepts
422         operations with an input: a field the schema or a business rule refuses
==========  ==============================================================================

Responses a route declares itself (``responses={429: ...}``) keep their description and
get the problem body too.
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from pydantic import BaseModel, ConfigDict, Field

from app.core import structs
from app.core.errors import PROBLEM_MEDIA_TYPE

WRITE_METHODS = {"post", "put", "patch", "delete"}


class ProblemFieldError(BaseModel):
    location: str = Field(description="body, query, path ou header.")
    field: str = Field(description="Le champ en cause, en notation pointée (ex. days.0.date).")
    message: str = Field(description="La raison, en français.")
    type: str = Field(description="Le type d'erreur (ex. missing, less_than_equal, rule).")


class Problem(BaseModel):
    """An error answer (RFC 9457 ``application/problem+json``)."""

    model_config = ConfigDict(extra="allow", title="Problem")

    type: str = Field(description="URN stable du problème (urn:capvente:problem:<slug>).")
    title: str
    status: int
    detail: str = Field(description="L'explication, en français, à montrer à l'utilisateur.")
    instance: str = Field(description="Le chemin de la requête.")
    request_id: str | None = Field(default=None, description="Pour retrouver la requête.")
    errors: list[ProblemFieldError] | None = Field(
        default=None, description="Les champs refusés (422, 400 : JSON mal formé)."
    )


DESCRIPTIONS = {
    400: "Corps de la requête mal formé (JSON invalide).",
    401: "Authentification requise : jeton absent, expiré ou invalide.",
    403: "Action non autorisée pour ce rôle ou ce jeton.",
    404: "Ressource introuvable (ou qui n'est pas la vôtre).",
    409: "Conflit avec l'état actuel (version périmée, doublon, transition impossible).",
    413: "Requête trop volumineuse.",
    422: "Données invalides : `errors` nomme chaque champ et la raison.",
}
_PROBLEM_REF = {"$ref": "#/components/schemas/Problem"}


def _statuses(method: str, operation: dict[str, Any]) -> set[int]:
    secured = bool(operation.get("security"))
    has_input = bool(operation.get("parameters") or operation.get("requestBody"))
    body = operation.get("requestBody", {}).get("content", {})
    statuses: set[int] = set()
    if "application/json" in body:
        statuses.add(400)
    if body:
        statuses.add(413)
    if has_input:
        statuses.add(422)
    if secured:
        statuses |= {401, 403}
        if has_input:
            statuses.add(404)
        if method in WRITE_METHODS:
            statuses.add(409)
    return statuses


def add_problem_responses(spec: dict[str, Any]) -> dict[str, Any]:
    """Declare the problem answers of every operation of ``spec`` (changed in place)."""
    schemas = spec.setdefault("components", {}).setdefault("schemas", {})
    problem = Problem.model_json_schema(ref_template="#/components/schemas/{model}")
    schemas.update(problem.pop("$defs", {}))
    schemas["Problem"] = problem
    for operations in spec.get("paths", {}).values():
        for method, operation in operations.items():
            responses = operation.setdefault("responses", {})
            declared = {int(code) for code in responses if code.isdigit()}
            for status in sorted(_statuses(method, operation) | {s for s in declared if s >= 400}):
                answer = responses.setdefault(str(status), {})
                if status == 422 or not answer.get("description"):
                    answer["description"] = DESCRIPTIONS.get(status, answer.get("description", ""))
                answer["content"] = {PROBLEM_MEDIA_TYPE: {"schema": _PROBLEM_REF}}
            operation["responses"] = dict(sorted(responses.items()))
    for name, schema in structs.components().items():  # answers as msgspec Structs
        if name in schemas and schemas[name] != schema:
            raise ValueError(f"two schemas named {name!r} in the OpenAPI document")
        schemas[name] = schema
    for unused in ("HTTPValidationError", "ValidationError"):
        schemas.pop(unused, None)
    return spec


def install_problem_responses(app: FastAPI) -> None:
    """Make ``app.openapi()`` declare the problem answers (the document is built once)."""
    build = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            app.openapi_schema = add_problem_responses(build())
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
