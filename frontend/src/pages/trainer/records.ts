// A read-only summary of a record an evidence entry (or a line of the trainee's records)
// points to, for the trainer: scoping lets a trainer read each record of the trainees they
// follow by its id.
import { api, unwrap } from "../../api/client";
import { formatDate } from "../../components/ui";
import {
  APPOINTMENT_STATUSES,
  CHANNELS,
  KINDS as PROSPECT_KINDS,
  PRIORITIES,
  STATUSES as PROSPECT_STATUSES,
} from "../../labels/prospects";
import { MODES } from "../../labels/tours";
import { CADENCES, CLASSIFICATIONS, KINDS as SOURCE_KINDS, PRICE_LEVELS, TOPICS } from "../../labels/watch";

export type RecordSummary = { title: string; facts: [string, string][] };

const number = (value: string | number | null | undefined, unit = "") =>
  value === null || value === undefined || value === "" ? "—" : `${Number(value).toLocaleString("fr-FR")}${unit}`;
const text = (value: string | null | undefined) => (value && value.trim() ? value : "—");

/** The record types this view can open. */
export const PREVIEWABLE = new Set([
  "prospects",
  "appointments",
  "personas",
  "call_scripts",
  "campaigns",
  "tours",
  "watch_sources",
  "watch_items",
  "competitors",
]);

export function canPreview(type: string | null | undefined, id: string | null | undefined): boolean {
  return Boolean(type && id && PREVIEWABLE.has(type) && /^\d+$/.test(id));
}

export async function fetchRecord(type: string, rawId: string): Promise<RecordSummary> {
  const id = Number(rawId);
  switch (type) {
    case "prospects": {
      const p = await unwrap(api.GET("/api/v1/prospects/{prospect_id}", { params: { path: { prospect_id: id } } }));
      return {
        title: p.name,
        facts: [
          ["Type", PROSPECT_KINDS[p.kind] ?? p.kind],
          ["Statut", PROSPECT_STATUSES[p.status] ?? p.status],
          ["Priorité", p.priority ? (PRIORITIES[p.priority] ?? p.priority) : "—"],
          ["Potentiel", number(p.potential, " €")],
          ["Ville", text([p.postcode, p.city].filter(Boolean).join(" "))],
          ["Secteur", text(p.sector)],
          ["Prochain contact", formatDate(p.next_contact_on)],
          ["Dernier contact", formatDate(p.last_contact_at)],
        ],
      };
    }
    case "appointments": {
      const a = await unwrap(
        api.GET("/api/v1/appointments/{appointment_id}", { params: { path: { appointment_id: id } } }),
      );
      return {
        title: `Rendez-vous du ${formatDate(a.starts_at, true)}`,
        facts: [
          ["Statut", APPOINTMENT_STATUSES[a.status] ?? a.status],
          ["Durée", `${a.duration_minutes} min`],
          ["Lieu", text(a.place)],
          ["Notes", text(a.notes)],
        ],
      };
    }
    case "personas": {
      const p = await unwrap(api.GET("/api/v1/personas/{persona_id}", { params: { path: { persona_id: id } } }));
      return {
        title: p.name,
        facts: [
          ["Description", text(p.description)],
          ["Secteurs", p.sectors.length ? p.sectors.join(", ") : "—"],
        ],
      };
    }
    case "call_scripts": {
      const s = await unwrap(api.GET("/api/v1/call-scripts/{script_id}", { params: { path: { script_id: id } } }));
      return { title: s.name, facts: [["Étapes", String(s.steps.length)]] };
    }
    case "campaigns": {
      const c = await unwrap(api.GET("/api/v1/campaigns/{campaign_id}", { params: { path: { campaign_id: id } } }));
      return {
        title: c.name,
        facts: [
          ["Canal", CHANNELS[c.channel] ?? c.channel],
          ["Période", `${formatDate(c.starts_on)} → ${formatDate(c.ends_on)}`],
          ["Cibles", String(c.counts.members)],
          ["Contactées", String(c.counts.contacted)],
          [
            "Rendez-vous",
            `${c.counts.appointments}${c.objective_appointments ? ` (objectif ${c.objective_appointments})` : ""}`,
          ],
        ],
      };
    }
    case "tours": {
      const t = await unwrap(api.GET("/api/v1/tours/{tour_id}", { params: { path: { tour_id: id } } }));
      return {
        title: t.name,
        facts: [
          ["Mode", MODES[t.mode] ?? t.mode],
          ["Jours", String(t.days.length)],
          ["Distance", number(t.totals.km, " km")],
          ["CO₂", number(t.totals.co2_kg, " kg")],
          ["Gain sur l'ordre initial", number(t.savings.percent, " %")],
        ],
      };
    }
    case "watch_sources": {
      const s = await unwrap(api.GET("/api/v1/watch/sources/{source_id}", { params: { path: { source_id: id } } }));
      return {
        title: s.name,
        facts: [
          ["Type", SOURCE_KINDS[s.kind] ?? s.kind],
          ["Thème", TOPICS[s.topic] ?? s.topic],
          ["Cadence", CADENCES[s.cadence] ?? s.cadence],
          ["Fiabilité", `${s.reliability}/5`],
          ["Adresse", text(s.url)],
        ],
      };
    }
    case "watch_items": {
      const i = await unwrap(api.GET("/api/v1/watch/items/{item_id}", { params: { path: { item_id: id } } }));
      return {
        title: i.title,
        facts: [
          ["Thème", TOPICS[i.topic] ?? i.topic],
          ["Classement", i.classification ? (CLASSIFICATIONS[i.classification] ?? i.classification) : "non classé"],
          ["Publié le", formatDate(i.published_at)],
          ["Résumé", text(i.summary)],
          ["Notes", text(i.notes)],
        ],
      };
    }
    case "competitors": {
      const c = await unwrap(
        api.GET("/api/v1/competitors/{competitor_id}", { params: { path: { competitor_id: id } } }),
      );
      return {
        title: c.name,
        facts: [
          ["Niveau de prix", c.price_level ? (PRICE_LEVELS[c.price_level] ?? c.price_level) : "—"],
          ["Forces", text(c.strengths)],
          ["Faiblesses", text(c.weaknesses)],
          ["Différenciation", text(c.differentiation)],
        ],
      };
    }
    default:
      throw new Error("Cette fiche ne peut pas être ouverte ici.");
  }
}
