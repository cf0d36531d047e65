// Call scripts (CP3.2): the steps of a prospecting call (introduction, gatekeeper, hook,
// discovery questions, objections, close), optionally for one persona.
import { useState, type FormEvent } from "react";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, unwrap } from "../../api/client";
import { prospectQueries, prospectsChanged } from "../../api/queries/prospects";
import type { CallScriptOut as Script, PersonaOut, ScriptStepKind as StepKind } from "../../api/types";
import {
  Busy,
  EmptyState,
  ErrorBanner,
  Field,
  Options,
  PageFrame,
  Pager,
  RequiredNote,
  DisclosureButton,
} from "../../components/ui";
import { STEP_KINDS, label } from "../../labels/prospects";
import { FormFooter } from "../../components/FormFooter";
import { fieldErrorsOf } from "../../api/problem";
import { ProspectsNav } from "./ProspectsNav";
import "./prospects.css";

type Step = { kind: StepKind; text: string };

const LIMIT = 20;

export function ScriptsPage() {
  const [offset, setOffset] = useState(0);
  const [persona, setPersona] = useState("");
  const [editing, setEditing] = useState<Script | "new" | null>(null);
  const query = { limit: LIMIT, offset, persona_id: persona ? Number(persona) : undefined };
  const scripts = useQuery({
    ...prospectQueries.scripts(query),
    placeholderData: keepPreviousData,
  });
  const personas = useQuery({
    ...prospectQueries.allPersonas(),
  });
  const personaName = (id: number | null) =>
    id === null ? "Tous les prospects" : (personas.data?.items.find((p) => p.id === id)?.name ?? `Persona ${id}`);
  const items = scripts.data?.items ?? [];
  return (
    <PageFrame
      title="Scripts d'appel"
      operations={["list_scripts", "create_script", "update_script", "list_personas"]}
      actions={
        <DisclosureButton
          open={editing === "new"}
          onToggle={() => setEditing(editing === "new" ? null : "new")}
          primary
        >
          Nouveau script
        </DisclosureButton>
      }
    >
      <ProspectsNav />
      {editing !== null && (
        <ScriptForm
          key={editing === "new" ? "new" : editing.id}
          script={editing === "new" ? undefined : editing}
          personas={personas.data?.items ?? []}
          onDone={() => setEditing(null)}
        />
      )}
      <form className="filters" onSubmit={(e) => e.preventDefault()} aria-label="Filtrer les scripts">
        <Field label="Persona visé">
          {(p) => (
            <select
              {...p}
              value={persona}
              onChange={(e) => {
                setPersona(e.target.value);
                setOffset(0);
              }}
            >
              <option value="">Tous les scripts</option>
              {(personas.data?.items ?? []).map((x) => (
                <option key={x.id} value={x.id}>
                  {x.name}
                </option>
              ))}
            </select>
          )}
        </Field>
      </form>
      <ErrorBanner error={scripts.error ?? personas.error} />
      {scripts.isPending && <Busy />}
      {scripts.data && items.length === 0 && (
        <EmptyState title={persona ? "Aucun script pour ce persona." : "Aucun script d'appel."}>
          Rédigez votre premier script avec « Nouveau script » : présentation, barrage, accroche, questions, objections,
          conclusion.
        </EmptyState>
      )}
      {items.map((s) => (
        <article key={s.id} className="card" aria-labelledby={`script-${s.id}`}>
          <h2 id={`script-${s.id}`}>{s.name}</h2>
          <p className="muted">
            Pour : {personaName(s.persona_id)} · {s.steps.length} étape{s.steps.length > 1 ? "s" : ""}
          </p>
          <details>
            <summary>Voir les étapes</summary>
            <ol className="steps">
              {s.steps.map((step, i) => (
                <li key={i}>
                  <strong>{label(STEP_KINDS, step.kind as StepKind)}</strong> : {String(step.text ?? "")}
                </li>
              ))}
            </ol>
          </details>
          <p>
            <button type="button" onClick={() => setEditing(s)} aria-label={`Modifier le script ${s.name}`}>
              Modifier
            </button>
          </p>
        </article>
      ))}
      {scripts.data && <Pager offset={offset} limit={LIMIT} total={scripts.data.total} onOffset={setOffset} />}
    </PageFrame>
  );
}

const FIRST_STEPS: Step[] = [
  { kind: "introduction", text: "" },
  { kind: "hook", text: "" },
  { kind: "questions", text: "" },
  { kind: "close", text: "" },
];

function ScriptForm({ script, personas, onDone }: { script?: Script; personas: PersonaOut[]; onDone: () => void }) {
  const queryClient = useQueryClient();
  const [name, setName] = useState(script?.name ?? "");
  const [personaId, setPersonaId] = useState(script?.persona_id ? String(script.persona_id) : "");
  const [steps, setSteps] = useState<Step[]>(
    script ? script.steps.map((s) => ({ kind: s.kind as StepKind, text: String(s.text ?? "") })) : FIRST_STEPS,
  );
  const save = useMutation({
    mutationFn: () => {
      const body = {
        name: name.trim(),
        persona_id: personaId ? Number(personaId) : null,
        steps: steps.map((s) => ({ ...s, text: s.text.trim() })),
      };
      return script
        ? unwrap(
            api.PATCH("/api/v1/call-scripts/{script_id}", {
              params: { path: { script_id: script.id } },
              body: { version: script.version, ...body },
            }),
          )
        : unwrap(api.POST("/api/v1/call-scripts", { body }));
    },
    onSuccess: () => {
      prospectsChanged.scripts(queryClient);
      onDone();
    },
  });
  const errors = fieldErrorsOf(save.error);
  const setStep = (i: number, change: Partial<Step>) =>
    setSteps((all) => all.map((s, j) => (j === i ? { ...s, ...change } : s)));
  const move = (i: number, by: number) =>
    setSteps((all) => {
      const next = [...all];
      const [step] = next.splice(i, 1);
      next.splice(i + by, 0, step);
      return next;
    });
  function submit(event: FormEvent) {
    event.preventDefault();
    save.mutate();
  }
  const title = script ? `Modifier le script « ${script.name} »` : "Nouveau script d'appel";
  return (
    <section className="card" aria-labelledby="script-form-title">
      <h2 id="script-form-title">{title}</h2>
      <form className="form-grid" onSubmit={submit} aria-labelledby="script-form-title" noValidate>
        <RequiredNote />
        <Field label="Nom du script" error={errors.name} required>
          {(p) => <input {...p} value={name} onChange={(e) => setName(e.target.value)} />}
        </Field>
        <Field label="Pour le persona" error={errors.persona_id}>
          {(p) => (
            <select {...p} value={personaId} onChange={(e) => setPersonaId(e.target.value)}>
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
              disabled={steps.length >= 50}
              onClick={() => setSteps((all) => [...all, { kind: "objections", text: "" }])}
            >
              Ajouter une étape
            </button>
          </p>
        </div>
        <FormFooter
          error={save.error}
          pending={save.isPending}
          subject="Ce script"
          submitLabel={script ? "Enregistrer les modifications" : "Créer le script"}
          onReload={() => {
            prospectsChanged.scripts(queryClient);
            onDone();
          }}
          onCancel={onDone}
        />
      </form>
    </section>
  );
}
