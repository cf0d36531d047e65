"""The demo prospect files: a trainee's whole file, computed without the database.

One prospect (a company or an individual, its identity, consents, history and derived
fields, as the server would compute them), then the trainee's targeting and all their
prospects. Deterministic: the same file on every run, whatever the day; ``generate_world``
keeps each file for the process.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

from app.config import Settings, get_settings
from app.models import Direction, Prospect, ProspectKind, ProspectSource, ProspectStatus
from app.models.enums import GeocodeProvider
from app.prospects import rules
from app.prospects.service import refresh_derived
from seed.prospects.data import (
    B2B_SOURCES,
    B2C_SOURCES,
    BLOCTEL_CHECK_DATE,
    MAIL_DOMAINS,
    PROSPECTS_PER_TRAINEE,
    REFERENCE_DATE,
    SMALL_BUSINESS_DOMAINS,
    STATUS_WEIGHTS,
    S,
)
from seed.prospects.dates import paris_date
from seed.prospects.history import _History
from seed.prospects.interactions import _Facts
from seed.prospects.plans import ProspectPlan, TraineeWorld


class _WorldBuilder(_History):
    """One prospect, and a trainee's whole file."""

    # ---------------------------------------------------------------- one prospect

    def prospect(self) -> ProspectPlan:
        rng = self.rng
        b2b = rng.random() < float(self.offer["b2b_share"])
        status: ProspectStatus = self.pick(STATUS_WEIGHTS)
        variant = self.variant_for(status, b2b)
        archive = variant == "archive"
        old_customer = variant in ("old", "old-hot", "former-customer")
        created = self.collection(status, old_customer, archive)
        commune = self.commune()
        latitude, longitude = self.jitter(commune)
        source: ProspectSource = self.pick(B2B_SOURCES if b2b else B2C_SOURCES)
        tags: list[str] = []
        contacts: list[dict[str, Any]] = []
        email: str | None
        phone: str | None
        if b2b:
            identity = self.company_identity(commune)
            contacts = self.contacts_for(identity, created)
            phone = self.landline(commune)
            domain = identity["domain"]
            if domain:
                local = rng.choice(("contact", "contact", "accueil", "info", "bonjour"))
                if rng.random() < 0.3 and contacts[0]["email"]:
                    email = contacts[0]["email"]
                else:
                    email = self.unique_email(local, domain)
            else:
                email = self.unique_email(identity["base"][:28], rng.choice(SMALL_BUSINESS_DOMAINS))
            tags += rng.sample(identity["tags"], rng.randint(0, 2))
            name = identity["name"]
            potential = identity["potential"]
        else:
            identity = {}
            first, last = self.person()
            name = f"{first} {last}"
            phone = self.mobile() if rng.random() < 0.92 else None
            email = (
                self.unique_email(
                    f"{first}.{last}"
                    if rng.random() < 0.7
                    else f"{first[0]}{last}{rng.randint(1, 99)}",
                    rng.choice(MAIL_DOMAINS),
                )
                if rng.random() < 0.85
                else None
            )
            lo, hi = self.offer["b2c"]["potential"]
            potential = Decimal(round(self.log_uniform(lo, hi), -1)).quantize(Decimal("0.01"))
        if source is ProspectSource.EVENT:
            tags.append("salon-2026" if created.year == 2026 else "salon")
        if source is ProspectSource.REFERRAL:
            tags.append("parrainage")
        if rng.random() < 0.15:
            tags.append(rng.choice(("à-relancer", "devis-envoyé", "décideur-identifié", "VIP")))
        row: dict[str, Any] = {
            "kind": ProspectKind.COMPANY if b2b else ProspectKind.INDIVIDUAL,
            "name": name,
            "siren": identity.get("siren"),
            "siret": identity.get("siret"),
            "naf_code": identity.get("naf_code"),
            "sector": identity.get("sector"),
            "size_band": identity.get("size_band"),
            "address": self.address(b2b),
            "postcode": commune.postcode,
            "city": commune.city,
            "latitude": latitude,
            "longitude": longitude,
            # Made up near the made-up address, and said so: « Position : fictive (démo) ».
            "geocode_precision": None,
            "geocode_provider": GeocodeProvider.DEMO,
            "geocoded_at": None,
            "website": identity.get("website"),
            "phone": phone,
            "email": email,
            "status": status,
            "lost_reason": None,
            "source": source,
            "potential": potential,
            "tags": sorted(set(tags)),
            "next_contact_on": None,
            "bloctel_opposed": None,
            "bloctel_checked_on": None,
            "ongoing_contract": False,
            "objected_at": None,
            "last_contact_at": None,
            "last_inbound_contact_at": None,
            "customer_since": None,
            "relationship_ended_at": None,
            "anonymised_at": None,
            "created_at": created,
            "updated_at": created,
            "version": 1,
        }
        if not b2b and phone and created.date() <= BLOCTEL_CHECK_DATE:
            row["bloctel_checked_on"] = BLOCTEL_CHECK_DATE
            row["bloctel_opposed"] = rng.random() < 0.12
        plan = ProspectPlan(row, contacts, [], [], [], [])
        facts = _Facts(
            b2b=b2b,
            bloctel_opposed=row["bloctel_opposed"],
            bloctel_checked_on=row["bloctel_checked_on"],
            ongoing_contract=False,
        )
        initial, steps = self.plan_steps(status, b2b, variant)
        self.initial_consents(plan, source, created)
        self.early_history(plan, initial, variant, created, facts)
        candidates = [] if archive else self.campaign_candidates(row)
        self.walk(plan, facts, steps, created, status, variant, candidates)
        self.finish(plan, facts, status, created)
        return plan

    # ---------------------------------------------------------------- derived fields

    def finish(
        self, plan: ProspectPlan, facts: _Facts, status: ProspectStatus, created: datetime
    ) -> None:
        row = plan.row
        final = plan.status_changes[-1]["to_status"]
        if final is not status:
            raise AssertionError(f"history ends in {final}, planned {status}")
        if facts.ongoing_contract and status is not S.CUSTOMER:
            raise AssertionError("a contract runs only for a current customer")
        row["ongoing_contract"] = facts.ongoing_contract
        moments = [created]
        moments += [c["changed_at"] for c in plan.status_changes]
        if plan.interactions:
            times = [i.row["occurred_at"] for i in plan.interactions]
            row["last_contact_at"] = max(times)
            inbound = [
                i.row["occurred_at"]
                for i in plan.interactions
                if i.row["direction"] is Direction.INBOUND
            ]
            row["last_inbound_contact_at"] = max(inbound) if inbound else None
            last = max(plan.interactions, key=lambda i: i.row["occurred_at"])
            if last.row["outcome"] in rules.CLOSING_OUTCOMES:
                row["next_contact_on"] = None
            elif last.appointment is not None:
                row["next_contact_on"] = paris_date(last.appointment.starts_at)
            else:
                row["next_contact_on"] = last.row["next_contact_on"]
            moments += times
        elif status is S.SUSPECT:
            kind = self.pick({"none": 20, "overdue": 15, "today": 10, "week": 25, "later": 30})
            row["next_contact_on"] = {
                "none": None,
                "overdue": REFERENCE_DATE - timedelta(days=self.rng.randint(1, 10)),
                "today": REFERENCE_DATE,
                "week": REFERENCE_DATE + timedelta(days=self.rng.randint(1, 5)),
                "later": REFERENCE_DATE + timedelta(days=self.rng.randint(6, 30)),
            }[kind]
            if row["next_contact_on"] is not None:
                row["next_contact_on"] = max(row["next_contact_on"], paris_date(created))
        if row["objected_at"] is not None:
            moments.append(row["objected_at"])
        row["updated_at"] = max(moments)
        for contact in plan.contacts:
            contact["updated_at"] = contact["objected_at"] or contact["created_at"]
        probe = Prospect(
            name=row["name"],
            city=row["city"],
            siret=row["siret"],
            sector=row["sector"],
            potential=row["potential"],
        )
        refresh_derived(probe, self.settings)
        row["priority"] = probe.priority
        row["search_text"] = probe.search_text
        row["sector_key"] = probe.sector_key
        if status is S.CUSTOMER and "client" not in row["tags"]:
            row["tags"] = sorted({*row["tags"], "client"})

    # ---------------------------------------------------------------- the whole file

    def build(self) -> TraineeWorld:
        scripts = self.build_targeting()
        total = self.rng.randint(*PROSPECTS_PER_TRAINEE)
        prospects = [self.prospect() for _ in range(total)]
        return TraineeWorld(self.number, self.personas, scripts, self.campaigns, prospects)


# ------------------------------------------------------------------ entry points


def build_world(number: int, first_name: str, settings: Settings | None = None) -> TraineeWorld:
    """The prospect file of demo trainee ``number``, computed without the database."""
    return _WorldBuilder(number, first_name, settings or get_settings()).build()


_WORLDS: dict[tuple[Any, ...], TraineeWorld] = {}


def generate_world(number: int, first_name: str, settings: Settings | None = None) -> TraineeWorld:
    """``build_world``, kept for the process: seeding several databases (tests) computes each
    file once. The result is shared: read it, do not change it."""
    settings = settings or get_settings()
    key = (
        number,
        first_name,
        settings.abc_a_min_potential,
        settings.abc_b_min_potential,
        settings.bloctel_max_age_days,
    )
    if key not in _WORLDS:
        _WORLDS[key] = build_world(number, first_name, settings)
    return _WORLDS[key]
