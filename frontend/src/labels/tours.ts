// French labels of the tour area's codes.
import { STATUSES } from "./prospects";
import type { GeocodePrecision, GeocodeProvider } from "../api/types";
import type { TransportMode } from "../api/types";

export const MODES: Record<TransportMode, string> = {
  car: "Voiture (thermique, par défaut)",
  petrol_car: "Voiture essence",
  diesel_car: "Voiture diesel",
  hybrid_car: "Voiture hybride",
  electric_car: "Voiture électrique",
  public_transport: "Transports en commun",
  bike: "Vélo à assistance électrique",
};

export const MODE_ORDER = Object.keys(MODES) as TransportMode[];

/** Where the distances come from ("haversine", "openrouteservice", or "primary+fallback"). */
export function matrixSourceLabel(source: string): string {
  if (source === "haversine") return "distances estimées (vol d'oiseau corrigé d'un facteur de détour)";
  if (source === "openrouteservice") return "distances routières (openrouteservice)";
  if (source.includes("+")) return "distances routières, estimées en secours quand le calcul routier a échoué";
  return source;
}

/** Prospect statuses in lower case, as they read inside a sentence. */
export const PROSPECT_STATUSES: Record<string, string> = Object.fromEntries(
  Object.entries(STATUSES).map(([key, text]) => [key, text.toLowerCase()]),
);

export const GEOCODE_PRECISIONS: Record<GeocodePrecision, string> = {
  address: "adresse",
  street: "rue",
  commune: "commune (centre)",
  postcode: "code postal (centre de ses communes)",
  department: "département (centre)",
};

const GEOCODE_PROVIDERS: Record<GeocodeProvider, string> = {
  user: "saisie",
  offline: "liste des communes",
  addok: "Base Adresse Nationale",
  openrouteservice: "openrouteservice",
  demo: "démo",
};

interface Located {
  latitude?: number | null;
  longitude?: number | null;
  geocode_precision?: GeocodePrecision | null;
  geocode_provider?: GeocodeProvider | null;
  geocoded_at?: string | null;
}

/** How close a prospect's position is, for « Position : … » (null: no position). */
export function positionLabel(p: Located): string | null {
  if (p.latitude == null || p.longitude == null) return null;
  if (p.geocode_provider === "user") return "saisie";
  // The seeded demo's positions are made up near their made-up addresses.
  if (p.geocode_provider === "demo") return "fictive (démo)";
  if (!p.geocode_precision) return "fournie";
  const precision = GEOCODE_PRECISIONS[p.geocode_precision];
  const provider = p.geocode_provider ? GEOCODE_PROVIDERS[p.geocode_provider] : null;
  // With an online geocoder, the commune's centre stands in until it answers.
  const provisional = p.geocode_provider === "offline" && !p.geocoded_at;
  return [precision, provider && `${provider}${provisional ? ", provisoire" : ""}`].filter(Boolean).join(" — ");
}
