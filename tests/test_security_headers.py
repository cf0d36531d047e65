"""Security headers on every answer: the client, the docs, the API and its HTML exports
(issue 13, 11). Chromium itself checks the policy in e2e/session.spec.ts (the client) and e2e/docs.spec.ts
(Swagger UI, ReDoc)."""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from app.config import Settings
from app.core.middleware import tile_source
from app.main import create_app
from tests.factories import bearer, make_org, make_user

COMMON = {
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "referrer-policy": "same-origin",
}


def _directives(policy: str) -> dict[str, list[str]]:
    out = {}
    for part in policy.split(";"):
        words = part.split()
        if words:
            out[words[0]] = words[1:]
    return out


def _check_common(headers) -> dict[str, list[str]]:
    for name, value in COMMON.items():
        assert headers[name] == value, name
    csp = _directives(headers["content-security-policy"])
    assert csp["frame-ancestors"] == ["'none'"]
    return csp


def test_api_answers_and_html_exports_run_nothing(client: TestClient, db: Session) -> None:
    user = make_user(db, make_org(db))
    for path in ("/api/v1/me", "/api/v1/me/portfolio/export?format=html", "/api/v1/nowhere"):
        response = client.get(path, headers=bearer(user))
        csp = _check_common(response.headers)
        assert csp["default-src"] == ["'none'"], path
        assert "script-src" not in csp  # falls back to 'none'
        assert "sandbox" in csp
    export = client.get("/api/v1/me/portfolio/export?format=html", headers=bearer(user))
    assert export.headers["content-type"].startswith("text/html")
    assert _check_common(client.get("/openapi.json").headers)["default-src"] == ["'none'"]


def _inline_scripts(html: str) -> list[str]:
    return re.findall(r"<script>(.*?)</script>", html, re.DOTALL)


def test_swagger_ui_and_redoc_are_self_hosted_and_allowed(client: TestClient) -> None:
    docs = client.get("/docs")
    csp = _check_common(docs.headers)
    # Every script is ours: the bundle from /static-offline-docs, the start-up by its hash.
    assert "cdn" not in docs.text.lower()
    assert '<script src="/static-offline-docs/swagger-ui-bundle.js">' in docs.text
    inline = _inline_scripts(docs.text)
    assert inline
    for body in inline:
        digest = base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in csp["script-src"]
    assert "'unsafe-inline'" not in csp["script-src"]
    assert int(docs.headers["content-length"]) == len(docs.content)
    assert client.get("/static-offline-docs/swagger-ui-bundle.js").status_code == 200

    redoc = client.get("/redoc")
    csp = _check_common(redoc.headers)
    assert csp["script-src"] == ["'self'"]
    assert "blob:" in csp["worker-src"]
    assert client.get("/static-offline-docs/redoc.standalone.js").status_code == 200


def test_the_client_may_run_only_its_own_scripts(
    settings: Settings, session_factory, db: Session, tmp_path: Path
) -> None:
    dist = tmp_path / "dist"
    (dist / "assets").mkdir(parents=True)
    (dist / "index.html").write_text(
        '<!doctype html><script type="module" src="/assets/app.js"></script><div id=root></div>'
    )
    (dist / "assets" / "app.js").write_text("console.log(1)")
    settings.frontend_dist = dist
    settings.tile_url = "https://{s}.tiles.example/{z}/{x}/{y}.png"
    with TestClient(create_app(settings, session_factory=session_factory)) as client:
        for path in ("/", "/prospects/3", "/assets/app.js"):
            csp = _check_common(client.get(path).headers)
            assert csp["script-src"] == ["'self'"], path
            assert csp["style-src"] == ["'self'", "'unsafe-inline'"]  # Leaflet, Recharts
            assert csp["connect-src"] == ["'self'"]
            assert "https://*.tiles.example" in csp["img-src"]
            assert csp["object-src"] == ["'none'"]


def test_tile_sources() -> None:
    assert tile_source(None) is None
    assert tile_source("https://tiles.example/{z}/{x}/{y}.png") == "https://tiles.example"
    assert tile_source("http://{s}.tile.osm.org/{z}/{x}/{y}.png") == "http://*.tile.osm.org"
    assert tile_source("not a url") is None
