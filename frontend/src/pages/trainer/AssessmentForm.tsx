// A trainer assesses one criterion: level and comment, appended to the history (the
// portfolio shows the latest). The level is required: « Non évalué » is a criterion's state
// before any assessment, not an entry of its history (the API refuses it too). The server's
// field errors appear beside their fields.
import { useState, type FormEvent } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api, unwrap } from "../../api/client";
import { competencesChanged } from "../../api/queries/competences";
import { fieldErrorsOf } from "../../api/problem";
import type { AssessmentCreate, AssessmentLevel as Level, AssessmentOut, CriterionPortfolio } from "../../api/types";
import { ErrorBanner, Field } from "../../components/ui";
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
  const [level, setLevel] = useState<Level | "">(current && current !== "not_assessed" ? current : "");
  const [missing, setMissing] = useState(false);
  const [comment, setComment] = useState("");
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
  function submit(event: FormEvent) {
    event.preventDefault();
    if (level === "") {
      setMissing(true);
      return;
    }
    save.mutate({ criterion_code: props.criterion.code, level, comment: comment.trim() });
  }
  return (
    <form
      className="form-grid trainer-assess"
      onSubmit={submit}
      aria-label={`Évaluer ${props.criterion.code}`}
      noValidate
    >
      <Field
        label="Niveau (obligatoire)"
        error={errors.level ?? (missing && level === "" ? "Champ obligatoire : choisissez un niveau." : undefined)}
      >
        {(p) => (
          <select {...p} autoFocus required value={level} onChange={(e) => setLevel(e.target.value as Level | "")}>
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
        {(p) => <textarea {...p} rows={3} value={comment} onChange={(e) => setComment(e.target.value)} />}
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
