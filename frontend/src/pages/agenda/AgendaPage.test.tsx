// @vitest-environment happy-dom
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { act, render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { MemoryRouter, Route, Routes } from "react-router-dom";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { api } from "../../api/client";
import { isoToday } from "../../labels/prospects";
import { ok } from "../../test-utils";
import { AgendaPage } from "./AgendaPage";
import { mondayOf } from "./week";
import type { AgendaItem } from "./week";

vi.mock("../../api/client", async (original) => {
  const actual = await original<typeof import("../../api/client")>();
  return { ...actual, api: { GET: vi.fn(), POST: vi.fn() } };
});
const auth = vi.hoisted(() => ({ role: "trainee" }));
vi.mock("../../auth/AuthContext", async (original) => {
  const actual = await original<typeof import("../../auth/AuthContext")>();
  return { ...actual, useAuth: () => ({ me: { id: 3, role: auth.role, permissions: [] } }) };
});

const base = { owner_id: 3, books: false, conflict: false, conflicts: [], details: {}, all_day: false };
const WEEK: AgendaItem[] = [
  {
    ...base,
    ref: "next_contact:5",
    kind: "next_contact",
    title: "Recontacter Léa Martin",
    all_day: true,
    day: "2026-11-30",
    last_day: "2026-11-30",
    start: "2026-11-29T23:00:00Z",
    end: "2026-11-30T23:00:00Z",
    link: { kind: "prospect", id: 5, href: "/prospects/5" },
  },
  {
    ...base,
    ref: "tour_day:19:0",
    kind: "tour_day",
    title: "Tournée Lyon nord (jour 1/3)",
    all_day: true,
    books: true,
    day: "2026-12-01",
    last_day: "2026-12-01",
    start: "2026-11-30T23:00:00Z",
    end: "2026-12-01T23:00:00Z",
    link: { kind: "tour", id: 19, href: "/tournees/19" },
  },
  {
    ...base,
    ref: "appointment:1",
    kind: "appointment",
    title: "RDV Boulangerie Martin",
    start: "2026-12-01T09:30:00Z",
    end: "2026-12-01T10:30:00Z",
    place: "12 rue de la Paix, 69009 Lyon",
    books: true,
    conflict: true,
    conflicts: ["appointment:2"],
    details: { prospect_id: 12, status: "planned", duration_minutes: 60 },
    link: { kind: "appointment", id: 1, href: "/agenda?rendez-vous=1" },
  },
  {
    ...base,
    ref: "appointment:2",
    kind: "appointment",
    title: "RDV Garage du Centre",
    start: "2026-12-01T10:00:00Z",
    end: "2026-12-01T11:00:00Z",
    books: true,
    conflict: true,
    conflicts: ["appointment:1"],
    details: { prospect_id: 13, status: "planned", duration_minutes: 60 },
    link: { kind: "appointment", id: 2, href: "/agenda?rendez-vous=2" },
  },
  {
    ...base,
    ref: "task:8",
    kind: "task",
    title: "Préparer le salon",
    all_day: true,
    day: "2026-12-03",
    last_day: "2026-12-03",
    start: "2026-12-02T23:00:00Z",
    end: "2026-12-03T23:00:00Z",
    details: { done: false },
  },
] as AgendaItem[];

// Names as read out: the parts of an entry separated by commas (spaces around them vary).
const BOULANGERIE = /^Rendez-vous ?, 10:30 – 11:30 ?, RDV Boulangerie Martin/;
const GARAGE = /^Rendez-vous ?, 11:00 – 12:00 ?, RDV Garage du Centre/;

type Query = { from: string; to: string; trainee_id?: number };

function mockApi() {
  vi.mocked(api.GET).mockImplementation((async (path: string, init?: { params?: { query?: Query } }) => {
    if (path === "/api/v1/agenda") {
      const q = init!.params!.query!;
      const items = q.from === "2026-11-30" ? WEEK : [];
      return ok({
        owner_id: q.trainee_id ?? 3,
        first_day: q.from,
        last_day: q.to,
        timezone: "Europe/Paris",
        items,
        conflicts: items.filter((i) => i.conflict).length,
      });
    }
    if (path === "/api/v1/users") {
      return ok({
        items: [
          { id: 21, full_name: "Léa Martin" },
          { id: 22, full_name: "Adam Bernard" },
        ],
        total: 2,
      });
    }
    if (path === "/api/v1/appointments/{appointment_id}") {
      return ok({ id: 2, starts_at: "2026-12-01T10:00:00Z", prospect_id: 13, prospect_name: "Garage du Centre" });
    }
    throw new Error(`unexpected GET ${path}`);
  }) as never);
}

function renderAt(path: string) {
  render(
    <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
      <MemoryRouter initialEntries={[path]}>
        <Routes>
          <Route path="/agenda" element={<AgendaPage />} />
        </Routes>
      </MemoryRouter>
    </QueryClientProvider>,
  );
  return userEvent.setup();
}

const agendaCalls = () =>
  vi
    .mocked(api.GET)
    .mock.calls.filter((c) => c[0] === "/api/v1/agenda")
    .map((c) => (c[1] as { params: { query: Query } }).params.query);

const dayHeading = (name: RegExp) => screen.getByRole("heading", { level: 3, name });

describe("AgendaPage", () => {
  afterEach(() => vi.useRealTimers());
  beforeEach(() => {
    // « Today » is a Wednesday before the seeded weeks (only the clock is faked).
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2026-11-18T10:00:00Z"));
    auth.role = "trainee";
    vi.mocked(api.GET).mockReset();
    vi.mocked(api.POST).mockReset();
    mockApi();
  });

  it("shows each day's items with their kind in words, time and place, and names the double bookings", async () => {
    renderAt("/agenda?semaine=2026-12-02");
    expect(await screen.findByRole("link", { name: BOULANGERIE })).toBeInTheDocument();
    expect(agendaCalls()).toEqual([{ from: "2026-11-30", to: "2026-12-06", trainee_id: undefined }]);
    expect(screen.getByRole("heading", { level: 2, name: "Semaine du lundi 30 novembre au dimanche 6 décembre 2026" }));
    const tuesday = screen.getByRole("region", { name: /^mardi 1 décembre ?, 3 éléments$/ });
    const allDay = within(tuesday).getByRole("list", { name: "Toute la journée" });
    expect(within(allDay).getByRole("link")).toHaveTextContent(
      "Tournée, Toute la journée, Tournée Lyon nord (jour 1/3)",
    );
    expect(within(allDay).getByRole("link")).toHaveAttribute("href", "/tournees/19");
    const timed = within(within(tuesday).getByRole("list", { name: "Horaires" })).getAllByRole("link");
    // Paris time, in the order of the day; an appointment opens its prospect.
    expect(timed[0]).toHaveTextContent(
      "Rendez-vous, 10:30 – 11:30, RDV Boulangerie Martin, 12 rue de la Paix, 69009 Lyon, ⚠ Double réservation avec : RDV Garage du Centre",
    );
    expect(timed[0]).toHaveAttribute("href", "/prospects/12");
    expect(timed[1]).toHaveTextContent("Double réservation avec : RDV Boulangerie Martin");
    expect(screen.getByText(/2 éléments en double réservation cette semaine/)).toBeInTheDocument();
    // A task without a link opens the task list on it.
    expect(screen.getByRole("link", { name: /Préparer le salon/ })).toHaveAttribute("href", "/agenda/taches?tache=8");
    expect(screen.getByRole("region", { name: /^samedi 5 décembre ?, rien de prévu$/ })).toBeInTheDocument();
  });

  it("moves between days and items with the arrows, one tab stop for the whole week", async () => {
    const user = renderAt("/agenda?semaine=2026-11-30");
    await screen.findByRole("link", { name: BOULANGERIE });
    const monday = dayHeading(/^lundi 30 novembre/);
    // Today is not in this week: the stop is Monday's heading.
    const stops = () => screen.getByRole("list", { name: /^Semaine du/ }).querySelectorAll('[tabindex="0"]');
    expect(stops()).toHaveLength(1);
    expect(stops()[0]).toBe(monday);
    act(() => monday.focus());
    await user.keyboard("{ArrowRight}");
    expect(dayHeading(/^mardi 1 décembre/)).toHaveFocus();
    await user.keyboard("{ArrowDown}{ArrowDown}");
    expect(screen.getByRole("link", { name: BOULANGERIE })).toHaveFocus();
    expect(stops()).toHaveLength(1);
    // To Monday at the same position: its last item (it has one).
    await user.keyboard("{ArrowLeft}");
    expect(screen.getByRole("link", { name: /Recontacter Léa Martin/ })).toHaveFocus();
    await user.keyboard("{ArrowUp}");
    expect(monday).toHaveFocus();
    await user.keyboard("{End}");
    expect(dayHeading(/^dimanche 6 décembre/)).toHaveFocus();
    await user.keyboard("{Home}");
    expect(monday).toHaveFocus();
    expect(screen.getByText(/flèches gauche et droite pour passer d'un jour à l'autre/)).toBeInTheDocument();
  });

  it("loads the next and the previous week with Page Down and Page Up, the focus on the same weekday", async () => {
    const user = renderAt("/agenda?semaine=2026-11-30");
    await screen.findByRole("link", { name: BOULANGERIE });
    act(() => dayHeading(/^lundi 30 novembre/).focus());
    await user.keyboard("{ArrowRight}{ArrowRight}{PageDown}");
    expect(await screen.findByText("Rien de prévu cette semaine.")).toBeInTheDocument();
    expect(agendaCalls().at(-1)).toEqual({ from: "2026-12-07", to: "2026-12-13", trainee_id: undefined });
    expect(dayHeading(/^mercredi 9 décembre ?, rien de prévu/)).toHaveFocus();
    expect(screen.getByRole("heading", { level: 2, name: /^Semaine du lundi 7 décembre/ })).toBeInTheDocument();
    await user.keyboard("{PageUp}");
    expect(await screen.findByRole("link", { name: BOULANGERIE })).toBeInTheDocument();
    expect(dayHeading(/^mercredi 2 décembre/)).toHaveFocus();
  });

  it("changes week with the buttons, back to the current one with « Aujourd'hui »", async () => {
    const user = renderAt("/agenda?semaine=2026-11-30");
    await screen.findByRole("link", { name: BOULANGERIE });
    await user.click(screen.getByRole("button", { name: "Semaine suivante" }));
    await waitFor(() => expect(agendaCalls().at(-1)?.from).toBe("2026-12-07"));
    await user.click(screen.getByRole("button", { name: "Semaine précédente" }));
    await user.click(screen.getByRole("button", { name: "Semaine précédente" }));
    await waitFor(() => expect(agendaCalls().at(-1)?.from).toBe("2026-11-23"));
    await user.click(screen.getByRole("button", { name: "Aujourd'hui" }));
    await waitFor(() => expect(agendaCalls().at(-1)?.from).toBe("2026-11-16"));
    expect(mondayOf(isoToday())).toBe("2026-11-16");
    expect(dayHeading(/\(aujourd'hui\)/)).toHaveAttribute("aria-current", "date");
  });

  it("creates a task on the day holding the focus", async () => {
    vi.mocked(api.POST).mockResolvedValue(ok({ id: 9, title: "Relancer Garage du Centre", version: 1 }) as never);
    const user = renderAt("/agenda?semaine=2026-11-30");
    await screen.findByRole("link", { name: BOULANGERIE });
    act(() => dayHeading(/^lundi 30 novembre/).focus());
    await user.keyboard("{ArrowRight}{ArrowRight}");
    expect(screen.getByText("mercredi 2 décembre 2026")).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Nouvelle tâche" }));
    const form = screen.getByRole("form", { name: "Nouvelle tâche" });
    expect(within(form).getByLabelText("Jour d'échéance")).toHaveValue("2026-12-02");
    await user.type(within(form).getByLabelText("Titre"), "Relancer Garage du Centre");
    const before = agendaCalls().length;
    await user.click(within(form).getByRole("button", { name: "Créer la tâche" }));
    expect(await screen.findByText("Tâche « Relancer Garage du Centre » ajoutée à l'agenda.")).toBeInTheDocument();
    expect(vi.mocked(api.POST).mock.calls[0]).toEqual([
      "/api/v1/tasks",
      {
        body: {
          title: "Relancer Garage du Centre",
          notes: "",
          due_on: "2026-12-02",
          reminder_at: null,
          link_kind: null,
          link_id: null,
        },
      },
    ]);
    // The week is read again, with the task in it.
    await waitFor(() => expect(agendaCalls().length).toBeGreaterThan(before));
    expect(screen.queryByRole("form", { name: "Nouvelle tâche" })).toBeNull();
    expect(dayHeading(/^mercredi 2 décembre/)).toHaveFocus();
  });

  it("opens the week of an appointment asked for, with the appointment marked", async () => {
    renderAt("/agenda?rendez-vous=2");
    const link = await screen.findByRole("link", { name: GARAGE });
    expect(link).toHaveAttribute("aria-current", "true");
    expect(link).toHaveAttribute("tabindex", "0");
    expect(agendaCalls()).toEqual([{ from: "2026-11-30", to: "2026-12-06", trainee_id: undefined }]);
  });

  it("lets staff read a followed trainee's week, without creating anything", async () => {
    auth.role = "trainer";
    const user = renderAt("/agenda?semaine=2026-11-30");
    expect(
      await screen.findByText("Choisissez un stagiaire pour voir son agenda, en lecture seule."),
    ).toBeInTheDocument();
    expect(agendaCalls()).toEqual([]);
    expect(screen.queryByRole("button", { name: "Nouvelle tâche" })).toBeNull();
    const select = screen.getByLabelText("Stagiaire");
    await screen.findByRole("option", { name: "Léa Martin" });
    // By name.
    expect(
      within(select)
        .getAllByRole("option")
        .map((o) => o.textContent),
    ).toEqual(["Choisir un stagiaire", "Adam Bernard", "Léa Martin"]);
    await user.selectOptions(select, "Léa Martin");
    expect(await screen.findByRole("heading", { level: 1, name: "Agenda de Léa Martin" })).toBeInTheDocument();
    await screen.findByRole("link", { name: BOULANGERIE });
    expect(agendaCalls()).toEqual([{ from: "2026-11-30", to: "2026-12-06", trainee_id: 21 }]);
  });
});
