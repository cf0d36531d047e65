"""The commit's writes, one batch at a time, inside the caller's single transaction.

New prospects (and their first status, contact and consents) go in with bulk inserts at the
driver's level (``app.core.bulk.insert_many``; ids as ``_insert`` says); the few rows that
update an existing record (policy ``update``) load those records in one query per batch and
go through the ORM, so the version bumps and ``check_prospect`` / ``refresh_derived`` apply
exactly as in the API.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, cast

from sqlalchemy import Table, func, select, text
from sqlalchemy.orm import Session

from app.common.text import fold
from app.config import Settings
from app.core.bulk import insert_many
from app.geocoding.service import locate_rows
from app.models import (
    ConsentMethod,
    ConsentPurpose,
    ConsentRecord,
    Contact,
    DecisionPower,
    LawfulBasis,
    Prospect,
    ProspectSource,
    ProspectStatus,
    ProspectStatusChange,
)
from app.prospects.imports.duplicates import Ref
from app.prospects.imports.loading import bulk_loading
from app.prospects.imports.pipeline import Action, Planned
from app.prospects.imports.rows import PROSPECT_FIELDS, ContactDraft, Scratch
from app.prospects.service import check_prospect, refresh_derived

PROSPECTS = cast(Table, Prospect.__table__)
CONTACTS = cast(Table, Contact.__table__)
STATUS_CHANGES = cast(Table, ProspectStatusChange.__table__)
CONSENTS = cast(Table, ConsentRecord.__table__)

# What an update may change: the fields of the API's ProspectUpdate (not kind nor status,
# which have their own rules).
UPDATABLE = PROSPECT_FIELDS - {"kind", "status"}


class Writer:
    def __init__(
        self,
        session: Session,
        settings: Settings,
        *,
        owner_id: int,
        job_id: int,
        filename: str,
        now: datetime,
    ) -> None:
        self.session = session
        self.settings = settings
        self.owner_id = owner_id
        self.job_id = job_id
        self.text_version = f"import {filename}"[:100]
        self.now = now
        self.row_ids: dict[int, int] = {}  # file row → id of the prospect it created
        self.created = 0
        self.updated = 0
        self.skipped = 0
        self.contacts = 0
        self.consents = 0
        self._scratch = Scratch()  # refresh_derived's input, reused for every new row

    def resolve(self, ref: Ref) -> int:
        return ref.prospect_id if ref.prospect_id is not None else self.row_ids[cast(int, ref.row)]

    def write(self, batch: list[Planned]) -> None:
        creates = [p for p in batch if p.action is Action.CREATE]
        updates = [p for p in batch if p.action is Action.UPDATE]
        self.skipped += sum(1 for p in batch if p.action is Action.SKIP)
        if creates:
            self._create(creates)
        if updates:
            self._update(updates)
        self._contacts_and_consents(
            [p for p in creates + updates if p.row.contact or p.row.consents]
        )

    # ------------------------------------------------------------------ creates

    def _new_prospect(self, values: dict[str, Any]) -> dict[str, Any]:
        """Every column an import sets (the RGPD facts and dates it leaves empty are NULL)."""
        scratch = self._scratch
        scratch.name = values["name"]
        scratch.city = values.get("city")
        scratch.sector = values.get("sector")
        scratch.siret = values.get("siret")
        scratch.potential = values.get("potential")
        refresh_derived(scratch.as_prospect(), self.settings)
        status = values.get("status", ProspectStatus.SUSPECT)
        return {
            "owner_id": self.owner_id,
            "kind": values["kind"],
            "name": values["name"],
            "siren": values.get("siren"),
            "siret": values.get("siret"),
            "naf_code": values.get("naf_code"),
            "sector": values.get("sector"),
            "sector_key": scratch.sector_key,
            "size_band": values.get("size_band"),
            "address": values.get("address"),
            "postcode": values.get("postcode"),
            "city": values.get("city"),
            "latitude": values.get("latitude"),
            "longitude": values.get("longitude"),
            "website": values.get("website"),
            "phone": values.get("phone"),
            "email": values.get("email"),
            "status": status,
            "source": values.get("source", ProspectSource.IMPORT),
            "potential": values.get("potential"),
            "priority": scratch.priority,
            "tags": values.get("tags", []),
            "next_contact_on": values.get("next_contact_on"),
            "search_text": scratch.search_text,
            "ongoing_contract": False,
            "customer_since": self.now.date() if status is ProspectStatus.CUSTOMER else None,
            "created_at": self.now,
            "updated_at": self.now,
            "version": 1,
        }

    def _insert(self, table: Table, rows: list[dict[str, Any]]) -> list[int]:
        """Bulk insert (one executemany); the new ids in the order of ``rows``.

        ``INSERT … RETURNING`` with the ids matched to the parameters costs a statement per
        row on SQLite and a huge multi-VALUES statement for psycopg to parse on PostgreSQL;
        instead:
        - PostgreSQL: the ids are taken from the table's sequence first, then inserted;
        - SQLite: the ids above the previous maximum are read back — the rows just written,
          since SQLite lets one writer hold the database and numbers new rows upwards
          (checked).
        """
        if self.session.get_bind().dialect.name == "postgresql":
            ids = list(
                self.session.scalars(
                    text(
                        "SELECT nextval(pg_get_serial_sequence(:table, 'id')) "
                        "FROM generate_series(1, :n)"
                    ),
                    {"table": table.name, "n": len(rows)},
                )
            )
            for row, new_id in zip(rows, ids, strict=True):
                row["id"] = new_id
            insert_many(self.session, table, rows)
            return ids
        before = self.session.scalar(select(func.coalesce(func.max(table.c.id), 0)))
        insert_many(self.session, table, rows)
        ids = list(
            self.session.scalars(select(table.c.id).where(table.c.id > before).order_by(table.c.id))
        )
        if len(ids) != len(rows):  # pragma: no cover - would mean a concurrent writer
            raise RuntimeError(f"{table.name}: {len(ids)} ids read back for {len(rows)} rows")
        return ids

    def _create(self, creates: list[Planned]) -> None:
        rows = [self._new_prospect(p.row.values) for p in creates]
        # Geocoding (app/geocoding): positions from the addresses, in memory.
        locate_rows(rows, self.settings, self.now)
        with bulk_loading(self.session, self.owner_id) as indexed:
            ids = self._insert(PROSPECTS, rows)
            indexed.append((min(ids), max(ids)))
        for planned, new_id in zip(creates, ids, strict=True):
            self.row_ids[planned.row.row] = new_id
        insert_many(
            self.session,
            STATUS_CHANGES,
            [
                {
                    "owner_id": self.owner_id,
                    "prospect_id": new_id,
                    "from_status": None,
                    "to_status": row["status"],
                    "reason": None,
                    "changed_by": self.owner_id,
                    "changed_at": self.now,
                }
                for row, new_id in zip(rows, ids, strict=True)
            ],
        )
        self.created += len(creates)

    # ------------------------------------------------------------------ updates

    def _update(self, updates: list[Planned]) -> None:
        ids = {self.resolve(cast(Ref, p.target)) for p in updates}
        records = {
            p.id: p for p in self.session.scalars(select(Prospect).where(Prospect.id.in_(ids)))
        }
        for planned in updates:
            record = records[self.resolve(cast(Ref, planned.target))]
            for name, value in planned.row.values.items():
                if name in UPDATABLE:
                    setattr(record, name, value)
            check_prospect(record)
            refresh_derived(record, self.settings)
        self.session.flush()  # the ORM bumps each record's version
        self.updated += len(updates)

    # ------------------------------------------------------------------ contacts and consents

    def _contacts_and_consents(self, planned: list[Planned]) -> None:
        if not planned:
            return
        targets = {
            p.row.row: self.resolve(p.target) if p.action is Action.UPDATE and p.target
            else self.row_ids[p.row.row]
            for p in planned
        }  # fmt: skip
        existing = self._existing_contacts(
            [targets[p.row.row] for p in planned if p.action is Action.UPDATE and p.row.contact]
        )
        contact_ids: dict[int, int] = {}
        new_contacts: list[tuple[int, dict[str, Any]]] = []
        same_as: dict[int, int] = {}  # row → earlier row of the batch naming the same person
        first_row: dict[tuple[int, str], int] = {}
        for p in planned:
            draft = p.row.contact
            if draft is None:
                continue
            key = (targets[p.row.row], _person_key(draft))
            if key in existing:
                contact_ids[p.row.row] = existing[key]
            elif key in first_row:
                same_as[p.row.row] = first_row[key]
            else:
                first_row[key] = p.row.row
                new_contacts.append((p.row.row, self._new_contact(key[0], draft)))
        if new_contacts:
            ids = self._insert(CONTACTS, [row for _, row in new_contacts])
            for (number, _), new_id in zip(new_contacts, ids, strict=True):
                contact_ids[number] = new_id
            self.contacts += len(ids)
        for number, earlier in same_as.items():
            contact_ids[number] = contact_ids[earlier]
        consents = [
            {
                "owner_id": self.owner_id,
                "prospect_id": targets[p.row.row],
                "contact_id": contact_ids[p.row.row] if consent.on_contact else None,
                "purpose": ConsentPurpose.PROSPECTING,
                "channel": consent.channel,
                "status": consent.status,
                "lawful_basis": LawfulBasis.CONSENT,
                "given_at": consent.given_at,
                "method": ConsentMethod.IMPORT,
                "text_version": self.text_version,
                "proof_reference": f"import n° {self.job_id}, ligne {p.row.row}",
                "recorded_by": self.owner_id,
                "created_at": self.now,
            }
            for p in planned
            for consent in p.row.consents
        ]
        if consents:
            insert_many(self.session, CONSENTS, consents)
            self.consents += len(consents)

    def _existing_contacts(self, prospect_ids: list[int]) -> dict[tuple[int, str], int]:
        """The contacts the updated records already have, by person (one query)."""
        if not prospect_ids:
            return {}
        found: dict[tuple[int, str], int] = {}
        rows = self.session.execute(
            select(Contact.id, Contact.prospect_id, Contact.last_name, Contact.first_name).where(
                Contact.prospect_id.in_(set(prospect_ids)), Contact.anonymised_at.is_(None)
            )
        )
        for row in rows:
            key = fold(f"{row.first_name} {row.last_name}")
            found.setdefault((row.prospect_id, key), row.id)
        return found

    def _new_contact(self, prospect_id: int, draft: ContactDraft) -> dict[str, Any]:
        return {
            "owner_id": self.owner_id,
            "prospect_id": prospect_id,
            "first_name": draft.first_name,
            "last_name": draft.last_name,
            "job_title": draft.job_title,
            "decision_power": DecisionPower.NONE,
            "phone": draft.phone,
            "email": draft.email,
            "preferred_channel": None,
            "created_at": self.now,
            "updated_at": self.now,
            "version": 1,
        }


def _person_key(draft: ContactDraft) -> str:
    return fold(f"{draft.first_name} {draft.last_name}")
