// Reading the API's problem documents for the prospect pages: field errors (nested ones
// included), the channel policy's refusals, illegal lifecycle moves and stale versions.
import { ApiError } from "../../api/problem";

/**
 * Field → French message. Nested fields ("postcodes.0", "appointment.starts_at",
 * "steps.2.text") are kept as sent and also reported on their first segment, so that a
 * form can show them next to the control that holds the whole value.
 */
export function formErrors(error: unknown): Record<string, string> {
  if (!(error instanceof ApiError)) return {};
  const out: Record<string, string> = {};
  for (const e of error.problem.errors ?? []) {
    if (e.location && e.location !== "body") continue;
    if (!(e.field in out)) out[e.field] = e.message;
    const head = e.field.split(".")[0];
    if (head && !(head in out)) out[head] = e.message;
  }
  return out;
}

export interface ChannelRefusal {
  rule: string;
  channel: string | null;
  detail: string;
  allowedChannels: string[];
}

const CHANNEL_POLICY = "urn:capvente:problem:channel-policy:";

/** A 409 of the RGPD channel policy: its rule, its French explanation, the channels left. */
export function channelRefusal(error: unknown): ChannelRefusal | null {
  if (!(error instanceof ApiError)) return null;
  const p = error.problem;
  if (p.status !== 409 || typeof p.type !== "string" || !p.type.startsWith(CHANNEL_POLICY)) return null;
  const allowed = Array.isArray(p.allowed_channels) ? p.allowed_channels.map(String) : [];
  return {
    rule: typeof p.rule === "string" ? p.rule : p.type.slice(CHANNEL_POLICY.length),
    channel: typeof p.channel === "string" ? p.channel : null,
    detail: p.detail ?? p.title,
    allowedChannels: allowed,
  };
}

/** A 409 illegal lifecycle move: the statuses the prospect may move to. */
export function allowedStatuses(error: unknown): string[] | null {
  if (!(error instanceof ApiError)) return null;
  const p = error.problem;
  if (p.status !== 409 || p.type !== "urn:capvente:problem:invalid-transition") return null;
  return Array.isArray(p.allowed) ? p.allowed.map(String) : [];
}

/** A 409 on the optimistic lock: someone (or another tab) changed the record meanwhile. */
export function isStaleVersion(error: unknown): boolean {
  return error instanceof ApiError && error.problem.type === "urn:capvente:problem:stale-version";
}
