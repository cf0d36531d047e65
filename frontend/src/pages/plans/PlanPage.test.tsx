// @vitest-environment happy-dom
// The plan builder for its owner: what it shows (header, objectives, the decomposition's sums,
// actions, progress in words, findings by check) and what it writes (objectives, slices,
// actions, submission with the mismatches of a refusal, revision of a validated plan).
import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { MemoryRouter, Route, Routes } from "react-router-dom";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { api } from "../../api/client";
import { failure, fieldErrors, ok, renderWithClient } from "../../test-utils";
import { PLAN, planAnswers } from "./fixtures";
import { PlanPage } from "./PlanPage";

vi.mock("../../api/client", async (original) => {
  const actual = await original<typeof import("../../api/client")>();
  return { ...actual, api: { GET: vi.fn(), POST: vi.fn(), PUT: vi.fn(), PATCH: vi.fn(), DELETE: vi.fn() } };
});
vi.mock("../../auth/AuthContext", async (original) => {
  const actual = await original<typeof import("../../auth/AuthContext")>();
  return { ...actual, useAuth: () => ({ me: { id: 13, role: "trainee", led_cohorts: [] } }) };
});

const get = vi.mocked(api.GET);
const post = vi.mocked(api.POST);
const put = vi.mocked(api.PUT);

function renderPage(plan: Record<string, unknown> = {}) {
  get.mockImplementation(planAnswers(plan) as never);
  renderWithClient(
    <MemoryRouter initialEntries={["/plans/8"]}>
      <Routes>
        <Route path="/plans/:id" element={<PlanPage />} />
      </Routes>
    </MemoryRouter>,
    { defaultOptions: { queries: { retry: false } } },
  );
}

const bodies = (mock: typeof post | typeof put) => mock.mock.calls.map((c) => (c[1] as { body: unknown }).body);

beforeEach(() => {
  for (const m of [get, post, put, vi.mocked(api.DELETE)]) m.mockReset();
});

describe("PlanPage (the trainee's own plan)", () => {
  it("shows the plan: period, case, status, the sums against the target, actions, progress and findings", async () => {
    renderPage();
    const summary = await screen.findByRole("region", { name: "En bref" });
    expect(summary).toHaveTextContent("Trimestre du 01/12/2026 au 28/02/2027");
    expect(summary).toHaveTextContent("Rhône Télécom Services, version 1");
    expect(summary).toHaveTextContent("Brouillon");
    expect(within(screen.getByRole("list", { name: "Compétences exercées" })).getAllByRole("listitem")).toHaveLength(2);

    const objectives = screen.getByRole("table", { name: "Objectifs du plan" });
    expect(within(objectives).getByRole("row", { name: /Maîtriser l'argumentaire/ })).toHaveTextContent(
      "Trois démonstrations réussies",
    );
    const months = await screen.findByRole("table", { name: "Contacts émis : par mois" });
    expect(
      within(months)
        .getAllByRole("rowheader")
        .map((h) => h.textContent),
    ).toEqual(["décembre 2026", "janvier 2027", "février 2027", "Total des tranches"]);
    expect(within(months).getByRole("row", { name: /Total des tranches/ })).toHaveTextContent(
      "25 sur 30 ⚠ Écart de -5 : la somme ne correspond pas à la cible",
    );
    expect(within(months).getByRole("textbox", { name: "Cible de février 2027" })).toHaveValue("5");

    const action = screen.getByRole("article", { name: /Phoning des commerces/ });
    expect(action).toHaveAttribute("id", "action-3");
    expect(action).toHaveTextContent("Commerçants et artisans de proximité, toutes les familles");
    expect(action).toHaveTextContent("Contacts émis : apport attendu 30");
    expect(within(action).getByRole("link", { name: "Relance des commerces" })).toHaveAttribute(
      "href",
      "/prospects/campagnes/4",
    );

    const progress = screen.getByRole("region", { name: "Avancement" });
    expect(
      await within(progress).findByRole("progressbar", { name: "Avancement de « Contacts émis »" }),
    ).toHaveAttribute("value", "40");
    const items = within(progress)
      .getAllByRole("listitem")
      .map((li) => li.textContent);
    expect(items[0]).toBe("Contacts émis40 %12 sur 30 (40 %) En retard");
    expect(items[1]).toContain("12 sur 10 (120 %) Atteint");
    expect(items[2]).toBe("janvier 2027Période à venir. Non mesuré");
    expect(items[3]).toBe("Maîtriser l'argumentaireCritère : Trois démonstrations réussies Qualitatif");

    const decomposition = await screen.findByRole("region", { name: "Décomposition" });
    expect(decomposition).toHaveTextContent("À revoir « Contacts émis » par mois");
    expect(decomposition).toHaveTextContent("Somme des tranches25Cible30Tranches3");
    const targeting = screen.getByRole("region", { name: "Ciblage (CP2.2)" });
    expect(targeting).toHaveTextContent("Part dans les segments (%)75Segmentscommerces-proximite");
    expect(within(targeting).getByRole("link", { name: "Garage Martin" })).toHaveAttribute("href", "/prospects/55");
    const activities = screen.getByRole("region", { name: "Activités (CP2.5)" });
    expect(activities).toHaveTextContent("Conforme");
    expect(within(activities).getByRole("link", { name: "Phoning des commerces" })).toHaveAttribute(
      "href",
      "#action-3",
    );
    expect(screen.getByRole("region", { name: "Géographie (CP2.6)" })).toHaveTextContent("Rien à signaler.");
  });

  it("adds an objective on a metric, a monthly slice, and corrects a slice's target", async () => {
    const user = userEvent.setup();
    renderPage();
    await user.click(await screen.findByRole("button", { name: "Ajouter un objectif" }));
    const form = screen.getByRole("form", { name: "Nouvel objectif" });
    await user.selectOptions(within(form).getByLabelText("Indicateur"), "km_driven");
    expect(within(form).getByLabelText("Libellé")).toHaveValue("Km parcourus");
    await user.type(within(form).getByLabelText("Cible (km)"), "1 200");
    post.mockResolvedValueOnce(fieldErrors({ field: "target", message: "Nombre attendu." }) as never);
    await user.click(within(form).getByRole("button", { name: "Ajouter l'objectif" }));
    expect(await within(form).findByText("Nombre attendu.")).toBeInTheDocument();
    await user.clear(within(form).getByLabelText("Cible (km)"));
    await user.type(within(form).getByLabelText("Cible (km)"), "1200");
    post.mockResolvedValueOnce(ok({ id: 9 }, 201) as never);
    await user.click(within(form).getByRole("button", { name: "Ajouter l'objectif" }));
    expect(bodies(post)[1]).toEqual({
      label: "Km parcourus",
      target: 1200,
      weight: 1,
      success_criterion: "",
      metric_code: "km_driven",
    });

    // The months already cut are not offered again; a week of the period is.
    const slices = screen.getByRole("form", { name: "Ajouter une tranche à « Contacts émis »" });
    await user.selectOptions(within(slices).getByLabelText("Découper"), "2");
    await user.selectOptions(within(slices).getByLabelText("Découpage"), "week");
    const choices = within(within(slices).getByLabelText("Tranche")).getAllByRole("option");
    expect(choices.map((o) => o.textContent)).toEqual([
      "Choisir…",
      "semaine 49 de 2026",
      "semaine 50 de 2026",
      "semaine 51 de 2026",
      "semaine 52 de 2026",
      "semaine 53 de 2026",
    ]);
    await user.selectOptions(within(slices).getByLabelText("Tranche"), "2026-W50");
    await user.type(within(slices).getByLabelText("Cible de la tranche"), "3");
    post.mockResolvedValueOnce(ok({ id: 10 }, 201) as never);
    await user.click(within(slices).getByRole("button", { name: "Ajouter la tranche" }));
    expect(bodies(post)[2]).toEqual({
      parent_id: 2,
      dimension: "week",
      slice_key: "2026-W50",
      label: "Contacts émis — décembre 2026 — semaine 50 de 2026",
      target: 3,
    });

    const months = screen.getByRole("table", { name: "Contacts émis : par mois" });
    await user.clear(within(months).getByRole("textbox", { name: "Cible de février 2027" }));
    await user.type(within(months).getByRole("textbox", { name: "Cible de février 2027" }), "10");
    put.mockResolvedValueOnce(ok({ id: 4 }) as never);
    await user.click(within(months).getByRole("button", { name: "Enregistrer la cible de février 2027" }));
    expect(put).toHaveBeenCalledWith("/api/v1/plans/{plan_id}/objectives/{objective_id}", {
      params: { path: { plan_id: 8, objective_id: 4 } },
      body: { label: "Contacts émis — février 2027", target: 10, weight: 1, success_criterion: "" },
    });
  });

  it("adds an action serving an objective; a discount above the policy is refused on its field", async () => {
    const user = userEvent.setup();
    renderPage();
    await user.click(await screen.findByRole("button", { name: "Ajouter une action" }));
    const form = screen.getByRole("form", { name: "Nouvelle action" });
    await user.type(within(form).getByLabelText(/Intitulé de l'action/), "Salon des commerçants");
    await user.selectOptions(within(form).getByLabelText("Type d'action"), "fair");
    await user.selectOptions(within(form).getByLabelText("Segment visé"), "cabinets-pme");
    await user.selectOptions(within(form).getByLabelText("Famille de produits"), "fibre");
    await user.type(within(form).getByLabelText("Remise proposée (%)"), "20");
    await user.click(within(form).getByRole("checkbox", { name: "Sert « Contacts émis »" }));
    await user.type(within(form).getByLabelText("Apport attendu à « Contacts émis »"), "8");
    await user.click(await within(form).findByRole("checkbox", { name: "Salon Lyon" }));
    await user.click(await within(form).findByRole("checkbox", { name: /Semaine du 7\/12/ }));
    post.mockResolvedValueOnce(
      fieldErrors({
        field: "discount_pct",
        message: "Remise de 20 % au-delà de la politique commerciale : 12.00 % au plus.",
      }) as never,
    );
    await user.click(within(form).getByRole("button", { name: "Ajouter l'action" }));
    expect(await within(form).findByText(/12.00 % au plus/)).toBeInTheDocument();
    expect(within(form).getByLabelText("Remise proposée (%)")).toHaveAttribute("aria-invalid", "true");
    expect(bodies(post)[0]).toEqual({
      title: "Salon des commerçants",
      kind: "fair",
      starts_on: "2026-12-01",
      ends_on: "2027-02-28",
      segment_code: "cabinets-pme",
      product_family: "fibre",
      hours: 0,
      budget: 0,
      km: 0,
      discount_pct: 20,
      notes: "",
      contributions: [{ objective_id: 1, expected: 8 }],
      campaign_ids: [5],
      tour_ids: [9],
    });
  });

  it("lists each mismatch when the submission is refused", async () => {
    const user = userEvent.setup();
    renderPage();
    const message = "« Contacts émis » par mois : les 3 sous-objectifs totalisent 25.00 pour une cible de 30.00.";
    post.mockResolvedValueOnce(
      failure({
        type: "urn:capvente:problem:plan-unbalanced",
        title: "Décomposition incohérente",
        status: 422,
        errors: [{ location: "body", field: "objectives.1", message, type: "plan_unbalanced" }],
      }) as never,
    );
    await user.click(await screen.findByRole("button", { name: "Soumettre au formateur" }));
    const alert = await within(screen.getByRole("region", { name: "Validation" })).findByRole("alert");
    expect(alert).toHaveTextContent("Soumission refusée");
    expect(within(alert).getByRole("listitem")).toHaveTextContent(message);
    expect(post).toHaveBeenCalledWith("/api/v1/plans/{plan_id}/submit", {
      params: { path: { plan_id: 8 } },
      body: { version: 2 },
    });
  });

  it("shows the trainer's comment on a returned plan", async () => {
    renderPage({
      status: "returned",
      decision_comment: "Ajoutez une relance en février.",
      decided_at: "2026-12-05T10:00:00Z",
    });
    const note = await screen.findByRole("note");
    expect(note).toHaveTextContent("Renvoyé par le formateur le 05/12/2026 :Ajoutez une relance en février.");
    expect(screen.getByRole("button", { name: "Soumettre au formateur" })).toBeInTheDocument();
  });

  it("freezes a validated plan and revises it into a new draft", async () => {
    const user = userEvent.setup();
    renderPage({ status: "validated", decided_at: "2026-12-05T10:00:00Z" });
    await screen.findByRole("region", { name: "En bref" });
    expect(screen.queryByRole("button", { name: "Ajouter un objectif" })).toBeNull();
    expect(screen.queryByRole("button", { name: "Ajouter une action" })).toBeNull();
    expect(screen.queryByRole("form", { name: /Ajouter une tranche/ })).toBeNull();
    const months = await screen.findByRole("table", { name: "Contacts émis : par mois" });
    expect(within(months).queryByRole("textbox")).toBeNull();
    expect(within(months).getByRole("row", { name: /février 2027/ })).toHaveTextContent("février 20275");
    post.mockResolvedValueOnce(ok({ ...PLAN, id: 12, revision: 2, revision_of_id: 8 }, 201) as never);
    // The new draft, as the server answers it once created (plan 8 stays validated).
    const validated = planAnswers({ status: "validated", decided_at: "2026-12-05T10:00:00Z" });
    const revision = planAnswers({ id: 12, revision: 2, revision_of_id: 8 });
    get.mockImplementation(((path: string, options?: { params?: { path?: { plan_id?: number } } }) =>
      options?.params?.path?.plan_id === 12 ? revision(path) : validated(path)) as never);
    await user.click(screen.getByRole("button", { name: "Réviser" }));
    expect(post).toHaveBeenCalledWith("/api/v1/plans/{plan_id}/revise", {
      params: { path: { plan_id: 8 } },
      body: { version: 2 },
    });
    // The new draft is opened: revision 2, editable, linked to the plan it revises.
    expect(await screen.findByRole("link", { name: "le plan précédent" })).toHaveAttribute("href", "/plans/8");
    expect(get).toHaveBeenCalledWith("/api/v1/plans/{plan_id}", { params: { path: { plan_id: 12 } } });
    expect(screen.getByRole("button", { name: "Ajouter un objectif" })).toBeInTheDocument();
  });
});
