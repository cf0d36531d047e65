// @vitest-environment happy-dom
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { render, screen, within } from "@testing-library/react";
import type { ReactNode } from "react";
import userEvent from "@testing-library/user-event";
import { MemoryRouter } from "react-router-dom";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { api } from "../../api/client";
import { AccessLogPage, RetentionPage } from "./AdminPages";

vi.mock("../../api/client", async (original) => {
  const actual = await original<typeof import("../../api/client")>();
  return { ...actual, api: { GET: vi.fn(), POST: vi.fn() } };
});
const auth = vi.hoisted(() => ({ role: "admin" }));
vi.mock("../../auth/AuthContext", async (original) => {
  const actual = await original<typeof import("../../auth/AuthContext")>();
  return { ...actual, useAuth: () => ({ me: { role: auth.role } }) };
});

const ENTRY = {
  id: 1,
  at: "2026-11-27T10:00:00Z",
  actor_id: 2,
  action: "export",
  prospect_id: 7,
  contact_id: null,
  detail: "",
};

function serve(answers: Record<string, unknown>) {
  vi.mocked(api.GET).mockImplementation((async (path: string) =>
    answers[path] instanceof Error
      ? { error: { status: 500, title: "Erreur 500" }, response: new Response(null, { status: 500 }) }
      : { data: answers[path], response: new Response(null, { status: 200 }) }) as never);
}

function renderPage(page: ReactNode) {
  render(
    <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
      <MemoryRouter>{page}</MemoryRouter>
    </QueryClientProvider>,
  );
}

const queries = () =>
  vi
    .mocked(api.GET)
    .mock.calls.filter((c) => c[0] === "/api/v1/privacy/access-log")
    .map((c) => (c[1] as { params: { query: Record<string, unknown> } }).params.query);

describe("AccessLogPage", () => {
  beforeEach(() => {
    auth.role = "admin";
    vi.mocked(api.GET).mockReset();
  });

  it("is for admins only", () => {
    auth.role = "trainer";
    renderPage(<AccessLogPage />);
    expect(screen.getByText("Cette page est réservée aux administrateurs du centre de formation.")).toBeInTheDocument();
    expect(api.GET).not.toHaveBeenCalled();
  });

  it("names each entry's author, and filters from the first page", async () => {
    serve({
      "/api/v1/privacy/access-log": { items: [ENTRY], total: 60 },
      "/api/v1/users": { items: [{ id: 2, full_name: "Claire Formatrice" }], total: 1 },
    });
    const user = userEvent.setup();
    renderPage(<AccessLogPage />);
    const table = await screen.findByRole("table");
    expect(await within(table).findByText("Claire Formatrice")).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Suivant" }));
    await vi.waitFor(() => expect(queries().at(-1)).toMatchObject({ offset: 25 }));
    await user.selectOptions(screen.getByLabelText("Action"), "export");
    await vi.waitFor(() => expect(queries().at(-1)).toMatchObject({ action: "export", offset: 0 }));
  });

  it("says when no entry matches, and why the authors are unnamed", async () => {
    serve({ "/api/v1/privacy/access-log": { items: [], total: 0 }, "/api/v1/users": new Error() });
    renderPage(<AccessLogPage />);
    expect(await screen.findByText("Aucune entrée ne correspond.")).toBeInTheDocument();
    expect(await screen.findByRole("alert")).toHaveTextContent("Erreur 500");
  });
});

describe("RetentionPage", () => {
  beforeEach(() => {
    auth.role = "admin";
    vi.mocked(api.GET).mockReset();
  });

  it("sums the simulation up, and says when no record is past its retention", async () => {
    serve({
      "/api/v1/privacy/retention": { retention_years: 3, cutoff: "2023-11-27", candidates: [] },
      "/api/v1/users": { items: [], total: 0 },
    });
    renderPage(<RetentionPage />);
    expect(await screen.findByText(/Durée de conservation : 3 an\(s\)/)).toBeInTheDocument();
    expect(screen.getByText("Aucune fiche n'a dépassé la durée de conservation.")).toBeInTheDocument();
  });
});
