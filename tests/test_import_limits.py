"""Hostile files: every limit of an upload is checked before the work it bounds, and reading
a file never holds SQLite's write lock (security findings 2 and 3 of issue 13).

The hostile files are built here, small on disk: a ZIP bomb is a few kilobytes that would
inflate to megabytes, a sheet's dimension is patched in its XML."""

from __future__ import annotations

import io
import json
import logging
import re
import struct
import threading
import zipfile
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from httpx import Response
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.common.clock import utcnow
from app.config import Settings
from app.core.db import make_engine
from app.main import create_app
from app.models import ApiToken, Contact, ImportJob, ImportStatus, User
from app.prospects.imports import archive, mapping, parsing
from tests.conftest import TEST_SECRET, migrate
from tests.factories import api_token_bearer, bearer, make_org, make_prospect, make_user
from tests.test_imports import (
    IMPORTS,
    assert_file_problem,
    committed,
    csv_bytes,
    job_of,
    prospects_of,
    trainee,
    upload,
    xlsx_bytes,
)

__all__ = ["trainee"]  # the fixture, shared with test_imports


def _rezip(content: bytes, replace: dict[str, bytes], method: int = zipfile.ZIP_DEFLATED) -> bytes:
    """The archive with some parts replaced or added (the others copied as they are)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(content)) as src, zipfile.ZipFile(out, "w", method) as dst:
        for info in src.infolist():
            if info.filename not in replace:
                dst.writestr(info.filename, src.read(info.filename))
        for name, data in replace.items():
            dst.writestr(name, data)
    return out.getvalue()


SST = b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'


def _with_shared_strings(content: bytes, table: bytes) -> bytes:
    """The workbook with a shared-string table, declared where openpyxl looks for it."""
    with zipfile.ZipFile(io.BytesIO(content)) as z:
        types = z.read("[Content_Types].xml")
    override = (
        b'<Override PartName="/xl/sharedStrings.xml" ContentType="'
        + archive.SHARED_STRINGS_TYPE.encode()
        + b'" />'
    )
    types = types.replace(b"</Types>", override + b"</Types>")
    return _rezip(content, {"[Content_Types].xml": types, "xl/sharedStrings.xml": table})


def _no_job(db: Session) -> bool:
    return db.scalar(select(func.count()).select_from(ImportJob)) == 0


# ------------------------------------------------------------------ the mapping field


def _mapping_problem(response: Response) -> str:
    assert response.status_code == 422, response.text
    assert response.headers["content-type"] == "application/problem+json"
    errors = response.json()["errors"]
    assert [(e["location"], e["field"]) for e in errors] == [("body", "mapping")], errors
    message: str = errors[0]["message"]
    return message


def test_the_mapping_field_is_bounded_in_size_and_entries(
    client: TestClient, db: Session, trainee: User
) -> None:
    content = csv_bytes([["Nom", "Type"], ["A", "entreprise"]])
    # Over 64 KiB of text: refused by the form, before the file is read.
    huge = json.dumps({"Nom": "name", "x": "y" * mapping.MAX_MAPPING_CHARS})
    assert "65536" in _mapping_problem(upload(client, trainee, content, mapping=huge))
    # More entries than a file may have columns, however short.
    many = {f"c{i}": None for i in range(mapping.MAX_MAPPING_ENTRIES + 1)}
    assert len(json.dumps(many)) < mapping.MAX_MAPPING_CHARS
    message = _mapping_problem(upload(client, trainee, content, mapping=many))
    assert f"{mapping.MAX_MAPPING_ENTRIES} colonnes au plus" in message
    # JSON nested too deep for the parser: unreadable, not a 500.
    deep = "[" * 30_000 + "]" * 30_000
    assert "illisible" in _mapping_problem(upload(client, trainee, content, mapping=deep))
    assert _no_job(db)
    # At the bounds, a mapping is read as usual.
    ok = upload(client, trainee, content, mapping={"Nom": "name", "Type": "kind"})
    assert ok.status_code == 202, ok.text


# ------------------------------------------------------------------ XLSX archives


def test_shared_strings_bomb_is_refused_before_openpyxl_reads_it(
    client: TestClient, db: Session, trainee: User
) -> None:
    base = xlsx_bytes([["Nom", "Type"], ["Alpha", "entreprise"]])
    # 16 MiB of shared strings that deflate to a few kilobytes (a ratio in the thousands).
    bomb = SST + b"<si><t>AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA</t></si>" * 280_000
    bomb += b"</sst>"
    hostile = _with_shared_strings(base, bomb)
    assert len(hostile) < 200_000 < 16_000_000 < len(bomb)
    response = upload(client, trainee, hostile, "bombe.xlsx")
    assert_file_problem(response, "bombe ZIP")
    assert "xl/sharedStrings.xml" in response.json()["detail"]
    assert _no_job(db)


def _lie_about_sizes(content: bytes, name: str, declared: int) -> bytes:
    """Rewrite the uncompressed size the archive declares for ``name`` (local header and
    central directory), as a hostile file would to slip past a check of declared sizes."""
    data = bytearray(content)
    encoded = name.encode()
    for signature, size_at, name_at in ((b"PK\x03\x04", 22, 30), (b"PK\x01\x02", 24, 46)):
        for match in re.finditer(re.escape(signature), bytes(data)):
            start = match.start()
            if data[start + name_at : start + name_at + len(encoded)] == encoded:
                struct.pack_into("<I", data, start + size_at, declared)
    return bytes(data)


def test_declared_sizes_are_not_trusted(client: TestClient, db: Session, trainee: User) -> None:
    base = xlsx_bytes([["Nom", "Type"], ["Alpha", "entreprise"]])
    table = SST + b"".join(b"<si><t>Texte %d</t></si>" % n for n in range(2000)) + b"</sst>"
    honest = _with_shared_strings(base, table)
    assert job_of(client, trainee, upload(client, trainee, honest, "vrai.xlsx"))["total_rows"]
    lying = _lie_about_sizes(honest, "xl/sharedStrings.xml", 100)
    with zipfile.ZipFile(io.BytesIO(lying)) as z:
        assert z.getinfo("xl/sharedStrings.xml").file_size == 100
    # The inflated stream is counted as it comes: it does not match what was declared.
    assert_file_problem(upload(client, trainee, lying, "ment.xlsx"), "endommagé")
    assert db.scalar(select(func.count()).select_from(ImportJob)) == 1  # the honest one


def test_shared_strings_are_capped_in_number(
    client: TestClient, db: Session, trainee: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    base = xlsx_bytes([["Nom", "Type"], ["Alpha", "entreprise"]])
    table = SST + b"".join(b"<si><t>Texte %d</t></si>" % n for n in range(33)) + b"</sst>"
    content = _with_shared_strings(base, table)
    monkeypatch.setattr(archive, "MAX_SHARED_STRINGS", 32)
    assert_file_problem(upload(client, trainee, content, "t.xlsx"), "plus de 32 textes partagés")
    assert _no_job(db)
    # Counted on the stream: a tag cut between two chunks is counted once.
    monkeypatch.setattr(archive, "CHUNK", 7)
    monkeypatch.setattr(archive, "MAX_SHARED_STRINGS", 33)
    job = job_of(client, trainee, upload(client, trainee, content, "t.xlsx"))
    assert job["total_rows"] == 1


def test_a_part_over_the_cap_is_refused(
    client: TestClient, db: Session, trainee: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    base = xlsx_bytes([["Nom", "Type"], ["Alpha", "entreprise"]])
    monkeypatch.setattr(archive, "MAX_PART_BYTES", 16 * 1024)
    padded = _rezip(base, {"docProps/custom.xml": b"<x>" + b"0123456789" * 2000 + b"</x>"})
    response = upload(client, trainee, padded, "gros.xlsx")
    assert_file_problem(response, "« docProps/custom.xml » décompressée dépasserait 16384 octets")
    assert _no_job(db)


def _with_dimension(content: bytes, ref: str) -> bytes:
    with zipfile.ZipFile(io.BytesIO(content)) as z:
        sheet = z.read("xl/worksheets/sheet1.xml")
    patched = re.sub(rb'<dimension ref="[^"]*"', f'<dimension ref="{ref}"'.encode(), sheet)
    assert patched != sheet
    return _rezip(content, {"xl/worksheets/sheet1.xml": patched})


def test_a_dimension_that_understates_the_rows_is_ignored(
    client: TestClient, db: Session, trainee: User, settings: Settings
) -> None:
    settings.import_max_rows = 5
    rows = [["Nom", "Type"]] + [[f"Société {n}", "entreprise"] for n in range(5)]
    content = _with_dimension(xlsx_bytes(rows), "A1:B3")  # says 2 data rows, holds 5
    job = job_of(client, trainee, upload(client, trainee, content, "dim.xlsx"))
    assert (job["status"], job["total_rows"], job["valid_rows"]) == ("validated", 5, 5)
    committed(client, trainee, job["id"])
    assert len(prospects_of(db, trainee)) == 5

    # One row more than the limit, declared as two: refused, not cut to two.
    longer = [*rows, ["Société 5", "entreprise"]]
    content = _with_dimension(xlsx_bytes(longer), "A1:B3")
    job = job_of(client, trainee, upload(client, trainee, content, "dim.xlsx"))
    assert job["status"] == "failed"
    assert "5 lignes de données au plus" in job["error"]
    assert len(prospects_of(db, trainee)) == 5


# ------------------------------------------------------------------ CSV work bounds


def test_a_header_of_100000_columns_is_refused_on_its_count(
    client: TestClient, db: Session, trainee: User
) -> None:
    header = ",".join(f"c{n}" for n in range(100_000))
    content = (header + "\r\nA,entreprise\r\n").encode()
    response = upload(client, trainee, content)
    assert_file_problem(response, "Trop de colonnes : 200 au plus (le fichier en a 100000)")
    assert _no_job(db)
    # The same names, found repeated: numbered as before.
    assert parsing._header(["Nom", "Nom", "", "Nom (2)", "", ""]) == [
        "Nom", "Nom (2)", "Colonne 3", "Nom (2) (2)"
    ]  # fmt: skip


def test_blank_rows_are_judged_on_the_header_columns_and_bounded(
    client: TestClient, db: Session, trainee: User
) -> None:
    wide_blank = "," * 50_000
    content = f"Nom,Type\r\nAlpha,entreprise\r\n{wide_blank}\r\nBravo,entreprise\r\n".encode()
    job = job_of(client, trainee, upload(client, trainee, content))
    assert (job["total_rows"], job["valid_rows"]) == (2, 2)

    # After the first data row, the rows are read by the dry-run: it fails, nothing is kept.
    many = b"Nom,Type\r\nAlpha,entreprise\r\n" + b",\r\n" * (parsing.MAX_BLANK_ROWS + 1)
    failed = job_of(client, trainee, upload(client, trainee, many))
    assert failed["status"] == "failed"
    assert "Trop de lignes vides" in failed["error"]
    before_header = b",\r\n" * (parsing.MAX_BLANK_ROWS + 1) + b"Nom,Type\r\nA,entreprise\r\n"
    assert_file_problem(upload(client, trainee, before_header), "Trop de lignes vides")


def test_a_line_too_long_is_refused_before_it_is_split(
    client: TestClient, db: Session, trainee: User
) -> None:
    long_line = b";" * (parsing.MAX_LINE_CHARS + 1)
    assert_file_problem(upload(client, trainee, long_line + b"\r\nA;B\r\n"), "Ligne trop longue")
    assert _no_job(db)
    content = b"Nom,Type\r\nAlpha,entreprise\r\n" + long_line + b"\r\n"
    failed = job_of(client, trainee, upload(client, trainee, content))
    assert failed["status"] == "failed"
    assert "Ligne trop longue" in failed["error"]


# ------------------------------------------------------------------ no write lock while reading


class _WriteDuringRead(logging.Handler):
    """When the upload says it is reading its file, another trainee's write is made (and
    awaited) from another thread: it must not wait for the upload's transaction."""

    def __init__(self, write: Callable[[], int]) -> None:
        super().__init__(logging.INFO)
        self.write = write
        self.statuses: list[int] = []

    def emit(self, record: logging.LogRecord) -> None:
        if record.getMessage().startswith("import upload: reading"):
            result: list[int] = []
            thread = threading.Thread(target=lambda: result.append(self.write()))
            thread.start()
            thread.join()
            self.statuses.extend(result)


@pytest.mark.parametrize("auth", ["session", "api_token"])
def test_another_writer_is_not_blocked_while_an_upload_is_read(
    auth: str, new_database: Callable[[], str], tmp_path: Path
) -> None:
    url = new_database()
    migrate(url)
    engine = make_engine(url)
    with Session(engine) as db:
        org = make_org(db)
        uploader, other = make_user(db, org), make_user(db, org)
        prospect_id = make_prospect(db, other, name="Société voisine").id
        # A token last used long ago: authenticating records its use, a write, which must
        # wait for the lock taken after the file is read (the other write lands meanwhile).
        stale = utcnow() - timedelta(days=1)
        token, token_auth = api_token_bearer(db, uploader, last_used_at=stale)
        token_id = token.id
        db.commit()
        uploader_auth = token_auth if auth == "api_token" else bearer(uploader)
        other_auth = bearer(other)
    # A short busy timeout would do; the default (10 s) is kept: a blocked write fails.
    app = create_app(Settings(database_url=url, secret_key=TEST_SECRET, var_dir=tmp_path / "var",
                              frontend_dist=tmp_path / "none"))  # fmt: skip

    def write() -> int:
        response = TestClient(app, raise_server_exceptions=False).post(
            f"/api/v1/prospects/{prospect_id}/contacts",
            json={"last_name": "Pendant l'import"},
            headers=other_auth,
        )
        return response.status_code

    handler = _WriteDuringRead(write)
    logger = logging.getLogger("capvente.imports")
    logger.addHandler(handler)
    level = logger.level
    logger.setLevel(logging.INFO)
    try:
        with TestClient(app) as client:
            response = client.post(
                IMPORTS,
                files={"file": ("p.csv", csv_bytes([["Nom", "Type"], ["A", "entreprise"]]))},
                headers=uploader_auth,
            )
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)
    assert response.status_code == 202, response.text
    assert handler.statuses == [201]  # the write went through while the file was read
    with Session(engine) as db:
        assert db.scalar(select(func.count()).select_from(Contact)) == 1
        job = db.get(ImportJob, response.json()["id"])
        assert job is not None
        assert job.status in (ImportStatus.VALIDATED, ImportStatus.PENDING, ImportStatus.VALIDATING)
        last_used = db.scalar(select(ApiToken.last_used_at).where(ApiToken.id == token_id))
    engine.dispose()
    assert last_used is not None
    assert (last_used > stale + timedelta(hours=23)) is (auth == "api_token")
