"""The watch digest route."""

from __future__ import annotations

from typing import Literal

from fastapi import APIRouter, Response

from app.auth.deps import CurrentPrincipal
from app.common.clock import utcnow
from app.competences.export import MEDIA_TYPES
from app.competences.tagging import exercises
from app.core.db import DbSession
from app.watch import digest
from app.watch.schemas import Digest

router = APIRouter(tags=["watch"])


@router.get(
    "/watch/digest",
    response_model=Digest,
    summary="Synthèse de veille de la semaine ou du mois (JSON, Markdown, HTML)",
    responses={200: {"content": {"text/markdown": {}, "text/html": {}}}},
    **exercises("CP1", "CT4", criteria=["CP1.3", "CP1.5"]),
)
def watch_digest(
    session: DbSession,
    principal: CurrentPrincipal,
    period: Literal["week", "month"] = "week",
    format: Literal["json", "markdown", "html"] = "json",
) -> Digest | Response:
    done = digest.digest(session, principal, period, format, utcnow())
    if isinstance(done, Digest):
        return done
    media_type = MEDIA_TYPES[done.format]
    return Response(done.text, media_type=f"{media_type}; charset=utf-8")
