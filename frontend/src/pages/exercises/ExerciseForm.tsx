// The exercise's parameters: title, instructions (Markdown, with a preview), business case,
// objectives (a metric of the registry and its target), competences, first simulated day,
// length, clock and synthesis note. Saved with the version read; only what changed is sent
// (once a trainee started, the length and the first day no longer change: the server refuses
// them, so they are locked here too).
import { useState } from "react";
import type { ExerciseOut, ExerciseUpdate } from "../../api/types";
import { fieldErrorsOf, isStaleVersion } from "../../api/problem";
import { FormFooter } from "../../components/FormFooter";
import { Field, Options, RequiredNote } from "../../components/ui";
import { CLOCK_MODES } from "../../labels/exercises";
import { BusinessCaseSelect } from "./BusinessCaseSelect";
import { Markdown } from "./Markdown";
import { ObjectivesFields, objectivesOf, toObjectives, type ObjectiveValues } from "./ObjectivesFields";
import { useExerciseEdit } from "./useExerciseEdit";

export type ExerciseValues = {
  title: string;
  instructions: string;
  business_case_id: string;
  objectives: ObjectiveValues[];
  competences: string;
  starts_on: string;
  days: string;
  clock_mode: ExerciseOut["clock_mode"];
  requires_note: boolean;
};

export function valuesOf(e: ExerciseOut): ExerciseValues {
  return {
    title: e.title,
    instructions: e.instructions,
    business_case_id: e.business_case_id ? String(e.business_case_id) : "",
    objectives: objectivesOf(e.objectives),
    competences: e.competences.join(", "),
    starts_on: e.starts_on ?? "",
    days: String(e.days),
    clock_mode: e.clock_mode,
    requires_note: e.requires_note,
  };
}

/** The codes typed (« cp3, CP3.1 ; CP3.2 »), in capitals. */
export function competencesOf(text: string): string[] {
  return text
    .split(/[\s,;]+/)
    .map((c) => c.trim().toUpperCase())
    .filter(Boolean);
}

/** What the form changed, as the PATCH sends it (a number typed wrong is sent as typed: the
 * server says what is wrong with it beside its field). */
export function changesOf(v: ExerciseValues, base: ExerciseOut): Omit<ExerciseUpdate, "version"> {
  const before = valuesOf(base);
  const body: Omit<ExerciseUpdate, "version"> = {};
  if (v.title !== before.title) body.title = v.title.trim();
  if (v.instructions !== before.instructions) body.instructions = v.instructions;
  if (v.business_case_id !== before.business_case_id)
    body.business_case_id = v.business_case_id ? Number(v.business_case_id) : null;
  if (JSON.stringify(v.objectives) !== JSON.stringify(before.objectives)) body.objectives = toObjectives(v.objectives);
  if (v.competences !== before.competences) body.competences = competencesOf(v.competences);
  if (v.starts_on !== before.starts_on) body.starts_on = v.starts_on || null;
  if (v.days !== before.days) body.days = Number(v.days);
  if (v.clock_mode !== before.clock_mode) body.clock_mode = v.clock_mode;
  if (v.requires_note !== before.requires_note) body.requires_note = v.requires_note;
  return body;
}

export function ExerciseForm({ exercise, started }: { exercise: ExerciseOut; started: boolean }) {
  const { values, set, submitWith, save, dirty, reload } = useExerciseEdit(exercise, valuesOf, changesOf);
  const [preview, setPreview] = useState(false);
  // An empty length would read as « unchanged » on the server: said here.
  const [noDays, setNoDays] = useState(false);
  const errors: Record<string, string> = {
    ...fieldErrorsOf(save.error),
    ...(noDays ? { days: "Champ obligatoire." } : {}),
  };
  const closed = exercise.status === "closed";
  return (
    <form
      className="form-grid"
      aria-labelledby="exercise-settings"
      noValidate
      onSubmit={submitWith((v) => {
        const missing = v.days.trim() === "";
        setNoDays(missing);
        if (!missing) save.mutate(v);
      })}
    >
      <fieldset className="wide plain-fieldset form-grid" disabled={closed}>
        <RequiredNote />
        <Field label="Titre" required error={errors.title}>
          {(p) => <input {...p} value={values.title} maxLength={200} onChange={(e) => set("title", e.target.value)} />}
        </Field>
        <BusinessCaseSelect
          value={values.business_case_id}
          error={errors.business_case_id}
          onChange={(v) => set("business_case_id", v)}
        />
        <div className="wide instructions-field">
          <Field
            label="Consignes"
            hint="En Markdown : ## titre, **gras**, *italique*, listes « - » ou « 1. ». Les stagiaires les lisent avant de démarrer."
            error={errors.instructions}
          >
            {(p) => (
              <textarea
                {...p}
                rows={10}
                value={values.instructions}
                onChange={(e) => set("instructions", e.target.value)}
              />
            )}
          </Field>
          <button type="button" aria-pressed={preview} onClick={() => setPreview(!preview)}>
            Aperçu des consignes
          </button>
          {preview && (
            <section className="markdown-preview" aria-label="Aperçu des consignes">
              {values.instructions.trim() ? (
                <Markdown source={values.instructions} headingLevel={4} />
              ) : (
                <p className="muted">Aucune consigne pour l'instant.</p>
              )}
            </section>
          )}
        </div>
        <ObjectivesFields
          objectives={values.objectives}
          errors={errors}
          onChange={(objectives) => set("objectives", objectives)}
        />
        <Field
          label="Compétences visées"
          hint="Codes de compétences ou de critères du titre, séparés par des virgules (CP3, CP3.1…)."
          error={errors.competences}
        >
          {(p) => <input {...p} value={values.competences} onChange={(e) => set("competences", e.target.value)} />}
        </Field>
        <Field
          label="Premier jour simulé"
          hint={
            started ? "Des stagiaires ont démarré : il ne change plus." : "Vide : le jour où chaque stagiaire démarre."
          }
          error={errors.starts_on}
        >
          {(p) => (
            <input
              {...p}
              type="date"
              disabled={started}
              value={values.starts_on}
              onChange={(e) => set("starts_on", e.target.value)}
            />
          )}
        </Field>
        <Field
          label="Durée simulée (jours)"
          required
          hint={started ? "Des stagiaires ont démarré : elle ne change plus." : "De 1 à 366 jours."}
          error={errors.days}
        >
          {(p) => (
            <input
              {...p}
              type="number"
              min={1}
              max={366}
              step={1}
              disabled={started}
              value={values.days}
              onChange={(e) => set("days", e.target.value)}
            />
          )}
        </Field>
        <Field label="Horloge" error={errors.clock_mode}>
          {(p) => (
            <select
              {...p}
              value={values.clock_mode}
              onChange={(e) => set("clock_mode", e.target.value as ExerciseValues["clock_mode"])}
            >
              <Options labels={CLOCK_MODES} />
            </select>
          )}
        </Field>
        <label className="check">
          <input
            type="checkbox"
            checked={values.requires_note}
            onChange={(e) => set("requires_note", e.target.checked)}
          />
          Une note de synthèse est attendue
        </label>
        {!closed && (
          <FormFooter
            error={noDays ? null : save.error}
            local={noDays}
            pending={save.isPending}
            stale="Cet exercice a été modifié entre-temps (dans un autre onglet ou par un autre formateur) : vos modifications n'ont pas été enregistrées."
            submitLabel="Enregistrer les paramètres"
          />
        )}
        {isStaleVersion(save.error) && (
          <p className="wide">
            <button type="button" onClick={reload}>
              Repartir de la version actuelle
            </button>
          </p>
        )}
      </fieldset>
      <div aria-live="polite" className="wide">
        {save.isSuccess && !dirty && (
          <p role="status" className="alert alert-info">
            Paramètres enregistrés.
          </p>
        )}
      </div>
    </form>
  );
}
