// A relaunch plan's form: its name and purpose, when it stops (an order, a refusal), the
// products it is about, and its steps — each a channel, a delay after the previous step, a
// subject and a message written with the template's variables — added, removed and put in
// order. The server renders the templates: an unknown variable comes back (422) on the
// step's own field (« steps.2.body »), shown there.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, unwrap } from "../../api/client";
import { fieldErrorsOf } from "../../api/problem";
import { businessCaseQueries } from "../../api/queries/businessCases";
import type { RelaunchPlanOut, Schemas as S } from "../../api/types";
import { FormFooter } from "../../components/FormFooter";
import { useForm } from "../../components/useForm";
import { Field, Options, RequiredNote } from "../../components/ui";
import { CHANNELS } from "../../labels/loyalty";
import {
  MAX_STEPS,
  addStep,
  moveStep,
  removeStep,
  stepDays,
  stepDrafts,
  stepsPayload,
  unknownVariables,
  type StepDraft,
} from "./logic";
import { loyaltyChanged } from "./queries";
import { TemplateVariables } from "./TemplateVariables";

type Draft = {
  name: string;
  description: string;
  stop_on_order: boolean;
  stop_on_refusal: boolean;
  product_references: string[];
  steps: StepDraft[];
};

export function planDraft(plan?: RelaunchPlanOut): Draft {
  return plan
    ? {
        name: plan.name,
        description: plan.description,
        stop_on_order: plan.stop_on_order,
        stop_on_refusal: plan.stop_on_refusal,
        product_references: [...plan.product_references],
        steps: stepDrafts(plan.steps),
      }
    : {
        name: "",
        description: "",
        stop_on_order: true,
        stop_on_refusal: true,
        product_references: [],
        steps: addStep([]),
      };
}

const STALE = "Ce plan a été modifié entre-temps : rechargez la page pour partir de sa version actuelle.";

export function PlanForm(props: {
  plan?: RelaunchPlanOut;
  onSaved: (plan: RelaunchPlanOut) => void;
  onCancel?: () => void;
}) {
  const queryClient = useQueryClient();
  const active = useQuery(businessCaseQueries.active());
  const products = active.data?.document.catalogue.products ?? [];
  const { values, set, submitWith } = useForm<Draft>(() => planDraft(props.plan));
  const save = useMutation({
    mutationFn: (d: Draft) => {
      const body = {
        name: d.name,
        description: d.description,
        stop_on_order: d.stop_on_order,
        stop_on_refusal: d.stop_on_refusal,
        product_references: d.product_references,
        steps: stepsPayload(d.steps),
      };
      return props.plan
        ? unwrap(
            api.PATCH("/api/v1/relaunch-plans/{relaunch_plan_id}", {
              params: { path: { relaunch_plan_id: props.plan.id } },
              body: { ...body, version: props.plan.version },
            }),
          )
        : unwrap(api.POST("/api/v1/relaunch-plans", { body }));
    },
    onSuccess: async (saved) => {
      await loyaltyChanged.plan(queryClient, saved.id);
      props.onSaved(saved);
    },
  });
  const errors = fieldErrorsOf(save.error);
  const setStep = (i: number, patch: Partial<StepDraft>) =>
    set(
      "steps",
      values.steps.map((s, j) => (j === i ? { ...s, ...patch } : s)),
    );
  const at = stepDays(values.steps);
  const title = props.plan ? `Modifier le plan « ${props.plan.name} »` : "Nouveau plan de relance";
  return (
    <form className="card form-grid" aria-label={title} noValidate onSubmit={submitWith((d) => save.mutate(d))}>
      <h2 className="wide">{title}</h2>
      <RequiredNote />
      <Field label="Nom du plan" error={errors.name} required>
        {(p) => <input {...p} maxLength={200} value={values.name} onChange={(e) => set("name", e.target.value)} />}
      </Field>
      <div className="wide">
        <Field label="Objectif du plan" error={errors.description}>
          {(p) => (
            <textarea {...p} rows={2} value={values.description} onChange={(e) => set("description", e.target.value)} />
          )}
        </Field>
      </div>
      <fieldset className="wide choice-group">
        <legend>Arrêter le plan pour un client</legend>
        <label>
          <input
            type="checkbox"
            checked={values.stop_on_order}
            onChange={(e) => set("stop_on_order", e.target.checked)}
          />
          dès qu'il commande
        </label>
        <label>
          <input
            type="checkbox"
            checked={values.stop_on_refusal}
            onChange={(e) => set("stop_on_refusal", e.target.checked)}
          />
          dès qu'il refuse (opposition, consentement retiré, prospect perdu)
        </label>
      </fieldset>
      {products.length > 0 && (
        <fieldset className="wide choice-group">
          <legend>Produits dont parle le plan (facultatif)</legend>
          <p className="hint">
            Un message sur des produits des familles que le client achète déjà est une offre analogue : la politique des
            canaux l'autorise plus largement.
          </p>
          {products.map((p) => (
            <label key={p.reference}>
              <input
                type="checkbox"
                checked={values.product_references.includes(p.reference)}
                onChange={(e) =>
                  set(
                    "product_references",
                    e.target.checked
                      ? [...values.product_references, p.reference]
                      : values.product_references.filter((r) => r !== p.reference),
                  )
                }
              />
              {p.label}
            </label>
          ))}
          {errors.product_references && <p className="field-error">{errors.product_references}</p>}
        </fieldset>
      )}
      <div className="wide">
        <h3>Étapes</h3>
        <TemplateVariables />
        {errors.steps && !Object.keys(errors).some((k) => k.startsWith("steps.")) && (
          <p className="field-error">{errors.steps}</p>
        )}
        <ol className="step-list" aria-label="Étapes du plan">
          {values.steps.map((s, i) => (
            <StepFields
              key={i}
              index={i}
              step={s}
              count={values.steps.length}
              day={at[i]}
              errors={errors}
              onChange={(patch) => setStep(i, patch)}
              onMove={(delta) => set("steps", moveStep(values.steps, i, delta))}
              onRemove={() => set("steps", removeStep(values.steps, i))}
            />
          ))}
        </ol>
        <button
          type="button"
          disabled={values.steps.length >= MAX_STEPS}
          onClick={() => set("steps", addStep(values.steps))}
        >
          Ajouter une étape
        </button>
        {values.steps.length >= MAX_STEPS && <p className="hint">Dix étapes au plus.</p>}
      </div>
      <FormFooter
        error={save.error}
        pending={save.isPending}
        stale={STALE}
        submitLabel={props.plan ? "Enregistrer le plan" : "Créer le plan"}
        onCancel={props.onCancel}
      />
    </form>
  );
}

function StepFields(props: {
  index: number;
  step: StepDraft;
  count: number;
  day: number;
  errors: Record<string, string>;
  onChange: (patch: Partial<StepDraft>) => void;
  onMove: (delta: -1 | 1) => void;
  onRemove: () => void;
}) {
  const { index: i, step: s, errors } = props;
  const n = i + 1;
  const err = (field: string) => errors[`steps.${i}.${field}`];
  const unknown = unknownVariables(`${s.subject} ${s.body}`);
  return (
    <li>
      <fieldset>
        <legend>
          Étape {n} <small className="muted">(jour {props.day} après l'inscription)</small>
        </legend>
        <Field label={`Canal (étape ${n})`} error={err("channel")} required>
          {(p) => (
            <select
              {...p}
              value={s.channel}
              onChange={(e) => props.onChange({ channel: e.target.value as S["Channel"] })}
            >
              <Options labels={CHANNELS} />
            </select>
          )}
        </Field>
        <Field
          label={`Délai en jours (étape ${n})`}
          hint={i === 0 ? "Après l'inscription (0 : le jour même)." : "Après l'étape précédente."}
          error={err("delay_days")}
          required
        >
          {(p) => (
            <input
              {...p}
              inputMode="numeric"
              value={s.delay_days}
              onChange={(e) => props.onChange({ delay_days: e.target.value })}
            />
          )}
        </Field>
        <div className="wide">
          <Field label={`Objet (étape ${n})`} error={err("subject")} required>
            {(p) => (
              <input
                {...p}
                maxLength={200}
                value={s.subject}
                onChange={(e) => props.onChange({ subject: e.target.value })}
              />
            )}
          </Field>
        </div>
        <div className="wide">
          <Field
            label={`Message (étape ${n})`}
            error={err("body")}
            hint={
              unknown.length > 0
                ? `Variable inconnue : ${unknown.map((u) => `{{ ${u} }}`).join(", ")} (voir les variables permises).`
                : "Les variables permises sont listées au-dessus des étapes."
            }
            required
          >
            {(p) => (
              <textarea {...p} rows={4} value={s.body} onChange={(e) => props.onChange({ body: e.target.value })} />
            )}
          </Field>
        </div>
        <div className="step-tools">
          <button type="button" disabled={i === 0} onClick={() => props.onMove(-1)}>
            Monter l'étape {n}
          </button>
          <button type="button" disabled={i === props.count - 1} onClick={() => props.onMove(1)}>
            Descendre l'étape {n}
          </button>
          <button type="button" disabled={props.count <= 1} onClick={() => props.onRemove()}>
            Retirer l'étape {n}
          </button>
        </div>
      </fieldset>
    </li>
  );
}
