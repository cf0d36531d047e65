// A form that adds something to the record, opened in its card (a contact, a consent, an
// appointment): the key to the « * », the fields, what went wrong, the submit button.
import type { FormEvent, ReactNode } from "react";
import { RequiredNote } from "../../components/ui";
import { SaveFooter } from "./SaveFooter";

export function AddForm(props: {
  /** The form's accessible name (« Nouveau contact »…). */
  label: string;
  onSubmit: (event: FormEvent) => void;
  /** The mutation that saves it. */
  save: { error: unknown; isPending: boolean };
  submitLabel: string;
  children: ReactNode;
}) {
  return (
    <form className="form-grid" onSubmit={props.onSubmit} aria-label={props.label} noValidate>
      <RequiredNote />
      {props.children}
      <SaveFooter error={props.save.error} pending={props.save.isPending} submitLabel={props.submitLabel} />
    </form>
  );
}
