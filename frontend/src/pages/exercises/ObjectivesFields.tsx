// The exercise's objectives (its PAC template): each a metric of the registry (GET /metrics,
// named with its label and unit), a target over the run's simulated period, and an optional
// label. The server's messages come back by row (objectives.2.target).
import { useRef } from "react";
import { useQuery } from "@tanstack/react-query";
import { planQueries } from "../../api/queries/plans";
import type { ExerciseUpdate } from "../../api/types";
import { Field } from "../../components/ui";

export type ObjectiveValues = { metric: string; target: string; label: string };

export function objectivesOf(objectives: Record<string, unknown>[]): ObjectiveValues[] {
  return objectives.map((o) => ({
    metric: String(o.metric ?? ""),
    target: String(o.target ?? "").replace(".", ","),
    label: String(o.label ?? ""),
  }));
}

/** The rows as the API takes them: a target typed « 0,30 » is sent « 0.30 ». */
export function toObjectives(rows: ObjectiveValues[]): NonNullable<ExerciseUpdate["objectives"]> {
  return rows.map((r) => ({ metric: r.metric, target: r.target.trim().replace(",", "."), label: r.label.trim() }));
}

export function ObjectivesFields(props: {
  objectives: ObjectiveValues[];
  errors: Record<string, string>;
  onChange: (objectives: ObjectiveValues[]) => void;
}) {
  const metrics = useQuery(planQueries.metrics());
  // A row removed takes its button away: the focus goes to « Ajouter un objectif ».
  const addRef = useRef<HTMLButtonElement>(null);
  const { objectives, errors } = props;
  const change = (index: number, patch: Partial<ObjectiveValues>) =>
    props.onChange(objectives.map((o, i) => (i === index ? { ...o, ...patch } : o)));
  return (
    <fieldset className="wide objectives-fields">
      <legend>Objectifs</legend>
      <p className="hint">
        Un indicateur du registre et sa cible sur la période simulée du parcours (les taux s'écrivent dans leur unité,
        en % : 30 pour 30 %). Les résultats en donnent l'atteinte par stagiaire.
      </p>
      {objectives.length === 0 && <p className="muted">Aucun objectif : ajoutez-en un.</p>}
      <ol className="plain objective-rows">
        {objectives.map((o, i) => {
          const metric = metrics.data?.find((m) => m.code === o.metric);
          return (
            <li key={i} className="objective-row">
              <Field label={`Indicateur de l'objectif ${i + 1}`} error={errors[`objectives.${i}.metric`]}>
                {(p) => (
                  <select {...p} value={o.metric} onChange={(e) => change(i, { metric: e.target.value })}>
                    <option value="">Choisir…</option>
                    {/* A code the registry does not know (an imported exercise) stays visible. */}
                    {o.metric && metrics.data && !metric && <option value={o.metric}>{o.metric}</option>}
                    {metrics.data?.map((m) => (
                      <option key={m.code} value={m.code}>
                        {m.label} ({m.unit})
                      </option>
                    ))}
                  </select>
                )}
              </Field>
              <Field
                label={`Cible de l'objectif ${i + 1}`}
                hint={metric ? `En ${metric.unit}.` : undefined}
                error={errors[`objectives.${i}.target`]}
              >
                {(p) => (
                  <input
                    {...p}
                    inputMode="decimal"
                    value={o.target}
                    onChange={(e) => change(i, { target: e.target.value })}
                  />
                )}
              </Field>
              <Field label={`Libellé de l'objectif ${i + 1}`} error={errors[`objectives.${i}.label`]}>
                {(p) => (
                  <input
                    {...p}
                    value={o.label}
                    maxLength={200}
                    placeholder={metric?.label}
                    onChange={(e) => change(i, { label: e.target.value })}
                  />
                )}
              </Field>
              <button
                type="button"
                className="objective-remove"
                onClick={() => {
                  props.onChange(objectives.filter((_, j) => j !== i));
                  addRef.current?.focus();
                }}
              >
                Retirer l'objectif {i + 1}
              </button>
            </li>
          );
        })}
      </ol>
      {errors.objectives && !Object.keys(errors).some((k) => k.startsWith("objectives.")) && (
        <p className="field-error">{errors.objectives}</p>
      )}
      <button
        ref={addRef}
        type="button"
        disabled={objectives.length >= 20}
        onClick={() => props.onChange([...objectives, { metric: "", target: "", label: "" }])}
      >
        Ajouter un objectif
      </button>
    </fieldset>
  );
}
