// Assigning the exercise: trainees picked one by one (those already assigned are ticked and
// kept), or a whole cohort. Each new trainee gets a run (POST …/assignments); a closed
// exercise is assigned to nobody more.
import { useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, unwrap } from "../../api/client";
import { fieldErrorsOf } from "../../api/problem";
import { exerciseQueries, exercisesChanged } from "../../api/queries/exercises";
import { userQueries } from "../../api/queries/users";
import type { ExerciseOut } from "../../api/types";
import { QueryState } from "../../components/QueryState";
import { EmptyState, Field, SaveError } from "../../components/ui";
import { useForm } from "../../components/useForm";

type Form = { to: "trainees" | "cohort"; trainees: number[]; cohort: string };

export function AssignmentCard({ exercise }: { exercise: ExerciseOut }) {
  const queryClient = useQueryClient();
  const { values, set, submitWith } = useForm<Form>({ to: "trainees", trainees: [], cohort: "" });
  const [filter, setFilter] = useState("");
  const trainees = useQuery({ ...userQueries.trainees(), enabled: values.to === "trainees" });
  const cohorts = useQuery({ ...userQueries.cohorts(), enabled: values.to === "cohort" });
  const assigned = useQuery(exerciseQueries.runsOf(exercise.id, { limit: 200 }));
  const already = new Set(assigned.data?.items.map((r) => r.trainee_id));
  const assign = useMutation({
    mutationFn: (form: Form) =>
      unwrap(
        api.POST("/api/v1/exercises/{exercise_id}/assignments", {
          params: { path: { exercise_id: exercise.id } },
          body:
            form.to === "cohort"
              ? { cohort_id: form.cohort ? Number(form.cohort) : null }
              : { trainee_ids: form.trainees },
        }),
      ),
    onSuccess: () => {
      set("trainees", []);
      return Promise.all([
        exercisesChanged.runsOf(queryClient, exercise.id),
        exercisesChanged.exercise(queryClient, exercise.id),
      ]);
    },
  });
  const errors = fieldErrorsOf(assign.error);
  const toggle = (id: number, on: boolean) =>
    set("trainees", on ? [...values.trainees, id] : values.trainees.filter((t) => t !== id));
  const shown = (trainees.data?.items ?? []).filter((t) =>
    t.full_name.toLocaleLowerCase("fr").includes(filter.trim().toLocaleLowerCase("fr")),
  );
  return (
    <section className="card" aria-labelledby="exercise-assignment">
      <h2 id="exercise-assignment">Attribution</h2>
      {exercise.status === "closed" ? (
        <p className="muted">Cet exercice est clos : il ne s'assigne plus.</p>
      ) : (
        <form
          className="form-grid"
          aria-labelledby="exercise-assignment"
          noValidate
          onSubmit={submitWith((v) => assign.mutate(v))}
        >
          <fieldset className="wide assign-to">
            <legend>Assigner à</legend>
            <label className="check">
              <input
                type="radio"
                name="assign-to"
                checked={values.to === "trainees"}
                onChange={() => set("to", "trainees")}
              />
              Des stagiaires
            </label>
            <label className="check">
              <input
                type="radio"
                name="assign-to"
                checked={values.to === "cohort"}
                onChange={() => set("to", "cohort")}
              />
              Une promotion entière
            </label>
          </fieldset>
          {values.to === "trainees" ? (
            <fieldset
              className="wide trainee-picker"
              aria-describedby={errors.trainee_ids ? "assign-error" : undefined}
            >
              <legend>Stagiaires</legend>
              <Field label="Filtrer les stagiaires">
                {(p) => <input {...p} type="search" value={filter} onChange={(e) => setFilter(e.target.value)} />}
              </Field>
              <QueryState
                query={trainees}
                busyLabel="Chargement des stagiaires…"
                empty={<EmptyState title="Aucun stagiaire dans l'organisme." />}
              >
                {() => (
                  <ul className="plain trainee-list">
                    {shown.map((t) => {
                      const done = already.has(t.id);
                      return (
                        <li key={t.id}>
                          <label className="check">
                            <input
                              type="checkbox"
                              checked={done || values.trainees.includes(t.id)}
                              disabled={done}
                              onChange={(e) => toggle(t.id, e.target.checked)}
                            />
                            {t.full_name}
                            {done && <small className="muted"> (déjà assigné)</small>}
                          </label>
                        </li>
                      );
                    })}
                    {shown.length === 0 && <li className="muted">Aucun stagiaire ne correspond au filtre.</li>}
                  </ul>
                )}
              </QueryState>
              {errors.trainee_ids && (
                <p id="assign-error" className="field-error">
                  {errors.trainee_ids}
                </p>
              )}
            </fieldset>
          ) : (
            <Field label="Promotion" error={errors.cohort_id}>
              {(p) => (
                <select {...p} value={values.cohort} onChange={(e) => set("cohort", e.target.value)}>
                  <option value="">Choisir…</option>
                  {cohorts.data?.items.map((c) => (
                    <option key={c.id} value={c.id}>
                      {c.name}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          )}
          <div className="wide">
            <SaveError error={assign.error} />
          </div>
          <div className="form-actions">
            <button type="submit" className="primary" disabled={assign.isPending}>
              {assign.isPending ? "Attribution…" : "Assigner"}
            </button>
          </div>
          <div aria-live="polite" className="wide">
            {assign.isSuccess && !assign.isPending && (
              <p role="status" className="alert alert-info">
                {assign.data.length === 0
                  ? "Aucun nouveau parcours : ces stagiaires avaient déjà l'exercice."
                  : `${assign.data.length} parcours créé${assign.data.length > 1 ? "s" : ""} : ${assign.data
                      .map((r) => r.trainee_name)
                      .join(", ")}.`}
                {exercise.status === "draft" && " Publiez l'exercice pour qu'ils le voient."}
              </p>
            )}
          </div>
        </form>
      )}
    </section>
  );
}
