"""Prospect export: CSV for French Excel and XLSX, the list's filters, formula neutralisation."""

from __future__ import annotations

import csv
import io
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from fastapi.testclient import TestClient
from openpyxl import load_workbook
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import (
    Persona,
    Priority,
    PrivacyAuditEntry,
    ProspectKind,
    ProspectSource,
    ProspectStatus,
    Role,
    SizeBand,
    User,
)
from app.prospects.export import neutralise
from tests.factories import bearer, make_cohort, make_org, make_prospect, make_user

EXPORT = "/api/v1/prospects/export"
FORMULAS = ["=cmd|' /C calc'!A0", "+1", "-1", "@SUM(1)", "\tcaché", "\rretour"]


def read_csv(content: bytes) -> list[dict[str, str]]:
    assert content.startswith(b"\xef\xbb\xbf"), "UTF-8 BOM for Excel"
    text = content.decode("utf-8-sig")
    assert "\r\n" in text
    return list(csv.DictReader(io.StringIO(text, newline=""), delimiter=";"))


def read_xlsx(content: bytes) -> list[dict[str, object]]:
    sheet = load_workbook(io.BytesIO(content)).active
    rows = list(sheet.iter_rows(values_only=True))
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


@pytest.fixture
def trainee(db: Session) -> User:
    org = make_org(db)
    return make_user(db, org, cohort=make_cohort(db, org))


def test_csv_export_is_french_excel_friendly(
    client: TestClient, db: Session, trainee: User
) -> None:
    prospect = make_prospect(
        db, trainee, name="Boulangerie Martin", siret="73282932000074", siren="732829320",
        sector="Alimentaire", size_band=SizeBand.SMALL, postcode="69003", city="Lyon",
        latitude=45.76, longitude=4.85, phone="+33478123456", email="contact@martin.fr",
        status=ProspectStatus.QUALIFIED, source=ProspectSource.EVENT,
        potential=Decimal("12500.50"), tags=["bio", "pain"], next_contact_on=date(2027, 3, 15),
    )  # fmt: skip
    make_prospect(db, trainee, kind=ProspectKind.INDIVIDUAL, name="Anne Roux", city="Paris")
    response = client.get(EXPORT, headers=bearer(trainee))
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "text/csv; charset=utf-8"
    disposition = response.headers["content-disposition"]
    assert disposition.startswith('attachment; filename="prospects-')
    assert disposition.endswith('.csv"')
    assert disposition.isascii()
    assert response.headers["x-total-count"] == "2"
    rows = read_csv(response.content)
    assert [r["Nom"] for r in rows] == ["Anne Roux", "Boulangerie Martin"]  # sorted by name
    row = rows[1]
    assert row["Identifiant"] == str(prospect.id)
    assert row["Type"] == "entreprise"
    assert rows[0]["Type"] == "particulier"
    assert row["SIRET"] == "73282932000074"
    assert row["Tranche d'effectif"] == "PE (10-49)"
    assert row["Statut"] == "qualifié"
    assert row["Source"] == "événement"
    assert row["Potentiel (€)"] == "12500,50"
    assert row["Latitude"] == "45,76"
    assert row["Téléphone"] == "'+33478123456"  # a leading + is neutralised too
    assert row["Tags"] == "bio, pain"
    assert row["Prochain contact"] == "15/03/2027"
    assert rows[0]["Potentiel (€)"] == ""


def test_xlsx_export_keeps_numbers_and_dates_typed(
    client: TestClient, db: Session, trainee: User
) -> None:
    make_prospect(
        db, trainee, name="Ferme Leroy", potential=Decimal("1234.50"), latitude=47.21,
        longitude=-1.55, next_contact_on=date(2027, 5, 2), tags=["lait"],
    )  # fmt: skip
    response = client.get(f"{EXPORT}?format=xlsx", headers=bearer(trainee))
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    assert response.headers["content-disposition"].endswith('.xlsx"')
    [row] = read_xlsx(response.content)
    assert row["Nom"] == "Ferme Leroy"
    assert row["Potentiel (€)"] == 1234.5
    assert row["Longitude"] == -1.55  # a number cell: nothing to neutralise
    assert row["Prochain contact"] == datetime(2027, 5, 2)
    assert row["Tags"] == "lait"
    assert row["Type"] == "entreprise"


def test_xlsx_text_cells_are_typed_text_without_a_quote(
    client: TestClient, db: Session, trainee: User
) -> None:
    """Issue 13, client defect 9: the quote is the CSV's guard; XLSX cells are typed."""
    for n, formula in enumerate(FORMULAS):
        make_prospect(db, trainee, name=f"{n} {formula}", sector=formula, city=formula)
    make_prospect(db, trainee, name='=HYPERLINK("http://x")', city="Lyon", phone="+33465710099")
    response = client.get(f"{EXPORT}?format=xlsx", headers=bearer(trainee))
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    header = [c.value for c in sheet[1]]
    rows = [dict(zip(header, row, strict=True)) for row in sheet.iter_rows(min_row=2)]
    lyon = next(r for r in rows if r["Ville"].value == "Lyon")
    assert lyon["Téléphone"].value == "+33465710099"
    assert lyon["Nom"].value == '=HYPERLINK("http://x")'
    by_sector = {r["Secteur"].value.replace("\n", "\r"): r for r in rows if r["Secteur"].value}
    assert set(by_sector) == set(FORMULAS)  # as they are, without a quote
    for row in rows:
        for cell in row.values():
            if isinstance(cell.value, str):
                assert cell.data_type == "s", (cell.coordinate, cell.value)  # never a formula
                assert not cell.value.startswith("'"), cell.value


def test_formula_cells_are_neutralised_in_csv(
    client: TestClient, db: Session, trainee: User
) -> None:
    file_format = "csv"
    for n, formula in enumerate(FORMULAS):
        make_prospect(
            db, trainee, name=f"{n} {formula}", sector=formula, city=formula,
            address=formula, tags=[formula],
        )  # fmt: skip
    make_prospect(db, trainee, name='=HYPERLINK("http://x")', city="Lyon")
    response = client.get(f"{EXPORT}?format={file_format}", headers=bearer(trainee))
    assert response.status_code == 200
    rows = read_csv(response.content)
    by_sector = {r["Secteur"]: r for r in rows if r["Secteur"]}
    for formula in FORMULAS:
        row = by_sector["'" + formula]
        for column in ("Ville", "Adresse", "Tags"):
            assert row[column] == "'" + formula, (column, row[column])
    hyperlink = next(r for r in rows if r["Ville"] == "Lyon")
    assert hyperlink["Nom"] == '\'=HYPERLINK("http://x")'
    for row in rows:
        for value in row.values():
            if isinstance(value, str):
                assert not value.startswith(("=", "+", "-", "@", "\t", "\r")), value


def test_neutralise() -> None:
    assert neutralise("=1+1") == "'=1+1"
    assert neutralise("Lyon") == "Lyon"
    assert neutralise("") == ""
    assert neutralise("'=already") == "'=already"


def test_export_takes_the_list_filters(client: TestClient, db: Session, trainee: User) -> None:
    make_prospect(db, trainee, name="Alpha Lyon", status=ProspectStatus.QUALIFIED, city="Lyon")
    make_prospect(db, trainee, name="Bravo Lyon", status=ProspectStatus.SUSPECT, city="Lyon")
    make_prospect(
        db, trainee, name="Charlie", kind=ProspectKind.INDIVIDUAL,
        status=ProspectStatus.QUALIFIED, city="Paris",
    )  # fmt: skip
    make_prospect(
        db, trainee, name="Delta", tags=["salon"], potential=Decimal("60000"),
        priority=Priority.A, city="Nice",
    )  # fmt: skip
    make_prospect(db, trainee, name="Effacé", anonymised_at=datetime.now(UTC))

    def names(query: str, file_format: str = "csv") -> list[str]:
        response = client.get(f"{EXPORT}?format={file_format}&{query}", headers=bearer(trainee))
        assert response.status_code == 200, response.text
        rows = (read_csv if file_format == "csv" else read_xlsx)(response.content)
        return [str(r["Nom"]) for r in rows]

    assert names("") == ["Alpha Lyon", "Bravo Lyon", "Charlie", "Delta"]
    assert names("status=qualified") == ["Alpha Lyon", "Charlie"]
    assert names("status=qualified&kind=company") == ["Alpha Lyon"]
    assert names("q=lyon") == ["Alpha Lyon", "Bravo Lyon"]
    assert names("tag=salon", "xlsx") == ["Delta"]
    assert names("priority=A") == ["Delta"]
    assert names("q=lyon&sort=-name", "xlsx") == ["Bravo Lyon", "Alpha Lyon"]
    assert names("q=personne") == []


def test_export_with_persona_and_distance(client: TestClient, db: Session, trainee: User) -> None:
    persona = Persona(owner_id=trainee.id, name="Lyonnais", description="", sectors=["BTP"],
                      size_bands=[], postcodes=["69"])  # fmt: skip
    db.add(persona)
    db.flush()
    make_prospect(db, trainee, name="Proche", sector="BTP", latitude=45.76, longitude=4.84)
    make_prospect(db, trainee, name="Loin", postcode="13001", latitude=43.3, longitude=5.37)
    response = client.get(
        f"{EXPORT}?persona_id={persona.id}&near_lat=45.75&near_lon=4.85&radius_km=10",
        headers=bearer(trainee),
    )
    assert response.status_code == 200, response.text
    [row] = read_csv(response.content)
    assert row["Nom"] == "Proche"
    assert row["Adéquation persona (%)"] == "100"
    assert 0 < float(row["Distance (km)"].replace(",", ".")) < 2


def test_export_is_scoped_and_audited(client: TestClient, db: Session) -> None:
    org = make_org(db)
    trainer = make_user(db, org, Role.TRAINER)
    cohort = make_cohort(db, org, trainers=[trainer])
    mine = make_user(db, org, cohort=cohort)
    other = make_user(db, org, cohort=cohort)
    stranger = make_user(db, make_org(db))
    make_prospect(db, mine, name="À moi")
    make_prospect(db, other, name="À l'autre")
    make_prospect(db, stranger, name="Ailleurs")

    def names(user: User) -> list[str]:
        response = client.get(EXPORT, headers=bearer(user))
        assert response.status_code == 200
        return [r["Nom"] for r in read_csv(response.content)]

    assert names(mine) == ["À moi"]
    assert names(trainer) == ["À l'autre", "À moi"]  # the trainer reads the cohort's files
    db.expire_all()
    audit = db.scalars(select(PrivacyAuditEntry).where(PrivacyAuditEntry.actor_id == mine.id)).all()
    assert [(a.action, a.detail) for a in audit] == [("export", "Export CSV : 1 fiche(s)")]


def test_export_refuses_unknown_format_and_anonymous(client: TestClient, trainee: User) -> None:
    response = client.get(f"{EXPORT}?format=pdf", headers=bearer(trainee))
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "format"
    assert client.get(EXPORT).status_code == 401
