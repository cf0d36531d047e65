"""The demo prospect files: identities.

The generator's state for one trainee (one random generator seeded from ``RANDOM_SEED`` and
the trainee's number, the territory, what is already used) and its small helpers: places
around the territory, people's names, unique phone numbers and e-mail addresses in the
fiction ranges, SIREN and SIRET numbers; then companies (sector, NAF code, size band, name,
website, potential) and their contacts.
"""

from __future__ import annotations

import math
import random
import re
from collections.abc import Mapping
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from stdnum import luhn

from app.common.text import fold
from app.config import Settings
from app.models import Channel, DecisionPower, ProspectKind, SizeBand
from app.prospects import rules
from seed.prospects.data import (
    FEMININE_TITLES,
    FICTION_LANDLINE,
    FICTION_PERSONAL,
    JITTER_KM,
    LEGAL_FORM_WEIGHT,
    MASCULINE_TITLES,
    RANDOM_SEED,
    SIZE_POTENTIAL,
    SLOTS,
    Commune,
    _json,
    communes,
    first_names,
    last_names,
    offers,
    sectors,
    streets,
    territories,
)

# ------------------------------------------------------------------ names


def elide(text: str) -> str:
    """French elision and contraction after "de": "de Éric" → "d'Éric", "de Le Pont" → "du
    Pont"."""
    text = re.sub(r"\bde Le ", "du ", text)
    return re.sub(r"\bde (?=[AEIOUYÀÂÉÈÊÎÔH])", "d'", text)


# ------------------------------------------------------------------ identifiers


def siret_for(siren: str, establishment: int) -> str:
    """The SIRET of establishment number ``establishment`` (NIC = 4 digits + Luhn key)."""
    body = f"{siren}{establishment:04d}"
    return body + luhn.calc_check_digit(body)


class _Identities:
    """The state of a trainee's generator, its helpers, and companies with their contacts."""

    def __init__(self, number: int, first_name: str, settings: Settings) -> None:
        self.number = number
        self.first_name = first_name
        self.settings = settings
        self.rng = random.Random(RANDOM_SEED * 1000 + number)
        self.offer = offers()[(number - 1) % len(offers())]
        territory = territories()[(number - 1) % len(territories())]
        self.territory = territory
        self.home = next(c for c in communes() if c.commune == territory["home"])
        self.nearby = [
            c
            for c in communes()
            if rules.haversine_km(c.latitude, c.longitude, self.home.latitude, self.home.longitude)
            <= territory["radius_km"]
        ]
        self.sectors = sectors()
        self.used_sirens: set[str] = set()
        self.used_phones: set[str] = set()
        self.used_emails: set[str] = set()
        self.used_names: set[str] = set()
        self.busy_slots: set[tuple[date, tuple[int, int]]] = set()
        self.personas: list[dict[str, Any]] = []
        self.persona_criteria: list[rules.PersonaCriteria] = []
        self.persona_kinds: list[ProspectKind | None] = []
        self.campaigns: list[tuple[int | None, int | None, dict[str, Any]]] = []
        self.campaign_members: list[int] = []
        self.needs: dict[int, str] = {}

    # ---------------------------------------------------------------- small helpers

    def pick(self, weights: Mapping[Any, float]) -> Any:
        keys = list(weights)
        return self.rng.choices(keys, weights=[weights[k] for k in keys])[0]

    def log_uniform(self, lo: float, hi: float) -> float:
        return math.exp(self.rng.uniform(math.log(lo), math.log(hi)))

    def commune(self) -> Commune:
        pool = self.nearby if self.rng.random() < 0.75 else list(communes())
        return self.rng.choices(pool, weights=[c.weight for c in pool])[0]

    def jitter(self, commune: Commune) -> tuple[float, float]:
        distance = JITTER_KM * math.sqrt(self.rng.random()) * 0.98
        angle = self.rng.uniform(0, 2 * math.pi)
        dlat = distance * math.cos(angle) / rules.KM_PER_DEGREE
        dlon = (
            distance
            * math.sin(angle)
            / (rules.KM_PER_DEGREE * math.cos(math.radians(commune.latitude)))
        )
        return round(commune.latitude + dlat, 6), round(commune.longitude + dlon, 6)

    def address(self, company: bool) -> str:
        street = self.rng.choice(streets())
        if street.startswith(("zone", "parc")):
            return f"{street}, lot {self.rng.randint(1, 40)}"
        number = self.rng.randint(1, 160 if company else 120)
        suffix = " bis" if self.rng.random() < 0.04 else ""
        return f"{number}{suffix} {street}"

    def person(self, gender: str | None = None) -> tuple[str, str]:
        gender = gender or self.rng.choice(("F", "M"))
        return self.rng.choice(first_names()[gender]), self.rng.choice(last_names())

    def unique_phone(self, make: Any) -> str:
        while True:
            number: str = make()
            if number not in self.used_phones:
                self.used_phones.add(number)
                return number

    def mobile(self) -> str:
        """A person's number, in the fiction range 09 77 40 xx xx."""
        return self.unique_phone(lambda: f"+33{FICTION_PERSONAL}{self.rng.randint(0, 9_999):04d}")

    def landline(self, commune: Commune) -> str:
        """A company's number, in the fiction range 04 65 71 xx xx."""
        return self.unique_phone(lambda: f"+33{FICTION_LANDLINE}{self.rng.randint(0, 9_999):04d}")

    def unique_email(self, local: str, domain: str) -> str:
        local = re.sub(r"[^a-z0-9.]+", "", fold(local).replace(" ", "."))
        local = re.sub(r"\.+", ".", local).strip(".") or "contact"
        candidate = f"{local}@{domain}"
        n = 2
        while candidate in self.used_emails:
            candidate = f"{local}{n}@{domain}"
            n += 1
        self.used_emails.add(candidate)
        return candidate

    def siren(self) -> str:
        while True:
            body = f"{self.rng.choice('345789')}{self.rng.randint(0, 9_999_999):07d}"
            siren = body + luhn.calc_check_digit(body)
            if siren not in self.used_sirens:
                self.used_sirens.add(siren)
                return siren

    def slot(self, day: date, *, evening: bool = False) -> tuple[int, int] | None:
        """A free appointment slot of the trainee on ``day`` (None when the day is full)."""
        slots = [*SLOTS, (18, 0)] if evening else list(SLOTS)
        free = [s for s in slots if (day, s) not in self.busy_slots]
        if not free:
            return None
        chosen = self.rng.choice(free)
        self.busy_slots.add((day, chosen))
        return chosen

    def text(self, template: str, **values: str) -> str:
        return template.format(
            vendeur=self.first_name,
            societe=self.offer["employer"],
            zone=self.territory["label"],
            produit=self.offer["product"],
            **values,
        )

    # ---------------------------------------------------------------- companies and contacts

    def company_identity(self, commune: Commune) -> dict[str, Any]:
        key = self.pick(self.offer["sectors"])
        sector = self.sectors[key]
        size = SizeBand(self.pick(sector["size_weights"]))
        terroirs = _json("sectors.json")["terroirs"][commune.department]
        # The activity (NAF code) decides the name and the people to talk to.
        naf = self.rng.choice(sector["naf"])
        while True:
            first, last = self.person()
            base = self.rng.choice(naf["names"]).format(
                nom=last, prenom=first, ville=commune.city, terroir=self.rng.choice(terroirs)
            )
            forms = _json("sectors.json")["legal_forms"][size.value]
            form = self.rng.choice(forms) if self.rng.random() < LEGAL_FORM_WEIGHT else ""
            base = elide(base)
            name = base if base.startswith("SCI ") else f"{base} {form}".strip()
            if fold(name) not in self.used_names:
                self.used_names.add(fold(name))
                break
        siren = self.siren()
        establishment = self.rng.choice((1, 1, 1, 1, 2, 2, 3, 4, 5, 8, 11, 12, 15, 19, 21, 27))
        slug = re.sub(r"[^a-z0-9]+", "-", fold(base)).strip("-")[:40].strip("-")
        has_site = self.rng.random() < {"micro": 0.45}.get(size.value, 0.9)
        domain = f"{slug}.example" if has_site else None
        lo, hi = SIZE_POTENTIAL[size]
        factor = float(self.offer["potential_factor"])
        potential = self.log_uniform(lo * factor, hi * factor)
        return {
            "sector_key": key,
            "name": name,
            "base": base,
            "siren": siren,
            "siret": siret_for(siren, establishment),
            "naf_code": naf["code"],
            "naf_label": naf["label"],
            "sector": sector["label"],
            "size_band": size,
            "domain": domain,
            "website": f"https://www.{domain}" if domain else None,
            "potential": Decimal(round(potential, -2)).quantize(Decimal("0.01")),
            "titles": naf.get("titles", sector["titles"]),
            "tags": sector["tags"],
        }

    def contacts_for(self, identity: dict[str, Any], created: datetime) -> list[dict[str, Any]]:
        size = identity["size_band"]
        count = self.rng.choice((1, 1, 2)) if size is SizeBand.MICRO else self.rng.choice((2, 2, 3))
        titles = list(identity["titles"])
        deciders = [t for t in titles if t[1] == "decision_maker"]
        others = [t for t in titles if t[1] != "decision_maker"]
        chosen = [self.rng.choice(deciders), *self.rng.sample(others, min(count - 1, len(others)))]
        out = []
        for title, power in chosen:
            word = title.split()[0]
            gender = "F" if word in FEMININE_TITLES else "M" if word in MASCULINE_TITLES else None
            first, last = self.person(gender)
            power_enum = DecisionPower(power)
            phone = (
                self.mobile()
                if power_enum is not DecisionPower.NONE or self.rng.random() < 0.3
                else None
            )
            email = None
            if identity["domain"] and self.rng.random() < 0.85:
                email = self.unique_email(f"{first}.{last}", identity["domain"])
            preferred = self.pick(
                {Channel.PHONE: 5, Channel.EMAIL: 4, Channel.VISIT: 1, Channel.SMS: 1}
            )
            if preferred is Channel.EMAIL and email is None:
                preferred = Channel.PHONE
            if preferred in (Channel.PHONE, Channel.SMS) and phone is None:
                preferred = Channel.EMAIL if email else None
            out.append(
                {
                    "first_name": first,
                    "last_name": last,
                    "job_title": title,
                    "decision_power": power_enum,
                    "phone": phone,
                    "email": email,
                    "preferred_channel": preferred,
                    "objected_at": None,
                    "anonymised_at": None,
                    "created_at": created,
                    "updated_at": created,
                    "version": 1,
                }
            )
        return out
