// The parts of the action form that name other records: the plan's objectives the action
// serves (each with its expected contribution, in the objective's unit) and the trainee's
// campaigns and tours that carry it out.
import { useQuery } from "@tanstack/react-query";
import { prospectQueries } from "../../api/queries/prospects";
import { tourQueries } from "../../api/queries/tours";
import { formatDate } from "../../components/ui";
import { type ActionFormState, toggled } from "./actionForm";
import { sliceLabel } from "./periods";
import { treeOf } from "./tree";
import type { PlanView } from "./usePlanWrite";

type Setter = <K extends keyof ActionFormState>(key: K, value: ActionFormState[K]) => void;

export function ServedObjectives(props: { view: PlanView; form: ActionFormState; set: Setter; error?: string }) {
  const { view, form: f, set } = props;
  const tree = treeOf(view.plan.objectives);
  return (
    <fieldset className="plain-fieldset wide">
      <legend>Objectifs servis</legend>
      {tree.length === 0 && <p className="muted">Le plan n'a pas encore d'objectif.</p>}
      <ul className="served">
        {tree.map(({ objective: o, depth }) => {
          const served = o.id in f.serves;
          const name = depth ? sliceLabel(o.dimension, o.slice_key, view.doc) || o.label : o.label;
          const unit = o.metric_code ? view.metrics.get(o.metric_code)?.unit : null;
          return (
            <li key={o.id} style={{ marginLeft: `${depth * 1.5}rem` }}>
              <label className="check">
                <input
                  type="checkbox"
                  checked={served}
                  onChange={(e) => {
                    const next = { ...f.serves };
                    if (e.target.checked) next[o.id] = "";
                    else delete next[o.id];
                    set("serves", next);
                  }}
                />
                Sert « {name} »
              </label>
              {served && o.metric_code && (
                <label className="expected">
                  Apport attendu à « {name} »{unit && unit !== "nombre" ? ` (${unit})` : ""}
                  <input
                    inputMode="decimal"
                    value={f.serves[o.id]}
                    onChange={(e) => set("serves", { ...f.serves, [o.id]: e.target.value })}
                  />
                </label>
              )}
            </li>
          );
        })}
      </ul>
      {props.error && <small className="field-error">{props.error}</small>}
    </fieldset>
  );
}

export function ActionLinks(props: { form: ActionFormState; set: Setter; errors: Record<string, string> }) {
  const { form: f, set, errors } = props;
  const campaigns = useQuery({ ...prospectQueries.campaignOptions() });
  const tours = useQuery({ ...tourQueries.options() });
  return (
    <>
      <fieldset className="plain-fieldset wide">
        <legend>Campagnes qui mènent l'action</legend>
        {campaigns.data && campaigns.data.items.length === 0 && <p className="muted">Aucune campagne.</p>}
        <ul className="link-choices">
          {campaigns.data?.items.map((c) => (
            <li key={c.id}>
              <label className="check">
                <input
                  type="checkbox"
                  checked={f.campaign_ids.includes(c.id)}
                  onChange={(e) => set("campaign_ids", toggled(f.campaign_ids, c.id, e.target.checked))}
                />
                {c.name}
              </label>
            </li>
          ))}
        </ul>
        {errors.campaign_ids && <small className="field-error">{errors.campaign_ids}</small>}
      </fieldset>
      <fieldset className="plain-fieldset wide">
        <legend>Tournées qui mènent l'action</legend>
        {tours.data && tours.data.items.length === 0 && <p className="muted">Aucune tournée.</p>}
        <ul className="link-choices">
          {tours.data?.items.map((t) => (
            <li key={t.id}>
              <label className="check">
                <input
                  type="checkbox"
                  checked={f.tour_ids.includes(t.id)}
                  onChange={(e) => set("tour_ids", toggled(f.tour_ids, t.id, e.target.checked))}
                />
                {t.name} <span className="muted">(à partir du {formatDate(t.first_day)})</span>
              </label>
            </li>
          ))}
        </ul>
        {errors.tour_ids && <small className="field-error">{errors.tour_ids}</small>}
      </fieldset>
    </>
  );
}
