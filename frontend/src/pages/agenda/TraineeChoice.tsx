// Staff read a trainee's agenda: the trainees they follow (their cohorts', or the
// organisation's for an administrator), by name.
import { useQuery } from "@tanstack/react-query";
import { userQueries } from "../../api/queries/users";
import { FilterSelect } from "../../components/FilterSelect";
import { ErrorBanner } from "../../components/ui";

export function TraineeChoice(props: { value: number | null; onChange: (id: string) => void }) {
  const trainees = useQuery({ ...userQueries.traineeNames(), staleTime: 300_000 });
  const items = [...(trainees.data?.items ?? [])]
    .sort((a, b) => a.full_name.localeCompare(b.full_name, "fr"))
    .map((u) => ({ id: u.id, name: u.full_name }));
  return (
    <div className="filters">
      <FilterSelect
        label="Stagiaire"
        all={trainees.isPending ? "Chargement des stagiaires…" : "Choisir un stagiaire"}
        value={props.value ? String(props.value) : ""}
        onChange={props.onChange}
        items={items}
      />
      <ErrorBanner error={trainees.error} />
    </div>
  );
}

/** The chosen trainee's name, once the list is read. */
export function useTraineeName(id: number | null): string | null {
  const trainees = useQuery({ ...userQueries.traineeNames(), staleTime: 300_000, enabled: id !== null });
  return trainees.data?.items.find((u) => u.id === id)?.full_name ?? null;
}
