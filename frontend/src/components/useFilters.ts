// The state of a paged list's filters: their values, and the page, which goes back to the
// first one whenever a criterion changes.
//
//   const { filters, filter, offset, setOffset } = useFilters({ status: "", q: "" });
//   <FilterSelect value={filters.status} onChange={(v) => filter("status", v)} … />
import { useState } from "react";
import { useForm } from "./useForm";

export function useFilters<T extends object>(initial: T | (() => T)) {
  const { values: filters, set, setValues } = useForm<T>(initial);
  const [offset, setOffset] = useState(0);
  /** Sets one criterion, back on the first page. */
  const filter = <K extends keyof T>(key: K, value: T[K]) => {
    set(key, value);
    setOffset(0);
  };
  /** Sets every criterion at once, back on the first page. */
  const setFilters = (values: T) => {
    setValues(values);
    setOffset(0);
  };
  return { filters, filter, setFilters, offset, setOffset };
}
