// The competences a page exercises: the union of the x-competences of the operations it
// WRITES with (POST, PUT, PATCH: src/api/competences.ts, generated from the OpenAPI
// document). Reading a list or a portfolio, or deleting, exercises nothing: such operations
// bring no badge. Each badge shows its code, and its competence's title as a tooltip and in
// its accessible name.
import { COMPETENCE_TITLES, OPERATIONS, type OperationId } from "../api/competences";

const ORDER = (code: string) => (code.startsWith("CP") ? 0 : 1) * 100 + Number(code.slice(2));
const WRITES = new Set(["POST", "PUT", "PATCH"]);

export function competencesOf(operations: readonly OperationId[]): string[] {
  const codes = new Set<string>();
  for (const id of operations) {
    const operation = OPERATIONS[id];
    if (!WRITES.has(operation.method)) continue;
    for (const code of operation.competences) codes.add(code);
  }
  return [...codes].sort((a, b) => ORDER(a) - ORDER(b));
}

export function competenceTitle(code: string): string {
  return COMPETENCE_TITLES[code] ?? code;
}

export function CompetenceBadges({ operations }: { operations: readonly OperationId[] }) {
  const codes = competencesOf(operations);
  if (codes.length === 0) return null;
  return (
    <ul className="badges" aria-label="Compétences exercées">
      {codes.map((code) => (
        <li
          key={code}
          className={`badge badge-${code.slice(0, 2).toLowerCase()}`}
          title={`${code} — ${competenceTitle(code)}`}
          aria-label={`${code} : ${competenceTitle(code)}`}
        >
          {code}
        </li>
      ))}
    </ul>
  );
}
