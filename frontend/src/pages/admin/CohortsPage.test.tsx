// @vitest-environment happy-dom
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { api } from "../../api/client";
import { CohortsPage } from "./CohortsPage";

vi.mock("../../api/client", async (original) => {
  const actual = await original<typeof import("../../api/client")>();
  return { ...actual, api: { GET: vi.fn(), POST: vi.fn(), PATCH: vi.fn(), DELETE: vi.fn() } };
});
vi.mock("./AdminNav", () => ({ AdminNav: () => null }));

const MARS = {
  id: 7,
  name: "Session mars",
  organisation_id: 1,
  starts_on: "2026-03-02",
  ends_on: "2026-09-30",
  trainer_ids: [3],
  trainee_count: 1,
  created_at: "2026-11-27T10:00:00Z",
  version: 2,
};
const LEA = { id: 21, full_name: "Léa Martin", email: "lea@example.org", role: "trainee", cohort_id: 7, version: 3 };
const TOM = { id: 22, full_name: "Tom Durand", email: "tom@example.org", role: "trainee", cohort_id: null, version: 1 };

function renderPage(cohorts: unknown[], trainees: unknown[]) {
  vi.mocked(api.GET).mockImplementation((async (path: string, options: { params: { query: { role?: string } } }) => ({
    data:
      path === "/api/v1/cohorts"
        ? { items: cohorts, total: cohorts.length }
        : options.params.query.role === "trainer"
          ? { items: [{ id: 3, full_name: "Claire Formatrice" }], total: 1 }
          : { items: trainees, total: trainees.length },
    response: new Response(null, { status: 200 }),
  })) as never);
  render(
    <QueryClientProvider client={new QueryClient()}>
      <CohortsPage />
    </QueryClientProvider>,
  );
}

describe("CohortsPage", () => {
  beforeEach(() => {
    vi.mocked(api.GET).mockReset();
    vi.mocked(api.PATCH).mockReset();
  });

  it("says how to start when there is no cohort", async () => {
    renderPage([], []);
    expect(await screen.findByText("Aucune cohorte pour l'instant.")).toBeInTheDocument();
    expect(screen.queryByRole("table")).toBeNull();
  });

  it("lists the cohorts with their trainers, and opens one with its trainees", async () => {
    renderPage([MARS], [LEA, TOM]);
    const row = (await screen.findByRole("cell", { name: "Session mars" })).closest("tr") as HTMLElement;
    expect(await within(row).findByText("Claire Formatrice")).toBeInTheDocument();
    const user = userEvent.setup();
    await user.click(within(row).getByRole("button", { name: "Modifier Session mars" }));
    expect(screen.getByRole("form", { name: "Modifier la cohorte Session mars" })).toBeInTheDocument();
    const trainees = screen.getByRole("region", { name: "Stagiaires de la cohorte Session mars" });
    expect(await within(trainees).findByText("Léa Martin")).toBeInTheDocument();
    expect(within(trainees).getByRole("option", { name: "Tom Durand" })).toBeInTheDocument();
  });

  it("adds a trainee to the cohort with the account's version", async () => {
    vi.mocked(api.PATCH).mockResolvedValue({ data: {}, response: new Response(null, { status: 200 }) } as never);
    renderPage([MARS], [LEA, TOM]);
    const user = userEvent.setup();
    await user.click(await screen.findByRole("button", { name: "Modifier Session mars" }));
    const trainees = screen.getByRole("region", { name: "Stagiaires de la cohorte Session mars" });
    await user.selectOptions(await within(trainees).findByLabelText(/Ajouter un stagiaire/), "22");
    await user.click(within(trainees).getByRole("button", { name: "Ajouter à la cohorte" }));
    await vi.waitFor(() =>
      expect(vi.mocked(api.PATCH).mock.calls[0][1]).toEqual({
        params: { path: { user_id: 22 } },
        body: { version: 1, cohort_id: 7 },
      }),
    );
  });

  it("still offers the form when the organisation has no trainee at all", async () => {
    renderPage([{ ...MARS, trainee_count: 0 }], []);
    const user = userEvent.setup();
    await user.click(await screen.findByRole("button", { name: "Modifier Session mars" }));
    const trainees = screen.getByRole("region", { name: "Stagiaires de la cohorte Session mars" });
    expect(await within(trainees).findByText("Aucun stagiaire ne suit encore cette cohorte.")).toBeInTheDocument();
    expect(within(trainees).getByText("Tous les stagiaires suivent déjà cette cohorte.")).toBeInTheDocument();
    expect(within(trainees).getByLabelText(/Ajouter un stagiaire/)).toBeDisabled();
  });

  it("checks the dates before sending, and clears the last notice when a form opens", async () => {
    vi.mocked(api.POST).mockResolvedValue({
      data: { ...MARS, id: 8, name: "Session juin" },
      response: new Response(null, { status: 201 }),
    } as never);
    renderPage([MARS], []);
    const user = userEvent.setup();
    await user.click(screen.getByRole("button", { name: "Nouvelle cohorte" }));
    const form = screen.getByRole("form", { name: "Nouvelle cohorte" });
    await user.type(within(form).getByLabelText("Nom de la cohorte"), "Session juin");
    await user.type(within(form).getByLabelText("Début"), "2026-06-01");
    await user.type(within(form).getByLabelText("Fin"), "2026-05-01");
    await user.click(within(form).getByRole("button", { name: "Créer la cohorte" }));
    expect(screen.getByText("La date de fin précède la date de début.")).toBeInTheDocument();
    expect(within(form).getByText("Corrigez les champs signalés.")).toBeInTheDocument();
    expect(api.POST).not.toHaveBeenCalled();
    await user.clear(within(form).getByLabelText("Fin"));
    await user.click(within(form).getByRole("button", { name: "Créer la cohorte" }));
    expect(await screen.findByText("Cohorte créée : Session juin.")).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Nouvelle cohorte" }));
    expect(screen.queryByText("Cohorte créée : Session juin.")).toBeNull();
  });
});
