"""Liveness and database check."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from sqlalchemy import text

from app import __version__
from app.core.errors import problem_response

router = APIRouter(tags=["health"])


@router.get("/healthz", summary="État du service et de la base de données")
def healthz(request: Request) -> JSONResponse:
    try:
        with request.app.state.session_factory() as session:
            session.execute(text("SELECT 1"))
    except Exception as exc:  # any failure means "not healthy", with the reason
        return problem_response(
            request,
            status=503,
            slug="database-unavailable",
            title="Base de données indisponible",
            detail=f"La base de données ne répond pas ({type(exc).__name__}).",
        )
    return JSONResponse({"status": "ok", "database": "ok", "version": __version__})
