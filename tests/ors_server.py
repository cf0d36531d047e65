"""A small fake openrouteservice: a real HTTP server on 127.0.0.1, in a background thread.

It answers the two endpoints the tour planner uses, computing its own values (crow-flies
distance × ``DETOUR`` at ``SPEED_M_S``), records every request, and can be switched to fail:

- ``POST [/prefix]/v2/matrix/{profile}[/json]`` honours ``sources``/``destinations`` and
  answers null cells for the locations in ``unreachable``;
- ``POST [/prefix]/v2/directions/{profile}/geojson`` answers a straight LineString through
  the waypoints with a midpoint in each leg, ``way_points`` and per-leg ``segments``.

``behaviour``: "ok", "429", "429-html", "401", "403", "500", "503", "invalid-json", "sleep"
(longer than any client timeout used in the tests); it applies after ``fail_after`` answered
calls. ``delay_s`` slows every answer down (to make concurrent requests overlap).
"""

from __future__ import annotations

import itertools
import json
import math
import re
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler
from typing import Any

from tests.local_server import LocalServer

DETOUR = 1.2
SPEED_M_S = 10.0  # 36 km/h
EARTH_RADIUS_M = 6_371_008.8

ERROR_BODIES: dict[str, tuple[int, bytes, str]] = {
    "429": (429, b'{"error": "Rate limit exceeded"}', "application/json"),
    "429-html": (429, b"<html><body>Too Many Requests</body></html>", "text/html"),
    "401": (401, b'{"error": "Authorization field missing"}', "application/json"),
    "403": (403, b'{"error": "Daily quota reached or API key unauthorized"}', "application/json"),
    "500": (500, b'{"error": {"code": 2099, "message": "Unknown internal error."}}', "application/json"),
    "503": (503, b'{"error": "Service unavailable"}', "application/json"),
    "invalid-json": (200, b'{"distances": [[0, 1', "application/json"),
}  # fmt: skip

MATRIX_PATH = re.compile(r"^(?P<prefix>/[\w-]+)?/v2/matrix/(?P<profile>[\w-]+)(?:/json)?$")
DIRECTIONS_PATH = re.compile(r"^(?P<prefix>/[\w-]+)?/v2/directions/(?P<profile>[\w-]+)/geojson$")


def road_distance_m(a: list[float], b: list[float]) -> float:
    """The server's distance between two [lon, lat] locations, rounded like ORS (2 decimals)."""
    lon1, lat1, lon2, lat2 = map(math.radians, (a[0], a[1], b[0], b[1]))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return round(2 * EARTH_RADIUS_M * math.asin(math.sqrt(h)) * DETOUR, 2)  # fmt: skip


def road_duration_s(a: list[float], b: list[float]) -> float:
    return round(road_distance_m(a, b) / SPEED_M_S, 2)


@dataclass
class Recorded:
    path: str
    body: Any
    headers: dict[str, str]

    @property
    def cells(self) -> int:
        """sources × destinations of a matrix request (all locations when omitted)."""
        n = len(self.body["locations"])
        return len(self.body.get("sources") or range(n)) * len(
            self.body.get("destinations") or range(n)
        )


class FakeOrs(LocalServer):
    methods = ("POST",)

    def __init__(self) -> None:
        super().__init__()
        self.behaviour = "ok"
        self.fail_after = 0
        self.unreachable: set[int] = set()
        self.omit_way_points = False
        self.delay_s = 0.0
        self.sleep_s = 5.0
        self.requests: list[Recorded] = []

    # --- what the tests read

    def matrix_requests(self) -> list[Recorded]:
        return [r for r in self.requests if "/v2/matrix/" in r.path]

    def directions_requests(self) -> list[Recorded]:
        return [r for r in self.requests if "/v2/directions/" in r.path]

    # --- answers

    def _handle(self, handler: BaseHTTPRequestHandler) -> None:
        length = int(handler.headers.get("Content-Length") or 0)
        raw = handler.rfile.read(length)
        body = json.loads(raw) if raw else None
        with self._lock:
            self.requests.append(Recorded(handler.path, body, dict(handler.headers.items())))
            answered = len(self.requests) - 1
        if self.delay_s:
            self._release.wait(self.delay_s)
        behaviour = self.behaviour if answered >= self.fail_after else "ok"
        if behaviour == "sleep":
            self._release.wait(self.sleep_s)
            behaviour = "ok"
        if behaviour in ERROR_BODIES:
            status, payload, content_type = ERROR_BODIES[behaviour]
            self._send(handler, status, payload, content_type)
            return
        if match := MATRIX_PATH.match(handler.path):
            self._send_json(handler, self._matrix(body, match["profile"]))
        elif match := DIRECTIONS_PATH.match(handler.path):
            self._send_json(handler, self._directions(body, match["profile"]))
        else:
            self._send_json(handler, {"error": {"code": 404, "message": "Not found"}}, 404)

    def _matrix(self, body: dict[str, Any], profile: str) -> dict[str, Any]:
        locations = body["locations"]
        sources = body.get("sources") or list(range(len(locations)))
        destinations = body.get("destinations") or list(range(len(locations)))

        def cell(i: int, j: int, value: float) -> float | None:
            if i != j and (i in self.unreachable or j in self.unreachable):
                return None
            return value

        return {
            "distances": [[cell(i, j, road_distance_m(locations[i], locations[j])) for j in destinations] for i in sources],
            "durations": [[cell(i, j, road_duration_s(locations[i], locations[j])) for j in destinations] for i in sources],
            "sources": [{"location": locations[i]} for i in sources],
            "destinations": [{"location": locations[j]} for j in destinations],
            "metadata": {"query": {"profile": profile}},
        }  # fmt: skip

    def _directions(self, body: dict[str, Any], profile: str) -> dict[str, Any]:
        waypoints = body["coordinates"]
        line = [waypoints[0]]
        segments = []
        for k, (a, b) in enumerate(itertools.pairwise(waypoints)):
            line += [[(a[0] + b[0]) / 2, (a[1] + b[1]) / 2], b]
            segments.append({
                "distance": road_distance_m(a, b),
                "duration": road_duration_s(a, b),
                "steps": [{"distance": road_distance_m(a, b), "way_points": [2 * k, 2 * k + 2]}],
            })  # fmt: skip
        properties: dict[str, Any] = {
            "segments": segments,
            "summary": {
                "distance": round(sum(s["distance"] for s in segments), 2),
                "duration": round(sum(s["duration"] for s in segments), 2),
            },
        }
        if not self.omit_way_points:
            properties["way_points"] = [2 * k for k in range(len(waypoints))]
        feature = {"type": "Feature", "geometry": {"type": "LineString", "coordinates": line},
                   "properties": properties}  # fmt: skip
        return {"type": "FeatureCollection", "features": [feature],
                "metadata": {"query": {"profile": profile}}}  # fmt: skip

    @staticmethod
    def _send(
        handler: BaseHTTPRequestHandler, status: int, payload: bytes, content_type: str
    ) -> None:
        try:
            handler.send_response(status)
            handler.send_header("Content-Type", content_type)
            handler.send_header("Content-Length", str(len(payload)))
            handler.end_headers()
            handler.wfile.write(payload)
        except OSError:
            pass  # the client gave up

    def _send_json(self, handler: BaseHTTPRequestHandler, data: Any, status: int = 200) -> None:
        self._send(handler, status, json.dumps(data).encode(), "application/json")
