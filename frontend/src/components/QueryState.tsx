// The states of something read from the server, in the order every page shows them: the
// error (a banner), the busy state while nothing is read yet, the empty state, then the
// content. A list (`{ items }`) is empty when it has no item; anything else says so with
// `isEmpty` (or is never empty).
import type { ReactNode } from "react";
import type { UseQueryResult } from "@tanstack/react-query";
import { Busy, ErrorBanner } from "./ui";

export function QueryState<T>(props: {
  query: Pick<UseQueryResult<T>, "error" | "isPending"> & { data: T | null | undefined };
  /** Shown when there is nothing to show (usually an <EmptyState> saying what to do next). */
  empty?: ReactNode;
  /** When the data is empty; by default, a list without items. */
  isEmpty?: (data: NonNullable<T>) => boolean;
  /** The busy state's label (« Chargement… » by default). */
  busyLabel?: string;
  children: (data: NonNullable<T>) => ReactNode;
}) {
  const { data, error, isPending } = props.query;
  const isEmpty = props.isEmpty ?? defaultIsEmpty;
  const empty = data !== undefined && data !== null && isEmpty(data as NonNullable<T>);
  return (
    <>
      <ErrorBanner error={error} />
      {isPending && <Busy label={props.busyLabel} />}
      {empty && props.empty}
      {data !== undefined && data !== null && !empty && props.children(data as NonNullable<T>)}
    </>
  );
}

function defaultIsEmpty(data: unknown): boolean {
  if (typeof data !== "object" || data === null || !("items" in data)) return false;
  const items = (data as { items: unknown }).items;
  return Array.isArray(items) && items.length === 0;
}
