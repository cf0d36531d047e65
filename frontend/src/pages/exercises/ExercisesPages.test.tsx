// @vitest-environment happy-dom
// The staff's list of exercises (status, runs by status, filter) and the new exercise: from a
// template (its title, then ours; the builder opens), blank (the server's field errors), or
// from a JSON document (not JSON; refused with every fault by path).
import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { MemoryRouter, Route, Routes } from "react-router-dom";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { api } from "../../api/client";
import { fieldErrors, ok, renderWithClient } from "../../test-utils";
import { ExercisesPage } from "./ExercisesPage";
import { EXERCISE, page } from "./fixtures";
import { NewExercisePage } from "./NewExercisePage";

vi.mock("../../api/client", async (original) => {
  const actual = await original<typeof import("../../api/client")>();
  return { ...actual, api: { GET: vi.fn(), POST: vi.fn() } };
});

const get = vi.mocked(api.GET);
const post = vi.mocked(api.POST);

const TEMPLATES = [
  {
    key: "phoning-2026",
    title: "Campagne de phoning sous la règle de consentement 2026",
    summary: "Dix jours de prospection téléphonique.",
    days: 10,
    competences: ["CP3", "CP3.1"],
  },
  {
    key: "tours-week",
    title: "Une semaine de tournées et de visites",
    summary: "Cinq jours de tournées.",
    days: 5,
    competences: ["CP2"],
  },
];

function serve() {
  get.mockImplementation(((path: string) => {
    const answers: Record<string, unknown> = {
      "/api/v1/exercises": page([
        EXERCISE,
        { ...EXERCISE, id: 2, title: "Une semaine de tournées et de visites", status: "draft", runs: {}, days: 5 },
      ]),
      "/api/v1/exercises/templates": TEMPLATES,
      "/api/v1/business-cases": page([
        { id: 4, name: "Rhône Télécom Services", status: "published", published_number: 1 },
        { id: 7, name: "Atelier Bois Sud", status: "draft", published_number: 0 },
      ]),
    };
    return Promise.resolve(ok(answers[path]));
  }) as never);
}

function renderAt(path: string) {
  renderWithClient(
    <MemoryRouter initialEntries={[path]}>
      <Routes>
        <Route path="/exercices" element={<ExercisesPage />} />
        <Route path="/exercices/nouveau" element={<NewExercisePage />} />
        <Route path="/exercices/:id" element={<p>Constructeur de l'exercice</p>} />
      </Routes>
    </MemoryRouter>,
    { defaultOptions: { queries: { retry: false } } },
  );
}

beforeEach(() => {
  get.mockReset();
  post.mockReset();
  serve();
});

describe("ExercisesPage", () => {
  it("lists the exercises with their status and runs, filters by status, offers a new one", async () => {
    const user = userEvent.setup();
    renderAt("/exercices");
    const table = await screen.findByRole("table", { name: "Exercices de l'organisme" });
    const phoning = within(table).getByRole("row", { name: /Campagne de phoning/ });
    expect(
      within(phoning)
        .getAllByRole("cell")
        .map((c) => c.textContent),
    ).toEqual(["Publié", "2 non démarrés", "10", "À la demande", "07/12/2026"]);
    expect(within(table).getByRole("row", { name: /tournées/ })).toHaveTextContent("aucun parcours");
    expect(screen.getByRole("link", { name: "Nouvel exercice" })).toHaveAttribute("href", "/exercices/nouveau");
    await user.selectOptions(screen.getByLabelText("Statut"), "draft");
    expect(get).toHaveBeenLastCalledWith("/api/v1/exercises", {
      params: { query: { status: "draft", limit: 20, offset: 0 } },
    });
  });

  it("says what to do when there is no exercise", async () => {
    get.mockResolvedValue(ok(page([])) as never);
    renderAt("/exercices");
    expect(await screen.findByText("Aucun exercice.")).toBeInTheDocument();
  });
});

describe("NewExercisePage", () => {
  it("creates an exercise from a template: its title proposed, then the builder opens", async () => {
    const user = userEvent.setup();
    renderAt("/exercices/nouveau");
    const form = await screen.findByRole("form", { name: "Depuis un modèle" });
    await user.click(within(form).getByRole("button", { name: "Créer l'exercice" }));
    expect(within(form).getByText("Choisissez un modèle.")).toBeInTheDocument();
    expect(post).not.toHaveBeenCalled();

    await user.click(await within(form).findByRole("radio", { name: /Une semaine de tournées et de visites/ }));
    expect(within(form).getByLabelText(/Titre/)).toHaveValue("Une semaine de tournées et de visites");
    await user.clear(within(form).getByLabelText(/Titre/));
    await user.type(within(form).getByLabelText(/Titre/), "Tournées de la semaine 50");
    // Only the cases with a published version are offered.
    const cases = within(form).getByLabelText("Cas d'entreprise");
    expect(
      within(cases)
        .getAllByRole("option")
        .map((o) => o.textContent),
    ).toEqual(["Aucun pour l'instant", "Rhône Télécom Services"]);
    await user.selectOptions(cases, "4");
    post.mockResolvedValueOnce(ok({ ...EXERCISE, id: 9 }, 201) as never);
    await user.click(within(form).getByRole("button", { name: "Créer l'exercice" }));
    expect(await screen.findByText("Constructeur de l'exercice")).toBeInTheDocument();
    expect(post).toHaveBeenCalledWith("/api/v1/exercises", {
      body: { title: "Tournées de la semaine 50", template: "tours-week", business_case_id: 4 },
    });
  });

  it("creates a blank exercise: the server's messages beside the fields", async () => {
    const user = userEvent.setup();
    renderAt("/exercices/nouveau");
    await user.click(await screen.findByRole("radio", { name: "Une page blanche" }));
    const form = screen.getByRole("form", { name: "Exercice vierge" });
    post.mockResolvedValueOnce(fieldErrors({ field: "title", message: "Champ obligatoire." }) as never);
    await user.click(within(form).getByRole("button", { name: "Créer l'exercice" }));
    expect(await within(form).findByText("Corrigez les champs signalés.")).toBeInTheDocument();
    expect(within(form).getByLabelText(/Titre/)).toHaveAccessibleDescription("Champ obligatoire.");
    expect(post).toHaveBeenCalledWith("/api/v1/exercises", {
      body: { title: "", template: null, business_case_id: null },
    });
  });

  it("imports a JSON document: not JSON, then refused with every fault by path", async () => {
    const user = userEvent.setup();
    renderAt("/exercices/nouveau");
    await user.click(await screen.findByRole("radio", { name: "Un document JSON (import)" }));
    const form = screen.getByRole("form", { name: "Importer un exercice" });
    const input = within(form).getByLabelText(/Fichier JSON de l'exercice/);
    await user.click(within(form).getByRole("button", { name: "Importer" }));
    expect(input).toHaveAccessibleDescription("Choisissez un fichier.");

    await user.upload(input, new File(["{ pas du json"], "exercice.json", { type: "application/json" }));
    await user.click(within(form).getByRole("button", { name: "Importer" }));
    expect(await within(form).findByText(/^Ce fichier n'est pas un document JSON lisible/)).toBeInTheDocument();
    expect(post).not.toHaveBeenCalled();

    const doc = { schema_version: 1, exercise: { title: "", days: 0 } };
    await user.upload(input, new File([JSON.stringify(doc)], "exercice.json", { type: "application/json" }));
    post.mockResolvedValueOnce(
      fieldErrors(
        { field: "exercise.days", message: "Doit être supérieur ou égal à 1." },
        { field: "exercise.title", message: "Champ obligatoire." },
      ) as never,
    );
    await user.click(within(form).getByRole("button", { name: "Importer" }));
    const alert = await within(form).findByRole("alert");
    expect(alert).toHaveTextContent("Document refusé, aucun exercice n'a été créé : 2 erreurs.");
    expect(
      within(alert)
        .getAllByRole("listitem")
        .map((li) => li.textContent),
    ).toEqual(["exercise.days : Doit être supérieur ou égal à 1.", "exercise.title : Champ obligatoire."]);
    expect(post).toHaveBeenCalledWith("/api/v1/exercises/import", { body: doc });
  });
});
