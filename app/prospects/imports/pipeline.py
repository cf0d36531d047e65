"""Parse, validate, find duplicates and decide each row's fate, batch by batch.

The dry-run and the commit run the same pipeline (the commit against the file as it is when
it is written, in its transaction), so what the report announced is what gets written.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import false
from sqlalchemy.orm import Session

from app.core.principal import Principal
from app.models import DuplicatePolicy, Prospect, ProspectKind
from app.prospects.imports.duplicates import DuplicateIndex, Keys, Ref
from app.prospects.imports.parsing import Table, file_error, too_many_rows
from app.prospects.imports.rows import RowError, RowValidator, ValidRow
from app.prospects.repository import ProspectRepository

BATCH_SIZE = 1000
MAX_REPORTED = 1000  # errors and duplicates listed in the report (the totals are exact)


PRELOADED = (
    Prospect.id, Prospect.kind, Prospect.name, Prospect.siret, Prospect.siren, Prospect.email,
    Prospect.phone, Prospect.postcode,
)  # fmt: skip


class Action(StrEnum):
    CREATE = "create"
    UPDATE = "update"
    SKIP = "skip"


@dataclass(slots=True)
class Planned:
    row: ValidRow
    action: Action
    target: Ref | None = None  # the record an ``update`` goes to


class Pipeline:
    def __init__(
        self,
        *,
        header: list[str],
        mapping: dict[str, str],
        policy: DuplicatePolicy,
        kind_default: ProspectKind | None,
        region: str,
        max_rows: int,
        now: datetime,
    ) -> None:
        self.header = header
        self.policy = policy
        self.max_rows = max_rows
        self.validator = RowValidator(
            header, mapping, kind_default=kind_default, region=region, now=now
        )
        self.index = DuplicateIndex()
        self.processed = 0
        self.valid = 0
        self.error_rows = 0
        self.duplicate_rows = 0
        self.planned = dict.fromkeys(Action, 0)
        self.errors: list[dict[str, Any]] = []
        self.errors_total = 0
        self.duplicates: list[dict[str, Any]] = []

    def preload(self, session: Session, principal: Principal) -> int:
        """Index the owner's prospects (anonymised ones excepted): one query, few columns."""
        writable = ProspectRepository(session, principal).writable_statement()
        stmt = (
            writable.with_only_columns(*PRELOADED)
            .where(Prospect.anonymised == false())
            .order_by(Prospect.id)
        )
        count = 0
        track = self.policy is DuplicatePolicy.UPDATE
        for row in session.execute(stmt):
            ref = Ref(prospect_id=row.id)
            self.index.add(Keys.of(row._asdict()), ref)
            if track:
                self.index.note_facts(ref, row.kind, row.siret, row.siren)
            count += 1
        return count

    def batches(self, table: Table) -> Iterator[list[Planned]]:
        """Planned rows, about ``BATCH_SIZE`` processed rows at a time."""
        if table.header != self.header:
            raise file_error("Le fichier a changé depuis son envoi : en-tête différent.")
        batch: list[Planned] = []
        since = 0
        for number, cells in table.rows:
            self.processed += 1
            if self.processed > self.max_rows:
                raise file_error(too_many_rows(self.max_rows))
            planned = self._plan(number, cells)
            if planned is not None:
                batch.append(planned)
            since += 1
            if since >= BATCH_SIZE:
                yield batch
                batch, since = [], 0
        if since:
            yield batch

    def resume(self, dry_run: dict[str, Any]) -> None:
        """Start from the dry-run's refusals (its report): the staged rows are the others."""
        self.error_rows = self.processed = int(dry_run.get("error_rows") or 0)
        self.errors = list(dry_run.get("errors") or [])
        self.errors_total = int(dry_run.get("errors_total") or 0)

    def replan(self, rows: Iterator[Planned]) -> Iterator[list[Planned]]:
        """The commit's batches from the dry-run's planned rows (``staging``): duplicates
        are decided afresh against the file as it is now; nothing is parsed or validated."""
        batch: list[Planned] = []
        for staged in rows:
            self.processed += 1
            planned = self._place(staged.row)
            if planned is not None:
                batch.append(planned)
            if len(batch) >= BATCH_SIZE:
                yield batch
                batch = []
        if batch:
            yield batch

    def replay(self, dry_run: dict[str, Any], rows: Iterator[Planned]) -> Iterator[list[Planned]]:
        """The commit's batches when the file has not moved since the dry-run: its decisions
        and its report, as they were (no preload, no duplicate search)."""
        self.resume(dry_run)
        self.processed = int(dry_run.get("rows") or 0)
        self.valid = int(dry_run.get("valid_rows") or 0)
        self.duplicate_rows = int(dry_run.get("duplicate_rows") or 0)
        planned = dry_run.get("planned") or {}
        self.planned = {action: int(planned.get(action.value) or 0) for action in Action}
        self.duplicates = list(dry_run.get("duplicates") or [])
        self.index.capped = int(dry_run.get("name_comparisons_capped") or 0)
        batch: list[Planned] = []
        for staged in rows:
            batch.append(staged)
            if len(batch) >= BATCH_SIZE:
                yield batch
                batch = []
        if batch:
            yield batch

    def _plan(self, number: int, cells: Any) -> Planned | None:
        row, errors = self.validator.validate(number, cells)
        if row is None:
            self._refuse(errors)
            return None
        return self._place(row)

    def _place(self, row: ValidRow) -> Planned | None:
        """Create, update or skip a valid row, by the duplicates it has."""
        number = row.row
        keys = Keys.of(row.values)
        match = self.index.find(keys)
        if match is None:
            ref = Ref(row=number)
            self.index.add(keys, ref)
            if self.policy is DuplicatePolicy.UPDATE:
                self.index.note_facts(
                    ref, row.kind, row.values.get("siret"), row.values.get("siren")
                )
            return self._accept(row, Action.CREATE)
        target, on = match
        if self.policy is DuplicatePolicy.UPDATE:
            facts = self.index.facts.get(target)
            if facts is not None:
                conflict = self.validator.check_merge(row, facts)
                if conflict is not None:
                    self._refuse([conflict])
                    return None
                facts.siret = row.values.get("siret") or facts.siret
                facts.siren = row.values.get("siren") or facts.siren
        self.duplicate_rows += 1
        if len(self.duplicates) < MAX_REPORTED:
            self.duplicates.append({"row": number, **target.as_dict(), "on": on})
        if self.policy is DuplicatePolicy.CREATE:
            ref = Ref(row=number)
            self.index.add(keys, ref)
            return self._accept(row, Action.CREATE)
        self.index.add(keys, target)  # its other keys now lead to the same record
        if self.policy is DuplicatePolicy.UPDATE:
            return self._accept(row, Action.UPDATE, target)
        return self._accept(row, Action.SKIP, target)

    def _accept(self, row: ValidRow, action: Action, target: Ref | None = None) -> Planned:
        self.valid += 1
        self.planned[action] += 1
        return Planned(row, action, target)

    def _refuse(self, errors: list[RowError]) -> None:
        self.error_rows += 1
        self.errors_total += len(errors)
        room = MAX_REPORTED - len(self.errors)
        if room > 0:
            self.errors.extend(e.as_dict() for e in errors[:room])

    def report(self) -> dict[str, Any]:
        """Counts and reasons, without any cell value (row numbers, columns, ids only)."""
        return {
            "rows": self.processed,
            "valid_rows": self.valid,
            "error_rows": self.error_rows,
            "duplicate_rows": self.duplicate_rows,
            "planned": {action.value: n for action, n in self.planned.items()},
            "errors": self.errors,
            "errors_total": self.errors_total,
            "errors_truncated": self.errors_total > len(self.errors),
            "duplicates": self.duplicates,
            "duplicates_total": self.duplicate_rows,
            "duplicates_truncated": self.duplicate_rows > len(self.duplicates),
            "name_comparisons_capped": self.index.capped,
        }
