// The business case an exercise sells for: the organisation's cases that have a published
// version (the server refuses any other), plus the one already chosen whatever its state.
import { useQuery } from "@tanstack/react-query";
import { businessCaseQueries } from "../../api/queries/businessCases";
import { Field } from "../../components/ui";

export function BusinessCaseSelect(props: {
  value: string;
  onChange: (value: string) => void;
  error?: string;
  disabled?: boolean;
  hint?: string;
}) {
  const cases = useQuery(businessCaseQueries.list({ sort: "name", limit: 200 }));
  const options = (cases.data?.items ?? []).filter((c) => c.published_number > 0 || String(c.id) === props.value);
  return (
    <Field
      label="Cas d'entreprise"
      error={props.error}
      hint={props.hint ?? "Le cas publié pour lequel le stagiaire vend ; obligatoire pour publier."}
    >
      {(p) => (
        <select {...p} value={props.value} disabled={props.disabled} onChange={(e) => props.onChange(e.target.value)}>
          <option value="">{cases.isPending ? "Chargement des cas…" : "Aucun pour l'instant"}</option>
          {options.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
              {c.status === "archived" ? " (archivé)" : ""}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}
