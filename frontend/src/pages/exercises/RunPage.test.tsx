// @vitest-environment happy-dom
// A trainee's run: the list of their exercises; the start (another run already open is
// named), the instructions in Markdown, the simulated clock; the market's prospects (by their
// tag, as the server stores it when it finds none as written); a call answered with its
// probabilities and factors, linked to the file and the agenda; a call refused by the channel
// policy; a day advanced and what the market did; the run handed in, asked twice.
import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { MemoryRouter, Route, Routes } from "react-router-dom";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { api } from "../../api/client";
import { failure, ok, renderWithClient } from "../../test-utils";
import { ANSWER, COMPANY, CONSUMER, EXERCISE, page, run } from "./fixtures";
import { MyExercisesPage } from "./MyExercisesPage";
import { RunPage } from "./RunPage";

vi.mock("../../api/client", async (original) => {
  const actual = await original<typeof import("../../api/client")>();
  return { ...actual, api: { GET: vi.fn(), POST: vi.fn() } };
});

const get = vi.mocked(api.GET);
const post = vi.mocked(api.POST);

const EVENTS = [
  {
    id: 7,
    run_id: 3,
    prospect_id: 1973,
    prospect_name: null,
    day: "2026-12-08",
    kind: "appointment",
    outcome: "held",
    record: "appointment:55",
    detail: {},
    created_at: "2026-12-07T19:00:00Z",
  },
  {
    id: 8,
    run_id: 3,
    prospect_id: 1974,
    prospect_name: "Boralia Commerçants",
    day: "2026-12-08",
    kind: "order",
    outcome: "order",
    record: "order:31",
    detail: { number: "CMD-2026-00031" },
    created_at: "2026-12-07T19:00:00Z",
  },
];

let current = run();

function serve() {
  get.mockImplementation(((path: string, init?: { params?: { query?: { tag?: string } } }) => {
    if (path === "/api/v1/prospects") {
      // The server compares the tag's stored form: none found as written.
      const stored = init?.params?.query?.tag === "march\\u00e9 simul\\u00e9";
      return Promise.resolve(ok(stored ? page([COMPANY, CONSUMER], 200) : page([], 0)));
    }
    const answers: Record<string, unknown> = {
      "/api/v1/exercise-runs": page([
        current,
        run({
          id: 5,
          exercise_id: 2,
          exercise_title: "Tournées",
          status: "submitted",
          submitted_at: "2026-12-01T10:00:00Z",
        }),
      ]),
      "/api/v1/exercise-runs/{run_id}": current,
      "/api/v1/exercises/{exercise_id}": EXERCISE,
      "/api/v1/exercise-runs/{run_id}/events": page([]),
      "/api/v1/call-scripts": page([{ id: 2, name: "Script fibre pro" }]),
      "/api/v1/personas": page([{ id: 6, name: "Commerçant de centre-ville" }]),
    };
    return Promise.resolve(ok(answers[path]));
  }) as never);
}

function renderAt(path: string) {
  renderWithClient(
    <MemoryRouter initialEntries={[path]}>
      <Routes>
        <Route path="/mes-exercices" element={<MyExercisesPage />} />
        <Route path="/mes-exercices/:id" element={<RunPage />} />
      </Routes>
    </MemoryRouter>,
    { defaultOptions: { queries: { retry: false } } },
  );
}

beforeEach(() => {
  get.mockReset();
  post.mockReset();
  current = run();
  serve();
});

describe("MyExercisesPage", () => {
  it("lists the trainee's runs with their status and clock", async () => {
    renderAt("/mes-exercices");
    const table = await screen.findByRole("table", { name: "Mes exercices" });
    const phoning = within(table).getByRole("row", { name: /Campagne de phoning/ });
    expect(
      within(phoning)
        .getAllByRole("cell")
        .map((c) => c.textContent),
    ).toEqual(["En cours", "lundi 7 décembre 2026", "9 jours restants", "—"]);
    expect(within(phoning).getByRole("link")).toHaveAttribute("href", "/mes-exercices/3");
    expect(within(table).getByRole("row", { name: /Tournées/ })).toHaveTextContent("Rendu");
  });
});

describe("RunPage", () => {
  it("starts a run with the version read; another run open is named", async () => {
    const user = userEvent.setup();
    current = run({ status: "not_started", starts_on: null, today: null, ends_on: null, days_left: null, version: 1 });
    renderAt("/mes-exercices/3");
    const instructions = await screen.findByRole("region", { name: "Consignes" });
    expect(within(instructions).getByRole("heading", { level: 3, name: "Votre mission" })).toBeInTheDocument();
    expect(within(instructions).getByText("dix jours simulés").tagName).toBe("STRONG");
    expect(within(instructions).getByRole("list")).toHaveTextContent("Rendez-vous pris : 15");
    const clock = screen.getByRole("region", { name: "Horloge simulée" });
    expect(await within(clock).findByText(/les 200 personnes du marché/)).toBeInTheDocument();
    expect(screen.queryByRole("region", { name: "Votre marché : appeler, écrire" })).toBeNull();

    post.mockResolvedValueOnce(
      failure({
        type: "urn:capvente:problem:run-already-running",
        title: "Conflit avec l'état actuel",
        status: 409,
        detail: "Vous avez déjà un exercice en cours (parcours 5) : rendez-le d'abord.",
        running_run_id: 5,
      }) as never,
    );
    await user.click(within(clock).getByRole("button", { name: "Démarrer" }));
    expect(await within(clock).findByRole("alert")).toHaveTextContent(
      "Vous avez déjà un exercice en cours (parcours 5)",
    );
    expect(within(clock).getByRole("link", { name: "Ouvrir l'exercice en cours" })).toHaveAttribute(
      "href",
      "/mes-exercices/5",
    );
    post.mockResolvedValueOnce(ok(run()) as never);
    current = run();
    await user.click(within(clock).getByRole("button", { name: "Démarrer" }));
    expect(
      await within(clock).findByText("Jour simulé : lundi 7 décembre 2026 — 9 jours restants"),
    ).toBeInTheDocument();
    expect(post).toHaveBeenCalledWith("/api/v1/exercise-runs/{run_id}/start", {
      params: { path: { run_id: 3 } },
      body: { version: 1 },
    });
  });

  it("calls a company of the market: the outcome, its probabilities and factors, its records", async () => {
    const user = userEvent.setup();
    renderAt("/mes-exercices/3");
    const market = await screen.findByRole("region", { name: "Votre marché : appeler, écrire" });
    const table = await within(market).findByRole("table", { name: "Prospects du marché simulé" });
    expect(within(table).getByRole("row", { name: /Filia/ })).toHaveTextContent("Entreprise (B2B)");
    // Asked as written first, then as the server stores the tag.
    expect(get.mock.calls.filter((c) => c[0] === "/api/v1/prospects").map((c) => c[1])).toEqual([
      { params: { query: { sort: "-created_at,name", limit: 10, offset: 0, tag: "marché simulé" } } },
      { params: { query: { sort: "-created_at,name", limit: 10, offset: 0, tag: "march\\u00e9 simul\\u00e9" } } },
    ]);

    await user.click(within(table).getByRole("button", { name: "Appeler Filia" }));
    const form = screen.getByRole("form", { name: "Appeler Filia" });
    expect(screen.getByRole("heading", { name: "Appeler Filia" })).toHaveFocus();
    await user.selectOptions(within(form).getByLabelText(/Heure de l'appel/), "16");
    await user.selectOptions(await within(form).findByLabelText("Script d'appel (facultatif)"), "2");
    post.mockResolvedValueOnce(ok(ANSWER, 201) as never);
    await user.click(within(form).getByRole("button", { name: "Appeler" }));
    const answer = await screen.findByRole("region", { name: "Réponse du marché : Rendez-vous pris" });
    expect(within(answer).getByRole("heading", { name: "Réponse du marché : Rendez-vous pris" })).toHaveFocus();
    expect(post).toHaveBeenCalledWith("/api/v1/exercise-runs/{run_id}/calls", {
      params: { path: { run_id: 3 } },
      body: { prospect_id: 1973, hour: 16, persona_id: null, notes: "", call_script_id: 2 },
    });
    const probabilities = within(answer).getByRole("table", { name: "Probabilités de chaque issue" });
    expect(within(probabilities).getByRole("row", { name: /Rendez-vous pris/ })).toHaveTextContent("(tirée)5 %");
    expect(within(probabilities).getByRole("row", { name: /Barrage du standard/ })).toHaveTextContent("10 %");
    const factors = within(answer).getByRole("table", { name: "Facteurs appliqués" });
    expect(within(factors).getByRole("row", { name: /Tranche horaire de l'appel/ })).toHaveTextContent("× 1,2");
    expect(within(answer).getByRole("link", { name: "Voir la fiche de Filia et son historique" })).toHaveAttribute(
      "href",
      "/prospects/1973",
    );
    expect(within(answer).getByRole("link", { name: "Voir le rendez-vous dans l'agenda" })).toHaveAttribute(
      "href",
      "/agenda?rendez-vous=55",
    );
    expect(answer).toHaveTextContent("Preuves enregistrées dans votre portfolio : CP3.7, CP3.1, CP3.2.");
  });

  it("shows the channel policy's refusal of a call: nothing recorded, the channels left", async () => {
    const user = userEvent.setup();
    renderAt("/mes-exercices/3");
    const market = await screen.findByRole("region", { name: "Votre marché : appeler, écrire" });
    await user.click(await within(market).findByRole("button", { name: "Appeler Alexandre Clément" }));
    const form = screen.getByRole("form", { name: "Appeler Alexandre Clément" });
    post.mockResolvedValueOnce(
      failure({
        type: "urn:capvente:problem:channel-policy:consent-refused",
        title: "Contact refusé par la politique RGPD",
        status: 409,
        detail: "La personne a refusé d'être prospectée par le téléphone : ce canal est exclu.",
        rule: "consent-refused",
        channel: "phone",
        allowed_channels: ["postal", "visit"],
      }) as never,
    );
    await user.click(within(form).getByRole("button", { name: "Appeler" }));
    const alert = await within(form).findByRole("alert");
    expect(alert).toHaveTextContent(
      "Appel refusé par la politique RGPD (téléphone) : rien n'a été enregistré et le marché n'a pas été consulté.",
    );
    expect(alert).toHaveTextContent("La personne a refusé d'être prospectée par le téléphone : ce canal est exclu.");
    expect(within(alert).getByRole("list", { name: "Canaux encore permis" })).toHaveTextContent("Courrier");
    expect(alert).toHaveTextContent("Règle appliquée : consent-refused.");
    expect(screen.queryByRole("region", { name: /^Réponse du marché/ })).toBeNull();
  });

  it("sends an e-mail, personalised", async () => {
    const user = userEvent.setup();
    renderAt("/mes-exercices/3");
    const market = await screen.findByRole("region", { name: "Votre marché : appeler, écrire" });
    await user.click(await within(market).findByRole("button", { name: "Envoyer un e-mail à Filia" }));
    const form = screen.getByRole("form", { name: "Écrire à Filia" });
    await user.click(within(form).getByLabelText("Message personnalisé au destinataire"));
    post.mockResolvedValueOnce(
      ok(
        {
          ...ANSWER,
          outcome: "ignored",
          outcome_label: "Sans suite",
          appointment_id: null,
          probabilities: { replied: 0.06, unsubscribed: 0.01, opened: 0.23, ignored: 0.7 },
        },
        201,
      ) as never,
    );
    await user.click(within(form).getByRole("button", { name: "Envoyer l'e-mail" }));
    const answer = await screen.findByRole("region", { name: "Réponse du marché : Sans suite" });
    expect(within(answer).getByRole("row", { name: /Réponse reçue/ })).toHaveTextContent("6 %");
    expect(within(answer).queryByRole("link", { name: "Voir le rendez-vous dans l'agenda" })).toBeNull();
    expect(post).toHaveBeenCalledWith("/api/v1/exercise-runs/{run_id}/emails", {
      params: { path: { run_id: 3 } },
      body: { prospect_id: 1973, hour: 9, persona_id: null, notes: "", personalised: true },
    });
  });

  it("advances the clock a day and shows what the market did, then hands the run in", async () => {
    const user = userEvent.setup();
    renderAt("/mes-exercices/3");
    const clock = await screen.findByRole("region", { name: "Horloge simulée" });
    expect(within(clock).getByText("Jour simulé : lundi 7 décembre 2026 — 9 jours restants")).toBeInTheDocument();
    const next = run({ today: "2026-12-08", days_left: 8, version: 4, advance_total: 1, advance_done: 1 });
    post.mockResolvedValueOnce(ok({ run: next, days_played: 1, events: EVENTS }) as never);
    current = next;
    await user.click(within(clock).getByRole("button", { name: "Avancer d'un jour" }));
    const played = await within(clock).findByRole("region", {
      name: "Ce que le marché a fait le mardi 8 décembre 2026",
    });
    expect(post).toHaveBeenCalledWith("/api/v1/exercise-runs/{run_id}/advance", {
      params: { path: { run_id: 3 } },
      body: { days: 1, version: 2 },
    });
    const held = within(played).getByRole("row", { name: /Rendez-vous tenu/ });
    expect(within(held).getByRole("link", { name: "Prospect n° 1973" })).toHaveAttribute("href", "/prospects/1973");
    expect(within(held).getByRole("link", { name: /^Rendez-vous dans l'agenda/ })).toHaveAttribute(
      "href",
      "/agenda?rendez-vous=55",
    );
    const order = within(played).getByRole("row", { name: /Commande passée/ });
    expect(order).toHaveTextContent("Commande CMD-2026-00031");
    expect(within(order).getByRole("link", { name: /^Commande/ })).toHaveAttribute("href", "/commandes/31");
    expect(
      await within(clock).findByText("Jour simulé : mardi 8 décembre 2026 — 8 jours restants"),
    ).toBeInTheDocument();

    await user.click(within(clock).getByRole("button", { name: "Rendre le parcours" }));
    const ask = within(clock).getByRole("group", { name: /^Rendre votre parcours \?/ });
    expect(post).toHaveBeenCalledTimes(1);
    current = run({ status: "submitted", submitted_at: "2026-12-07T20:00:00Z", today: "2026-12-08", version: 5 });
    post.mockResolvedValueOnce(ok(current) as never);
    await user.click(within(ask).getByRole("button", { name: "Oui, rendre le parcours" }));
    expect(await within(clock).findByText(/^Parcours rendu le /)).toBeInTheDocument();
    expect(post).toHaveBeenLastCalledWith("/api/v1/exercise-runs/{run_id}/submit", {
      params: { path: { run_id: 3 } },
      body: { version: 4 },
    });
    expect(screen.queryByRole("region", { name: "Votre marché : appeler, écrire" })).toBeNull();
  });
});
