// The prospect list's sort options: the fields come from the API (x-sort-fields of
// list_prospects, generated into competences.ts), the French wording from here. A field
// the server adds later still shows up, with its raw name, until it gets a label.
import { OPERATIONS } from "../../api/competences";

export type SortOption = { value: string; label: string };

/** Per field: the label of the ascending order, then of the descending one. */
const LABELS: Record<string, [string, string]> = {
  name: ["Nom (A → Z)", "Nom (Z → A)"],
  priority: ["Priorité (A d'abord)", "Priorité (C d'abord)"],
  potential: ["Potentiel (le plus faible d'abord)", "Potentiel (le plus fort d'abord)"],
  next_contact_on: ["Prochain contact (le plus proche d'abord)", "Prochain contact (le plus lointain d'abord)"],
  status: ["Statut (du prospect au client)", "Statut (du client au prospect)"],
  city: ["Ville (A → Z)", "Ville (Z → A)"],
  created_at: ["Ajout (le plus ancien d'abord)", "Ajout (le plus récent d'abord)"],
  updated_at: ["Modification (la plus ancienne d'abord)", "Modification (la plus récente d'abord)"],
  persona_match: ["Adéquation au persona (la plus faible d'abord)", "Adéquation au persona (la meilleure d'abord)"],
  distance: ["Distance (la plus proche d'abord)", "Distance (la plus lointaine d'abord)"],
};

/** Computed columns, offered only when the parameter that computes them is set. */
const NEEDS: Record<string, "persona" | "near"> = { persona_match: "persona", distance: "near" };

export function sortOptions(
  fields: readonly string[],
  given: { persona?: boolean; near?: boolean } = {},
): SortOption[] {
  const options: SortOption[] = [];
  for (const field of fields) {
    const need = NEEDS[field];
    if (need && !given[need]) continue;
    const [asc, desc] = LABELS[field] ?? [`${field} (croissant)`, `${field} (décroissant)`];
    options.push({ value: field, label: asc }, { value: `-${field}`, label: desc });
  }
  return options;
}

export const PROSPECT_SORT_FIELDS: readonly string[] = OPERATIONS.list_prospects.sorts;
