"""The watch digest route."""

from __future__ import annotations

from typing import Literal

from fastapi import APIRouter, Response

from app.auth.deps import CurrentPrincipal
from app.competences.export import MEDIA_TYPES, ExportFormat
from app.competences.tagging import exercises
from app.core.clock import utcnow
from app.core.db import DbSession
from app.watch import digest

router = APIRouter(tags=["watch"])


@router.get(
    "/watch/digest",
    response_model=digest.Digest,
    summary="Synthèse de veille de la semaine ou du mois (JSON, Markdown, HTML)",
    responses={200: {"content": {"text/markdown": {}, "text/html": {}}}},
    **exercises("CP1", "CT4", criteria=["CP1.3", "CP1.5"]),
)
def watch_digest(
    session: DbSession,
    principal: CurrentPrincipal,
    period: Literal["week", "month"] = "week",
    format: Literal["json", "markdown", "html"] = "json",
) -> digest.Digest | Response:
    built = digest.build(session, principal, period, utcnow())
    if format == "json":
        return built
    fmt = ExportFormat(format)
    return Response(digest.render(built, fmt), media_type=f"{MEDIA_TYPES[fmt]}; charset=utf-8")
