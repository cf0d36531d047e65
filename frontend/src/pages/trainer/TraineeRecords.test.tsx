// @vitest-environment happy-dom
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { MemoryRouter } from "react-router-dom";
import { describe, expect, it, vi } from "vitest";
import { api } from "../../api/client";
import { TraineeRecords } from "./TraineeRecords";

vi.mock("../../api/client", async (original) => {
  const actual = await original<typeof import("../../api/client")>();
  return { ...actual, api: { GET: vi.fn() } };
});

const PAGES: Record<string, unknown> = {
  "/api/v1/prospects": {
    items: [
      {
        id: 3,
        name: "Boulangerie Martin",
        status: "qualified",
        priority: "A",
        city: "Lyon",
        next_contact_on: "2026-12-01",
        last_contact_at: null,
      },
    ],
    total: 1,
  },
  "/api/v1/tours": {
    items: [
      {
        id: 8,
        name: "Tournée du 02/12",
        first_day: "2026-12-02",
        days_count: 1,
        visits_planned: 6,
        visits_unassigned: 1,
        total_km: "80",
        baseline_km: "100",
        co2_total_kg: "17.28",
      },
    ],
    total: 1,
  },
  "/api/v1/competitors": { items: [], total: 0 },
};

function renderRecords() {
  vi.mocked(api.GET).mockImplementation((async (path: string) => ({
    data: PAGES[path] ?? { items: [], total: 0 },
    response: new Response(null, { status: 200 }),
  })) as never);
  render(
    <QueryClientProvider client={new QueryClient()}>
      <MemoryRouter>
        <TraineeRecords traineeId={12} name="Léa Petit" />
      </MemoryRouter>
    </QueryClientProvider>,
  );
}

describe("TraineeRecords", () => {
  it("lists the trainee's prospects, and only theirs, with a link to each record", async () => {
    renderRecords();
    const link = await screen.findByRole("link", { name: "Boulangerie Martin" });
    expect(link).toHaveAttribute("href", "/prospects/3");
    const [path, options] = vi.mocked(api.GET).mock.calls[0] as unknown as [
      string,
      { params: { query: Record<string, unknown> } },
    ];
    expect(path).toBe("/api/v1/prospects");
    expect(options.params.query).toMatchObject({ owner_id: 12, offset: 0 });
  });

  it("moves between tabs with the arrow keys, as a tab list does", async () => {
    renderRecords();
    const user = userEvent.setup();
    const first = screen.getByRole("tab", { name: "Prospects" });
    expect(first).toHaveAttribute("aria-selected", "true");
    first.focus();
    await user.keyboard("{ArrowRight}");
    const tours = screen.getByRole("tab", { name: "Tournées" });
    expect(tours).toHaveFocus();
    expect(tours).toHaveAttribute("aria-selected", "true");
    const panel = screen.getByRole("tabpanel");
    expect(await within(panel).findByRole("link", { name: "Tournée du 02/12" })).toHaveAttribute("href", "/tournees/8");
    expect(within(panel).getByText("20 %")).toBeInTheDocument(); // 80 km against 100 in the trainee's order
    await user.keyboard("{ArrowLeft}{ArrowLeft}");
    expect(screen.getByRole("tab", { name: "Concurrents" })).toHaveAttribute("aria-selected", "true");
    expect(await screen.findByText("Aucun concurrent décrit.")).toBeInTheDocument();
    const calls = vi
      .mocked(api.GET)
      .mock.calls.map((c) => [c[0], (c[1] as { params: { query: { owner_id: number } } }).params.query.owner_id]);
    expect(calls).toContainEqual(["/api/v1/tours", 12]);
    expect(calls).toContainEqual(["/api/v1/competitors", 12]);
  });
});
