// @vitest-environment happy-dom
// The analysis page: the figures read in words (objectives and their status, the chart's
// figures, the funnel against the cohort, the trend said better or worse); the diagnosis and
// a cause confirmed with its version; a corrective action checked against the next plan and
// its acceptance refused with the failing check; the note drafted (an existing one opened);
// a trainer's reading without any write button.
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { MemoryRouter, Route, Routes } from "react-router-dom";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { api } from "../../api/client";
import { failure, ok, renderWithClient } from "../../test-utils";
import { AnalysisPage } from "./AnalysisPage";
import { ACTION, ANALYSIS, CAPACITY_REFUSED, CAUSE, FEASIBILITY, FIGURES, PLANS } from "./fixtures";

vi.mock("../../api/client", async (original) => {
  const actual = await original<typeof import("../../api/client")>();
  return { ...actual, api: { GET: vi.fn(), POST: vi.fn(), PATCH: vi.fn(), DELETE: vi.fn() } };
});
const session = vi.hoisted(() => ({ me: { id: 5, role: "trainee", permissions: [] as string[], tutees: [] } }));
vi.mock("../../auth/AuthContext", async (original) => {
  const actual = await original<typeof import("../../auth/AuthContext")>();
  return { ...actual, useAuth: () => ({ me: session.me }) };
});

const get = vi.mocked(api.GET);
const post = vi.mocked(api.POST);

type Answer = unknown | ((call: number) => unknown);

/** GET answers by path (a function: by the number of the call to that path). */
function answer(records: Record<string, Answer>) {
  const calls: Record<string, number> = {};
  get.mockImplementation(((path: string) => {
    calls[path] = (calls[path] ?? 0) + 1;
    const record = records[path];
    const data = typeof record === "function" ? (record as (n: number) => unknown)(calls[path]) : record;
    return Promise.resolve(ok(data ?? []));
  }) as never);
}

const BASE = {
  "/api/v1/analyses/{analysis_id}": ANALYSIS,
  "/api/v1/analyses/{analysis_id}/figures": FIGURES,
  "/api/v1/plans": PLANS,
};

function renderPage() {
  renderWithClient(
    <MemoryRouter initialEntries={["/analyses/2"]}>
      <Routes>
        <Route path="/analyses/:id" element={<AnalysisPage />} />
        <Route path="/notes/:id" element={<p>La page de la note</p>} />
      </Routes>
    </MemoryRouter>,
    { defaultOptions: { queries: { retry: false } } },
  );
}

const getCalls = () => get.mock.calls as unknown as [string, unknown][];

const posted = (path: string) =>
  (post.mock.calls as unknown as [string, { params?: unknown; body?: Record<string, unknown> }][]).filter(
    ([p]) => p === path,
  );

beforeEach(() => {
  get.mockReset();
  post.mockReset();
  session.me = { id: 5, role: "trainee", permissions: [], tutees: [] };
});

describe("AnalysisPage", () => {
  it("reads the figures in words: objectives and status, the chart, the funnel, the trend", async () => {
    answer(BASE);
    renderPage();
    const chart = await screen.findByRole("figure", { name: "Réalisé en part de la cible, par objectif" });
    const rows = within(chart).getAllByRole("listitem");
    expect(rows.map((r) => r.textContent)).toEqual([
      "Contacts émis105 sur 142 (73,9 %) — en retard",
      "Rendez-vous pris26 sur 23 (113 %) — atteint",
      "Commandes8 sur 9 (88,9 %) — proche",
    ]);
    const objectives = screen.getByRole("table", { name: "Objectifs du plan, attendu et réalisé sur la période" });
    const late = within(objectives).getByRole("row", { name: /Contacts émis/ });
    expect(
      within(late)
        .getAllByRole("cell")
        .map((c) => c.textContent),
    ).toEqual(["142", "142", "105", "−37", "−26,1 %", "en retard"]);
    // The funnel: the period, the previous one, the cohort's median, each conversion.
    const funnel = screen.getByRole("table", { name: /^Tunnel de vente/ });
    const reached = within(funnel).getByRole("row", { name: /Contacts aboutis/ });
    expect(
      within(reached)
        .getAllByRole("cell")
        .map((c) => c.textContent),
    ).toEqual(["74", "87", "68", "70,5 %", "73,1 %", "68,9 %"]);
    expect(screen.getByText("7,6 %")).toBeInTheDocument();
    // The trend: fewer unpaid invoices is better, fewer contacts worse; zeros hidden at first.
    const trend = screen.getByRole("table", { name: /comparés à la période précédente/ });
    expect(within(within(trend).getByRole("row", { name: /Factures impayées/ })).getByText("en mieux")).toBeVisible();
    expect(within(within(trend).getByRole("row", { name: /Contacts émis/ })).getByText("en moins bien")).toBeVisible();
    expect(within(trend).queryByRole("row", { name: /Livraisons livrées/ })).toBeNull();
    await userEvent.setup().click(screen.getByRole("checkbox", { name: /indicateurs à zéro/ }));
    expect(within(trend).getByRole("row", { name: /Livraisons livrées/ })).toHaveTextContent("stable");
    // Pareto: each customer's class.
    const customers = screen.getByRole("table", { name: /^Clients :/ });
    expect(within(customers).getByRole("row", { name: /Hôtel Colin/ })).toHaveTextContent("A");
    expect(screen.getByText("Aucune commande sur la période.")).toBeInTheDocument();
  });

  it("runs the diagnosis, then confirms a cause with a comment and the version read", async () => {
    answer({ ...BASE, "/api/v1/analyses/{analysis_id}/causes": (n: number) => (n === 1 ? [] : [CAUSE]) });
    post.mockImplementation(((path: string) =>
      Promise.resolve(
        path.endsWith("/diagnose")
          ? ok({ analysis_id: 2, rules_run: 8, found: 1, causes: [CAUSE] })
          : ok({ ...CAUSE, status: "confirmed", version: 2 }),
      )) as never);
    const user = userEvent.setup();
    renderPage();
    expect(await screen.findByText("Le diagnostic n'a pas encore été lancé.")).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Chercher les causes" }));
    expect(await screen.findByText(/8 règles appliquées : 1 cause\(s\) trouvée\(s\)\./)).toBeInTheDocument();
    const cause = await screen.findByRole("article", { name: /Objectif en retard : Contacts émis/ });
    expect(within(cause).getByText("à examiner")).toBeInTheDocument();
    // Its figures in French (the indicator by its label), and the record behind it.
    expect(within(cause).getByText("Contacts émis", { selector: "dd" })).toBeInTheDocument();
    expect(within(cause).getByText("-26,1", { selector: "dd" })).toBeInTheDocument();
    expect(within(cause).getByRole("link", { name: "Contacts émis" })).toHaveAttribute("href", "/plans/1");
    await user.type(within(cause).getByLabelText("Commentaire (facultatif)"), "Deux semaines d'arrêt maladie.");
    await user.click(within(cause).getByRole("button", { name: "Confirmer la cause" }));
    await waitFor(() => expect(posted("/api/v1/causes/{cause_id}/decision")).toHaveLength(1));
    expect(posted("/api/v1/causes/{cause_id}/decision")[0][1]).toEqual({
      params: { path: { cause_id: 4 } },
      body: { decision: "confirmed", comment: "Deux semaines d'arrêt maladie.", version: 1 },
    });
  });

  it("checks an action against the next plan, and shows the failing check when acceptance is refused", async () => {
    answer({
      ...BASE,
      "/api/v1/analyses/{analysis_id}/causes": [{ ...CAUSE, status: "confirmed", version: 2 }],
      "/api/v1/analyses/{analysis_id}/actions": [ACTION],
      "/api/v1/corrective-actions/{corrective_id}/feasibility": FEASIBILITY,
    });
    post.mockResolvedValue(failure(CAPACITY_REFUSED) as never);
    const user = userEvent.setup();
    renderPage();
    const action = await screen.findByRole("article", { name: /Plan de rattrapage : Contacts émis/ });
    expect(action).toHaveTextContent("Contacts émis : 105 à l'analyse, 142 attendu");
    await user.click(within(action).getByRole("button", { name: "Vérifier et accepter" }));
    // The next plan: a draft ending after the analysed month (not November's, validated).
    const plan = within(action).getByLabelText("Plan suivant");
    expect(
      within(plan)
        .getAllByRole("option")
        .map((o) => o.textContent),
    ).toEqual(["PAC de décembre 2026 — Brouillon (du 01/12/2026 au 31/12/2026)"]);
    await user.click(within(action).getByRole("button", { name: "Vérifier la faisabilité" }));
    const checks = await within(action).findByRole("list", { name: /^Vérifications de/ });
    expect(
      within(checks)
        .getAllByRole("listitem")
        .map((li) => li.textContent),
    ).toEqual([
      "✓ Échéance : tient — Échéance le 06/01/2027.",
      "✗ Temps disponible dans l'agenda : ne tient pas — Agenda trop chargé : 500.00 h à placer ; 134.9 h libres d'ici l'échéance.",
      "✓ Budget : tient — Budget du plan suivant : 0 € engagés.",
    ]);
    expect(within(action).getByText("Pas réalisable en l'état.")).toBeInTheDocument();
    const feasibility = getCalls().find(([p]) => p === "/api/v1/corrective-actions/{corrective_id}/feasibility");
    expect(feasibility?.[1]).toEqual({ params: { path: { corrective_id: 1 }, query: { plan_id: 2 } } });

    await user.click(within(action).getByRole("button", { name: "Accepter dans le plan suivant" }));
    const refusal = await within(action).findByRole("alert");
    expect(refusal).toHaveTextContent("Action refusée : elle n'est pas réalisable en l'état.");
    expect(within(refusal).getByRole("listitem")).toHaveTextContent(
      "✗ Temps disponible dans l'agenda : ne tient pas — Agenda trop chargé",
    );
    expect(posted("/api/v1/corrective-actions/{corrective_id}/accept")[0][1]).toEqual({
      params: { path: { corrective_id: 1 } },
      body: { plan_id: 2, version: 2 },
    });
  });

  it("drafts the synthesis note, or opens the one already drafted (409)", async () => {
    answer(BASE);
    post.mockResolvedValue(
      failure({ type: "urn:capvente:problem:conflict", title: "Conflit", status: 409, note_id: 7 }) as never,
    );
    const user = userEvent.setup();
    renderPage();
    await user.click(await screen.findByRole("button", { name: "Rédiger la note de synthèse" }));
    expect(await screen.findByText("La page de la note")).toBeInTheDocument();
  });

  it("is read-only for a trainer: the figures and causes, no write button", async () => {
    session.me = { id: 2, role: "trainer", permissions: ["competence:assess"], tutees: [] };
    answer({
      ...BASE,
      "/api/v1/analyses/{analysis_id}/causes": [CAUSE],
      "/api/v1/analyses/{analysis_id}/actions": [ACTION],
    });
    renderPage();
    await screen.findByRole("article", { name: /Objectif en retard/ });
    expect(screen.getByText(/^Lecture seule/)).toBeInTheDocument();
    for (const name of ["Chercher les causes", "Ajouter une cause", "Confirmer la cause", "Vérifier et accepter"]) {
      expect(screen.queryByRole("button", { name })).toBeNull();
    }
    expect(screen.queryByRole("button", { name: "Rédiger la note de synthèse" })).toBeNull();
    expect(screen.getByText("Pas encore de note de synthèse pour cette analyse.")).toBeInTheDocument();
    // The trainer reads plans: the plan is a link; no plan is read for the next-plan choice.
    expect(screen.getByRole("link", { name: "PAC de novembre 2026" })).toHaveAttribute("href", "/plans/1");
    expect(getCalls().some(([p]) => p === "/api/v1/plans")).toBe(false);
  });
});
