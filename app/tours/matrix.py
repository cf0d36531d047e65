"""Distance and duration matrices between tour stops, with their road geometry.

Two providers compute the matrices:

- ``HaversineProvider``: great-circle distance × a detour factor, duration at an average speed
  per transport mode. Pure Python, deterministic, always available.
- ``OrsProvider``: openrouteservice (the public API with a key, or a self-hosted instance),
  splitting requests to stay within the API limits (3,500 matrix cells and 50 direction
  waypoints per request).

``FallbackProvider`` falls back from the road service to the estimate with a French warning,
``CachedProvider`` keeps recent answers in memory, and ``provider_from_settings`` assembles
the chain from the settings.

Points are (latitude, longitude) objects; the road geometry is returned as (longitude,
latitude) pairs, the GeoJSON order.
"""

from __future__ import annotations

import itertools
import logging
import math
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol, TypeVar

import openrouteservice
import requests
from openrouteservice import exceptions as ors_exceptions

from app.config import Settings
from app.models import TransportMode

log = logging.getLogger("capvente.tours")

EARTH_RADIUS_M = 6_371_008.8  # mean Earth radius (IUGG)
DEFAULT_DETOUR_FACTOR = 1.3
ORS_PUBLIC_URL = "https://api.openrouteservice.org"
ORS_MAX_MATRIX_CELLS = 3_500  # public API: sources × destinations per request
ORS_MAX_WAYPOINTS = 50  # public API: waypoints per directions request

CAR_MODES = frozenset(
    {
        TransportMode.CAR,
        TransportMode.PETROL_CAR,
        TransportMode.DIESEL_CAR,
        TransportMode.HYBRID_CAR,
        TransportMode.ELECTRIC_CAR,
    }
)

# Buses and coaches use the roads, so public transport is routed as a car.
ORS_PROFILES: Mapping[TransportMode, str] = {
    **dict.fromkeys(CAR_MODES, "driving-car"),
    TransportMode.PUBLIC_TRANSPORT: "driving-car",
    TransportMode.BIKE: "cycling-electric",
}

DEFAULT_SPEEDS_KMH: Mapping[TransportMode, float] = {
    **dict.fromkeys(CAR_MODES, 50.0),
    TransportMode.PUBLIC_TRANSPORT: 25.0,
    TransportMode.BIKE: 18.0,
}
"""Average door-to-door speeds used without a road service.

- Cars, 50 km/h: a field sales tour mixes town streets (20–30 km/h with lights and parking),
  trunk roads (70–80 km/h) and some motorway; 50 km/h is the usual planning figure for such
  mixed itineraries once the crow-flies distance is stretched by the detour factor.
- Public transport, 25 km/h: commercial speed of regional buses and coaches including stops,
  plus the walk and the wait at each end.
- Bike (electric), 18 km/h: assistance stops at 25 km/h; crossings, stops and slopes bring the
  average of an everyday e-bike ride down to 15–20 km/h.
"""


def ors_profile(mode: TransportMode) -> str:
    """The openrouteservice routing profile used for a transport mode."""
    return ORS_PROFILES[mode]


@dataclass(frozen=True)
class Point:
    latitude: float
    longitude: float

    def __post_init__(self) -> None:
        if not (math.isfinite(self.latitude) and -90.0 <= self.latitude <= 90.0):
            raise ValueError(f"Latitude invalide : {self.latitude!r} (attendu entre -90 et 90).")
        if not (math.isfinite(self.longitude) and -180.0 <= self.longitude <= 180.0):
            raise ValueError(
                f"Longitude invalide : {self.longitude!r} (attendu entre -180 et 180)."
            )


@dataclass
class Matrix:
    """``distances_m[i][j]`` / ``durations_s[i][j]``: from point i to point j.

    ``source`` is "haversine" or "openrouteservice"; ``profile`` is the openrouteservice
    profile for road answers and the transport mode for estimates; ``warnings`` are French
    sentences meant for the API response.
    """

    distances_m: list[list[float]]
    durations_s: list[list[float]]
    source: str
    profile: str
    warnings: list[str] = field(default_factory=list)

    def copy(self) -> Matrix:
        """A deep copy: the rows and the warnings are new lists."""
        return Matrix(
            distances_m=[list(row) for row in self.distances_m],
            durations_s=[list(row) for row in self.durations_s],
            source=self.source,
            profile=self.profile,
            warnings=list(self.warnings),
        )


Legs = list[list[tuple[float, float]]]


class MatrixUnavailable(Exception):
    """The provider cannot answer; ``reason`` is a French sentence fragment for users.

    ``status`` is the HTTP status when the service answered one, ``unreachable`` the indices
    (0-based, in the request's order) of points the road network could not reach.
    """

    def __init__(
        self, reason: str, *, status: int | None = None, unreachable: Sequence[int] = ()
    ) -> None:
        super().__init__(reason)
        self.reason = reason
        self.status = status
        self.unreachable = tuple(unreachable)


class MatrixProvider(Protocol):
    name: str

    def matrix(self, points: Sequence[Point], mode: TransportMode) -> Matrix:
        """Distances and durations between every pair of points (raises MatrixUnavailable)."""
        ...

    def legs_geometry(self, points: Sequence[Point], mode: TransportMode) -> Legs | None:
        """For each consecutive pair of points, the road line as (lon, lat) pairs; None when
        the provider has no geometry (raises MatrixUnavailable)."""
        ...


# --------------------------------------------------------------------------------- haversine


class HaversineProvider:
    """Crow-flies distance × detour factor; duration at the mode's average speed.

    See ``DEFAULT_SPEEDS_KMH`` for the default speeds and their rationale; modes missing from
    ``speeds_kmh`` keep their default.
    """

    name = "haversine"

    def __init__(
        self,
        detour_factor: float = DEFAULT_DETOUR_FACTOR,
        speeds_kmh: Mapping[TransportMode, float] | None = None,
    ) -> None:
        if not (math.isfinite(detour_factor) and detour_factor >= 1.0):
            raise ValueError(f"Facteur de détour invalide : {detour_factor!r} (au moins 1).")
        speeds = dict(DEFAULT_SPEEDS_KMH)
        speeds.update(speeds_kmh or {})
        for mode, speed in speeds.items():
            if not (math.isfinite(speed) and speed > 0):
                raise ValueError(f"Vitesse invalide pour le mode {mode} : {speed!r} km/h.")
        self.detour_factor = float(detour_factor)
        self.speeds_kmh: Mapping[TransportMode, float] = speeds

    def great_circle_m(self, a: Point, b: Point) -> float:
        """Great-circle distance in metres (haversine formula), without detour."""
        lat1, lat2 = math.radians(a.latitude), math.radians(b.latitude)
        half_dlat = (lat2 - lat1) / 2
        half_dlon = math.radians(b.longitude - a.longitude) / 2
        h = math.sin(half_dlat) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin(half_dlon) ** 2
        return 2 * EARTH_RADIUS_M * math.asin(min(1.0, math.sqrt(h)))

    def matrix(self, points: Sequence[Point], mode: TransportMode) -> Matrix:
        n = len(points)
        lats = [math.radians(p.latitude) for p in points]
        lons = [math.radians(p.longitude) for p in points]
        coss = [math.cos(lat) for lat in lats]
        scale = 2 * EARTH_RADIUS_M * self.detour_factor
        metres_per_second = self.speeds_kmh[mode] / 3.6
        sin, sqrt, asin = math.sin, math.sqrt, math.asin
        distances = [[0.0] * n for _ in range(n)]
        durations = [[0.0] * n for _ in range(n)]
        # The upper triangle, mirrored: the matrix is exactly symmetric.
        for i in range(n):
            lat_i, lon_i, cos_i = lats[i], lons[i], coss[i]
            d_row, t_row = distances[i], durations[i]
            for j in range(i + 1, n):
                s_lat = sin((lats[j] - lat_i) * 0.5)
                s_lon = sin((lons[j] - lon_i) * 0.5)
                h = s_lat * s_lat + cos_i * coss[j] * s_lon * s_lon
                d = scale * asin(sqrt(h) if h < 1.0 else 1.0)
                t = d / metres_per_second
                d_row[j] = distances[j][i] = d
                t_row[j] = durations[j][i] = t
        return Matrix(distances, durations, source=self.name, profile=str(mode), warnings=[])

    def legs_geometry(self, points: Sequence[Point], mode: TransportMode) -> Legs | None:
        return None


# --------------------------------------------------------------------------- openrouteservice


def _plan_blocks(n: int, max_cells: int) -> list[tuple[range, range]]:
    """Blocks of (sources, destinations) covering an n × n matrix, each ≤ max_cells cells."""
    if n * n <= max_cells:
        return [(range(n), range(n))]
    if n <= max_cells:
        rows = max_cells // n
        return [(range(start, min(start + rows, n)), range(n)) for start in range(0, n, rows)]
    return [
        (range(src, src + 1), range(start, min(start + max_cells, n)))
        for src in range(n)
        for start in range(0, n, max_cells)
    ]


def _waypoint_chunks(n: int, max_waypoints: int) -> list[range]:
    """Overlapping chunks of waypoint indices: each ends where the next one starts."""
    step = max_waypoints - 1
    return [range(start, min(start + max_waypoints, n)) for start in range(0, n - 1, step)]


def _describe_points(points: Sequence[Point], indices: Sequence[int]) -> str:
    return ", ".join(
        f"n° {i + 1} ({points[i].latitude:.6f}, {points[i].longitude:.6f})" for i in indices
    )


def _unreachable_points(null_cells: Sequence[tuple[int, int]], n: int) -> list[int]:
    """The points to blame for unroutable cells: those failing with (nearly) every other
    point, else those in the most failing cells."""
    counts = [0] * n
    for i, j in null_cells:
        counts[i] += 1
        counts[j] += 1
    blamed = [i for i, count in enumerate(counts) if count >= max(n - 1, 1)]
    if not blamed:
        top = max(counts)
        blamed = [i for i, count in enumerate(counts) if count == top]
    return blamed


def _ors_detail(message: Any) -> str:
    """The error text of an openrouteservice answer body, shortened."""
    text: Any = message
    if isinstance(message, dict):
        error = message.get("error", message)
        text = error.get("message", error) if isinstance(error, dict) else error
    detail = str(text).strip() if text is not None else ""
    return detail[:200] + ("…" if len(detail) > 200 else "")


def _status_reason(status: int, detail: str = "") -> str:
    if status == 429:
        return (
            "quota par minute dépassé sur le service d'itinéraires (HTTP 429), "
            "réessayez dans une minute"
        )
    if status in (401, 403):
        return f"quota journalier ou clé refusée par le service d'itinéraires (HTTP {status})"
    suffix = f" : « {detail} »" if detail else ""
    return f"erreur du service d'itinéraires (HTTP {status}){suffix}"


class _InvalidAnswer(Exception):
    """The service answered 200 with a body we cannot use."""


_T = TypeVar("_T")


class OrsProvider:
    """openrouteservice matrices and road lines, split within the API limits.

    ``base_url`` points at a self-hosted instance (e.g. ``http://ors:8082/ors``, no key needed);
    without it the public API is used and ``api_key`` is required. Every failure becomes a
    ``MatrixUnavailable`` with a French reason: no client or ``requests`` exception escapes.

    A new ``openrouteservice.Client`` is built per call: the client is not thread-safe (its API
    methods store per-call state on the instance, and it shares one ``requests.Session``),
    while the app runs sync endpoints in a thread pool.
    """

    name = "openrouteservice"

    def __init__(
        self,
        api_key: str | None = None,
        base_url: str | None = None,
        timeout_s: float = 10.0,
        *,
        max_matrix_cells: int = ORS_MAX_MATRIX_CELLS,
        max_waypoints: int = ORS_MAX_WAYPOINTS,
    ) -> None:
        if not base_url and not api_key:
            raise ValueError(
                "Une clé openrouteservice est nécessaire pour le service public "
                "(ou l'adresse d'une instance auto-hébergée)."
            )
        if timeout_s <= 0:
            raise ValueError(f"Délai invalide : {timeout_s!r} s.")
        if max_matrix_cells < 1 or max_waypoints < 2:
            raise ValueError("Limites de requête invalides.")
        self.api_key = api_key or None
        # The client concatenates base_url and "/v2/…": a trailing slash would double it.
        self.base_url = (base_url or ORS_PUBLIC_URL).rstrip("/")
        self.timeout_s = timeout_s
        self.max_matrix_cells = max_matrix_cells
        self.max_waypoints = max_waypoints

    def _new_client(self) -> Any:
        return openrouteservice.Client(
            key=self.api_key,
            base_url=self.base_url,
            timeout=self.timeout_s,
            # The client retries HTTP 503 with back-off until this much time has passed.
            retry_timeout=self.timeout_s,
            retry_over_query_limit=False,
        )

    def _call(self, action: Callable[[Any], _T]) -> _T:
        """Run ``action(client)`` and translate every failure into MatrixUnavailable."""
        client = self._new_client()
        try:
            return action(client)
        except MatrixUnavailable:
            raise
        except ors_exceptions.ApiError as exc:  # includes _OverQueryLimit (429)
            status = int(exc.status) if isinstance(exc.status, int) else 0
            raise MatrixUnavailable(
                _status_reason(status, _ors_detail(exc.message)), status=status
            ) from exc
        except ors_exceptions.HTTPError as exc:  # a body that is not JSON
            status = exc.status_code
            if status == 200:
                raise MatrixUnavailable(
                    "réponse illisible du service d'itinéraires", status=status
                ) from exc
            raise MatrixUnavailable(
                _status_reason(status, "réponse illisible"), status=status
            ) from exc
        except ors_exceptions.Timeout as exc:
            if isinstance(exc.__context__, requests.exceptions.Timeout):
                reason = f"pas de réponse en {self.timeout_s:g} s"
            else:  # the client's retries of HTTP 503 ran out of time
                reason = f"service indisponible (HTTP 503) pendant {self.timeout_s:g} s"
            raise MatrixUnavailable(f"service d'itinéraires injoignable ({reason})") from exc
        except requests.exceptions.RequestException as exc:
            raise MatrixUnavailable(
                f"service d'itinéraires injoignable ({type(exc).__name__})"
            ) from exc
        except (_InvalidAnswer, KeyError, IndexError, TypeError, ValueError) as exc:
            raise MatrixUnavailable("réponse inattendue du service d'itinéraires") from exc
        except Exception as exc:  # the client's own bugs: never let them reach the endpoint
            log.exception("openrouteservice client failure")
            raise MatrixUnavailable("erreur inattendue du client d'itinéraires") from exc
        finally:
            # The client never closes its requests.Session.
            session = getattr(client, "_session", None)
            if isinstance(session, requests.Session):
                session.close()

    # --- matrix

    def matrix(self, points: Sequence[Point], mode: TransportMode) -> Matrix:
        profile = ors_profile(mode)
        n = len(points)
        if n <= 1:
            zeros = [[0.0] * n for _ in range(n)]
            return Matrix(zeros, [list(row) for row in zeros], source=self.name, profile=profile)
        return self._call(lambda client: self._matrix(client, points, profile))

    def _matrix(self, client: Any, points: Sequence[Point], profile: str) -> Matrix:
        n = len(points)
        locations = [[p.longitude, p.latitude] for p in points]
        distances: list[list[float | None]] = [[None] * n for _ in range(n)]
        durations: list[list[float | None]] = [[None] * n for _ in range(n)]
        for sources, destinations in _plan_blocks(n, self.max_matrix_cells):
            body = client.distance_matrix(
                locations=locations,
                profile=profile,
                metrics=["distance", "duration"],
                sources=None if len(sources) == n else list(sources),
                destinations=None if len(destinations) == n else list(destinations),
                units="m",
            )
            block_d = _block(body, "distances", len(sources), len(destinations))
            block_t = _block(body, "durations", len(sources), len(destinations))
            for row, i in enumerate(sources):
                for col, j in enumerate(destinations):
                    distances[i][j] = block_d[row][col]
                    durations[i][j] = block_t[row][col]
        null_cells = [
            (i, j)
            for i in range(n)
            for j in range(n)
            if i != j and (distances[i][j] is None or durations[i][j] is None)
        ]
        if null_cells:
            blamed = _unreachable_points(null_cells, n)
            raise MatrixUnavailable(
                "aucun itinéraire routier trouvé pour "
                + ("le point " if len(blamed) == 1 else "les points ")
                + _describe_points(points, blamed),
                unreachable=blamed,
            )
        # The diagonal is 0 whatever the service answered (null for a point it cannot snap).
        return Matrix(
            distances_m=[
                [0.0 if i == j else _cell(row[j]) for j in range(n)]
                for i, row in enumerate(distances)
            ],
            durations_s=[
                [0.0 if i == j else _cell(row[j]) for j in range(n)]
                for i, row in enumerate(durations)
            ],
            source=self.name,
            profile=profile,
        )

    # --- geometry

    def legs_geometry(self, points: Sequence[Point], mode: TransportMode) -> Legs | None:
        if len(points) < 2:
            return []
        profile = ors_profile(mode)
        return self._call(lambda client: self._legs(client, points, profile))

    def _legs(self, client: Any, points: Sequence[Point], profile: str) -> Legs:
        legs: Legs = []
        for chunk in _waypoint_chunks(len(points), self.max_waypoints):
            coordinates = [[points[i].longitude, points[i].latitude] for i in chunk]
            body = client.directions(coordinates, profile=profile, format="geojson")
            legs.extend(_split_legs(body, len(coordinates)))
        return legs


def _cell(value: float | None) -> float:
    assert value is not None  # null cells were reported above
    return value


def _number(value: Any) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise _InvalidAnswer(f"not a number: {value!r}")
    return float(value)


def _block(body: Any, key: str, rows: int, cols: int) -> list[list[float | None]]:
    """One metric of a matrix answer, checked against the requested shape."""
    table = body.get(key) if isinstance(body, dict) else None
    if not isinstance(table, list) or len(table) != rows:
        raise _InvalidAnswer(f"{key}: expected {rows} rows")
    result = []
    for row in table:
        if not isinstance(row, list) or len(row) != cols:
            raise _InvalidAnswer(f"{key}: expected {cols} columns")
        result.append([_number(v) for v in row])
    return result


def _split_legs(body: Any, waypoints: int) -> Legs:
    """Cut a directions GeoJSON answer into one line per leg, at the waypoints' positions."""
    feature = body["features"][0]
    line = feature["geometry"]["coordinates"]
    coords = [(float(c[0]), float(c[1])) for c in line]
    properties = feature.get("properties") or {}
    marks = properties.get("way_points")
    if marks is None:  # older answers: the first and last index of each segment's steps
        segments = properties["segments"]
        marks = [segments[0]["steps"][0]["way_points"][0]]
        marks += [segment["steps"][-1]["way_points"][-1] for segment in segments]
    marks = [int(m) for m in marks]
    if len(marks) != waypoints or marks != sorted(marks) or not 0 <= marks[-1] < len(coords):
        raise _InvalidAnswer("way_points do not match the waypoints")
    return [coords[start : end + 1] for start, end in itertools.pairwise(marks)]


# -------------------------------------------------------------------------- fallback and cache


def _french_number(value: float) -> str:
    return f"{value:g}".replace(".", ",")


class FallbackProvider:
    """The primary provider, else the fallback's answer with a French warning."""

    def __init__(self, primary: MatrixProvider, fallback: MatrixProvider) -> None:
        self.primary = primary
        self.fallback = fallback
        self.name = f"{primary.name}+{fallback.name}"

    def _warning(self, reason: str) -> str:
        detour = getattr(self.fallback, "detour_factor", None)
        estimate = (
            f"à vol d'oiseau × {_french_number(detour)} (facteur de détour)"
            if isinstance(detour, int | float)
            else "à vol d'oiseau avec un facteur de détour"
        )
        return (
            f"Le service d'itinéraires routier a échoué ({reason}) : les distances sont "
            f"estimées {estimate} et les durées à une vitesse moyenne."
        )

    def matrix(self, points: Sequence[Point], mode: TransportMode) -> Matrix:
        try:
            return self.primary.matrix(points, mode)
        except MatrixUnavailable as exc:
            log.warning("road matrix unavailable, falling back: %s", exc.reason)
            result = self.fallback.matrix(points, mode)
            result.warnings.insert(0, self._warning(exc.reason))
            return result

    def legs_geometry(self, points: Sequence[Point], mode: TransportMode) -> Legs | None:
        try:
            return self.primary.legs_geometry(points, mode)
        except MatrixUnavailable as exc:
            log.warning("road geometry unavailable, falling back: %s", exc.reason)
            try:
                return self.fallback.legs_geometry(points, mode)
            except MatrixUnavailable:
                return None


_CacheKey = tuple[str, str, tuple[tuple[float, float], ...]]
_MISSING: Any = object()


class CachedProvider:
    """Keeps the last ``maxsize`` answers of ``inner`` (least recently used evicted).

    Keyed by the transport mode (not only the profile: the estimate's speed depends on the
    mode) and the points rounded to 6 decimals (~0.1 m). Degraded answers (a matrix with
    warnings, no geometry) are kept only ``degraded_ttl_s`` seconds, so that a recovered road
    service is asked again. Thread-safe; concurrent identical requests make one call. Callers
    get copies: changing a returned matrix does not change the cache.
    """

    def __init__(
        self,
        inner: MatrixProvider,
        maxsize: int = 256,
        *,
        degraded_ttl_s: float = 60.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if maxsize < 1:
            raise ValueError("La taille du cache doit être d'au moins 1.")
        self.inner = inner
        self.name = inner.name
        self.maxsize = maxsize
        self.degraded_ttl_s = degraded_ttl_s
        self._clock = clock
        self._lock = threading.Lock()
        self._entries: OrderedDict[_CacheKey, tuple[Any, float]] = OrderedDict()
        self._inflight: dict[_CacheKey, threading.Lock] = {}

    @staticmethod
    def _key(kind: str, points: Sequence[Point], mode: TransportMode) -> _CacheKey:
        rounded = tuple((round(p.latitude, 6), round(p.longitude, 6)) for p in points)
        return (kind, str(mode), rounded)

    def _lookup(self, key: _CacheKey) -> Any:
        """The stored value or _MISSING; call with the lock held."""
        entry = self._entries.get(key)
        if entry is None:
            return _MISSING
        value, expires = entry
        if self._clock() >= expires:
            del self._entries[key]
            return _MISSING
        self._entries.move_to_end(key)
        return value

    def _get(
        self, key: _CacheKey, compute: Callable[[], Any], degraded: Callable[[Any], bool]
    ) -> Any:
        with self._lock:
            value = self._lookup(key)
            if value is not _MISSING:
                return value
            key_lock = self._inflight.setdefault(key, threading.Lock())
        try:
            with key_lock:  # one computation per key at a time; the others wait for it
                with self._lock:
                    value = self._lookup(key)
                if value is not _MISSING:
                    return value
                value = compute()
                ttl = self.degraded_ttl_s if degraded(value) else math.inf
                with self._lock:
                    self._entries[key] = (value, self._clock() + ttl)
                    self._entries.move_to_end(key)
                    while len(self._entries) > self.maxsize:
                        self._entries.popitem(last=False)
                return value
        finally:
            with self._lock:
                if self._inflight.get(key) is key_lock:
                    del self._inflight[key]

    def matrix(self, points: Sequence[Point], mode: TransportMode) -> Matrix:
        stored: Matrix = self._get(
            self._key("matrix", points, mode),
            lambda: self.inner.matrix(points, mode).copy(),
            lambda value: bool(value.warnings),
        )
        return stored.copy()

    def legs_geometry(self, points: Sequence[Point], mode: TransportMode) -> Legs | None:
        stored: tuple[tuple[tuple[float, float], ...], ...] | None = self._get(
            self._key("legs", points, mode),
            lambda: _freeze_legs(self.inner.legs_geometry(points, mode)),
            lambda value: value is None,
        )
        return None if stored is None else [list(leg) for leg in stored]

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()


def _freeze_legs(legs: Legs | None) -> tuple[tuple[tuple[float, float], ...], ...] | None:
    return None if legs is None else tuple(tuple(leg) for leg in legs)


# --------------------------------------------------------------------------------- settings


def _speeds_from_settings(settings: Settings) -> dict[TransportMode, float]:
    speeds = dict.fromkeys(CAR_MODES, settings.tour_speed_car_kmh)
    speeds[TransportMode.PUBLIC_TRANSPORT] = settings.tour_speed_public_transport_kmh
    speeds[TransportMode.BIKE] = settings.tour_speed_bike_kmh
    return speeds


_providers: dict[tuple[Any, ...], MatrixProvider] = {}
_providers_lock = threading.Lock()


def provider_from_settings(settings: Settings) -> MatrixProvider:
    """The provider chain for these settings, shared between requests (so is its cache).

    Haversine alone by default; with ``ors_base_url`` or ``ors_api_key``, openrouteservice
    falling back to haversine. Both cached.
    """
    key = (
        settings.ors_api_key or None,
        settings.ors_base_url or None,
        settings.ors_timeout_seconds,
        settings.tour_detour_factor,
        settings.tour_speed_car_kmh,
        settings.tour_speed_public_transport_kmh,
        settings.tour_speed_bike_kmh,
    )
    with _providers_lock:
        provider = _providers.get(key)
        if provider is None:
            haversine = HaversineProvider(
                settings.tour_detour_factor, _speeds_from_settings(settings)
            )
            inner: MatrixProvider = haversine
            if settings.ors_base_url or settings.ors_api_key:
                ors = OrsProvider(
                    api_key=settings.ors_api_key or None,
                    base_url=settings.ors_base_url or None,
                    timeout_s=settings.ors_timeout_seconds,
                )
                inner = FallbackProvider(ors, haversine)
            provider = _providers[key] = CachedProvider(inner)
        return provider
