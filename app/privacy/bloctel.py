"""Bloctel: apply an opposition list (one number per line) to a trainee's B2C prospects.

Numbers are normalised to E.164 and kept only as keyed digests (HMAC-SHA256): the list can be
matched again without storing anybody's number in clear.
"""

from __future__ import annotations

import hashlib
import hmac
from datetime import date

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from app.config import Settings
from app.core.errors import FieldError
from app.core.principal import Principal
from app.models import BloctelCheck, BloctelNumber, Prospect, ProspectKind
from app.prospects import validation as v

MAX_LINES = 500_000


def digest(phone_e164: str, settings: Settings) -> str:
    key = hashlib.sha256(("bloctel:" + settings.jwt_secret()).encode()).digest()
    return hmac.new(key, phone_e164.encode(), hashlib.sha256).hexdigest()


def decode_list(content: bytes) -> list[str]:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = content.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:  # pragma: no cover - cp1252 decodes nearly anything; the guard is for the rest
        raise FieldError("file", "Encodage du fichier non reconnu (UTF-8 ou Windows-1252).")
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if len(lines) > MAX_LINES:
        raise FieldError("file", f"Liste trop longue : {MAX_LINES} numéros au plus.")
    return lines


def apply_list(
    session: Session,
    principal: Principal,
    settings: Settings,
    content: bytes,
    checked_on: date,
) -> BloctelCheck:
    """Record the list (digests) and set the flag and check date on every B2C prospect."""
    lines = decode_list(content)
    if not lines:
        raise FieldError("file", "Le fichier est vide : un numéro par ligne attendu.")
    digests: set[str] = set()
    invalid = 0
    for line in lines:
        try:
            digests.add(digest(v.phone(line, settings.default_phone_region), settings))
        except ValueError:
            invalid += 1
    check = BloctelCheck(
        owner_id=principal.user_id,
        checked_on=checked_on,
        numbers_in_list=len(digests),
        invalid_lines=invalid,
        prospects_checked=0,
        prospects_opposed=0,
    )
    session.add(check)
    session.flush()
    if digests:
        session.execute(
            insert(BloctelNumber),
            [{"check_id": check.id, "phone_digest": d} for d in digests],
        )
    opposed_ids = []
    checked = 0
    rows = session.execute(
        select(Prospect.id, Prospect.phone).where(
            Prospect.owner_id == principal.user_id,
            Prospect.kind == ProspectKind.INDIVIDUAL,
            Prospect.phone.is_not(None),
            Prospect.anonymised_at.is_(None),
        )
    )
    for pid, phone in rows:
        checked += 1
        if phone and digest(phone, settings) in digests:
            opposed_ids.append(pid)
    base = update(Prospect).where(
        Prospect.owner_id == principal.user_id,
        Prospect.kind == ProspectKind.INDIVIDUAL,
        Prospect.phone.is_not(None),
        Prospect.anonymised_at.is_(None),
    )
    options = {"synchronize_session": "fetch"}
    session.execute(
        base.values(bloctel_opposed=False, bloctel_checked_on=checked_on), execution_options=options
    )
    for start in range(0, len(opposed_ids), 500):
        session.execute(
            update(Prospect)
            .where(Prospect.id.in_(opposed_ids[start : start + 500]))
            .values(bloctel_opposed=True),
            execution_options=options,
        )
    check.prospects_checked = checked
    check.prospects_opposed = len(opposed_ids)
    session.flush()
    return check
