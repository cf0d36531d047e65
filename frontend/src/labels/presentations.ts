// French labels of the presentation library's codes (kinds, interlocutors, channels) and of
// a check's verdicts.
import type { Schemas as S } from "../api/types";

export const KINDS: Record<S["PresentationKind"], string> = {
  elevator_pitch: "Pitch éclair",
  phone_introduction: "Présentation téléphonique",
  visit_presentation: "Présentation en visite",
  trade_fair_pitch: "Pitch de salon",
  email_introduction: "E-mail de présentation",
};

export const INTERLOCUTORS: Record<S["Interlocutor"], string> = {
  decision_maker: "Décideur",
  user: "Utilisateur",
  buyer: "Acheteur",
  consumer: "Consommateur",
};

export const CHANNELS: Record<S["PresentationChannel"], string> = {
  face_to_face: "Face à face",
  phone: "Téléphone",
  video: "Visioconférence",
  email: "E-mail",
  social_post: "Publication sur un réseau social",
  trade_fair: "Salon",
};

export const SEVERITIES: Record<string, string> = {
  ok: "Respecté",
  warning: "Conseil",
  error: "À corriger",
};

/** « 45 s », « 1 min 05 s »: a spoken duration. */
export function duration(seconds: number): string {
  if (seconds < 60) return `${seconds} s`;
  const rest = seconds % 60;
  return `${Math.floor(seconds / 60)} min ${String(rest).padStart(2, "0")} s`;
}
