// French labels of the training exercises (issue 21): the exercise's and the run's statuses,
// the clock, what the simulated market answers and does (its events), and how a record the
// market wrote is reached in the client.
import type { Schemas as S } from "../api/types";
import { INCIDENT_KINDS } from "./followUp";

export const EXERCISE_STATUSES: Record<S["ExerciseStatus"], string> = {
  draft: "Brouillon",
  published: "Publié",
  closed: "Clos",
};

export const EXERCISE_STATUS_CLASS: Record<S["ExerciseStatus"], string> = {
  draft: "status-paused",
  published: "status-ok",
  closed: "",
};

export const RUN_STATUSES: Record<S["RunStatus"], string> = {
  not_started: "Non démarré",
  running: "En cours",
  submitted: "Rendu",
  closed: "Clos",
};

export const RUN_STATUS_CLASS: Record<S["RunStatus"], string> = {
  not_started: "status-paused",
  running: "status-ok",
  submitted: "",
  closed: "",
};

/** « 2 non démarrés, 1 en cours » (the plural of each status). */
export const RUN_STATUS_COUNTS: Record<S["RunStatus"], [string, string]> = {
  not_started: ["non démarré", "non démarrés"],
  running: ["en cours", "en cours"],
  submitted: ["rendu", "rendus"],
  closed: ["clos", "clos"],
};

export const CLOCK_MODES: Record<S["ClockMode"], string> = {
  on_request: "À la demande (le stagiaire avance l'horloge)",
  real_days: "Au rythme des jours réels",
};

/** The market's answers (the server's `outcome_label` for a call or an e-mail, repeated here
 * for the probabilities and the events, which carry codes only). */
export const MARKET_OUTCOMES: Record<string, string> = {
  no_answer: "Pas de réponse",
  gatekeeper: "Barrage du standard",
  wrong_target: "Mauvaise cible",
  appointment: "Rendez-vous pris",
  callback: "À rappeler",
  objection: "Refus avec objection",
  not_interested: "Pas intéressé",
  info_sent: "Information envoyée",
  qualified: "Qualifié",
  opened: "Ouvert (sans réponse)",
  replied: "Réponse reçue",
  unsubscribed: "Désinscription",
  ignored: "Sans suite (non ouvert)",
  held: "Rendez-vous tenu",
  postponed: "Rendez-vous reporté",
  no_show: "Absent au rendez-vous",
  order: "Commande passée",
  delivery_incident: "Incident de livraison",
  complaint: "Réclamation",
  late_payment: "Retard de paiement",
  payment: "Paiement reçu",
  churn: "Client perdu",
};

/** What the trainee did, or what the market did on its own, by event kind. */
export const MARKET_EVENT_KINDS: Record<string, string> = {
  call: "Appel",
  email: "E-mail envoyé",
  email_reply: "Réponse à un e-mail",
  unsubscribe: "Désinscription",
  appointment: "Rendez-vous",
  order: "Commande",
  delivery_incident: "Livraison",
  complaint: "Réclamation",
  late_payment: "Facture",
  payment: "Facture",
  churn: "Client",
};

/** The kinds the events list filters on (the server's `kind`). */
export const EVENT_KIND_FILTERS: Record<string, string> = {
  call: "Appels",
  email: "E-mails envoyés",
  email_reply: "Réponses aux e-mails",
  unsubscribe: "Désinscriptions",
  appointment: "Rendez-vous",
  order: "Commandes",
  delivery_incident: "Incidents de livraison",
  complaint: "Réclamations",
  late_payment: "Retards de paiement",
  payment: "Paiements",
  churn: "Clients perdus",
};

export const SONCAS_MOTIVES: Record<string, string> = {
  securite: "sécurité",
  orgueil: "orgueil",
  nouveaute: "nouveauté",
  confort: "confort",
  argent: "argent",
  sympathie: "sympathie",
};

export const NOTE_STATUSES: Record<string, string> = {
  draft: "Brouillon",
  submitted: "Rendue",
};

export function labelOf(labels: Record<string, string>, code: string | null | undefined): string {
  if (!code) return "—";
  return labels[code] ?? code;
}

/** What an event says beyond its outcome (an incident's kind, an order's number…). */
export function eventDetail(kind: string, detail: Record<string, unknown>): string | null {
  const text = (key: string) =>
    typeof detail[key] === "string" || typeof detail[key] === "number" ? String(detail[key]) : null;
  switch (kind) {
    case "call": {
      const motive = text("objection_motive");
      const objection = text("objection");
      if (objection) return `« ${objection} »${motive ? ` (mobile : ${labelOf(SONCAS_MOTIVES, motive)})` : ""}`;
      return null;
    }
    case "order":
      return text("number") ? `Commande ${text("number")}` : null;
    case "delivery_incident": {
      const incident = text("incident");
      return incident ? labelOf(INCIDENT_KINDS, incident) : null;
    }
    case "late_payment":
      return text("number") ? `Facture ${text("number")} en retard` : null;
    case "payment": {
      const late = Number(detail.late_days ?? 0);
      const number = text("number");
      return `${number ? `Facture ${number} ` : ""}payée${late > 0 ? ` avec ${late} jours de retard` : " à l'échéance"}`;
    }
    default:
      return null;
  }
}

/** Where the record a market event wrote is read in the client (« interaction:12 » → the
 * prospect's file and timeline, « appointment:4 » → its week in the agenda…). */
export function recordLink(record: string | null, prospectId: number | null): { to: string; label: string } | null {
  const [kind, id] = (record ?? "").split(":");
  const prospect = prospectId !== null ? `/prospects/${prospectId}` : null;
  switch (kind) {
    case "interaction":
      return prospect ? { to: prospect, label: "Échange dans l'historique de la fiche" } : null;
    case "consent":
      return prospect ? { to: prospect, label: "Consentement sur la fiche" } : null;
    case "appointment":
      return id ? { to: `/agenda?rendez-vous=${id}`, label: "Rendez-vous dans l'agenda" } : null;
    case "order":
      return id ? { to: `/commandes/${id}`, label: "Commande" } : null;
    case "delivery":
      return id ? { to: `/livraisons/${id}`, label: "Livraison" } : null;
    case "complaint":
      return id ? { to: `/reclamations/${id}`, label: "Réclamation" } : null;
    case "invoice":
      return id ? { to: `/factures/${id}`, label: "Facture" } : null;
    default:
      return prospect ? { to: prospect, label: "Fiche du prospect" } : null;
  }
}
