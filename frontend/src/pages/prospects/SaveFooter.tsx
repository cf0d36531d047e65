// The end of a form that adds to the record (an exchange, a contact, a consent, an
// appointment): what went wrong with the last save, what it did, then the submit button.
import type { ReactNode } from "react";
import { SaveError } from "../../components/ui";

export function SaveFooter(props: {
  error: unknown;
  pending: boolean;
  submitLabel: string;
  /** The button's text while saving (« Enregistrement… » by default). */
  pendingLabel?: string;
  /** What the last save did, shown above the button. */
  notice?: ReactNode;
}) {
  return (
    <>
      <SaveError error={props.error} />
      {props.notice}
      <div className="form-actions">
        <button type="submit" className="primary" disabled={props.pending}>
          {props.pending ? (props.pendingLabel ?? "Enregistrement…") : props.submitLabel}
        </button>
      </div>
    </>
  );
}
