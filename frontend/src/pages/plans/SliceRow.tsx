// One slice of a decomposition: its name and target, the target edited in place, or the
// slice removed (its own slices go with it).
import { useState } from "react";
import { api, unwrap } from "../../api/client";
import { fieldErrorsOf } from "../../api/problem";
import type { ObjectiveOut } from "../../api/types";
import { ConfirmButton } from "../../components/ConfirmButton";
import { ErrorBanner, SaveError } from "../../components/ui";
import { numberOrNull } from "./numbers";
import { sliceLabel } from "./periods";
import { withUnit } from "./tree";
import { usePlanWrite, type PlanView } from "./usePlanWrite";

export function SliceRow({
  view,
  slice: s,
  unit,
}: {
  view: PlanView;
  slice: ObjectiveOut;
  unit: string | null | undefined;
}) {
  const name = sliceLabel(s.dimension, s.slice_key, view.doc);
  // "10.00" from the API reads « 10 » in the field.
  const [target, setTarget] = useState(s.target === null ? "" : String(Number(s.target)));
  const planId = view.plan.id;
  const path = { params: { path: { plan_id: planId, objective_id: s.id } } };
  const save = usePlanWrite(planId, (value: string) =>
    unwrap(
      api.PUT("/api/v1/plans/{plan_id}/objectives/{objective_id}", {
        ...path,
        body: { label: s.label, target: numberOrNull(value), weight: s.weight, success_criterion: s.success_criterion },
      }),
    ),
  );
  const remove = usePlanWrite(planId, () =>
    unwrap(api.DELETE("/api/v1/plans/{plan_id}/objectives/{objective_id}", path)),
  );
  const error = fieldErrorsOf(save.error).target;
  const changed = Number(target.replace(",", ".")) !== Number(s.target);
  return (
    <tr>
      <th scope="row">{name}</th>
      <td className="num">
        {view.editable ? (
          <form
            className="slice-target"
            noValidate
            aria-label={`Cible de ${name}`}
            onSubmit={(e) => {
              e.preventDefault();
              save.mutate(target);
            }}
          >
            <input
              aria-label={`Cible de ${name}`}
              inputMode="decimal"
              value={target}
              aria-invalid={Boolean(error)}
              onChange={(e) => setTarget(e.target.value)}
            />
            <button type="submit" disabled={save.isPending || !changed} aria-label={`Enregistrer la cible de ${name}`}>
              Enregistrer
            </button>
            {error ? <small className="field-error">{error}</small> : <SaveError error={save.error} />}
          </form>
        ) : (
          withUnit(s.target, unit)
        )}
      </td>
      {view.editable && (
        <td>
          <ConfirmButton
            label="Retirer"
            confirmLabel="Oui, retirer"
            pending={remove.isPending}
            onConfirm={() => remove.mutate(undefined)}
            question={`Retirer la tranche « ${name} » ?`}
          />
          <ErrorBanner error={remove.error} />
        </td>
      )}
    </tr>
  );
}
