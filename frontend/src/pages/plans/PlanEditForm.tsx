// The plan's title and notes, sent with the version read (a plan changed meanwhile — in
// another tab — is refused, never overwritten).
import { api, unwrap } from "../../api/client";
import { fieldErrorsOf } from "../../api/problem";
import type { PlanDetail } from "../../api/types";
import { FormFooter } from "../../components/FormFooter";
import { Field } from "../../components/ui";
import { useForm } from "../../components/useForm";
import { usePlanWrite } from "./usePlanWrite";

type Form = { title: string; notes: string };

export function PlanEditForm({ plan, onDone }: { plan: PlanDetail; onDone: () => void }) {
  const { values, set, submitWith } = useForm<Form>({ title: plan.title, notes: plan.notes });
  const save = usePlanWrite(
    plan.id,
    (f: Form) =>
      unwrap(
        api.PATCH("/api/v1/plans/{plan_id}", {
          params: { path: { plan_id: plan.id } },
          body: { version: plan.version, title: f.title.trim(), notes: f.notes },
        }),
      ),
    onDone,
  );
  const errors = fieldErrorsOf(save.error);
  return (
    <form
      className="form-grid"
      aria-label="Titre et notes du plan"
      noValidate
      onSubmit={submitWith((v) => save.mutate(v))}
    >
      <Field label="Titre du plan" required error={errors.title}>
        {(p) => <input {...p} value={values.title} onChange={(e) => set("title", e.target.value)} />}
      </Field>
      <div className="wide">
        <Field label="Notes" error={errors.notes}>
          {(p) => <textarea {...p} value={values.notes} onChange={(e) => set("notes", e.target.value)} />}
        </Field>
      </div>
      <FormFooter
        error={save.error}
        pending={save.isPending}
        stale="Ce plan a été modifié entre-temps : vos modifications n'ont pas été enregistrées. La page est à jour : rouvrez le formulaire pour partir de la version actuelle."
        submitLabel="Enregistrer"
        onCancel={onDone}
      />
    </form>
  );
}
