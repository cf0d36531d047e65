// The choice of a competitor (a source's, an item's): « Aucun », then the user's competitors
// by name as the API lists them.
import { useQuery } from "@tanstack/react-query";
import { watchQueries } from "../../api/queries/watch";
import { Field } from "../../components/ui";

export function CompetitorOptions() {
  const competitors = useQuery({
    ...watchQueries.competitors(),
  });
  return (
    <>
      <option value="">Aucun</option>
      {competitors.data?.items.map((c) => (
        <option key={c.id} value={c.id}>
          {c.name}
        </option>
      ))}
    </>
  );
}

/** The field of a form whose value is the competitor's id, or null for none. */
export function CompetitorField(props: {
  label: string;
  value: number | null | undefined;
  error?: string;
  onChange: (competitorId: number | null) => void;
}) {
  return (
    <Field label={props.label} error={props.error}>
      {(p) => (
        <select
          {...p}
          value={props.value ?? ""}
          onChange={(e) => props.onChange(e.target.value ? Number(e.target.value) : null)}
        >
          <CompetitorOptions />
        </select>
      )}
    </Field>
  );
}
