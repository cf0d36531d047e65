// A select of records a task may link to (the task form's lists): choosing one links it.
import { Field } from "../../components/ui";

export type Option = { id: number; name: string };
export type Choice = { onPick: (option: Option) => void; error?: string };

/** A select of records: choosing one links it. */
export function RecordSelect(props: {
  label: string;
  options: Option[] | undefined;
  pending: boolean;
  failed: boolean;
  onPick: (option: Option) => void;
  error?: string;
  none?: string;
}) {
  const hint = props.failed
    ? "La liste n'a pas pu être chargée."
    : props.pending
      ? "Chargement…"
      : props.options?.length === 0
        ? (props.none ?? "Aucune fiche à lier.")
        : undefined;
  return (
    <Field label={props.label} error={props.error} hint={hint}>
      {(p) => (
        <select
          {...p}
          value=""
          onChange={(e) => {
            const option = props.options?.find((o) => o.id === Number(e.target.value));
            if (option) props.onPick(option);
          }}
        >
          <option value="">Choisir…</option>
          {props.options?.map((o) => (
            <option key={o.id} value={o.id}>
              {o.name}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}
