// @vitest-environment happy-dom
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { MemoryRouter } from "react-router-dom";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { api } from "../../api/client";
import type { SourceOut } from "../../api/types";
import { WatchSourcesPage } from "./WatchSourcesPage";
import { ok } from "../../test-utils";

vi.mock("../../api/client", async (original) => {
  const actual = await original<typeof import("../../api/client")>();
  return { ...actual, api: { GET: vi.fn(), POST: vi.fn(), PATCH: vi.fn(), DELETE: vi.fn() } };
});

const SOURCE: SourceOut = {
  id: 7,
  owner_id: 1,
  name: "Veille réglementaire",
  kind: "rss",
  url: "https://example.org/flux.xml",
  topic: "regulation",
  competitor_id: null,
  cadence: "weekly",
  reliability: 3,
  reliability_reason: "Site officiel",
  status: "ok",
  last_error: null,
  last_fetched_at: null,
  next_due_at: null,
  created_at: "2026-11-01T08:00:00Z",
  version: 2,
} as SourceOut;

function renderPage(sources: SourceOut[]) {
  vi.mocked(api.GET).mockImplementation((async (path: string) =>
    ok(
      path === "/api/v1/watch/sources"
        ? { items: sources, total: sources.length }
        : { items: [{ id: 4, name: "Alpha Bureautique" }], total: 1 },
    )) as never);
  render(
    <QueryClientProvider client={new QueryClient()}>
      <MemoryRouter>
        <WatchSourcesPage />
      </MemoryRouter>
    </QueryClientProvider>,
  );
  return userEvent.setup();
}

describe("WatchSourcesPage", () => {
  beforeEach(() => {
    vi.mocked(api.POST).mockReset();
    vi.mocked(api.PATCH).mockReset();
  });

  it("says what to do when there is no source, and adds one with a blank address as null", async () => {
    vi.mocked(api.POST).mockResolvedValue(ok({ ...SOURCE, id: 8 }) as never);
    const user = renderPage([]);
    expect(await screen.findByText("Aucune source de veille.")).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Ajouter une source" }));
    const form = screen.getByRole("form", { name: "Nouvelle source" });
    await user.type(within(form).getByLabelText("Nom"), "Salon des entrepreneurs");
    await user.selectOptions(within(form).getByLabelText("Type"), "trade_fair");
    await user.type(within(form).getByLabelText("Pourquoi cette fiabilité ?"), "Vu sur place");
    await user.selectOptions(within(form).getByLabelText("Concurrent suivi"), "Alpha Bureautique");
    await user.click(within(form).getByRole("button", { name: "Enregistrer la source" }));
    expect(vi.mocked(api.POST).mock.calls[0][1]).toEqual({
      body: {
        name: "Salon des entrepreneurs",
        kind: "trade_fair",
        url: null,
        topic: "market",
        cadence: "weekly",
        reliability: 3,
        reliability_reason: "Vu sur place",
        competitor_id: 4,
      },
    });
  });

  it("edits a source in its row, without its kind and with the version read", async () => {
    vi.mocked(api.PATCH).mockResolvedValue(ok({ ...SOURCE, version: 3 }) as never);
    const user = renderPage([SOURCE]);
    const row = await screen.findByRole("row", { name: /Veille réglementaire/ });
    await user.click(within(row).getByRole("button", { name: "Modifier la source Veille réglementaire" }));
    const form = screen.getByRole("form", { name: "Modifier la source Veille réglementaire" });
    expect(within(form).getByLabelText("Type")).toBeDisabled();
    await user.clear(within(form).getByLabelText("Fiabilité (1 à 5)"));
    await user.type(within(form).getByLabelText("Fiabilité (1 à 5)"), "4");
    await user.click(within(form).getByRole("button", { name: "Enregistrer les modifications" }));
    const body = (vi.mocked(api.PATCH).mock.calls[0][1] as { body: Record<string, unknown> }).body;
    expect(body).toMatchObject({ version: 2, reliability: 4, url: "https://example.org/flux.xml" });
    expect(body).not.toHaveProperty("kind");
  });
});
