"""The PostgreSQL run skips with one line when no server can be found (and passes CI otherwise)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_postgresql_run_is_skipped_with_a_reason_when_nothing_answers(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "TEST_DATABASE_URL"}
    env["CAPVENTE_TEST_LOCAL_POSTGRES"] = "postgresql+psycopg://postgres@127.0.0.1:1/test"
    env["DOCKER_HOST"] = f"unix://{tmp_path}/no-docker.sock"
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "--db=postgresql", "-p", "no:cacheprovider",
         "tests/test_platform.py::test_database_url_spellings"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    output = result.stdout + result.stderr
    lines = [line for line in output.splitlines() if "PostgreSQL run skipped" in line]
    assert len(lines) == 1
    assert "127.0.0.1:1 does not answer" in lines[0]
    assert "no Docker engine" in lines[0]
