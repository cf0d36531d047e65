// A new slice of an objective (or of one of its slices, three levels at most): the dimension,
// the slice — a month or week of the parent's window, a segment of the business case, a
// family of its catalogue — and its target. Its label says what it is a slice of.
import type { ObjectiveOut } from "../../api/types";
import { api, unwrap } from "../../api/client";
import { fieldErrorsOf } from "../../api/problem";
import { Field, Options, SaveError } from "../../components/ui";
import { useForm } from "../../components/useForm";
import { DIMENSIONS } from "../../labels/plans";
import { numberOrNull } from "./numbers";
import { sliceChoices, sliceLabel, windowOf } from "./periods";
import { MAX_DEPTH } from "./tree";
import { usePlanWrite, type PlanView } from "./usePlanWrite";

type Dimension = NonNullable<ObjectiveOut["dimension"]>;
type Form = { parent: string; dimension: Dimension; slice: string; target: string };

export function SliceForm({
  view,
  subtree,
}: {
  view: PlanView;
  subtree: { objective: ObjectiveOut; depth: number }[];
}) {
  const root = subtree[0].objective;
  const parents = subtree.filter((t) => t.depth < MAX_DEPTH - 1);
  const {
    values: f,
    set,
    setValues,
    submitWith,
  } = useForm<Form>({
    parent: String(root.id),
    dimension: "month",
    slice: "",
    target: "",
  });
  const parent = parents.find((t) => String(t.objective.id) === f.parent)?.objective ?? root;
  const taken = new Set(
    view.plan.objectives
      .filter((o) => o.parent_id === parent.id && o.dimension === f.dimension)
      .map((o) => o.slice_key),
  );
  const choices = sliceChoices(f.dimension, windowOf(view.plan, view.plan.objectives, parent.id), view.doc).filter(
    (c) => !taken.has(c.key),
  );
  const add = usePlanWrite(
    view.plan.id,
    (form: Form) =>
      unwrap(
        api.POST("/api/v1/plans/{plan_id}/objectives", {
          params: { path: { plan_id: view.plan.id } },
          body: {
            parent_id: parent.id,
            dimension: form.dimension,
            slice_key: form.slice || null,
            label: `${parent.label} — ${sliceLabel(form.dimension, form.slice, view.doc)}`.slice(0, 200),
            target: numberOrNull(form.target),
          },
        }),
      ),
    () => setValues((v) => ({ ...v, slice: "", target: "" })),
  );
  const errors = fieldErrorsOf(add.error);
  const id = `slice-form-${root.id}`;
  return (
    <form
      className="inline-form slice-form"
      aria-labelledby={id}
      noValidate
      onSubmit={submitWith((v) => add.mutate(v))}
    >
      <h4 id={id} className="wide">
        Ajouter une tranche à « {root.label} »
      </h4>
      {parents.length > 1 && (
        <Field label="Découper" error={errors.parent_id}>
          {(p) => (
            <select
              {...p}
              value={f.parent}
              onChange={(e) => setValues((v) => ({ ...v, parent: e.target.value, slice: "" }))}
            >
              {parents.map((t) => (
                <option key={t.objective.id} value={t.objective.id}>
                  {t.depth ? `${"— ".repeat(t.depth)}${t.objective.label}` : `${t.objective.label} (objectif)`}
                </option>
              ))}
            </select>
          )}
        </Field>
      )}
      <Field label="Découpage" error={errors.dimension}>
        {(p) => (
          <select
            {...p}
            value={f.dimension}
            onChange={(e) => setValues((v) => ({ ...v, dimension: e.target.value as Dimension, slice: "" }))}
          >
            <Options labels={DIMENSIONS} />
          </select>
        )}
      </Field>
      <Field label="Tranche" error={errors.slice_key ?? errors[""]}>
        {(p) => (
          <select {...p} value={f.slice} onChange={(e) => set("slice", e.target.value)}>
            <option value="">{choices.length ? "Choisir…" : "Aucune tranche disponible"}</option>
            {choices.map((c) => (
              <option key={c.key} value={c.key}>
                {c.label}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label="Cible de la tranche" error={errors.target}>
        {(p) => <input {...p} inputMode="decimal" value={f.target} onChange={(e) => set("target", e.target.value)} />}
      </Field>
      <button type="submit" className="primary" disabled={add.isPending}>
        Ajouter la tranche
      </button>
      <div className="wide">
        <SaveError error={add.error} />
      </div>
    </form>
  );
}
