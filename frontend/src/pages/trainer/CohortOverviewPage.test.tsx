// @vitest-environment happy-dom
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { MemoryRouter } from "react-router-dom";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { api } from "../../api/client";
import { CohortOverviewPage } from "./CohortOverviewPage";

vi.mock("../../api/client", async (original) => {
  const actual = await original<typeof import("../../api/client")>();
  return { ...actual, api: { GET: vi.fn() } };
});
const auth = vi.hoisted(() => ({ led: [{ id: 1, name: "Session mars" }] as { id: number; name: string }[] }));
vi.mock("../../auth/AuthContext", async (original) => {
  const actual = await original<typeof import("../../auth/AuthContext")>();
  return { ...actual, useAuth: () => ({ me: { role: "trainer", led_cohorts: auth.led } }) };
});

const COHORTS = [
  { id: 1, name: "Session mars" },
  { id: 2, name: "Session juin" },
];
const LEA = { id: 21, full_name: "Léa Martin", email: "lea@example.org", cohort_id: 1 };
const TOM = { id: 22, full_name: "Tom Durand", email: "tom@example.org", cohort_id: 2 };
const ZOE = { id: 23, full_name: "Zoé Petit", email: "zoe@example.org", cohort_id: null };

function portfolio(evidence: number, acquired: boolean) {
  return {
    evidence_total: evidence,
    criteria_acquired: acquired ? 1 : 0,
    criteria_total: 2,
    competences: [
      {
        code: "CP1",
        title: "Veille",
        status: "in_progress",
        evidence_count: evidence,
        criteria_acquired: acquired ? 1 : 0,
        last_at: new Date().toISOString(),
        criteria: [
          { code: "CP1.1", text: "a", assessment: acquired ? { level: "acquired" } : null },
          { code: "CP1.2", text: "b", assessment: null },
        ],
      },
    ],
  };
}

type Query = Record<string, unknown>;
const listQueries = () =>
  vi
    .mocked(api.GET)
    .mock.calls.filter((c) => c[0] === "/api/v1/users")
    .map((c) => (c[1] as { params: { query: Query } }).params.query);

function renderPage(trainees: unknown[] | ((query: Query) => unknown[])) {
  const traineesOf = typeof trainees === "function" ? trainees : () => trainees;
  type Options = { params: { path?: { trainee_id: number }; query?: Query } };
  vi.mocked(api.GET).mockImplementation(((path: string, options?: Options) => {
    const ok = (data: unknown) => Promise.resolve({ data, response: new Response(null, { status: 200 }) });
    if (path === "/api/v1/cohorts") return ok({ items: COHORTS, total: 2 });
    if (path === "/api/v1/competences") return ok({ competences: [{ code: "CP1", title: "Veille" }] });
    if (path === "/api/v1/users") {
      const items = traineesOf(options?.params.query ?? {});
      return ok({ items, total: items.length });
    }
    const id = options?.params.path?.trainee_id;
    if (id === 23) {
      return Promise.resolve({
        error: { status: 403, title: "Accès refusé" },
        response: new Response(null, { status: 403 }),
      });
    }
    return ok(id === 21 ? portfolio(3, true) : portfolio(7, false));
  }) as never);
  render(
    <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
      <MemoryRouter>
        <CohortOverviewPage />
      </MemoryRouter>
    </QueryClientProvider>,
  );
}

const names = (table: HTMLElement) =>
  within(table)
    .getAllByRole("rowheader")
    .map((th) => within(th).getByRole("link").textContent);

describe("CohortOverviewPage", () => {
  beforeEach(() => {
    vi.mocked(api.GET).mockReset();
    auth.led = [{ id: 1, name: "Session mars" }];
  });

  it("tells a trainer without a cohort whom to ask", async () => {
    auth.led = [];
    renderPage([]);
    expect(await screen.findByText("Aucun stagiaire à suivre.")).toBeInTheDocument();
    expect(screen.getByText(/Vous n'animez encore aucune promotion/)).toBeInTheDocument();
  });

  it("shows each trainee's evidence, cohort and progress, sortable, and a portfolio that failed", async () => {
    renderPage([LEA, TOM, ZOE]);
    const table = await screen.findByRole("table", { name: /Preuves par stagiaire et par compétence/ });
    expect(await within(table).findByText("Accès refusé")).toBeInTheDocument();
    expect(await within(table).findByText("1 / 2")).toBeInTheDocument();
    expect(within(table).getByText("Session juin")).toBeInTheDocument();
    expect(within(table).getByText("sans promotion")).toBeInTheDocument();
    expect(names(table)).toEqual(["Léa Martin", "Tom Durand", "Zoé Petit"]);
    const user = userEvent.setup();
    await user.click(within(table).getByRole("button", { name: "Total" }));
    expect(within(table).getByRole("columnheader", { name: /Total/ })).toHaveAttribute("aria-sort", "descending");
    expect(names(table)).toEqual(["Tom Durand", "Léa Martin", "Zoé Petit"]);
    expect(screen.getByRole("heading", { name: "Avancement des critères" })).toBeInTheDocument();
  });

  it("filters from the first page, and says when nobody matches", async () => {
    renderPage((query) => (query.q ? [] : [LEA]));
    await screen.findByRole("table", { name: /Preuves par stagiaire/ });
    const user = userEvent.setup();
    await user.type(screen.getByLabelText("Rechercher un stagiaire"), "zz");
    expect(await screen.findByText("Aucun stagiaire ne répond à ces critères.")).toBeInTheDocument();
    expect(screen.getByText("Changez de promotion ou effacez la recherche.")).toBeInTheDocument();
    expect(listQueries().at(-1)).toMatchObject({ q: "zz", offset: 0 });
  });
});
