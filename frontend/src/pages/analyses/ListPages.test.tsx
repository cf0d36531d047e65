// @vitest-environment happy-dom
// The list pages: the trainee's analyses and a new one (a plan's period, or two dates with the
// server's message beside the field); a tutor's analyses filtered by trainee; the cohort
// dashboard (the current month by default, who is behind marked in words, the distributions,
// who needs help); a tutor's trainees; and a tutor sent elsewhere than their pages.
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { MemoryRouter, Route, Routes } from "react-router-dom";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { api } from "../../api/client";
import { fieldErrors, ok, renderWithClient } from "../../test-utils";
import { AnalysesPage } from "./AnalysesPage";
import { CohortDashboardPage } from "./CohortDashboardPage";
import { ANALYSIS, PLANS, page } from "./fixtures";
import { DASHBOARD } from "./noteFixtures";
import { TuteesPage } from "./TuteesPage";

vi.mock("../../api/client", async (original) => {
  const actual = await original<typeof import("../../api/client")>();
  return { ...actual, api: { GET: vi.fn(), POST: vi.fn(), PATCH: vi.fn(), DELETE: vi.fn() } };
});
type Me = {
  id: number;
  role: string;
  permissions: string[];
  tutees: { id: number; full_name: string }[];
  led_cohorts: { id: number; name: string }[];
};
const session = vi.hoisted(() => ({ me: null as unknown as Me }));
vi.mock("../../auth/AuthContext", async (original) => {
  const actual = await original<typeof import("../../auth/AuthContext")>();
  return { ...actual, useAuth: () => ({ me: session.me }) };
});

const get = vi.mocked(api.GET);
const post = vi.mocked(api.POST);
const TUTOR: Me = {
  id: 3,
  role: "tutor",
  permissions: ["note:comment"],
  tutees: [
    { id: 7, full_name: "Amandine Garcia" },
    { id: 5, full_name: "Lucas Nguyen" },
  ],
  led_cohorts: [],
};

function renderAt(url: string, answers: Record<string, unknown>) {
  get.mockImplementation(((path: string) => Promise.resolve(ok(answers[path] ?? page([])))) as never);
  renderWithClient(
    <MemoryRouter initialEntries={[url]}>
      <Routes>
        <Route path="/analyses" element={<AnalysesPage />} />
        <Route path="/analyses/:id" element={<p>L'analyse créée</p>} />
        <Route path="/alternants" element={<TuteesPage />} />
        <Route path="/formateur/tableau-de-bord" element={<CohortDashboardPage />} />
      </Routes>
    </MemoryRouter>,
    { defaultOptions: { queries: { retry: false } } },
  );
}

const queries = (path: string) =>
  (get.mock.calls as unknown as [string, { params?: { query?: Record<string, unknown> } }][])
    .filter(([p]) => p === path)
    .map(([, init]) => init?.params?.query);

beforeEach(() => {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(new Date("2026-12-07T10:00:00+01:00"));
  get.mockReset();
  post.mockReset();
  session.me = { id: 5, role: "trainee", permissions: [], tutees: [], led_cohorts: [] };
});
afterEach(() => vi.useRealTimers());

describe("AnalysesPage", () => {
  it("starts a trainee's analysis on the period of their ended plan", async () => {
    post.mockResolvedValue(ok({ ...ANALYSIS, id: 9 }, 201) as never);
    const user = userEvent.setup();
    renderAt("/analyses", { "/api/v1/plans": PLANS });
    expect(await screen.findByText("Aucune analyse pour l'instant.")).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Nouvelle analyse" }));
    const form = screen.getByRole("form", { name: "Nouvelle analyse" });
    const plan = within(form).getByLabelText("Plan analysé");
    await waitFor(() => expect(plan).toHaveDisplayValue(/^PAC de novembre 2026 — Validé/));
    await user.click(within(form).getByRole("button", { name: "Analyser cette période" }));
    expect(await screen.findByText("L'analyse créée")).toBeInTheDocument();
    expect((post.mock.calls[0] as unknown as [string, { body: unknown }])[1].body).toEqual({ plan_id: 1, title: null });
  });

  it("analyses two dates and shows the server's refusal beside the field", async () => {
    post.mockResolvedValue(
      fieldErrors({ field: "starts_on", message: "La période n'a pas commencé : rien à analyser." }) as never,
    );
    const user = userEvent.setup();
    renderAt("/analyses", { "/api/v1/plans": PLANS });
    await user.click(await screen.findByRole("button", { name: "Nouvelle analyse" }));
    await user.click(screen.getByRole("radio", { name: "Deux dates" }));
    await user.type(screen.getByLabelText("Du"), "2027-01-01");
    await user.type(screen.getByLabelText("Au"), "2027-01-31");
    await user.click(screen.getByRole("button", { name: "Analyser cette période" }));
    expect(await screen.findByText("La période n'a pas commencé : rien à analyser.")).toBeInTheDocument();
    expect(screen.getByLabelText("Du")).toHaveAttribute("aria-invalid", "true");
    expect((post.mock.calls[0] as unknown as [string, { body: unknown }])[1].body).toEqual({
      starts_on: "2027-01-01",
      ends_on: "2027-01-31",
      title: null,
    });
  });

  it("gives a tutor their trainees' analyses, filtered by trainee, without a new one", async () => {
    session.me = TUTOR;
    const user = userEvent.setup();
    renderAt("/analyses", { "/api/v1/analyses": page([{ ...ANALYSIS, note_id: 2, note_status: "submitted" }]) });
    const table = await screen.findByRole("table", { name: "Analyses des stagiaires" });
    expect(within(table).getByRole("row", { name: /Lucas Nguyen/ })).toHaveTextContent("Note (soumise)");
    expect(screen.queryByRole("button", { name: "Nouvelle analyse" })).toBeNull();
    const filter = screen.getByLabelText("Stagiaire");
    expect(
      within(filter)
        .getAllByRole("option")
        .map((o) => o.textContent),
    ).toEqual(["Tous", "Amandine Garcia", "Lucas Nguyen"]);
    await user.selectOptions(filter, "Lucas Nguyen");
    await waitFor(() => expect(queries("/api/v1/analyses").at(-1)).toMatchObject({ owner_id: 5, offset: 0 }));
  });
});

describe("TuteesPage", () => {
  it("links each of the tutor's trainees to their analyses and portfolio", async () => {
    session.me = TUTOR;
    renderAt("/alternants", {});
    const row = screen.getByRole("row", { name: /Lucas Nguyen/ });
    expect(within(row).getByRole("link", { name: "Analyses de Lucas Nguyen" })).toHaveAttribute(
      "href",
      "/analyses?stagiaire=5",
    );
    expect(within(row).getByRole("link", { name: "Portfolio de Lucas Nguyen" })).toHaveAttribute(
      "href",
      "/formation/stagiaires/5",
    );
  });
});

describe("CohortDashboardPage", () => {
  it("reads the current month of the trainer's cohort and marks who needs help", async () => {
    session.me = {
      id: 2,
      role: "trainer",
      permissions: [],
      tutees: [],
      led_cohorts: [{ id: 1, name: "Session 2026" }],
    };
    renderAt("/formateur/tableau-de-bord", {
      "/api/v1/cohorts": page([{ id: 1, name: "Session 2026" }]),
      "/api/v1/cohorts/{cohort_id}/dashboard": DASHBOARD,
    });
    const table = await screen.findByRole("table", { name: /^Indicateurs principaux/ });
    expect(queries("/api/v1/cohorts/{cohort_id}/dashboard")[0]).toEqual({ from: "2026-12-01", to: "2026-12-31" });
    const amandine = within(table).getByRole("row", { name: /Amandine Garcia/ });
    expect(amandine).toHaveClass("row-behind");
    expect(within(amandine).getByText("à aider")).toBeInTheDocument();
    expect(
      within(amandine)
        .getAllByRole("cell")
        .map((c) => c.textContent),
    ).toEqual([
      "125",
      "53,6 %",
      "40 % (2/5)",
      "PAC de novembre 2026 (Validé)",
      "Ouvrir la dernière analyse de Amandine Garcia",
    ]);
    expect(within(table).getByRole("row", { name: /Awa Durand/ })).not.toHaveClass("row-behind");
    const distributions = screen.getByRole("table", { name: /^Minimum, quartiles/ });
    expect(
      within(within(distributions).getByRole("row", { name: /Contacts émis/ }))
        .getAllByRole("cell")
        .map((c) => c.textContent),
    ).toEqual(["68", "83,5", "99,5", "105,5", "125", "12"]);
    const help = screen.getByRole("region", { name: "Qui a besoin d'aide" });
    expect(help).toHaveTextContent("Amandine Garcia : objectifs en retard : Contacts émis, Devis envoyés.");
    expect(within(help).getByRole("link", { name: "Sa dernière analyse" })).toHaveAttribute("href", "/analyses/1");
    expect(within(screen.getByRole("region", { name: "Notes à lire" })).getByRole("link")).toHaveAttribute(
      "href",
      "/notes/1?version=1",
    );
  });
});
