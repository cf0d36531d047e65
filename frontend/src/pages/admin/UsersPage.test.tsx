// @vitest-environment happy-dom
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { api } from "../../api/client";
import { UsersPage } from "./UsersPage";

vi.mock("../../api/client", async (original) => {
  const actual = await original<typeof import("../../api/client")>();
  return { ...actual, api: { GET: vi.fn(), POST: vi.fn(), PATCH: vi.fn() } };
});
vi.mock("../../auth/AuthContext", async (original) => {
  const actual = await original<typeof import("../../auth/AuthContext")>();
  return { ...actual, useAuth: () => ({ me: { id: 1, role: "admin" } }) };
});
vi.mock("./AdminNav", () => ({ AdminNav: () => null }));

const LEA = {
  id: 21,
  full_name: "Léa Martin",
  email: "lea@example.org",
  role: "trainee",
  cohort_id: 7,
  is_active: true,
  last_login_at: null,
  version: 3,
};

type Query = Record<string, unknown>;
const userQueries = () =>
  vi
    .mocked(api.GET)
    .mock.calls.filter((c) => c[0] === "/api/v1/users")
    .map((c) => (c[1] as { params: { query: Query } }).params.query);

function renderPage(users: (query: Query) => { items: unknown[]; total: number }) {
  vi.mocked(api.GET).mockImplementation(((path: string, options: { params: { query: Query } }) =>
    Promise.resolve({
      data:
        path === "/api/v1/cohorts"
          ? { items: [{ id: 7, name: "Session mars" }], total: 1 }
          : users(options.params.query),
      response: new Response(null, { status: 200 }),
    })) as never);
  render(
    <QueryClientProvider client={new QueryClient()}>
      <UsersPage />
    </QueryClientProvider>,
  );
}

describe("UsersPage", () => {
  beforeEach(() => {
    vi.mocked(api.GET).mockReset();
  });

  it("lists the accounts with their cohort, and filters from the first page", async () => {
    renderPage(() => ({ items: [LEA], total: 120 }));
    const row = (await screen.findByRole("cell", { name: "Léa Martin" })).closest("tr") as HTMLElement;
    expect(await within(row).findByText("Session mars")).toBeInTheDocument();
    const user = userEvent.setup();
    await user.click(screen.getByRole("button", { name: "Suivant" }));
    await vi.waitFor(() => expect(userQueries().at(-1)).toMatchObject({ offset: 50 }));
    await user.selectOptions(screen.getByLabelText("Rôle"), "trainer");
    await vi.waitFor(() => expect(userQueries().at(-1)).toMatchObject({ role: "trainer", offset: 0 }));
  });

  it("says when no account matches the filters", async () => {
    renderPage((query) => (query.q ? { items: [], total: 0 } : { items: [LEA], total: 1 }));
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText("Nom ou e-mail"), "zz");
    expect(await screen.findByText("Aucun compte ne correspond à ces filtres.")).toBeInTheDocument();
    expect(screen.getByText("Élargissez la recherche.")).toBeInTheDocument();
  });

  it("opens the form on an account", async () => {
    renderPage(() => ({ items: [LEA], total: 1 }));
    const user = userEvent.setup();
    await user.click(await screen.findByRole("button", { name: "Modifier Léa Martin" }));
    expect(screen.getByRole("form", { name: "Modifier le compte de Léa Martin" })).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Annuler" }));
    expect(screen.queryByRole("form")).toBeNull();
  });
});
