// Route-level code splitting: each page module is its own chunk, loaded when its route is
// first opened (React.lazy); <PageSuspense> shows a busy state meanwhile. The initial script
// then holds the shell (session, layout, router, query client) and nothing of the pages.
import { lazy, Suspense, type ComponentType, type ReactNode } from "react";
import { Busy } from "./ui";

/** A page exported by name from a module loaded on demand: `lazyPage(() => import("./X"), "XPage")`. */
export function lazyPage<M extends Record<string, unknown>, K extends keyof M & string>(
  load: () => Promise<M>,
  name: K,
): ComponentType {
  return lazy(async () => ({ default: (await load())[name] as ComponentType }));
}

export function PageSuspense({ children }: { children: ReactNode }) {
  return <Suspense fallback={<Busy label="Chargement de la page…" />}>{children}</Suspense>;
}
