// A trainer assesses one criterion: level and comment, appended to the history (the
// portfolio shows the latest). The level is required: « Non évalué » is a criterion's state
// before any assessment, not an entry of its history (the API refuses it too). The server's
// field errors appear beside their fields.
import { useState } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api, unwrap } from "../../api/client";
import { competencesChanged } from "../../api/queries/competences";
import { fieldErrorsOf } from "../../api/problem";
import type { AssessmentCreate, AssessmentLevel as Level, AssessmentOut, CriterionPortfolio } from "../../api/types";
import { ErrorBanner, Field } from "../../components/ui";
import { useForm } from "../../components/useForm";
import { LEVELS } from "../../labels/trainer";

/** The levels a trainer records, in the order of progression. */
const ASSESSED: Level[] = ["in_progress", "acquired"];

export function AssessmentForm(props: {
  traineeId: number;
  criterion: CriterionPortfolio;
  onSaved: (saved: AssessmentOut) => void;
  onCancel: () => void;
}) {
  const queryClient = useQueryClient();
  const current = props.criterion.assessment?.level;
  const { values, set, submitWith } = useForm<{ level: Level | ""; comment: string }>({
    level: current && current !== "not_assessed" ? current : "",
    comment: "",
  });
  const [missing, setMissing] = useState(false);
  const save = useMutation({
    mutationFn: (body: AssessmentCreate) =>
      unwrap(
        api.POST("/api/v1/trainees/{trainee_id}/assessments", {
          params: { path: { trainee_id: props.traineeId } },
          body,
        }),
      ),
    onSuccess: async (saved) => {
      await competencesChanged.assessment(queryClient, props.traineeId);
      props.onSaved(saved);
    },
  });
  const errors = fieldErrorsOf(save.error);
  const shownInFields = ["level", "comment"].some((f) => f in errors);
  return (
    <form
      className="form-grid trainer-assess"
      onSubmit={submitWith(({ level, comment }) => {
        if (level === "") setMissing(true);
        else save.mutate({ criterion_code: props.criterion.code, level, comment: comment.trim() });
      })}
      aria-label={`Évaluer ${props.criterion.code}`}
      noValidate
    >
      <Field
        label="Niveau (obligatoire)"
        error={
          errors.level ?? (missing && values.level === "" ? "Champ obligatoire : choisissez un niveau." : undefined)
        }
      >
        {(p) => (
          <select
            {...p}
            autoFocus
            required
            value={values.level}
            onChange={(e) => set("level", e.target.value as Level | "")}
          >
            <option value="" disabled>
              Choisir un niveau…
            </option>
            {ASSESSED.map((value) => (
              <option key={value} value={value}>
                {LEVELS[value]}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field
        label="Commentaire"
        error={errors.comment}
        hint="Ce qui est observé, ce qui reste à travailler (4 000 caractères au plus)."
      >
        {(p) => <textarea {...p} rows={3} value={values.comment} onChange={(e) => set("comment", e.target.value)} />}
      </Field>
      {errors.criterion_code && <p className="field-error">{errors.criterion_code}</p>}
      {save.error !== null && !shownInFields && !errors.criterion_code && (
        <ErrorBanner error={save.error} title="L'évaluation n'a pas été enregistrée." />
      )}
      <div className="form-actions">
        <button type="submit" className="primary" disabled={save.isPending} aria-busy={save.isPending}>
          {save.isPending ? "Enregistrement…" : "Enregistrer l'évaluation"}
        </button>
        <button type="button" onClick={props.onCancel} disabled={save.isPending}>
          Annuler
        </button>
      </div>
    </form>
  );
}
