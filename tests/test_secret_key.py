"""The session signing key: never a published placeholder nor a short key (issue 13, 1)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from pydantic import ValidationError

from app.config import Settings
from app.core.security import KNOWN_PLACEHOLDER_SECRETS

ROOT = Path(__file__).resolve().parent.parent
CAPVENTE = Path(sys.executable).with_name("capvente")


@pytest.mark.parametrize("value", sorted(KNOWN_PLACEHOLDER_SECRETS))
def test_a_published_placeholder_is_refused(value: str, tmp_path: Path) -> None:
    with pytest.raises(ValidationError, match="published placeholder"):
        Settings(secret_key=value, var_dir=tmp_path)


def test_a_key_shorter_than_32_bytes_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValidationError, match=r"too short \(31 bytes, at least 32\)"):
        Settings(secret_key="x" * 31, var_dir=tmp_path)
    assert Settings(secret_key="é" * 16, var_dir=tmp_path).jwt_secret() == "é" * 16  # 32 bytes


def _serve(tmp_path: Path, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {
        k: v for k, v in os.environ.items() if not k.startswith("CAPVENTE_") and k != "PORT"
    }
    environment.update(
        DATABASE_URL=f"sqlite:///{tmp_path}/x.db", CAPVENTE_VAR_DIR=str(tmp_path / "var"), **env
    )
    return subprocess.run(
        [str(CAPVENTE), "serve", "--port", "1"],
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
        cwd=tmp_path,
        check=False,
    )


def test_the_server_refuses_to_start_with_the_old_compose_default(tmp_path: Path) -> None:
    done = _serve(tmp_path, CAPVENTE_SECRET_KEY="change-me-to-a-long-random-secret")
    assert done.returncode == 2
    assert "Configuration refusée" in done.stderr
    assert "CAPVENTE_SECRET_KEY" in done.stderr
    assert "Traceback" not in done.stderr


def test_the_server_refuses_a_weak_persisted_key(tmp_path: Path) -> None:
    (tmp_path / "var").mkdir()
    (tmp_path / "var" / "secret_key").write_text("short")
    done = _serve(tmp_path)
    assert done.returncode == 2
    assert "too short" in done.stderr


def test_compose_has_no_default_key() -> None:
    compose = (ROOT / "docker-compose.yml").read_text()
    assert "${CAPVENTE_SECRET_KEY:?" in compose
    assert "change-me" not in compose
