// Record an exchange with the prospect (CP3.1, CP3.2, CP3.6, CP3.7). An outbound contact goes
// through the server's RGPD channel policy: a refusal (409) is shown with the server's French
// explanation and the channels that remain allowed, and nothing is recorded.
import { useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, unwrap } from "../../api/client";
import { prospectQueries, prospectsChanged } from "../../api/queries/prospects";
import type { Channel, InteractionCreate } from "../../api/types";
import { Field, Options } from "../../components/ui";
import { useForm } from "../../components/useForm";
import { CHANNELS, CLOSING_OUTCOMES, DIRECTIONS, OUTCOMES, label } from "../../labels/prospects";
import { fieldErrorsOf } from "../../api/problem";
import { channelRefusal } from "./problems";
import { PersonSelect, type RecordPeople } from "./PersonSelect";
import { AppointmentFields, type AppointmentValues } from "./AppointmentFields";
import { ChannelRefusalAlert } from "./ChannelRefusalAlert";
import { DiscoveryFields } from "./DiscoveryFields";
import { FormCard } from "./FormCard";
import { SaveFooter } from "./SaveFooter";
import { EMPTY_INTERACTION, appointmentErrors, toInteraction, type InteractionValues } from "./interactionForm";

export function InteractionForm({ prospectId, company, contacts }: RecordPeople) {
  const queryClient = useQueryClient();
  const form = useForm<InteractionValues>(EMPTY_INTERACTION);
  const { values, setValues, submitWith } = form;
  const [saved, setSaved] = useState<string | null>(null);
  const scripts = useQuery({
    ...prospectQueries.allScripts(),
  });
  const campaigns = useQuery(prospectQueries.campaignOptions());
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
      // The next exchange is likely with the same person, on the same channel, in the same campaign.
      setValues((f) => ({
        ...EMPTY_INTERACTION,
        contact_id: f.contact_id,
        channel: f.channel,
        campaign_id: f.campaign_id,
      }));
      prospectsChanged.interaction(queryClient, prospectId);
    },
  });
  const errors = fieldErrorsOf(record.error);
  const refusal = channelRefusal(record.error);
  // A change hides the notice of the last save.
  const set = <K extends keyof InteractionValues>(key: K, value: InteractionValues[K]) => {
    setSaved(null);
    form.set(key, value);
  };
  const setAppointment = (change: Partial<AppointmentValues>) => {
    setSaved(null);
    setValues((f) => ({ ...f, appointment: { ...f.appointment, ...change } }));
  };
  const closes = CLOSING_OUTCOMES.has(values.outcome);

  return (
    <FormCard
      id="interaction-title"
      title="Enregistrer un échange"
      onSubmit={submitWith((v) => {
        setSaved(null);
        record.mutate(toInteraction(v));
      })}
    >
      <PersonSelect
        company={company}
        label="Personne contactée"
        contacts={contacts}
        value={values.contact_id}
        onChange={(id) => set("contact_id", id)}
        error={errors.contact_id}
      />
      <Field label="Canal" error={errors.channel}>
        {(p) => (
          <select {...p} value={values.channel} onChange={(e) => set("channel", e.target.value as Channel)}>
            <Options labels={CHANNELS} />
          </select>
        )}
      </Field>
      <Field label="Sens" error={errors.direction}>
        {(p) => (
          <select
            {...p}
            value={values.direction}
            onChange={(e) => set("direction", e.target.value as InteractionValues["direction"])}
          >
            <Options labels={DIRECTIONS} />
          </select>
        )}
      </Field>
      <Field label="Résultat" error={errors.outcome}>
        {(p) => (
          <select
            {...p}
            value={values.outcome}
            onChange={(e) => set("outcome", e.target.value as InteractionValues["outcome"])}
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
            value={values.occurred_at}
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
            value={values.duration_minutes}
            onChange={(e) => set("duration_minutes", e.target.value)}
          />
        )}
      </Field>
      <Field label="Script d'appel utilisé" error={errors.call_script_id}>
        {(p) => (
          <select {...p} value={values.call_script_id} onChange={(e) => set("call_script_id", e.target.value)}>
            <option value="">Aucun</option>
            {(scripts.data?.items ?? []).map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label="Campagne" error={errors.campaign_id} hint="Facultative : une campagne dont le prospect est membre.">
        {(p) => (
          <select {...p} value={values.campaign_id} onChange={(e) => set("campaign_id", e.target.value)}>
            <option value="">Aucune</option>
            {(campaigns.data?.items ?? []).map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field
        label="Date du prochain contact"
        error={errors.next_contact_on}
        required={!closes && values.outcome !== "appointment"}
        hint={
          closes
            ? "Facultative : ce résultat clôt le dossier."
            : values.outcome === "appointment"
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
      <Field label="Prochaine étape" error={errors.next_step}>
        {(p) => <input {...p} value={values.next_step} onChange={(e) => set("next_step", e.target.value)} />}
      </Field>
      <div className="wide">
        <Field label="Notes" error={errors.notes}>
          {(p) => <textarea {...p} value={values.notes} onChange={(e) => set("notes", e.target.value)} />}
        </Field>
      </div>
      {values.outcome === "appointment" && (
        <fieldset className="plain-fieldset">
          <legend>Rendez-vous pris</legend>
          <div className="form-grid">
            <AppointmentFields
              value={values.appointment}
              onChange={setAppointment}
              errors={appointmentErrors(errors)}
              labels={{ start: "Début du rendez-vous", duration: "Durée du rendez-vous (minutes)", place: "Lieu" }}
              reference={values.occurred_at ? new Date(values.occurred_at) : undefined}
              what={values.occurred_at ? "avant l'échange" : undefined}
            />
          </div>
        </fieldset>
      )}
      <DiscoveryFields values={values} set={set} errors={errors} />
      <label className="check">
        <input
          type="checkbox"
          checked={values.about_contract}
          onChange={(e) => set("about_contract", e.target.checked)}
        />
        L'échange porte sur un contrat en cours
      </label>
      <label className="check">
        <input
          type="checkbox"
          checked={values.analogous_offer}
          onChange={(e) => set("analogous_offer", e.target.checked)}
        />
        Offre analogue aux achats du client
      </label>
      {refusal && (
        <ChannelRefusalAlert
          refusal={refusal}
          channel={values.channel}
          onPick={(channel) => {
            set("channel", channel);
            record.reset();
          }}
        />
      )}
      <SaveFooter
        error={refusal ? null : record.error}
        pending={record.isPending}
        pendingLabel="Vérification et enregistrement…"
        submitLabel="Enregistrer l'échange"
        notice={
          saved && (
            <div role="status" className="alert alert-info wide">
              {saved}
            </div>
          )
        }
      />
    </FormCard>
  );
}
