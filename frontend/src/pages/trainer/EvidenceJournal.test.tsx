// @vitest-environment happy-dom
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { api } from "../../api/client";
import type { Portfolio } from "../../api/types";
import { EvidenceJournal } from "./EvidenceJournal";

vi.mock("../../api/client", async (original) => {
  const actual = await original<typeof import("../../api/client")>();
  return { ...actual, api: { GET: vi.fn() } };
});

const PORTFOLIO = {
  competences: [{ code: "CP1", title: "Veille", criteria: [{ code: "CP1.1" }, { code: "CP1.2" }] }],
} as unknown as Portfolio;

const ENTRY = {
  id: 1,
  created_at: "2026-11-27T10:00:00Z",
  action: "create_prospect",
  label: "Fiche prospect créée",
  codes: ["CP2.1"],
  resource_type: "prospects",
  resource_id: "3",
};

type Query = Record<string, unknown>;
const journalQueries = () =>
  vi
    .mocked(api.GET)
    .mock.calls.filter((c) => c[0] === "/api/v1/trainees/{trainee_id}/evidence")
    .map((c) => (c[1] as { params: { query: Query } }).params.query);

function renderJournal(entries: (query: Query) => { items: unknown[]; total: number }) {
  vi.mocked(api.GET).mockImplementation(((path: string, options: { params: { query: Query } }) =>
    Promise.resolve({
      data:
        path === "/api/v1/trainees/{trainee_id}/evidence"
          ? entries(options.params.query)
          : { id: 3, name: "Boulangerie Martin", kind: "company", status: "new", priority: null },
      response: new Response(null, { status: 200 }),
    })) as never);
  render(
    <QueryClientProvider client={new QueryClient()}>
      <EvidenceJournal traineeId={12} portfolio={PORTFOLIO} />
    </QueryClientProvider>,
  );
}

describe("EvidenceJournal", () => {
  beforeEach(() => {
    vi.mocked(api.GET).mockReset();
  });

  it("lists the trainee's activity and opens the record an entry points to", async () => {
    renderJournal(() => ({ items: [ENTRY], total: 1 }));
    const row = (await screen.findByRole("rowheader", { name: "Fiche prospect créée" })).closest("tr") as HTMLElement;
    expect(within(row).getByText(/Prospect n° 3/)).toBeInTheDocument();
    const user = userEvent.setup();
    await user.click(within(row).getByRole("button", { name: "Voir la fiche Prospect n° 3" }));
    expect(await within(row).findByText("Boulangerie Martin")).toBeInTheDocument();
  });

  it("filters from the first page, and says so when nothing matches", async () => {
    renderJournal((query) => (query.code ? { items: [], total: 0 } : { items: [ENTRY], total: 45 }));
    const user = userEvent.setup();
    await user.click(await screen.findByRole("button", { name: "Suivant" }));
    await vi.waitFor(() => expect(journalQueries().at(-1)).toMatchObject({ offset: 20 }));
    await user.selectOptions(screen.getByLabelText("Compétence ou critère"), "CP1.2");
    expect(await screen.findByText("Aucune activité ne répond à ces critères.")).toBeInTheDocument();
    expect(journalQueries().at(-1)).toMatchObject({ code: "CP1.2", offset: 0 });
  });

  it("says when the trainee has done nothing yet", async () => {
    renderJournal(() => ({ items: [], total: 0 }));
    expect(await screen.findByText("Aucune activité enregistrée pour ce stagiaire.")).toBeInTheDocument();
  });
});
