// The campaign form's state and its payload (pure functions, tested without a browser).
import type { Schemas as S } from "../../api/types";

export type Campaign = S["CampaignOut"];
export type CampaignCreate = S["CampaignCreate"];

export interface CampaignFormState {
  name: string;
  channel: S["Channel"];
  persona_id: string;
  call_script_id: string;
  starts_on: string;
  ends_on: string;
  message_template: string;
  analogous_offer: boolean;
  objective_contacts: string;
  objective_appointments: string;
  // The saved filter: the list's criteria the campaign targets.
  filter_status: string;
  filter_sector: string;
  filter_tag: string;
  filter_priority: string;
  filter_min_match: string;
}

const s = (v: unknown) => (v === null || v === undefined ? "" : String(v));

export function fromCampaign(c?: Campaign): CampaignFormState {
  const f = (c?.saved_filter ?? {}) as Record<string, unknown>;
  const statuses = Array.isArray(f.status) ? f.status : [];
  return {
    name: c?.name ?? "",
    channel: c?.channel ?? "phone",
    persona_id: s(c?.persona_id),
    call_script_id: s(c?.call_script_id),
    starts_on: s(c?.starts_on),
    ends_on: s(c?.ends_on),
    message_template: c?.message_template ?? "",
    analogous_offer: c?.analogous_offer ?? false,
    objective_contacts: s(c?.objective_contacts),
    objective_appointments: s(c?.objective_appointments),
    filter_status: s(statuses[0]),
    filter_sector: s(f.sector),
    filter_tag: s(f.tag),
    filter_priority: s(f.priority),
    filter_min_match: s(f.min_match),
  };
}

/** An integer field: blank is null; anything else is sent as typed (the server says why
 * it is wrong, beside the field). */
function int(v: string): number | null {
  const t = v.trim();
  if (!t) return null;
  const n = Number(t);
  return Number.isFinite(n) ? n : (t as unknown as number);
}

export function toCampaignBody(f: CampaignFormState): CampaignCreate {
  const filter: S["SavedFilter"] = {};
  if (f.filter_status) filter.status = [f.filter_status as S["ProspectStatus"]];
  if (f.filter_sector.trim()) filter.sector = f.filter_sector.trim();
  if (f.filter_tag.trim()) filter.tag = f.filter_tag.trim();
  if (f.filter_priority) filter.priority = f.filter_priority as S["Priority"];
  if (f.filter_min_match.trim()) filter.min_match = int(f.filter_min_match);
  return {
    name: f.name.trim(),
    channel: f.channel,
    persona_id: int(f.persona_id),
    call_script_id: int(f.call_script_id),
    starts_on: f.starts_on || null,
    ends_on: f.ends_on || null,
    message_template: f.message_template,
    analogous_offer: f.analogous_offer,
    objective_contacts: int(f.objective_contacts),
    objective_appointments: int(f.objective_appointments),
    saved_filter: Object.keys(filter).length ? filter : null,
  };
}

/** A campaign's progress against its objective, in French ("3 / 10 contacts"). */
export function progress(done: number, objective: number | null | undefined, unit: string): string {
  return objective ? `${done} / ${objective} ${unit}` : `${done} ${unit}`;
}
