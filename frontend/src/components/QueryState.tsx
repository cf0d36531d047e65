// The states of a list read from the server, in the order every list page shows them: the
// error (a banner), the busy state while nothing is read yet, the empty state, then the list.
import type { ReactNode } from "react";
import type { UseQueryResult } from "@tanstack/react-query";
import { Busy, ErrorBanner } from "./ui";

export function QueryState<T extends { items: readonly unknown[] }>(props: {
  query: Pick<UseQueryResult<T>, "data" | "error" | "isPending">;
  /** Shown when the list has no item (usually an <EmptyState> saying what to do next). */
  empty: ReactNode;
  children: (data: T) => ReactNode;
}) {
  const { data, error, isPending } = props.query;
  return (
    <>
      <ErrorBanner error={error} />
      {isPending && <Busy />}
      {data && data.items.length === 0 && props.empty}
      {data && data.items.length > 0 && props.children(data)}
    </>
  );
}
