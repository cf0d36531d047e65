"""Demo world, part 2: a prospect file for every demo trainee (CP2, CP3, RGPD).

About 165 prospects per trainee around their territory in Auvergne-Rhône-Alpes (Lyon, Rhône,
Isère, Ain, Loire): companies (about 60 %) with a valid SIRET, a NAF code consistent with
their sector, a size band and 1–3 contacts, and individuals. For each prospect: its lifecycle
(status history), its consent history, 3–6 interactions per contacted prospect over the
months before ``REFERENCE_DATE`` and the appointments they set (some in the three weeks after
it); for each trainee: personas, two call scripts and one or two campaigns with members.
The data files are in ``seed/data`` (communes with their postcode and coordinates, streets,
names, sectors, offers).

Rules the data keep:

- every outbound interaction is allowed by the channel policy (``app.privacy.policy.decide``)
  at its date and stores the rule applied in ``policy_rule``. The context is built as the
  server's ``privacy.service.contact_context`` builds it, with the history as it stood then:
  the latest consent given at or before the contact, an objection made before it, a customer
  since that day; the prospect's Bloctel flag and check date and its ongoing contract as
  recorded. What the server is told but does not store is implied: ``about_contract`` only
  where the rule is ``b2c-phone-contract-exception``, ``analogous_offer`` only through a
  campaign that says so. A planned contact that the policy would refuse changes channel,
  becomes the prospect's own call (inbound), or is dropped;
- statuses follow the lifecycle (``app.prospects.rules``) and move with the interactions the
  way the server moves them (a suspect reached becomes a prospect, a qualifying outcome
  qualifies);
- deterministic: one random generator per trainee, seeded from ``RANDOM_SEED`` and the
  trainee's number, and a fixed reference date (never the wall clock): the same rows on every
  run, whatever the day;
- idempotent: a trainee who already has prospects gets nothing.

Rows are written with bulk INSERTs (one statement per table and batch of rows).
"""

from __future__ import annotations

import csv
import json
import math
import random
import re
from bisect import bisect_left, bisect_right
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, fields
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

from sqlalchemy import insert, select, text
from sqlalchemy.orm import Session
from stdnum import luhn

from app.config import Settings, get_settings
from app.models import (
    Appointment,
    AppointmentStatus,
    CallScript,
    Campaign,
    CampaignMember,
    Channel,
    ConsentChannel,
    ConsentMethod,
    ConsentPurpose,
    ConsentRecord,
    ConsentStatus,
    Contact,
    DecisionPower,
    Direction,
    Interaction,
    LawfulBasis,
    Organisation,
    Outcome,
    Persona,
    Prospect,
    ProspectKind,
    ProspectSource,
    ProspectStatus,
    ProspectStatusChange,
    SizeBand,
    User,
)
from app.privacy import policy
from app.prospects import rules
from app.prospects.service import refresh_derived
from app.prospects.validation import fold

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
DATA_DIR = Path(__file__).resolve().parent / "data"

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
PUBLIC_HOLIDAYS = frozenset(
    date.fromisoformat(d)
    for d in (
        "2025-01-01", "2025-04-21", "2025-05-01", "2025-05-08", "2025-05-29", "2025-06-09",
        "2025-07-14", "2025-08-15", "2025-11-01", "2025-11-11", "2025-12-25",
        "2026-01-01", "2026-04-06", "2026-05-01", "2026-05-08", "2026-05-14", "2026-05-25",
        "2026-07-14", "2026-08-15", "2026-11-01", "2026-11-11", "2026-12-25",
    )
)  # fmt: skip
# Appointment slots, Paris time.
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


# ------------------------------------------------------------------ dates and times


def _last_sunday(year: int, month: int) -> date:
    day = date(year, month, 31)
    return day - timedelta(days=(day.weekday() + 1) % 7)


def paris(day: date, hour: int, minute: int = 0) -> datetime:
    """An aware UTC datetime for a Paris wall-clock time (EU summer time rule)."""
    summer = _last_sunday(day.year, 3) <= day < _last_sunday(day.year, 10)
    offset = timedelta(hours=2 if summer else 1)
    return datetime.combine(day, time(hour, minute), tzinfo=UTC) - offset


def paris_local(moment: datetime) -> datetime:
    """The Paris wall-clock time (naive) of an aware datetime."""
    day = (moment + timedelta(hours=1)).date()
    summer = _last_sunday(day.year, 3) <= day < _last_sunday(day.year, 10)
    return (moment + timedelta(hours=2 if summer else 1)).replace(tzinfo=None)


def paris_date(moment: datetime) -> date:
    return paris_local(moment).date()


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and day not in PUBLIC_HOLIDAYS


CALENDAR = (date(2023, 1, 1), date(2027, 12, 31))  # the days the demo can use


@cache
def _calendar() -> tuple[date, ...]:
    first, last = CALENDAR
    days = (first + timedelta(days=n) for n in range((last - first).days + 1))
    return tuple(day for day in days if is_working_day(day))


def working_days(start: date, end: date) -> list[date]:
    """The working days (Monday–Friday, not a public holiday) from ``start`` to ``end``."""
    if start < CALENDAR[0] or end > CALENDAR[1]:
        raise ValueError(f"{start}–{end} is outside the demo calendar")
    days = _calendar()
    return list(days[bisect_left(days, start) : bisect_right(days, end)])


DAYS_FR = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
MONTHS_FR = (
    "janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
    "octobre", "novembre", "décembre",
)  # fmt: skip


def day_fr(day: date) -> str:
    number = "1er" if day.day == 1 else str(day.day)
    return f"{DAYS_FR[day.weekday()]} {number} {MONTHS_FR[day.month - 1]}"


def moment_fr(day: date, hour: int, minute: int) -> str:
    return f"{day_fr(day)} à {hour} h {minute:02d}" if minute else f"{day_fr(day)} à {hour} h"


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


# ------------------------------------------------------------------ the plan of a trainee's file


@dataclass
class ConsentPlan:
    contact: int | None  # index of the company's contact; None: the individual (or the company)
    purpose: ConsentPurpose
    channel: ConsentChannel
    status: ConsentStatus
    given_at: datetime
    lawful_basis: LawfulBasis
    method: ConsentMethod
    text_version: str
    proof_reference: str


@dataclass
class AppointmentPlan:
    starts_at: datetime
    duration_minutes: int
    status: AppointmentStatus
    notes: str


@dataclass
class InteractionPlan:
    row: dict[str, Any]
    contact: int | None
    campaign: int | None
    script: int | None
    appointment: AppointmentPlan | None = None
    # What the server is told but does not store (the policy reads them).
    about_contract: bool = False
    analogous_offer: bool = False


@dataclass
class ProspectPlan:
    row: dict[str, Any]
    contacts: list[dict[str, Any]]
    status_changes: list[dict[str, Any]]
    consents: list[ConsentPlan]
    interactions: list[InteractionPlan]
    campaigns: list[int]  # indexes of the campaigns it is a member of


@dataclass
class TraineeWorld:
    number: int
    personas: list[dict[str, Any]]
    scripts: list[tuple[int | None, dict[str, Any]]]  # (persona index, row)
    campaigns: list[tuple[int | None, int | None, dict[str, Any]]]  # (persona, script, row)
    prospects: list[ProspectPlan]


@dataclass
class ProspectSeedReport:
    """Rows written per table (and trainees seeded or skipped because they have a file)."""

    trainees_seeded: int = 0
    trainees_skipped: int = 0
    prospects: int = 0
    contacts: int = 0
    status_changes: int = 0
    consents: int = 0
    interactions: int = 0
    appointments: int = 0
    personas: int = 0
    call_scripts: int = 0
    campaigns: int = 0
    campaign_members: int = 0

    def add(self, other: ProspectSeedReport) -> None:
        for f in fields(self):
            setattr(self, f.name, getattr(self, f.name) + getattr(other, f.name))

    def summary(self) -> str:
        """One French line for the command line."""
        if not self.trainees_seeded:
            return (
                f"prospects : rien à ajouter ({self.trainees_skipped} stagiaire(s) ont déjà "
                "un fichier)"
            )
        return (
            f"prospects : {self.prospects} créé(s) pour {self.trainees_seeded} stagiaire(s) "
            f"({self.contacts} contacts, {self.interactions} interactions, "
            f"{self.appointments} rendez-vous, {self.consents} consentements, "
            f"{self.status_changes} changements de statut, {self.personas} personas, "
            f"{self.call_scripts} scripts, {self.campaigns} campagnes, "
            f"{self.campaign_members} membres de campagne)"
        )


# ------------------------------------------------------------------ the policy, as of a moment


def consent_at(
    consents: Sequence[ConsentPlan], contact: int | None, channel: Channel, at: datetime
) -> policy.ConsentState | None:
    """The person's consent for prospecting on ``channel`` as it stood at ``at``: the latest
    record given at or before it (the server's "current consent" at that moment)."""
    if channel.value not in CONSENT_CHANNELS:
        return None
    latest: ConsentPlan | None = None
    for record in consents:
        if (
            record.contact == contact
            and record.purpose is ConsentPurpose.PROSPECTING
            and record.channel.value == channel.value
            and record.given_at <= at
            and (latest is None or record.given_at >= latest.given_at)
        ):
            latest = record
    return policy.ConsentState(latest.status, latest.lawful_basis) if latest else None


@dataclass
class _Facts:
    """What the policy reads about a prospect, as the walk through its history goes."""

    b2b: bool
    bloctel_opposed: bool | None
    bloctel_checked_on: date | None
    ongoing_contract: bool
    customer_since: date | None = None
    objected_at: datetime | None = None
    contact_objected_at: dict[int, datetime] = field(default_factory=dict)


def _decide(
    facts: _Facts,
    consents: Sequence[ConsentPlan],
    contact: int | None,
    channel: Channel,
    at: datetime,
    settings: Settings,
    *,
    analogous_offer: bool = False,
    about_contract: bool = False,
) -> policy.Decision:
    objected = (facts.objected_at is not None and facts.objected_at <= at) or (
        contact is not None
        and contact in facts.contact_objected_at
        and facts.contact_objected_at[contact] <= at
    )
    return policy.decide(
        policy.ContactContext(
            b2b=facts.b2b,
            channel=channel,
            on=at.date(),
            consent=consent_at(consents, contact, channel, at),
            objected=objected,
            existing_customer=facts.customer_since is not None
            and facts.customer_since <= at.date(),
            analogous_offer=analogous_offer,
            ongoing_contract=facts.ongoing_contract,
            about_contract=about_contract,
            bloctel_opposed=facts.bloctel_opposed,
            bloctel_checked_on=facts.bloctel_checked_on,
            bloctel_max_age_days=settings.bloctel_max_age_days,
        )
    )


# ------------------------------------------------------------------ texts

# Notes by outcome; "pro:" ones only for companies, "perso:" ones only for individuals.
NOTES: dict[Outcome, tuple[str, ...]] = {
    O.NO_ANSWER: (
        "Messagerie, pas de message laissé.",
        "Pas de réponse ; nouvelle tentative prévue.",
        "Messagerie : message court laissé avec mon numéro direct.",
        "Ligne occupée à deux reprises.",
    ),
    O.GATEKEEPER: (
        "Barrage du standard : {contact} est en rendez-vous extérieur, rappeler en fin de matinée.",
        "L'assistante filtre les appels et demande un e-mail de présentation avant de transmettre.",
        "Secrétariat : le dirigeant n'est joignable qu'en fin de journée.",
        "Standard : « il est sur un chantier », pas de ligne directe communiquée.",
    ),
    O.CALLBACK: (
        "Intéressé mais occupé, demande à être rappelé.",
        "pro:Échange bref avec {contact} : veut en parler à son associé avant d'aller plus loin.",
        "perso:Intéressé, veut en parler en famille avant d'aller plus loin.",
        "Bon accueil ; souhaite une proposition chiffrée avant d'en reparler.",
        "pro:Pas le bon moment (clôture du mois), rappel convenu.",
        "perso:Pas disponible ce soir, préfère être rappelé en fin de semaine.",
    ),
    O.INFO_SENT: (
        "Documentation sur {produit} envoyée comme convenu.",
        "Grille tarifaire et références de clients de la région envoyées.",
        "pro:Plaquette envoyée ; {contact} la transmettra à la direction.",
        "Devis indicatif envoyé après l'échange.",
    ),
    O.OBJECTION: (
        "Objection prix : « c'est trop cher » — reformulé sur le coût global ; à retravailler.",
        "Objection « déjà équipé » : contrat en cours ; comparaison sans engagement proposée.",
        "Objection « pas le temps » : proposé un rendez-vous de 20 minutes à l'heure choisie.",
        "Objection confiance (mauvaise expérience avec un démarcheur) : avis clients et "
        "certifications envoyés.",
    ),
    O.APPOINTMENT: (
        "Rendez-vous fixé le {rdv} pour présenter {produit}.",
        "Accepte une démonstration sur place le {rdv}.",
        "pro:Rendez-vous pris le {rdv} avec {contact}, confirmation envoyée.",
        "perso:Rendez-vous pris à domicile le {rdv}, confirmation envoyée.",
    ),
    O.QUALIFIED: (
        "pro:Découverte complète : besoin confirmé, budget identifié, décideur rencontré.",
        "Entretien de découverte mené (BANT) : projet réel, calendrier précisé.",
        "Qualification faite : le besoin et le budget sont validés, en attente de proposition.",
    ),
    O.NOT_INTERESTED: (
        "Pas intéressé : vient de s'engager avec un concurrent.",
        "Pas de besoin : aucun projet prévu cette année.",
        "Refus net, ne souhaite pas donner suite.",
    ),
    O.WRONG_TARGET: (
        "pro:Hors cible : activité en cours de cession.",
        "pro:Hors cible : ne décide pas de ce type d'achat (décision prise au siège).",
        "perso:Hors cible : locataire, ne décide pas de ce type d'achat.",
        "Hors cible : besoin sans rapport avec notre offre.",
    ),
}
NO_REPLY_NOTES = (
    "Pas de réponse à ce jour.",
    "Sans retour pour l'instant ; relance prévue.",
    "Message resté sans réponse.",
)
MEETING_NOTES = {
    O.QUALIFIED: "Rendez-vous réalisé : visite faite, besoins et budget validés avec {contact}.",
    O.INFO_SENT: "Rendez-vous réalisé : démonstration faite, proposition à envoyer.",
    O.CALLBACK: "Rendez-vous réalisé : intéressé, souhaite réfléchir avant de s'engager.",
    O.OBJECTION: "Rendez-vous réalisé : bloque sur le prix, solution de financement à préparer.",
}
CUSTOMER_NOTES = (
    "Point de suivi : client satisfait de la mise en service.",
    "Suivi du contrat : question sur la facturation, réglée pendant l'échange.",
    "Proposition d'une option complémentaire au contrat en cours.",
    "Bilan annuel avec le client ; pas de réclamation.",
)
INBOUND_NOTES = {
    C.PHONE: (
        "Appel entrant : {contact} rappelle suite à notre message.",
        "Appel entrant après la visite de notre site.",
    ),
    C.EMAIL: (
        "E-mail entrant : demande d'informations complémentaires.",
        "Réponse par e-mail à notre dernier message.",
    ),
    C.SMS: ("SMS entrant : demande à être recontacté.",),
    C.VISIT: ("Passage spontané à l'agence.",),
}
NEXT_STEPS = {
    O.NO_ANSWER: "Nouvelle tentative à un autre moment de la journée",
    O.GATEKEEPER: "Rappeler en direct en fin de journée",
    O.CALLBACK: "Rappeler pour fixer un rendez-vous",
    O.INFO_SENT: "Relancer après lecture de la documentation",
    O.OBJECTION: "Préparer une réponse chiffrée à l'objection",
    O.QUALIFIED: "Envoyer la proposition commerciale",
}
AUTHORITY_B2B = (
    "Décide seul (dirigeant)",
    "Décision conjointe avec l'associé",
    "Validation du DAF au-delà de 10 000 €",
    "Le responsable prescrit, la direction signe",
)
AUTHORITY_B2C = ("Décision du couple", "Décide seul", "Décision avec un enfant, qui l'aide")
TIMINGS = (
    "Avant la fin de l'année",
    "Au premier trimestre 2027",
    "Pour le printemps 2027",
    "Au renouvellement du contrat actuel, mi-2027",
    "Dès que possible",
)
ACCESSIBILITY = (
    (
        "Malentendant : préfère les échanges écrits.",
        "Échanges par e-mail et SMS ; au rendez-vous, support écrit et visage bien visible.",
    ),
    (
        "Se déplace en fauteuil roulant.",
        "Rendez-vous dans un local de plain-pied, place de stationnement réservée vérifiée.",
    ),
    (
        "Malvoyante : lit difficilement les petits caractères.",
        "Documents envoyés en gros caractères (corps 18) et version numérique lisible par "
        "synthèse vocale.",
    ),
    (
        "Difficultés de compréhension de l'écrit.",
        "Explications orales reformulées, documents simplifiés avec pictogrammes.",
    ),
)
LOST_REASONS = (
    "Prix jugé trop élevé",
    "A choisi un concurrent",
    "Pas de besoin avant 2028",
    "Projet abandonné faute de budget",
    "Injoignable après plusieurs relances",
)
OBJECTION_REASON = "Opposition à la prospection (RGPD art. 21)"
INACTIVE_REASONS = (
    "Sans projet à court terme : relancer dans six mois",
    "Injoignable depuis plusieurs semaines",
    "Projet reporté à l'an prochain",
)
ENDED_REASONS = ("Contrat non renouvelé", "Client parti à la concurrence", "Activité cédée")
EVENTS_FR = (
    "Salon des entrepreneurs de Lyon",
    "Foire internationale de Lyon",
    "Foire de Grenoble",
    "Salon de l'habitat de Saint-Étienne",
    "Forum des artisans de l'Ain",
)


# ------------------------------------------------------------------ generation


@dataclass
class _Step:
    """One step of a prospect's planned history."""

    kind: str  # "event" (an interaction), "meeting" (the appointment itself), "status"
    outcome: Outcome | None = None
    status: ProspectStatus | None = None
    reason: str | None = None
    objection: bool = False


class _WorldBuilder:
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

    # ---------------------------------------------------------------- personas, scripts, campaigns

    def build_targeting(self) -> list[tuple[int | None, dict[str, Any]]]:
        count = 3 if self.rng.random() < 0.5 else 2
        created = paris(date(2026, 8, 31), 10, 0)
        for index, spec in enumerate(self.offer["personas"][:count]):
            center_lat = center_lon = radius = None
            postcodes: list[str] = []
            if spec["geo"] == "radius":
                center_lat, center_lon = self.home.latitude, self.home.longitude
                radius = float(spec["radius_km"])
            elif spec["geo"] == "department":
                postcodes = [self.home.department]
            else:
                postcodes = list(spec["postcodes"])
            sector_labels = [self.sectors[key]["label"] for key in spec["sectors"]]
            lo, hi = spec["potential"]
            row = {
                "name": f"{spec['name']} — {self.territory['label']}"[:150],
                "description": spec["description"],
                "kind": ProspectKind(spec["kind"]),
                "sectors": sector_labels,
                "size_bands": list(spec["size_bands"]),
                "postcodes": postcodes,
                "center_latitude": center_lat,
                "center_longitude": center_lon,
                "radius_km": radius,
                "potential_min": Decimal(lo).quantize(Decimal("0.01")),
                "potential_max": Decimal(hi).quantize(Decimal("0.01")),
                "created_at": created + timedelta(minutes=5 * index),
                "updated_at": created + timedelta(minutes=5 * index),
                "version": 1,
            }
            self.personas.append(row)
            self.persona_kinds.append(row["kind"])
            self.persona_criteria.append(
                rules.PersonaCriteria(
                    sectors=sector_labels,
                    size_bands=row["size_bands"],
                    postcodes=postcodes,
                    center=(center_lat, center_lon)
                    if center_lat is not None and center_lon is not None
                    else None,
                    radius_km=radius,
                    potential_min=row["potential_min"],
                    potential_max=row["potential_max"],
                )
            )
        scripts: list[tuple[int | None, dict[str, Any]]] = []
        for index, spec in enumerate(self.offer["scripts"]):
            persona = spec["persona"] if spec["persona"] < count else None
            moment = paris(date(2026, 9, 1), 14, 0) + timedelta(minutes=10 * index)
            steps = [{"kind": kind, "text": self.text(text)} for kind, text in spec["steps"]]
            scripts.append(
                (
                    persona,
                    {
                        "name": spec["name"],
                        "steps": steps,
                        "created_at": moment,
                        "updated_at": moment,
                        "version": 1,
                    },
                )
            )
        specs = self.offer["campaigns"]
        chosen = specs if self.rng.random() < 0.6 else specs[:1]
        for spec in chosen:
            persona = spec["persona"] if spec["persona"] < count else None
            starts = date.fromisoformat(spec["starts_on"])
            moment = paris(starts - timedelta(days=3), 11, 0)
            self.campaigns.append(
                (
                    persona,
                    spec["script"],
                    {
                        "name": spec["name"],
                        "channel": Channel(spec["channel"]),
                        "saved_filter": {},
                        "starts_on": starts,
                        "ends_on": date.fromisoformat(spec["ends_on"]),
                        "message_template": spec["message_template"],
                        "analogous_offer": spec["analogous_offer"],
                        "objective_contacts": spec["objective_contacts"],
                        "objective_appointments": spec["objective_appointments"],
                        "created_at": moment,
                        "updated_at": moment,
                        "version": 1,
                    },
                )
            )
            self.campaign_members.append(0)
        return scripts

    # ---------------------------------------------------------------- one prospect

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

    def collection(self, status: ProspectStatus, old_customer: bool, archive: bool) -> datetime:
        if archive:
            start, end = date(2023, 3, 1), date(2023, 9, 29)
        elif old_customer:
            start, end = date(2025, 1, 6), date(2026, 4, 30)
        elif status is S.SUSPECT:
            start, end = date(2026, 2, 2), REFERENCE_DATE - timedelta(days=3)
        elif status is S.CUSTOMER:
            start, end = date(2026, 1, 5), date(2026, 9, 18)
        else:
            start, end = date(2026, 1, 5), REFERENCE_DATE - timedelta(days=40)
        day = self.rng.choice(working_days(start, end))
        return paris(day, self.rng.randint(8, 17), self.rng.randint(0, 59))

    def plan_steps(
        self, status: ProspectStatus, b2b: bool, variant: str
    ) -> tuple[ProspectStatus, list[_Step]]:
        """The initial status and the steps that lead to ``status``."""
        rng = self.rng

        def unreached() -> _Step:
            gatekeeper = b2b and rng.random() < 0.35
            return _Step("event", O.GATEKEEPER if gatekeeper else O.NO_ANSWER)

        def reached(*choices: Outcome) -> _Step:
            return _Step("event", rng.choice(choices or (O.CALLBACK, O.INFO_SENT, O.OBJECTION)))

        def meeting_pair(*outcomes: Outcome) -> list[_Step]:
            return [
                _Step("event", O.APPOINTMENT),
                _Step("meeting", rng.choice(outcomes or (O.INFO_SENT, O.CALLBACK, O.OBJECTION))),
            ]

        steps: list[_Step] = []
        initial = S.SUSPECT
        if status is S.SUSPECT:
            if variant == "contacted":
                steps = [unreached() for _ in range(rng.randint(3, 4))]
        elif status is S.PROSPECT:
            if variant == "direct":
                initial = S.PROSPECT
            else:
                steps = [unreached() for _ in range(rng.randint(0, 2))]
            steps.append(reached(O.CALLBACK, O.INFO_SENT))
            for _ in range(rng.randint(1, 3)):
                if rng.random() < 0.2:
                    steps += meeting_pair()
                else:
                    steps.append(reached())
            if variant == "hot":
                steps.append(_Step("event", O.APPOINTMENT))
        elif status is S.QUALIFIED:
            steps = [unreached() for _ in range(rng.randint(0, 1))]
            steps.append(reached(O.CALLBACK, O.INFO_SENT))
            if rng.random() < 0.4:
                steps += meeting_pair(O.QUALIFIED)
            else:
                steps.append(_Step("event", O.QUALIFIED))
            for _ in range(rng.randint(0, 2)):
                steps.append(reached(O.CALLBACK, O.INFO_SENT, O.OBJECTION))
            if variant == "hot":
                steps.append(_Step("event", O.APPOINTMENT))
        elif status is S.CUSTOMER:
            if variant in ("old", "old-hot"):
                initial = S.CUSTOMER  # its history before the window is written apart
                steps = [reached(O.CALLBACK, O.INFO_SENT) for _ in range(rng.randint(2, 4))]
                if variant == "old-hot":
                    steps.append(_Step("event", O.APPOINTMENT))
            else:
                steps = [unreached() for _ in range(rng.randint(0, 1))]
                steps.append(reached(O.CALLBACK, O.INFO_SENT))
                steps.append(_Step("event", O.QUALIFIED))
                steps += meeting_pair(O.QUALIFIED, O.INFO_SENT)
                steps.append(_Step("status", status=S.CUSTOMER, reason="Bon de commande signé"))
                if rng.random() < 0.6:
                    steps.append(reached(O.CALLBACK, O.INFO_SENT))
        elif status is S.INACTIVE:
            if variant == "former-customer":
                initial = S.CUSTOMER
                steps = [reached(O.CALLBACK, O.INFO_SENT), reached(O.OBJECTION, O.CALLBACK)]
                steps.append(unreached())
                steps.append(_Step("status", status=S.INACTIVE, reason=rng.choice(ENDED_REASONS)))
            else:
                steps = [unreached() for _ in range(rng.randint(0, 1))]
                steps.append(reached(O.CALLBACK, O.INFO_SENT))
                steps.append(reached(O.CALLBACK))
                steps += [unreached(), unreached()]
                steps.append(
                    _Step("status", status=S.INACTIVE, reason=rng.choice(INACTIVE_REASONS))
                )
        elif status is S.LOST:
            if variant == "archive":
                return S.SUSPECT, []
            if variant == "wrong-target":
                steps = [unreached() for _ in range(rng.randint(1, 2))]
                steps.append(_Step("event", O.WRONG_TARGET))
                steps.append(_Step("status", status=S.LOST, reason="Hors cible après vérification"))
            elif variant == "objection":
                steps = [unreached() for _ in range(rng.randint(0, 1))]
                steps.append(reached(O.CALLBACK, O.INFO_SENT))
                steps.append(_Step("event", O.NOT_INTERESTED, objection=True))
                steps.append(_Step("status", status=S.LOST, reason=OBJECTION_REASON))
            else:
                steps = [unreached() for _ in range(rng.randint(0, 2))]
                steps.append(reached(O.CALLBACK, O.INFO_SENT))
                steps.append(reached(O.OBJECTION))
                steps.append(_Step("event", O.NOT_INTERESTED))
                steps.append(_Step("status", status=S.LOST, reason=rng.choice(LOST_REASONS)))
        return initial, steps

    def variant_for(self, status: ProspectStatus, b2b: bool) -> str:
        r = self.rng.random()
        if status is S.SUSPECT:
            return "contacted" if r < 0.55 else "new"
        if status is S.PROSPECT:
            return "hot" if r < 0.25 else "direct" if r < 0.4 and not b2b else "plain"
        if status is S.QUALIFIED:
            return "hot" if r < 0.35 else "plain"
        if status is S.CUSTOMER:
            return "new" if r < 0.4 else "old-hot" if r < 0.46 else "old"
        if status is S.INACTIVE:
            return "former-customer" if r < 0.3 else "plain"
        if r < 0.13:
            return "archive"
        if r < 0.3:
            return "wrong-target"
        if r < 0.42:
            return "objection"
        return "plain"

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

    # ---------------------------------------------------------------- consents

    def consent(
        self,
        plan: ProspectPlan,
        contact: int | None,
        channel: ConsentChannel,
        status: ConsentStatus,
        at: datetime,
        method: ConsentMethod,
        text_version: str,
        proof: str,
        *,
        purpose: ConsentPurpose = ConsentPurpose.PROSPECTING,
        basis: LawfulBasis = LawfulBasis.CONSENT,
    ) -> None:
        # Keep one record per instant and person: "latest" must never be ambiguous.
        taken = {(c.contact, c.given_at) for c in plan.consents}
        while (contact, at) in taken:
            at += timedelta(seconds=1)
        plan.consents.append(
            ConsentPlan(contact, purpose, channel, status, at, basis, method, text_version, proof)
        )

    def initial_consents(
        self, plan: ProspectPlan, source: ProspectSource, created: datetime
    ) -> None:
        """What the person agreed to (or refused) when their details were collected."""
        rng = self.rng
        at = created + timedelta(minutes=2)
        stamp = at.strftime("%Y-%m-%dT%H:%M:%SZ")
        if plan.row["kind"] is ProspectKind.INDIVIDUAL:
            if source in (ProspectSource.INBOUND, ProspectSource.SOCIAL):
                method = ConsentMethod.WEB_FORM
                version = (
                    "formulaire-2025-10"
                    if created.date() < date(2026, 3, 1)
                    else "formulaire-2026-03"
                    if created.date() < date(2026, 9, 1)
                    else "formulaire-2026-09"
                )
                reference = f"WF-{rng.randint(10000, 99999)}"
                proof = (
                    f"Formulaire web « demande de rappel », horodatage {stamp}, réf. {reference}"
                )
                p_email, p_phone, p_sms = 0.9, 0.7, 0.4
            elif source is ProspectSource.EVENT:
                method, version = ConsentMethod.WRITTEN, f"bulletin-salon-{created.year}"
                proof = f"Bulletin papier n° {rng.randint(100, 2999):04d} — {rng.choice(EVENTS_FR)}"
                p_email, p_phone, p_sms = 0.8, 0.6, 0.3
            elif source in (ProspectSource.IMPORT, ProspectSource.CAMPAIGN):
                method, version = ConsentMethod.IMPORT, f"partenaire-optin-{created.year}"
                proof = f"Fichier partenaire optin-{created.year}.csv, ligne {rng.randint(2, 4800)}"
                p_email, p_phone, p_sms = 0.85, 0.0, 0.3
            else:  # referral: nothing yet, the person will call in
                return
            for channel, p_grant in (
                (ConsentChannel.EMAIL, p_email),
                (ConsentChannel.PHONE, p_phone),
                (ConsentChannel.SMS, p_sms),
            ):
                if channel is ConsentChannel.EMAIL and not plan.row["email"]:
                    continue
                if channel is not ConsentChannel.EMAIL and not plan.row["phone"]:
                    continue
                r = rng.random()
                if r < p_grant:
                    self.consent(
                        plan, None, channel, ConsentStatus.GRANTED, at, method, version, proof
                    )
                elif r < p_grant + 0.12 and method is not ConsentMethod.IMPORT:
                    self.consent(
                        plan, None, channel, ConsentStatus.REFUSED, at, method, version, proof
                    )
            if method is not ConsentMethod.IMPORT and rng.random() < 0.4:
                self.consent(
                    plan, None, ConsentChannel.EMAIL, ConsentStatus.REFUSED, at, method, version,
                    proof, purpose=ConsentPurpose.PARTNERS,
                )  # fmt: skip
            if plan.row["email"] and rng.random() < 0.3:
                self.consent(
                    plan, None, ConsentChannel.EMAIL, ConsentStatus.GRANTED, at, method, version,
                    proof, purpose=ConsentPurpose.NEWSLETTER,
                )  # fmt: skip
            self.maybe_withdraw(plan, None)
            return
        # Companies: consent belongs to people. Some contacts met at a fair agreed to SMS,
        # some asked not to be e-mailed or called; a few companies refused mail.
        for index, contact in enumerate(plan.contacts):
            r = rng.random()
            if source is ProspectSource.EVENT and contact["phone"] and r < 0.5:
                self.consent(
                    plan, index, ConsentChannel.SMS, ConsentStatus.GRANTED, at,
                    ConsentMethod.WRITTEN, f"carte-contact-salon-{created.year}",
                    f"Carte de contact signée — {rng.choice(EVENTS_FR)}",
                )  # fmt: skip
            elif contact["phone"] and r < 0.12:
                self.consent(
                    plan, index, ConsentChannel.SMS, ConsentStatus.GRANTED, at,
                    ConsentMethod.VERBAL, f"script-appel-{created.year}",
                    f"Accord oral noté lors de l'appel du {at:%d/%m/%Y}",
                )  # fmt: skip
            if contact["email"] and rng.random() < 0.08:
                self.consent(
                    plan, index, ConsentChannel.EMAIL, ConsentStatus.GRANTED, at,
                    ConsentMethod.WEB_FORM, "lettre-info-2026",
                    f"Inscription à la lettre d'information, horodatage {stamp}",
                    purpose=ConsentPurpose.NEWSLETTER,
                )  # fmt: skip
            self.maybe_refuse_contact(plan, index, created)
            self.maybe_withdraw(plan, index)
        if rng.random() < 0.03:
            self.consent(
                plan, None, ConsentChannel.POSTAL, ConsentStatus.REFUSED,
                self.later(created, 10, 60), ConsentMethod.WRITTEN, "",
                "Courrier retourné avec la mention « pas de publicité, merci »",
                basis=LawfulBasis.LEGITIMATE_INTEREST,
            )  # fmt: skip

    def later(self, after: datetime, min_days: int, max_days: int) -> datetime:
        """A working-hours moment ``min_days``–``max_days`` after ``after``, before the
        reference date."""
        start = paris_date(after) + timedelta(days=min_days)
        end = min(paris_date(after) + timedelta(days=max_days), WINDOW_END)
        days = working_days(start, end) or [min(start, WINDOW_END)]
        return paris(self.rng.choice(days), self.rng.randint(8, 18), self.rng.randint(0, 59))

    def maybe_refuse_contact(self, plan: ProspectPlan, index: int, created: datetime) -> None:
        rng = self.rng
        contact = plan.contacts[index]
        r = rng.random()
        if contact["email"] and r < 0.06:
            at = self.later(max(created, paris(WINDOW_START, 9)), 0, 90)
            self.consent(
                plan, index, ConsentChannel.EMAIL, ConsentStatus.REFUSED, at,
                ConsentMethod.WRITTEN, "",
                f"Réponse à notre e-mail du {at:%d/%m/%Y} : « merci de ne plus m'écrire »",
                basis=LawfulBasis.LEGITIMATE_INTEREST,
            )  # fmt: skip
        elif contact["phone"] and r < 0.09:
            at = self.later(max(created, paris(WINDOW_START, 9)), 0, 90)
            self.consent(
                plan, index, ConsentChannel.PHONE, ConsentStatus.REFUSED, at,
                ConsentMethod.VERBAL, "",
                f"Demande orale du {at:%d/%m/%Y} : ne plus être appelé sur son portable",
                basis=LawfulBasis.LEGITIMATE_INTEREST,
            )  # fmt: skip

    def maybe_withdraw(self, plan: ProspectPlan, contact: int | None) -> None:
        """Some people withdraw a consent they had given (unsubscribe link, STOP, orally)."""
        granted = [
            c
            for c in plan.consents
            if c.contact == contact
            and c.status is ConsentStatus.GRANTED
            and c.purpose is ConsentPurpose.PROSPECTING
        ]
        if not granted or self.rng.random() >= (0.2 if contact is None else 0.1):
            return
        grant = self.rng.choice(granted)
        at = self.later(max(grant.given_at, paris(WINDOW_START, 9)), 5, 100)
        if at <= grant.given_at:
            return
        how = {
            ConsentChannel.EMAIL: (ConsentMethod.WEB_FORM, "Lien de désinscription de l'e-mail"),
            ConsentChannel.SMS: (ConsentMethod.WRITTEN, "Réponse « STOP » au SMS"),
            ConsentChannel.PHONE: (ConsentMethod.VERBAL, "Demande orale pendant un appel"),
            ConsentChannel.POSTAL: (ConsentMethod.WRITTEN, "Courrier de la personne"),
        }[grant.channel]
        self.consent(
            plan, contact, grant.channel, ConsentStatus.WITHDRAWN, at, how[0], grant.text_version,
            f"{how[1]} du {at:%d/%m/%Y}",
        )  # fmt: skip

    # ---------------------------------------------------------------- the history

    def status_change(
        self,
        plan: ProspectPlan,
        from_status: ProspectStatus | None,
        to_status: ProspectStatus,
        at: datetime,
        reason: str | None = None,
    ) -> None:
        if from_status is not None and to_status not in rules.allowed_transitions(from_status):
            raise AssertionError(f"illegal transition {from_status} -> {to_status}")
        plan.status_changes.append(
            {"from_status": from_status, "to_status": to_status, "reason": reason, "changed_at": at}
        )

    def early_history(
        self,
        plan: ProspectPlan,
        initial: ProspectStatus,
        variant: str,
        created: datetime,
        facts: _Facts,
    ) -> None:
        """The first status, and the history before the interaction window (customers of
        long standing, 2023 archives)."""
        if variant == "archive":
            first = self.later_any(created, 7, 40)
            self.status_change(plan, None, S.SUSPECT, created)
            self.status_change(plan, S.SUSPECT, S.PROSPECT, first)
            reason = "Sans suite après plusieurs relances (2023)"
            self.status_change(plan, S.PROSPECT, S.LOST, self.later_any(first, 20, 90), reason)
            plan.row["lost_reason"] = reason
            return
        if initial is not S.CUSTOMER:
            self.status_change(plan, None, initial, created)
            return
        # A customer before the window: suspect, prospect, qualified, customer.
        prospect_at = self.later_any(created, 5, 30)
        qualified_at = self.later_any(prospect_at, 7, 45)
        customer_at = self.later_any(qualified_at, 7, 60)
        limit = paris(WINDOW_START - timedelta(days=7), 10)
        customer_at = min(customer_at, limit)
        qualified_at = min(qualified_at, customer_at - timedelta(days=3))
        prospect_at = min(prospect_at, qualified_at - timedelta(days=3))
        self.status_change(plan, None, S.SUSPECT, created)
        self.status_change(plan, S.SUSPECT, S.PROSPECT, prospect_at)
        self.status_change(plan, S.PROSPECT, S.QUALIFIED, qualified_at)
        self.status_change(plan, S.QUALIFIED, S.CUSTOMER, customer_at, "Contrat signé")
        facts.customer_since = paris_date(customer_at)
        plan.row["customer_since"] = facts.customer_since
        # Only a current customer has a contract running (the policy reads the current state).
        facts.ongoing_contract = variant != "former-customer" and self.rng.random() < 0.7

    def later_any(self, after: datetime, min_days: int, max_days: int) -> datetime:
        start = paris_date(after) + timedelta(days=min_days)
        days = working_days(start, start + timedelta(days=max_days - min_days))
        return paris(self.rng.choice(days), self.rng.randint(8, 18), self.rng.randint(0, 59))

    def event_days(self, count: int, start: date, hot: bool) -> list[date]:
        """``count`` distinct working days in the window after ``start``; the last one in
        the three weeks before the reference date when ``hot``."""
        first = max(start + timedelta(days=1), WINDOW_START)
        if hot:
            recent = working_days(
                max(first, REFERENCE_DATE - timedelta(days=20)), REFERENCE_DATE - timedelta(days=2)
            )
            last = self.rng.choice(recent)
            before = working_days(first, last - timedelta(days=1))
            picked = sorted(self.rng.sample(before, min(count - 1, len(before))))
            return [*picked, last]
        end = WINDOW_END
        days = working_days(first, end)
        # Spread the history over a part of the window, not always up to yesterday.
        if len(days) > count + 10 and self.rng.random() < 0.35:
            days = days[: self.rng.randint(count + 5, len(days))]
        return sorted(self.rng.sample(days, min(count, len(days))))

    def walk(
        self,
        plan: ProspectPlan,
        facts: _Facts,
        steps: list[_Step],
        start: datetime,
        planned: ProspectStatus,
        variant: str,
        candidates: list[int],
    ) -> None:
        """Date the steps, choose channels the policy allows, and follow the statuses."""
        rng = self.rng
        dated = [s for s in steps if s.kind != "status"]
        days = (
            self.event_days(len(dated), paris_date(start), hot=variant.endswith("hot"))
            if dated
            else []
        )
        # Too few days available: drop the first unreached attempts (they change nothing).
        while len(days) < len(dated):
            drop = next(
                (s for s in dated if s.outcome in rules.UNREACHED_OUTCOMES and s.kind == "event"),
                None,
            )
            if drop is None:
                raise AssertionError("not enough days for a prospect's history")
            steps = [s for s in steps if s is not drop]
            dated = [s for s in dated if s is not drop]
        when = dict(zip(map(id, dated), days, strict=True))
        status = plan.status_changes[-1]["to_status"]
        previous_end: datetime | None = None
        pending_appointment: InteractionPlan | None = None
        for position, step in enumerate(steps):
            if step.kind == "status":
                assert step.status is not None
                assert previous_end is not None
                at = previous_end + timedelta(minutes=rng.randint(15, 90))
                self.status_change(plan, status, step.status, at, step.reason)
                if step.status is S.CUSTOMER and facts.customer_since is None:
                    facts.customer_since = paris_date(at)
                    plan.row["customer_since"] = facts.customer_since
                    facts.ongoing_contract = rng.random() < 0.6
                if status is S.CUSTOMER:
                    plan.row["relationship_ended_at"] = at
                if step.status is S.LOST:
                    plan.row["lost_reason"] = step.reason
                status = step.status
                previous_end = at
                continue
            assert step.outcome is not None
            day = when[id(step)]
            self.confirm_memberships(plan, facts, candidates, day, status)
            following = next((s for s in steps[position + 1 :] if s.kind != "status"), None)
            interaction = self.interaction(
                plan, facts, step, day, pending_appointment, following, when, planned
            )
            if step.kind == "meeting":
                pending_appointment = None
            if interaction is None:
                continue
            if interaction.row["outcome"] is O.APPOINTMENT:
                pending_appointment = interaction
            occurred = interaction.row["occurred_at"]
            previous_end = occurred + timedelta(minutes=interaction.row["duration_minutes"] or 2)
            # Status moves as the server moves it (interactions._advance_status).
            outcome = interaction.row["outcome"]
            target = None
            if outcome is O.QUALIFIED and S.QUALIFIED in rules.allowed_transitions(status):
                target = S.QUALIFIED
            elif status is S.SUSPECT and outcome not in (
                rules.UNREACHED_OUTCOMES | rules.CLOSING_OUTCOMES
            ):
                target = S.PROSPECT
            if target is not None:
                self.status_change(plan, status, target, occurred)
                status = target
            if step.objection:
                # The person objects: the individual, or the company's contact on the line.
                objected_at = previous_end + timedelta(minutes=1)
                person = interaction.contact
                if facts.b2b and person is not None:
                    facts.contact_objected_at[person] = objected_at
                    plan.contacts[person]["objected_at"] = objected_at
                else:
                    facts.objected_at = objected_at
                    plan.row["objected_at"] = objected_at
        self.confirm_memberships(plan, facts, candidates, date.max, status)

    def campaign_candidates(self, row: dict[str, Any]) -> list[int]:
        """The campaigns whose target the prospect is in: the persona's kind, a match score of
        50 or more (the server's targeting), collected before the campaign's start."""
        out = []
        for index, (persona, _script, campaign) in enumerate(self.campaigns):
            if persona is None or row["created_at"] >= paris(campaign["starts_on"], 8, 30):
                continue
            kind = self.persona_kinds[persona]
            if kind is not None and row["kind"] is not kind:
                continue
            score = rules.match_score(
                self.persona_criteria[persona],
                sector=row["sector"],
                size_band=row["size_band"].value if row["size_band"] else None,
                postcode=row["postcode"],
                latitude=row["latitude"],
                longitude=row["longitude"],
                potential=row["potential"],
            )
            if score >= 50:
                out.append(index)
        return out

    def confirm_memberships(
        self,
        plan: ProspectPlan,
        facts: _Facts,
        candidates: list[int],
        day: date,
        status: ProspectStatus,
    ) -> None:
        """At a campaign's start, a candidate still in play becomes a member if the policy
        allows the campaign's channel then (the server checks each member when it is added);
        a mailing (e-mail, SMS, letter) is sent to it at once."""
        for index in list(candidates):
            campaign = self.campaigns[index][2]
            if campaign["starts_on"] > day:
                continue
            candidates.remove(index)
            channel = campaign["channel"]
            if (
                status in (S.LOST, S.INACTIVE)
                or self.campaign_members[index] >= 45
                or not self.reachable(plan, None, channel)
            ):
                continue
            analogous = campaign["analogous_offer"]
            start = paris(campaign["starts_on"], 8, 30)
            decision = _decide(
                facts, plan.consents, None, channel, start, self.settings,
                analogous_offer=analogous,
            )  # fmt: skip
            if not decision.allowed:
                continue
            plan.campaigns.append(index)
            self.campaign_members[index] += 1
            if channel not in (C.EMAIL, C.SMS, C.POSTAL):
                continue
            # Before 9:00, when the day's calls begin: nothing else happens in between.
            sent = start + timedelta(minutes=self.rng.randint(1, 29))
            decision = _decide(
                facts, plan.consents, None, channel, sent, self.settings,
                analogous_offer=analogous,
            )  # fmt: skip
            if not decision.allowed:
                continue
            label = {C.EMAIL: "E-mail", C.SMS: "SMS", C.POSTAL: "Courrier"}[channel]
            plan.interactions.append(
                InteractionPlan(
                    {
                        "channel": channel,
                        "direction": Direction.OUTBOUND,
                        "outcome": O.NO_ANSWER,
                        "occurred_at": sent,
                        "duration_minutes": None,
                        "notes": f"{label} de la campagne « {campaign['name']} » envoyé ; "
                        "pas de réponse à ce jour.",
                        "needs": None,
                        "budget": None,
                        "authority": None,
                        "timing": None,
                        "accessibility_needs": None,
                        "accessibility_adaptation": None,
                        "next_step": "Relancer par téléphone",
                        "next_contact_on": self.follow_up(campaign["starts_on"], far=False),
                        "policy_rule": decision.rule,
                        "created_at": sent,
                    },
                    contact=None,
                    campaign=index,
                    script=None,
                    analogous_offer=analogous,
                )
            )

    def interaction(
        self,
        plan: ProspectPlan,
        facts: _Facts,
        step: _Step,
        day: date,
        appointment: InteractionPlan | None,
        following: _Step | None,
        when: dict[int, date],
        planned_status: ProspectStatus,
    ) -> InteractionPlan | None:
        rng = self.rng
        b2b = facts.b2b
        assert step.outcome is not None
        outcome = step.outcome
        contact: int | None = None
        if b2b and plan.contacts:
            if outcome is O.GATEKEEPER:
                assistants = [
                    i
                    for i, c in enumerate(plan.contacts)
                    if c["decision_power"] is DecisionPower.NONE
                ]
                contact = rng.choice(assistants) if assistants and rng.random() < 0.5 else None
            else:
                contact = 0 if rng.random() < 0.75 else rng.randrange(len(plan.contacts))
        customer = facts.customer_since is not None and facts.customer_since <= day
        meeting = step.kind == "meeting"
        # Now and then the prospect cancels (never the meeting that qualifies them).
        cancelled = (
            meeting and appointment is not None and outcome is not O.QUALIFIED
        ) and rng.random() < 0.08
        hour, minute = rng.choice(((9, 0), (10, 0), (11, 0), (14, 0), (15, 0), (16, 0), (17, 0)))
        minute = rng.randint(0, 59)
        at = paris(day, hour, minute)
        if meeting and appointment is not None and appointment.appointment is not None:
            at = appointment.appointment.starts_at  # the slot booked by the appointment
        # The planned channel and direction.
        if meeting and not cancelled:
            planned = [C.VISIT]  # appointments are meetings at the prospect's address
            direction = Direction.OUTBOUND
        else:
            inbound_share = 0.0 if outcome in rules.UNREACHED_OUTCOMES else (0.15 if b2b else 0.25)
            direction = Direction.INBOUND if rng.random() < inbound_share else Direction.OUTBOUND
            if direction is Direction.INBOUND:
                first = self.pick({C.PHONE: 60, C.EMAIL: 30, C.SMS: 5, C.VISIT: 5})
                if first is C.EMAIL and not plan.row["email"]:
                    first = C.PHONE
            elif b2b:
                first = self.pick({C.PHONE: 65, C.EMAIL: 20, C.SOCIAL: 5, C.SMS: 3, C.VISIT: 7})
            else:
                first = self.pick({C.PHONE: 55, C.EMAIL: 25, C.SMS: 12, C.POSTAL: 8})
            if first is C.POSTAL and outcome not in (O.NO_ANSWER, O.INFO_SENT):
                first = C.EMAIL
            if outcome is O.APPOINTMENT and direction is Direction.OUTBOUND:
                first = C.PHONE if rng.random() < 0.8 else C.EMAIL
            if outcome is O.GATEKEEPER and first not in (C.PHONE, C.VISIT):
                first = C.PHONE
            planned = [first, C.PHONE, C.EMAIL, C.SMS]
            if outcome in (O.NO_ANSWER, O.INFO_SENT):
                planned.append(C.POSTAL)
        # A campaign the prospect belongs to, running that day, sets the channel.
        campaign_index: int | None = None
        if direction is Direction.OUTBOUND and not meeting:
            for index in plan.campaigns:
                campaign = self.campaigns[index][2]
                fits = campaign["channel"] is not C.POSTAL or outcome in (O.NO_ANSWER, O.INFO_SENT)
                running = campaign["starts_on"] <= day <= campaign["ends_on"]
                if running and fits and rng.random() < 0.75:
                    planned = [campaign["channel"], *planned]
                    campaign_index = index
                    break
        about_contract = customer and facts.ongoing_contract and not b2b and rng.random() < 0.6
        decision: policy.Decision | None = None
        channel = planned[0]
        if direction is Direction.OUTBOUND:
            for candidate in dict.fromkeys(planned):
                if not self.reachable(plan, contact, candidate):
                    continue
                analogous = bool(
                    campaign_index is not None
                    and candidate is self.campaigns[campaign_index][2]["channel"]
                    and self.campaigns[campaign_index][2]["analogous_offer"]
                )
                decision = _decide(
                    facts, plan.consents, contact, candidate, at, self.settings,
                    analogous_offer=analogous, about_contract=about_contract,
                )  # fmt: skip
                if decision.allowed:
                    channel = candidate
                    break
            else:
                decision = None
                if outcome in rules.UNREACHED_OUTCOMES:
                    return None  # nobody to reach by an allowed channel: no attempt
                direction = Direction.INBOUND  # the person got in touch themselves
                channel = C.PHONE if plan.row["phone"] or b2b else C.EMAIL
        if campaign_index is not None and (
            direction is Direction.INBOUND
            or channel is not self.campaigns[campaign_index][2]["channel"]
        ):
            campaign_index = None
        if outcome is O.GATEKEEPER and channel not in (C.PHONE, C.VISIT):
            outcome = O.NO_ANSWER
        if cancelled:
            outcome = O.CALLBACK  # a call to set another date
        # Duration and texts.
        duration: int | None
        if meeting and not cancelled and appointment is not None and appointment.appointment:
            duration = appointment.appointment.duration_minutes
        elif meeting and not cancelled:
            duration = rng.choice((45, 60, 90))
        elif channel is C.PHONE:
            duration = (
                1
                if outcome is O.NO_ANSWER
                else rng.randint(2, 4)
                if outcome is O.GATEKEEPER
                else rng.randint(4, 25)
            )
        elif channel is C.VISIT:
            duration = rng.randint(10, 40)
        elif channel is C.VIDEO:
            duration = rng.randint(20, 50)
        else:
            duration = None
        who = self.contact_label(plan, 0 if outcome is O.GATEKEEPER and plan.contacts else contact)
        if meeting and not cancelled:
            notes = MEETING_NOTES.get(outcome, MEETING_NOTES[O.INFO_SENT]).format(contact=who)
        elif cancelled:
            notes = "Rendez-vous annulé par le prospect la veille ; appel pour le reprogrammer."
        elif direction is Direction.INBOUND:
            opening = rng.choice(INBOUND_NOTES.get(channel, INBOUND_NOTES[C.PHONE]))
            notes = f"{opening.format(contact=who)} {self.note(outcome, b2b, who)}"
        elif customer and outcome in (O.CALLBACK, O.INFO_SENT):
            notes = rng.choice(CUSTOMER_NOTES)
        elif outcome is O.NO_ANSWER and channel is C.VISIT:
            notes = "Passage sur place : personne de disponible, carte de visite laissée."
        elif outcome is O.NO_ANSWER and channel is not C.PHONE:
            notes = rng.choice(NO_REPLY_NOTES)
        else:
            notes = self.note(outcome, b2b, who)
        if channel is C.POSTAL:
            notes = f"Courrier : {notes[0].lower()}{notes[1:]}"
        elif channel is C.EMAIL and direction is Direction.OUTBOUND:
            notes = f"E-mail : {notes[0].lower()}{notes[1:]}"
        elif channel is C.SMS:
            notes = f"SMS : {notes[0].lower()}{notes[1:]}"
        elif channel is C.SOCIAL:
            notes = f"Message LinkedIn : {notes[0].lower()}{notes[1:]}"
        if (
            about_contract
            and decision is not None
            and decision.rule == "b2c-phone-contract-exception"
        ):
            notes += " (appel relatif au contrat en cours)"
        row: dict[str, Any] = {
            "channel": channel,
            "direction": direction,
            "outcome": outcome,
            "occurred_at": at,
            "duration_minutes": duration,
            "notes": notes,
            "needs": None,
            "budget": None,
            "authority": None,
            "timing": None,
            "accessibility_needs": None,
            "accessibility_adaptation": None,
            "next_step": None if outcome in rules.CLOSING_OUTCOMES else NEXT_STEPS.get(outcome),
            "next_contact_on": None,
            "policy_rule": decision.rule if decision else None,
            "created_at": at,
        }
        if outcome is O.QUALIFIED or (outcome is O.CALLBACK and rng.random() < 0.15):
            lo = int(plan.row["potential"] * Decimal("0.8")) // 100 * 100
            hi = int(plan.row["potential"] * Decimal("1.2")) // 100 * 100
            if id(plan) not in self.needs:  # one need per prospect, restated as it is refined
                self.needs[id(plan)] = rng.choice(self.offer["needs"][plan.row["kind"].value])
            row["needs"] = self.needs[id(plan)]
            row["budget"] = f"{lo:,} à {hi:,} € HT".replace(",", " ")
            row["authority"] = rng.choice(AUTHORITY_B2B if b2b else AUTHORITY_B2C)
            row["timing"] = rng.choice(TIMINGS)
        if rng.random() < 0.012:
            needs, adaptation = rng.choice(ACCESSIBILITY)
            row["accessibility_needs"] = needs
            row["accessibility_adaptation"] = adaptation
        script = None
        if campaign_index is not None and channel is C.PHONE:
            script = self.campaigns[campaign_index][1]
        plan_row = InteractionPlan(
            row,
            contact,
            campaign_index,
            script,
            about_contract=about_contract
            and decision is not None
            and decision.rule == "b2c-phone-contract-exception",
            analogous_offer=bool(
                campaign_index is not None and self.campaigns[campaign_index][2]["analogous_offer"]
            ),
        )
        # Next contact: the next planned step, else a date around the reference date.
        if outcome is O.APPOINTMENT:
            plan_row.appointment = self.appointment_for(plan, plan_row, day, following, when, b2b)
            starts = plan_row.appointment.starts_at
            local = paris_date(starts)
            plan_row.row["notes"] = notes.replace(
                "{rdv}", moment_fr(local, *self._local_hm(starts))
            )
            plan_row.row["next_step"] = f"Préparer le rendez-vous du {local:%d/%m/%Y}"
        elif outcome not in rules.CLOSING_OUTCOMES:
            if following is not None:
                plan_row.row["next_contact_on"] = when[id(following)]
            else:
                plan_row.row["next_contact_on"] = self.follow_up(
                    day, far=planned_status is S.INACTIVE
                )
        if meeting and appointment is not None and appointment.appointment is not None:
            appointment.appointment.status = (
                AppointmentStatus.CANCELLED if cancelled else AppointmentStatus.DONE
            )
            if cancelled:
                appointment.appointment.notes += " Annulé par le prospect."
        # A consumer who calls in and has not agreed to calls is asked, and the answer kept.
        if (
            not b2b
            and direction is Direction.INBOUND
            and channel is C.PHONE
            and plan.row["phone"]
            and consent_at(plan.consents, None, C.PHONE, at) is None
        ):
            end = at + timedelta(minutes=(duration or 5) + 1)
            granted = rng.random() < 0.75
            self.consent(
                plan, None, ConsentChannel.PHONE,
                ConsentStatus.GRANTED if granted else ConsentStatus.REFUSED, end,
                ConsentMethod.VERBAL, "script-appel-2026-08",
                f"Appel entrant du {end:%d/%m/%Y} à {self._local_hm_text(end)} — réponse orale "
                "à la question du consentement, notée pendant l'appel",
            )  # fmt: skip
        plan.interactions.append(plan_row)
        return plan_row

    @staticmethod
    def _local_hm(moment: datetime) -> tuple[int, int]:
        local = paris_local(moment)
        return local.hour, local.minute

    def _local_hm_text(self, moment: datetime) -> str:
        hour, minute = self._local_hm(moment)
        return f"{hour} h {minute:02d}"

    def note(self, outcome: Outcome, b2b: bool, who: str) -> str:
        """A note for ``outcome`` that suits a company or an individual."""
        skip = "perso:" if b2b else "pro:"
        choices = [t for t in NOTES[outcome] if not t.startswith(skip)]
        text = re.sub(r"^(pro|perso):", "", self.rng.choice(choices))
        return text.format(contact=who, produit=self.offer["product"], rdv="{rdv}")

    @staticmethod
    def reachable(plan: ProspectPlan, contact: int | None, channel: Channel) -> bool:
        """Whether the file holds what ``channel`` needs (a number, a mobile, an address)."""
        person = plan.contacts[contact] if contact is not None else None
        if channel is C.PHONE:
            return bool(plan.row["phone"] or (person and person["phone"]))
        if channel is C.SMS:
            if person is not None:
                return bool(person["phone"])
            return plan.row["kind"] is ProspectKind.INDIVIDUAL and bool(plan.row["phone"])
        if channel is C.EMAIL:
            return bool(plan.row["email"] or (person and person["email"]))
        return True

    def contact_label(self, plan: ProspectPlan, contact: int | None) -> str:
        if contact is None:
            return "l'interlocuteur" if plan.row["kind"] is ProspectKind.COMPANY else "la personne"
        c = plan.contacts[contact]
        return f"{c['first_name']} {c['last_name']}"

    def follow_up(self, day: date, *, far: bool) -> date:
        """A next-contact date after ``day``: overdue, today, this week or later (months
        later for a prospect put aside)."""
        if far:
            return REFERENCE_DATE + timedelta(days=self.rng.randint(60, 180))
        kind = self.pick({"overdue": 25, "today": 10, "week": 25, "later": 40})
        if kind == "overdue":
            candidate = REFERENCE_DATE - timedelta(days=self.rng.randint(1, 15))
        elif kind == "today":
            candidate = REFERENCE_DATE
        elif kind == "week":
            candidate = REFERENCE_DATE + timedelta(days=self.rng.randint(1, 5))
        else:
            candidate = REFERENCE_DATE + timedelta(days=self.rng.randint(6, 45))
        return max(candidate, day + timedelta(days=1))

    def appointment_for(
        self,
        plan: ProspectPlan,
        interaction: InteractionPlan,
        day: date,
        following: _Step | None,
        when: dict[int, date],
        b2b: bool,
    ) -> AppointmentPlan:
        if following is not None and following.kind == "meeting":
            meeting_day = when[id(following)]
            starts = paris(meeting_day, *(self.slot(meeting_day, evening=not b2b) or (12, 0)))
        else:
            days = working_days(
                max(day + timedelta(days=2), REFERENCE_DATE),
                REFERENCE_DATE + timedelta(days=APPOINTMENT_HORIZON_DAYS),
            )
            starts = paris(days[-1], 17)
            for candidate in self.rng.sample(days, len(days)):
                slot = self.slot(candidate, evening=not b2b)
                if slot is not None:
                    starts = paris(candidate, *slot)
                    break
        return AppointmentPlan(
            starts_at=starts,
            duration_minutes=self.rng.choice((45, 60, 60, 90))
            if b2b
            else self.rng.choice((60, 90)),
            status=AppointmentStatus.PLANNED,
            notes=self.text(
                "Présentation de {produit} ; apporter la grille tarifaire et des références."
            ),
        )

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
            name=row["name"], city=row["city"], siret=row["siret"], potential=row["potential"]
        )
        refresh_derived(probe, self.settings)
        row["priority"] = probe.priority
        row["search_text"] = probe.search_text
        if status is S.CUSTOMER and "client" not in row["tags"]:
            row["tags"] = sorted({*row["tags"], "client"})

    # ---------------------------------------------------------------- the whole file

    def build(self) -> TraineeWorld:
        scripts = self.build_targeting()
        total = self.rng.randint(*PROSPECTS_PER_TRAINEE)
        prospects = [self.prospect() for _ in range(total)]
        return TraineeWorld(self.number, self.personas, scripts, self.campaigns, prospects)


# ------------------------------------------------------------------ entry points


def trainee_number(user: User, position: int) -> int:
    """The demo number of a trainee (stagiaireNN@…), else its position in the list (1-based)."""
    match = re.match(r"stagiaire(\d+)@", user.email)
    return int(match.group(1)) if match else position + 1


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


def seed_prospects(
    session: Session,
    organisation: Organisation,
    trainees: Sequence[User],
    settings: Settings | None = None,
) -> ProspectSeedReport:
    """Give each trainee who has no prospect yet their demo file; never touch existing ones."""
    settings = settings or get_settings()
    report = ProspectSeedReport()
    for trainee in trainees:
        if trainee.organisation_id != organisation.id:
            raise ValueError(
                f"{trainee.email} n'appartient pas à l'organisation {organisation.slug}"
            )
    ids = [t.id for t in trainees]
    have = (
        set(session.scalars(select(Prospect.owner_id).where(Prospect.owner_id.in_(ids)).distinct()))
        if ids
        else set()
    )
    worlds: list[tuple[User, TraineeWorld]] = []
    for position, trainee in enumerate(trainees):
        if trainee.id in have:
            report.trainees_skipped += 1
            continue
        first_name = (trainee.full_name or "").split(" ")[0] or "Camille"
        world = generate_world(trainee_number(trainee, position), first_name, settings)
        worlds.append((trainee, world))
    if worlds:
        report.add(_write(session, worlds))
    return report


def _ids(session: Session, model: Any, rows: list[dict[str, Any]]) -> list[int]:
    """Bulk INSERT of ``rows``; returns their ids, in order.

    Core statements on the table (the ORM's bulk path would run one statement per row here).
    SQLite: batched INSERT … RETURNING. PostgreSQL: the ids are drawn from the table's
    sequence first, then one ``executemany``; psycopg would otherwise parse each
    thousand-row INSERT … RETURNING in Python, which costs more than the insert itself.
    """
    if not rows:
        return []
    table = model.__table__
    connection = session.connection()
    if connection.dialect.name != "postgresql":
        statement = insert(table).returning(table.c.id, sort_by_parameter_order=True)
        return list(connection.execute(statement, rows).scalars())
    sequence = connection.execute(
        text("SELECT pg_get_serial_sequence(:table, 'id')"), {"table": table.name}
    ).scalar_one()
    ids = sorted(
        connection.execute(
            text("SELECT nextval(CAST(:sequence AS regclass)) FROM generate_series(1, :count)"),
            {"sequence": sequence, "count": len(rows)},
        ).scalars()
    )
    connection.execute(
        insert(table), [{**row, "id": id_} for row, id_ in zip(rows, ids, strict=True)]
    )
    return ids


def _bulk(session: Session, model: Any, rows: list[dict[str, Any]]) -> None:
    if rows:
        session.connection().execute(insert(model.__table__), rows)


def _split(ids: list[int], sizes: list[int]) -> list[list[int]]:
    out, start = [], 0
    for size in sizes:
        out.append(ids[start : start + size])
        start += size
    return out


def _place(row: dict[str, Any]) -> str | None:
    parts = [row["address"], " ".join(filter(None, [row["postcode"], row["city"]]))]
    return ", ".join(p for p in parts if p) or None


def _write(session: Session, worlds: list[tuple[User, TraineeWorld]]) -> ProspectSeedReport:
    report = ProspectSeedReport(trainees_seeded=len(worlds))

    persona_rows = [{**row, "owner_id": u.id} for u, w in worlds for row in w.personas]
    personas = _split(_ids(session, Persona, persona_rows), [len(w.personas) for _, w in worlds])

    script_rows = [
        {**row, "owner_id": u.id, "persona_id": None if p is None else personas[n][p]}
        for n, (u, w) in enumerate(worlds)
        for p, row in w.scripts
    ]
    scripts = _split(_ids(session, CallScript, script_rows), [len(w.scripts) for _, w in worlds])

    campaign_rows = [
        {
            **row,
            "owner_id": u.id,
            "persona_id": None if p is None else personas[n][p],
            "call_script_id": None if s is None else scripts[n][s],
        }
        for n, (u, w) in enumerate(worlds)
        for p, s, row in w.campaigns
    ]
    campaigns = _split(
        _ids(session, Campaign, campaign_rows), [len(w.campaigns) for _, w in worlds]
    )

    prospect_rows = [{**plan.row, "owner_id": u.id} for u, w in worlds for plan in w.prospects]
    prospect_ids = _split(
        _ids(session, Prospect, prospect_rows), [len(w.prospects) for _, w in worlds]
    )

    contact_rows = [
        {**contact, "owner_id": u.id, "prospect_id": prospect_ids[n][i]}
        for n, (u, w) in enumerate(worlds)
        for i, plan in enumerate(w.prospects)
        for contact in plan.contacts
    ]
    contact_ids = iter(_ids(session, Contact, contact_rows))
    contacts = [
        [[next(contact_ids) for _ in plan.contacts] for plan in w.prospects] for _, w in worlds
    ]

    status_rows: list[dict[str, Any]] = []
    consent_rows: list[dict[str, Any]] = []
    member_rows: list[dict[str, Any]] = []
    interaction_rows: list[dict[str, Any]] = []
    appointments: list[tuple[int, int, InteractionPlan]] = []  # world, prospect, interaction
    for n, (u, w) in enumerate(worlds):
        for i, plan in enumerate(w.prospects):
            pid = prospect_ids[n][i]
            for change in plan.status_changes:
                status_rows.append(
                    {**change, "owner_id": u.id, "prospect_id": pid, "changed_by": u.id}
                )
            for c in plan.consents:
                consent_rows.append(
                    {
                        "owner_id": u.id,
                        "prospect_id": pid,
                        "contact_id": None if c.contact is None else contacts[n][i][c.contact],
                        "purpose": c.purpose,
                        "channel": c.channel,
                        "status": c.status,
                        "lawful_basis": c.lawful_basis,
                        "given_at": c.given_at,
                        "method": c.method,
                        "text_version": c.text_version,
                        "proof_reference": c.proof_reference,
                        "recorded_by": u.id,
                        "created_at": c.given_at,
                    }
                )
            for index in plan.campaigns:
                member_rows.append(
                    {
                        "owner_id": u.id,
                        "campaign_id": campaigns[n][index],
                        "prospect_id": pid,
                        "contact_id": None,
                        "added_at": paris(w.campaigns[index][2]["starts_on"], 8, 30),
                    }
                )
            for interaction in plan.interactions:
                interaction_rows.append(
                    {
                        **interaction.row,
                        "owner_id": u.id,
                        "prospect_id": pid,
                        "contact_id": None
                        if interaction.contact is None
                        else contacts[n][i][interaction.contact],
                        "campaign_id": None
                        if interaction.campaign is None
                        else campaigns[n][interaction.campaign],
                        "call_script_id": None
                        if interaction.script is None
                        else scripts[n][interaction.script],
                    }
                )
                if interaction.appointment is not None:
                    appointments.append((n, i, interaction))
    _bulk(session, ProspectStatusChange, status_rows)
    _bulk(session, ConsentRecord, consent_rows)
    _bulk(session, CampaignMember, member_rows)
    interaction_ids = _ids(session, Interaction, interaction_rows)
    plan_ids: dict[int, int] = {}
    position = 0
    for _u, w in worlds:
        for plan in w.prospects:
            for interaction in plan.interactions:
                plan_ids[id(interaction)] = interaction_ids[position]
                position += 1
    appointment_rows = []
    for n, i, interaction in appointments:
        plan = worlds[n][1].prospects[i]
        a = interaction.appointment
        assert a is not None
        created = interaction.row["occurred_at"]
        appointment_rows.append(
            {
                "owner_id": worlds[n][0].id,
                "prospect_id": prospect_ids[n][i],
                "contact_id": None
                if interaction.contact is None
                else contacts[n][i][interaction.contact],
                "interaction_id": plan_ids[id(interaction)],
                "starts_at": a.starts_at,
                "duration_minutes": a.duration_minutes,
                "place": _place(plan.row),
                "latitude": plan.row["latitude"],
                "longitude": plan.row["longitude"],
                "status": a.status,
                "notes": a.notes,
                "created_at": created,
                "updated_at": created if a.status is AppointmentStatus.PLANNED else a.starts_at,
                "version": 1,
            }
        )
    _bulk(session, Appointment, appointment_rows)

    report.personas = len(persona_rows)
    report.call_scripts = len(script_rows)
    report.campaigns = len(campaign_rows)
    report.prospects = len(prospect_rows)
    report.contacts = len(contact_rows)
    report.status_changes = len(status_rows)
    report.consents = len(consent_rows)
    report.campaign_members = len(member_rows)
    report.interactions = len(interaction_rows)
    report.appointments = len(appointment_rows)
    return report
