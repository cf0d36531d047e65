"""Distance/duration matrices for tours: the crow-flies estimate, openrouteservice against a
real (fake) HTTP server, the fallback, the cache and the choice from the settings."""

from __future__ import annotations

import math
import random
import socket
import threading
import time
from collections.abc import Iterator

import pytest
from pydantic import ValidationError

from app.config import Settings
from app.models import TransportMode
from app.tours.matrix import (
    ORS_PUBLIC_URL,
    CachedProvider,
    FallbackProvider,
    HaversineProvider,
    Matrix,
    MatrixUnavailable,
    OrsProvider,
    Point,
    ors_profile,
    provider_from_settings,
)
from tests.ors_server import FakeOrs, road_distance_m, road_duration_s

PARIS = Point(48.8566, 2.3522)
LYON = Point(45.7640, 4.8357)
LILLE = Point(50.6292, 3.0573)
NANTES = Point(47.2184, -1.5536)
BORDEAUX = Point(44.8378, -0.5792)
CITIES = [PARIS, LYON, LILLE, NANTES, BORDEAUX]
CAR_MODES = [TransportMode.CAR, TransportMode.PETROL_CAR, TransportMode.DIESEL_CAR,
             TransportMode.HYBRID_CAR, TransportMode.ELECTRIC_CAR]  # fmt: skip


@pytest.fixture
def ors(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeOrs]:
    monkeypatch.setenv("NO_PROXY", "127.0.0.1")
    server = FakeOrs().start()
    yield server
    server.stop()


def random_points(n: int, seed: int = 7) -> list[Point]:
    rng = random.Random(seed)
    return [Point(rng.uniform(43.0, 50.0), rng.uniform(-1.0, 7.0)) for _ in range(n)]


def server_matrix(points: list[Point]) -> tuple[list[list[float]], list[list[float]]]:
    """What the fake server computes, for every pair."""
    locs = [[p.longitude, p.latitude] for p in points]
    return ([[0.0 if i == j else road_distance_m(a, b) for j, b in enumerate(locs)] for i, a in enumerate(locs)],
            [[0.0 if i == j else road_duration_s(a, b) for j, b in enumerate(locs)] for i, a in enumerate(locs)])  # fmt: skip


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
    return port


# ------------------------------------------------------------------------------------ haversine


def test_haversine_known_distances() -> None:
    provider = HaversineProvider()
    # One degree of longitude on the equator: 2πR / 360 with the mean radius 6,371,008.8 m.
    assert provider.great_circle_m(Point(0, 0), Point(0, 1)) == pytest.approx(111_195.08, abs=0.01)
    # Paris (Hôtel de Ville) – Lyon (Bellecour): 391.5 km as the crow flies.
    assert provider.great_circle_m(PARIS, LYON) == pytest.approx(391_500, abs=500)
    # Antipodes: half the circumference, without a math domain error.
    assert provider.great_circle_m(Point(0, 0), Point(0, 180)) == pytest.approx(
        math.pi * 6_371_008.8
    )

    m = provider.matrix([PARIS, LYON], TransportMode.CAR)
    assert m.distances_m[0][1] == pytest.approx(391_499.47 * 1.3, abs=0.01)
    assert m.durations_s[0][1] == pytest.approx(391_499.47 * 1.3 / (50 / 3.6), abs=0.01)  # ≈ 3 h 03
    assert (m.source, m.profile, m.warnings) == ("haversine", "car", [])


def test_haversine_matrix_is_symmetric_with_zero_diagonal() -> None:
    provider = HaversineProvider()
    m = provider.matrix(CITIES, TransportMode.CAR)
    for i, a in enumerate(CITIES):
        assert m.distances_m[i][i] == 0.0
        assert m.durations_s[i][i] == 0.0
        for j, b in enumerate(CITIES):
            assert m.distances_m[i][j] == m.distances_m[j][i]
            if i != j:
                assert m.distances_m[i][j] == pytest.approx(provider.great_circle_m(a, b) * 1.3)
    assert provider.matrix([], TransportMode.CAR).distances_m == []
    assert provider.matrix([PARIS], TransportMode.BIKE).distances_m == [[0.0]]
    assert provider.legs_geometry(CITIES, TransportMode.CAR) is None


@pytest.mark.parametrize(
    ("mode", "kmh"),
    [
        *((mode, 50) for mode in CAR_MODES),
        (TransportMode.PUBLIC_TRANSPORT, 25),
        (TransportMode.BIKE, 18),
    ],
)
def test_haversine_default_speeds_per_mode(mode: TransportMode, kmh: float) -> None:
    m = HaversineProvider().matrix([PARIS, LYON], mode)
    assert m.distances_m[0][1] == pytest.approx(508_949.31, abs=0.01)
    assert m.durations_s[0][1] == pytest.approx(508_949.31 / (kmh / 3.6), abs=0.01)
    assert m.profile == str(mode)


def test_haversine_custom_detour_and_speeds() -> None:
    provider = HaversineProvider(1.0, {TransportMode.BIKE: 36})
    m = provider.matrix([Point(0, 0), Point(0, 1)], TransportMode.BIKE)
    assert m.distances_m[0][1] == pytest.approx(111_195.08, abs=0.01)
    assert m.durations_s[0][1] == pytest.approx(11_119.51, abs=0.01)  # 10 m/s
    # Modes left out keep their default speed.
    car = provider.matrix([Point(0, 0), Point(0, 1)], TransportMode.CAR)
    assert car.durations_s[0][1] == pytest.approx(111_195.08 / (50 / 3.6), abs=0.01)
    with pytest.raises(ValueError, match="détour"):
        HaversineProvider(0.9)
    with pytest.raises(ValueError, match="Vitesse"):
        HaversineProvider(1.3, {TransportMode.CAR: 0})


def test_haversine_200_points_is_fast_and_deterministic() -> None:
    points = random_points(200)
    provider = HaversineProvider()
    started = time.perf_counter()
    first = provider.matrix(points, TransportMode.CAR)
    elapsed = time.perf_counter() - started
    assert elapsed < 0.2
    assert provider.matrix(points, TransportMode.CAR) == first
    assert len(first.distances_m) == 200
    assert all(len(row) == 200 for row in first.distances_m)
    assert first.distances_m[17][42] == pytest.approx(
        provider.great_circle_m(points[17], points[42]) * 1.3
    )


def test_point_validates_coordinates() -> None:
    with pytest.raises(ValueError, match="Latitude invalide"):
        Point(91, 0)
    with pytest.raises(ValueError, match="Longitude invalide"):
        Point(0, math.nan)


def test_ors_profiles() -> None:
    assert {ors_profile(mode) for mode in CAR_MODES} == {"driving-car"}
    assert ors_profile(TransportMode.PUBLIC_TRANSPORT) == "driving-car"
    assert ors_profile(TransportMode.BIKE) == "cycling-electric"
    assert set(TransportMode) == {
        *CAR_MODES,
        TransportMode.PUBLIC_TRANSPORT,
        TransportMode.BIKE,
    }


# ----------------------------------------------------------------------------- openrouteservice


def test_ors_full_matrix_equals_the_server_computation(ors: FakeOrs) -> None:
    provider = OrsProvider(base_url=ors.url, timeout_s=5)
    m = provider.matrix(CITIES, TransportMode.PUBLIC_TRANSPORT)
    distances, durations = server_matrix(CITIES)
    assert m.distances_m == distances
    assert m.durations_s == durations
    assert m.distances_m[0][1] == pytest.approx(391_499.47 * 1.2, abs=0.01)
    assert (m.source, m.profile, m.warnings) == ("openrouteservice", "driving-car", [])

    [request] = ors.requests
    assert request.path == "/v2/matrix/driving-car/json"  # the client appends "/json"
    assert request.body["locations"][0] == [PARIS.longitude, PARIS.latitude]
    assert request.body["metrics"] == ["distance", "duration"]
    assert "sources" not in request.body
    assert "destinations" not in request.body
    assert "Authorization" not in request.headers  # self-hosted: no key


def test_ors_key_profile_and_base_url_with_path(ors: FakeOrs) -> None:
    provider = OrsProvider(api_key="secret-key", base_url=ors.url + "/ors/", timeout_s=5)
    m = provider.matrix([PARIS, LYON], TransportMode.BIKE)
    assert m.profile == "cycling-electric"
    assert m.distances_m[1][0] == pytest.approx(391_499.47 * 1.2, abs=0.01)
    [request] = ors.requests
    assert request.path == "/ors/v2/matrix/cycling-electric/json"  # no double slash
    assert request.headers["Authorization"] == "secret-key"
    # Nothing to route: no call.
    assert provider.matrix([PARIS], TransportMode.CAR).distances_m == [[0.0]]
    assert provider.matrix([], TransportMode.CAR).distances_m == []
    assert len(ors.requests) == 1


def test_ors_requires_a_key_for_the_public_api() -> None:
    with pytest.raises(ValueError, match="clé openrouteservice"):
        OrsProvider()
    assert OrsProvider(api_key="k").base_url == ORS_PUBLIC_URL


def test_ors_70_points_are_split_within_3500_cells(ors: FakeOrs) -> None:
    points = random_points(70)
    m = OrsProvider(base_url=ors.url, timeout_s=5).matrix(points, TransportMode.CAR)
    distances, durations = server_matrix(points)
    assert m.distances_m == distances
    assert m.durations_s == durations

    calls = ors.matrix_requests()
    assert [call.cells for call in calls] == [3500, 1400]  # 50 then 20 sources × 70
    assert [call.body["sources"] for call in calls] == [list(range(50)), list(range(50, 70))]
    assert all("destinations" not in call.body for call in calls)
    assert all(len(call.body["locations"]) == 70 for call in calls)


@pytest.mark.parametrize(("n", "max_cells", "expected_cells"), [
    (5, 12, [10, 10, 5]),  # rows of 2 sources × 5
    (5, 3, [3, 2] * 5),  # more points than cells: one source × destination chunks
])  # fmt: skip
def test_ors_split_plans(ors: FakeOrs, n: int, max_cells: int, expected_cells: list[int]) -> None:
    points = random_points(n, seed=n)
    provider = OrsProvider(base_url=ors.url, timeout_s=5, max_matrix_cells=max_cells)
    m = provider.matrix(points, TransportMode.CAR)
    assert (m.distances_m, m.durations_s) == server_matrix(points)
    assert [call.cells for call in ors.matrix_requests()] == expected_cells
    covered = {(i, j) for call in ors.matrix_requests()
               for i in call.body.get("sources", range(n)) for j in call.body.get("destinations", range(n))}  # fmt: skip
    assert covered == {(i, j) for i in range(n) for j in range(n)}


ERRORS = [
    ("429", 429, "quota par minute dépassé"),
    ("429-html", 429, "quota par minute dépassé"),
    ("403", 403, "quota journalier ou clé refusée"),
    ("401", 401, "quota journalier ou clé refusée"),
    ("500", 500, "erreur du service d'itinéraires (HTTP 500) : « Unknown internal error. »"),
    ("invalid-json", 200, "réponse illisible du service d'itinéraires"),
]


@pytest.mark.parametrize(("behaviour", "status", "reason"), ERRORS)
def test_ors_error_answers_become_matrix_unavailable(
    ors: FakeOrs, behaviour: str, status: int, reason: str
) -> None:
    ors.behaviour = behaviour
    provider = OrsProvider(base_url=ors.url, timeout_s=5)
    with pytest.raises(MatrixUnavailable) as caught:
        provider.matrix(CITIES, TransportMode.CAR)
    assert reason in caught.value.reason
    assert caught.value.status == status
    with pytest.raises(MatrixUnavailable) as caught:
        provider.legs_geometry(CITIES, TransportMode.CAR)
    assert reason in caught.value.reason
    assert len(ors.requests) == 2  # no retry on 429: the fallback answers at once


def test_ors_failure_in_a_later_block(ors: FakeOrs) -> None:
    ors.behaviour, ors.fail_after = "429", 1
    with pytest.raises(MatrixUnavailable, match="quota par minute"):
        OrsProvider(base_url=ors.url, timeout_s=5).matrix(random_points(70), TransportMode.CAR)
    assert len(ors.matrix_requests()) == 2


def test_ors_null_cells_name_the_unreachable_point(ors: FakeOrs) -> None:
    ors.unreachable = {3}
    with pytest.raises(MatrixUnavailable) as caught:
        OrsProvider(base_url=ors.url, timeout_s=5).matrix(CITIES, TransportMode.CAR)
    assert caught.value.unreachable == (3,)
    assert (
        caught.value.reason
        == "aucun itinéraire routier trouvé pour le point n° 4 (47.218400, -1.553600)"
    )


def test_ors_timeout(ors: FakeOrs) -> None:
    ors.behaviour = "sleep"
    provider = OrsProvider(base_url=ors.url, timeout_s=0.3)
    started = time.perf_counter()
    with pytest.raises(MatrixUnavailable) as caught:
        provider.matrix(CITIES, TransportMode.CAR)
    assert time.perf_counter() - started < 2
    assert caught.value.reason == "service d'itinéraires injoignable (pas de réponse en 0.3 s)"
    assert caught.value.status is None


def test_ors_connection_refused() -> None:
    provider = OrsProvider(base_url=f"http://127.0.0.1:{closed_port()}", timeout_s=1)
    with pytest.raises(
        MatrixUnavailable, match=r"^service d'itinéraires injoignable \(ConnectionError\)$"
    ):
        provider.matrix(CITIES, TransportMode.CAR)


@pytest.mark.filterwarnings("ignore:Server down")
def test_ors_503_is_retried_by_the_client_within_the_timeout(ors: FakeOrs) -> None:
    ors.behaviour = "503"
    provider = OrsProvider(base_url=ors.url, timeout_s=0.2)
    with pytest.raises(
        MatrixUnavailable, match=r"injoignable \(service indisponible \(HTTP 503\) pendant 0.2 s\)"
    ):
        provider.matrix(CITIES, TransportMode.CAR)
    assert len(ors.requests) >= 2  # the client retried once after a back-off, then gave up


# ------------------------------------------------------------------------------------- geometry


def test_ors_legs_geometry_is_split_per_leg(ors: FakeOrs) -> None:
    legs = OrsProvider(base_url=ors.url, timeout_s=5).legs_geometry(
        [PARIS, LYON, LILLE], TransportMode.BIKE
    )
    midpoint = ((PARIS.longitude + LYON.longitude) / 2, (PARIS.latitude + LYON.latitude) / 2)
    assert legs == [
        [(PARIS.longitude, PARIS.latitude), midpoint, (LYON.longitude, LYON.latitude)],
        [(LYON.longitude, LYON.latitude),
         ((LYON.longitude + LILLE.longitude) / 2, (LYON.latitude + LILLE.latitude) / 2),
         (LILLE.longitude, LILLE.latitude)],
    ]  # fmt: skip
    [request] = ors.requests
    assert request.path == "/v2/directions/cycling-electric/geojson"
    assert request.body["coordinates"] == [[p.longitude, p.latitude] for p in [PARIS, LYON, LILLE]]


def test_ors_legs_geometry_from_segments_when_way_points_are_missing(ors: FakeOrs) -> None:
    ors.omit_way_points = True
    legs = OrsProvider(base_url=ors.url, timeout_s=5).legs_geometry(CITIES, TransportMode.CAR)
    assert legs is not None
    assert len(legs) == 4
    assert [leg[0] for leg in legs] == [(p.longitude, p.latitude) for p in CITIES[:-1]]
    assert [leg[-1] for leg in legs] == [(p.longitude, p.latitude) for p in CITIES[1:]]


def test_ors_more_than_50_waypoints_are_chunked(ors: FakeOrs) -> None:
    points = random_points(120)
    legs = OrsProvider(base_url=ors.url, timeout_s=5).legs_geometry(points, TransportMode.CAR)
    calls = ors.directions_requests()
    assert [len(call.body["coordinates"]) for call in calls] == [50, 50, 22]
    # Overlapping chunks: each call starts at the waypoint where the previous one ended.
    assert calls[1].body["coordinates"][0] == calls[0].body["coordinates"][-1]
    assert calls[1].body["coordinates"][0] == [points[49].longitude, points[49].latitude]
    assert legs is not None
    assert len(legs) == 119
    for i, leg in enumerate(legs):
        assert leg[0] == (points[i].longitude, points[i].latitude)
        assert leg[-1] == (points[i + 1].longitude, points[i + 1].latitude)
        assert len(leg) == 3
    assert OrsProvider(base_url=ors.url).legs_geometry([PARIS], TransportMode.CAR) == []


# ------------------------------------------------------------------------------------- fallback


FAILURES = [("429", "quota par minute dépassé"), ("403", "quota journalier ou clé refusée"),
            ("500", "HTTP 500"), ("invalid-json", "réponse illisible"),
            ("sleep", "injoignable (pas de réponse en 0.3 s)")]  # fmt: skip


@pytest.mark.parametrize(("behaviour", "reason"), FAILURES)
def test_fallback_estimates_with_a_warning(ors: FakeOrs, behaviour: str, reason: str) -> None:
    ors.behaviour = behaviour
    haversine = HaversineProvider()
    provider = FallbackProvider(OrsProvider(base_url=ors.url, timeout_s=0.3), haversine)
    m = provider.matrix(CITIES, TransportMode.CAR)
    expected = haversine.matrix(CITIES, TransportMode.CAR)
    assert (m.distances_m, m.durations_s) == (expected.distances_m, expected.durations_s)
    assert m.source == "haversine"
    [warning] = m.warnings
    assert warning.startswith("Le service d'itinéraires routier a échoué (")
    assert reason in warning
    assert "les distances sont estimées à vol d'oiseau × 1,3 (facteur de détour)" in warning
    assert provider.legs_geometry(CITIES, TransportMode.CAR) is None


def test_fallback_on_unreachable_point_and_refused_connection(ors: FakeOrs) -> None:
    ors.unreachable = {0}
    m = FallbackProvider(OrsProvider(base_url=ors.url), HaversineProvider(1.5)).matrix(
        CITIES, TransportMode.CAR
    )
    assert m.source == "haversine"
    assert "le point n° 1 (48.856600, 2.352200)" in m.warnings[0]
    assert "× 1,5" in m.warnings[0]
    dead = FallbackProvider(
        OrsProvider(base_url=f"http://127.0.0.1:{closed_port()}"), HaversineProvider()
    )
    m = dead.matrix(CITIES, TransportMode.BIKE)
    assert m.source == "haversine"
    assert "injoignable" in m.warnings[0]


def test_fallback_passes_road_answers_through(ors: FakeOrs) -> None:
    provider = FallbackProvider(OrsProvider(base_url=ors.url), HaversineProvider())
    m = provider.matrix(CITIES, TransportMode.CAR)
    assert (m.source, m.warnings) == ("openrouteservice", [])
    assert (m.distances_m, m.durations_s) == server_matrix(CITIES)
    legs = provider.legs_geometry(CITIES, TransportMode.CAR)
    assert legs is not None
    assert len(legs) == 4


# ---------------------------------------------------------------------------------------- cache


def test_cache_serves_identical_requests_without_a_call(ors: FakeOrs) -> None:
    cached = CachedProvider(OrsProvider(base_url=ors.url, timeout_s=5))
    first = cached.matrix(CITIES, TransportMode.CAR)
    # Same points up to 6 decimals: no new call.
    nudged = [Point(p.latitude + 1e-8, p.longitude) for p in CITIES]
    second = cached.matrix(nudged, TransportMode.CAR)
    assert second == first
    assert len(ors.requests) == 1
    # Another point set, another mode: new calls.
    cached.matrix(CITIES[:4], TransportMode.CAR)
    cached.matrix(CITIES, TransportMode.BIKE)
    cached.matrix([Point(PARIS.latitude + 1e-5, PARIS.longitude), *CITIES[1:]], TransportMode.CAR)
    assert len(ors.requests) == 4
    # Geometry is cached too.
    assert cached.legs_geometry(CITIES, TransportMode.CAR) == cached.legs_geometry(
        CITIES, TransportMode.CAR
    )
    assert len(ors.directions_requests()) == 1


def test_cache_returns_copies(ors: FakeOrs) -> None:
    cached = CachedProvider(OrsProvider(base_url=ors.url, timeout_s=5))
    m = cached.matrix(CITIES, TransportMode.CAR)
    m.distances_m[0][1] = -1.0
    m.durations_s[0].clear()
    m.warnings.append("x")
    again = cached.matrix(CITIES, TransportMode.CAR)
    assert (again.distances_m, again.durations_s) == server_matrix(CITIES)
    assert again.warnings == []
    legs = cached.legs_geometry(CITIES, TransportMode.CAR)
    assert legs is not None
    legs[0].clear()
    assert cached.legs_geometry(CITIES, TransportMode.CAR) == OrsProvider(
        base_url=ors.url
    ).legs_geometry(CITIES, TransportMode.CAR)


def test_cache_evicts_the_least_recently_used() -> None:
    calls: list[int] = []

    class Counting(HaversineProvider):
        def matrix(self, points: object, mode: TransportMode) -> Matrix:  # type: ignore[override]
            calls.append(len(points))  # type: ignore[arg-type]
            return super().matrix(points, mode)  # type: ignore[arg-type]

    cached = CachedProvider(Counting(), maxsize=2)
    cached.matrix(CITIES[:2], TransportMode.CAR)
    cached.matrix(CITIES[:3], TransportMode.CAR)
    cached.matrix(CITIES[:2], TransportMode.CAR)  # hit, now the most recent
    cached.matrix(CITIES[:4], TransportMode.CAR)  # evicts CITIES[:3]
    cached.matrix(CITIES[:2], TransportMode.CAR)  # still there
    cached.matrix(CITIES[:3], TransportMode.CAR)  # computed again
    assert calls == [2, 3, 4, 3]


def test_cache_keeps_degraded_answers_briefly(ors: FakeOrs) -> None:
    now = [1000.0]
    ors.behaviour = "429"
    cached = CachedProvider(FallbackProvider(OrsProvider(base_url=ors.url), HaversineProvider()),
                            degraded_ttl_s=60, clock=lambda: now[0])  # fmt: skip
    assert cached.matrix(CITIES, TransportMode.CAR).source == "haversine"
    assert cached.matrix(CITIES, TransportMode.CAR).warnings  # cached with its warning
    assert cached.legs_geometry(CITIES, TransportMode.CAR) is None
    assert len(ors.requests) == 2
    ors.behaviour = "ok"
    now[0] += 61
    assert cached.matrix(CITIES, TransportMode.CAR).source == "openrouteservice"
    assert cached.legs_geometry(CITIES, TransportMode.CAR) is not None
    now[0] += 10_000  # road answers do not expire
    assert cached.matrix(CITIES, TransportMode.CAR).source == "openrouteservice"
    assert len(ors.requests) == 4


def test_cache_concurrent_identical_requests_make_one_call(ors: FakeOrs) -> None:
    ors.delay_s = 0.2
    cached = CachedProvider(OrsProvider(base_url=ors.url, timeout_s=5))
    results: list[Matrix] = []
    barrier = threading.Barrier(8)

    def work() -> None:
        barrier.wait()
        results.append(cached.matrix(CITIES, TransportMode.CAR))

    threads = [threading.Thread(target=work) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=5)
    assert len(results) == 8
    assert all(r.distances_m == server_matrix(CITIES)[0] for r in results)
    assert len(ors.requests) == 1


# ------------------------------------------------------------------------------------- settings


def test_provider_from_settings_defaults_to_cached_haversine() -> None:
    provider = provider_from_settings(Settings(tour_detour_factor=1.5, tour_speed_bike_kmh=20))
    assert isinstance(provider, CachedProvider)
    assert isinstance(provider.inner, HaversineProvider)
    assert provider.inner.detour_factor == 1.5
    m = provider.matrix([Point(0, 0), Point(0, 1)], TransportMode.BIKE)
    assert m.distances_m[0][1] == pytest.approx(111_195.08 * 1.5, abs=0.01)
    assert m.durations_s[0][1] == pytest.approx(111_195.08 * 1.5 / (20 / 3.6), abs=0.01)
    # The same settings share one provider, so its cache lasts between requests.
    assert (
        provider_from_settings(Settings(tour_detour_factor=1.5, tour_speed_bike_kmh=20)) is provider
    )


def test_provider_from_settings_with_ors(ors: FakeOrs) -> None:
    settings = Settings(ors_base_url=ors.url, ors_timeout_seconds=2, tour_speed_car_kmh=60)
    provider = provider_from_settings(settings)
    assert isinstance(provider, CachedProvider)
    assert isinstance(provider.inner, FallbackProvider)
    assert isinstance(provider.inner.primary, OrsProvider)
    assert isinstance(provider.inner.fallback, HaversineProvider)
    assert (provider.inner.primary.base_url, provider.inner.primary.timeout_s) == (ors.url, 2)
    assert provider.inner.fallback.speeds_kmh[TransportMode.ELECTRIC_CAR] == 60
    assert provider.matrix(CITIES, TransportMode.CAR).source == "openrouteservice"
    assert (
        provider_from_settings(settings).matrix(CITIES, TransportMode.CAR).distances_m
        == server_matrix(CITIES)[0]
    )
    assert len(ors.requests) == 1

    keyed = provider_from_settings(Settings(ors_api_key="k"))
    assert isinstance(keyed, CachedProvider)
    assert isinstance(keyed.inner, FallbackProvider)
    assert isinstance(keyed.inner.primary, OrsProvider)
    assert (keyed.inner.primary.base_url, keyed.inner.primary.api_key) == (ORS_PUBLIC_URL, "k")


def test_settings_from_environment_and_bounds(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CAPVENTE_ORS_BASE_URL", "http://ors:8082/ors")
    monkeypatch.setenv("CAPVENTE_TOUR_DETOUR_FACTOR", "1.4")
    monkeypatch.setenv("CAPVENTE_TOUR_SPEED_PUBLIC_TRANSPORT_KMH", "30")
    settings = Settings()
    assert settings.ors_base_url == "http://ors:8082/ors"
    assert settings.ors_api_key is None
    assert (settings.tour_detour_factor, settings.tour_speed_public_transport_kmh) == (1.4, 30)
    assert (
        settings.ors_timeout_seconds,
        settings.tour_speed_car_kmh,
        settings.tour_speed_bike_kmh,
    ) == (10, 50, 18)
    for bad in ({"tour_detour_factor": 0.9}, {"tour_detour_factor": 3.1},
                {"tour_speed_car_kmh": 0}, {"ors_timeout_seconds": 0}):  # fmt: skip
        with pytest.raises(ValidationError):
            Settings(**bad)  # type: ignore[arg-type]
