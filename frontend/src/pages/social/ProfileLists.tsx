// The lists of a profile's editor: its experiences (title, company, held today, description)
// and its featured content, each item with the findings of the last save about it.
import type { Schemas as S } from "../../api/types";
import { Field } from "../../components/ui";
import { FindingsList } from "./Findings";
import { findingsOf, type Finding } from "./findings";
import { emptyExperience, type Experience } from "./profile";

type ListProps<T> = {
  items: T[];
  onChange: (items: T[]) => void;
  findings: readonly Finding[];
  errors: Record<string, string | undefined>;
  readOnly: boolean;
};

function replace<T>(items: T[], index: number, item: T): T[] {
  return items.map((x, i) => (i === index ? item : x));
}

export function ExperienceList({ items, onChange, findings, errors, readOnly }: ListProps<Experience>) {
  return (
    <fieldset className="wide">
      <legend>Expériences</legend>
      <ol className="list-editor">
        {items.map((e, i) => {
          const at = (patch: Partial<S["SocialExperienceIn"]>) => onChange(replace(items, i, { ...e, ...patch }));
          const name = `expérience ${i + 1}`;
          return (
            <li key={i}>
              <div className="form-grid">
                <Field label={`Intitulé du poste (${name})`} error={errors[`experience.${i}.title`]} required>
                  {(p) => <input {...p} value={e.title} onChange={(ev) => at({ title: ev.target.value })} />}
                </Field>
                <Field label={`Entreprise (${name})`} error={errors[`experience.${i}.company`]}>
                  {(p) => <input {...p} value={e.company} onChange={(ev) => at({ company: ev.target.value })} />}
                </Field>
                <label className="check">
                  <input type="checkbox" checked={e.current} onChange={(ev) => at({ current: ev.target.checked })} />{" "}
                  Poste actuel ({name})
                </label>
                <div className="wide">
                  <Field label={`Description (${name})`} error={errors[`experience.${i}.description`]}>
                    {(p) => (
                      <textarea
                        {...p}
                        rows={3}
                        value={e.description}
                        onChange={(ev) => at({ description: ev.target.value })}
                      />
                    )}
                  </Field>
                </div>
              </div>
              <FindingsList findings={findingsOf(findings, `experience.${i}`)} label={`Contrôle : ${name}`} />
              {!readOnly && (
                <button type="button" onClick={() => onChange(items.filter((_, j) => j !== i))}>
                  Retirer l'expérience {i + 1}
                </button>
              )}
            </li>
          );
        })}
      </ol>
      {items.length === 0 && <p className="muted">Aucune expérience.</p>}
      {!readOnly && (
        <button type="button" onClick={() => onChange([...items, emptyExperience()])}>
          Ajouter une expérience
        </button>
      )}
    </fieldset>
  );
}

export function FeaturedList({ items, onChange, findings, errors, readOnly }: ListProps<string>) {
  return (
    <fieldset className="wide">
      <legend>Contenus sélectionnés</legend>
      <p className="hint">Publications, articles ou pages mis en avant sur votre profil (un par ligne).</p>
      <ol className="list-editor">
        {items.map((text, i) => (
          <li key={i}>
            <Field label={`Contenu sélectionné ${i + 1}`} error={errors[`featured.${i}`]}>
              {(p) => <input {...p} value={text} onChange={(ev) => onChange(replace(items, i, ev.target.value))} />}
            </Field>
            <FindingsList findings={findingsOf(findings, `featured.${i}`)} label={`Contrôle : contenu ${i + 1}`} />
            {!readOnly && (
              <button type="button" onClick={() => onChange(items.filter((_, j) => j !== i))}>
                Retirer le contenu {i + 1}
              </button>
            )}
          </li>
        ))}
      </ol>
      {items.length === 0 && <p className="muted">Aucun contenu sélectionné.</p>}
      {!readOnly && (
        <button type="button" onClick={() => onChange([...items, ""])}>
          Ajouter un contenu
        </button>
      )}
    </fieldset>
  );
}
