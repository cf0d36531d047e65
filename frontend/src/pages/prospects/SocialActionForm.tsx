// Record a social-selling action on the prospect (CP3.9): the server records it in the file as
// an outbound exchange on the channel « social », so the RGPD channel policy may refuse it (an
// objection), the next contact is needed as for any exchange (unless it closes the file or
// sets a meeting) and the outcome « appointment » comes with the appointment it set.
import { useState } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api, unwrap } from "../../api/client";
import { fieldErrorsOf } from "../../api/problem";
import { socialActionsChanged } from "../../api/queries/socialActions";
import type { Schemas as S } from "../../api/types";
import { Field, Options, RequiredNote } from "../../components/ui";
import { useForm } from "../../components/useForm";
import { label } from "../../labels/prospects";
import { ACTION_KINDS, ACTION_OUTCOMES, NETWORKS } from "../../labels/social";
import { AppointmentFields, EMPTY_APPOINTMENT, appointmentBody, type AppointmentValues } from "./AppointmentFields";
import { ChannelRefusalAlert } from "./ChannelRefusalAlert";
import { PersonSelect, type RecordPeople } from "./PersonSelect";
import { SaveFooter } from "./SaveFooter";
import { appointmentErrors } from "./interactionForm";
import { channelRefusal } from "./problems";

/** The form's values (strings, as the inputs hold them). */
export interface SocialActionValues {
  contact_id: number | null;
  network: S["SocialNetwork"];
  kind: S["SocialActionKind"];
  outcome: S["SocialActionOutcome"];
  occurred_at: string;
  notes: string;
  next_contact_on: string;
  /** Sent only with the outcome « appointment ». */
  appointment: AppointmentValues;
}

export const EMPTY_SOCIAL_ACTION: SocialActionValues = {
  contact_id: null,
  network: "linkedin",
  kind: "connection_request",
  outcome: "pending",
  occurred_at: "",
  notes: "",
  next_contact_on: "",
  appointment: EMPTY_APPOINTMENT,
};

/** The outcome the file reads as closing it (« not_interested »): no next contact needed. */
const CLOSING: ReadonlySet<S["SocialActionOutcome"]> = new Set(["declined"]);

/** The request body made from the form (empty fields left null). */
export function toSocialAction(v: SocialActionValues): S["SocialActionCreate"] {
  return {
    contact_id: v.contact_id,
    network: v.network,
    kind: v.kind,
    outcome: v.outcome,
    occurred_at: v.occurred_at ? new Date(v.occurred_at).toISOString() : null,
    notes: v.notes.trim(),
    next_contact_on: v.next_contact_on || null,
    appointment: v.outcome === "appointment" ? appointmentBody(v.appointment) : null,
  };
}

export function SocialActionForm({ prospectId, company, contacts }: RecordPeople) {
  const queryClient = useQueryClient();
  const form = useForm<SocialActionValues>(EMPTY_SOCIAL_ACTION);
  const { values, setValues, submitWith } = form;
  const [saved, setSaved] = useState<string | null>(null);
  const record = useMutation({
    mutationFn: (body: S["SocialActionCreate"]) =>
      unwrap(
        api.POST("/api/v1/prospects/{prospect_id}/social-actions", {
          params: { path: { prospect_id: prospectId } },
          body,
        }),
      ),
    onSuccess: (action) => {
      const what = `${label(NETWORKS, action.network)}, ${label(ACTION_KINDS, action.kind).toLowerCase()} (${label(ACTION_OUTCOMES, action.outcome).toLowerCase()})`;
      setSaved(
        `Action enregistrée : ${what}. Elle figure dans la chronologie${action.appointment_id ? ", avec le rendez-vous pris" : ""}.`,
      );
      // The next action is likely with the same person, on the same network.
      setValues((f) => ({ ...EMPTY_SOCIAL_ACTION, contact_id: f.contact_id, network: f.network }));
      return socialActionsChanged.recorded(queryClient, prospectId);
    },
  });
  const errors = fieldErrorsOf(record.error);
  const refusal = channelRefusal(record.error);
  // A change hides the notice of the last save.
  const set = <K extends keyof SocialActionValues>(key: K, value: SocialActionValues[K]) => {
    setSaved(null);
    form.set(key, value);
  };
  const setAppointment = (change: Partial<AppointmentValues>) => {
    setSaved(null);
    setValues((f) => ({ ...f, appointment: { ...f.appointment, ...change } }));
  };
  const closes = CLOSING.has(values.outcome);
  const appointment = values.outcome === "appointment";

  return (
    <form
      className="form-grid"
      aria-label="Nouvelle action sur les réseaux sociaux"
      noValidate
      onSubmit={submitWith((v) => {
        setSaved(null);
        record.mutate(toSocialAction(v));
      })}
    >
      <RequiredNote />
      <PersonSelect
        company={company}
        label="Personne contactée"
        contacts={contacts}
        value={values.contact_id}
        onChange={(id) => set("contact_id", id)}
        error={errors.contact_id}
      />
      <Field label="Réseau" error={errors.network} required>
        {(p) => (
          <select {...p} value={values.network} onChange={(e) => set("network", e.target.value as S["SocialNetwork"])}>
            <Options labels={NETWORKS} />
          </select>
        )}
      </Field>
      <Field label="Type d'action" error={errors.kind} required>
        {(p) => (
          <select {...p} value={values.kind} onChange={(e) => set("kind", e.target.value as S["SocialActionKind"])}>
            <Options labels={ACTION_KINDS} />
          </select>
        )}
      </Field>
      <Field label="Résultat" error={errors.outcome} required>
        {(p) => (
          <select
            {...p}
            value={values.outcome}
            onChange={(e) => set("outcome", e.target.value as S["SocialActionOutcome"])}
          >
            <Options labels={ACTION_OUTCOMES} />
          </select>
        )}
      </Field>
      <Field label="Date et heure de l'action" error={errors.occurred_at} hint="Maintenant si vide.">
        {(p) => (
          <input
            {...p}
            type="datetime-local"
            value={values.occurred_at}
            onChange={(e) => set("occurred_at", e.target.value)}
          />
        )}
      </Field>
      <Field
        label="Date du prochain contact"
        error={errors.next_contact_on}
        required={!closes && !appointment}
        hint={
          closes
            ? "Facultative : ce résultat clôt le dossier."
            : appointment
              ? "Le jour du rendez-vous si vide."
              : "Obligatoire pour ce résultat."
        }
      >
        {(p) => (
          <input
            {...p}
            type="date"
            value={values.next_contact_on}
            onChange={(e) => set("next_contact_on", e.target.value)}
          />
        )}
      </Field>
      <div className="wide">
        <Field label="Notes" error={errors.notes}>
          {(p) => <textarea {...p} value={values.notes} onChange={(e) => set("notes", e.target.value)} />}
        </Field>
      </div>
      {appointment && (
        <fieldset className="plain-fieldset">
          <legend>Rendez-vous obtenu</legend>
          <div className="form-grid">
            <AppointmentFields
              value={values.appointment}
              onChange={setAppointment}
              errors={appointmentErrors(errors)}
              labels={{ start: "Début du rendez-vous", duration: "Durée du rendez-vous (minutes)", place: "Lieu" }}
              reference={values.occurred_at ? new Date(values.occurred_at) : undefined}
              what={values.occurred_at ? "avant l'action" : undefined}
            />
          </div>
        </fieldset>
      )}
      {refusal && (
        // An action is always on the channel « social »: another channel allowed is an
        // exchange to record with the form « Enregistrer un échange » (picking one closes
        // the refusal).
        <ChannelRefusalAlert refusal={refusal} channel="social" onPick={() => record.reset()} />
      )}
      <SaveFooter
        error={refusal ? null : record.error}
        pending={record.isPending}
        pendingLabel="Vérification et enregistrement…"
        submitLabel="Enregistrer l'action"
        notice={
          saved && (
            <div role="status" className="alert alert-info wide">
              {saved}
            </div>
          )
        }
      />
    </form>
  );
}
