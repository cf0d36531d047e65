// The select of a list's filters: its label, a first option that keeps every entry
// (« Tous », « Toutes », « Tous les critères »…), then the choices.
import type { ReactNode } from "react";
import { Field, Options } from "./ui";

export function FilterSelect<V extends string>(props: {
  label: string;
  /** The first option, whose value is "": no filter. */
  all: string;
  value: V | "";
  onChange: (value: V | "") => void;
  /** The choices from a label table (value → French label)… */
  labels?: Record<NoInfer<V>, string>;
  /** …or from records (cohorts, personas): their id, then their name… */
  items?: readonly { id: number | string; name: string }[];
  /** …or the page's own `<option>`s. */
  children?: ReactNode;
}) {
  return (
    <Field label={props.label}>
      {(p) => (
        <select {...p} value={props.value} onChange={(e) => props.onChange(e.target.value as V | "")}>
          <option value="">{props.all}</option>
          {props.labels && <Options labels={props.labels} />}
          {props.items?.map((x) => (
            <option key={x.id} value={x.id}>
              {x.name}
            </option>
          ))}
          {props.children}
        </select>
      )}
    </Field>
  );
}
