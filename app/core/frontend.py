"""Serving the built web client (``frontend/dist``) with a fallback to ``index.html``."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI
from fastapi.responses import FileResponse, HTMLResponse
from starlette.exceptions import HTTPException

# Paths the SPA fallback must never swallow: unknown API routes stay 404 problems.
RESERVED_PREFIXES = ("api/", "docs", "redoc", "openapi.json", "healthz", "static-offline-docs")
# The fallback's path: it serves GET for the client's own paths only.
SPA_PATH = "/{path:path}"

LANDING = """<!doctype html>
<html lang="fr"><head><meta charset="utf-8"><title>CapVente</title>
<style>
body { font-family: system-ui, sans-serif; max-width: 40rem; margin: 3rem auto; line-height: 1.5 }
</style>
</head><body>
<h1>CapVente</h1>
<p>Le CRM d'entraînement du titre professionnel <strong>Conseiller commercial</strong>.</p>
<p>L'API est en service. Documentation interactive : <a href="/docs">/docs</a>
(Swagger UI) ou <a href="/redoc">/redoc</a>.</p>
<p>Le client web n'est pas encore construit dans <code>frontend/dist</code>.</p>
</body></html>"""


def install_frontend(app: FastAPI, dist: Path) -> None:
    index = dist / "index.html"
    root = dist.resolve()

    @app.get("/", include_in_schema=False, response_model=None)
    def home() -> FileResponse | HTMLResponse:
        return FileResponse(index) if index.is_file() else HTMLResponse(LANDING)

    if not index.is_file():
        return

    @app.get(SPA_PATH, include_in_schema=False)
    def spa(path: str) -> FileResponse:
        if path.startswith(RESERVED_PREFIXES):
            raise HTTPException(status_code=404)
        candidate = (root / path).resolve()
        if candidate.is_relative_to(root) and candidate.is_file():
            return FileResponse(candidate)
        return FileResponse(index)
