// @vitest-environment happy-dom
// The trainer's side of the plans: the submitted plans to decide on, a plan read-only with
// the decision (a return needs a comment), the cohort's progress, and the agenda's link to an
// action (redirected to its plan, on the action).
import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { MemoryRouter, Route, Routes } from "react-router-dom";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { api } from "../../api/client";
import { fieldErrors, ok, renderWithClient } from "../../test-utils";
import { ACTION, PLAN, PROGRESS, planAnswers } from "./fixtures";
import { CohortProgressPage } from "./CohortProgressPage";
import { PlanActionRedirect } from "./PlanActionRedirect";
import { PlanPage } from "./PlanPage";
import { PlansToValidatePage } from "./PlansToValidatePage";

vi.mock("../../api/client", async (original) => {
  const actual = await original<typeof import("../../api/client")>();
  return { ...actual, api: { GET: vi.fn(), POST: vi.fn() } };
});
vi.mock("../../auth/AuthContext", async (original) => {
  const actual = await original<typeof import("../../auth/AuthContext")>();
  return {
    ...actual,
    useAuth: () => ({ me: { id: 2, role: "trainer", led_cohorts: [{ id: 1, name: "Session 2026" }] } }),
  };
});

const get = vi.mocked(api.GET);
const post = vi.mocked(api.POST);

function renderAt(path: string) {
  renderWithClient(
    <MemoryRouter initialEntries={[path]}>
      <Routes>
        <Route path="/plans" element={<PlansToValidatePage />} />
        <Route path="/plans/promotion" element={<CohortProgressPage />} />
        <Route path="/plans/actions/:id" element={<PlanActionRedirect />} />
        <Route path="/plans/:id" element={<PlanPage />} />
      </Routes>
    </MemoryRouter>,
    { defaultOptions: { queries: { retry: false } } },
  );
}

beforeEach(() => {
  get.mockReset();
  post.mockReset();
});

describe("the trainer's plan pages", () => {
  it("lists the submitted plans of the trainees followed", async () => {
    get.mockResolvedValue(
      ok({ items: [{ ...PLAN, status: "submitted", submitted_at: "2026-12-06T09:30:00Z" }], total: 1 }) as never,
    );
    renderAt("/plans");
    const row = await screen.findByRole("row", { name: /Plan du trimestre/ });
    expect(row).toHaveTextContent("Théo Benali");
    expect(within(row).getByRole("link", { name: "Plan du trimestre" })).toHaveAttribute("href", "/plans/8");
    expect(get).toHaveBeenCalledWith("/api/v1/plans", {
      params: { query: { status: "submitted", sort: "updated_at", limit: 20, offset: 0 } },
    });
    expect(screen.getByRole("link", { name: "Progression des plans de la promotion" })).toHaveAttribute(
      "href",
      "/plans/promotion",
    );
  });

  it("reads a submitted plan without its forms, returns it with a comment (required) or validates it", async () => {
    const user = userEvent.setup();
    get.mockImplementation(planAnswers({ status: "submitted", submitted_at: "2026-12-06T09:30:00Z" }) as never);
    renderAt("/plans/8");
    expect(await screen.findByText(/^Lecture seule/)).toBeInTheDocument();
    expect(screen.getByRole("region", { name: "En bref" })).toHaveTextContent("StagiaireThéo Benali");
    expect(screen.queryByRole("button", { name: "Ajouter un objectif" })).toBeNull();
    expect(screen.queryByRole("button", { name: "Soumettre au formateur" })).toBeNull();
    // Deciding exercises none of the trainer's competences: no badge.
    expect(screen.queryByRole("list", { name: "Compétences exercées" })).toBeNull();

    const form = screen.getByRole("form", { name: "Décision sur le plan" });
    post.mockResolvedValueOnce(
      fieldErrors({ field: "comment", message: "Dites au stagiaire ce qu'il doit reprendre." }) as never,
    );
    await user.click(within(form).getByRole("button", { name: "Renvoyer" }));
    expect(await within(form).findByText("Dites au stagiaire ce qu'il doit reprendre.")).toBeInTheDocument();
    await user.type(within(form).getByLabelText("Commentaire au stagiaire"), "Revoyez février.");
    post.mockResolvedValueOnce(ok({ ...PLAN, status: "returned" }) as never);
    await user.click(within(form).getByRole("button", { name: "Renvoyer" }));
    expect(post).toHaveBeenLastCalledWith("/api/v1/plans/{plan_id}/return", {
      params: { path: { plan_id: 8 } },
      body: { version: 2, comment: "Revoyez février." },
    });
    post.mockResolvedValueOnce(ok({ ...PLAN, status: "validated" }) as never);
    await user.click(within(form).getByRole("button", { name: "Valider" }));
    expect(post).toHaveBeenLastCalledWith("/api/v1/plans/{plan_id}/validate", {
      params: { path: { plan_id: 8 } },
      body: { version: 2, comment: "Revoyez février." },
    });
  });

  it("shows each trainee of the cohort led, their plan and each objective's progress", async () => {
    get.mockImplementation(((path: string) =>
      Promise.resolve(
        ok(
          path === "/api/v1/cohorts"
            ? { items: [{ id: 1, name: "Session 2026" }], total: 1 }
            : [
                {
                  trainee_id: 13,
                  trainee_name: "Théo Benali",
                  plan: { ...PLAN, status: "validated" },
                  objectives: PROGRESS,
                },
                { trainee_id: 14, trainee_name: "Louis Mercier", plan: null, objectives: [] },
              ],
        ),
      )) as never);
    renderAt("/plans/promotion");
    const theo = await screen.findByRole("row", { name: /Théo Benali/ });
    expect(theo).toHaveTextContent("Plan du trimestre Validé");
    // The objectives only (not their slices), with their status in words.
    expect(within(theo).getAllByRole("progressbar")).toHaveLength(1);
    expect(
      within(theo).getByRole("progressbar", { name: "Avancement de « Contacts émis » de Théo Benali" }),
    ).toHaveAttribute("value", "40");
    expect(theo).toHaveTextContent("12 sur 30 (40 %) En retard");
    expect(theo).toHaveTextContent("Maîtriser l'argumentaire");
    expect(screen.getByRole("row", { name: /Louis Mercier/ })).toHaveTextContent("Aucun plan en cours");
    expect(get).toHaveBeenCalledWith("/api/v1/plans/cohort-progress", { params: { query: { cohort_id: 1 } } });
    expect(screen.getByLabelText("Promotion")).toHaveValue("1");
  });

  it("opens an action of the agenda on its plan, the focus on the action", async () => {
    const answers = planAnswers();
    get.mockImplementation(((path: string) =>
      path === "/api/v1/plan-actions/{action_id}" ? Promise.resolve(ok(ACTION)) : answers(path)) as never);
    renderAt("/plans/actions/3");
    expect(await screen.findByRole("heading", { level: 1, name: "Plan « Plan du trimestre »" })).toBeInTheDocument();
    expect(get).toHaveBeenCalledWith("/api/v1/plan-actions/{action_id}", { params: { path: { action_id: 3 } } });
    await vi.waitFor(() => expect(document.activeElement).toHaveAttribute("id", "action-3"));
  });
});
