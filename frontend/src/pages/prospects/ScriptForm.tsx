// Create or edit a call script: its name, the persona it is for, and its steps in order
// (each a kind and a text; moved up or down, removed, added).
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api, unwrap } from "../../api/client";
import { prospectsChanged } from "../../api/queries/prospects";
import type { CallScriptOut as Script, PersonaOut, ScriptStepKind as StepKind } from "../../api/types";
import { Field, Options } from "../../components/ui";
import { FormFooter, changedMeanwhile } from "../../components/FormFooter";
import { useForm } from "../../components/useForm";
import { STEP_KINDS } from "../../labels/prospects";
import { fieldErrorsOf } from "../../api/problem";
import { FormCard } from "./FormCard";

type Step = { kind: StepKind; text: string };
interface Values {
  name: string;
  persona_id: string;
  steps: Step[];
}

const FIRST_STEPS: Step[] = [
  { kind: "introduction", text: "" },
  { kind: "hook", text: "" },
  { kind: "questions", text: "" },
  { kind: "close", text: "" },
];

/** The server's bound on a script's steps. */
const MAX_STEPS = 50;

function fromScript(script?: Script): Values {
  return {
    name: script?.name ?? "",
    persona_id: script?.persona_id ? String(script.persona_id) : "",
    steps: script ? script.steps.map((s) => ({ kind: s.kind as StepKind, text: String(s.text ?? "") })) : FIRST_STEPS,
  };
}

function toBody(v: Values) {
  return {
    name: v.name.trim(),
    persona_id: v.persona_id ? Number(v.persona_id) : null,
    steps: v.steps.map((s) => ({ ...s, text: s.text.trim() })),
  };
}

export function ScriptForm({
  script,
  personas,
  onDone,
}: {
  script?: Script;
  personas: PersonaOut[];
  onDone: () => void;
}) {
  const queryClient = useQueryClient();
  const { values, set, setValues, submitWith } = useForm<Values>(() => fromScript(script));
  const save = useMutation({
    mutationFn: (v: Values) =>
      script
        ? unwrap(
            api.PATCH("/api/v1/call-scripts/{script_id}", {
              params: { path: { script_id: script.id } },
              body: { version: script.version, ...toBody(v) },
            }),
          )
        : unwrap(api.POST("/api/v1/call-scripts", { body: toBody(v) })),
    onSuccess: () => {
      prospectsChanged.scripts(queryClient);
      onDone();
    },
  });
  const errors = fieldErrorsOf(save.error);
  const { steps } = values;
  const setSteps = (change: (steps: Step[]) => Step[]) => setValues((v) => ({ ...v, steps: change(v.steps) }));
  const setStep = (i: number, change: Partial<Step>) =>
    setSteps((all) => all.map((s, j) => (j === i ? { ...s, ...change } : s)));
  const move = (i: number, by: number) =>
    setSteps((all) => {
      const next = [...all];
      const [step] = next.splice(i, 1);
      next.splice(i + by, 0, step);
      return next;
    });
  return (
    <FormCard
      id="script-form-title"
      title={script ? `Modifier le script « ${script.name} »` : "Nouveau script d'appel"}
      onSubmit={submitWith((v) => save.mutate(v))}
    >
      <Field label="Nom du script" error={errors.name} required>
        {(p) => <input {...p} value={values.name} onChange={(e) => set("name", e.target.value)} />}
      </Field>
      <Field label="Pour le persona" error={errors.persona_id}>
        {(p) => (
          <select {...p} value={values.persona_id} onChange={(e) => set("persona_id", e.target.value)}>
            <option value="">Tous les prospects</option>
            {personas.map((x) => (
              <option key={x.id} value={x.id}>
                {x.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      <div className="wide">
        {errors.steps && !Object.keys(errors).some((k) => k.startsWith("steps.")) && (
          <p className="field-error">{errors.steps}</p>
        )}
        {steps.map((step, i) => (
          <fieldset key={i} className="step-editor">
            <legend>Étape {i + 1}</legend>
            <Field label={`Type de l'étape ${i + 1}`} error={errors[`steps.${i}.kind`]}>
              {(p) => (
                <select {...p} value={step.kind} onChange={(e) => setStep(i, { kind: e.target.value as StepKind })}>
                  <Options labels={STEP_KINDS} />
                </select>
              )}
            </Field>
            <Field label={`Texte de l'étape ${i + 1}`} error={errors[`steps.${i}.text`]} required>
              {(p) => <textarea {...p} value={step.text} onChange={(e) => setStep(i, { text: e.target.value })} />}
            </Field>
            <div className="item-actions">
              <button type="button" disabled={i === 0} onClick={() => move(i, -1)}>
                Monter l'étape {i + 1}
              </button>
              <button type="button" disabled={i === steps.length - 1} onClick={() => move(i, 1)}>
                Descendre l'étape {i + 1}
              </button>
              <button
                type="button"
                disabled={steps.length === 1}
                onClick={() => setSteps((all) => all.filter((_, j) => j !== i))}
              >
                Retirer l'étape {i + 1}
              </button>
            </div>
          </fieldset>
        ))}
        <p>
          <button
            type="button"
            disabled={steps.length >= MAX_STEPS}
            onClick={() => setSteps((all) => [...all, { kind: "objections", text: "" }])}
          >
            Ajouter une étape
          </button>
        </p>
      </div>
      <FormFooter
        error={save.error}
        pending={save.isPending}
        stale={changedMeanwhile("Ce script")}
        submitLabel={script ? "Enregistrer les modifications" : "Créer le script"}
        onReload={() => {
          prospectsChanged.scripts(queryClient);
          onDone();
        }}
        onCancel={onDone}
      />
    </FormCard>
  );
}
