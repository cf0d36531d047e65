"""One error model: typed business errors rendered as RFC 9457 ``application/problem+json``.

Every error the API returns goes through :func:`problem_response`, whatever raised it
(an :class:`AppError`, payload validation, Starlette's 404/405/413, or an unexpected bug).
The ``type`` is a stable URN (``urn:capvente:problem:<slug>``): clients branch on it, never
on the human text, which is French because the UI shows it to users.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any, ClassVar

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.routing import iter_route_contexts
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm.exc import StaleDataError
from starlette.exceptions import HTTPException as StarletteHTTPException

from app.core.db import LOCK_RETRY_AFTER_SECONDS, is_lock_timeout
from app.core.frontend import RESERVED_PREFIXES, SPA_PATH

log = logging.getLogger("capvente.errors")

PROBLEM_MEDIA_TYPE = "application/problem+json"
TYPE_PREFIX = "urn:capvente:problem:"
REQUEST_ID_HEADER = "X-Request-ID"


class AppError(Exception):
    """Base of business errors. Subclasses set ``status``, ``slug`` and ``title``."""

    status: ClassVar[int] = 400
    slug: ClassVar[str] = "bad-request"
    title: ClassVar[str] = "Requête invalide"

    def __init__(
        self,
        detail: str | None = None,
        *,
        headers: dict[str, str] | None = None,
        problem_slug: str | None = None,
        problem_title: str | None = None,
        **extra: Any,
    ) -> None:
        super().__init__(detail or self.title)
        self.detail = detail or self.title
        self.headers = headers or {}
        # A family of errors may name a precise rule in its type (channel-policy:<rule>).
        self.problem_slug = problem_slug or self.slug
        self.problem_title = problem_title or self.title
        self.extra = extra


class NotFound(AppError):
    status, slug, title = 404, "not-found", "Ressource introuvable"


class Unauthorized(AppError):
    status, slug, title = 401, "unauthorized", "Authentification requise"

    def __init__(self, detail: str | None = None, **extra: Any) -> None:
        super().__init__(detail, headers={"WWW-Authenticate": "Bearer"}, **extra)


class Forbidden(AppError):
    status, slug, title = 403, "forbidden", "Action non autorisée"


class Conflict(AppError):
    status, slug, title = 409, "conflict", "Conflit avec l'état actuel"


class StaleVersion(AppError):
    status, slug, title = 409, "stale-version", "La ressource a été modifiée entre-temps"


class TooManyRequests(AppError):
    status, slug, title = 429, "too-many-requests", "Trop de tentatives"

    def __init__(self, detail: str, *, retry_after: int, **extra: Any) -> None:
        super().__init__(
            detail, headers={"Retry-After": str(retry_after)}, retry_after=retry_after, **extra
        )


class DatabaseBusy(AppError):
    """The database could not give a write its lock in time (other writes hold it): retry."""

    status, slug, title = 503, "database-busy", "Base de données occupée"

    def __init__(self, retry_after: int = LOCK_RETRY_AFTER_SECONDS) -> None:
        super().__init__(
            "La base de données est occupée par d'autres enregistrements : rien n'a été "
            f"enregistré, réessayez dans {retry_after} secondes.",
            headers={"Retry-After": str(retry_after)},
            retry_after=retry_after,
        )


class FieldError(AppError):
    """A business rule on one field of the payload (422 with the usual ``errors`` list)."""

    status, slug, title = 422, "validation-error", "Données invalides"

    def __init__(self, field: str, message: str, *, location: str = "body") -> None:
        super().__init__(
            message,
            errors=[{"location": location, "field": field, "message": message, "type": "rule"}],
        )


def problem_response(
    request: Request,
    *,
    status: int,
    slug: str,
    title: str,
    detail: str,
    headers: dict[str, str] | None = None,
    **extra: Any,
) -> JSONResponse:
    body: dict[str, Any] = {
        "type": TYPE_PREFIX + slug,
        "title": title,
        "status": status,
        "detail": detail,
        "instance": request.url.path,
    }
    headers = dict(headers or {})
    request_id = getattr(request.state, "request_id", None)
    if request_id:
        body["request_id"] = request_id
        headers.setdefault(REQUEST_ID_HEADER, request_id)
    body.update(extra)
    return JSONResponse(body, status_code=status, headers=headers, media_type=PROBLEM_MEDIA_TYPE)


# French messages for the validation errors users meet most; pydantic's English otherwise.
# Every client form shows these beside its fields, so this table is the one place where a
# validation message is worded (the client adds none): short, plain French, no type names.
_DATETIME = "Date et heure invalides : saisissez par exemple 2026-12-31 14:30."
_FR_MESSAGES = {
    "missing": "Champ obligatoire.",
    "string_too_short": "Trop court (au moins {min_length} caractère(s)).",
    "string_too_long": "Trop long (au plus {max_length} caractères).",
    "string_type": "Texte attendu.",
    "int_parsing": "Nombre entier attendu.",
    "int_type": "Nombre entier attendu.",
    "float_parsing": "Nombre attendu.",
    "decimal_parsing": "Nombre attendu.",
    "bool_parsing": "Booléen attendu (true ou false).",
    "greater_than": "Doit être supérieur à {gt}.",
    "greater_than_equal": "Doit être supérieur ou égal à {ge}.",
    "less_than": "Doit être inférieur à {lt}.",
    "less_than_equal": "Doit être inférieur ou égal à {le}.",
    "enum": "Valeur non reconnue : valeurs permises {expected}.",
    "literal_error": "Valeur non reconnue : valeurs permises {expected}.",
    "extra_forbidden": "Champ inconnu.",
    "date_type": "Date invalide : saisissez une date, par exemple 2026-12-31.",
    "date_parsing": "Date invalide : saisissez une date, par exemple 2026-12-31.",
    "date_from_datetime_parsing": "Date invalide : saisissez une date, par exemple 2026-12-31.",
    "date_from_datetime_inexact": "Date sans heure attendue, par exemple 2026-12-31.",
    "date_past": "La date doit être passée.",
    "date_future": "La date doit être à venir.",
    "time_type": "Heure invalide : saisissez une heure, par exemple 14:30.",
    "time_parsing": "Heure invalide : saisissez une heure, par exemple 14:30.",
    "datetime_type": _DATETIME,
    "datetime_parsing": _DATETIME,
    "datetime_from_date_parsing": _DATETIME,
    "datetime_object_invalid": _DATETIME,
    "datetime_past": "La date et l'heure doivent être passées.",
    "datetime_future": "La date et l'heure doivent être à venir.",
    "timezone_naive": "Heure sans fuseau horaire attendue.",
    "timezone_aware": "Indiquez le fuseau horaire, par exemple 2026-12-31T14:30:00+01:00.",
    "list_type": "Liste attendue.",
    "too_short": "Liste trop courte.",
    "too_long": "Liste trop longue.",
    "model_attributes_type": "Objet attendu.",
    "dict_type": "Objet attendu.",
}

#: An empty value where one is needed is a field left blank, whatever the type expected.
_BLANK_MEANS_MISSING = {
    "string_too_short", "int_parsing", "float_parsing", "decimal_parsing", "date_parsing",
    "date_from_datetime_parsing", "time_parsing", "datetime_parsing", "datetime_from_date_parsing",
}  # fmt: skip


def _message(err: dict[str, Any]) -> str:
    kind = err.get("type", "")
    value = err.get("input")
    # A required text left empty (min_length 1, or blank once stripped) and a date, time or
    # number sent empty are all a field left blank: say so, not "too short (1 character)".
    if kind in _BLANK_MEANS_MISSING and isinstance(value, str) and not value.strip():
        return _FR_MESSAGES["missing"]
    template = _FR_MESSAGES.get(kind)
    if template:
        try:
            return template.format(**(err.get("ctx") or {}))
        except (KeyError, IndexError):
            pass
    msg = str(err.get("msg", "Valeur invalide."))
    return msg.removeprefix("Value error, ")


def field_errors(errors: Sequence[Any]) -> list[dict[str, Any]]:
    """Flatten pydantic errors into ``{location, field, message, type}`` items."""
    out = []
    for err in errors:
        loc = [str(part) for part in err.get("loc", ())]
        location = loc[0] if loc else "body"
        field = ".".join(loc[1:])
        out.append(
            {"location": location, "field": field, "message": _message(err), "type": err["type"]}
        )
    return out


_HTTP_SLUGS = {
    400: ("bad-request", "Requête invalide"),
    401: ("unauthorized", "Authentification requise"),
    403: ("forbidden", "Action non autorisée"),
    404: ("not-found", "Ressource introuvable"),
    405: ("method-not-allowed", "Méthode non permise"),
    406: ("not-acceptable", "Format de réponse non disponible"),
    413: ("payload-too-large", "Requête trop volumineuse"),
    415: ("unsupported-media-type", "Type de contenu non pris en charge"),
}


_METHOD_ORDER = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]


def allowed_methods(request: Request) -> list[str]:
    """The methods some route serves at the request's path (the ``Allow`` of a 405)."""
    path = request.url.path
    methods: set[str] = set()
    for route in iter_route_contexts(request.app.routes):
        regex, route_methods = getattr(route, "path_regex", None), route.methods
        if regex is None or not route_methods or not regex.match(path):
            continue
        if route.path == SPA_PATH and path.lstrip("/").startswith(RESERVED_PREFIXES):
            continue  # the web client's fallback answers 404 there
        methods |= route_methods
    order = {method: rank for rank, method in enumerate(_METHOD_ORDER)}
    return sorted(methods, key=lambda m: (order.get(m, len(order)), m))


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(AppError)
    async def _app_error(request: Request, exc: AppError) -> JSONResponse:
        return problem_response(
            request,
            status=exc.status,
            slug=exc.problem_slug,
            title=exc.problem_title,
            detail=exc.detail,
            headers=exc.headers,
            **exc.extra,
        )

    @app.exception_handler(RequestValidationError)
    async def _validation(request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = list(exc.errors())
        if any(e.get("type") == "json_invalid" for e in errors):
            return problem_response(
                request,
                status=400,
                slug="malformed-json",
                title="JSON mal formé",
                detail="Le corps de la requête n'est pas un JSON valide.",
                errors=field_errors(errors),
            )
        items = field_errors(errors)
        detail = "; ".join(f"{e['field'] or e['location']} : {e['message']}" for e in items)
        return problem_response(
            request,
            status=422,
            slug="validation-error",
            title="Données invalides",
            detail=detail,
            errors=items,
        )

    @app.exception_handler(StaleDataError)
    async def _stale(request: Request, exc: StaleDataError) -> JSONResponse:
        return problem_response(
            request,
            status=StaleVersion.status,
            slug=StaleVersion.slug,
            title=StaleVersion.title,
            detail="Quelqu'un a modifié cette ressource pendant votre mise à jour : rechargez-la.",
        )

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        status, headers = exc.status_code, dict(exc.headers or {})
        detail = exc.detail if isinstance(exc.detail, str) else ""
        if status == 405:
            # Starlette names the methods of the first route of the path only (GET for
            # /prospects/{id}, which PATCH and DELETE serve too): name them all.
            allowed = allowed_methods(request)
            if allowed:
                headers["Allow"] = ", ".join(allowed)
                detail = f"Méthode {request.method} non permise ici : {', '.join(allowed)}."
            else:  # only the web client's fallback took the path: nothing is there
                status, detail = 404, "Not Found"
        slug, title = _HTTP_SLUGS.get(status, ("http-error", "Erreur HTTP"))
        detail = detail or title
        if status == 404 and detail == "Not Found":
            detail = f"Aucune ressource à l'adresse {request.url.path}."
        return problem_response(
            request, status=status, slug=slug, title=title, detail=detail, headers=headers
        )

    @app.exception_handler(OperationalError)
    async def _operational(request: Request, exc: OperationalError) -> JSONResponse:
        # A lock not obtained in time (the busy timeout ran out): the request was rolled
        # back and may be sent again; anything else is a failure like any other.
        if not is_lock_timeout(exc):
            return await _unexpected(request, exc)
        log.warning("database busy on %s %s: %s", request.method, request.url.path, exc.orig)
        return await _app_error(request, DatabaseBusy())

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
        log.exception("unhandled error on %s %s", request.method, request.url.path)
        return problem_response(
            request,
            status=500,
            slug="internal-error",
            title="Erreur interne",
            detail="Une erreur inattendue s'est produite ; elle a été journalisée.",
        )


class InvalidDocument(AppError):
    """A whole document (an import) broke its schema: 422 with every path and reason, the
    paths prefixed by where the document came from (``file``, ``body``)."""

    status, slug, title = 422, "validation-error", "Données invalides"

    def __init__(self, errors: Sequence[Any], *, location: str = "file") -> None:
        items = field_errors([{**e, "loc": (location, *e.get("loc", ()))} for e in errors])
        shown = "; ".join(f"{e['field'] or e['location']} : {e['message']}" for e in items[:5])
        more = f" (et {len(items) - 5} autres)" if len(items) > 5 else ""
        super().__init__(f"Document refusé : {shown}{more}", errors=items)
