// @vitest-environment happy-dom
// The trainee's plans: the list, its empty state, and a new plan (title, period, first month)
// opened once created; the server's refusals shown on the fields or whole.
import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { MemoryRouter, Route, Routes } from "react-router-dom";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { api } from "../../api/client";
import { isoToday } from "../../labels/prospects";
import { failure, fieldErrors, ok, renderWithClient } from "../../test-utils";
import { PLAN } from "./fixtures";
import { monthStarts } from "./periods";
import { PlansPage } from "./PlansPage";

vi.mock("../../api/client", async (original) => {
  const actual = await original<typeof import("../../api/client")>();
  return { ...actual, api: { GET: vi.fn(), POST: vi.fn() } };
});

const get = vi.mocked(api.GET);
const post = vi.mocked(api.POST);

function renderPage(items: unknown[]) {
  get.mockResolvedValue(ok({ items, total: items.length, limit: 20, offset: 0 }) as never);
  renderWithClient(
    <MemoryRouter initialEntries={["/plans"]}>
      <Routes>
        <Route path="/plans" element={<PlansPage />} />
        <Route path="/plans/:id" element={<p>Plan ouvert</p>} />
      </Routes>
    </MemoryRouter>,
    { defaultOptions: { queries: { retry: false } } },
  );
}

beforeEach(() => {
  get.mockReset();
  post.mockReset();
});

describe("PlansPage", () => {
  it("lists the plans with their period, case and status", async () => {
    renderPage([{ ...PLAN, status: "returned", revision: 2 }]);
    const row = await screen.findByRole("row", { name: /Plan du trimestre/ });
    expect(
      within(row)
        .getAllByRole("cell")
        .map((c) => c.textContent),
    ).toEqual(["Trimestre du 01/12/2026 au 28/02/2027", "Rhône Télécom Services (v1)", "Renvoyé", "2", "06/12/2026"]);
    expect(within(row).getByRole("link", { name: "Plan du trimestre" })).toHaveAttribute("href", "/plans/8");
    expect(get).toHaveBeenCalledWith("/api/v1/plans", {
      params: { query: { sort: "-starts_on", limit: 20, offset: 0 } },
    });
  });

  it("says what to do when there is none, and creates one starting on the first of a month", async () => {
    const user = userEvent.setup();
    renderPage([]);
    expect(await screen.findByText("Aucun plan d'actions.")).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Nouveau plan" }));
    const form = screen.getByRole("form", { name: "Nouveau plan d'actions" });
    const months = monthStarts(isoToday());
    expect(within(form).getByLabelText("Premier mois")).toHaveValue(`${isoToday().slice(0, 7)}-01`);

    post.mockResolvedValueOnce(fieldErrors({ field: "title", message: "Champ obligatoire." }) as never);
    await user.click(within(form).getByRole("button", { name: "Créer le plan" }));
    expect(within(form).getByLabelText(/Titre du plan/)).toHaveAccessibleDescription("Champ obligatoire.");

    // No business case assigned: the server's 409, whole.
    await user.type(within(form).getByLabelText(/Titre du plan/), " Plan annuel ");
    await user.selectOptions(within(form).getByLabelText("Période"), "year");
    await user.selectOptions(within(form).getByLabelText("Premier mois"), months[14].value);
    post.mockResolvedValueOnce(
      failure({
        status: 409,
        title: "Conflit",
        detail: "Aucun cas d'entreprise publié ne vous est attribué.",
      }) as never,
    );
    await user.click(within(form).getByRole("button", { name: "Créer le plan" }));
    expect(await within(form).findByRole("alert")).toHaveTextContent(
      "Aucun cas d'entreprise publié ne vous est attribué.",
    );

    post.mockResolvedValueOnce(ok({ ...PLAN, id: 21 }, 201) as never);
    await user.click(within(form).getByRole("button", { name: "Créer le plan" }));
    expect(await screen.findByText("Plan ouvert")).toBeInTheDocument();
    expect(post).toHaveBeenLastCalledWith("/api/v1/plans", {
      body: { title: "Plan annuel", period_kind: "year", starts_on: months[14].value, notes: "" },
    });
    expect(months[14].value).toMatch(/^\d{4}-\d{2}-01$/);
  });
});
