// @vitest-environment happy-dom
// A company tutor's routes: home is the queue of notes to read; any other area (prospects…)
// says it is not theirs rather than showing a trainee's page the API would refuse.
import { screen } from "@testing-library/react";
import { MemoryRouter } from "react-router-dom";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { App } from "../../App";
import { api } from "../../api/client";
import { ok, renderWithClient } from "../../test-utils";

vi.mock("../../api/client", async (original) => {
  const actual = await original<typeof import("../../api/client")>();
  return { ...actual, api: { GET: vi.fn(), POST: vi.fn(), PATCH: vi.fn(), DELETE: vi.fn() } };
});
const TUTOR = { id: 3, full_name: "Marc Lemaire", role: "tutor", permissions: [], tutees: [], led_cohorts: [] };
vi.mock("../../auth/AuthContext", async (original) => {
  const actual = await original<typeof import("../../auth/AuthContext")>();
  return { ...actual, useAuth: () => ({ me: TUTOR, loading: false, logout: vi.fn() }) };
});

function renderAt(url: string) {
  renderWithClient(
    <MemoryRouter initialEntries={[url]}>
      <App />
    </MemoryRouter>,
    { defaultOptions: { queries: { retry: false } } },
  );
}

beforeEach(() => {
  vi.mocked(api.GET).mockReset();
  vi.mocked(api.GET).mockResolvedValue(ok([]) as never);
});

describe("a company tutor's routes", () => {
  it("opens on the notes to read", async () => {
    renderAt("/");
    expect(await screen.findByRole("heading", { level: 1, name: "Notes à lire" })).toBeInTheDocument();
    expect(await screen.findByText("Aucune note à lire")).toBeInTheDocument();
    const paths = (vi.mocked(api.GET).mock.calls as unknown as [string][]).map(([path]) => path);
    expect(paths).toEqual(["/api/v1/notes/queue"]);
  });

  it("says a trainee's page is not theirs, and asks the API nothing", async () => {
    renderAt("/prospects");
    expect(await screen.findByRole("heading", { level: 1, name: "Page réservée" })).toBeInTheDocument();
    expect(screen.getByRole("alert")).toHaveTextContent("n'est pas ouverte aux tuteurs en entreprise");
    expect(screen.getByRole("link", { name: "Analyses de vos alternants" })).toHaveAttribute("href", "/analyses");
    expect(api.GET).not.toHaveBeenCalled();
  });
});
