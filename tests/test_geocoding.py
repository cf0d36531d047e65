"""Geocoding: the offline commune list, addok and openrouteservice against real HTTP servers
on 127.0.0.1, positions kept in step on create, update and import, and the job."""

from __future__ import annotations

import csv
import gzip
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import MetaData, Table, insert, select, text
from sqlalchemy.orm import Session, sessionmaker
from typer.testing import CliRunner

from app.cli import cli
from app.common.clock import utcnow
from app.config import Settings, get_settings
from app.core.db import make_engine
from app.geocoding import build_communes
from app.geocoding.communes import DATA_FILE, commune_index
from app.geocoding.providers import (
    AddokGeocoder,
    AddressQuery,
    FallbackGeocoder,
    GeocoderUnavailable,
    OfflineGeocoder,
    OrsGeocoder,
    configured_provider,
    geocoder_from_settings,
)
from app.geocoding.service import GeocodeReport, geocode_pending
from app.main import create_app
from app.models import Prospect, User
from app.models.enums import GeocodePrecision, GeocodeProvider
from tests.conftest import migrate
from tests.factories import bearer, make_cohort, make_org, make_prospect, make_user
from tests.geocoder_server import PLACES, FakeGeocoder
from tests.test_imports import committed, csv_bytes, job_of, upload

PROSPECTS = "/api/v1/prospects"


def shipped() -> dict[str, dict[str, str]]:
    """The data file's rows by (INSEE code, kind), read here independently of the index."""
    with gzip.open(DATA_FILE, "rt", encoding="utf-8") as fh:
        return {(r["insee"], r["kind"]): r for r in csv.DictReader(fh)}  # type: ignore[misc]


@pytest.fixture(scope="module")
def rows() -> dict[Any, dict[str, str]]:
    return shipped()


@pytest.fixture
def server() -> Iterator[FakeGeocoder]:
    fake = FakeGeocoder().start()
    yield fake
    fake.stop()


@pytest.fixture
def trainee(db: Session) -> User:
    org = make_org(db)
    return make_user(db, org, cohort=make_cohort(db, org))


def online_client(
    settings: Settings, session_factory: sessionmaker[Session], **overrides: Any
) -> TestClient:
    return TestClient(
        create_app(settings.model_copy(update=overrides), session_factory=session_factory)
    )


# ------------------------------------------------------------------ the offline commune list


def test_lyon_69003_is_the_third_arrondissement(rows: dict[Any, dict[str, str]]) -> None:
    third = rows[("69383", "a")]
    assert third["name"] == "Lyon 3e Arrondissement"
    assert third["postcodes"] == "69003"
    for city in ("Lyon", "LYON 03", "Lyon 3e arrondissement", None):
        located = commune_index().locate("69003", city)
        assert located is not None, city
        assert (located.latitude, located.longitude) == (
            float(third["latitude"]),
            float(third["longitude"]),
        )
        assert located.precision is GeocodePrecision.COMMUNE
        assert located.label == "Lyon 3e Arrondissement"
    # In Lyon's bounds, and not at Lyon's own centre (the 2nd arrondissement's).
    assert 45.70 < located.latitude < 45.81
    assert 4.77 < located.longitude < 4.90
    assert commune_index().locate("69002", "Lyon") != located


def test_names_compare_without_case_accents_hyphens_or_abbreviations(
    rows: dict[Any, dict[str, str]],
) -> None:
    etienne = rows[("42218", "c")]
    assert etienne["name"] == "Saint-Étienne"
    answers = {
        commune_index().locate("42000", name)
        for name in ("Saint-Étienne", "SAINT ETIENNE", "st-etienne", "ST ÉTIENNE CEDEX 1")
    }
    assert len(answers) == 1
    (answer,) = answers
    assert answer is not None
    assert answer.label == "Saint-Étienne"
    assert answer.latitude == float(etienne["latitude"])


def test_unknown_postcode_and_name_is_not_found_but_a_known_department_is_its_centre() -> None:
    assert commune_index().locate("99999", "Nulle-Part") is None
    assert commune_index().locate(None, None) is None
    assert OfflineGeocoder().geocode(AddressQuery.of("1 rue X", None, None)) is None
    # A CEDEX postcode is no commune's: the name is looked for in its department.
    cedex = commune_index().locate("38044", "Grenoble Cedex 9")
    assert cedex is not None
    assert cedex.label == "Grenoble"
    # A name unknown in a known department: the department's centre, and said so.
    department = commune_index().locate("38999", "Nulle-Part")
    assert department is not None
    assert department.precision is GeocodePrecision.DEPARTMENT
    assert department.label == "38"


def test_a_postcode_of_several_communes_needs_the_name(rows: dict[Any, dict[str, str]]) -> None:
    members = [r for r in rows.values() if r["kind"] == "c" and "27950" in r["postcodes"].split()]
    assert len(members) > 1
    named = next(r for r in members if r["latitude"])
    found = commune_index().locate("27950", named["name"])
    assert found is not None
    assert found.precision is GeocodePrecision.COMMUNE
    assert found.label == named["name"]
    vague = commune_index().locate("27950", "Ailleurs")
    assert vague is not None
    assert vague.precision is GeocodePrecision.POSTCODE
    located = [r for r in members if r["latitude"]]
    assert vague.latitude == pytest.approx(
        sum(float(r["latitude"]) for r in located) / len(located), abs=1e-5
    )


def test_a_commune_without_a_position_falls_back_and_says_so(
    rows: dict[Any, dict[str, str]],
) -> None:
    lonely = next(
        r for r in rows.values()
        if r["kind"] == "c" and not r["latitude"] and len(r["postcodes"].split()) == 1
        and any(o["latitude"] and o["postcodes"] == r["postcodes"] for o in rows.values()
                if o["kind"] == "c")
    )  # fmt: skip
    found = commune_index().locate(lonely["postcodes"], lonely["name"])
    assert found is not None
    assert found.precision is GeocodePrecision.POSTCODE
    assert found.label == lonely["postcodes"]


def test_the_build_joins_by_insee_code_then_by_name() -> None:
    communes = [
        {"code": "69123", "nom": "Lyon", "type": "commune-actuelle", "departement": "69",
         "codesPostaux": ["69003", "69001"]},
        {"code": "69244", "nom": "Tassin-la-Demi-Lune", "type": "commune-actuelle",
         "departement": "69", "codesPostaux": ["69160"]},
        {"code": "69383", "nom": "Lyon 3e Arrondissement", "type": "arrondissement-municipal",
         "departement": "69", "commune": "69123", "codesPostaux": ["69003"]},
        {"code": "01015", "nom": "Arbignieu", "type": "commune-deleguee", "departement": "01",
         "chefLieu": "01015"},
        {"code": "01999", "nom": "Sans-Lieu", "type": "commune-actuelle", "departement": "01",
         "codesPostaux": ["01000"]},
    ]  # fmt: skip
    lines = [
        "1\tLyon\tLyon\t\t45.74846\t4.84671\tP\tPPLA\tFR\t\t84\t69\t691\t69123\t522969",
        # GeoNames files Tassin under Lyon's code: the name puts it right.
        "2\tTassin-la-Demi-Lune\tT\t\t45.75499\t4.78812\tP\tPPL\tFR\t\t84\t69\t691\t69123\t16920",
        "3\tLyon 03\tLyon 03\t\t45.76124\t4.85184\tP\tPPLX\tFR\t\t84\t69\t691\t69123\t102725",
        "4\tArbignieu\tA\t\t45.72\t5.65\tP\tPPL\tFR\t\t84\t01\t011\t01015\t500",
        "5\tMadrid\tMadrid\t\t40.4\t-3.7\tP\tPPLC\tES\t\t29\tM\t\t\t3000000",
    ]
    built = {
        (r["insee"], r["kind"]): r
        for r in build_communes.build(communes, build_communes.read_geonames(lines))
    }
    assert (built[("69123", "c")]["latitude"], built[("69123", "c")]["postcodes"]) == (
        "45.74846", "69001 69003",
    )  # fmt: skip
    assert built[("69244", "c")]["latitude"] == "45.75499"
    assert built[("69383", "a")]["latitude"] == "45.76124"
    assert built[("69383", "a")]["parent"] == "69123"
    assert built[("01015", "d")]["parent"] == "01015"
    assert built[("01999", "c")]["latitude"] == ""


# ------------------------------------------------------------------ addok and openrouteservice


def test_addok_precision_follows_the_result_type(server: FakeGeocoder) -> None:
    addok = AddokGeocoder(server.url, timeout_s=5)
    place = PLACES[0]
    exact = addok.geocode(AddressQuery.of("12 rue de la République", "69002", "Lyon"))
    assert exact is not None
    assert (exact.latitude, exact.longitude) == (place.latitude, place.longitude)
    assert exact.precision is GeocodePrecision.ADDRESS
    assert exact.provider is GeocodeProvider.ADDOK
    street = addok.geocode(AddressQuery.of("rue de la République", "69002", "Lyon"))
    assert street is not None
    assert street.precision is GeocodePrecision.STREET
    assert (street.latitude, street.longitude) == place.street_position()
    town = addok.geocode(AddressQuery.of("5 impasse Inconnue", "69002", "Lyon"))
    assert town is not None
    assert town.precision is GeocodePrecision.COMMUNE
    sent = server.requests[0]
    assert sent.path == "/search/"
    assert sent.params == {"q": "12 rue de la République, 69002 Lyon", "limit": "1",
                           "postcode": "69002"}  # fmt: skip


def test_addok_below_the_score_threshold_is_not_trusted(server: FakeGeocoder) -> None:
    strict = AddokGeocoder(server.url, min_score=0.7)
    assert strict.geocode(AddressQuery.of("5 impasse Inconnue", "69002", "Lyon")) is None
    assert strict.geocode(AddressQuery.of("12 rue de la République", "69002", "Lyon")) is not None


@pytest.mark.parametrize(
    ("behaviour", "reason"),
    [
        ("500", "erreur de la Base Adresse Nationale (HTTP 500)"),
        ("429", "quota dépassé sur la Base Adresse Nationale (HTTP 429)"),
        ("invalid-json", "réponse inattendue de la Base Adresse Nationale"),
        ("sleep", "la Base Adresse Nationale ne répond pas en 0.3 s"),
    ],
)
def test_addok_failures_are_french_reasons(
    server: FakeGeocoder, behaviour: str, reason: str
) -> None:
    server.behaviour = behaviour
    with pytest.raises(GeocoderUnavailable) as caught:
        AddokGeocoder(server.url, timeout_s=0.3).geocode(AddressQuery.of("x", "69002", "Lyon"))
    assert caught.value.reason == reason


def test_ors_structured_and_free_text_search(server: FakeGeocoder) -> None:
    ors = OrsGeocoder(api_key="cle-de-test", base_url=server.url + "/pelias", timeout_s=5)
    place = PLACES[2]
    found = ors.geocode(AddressQuery.of("8 cours Fauriel", "42100", "Saint-Étienne"))
    assert found is not None
    assert (found.latitude, found.longitude) == (place.latitude, place.longitude)
    assert found.precision is GeocodePrecision.ADDRESS
    assert found.provider is GeocodeProvider.OPENROUTESERVICE
    structured = server.requests[-1]
    assert structured.path == "/pelias/geocode/search/structured"
    assert structured.params == {"address": "8 cours Fauriel", "postalcode": "42100",
                                 "locality": "Saint-Étienne", "country": "FR"}  # fmt: skip
    assert structured.headers["Authorization"] == "cle-de-test"
    free = ors.geocode(AddressQuery.of("cours Fauriel", None, None))
    assert free is not None
    assert free.precision is GeocodePrecision.STREET
    assert server.requests[-1].path == "/pelias/geocode/search"
    assert server.requests[-1].params["text"] == "cours Fauriel"
    town = ors.geocode(AddressQuery.of(None, None, "Grenoble"))
    assert town is not None
    assert town.precision is GeocodePrecision.COMMUNE
    server.behaviour = "429"
    with pytest.raises(GeocoderUnavailable, match="HTTP 429"):
        ors.geocode(AddressQuery.of("8 cours Fauriel", "42100", "Saint-Étienne"))


def test_a_failing_or_silent_service_falls_back_to_the_commune(server: FakeGeocoder) -> None:
    chain = FallbackGeocoder(AddokGeocoder(server.url), OfflineGeocoder())
    unknown = chain.geocode(AddressQuery.of("1 rue Nulle", "69100", "Villeurbanne"))
    assert unknown is not None
    assert unknown.provider is GeocodeProvider.OFFLINE
    assert unknown.label == "Villeurbanne"
    assert chain.failures == 0
    assert len(server.requests) == 1  # addok was asked, and knew nothing
    server.behaviour = "500"
    fallen = chain.geocode(AddressQuery.of("12 rue de la République", "69002", "Lyon"))
    assert fallen is not None
    assert fallen.provider is GeocodeProvider.OFFLINE
    assert chain.failures == 1
    assert "HTTP 500" in (chain.last_failure or "")


def test_settings_choose_the_geocoder(settings: Settings) -> None:
    assert configured_provider(settings) is GeocodeProvider.OFFLINE
    assert isinstance(geocoder_from_settings(settings), OfflineGeocoder)
    ors = settings.model_copy(update={"ors_api_key": "k"})
    assert configured_provider(ors) is GeocodeProvider.OPENROUTESERVICE
    both = ors.model_copy(update={"addok_url": "http://127.0.0.1:9"})
    assert configured_provider(both) is GeocodeProvider.ADDOK
    chain = geocoder_from_settings(both)
    assert isinstance(chain, FallbackGeocoder)
    assert isinstance(chain.primary, AddokGeocoder)
    forced = both.model_copy(update={"geocoder": "offline"})
    assert configured_provider(forced) is GeocodeProvider.OFFLINE


# ------------------------------------------------------------------ creation and update


def test_creation_places_the_address_and_keeps_typed_coordinates(
    client: TestClient, db: Session, trainee: User, rows: dict[Any, dict[str, str]]
) -> None:
    body = {"kind": "company", "name": "Soierie", "address": "5 rue Paul Bert",
            "postcode": "69003", "city": "Lyon"}  # fmt: skip
    created = client.post(PROSPECTS, json=body, headers=bearer(trainee))
    assert created.status_code == 201, created.text
    p = created.json()
    third = rows[("69383", "a")]
    assert (p["latitude"], p["longitude"]) == (float(third["latitude"]), float(third["longitude"]))
    assert p["geocode_precision"] == "commune"
    assert p["geocode_provider"] == "offline"
    assert p["geocoded_at"] is not None

    typed = client.post(PROSPECTS, json={**body, "latitude": 45.7601, "longitude": 4.8421},
                        headers=bearer(trainee)).json()  # fmt: skip
    assert (typed["latitude"], typed["longitude"]) == (45.7601, 4.8421)
    assert typed["geocode_provider"] == "user"
    assert typed["geocode_precision"] is None

    # The user's coordinates survive a change of address...
    moved = client.patch(f"{PROSPECTS}/{typed['id']}", headers=bearer(trainee), json={
        "version": typed["version"], "postcode": "42000", "city": "Saint-Étienne",
        "latitude": typed["latitude"], "longitude": typed["longitude"]})  # fmt: skip
    assert moved.status_code == 200, moved.text
    assert (moved.json()["latitude"], moved.json()["geocode_provider"]) == (45.7601, "user")

    # ...a geocoded position follows it...
    followed = client.patch(f"{PROSPECTS}/{p['id']}", headers=bearer(trainee), json={
        "version": p["version"], "postcode": "42000", "city": "Saint-Étienne",
        "latitude": p["latitude"], "longitude": p["longitude"]})  # fmt: skip
    after = followed.json()
    etienne = rows[("42218", "c")]
    assert (after["latitude"], after["longitude"]) == (
        float(etienne["latitude"]), float(etienne["longitude"]),
    )  # fmt: skip
    assert after["geocode_provider"] == "offline"

    # ...and other edits leave it alone; cleared coordinates are looked up again.
    renamed = client.patch(f"{PROSPECTS}/{p['id']}", headers=bearer(trainee),
                           json={"version": after["version"], "name": "Soierie 2"}).json()  # fmt: skip
    assert (renamed["latitude"], renamed["geocoded_at"]) == (
        after["latitude"],
        after["geocoded_at"],
    )
    cleared = client.patch(f"{PROSPECTS}/{typed['id']}", headers=bearer(trainee), json={
        "version": moved.json()["version"], "latitude": None, "longitude": None}).json()  # fmt: skip
    assert cleared["latitude"] == float(etienne["latitude"])
    assert cleared["geocode_provider"] == "offline"


def test_an_address_nowhere_to_be_found_has_no_position(client: TestClient, trainee: User) -> None:
    body = {"kind": "individual", "name": "Jean Nulle", "city": "Nulle-Part"}
    response = client.post(PROSPECTS, json=body, headers=bearer(trainee))
    assert response.status_code == 201, response.text
    p = response.json()
    assert p["latitude"] is None
    assert p["geocode_precision"] is None
    assert p["geocoded_at"] is not None  # looked up: the job will not ask again


def test_with_addok_the_position_is_refined_after_the_response(
    settings: Settings, session_factory: sessionmaker[Session], db: Session, trainee: User,
    server: FakeGeocoder,
) -> None:  # fmt: skip
    place = PLACES[0]
    with online_client(settings, session_factory, addok_url=server.url) as client:
        response = client.post(PROSPECTS, headers=bearer(trainee), json={
            "kind": "company", "name": "Canut", "address": f"{place.number} {place.street}",
            "postcode": place.postcode, "city": place.city})  # fmt: skip
        assert response.status_code == 201, response.text
        provisional = response.json()
        # The response carries the commune's centre, not yet confirmed.
        assert provisional["geocode_provider"] == "offline"
        assert provisional["geocoded_at"] is None
        # The background task asked addok after the commit.
        refined = client.get(f"{PROSPECTS}/{provisional['id']}", headers=bearer(trainee)).json()
    assert (refined["latitude"], refined["longitude"]) == (place.latitude, place.longitude)
    assert refined["geocode_precision"] == "address"
    assert refined["geocode_provider"] == "addok"
    assert refined["geocoded_at"] is not None
    assert refined["version"] == provisional["version"]  # not an edit: open forms stay valid
    assert [r.path for r in server.requests] == ["/search/"]


# ------------------------------------------------------------------ imports


def test_an_import_places_its_rows_and_keeps_given_coordinates(
    client: TestClient, db: Session, trainee: User, rows: dict[Any, dict[str, str]]
) -> None:
    content = csv_bytes([
        ["Raison sociale", "Type", "Adresse", "Code postal", "Ville", "Latitude", "Longitude"],
        ["Atelier A", "entreprise", "1 rue Neuve", "69003", "LYON", "", ""],
        ["Atelier B", "entreprise", "2 rue Neuve", "42000", "ST ETIENNE", "", ""],
        ["Atelier C", "entreprise", "3 rue Neuve", "38000", "Grenoble", "45.19", "5.72"],
        ["Atelier D", "entreprise", "4 rue Neuve", "", "Nulle-Part", "", ""],
    ])  # fmt: skip
    job = job_of(client, trainee, upload(client, trainee, content))
    done = committed(client, trainee, job["id"])
    assert done["status"] == "committed", done
    db.expire_all()
    found = {p.name: p for p in db.scalars(select(Prospect).where(Prospect.owner_id == trainee.id))}
    assert found["Atelier A"].latitude == float(rows[("69383", "a")]["latitude"])
    assert found["Atelier B"].latitude == float(rows[("42218", "c")]["latitude"])
    for name in ("Atelier A", "Atelier B"):
        assert found[name].geocode_precision is GeocodePrecision.COMMUNE
        assert found[name].geocode_provider is GeocodeProvider.OFFLINE
        assert found[name].geocoded_at is not None
    assert (found["Atelier C"].latitude, found["Atelier C"].geocode_provider) == (
        45.19, GeocodeProvider.USER,
    )  # fmt: skip
    assert found["Atelier D"].latitude is None
    assert found["Atelier D"].geocoded_at is not None


# ------------------------------------------------------------------ the job


def _unplaced(db: Session, owner: User, n: int, **fields: Any) -> list[Prospect]:
    """Records written before geocoding (no position, never looked up)."""
    made = [make_prospect(db, owner, address=f"{i} rue Neuve", **fields) for i in range(n)]
    db.commit()
    return made


def test_the_job_places_pending_records_once(
    db: Session, session_factory: sessionmaker[Session], settings: Settings, trainee: User,
    rows: dict[Any, dict[str, str]],
) -> None:  # fmt: skip
    made = _unplaced(db, trainee, 5)  # Lyon 69003 (the factory's address)
    nowhere = make_prospect(db, trainee, postcode="99999", city="Nulle-Part")
    given = make_prospect(db, trainee, latitude=45.0, longitude=5.0,
                          geocode_provider=GeocodeProvider.USER)  # fmt: skip
    bare = make_prospect(db, trainee, postcode=None, city=None)
    db.commit()
    lines: list[int] = []

    def progress(report: GeocodeReport) -> None:
        lines.append(report.examined)

    report = geocode_pending(session_factory, settings, batch_size=2, progress=progress)
    assert (report.examined, report.located, report.not_found, report.skipped) == (6, 5, 1, 0)
    assert report.by_precision == {"commune": 5}
    assert lines == [2, 4, 6]  # one line per batch
    db.expire_all()
    third = float(rows[("69383", "a")]["latitude"])
    assert {db.get(Prospect, p.id).latitude for p in made} == {third}  # type: ignore[union-attr]
    assert db.get(Prospect, given.id).latitude == 45.0  # type: ignore[union-attr]
    assert db.get(Prospect, bare.id).geocoded_at is None  # type: ignore[union-attr]
    assert db.get(Prospect, nowhere.id).geocoded_at is not None  # type: ignore[union-attr]
    again = geocode_pending(session_factory, settings)
    assert again.examined == 0
    retried = geocode_pending(session_factory, settings, retry=True)
    assert (retried.examined, retried.not_found) == (1, 1)


def test_the_job_asks_an_online_geocoder_with_bounded_concurrency(
    db: Session, session_factory: sessionmaker[Session], settings: Settings, trainee: User,
    server: FakeGeocoder,
) -> None:  # fmt: skip
    for place in PLACES:
        make_prospect(db, trainee, address=f"{place.number} {place.street}",
                      postcode=place.postcode, city=place.city)  # fmt: skip
    _unplaced(db, trainee, 6, postcode="38000", city="Grenoble")
    server.delay_s = 0.05
    online = settings.model_copy(update={"addok_url": server.url, "geocode_concurrency": 3})
    report = geocode_pending(session_factory, online, owner_id=trainee.id)
    assert report.provider == "addok"
    assert (report.examined, report.located, report.refined) == (10, 10, 10)
    assert report.by_precision == {"address": 4, "commune": 6}  # « N rue Neuve »: unknown
    assert len(server.requests) == 10
    assert 1 <= server.max_in_flight <= 3
    db.expire_all()
    placed = db.scalars(select(Prospect).where(Prospect.owner_id == trainee.id)).all()
    assert {p.geocode_provider for p in placed} == {GeocodeProvider.ADDOK}
    last = f"{PLACES[3].number} {PLACES[3].street}"
    assert [(p.latitude, p.longitude) for p in placed if p.address == last] == [
        (PLACES[3].latitude, PLACES[3].longitude)
    ]
    assert geocode_pending(session_factory, online, owner_id=trainee.id).examined == 0


def test_the_job_leaves_a_record_changed_meanwhile_alone(
    db: Session, session_factory: sessionmaker[Session], settings: Settings, trainee: User,
) -> None:  # fmt: skip
    (record,) = _unplaced(db, trainee, 1)

    class EditingMeanwhile(OfflineGeocoder):
        """The user changes the address while the geocoder is looking it up."""

        def geocode(self, query: AddressQuery) -> Any:
            with session_factory() as other:
                other.get(Prospect, record.id).address = "9 quai Neuf"  # type: ignore[union-attr]
                other.commit()
            return super().geocode(query)

    report = geocode_pending(session_factory, settings, geocoder=EditingMeanwhile())
    assert (report.examined, report.skipped, report.located) == (1, 1, 0)
    db.expire_all()
    assert db.get(Prospect, record.id).latitude is None  # type: ignore[union-attr]


# ------------------------------------------------------------------ migration and command line


def test_positions_written_before_geocoding_are_kept_as_given(
    new_database: Callable[[], str],
) -> None:
    url = new_database()
    migrate(url, "0011_auth_credentials")  # the revision before 0010_geocoding
    engine = make_engine(url)
    with Session(engine) as db:
        owner = make_user(db, make_org(db))
        table = Table("prospects", MetaData(), autoload_with=db.connection())
        now = utcnow()
        common = {"owner_id": owner.id, "kind": "company", "status": "prospect", "priority": "C",
                  "tags": [], "search_text": "", "ongoing_contract": False, "anonymised": False,
                  "created_at": now, "updated_at": now, "version": 1, "postcode": "69003",
                  "city": "Lyon"}  # fmt: skip
        db.execute(insert(table).values(name="Placée", latitude=45.1, longitude=4.9, **common))
        db.execute(insert(table).values(name="Sans position", **common))
        db.commit()
    migrate(url)
    with engine.connect() as conn:
        found = dict(conn.execute(text("SELECT name, geocode_provider FROM prospects")).all())
    engine.dispose()
    assert found == {"Placée": "user", "Sans position": None}


def test_the_geocode_command_prints_its_progress_and_is_idempotent(
    new_database: Callable[[], str],
) -> None:
    url = new_database()
    migrate(url)
    engine = make_engine(url)
    with Session(engine) as db:
        owner = make_user(db, make_org(db))
        for i in range(3):
            make_prospect(db, owner, address=f"{i} rue Neuve")
        db.commit()
    engine.dispose()
    get_settings.cache_clear()
    try:
        first = CliRunner().invoke(cli, ["jobs", "geocode"], env={"DATABASE_URL": url})
        again = CliRunner().invoke(cli, ["jobs", "geocode"], env={"DATABASE_URL": url})
    finally:
        get_settings.cache_clear()
    assert first.exit_code == 0, first.output
    assert "  3 fiche(s) examinée(s) : 3 placée(s), 0 introuvable(s)" in first.output
    assert first.output.splitlines()[-1] == (
        "Géocodage (offline) : 3 fiche(s) examinée(s), 3 placée(s) (commune 3), "
        "0 introuvable(s), 0 modifiée(s) entre-temps."
    )
    assert again.output.startswith("Géocodage (offline) : 0 fiche(s) examinée(s)")
