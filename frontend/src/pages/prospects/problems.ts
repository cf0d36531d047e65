// Reading the prospect file's own problem documents: the channel policy's refusals and
// illegal lifecycle moves (field errors and stale versions: api/problem.ts).
import { ApiError } from "../../api/problem";

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
