// The server's import rules (fields a column may feed, formats, limits), read once per session.
import { useQuery } from "@tanstack/react-query";
import { importQueries } from "../../api/queries/imports";
import { fieldLabel } from "../../labels/imports";

export function useImportRules() {
  return useQuery(importQueries.rules());
}

/** A field's French label from the rules (its raw name until they are loaded). */
export function useFieldLabel(): (field: string | null | undefined) => string {
  const rules = useImportRules();
  return (field) => fieldLabel(field, rules.data);
}
