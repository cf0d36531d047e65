// The exchange form's values (strings, as the inputs hold them) and the request body made
// from them (pure functions, tested without a browser).
import type { Channel, InteractionCreate, Outcome } from "../../api/types";
import { EMPTY_APPOINTMENT, appointmentBody, type AppointmentValues } from "./AppointmentFields";

export interface InteractionValues {
  contact_id: number | null;
  channel: Channel;
  direction: "outbound" | "inbound";
  outcome: Outcome;
  occurred_at: string;
  duration_minutes: string;
  call_script_id: string;
  /** The campaign the exchange belongs to (the prospect must be one of its members). */
  campaign_id: string;
  notes: string;
  next_step: string;
  next_contact_on: string;
  needs: string;
  budget: string;
  authority: string;
  timing: string;
  accessibility_needs: string;
  accessibility_adaptation: string;
  about_contract: boolean;
  analogous_offer: boolean;
  /** Sent only with the « Rendez-vous pris » outcome. */
  appointment: AppointmentValues;
}

export const EMPTY_INTERACTION: InteractionValues = {
  contact_id: null,
  channel: "phone",
  direction: "outbound",
  outcome: "callback",
  occurred_at: "",
  duration_minutes: "",
  call_script_id: "",
  campaign_id: "",
  notes: "",
  next_step: "",
  next_contact_on: "",
  needs: "",
  budget: "",
  authority: "",
  timing: "",
  accessibility_needs: "",
  accessibility_adaptation: "",
  about_contract: false,
  analogous_offer: false,
  appointment: EMPTY_APPOINTMENT,
};

/** One field of the form and its new value. */
export type SetField<T> = <K extends keyof T>(key: K, value: T[K]) => void;

const orNull = (v: string) => (v.trim() ? v.trim() : null);
const isoOrNull = (v: string) => (v ? new Date(v).toISOString() : null);
const intOrNull = (v: string) => (v.trim() ? Number(v) : null);

/** The request body made from the form (empty fields left null). */
export function toInteraction(f: InteractionValues): InteractionCreate {
  return {
    contact_id: f.contact_id,
    channel: f.channel,
    direction: f.direction,
    outcome: f.outcome,
    occurred_at: isoOrNull(f.occurred_at),
    duration_minutes: intOrNull(f.duration_minutes),
    call_script_id: f.call_script_id ? Number(f.call_script_id) : null,
    campaign_id: f.campaign_id ? Number(f.campaign_id) : null,
    notes: f.notes.trim(),
    next_step: orNull(f.next_step),
    next_contact_on: f.next_contact_on || null,
    needs: orNull(f.needs),
    budget: orNull(f.budget),
    authority: orNull(f.authority),
    timing: orNull(f.timing),
    accessibility_needs: orNull(f.accessibility_needs),
    accessibility_adaptation: orNull(f.accessibility_adaptation),
    about_contract: f.about_contract,
    analogous_offer: f.analogous_offer,
    appointment: f.outcome === "appointment" ? appointmentBody(f.appointment) : null,
  };
}

/** The appointment's field errors (`appointment.starts_at`…); an error on the appointment as
 * a whole is shown beside its start. */
export function appointmentErrors(errors: Record<string, string>) {
  const named = Object.keys(errors).some((k) => k.startsWith("appointment."));
  return {
    starts_at: errors["appointment.starts_at"] ?? (named ? undefined : errors.appointment),
    duration_minutes: errors["appointment.duration_minutes"],
    place: errors["appointment.place"],
  };
}
