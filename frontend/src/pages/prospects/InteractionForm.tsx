// Record an exchange with the prospect (CP3.1, CP3.2, CP3.6, CP3.7). An outbound contact goes
// through the server's RGPD channel policy: a refusal (409) is shown with the server's French
// explanation and the channels that remain allowed, and nothing is recorded.
import { useState, type FormEvent } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, unwrap } from "../../api/client";
import { prospectQueries, prospectsChanged } from "../../api/queries/prospects";
import type { Channel, ContactOut as Contact, InteractionCreate, Outcome } from "../../api/types";
import { Field, Options, RequiredNote, SaveError } from "../../components/ui";
import { PersonSelect } from "./ContactsCard";
import { CHANNELS, CLOSING_OUTCOMES, DIRECTIONS, OUTCOMES, label } from "../../labels/prospects";
import { channelRefusal } from "./problems";
import { fieldErrorsOf } from "../../api/problem";
import { PastAppointmentCheck } from "./PastAppointment";

interface FormState {
  contact_id: number | null;
  channel: Channel;
  direction: "outbound" | "inbound";
  outcome: Outcome;
  occurred_at: string;
  duration_minutes: string;
  call_script_id: string;
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
  appointment_starts_at: string;
  appointment_duration: string;
  appointment_place: string;
  /** The appointment already took place (see PastAppointment.tsx). */
  appointment_past?: boolean;
}

const EMPTY: FormState = {
  contact_id: null,
  channel: "phone",
  direction: "outbound",
  outcome: "callback",
  occurred_at: "",
  duration_minutes: "",
  call_script_id: "",
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
  appointment_starts_at: "",
  appointment_duration: "60",
  appointment_place: "",
};

const orNull = (v: string) => (v.trim() ? v.trim() : null);
const isoOrNull = (v: string) => (v ? new Date(v).toISOString() : null);
const intOrNull = (v: string) => (v.trim() ? Number(v) : null);

/** The request body made from the form (empty fields left null). */
export function toInteraction(f: FormState): InteractionCreate {
  return {
    contact_id: f.contact_id,
    channel: f.channel,
    direction: f.direction,
    outcome: f.outcome,
    occurred_at: isoOrNull(f.occurred_at),
    duration_minutes: intOrNull(f.duration_minutes),
    call_script_id: f.call_script_id ? Number(f.call_script_id) : null,
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
    appointment:
      f.outcome === "appointment"
        ? {
            starts_at: isoOrNull(f.appointment_starts_at) ?? "",
            duration_minutes: intOrNull(f.appointment_duration) ?? 60,
            place: orNull(f.appointment_place),
            past_record: Boolean(f.appointment_past),
          }
        : null,
  };
}

export function InteractionForm({
  prospectId,
  company,
  contacts,
}: {
  prospectId: number;
  company: boolean;
  contacts: Contact[];
}) {
  const queryClient = useQueryClient();
  const [form, setForm] = useState<FormState>(EMPTY);
  const [saved, setSaved] = useState<string | null>(null);
  const scripts = useQuery({
    ...prospectQueries.allScripts(),
  });
  const record = useMutation({
    mutationFn: (body: InteractionCreate) =>
      unwrap(
        api.POST("/api/v1/prospects/{prospect_id}/interactions", {
          params: { path: { prospect_id: prospectId } },
          body,
        }),
      ),
    onSuccess: (interaction) => {
      setSaved(
        `Échange enregistré : ${label(CHANNELS, interaction.channel)}, ${label(OUTCOMES, interaction.outcome).toLowerCase()}.`,
      );
      setForm((f) => ({ ...EMPTY, contact_id: f.contact_id, channel: f.channel }));
      prospectsChanged.interaction(queryClient, prospectId);
    },
  });
  const errors = fieldErrorsOf(record.error);
  const refusal = channelRefusal(record.error);
  const set = <K extends keyof FormState>(key: K, value: FormState[K]) => {
    setSaved(null);
    setForm((f) => ({ ...f, [key]: value }));
  };
  const subAppointmentError = Object.keys(errors).some((k) => k.startsWith("appointment."));
  const closes = CLOSING_OUTCOMES.has(form.outcome);

  function submit(event: FormEvent) {
    event.preventDefault();
    setSaved(null);
    record.mutate(toInteraction(form));
  }

  return (
    <section className="card" aria-labelledby="interaction-title">
      <h2 id="interaction-title">Enregistrer un échange</h2>
      <form className="form-grid" onSubmit={submit} aria-labelledby="interaction-title" noValidate>
        <RequiredNote />
        {company && contacts.length > 0 && (
          <PersonSelect
            label="Personne contactée"
            contacts={contacts}
            value={form.contact_id}
            onChange={(id) => set("contact_id", id)}
            error={errors.contact_id}
          />
        )}
        <Field label="Canal" error={errors.channel}>
          {(p) => (
            <select {...p} value={form.channel} onChange={(e) => set("channel", e.target.value as Channel)}>
              <Options labels={CHANNELS} />
            </select>
          )}
        </Field>
        <Field label="Sens" error={errors.direction}>
          {(p) => (
            <select
              {...p}
              value={form.direction}
              onChange={(e) => set("direction", e.target.value as FormState["direction"])}
            >
              <Options labels={DIRECTIONS} />
            </select>
          )}
        </Field>
        <Field label="Résultat" error={errors.outcome}>
          {(p) => (
            <select
              {...p}
              value={form.outcome}
              onChange={(e) => set("outcome", e.target.value as FormState["outcome"])}
            >
              <Options labels={OUTCOMES} />
            </select>
          )}
        </Field>
        <Field label="Date et heure de l'échange" error={errors.occurred_at} hint="Maintenant si vide.">
          {(p) => (
            <input
              {...p}
              type="datetime-local"
              value={form.occurred_at}
              onChange={(e) => set("occurred_at", e.target.value)}
            />
          )}
        </Field>
        <Field label="Durée (minutes)" error={errors.duration_minutes}>
          {(p) => (
            <input
              {...p}
              type="number"
              min={0}
              max={600}
              value={form.duration_minutes}
              onChange={(e) => set("duration_minutes", e.target.value)}
            />
          )}
        </Field>
        <Field label="Script d'appel utilisé" error={errors.call_script_id}>
          {(p) => (
            <select {...p} value={form.call_script_id} onChange={(e) => set("call_script_id", e.target.value)}>
              <option value="">Aucun</option>
              {(scripts.data?.items ?? []).map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field
          label="Date du prochain contact"
          error={errors.next_contact_on}
          required={!closes && form.outcome !== "appointment"}
          hint={
            closes
              ? "Facultative : ce résultat clôt le dossier."
              : form.outcome === "appointment"
                ? "Le jour du rendez-vous si vide."
                : "Obligatoire pour ce résultat."
          }
        >
          {(p) => (
            <input
              {...p}
              type="date"
              value={form.next_contact_on}
              onChange={(e) => set("next_contact_on", e.target.value)}
            />
          )}
        </Field>
        <Field label="Prochaine étape" error={errors.next_step}>
          {(p) => <input {...p} value={form.next_step} onChange={(e) => set("next_step", e.target.value)} />}
        </Field>
        <div className="wide">
          <Field label="Notes" error={errors.notes}>
            {(p) => <textarea {...p} value={form.notes} onChange={(e) => set("notes", e.target.value)} />}
          </Field>
        </div>
        {form.outcome === "appointment" && (
          <fieldset className="plain-fieldset">
            <legend>Rendez-vous pris</legend>
            <div className="form-grid">
              <Field
                label="Début du rendez-vous"
                error={errors["appointment.starts_at"] ?? (subAppointmentError ? undefined : errors.appointment)}
                required
              >
                {(p) => (
                  <input
                    {...p}
                    type="datetime-local"
                    value={form.appointment_starts_at}
                    onChange={(e) => set("appointment_starts_at", e.target.value)}
                  />
                )}
              </Field>
              <PastAppointmentCheck
                startsAt={form.appointment_starts_at}
                reference={form.occurred_at ? new Date(form.occurred_at) : undefined}
                what={form.occurred_at ? "avant l'échange" : undefined}
                checked={Boolean(form.appointment_past)}
                onChange={(v) => set("appointment_past", v)}
              />
              <Field label="Durée du rendez-vous (minutes)" error={errors["appointment.duration_minutes"]}>
                {(p) => (
                  <input
                    {...p}
                    type="number"
                    min={5}
                    max={600}
                    value={form.appointment_duration}
                    onChange={(e) => set("appointment_duration", e.target.value)}
                  />
                )}
              </Field>
              <Field label="Lieu" error={errors["appointment.place"]} hint="L'adresse de la fiche si vide.">
                {(p) => (
                  <input
                    {...p}
                    value={form.appointment_place}
                    onChange={(e) => set("appointment_place", e.target.value)}
                  />
                )}
              </Field>
            </div>
          </fieldset>
        )}
        <fieldset className="plain-fieldset">
          <legend>Découverte (qualification)</legend>
          <div className="form-grid">
            <Field label="Besoins" error={errors.needs}>
              {(p) => <textarea {...p} value={form.needs} onChange={(e) => set("needs", e.target.value)} />}
            </Field>
            <Field label="Budget" error={errors.budget}>
              {(p) => <input {...p} value={form.budget} onChange={(e) => set("budget", e.target.value)} />}
            </Field>
            <Field label="Décideur" error={errors.authority}>
              {(p) => <input {...p} value={form.authority} onChange={(e) => set("authority", e.target.value)} />}
            </Field>
            <Field label="Échéance" error={errors.timing}>
              {(p) => <input {...p} value={form.timing} onChange={(e) => set("timing", e.target.value)} />}
            </Field>
          </div>
        </fieldset>
        <fieldset className="plain-fieldset">
          <legend>Accessibilité</legend>
          <div className="form-grid">
            <Field label="Situation de handicap signalée" error={errors.accessibility_needs}>
              {(p) => (
                <textarea
                  {...p}
                  value={form.accessibility_needs}
                  onChange={(e) => set("accessibility_needs", e.target.value)}
                />
              )}
            </Field>
            <Field label="Adaptation choisie" error={errors.accessibility_adaptation} hint="Canal, support, rythme…">
              {(p) => (
                <textarea
                  {...p}
                  value={form.accessibility_adaptation}
                  onChange={(e) => set("accessibility_adaptation", e.target.value)}
                />
              )}
            </Field>
          </div>
        </fieldset>
        <label className="check">
          <input
            type="checkbox"
            checked={form.about_contract}
            onChange={(e) => set("about_contract", e.target.checked)}
          />
          L'échange porte sur un contrat en cours
        </label>
        <label className="check">
          <input
            type="checkbox"
            checked={form.analogous_offer}
            onChange={(e) => set("analogous_offer", e.target.checked)}
          />
          Offre analogue aux achats du client
        </label>
        {refusal && (
          <div role="alert" className="alert alert-error refusal wide">
            <p>
              <strong>
                Échange refusé par la politique RGPD (
                {label(CHANNELS, (refusal.channel ?? form.channel) as Channel).toLowerCase()}) : rien n'a été
                enregistré.
              </strong>
            </p>
            <p>{refusal.detail}</p>
            {refusal.allowedChannels.length > 0 ? (
              <>
                <p>Canaux encore permis pour cette personne :</p>
                <ul aria-label="Canaux encore permis">
                  {refusal.allowedChannels.map((c) => (
                    <li key={c}>
                      {label(CHANNELS, c as Channel)}{" "}
                      <button
                        type="button"
                        className="link"
                        onClick={() => {
                          set("channel", c as Channel);
                          record.reset();
                        }}
                      >
                        choisir ce canal
                      </button>
                    </li>
                  ))}
                </ul>
              </>
            ) : (
              <p>Aucun canal n'est permis pour cette personne aujourd'hui.</p>
            )}
            <p className="muted">Règle appliquée : {refusal.rule}.</p>
          </div>
        )}
        {!refusal && <SaveError error={record.error} />}
        {saved && (
          <div role="status" className="alert alert-info wide">
            {saved}
          </div>
        )}
        <div className="form-actions">
          <button type="submit" className="primary" disabled={record.isPending}>
            {record.isPending ? "Vérification et enregistrement…" : "Enregistrer l'échange"}
          </button>
        </div>
      </form>
    </section>
  );
}
