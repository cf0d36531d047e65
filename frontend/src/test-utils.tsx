// What the component tests share: the answers of the mocked API client (openapi-fetch's
// `{ data | error, response }`), the usual problems of the server, and a render inside a
// fresh QueryClient.
import type { ReactNode } from "react";
import { QueryClient, QueryClientProvider, type QueryClientConfig } from "@tanstack/react-query";
import { render } from "@testing-library/react";

/** A success of the mocked client. */
export const ok = (data: unknown, status = 200) => ({ data, response: new Response(null, { status }) });

/** A refusal of the mocked client: the problem (RFC 9457) and a response with its status. */
export const failure = (problem: { status: number; title: string; [key: string]: unknown }) => ({
  error: problem,
  response: new Response(null, { status: problem.status }),
});

/** The server's field errors (422), each about a field of the body. */
export const fieldErrors = (...errors: { field: string; message: string; type?: string }[]) =>
  failure({
    type: "urn:capvente:problem:validation-error",
    title: "Données invalides",
    status: 422,
    errors: errors.map((e) => ({ location: "body", ...e })),
  });

/** The record was changed meanwhile (409). */
export const staleVersion = () =>
  failure({
    type: "urn:capvente:problem:stale-version",
    title: "La ressource a été modifiée entre-temps",
    status: 409,
  });

/** Renders `ui` inside a new QueryClient (queries retried unless `config` says otherwise). */
export function renderWithClient(ui: ReactNode, config?: QueryClientConfig) {
  return render(<QueryClientProvider client={new QueryClient(config)}>{ui}</QueryClientProvider>);
}
