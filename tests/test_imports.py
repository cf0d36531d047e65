"""Prospect import: upload, dry-run, report, duplicates, commit (all or nothing), cancel."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

import pytest
from fastapi.testclient import TestClient
from httpx import Response
from openpyxl import Workbook
from rapidfuzz import fuzz
from sqlalchemy import func, select, text, update
from sqlalchemy.orm import Session
from stdnum import luhn

from app.common.text import fold
from app.config import Settings
from app.core.principal import Principal
from app.models import (
    ApiScope,
    ConsentChannel,
    ConsentMethod,
    ConsentRecord,
    ConsentStatus,
    Contact,
    EvidenceLink,
    EvidenceRecord,
    ImportFile,
    ImportJob,
    ImportStatus,
    LawfulBasis,
    Priority,
    Prospect,
    ProspectKind,
    ProspectSource,
    ProspectStatus,
    ProspectStatusChange,
    Role,
    SizeBand,
    User,
)
from app.prospects.imports import duplicates, loading, service, staging
from app.prospects.imports.cells import parse_decimal, parse_size_band
from app.prospects.imports.duplicates import Ref, name_key
from app.prospects.imports.mapping import normalise_header, suggest_mapping
from app.prospects.imports.pipeline import Action, Pipeline, Planned
from app.prospects.imports.rows import ConsentDraft, ContactDraft, ValidRow
from tests.factories import bearer, make_cohort, make_org, make_prospect, make_user, snapshot

IMPORTS = "/api/v1/prospects/imports"


# ------------------------------------------------------------------ helpers


def siret(n: int) -> str:
    """A valid SIRET (Luhn keys on the SIREN and on the whole number)."""
    siren = f"{n:08d}"
    siren += luhn.calc_check_digit(siren)
    body = siren + "0001"
    return body + luhn.calc_check_digit(body)


def csv_bytes(
    rows: list[list[str]], *, sep: str = ",", encoding: str = "utf-8", bom: bool = False
) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=sep, lineterminator="\r\n").writerows(rows)
    data = buffer.getvalue().encode(encoding)
    return (b"\xef\xbb\xbf" + data) if bom else data


def xlsx_bytes(rows: list[list[Any]]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def upload(
    client: TestClient,
    user: User,
    content: bytes,
    filename: str = "prospects.csv",
    *,
    mapping: dict[str, Any] | str | None = None,
    policy: str | None = None,
    kind_default: str | None = None,
) -> Response:
    data: dict[str, str] = {}
    if mapping is not None:
        data["mapping"] = mapping if isinstance(mapping, str) else json.dumps(mapping)
    if policy is not None:
        data["duplicate_policy"] = policy
    if kind_default is not None:
        data["kind_default"] = kind_default
    return client.post(
        IMPORTS,
        files={"file": (filename, content, "application/octet-stream")},
        data=data,
        headers=bearer(user),
    )


def job_of(client: TestClient, user: User, response: Response) -> dict[str, Any]:
    assert response.status_code == 202, response.text
    job = client.get(f"{IMPORTS}/{response.json()['id']}", headers=bearer(user))
    assert job.status_code == 200, job.text
    return job.json()


def commit(
    client: TestClient, user: User, job_id: int, body: dict[str, Any] | None = None
) -> Response:
    return client.post(f"{IMPORTS}/{job_id}/commit", json=body, headers=bearer(user))


def committed(client: TestClient, user: User, job_id: int, **body: Any) -> dict[str, Any]:
    response = commit(client, user, job_id, body or None)
    assert response.status_code == 202, response.text
    return client.get(f"{IMPORTS}/{job_id}", headers=bearer(user)).json()


def prospects_of(db: Session, user: User) -> list[Prospect]:
    db.expire_all()
    return list(
        db.scalars(select(Prospect).where(Prospect.owner_id == user.id).order_by(Prospect.id))
    )


def assert_file_problem(response: Response, fragment: str) -> None:
    assert response.status_code == 422, response.text
    assert response.headers["content-type"] == "application/problem+json"
    problem = response.json()
    assert problem["errors"][0]["field"] == "file", problem
    assert fragment in problem["detail"], problem["detail"]


@pytest.fixture
def trainee(db: Session) -> User:
    org = make_org(db)
    return make_user(db, org, cohort=make_cohort(db, org))


HEADER = ["Raison sociale", "Type", "SIRET", "Code postal", "Ville", "Téléphone", "E-mail"]


# ------------------------------------------------------------------ formats and encodings


def test_csv_with_commas_is_dry_run_then_committed(
    client: TestClient, db: Session, trainee: User
) -> None:
    content = csv_bytes(
        [
            [*HEADER, "Potentiel", "Tags", "Prochain contact", "Statut", "Secteur", "Effectif"],
            ["Boulangerie Martin", "entreprise", siret(1), "69003", "Lyon", "04 78 12 34 56",
             "contact@martin.fr", "12 500,50 €", "pain|bio", "15/03/2027", "prospect",
             "Alimentaire", "12"],
            ["Jeanne Durand", "particulier", "", "75011", "Paris", "06 12 34 56 78",
             "Jeanne.Durand@Exemple.FR", "", "", "2027-04-01", "", "", ""],
        ]
    )  # fmt: skip
    response = upload(client, trainee, content)
    assert response.status_code == 202, response.text
    created = response.json()
    assert created["status"] == "pending"
    assert created["file_format"] == "csv"
    assert created["total_rows"] == 2
    assert "content" not in created

    job = job_of(client, trainee, response)
    assert job["status"] == "validated"
    assert (job["processed_rows"], job["valid_rows"], job["error_rows"]) == (2, 2, 0)
    assert job["report"]["file"]["delimiter"] == ","
    assert job["report"]["planned"] == {"create": 2, "update": 0, "skip": 0}
    assert prospects_of(db, trainee) == []  # a dry-run writes nothing

    done = committed(client, trainee, job["id"])
    assert done["status"] == "committed"
    assert done["created_count"] == 2
    assert done["report"]["result"]["created"] == 2
    assert done["finished_at"] is not None
    company, person = prospects_of(db, trainee)
    assert company.kind is ProspectKind.COMPANY
    assert company.siret == siret(1)
    assert company.siren == siret(1)[:9]
    assert company.phone == "+33478123456"
    assert company.potential == Decimal("12500.50")
    assert company.priority is Priority.B
    assert company.tags == ["bio", "pain"]
    assert company.next_contact_on == date(2027, 3, 15)
    assert company.status is ProspectStatus.PROSPECT
    assert company.source is ProspectSource.IMPORT
    assert company.size_band is SizeBand.SMALL
    assert company.search_text == fold(f"Boulangerie Martin Lyon {siret(1)}")
    assert person.kind is ProspectKind.INDIVIDUAL
    assert person.email == "jeanne.durand@exemple.fr"
    assert person.status is ProspectStatus.SUSPECT
    assert person.next_contact_on == date(2027, 4, 1)
    history = db.scalars(
        select(ProspectStatusChange.to_status).where(
            ProspectStatusChange.prospect_id.in_([company.id, person.id])
        )
    ).all()
    assert sorted(history) == ["prospect", "suspect"]
    assert db.get(ImportFile, job["id"]) is None
    # Imported rows are in the text-search index (indexed in bulk on SQLite).
    for term, name in (("boulangerie", "Boulangerie Martin"), ("durand", "Jeanne Durand")):
        found = client.get(f"/api/v1/prospects?q={term}", headers=bearer(trainee)).json()
        assert [p["name"] for p in found["items"]] == [name]


def test_semicolons_and_utf8_bom(client: TestClient, db: Session, trainee: User) -> None:
    content = csv_bytes(
        [["Nom", "Type", "Ville"], ["Café Élysée", "B2B", "Besançon"]], sep=";", bom=True
    )
    job = job_of(client, trainee, upload(client, trainee, content))
    assert job["status"] == "validated", job
    assert job["report"]["file"] == {"encoding": "utf-8 (BOM)", "delimiter": ";"}
    assert job["report"]["columns"] == ["Nom", "Type", "Ville"]  # no BOM in the first header
    committed(client, trainee, job["id"])
    [prospect] = prospects_of(db, trainee)
    assert (prospect.name, prospect.city) == ("Café Élysée", "Besançon")


def test_windows_1252_accents_survive(client: TestClient, db: Session, trainee: User) -> None:
    content = csv_bytes(
        [["Société", "Type", "Ville", "Secteur"], ["Crêperie Noël", "entreprise", "Orléans", "Hôtellerie"]],
        sep=";",
        encoding="cp1252",
    )  # fmt: skip
    job = job_of(client, trainee, upload(client, trainee, content))
    assert job["report"]["file"]["encoding"] == "windows-1252"
    assert job["report"]["mapping"]["Société"] == "name"
    committed(client, trainee, job["id"])
    [prospect] = prospects_of(db, trainee)
    assert (prospect.name, prospect.city, prospect.sector) == (
        "Crêperie Noël",
        "Orléans",
        "Hôtellerie",
    )


def test_xlsx_with_typed_cells(client: TestClient, db: Session, trainee: User) -> None:
    content = xlsx_bytes(
        [
            ["Raison sociale", "Type", "SIRET", "CP", "Commune", "Tél", "Potentiel",
             "Prochain contact", "Latitude", "Longitude"],
            ["Garage Dupont", "company", int(siret(2)), 1000, "Bourg-en-Bresse", 612345678,
             75000, datetime(2027, 5, 2), 46.2, 5.22],
            [None, None, None, None, None, None, None, None, None, None],  # blank row: skipped
            ["Ferme Leroy", "B2B", None, "44000", "Nantes", None, 1234.5, None, 47.21, -1.55],
        ]
    )  # fmt: skip
    response = upload(client, trainee, content, "fichier.xlsx")
    job = job_of(client, trainee, response)
    assert job["file_format"] == "xlsx"
    assert job["status"] == "validated", job
    assert (job["valid_rows"], job["error_rows"]) == (2, 0), job["report"]["errors"]
    committed(client, trainee, job["id"])
    garage, farm = prospects_of(db, trainee)
    assert garage.siret == siret(2)
    assert garage.postcode == "01000"  # the leading zero a spreadsheet lost
    assert garage.phone == "+33612345678"
    assert garage.potential == Decimal("75000.00")
    assert garage.priority is Priority.A
    assert garage.next_contact_on == date(2027, 5, 2)
    assert (farm.latitude, farm.longitude) == (47.21, -1.55)
    assert farm.potential == Decimal("1234.50")


def test_xlsx_row_numbers_follow_the_sheet(client: TestClient, trainee: User) -> None:
    content = xlsx_bytes([["Nom", "Type"], ["A", "entreprise"], [None, None], ["B", "inconnu"]])
    job = job_of(client, trainee, upload(client, trainee, content, "f.xlsx"))
    assert job["report"]["errors"] == [
        {
            "row": 4,
            "column": "Type",
            "field": "kind",
            "reason": job["report"]["errors"][0]["reason"],
        }
    ]


# ------------------------------------------------------------------ refused files


def test_broken_encoding_is_a_422_on_file(client: TestClient, db: Session, trainee: User) -> None:
    content = b"Nom,Type\n" + bytes([0x81, 0x8D, 0x8F, 0x90, 0x9D]) * 20 + b",entreprise\n"
    response = upload(client, trainee, content)
    assert_file_problem(response, "Encodage du fichier non reconnu")
    assert db.scalar(select(func.count()).select_from(ImportJob)) == 0


@pytest.mark.parametrize(
    ("content", "filename", "fragment"),
    [
        (b"", "vide.csv", "vide"),
        (b"  \r\n \r\n", "blancs.csv", "vide"),
        (b"Nom;Type;Ville\r\n", "entete.csv", "que l'en-tête"),
        (b"Nom;Type;Ville\r\n;;\r\n\r\n", "entete-et-blancs.csv", "que l'en-tête"),
        (bytes(range(256)) * 40, "hasard.xlsx", "n'est pas un classeur Excel"),
        (b"PK\x03\x04" + bytes(range(256)) * 4, "zip-casse.xlsx", "Classeur Excel illisible"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512, "vieux.xls", ".xls"),
        (b"Nom,Type\x00\x00\x01\x02\n", "binaire.csv", "Encodage"),
        ("Nom;Type\n".encode("utf-16"), "utf16.csv", "UTF-16"),
    ],
)
def test_unreadable_files_are_refused_and_not_kept(
    client: TestClient, db: Session, trainee: User, content: bytes, filename: str, fragment: str
) -> None:
    assert_file_problem(upload(client, trainee, content, filename), fragment)
    assert db.scalar(select(func.count()).select_from(ImportJob)) == 0


def test_header_only_xlsx_is_refused(client: TestClient, db: Session, trainee: User) -> None:
    response = upload(client, trainee, xlsx_bytes([["Nom", "Type"]]), "vide.xlsx")
    assert_file_problem(response, "que l'en-tête")


def test_too_many_rows(client: TestClient, db: Session, trainee: User, settings: Settings) -> None:
    settings.import_max_rows = 3
    rows = [["Nom", "Type"]] + [[f"Société {n}", "entreprise"] for n in range(4)]
    assert_file_problem(upload(client, trainee, csv_bytes(rows)), "3 lignes de données au plus")
    assert_file_problem(
        upload(client, trainee, xlsx_bytes(rows), "long.xlsx"), "3 lignes de données au plus"
    )
    assert db.scalar(select(func.count()).select_from(ImportJob)) == 0


def test_50_mb_upload_is_refused_with_413_and_nothing_written(
    client: TestClient, db: Session, trainee: User
) -> None:
    before = snapshot(db)
    content = b"Nom,Type\n" + b"Une entreprise,entreprise\n" * (50 * 1024 * 1024 // 26)
    response = upload(client, trainee, content)
    assert response.status_code == 413, response.text[:300]
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["type"] == "urn:capvente:problem:payload-too-large"
    db.expire_all()
    assert snapshot(db) == before


def test_the_limit_applies_to_the_uploaded_file_too(
    client: TestClient, db: Session, trainee: User, settings: Settings
) -> None:
    # The middleware was built with the default limit; the route checks the file itself.
    settings.import_max_bytes = 2048
    content = b"Nom,Type\n" + b"Une entreprise,entreprise\n" * 100
    response = upload(client, trainee, content)
    assert response.status_code == 413, response.text
    assert response.json()["type"] == "urn:capvente:problem:payload-too-large"
    assert db.scalar(select(func.count()).select_from(ImportJob)) == 0


# ------------------------------------------------------------------ row errors


def test_row_errors_name_the_row_and_column_without_the_value(
    client: TestClient, db: Session, trainee: User
) -> None:
    content = csv_bytes(
        [
            ["Nom", "Type", "SIRET", "Téléphone", "Statut", "Latitude", "Longitude", "E-mail"],
            ["Valide", "entreprise", siret(3), "0478123456", "suspect", "", "", ""],
            ["Mauvais SIRET", "entreprise", "73282932000075", "", "", "", "", ""],
            ["Mauvais tel", "entreprise", "", "06 12", "", "", "", ""],
            ["Statut inconnu", "entreprise", "", "", "endormi", "", "", ""],
            ["", "entreprise", "", "", "", "", "", ""],
            ["Particulier SIRET", "particulier", siret(4), "", "", "", "", ""],
            ["Latitude seule", "entreprise", "", "", "", "45,76", "", ""],
            ["Perdu", "entreprise", "", "", "perdu", "", "", ""],
            ["Mail", "entreprise", "", "", "", "", "", "pas-une-adresse"],
            ["Deux erreurs", "martien", "123", "", "", "", "", ""],
        ]
    )
    job = job_of(client, trainee, upload(client, trainee, content))
    assert job["status"] == "validated"
    assert (job["valid_rows"], job["error_rows"]) == (1, 9)
    errors = job["report"]["errors"]
    located = [(e["row"], e["column"], e["field"]) for e in errors]
    assert located == [
        (3, "SIRET", "siret"),
        (4, "Téléphone", "phone"),
        (5, "Statut", "status"),
        (6, "Nom", "name"),
        (7, "SIRET", "siret"),
        (8, "Longitude", "longitude"),
        (9, "Statut", "status"),
        (10, "E-mail", "email"),
        (11, "Type", "kind"),
        (11, "SIRET", "siret"),
    ]
    reasons = {e["row"]: e["reason"] for e in errors}
    assert "clé de contrôle" in reasons[3]
    assert "Statut inconnu" in reasons[5]
    assert reasons[6] == "Le nom est obligatoire."
    assert "particulier" in reasons[7].lower()
    assert job["report"]["errors_total"] == 10
    # Privacy: the report holds no cell value.
    dumped = json.dumps(job["report"], ensure_ascii=False)
    for value in ("73282932000075", "06 12", "endormi", "pas-une-adresse", "martien", siret(4)):
        assert value not in dumped


def test_contacts_and_consents(client: TestClient, db: Session, trainee: User) -> None:
    content = csv_bytes(
        [
            ["Nom", "Type", "Contact nom", "Contact prénom", "Contact fonction",
             "Contact téléphone", "Contact email", "Consentement email", "Consentement SMS",
             "Consentement téléphone", "Consentement courrier", "Date consentement"],
            ["Menuiserie Petit", "entreprise", "Petit", "Luc", "Gérant", "0612345679",
             "luc@menuiserie-petit.fr", "oui", "", "", "", "02/01/2026"],
            ["Paul Martin", "particulier", "", "", "", "", "", "oui", "non", "refused",
             "granted", ""],
            ["Sans contact", "entreprise", "", "", "", "", "", "oui", "", "", "", ""],
            ["Particulier contact", "particulier", "Dupont", "", "", "", "", "", "", "", "", ""],
            ["Contact sans nom", "entreprise", "", "Anne", "", "", "", "", "", "", "", ""],
            ["Futur", "particulier", "", "", "", "", "", "oui", "", "", "", "01/01/2099"],
        ]
    )  # fmt: skip
    job = job_of(client, trainee, upload(client, trainee, content, "salon.csv"))
    assert [(e["row"], e["field"]) for e in job["report"]["errors"]] == [
        (4, "consent_email"),
        (5, "contact_last_name"),
        (6, "contact_last_name"),
        (7, "consent_date"),
    ]
    committed(client, trainee, job["id"], skip_invalid_rows=True)
    company, person = prospects_of(db, trainee)
    [contact] = db.scalars(select(Contact).where(Contact.prospect_id == company.id)).all()
    assert (contact.first_name, contact.last_name, contact.job_title) == ("Luc", "Petit", "Gérant")
    assert (contact.phone, contact.email) == ("+33612345679", "luc@menuiserie-petit.fr")
    [company_consent] = db.scalars(
        select(ConsentRecord).where(ConsentRecord.prospect_id == company.id)
    ).all()
    assert company_consent.contact_id == contact.id
    assert company_consent.given_at == datetime(2026, 1, 2, tzinfo=UTC)
    consents = db.scalars(
        select(ConsentRecord)
        .where(ConsentRecord.prospect_id == person.id)
        .order_by(ConsentRecord.channel)
    ).all()
    assert {(c.channel, c.status) for c in consents} == {
        (ConsentChannel.EMAIL, ConsentStatus.GRANTED),
        (ConsentChannel.SMS, ConsentStatus.REFUSED),
        (ConsentChannel.PHONE, ConsentStatus.REFUSED),
        (ConsentChannel.POSTAL, ConsentStatus.GRANTED),
    }
    for record in consents:
        assert record.contact_id is None
        assert record.method is ConsentMethod.IMPORT
        assert record.lawful_basis is LawfulBasis.CONSENT
        assert record.text_version == "import salon.csv"
        assert record.recorded_by == trainee.id
        assert record.purpose == "prospecting"
    assert db.get(ImportJob, job["id"]).skipped_count == 4


# ------------------------------------------------------------------ mapping


def test_mapping_is_suggested_from_french_and_english_headers() -> None:
    headers = [
        "Raison sociale", "N° SIRET", "SIREN", "Code APE", "Secteur d'activité",
        "Tranche d'effectif", "Adresse", "CP", "Commune", "Lat", "Long", "Site Web", "Tél.",
        "Courriel", "TYPE", "Statut", "Source", "Potentiel (€)", "Tags", "Prochain contact",
        "Contact nom", "Contact prénom", "Contact fonction", "Contact téléphone",
        "Contact email", "Consentement e-mail", "Consentement SMS", "Consentement téléphone",
        "Consentement courrier", "Date consentement", "Remarques",
    ]  # fmt: skip
    assert list(suggest_mapping(headers).values()) == [
        "name", "siret", "siren", "naf_code", "sector", "size_band", "address", "postcode",
        "city", "latitude", "longitude", "website", "phone", "email", "kind", "status",
        "source", "potential", "tags", "next_contact_on", "contact_last_name",
        "contact_first_name", "contact_job_title", "contact_phone", "contact_email",
        "consent_email", "consent_sms", "consent_phone", "consent_postal", "consent_date", None,
    ]  # fmt: skip
    english = ["Company name", "Phone", "E-mail", "City", "Zip code", "Website", "Kind"]
    assert list(suggest_mapping(english).values()) == [
        "name", "phone", "email", "city", "postcode", "website", "kind",
    ]  # fmt: skip
    # Case, accents and punctuation do not matter; a field goes to the first column naming it.
    assert normalise_header("  TÉLÉPHONE  ") == "telephone"
    assert suggest_mapping(["Nom", "Société"]) == {"Nom": "name", "Société": None}


def test_user_mapping_overrides_the_suggestion(
    client: TestClient, db: Session, trainee: User
) -> None:
    content = csv_bytes(
        [
            ["Enseigne", "Nom", "Activité", "Téléphone", "Genre"],
            ["Chez Léa", "Léa Roux", "Restaurant", "0478000000", "entreprise"],
        ]
    )
    override = {"Nom": "contact_last_name", "Enseigne": "name", "Téléphone": None, "Genre": "kind"}
    job = job_of(client, trainee, upload(client, trainee, content, mapping=override))
    report = job["report"]
    assert report["suggested_mapping"] == {
        "Enseigne": "name",
        "Nom": None,  # "name" was already taken by "Enseigne"
        "Activité": "sector",
        "Téléphone": "phone",
        "Genre": None,
    }
    assert report["mapping"] == {
        "Enseigne": "name",
        "Nom": "contact_last_name",
        "Activité": "sector",
        "Téléphone": None,
        "Genre": "kind",
    }
    assert job["mapping"] == {
        "Enseigne": "name",
        "Nom": "contact_last_name",
        "Activité": "sector",
        "Genre": "kind",
    }
    assert report["unmapped_columns"] == ["Téléphone"]
    committed(client, trainee, job["id"])
    [prospect] = prospects_of(db, trainee)
    assert (prospect.name, prospect.sector, prospect.phone) == ("Chez Léa", "Restaurant", None)
    assert db.scalar(select(Contact.last_name).where(Contact.prospect_id == prospect.id)) == (
        "Léa Roux"
    )


@pytest.mark.parametrize(
    ("mapping", "field", "fragment"),
    [
        ({"Nom": "raison_sociale"}, "mapping", "Champ(s) inconnu(s) : raison_sociale"),
        ({"Inexistante": "sector"}, "mapping", "absente(s) du fichier"),
        ("{pas du json", "mapping", "objet JSON"),
        ('["name"]', "mapping", "objet"),
        ({"Nom": "name", "Ville": "name"}, "mapping", "deux colonnes"),
        ({"Nom": None}, "mapping", "nom"),
    ],
)
def test_bad_mappings_are_422_on_mapping(
    client: TestClient,
    db: Session,
    trainee: User,
    mapping: Any,
    field: str,
    fragment: str,
) -> None:
    content = csv_bytes([["Nom", "Type", "Ville"], ["A", "entreprise", "Lyon"]])
    response = upload(client, trainee, content, mapping=mapping)
    assert response.status_code == 422, response.text
    assert response.json()["errors"][0]["field"] == field
    assert fragment in response.json()["detail"]
    assert db.scalar(select(func.count()).select_from(ImportJob)) == 0


def test_kind_comes_from_kind_default_when_no_column(
    client: TestClient, db: Session, trainee: User
) -> None:
    content = csv_bytes([["Nom", "Ville"], ["Alice Morel", "Lille"]])
    refused = upload(client, trainee, content)
    assert refused.status_code == 422
    assert refused.json()["errors"][0]["field"] == "kind_default"
    job = job_of(client, trainee, upload(client, trainee, content, kind_default="individual"))
    committed(client, trainee, job["id"])
    [prospect] = prospects_of(db, trainee)
    assert prospect.kind is ProspectKind.INDIVIDUAL
    # With a kind column, an empty cell takes the default too.
    content = csv_bytes([["Nom", "Type"], ["Sans type", ""], ["Typé", "B2C"]])
    job = job_of(client, trainee, upload(client, trainee, content, kind_default="company"))
    assert job["valid_rows"] == 2


# ------------------------------------------------------------------ duplicates


def test_each_duplicate_rule(client: TestClient, db: Session, trainee: User) -> None:
    by_siret = make_prospect(db, trainee, name="Alpha", siret=siret(10), postcode="69001")
    by_email = make_prospect(db, trainee, name="Bravo", email="bravo@exemple.fr")
    by_phone = make_prospect(db, trainee, name="Charlie", phone="+33478111111")
    by_name = make_prospect(db, trainee, name="Garage Dupont et Fils", postcode="69003")
    make_prospect(
        db, trainee, name="Anonyme", email="gone@exemple.fr", anonymised_at=datetime.now(UTC)
    )
    other = make_user(db, make_org(db))
    make_prospect(db, other, name="Ailleurs", email="ailleurs@exemple.fr")
    content = csv_bytes(
        [
            ["Nom", "Type", "SIRET", "E-mail", "Téléphone", "Code postal"],
            ["Autre nom", "entreprise", siret(10), "", "", ""],          # 2 siret
            ["Autre", "entreprise", "", "BRAVO@exemple.fr", "", ""],     # 3 email
            ["Encore", "entreprise", "", "", "04 78 11 11 11", ""],      # 4 phone
            ["Garage Dupond et Fils", "entreprise", "", "", "", "69003"],  # 5 fuzzy name
            ["Fils et Garage Dupont", "entreprise", "", "", "", "69003"],  # 6 token order
            ["Garage Dupont et Fils", "entreprise", "", "", "", "69004"],  # 7 other postcode
            ["Nouveau", "entreprise", "", "gone@exemple.fr", "", ""],    # 8 anonymised: new
            ["Neuf", "entreprise", "", "ailleurs@exemple.fr", "", ""],   # 9 not mine: new
            ["Neuf bis", "entreprise", "", "AILLEURS@exemple.fr", "", ""],  # 10 earlier row
            ["Boulangerie Martin", "entreprise", "", "", "", "13001"],  # 11 new
            ["Boulangerie Martín", "entreprise", "", "", "", "13001"],  # 12 earlier row, accents
        ]
    )  # fmt: skip
    job = job_of(client, trainee, upload(client, trainee, content))
    assert job["report"]["duplicates"] == [
        {"row": 2, "matched_prospect_id": by_siret.id, "on": "siret"},
        {"row": 3, "matched_prospect_id": by_email.id, "on": "email"},
        {"row": 4, "matched_prospect_id": by_phone.id, "on": "phone"},
        {"row": 5, "matched_prospect_id": by_name.id, "on": "name_postcode"},
        {"row": 6, "matched_prospect_id": by_name.id, "on": "name_postcode"},
        {"row": 10, "matched_row": 9, "on": "email"},
        {"row": 12, "matched_row": 11, "on": "name_postcode"},
    ]
    assert job["duplicate_rows"] == 7
    assert job["report"]["planned"] == {"create": 4, "update": 0, "skip": 7}


def test_distinct_emails_or_sirets_are_not_duplicates(
    client: TestClient, db: Session, trainee: User
) -> None:
    """Issue 13, finding 12: alike names in one postcode are two customers when their e-mails
    or SIRETs differ; the same names without those facts are still duplicates."""
    martin = make_prospect(
        db, trainee, name="Boulangerie Martin", email="martin@exemple.fr", postcode="13001"
    )
    plain = make_prospect(db, trainee, name="Garage Dupont", postcode="69003")
    content = csv_bytes(
        [
            ["Nom", "Type", "SIRET", "E-mail", "Code postal"],
            ["Boulangerie Martin", "entreprise", "", "autre@exemple.fr", "13001"],  # 2 new
            ["Boulangerie Martin", "entreprise", "", "", "13001"],              # 3 dup (no e-mail)
            ["Garage Dupond", "entreprise", siret(31), "", "69003"],            # 4 dup (no SIRET)
            ["Garage Dupons", "entreprise", siret(32), "", "69003"],            # 5 dup of the record only (SIRETs differ)
            ["Pâtisserie 00001", "entreprise", "", "p1@exemple.fr", "75011"],   # 6 new
            ["Pâtisserie 00002", "entreprise", "", "p2@exemple.fr", "75011"],   # 7 new
        ]
    )  # fmt: skip
    job = job_of(client, trainee, upload(client, trainee, content))
    assert job["report"]["duplicates"] == [
        {"row": 3, "matched_prospect_id": martin.id, "on": "name_postcode"},
        {"row": 4, "matched_prospect_id": plain.id, "on": "name_postcode"},
        {"row": 5, "matched_prospect_id": plain.id, "on": "name_postcode"},
    ]
    assert job["report"]["planned"] == {"create": 3, "update": 0, "skip": 3}
    # The report names the existing records (read now, never stored in the report).
    assert job["matched_prospects"] == [
        {"id": martin.id, "name": "Boulangerie Martin"},
        {"id": plain.id, "name": "Garage Dupont"},
    ]
    assert "Boulangerie" not in json.dumps(job["report"])


def test_near_identical_names_with_distinct_emails_are_all_created(
    client: TestClient, db: Session, trainee: User
) -> None:
    rows = [["Nom", "Type", "E-mail", "Code postal"]]
    rows += [[f"Boulangerie Martin {n:05d}", "entreprise", f"b{n}@exemple.fr", "13001"]
             for n in range(3000)]  # fmt: skip
    job = job_of(client, trainee, upload(client, trainee, csv_bytes(rows)))
    assert (job["valid_rows"], job["duplicate_rows"]) == (3000, 0)
    assert job["report"]["name_comparisons_capped"] == 0


def test_name_comparisons_are_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(duplicates, "MAX_NAME_CANDIDATES", 3)
    index = duplicates.DuplicateIndex()
    for number, name in enumerate(["Garage Dupont", "Zèbre Un", "Zèbre Deux", "Zèbre Trois"]):
        index.add(duplicates.Keys.of({"name": name, "postcode": "69003"}), Ref(row=number + 2))

    def find(name: str) -> tuple[Ref, str] | None:
        return index.find(duplicates.Keys.of({"name": name, "postcode": "69003"}))

    assert find("Garage Dupond") is None  # alike the first name, out of the last three
    assert index.capped == 1
    assert find("Garage Dupont") == (Ref(row=2), "name_postcode")  # exact names: all of them
    assert find("Zèbre Troiz") == (Ref(row=5), "name_postcode")


def test_fuzzy_score_is_token_sort_ratio_of_folded_names() -> None:
    pairs = [
        ("Garage Dupont et Fils", "Garage Dupond et Fils"),
        ("SARL Boulangerie Martin", "Boulangerie  MARTIN sarl"),
        ("Café de la Gare", "Cafe de la gare"),
        ("Transports Leroy", "Transports Lebrun"),
    ]
    for a, b in pairs:
        assert fuzz.ratio(name_key(a), name_key(b)) == pytest.approx(
            fuzz.token_sort_ratio(fold(a), fold(b))
        )
    assert fuzz.token_sort_ratio(fold(pairs[0][0]), fold(pairs[0][1])) >= 90
    assert fuzz.token_sort_ratio(fold(pairs[3][0]), fold(pairs[3][1])) < 90


DUP_FILE = [
    ["Nom", "Type", "E-mail", "Ville", "Secteur", "Potentiel"],
    ["Nom importé", "entreprise", "dup@exemple.fr", "", "Bâtiment", "60000"],
    ["Tout neuf", "entreprise", "neuf@exemple.fr", "Nice", "", ""],
]


def test_policy_skip(client: TestClient, db: Session, trainee: User) -> None:
    existing = make_prospect(db, trainee, name="Existant", email="dup@exemple.fr", city="Lyon")
    job = job_of(client, trainee, upload(client, trainee, csv_bytes(DUP_FILE), policy="skip"))
    done = committed(client, trainee, job["id"])
    assert (done["created_count"], done["updated_count"], done["skipped_count"]) == (1, 0, 1)
    assert [p.name for p in prospects_of(db, trainee)] == ["Existant", "Tout neuf"]
    db.refresh(existing)
    assert existing.version == 1


def test_policy_update(client: TestClient, db: Session, trainee: User) -> None:
    existing = make_prospect(
        db, trainee, name="Existant", email="dup@exemple.fr", city="Lyon", sector="Commerce"
    )
    job = job_of(client, trainee, upload(client, trainee, csv_bytes(DUP_FILE), policy="update"))
    assert job["report"]["planned"] == {"create": 1, "update": 1, "skip": 0}
    done = committed(client, trainee, job["id"])
    assert (done["created_count"], done["updated_count"], done["skipped_count"]) == (1, 1, 0)
    updated, new = prospects_of(db, trainee)
    assert updated.id == existing.id
    assert updated.name == "Nom importé"
    assert updated.sector == "Bâtiment"
    assert updated.city == "Lyon"  # an empty cell does not erase
    assert updated.potential == Decimal("60000.00")
    assert updated.priority is Priority.A  # derived fields recomputed
    assert updated.search_text == "nom importe lyon"
    assert updated.version == 2
    assert new.name == "Tout neuf"


def test_policy_update_merges_duplicates_within_the_file(
    client: TestClient, db: Session, trainee: User
) -> None:
    content = csv_bytes(
        [
            ["Nom", "Type", "E-mail", "Téléphone", "Ville", "Contact nom"],
            ["Société Un", "entreprise", "un@exemple.fr", "", "Dijon", "Roy"],
            ["Société Un", "entreprise", "un@exemple.fr", "0380000000", "", "Roy"],
        ]
    )
    job = job_of(client, trainee, upload(client, trainee, content, policy="update"))
    assert job["report"]["duplicates"] == [{"row": 3, "matched_row": 2, "on": "email"}]
    committed(client, trainee, job["id"])
    [prospect] = prospects_of(db, trainee)
    assert (prospect.city, prospect.phone, prospect.version) == ("Dijon", "+33380000000", 2)
    assert db.scalar(select(func.count()).where(Contact.prospect_id == prospect.id)) == 1


def test_policy_update_refuses_an_incoherent_merge(
    client: TestClient, db: Session, trainee: User
) -> None:
    make_prospect(db, trainee, kind=ProspectKind.INDIVIDUAL, name="Léo", email="leo@exemple.fr")
    content = csv_bytes([["Nom", "Type", "E-mail"], ["Léo SARL", "entreprise", "leo@exemple.fr"]])
    job = job_of(client, trainee, upload(client, trainee, content, policy="update"))
    assert [(e["row"], e["field"]) for e in job["report"]["errors"]] == [(2, "kind")]


def test_policy_create(client: TestClient, db: Session, trainee: User) -> None:
    make_prospect(db, trainee, name="Existant", email="dup@exemple.fr")
    job = job_of(client, trainee, upload(client, trainee, csv_bytes(DUP_FILE), policy="create"))
    assert job["duplicate_rows"] == 1
    done = committed(client, trainee, job["id"])
    assert (done["created_count"], done["updated_count"], done["skipped_count"]) == (2, 0, 0)
    assert len(prospects_of(db, trainee)) == 3


# ------------------------------------------------------------------ commit


@pytest.fixture
def contact_trap(db: Session, backend: str) -> str:
    """A database rule the importer does not know: contacts named ECHEC are refused."""
    if backend == "postgresql":
        db.execute(
            text(
                "CREATE FUNCTION refuse_echec() RETURNS trigger LANGUAGE plpgsql AS $$ "
                "BEGIN IF NEW.last_name = 'ECHEC' THEN RAISE EXCEPTION 'refus'; END IF; "
                "RETURN NEW; END $$"
            )
        )
        db.execute(
            text(
                "CREATE TRIGGER contacts_echec BEFORE INSERT ON contacts "
                "FOR EACH ROW EXECUTE FUNCTION refuse_echec()"
            )
        )
    else:
        db.execute(
            text(
                "CREATE TRIGGER contacts_echec BEFORE INSERT ON contacts "
                "WHEN NEW.last_name = 'ECHEC' BEGIN SELECT RAISE(ABORT, 'refus'); END"
            )
        )
    return "ECHEC"


def test_commit_is_all_or_nothing(
    client: TestClient, db: Session, trainee: User, contact_trap: str
) -> None:
    rows = [["Nom", "Type", "Contact nom"]]
    rows += [[f"Société {n}", "entreprise", f"Contact {n}"] for n in range(1, 1301)]
    rows[1150][2] = contact_trap  # in the second batch: the first one is already written
    job = job_of(client, trainee, upload(client, trainee, csv_bytes(rows)))
    assert (job["status"], job["valid_rows"]) == ("validated", 1300)
    before = snapshot(db)
    done = committed(client, trainee, job["id"])
    assert done["status"] == "failed"
    assert "aucune ligne n'a été importée" in done["error"]
    assert "ECHEC" not in done["error"]
    assert done["created_count"] == 0
    db.expire_all()
    assert prospects_of(db, trainee) == []
    assert db.scalar(select(func.count()).select_from(Contact)) == 0
    if db.get_bind().dialect.name == "sqlite":  # the text-search index was rolled back too
        indexed = "SELECT count(*) FROM prospects_search WHERE prospects_search MATCH :q"
        assert db.scalar(text(indexed), {"q": '"societe"'}) == 0
    assert db.get(ImportFile, job["id"]) is None
    # Only the job (failed) changed: a commit that wrote nothing is no evidence.
    request_tables = {"import_jobs", "import_files"}
    after = snapshot(db)
    assert {k: v for k, v in after.items() if k not in request_tables} == {
        k: v for k, v in before.items() if k not in request_tables
    }
    # A failed job cannot be committed again.
    assert commit(client, trainee, job["id"]).status_code == 409


def search_total(client: TestClient, user: User, q: str) -> int:
    response = client.get("/api/v1/prospects", params={"q": q}, headers=bearer(user))
    assert response.status_code == 200, response.text
    return int(response.json()["total"])


def test_progress_is_counted_over_several_batches(
    client: TestClient, db: Session, trainee: User
) -> None:
    rows = [["Nom", "Type"]] + [[f"Société {n}", "entreprise"] for n in range(2500)]
    job = job_of(client, trainee, upload(client, trainee, csv_bytes(rows, sep=";")))
    assert (job["total_rows"], job["processed_rows"], job["valid_rows"]) == (2500, 2500, 2500)
    done = committed(client, trainee, job["id"])
    assert done["created_count"] == 2500
    assert len(prospects_of(db, trainee)) == 2500
    if db.get_bind().dialect.name == "sqlite":  # planner statistics gathered after the load
        stats = "SELECT count(*) FROM sqlite_stat1 WHERE tbl = 'prospects'"
        assert db.scalar(text(stats)) > 0
    assert search_total(client, trainee, "societe 2499") == 1
    # After the bulk load, single writes are indexed again as they happen.
    one = client.post(
        "/api/v1/prospects", json={"kind": "company", "name": "Zinguerie Anselme"},
        headers=bearer(trainee),
    )  # fmt: skip
    assert one.status_code == 201, one.text
    assert search_total(client, trainee, "zinguerie") == 1


def test_commit_with_invalid_rows_needs_skip_invalid_rows(
    client: TestClient, db: Session, trainee: User
) -> None:
    content = csv_bytes(
        [["Nom", "Type"], ["Bonne", "entreprise"], ["", "entreprise"], ["Autre", "??"]]
    )
    job = job_of(client, trainee, upload(client, trainee, content))
    refused = commit(client, trainee, job["id"])
    assert refused.status_code == 409
    problem = refused.json()
    assert problem["type"] == "urn:capvente:problem:import-has-invalid-rows"
    assert "2 lignes invalides" in problem["detail"]
    # Says what to do, in the user's words: no API parameter named.
    assert "n'importer que les lignes valides" in problem["detail"]
    assert "skip_invalid_rows" not in problem["detail"]
    assert problem["error_rows"] == 2
    assert commit(client, trainee, job["id"], {"skip_invalid_rows": False}).status_code == 409
    done = committed(client, trainee, job["id"], skip_invalid_rows=True)
    assert (done["status"], done["created_count"], done["skipped_count"]) == ("committed", 1, 2)
    assert done["report"]["result"]["skipped_invalid"] == 2
    assert [p.name for p in prospects_of(db, trainee)] == ["Bonne"]
    again = commit(client, trainee, job["id"])
    assert again.status_code == 409
    assert again.json()["type"] == "urn:capvente:problem:import-not-validated"


def test_commit_refuses_a_file_without_valid_rows(client: TestClient, trainee: User) -> None:
    job = job_of(client, trainee, upload(client, trainee, csv_bytes([["Nom", "Type"], ["", "x"]])))
    response = commit(client, trainee, job["id"], {"skip_invalid_rows": True})
    assert response.status_code == 409
    assert response.json()["type"] == "urn:capvente:problem:import-has-no-valid-rows"


def test_the_commit_is_evidence_of_ct4_and_cp3_the_dry_run_is_not(
    client: TestClient, db: Session, trainee: User
) -> None:
    job = job_of(client, trainee, upload(client, trainee, csv_bytes(DUP_FILE)))
    assert db.scalar(select(EvidenceRecord).where(EvidenceRecord.trainee_id == trainee.id)) is None
    committed(client, trainee, job["id"])
    db.expire_all()
    records = db.scalars(
        select(EvidenceRecord)
        .where(EvidenceRecord.trainee_id == trainee.id)
        .order_by(EvidenceRecord.id)
    ).all()
    # Journaled by the commit's job, with what it wrote.
    assert [r.action for r in records] == ["commit_import"]
    codes = set(
        db.scalars(select(EvidenceLink.code).where(EvidenceLink.evidence_id == records[0].id))
    )
    assert {"CT4", "CP3", "CP3.7", "CT3.4"} <= codes
    assert (records[0].resource_type, records[0].resource_id) == ("import_jobs", str(job["id"]))


# ------------------------------------------------------------------ cancel, list, scoping


def test_cancel(client: TestClient, db: Session, trainee: User) -> None:
    job = job_of(client, trainee, upload(client, trainee, csv_bytes(DUP_FILE)))
    response = client.delete(f"{IMPORTS}/{job['id']}", headers=bearer(trainee))
    assert response.status_code == 204
    db.expire_all()
    stored = db.get(ImportJob, job["id"])
    assert stored.status == ImportStatus.CANCELLED
    assert db.get(ImportFile, stored.id) is None
    assert client.delete(f"{IMPORTS}/{job['id']}", headers=bearer(trainee)).status_code == 204
    assert commit(client, trainee, job["id"]).status_code == 409
    assert prospects_of(db, trainee) == []

    done = job_of(client, trainee, upload(client, trainee, csv_bytes(DUP_FILE)))
    committed(client, trainee, done["id"])
    refused = client.delete(f"{IMPORTS}/{done['id']}", headers=bearer(trainee))
    assert refused.status_code == 409
    assert refused.json()["type"] == "urn:capvente:problem:import-not-cancellable"


def test_list_and_scoping(client: TestClient, db: Session) -> None:
    org = make_org(db)
    trainer = make_user(db, org, Role.TRAINER)
    cohort = make_cohort(db, org, trainers=[trainer])
    owner = make_user(db, org, cohort=cohort)
    intruder = make_user(db, org, cohort=cohort)
    job = job_of(client, owner, upload(client, owner, csv_bytes(DUP_FILE)))
    job_of(client, intruder, upload(client, intruder, csv_bytes(DUP_FILE)))

    mine = client.get(IMPORTS, headers=bearer(owner)).json()
    assert [j["id"] for j in mine["items"]] == [job["id"]]
    assert "report" not in mine["items"][0]
    assert client.get(f"{IMPORTS}?status=validated", headers=bearer(owner)).json()["total"] == 1
    assert client.get(f"{IMPORTS}?status=committed", headers=bearer(owner)).json()["total"] == 0

    path = f"{IMPORTS}/{job['id']}"
    assert client.get(path, headers=bearer(intruder)).status_code == 404
    assert commit(client, intruder, job["id"]).status_code == 404
    assert client.delete(path, headers=bearer(intruder)).status_code == 404
    # The trainer follows the trainee's work but does not write it.
    assert client.get(path, headers=bearer(trainer)).status_code == 200
    assert commit(client, trainer, job["id"]).status_code == 403
    assert client.delete(path, headers=bearer(trainer)).status_code == 403
    assert client.get(path, headers=bearer(owner)).json()["status"] == "validated"


def test_import_routes_are_not_taken_for_a_prospect_id(client: TestClient, trainee: User) -> None:
    listed = client.get(IMPORTS, headers=bearer(trainee))
    assert listed.status_code == 200, listed.text
    assert listed.json()["items"] == []
    exported = client.get("/api/v1/prospects/export", headers=bearer(trainee))
    assert exported.status_code == 200, exported.text
    assert exported.headers["content-type"].startswith("text/csv")


def test_anonymous_upload_is_refused(client: TestClient, db: Session) -> None:
    response = client.post(IMPORTS, files={"file": ("a.csv", b"Nom,Type\nA,entreprise\n")})
    assert response.status_code == 401
    assert db.scalar(select(func.count()).select_from(ImportJob)) == 0


# ------------------------------------------------------------------ round trip and units


def test_an_export_imports_back_as_duplicates(
    client: TestClient, db: Session, trainee: User
) -> None:
    first = make_prospect(
        db, trainee, name="=cmd|' /C calc'!A0", siret=siret(20), phone="+33478000001",
        latitude=45.7, longitude=-1.5, potential=Decimal("1500.25"), tags=["a", "b"],
    )  # fmt: skip
    second = make_prospect(db, trainee, kind=ProspectKind.INDIVIDUAL, name="-Moins", email="m@x.fr")
    exported = client.get("/api/v1/prospects/export?format=csv", headers=bearer(trainee))
    job = job_of(client, trainee, upload(client, trainee, exported.content, "export.csv"))
    assert job["error_rows"] == 0, job["report"]["errors"]
    assert job["report"]["mapping"]["Identifiant"] is None
    matched = {d["matched_prospect_id"] for d in job["report"]["duplicates"]}
    assert matched == {first.id, second.id}

    workbook = client.get("/api/v1/prospects/export?format=xlsx", headers=bearer(trainee))
    job = job_of(client, trainee, upload(client, trainee, workbook.content, "export.xlsx"))
    assert (job["error_rows"], job["duplicate_rows"]) == (0, 2), job["report"]["errors"]
    done = committed(client, trainee, job["id"])
    assert done["skipped_count"] == 2
    assert len(prospects_of(db, trainee)) == 2


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("12 500,50 €", Decimal("12500.50")),
        ("12.500,50", Decimal("12500.50")),
        ("12,500.50", Decimal("12500.50")),
        ("1 234 567", Decimal("1234567.00")),
        ("99,999", Decimal("100.00")),
        ("0", Decimal("0.00")),
        ("3000 EUR", Decimal("3000.00")),
    ],
)
def test_potential_spellings(text: str, value: Decimal) -> None:
    assert parse_decimal(text) == value


@pytest.mark.parametrize(
    ("text", "reason"),
    [("-5", "positif"), ("beaucoup", "illisible"), ("1e12", "trop grand"), ("NaN", "illisible")],
)
def test_bad_potentials(text: str, reason: str) -> None:
    with pytest.raises(ValueError, match=reason):
        parse_decimal(text)


@pytest.mark.parametrize(
    ("text", "band"),
    [
        ("TPE", SizeBand.MICRO),
        ("PME (50-249)", SizeBand.MEDIUM),
        ("10 à 49 salariés", SizeBand.SMALL),
        ("5 000 et plus", SizeBand.LARGE),
        ("ETI", SizeBand.INTERMEDIATE),
        ("large", SizeBand.LARGE),
        ("3", SizeBand.MICRO),
    ],
)
def test_size_band_spellings(text: str, band: SizeBand) -> None:
    assert parse_size_band(text) is band


def test_name_key_folds_like_validation_fold() -> None:
    for name in ["Électricité André & Fils", "  Hôtel  du  Lac ", "a¨b", "Crêperie\u00a0Noël",
                 "Œuvre ß Straße", "x \u0301 y", "ﬁn ﬂeur", "Ｔｏｋｙｏ", "SARL Martin"]:  # fmt: skip
        assert name_key(name) == " ".join(sorted(fold(name).split())), name


def test_csv_with_old_mac_line_ends(client: TestClient, db: Session, trainee: User) -> None:
    content = b"Nom;Type;Ville\rAtelier Roy;entreprise;Metz\rBoutique Vidal;entreprise;Nancy\r"
    job = job_of(client, trainee, upload(client, trainee, content))
    assert (job["status"], job["valid_rows"]) == ("validated", 2), job
    assert job["report"]["file"]["delimiter"] == ";"


def test_openapi_declares_ct4_and_cp3_on_import_and_commit(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    for path in (IMPORTS, IMPORTS + "/{import_id}/commit"):
        operation = paths[path]["post"]
        assert {"CT4", "CP3"} <= set(operation["x-competences"])
        assert operation["x-criteria"] == ["CP3.7", "CT3.4"]  # and its twin


# ------------------------------------------------------------------ background work, directly


def test_background_work_leaves_jobs_it_does_not_own_alone(
    client: TestClient, db: Session, trainee: User, session_factory, settings: Settings
) -> None:
    job = job_of(client, trainee, upload(client, trainee, csv_bytes(DUP_FILE)))
    assert client.delete(f"{IMPORTS}/{job['id']}", headers=bearer(trainee)).status_code == 204
    principal = Principal(
        user_id=trainee.id,
        organisation_id=trainee.organisation_id,
        role=Role.TRAINEE,
        cohort_id=trainee.cohort_id,
        scopes=frozenset(ApiScope),
    )
    service.run_dry_run(session_factory, principal, settings, job["id"])
    service.run_commit(session_factory, principal, settings, job["id"], skip_invalid_rows=True)
    db.expire_all()
    stored = db.get(ImportJob, job["id"])
    assert (stored.status, stored.error) == (ImportStatus.CANCELLED, None)
    assert prospects_of(db, trainee) == []


def test_staged_rows_keep_their_types() -> None:
    """The dry-run's rows go through the database as tagged JSON and come back equal."""
    rows = [
        ValidRow(
            row=2,
            values={"kind": ProspectKind.COMPANY, "name": "Boulangerie « Léa »",
                    "potential": Decimal("12500.50"), "next_contact_on": date(2027, 3, 15),
                    "tags": ["bio", "pain"], "status": ProspectStatus.PROSPECT,
                    "size_band": SizeBand.SMALL, "source": ProspectSource.IMPORT,
                    "latitude": 45.76, "consent_date": datetime(2026, 1, 2, 3, 4, tzinfo=UTC)},
            contact=ContactDraft(last_name="Roy", first_name="Léa", phone="+33612345678"),
            consents=[ConsentDraft(ConsentChannel.EMAIL, ConsentStatus.GRANTED, True,
                                   datetime(2026, 1, 2, 3, 4, tzinfo=UTC))],
        ),
        ValidRow(row=3, values={"kind": ProspectKind.INDIVIDUAL, "name": "Jeanne"}),
    ]  # fmt: skip
    plans = [
        Planned(rows[0], Action.CREATE),
        Planned(rows[1], Action.SKIP, Ref(prospect_id=41)),
        Planned(rows[1], Action.UPDATE, Ref(row=2)),
    ]
    stager = staging.Stager()
    stager.add(plans[:1])
    stager.add([])
    stager.add(plans[1:])
    back = list(staging.staged_rows(stager.blob(), chunk=7))  # lines cut across chunks
    assert back == plans
    assert stager.count == 3
    assert back[0].row.values["status"] is ProspectStatus.PROSPECT


def test_commit_decides_duplicates_again_on_the_file_as_it_is(
    client: TestClient, db: Session, trainee: User
) -> None:
    """The commit reads the dry-run's rows, but a prospect created in between still makes a
    row a duplicate."""
    content = csv_bytes([["Nom", "Type", "E-mail"], ["Nouveau", "entreprise", "n@exemple.fr"],
                         ["Autre", "entreprise", "a@exemple.fr"]])  # fmt: skip
    job = job_of(client, trainee, upload(client, trainee, content, policy="skip"))
    assert job["report"]["planned"] == {"create": 2, "update": 0, "skip": 0}
    assert db.get(ImportFile, job["id"]).validated_rows is not None
    make_prospect(db, trainee, name="Déjà là", email="n@exemple.fr")
    db.commit()
    done = committed(client, trainee, job["id"])
    assert (done["created_count"], done["skipped_count"]) == (1, 1)
    assert done["report"]["duplicates"][0]["row"] == 2


def test_commit_replays_the_dry_run_when_the_file_has_not_moved(
    client: TestClient, db: Session, trainee: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Same revision of the file as at the dry-run: its decisions are written as they were,
    without searching duplicates again (the file is not even read)."""
    make_prospect(db, trainee, name="Existant", email="e@exemple.fr")
    db.commit()
    content = csv_bytes([["Nom", "Type", "E-mail"], ["Nouveau", "entreprise", "n@exemple.fr"],
                         ["Existant bis", "entreprise", "e@exemple.fr"],
                         ["Nouveau", "entreprise", "N@exemple.fr"],
                         ["", "entreprise", "x@exemple.fr"]])  # fmt: skip
    job = job_of(client, trainee, upload(client, trainee, content, policy="skip"))
    assert job["report"]["planned"] == {"create": 1, "update": 0, "skip": 2}
    preloads: list[int] = []
    original = Pipeline.preload

    def counted(self: Pipeline, *args: Any) -> int:
        preloads.append(1)
        return original(self, *args)

    monkeypatch.setattr(Pipeline, "preload", counted)
    done = committed(client, trainee, job["id"], skip_invalid_rows=True)
    assert preloads == []
    assert (done["created_count"], done["skipped_count"]) == (1, 3)
    report = done["report"]
    for key in ("rows", "valid_rows", "error_rows", "duplicate_rows", "planned", "errors",
                "duplicates"):  # fmt: skip
        assert report[key] == job["report"][key], key
    assert report["result"]["created"] == 1
    assert [d["on"] for d in report["duplicates"]] == ["email", "email"]


def test_commit_of_a_job_without_staged_rows_validates_the_file(
    client: TestClient, db: Session, trainee: User
) -> None:
    """Jobs validated before rows were staged are committed from the file itself."""
    content = csv_bytes([["Nom", "Type", "SIRET"], ["Bon", "entreprise", siret(7)],
                         ["Mauvais", "entreprise", "123"]])  # fmt: skip
    job = job_of(client, trainee, upload(client, trainee, content))
    db.execute(update(ImportFile).values(validated_rows=None))
    db.commit()
    done = committed(client, trainee, job["id"], skip_invalid_rows=True)
    assert (done["status"], done["created_count"], done["error_rows"]) == ("committed", 1, 1)
    assert [p.name for p in prospects_of(db, trainee)] == ["Bon"]


def test_a_commit_that_defers_the_indexes_leaves_them_whole(
    client: TestClient, db: Session, trainee: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A load as large as the table (threshold lowered for the test) drops the prospect
    indexes on SQLite and builds them again: same indexes after, and the list finds the rows
    by name and by text search."""
    monkeypatch.setattr(loading, "DEFERRED_INDEXES_MIN_ROWS", 1)
    existing = db.scalar(select(func.count()).select_from(Prospect)) or 0
    names = [f"Quincaillerie Durand {n}" for n in range(existing + 3)]
    content = csv_bytes([["Nom", "Type"], *([name, "entreprise"] for name in names)])
    indexes = "SELECT count(*) FROM sqlite_master WHERE type = 'index' AND tbl_name = 'prospects'"
    sqlite = db.get_bind().dialect.name == "sqlite"
    before = db.scalar(text(indexes)) if sqlite else None
    job = job_of(client, trainee, upload(client, trainee, content))
    done = committed(client, trainee, job["id"])
    assert done["created_count"] == len(names)
    if sqlite:
        assert db.scalar(text(indexes)) == before
    listed = client.get(
        "/api/v1/prospects?q=quincaillerie&sort=name&limit=200", headers=bearer(trainee)
    ).json()
    assert [p["name"] for p in listed["items"]] == sorted(names)


def test_the_rules_tell_a_client_what_an_upload_may_map(
    client: TestClient, trainee: User, settings: Settings
) -> None:
    response = client.get(f"{IMPORTS}/rules", headers=bearer(trainee))
    assert response.status_code == 200, response.text
    rules = response.json()
    assert rules["max_bytes"] == settings.import_max_bytes
    assert rules["max_rows"] == settings.import_max_rows
    assert rules["formats"] == ["csv", "xlsx"]
    fields = {f["field"]: f for f in rules["fields"]}
    assert fields["siret"]["label"] == "SIRET"
    assert fields["email"]["label"] == "E-mail"
    assert {f for f, v in fields.items() if v["group"] == "contact"} == {
        f for f in fields if f.startswith("contact_")
    }
    assert {f for f, v in fields.items() if v["group"] == "consent"} == {
        "consent_email", "consent_sms", "consent_phone", "consent_postal"
    }  # fmt: skip
    # Each listed field is one a mapping may name (and nothing else is).
    headers = [f"Colonne {i}" for i in range(len(fields))]
    mapping = dict(zip(headers, fields, strict=True))
    content = csv_bytes([headers, ["x"] * len(headers)])
    accepted = upload(client, trainee, content, mapping=json.dumps(mapping))
    assert accepted.status_code == 202, accepted.text
    refused = upload(client, trainee, content, mapping=json.dumps({"Colonne 0": "nope"}))
    assert refused.status_code == 422
    assert refused.json()["errors"][0]["field"] == "mapping"
    assert client.get(f"{IMPORTS}/rules").status_code == 401
