"""The import contract ([tool.importlinter] in pyproject.toml, app/README.md) holds on the
tree, catches a broken import, and covers every router. No database needed.

The "broken" cases run lint-imports on a copy of app/ in a temporary directory (with one
forbidden import added): the repository's tree is never modified.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"


def _config() -> dict[str, Any]:
    with (ROOT / "pyproject.toml").open("rb") as f:
        config: dict[str, Any] = tomllib.load(f)["tool"]["importlinter"]
    return config


def _contract(contract_id: str) -> dict[str, Any]:
    return next(c for c in _config()["contracts"] if c["id"] == contract_id)


def _lint(cwd: Path) -> subprocess.CompletedProcess[str]:
    # lint-imports puts its working directory first on sys.path: in a copy, "app" is the copy.
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache", "--config", str(cwd / "pyproject.toml")],
        cwd=cwd, capture_output=True, text=True, timeout=300,
    )  # fmt: skip


def test_the_tree_keeps_every_contract() -> None:
    result = _lint(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"Contracts: {len(_config()['contracts'])} kept, 0 broken." in result.stdout


@pytest.mark.parametrize(
    ("module", "line", "broken"),
    [
        # prospects reaching up to privacy: the layers and the explicit contract.
        ("app/prospects/_broken.py", "import app.privacy.requests",
         ["Layers", "The prospect file does not depend on privacy"]),
        # a domain reaching another domain's router (even one below it).
        ("app/privacy/_broken.py", "import app.prospects.targeting_router",
         ["Only the API (app.api) imports routers"]),
        # the models reaching core.
        ("app/models/_broken.py", "import app.core.scoping",
         ["Layers", "Models import nothing from app but app.common"]),
        # the leaf importing anything of app.
        ("app/common/_broken.py", "import app.models",
         ["Layers", "app.common is the leaf"]),
    ],
)  # fmt: skip
def test_a_forbidden_import_breaks_the_contract(
    tmp_path: Path, module: str, line: str, broken: list[str]
) -> None:
    shutil.copytree(
        ROOT / "app", tmp_path / "app", ignore=shutil.ignore_patterns("__pycache__", "data")
    )
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    (tmp_path / module).write_text(f'"""A forbidden import (test)."""\n\n{line}\n')

    result = _lint(tmp_path)

    assert result.returncode != 0, result.stdout
    for name in broken:
        assert any(
            row.startswith(name) and " BROKEN" in row for row in result.stdout.splitlines()
        ), f"{name!r} not broken:\n{result.stdout}"
    assert module.removesuffix(".py").replace("/", ".") in result.stdout
    assert not (ROOT / module).exists()


def test_every_router_is_in_the_router_contract() -> None:
    """A new ``*router*.py`` must be listed, or another module could import it unseen."""
    found = {
        ".".join(path.relative_to(ROOT).with_suffix("").parts)
        for path in (ROOT / "app").rglob("*router*.py")
    }
    listed = set(_contract("routers")["forbidden_modules"])
    assert found, "no router found: the walk is wrong"
    assert found == listed


def test_every_non_entry_point_package_is_a_source_of_the_router_contract() -> None:
    """A new domain package must be a source too (only the entry points import routers)."""
    entry_points = {"app.api", "app.main", "app.cli"}
    top_level = {
        f"app.{path.stem if path.is_file() else path.name}"
        for path in (ROOT / "app").iterdir()
        if (path.is_dir() and (path / "__init__.py").exists())
        or (path.suffix == ".py" and path.stem != "__init__")
    }
    assert set(_contract("routers")["source_modules"]) == top_level - entry_points
