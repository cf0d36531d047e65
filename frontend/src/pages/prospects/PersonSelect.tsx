// The people of a record: the record itself (an individual, or the company's switchboard) or
// one of the company's contacts. The record page's cards about them take the same props.
import type { ContactOut as Contact } from "../../api/types";
import { Field } from "../../components/ui";

/** The props of a record page's card about its people (policy, consents, exchanges, appointments). */
export interface RecordPeople {
  prospectId: number;
  company: boolean;
  contacts: Contact[];
}

export function contactName(c: Contact): string {
  return [c.first_name, c.last_name].filter(Boolean).join(" ");
}

/** Choose a person of the record: the company itself or one of its contacts. There is no
 * choice (nothing is shown) for an individual, or a company without contacts. */
export function PersonSelect(props: {
  label: string;
  company: boolean;
  contacts: Contact[];
  value: number | null;
  onChange: (id: number | null) => void;
  error?: string;
  companyLabel?: string;
}) {
  if (!props.company || props.contacts.length === 0) return null;
  return (
    <Field label={props.label} error={props.error}>
      {(p) => (
        <select
          {...p}
          value={props.value ?? ""}
          onChange={(e) => props.onChange(e.target.value ? Number(e.target.value) : null)}
        >
          <option value="">{props.companyLabel ?? "L'entreprise (standard)"}</option>
          {props.contacts.map((c) => (
            <option key={c.id} value={c.id}>
              {contactName(c)}
              {c.job_title ? ` — ${c.job_title}` : ""}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}
