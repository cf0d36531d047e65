// What an exchange taught about the prospect: the discovery (needs, budget, decision maker,
// timing) and the accessibility needs with the adaptation chosen (CP3.6).
import { Field } from "../../components/ui";
import type { InteractionValues, SetField } from "./interactionForm";

export function DiscoveryFields(props: {
  values: InteractionValues;
  set: SetField<InteractionValues>;
  errors: Record<string, string>;
}) {
  const { values, set, errors } = props;
  return (
    <>
      <fieldset className="plain-fieldset">
        <legend>Découverte (qualification)</legend>
        <div className="form-grid">
          <Field label="Besoins" error={errors.needs}>
            {(p) => <textarea {...p} value={values.needs} onChange={(e) => set("needs", e.target.value)} />}
          </Field>
          <Field label="Budget" error={errors.budget}>
            {(p) => <input {...p} value={values.budget} onChange={(e) => set("budget", e.target.value)} />}
          </Field>
          <Field label="Décideur" error={errors.authority}>
            {(p) => <input {...p} value={values.authority} onChange={(e) => set("authority", e.target.value)} />}
          </Field>
          <Field label="Échéance" error={errors.timing}>
            {(p) => <input {...p} value={values.timing} onChange={(e) => set("timing", e.target.value)} />}
          </Field>
        </div>
      </fieldset>
      <fieldset className="plain-fieldset">
        <legend>Accessibilité</legend>
        <div className="form-grid">
          <Field label="Situation de handicap signalée" error={errors.accessibility_needs}>
            {(p) => (
              <textarea
                {...p}
                value={values.accessibility_needs}
                onChange={(e) => set("accessibility_needs", e.target.value)}
              />
            )}
          </Field>
          <Field label="Adaptation choisie" error={errors.accessibility_adaptation} hint="Canal, support, rythme…">
            {(p) => (
              <textarea
                {...p}
                value={values.accessibility_adaptation}
                onChange={(e) => set("accessibility_adaptation", e.target.value)}
              />
            )}
          </Field>
        </div>
      </fieldset>
    </>
  );
}
