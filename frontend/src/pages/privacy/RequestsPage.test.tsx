// @vitest-environment happy-dom
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { MemoryRouter } from "react-router-dom";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { api } from "../../api/client";
import { RequestsPage } from "./RequestsPage";

vi.mock("../../api/client", async (original) => {
  const actual = await original<typeof import("../../api/client")>();
  return { ...actual, api: { GET: vi.fn(), POST: vi.fn() } };
});
const auth = vi.hoisted(() => ({ role: "trainee" }));
vi.mock("../../auth/AuthContext", async (original) => {
  const actual = await original<typeof import("../../auth/AuthContext")>();
  return { ...actual, useAuth: () => ({ me: { role: auth.role } }) };
});

const REQUEST = {
  id: 4,
  kind: "erasure",
  status: "open",
  owner_id: 21,
  prospect_id: 5,
  contact_id: null,
  subject_name: "Jeanne Martin",
  received_on: "2026-11-02",
  due_on: "2026-12-02",
  overdue: true,
  extension_reason: null,
  completed_at: null,
  channel: "Courrier",
  details: "",
  changes: {},
  response_note: "",
  version: 1,
};

type Query = Record<string, unknown>;
const listQueries = () =>
  vi
    .mocked(api.GET)
    .mock.calls.filter((c) => c[0] === "/api/v1/privacy/requests")
    .map((c) => (c[1] as { params: { query: Query } }).params.query)
    .filter((q) => q.limit !== 1);

function renderPage(requests: (query: Query) => unknown[]) {
  vi.mocked(api.GET).mockImplementation(((path: string, options: { params: { query: Query } }) => {
    const query = options.params.query;
    const items =
      path === "/api/v1/users"
        ? [{ id: 21, full_name: "Léa Martin" }]
        : query.limit === 1
          ? [REQUEST]
          : requests(query);
    return Promise.resolve({ data: { items, total: items.length }, response: new Response(null, { status: 200 }) });
  }) as never);
  render(
    <QueryClientProvider client={new QueryClient()}>
      <MemoryRouter>
        <RequestsPage />
      </MemoryRouter>
    </QueryClientProvider>,
  );
}

describe("RequestsPage", () => {
  beforeEach(() => {
    auth.role = "trainee";
    vi.mocked(api.GET).mockReset();
    vi.mocked(api.POST).mockReset();
  });

  it("names each request's trainee for staff, and says when no request matches the filters", async () => {
    auth.role = "trainer";
    renderPage((query) => (query.kind ? [] : [REQUEST]));
    const table = await screen.findByRole("table", { name: "Demandes des personnes, par échéance" });
    expect(await within(table).findByRole("cell", { name: "Léa Martin" })).toBeInTheDocument();
    expect(screen.getByRole("alert")).toHaveTextContent("1 demande(s) en retard");
    const user = userEvent.setup();
    await user.selectOptions(screen.getByLabelText("Type"), "access");
    expect(await screen.findByText("Aucune demande ne correspond aux filtres.")).toBeInTheDocument();
    expect(listQueries().at(-1)).toMatchObject({ kind: "access", offset: 0 });
  });

  it("lets the trainee close an erasure once confirmed, with the response made", async () => {
    vi.mocked(api.POST).mockResolvedValue({ data: {}, response: new Response(null, { status: 200 }) } as never);
    renderPage(() => [REQUEST]);
    const user = userEvent.setup();
    await user.click(await screen.findByRole("button", { name: "Détails : demande n° 4" }));
    const form = screen.getByRole("form", { name: "Clôturer la demande n° 4" });
    const submit = within(form).getByRole("button", { name: "Exécuter et clôturer" });
    expect(submit).toBeDisabled();
    await user.type(within(form).getByLabelText(/Réponse faite à la personne/), "Données effacées.");
    await user.click(within(form).getByRole("checkbox", { name: "Je confirme l'effacement définitif" }));
    await user.click(submit);
    await vi.waitFor(() =>
      expect(vi.mocked(api.POST).mock.calls[0]).toEqual([
        "/api/v1/privacy/requests/{privacy_request_id}/complete",
        { params: { path: { privacy_request_id: 4 } }, body: { response_note: "Données effacées.", reject: false } },
      ]),
    );
  });

  it("extends a request's deadline with its reason", async () => {
    vi.mocked(api.POST).mockResolvedValue({ data: {}, response: new Response(null, { status: 200 }) } as never);
    renderPage(() => [REQUEST]);
    const user = userEvent.setup();
    await user.click(await screen.findByRole("button", { name: "Détails : demande n° 4" }));
    const form = screen.getByRole("form", { name: "Prolonger la demande n° 4" });
    await user.type(within(form).getByLabelText("Motif de la prolongation"), "Demande complexe");
    await user.click(within(form).getByRole("button", { name: "Prolonger l'échéance" }));
    await vi.waitFor(() =>
      expect(vi.mocked(api.POST).mock.calls[0]).toEqual([
        "/api/v1/privacy/requests/{privacy_request_id}/extend",
        { params: { path: { privacy_request_id: 4 } }, body: { reason: "Demande complexe" } },
      ]),
    );
  });
});
