// The competences a page exercises: the union of the x-competences its API operations
// declare (src/api/competences.ts, generated from the OpenAPI document).
import { OPERATIONS, type OperationId } from "../api/competences";

const ORDER = (code: string) => (code.startsWith("CP") ? 0 : 1) * 100 + Number(code.slice(2));

export function competencesOf(operations: readonly OperationId[]): string[] {
  const codes = new Set<string>();
  for (const id of operations) for (const code of OPERATIONS[id].competences) codes.add(code);
  return [...codes].sort((a, b) => ORDER(a) - ORDER(b));
}

export function CompetenceBadges({ operations }: { operations: readonly OperationId[] }) {
  const codes = competencesOf(operations);
  if (codes.length === 0) return null;
  return (
    <ul className="badges" aria-label="Compétences exercées">
      {codes.map((code) => (
        <li key={code} className={`badge badge-${code.slice(0, 2).toLowerCase()}`}>
          {code}
        </li>
      ))}
    </ul>
  );
}
