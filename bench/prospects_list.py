"""Bench: prospect list and search latency over HTTP, with 100,000 prospects for one trainee.

Usage:
    .venv/bin/python bench/prospects_list.py [--url DATABASE_URL] [--quick]
        [--prospects 100000] [--others 10000] [--requests 2000] [--warmup 100]
        [--concurrency 1,4] [--only NAME,...] [--tool auto|wrk|httpx]
        [--sql STATEMENT]... [--no-build] [--explain] [--skip-http]

Target (issue): with 100,000 prospects, list and search requests p95 <= 50 ms on SQLite and on
PostgreSQL (one API worker), measured over HTTP with a load generator.

1. Builds a fresh database by the migrations (a temporary SQLite file unless ``--url``; the
   database is downgraded to base first, so reruns start clean; a missing PostgreSQL database
   is created), loads the demo accounts (``seed_demo``), then bulk-inserts ``--prospects``
   prospects owned by stagiaire01 and ``--others`` for each of stagiaire02 and 03 (SQLAlchemy
   Core, deterministic data: companies and individuals around Lyon, ~20 sectors, statuses,
   potentials and ABC priority, tags, next-contact dates, SIRETs, ``search_text`` computed as
   the app does), one persona for stagiaire01, then gathers planner statistics as the
   product does after a bulk load: ``ANALYZE`` on SQLite (the import runs it after a commit),
   ``VACUUM ANALYZE`` on PostgreSQL (as autovacuum would; none then starts in the middle of a
   measurement). ``--no-sqlite-stats`` drops SQLite's statistics instead, to see the plans
   without them. ``--sql`` runs extra statements (e.g. a candidate ``CREATE INDEX``) first;
   ``--no-build`` reuses the database at ``--url`` as a previous run left it (then applies
   ``--sql`` and the statistics step).
2. Starts the real server (``capvente serve``, one worker, log level warning) on a free port
   and waits for /healthz.
3. Logs in as stagiaire01 and, for each request mix and each concurrency, sends ``--warmup``
   requests then ``--requests`` measured ones with ``wrk`` (keep-alive, one connection per
   thread, Lua script ``bench/prospects_list.lua``), or with an asyncio/httpx generator when
   wrk is missing. Prints p50/p95/p99, requests/s, the server's CPU time per request (user +
   system, from /proc: less sensitive than latency to other work on a shared machine), the
   list's ``total`` and the server's peak RSS (VmHWM).
4. ``--explain`` then runs every mix once in-process, captures the SQL the app sends, and
   prints each statement's median time and its plan (EXPLAIN QUERY PLAN on SQLite, EXPLAIN
   (ANALYZE, BUFFERS) on PostgreSQL).

``--quick`` is a smoke run: 10,000 prospects (1,000 for the others), 200 requests, 20 warm-up.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import math
import os
import random
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import warnings
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import httpx
from alembic import command
from sqlalchemy import Engine, event, func, insert, select, text
from sqlalchemy.engine import make_url
from stdnum import luhn

from app.cli import alembic_config
from app.common.text import fold
from app.config import Settings, normalise_database_url
from app.core.db import make_engine, make_session_factory
from app.models import Persona, Prospect, User
from app.prospects.rules import priority_for
from seed.demo import DEMO_PASSWORD, seed_demo, trainee_email

ROOT = Path(__file__).resolve().parent.parent
LUA = Path(__file__).resolve().parent / "prospects_list.lua"
TARGET_P95_MS = 50.0
SECRET = "bench-secret-key-long-enough-for-hs256-prospects!!"
PERSONA_NAME = "Bench : commerce de détail, TPE-PME du Rhône"

# ------------------------------------------------------------------ the data

# (commune, postcode, latitude, longitude, weight): Lyon, its suburbs, a few towns around.
COMMUNES = [
    ("Lyon", "69001", 45.7675, 4.8343, 5), ("Lyon", "69002", 45.7485, 4.8270, 6),
    ("Lyon", "69003", 45.7597, 4.8500, 9), ("Lyon", "69004", 45.7785, 4.8270, 3),
    ("Lyon", "69005", 45.7590, 4.8130, 3), ("Lyon", "69006", 45.7730, 4.8510, 6),
    ("Lyon", "69007", 45.7450, 4.8420, 7), ("Lyon", "69008", 45.7350, 4.8690, 5),
    ("Lyon", "69009", 45.7740, 4.8060, 5), ("Villeurbanne", "69100", 45.7719, 4.8902, 8),
    ("Vénissieux", "69200", 45.6975, 4.8867, 4), ("Vaulx-en-Velin", "69120", 45.7786, 4.9219, 3),
    ("Caluire-et-Cuire", "69300", 45.7953, 4.8467, 3), ("Bron", "69500", 45.7386, 4.9131, 3),
    ("Saint-Priest", "69800", 45.6956, 4.9436, 3),
    ("Rillieux-la-Pape", "69140", 45.8214, 4.8983, 2),
    ("Meyzieu", "69330", 45.7667, 5.0036, 2), ("Oullins", "69600", 45.7142, 4.8075, 2),
    ("Décines-Charpieu", "69150", 45.7689, 4.9589, 2),
    ("Sainte-Foy-lès-Lyon", "69110", 45.7336, 4.7925, 2), ("Écully", "69130", 45.7744, 4.7775, 2),
    ("Tassin-la-Demi-Lune", "69160", 45.7639, 4.7800, 2),
    ("Saint-Genis-Laval", "69230", 45.6953, 4.7931, 2), ("Saint-Fons", "69190", 45.7086, 4.8533, 1),
    ("Givors", "69700", 45.5906, 4.7689, 1),
    ("Villefranche-sur-Saône", "69400", 45.9897, 4.7189, 3),
    ("Brignais", "69530", 45.6739, 4.7542, 1), ("Chassieu", "69680", 45.7392, 4.9700, 1),
    ("Genas", "69740", 45.7314, 5.0022, 1), ("Limonest", "69760", 45.8369, 4.7714, 1),
    ("Neuville-sur-Saône", "69250", 45.8764, 4.8411, 1), ("Mions", "69780", 45.6633, 4.9536, 1),
    ("Corbas", "69960", 45.6681, 4.9019, 1), ("Vienne", "38200", 45.5255, 4.8742, 2),
    ("Bourgoin-Jallieu", "38300", 45.5861, 5.2736, 2),
    ("L'Isle-d'Abeau", "38080", 45.6197, 5.2275, 1),
    ("Meximieux", "01800", 45.9047, 5.1942, 1), ("Trévoux", "01600", 45.9406, 4.7753, 1),
    ("Saint-Étienne", "42000", 45.4397, 4.3872, 3),
]  # fmt: skip

# sector: (weight, NAF codes, words used in company names)
SECTORS: dict[str, tuple[int, list[str], list[str]]] = {
    "Commerce de détail": (12, ["47.19B", "47.71Z", "47.59B"], ["Boutique", "Maison", "Bazar"]),
    "Restauration": (10, ["56.10A", "56.10C"], ["Restaurant", "Brasserie", "Bistrot"]),
    "Boulangerie-pâtisserie": (5, ["10.71C", "10.71D"], ["Boulangerie", "Pâtisserie", "Fournil"]),
    "BTP": (9, ["43.21A", "43.22A", "41.20A"], ["Bâtiment", "Maçonnerie", "Électricité"]),
    "Transport et logistique": (5, ["49.41A", "52.29A"], ["Transports", "Logistique"]),
    "Commerce de gros": (4, ["46.90Z", "46.49Z"], ["Distribution", "Négoce"]),
    "Industrie": (5, ["25.62B", "28.29B"], ["Mécanique", "Industries", "Usinage"]),
    "Informatique": (6, ["62.01Z", "62.02A"], ["Informatique", "Digital", "Logiciels"]),
    "Conseil": (5, ["70.22Z", "69.20Z"], ["Conseil", "Expertise", "Cabinet"]),
    "Santé": (5, ["86.21Z", "47.73Z"], ["Pharmacie", "Cabinet médical", "Optique"]),
    "Immobilier": (4, ["68.31Z"], ["Immobilier", "Agence"]),
    "Automobile": (4, ["45.20A", "45.11Z"], ["Garage", "Automobiles", "Carrosserie"]),
    "Hôtellerie": (3, ["55.10Z"], ["Hôtel", "Résidence"]),
    "Agriculture": (2, ["01.13Z", "01.21Z"], ["Ferme", "Domaine", "Vergers"]),
    "Banque-assurance": (2, ["66.22Z", "64.19Z"], ["Assurances", "Courtage"]),
    "Communication": (3, ["73.11Z", "18.12Z"], ["Communication", "Imprimerie", "Studio"]),
    "Formation": (2, ["85.59A"], ["Formation", "École"]),
    "Services à la personne": (4, ["88.10A", "96.02A"], ["Coiffure", "Services", "Aide"]),
    "Nettoyage": (3, ["81.21Z"], ["Nettoyage", "Propreté"]),
    "Événementiel": (2, ["82.30Z"], ["Événements", "Réceptions"]),
}

COMMON_SURNAMES = [
    "Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy",
    "Moreau", "Simon", "Laurent", "Lefebvre", "Michel", "Garcia", "David", "Bertrand", "Roux",
    "Vincent", "Fournier", "Morel", "Girard", "André", "Lefèvre", "Mercier", "Dupont", "Lambert",
    "Bonnet", "François", "Martinez", "Legrand", "Garnier", "Faure", "Rousseau", "Blanc",
    "Guérin", "Muller", "Henry", "Roussel", "Nicolas", "Perrin", "Morin", "Mathieu", "Clément",
    "Gauthier", "Dumont", "Lopez", "Fontaine", "Chevalier", "Robin", "Masson", "Sanchez",
    "Gérard", "Nguyen", "Boyer", "Denis", "Lemaire", "Duval", "Joly", "Gautier", "Roger",
    "Roche", "Roy", "Noël", "Meyer", "Lucas", "Meunier", "Jean", "Perez", "Marchand", "Dufour",
    "Blanchard", "Diallo", "Benali", "Haddad", "Barbier", "Brun", "Dumas", "Brunet", "Schmitt",
]  # fmt: skip
FIRST_NAMES = [
    "Camille", "Léa", "Manon", "Chloé", "Inès", "Sarah", "Emma", "Jade", "Louise", "Alice",
    "Lucas", "Hugo", "Nathan", "Théo", "Enzo", "Louis", "Mathis", "Yanis", "Karim", "Mehdi",
    "Awa", "Fatou", "Nicolas", "Julien", "Sophie", "Amandine", "Thomas", "Maxime", "Pierre",
    "Marie", "Anne", "Jean", "Paul", "Claire", "Lucie", "Antoine", "Céline", "Éric", "Nadia",
]  # fmt: skip
TAIL_HEADS = [
    "Ber", "Char", "Dal", "Fon", "Gau", "Lam", "Mar", "Per", "Ros", "Tel", "Val", "Vil", "Bou",
    "Cor", "Dur", "Jac", "Mou", "Pel", "Sau", "Tis", "Bro", "Cla",
]  # fmt: skip
TAIL_MIDS = ["an", "e", "i", "o", "ou", "au", "ei", "ac", "ul", "ar"]
TAIL_ENDS = ["det", "lard", "mont", "ville", "ard", "et", "ier", "aud", "in", "ot", "eau",
             "oux", "as", "ery", "ange"]  # fmt: skip
PLACES = [
    "Parc", "Rhône", "Centre", "Marché", "Confluence", "Croix-Rousse", "Part-Dieu", "Vieux Lyon",
    "Saône", "Plateau", "Val", "Monts d'Or", "Gerland", "Brotteaux",
]  # fmt: skip
LEGAL = ["SARL", "SAS", "& Fils", "Frères", "et Associés", "EURL", "SA"]
STREETS = ["rue de la République", "avenue Jean Jaurès", "cours Lafayette", "rue Garibaldi",
           "boulevard des Belges", "rue Paul Bert", "avenue Berthelot", "rue Victor Hugo",
           "place Bellecour", "rue Duguesclin", "route de Vienne", "chemin des Vignes",
           "rue du Commerce", "avenue de Saxe", "quai Perrache", "rue des Tanneurs"]  # fmt: skip
TAGS = ["salon-2026", "fidele", "relance", "vip", "chaud", "froid", "parrainage", "newsletter",
        "devis-envoye", "rdv-manque", "grand-compte", "local", "export", "b2b", "b2c"]  # fmt: skip
LOST_REASONS = ["Pas de budget", "Concurrent retenu", "Projet abandonné", "Injoignable"]
STATUS_WEIGHTS = {"suspect": 35, "prospect": 30, "qualified": 12, "customer": 10,
                  "inactive": 8, "lost": 5}  # fmt: skip
SIZE_WEIGHTS = {"micro": 45, "small": 28, "medium": 15, "intermediate": 9, "large": 3}
SOURCES = ["campaign", "import", "event", "referral", "social", "inbound"]


def tail_surnames() -> list[str]:
    """The long tail of surnames (rare in the file): made of syllables, deterministic."""
    names = sorted({h + m + e for h in TAIL_HEADS for m in TAIL_MIDS for e in TAIL_ENDS})
    random.Random(7).shuffle(names)
    return names


@dataclass
class Generator:
    rng: random.Random
    today: date
    a_min: Decimal
    b_min: Decimal

    def __post_init__(self) -> None:
        self.tail = tail_surnames()
        # Zipf-like weights: the first common surnames are much more frequent.
        self.common_weights = [1 / (i + 1) ** 0.8 for i in range(len(COMMON_SURNAMES))]
        self.sector_names = list(SECTORS)
        self.sector_weights = [SECTORS[s][0] for s in self.sector_names]
        self.commune_weights = [c[4] for c in COMMUNES]

    def surname(self) -> str:
        if self.rng.random() < 0.7:
            return self.rng.choices(COMMON_SURNAMES, self.common_weights)[0]
        return self.rng.choice(self.tail)

    def siret(self) -> str:
        siren8 = "".join(self.rng.choice("0123456789") for _ in range(8))
        siren = siren8 + luhn.calc_check_digit(siren8)
        nic4 = f"{self.rng.randrange(1, 10000):04d}"
        return siren + nic4 + luhn.calc_check_digit(siren + nic4)

    def company_name(self, sector: str) -> str:
        word = self.rng.choice(SECTORS[sector][2])
        pattern = self.rng.random()
        if pattern < 0.4:
            return f"{word} {self.surname()}"
        if pattern < 0.6:
            return f"{self.surname()} {self.rng.choice(LEGAL)}"
        if pattern < 0.8:
            return f"{word} du {self.rng.choice(PLACES)}"
        letters = "".join(self.rng.choice("ABCDEFGHIJKLMNOPRSTV") for _ in range(3))
        return f"{letters} {word}"

    def row(self, owner_id: int) -> dict[str, Any]:
        rng = self.rng
        company = rng.random() < 0.75
        status = rng.choices(list(STATUS_WEIGHTS), list(STATUS_WEIGHTS.values()))[0]
        commune, postcode, lat0, lon0, _ = rng.choices(COMMUNES, self.commune_weights)[0]
        geocoded = rng.random() < 0.95
        created = datetime.combine(
            self.today - timedelta(days=rng.randrange(0, 730)), datetime.min.time(), UTC
        ) + timedelta(seconds=rng.randrange(8 * 3600, 19 * 3600))
        if company:
            sector = rng.choices(self.sector_names, self.sector_weights)[0]
            name = self.company_name(sector)
            siret: str | None = self.siret() if rng.random() < 0.9 else None
            size = rng.choices(list(SIZE_WEIGHTS), list(SIZE_WEIGHTS.values()))[0]
            potential = rng.lognormvariate(9.6, 1.2) if rng.random() < 0.9 else None
            slug = fold(name).replace(" ", "-").replace("'", "")[:30]
            email = f"contact@{slug}.fr" if rng.random() < 0.6 else None
            phone = f"+3347{rng.randrange(0, 10**7):07d}" if rng.random() < 0.8 else None
        else:
            sector, siret, size = None, None, None
            first, last = rng.choice(FIRST_NAMES), self.surname()
            name = f"{first} {last}"
            potential = rng.lognormvariate(7.6, 0.8) if rng.random() < 0.8 else None
            email = (
                f"{fold(first)}.{fold(last)}@exemple.fr".replace(" ", "")
                if rng.random() < 0.5
                else None
            )
            phone = f"+336{rng.randrange(0, 10**8):08d}" if rng.random() < 0.7 else None
        money = (
            Decimal(str(round(min(potential, 2_000_000), -2))).quantize(Decimal("0.01"))
            if potential is not None
            else None
        )
        open_file = status in ("suspect", "prospect", "qualified")
        next_contact = None
        if (open_file and rng.random() < 0.7) or (status == "customer" and rng.random() < 0.4):
            next_contact = self.today + timedelta(days=rng.randrange(-45, 120))
        last_contact = (
            created + timedelta(days=rng.randrange(0, 60)) if status != "suspect" else None
        )
        anonymised = rng.random() < 0.005
        return {
            "owner_id": owner_id,
            "kind": "company" if company else "individual",
            "name": "Anonymisé" if anonymised else name,
            "siren": siret[:9] if siret else None,
            "siret": siret,
            "naf_code": rng.choice(SECTORS[sector][1]) if sector else None,
            "sector": sector,
            "sector_key": fold(sector) if sector else None,
            "size_band": size,
            "address": f"{rng.randrange(1, 180)} {rng.choice(STREETS)}",
            "postcode": postcode,
            "city": commune,
            "latitude": round(lat0 + rng.uniform(-0.012, 0.012), 6) if geocoded else None,
            "longitude": round(lon0 + rng.uniform(-0.017, 0.017), 6) if geocoded else None,
            "website": f"https://www.{slug}.fr" if company and rng.random() < 0.4 else None,
            "phone": None if anonymised else phone,
            "email": None if anonymised else email,
            "status": status,
            "lost_reason": rng.choice(LOST_REASONS) if status == "lost" else None,
            "source": rng.choice(SOURCES),
            "potential": money,
            "priority": priority_for(money, self.a_min, self.b_min).value,
            "tags": rng.sample(TAGS, rng.choice([0, 0, 1, 1, 1, 2, 2, 3])),
            "next_contact_on": next_contact,
            "search_text": fold(" ".join(filter(None, [name, commune, siret])))
            if not anonymised
            else "",
            "bloctel_opposed": (rng.random() < 0.15) if not company and phone else None,
            "bloctel_checked_on": self.today - timedelta(days=rng.randrange(0, 90))
            if not company and phone
            else None,
            "ongoing_contract": status == "customer",
            "objected_at": None,
            "last_contact_at": last_contact,
            "last_inbound_contact_at": None,
            "customer_since": created.date() if status == "customer" else None,
            "relationship_ended_at": None,
            "anonymised_at": created + timedelta(days=400) if anonymised else None,
            "anonymised": anonymised,
            "created_at": created,
            "updated_at": created + timedelta(days=rng.randrange(0, 30)),
            "version": 1,
        }


# ------------------------------------------------------------------ building the database


def ensure_postgres_database(url: str) -> None:
    sa_url = make_url(url)
    if sa_url.get_backend_name() != "postgresql" or not sa_url.database:
        return
    admin = make_engine(sa_url.set(database="postgres").render_as_string(hide_password=False))
    with admin.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        exists = conn.scalar(
            text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": sa_url.database}
        )
        if not exists:
            conn.exec_driver_sql(f'CREATE DATABASE "{sa_url.database}"')
    admin.dispose()


def reset_database(url: str) -> None:
    """Drop everything in the bench database (PostgreSQL schema, or the SQLite file)."""
    sa_url = make_url(url)
    if sa_url.get_backend_name() == "postgresql":
        engine = make_engine(url)
        with engine.begin() as conn:
            conn.exec_driver_sql("DROP SCHEMA public CASCADE")
            conn.exec_driver_sql("CREATE SCHEMA public")
        engine.dispose()
    elif sa_url.database and sa_url.database != ":memory:":
        for suffix in ("", "-wal", "-shm"):
            Path(sa_url.database + suffix).unlink(missing_ok=True)


def build(url: str, prospects: int, others: int, settings: Settings) -> float:
    """Migrate from scratch, seed the accounts, bulk-insert the prospects; seconds taken."""
    started = time.perf_counter()
    config = alembic_config(url)
    config.attributes["configure_logging"] = False
    try:
        command.downgrade(config, "base")
    except Exception as exc:  # a schema left by an older version of an edited migration
        print(f"downgrade failed ({type(exc).__name__}); emptying the bench database instead")
        reset_database(url)
    command.upgrade(config, "head")
    engine = make_engine(url)
    factory = make_session_factory(engine)
    with factory.begin() as session:
        seed_demo(session)
    owners = [user_id(engine, n) for n in (1, 2, 3)]
    gen = Generator(
        random.Random(20261127),
        datetime.now(UTC).date(),
        settings.abc_a_min_potential,
        settings.abc_b_min_potential,
    )
    batch = 5_000
    for owner, count in zip(owners, (prospects, others, others), strict=True):
        for start in range(0, count, batch):
            rows = [gen.row(owner) for _ in range(min(batch, count - start))]
            with factory.begin() as session:
                session.execute(insert(Prospect), rows)
    now = datetime.now(UTC)
    with factory.begin() as session:
        session.execute(
            insert(Persona),
            [
                {
                    "owner_id": owners[0],
                    "name": PERSONA_NAME,
                    "description": "Persona du bench : secteur, taille, département, potentiel.",
                    "kind": "company",
                    "sectors": ["Commerce de détail"],
                    "size_bands": ["small", "medium"],
                    "postcodes": ["69"],
                    "center_latitude": None,
                    "center_longitude": None,
                    "radius_km": None,
                    "potential_min": Decimal("10000"),
                    "potential_max": Decimal("100000"),
                    "created_at": now,
                    "updated_at": now,
                    "version": 1,
                }
            ],
        )
    engine.dispose()
    return time.perf_counter() - started


def run_sql_and_analyze(url: str, statements: list[str], sqlite_stats: bool = True) -> None:
    engine = make_engine(url)
    postgres = engine.dialect.name == "postgresql"
    with engine.begin() as conn:
        for statement in statements:
            print(f"sql: {statement}")
            conn.exec_driver_sql(statement)
        if not postgres and sqlite_stats:
            conn.exec_driver_sql("ANALYZE")  # as app.core.db.refresh_statistics after an import
        elif not postgres:
            conn.exec_driver_sql("DROP TABLE IF EXISTS sqlite_stat1")
    if postgres:
        # VACUUM cannot run in a transaction; it also sets the visibility map, as autovacuum
        # would after a bulk load, so that no autovacuum starts in the middle of a run.
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.exec_driver_sql("VACUUM (ANALYZE)")
    engine.dispose()


def user_id(engine: Engine, n: int) -> int:
    with engine.connect() as conn:
        found = conn.scalar(select(User.id).where(User.email == trainee_email(n)))
    if found is None:
        raise SystemExit(f"no demo trainee {n}: was the demo seeded?")
    return found


# ------------------------------------------------------------------ the request mixes


def request_mixes(url: str) -> list[tuple[str, str]]:
    """(name, path?query) of every measured request, values looked up in the database."""
    engine = make_engine(url)
    owner = user_id(engine, 1)
    with engine.connect() as conn:
        persona_id = conn.scalar(
            select(Persona.id).where(Persona.owner_id == owner, Persona.name == PERSONA_NAME)
        )
        siret = conn.scalar(
            select(Prospect.siret)
            .where(Prospect.owner_id == owner, Prospect.siret.is_not(None))
            .order_by(Prospect.id)
            .offset(500)
            .limit(1)
        )
        # A rare name fragment: a long-tail surname found in a handful of rows.
        rare = ""
        for candidate in tail_surnames()[:300]:
            term = fold(candidate)
            found = conn.scalar(
                select(func.count())
                .select_from(Prospect)
                .where(Prospect.owner_id == owner, Prospect.search_text.contains(term))
            )
            if found and not rare:
                rare = term
            if found and 3 <= found <= 30:
                rare = term
                break
    engine.dispose()
    soon = (datetime.now(UTC).date() + timedelta(days=7)).isoformat()
    p = "/api/v1/prospects"

    def q(**params: Any) -> str:
        return f"{p}?{urlencode(params)}"

    return [
        ("list (default, by name)", p),
        ("q frequent (martin)", q(q="martin")),
        (f"q rare ({rare})", q(q=rare)),
        ("q SIRET prefix (9 digits)", q(q=siret[:9])),
        ("status=qualified & sector", q(status="qualified", sector="Commerce de détail")),
        ("potential_min & sort=-potential", q(potential_min=50000, sort="-potential")),
        ("next_contact_before (+7 d)", q(next_contact_before=soon)),
        ("persona (sorted by match)", q(persona_id=persona_id)),
        ("persona & min_match=80", q(persona_id=persona_id, min_match=80)),
        ("near Lyon, 10 km", q(near_lat=45.76, near_lon=4.83, radius_km=10)),
        ("page 20 (offset=950)", q(offset=950)),
    ]


# ------------------------------------------------------------------ the server


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_server(url: str, var_dir: str) -> tuple[subprocess.Popen[bytes], str, Path]:
    port = free_port()
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "PORT": str(port),
        "CAPVENTE_WORKERS": "1",
        "CAPVENTE_LOG_LEVEL": "warning",
        "CAPVENTE_SECRET_KEY": SECRET,
        "CAPVENTE_VAR_DIR": var_dir,
    }
    log = Path(var_dir) / "server.log"
    exe = Path(sys.executable).parent / "capvente"
    with log.open("wb") as out:
        proc = subprocess.Popen(
            [str(exe), "serve"],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            preexec_fn=_die_with_parent,
        )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"server exited ({proc.returncode}):\n{log.read_text()}")
        try:
            if httpx.get(f"{base}/healthz", timeout=2).status_code == 200:
                return proc, base, log
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    proc.terminate()
    raise SystemExit(f"server did not answer /healthz within 60 s:\n{log.read_text()}")


def stop_server(proc: subprocess.Popen[bytes]) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def proc_status(pid: int, field: str) -> int:
    """A /proc/<pid>/status field in KiB (VmHWM: peak resident set size)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    return 0


def proc_cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process (/proc/<pid>/stat), in seconds."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def login(base: str) -> str:
    response = httpx.post(
        f"{base}/api/v1/auth/token",
        data={"username": trainee_email(1), "password": DEMO_PASSWORD},
        timeout=30,
    )
    response.raise_for_status()
    return str(response.json()["access_token"])


# ------------------------------------------------------------------ load generators


@dataclass
class Run:
    requests: int
    errors: int
    seconds: float
    p50: float
    p95: float
    p99: float
    max: float

    @property
    def rps(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0


def _die_with_parent() -> None:
    """In a child (preexec_fn): SIGTERM when this script dies, however it dies. A wrk left
    behind (it runs for its -d duration) would load the machine for an hour."""
    import ctypes

    pr_set_pdeathsig = 1
    ctypes.CDLL("libc.so.6", use_errno=True).prctl(pr_set_pdeathsig, signal.SIGTERM)


def run_wrk(url: str, token: str, total: int, concurrency: int) -> Run:
    """``total`` requests (rounded up to a multiple of ``concurrency``) with wrk."""
    per_thread = math.ceil(total / concurrency)
    env = {**os.environ, "BENCH_TOKEN": token, "BENCH_REQUESTS_PER_THREAD": str(per_thread)}
    cmd = ["wrk", f"-t{concurrency}", f"-c{concurrency}", "-d3600s", "--timeout", "120s"]
    t0 = time.perf_counter()
    wrk = subprocess.Popen(
        [*cmd, "-s", str(LUA), url],
        env=env,
        preexec_fn=_die_with_parent,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert wrk.stderr is not None
    done = 0
    other: list[str] = []
    while done < concurrency:
        line = wrk.stderr.readline()
        if not line:
            break  # wrk exited (an error, or the -d limit)
        if line.strip() == "BENCH_THREAD_DONE":
            done += 1
        else:
            other.append(line)
    seconds = time.perf_counter() - t0
    if wrk.poll() is None:
        wrk.send_signal(signal.SIGINT)  # wrk's main thread sleeps for -d otherwise
    out, err = wrk.communicate(timeout=60)
    lines = [x for x in out.splitlines() if x.startswith("BENCH_JSON ")]
    if not lines or done < concurrency:
        raise SystemExit(f"wrk failed ({wrk.returncode}):\n{out}\n{''.join(other)}{err}")
    d = json.loads(lines[0].removeprefix("BENCH_JSON "))
    errors = sum(
        d[k] for k in ("connect_errors", "read_errors", "write_errors", "status_errors", "timeouts")
    )
    return Run(
        requests=d["requests"],
        errors=errors,
        seconds=seconds,
        p50=d["p50_us"] / 1000,
        p95=d["p95_us"] / 1000,
        p99=d["p99_us"] / 1000,
        max=d["max_us"] / 1000,
    )


def percentile(sorted_ms: list[float], pct: float) -> float:
    """Nearest-rank percentile."""
    rank = max(1, math.ceil(pct / 100 * len(sorted_ms)))
    return sorted_ms[rank - 1]


def run_httpx(url: str, token: str, total: int, concurrency: int) -> Run:
    """Fallback generator: ``concurrency`` keep-alive connections, each sending in a loop."""

    async def go() -> Run:
        latencies: list[float] = []
        errors = 0
        remaining = total
        limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
        headers = {"Authorization": f"Bearer {token}", "Accept": "application/json"}
        async with httpx.AsyncClient(headers=headers, limits=limits, timeout=120) as client:

            async def worker() -> None:
                nonlocal remaining, errors
                while remaining > 0:
                    remaining -= 1
                    t0 = time.perf_counter()
                    response = await client.get(url)
                    await response.aread()
                    latencies.append((time.perf_counter() - t0) * 1000)
                    errors += response.status_code != 200

            t0 = time.perf_counter()
            await asyncio.gather(*(worker() for _ in range(concurrency)))
            seconds = time.perf_counter() - t0
        latencies.sort()
        return Run(
            requests=len(latencies),
            errors=errors,
            seconds=seconds,
            p50=percentile(latencies, 50),
            p95=percentile(latencies, 95),
            p99=percentile(latencies, 99),
            max=latencies[-1],
        )

    return asyncio.run(go())


# ------------------------------------------------------------------ explain


def _short(statement: str) -> str:
    """The statement on one line, the 37 selected columns of a prospect abbreviated."""
    flat = " ".join(statement.split())
    flat = re.sub(r"prospects\.id, prospects\.kind, .*? prospects\.version", "prospects.*", flat)
    return re.sub(r"prospects\.id AS id, prospects\.kind AS kind, .*? AS version", "<*>", flat)


def _generic_plan(conn: Any, statement: str, params: dict[str, Any]) -> list[str]:
    """PostgreSQL: the plan of ``statement`` as a prepared statement with a generic plan."""
    names: list[str] = []

    def number(match: re.Match[str]) -> str:
        if match.group(1) not in names:
            names.append(match.group(1))
        return f"${names.index(match.group(1)) + 1}"

    body = re.sub(r"%\((\w+)\)s", number, statement)  # "%%" stays: psycopg unescapes it
    conn.exec_driver_sql("DEALLOCATE ALL")
    conn.exec_driver_sql(f"PREPARE bench_generic AS {body}")
    conn.exec_driver_sql("SET plan_cache_mode = force_generic_plan")
    from psycopg import sql

    raw = conn.connection.driver_connection
    args = ", ".join(sql.Literal(params[n]).as_string(raw) for n in names)
    rows = conn.exec_driver_sql(
        f"EXPLAIN (ANALYZE, BUFFERS) EXECUTE bench_generic({args})"
    ).fetchall()
    conn.exec_driver_sql("RESET plan_cache_mode")
    conn.exec_driver_sql("DEALLOCATE bench_generic")
    return [r[0] for r in rows]


def explain(url: str, mixes: list[tuple[str, str]], runs: int) -> None:
    """Run each mix in-process, capture its SQL; time and explain each statement on prospects.

    Statements are timed ``runs`` times on one connection. On PostgreSQL, psycopg prepares a
    statement after 5 executions and the server may then switch to a generic plan (after 5
    more): the first 5 runs and the last ones are reported apart, with the plan counts the
    server reports, and the generic plan is shown when the server used one.
    """
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from fastapi.testclient import TestClient

    from app.core.security import create_access_token
    from app.main import create_app

    settings = Settings(database_url=url, secret_key=SECRET, log_level="warning")
    engine = make_engine(settings.database_url)
    captured: list[tuple[str, Any]] = []

    @event.listens_for(engine, "before_cursor_execute")
    def _capture(_c: Any, _cur: Any, statement: str, params: Any, _ctx: Any, _many: Any) -> None:
        captured.append((statement, params))

    probe = make_engine(settings.database_url)  # explains and timings, not captured
    postgres = probe.dialect.name == "postgresql"
    app = create_app(settings, session_factory=make_session_factory(engine))
    token, _ = create_access_token(
        user_id=user_id(engine, 1), secret=settings.jwt_secret(), minutes=60
    )
    headers = {"Authorization": f"Bearer {token}"}
    with TestClient(app) as client:
        for name, path in mixes:
            client.get(path, headers=headers)  # warm-up
            times = []
            for _ in range(runs):
                t0 = time.perf_counter()
                assert client.get(path, headers=headers).status_code == 200
                times.append((time.perf_counter() - t0) * 1000)
            captured.clear()
            client.get(path, headers=headers)
            print(f"\n=== {name}: {path}")
            median = statistics.median(times)
            print(f"in-process request (TestClient), median of {runs}: {median:.1f} ms")
            for statement, params in captured:
                if "FROM prospects" not in statement:
                    print(f"--- other statement: {_short(statement)[:120]}")
                    continue
                generic: list[str] = []
                with probe.connect() as conn:
                    sql_times = []
                    for _ in range(runs):
                        t0 = time.perf_counter()
                        conn.exec_driver_sql(statement, params).fetchall()
                        sql_times.append((time.perf_counter() - t0) * 1000)
                    counts = ""
                    if postgres:
                        row = conn.exec_driver_sql(
                            "SELECT generic_plans, custom_plans FROM pg_prepared_statements "
                            "WHERE NOT from_sql ORDER BY prepare_time DESC LIMIT 1"
                        ).first()
                        if row is not None:
                            counts = f", server plans: {row[0]} generic / {row[1]} custom"
                            if row[0]:
                                generic = _generic_plan(conn, statement, params)
                    prefix = "EXPLAIN (ANALYZE, BUFFERS) " if postgres else "EXPLAIN QUERY PLAN "
                    plan = conn.exec_driver_sql(prefix + statement, params).fetchall()
                kind = "count" if "count(*)" in statement.lower() else "page"
                first = statistics.median(sql_times[:5])
                last = statistics.median(sql_times[-max(1, runs // 2) :])
                print(
                    f"--- {kind} statement: median {first:.1f} ms (runs 1-5), "
                    f"{last:.1f} ms (last {max(1, runs // 2)} runs){counts}"
                )
                print(_short(statement))
                print(f"params: {params}")
                for r in plan:
                    print("  " + (r[0] if postgres else f"{r[1]:>3} {r[2]:>3} {r[3]}"))
                if generic:
                    print("  generic plan (what the prepared statement runs):")
                    for line in generic:
                        print("    " + line)
    engine.dispose()
    probe.dispose()


# ------------------------------------------------------------------ main


def main() -> None:
    warnings.simplefilter("ignore")
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--url", default=None, help="database (default: a temporary SQLite)")
    parser.add_argument("--quick", action="store_true", help="10,000 prospects, 200 requests")
    parser.add_argument("--prospects", type=int, default=None)
    parser.add_argument("--others", type=int, default=None, help="per other trainee (2)")
    parser.add_argument("--requests", type=int, default=None)
    parser.add_argument("--warmup", type=int, default=None)
    parser.add_argument("--concurrency", default="1,4")
    parser.add_argument("--only", default="", help="comma-separated name prefixes of mixes")
    parser.add_argument("--tool", choices=["auto", "wrk", "httpx"], default="auto")
    parser.add_argument("--sql", action="append", default=[], help="extra SQL before ANALYZE")
    parser.add_argument("--no-build", action="store_true", help="reuse the database at --url")
    parser.add_argument(
        "--no-sqlite-stats",
        dest="sqlite_stats",
        action="store_false",
        help="drop SQLite's planner statistics instead of gathering them",
    )
    parser.add_argument("--explain", action="store_true", help="print the SQL, timings, plans")
    parser.add_argument("--explain-runs", type=int, default=20)
    parser.add_argument("--skip-http", action="store_true", help="no load test (with --explain)")
    args = parser.parse_args()
    prospects = args.prospects or (10_000 if args.quick else 100_000)
    others = args.others if args.others is not None else (1_000 if args.quick else 10_000)
    total = args.requests or (200 if args.quick else 2_000)
    warmup = args.warmup if args.warmup is not None else (20 if args.quick else 100)
    concurrencies = [int(c) for c in args.concurrency.split(",") if c.strip()]
    tool = args.tool
    if tool == "auto":
        tool = "wrk" if shutil.which("wrk") else "httpx"

    tmp = tempfile.mkdtemp(prefix="capvente-bench-list-")
    if args.no_build and not args.url:
        raise SystemExit("--no-build needs --url")
    url = normalise_database_url(args.url or f"sqlite:///{tmp}/bench.db")
    settings = Settings(database_url=url, secret_key=SECRET)
    backend = make_url(url).get_backend_name()
    load_s = 0.0
    if not args.no_build:
        ensure_postgres_database(url)
        load_s = build(url, prospects, others, settings)
    run_sql_and_analyze(url, args.sql, args.sqlite_stats)

    mixes = request_mixes(url)
    if args.only:
        wanted = [w.strip() for w in args.only.split(",") if w.strip()]
        mixes = [m for m in mixes if any(m[0].startswith(w) for w in wanted)]

    load_before = os.getloadavg()
    results: list[tuple[str, int, Run, float]] = []
    totals: dict[str, int] = {}
    peak_kib = idle_kib = 0
    if not args.skip_http:
        proc, base, _log = start_server(url, tmp)
        try:
            idle_kib = proc_status(proc.pid, "VmHWM")
            token = login(base)
            for name, path in mixes:
                response = httpx.get(
                    base + path, headers={"Authorization": f"Bearer {token}"}, timeout=120
                )
                if response.status_code != 200:
                    raise SystemExit(f"{name}: {response.status_code} {response.text}")
                totals[name] = response.json()["total"]
                for c in concurrencies:
                    runner = run_wrk if tool == "wrk" else run_httpx
                    if warmup:
                        runner(base + path, token, warmup, c)
                    cpu0 = proc_cpu_seconds(proc.pid)
                    run = runner(base + path, token, total, c)
                    cpu_ms = (proc_cpu_seconds(proc.pid) - cpu0) * 1000 / max(1, run.requests)
                    results.append((name, c, run, cpu_ms))
                    print(
                        f"{name:34} c={c} n={run.requests} err={run.errors} "
                        f"p50={run.p50:.1f} p95={run.p95:.1f} p99={run.p99:.1f} ms "
                        f"{run.rps:.0f} req/s, server CPU {cpu_ms:.1f} ms/req",
                        flush=True,
                    )
            peak_kib = proc_status(proc.pid, "VmHWM")
        finally:
            stop_server(proc)

    print()
    print(
        f"backend={backend} prospects_for_trainee={prospects} other_trainees=2x{others} "
        f"tool={tool} requests={total} warmup={warmup} workers=1"
    )
    if not args.no_build:
        print(f"build (migrations, seed, bulk insert): {load_s:.1f} s")
    if args.sql:
        print(f"extra SQL: {' ; '.join(args.sql)}")
    # The machine may be shared: a load average well above the generator's own share means
    # other work competed for the CPUs during the run.
    load_after = os.getloadavg()
    print(
        "load average (1 min) before / after the HTTP runs: "
        f"{load_before[0]:.2f} / {load_after[0]:.2f}"
    )
    if results:
        print(
            f"server peak RSS (VmHWM): {peak_kib / 1024:.0f} MiB "
            f"(after start: {idle_kib / 1024:.0f} MiB)"
        )
        print()
        print(
            "| request | total | c | p50 ms | p95 ms | p99 ms | req/s | server CPU ms/req "
            "| errors | p95 ≤ 50 ms |"
        )
        print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---|")
        for name, c, run, cpu_ms in results:
            ok = "yes" if run.p95 <= TARGET_P95_MS else "**no**"
            print(
                f"| {name} | {totals[name]} | {c} | {run.p50:.1f} | {run.p95:.1f} | "
                f"{run.p99:.1f} | {run.rps:.0f} | {cpu_ms:.1f} | {run.errors} | {ok} |"
            )
    if args.explain:
        explain(url, mixes, args.explain_runs)
    shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
