// @vitest-environment happy-dom
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { render, screen } from "@testing-library/react";
import { MemoryRouter, Route, Routes } from "react-router-dom";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { api } from "../../api/client";
import { MyPortfolioPage } from "./MyPortfolioPage";
import { TraineePortfolioPage } from "./TraineePortfolioPage";

vi.mock("../../api/client", async (original) => {
  const actual = await original<typeof import("../../api/client")>();
  return { ...actual, api: { GET: vi.fn() } };
});
vi.mock("../../auth/AuthContext", async (original) => {
  const actual = await original<typeof import("../../auth/AuthContext")>();
  return { ...actual, useAuth: () => ({ me: { role: "trainer", permissions: [] } }) };
});

function renderAt(path: string) {
  render(
    <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
      <MemoryRouter initialEntries={[path]}>
        <Routes>
          <Route path="/moi" element={<MyPortfolioPage />} />
          <Route path="/stagiaires/:traineeId" element={<TraineePortfolioPage />} />
        </Routes>
      </MemoryRouter>
    </QueryClientProvider>,
  );
}

describe("the portfolio pages", () => {
  beforeEach(() => {
    vi.mocked(api.GET).mockReset();
    vi.mocked(api.GET).mockResolvedValue({
      error: { status: 500, title: "Erreur 500" },
      response: new Response(null, { status: 500 }),
    } as never);
  });

  it("say that the portfolio could not be read, and why", async () => {
    renderAt("/moi");
    expect(screen.getByRole("status")).toHaveTextContent("Chargement du portfolio…");
    expect(await screen.findByRole("alert")).toHaveTextContent("Le portfolio n'a pas pu être chargé. Erreur 500");
    expect(screen.queryByRole("status")).toBeNull();
  });

  it("read nothing for an invalid trainee address, and say so without a busy state", () => {
    renderAt("/stagiaires/abc");
    expect(screen.getByRole("alert")).toHaveTextContent("Adresse de stagiaire invalide.");
    expect(screen.queryByRole("status")).toBeNull();
    expect(screen.getByRole("heading", { name: "Portfolio du stagiaire" })).toBeInTheDocument();
    expect(api.GET).not.toHaveBeenCalled();
  });
});
