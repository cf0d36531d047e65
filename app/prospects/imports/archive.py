"""An XLSX file is a ZIP archive: check it before the spreadsheet library opens it.

A 1.5 MB workbook whose shared strings inflate to 1.5 GB took the server to 6 GB of memory
and a minute of CPU: openpyxl trusts the archive and loads the whole shared-string table
into a Python list. So, before openpyxl reads anything (``check_xlsx``):

1. the central directory is read: at most ``MAX_MEMBERS`` parts, each declaring at most
   ``MAX_PART_BYTES`` once inflated, ``MAX_TOTAL_BYTES`` in all, and — for a part of more
   than ``RATIO_FLOOR`` bytes — at most ``MAX_RATIO`` times its compressed size (what
   spreadsheets write stays far below; ZIP bombs are in the thousands);
2. every part is then inflated as a stream, ``CHUNK`` bytes at a time, counting what really
   comes out: the declared sizes are the archive's own claim, so the caps are checked again
   on the real bytes and the reading stops as soon as one is exceeded (memory stays at one
   chunk);
3. the shared-string table (found by its content type, or by its usual name) is capped in
   bytes (``MAX_SHARED_STRINGS_BYTES``) and in entries (``MAX_SHARED_STRINGS``), counted on
   the stream.

Every refusal is a 422 on the field ``file`` that says which limit was met.
"""

from __future__ import annotations

import io
import re
import zipfile
from xml.etree import ElementTree

from app.core.errors import FieldError

MAX_MEMBERS = 1_000
MAX_PART_BYTES = 256 * 1024 * 1024
MAX_TOTAL_BYTES = 512 * 1024 * 1024
MAX_RATIO = 200
RATIO_FLOOR = 1024 * 1024
MAX_SHARED_STRINGS_BYTES = 64 * 1024 * 1024
MAX_SHARED_STRINGS = 1_000_000
CHUNK = 1024 * 1024

CONTENT_TYPES = "[Content_Types].xml"
SHARED_STRINGS_TYPE = (
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"
)
_CONTENT_TYPES_MAX = 1024 * 1024
# One shared string: <si>, <si …> or a prefixed <x:si>.
_STRING_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?si[\s>/]")
_TAIL = 32  # longer than any match of _STRING_TAG: a tag cut between two chunks is seen once


def _error(message: str) -> FieldError:
    return FieldError("file", message, location="body")


def _mib(n: int) -> str:
    return f"{n // (1024 * 1024)} Mio" if n >= 1024 * 1024 else f"{n} octets"


def _shared_string_parts(archive: zipfile.ZipFile, names: set[str]) -> set[str]:
    """The parts openpyxl would read as the shared-string table."""
    parts = {n for n in names if n.lower().endswith("sharedstrings.xml")}
    if CONTENT_TYPES not in names:
        return parts
    data = _inflate(archive, archive.getinfo(CONTENT_TYPES), _CONTENT_TYPES_MAX)
    try:
        root = ElementTree.fromstring(data)
    except ElementTree.ParseError:
        return parts  # openpyxl refuses the file itself
    for element in root.iter():
        if element.tag.endswith("Override") and element.get("ContentType") == SHARED_STRINGS_TYPE:
            parts.add((element.get("PartName") or "").lstrip("/"))
    return parts


def _inflate(archive: zipfile.ZipFile, info: zipfile.ZipInfo, cap: int) -> bytes:
    """A small part, whole (the content types): refused beyond ``cap`` bytes."""
    with archive.open(info) as stream:
        data = stream.read(cap + 1)
    if len(data) > cap:
        raise _error(f"Classeur refusé : la partie « {info.filename} » est trop volumineuse.")
    return data


def _check_declared(infos: list[zipfile.ZipInfo]) -> None:
    if len(infos) > MAX_MEMBERS:
        raise _error(f"Classeur refusé : plus de {MAX_MEMBERS} parties dans l'archive.")
    total = 0
    for info in infos:
        if info.file_size > MAX_PART_BYTES:
            raise _error(
                f"Classeur refusé : la partie « {info.filename} » décompressée dépasserait "
                f"{_mib(MAX_PART_BYTES)}."
            )
        if info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * info.compress_size:
            raise _error(
                f"Classeur refusé : la partie « {info.filename} » se décompresse plus de "
                f"{MAX_RATIO} fois (archive piégée, « bombe ZIP »)."
            )
        total += info.file_size
    if total > MAX_TOTAL_BYTES:
        raise _error(
            f"Classeur refusé : son contenu décompressé dépasserait {_mib(MAX_TOTAL_BYTES)}."
        )


def _check_real(archive: zipfile.ZipFile, info: zipfile.ZipInfo, shared: bool, total: int) -> int:
    """Inflate one part as a stream; the bytes that really come out, checked as they come."""
    size = strings = 0
    tail = b""
    cap = MAX_SHARED_STRINGS_BYTES if shared else MAX_PART_BYTES
    with archive.open(info) as stream:
        while chunk := stream.read(CHUNK):
            size += len(chunk)
            if size > cap or total + size > MAX_TOTAL_BYTES:
                what = "table des textes partagés" if shared else f"partie « {info.filename} »"
                limit = _mib(cap) if size > cap else _mib(MAX_TOTAL_BYTES)
                raise _error(f"Classeur refusé : {what} décompressée au-delà de {limit}.")
            if size > RATIO_FLOOR and size > MAX_RATIO * max(info.compress_size, 1):
                raise _error(
                    f"Classeur refusé : la partie « {info.filename} » se décompresse plus de "
                    f"{MAX_RATIO} fois (archive piégée, « bombe ZIP »)."
                )
            if shared:
                window = tail + chunk
                strings += sum(1 for m in _STRING_TAG.finditer(window) if m.end() > len(tail))
                tail = window[-_TAIL:]
                if strings > MAX_SHARED_STRINGS:
                    raise _error(f"Classeur refusé : plus de {MAX_SHARED_STRINGS} textes partagés.")
    return size


def check_xlsx(content: bytes) -> None:
    """Refuse an archive whose parts would take more memory or time than a real workbook
    (see the module's docstring); a ZIP that cannot be read is left to openpyxl's own error."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
    except (zipfile.BadZipFile, OSError, ValueError):
        return  # not an archive at all: the reader says the file is damaged
    with archive:
        infos = [i for i in archive.infolist() if not i.is_dir()]
        _check_declared(infos)
        names = {i.filename for i in infos}
        try:
            shared = _shared_string_parts(archive, names)
            total = 0
            for info in infos:
                total += _check_real(archive, info, info.filename in shared, total)
        except FieldError:
            raise
        except Exception as exc:  # zlib, CRC, truncated archive: a damaged file
            raise _error("Classeur Excel illisible : le fichier .xlsx est endommagé.") from exc
