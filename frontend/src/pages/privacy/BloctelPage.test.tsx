// @vitest-environment happy-dom
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { MemoryRouter } from "react-router-dom";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { api, authFetch } from "../../api/client";
import { BloctelPage } from "./BloctelPage";

vi.mock("../../api/client", async (original) => {
  const actual = await original<typeof import("../../api/client")>();
  return { ...actual, api: { GET: vi.fn() }, authFetch: vi.fn() };
});
vi.mock("../../auth/AuthContext", async (original) => {
  const actual = await original<typeof import("../../auth/AuthContext")>();
  return { ...actual, useAuth: () => ({ me: { role: "trainee" } }) };
});

const REPORT = {
  id: 4,
  checked_on: "2026-11-27",
  numbers_in_list: 120,
  invalid_lines: 2,
  prospects_checked: 15,
  prospects_opposed: 3,
};

function renderPage(history: { items: unknown[]; total: number }) {
  vi.mocked(api.GET).mockResolvedValue({ data: history, response: new Response(null, { status: 200 }) } as never);
  render(
    <QueryClientProvider client={new QueryClient()}>
      <MemoryRouter>
        <BloctelPage />
      </MemoryRouter>
    </QueryClientProvider>,
  );
}

describe("BloctelPage", () => {
  beforeEach(() => {
    vi.mocked(api.GET).mockReset();
    vi.mocked(authFetch).mockReset();
  });

  it("says what to do when no list was checked yet", async () => {
    renderPage({ items: [], total: 0 });
    expect(await screen.findByText("Aucune vérification Bloctel.")).toBeInTheDocument();
    expect(screen.queryByRole("table")).toBeNull();
  });

  it("lists the past checks", async () => {
    renderPage({ items: [REPORT], total: 1 });
    const table = await screen.findByRole("table", { name: "Vérifications Bloctel" });
    expect(within(table).getByRole("rowheader")).toHaveTextContent("27/11/2026");
    expect(screen.queryByText("Aucune vérification Bloctel.")).toBeNull();
  });

  it("sends the file chosen and the list's date, then sums the check up", async () => {
    vi.mocked(authFetch).mockResolvedValue(new Response(JSON.stringify(REPORT), { status: 201 }));
    renderPage({ items: [], total: 0 });
    const user = userEvent.setup();
    const submit = screen.getByRole("button", { name: "Vérifier mon fichier" });
    expect(submit).toBeDisabled();
    const file = new File(["0601020304\n"], "bloctel.txt", { type: "text/plain" });
    await user.upload(screen.getByLabelText("Liste Bloctel (fichier texte)"), file);
    await user.type(screen.getByLabelText(/Date de la liste/), "2026-11-27");
    await user.click(submit);
    expect(await screen.findByText(/120 numéro\(s\) dans la liste, 2 ligne\(s\) illisible\(s\)/)).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Voir les particuliers du fichier" })).toBeInTheDocument();
    const [path, init] = vi.mocked(authFetch).mock.calls[0] as [string, RequestInit];
    expect(path).toBe("/api/v1/privacy/bloctel");
    const body = init.body as FormData;
    expect((body.get("file") as File).name).toBe("bloctel.txt");
    expect(body.get("checked_on")).toBe("2026-11-27");
  });
});
