// @vitest-environment happy-dom
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { render, screen, within } from "@testing-library/react";
import { MemoryRouter } from "react-router-dom";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { api } from "../api/client";
import { DashboardPage } from "./DashboardPage";
import { tourOfDay } from "./dashboard/TodayTour";

vi.mock("../api/client", async (original) => {
  const actual = await original<typeof import("../api/client")>();
  return { ...actual, api: { GET: vi.fn() } };
});

function isoDay(offsetDays = 0): string {
  const now = new Date(Date.now() + offsetDays * 86_400_000);
  return new Date(now.getTime() - now.getTimezoneOffset() * 60_000).toISOString().slice(0, 10);
}

const TOUR = {
  id: 8,
  name: "Tournée de la semaine",
  first_day: isoDay(-1),
  days_count: 3,
  visits_planned: 6,
  total_km: "80.5",
  co2_total_kg: "17.3",
};

type Answers = Record<string, unknown>;

function renderPage(answers: Answers) {
  vi.mocked(api.GET).mockImplementation(((path: string, options?: { params: { query?: { limit?: number } } }) => {
    const key = path === "/api/v1/prospects" && options?.params.query?.limit === 1 ? "overdue" : path;
    return Promise.resolve({ data: answers[key], response: new Response(null, { status: 200 }) });
  }) as never);
  render(
    <QueryClientProvider client={new QueryClient()}>
      <MemoryRouter>
        <DashboardPage />
      </MemoryRouter>
    </QueryClientProvider>,
  );
}

const EMPTY: Answers = {
  "/api/v1/prospects": { items: [], total: 0 },
  overdue: { items: [], total: 0 },
  "/api/v1/tours": { items: [], total: 0 },
  "/api/v1/watch/items": { items: [], total: 0 },
  "/api/v1/me/portfolio": { evidence_total: 0, criteria_acquired: 0, criteria_total: 3, competences: [] },
};

describe("tourOfDay", () => {
  it("finds the tour whose days include the day", () => {
    const tours = [
      { id: 1, first_day: "2026-11-20", days_count: 1 },
      { id: 2, first_day: "2026-11-26", days_count: 3 },
    ];
    expect(tourOfDay(tours, "2026-11-28")?.id).toBe(2);
    expect(tourOfDay(tours, "2026-11-29")).toBeUndefined();
    expect(tourOfDay(tours, "2026-11-20")?.id).toBe(1);
  });
});

describe("DashboardPage", () => {
  beforeEach(() => {
    vi.mocked(api.GET).mockReset();
  });

  it("says what to do next on every card when there is nothing yet", async () => {
    renderPage({ ...EMPTY, "/api/v1/tours": { items: [{ ...TOUR, first_day: isoDay(-10) }], total: 1 } });
    expect(await screen.findByText("Aucun contact en attente. Bravo !")).toBeInTheDocument();
    expect(await screen.findByText("Pas de tournée aujourd'hui.")).toBeInTheDocument();
    expect(await screen.findByText("Aucun article.")).toBeInTheDocument();
    expect(await screen.findByText("Aucune preuve pour l'instant.")).toBeInTheDocument();
    expect(screen.getByText(/0 preuve\(s\), 0 critère\(s\) acquis sur 3\./)).toBeInTheDocument();
  });

  it("shows today's contacts, today's tour with its visits, and the latest watch items", async () => {
    renderPage({
      ...EMPTY,
      "/api/v1/prospects": {
        items: [
          { id: 3, name: "Boulangerie Martin", next_contact_on: isoDay() },
          { id: 4, name: "Garage Dupont", next_contact_on: isoDay(-2) },
        ],
        total: 12,
      },
      overdue: { items: [], total: 7 },
      "/api/v1/tours": { items: [TOUR], total: 1 },
      [`/api/v1/tours/{tour_id}`]: {
        mode: "car",
        days: [
          {
            date: isoDay(),
            start: { latitude: 45.75, longitude: 4.85 },
            stops: [
              { kind: "visit", label: "Fleuriste Rose", start: "09:30", latitude: 45.76, longitude: 4.84 },
              { kind: "break", label: "Pause", start: "12:00" },
            ],
          },
        ],
      },
      "/api/v1/watch/items": {
        items: [{ id: 1, title: "Le marché du pain", published_at: "2026-11-20T08:00:00Z" }],
        total: 1,
      },
    });
    const due = screen.getByRole("region", { name: "Contacts à faire (aujourd'hui et en retard)" });
    expect(await within(due).findByRole("heading", { name: "Aujourd'hui (5)" })).toBeInTheDocument();
    expect(within(due).getByRole("heading", { name: "En retard (7)" })).toBeInTheDocument();
    expect(within(due).getByRole("link", { name: "… et 10 autre(s)" })).toBeInTheDocument();
    const tour = screen.getByRole("region", { name: "Tournée du jour" });
    expect(await within(tour).findByRole("link", { name: "Tournée de la semaine" })).toHaveAttribute(
      "href",
      "/tournees/8",
    );
    const visits = await within(tour).findByRole("list", { name: "Visites du jour" });
    expect(within(visits).getAllByRole("listitem")).toHaveLength(1);
    expect(within(visits).getByText("Fleuriste Rose")).toBeInTheDocument();
    expect(await screen.findByRole("link", { name: "Le marché du pain" })).toBeInTheDocument();
  });
});
