"""Exports of a saved tour: GeoJSON (stops and legs) and GPX (waypoints and one route per day).

Legs follow the road when the matrix provider gives lines (openrouteservice's directions);
otherwise they are straight lines between stops, and each leg says which
(``properties.geometry``: ``road`` or ``straight``). GPX is written by gpxpy.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

import gpxpy.gpx
from sqlalchemy.orm import Session

from app.config import Settings
from app.core.principal import Principal
from app.models import TransportMode
from app.tours.matrix import MatrixProvider, Point, provider_from_settings
from app.tours.repository import TourRepository
from app.tours.schemas import DayOut, TourPlanOut


@dataclass(frozen=True)
class Export:
    content: str
    media_type: str
    filename: str


def export(
    session: Session,
    principal: Principal,
    settings: Settings,
    tour_id: int,
    format: Literal["geojson", "gpx"],
) -> Export:
    """A saved tour (readable by the caller) as a file: GPX, or GeoJSON with road lines when
    it was planned on road matrices."""
    tour = TourRepository(session, principal).get_readable(tour_id)
    plan = TourPlanOut.model_validate(tour.plan)
    filename = f"tournee-{tour.id}"
    if format == "gpx":
        return Export(gpx(plan), "application/gpx+xml", f"{filename}.gpx")
    provider = provider_from_settings(settings) if plan.matrix_source != "haversine" else None
    return Export(
        json.dumps(geojson(plan, provider), ensure_ascii=False),
        "application/geo+json",
        f"{filename}.geojson",
    )


def _day_points(day: DayOut) -> list[tuple[float, float, str, dict[str, Any]]]:
    """(lat, lon, label, properties) of the day's places in order: start, visits, end."""
    points: list[tuple[float, float, str, dict[str, Any]]] = [
        (day.start.latitude, day.start.longitude, day.start.label,
         {"kind": "start", "departure": day.departure.isoformat()}),
    ]  # fmt: skip
    for order, stop in enumerate((s for s in day.stops if s.kind == "visit"), start=1):
        assert stop.latitude is not None
        assert stop.longitude is not None
        points.append(
            (
                stop.latitude,
                stop.longitude,
                stop.label,
                {
                    "kind": "visit",
                    "order": order,
                    "visit_index": stop.visit_index,
                    "prospect_id": stop.prospect_id,
                    "appointment_id": stop.appointment_id,
                    "arrival": stop.arrival.isoformat(),
                    "start": stop.start.isoformat(),
                    "departure": stop.departure.isoformat(),
                },
            )
        )
    points.append(
        (day.end.latitude, day.end.longitude, day.end.label,
         {"kind": "end", "arrival": day.arrival.isoformat()}),
    )  # fmt: skip
    return points


def geojson(plan: TourPlanOut, provider: MatrixProvider | None) -> dict[str, Any]:
    features: list[dict[str, Any]] = []
    for index, day in enumerate(plan.days):
        points = _day_points(day)
        lines = None
        if provider is not None and len(points) > 1:
            lines = provider.legs_geometry(
                [Point(lat, lon) for lat, lon, _, _ in points], TransportMode(plan.mode)
            )
        for lat, lon, label, properties in points:
            features.append({
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [lon, lat]},
                "properties": {"day": index, "date": day.date.isoformat(), "label": label,
                               **properties},
            })  # fmt: skip
        for leg in range(len(points) - 1):
            (lat0, lon0, _, _), (lat1, lon1, _, _) = points[leg], points[leg + 1]
            road = lines is not None and len(lines) == len(points) - 1 and len(lines[leg]) >= 2
            coordinates = (
                [[x, y] for x, y in lines[leg]] if road and lines else [[lon0, lat0], [lon1, lat1]]
            )
            features.append({
                "type": "Feature",
                "geometry": {"type": "LineString", "coordinates": coordinates},
                "properties": {"day": index, "date": day.date.isoformat(), "leg": leg,
                               "geometry": "road" if road else "straight"},
            })  # fmt: skip
    return {
        "type": "FeatureCollection",
        "features": features,
        "properties": {
            "name": plan.name,
            "mode": plan.mode,
            "matrix_source": plan.matrix_source,
            "km": plan.totals.km,
            "co2_kg": plan.totals.co2_kg,
        },
    }


def gpx(plan: TourPlanOut) -> str:
    document = gpxpy.gpx.GPX()
    document.name = plan.name
    document.creator = "CapVente"
    for index, day in enumerate(plan.days):
        route = gpxpy.gpx.GPXRoute(name=f"{plan.name} — jour {index + 1} ({day.date:%d/%m/%Y})")
        for lat, lon, label, properties in _day_points(day):
            when = (
                properties.get("start") or properties.get("departure") or properties.get("arrival")
            )
            moment = datetime.fromisoformat(when) if isinstance(when, str) else None
            route.points.append(gpxpy.gpx.GPXRoutePoint(lat, lon, time=moment, name=label))
            if properties["kind"] == "visit":
                document.waypoints.append(
                    gpxpy.gpx.GPXWaypoint(
                        lat,
                        lon,
                        time=moment,
                        name=label,
                        description=f"Jour {index + 1}, visite {properties['order']}",
                    )
                )
        document.routes.append(route)
    return str(document.to_xml(version="1.1"))
