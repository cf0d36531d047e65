// @vitest-environment happy-dom
import type { ReactNode } from "react";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { MemoryRouter, Route, Routes } from "react-router-dom";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { api } from "../../api/client";
import { DEFAULT_LUNCH_MINUTES, DEFAULT_VISIT_MINUTES, emptyDraft, prospectVisit } from "./draft";
import { PlannerPage } from "./PlannerPage";
import { ok } from "../../test-utils";

vi.mock("../../api/client", async (original) => {
  const actual = await original<typeof import("../../api/client")>();
  return { ...actual, api: { GET: vi.fn(), POST: vi.fn(), PUT: vi.fn() } };
});

// The result's map and timetable are PlanResult's own; here, only what the planner adds under
// each day (its suggestions).
vi.mock("./PlanResult", () => ({
  PlanResult: ({ dayExtra }: { dayExtra?: (index: number) => ReactNode }) => (
    <section aria-label="Résultat">{dayExtra?.(0)}</section>
  ),
}));

const invalid = (errors: { field: string; message: string }[]) => ({
  error: { title: "Données invalides", status: 422, errors: errors.map((e) => ({ location: "body", ...e })) },
  response: new Response(null, { status: 422 }),
});

const GETS: Record<string, unknown> = {
  "/api/v1/tour-base": { label: "Agence de Tullins", address: null, latitude: 45.3, longitude: 5.48 },
  "/api/v1/emission-factors": [],
};

function renderPlanner() {
  vi.mocked(api.GET).mockImplementation((async (path: string) => ok(GETS[path] ?? { items: [], total: 0 })) as never);
  const draft = emptyDraft(new Date(2026, 10, 27)); // a Friday: the day is Monday the 30th
  draft.visits = [prospectVisit({ id: 12, name: "Garage Roy" })];
  render(
    <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
      <MemoryRouter initialEntries={[{ pathname: "/tournees/nouvelle", state: { draft, from: "Tournée reprise." } }]}>
        <Routes>
          <Route path="/tournees/nouvelle" element={<PlannerPage />} />
          <Route path="/tournees/:id" element={<p>Tournée enregistrée</p>} />
        </Routes>
      </MemoryRouter>
    </QueryClientProvider>,
  );
  return userEvent.setup();
}

/** The bodies POSTed to `path`. */
const posted = (path: string) =>
  (vi.mocked(api.POST).mock.calls as unknown as [string, { body: Record<string, unknown> }][])
    .filter(([p]) => p === path)
    .map(([, options]) => options.body);

describe("PlannerPage", () => {
  beforeEach(() => vi.mocked(api.POST).mockReset());

  it("sends the days, options and visits, and puts the server's errors beside them", async () => {
    vi.mocked(api.POST).mockResolvedValue(
      invalid([
        { field: "days[1].end_time", message: "La fin précède le début." },
        { field: "lunch.end", message: "Trop tard." },
        { field: "visits[0].windows[0].end", message: "Fenêtre vide." },
        { field: "depot", message: "Inconnu." },
      ]) as never,
    );
    const user = renderPlanner();
    expect(screen.getByText(/Tournée reprise\./)).toBeInTheDocument();
    expect(await screen.findByText("Agence de Tullins")).toBeInTheDocument();
    expect(screen.getByLabelText("Durée de la visite Garage Roy (minutes)")).toHaveAttribute(
      "placeholder",
      String(DEFAULT_VISIT_MINUTES),
    );
    await user.click(screen.getByRole("button", { name: "Ajouter une journée" }));
    expect(screen.getByLabelText("Date du jour 2")).toHaveValue("2026-12-01");
    await user.type(screen.getByLabelText("Nom de la tournée (facultatif)"), "Essai");
    await user.click(screen.getByRole("button", { name: "Planifier" }));

    expect(await screen.findByRole("alert")).toHaveTextContent("La tournée n'a pas pu être planifiée.");
    expect(posted("/api/v1/tours/plan")).toEqual([
      expect.objectContaining({
        name: "Essai",
        mode: "car",
        days: [
          { date: "2026-11-30", start_time: "08:30:00", end_time: "18:00:00" },
          { date: "2026-12-01", start_time: "08:30:00", end_time: "18:00:00" },
        ],
        visits: [{ priority: 3, prospect_id: 12 }],
        lunch: { start: "12:00:00", end: "14:00:00", duration_minutes: DEFAULT_LUNCH_MINUTES },
      }),
    ]);
    expect(screen.getByLabelText("Fin du jour 2")).toHaveAttribute("aria-invalid", "true");
    expect(screen.getByLabelText("Fin du jour 1")).toHaveAttribute("aria-invalid", "false");
    expect(screen.getByLabelText("Finie au plus tard à")).toHaveAttribute("aria-invalid", "true");
    const visits = screen.getByRole("table", { name: "Visites choisies, dans votre ordre" });
    expect(within(visits).getByText("Fenêtre vide.")).toBeInTheDocument();
    expect(screen.getByText("depot : Inconnu.")).toBeInTheDocument();

    await user.click(screen.getByRole("button", { name: "Retirer le jour 1" }));
    expect(screen.getByLabelText("Date")).toHaveValue("2026-12-01");
    await user.click(screen.getByLabelText("Prévoir une pause déjeuner"));
    expect(screen.queryByLabelText("Finie au plus tard à")).toBeNull();
  });

  it("adds a suggestion to the draft, says the result is out of date, and saves the tour shown", async () => {
    vi.mocked(api.POST).mockImplementation((async (path: string) => {
      if (path === "/api/v1/tours/plan") return ok({ name: "Essai" });
      if (path === "/api/v1/tours/plan/suggestions") {
        return ok([
          {
            prospect_id: 30,
            name: "Fleurs de Tullins",
            priority: "A",
            potential: null,
            day_index: 0,
            date: "2026-11-30",
            insert_position: 1,
            after: "Garage Roy",
            extra_km: 4.2,
            extra_minutes: 9,
            extra_co2_kg: 0.8,
            day_end: "2026-11-30T17:40:00+01:00",
          },
        ]);
      }
      return ok({ id: 99, name: "Essai" });
    }) as never);
    const user = renderPlanner();
    await user.click(screen.getByRole("button", { name: "Planifier" }));
    await user.click(await screen.findByRole("button", { name: "Voir les prospects à ajouter" }));
    await user.click(await screen.findByRole("button", { name: "Ajouter à la tournée" }));
    const visits = screen.getByRole("table", { name: "Visites choisies, dans votre ordre" });
    expect(within(visits).getByText("détour estimé +4,2 km le jour 1")).toBeInTheDocument();
    expect(screen.getByText(/Vous avez modifié la demande depuis ce calcul/)).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Ajouté" })).toHaveAttribute("aria-disabled", "true");

    await user.click(screen.getByRole("button", { name: "Enregistrer" }));
    expect(await screen.findByText("Tournée enregistrée")).toBeInTheDocument();
    // The tour shown (one visit), not the draft changed since.
    expect(posted("/api/v1/tours")).toEqual([expect.objectContaining({ visits: [{ priority: 3, prospect_id: 12 }] })]);
  });
});
