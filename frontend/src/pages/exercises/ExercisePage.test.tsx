// @vitest-environment happy-dom
// The exercise builder: the parameters sent with the version read and only what changed (the
// server's messages by row), the market form built from the schema (a value refused beside
// its field, numbers sent), locked once a trainee started; publish, close (asked twice),
// export; the assignment; the cohort advance followed until its days are played; the results
// and their CSV.
import { fireEvent, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { MemoryRouter, Route, Routes } from "react-router-dom";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { api } from "../../api/client";
import { downloadFile } from "../../api/download";
import { failure, fieldErrors, ok, renderWithClient, staleVersion } from "../../test-utils";
import { EXERCISE, MARKET_SCHEMA, METRICS, RESULTS, page, run } from "./fixtures";
import { ExercisePage } from "./ExercisePage";

vi.mock("../../api/client", async (original) => {
  const actual = await original<typeof import("../../api/client")>();
  return { ...actual, api: { GET: vi.fn(), POST: vi.fn(), PATCH: vi.fn(), DELETE: vi.fn() } };
});
vi.mock("../../api/download", () => ({ downloadFile: vi.fn(async () => "exercice-1-resultats.csv") }));

const get = vi.mocked(api.GET);
const post = vi.mocked(api.POST);
const patch = vi.mocked(api.PATCH);

let runsAnswers: unknown[] = [];

function serve(overrides: Record<string, unknown> = {}, runs = [run({ status: "not_started", today: null })]) {
  runsAnswers = [];
  get.mockImplementation(((path: string, init?: { params?: { query?: { limit?: number } } }) => {
    const answers: Record<string, unknown> = {
      "/api/v1/exercises/{exercise_id}": { ...EXERCISE, ...overrides },
      "/api/v1/exercises/market-schema": MARKET_SCHEMA,
      "/api/v1/business-cases": page([
        { id: 4, name: "Rhône Télécom Services", status: "published", published_number: 1 },
      ]),
      "/api/v1/metrics": METRICS,
      "/api/v1/exercises/{exercise_id}/results": RESULTS,
      "/api/v1/users": page([
        { id: 9, full_name: "Maxime Martin" },
        { id: 12, full_name: "Julien Thomas" },
      ]),
      "/api/v1/cohorts": page([{ id: 1, name: "Session 2026" }]),
      "/api/v1/exercises/{exercise_id}/runs": page(runs),
    };
    // The runs card's page (20 a page) follows the advance; the assignment reads them all.
    if (path === "/api/v1/exercises/{exercise_id}/runs" && init?.params?.query?.limit === 20) {
      return Promise.resolve(ok(runsAnswers.length > 1 ? runsAnswers.shift() : (runsAnswers[0] ?? page(runs))));
    }
    return Promise.resolve(ok(answers[path]));
  }) as never);
}

function renderPage() {
  renderWithClient(
    <MemoryRouter initialEntries={["/exercices/1"]}>
      <Routes>
        <Route path="/exercices/:id" element={<ExercisePage />} />
        <Route path="/exercices" element={<p>Liste des exercices</p>} />
      </Routes>
    </MemoryRouter>,
    { defaultOptions: { queries: { retry: false } } },
  );
}

beforeEach(() => {
  for (const m of [get, post, patch]) m.mockReset();
  vi.mocked(downloadFile).mockClear();
  serve();
});

describe("ExercisePage: parameters", () => {
  it("sends the version read and only what changed; the server's messages by row", async () => {
    const user = userEvent.setup();
    renderPage();
    const form = await screen.findByRole("form", { name: "Paramètres" });
    expect(within(form).getByLabelText(/Titre/)).toHaveValue(EXERCISE.title);
    // Each objective's metric named with the registry's label and unit.
    await within(form).findAllByRole("option", { name: "Contacts émis (nombre)" });
    expect(within(form).getByLabelText("Indicateur de l'objectif 2")).toHaveValue("contacts");
    await user.click(within(form).getByRole("button", { name: "Ajouter un objectif" }));
    await user.selectOptions(await within(form).findByLabelText("Indicateur de l'objectif 3"), "reach_rate");
    expect(within(form).getByLabelText("Cible de l'objectif 3")).toHaveAccessibleDescription("En %.");
    await user.type(within(form).getByLabelText("Cible de l'objectif 3"), "30,5");
    fireEvent.change(within(form).getByLabelText("Compétences visées"), { target: { value: "cp3, CP3.1; cp3.2" } });
    patch.mockResolvedValueOnce(
      fieldErrors({ field: "objectives.2.target", message: "Doit être inférieur ou égal à 100." }) as never,
    );
    await user.click(within(form).getByRole("button", { name: "Enregistrer les paramètres" }));
    expect(await within(form).findByText("Corrigez les champs signalés.")).toBeInTheDocument();
    expect(within(form).getByLabelText("Cible de l'objectif 3")).toHaveAccessibleDescription(
      "En %. Doit être inférieur ou égal à 100.",
    );
    expect(patch).toHaveBeenCalledWith("/api/v1/exercises/{exercise_id}", {
      params: { path: { exercise_id: 1 } },
      body: {
        version: 3,
        objectives: [
          { metric: "appointments_taken", target: "15", label: "Rendez-vous pris" },
          { metric: "contacts", target: "120", label: "Contacts émis" },
          { metric: "reach_rate", target: "30.5", label: "" },
        ],
        competences: ["CP3", "CP3.1", "CP3.2"],
      },
    });

    // The instructions' preview, then a stale version.
    await user.click(within(form).getByRole("button", { name: "Aperçu des consignes" }));
    const preview = screen.getByRole("region", { name: "Aperçu des consignes" });
    expect(within(preview).getByRole("heading", { level: 4, name: "Votre mission" })).toBeInTheDocument();
    patch.mockResolvedValueOnce(staleVersion() as never);
    await user.click(within(form).getByRole("button", { name: "Enregistrer les paramètres" }));
    expect(await within(form).findByText(/Cet exercice a été modifié entre-temps/)).toBeInTheDocument();
    expect(within(form).getByRole("button", { name: "Repartir de la version actuelle" })).toBeInTheDocument();
  });

  it("locks the length, the first day and the market once a trainee started", async () => {
    serve({ runs: { not_started: 1, running: 1 } });
    renderPage();
    const form = await screen.findByRole("form", { name: "Paramètres" });
    expect(within(form).getByLabelText(/Durée simulée/)).toBeDisabled();
    expect(within(form).getByLabelText("Premier jour simulé")).toBeDisabled();
    expect(within(form).getByLabelText(/Titre/)).toBeEnabled();
    const market = screen.getByRole("region", { name: "Marché simulé" });
    expect(within(market).getByText(/^Des stagiaires ont démarré cet exercice/)).toHaveAttribute("role", "status");
    expect(await within(market).findByLabelText("Nombre de personnes simulées")).toBeDisabled();
    expect(within(market).queryByRole("button", { name: "Enregistrer le marché" })).toBeNull();
    expect(screen.queryByRole("button", { name: "Supprimer" })).toBeNull();
  });
});

describe("ExercisePage: market", () => {
  it("builds the form from the schema, shows a refused value beside its field, sends numbers", async () => {
    const user = userEvent.setup();
    renderPage();
    const form = await screen.findByRole("form", { name: "Paramètres du marché simulé" });
    const reach = within(form).getByLabelText("Taux de décroché de base d'un appel (un humain répond)");
    expect(reach).toHaveValue(0.28);
    expect(reach).toHaveAccessibleDescription("De 0 à 1 · par défaut 0,28");
    expect(within(form).getByRole("group", { name: "Décroché par tranche horaire (entreprises)" })).toBeInTheDocument();
    fireEvent.change(reach, { target: { value: "3" } });
    patch.mockResolvedValueOnce(
      fieldErrors({ field: "market.calls.reach_rate", message: "Doit être inférieur ou égal à 1.0." }) as never,
    );
    await user.click(within(form).getByRole("button", { name: "Enregistrer le marché" }));
    expect(await within(form).findByText("Doit être inférieur ou égal à 1.0.")).toBeInTheDocument();
    expect(reach).toHaveAttribute("aria-invalid", "true");
    expect(form.querySelector("details")).toHaveAttribute("open");
    expect(patch).toHaveBeenLastCalledWith("/api/v1/exercises/{exercise_id}", {
      params: { path: { exercise_id: 1 } },
      body: { version: 3, market: { population: 200, calls: { reach_rate: 3, hours_company: { h08_10: 1.15 } } } },
    });

    fireEvent.change(reach, { target: { value: "0.12" } });
    patch.mockResolvedValueOnce(
      ok({
        ...EXERCISE,
        version: 4,
        market: { ...EXERCISE.market, calls: { reach_rate: 0.12, hours_company: { h08_10: 1.15 } } },
      }) as never,
    );
    await user.click(within(form).getByRole("button", { name: "Enregistrer le marché" }));
    expect(await screen.findByText("Marché enregistré.")).toBeInTheDocument();
    expect(reach).toHaveValue(0.12);

    // The defaults come back from the schema (not sent until saved).
    await user.click(within(form).getByRole("button", { name: "Remettre les valeurs par défaut" }));
    expect(reach).toHaveValue(0.28);
  });

  it("says why the server refuses a market once somebody started (409)", async () => {
    const user = userEvent.setup();
    renderPage();
    const form = await screen.findByRole("form", { name: "Paramètres du marché simulé" });
    patch.mockResolvedValueOnce(
      failure({
        type: "urn:capvente:problem:exercise-started",
        title: "Conflit avec l'état actuel",
        status: 409,
        detail: "Des stagiaires ont démarré cet exercice : son marché, sa durée et sa date de début ne changent plus.",
      }) as never,
    );
    await user.click(within(form).getByRole("button", { name: "Enregistrer le marché" }));
    expect(await within(form).findByRole("alert")).toHaveTextContent(
      "Des stagiaires ont démarré cet exercice : son marché, sa durée et sa date de début ne changent plus.",
    );
  });
});

describe("ExercisePage: actions, assignment, runs, results", () => {
  it("publishes a draft, exports it, closes it when asked twice", async () => {
    const user = userEvent.setup();
    serve({ status: "draft", published_at: null, runs: {} });
    renderPage();
    const summary = await screen.findByRole("region", { name: "L'exercice en bref" });
    post.mockResolvedValueOnce(ok({ ...EXERCISE, version: 4 }) as never);
    await user.click(within(summary).getByRole("button", { name: "Publier" }));
    expect(await within(summary).findByText(/^Exercice publié/)).toHaveAttribute("role", "status");
    expect(post).toHaveBeenLastCalledWith("/api/v1/exercises/{exercise_id}/publish", {
      params: { path: { exercise_id: 1 } },
      body: { version: 3 },
    });
    await user.click(within(summary).getByRole("button", { name: "Exporter (JSON)" }));
    expect(downloadFile).toHaveBeenCalledWith("/api/v1/exercises/1/export", "exercice-1.json");

    await user.click(within(summary).getByRole("button", { name: "Clore" }));
    const ask = within(summary).getByRole("group", { name: /^Clore « Campagne de phoning/ });
    post.mockResolvedValueOnce(ok({ ...EXERCISE, status: "closed", version: 5 }) as never);
    await user.click(within(ask).getByRole("button", { name: "Oui, clore" }));
    expect(await within(summary).findByText(/^Exercice clos/)).toBeInTheDocument();
    expect(post).toHaveBeenLastCalledWith("/api/v1/exercises/{exercise_id}/close", {
      params: { path: { exercise_id: 1 } },
      body: { version: 4 },
    });
  });

  it("assigns trainees not assigned yet", async () => {
    const user = userEvent.setup();
    renderPage();
    const form = await screen.findByRole("form", { name: "Attribution" });
    const assigned = await within(form).findByLabelText(/Maxime Martin/);
    expect(assigned).toBeChecked();
    expect(assigned).toBeDisabled();
    await user.click(within(form).getByLabelText("Julien Thomas"));
    post.mockResolvedValueOnce(ok([run({ id: 4, trainee_id: 12, trainee_name: "Julien Thomas" })], 201) as never);
    await user.click(within(form).getByRole("button", { name: "Assigner" }));
    expect(await within(form).findByRole("status")).toHaveTextContent("1 parcours créé : Julien Thomas.");
    expect(post).toHaveBeenCalledWith("/api/v1/exercises/{exercise_id}/assignments", {
      params: { path: { exercise_id: 1 } },
      body: { trainee_ids: [12] },
    });
  });

  it("advances every running run a day and follows the job until its days are played", async () => {
    const user = userEvent.setup();
    serve({ runs: { running: 1 } }, [run()]);
    renderPage();
    const card = await screen.findByRole("region", { name: "Parcours des stagiaires" });
    const row = await within(card).findByRole("row", { name: /Maxime Martin/ });
    expect(row).toHaveTextContent("9 jours restants");
    runsAnswers = [
      page([run({ advance_total: 1, advance_done: 0 })]),
      page([run({ advance_total: 1, advance_done: 1, today: "2026-12-08", days_left: 8 })]),
    ];
    post.mockResolvedValueOnce(ok([run({ advance_total: 1 })], 202) as never);
    await user.click(within(card).getByRole("button", { name: "Avancer tous les parcours d'un jour" }));
    expect(post).toHaveBeenCalledWith("/api/v1/exercises/{exercise_id}/advance", {
      params: { path: { exercise_id: 1 } },
      body: { days: 1, version: 3 },
    });
    expect(await within(card).findByText(/^Le marché joue la journée : 0 sur 1 jour/)).toBeInTheDocument();
    expect(await within(card).findByText("Journée jouée pour 1 parcours.", {}, { timeout: 4000 })).toBeInTheDocument();
    expect(within(card).getByRole("row", { name: /Maxime Martin/ })).toHaveTextContent("8 jours restants");
  });

  it("shows each trainee's attainment, evidence and market answers, and downloads the CSV", async () => {
    const user = userEvent.setup();
    renderPage();
    const objectives = await screen.findByRole("table", { name: "Atteinte des objectifs par stagiaire" });
    const row = within(objectives).getByRole("row", { name: /Maxime Martin/ });
    expect(
      within(row)
        .getAllByRole("cell")
        .map((c) => c.textContent?.replace(/\s/g, " ")),
    ).toEqual(["Rendu", "08/12/2026", "7 %1 sur 15", "3 %4 sur 120", "8"]);
    const figures = screen.getByRole("table", { name: "Indicateurs du registre et réponses du marché par stagiaire" });
    expect(within(figures).getByRole("columnheader", { name: "Taux de joignabilité" })).toBeInTheDocument();
    expect(within(figures).getByRole("row", { name: /Maxime Martin/ })).toHaveTextContent("50 %");
    expect(within(figures).getByRole("row", { name: /Maxime Martin/ })).toHaveTextContent(
      "Appel · rendez-vous pris : 1",
    );
    await user.click(screen.getByRole("button", { name: "Télécharger CSV" }));
    expect(downloadFile).toHaveBeenCalledWith("/api/v1/exercises/1/results?format=csv", "exercice-1-resultats.csv");
    expect(await screen.findByText("Fichier téléchargé : exercice-1-resultats.csv.")).toBeInTheDocument();
  });
});
