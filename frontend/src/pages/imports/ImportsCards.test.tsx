// @vitest-environment happy-dom
// The imports page's history (QueryState, cancelling a job) and its export card (its filters).
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import type { ReactNode } from "react";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { api, authFetch } from "../../api/client";
import { saveResponse } from "../../api/download";
import { cancelImport } from "../../api/imports";
import { ExportCard } from "./ExportCard";
import { ImportHistory } from "./ImportHistory";
import { ok } from "../../test-utils";

vi.mock("../../api/client", async (original) => {
  const actual = await original<typeof import("../../api/client")>();
  return { ...actual, api: { GET: vi.fn() }, authFetch: vi.fn() };
});
vi.mock("../../api/download", async (original) => ({
  ...(await original<typeof import("../../api/download")>()),
  saveResponse: vi.fn(async () => "prospects.csv"),
}));
vi.mock("../../api/imports", async (original) => ({
  ...(await original<typeof import("../../api/imports")>()),
  cancelImport: vi.fn(async () => ({})),
}));

const get = vi.mocked(api.GET);

function renderCard(card: ReactNode) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(<QueryClientProvider client={client}>{card}</QueryClientProvider>);
}

beforeEach(() => get.mockReset());

describe("ImportHistory", () => {
  const job = {
    id: 12,
    filename: "salon.csv",
    status: "validated",
    created_at: "2026-12-05T08:00:00Z",
    total_rows: 5,
    valid_rows: 3,
    error_rows: 2,
    duplicate_rows: 1,
    created_count: 0,
    updated_count: 0,
    error: null,
  };

  it("says there is no import yet, and none with a status", async () => {
    get.mockResolvedValue(ok({ items: [], total: 0, limit: 10, offset: 0 }) as never);
    const user = userEvent.setup();
    renderCard(<ImportHistory openId={null} onOpen={vi.fn()} />);
    expect(await screen.findByText("Aucun import pour l'instant.")).toBeInTheDocument();
    await user.selectOptions(screen.getByLabelText("Statut"), "failed");
    expect(await screen.findByText("Aucun import avec ce statut.")).toBeInTheDocument();
  });

  it("opens an import and cancels one not written", async () => {
    get.mockResolvedValue(ok({ items: [job], total: 1, limit: 10, offset: 0 }) as never);
    const onOpen = vi.fn();
    const user = userEvent.setup();
    renderCard(<ImportHistory openId={null} onOpen={onOpen} />);
    await user.click(await screen.findByRole("button", { name: "Ouvrir : import n° 12 (salon.csv)" }));
    expect(onOpen).toHaveBeenCalledWith(12);
    await user.click(screen.getByRole("button", { name: "Annuler : import n° 12 (salon.csv)" }));
    expect(cancelImport).toHaveBeenCalledWith(12);
  });
});

describe("ExportCard", () => {
  it("downloads with the filters set, and says how many records", async () => {
    vi.mocked(authFetch).mockResolvedValue(new Response("", { headers: { "X-Total-Count": "2" } }));
    const user = userEvent.setup();
    renderCard(<ExportCard />);
    await user.type(screen.getByLabelText("Rechercher dans les fiches"), " Lyon ");
    await user.selectOptions(screen.getByLabelText("Type de fiche"), "company");
    await user.click(screen.getByRole("button", { name: "Exporter en CSV" }));
    expect(await screen.findByText("Export CSV téléchargé : 2 fiche(s).")).toBeInTheDocument();
    expect(authFetch).toHaveBeenCalledWith("/api/v1/prospects/export?format=csv&q=Lyon&kind=company");
    expect(saveResponse).toHaveBeenCalledWith(expect.any(Response), "prospects.csv");
  });
});
