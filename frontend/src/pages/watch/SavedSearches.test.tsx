// @vitest-environment happy-dom
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { api } from "../../api/client";
import type { SearchOut } from "../../api/types";
import { SavedSearches } from "./SavedSearches";
import { ok } from "../../test-utils";

vi.mock("../../api/client", async (original) => {
  const actual = await original<typeof import("../../api/client")>();
  return { ...actual, api: { GET: vi.fn(), POST: vi.fn(), PATCH: vi.fn(), DELETE: vi.fn() } };
});

const SEARCH = {
  id: 3,
  name: "Démarchage",
  q: "demarchage",
  topic: null,
  classification: null,
  unread: false,
  competitor_id: null,
  matches: 4,
  new_matches: 1,
  version: 5,
} as unknown as SearchOut;

describe("SavedSearches", () => {
  it("saves the current criteria under a name, then renames a search with them", async () => {
    vi.mocked(api.GET).mockResolvedValue(ok({ items: [SEARCH], total: 1 }) as never);
    vi.mocked(api.POST).mockResolvedValue(ok({ ...SEARCH, id: 4 }) as never);
    vi.mocked(api.PATCH).mockResolvedValue(ok({ ...SEARCH, version: 6 }) as never);
    render(
      <QueryClientProvider client={new QueryClient()}>
        <SavedSearches criteria={{ q: "prix", classification: "fact" }} onApply={vi.fn()} />
      </QueryClientProvider>,
    );
    const aside = screen.getByRole("complementary", { name: "Recherches enregistrées" });
    expect(await within(aside).findByText("4 article(s), dont 1 nouveau(x)")).toBeInTheDocument();
    const user = userEvent.setup();
    const name = within(aside).getByLabelText("Nom de la recherche");
    await user.type(name, " Prix (faits) ");
    await user.click(within(aside).getByRole("button", { name: "Enregistrer les critères actuels" }));
    expect(vi.mocked(api.POST).mock.calls[0][1]).toEqual({
      body: { name: "Prix (faits)", q: "prix", classification: "fact" },
    });
    expect(name).toHaveValue("");

    await user.click(within(aside).getByRole("button", { name: "Modifier la recherche Démarchage" }));
    const form = within(aside).getByRole("form", { name: "Modifier la recherche Démarchage" });
    await user.clear(within(form).getByLabelText("Nouveau nom"));
    await user.type(within(form).getByLabelText("Nouveau nom"), "Prix");
    await user.click(within(form).getByLabelText("Remplacer ses critères par les critères actuels"));
    await user.click(within(form).getByRole("button", { name: "Enregistrer" }));
    expect(vi.mocked(api.PATCH).mock.calls[0][1]).toEqual({
      params: { path: { search_id: 3 } },
      body: {
        version: 5,
        name: "Prix",
        q: "prix",
        topic: null,
        classification: "fact",
        unread: false,
        competitor_id: null,
      },
    });
  });
});
