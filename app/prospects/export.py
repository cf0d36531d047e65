"""Export of the prospect file: CSV for French Excel, or XLSX.

- CSV: UTF-8 with BOM, ``;`` separator, CRLF, decimal comma, dates JJ/MM/AAAA.
- XLSX: openpyxl in write-only mode (rows streamed to a temporary file, then sent in chunks);
  numbers and dates stay typed cells.
- Formula injection (OWASP "CSV injection"): in the CSV, every cell that begins with ``=``,
  ``+``, ``-``, ``@``, a tab or a carriage return gets a leading ``'`` (every CSV cell is
  text to the file but a formula to the spreadsheet that opens it, so a negative number is
  prefixed too); the importer removes that quote, so an export can be imported back as it is.
  In the XLSX no quote is added: a text cell is typed text (``t="s"``), which a spreadsheet
  never evaluates — ``+33 4 65 71 00 99`` stays as it is; a text that begins with ``=`` is
  written as a typed string too, never as a formula (openpyxl would take it for one).

Headers and values use the importer's vocabulary (type, statut, source, tranche in French).
Rows are read in their own session, batch by batch (``yield_per``), while the response streams.
"""

from __future__ import annotations

import csv
import io
import tempfile
from collections.abc import Callable, Iterator, Sequence
from datetime import date, datetime, time
from decimal import Decimal
from enum import StrEnum
from typing import Any

from sqlalchemy import Select
from sqlalchemy.orm import Session

from app.models import Prospect, ProspectKind, ProspectSource, ProspectStatus, SizeBand
from app.prospects import rules
from app.prospects.imports.cells import KIND_LABELS_FR, SIZE_BAND_LABELS_FR, SOURCE_LABELS_FR

BOM = "\ufeff"
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
XLSX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_MEDIA_TYPE = "text/csv; charset=utf-8"
YIELD_PER = 1000


class ExportFormat(StrEnum):
    CSV = "csv"
    XLSX = "xlsx"


COLUMNS: list[tuple[str, Any]] = [
    ("Identifiant", Prospect.id),
    ("Type", Prospect.kind),
    ("Nom", Prospect.name),
    ("SIREN", Prospect.siren),
    ("SIRET", Prospect.siret),
    ("Code NAF", Prospect.naf_code),
    ("Secteur", Prospect.sector),
    ("Tranche d'effectif", Prospect.size_band),
    ("Adresse", Prospect.address),
    ("Code postal", Prospect.postcode),
    ("Ville", Prospect.city),
    ("Latitude", Prospect.latitude),
    ("Longitude", Prospect.longitude),
    ("Site web", Prospect.website),
    ("Téléphone", Prospect.phone),
    ("E-mail", Prospect.email),
    ("Statut", Prospect.status),
    ("Source", Prospect.source),
    ("Potentiel (€)", Prospect.potential),
    ("Priorité", Prospect.priority),
    ("Tags", Prospect.tags),
    ("Prochain contact", Prospect.next_contact_on),
    ("Créé le", Prospect.created_at),
]


def neutralise(text: str) -> str:
    """``'`` before a value a spreadsheet would read as a formula (OWASP)."""
    return "'" + text if text.startswith(FORMULA_TRIGGERS) else text


def label(value: Any) -> Any:
    """Enumerations as the French words the importer reads back."""
    if isinstance(value, ProspectKind):
        return KIND_LABELS_FR[value]
    if isinstance(value, ProspectStatus):
        return rules.STATUS_LABELS_FR[value]
    if isinstance(value, ProspectSource):
        return SOURCE_LABELS_FR[value]
    if isinstance(value, SizeBand):
        return SIZE_BAND_LABELS_FR[value]
    if isinstance(value, StrEnum):
        return value.value
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return value


def csv_text(value: Any) -> str:
    value = label(value)
    if value is None:
        return ""
    if isinstance(value, bool):
        return "oui" if value else "non"
    if isinstance(value, datetime):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, Decimal):
        return neutralise(format(value, "f").replace(".", ","))
    if isinstance(value, float):
        return neutralise(repr(value).replace(".", ","))
    return neutralise(str(value))


def export_statement(stmt: Select[Any], extra_columns: Sequence[tuple[str, Any]]) -> Select[Any]:
    """The list's statement (scope, filters, order) reduced to the exported columns."""
    return stmt.with_only_columns(*(c for _, c in COLUMNS), *(c for _, c in extra_columns))


def _rows(factory: Callable[[], Session], stmt: Select[Any]) -> Iterator[Sequence[Any]]:
    with factory() as session:
        result = session.execute(stmt.execution_options(yield_per=YIELD_PER))
        for partition in result.partitions():
            yield from partition


def csv_chunks(
    factory: Callable[[], Session],
    stmt: Select[Any],
    headers: Sequence[str],
    convert: Callable[[Sequence[Any]], Sequence[Any]] = lambda row: row,
) -> Iterator[bytes]:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    buffer.write(BOM)
    writer.writerow([neutralise(h) for h in headers])
    for count, row in enumerate(_rows(factory, stmt), start=1):
        writer.writerow([csv_text(v) for v in convert(row)])
        if count % YIELD_PER == 0:
            yield buffer.getvalue().encode("utf-8")
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue().encode("utf-8")


def xlsx_chunks(
    factory: Callable[[], Session],
    stmt: Select[Any],
    headers: Sequence[str],
    convert: Callable[[Sequence[Any]], Sequence[Any]] = lambda row: row,
    chunk_size: int = 64 * 1024,
) -> Iterator[bytes]:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Prospects")
    sheet.freeze_panes = "A2"

    def text(value: str) -> Any:
        if not value.startswith("="):
            return value
        typed = WriteOnlyCell(sheet, value=value)
        typed.data_type = "s"  # openpyxl reads a leading "=" as a formula: keep it text
        return typed

    sheet.append([text(h) for h in headers])

    def cell(value: Any) -> Any:
        value = label(value)
        if isinstance(value, str):
            return text(value)
        if isinstance(value, datetime | date):
            day = value.date() if isinstance(value, datetime) else value
            # A midnight datetime shown as a date (the stubs do not list plain dates).
            written = WriteOnlyCell(sheet, value=datetime.combine(day, time()))
            written.number_format = "DD/MM/YYYY"
            return written
        return value

    for row in _rows(factory, stmt):
        sheet.append([cell(v) for v in convert(row)])
    with tempfile.SpooledTemporaryFile(max_size=16 * 1024 * 1024) as fh:
        workbook.save(fh)
        fh.seek(0)
        while chunk := fh.read(chunk_size):
            yield chunk


def filename(file_format: ExportFormat, today: date) -> str:
    """ASCII only: ``prospects-20261127.csv``."""
    return f"prospects-{today:%Y%m%d}.{file_format.value}"
