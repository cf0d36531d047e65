// The edit forms of an exercise (its parameters, its market) keep the exercise they were read
// from: they send its version (a change made meanwhile elsewhere is refused, never
// overwritten) and only what the form changed. Once saved, the form starts again from the
// answer; an exercise changed by this page (published, closed) is taken up while the form
// holds no change of its own (or none of its fields changed meanwhile).
import { useState } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api, unwrap } from "../../api/client";
import { isStaleVersion } from "../../api/problem";
import { exercisesChanged } from "../../api/queries/exercises";
import type { ExerciseOut, ExerciseUpdate } from "../../api/types";
import { useForm } from "../../components/useForm";

export function useExerciseEdit<T extends object>(
  exercise: ExerciseOut,
  valuesOf: (e: ExerciseOut) => T,
  changesOf: (values: T, base: ExerciseOut) => Omit<ExerciseUpdate, "version">,
) {
  const queryClient = useQueryClient();
  const [base, setBase] = useState(exercise);
  const form = useForm<T>(() => valuesOf(exercise));
  const dirty = JSON.stringify(form.values) !== JSON.stringify(valuesOf(base));
  const save = useMutation({
    mutationFn: (values: T) =>
      unwrap(
        api.PATCH("/api/v1/exercises/{exercise_id}", {
          params: { path: { exercise_id: base.id } },
          body: { version: base.version, ...changesOf(values, base) },
        }),
      ),
    onSuccess: (saved) => {
      setBase(saved);
      form.setValues(valuesOf(saved));
      void exercisesChanged.saved(queryClient, saved);
    },
    onError: (error) => {
      // Read the exercise again: « Recharger » then starts from the current version.
      if (isStaleVersion(error)) void exercisesChanged.exercise(queryClient, base.id);
    },
  });
  // A newer exercise (published, closed, saved by the other form): start from it when nothing
  // is typed here, or keep what is typed when none of this form's fields changed meanwhile.
  if (exercise.version > base.version && !save.isPending) {
    if (!dirty) {
      setBase(exercise);
      form.setValues(valuesOf(exercise));
    } else if (JSON.stringify(valuesOf(exercise)) === JSON.stringify(valuesOf(base))) {
      setBase(exercise);
    }
  }
  /** Start again from the exercise as it is now (after a stale version). */
  const reload = () => {
    setBase(exercise);
    form.setValues(valuesOf(exercise));
    save.reset();
  };
  return { ...form, base, dirty, save, reload };
}
