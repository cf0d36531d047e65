// What both admin lists (accounts, cohorts) keep beside their table: the record open in the
// form above it (or a new one), and the notice of the last save. Opening a form clears the
// notice; the form's key changes with the record's version, so that a saved record opens
// afresh.
import { useState } from "react";

export function useEditing<T extends { id: number; version: number }>() {
  const [editing, setEditing] = useState<T | "new" | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  return {
    /** The record in the form, "new" for a creation, null when the form is closed. */
    editing,
    setEditing,
    saved,
    setSaved,
    /** Opens the form on a record, or on a new one. */
    open: (target: T | "new") => {
      setSaved(null);
      setEditing(target);
    },
    /** The record in the form: null for a creation or when the form is closed. */
    record: editing === null || editing === "new" ? null : editing,
    /** The form's key. */
    formKey: editing === null || editing === "new" ? "new" : `${editing.id}-${editing.version}`,
  };
}
