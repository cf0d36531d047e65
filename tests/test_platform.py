"""Health check, settings, and serving the built web client."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from app.config import Settings, normalise_database_url
from app.core.db import make_engine, make_session_factory
from app.main import create_app


def test_healthz_checks_the_database(client: TestClient) -> None:
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["database"] == "ok"


def test_healthz_reports_an_unreachable_database(settings: Settings) -> None:
    broken = make_engine("postgresql+psycopg://nobody@127.0.0.1:1/none")
    app = create_app(settings, session_factory=make_session_factory(broken))
    with TestClient(app) as client:
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["type"] == "urn:capvente:problem:database-unavailable"


def test_database_url_spellings() -> None:
    assert normalise_database_url("postgres://u@h/db") == "postgresql+psycopg://u@h/db"
    assert normalise_database_url("postgresql://u@h/db") == "postgresql+psycopg://u@h/db"
    assert normalise_database_url("sqlite:///x.db") == "sqlite:///x.db"
    assert Settings(database_url="postgresql://a@b/c").database_url.startswith("postgresql+psycopg")


def test_generated_secret_is_persisted_once(tmp_path: Path) -> None:
    settings = Settings(var_dir=tmp_path / "var")
    first = settings.jwt_secret()
    assert len(first) >= 48
    assert Settings(var_dir=tmp_path / "var").jwt_secret() == first
    configured = "configured-secret-of-at-least-32-bytes"
    assert Settings(secret_key=configured, var_dir=tmp_path).jwt_secret() == configured


def test_landing_page_without_a_built_client(client: TestClient) -> None:
    response = client.get("/")
    assert response.status_code == 200
    assert "/docs" in response.text


def test_built_client_is_served_with_spa_fallback(
    settings: Settings, session_factory, db: Session, tmp_path: Path
) -> None:
    dist = tmp_path / "dist"
    (dist / "assets").mkdir(parents=True)
    (dist / "index.html").write_text("<!doctype html><div id=root>CapVente SPA</div>")
    (dist / "assets" / "app.js").write_text("console.log('ok')")
    (tmp_path / "secret.txt").write_text("outside dist")
    settings.frontend_dist = dist
    with TestClient(create_app(settings, session_factory=session_factory)) as client:
        assert "CapVente SPA" in client.get("/").text
        assert "CapVente SPA" in client.get("/prospects/12").text  # client-side route
        asset = client.get("/assets/app.js")
        assert asset.status_code == 200
        assert "console.log" in asset.text
        assert "outside dist" not in client.get("/..%2Fsecret.txt").text
        api = client.get("/api/v1/unknown")
        assert api.status_code == 404
        assert api.headers["content-type"] == "application/problem+json"
        assert client.get("/docs").status_code == 200
        assert client.get("/openapi.json").json()["info"]["title"] == "CapVente API"


def test_client_config_is_public_and_follows_the_settings(
    client: TestClient, settings: Settings
) -> None:
    answer = client.get("/api/v1/client-config")
    assert answer.status_code == 200
    assert answer.json() == {"tile_url": None, "tile_attribution": "© contributeurs OpenStreetMap"}
    settings.tile_url = "https://tiles.example/{z}/{x}/{y}.png"
    assert client.get("/api/v1/client-config").json()["tile_url"] == settings.tile_url
