"""Bench: prospect import of a 100,000-row CSV, dry-run and commit, through the app.

Usage:  .venv/bin/python bench/import_csv.py [--url DATABASE_URL] [--rows 100000]
                                             [--existing 5000] [--policy skip]

Writes a deterministic CSV of realistic French prospects (``;``, UTF-8 with BOM, as Excel
saves it), 70 % companies and 30 % individuals. A company has a name, a valid SIRET, its NAF
code and sector, a size band, an address in one of ~1,000 postcodes, coordinates, a
switchboard number, a website for 60 %, an e-mail for half, a potential in French notation,
tags, a next-contact date for half, and a named contact for 60 % (with a mobile for 40 % of
them, an e-mail for half). An individual has a mobile (90 %), an e-mail (70 %) and consents.
About 2 % of the rows are invalid (SIRET key, phone, e-mail, status, missing name) and about
2 % duplicate an existing prospect or an earlier row (SIRET, e-mail, phone, or the name with a
typo in the same postcode).

Builds a fresh database by the migrations (a temporary SQLite file unless --url is given),
gives the trainee ``--existing`` prospects, then times through the real app (TestClient,
which runs the background task before returning):

- dry-run: ``POST /api/v1/prospects/imports`` until the job is ``validated``;
- commit: ``POST /api/v1/prospects/imports/{id}/commit`` (skip_invalid_rows) until
  ``committed``. Nothing is kept in process memory between the two requests (which may land
  on different workers): the commit reads the rows the dry-run staged in the database, and
  replays its decisions since the file has not moved in between.

Prints rows/s (wall clock, and the process's CPU time) for each phase, the counts, and the
process's RSS. Target: ≥ 5,000 rows/s for each phase on SQLite on the 2-core machine.
"""

from __future__ import annotations

import argparse
import csv
import gc
import random
import resource
import tempfile
import time
import warnings
from pathlib import Path

import phonenumbers
from alembic import command
from sqlalchemy import func, insert, select
from stdnum import luhn

from app.cli import alembic_config
from app.common.clock import utcnow
from app.common.text import fold
from app.config import Settings
from app.core.db import make_engine, make_session_factory
from app.core.security import create_access_token
from app.main import create_app
from app.models import Cohort, Organisation, Prospect, Role, User

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

SEED = 20261127

CITIES = [
    ("Paris", "75001", 48.8600, 2.3470, "01"), ("Paris", "75008", 48.8720, 2.3110, "01"),
    ("Paris", "75011", 48.8590, 2.3790, "01"), ("Paris", "75015", 48.8410, 2.2930, "01"),
    ("Paris", "75017", 48.8870, 2.3060, "01"), ("Paris", "75020", 48.8640, 2.3990, "01"),
    ("Boulogne-Billancourt", "92100", 48.8350, 2.2400, "01"),
    ("Saint-Denis", "93200", 48.9360, 2.3570, "01"), ("Versailles", "78000", 48.8050, 2.1200, "01"),
    ("Créteil", "94000", 48.7900, 2.4550, "01"), ("Lyon", "69001", 45.7670, 4.8340, "04"),
    ("Lyon", "69003", 45.7600, 4.8500, "04"), ("Lyon", "69007", 45.7450, 4.8420, "04"),
    ("Villeurbanne", "69100", 45.7710, 4.8800, "04"), ("Grenoble", "38000", 45.1880, 5.7240, "04"),
    ("Saint-Étienne", "42000", 45.4340, 4.3900, "04"), ("Annecy", "74000", 45.8990, 6.1290, "04"),
    ("Clermont-Ferrand", "63000", 45.7770, 3.0870, "04"),
    ("Marseille", "13001", 43.2990, 5.3840, "04"),
    ("Marseille", "13008", 43.2550, 5.3830, "04"), ("Nice", "06000", 43.7030, 7.2660, "04"),
    ("Toulon", "83000", 43.1240, 5.9280, "04"), ("Montpellier", "34000", 43.6110, 3.8770, "04"),
    ("Avignon", "84000", 43.9490, 4.8060, "04"),
    ("Aix-en-Provence", "13100", 43.5300, 5.4470, "04"),
    ("Toulouse", "31000", 43.6040, 1.4440, "05"), ("Bordeaux", "33000", 44.8380, -0.5790, "05"),
    ("Pau", "64000", 43.2950, -0.3700, "05"), ("Bayonne", "64100", 43.4930, -1.4750, "05"),
    ("Limoges", "87000", 45.8340, 1.2610, "05"), ("Poitiers", "86000", 46.5800, 0.3400, "05"),
    ("La Rochelle", "17000", 46.1600, -1.1510, "05"), ("Nantes", "44000", 47.2180, -1.5540, "02"),
    ("Rennes", "35000", 48.1110, -1.6800, "02"), ("Brest", "29200", 48.3900, -4.4860, "02"),
    ("Angers", "49000", 47.4780, -0.5630, "02"), ("Le Mans", "72000", 48.0060, 0.1990, "02"),
    ("Tours", "37000", 47.3940, 0.6850, "02"), ("Orléans", "45000", 47.9030, 1.9090, "02"),
    ("Caen", "14000", 49.1830, -0.3710, "02"), ("Rouen", "76000", 49.4430, 1.0990, "02"),
    ("Le Havre", "76600", 49.4940, 0.1080, "02"), ("Lille", "59000", 50.6290, 3.0570, "03"),
    ("Roubaix", "59100", 50.6900, 3.1810, "03"), ("Amiens", "80000", 49.8940, 2.2960, "03"),
    ("Reims", "51100", 49.2580, 4.0320, "03"), ("Metz", "57000", 49.1190, 6.1760, "03"),
    ("Nancy", "54000", 48.6920, 6.1840, "03"), ("Strasbourg", "67000", 48.5730, 7.7520, "03"),
    ("Mulhouse", "68100", 47.7500, 7.3350, "03"), ("Dijon", "21000", 47.3220, 5.0410, "03"),
    ("Besançon", "25000", 47.2380, 6.0240, "03"), ("Troyes", "10000", 48.2970, 4.0740, "03"),
]  # fmt: skip
# Twenty neighbourhood postcodes per city make ~1,000 postcodes, as in a regional file.
STREETS = [
    "rue de la République", "avenue Jean Jaurès", "boulevard Victor Hugo", "rue Pasteur",
    "place de la Mairie", "rue du Général de Gaulle", "avenue de la Gare", "rue Nationale",
    "chemin des Vignes", "rue des Écoles", "impasse des Lilas", "allée des Tilleuls",
    "rue Émile Zola", "quai Saint-Antoine", "route de Paris", "rue du Moulin",
]  # fmt: skip
TRADES = [
    ("Boulangerie", "Alimentaire", "10.71C"), ("Garage", "Automobile", "45.20A"),
    ("Menuiserie", "Bâtiment", "43.32A"), ("Plomberie", "Bâtiment", "43.22A"),
    ("Cabinet comptable", "Services", "69.20Z"), ("Transports", "Logistique", "49.41A"),
    ("Pharmacie", "Santé", "47.73Z"), ("Restaurant", "Hôtellerie-restauration", "56.10A"),
    ("Hôtel", "Hôtellerie-restauration", "55.10Z"), ("Imprimerie", "Industrie", "18.12Z"),
    ("Agence immobilière", "Immobilier", "68.31Z"), ("Salon de coiffure", "Services", "96.02A"),
    ("Électricité", "Bâtiment", "43.21A"), ("Fromagerie", "Alimentaire", "47.29Z"),
    ("Conseil informatique", "Numérique", "62.02A"), ("Paysagiste", "Services", "81.30Z"),
    ("Boucherie", "Alimentaire", "47.22Z"), ("Fleuriste", "Commerce", "47.76Z"),
    ("Librairie", "Commerce", "47.61Z"), ("Auto-école", "Enseignement", "85.53Z"),
]  # fmt: skip
LAST = [
    "Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy",
    "Moreau", "Simon", "Laurent", "Lefebvre", "Michel", "Garcia", "David", "Bertrand", "Roux",
    "Vincent", "Fournier", "Morel", "Girard", "André", "Mercier", "Dupont", "Lambert", "Bonnet",
    "François", "Martinez", "Legrand", "Garnier", "Faure", "Rousseau", "Blanc", "Guérin",
    "Muller", "Henry", "Roussel", "Nicolas", "Perrin", "Morin", "Mathieu", "Clément", "Gauthier",
    "Dumont", "Lopez", "Fontaine", "Chevalier", "Robin", "Masson", "Sanchez", "Gérard", "Nguyen",
    "Boyer", "Denis", "Lemaire", "Duval", "Joly", "Gautier", "Roger", "Roche", "Roy", "Noël",
    "Meyer", "Lucas", "Meunier", "Jean", "Perez", "Marchand", "Dufour", "Blanchard", "Marie",
    "Barbier", "Brun", "Dumas", "Brunet", "Schmitt", "Leroux", "Colin", "Fernandez", "Diallo",
]  # fmt: skip
FIRST = [
    "Camille", "Léa", "Manon", "Chloé", "Inès", "Sarah", "Emma", "Jade", "Louise", "Alice",
    "Lucas", "Hugo", "Nathan", "Théo", "Enzo", "Louis", "Mathis", "Yanis", "Karim", "Mehdi",
    "Awa", "Fatou", "Nicolas", "Julien", "Sophie", "Amandine", "Thomas", "Maxime", "Élodie",
    "Jérôme", "Céline", "Stéphane", "Nathalie", "Frédéric", "Isabelle", "Sébastien", "Aurélie",
]  # fmt: skip
LEGAL = ["SARL", "SAS", "EURL", "SA", "& Fils", "Frères", "et Associés", ""]
JOBS = ["Gérant", "Gérante", "Directeur commercial", "Responsable achats", "Assistante", "DAF"]
STATUSES = ["suspect", "suspect", "prospect", "prospect", "qualifié", "client"]
SOURCES = ["salon", "recommandation", "campagne", "réseaux sociaux", "entrant", ""]
SIZES = ["TPE", "TPE", "PE", "PME", "ETI", "3", "12", "10-49", ""]
TAGS = ["salon-2026", "fidèle", "relance", "prioritaire", "nouveau", "export", "local"]

HEADER = [
    "Raison sociale", "Type", "SIRET", "Code NAF", "Secteur", "Effectif", "Adresse",
    "Code postal", "Ville", "Latitude", "Longitude", "Site web", "Téléphone", "E-mail",
    "Statut", "Source", "Potentiel", "Tags", "Prochain contact", "Contact nom",
    "Contact prénom", "Contact fonction", "Contact téléphone", "Contact email",
    "Consentement email", "Consentement SMS", "Date consentement",
]  # fmt: skip


def make_siret(n: int) -> str:
    siren = f"{300000000 + n * 7:09d}"[:8]
    siren += luhn.calc_check_digit(siren)
    body = siren + f"{n % 97 + 10:04d}"[:4]
    return body + luhn.calc_check_digit(body)


def slug(text: str) -> str:
    return "".join(ch if ch.isalnum() else "-" for ch in fold(text)).strip("-")


class Generator:
    def __init__(self, rows: int) -> None:
        self.rng = random.Random(SEED)
        self.rows = rows
        self.n = 0
        self.places = [
            (city, pc[:-2] + f"{int(pc[-2:]) + k:02d}" if k else pc, lat, lon, zone)
            for city, pc, lat, lon, zone in CITIES
            for k in range(20)
        ]

    def phone(self, zone: str, mobile: bool = False) -> str:
        """A number that exists in the French numbering plan, written the usual way."""
        while True:
            prefix = self.rng.choice(("06", "07")) if mobile else zone
            number = f"{prefix}{self.rng.randrange(10**8):08d}"
            if phonenumbers.is_valid_number(phonenumbers.parse(number, "FR")):
                return " ".join(number[i : i + 2] for i in range(0, 10, 2))

    def company(self) -> list[str]:
        """A company as purchased B2B files describe them: identity, address, switchboard;
        an e-mail for half of them, a named contact for 60 % (with their own phone or
        e-mail for some)."""
        rng = self.rng
        self.n += 1
        trade, sector, naf = rng.choice(TRADES)
        family = rng.choice(LAST)
        name = f"{trade} {family} {rng.choice(LEGAL)}".strip()
        if rng.random() < 0.5:
            name = f"{trade} {family} {rng.choice(LAST)} {rng.choice(LEGAL)}".strip()
        city, postcode, lat, lon, zone = rng.choice(self.places)
        site = f"{slug(trade)}-{slug(family)}-{self.n}.fr"
        thousands, units, cents = rng.randrange(1, 90), rng.randrange(1000), rng.randrange(100)
        potential = rng.choice(
            ["", f"{rng.randrange(500, 90000)} €", f"{thousands} {units:03d},{cents:02d}"]
        )
        contact = ["", "", "", "", ""]
        consent = ""
        if rng.random() < 0.6:
            first, last = rng.choice(FIRST), rng.choice(LAST)
            contact = [
                last, first, rng.choice(JOBS) if rng.random() < 0.7 else "",
                self.phone(zone, mobile=True) if rng.random() < 0.4 else "",
                f"{slug(first)}.{slug(last)}@{site}" if rng.random() < 0.5 else "",
            ]  # fmt: skip
            consent = rng.choice(("oui", "non", "", "", ""))
        return [
            name, rng.choice(("entreprise", "B2B", "société")), make_siret(self.n), naf, sector,
            rng.choice(SIZES), f"{rng.randrange(1, 200)} {rng.choice(STREETS)}", postcode, city,
            f"{lat + rng.uniform(-0.05, 0.05):.5f}".replace(".", ","),
            f"{lon + rng.uniform(-0.05, 0.05):.5f}".replace(".", ","),
            f"www.{site}" if rng.random() < 0.6 else "", self.phone(zone),
            f"contact@{site}" if rng.random() < 0.5 else "", rng.choice(STATUSES),
            rng.choice(SOURCES), potential, "|".join(rng.sample(TAGS, rng.randrange(3))),
            f"{rng.randrange(1, 29):02d}/{rng.randrange(1, 13):02d}/2027"
            if rng.random() < 0.5 else "",
            *contact, consent, "", "",
        ]  # fmt: skip

    def individual(self) -> list[str]:
        """A consumer: a mobile for most, an e-mail for 70 %, and their consents."""
        rng = self.rng
        self.n += 1
        first, last = rng.choice(FIRST), rng.choice(LAST)
        city, postcode, _lat, _lon, zone = rng.choice(self.places)
        mail = rng.choice(("gmail.com", "orange.fr", "free.fr", "laposte.net", "sfr.fr"))
        return [
            f"{first} {last}", rng.choice(("particulier", "B2C")), "", "", "", "",
            f"{rng.randrange(1, 200)} {rng.choice(STREETS)}", postcode, city, "", "", "",
            self.phone(zone, mobile=True) if rng.random() < 0.9 else "",
            f"{slug(first)}.{slug(last)}.{self.n}@{mail}" if rng.random() < 0.7 else "",
            rng.choice(STATUSES[:4]), rng.choice(SOURCES), "", "", "", "", "", "", "", "",
            rng.choice(("oui", "non", "")), rng.choice(("oui", "non", "")),
            f"{rng.randrange(1, 29):02d}/{rng.randrange(1, 13):02d}/2025",
        ]  # fmt: skip

    def broken(self, row: list[str]) -> list[str]:
        """One realistic mistake."""
        rng = self.rng
        kind = rng.randrange(5)
        if kind == 0 and row[2]:
            row[2] = row[2][:-1] + str((int(row[2][-1]) + 1) % 10)  # wrong SIRET key
        elif kind == 1:
            row[12] = row[12][:8]  # truncated phone
        elif kind == 2:
            row[13] = row[13].replace("@", " ") or "sans-arobase.fr"
        elif kind == 3:
            row[14] = "à rappeler"  # not a status
        else:
            row[0] = ""  # no name
        return row

    def duplicate(self, row: list[str], earlier: list[list[str]], existing: list[list[str]]):
        """Copy one key of an earlier row or of an existing prospect."""
        rng = self.rng
        source = rng.choice(existing) if existing and rng.random() < 0.5 else rng.choice(earlier)
        if source[1] in ("particulier", "B2C") or row[1] in ("particulier", "B2C"):
            row = list(source)
            row[12] = source[12]
            return row
        rule = rng.randrange(4)
        if rule == 0 and source[2]:
            row[2] = source[2]
        elif rule == 1 and source[13]:
            row[13] = source[13].upper()
        elif rule == 2:
            row[12] = source[12].replace(" ", "")
        else:  # same name with a typo, same postcode
            name = source[0]
            at = rng.randrange(1, max(2, len(name) - 1))
            row[0] = name[:at] + name[at + 1 :]
            row[7], row[8] = source[7], source[8]
            row[2] = row[12] = row[13] = ""
        return row

    def write(self, path: Path, existing_count: int) -> list[list[str]]:
        """Write the file (keeping only a sample of earlier rows to copy duplicates from);
        return the rows to load as existing prospects."""
        existing = [self.company() for _ in range(existing_count)]
        sample: list[list[str]] = []
        with path.open("w", encoding="utf-8-sig", newline="") as fh:
            writer = csv.writer(fh, delimiter=";", lineterminator="\r\n")
            writer.writerow(HEADER)
            for _ in range(self.rows):
                row = self.company() if self.rng.random() < 0.7 else self.individual()
                draw = self.rng.random()
                if draw < 0.02 and (sample or existing):
                    row = self.duplicate(row, sample or existing, existing)
                elif draw < 0.04:
                    row = self.broken(row)
                elif len(sample) < 5000:
                    sample.append(row)
                elif self.rng.random() < 0.05:
                    sample[self.rng.randrange(len(sample))] = row
                writer.writerow(row)
        return existing


def peak_rss() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def rss_now() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def main() -> None:
    warnings.simplefilter("ignore")
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", default=None)
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--existing", type=int, default=5_000)
    parser.add_argument("--policy", default="skip", choices=["skip", "update", "create"])
    args = parser.parse_args()

    tmp = Path(tempfile.mkdtemp())
    started = time.perf_counter()
    path = tmp / "prospects.csv"
    existing_rows = Generator(args.rows).write(path, args.existing)
    gen_s = time.perf_counter() - started

    url = args.url or f"sqlite:///{tmp}/bench.db"
    config = alembic_config(url)
    config.attributes["configure_logging"] = False
    command.downgrade(config, "base")
    command.upgrade(config, "head")
    engine = make_engine(url)
    factory = make_session_factory(engine)
    with factory.begin() as session:
        org = Organisation(name="Centre bench", slug="bench")
        session.add(org)
        session.flush()
        cohort = Cohort(organisation_id=org.id, name="Bench")
        session.add(cohort)
        session.flush()
        user = User(
            organisation_id=org.id, email="bench@example.org", full_name="Bench",
            role=Role.TRAINEE, password_hash="x", cohort_id=cohort.id,
        )  # fmt: skip
        session.add(user)
        session.flush()
        user_id = user.id
        now = utcnow()
        session.execute(
            insert(Prospect),
            [
                {
                    "owner_id": user_id,
                    "kind": "company",
                    "name": r[0],
                    "siret": r[2],
                    "siren": r[2][:9],
                    "postcode": r[7],
                    "city": r[8],
                    "phone": "+33" + r[12].replace(" ", "")[1:],
                    "email": r[13] or None,
                    "status": "prospect",
                    "priority": "C",
                    "tags": [],
                    "search_text": fold(f"{r[0]} {r[8]} {r[2]}"),
                    "ongoing_contract": False,
                    "created_at": now,
                    "updated_at": now,
                    "version": 1,
                }
                for r in existing_rows
            ],
        )

    settings = Settings(database_url=url, secret_key="bench-secret-key-long-enough-for-hs256!!")
    app = create_app(settings, session_factory=factory)
    token, _ = create_access_token(user_id=user_id, secret=settings.jwt_secret(), minutes=120)
    headers = {"Authorization": f"Bearer {token}"}
    content = path.read_bytes()
    del existing_rows
    gc.collect()
    rss_start = rss_now()
    with TestClient(app) as client:
        t0, c0 = time.perf_counter(), time.process_time()
        response = client.post(
            "/api/v1/prospects/imports",
            files={"file": ("prospects.csv", content, "text/csv")},
            data={"duplicate_policy": args.policy},
            headers=headers,
        )
        assert response.status_code == 202, response.text
        job_id = response.json()["id"]
        job = client.get(f"/api/v1/prospects/imports/{job_id}", headers=headers).json()
        dry_s, dry_cpu = time.perf_counter() - t0, time.process_time() - c0
        rss_dry = peak_rss()
        assert job["status"] == "validated", job.get("error")

        t0, c0 = time.perf_counter(), time.process_time()
        response = client.post(
            f"/api/v1/prospects/imports/{job_id}/commit",
            json={"skip_invalid_rows": True},
            headers=headers,
        )
        assert response.status_code == 202, response.text
        done = client.get(f"/api/v1/prospects/imports/{job_id}", headers=headers).json()
        commit_s, commit_cpu = time.perf_counter() - t0, time.process_time() - c0
        assert done["status"] == "committed", done.get("error")
    with factory() as session:
        total = session.scalar(
            select(func.count()).select_from(Prospect).where(Prospect.owner_id == user_id)
        )
    engine.dispose()

    backend = url.split(":", 1)[0]
    n = done["total_rows"]
    print(f"backend={backend} rows={n} existing_prospects={args.existing} policy={args.policy}")
    print(f"file: {len(content) / 1024 / 1024:.1f} MiB, generated in {gen_s:.1f} s")
    print(
        f"dry-run: {dry_s:.1f} s, {n / dry_s:,.0f} rows/s (CPU {dry_cpu:.1f} s) "
        f"(valid {job['valid_rows']}, errors {job['error_rows']}, "
        f"duplicates {job['duplicate_rows']}); peak RSS so far {rss_dry:.0f} MiB"
    )
    print(
        f"commit: {commit_s:.1f} s, {n / commit_s:,.0f} rows/s (CPU {commit_cpu:.1f} s) "
        f"(created {done['created_count']}, updated {done['updated_count']}, "
        f"skipped {done['skipped_count']}; contacts {done['report']['result']['contacts_created']},"
        f" consents {done['report']['result']['consents_recorded']}); prospects now {total}"
    )
    print(f"RSS before the upload: {rss_start:.0f} MiB; peak RSS: {peak_rss():.0f} MiB")


if __name__ == "__main__":
    main()
