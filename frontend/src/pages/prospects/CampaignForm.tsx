// Create or edit a prospecting campaign: channel, target (persona and the list's criteria),
// dates, script, message, objectives (CP2.2). The server checks the rules (an SMS must offer
// « STOP », the end follows the start…) and names the field to correct.
import { useForm } from "../../components/useForm";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, unwrap } from "../../api/client";
import { prospectQueries, prospectsChanged } from "../../api/queries/prospects";
import { Field, Options } from "../../components/ui";
import { type Campaign, type CampaignFormState, fromCampaign, toCampaignBody } from "./campaignForm";
import { FormFooter, changedMeanwhile } from "../../components/FormFooter";
import { CHANNELS, PRIORITIES, STATUSES } from "../../labels/prospects";
import { fieldErrorsOf } from "../../api/problem";
import { FormCard } from "./FormCard";

export function CampaignForm({ campaign, onDone }: { campaign?: Campaign; onDone: (saved?: Campaign) => void }) {
  const queryClient = useQueryClient();
  const { values: form, set, submitWith } = useForm<CampaignFormState>(() => fromCampaign(campaign));
  const personas = useQuery({
    ...prospectQueries.personaOptions(),
  });
  const scripts = useQuery({
    ...prospectQueries.scriptOptions(),
  });
  const save = useMutation({
    mutationFn: (f: CampaignFormState) =>
      campaign
        ? unwrap(
            api.PATCH("/api/v1/campaigns/{campaign_id}", {
              params: { path: { campaign_id: campaign.id } },
              body: { version: campaign.version, ...toCampaignBody(f) },
            }),
          )
        : unwrap(api.POST("/api/v1/campaigns", { body: toCampaignBody(f) })),
    onSuccess: (saved) => {
      prospectsChanged.campaigns(queryClient);
      onDone(saved);
    },
  });
  const errors = fieldErrorsOf(save.error);
  const filterError = errors.saved_filter;
  return (
    <FormCard
      id="campaign-form-title"
      title={campaign ? `Modifier la campagne « ${campaign.name} »` : "Nouvelle campagne"}
      onSubmit={submitWith((v) => save.mutate(v))}
      requiredNote={false}
    >
      <Field label="Nom de la campagne" error={errors.name}>
        {(p) => <input {...p} value={form.name} onChange={(e) => set("name", e.target.value)} />}
      </Field>
      <Field label="Canal" error={errors.channel}>
        {(p) => (
          <select
            {...p}
            value={form.channel}
            onChange={(e) => set("channel", e.target.value as CampaignFormState["channel"])}
          >
            <Options labels={CHANNELS} />
          </select>
        )}
      </Field>
      <Field label="Début" error={errors.starts_on}>
        {(p) => <input {...p} type="date" value={form.starts_on} onChange={(e) => set("starts_on", e.target.value)} />}
      </Field>
      <Field label="Fin" error={errors.ends_on}>
        {(p) => <input {...p} type="date" value={form.ends_on} onChange={(e) => set("ends_on", e.target.value)} />}
      </Field>
      <Field label="Objectif de contacts" error={errors.objective_contacts}>
        {(p) => (
          <input
            {...p}
            inputMode="numeric"
            value={form.objective_contacts}
            onChange={(e) => set("objective_contacts", e.target.value)}
          />
        )}
      </Field>
      <Field label="Objectif de rendez-vous" error={errors.objective_appointments}>
        {(p) => (
          <input
            {...p}
            inputMode="numeric"
            value={form.objective_appointments}
            onChange={(e) => set("objective_appointments", e.target.value)}
          />
        )}
      </Field>
      <Field label="Script d'appel" error={errors.call_script_id}>
        {(p) => (
          <select {...p} value={form.call_script_id} onChange={(e) => set("call_script_id", e.target.value)}>
            <option value="">Aucun</option>
            {scripts.data?.items.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      <label className="check">
        <input
          type="checkbox"
          checked={form.analogous_offer}
          onChange={(e) => set("analogous_offer", e.target.checked)}
        />
        Offre analogue à ce que les clients ont déjà acheté (exception B2C de l'e-mail)
      </label>
      <fieldset className="plain-fieldset wide">
        <legend>Cible</legend>
        <div className="form-grid">
          <Field label="Persona" error={errors.persona_id}>
            {(p) => (
              <select {...p} value={form.persona_id} onChange={(e) => set("persona_id", e.target.value)}>
                <option value="">Aucun</option>
                {personas.data?.items.map((x) => (
                  <option key={x.id} value={x.id}>
                    {x.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field
            label="Adéquation minimale au persona (%)"
            error={errors["saved_filter.min_match"]}
            hint="50 % par défaut."
          >
            {(p) => (
              <input
                {...p}
                inputMode="numeric"
                value={form.filter_min_match}
                onChange={(e) => set("filter_min_match", e.target.value)}
              />
            )}
          </Field>
          <Field label="Statut" error={errors["saved_filter.status"]}>
            {(p) => (
              <select {...p} value={form.filter_status} onChange={(e) => set("filter_status", e.target.value)}>
                <option value="">Tous</option>
                <Options labels={STATUSES} />
              </select>
            )}
          </Field>
          <Field label="Secteur" error={errors["saved_filter.sector"]}>
            {(p) => <input {...p} value={form.filter_sector} onChange={(e) => set("filter_sector", e.target.value)} />}
          </Field>
          <Field label="Étiquette" error={errors["saved_filter.tag"]}>
            {(p) => <input {...p} value={form.filter_tag} onChange={(e) => set("filter_tag", e.target.value)} />}
          </Field>
          <Field label="Priorité" error={errors["saved_filter.priority"]}>
            {(p) => (
              <select {...p} value={form.filter_priority} onChange={(e) => set("filter_priority", e.target.value)}>
                <option value="">Toutes</option>
                <Options labels={PRIORITIES} />
              </select>
            )}
          </Field>
        </div>
        {filterError && !Object.keys(errors).some((k) => k.startsWith("saved_filter.")) && (
          <small className="field-error">{filterError}</small>
        )}
      </fieldset>
      <div className="wide">
        <Field
          label="Message (e-mail, SMS, courrier)"
          error={errors.message_template}
          hint={
            form.channel === "sms"
              ? "Un SMS de prospection identifie l'émetteur et propose « STOP au 36xxx »."
              : undefined
          }
        >
          {(p) => (
            <textarea {...p} value={form.message_template} onChange={(e) => set("message_template", e.target.value)} />
          )}
        </Field>
      </div>
      <FormFooter
        error={save.error}
        pending={save.isPending}
        stale={changedMeanwhile("Cette campagne")}
        submitLabel={campaign ? "Enregistrer les modifications" : "Créer la campagne"}
        onReload={() => {
          prospectsChanged.campaigns(queryClient);
          onDone();
        }}
        onCancel={() => onDone()}
      />
    </FormCard>
  );
}
