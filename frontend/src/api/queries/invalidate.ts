import type { QueryClient, QueryKey } from "@tanstack/react-query";

/** Marks the queries under each key stale (and refetches those on screen); settles when the
 * refetches are done, so that a mutation returning it stays pending until then. */
export function invalidate(queryClient: QueryClient, ...stale: QueryKey[]) {
  return Promise.all(stale.map((queryKey) => queryClient.invalidateQueries({ queryKey })));
}
