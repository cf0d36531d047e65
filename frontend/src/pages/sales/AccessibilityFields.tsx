// Situations of disability of the client or their entourage, and the adaptations (planned in
// a preparation, made in a report): checkboxes in fieldsets, and a note.
import type { Schemas as S } from "../../api/types";
import { ADAPTATIONS, SITUATIONS } from "./interviewLabels";

export type AccessibilityDraft = {
  none_known: boolean;
  situations: S["Situation"][];
  adaptations: S["Adaptation"][];
  notes: string;
};

export function AccessibilityFields(props: {
  value: AccessibilityDraft;
  onChange: (value: AccessibilityDraft) => void;
  adaptationsLegend: string;
}) {
  const { value, onChange } = props;
  const toggle = <K extends "situations" | "adaptations">(key: K, code: AccessibilityDraft[K][number]) => {
    const list = value[key] as string[];
    onChange({ ...value, [key]: list.includes(code) ? list.filter((c) => c !== code) : [...list, code] });
  };
  return (
    <div className="accessibility">
      <label className="checkbox">
        <input
          type="checkbox"
          checked={value.none_known}
          onChange={(e) => onChange({ ...value, none_known: e.target.checked })}
        />{" "}
        Aucune situation de handicap connue (la question a été posée)
      </label>
      <fieldset>
        <legend>Situations de handicap du client ou de son entourage</legend>
        {Object.entries(SITUATIONS).map(([code, label]) => (
          <label key={code} className="checkbox">
            <input
              type="checkbox"
              checked={value.situations.includes(code as S["Situation"])}
              onChange={() => toggle("situations", code as S["Situation"])}
            />{" "}
            {label}
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend>{props.adaptationsLegend}</legend>
        {Object.entries(ADAPTATIONS).map(([code, label]) => (
          <label key={code} className="checkbox">
            <input
              type="checkbox"
              checked={value.adaptations.includes(code as S["Adaptation"])}
              onChange={() => toggle("adaptations", code as S["Adaptation"])}
            />{" "}
            {label}
          </label>
        ))}
      </fieldset>
      <label>
        Précisions sur l'accessibilité
        <textarea
          rows={2}
          value={value.notes}
          onChange={(e) => onChange({ ...value, notes: e.target.value })}
          maxLength={2000}
        />
      </label>
    </div>
  );
}
