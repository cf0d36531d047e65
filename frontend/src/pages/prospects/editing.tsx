// A list page whose records open in a form above the list (personas, call scripts): the
// form is closed, open on a new record, or open on one of the list.
import { Fragment, type ReactNode } from "react";
import { DisclosureButton } from "../../components/ui";

export type Editing<T> = T | "new" | null;

/** The page's « Nouveau … » button: opens the empty form, or closes it. */
export function NewButton<T>(props: {
  editing: Editing<T>;
  onEdit: (editing: Editing<T>) => void;
  children: ReactNode;
}) {
  const open = props.editing === "new";
  return (
    <DisclosureButton open={open} onToggle={() => props.onEdit(open ? null : "new")} primary>
      {props.children}
    </DisclosureButton>
  );
}

/** The form of what is being edited (`children` gets the record, none for a new one), made
 * anew for each record so that it starts from that record's values. */
export function EditorSlot<T extends { id: number }>(props: {
  editing: Editing<T>;
  children: (record: T | undefined) => ReactNode;
}) {
  const { editing } = props;
  if (editing === null) return null;
  return (
    <Fragment key={editing === "new" ? "new" : editing.id}>
      {props.children(editing === "new" ? undefined : editing)}
    </Fragment>
  );
}
