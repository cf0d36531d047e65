"""The simulated population: fictional prospects and customers with hidden attributes.

``generate(seed, count, params, segments=..., needs=...)`` returns ``count`` people. Person
``i`` is drawn from its own stream of uniforms, the SHAKE-256 output of the key
(seed, "person", i), so it depends on (seed, i) only: the same seed gives the same people, a
smaller population is a prefix of a bigger one, and another seed gives people drawn from the
same distributions. The rows of uniforms are turned into attributes column by column with
numpy (5,000 people in about a tenth of a second); no global RNG is involved.

Everything is fictional and unreachable:

- phone numbers are in the blocks ARCEP keeps for fiction in its national numbering plan
  (01 99 00 xx xx, 02 61 91 xx xx, 03 53 01 xx xx, 05 36 49 xx xx — geographic numbers,
  valid for libphonenumber). The two other blocks, 04 65 71 and 09 77 40, are left to the
  seeded demo (seed/prospects) so a market never collides with it, and the mobile block
  06 39 98 is not used because libphonenumber rejects it (the prospect file would too).
  The last four digits are ``(a * i + b) mod 10_000`` with ``a`` prime to 10 (a bijection):
  no two people of a population share a number;
- e-mail addresses are under ``example.com`` (reserved by RFC 2606), with the person's
  number in the local part (unique);
- names come from short lists of common French first and last names and made-up company
  names; towns are real communes (INSEE code, main postcode and position from the offline
  geocoder's list, app/geocoding/data: INSEE / Etalab and GeoNames, CC BY 4.0).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, fields
from functools import cache
from typing import Any

import numpy as np
import numpy.typing as npt

from app.common.text import fold
from app.market.draws import derive, encode
from app.market.parameters import HOUR_BANDS, MarketParameters
from app.models.enums import Channel, DecisionPower, ProspectKind

#: SONCAS buying motives (sécurité, orgueil, nouveauté, confort, argent, sympathie).
MOTIVES: tuple[str, ...] = ("sécurité", "orgueil", "nouveauté", "confort", "argent", "sympathie")
#: The channels a person has a receptiveness for (every ``Channel``).
CHANNELS: tuple[str, ...] = tuple(c.value for c in Channel)

# Decision power of the contact a trainee reaches (teaching assumptions): in a company the
# named contact is the decider a bit less than half of the time.
COMPANY_DECISION_POWER: tuple[tuple[DecisionPower, float], ...] = (
    (DecisionPower.DECISION_MAKER, 0.45),
    (DecisionPower.INFLUENCER, 0.2),
    (DecisionPower.PRESCRIBER, 0.1),
    (DecisionPower.USER, 0.2),
    (DecisionPower.NONE, 0.05),
)
INDIVIDUAL_DECISION_POWER: tuple[tuple[DecisionPower, float], ...] = (
    (DecisionPower.DECISION_MAKER, 0.85),
    (DecisionPower.INFLUENCER, 0.15),  # the household decides together
)

# (INSEE code, name, main postcode, department, latitude, longitude, telephone zone 1-5):
# real communes, positions from app/geocoding/data/communes.csv.gz.
COMMUNES: tuple[tuple[str, str, str, str, float, float, int], ...] = (
    ("06088", "Nice", "06000", "06", 43.70313, 7.26608, 4),
    ("10387", "Troyes", "10000", "10", 48.30073, 4.08524, 3),
    ("13001", "Aix-en-Provence", "13100", "13", 43.52830, 5.44973, 4),
    ("13055", "Marseille", "13001", "13", 43.29695, 5.38107, 4),
    ("14118", "Caen", "14000", "14", 49.18585, -0.35912, 2),
    ("17300", "La Rochelle", "17000", "17", 46.16308, -1.15222, 5),
    ("21231", "Dijon", "21000", "21", 47.31667, 5.01667, 3),
    ("25056", "Besançon", "25000", "25", 47.24878, 6.01815, 3),
    ("26362", "Valence", "26000", "26", 44.92560, 4.90956, 4),
    ("29019", "Brest", "29200", "29", 48.39029, -4.48628, 2),
    ("30189", "Nîmes", "30000", "30", 43.83665, 4.35788, 4),
    ("31555", "Toulouse", "31000", "31", 43.60426, 1.44367, 5),
    ("33063", "Bordeaux", "33000", "33", 44.84044, -0.58050, 5),
    ("34172", "Montpellier", "34000", "34", 43.61093, 3.87635, 4),
    ("35238", "Rennes", "35000", "35", 48.11198, -1.67429, 2),
    ("37261", "Tours", "37000", "37", 47.39484, 0.70398, 2),
    ("38185", "Grenoble", "38000", "38", 45.17869, 5.71479, 4),
    ("42218", "Saint-Étienne", "42000", "42", 45.43389, 4.39000, 4),
    ("44109", "Nantes", "44000", "44", 47.21725, -1.55336, 2),
    ("45234", "Orléans", "45000", "45", 47.90289, 1.90389, 2),
    ("49007", "Angers", "49000", "49", 47.47156, -0.55202, 2),
    ("51454", "Reims", "51100", "51", 49.26526, 4.02853, 3),
    ("54395", "Nancy", "54000", "54", 48.68439, 6.18496, 3),
    ("56260", "Vannes", "56000", "56", 47.65688, -2.76205, 2),
    ("57463", "Metz", "57000", "57", 49.11911, 6.17269, 3),
    ("59350", "Lille", "59000", "59", 50.63297, 3.05858, 3),
    ("63113", "Clermont-Ferrand", "63000", "63", 45.77969, 3.08682, 4),
    ("64102", "Bayonne", "64100", "64", 43.49316, -1.47300, 5),
    ("64445", "Pau", "64000", "64", 43.31117, -0.35583, 5),
    ("66136", "Perpignan", "66000", "66", 42.69764, 2.89541, 4),
    ("67482", "Strasbourg", "67000", "67", 48.58392, 7.74553, 3),
    ("68224", "Mulhouse", "68100", "68", 47.75205, 7.32866, 3),
    ("69123", "Lyon", "69001", "69", 45.74846, 4.84671, 4),
    ("69266", "Villeurbanne", "69100", "69", 45.76601, 4.87950, 4),
    ("72181", "Le Mans", "72000", "72", 48.00210, 0.20251, 2),
    ("73065", "Chambéry", "73000", "73", 45.56628, 5.92079, 4),
    ("74010", "Annecy", "74000", "74", 45.90878, 6.12565, 4),
    ("75056", "Paris", "75001", "75", 48.85341, 2.34880, 1),
    ("76351", "Le Havre", "76600", "76", 49.49346, 0.10785, 2),
    ("76540", "Rouen", "76000", "76", 49.44313, 1.09932, 2),
    ("78646", "Versailles", "78000", "78", 48.80359, 2.13424, 1),
    ("80021", "Amiens", "80000", "80", 49.90000, 2.30000, 3),
    ("83137", "Toulon", "83000", "83", 43.12442, 5.92836, 4),
    ("84007", "Avignon", "84000", "84", 43.94834, 4.80892, 4),
    ("86194", "Poitiers", "86000", "86", 46.58261, 0.34348, 5),
    ("87085", "Limoges", "87000", "87", 45.83362, 1.24759, 5),
    ("92012", "Boulogne-Billancourt", "92100", "92", 48.83545, 2.24128, 1),
    ("94028", "Créteil", "94000", "94", 48.79266, 2.46569, 1),
)

# ARCEP's fiction blocks by zone (the digits after +33); zone 4's (04 65 71) is the demo's.
FICTION_BLOCKS: Mapping[int, str] = {1: "19900", 2: "26191", 3: "35301", 4: "19900", 5: "53649"}

FIRST_NAMES_F: tuple[str, ...] = tuple(
    "Marie Nathalie Isabelle Sylvie Catherine Sandrine Céline Sophie Aurélie Émilie Julie "
    "Caroline Élodie Anne Camille Léa Manon Chloé Inès Sarah Emma Clara Pauline Nadia "
    "Samira Hélène Delphine Karine Florence Mathilde Agnès Laurence".split()
)
FIRST_NAMES_M: tuple[str, ...] = tuple(
    "Jean Philippe Nicolas Christophe Stéphane Laurent David Julien Sébastien Thomas "
    "Pierre Éric Frédéric Olivier Alexandre Antoine Hugo Lucas Louis Gabriel Arthur Karim "
    "Mehdi Yanis Paul Mathieu Romain Vincent Guillaume Bruno Patrick Didier".split()
)
LAST_NAMES: tuple[str, ...] = tuple(
    "Martin Bernard Dubois Thomas Robert Richard Petit Durand Leroy Moreau Simon Laurent "
    "Lefebvre Michel Garcia David Bertrand Roux Vincent Fournier Morel Girard André Mercier "
    "Dupont Lambert Bonnet François Martinez Legrand Garnier Faure Rousseau Blanc Guérin "
    "Muller Henry Perrin Morin Mathieu Clément Gauthier Chevalier Benali Nguyen Da Silva".split()
)
NAME_HEADS: tuple[str, ...] = tuple(
    "Alp Vert Rhod Lum Cal Nor Bel Sol Arv Cor Mir Oc Val Ter Bor Lig Sav Dom Fil Cap".split()
)
NAME_TAILS: tuple[str, ...] = tuple("éo ia ex ys ane ium is alia ova ance or ine".split())
COMPANY_TEMPLATES: tuple[str, ...] = (
    "{head}{tail}", "{head}{tail} {activity}", "{activity} {last}", "Établissements {last}",
    "{last} & Fils", "{last} {activity}",
)  # fmt: skip
LEGAL_FORMS: tuple[str, ...] = ("SAS", "SARL", "SA", "EURL", "SASU")
_NOT_LOCAL = re.compile(r"[^a-z0-9]+")

COMPANY = ProspectKind.COMPANY
INDIVIDUAL = ProspectKind.INDIVIDUAL


@dataclass(frozen=True)
class Person:
    """One simulated prospect or customer and its hidden attributes.

    The trainee sees the identity (names, town, phone, e-mail, segment); the rest is what
    the market knows and the trainee discovers by working well. Receptiveness values and
    propensities are in [0, 1] with a population mean near 0.5: the model turns them into
    factors ``0.5 + r`` or ``2 × p`` whose mean is 1. Frozen but not hashable (its dict
    fields): index people by ``key``.
    """

    key: str  # "p0042": the person's number in its population
    index: int
    kind: ProspectKind
    company_name: str | None  # None for an individual
    first_name: str  # the contact's, for a company
    last_name: str
    naf_code: str | None  # None for an individual
    segment: str
    insee: str
    city: str
    postcode: str
    department: str
    latitude: float
    longitude: float
    phone: str  # E.164, ARCEP fiction block
    email: str  # under example.com
    needs: tuple[str, ...]
    motives: tuple[str, ...]  # SONCAS, most important first
    budget: int  # euros
    decision_power: DecisionPower
    receptiveness: dict[str, float]  # per channel (Channel values)
    hour_receptiveness: dict[str, float]  # per hour band (HOUR_BANDS)
    phone_consent: bool | None  # individuals only: prior consent to phone canvassing
    email_consent: bool | None  # individuals only: prior consent to e-mail prospecting
    on_bloctel: bool  # individuals only (always False for a company)
    price_sensitivity: float
    loyalty: float
    complaint_propensity: float
    late_payment_propensity: float

    @property
    def is_company(self) -> bool:
        return self.kind == COMPANY

    @property
    def display_name(self) -> str:
        return self.company_name or f"{self.first_name} {self.last_name}"

    def to_json(self) -> dict[str, Any]:
        """A plain dict (JSON types only) that ``from_json`` turns back into this person."""
        data = asdict(self)
        data["kind"] = self.kind.value
        data["decision_power"] = self.decision_power.value
        data["needs"] = list(self.needs)
        data["motives"] = list(self.motives)
        return data

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Person:
        """The person of a ``to_json`` dict (unknown or missing keys are refused)."""
        names = {f.name for f in fields(cls)}
        if set(data) != names:
            unknown, missing = set(data) - names, names - set(data)
            raise ValueError(f"person: unknown keys {sorted(unknown)}, missing {sorted(missing)}")
        values = dict(data)
        values["kind"] = ProspectKind(values["kind"])
        values["decision_power"] = DecisionPower(values["decision_power"])
        values["needs"] = tuple(values["needs"])
        values["motives"] = tuple(values["motives"])
        values["receptiveness"] = {str(k): float(v) for k, v in values["receptiveness"].items()}
        values["hour_receptiveness"] = {
            str(k): float(v) for k, v in values["hour_receptiveness"].items()
        }
        return cls(**values)


# Each person's draws are columns of one row of uniforms (see ``_uniforms``): fixed columns
# first, then one per motive, then one per need (a longer list of needs adds columns at the
# end, so it changes nothing before them).
_KIND, _GENDER, _FIRST, _LAST, _COMMUNE, _NEEDS_COUNT, _MOTIVES_COUNT = range(7)
_GAUSS = (7, 8)
_CHANNELS = 9  # two columns per channel (a bell is the mean of two uniforms)
_BANDS = _CHANNELS + 2 * len(CHANNELS)
_TRAITS = _BANDS + 2 * len(HOUR_BANDS)  # price, loyalty, complaint, late payment: 2 each
_PHONE_CONSENT = _TRAITS + 8
_EMAIL_CONSENT, _BLOCTEL, _SEGMENT, _TEMPLATE, _HEAD, _TAIL = range(
    _PHONE_CONSENT + 1, _PHONE_CONSENT + 7
)
_LEGAL_FLAG, _LEGAL_FORM, _POWER = range(_TAIL + 1, _TAIL + 4)
_MOTIVE_KEYS = _POWER + 1
_NEED_KEYS = _MOTIVE_KEYS + len(MOTIVES)


def _uniforms(seed: int, indices: Sequence[int], width: int) -> npt.NDArray[np.float64]:
    """One row of ``width`` uniforms in [0, 1) per person: the SHAKE-256 stream of the key
    (seed, "person", i), read as 32-bit integers. Row i depends on (seed, i) only."""
    head = hashlib.shake_256(encode((seed, "person")))
    chunks = []
    for i in indices:
        h = head.copy()
        h.update(encode((i,)))
        chunks.append(h.digest(4 * width))
    raw = np.frombuffer(b"".join(chunks), dtype=">u4").reshape(len(indices), width)
    return raw.astype(np.float64) / 4294967296.0


def _bells(u: npt.NDArray[np.float64], first: int, count: int) -> list[list[float]]:
    """``count`` bell-shaped values in [0, 1] (mean 0.5: the mean of two uniforms, 3
    decimals) per person, from columns ``first``, ``first + 1``…"""
    pairs = u[:, first : first + 2 * count].reshape(len(u), count, 2)
    values: list[list[float]] = np.round(pairs.mean(axis=2), 3).tolist()
    return values


def _pick(u: npt.NDArray[np.float64], column: int, n: int) -> list[int]:
    """An index in 0..n-1 per person, uniform, from a column."""
    picked: list[int] = np.minimum((u[:, column] * n).astype(np.int64), n - 1).tolist()
    return picked


def _power(value: float, weights: Sequence[tuple[DecisionPower, float]]) -> DecisionPower:
    cumulative = 0.0
    for item, weight in weights:
        cumulative += weight
        if value < cumulative:
            return item
    return weights[-1][0]


@cache
def _folded(word: str, separator: str) -> str:
    """``word`` folded to [a-z0-9] runs joined by ``separator`` (names repeat: cached)."""
    return separator.join(_NOT_LOCAL.split(fold(word))).strip(separator)


def _local(*words: str) -> str:
    return ".".join(w for w in (_folded(x, "-") for x in words) if w)


def _phone_suffixes(seed: int) -> tuple[int, int]:
    """``(a, b)`` of the bijection ``i -> (a * i + b) mod 10_000`` (``a`` prime to 10)."""
    a = derive(seed, "phone", "a") % 10_000
    a = (a // 10) * 10 + (1, 3, 7, 9)[a % 4]
    return a, derive(seed, "phone", "b") % 10_000


def _company_name(row: Sequence[float], segment: str, last: str) -> tuple[str, str]:
    """A made-up company name (sometimes with its legal form) and its e-mail domain."""
    template = COMPANY_TEMPLATES[int(row[_TEMPLATE] * len(COMPANY_TEMPLATES))]
    activity = segment.split()[0].strip(",;:") if segment.strip() else "Services"
    name = template.format(
        head=NAME_HEADS[int(row[_HEAD] * len(NAME_HEADS))],
        tail=NAME_TAILS[int(row[_TAIL] * len(NAME_TAILS))],
        activity=activity,
        last=last,
    )
    domain = "".join(_folded(w, "") for w in name.split()) or "entreprise"
    if row[_LEGAL_FLAG] < 0.4:
        name = f"{name} {LEGAL_FORMS[int(row[_LEGAL_FORM] * len(LEGAL_FORMS))]}"
    return name, f"{domain}.example.com"


def people(
    seed: int,
    indices: Sequence[int],
    params: MarketParameters,
    *,
    segments: Sequence[tuple[str, str]],
    needs: Sequence[str],
    individual_segments: Sequence[str] = ("Particuliers",),
) -> list[Person]:
    """The people of the population of ``seed`` at ``indices`` (each in 0..9999): person i
    is the same whichever other indices are asked with it."""
    if any(not 0 <= i < 10_000 for i in indices):
        raise ValueError("a person's index is in 0..9999")
    if not individual_segments:
        raise ValueError("individuals need at least one segment label")
    if not indices:
        return []
    pop = params.people
    u = _uniforms(seed, indices, _NEED_KEYS + len(needs))
    rows: list[list[float]] = u.tolist()
    channels = _bells(u, _CHANNELS, len(CHANNELS))
    bands = _bells(u, _BANDS, len(HOUR_BANDS))
    traits = _bells(u, _TRAITS, 4)
    communes = _pick(u, _COMMUNE, len(COMMUNES))
    lasts = _pick(u, _LAST, len(LAST_NAMES))
    motive_order: list[list[int]] = np.argsort(
        u[:, _MOTIVE_KEYS:_NEED_KEYS], axis=1, kind="stable"
    ).tolist()
    need_order: list[list[int]] = np.argsort(u[:, _NEED_KEYS:], axis=1, kind="stable").tolist()
    # Budgets: log-normal around the median (Box-Muller from two uniforms).
    gauss = np.sqrt(-2.0 * np.log1p(-u[:, _GAUSS[0]])) * np.cos(2.0 * np.pi * u[:, _GAUSS[1]])
    company_mask = u[:, _KIND] < pop.company_share
    if company_mask.any() and not segments:
        raise ValueError("companies need segments (NAF code, label)")
    medians = np.where(company_mask, pop.company_budget_median, pop.individual_budget_median)
    budgets: list[int] = (
        np.maximum(1, np.round(medians * np.exp(pop.budget_dispersion * gauss), -1))
        .astype(np.int64)
        .tolist()
    )
    a, b = _phone_suffixes(seed)
    most_needs = min(3, len(needs))
    result = []
    for n, index in enumerate(indices):
        row = rows[n]
        company = bool(company_mask[n])
        first_names = FIRST_NAMES_F if row[_GENDER] < 0.5 else FIRST_NAMES_M
        first = first_names[int(row[_FIRST] * len(first_names))]
        last = LAST_NAMES[lasts[n]]
        insee, city, postcode, department, latitude, longitude, zone = COMMUNES[communes[n]]
        number = f"{index:04d}"
        price, loyalty, complaint, late = traits[n]
        naf_code: str | None = None
        company_name: str | None = None
        phone_consent: bool | None = None
        email_consent: bool | None = None
        on_bloctel = False
        if company:
            naf_code, segment = segments[int(row[_SEGMENT] * len(segments))]
            company_name, domain = _company_name(row, segment, last)
            email = f"{_local(first, last)}.{number}@{domain}"
            power = _power(row[_POWER], COMPANY_DECISION_POWER)
        else:
            segment = individual_segments[int(row[_SEGMENT] * len(individual_segments))]
            email = f"{_local(first, last)}.{number}@example.com"
            power = _power(row[_POWER], INDIVIDUAL_DECISION_POWER)
            phone_consent = row[_PHONE_CONSENT] < pop.phone_consent_share
            email_consent = row[_EMAIL_CONSENT] < pop.email_consent_share
            on_bloctel = row[_BLOCTEL] < pop.bloctel_share
            price = round(0.15 + 0.85 * price, 3)  # consumers are more price-sensitive
        needs_count = 1 + int(row[_NEEDS_COUNT] * most_needs) if most_needs else 0
        result.append(
            Person(
                key=f"p{number}",
                index=index,
                kind=COMPANY if company else INDIVIDUAL,
                company_name=company_name,
                first_name=first,
                last_name=last,
                naf_code=naf_code,
                segment=segment,
                insee=insee,
                city=city,
                postcode=postcode,
                department=department,
                latitude=latitude,
                longitude=longitude,
                phone=f"+33{FICTION_BLOCKS[zone]}{(a * index + b) % 10_000:04d}",
                email=email,
                needs=tuple(needs[j] for j in need_order[n][:needs_count]),
                motives=tuple(
                    MOTIVES[j] for j in motive_order[n][: 1 + int(row[_MOTIVES_COUNT] * 3)]
                ),
                budget=budgets[n],
                decision_power=power,
                receptiveness=dict(zip(CHANNELS, channels[n], strict=True)),
                hour_receptiveness=dict(zip(HOUR_BANDS, bands[n], strict=True)),
                phone_consent=phone_consent,
                email_consent=email_consent,
                on_bloctel=on_bloctel,
                price_sensitivity=price,
                loyalty=loyalty,
                complaint_propensity=complaint,
                late_payment_propensity=late,
            )
        )
    return result


def person(
    seed: int,
    index: int,
    params: MarketParameters,
    *,
    segments: Sequence[tuple[str, str]],
    needs: Sequence[str],
    individual_segments: Sequence[str] = ("Particuliers",),
) -> Person:
    """Person ``index`` of the population of ``seed`` (what ``generate`` returns at i)."""
    return people(
        seed, [index], params, segments=segments, needs=needs,
        individual_segments=individual_segments,
    )[0]  # fmt: skip


def generate(
    seed: int,
    count: int,
    params: MarketParameters,
    *,
    segments: Sequence[tuple[str, str]],
    needs: Sequence[str],
    individual_segments: Sequence[str] = ("Particuliers",),
) -> list[Person]:
    """The first ``count`` people of the population of ``seed`` (at most 10,000).

    ``segments`` are the (NAF code, label) pairs companies are drawn from (the business
    case's targets, for instance), ``needs`` the needs a person may have (each has one to
    three of them), ``individual_segments`` the labels of consumers' segments.
    """
    if not 0 <= count <= 10_000:
        raise ValueError("a population has 0 to 10,000 people")
    return people(
        seed, range(count), params, segments=segments, needs=needs,
        individual_segments=individual_segments,
    )  # fmt: skip
