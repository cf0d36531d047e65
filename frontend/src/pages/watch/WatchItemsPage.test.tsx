// @vitest-environment happy-dom
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { MemoryRouter } from "react-router-dom";
import { describe, expect, it, vi } from "vitest";
import { api } from "../../api/client";
import type { ItemOut } from "../../api/types";
import { WatchItemsPage } from "./WatchItemsPage";
import { ok } from "../../test-utils";

vi.mock("../../api/client", async (original) => {
  const actual = await original<typeof import("../../api/client")>();
  return { ...actual, api: { GET: vi.fn(), POST: vi.fn(), PATCH: vi.fn(), DELETE: vi.fn() } };
});

const ITEM = {
  id: 1,
  title: "Démarchage téléphonique : ce qui change",
  link: "https://example.org/demarchage",
  published_at: "2026-11-20T08:00:00Z",
  summary: "Le consentement préalable devient la règle.",
  topic: "regulation",
  classification: null,
  suggested_classification: "fact",
  suggestion_reasons: ["chiffres"],
  rating: null,
  relevance: null,
  is_read: false,
  starred: false,
  shared: false,
  tags: [],
  notes: "",
  version: 1,
} as unknown as ItemOut;

describe("WatchItemsPage", () => {
  it("lists the items matching the search, says when none does, and adds one by hand", async () => {
    vi.mocked(api.GET).mockImplementation((async (path: string, options?: { params?: { query?: { q?: string } } }) => {
      if (path === "/api/v1/watch/items") {
        const items = options?.params?.query?.q ? [] : [ITEM];
        return ok({ items, total: items.length });
      }
      if (path === "/api/v1/competitors") return ok({ items: [{ id: 4, name: "Alpha Bureautique" }], total: 1 });
      return ok({ items: [], total: 0 });
    }) as never);
    vi.mocked(api.POST).mockResolvedValue(ok({ ...ITEM, id: 2 }) as never);
    render(
      <QueryClientProvider client={new QueryClient()}>
        <MemoryRouter>
          <WatchItemsPage />
        </MemoryRouter>
      </QueryClientProvider>,
    );
    const link = await screen.findByRole("link", { name: "Démarchage téléphonique : ce qui change" });
    expect(link).toHaveAttribute("href", "https://example.org/demarchage");
    const user = userEvent.setup();
    await user.type(screen.getByLabelText("Rechercher"), "zz");
    expect(await screen.findByText("Aucun article ne répond à ces critères.")).toBeInTheDocument();

    await user.click(screen.getByRole("button", { name: "Ajouter un article" }));
    const form = screen.getByRole("form", { name: "Nouvel article" });
    await user.type(within(form).getByLabelText("Titre"), "Salon : nouveau stand");
    await user.selectOptions(within(form).getByLabelText("Concurrent concerné"), "Alpha Bureautique");
    await user.click(within(form).getByRole("button", { name: "Ajouter l'article" }));
    expect(vi.mocked(api.POST).mock.calls[0]).toEqual([
      "/api/v1/watch/items",
      {
        body: { title: "Salon : nouveau stand", summary: "", topic: "market", source_id: null, competitor_id: 4 },
      },
    ]);
  });
});
