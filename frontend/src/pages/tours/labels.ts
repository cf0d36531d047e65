// French labels of the tour area's codes.
import { STATUSES } from "../prospects/labels";
import type { components } from "../../api/schema";

export type TransportMode = components["schemas"]["TransportMode"];

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
