// One day of a tour on a Leaflet map: the base (or start and end places), the visits numbered
// in order, and the route between them. Tiles only when the server names a tile source
// (GET /client-config); otherwise a plain background, and no request that cannot succeed
// (div icons, no marker images). The timetable beside it says the same in text.
import L from "leaflet";
import "leaflet/dist/leaflet.css";
import { useQuery } from "@tanstack/react-query";
import { MapContainer, Marker, Polyline, Popup, TileLayer, ZoomControl } from "react-leaflet";
import { tourQueries } from "../../api/queries/tours";
import type { DayOut } from "../../api/types";
import { clock } from "./format";
import "./tours.css";

export function useClientConfig() {
  return useQuery({
    ...tourQueries.clientConfig(),
    staleTime: Infinity,
  });
}

export function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c,
  );
}

function pin(symbol: string, label: string, kind: "visit" | "base"): L.DivIcon {
  return L.divIcon({
    className: `tour-pin tour-pin-${kind}`,
    html: `<span aria-hidden="true">${escapeHtml(symbol)}</span><span class="sr-only">${escapeHtml(label)}</span>`,
    iconSize: [24, 24],
    iconAnchor: [12, 12],
    popupAnchor: [0, -12],
  });
}

export interface MapPoint {
  lat: number;
  lon: number;
}

/** The day's places in driving order: start, visits (those with coordinates), end. */
export function routeOf(day: DayOut): MapPoint[] {
  const points: MapPoint[] = [{ lat: day.start.latitude, lon: day.start.longitude }];
  for (const stop of day.stops) {
    if (stop.kind === "visit" && stop.latitude != null && stop.longitude != null) {
      points.push({ lat: stop.latitude, lon: stop.longitude });
    }
  }
  points.push({ lat: day.end.latitude, lon: day.end.longitude });
  return points;
}

export function TourMap({ day, label }: { day: DayOut; label: string }) {
  const config = useClientConfig();
  // Wait for the config only while it is loading: a failed config means no tiles.
  if (config.isPending) return <div className="tour-map tour-map-loading" role="region" aria-label={label} />;
  const tileUrl = config.data?.tile_url ?? null;
  const route = routeOf(day);
  const bounds = L.latLngBounds(route.map((p) => [p.lat, p.lon] as [number, number]));
  const sameEnds = day.start.latitude === day.end.latitude && day.start.longitude === day.end.longitude;
  const visits = day.stops.filter((s) => s.kind === "visit" && s.latitude != null && s.longitude != null);
  return (
    <div className={`tour-map${tileUrl ? "" : " tour-map-plain"}`} role="region" aria-label={label}>
      <MapContainer
        bounds={bounds}
        boundsOptions={{ padding: [28, 28], maxZoom: 14 }}
        zoomControl={false}
        attributionControl={Boolean(tileUrl)}
        scrollWheelZoom={false}
        className="tour-map-canvas"
      >
        {tileUrl && <TileLayer url={tileUrl} attribution={config.data?.tile_attribution ?? ""} />}
        <ZoomControl position="topright" zoomInTitle="Zoom avant" zoomOutTitle="Zoom arrière" />
        <Polyline
          positions={route.map((p) => [p.lat, p.lon] as [number, number])}
          interactive={false}
          pathOptions={{ color: "#1d4f91", weight: 4, opacity: 0.85 }}
        />
        <Marker
          position={[day.start.latitude, day.start.longitude]}
          zIndexOffset={-100}
          title={sameEnds ? `Base : ${day.start.label}` : `Départ : ${day.start.label}`}
          icon={pin(
            sameEnds ? "B" : "D",
            sameEnds
              ? `Base : ${day.start.label}, départ ${clock(day.departure)}, retour ${clock(day.arrival)}`
              : `Départ : ${day.start.label}, ${clock(day.departure)}`,
            "base",
          )}
        >
          <Popup>
            <strong>
              {sameEnds ? "Base" : "Départ"} : {day.start.label}
            </strong>
            <br />
            Départ {clock(day.departure)}
            {sameEnds && <>, retour {clock(day.arrival)}</>}
          </Popup>
        </Marker>
        {!sameEnds && (
          <Marker
            position={[day.end.latitude, day.end.longitude]}
            zIndexOffset={-100}
            title={`Arrivée : ${day.end.label}`}
            icon={pin("A", `Arrivée : ${day.end.label}, ${clock(day.arrival)}`, "base")}
          >
            <Popup>
              <strong>Arrivée : {day.end.label}</strong>
              <br />
              {clock(day.arrival)}
            </Popup>
          </Marker>
        )}
        {visits.map((stop, i) => (
          <Marker
            key={`${stop.visit_index}-${i}`}
            position={[stop.latitude as number, stop.longitude as number]}
            title={`${i + 1}. ${stop.label}`}
            icon={pin(
              String(i + 1),
              `Étape ${i + 1} : ${stop.label}, arrivée ${clock(stop.arrival)}, départ ${clock(stop.departure)}`,
              "visit",
            )}
          >
            <Popup>
              <strong>
                {i + 1}. {stop.label}
              </strong>
              <br />
              Arrivée {clock(stop.arrival)}, visite {clock(stop.start)}–{clock(stop.departure)}
            </Popup>
          </Marker>
        ))}
      </MapContainer>
    </div>
  );
}
