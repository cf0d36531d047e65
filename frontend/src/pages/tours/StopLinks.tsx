// On the road: per stop, a link that opens the directions from the previous stop, and a link
// that calls the prospect. Both are plain links — OpenStreetMap's directions page (any
// browser, phone or desktop) and a tel: URI (the phone's dialer); CapVente itself sends no
// request anywhere for them.
import type { DayOut, StopOut, TransportMode } from "../../api/types";
import { formatPhone, telHref } from "../../format/phone";

type Point = { latitude?: number | null; longitude?: number | null };

/** OpenStreetMap's routing engines: car, bicycle, foot (public transport: by car roads). */
function engine(mode: TransportMode | undefined): string {
  return mode === "bike" ? "fossgis_osrm_bike" : "fossgis_osrm_car";
}

const coord = (p: Point) => `${Number(p.latitude).toFixed(5)},${Number(p.longitude).toFixed(5)}`;

/** The directions from `from` to `to` on openstreetmap.org (or to `to` alone). */
export function directionsUrl(to: Point, from?: Point | null, mode?: TransportMode): string {
  const origin = from && from.latitude != null && from.longitude != null ? coord(from) : "";
  const route = `${origin};${coord(to)}`;
  return `https://www.openstreetmap.org/directions?engine=${engine(mode)}&route=${encodeURIComponent(route)}`;
}

export function StopLinks({ stop, from, mode }: { stop: StopOut; from?: Point | null; mode?: TransportMode }) {
  const located = stop.latitude != null && stop.longitude != null;
  if (!located && !stop.phone) return null;
  return (
    <span className="nav-links">
      {located && (
        <a
          className="action-link"
          href={directionsUrl(stop, from, mode)}
          target="_blank"
          rel="noopener noreferrer"
          aria-label={`Itinéraire vers ${stop.label} (OpenStreetMap, nouvel onglet)`}
        >
          Itinéraire
        </a>
      )}
      {stop.phone && (
        <a
          className="action-link"
          href={telHref(stop.phone)}
          aria-label={`Appeler ${stop.label} au ${formatPhone(stop.phone)}`}
        >
          Appeler
        </a>
      )}
    </span>
  );
}

/** The point a stop is reached from: the previous visit, else the day's start. */
export function previousPoint(day: DayOut, index: number): Point {
  for (let i = index - 1; i >= 0; i -= 1) {
    const s = day.stops[i];
    if (s.kind === "visit" && s.latitude != null) return s;
  }
  return day.start;
}
