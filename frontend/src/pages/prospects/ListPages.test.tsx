// @vitest-environment happy-dom
// The personas' and call scripts' pages: their lists (QueryState), the form above the list
// opened on a new record or on one of the list (NewButton, EditorSlot), and what it sends.
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import type { ReactNode } from "react";
import { MemoryRouter } from "react-router-dom";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { api } from "../../api/client";
import { PersonasPage } from "./PersonasPage";
import { ScriptsPage } from "./ScriptsPage";
import { ok } from "../../test-utils";

vi.mock("../../api/client", async (original) => {
  const actual = await original<typeof import("../../api/client")>();
  return { ...actual, api: { GET: vi.fn(), POST: vi.fn(), PATCH: vi.fn() } };
});

const page = (items: unknown[]) => ok({ items, total: items.length, limit: 20, offset: 0 });
const get = vi.mocked(api.GET);

function renderPage(node: ReactNode) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={client}>
      <MemoryRouter>{node}</MemoryRouter>
    </QueryClientProvider>,
  );
}

const persona = (id: number, name: string) => ({
  id,
  name,
  version: 3,
  description: "",
  kind: "company",
  sectors: ["Restauration"],
  size_bands: [],
  postcodes: ["69"],
  center_latitude: null,
  center_longitude: null,
  radius_km: null,
  potential_min: null,
  potential_max: null,
});

beforeEach(() => {
  get.mockReset();
  vi.mocked(api.POST).mockReset();
  vi.mocked(api.PATCH).mockReset();
});

describe("PersonasPage", () => {
  it("says there is none, and opens and closes the new persona's form", async () => {
    get.mockResolvedValue(page([]) as never);
    const user = userEvent.setup();
    renderPage(<PersonasPage />);
    expect(await screen.findByText("Aucun persona.")).toBeInTheDocument();
    const open = screen.getByRole("button", { name: "Nouveau persona" });
    expect(open).toHaveAttribute("aria-expanded", "false");
    await user.click(open);
    expect(screen.getByRole("heading", { name: "Nouveau persona" })).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Fermer" }));
    expect(screen.queryByRole("form")).toBeNull();
  });

  it("opens each persona's form with its own values and sends its version", async () => {
    get.mockResolvedValue(page([persona(1, "Restaurateurs"), persona(2, "Boulangers")]) as never);
    vi.mocked(api.PATCH).mockResolvedValue(ok(persona(2, "Boulangers")) as never);
    const user = userEvent.setup();
    renderPage(<PersonasPage />);
    await user.click(await screen.findByRole("button", { name: "Modifier le persona Restaurateurs" }));
    const name = () => screen.getByLabelText("Nom du persona");
    expect(name()).toHaveValue("Restaurateurs");
    await user.type(name(), " (brouillon)");
    await user.click(screen.getByRole("button", { name: "Modifier le persona Boulangers" }));
    expect(name()).toHaveValue("Boulangers");
    await user.clear(screen.getByLabelText("Secteurs"));
    await user.type(screen.getByLabelText("Secteurs"), "Boulangerie, Pâtisserie, Boulangerie");
    await user.click(screen.getByRole("button", { name: "Enregistrer les modifications" }));
    expect(vi.mocked(api.PATCH).mock.calls[0][1]).toMatchObject({
      params: { path: { persona_id: 2 } },
      body: { version: 3, name: "Boulangers", sectors: ["Boulangerie", "Pâtisserie"], postcodes: ["69"] },
    });
  });
});

describe("ScriptsPage", () => {
  it("writes a script step by step: reorder, remove, add, then send", async () => {
    get.mockImplementation(((path: string) =>
      Promise.resolve(path === "/api/v1/personas" ? page([persona(1, "Restaurateurs")]) : page([]))) as never);
    vi.mocked(api.POST).mockResolvedValue(ok({ id: 9 }) as never);
    const user = userEvent.setup();
    renderPage(<ScriptsPage />);
    expect(await screen.findByText("Aucun script d'appel.")).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Nouveau script" }));
    const form = screen.getByRole("form", { name: "Nouveau script d'appel" });
    await user.type(within(form).getByLabelText("Nom du script"), " Premier appel ");
    await user.selectOptions(within(form).getByLabelText("Pour le persona"), "1");
    await user.type(within(form).getByLabelText("Texte de l'étape 1"), "Bonjour");
    await user.type(within(form).getByLabelText("Texte de l'étape 2"), "Accroche");
    await user.click(within(form).getByRole("button", { name: "Descendre l'étape 1" }));
    expect(within(form).getByLabelText("Texte de l'étape 2")).toHaveValue("Bonjour");
    await user.click(within(form).getByRole("button", { name: "Retirer l'étape 4" }));
    await user.click(within(form).getByRole("button", { name: "Ajouter une étape" }));
    expect(within(form).getByLabelText("Type de l'étape 4")).toHaveValue("objections");
    await user.click(within(form).getByRole("button", { name: "Créer le script" }));
    expect(vi.mocked(api.POST).mock.calls[0][1]).toEqual({
      body: {
        name: "Premier appel",
        persona_id: 1,
        steps: [
          { kind: "hook", text: "Accroche" },
          { kind: "introduction", text: "Bonjour" },
          { kind: "questions", text: "" },
          { kind: "objections", text: "" },
        ],
      },
    });
  });
});
