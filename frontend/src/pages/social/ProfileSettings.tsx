// The settings of a profile's editor: the photo guidelines confirmed (a checkbox each) and
// the contact settings (a select each), each with the findings of the last save about it.
import { Field } from "../../components/ui";
import { CONTACT_SETTINGS, PHOTO_GUIDELINES } from "../../labels/social";
import { FindingsList } from "./Findings";
import { findingsOf, type Finding } from "./findings";

export function PhotoGuidelines(props: {
  photo: Record<string, boolean>;
  onChange: (photo: Record<string, boolean>) => void;
  findings: readonly Finding[];
}) {
  return (
    <fieldset className="wide">
      <legend>Consignes pour la photo</legend>
      <p className="hint">Cochez chaque consigne que votre photo de profil respecte.</p>
      <ul className="checklist">
        {Object.entries(PHOTO_GUIDELINES).map(([code, label]) => (
          <li key={code}>
            <label className="check">
              <input
                type="checkbox"
                checked={props.photo[code] === true}
                onChange={(e) => props.onChange({ ...props.photo, [code]: e.target.checked })}
              />{" "}
              {label}
            </label>
            <FindingsList findings={findingsOf(props.findings, `photo.${code}`)} label={`Contrôle : ${label}`} />
          </li>
        ))}
      </ul>
    </fieldset>
  );
}

export function ContactSettings(props: {
  contact: Record<string, string>;
  onChange: (contact: Record<string, string>) => void;
  findings: readonly Finding[];
  errors: Record<string, string | undefined>;
}) {
  // The findings about the settings as a whole (« contact »), not about one of them.
  const general = props.findings.filter((f) => f.field === "contact" || (f.rule === "contact" && !f.field));
  return (
    <fieldset className="wide">
      <legend>Réglages de contact</legend>
      <div className="form-grid">
        {Object.entries(CONTACT_SETTINGS).map(([code, setting]) => (
          <div key={code}>
            <Field label={setting.label} error={props.errors[`contact.${code}`]}>
              {(p) => (
                <select
                  {...p}
                  value={props.contact[code] ?? ""}
                  onChange={(e) => props.onChange({ ...props.contact, [code]: e.target.value })}
                >
                  <option value="">— Non renseigné —</option>
                  {Object.entries(setting.values).map(([value, label]) => (
                    <option key={value} value={value}>
                      {label}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <FindingsList
              findings={findingsOf(props.findings, `contact.${code}`)}
              label={`Contrôle : ${setting.label}`}
            />
          </div>
        ))}
      </div>
      <FindingsList findings={general} label="Contrôle : réglages de contact" />
    </fieldset>
  );
}
