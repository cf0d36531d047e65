// The prospect file's filters, kept in the page's address (a filtered list can be shared
// or bookmarked): search, status, kind, priority, sector, next contact, persona, sort.
import type { PersonaOut as Persona } from "../../api/types";
import { Field } from "../../components/ui";
import { FilterSelect } from "../../components/FilterSelect";
import { KINDS, PRIORITIES, STATUSES } from "../../labels/prospects";
import { PROSPECT_SORT_FIELDS, sortOptions } from "./sorting";

export const FILTER_KEYS = [
  "q",
  "status",
  "kind",
  "priority",
  "sector",
  "persona",
  "min_match",
  "before",
  "sort",
] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];
export type FilterChanges = Partial<Record<FilterKey | "offset", string>>;

export function ProspectFilters(props: {
  /** A filter's value ("" when not set). */
  get: (key: FilterKey) => string;
  update: (changes: FilterChanges) => void;
  personas: Persona[];
  personaId: number | undefined;
  today: string;
  /** Whether any filter is set (then they can be cleared). */
  filtered: boolean;
  onClear: () => void;
}) {
  const { get, update, personaId } = props;
  return (
    <form className="filters" role="search" aria-label="Filtrer le fichier" onSubmit={(e) => e.preventDefault()}>
      <Field label="Rechercher" hint="Nom, ville ou SIRET">
        {(p) => <input {...p} type="search" value={get("q")} onChange={(e) => update({ q: e.target.value })} />}
      </Field>
      <FilterSelect
        label="Statut"
        all="Tous"
        value={get("status")}
        onChange={(v) => update({ status: v })}
        labels={STATUSES}
      />
      <FilterSelect label="Type" all="Tous" value={get("kind")} onChange={(v) => update({ kind: v })} labels={KINDS} />
      <FilterSelect
        label="Priorité"
        all="Toutes"
        value={get("priority")}
        onChange={(v) => update({ priority: v })}
        labels={PRIORITIES}
      />
      <Field label="Secteur">
        {(p) => <input {...p} value={get("sector")} onChange={(e) => update({ sector: e.target.value })} />}
      </Field>
      <Field label="Prochain contact au plus tard le">
        {(p) => <input {...p} type="date" value={get("before")} onChange={(e) => update({ before: e.target.value })} />}
      </Field>
      <Field label="Persona">
        {(p) => (
          <select {...p} value={get("persona")} onChange={(e) => update({ persona: e.target.value })}>
            <option value="">Aucun</option>
            {props.personas.map((persona) => (
              <option key={persona.id} value={persona.id}>
                {persona.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      {personaId !== undefined && (
        <Field label="Adéquation minimale (0 à 100)">
          {(p) => (
            <input
              {...p}
              type="number"
              min={0}
              max={100}
              step={5}
              value={get("min_match")}
              onChange={(e) => update({ min_match: e.target.value })}
            />
          )}
        </Field>
      )}
      <Field label="Trier par">
        {(p) => (
          <select
            {...p}
            value={get("sort") || (personaId ? "-persona_match" : "name")}
            onChange={(e) => update({ sort: e.target.value })}
          >
            {sortOptions(PROSPECT_SORT_FIELDS, { persona: personaId !== undefined }).map((s) => (
              <option key={s.value} value={s.value}>
                {s.label}
              </option>
            ))}
          </select>
        )}
      </Field>
      <div className="form-actions">
        <button type="button" onClick={() => update({ before: props.today, sort: "next_contact_on" })}>
          À contacter aujourd'hui
        </button>
        {props.filtered && (
          <button type="button" onClick={props.onClear}>
            Effacer les filtres
          </button>
        )}
      </div>
    </form>
  );
}
