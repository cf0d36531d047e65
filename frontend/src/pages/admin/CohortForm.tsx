// Creating a cohort, or editing one: name, dates, the trainers who lead it.
import type { CohortOut, UserOut } from "../../api/types";
import { useState } from "react";
import { useForm } from "../../components/useForm";
import { FormFooter } from "../../components/FormFooter";
import { useMutation } from "@tanstack/react-query";
import { api, unwrap } from "../../api/client";
import { fieldErrorsOf } from "../../api/problem";
import { Field } from "../../components/ui";
import { required } from "../../labels/admin";

type Draft = { name: string; starts_on: string; ends_on: string; trainer_ids: number[] };

function draftOf(cohort: CohortOut | null): Draft {
  return {
    name: cohort?.name ?? "",
    starts_on: cohort?.starts_on ?? "",
    ends_on: cohort?.ends_on ?? "",
    trainer_ids: cohort?.trainer_ids ?? [],
  };
}

export function CohortForm(props: {
  cohort: CohortOut | null;
  trainers: UserOut[];
  onSaved: (cohort: CohortOut) => void;
  onCancel: () => void;
}) {
  const { cohort } = props;
  const { values: draft, set, submitWith } = useForm<Draft>(() => draftOf(cohort));
  const [local, setLocal] = useState<Record<string, string>>({});
  const save = useMutation({
    mutationFn: (d: Draft) => {
      const body = {
        name: d.name.trim(),
        starts_on: d.starts_on || null,
        ends_on: d.ends_on || null,
        trainer_ids: d.trainer_ids,
      };
      return cohort
        ? unwrap(
            api.PATCH("/api/v1/cohorts/{cohort_id}", {
              params: { path: { cohort_id: cohort.id } },
              body: { ...body, version: cohort.version },
            }),
          )
        : unwrap(api.POST("/api/v1/cohorts", { body }));
    },
    onSuccess: props.onSaved,
  });
  const errors = { ...fieldErrorsOf(save.error), ...local };

  function toggleTrainer(id: number, on: boolean) {
    set("trainer_ids", on ? [...draft.trainer_ids, id] : draft.trainer_ids.filter((t) => t !== id));
  }

  const title = cohort ? `Modifier la cohorte ${cohort.name}` : "Nouvelle cohorte";
  return (
    <form
      className="card form-grid"
      onSubmit={submitWith((d) => {
        const found = required({ name: d.name });
        if (d.starts_on && d.ends_on && d.ends_on < d.starts_on) {
          found.ends_on = "La date de fin précède la date de début.";
        }
        setLocal(found);
        if (Object.keys(found).length === 0) save.mutate(d);
      })}
      aria-label={title}
      noValidate
    >
      <h2 className="wide">{title}</h2>
      <Field label="Nom de la cohorte" error={errors.name}>
        {(p) => (
          <input
            {...p}
            required
            aria-required="true"
            value={draft.name}
            onChange={(e) => set("name", e.target.value)}
          />
        )}
      </Field>
      <Field label="Début" error={errors.starts_on}>
        {(p) => <input {...p} type="date" value={draft.starts_on} onChange={(e) => set("starts_on", e.target.value)} />}
      </Field>
      <Field label="Fin" error={errors.ends_on}>
        {(p) => <input {...p} type="date" value={draft.ends_on} onChange={(e) => set("ends_on", e.target.value)} />}
      </Field>
      <fieldset
        className="trainer-choices wide"
        aria-describedby={errors.trainer_ids ? "trainer-ids-error" : undefined}
      >
        <legend>Formateurs qui l'animent</legend>
        {props.trainers.length === 0 && (
          <p className="hint">Aucun formateur actif : créez d'abord leurs comptes (page Utilisateurs).</p>
        )}
        {props.trainers.map((t) => (
          <label key={t.id} className="check">
            <input
              type="checkbox"
              checked={draft.trainer_ids.includes(t.id)}
              onChange={(e) => toggleTrainer(t.id, e.target.checked)}
            />
            {t.full_name}
          </label>
        ))}
        {errors.trainer_ids && (
          <small id="trainer-ids-error" className="field-error">
            {errors.trainer_ids}
          </small>
        )}
      </fieldset>
      <FormFooter
        error={save.error}
        local={Object.keys(local).length > 0}
        pending={save.isPending}
        stale="Cette cohorte a été modifiée entre-temps : vos modifications n'ont pas été enregistrées. Fermez ce formulaire et rouvrez-le depuis la liste à jour."
        submitLabel={cohort ? "Enregistrer" : "Créer la cohorte"}
        onCancel={props.onCancel}
      />
    </form>
  );
}
