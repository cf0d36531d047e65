"""One row of the file → normalised values, or the reasons it is refused.

The rules are the API's: each identifier goes through ``app.prospects.validation`` (SIRET,
SIREN, NAF, phone in E.164, e-mail, postcode, website), lengths are the columns' lengths,
the cross-field rules are ``service.check_prospect`` itself (applied to one reused
``Scratch``, not one ORM object per row), and a prospect is created suspect, prospect,
qualified or customer. Reasons are French and never quote the cell: the report holds no
personal data.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import Any, cast

from app.core.errors import FieldError
from app.models import (
    ConsentChannel,
    ConsentStatus,
    Prospect,
    ProspectKind,
)
from app.prospects.imports.cells import (
    CONSENT_CHANNELS,
    FORMULA_TRIGGERS,
    converters,
)
from app.prospects.imports.duplicates import TargetFacts
from app.prospects.imports.mapping import CONTACT_FIELDS
from app.prospects.imports.parsing import Cell
from app.prospects.service import check_prospect

# ------------------------------------------------------------------ results


@dataclass(slots=True)
class RowError:
    row: int
    column: str | None
    field: str
    reason: str

    def as_dict(self) -> dict[str, Any]:
        return {"row": self.row, "column": self.column, "field": self.field, "reason": self.reason}


@dataclass(slots=True)
class ContactDraft:
    last_name: str
    first_name: str = ""
    job_title: str | None = None
    phone: str | None = None
    email: str | None = None


@dataclass(slots=True)
class ConsentDraft:
    channel: ConsentChannel
    status: ConsentStatus
    on_contact: bool
    given_at: datetime


@dataclass(slots=True)
class ValidRow:
    """A row that passed: the prospect fields it fills (empty cells absent), its contact and
    its consents."""

    row: int
    values: dict[str, Any]
    contact: ContactDraft | None = None
    consents: list[ConsentDraft] = field(default_factory=list)

    @property
    def kind(self) -> ProspectKind:
        kind: ProspectKind = self.values["kind"]
        return kind


@dataclass(slots=True)
class Scratch:
    """The attributes ``service.check_prospect`` and ``service.refresh_derived`` read and
    write, on a plain object: the API's rules run unchanged on every row without the ORM's
    attribute instrumentation (an ORM object costs ~10 µs more per rule and per row)."""

    kind: ProspectKind | None = None
    name: str = ""
    city: str | None = None
    sector: str | None = None
    sector_key: str | None = None
    siret: str | None = None
    siren: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    potential: Decimal | None = None
    priority: Any = None
    search_text: str = ""

    def as_prospect(self) -> Prospect:
        return cast(Prospect, self)


# The fields check_prospect reads besides the kind (without them it has nothing to say).
_CROSS_FIELDS = frozenset({"siret", "siren", "latitude", "longitude"})
# Fields the cross-field rules report on, and the columns to blame when theirs is absent.
_BLAME = {"siret": ("siret", "siren"), "longitude": ("longitude", "latitude")}
PROSPECT_FIELDS = frozenset(
    ["name", "kind", "siret", "siren", "naf_code", "sector", "size_band", "address",
     "postcode", "city", "latitude", "longitude", "website", "phone", "email", "status",
     "source", "potential", "tags", "next_contact_on"]
)  # fmt: skip


class RowValidator:
    """Validates the rows of one file, given its header and mapping."""

    def __init__(
        self,
        header: Sequence[str],
        mapping: Mapping[str, str | None],
        *,
        kind_default: ProspectKind | None,
        region: str,
        now: datetime,
    ) -> None:
        convert = converters(region)
        self.columns: list[tuple[int, str, str, Callable[[Cell], Any], bool]] = [
            (index, column, target, convert[target], target in PROSPECT_FIELDS)
            for index, column in enumerate(header)
            if (target := mapping.get(column))
        ]
        self.column_of: dict[str, str] = {c[2]: c[1] for c in self.columns}
        self.kind_default = kind_default
        self.now = now
        self._scratch = Scratch()

    def blame(self, target: str) -> str | None:
        for candidate in _BLAME.get(target, (target,)):
            if candidate in self.column_of:
                return self.column_of[candidate]
        return None

    def validate(
        self, number: int, cells: Sequence[Cell]
    ) -> tuple[ValidRow | None, list[RowError]]:
        values: dict[str, Any] = {}  # prospect fields
        others: dict[str, Any] = {}  # contact and consent fields
        errors: list[RowError] = []
        for index, column, target, convert, is_prospect in self.columns:
            cell = cells[index]
            if cell.__class__ is str:  # stripped; the quote an export adds before =+-@ removed
                cell = cell.strip()
                if not cell:
                    continue
                if cell[0] == "'" and len(cell) > 1 and cell[1] in FORMULA_TRIGGERS:
                    cell = cell[1:]
            elif cell is None:
                continue
            try:
                (values if is_prospect else others)[target] = convert(cell)
            except ValueError as exc:
                errors.append(RowError(number, column, target, str(exc)))
        failed = {e.field for e in errors} if errors else set()

        if "kind" not in values and "kind" not in failed:
            if self.kind_default is None:
                errors.append(
                    RowError(
                        number,
                        self.blame("kind"),
                        "kind",
                        "Type obligatoire : entreprise ou particulier.",
                    )
                )
            else:
                values["kind"] = self.kind_default
        if "name" not in values and "name" not in failed:
            errors.append(RowError(number, self.blame("name"), "name", "Le nom est obligatoire."))
        kind: ProspectKind | None = values.get("kind")
        if (
            kind is not None
            and not _CROSS_FIELDS.isdisjoint(values)
            and failed.isdisjoint(_CROSS_FIELDS)
        ):
            self._cross_fields(number, values, kind, errors)

        contact = self._contact(number, others, kind, errors) if others else None
        consents = self._consents(number, others, kind, contact, errors) if others else []
        if errors:
            return None, errors
        return ValidRow(number, values, contact, consents), []

    def check_merge(self, row: ValidRow, facts: TargetFacts) -> RowError | None:
        """Policy ``update``: the row's fields over the record's must still be coherent."""
        if row.kind is not facts.kind:
            return RowError(
                row.row,
                self.blame("kind"),
                "kind",
                "Doublon d'une fiche d'un autre type (entreprise / particulier) : "
                "mise à jour impossible.",
            )
        scratch = self._scratch
        scratch.kind = facts.kind
        scratch.siret = row.values.get("siret") or facts.siret
        scratch.siren = row.values.get("siren") or facts.siren
        scratch.latitude = scratch.longitude = None
        try:
            check_prospect(scratch.as_prospect())
        except FieldError as exc:
            target = str(exc.extra["errors"][0]["field"])
            return RowError(
                row.row,
                self.blame(target),
                target,
                f"Mise à jour du doublon impossible : {exc.detail}",
            )
        return None

    def _cross_fields(
        self, number: int, values: dict[str, Any], kind: ProspectKind, errors: list[RowError]
    ) -> None:
        """``service.check_prospect``: the API's rules across fields."""
        scratch = self._scratch
        scratch.kind = kind
        scratch.siret = values.get("siret")
        scratch.siren = values.get("siren")
        scratch.latitude = values.get("latitude")
        scratch.longitude = values.get("longitude")
        try:
            check_prospect(scratch.as_prospect())
        except FieldError as exc:
            target = str(exc.extra["errors"][0]["field"])
            errors.append(RowError(number, self.blame(target), target, exc.detail))
            return
        if scratch.siren:
            values["siren"] = scratch.siren

    def _contact(
        self,
        number: int,
        values: dict[str, Any],
        kind: ProspectKind | None,
        errors: list[RowError],
    ) -> ContactDraft | None:
        given = [f for f in CONTACT_FIELDS if f in values]
        if not given:
            return None
        if kind is ProspectKind.INDIVIDUAL:
            errors.append(
                RowError(
                    number,
                    self.blame(given[0]),
                    given[0],
                    "Un particulier n'a pas de contacts : ses coordonnées sont sur sa fiche.",
                )
            )
            return None
        if "contact_last_name" not in values:
            errors.append(
                RowError(
                    number,
                    self.blame("contact_last_name") or self.blame(given[0]),
                    "contact_last_name",
                    "Le nom du contact est obligatoire quand une autre colonne "
                    "du contact est remplie.",
                )
            )
            return None
        return ContactDraft(
            last_name=values["contact_last_name"],
            first_name=values.get("contact_first_name") or "",
            job_title=values.get("contact_job_title"),
            phone=values.get("contact_phone"),
            email=values.get("contact_email"),
        )

    def _consents(
        self,
        number: int,
        values: dict[str, Any],
        kind: ProspectKind | None,
        contact: ContactDraft | None,
        errors: list[RowError],
    ) -> list[ConsentDraft]:
        given_at: datetime = values.get("consent_date") or self.now
        consents: list[ConsentDraft] = []
        for target, channel in CONSENT_CHANNELS.items():
            status = values.get(target)
            if status is None:
                continue
            if kind is ProspectKind.COMPANY and contact is None and status is ConsentStatus.GRANTED:
                errors.append(
                    RowError(
                        number,
                        self.blame(target),
                        target,
                        "Pour une entreprise, le consentement est celui d'un "
                        "contact : remplissez les colonnes du contact.",
                    )
                )
                continue
            consents.append(
                ConsentDraft(channel, status, on_contact=contact is not None, given_at=given_at)
            )
        if consents and given_at > self.now:
            errors.append(
                RowError(
                    number,
                    self.blame("consent_date"),
                    "consent_date",
                    "La date du consentement est dans le futur.",
                )
            )
        return consents
