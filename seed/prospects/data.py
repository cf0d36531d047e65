"""The demo prospect files: constants and data files.

The constants fix the demo world: its "today" (``REFERENCE_DATE``, never the wall clock) and
the interaction window before it, the area, the size of a file, the shares of statuses and
sources, the potentials, the appointment slots, and the fictional phone ranges and e-mail
domains (a trainee must never reach a real person from the demo). The data files are in
``seed/data`` (communes with their postcode and coordinates, streets, names, sectors,
offers and territories); each is read once per process.
"""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from pathlib import Path
from typing import Any

from app.models import (
    Channel,
    ConsentChannel,
    Outcome,
    ProspectSource,
    ProspectStatus,
    SizeBand,
)

RANDOM_SEED = 2026
# "Today" of the demo: follow-up dates, overdue calls and appointments are relative to it.
REFERENCE_DATE = date(2026, 11, 23)
# Interactions happen between these two dates (about three and a half months, so that some
# consumer calls fall before the consent regime of 11 August 2026 and most after it).
WINDOW_START = date(2026, 8, 3)
WINDOW_END = REFERENCE_DATE - timedelta(days=1)
# The trainees' last Bloctel check (consumer phone calls before 11 August 2026 needed one).
BLOCTEL_CHECK_DATE = date(2026, 7, 20)
APPOINTMENT_HORIZON_DAYS = 20
# Latitude and longitude bounds of the area (Rhône, Isère, Ain, Loire).
AREA_BOUNDS = (45.0, 46.5, 3.9, 6.1)
JITTER_KM = 1.5
PROSPECTS_PER_TRAINEE = (160, 170)
DATA_DIR = Path(__file__).resolve().parent.parent / "data"

S = ProspectStatus
O = Outcome  # noqa: E741
C = Channel

# Share of each final status in a trainee's file.
STATUS_WEIGHTS = {
    S.SUSPECT: 22,
    S.PROSPECT: 25,
    S.QUALIFIED: 14,
    S.CUSTOMER: 15,
    S.INACTIVE: 10,
    S.LOST: 14,
}
B2B_SOURCES = {
    ProspectSource.IMPORT: 30,
    ProspectSource.CAMPAIGN: 18,
    ProspectSource.EVENT: 10,
    ProspectSource.REFERRAL: 15,
    ProspectSource.SOCIAL: 10,
    ProspectSource.INBOUND: 17,
}
B2C_SOURCES = {
    ProspectSource.INBOUND: 35,
    ProspectSource.EVENT: 20,
    ProspectSource.REFERRAL: 20,
    ProspectSource.CAMPAIGN: 10,
    ProspectSource.SOCIAL: 10,
    ProspectSource.IMPORT: 5,
}
# Annual potential (€ HT) of a company by size, before the offer's factor.
SIZE_POTENTIAL = {
    SizeBand.MICRO: (1_500, 18_000),
    SizeBand.SMALL: (6_000, 60_000),
    SizeBand.MEDIUM: (25_000, 200_000),
    SizeBand.INTERMEDIATE: (80_000, 600_000),
    SizeBand.LARGE: (250_000, 1_500_000),
}
LEGAL_FORM_WEIGHT = 0.45  # share of company names shown with their legal form
SLOTS = ((9, 0), (10, 30), (14, 0), (15, 30), (17, 0))
# Fictional data only: a trainee must never reach a real person from the demo. E-mail domains
# are under the reserved .example TLD (RFC 2606); phone numbers are in the ranges ARCEP keeps
# for fiction (04 65 71 xx xx, 09 77 40 xx xx), which libphonenumber accepts as valid.
MAIL_DOMAINS = (
    "gmail.example", "orange.example", "free.example", "sfr.example", "laposte.example",
    "hotmail.example", "outlook.example", "yahoo.example", "wanadoo.example", "bbox.example",
)  # fmt: skip
SMALL_BUSINESS_DOMAINS = (
    "orange.example", "wanadoo.example", "gmail.example", "free.example", "sfr.example",
)  # fmt: skip
FICTION_LANDLINE = "46571"  # 04 65 71 xx xx (area 04: south-east, like the demo region)
FICTION_PERSONAL = "97740"  # 09 77 40 xx xx (box / VoIP numbers)
FEMININE_TITLES = frozenset(
    "Gérante Assistante Directrice Vendeuse Serveuse Coiffeuse Esthéticienne Préparatrice "
    "Gouvernante Chargée Apprentie Cogérante Présidente Associée Pharmacienne".split()
)
MASCULINE_TITLES = frozenset(
    "Gérant Directeur Président Associé Pharmacien Négociateur Mécanicien Développeur "
    "Conducteur Chargé Cogérant Chef Adjoint Masseur-kinésithérapeute".split()
)
CONSENT_CHANNELS = frozenset(c.value for c in ConsentChannel)


# ------------------------------------------------------------------ data files


@dataclass(frozen=True)
class Commune:
    commune: str
    city: str
    postcode: str
    department: str
    latitude: float
    longitude: float
    weight: int


@cache
def communes() -> tuple[Commune, ...]:
    """The communes of the area (seed/data/communes_ara.csv)."""
    with (DATA_DIR / "communes_ara.csv").open(encoding="utf-8", newline="") as fh:
        return tuple(
            Commune(
                commune=row["commune"],
                city=row["city"],
                postcode=row["postcode"],
                department=row["department"],
                latitude=float(row["latitude"]),
                longitude=float(row["longitude"]),
                weight=int(row["weight"]),
            )
            for row in csv.DictReader(fh)
        )


def _lines(name: str) -> tuple[str, ...]:
    text = (DATA_DIR / name).read_text(encoding="utf-8")
    return tuple(
        line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")
    )


@cache
def streets() -> tuple[str, ...]:
    return _lines("streets.txt")


@cache
def last_names() -> tuple[str, ...]:
    return _lines("last_names.txt")


@cache
def first_names() -> dict[str, tuple[str, ...]]:
    """First names by gender ("F", "M")."""
    out: dict[str, list[str]] = {"F": [], "M": []}
    for line in _lines("first_names.txt"):
        gender, name = line.split(",", 1)
        out[gender].append(name)
    return {gender: tuple(names) for gender, names in out.items()}


@cache
def _json(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((DATA_DIR / name).read_text(encoding="utf-8"))
    return data


def sectors() -> dict[str, dict[str, Any]]:
    return {s["key"]: s for s in _json("sectors.json")["sectors"]}


def offers() -> list[dict[str, Any]]:
    return list(_json("offers.json")["offers"])


def territories() -> list[dict[str, Any]]:
    return list(_json("offers.json")["territories"])
