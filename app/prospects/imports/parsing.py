"""Uploaded bytes → a header and numbered rows (CSV or XLSX).

CSV: ``,`` or ``;`` (``\\t`` too), detected from the header line; UTF-8 with or without BOM,
else Windows-1252. XLSX: the first sheet, read with openpyxl in read-only mode (values, not
formulas), after ``archive.check_xlsx`` has bounded what its parts inflate to. Row numbers are
those a spreadsheet shows: the first line of the file is row 1. Anything unreadable is a 422
on the field ``file``.

The work is bounded by the limits, checked before the work they bound: a header of more than
``MAX_COLUMNS`` columns is refused before its names are numbered (once quadratic: 100,000
columns took 49 s), a CSV line longer than ``MAX_LINE_CHARS`` before the csv module splits it,
more than ``MAX_BLANK_ROWS`` blank rows before they are all read, and a blank row is judged
on the header's columns only. An XLSX sheet's declared dimension is ignored for reading (a
sheet declaring ``A1:B3`` over 200,001 rows once imported 2 of them, silently): every row is
read, and the row limit applies to what is there.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from collections.abc import Generator, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any

from app.core.errors import FieldError
from app.prospects.imports.archive import check_xlsx

Cell = str | int | float | Decimal | bool | date | datetime | time | None
Row = tuple[int, Sequence[Cell]]

CSV, XLSX = "csv", "xlsx"
MAX_COLUMNS = 200
MAX_LINE_CHARS = 2 * 1024 * 1024
MAX_BLANK_ROWS = 100_000
_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # legacy .xls (and other OLE documents)
_QUOTED = re.compile(r'"[^"]*"')
_CHUNK = 1 << 20


def file_error(message: str) -> FieldError:
    return FieldError("file", message, location="body")


@dataclass
class Table:
    """A readable file: its header and a one-pass iterator over its non-blank data rows."""

    file_format: str
    header: list[str]
    header_row: int
    rows: Iterator[Row]
    details: dict[str, Any] = field(default_factory=dict)
    # Upper bound of the data rows (CSV lines, XLSX dimension) when known, else None.
    declared_rows: int | None = None


@dataclass(frozen=True)
class Probe:
    """What the upload route learns before accepting a file."""

    file_format: str
    header: list[str]
    row_count: int
    details: dict[str, Any]


def detect_format(filename: str, content: bytes) -> str:
    """``xlsx`` for a ZIP container, ``csv`` for text; other spreadsheets are refused."""
    name = filename.lower()
    if not content or content.isspace():
        raise file_error("Le fichier est vide.")
    if content.startswith(_ZIP_MAGIC):
        return XLSX
    if content.startswith(_OLE_MAGIC) or name.endswith(".xls"):
        raise file_error(
            "Format Excel 97-2003 (.xls) non pris en charge : enregistrez le classeur en "
            ".xlsx ou en CSV."
        )
    if name.endswith((".xlsx", ".xlsm")):
        raise file_error(
            "Ce fichier porte l'extension .xlsx mais n'est pas un classeur Excel lisible."
        )
    return CSV


def open_table(content: bytes, file_format: str) -> Table:
    return _open_xlsx(content) if file_format == XLSX else _open_csv(content)


def probe(filename: str, content: bytes, max_rows: int) -> Probe:
    """Check that the file is readable, has a header and 1 to ``max_rows`` data rows."""
    file_format = detect_format(filename, content)
    table = open_table(content, file_format)
    close = getattr(table.rows, "close", None)
    try:
        if table.declared_rows is not None and table.declared_rows <= max_rows:
            # Few enough rows by the file's own account: only make sure there is one. The
            # count is an upper bound until the dry-run has read every row.
            count = max(1, table.declared_rows) if next(table.rows, None) is not None else 0
        else:
            count = 0
            for _ in table.rows:
                count += 1
                if count > max_rows:
                    raise file_error(too_many_rows(max_rows))
    finally:
        if close is not None:
            close()
    if count == 0:
        raise file_error("Le fichier ne contient que l'en-tête : aucune ligne de données.")
    return Probe(file_format, table.header, count, table.details)


def too_many_rows(max_rows: int) -> str:
    return f"Fichier trop long : {max_rows} lignes de données au plus par import."


def _header(cells: Sequence[Cell]) -> list[str]:
    """Column names: stripped, unnamed ones numbered, repeated ones suffixed.

    The column limit is checked first, on the cells up to the last named one (trailing
    empty cells are a trailing separator); repeated names are then found in a set."""
    width = len(cells)
    while width and not _plain(cells[width - 1]):
        width -= 1
    if width > MAX_COLUMNS:
        raise file_error(f"Trop de colonnes : {MAX_COLUMNS} au plus (le fichier en a {width}).")
    names: list[str] = []
    seen: set[str] = set()
    for index, cell in enumerate(cells[:width], start=1):
        base = name = _plain(cell) or f"Colonne {index}"
        repeat = 1
        while name in seen:
            repeat += 1
            name = f"{base} ({repeat})"
        names.append(name)
        seen.add(name)
    return names


def _plain(cell: Cell) -> str:
    if cell is None:
        return ""
    return str(cell).strip()


def _blank(cells: Sequence[Cell]) -> bool:
    return all(c is None or (isinstance(c, str) and not c.strip()) for c in cells)


class _BlankRows:
    """Counts the blank rows skipped; refuses the file past ``MAX_BLANK_ROWS`` of them."""

    def __init__(self) -> None:
        self.count = 0

    def skip(self) -> None:
        self.count += 1
        if self.count > MAX_BLANK_ROWS:
            raise file_error(
                f"Trop de lignes vides : plus de {MAX_BLANK_ROWS}. Supprimez les lignes vides "
                "(souvent en fin de fichier) puis envoyez-le de nouveau."
            )


# ------------------------------------------------------------------ CSV


def detect_encoding(content: bytes) -> tuple[str, str]:
    """The codec the file decodes with — UTF-8 (with or without BOM), else Windows-1252 —
    and its label. Checked chunk by chunk: no copy of the whole text is made."""
    if content.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise file_error(
            "Encodage UTF-16 non pris en charge : enregistrez le fichier en « CSV UTF-8 »."
        )
    view = memoryview(content)
    for codec, label in (("utf-8-sig", "utf-8"), ("cp1252", "windows-1252")):
        decoder = codecs.getincrementaldecoder(codec)()
        binary = False
        try:
            for start in range(0, len(content), _CHUNK):
                end = start + _CHUNK
                if "\x00" in decoder.decode(view[start:end], final=end >= len(content)):
                    binary = True
                    break
        except UnicodeDecodeError:
            continue
        if binary:
            break
        if content.startswith(codecs.BOM_UTF8):
            label = "utf-8 (BOM)"
        return codec, label
    raise file_error(
        "Encodage du fichier non reconnu : ce n'est pas un texte UTF-8 ni Windows-1252. "
        "Enregistrez-le en « CSV UTF-8 » ou en classeur .xlsx."
    )


def _text_stream(content: bytes, codec: str) -> Iterator[str]:
    """The lines, decoded as they are read (``newline=""``: the csv module sees the line ends);
    a line longer than ``MAX_LINE_CHARS`` is refused before anything splits it."""
    for line in io.TextIOWrapper(io.BytesIO(content), encoding=codec, newline=""):
        if len(line) > MAX_LINE_CHARS:
            raise file_error(
                f"Ligne trop longue : {MAX_LINE_CHARS} caractères au plus par ligne du fichier."
            )
        yield line


def sniff_delimiter(line: str) -> str:
    """The separator of the header line: the most frequent of ``;``, ``,`` and tab."""
    bare = _QUOTED.sub("", line)
    counts = {d: bare.count(d) for d in (";", ",", "\t")}
    best = max(counts, key=lambda d: (counts[d], d == ","))
    return best if counts[best] else ","


def _open_csv(content: bytes) -> Table:
    codec, encoding = detect_encoding(content)
    first_line = next((line for line in _text_stream(content, codec) if line.strip()), "")
    if not first_line:
        raise file_error("Le fichier est vide.")
    delimiter = sniff_delimiter(first_line)
    reader = csv.reader(_text_stream(content, codec), delimiter=delimiter)
    records = enumerate(reader, start=1)
    blanks = _BlankRows()
    try:
        for number, record in records:
            if not _blank(record):
                header_row, header = number, _header(record)
                break
            blanks.skip()
        else:
            raise file_error("Le fichier est vide.")
    except csv.Error as exc:
        raise file_error(f"CSV illisible : {exc}.") from exc
    # An upper bound of the data rows (lines after the header), cheap to count: the probe
    # reads every record only when it exceeds the limit.
    lines = max(content.count(b"\n"), content.count(b"\r")) + (content[-1:] not in b"\r\n")
    return Table(
        CSV,
        header,
        header_row,
        _csv_rows(records, len(header), blanks),
        {"encoding": encoding, "delimiter": delimiter},
        declared_rows=max(0, lines - header_row),
    )


def _csv_rows(
    records: Iterator[tuple[int, list[str]]], width: int, blanks: _BlankRows
) -> Iterator[Row]:
    number = 0
    try:
        for number, record in records:
            # Cells beyond the header are dropped: only the header's columns make a row.
            if not (record and record[0].strip()) and _blank(record[:width]):
                blanks.skip()
                continue
            if len(record) < width:
                record = record + [""] * (width - len(record))
            yield number, record[:width]
    except csv.Error as exc:
        raise file_error(f"CSV illisible après la ligne {number} : {exc}.") from exc


# ------------------------------------------------------------------ XLSX


def _open_xlsx(content: bytes) -> Table:
    from openpyxl import load_workbook

    check_xlsx(content)
    try:
        workbook = load_workbook(
            io.BytesIO(content), read_only=True, data_only=True, keep_links=False
        )
    except Exception as exc:  # zipfile, XML and openpyxl errors: all mean a broken file
        raise file_error("Classeur Excel illisible : le fichier .xlsx est endommagé.") from exc
    if not workbook.worksheets:
        workbook.close()
        raise file_error("Le classeur ne contient aucune feuille.")
    sheet = workbook.worksheets[0]
    # The sheet's declared dimension (``<dimension ref="A1:B3"/>``) is the file's own claim:
    # it serves as an estimate of the row count, never as a limit on what is read.
    max_row = sheet.max_row if isinstance(sheet.max_row, int) else None
    if hasattr(sheet, "reset_dimensions"):
        sheet.reset_dimensions()
    rows = _guarded(enumerate(sheet.iter_rows(values_only=True), start=1), workbook)
    blanks = _BlankRows()
    try:
        for number, cells in rows:
            if not _blank(cells):
                header_row, header = number, _header(cells)
                break
            blanks.skip()
        else:
            raise file_error("Le classeur est vide (première feuille).")
    except BaseException:
        rows.close()
        raise
    declared = max_row - header_row if max_row is not None and max_row > header_row else None
    return Table(
        XLSX,
        header,
        header_row,
        _xlsx_rows(rows, len(header), blanks),
        {"sheet": sheet.title},
        declared_rows=declared,
    )


def _guarded(
    rows: Iterator[tuple[int, tuple[Any, ...]]], workbook: Any
) -> Generator[tuple[int, tuple[Any, ...]], None, None]:
    """Rows of the sheet; a broken file mid-way is a 422, and the workbook is closed."""
    number = 0
    try:
        for number, cells in rows:
            yield number, cells
    except FieldError:
        raise
    except Exception as exc:
        raise file_error(
            f"Classeur Excel illisible après la ligne {number} : le fichier est endommagé."
        ) from exc
    finally:
        workbook.close()


def _xlsx_rows(
    rows: Iterator[tuple[int, tuple[Any, ...]]], width: int, blanks: _BlankRows
) -> Iterator[Row]:
    try:
        for number, cells in rows:
            if _blank(cells[:width]):
                blanks.skip()
                continue
            values = list(cells[:width])
            if len(values) < width:
                values += [None] * (width - len(values))
            yield number, values
    finally:
        close = getattr(rows, "close", None)
        if close is not None:
            close()
