// @vitest-environment happy-dom
// The loyalty pages: the RFM grid (a real table whose cells filter the customers) and the
// segments' warnings; the rules computed with their progress polled; a customer's
// recommendations opening the offer builder; the inactive accounts' basis and relaunch task
// (the 409 said as the server words it); the plan's step editor (reordered, the 422 shown on
// the step's field) and the refused messages with their rule; the offer's live check and
// the 409's findings; the NPS and its distribution, a detractor's task; an event's
// invitations refused with their rule, and the answers.
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import type { ReactNode } from "react";
import { MemoryRouter, Route, Routes } from "react-router-dom";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { api } from "../../api/client";
import { failure, fieldErrors, ok, renderWithClient } from "../../test-utils";
import { CustomerPage } from "./CustomerPage";
import { EventPage } from "./EventPage";
import {
  ACTIVE_CASE,
  CAMPAIGN,
  CHECK,
  CUSTOMERS,
  CUSTOMER_DETAIL,
  EVENT,
  INACTIVE,
  PLAN,
  REFUSED,
  RULE,
  RUN,
  SEGMENTS,
  SURVEY,
  emptyPage,
  message,
  offer,
} from "./fixtures";
import { InactivePage } from "./InactivePage";
import { CampaignPage } from "./CampaignPage";
import { OfferBuilderPage } from "./OfferBuilderPage";
import { OffersPage } from "./OffersPage";
import { PlanPage } from "./PlanPage";
import { PlansPage } from "./PlansPage";
import { SegmentsPage } from "./SegmentsPage";
import { SurveyPage } from "./SurveyPage";

vi.mock("../../api/client", async (original) => {
  const actual = await original<typeof import("../../api/client")>();
  return { ...actual, api: { GET: vi.fn(), POST: vi.fn(), PATCH: vi.fn(), DELETE: vi.fn() } };
});
const session = vi.hoisted(() => ({ me: { id: 13, role: "trainee", led_cohorts: [] as number[] } }));
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
    return Promise.resolve(ok(data ?? emptyPage));
  }) as never);
}

/** POST answers by path. */
function answerPosts(records: Record<string, unknown>) {
  post.mockImplementation(((path: string) => Promise.resolve(records[path] ?? ok({}))) as never);
}

function renderAt(url: string, path: string, page: ReactNode) {
  renderWithClient(
    <MemoryRouter initialEntries={[url]}>
      <Routes>
        <Route path={path} element={page} />
      </Routes>
    </MemoryRouter>,
    { defaultOptions: { queries: { retry: false } } },
  );
}

const posted = (path: string) =>
  (post.mock.calls as unknown as [string, { params?: unknown; body: Record<string, unknown> }][]).filter(
    ([p]) => p === path,
  );
const getQuery = (path: string) =>
  (get.mock.calls as unknown as [string, { params?: { query?: Record<string, unknown> } }][])
    .filter(([p]) => p === path)
    .map(([, init]) => init?.params?.query);

beforeEach(() => {
  get.mockReset();
  post.mockReset();
  session.me = { id: 13, role: "trainee", led_cohorts: [] };
});

describe("SegmentsPage", () => {
  it("draws the RFM grid as a table of 25 cells, each filtering the customers", async () => {
    answer({
      "/api/v1/loyalty/segments": SEGMENTS,
      "/api/v1/loyalty/customers": CUSTOMERS,
      "/api/v1/loyalty/recommendations": { run: null, rules: [] },
    });
    const user = userEvent.setup();
    renderAt("/fidelisation", "/fidelisation", <SegmentsPage />);
    const grid = await screen.findByRole("table", { name: /^Grille RFM/ });
    expect(within(grid).getAllByRole("button")).toHaveLength(25);
    expect(
      within(grid)
        .getAllByRole("rowheader")
        .map((h) => h.textContent),
    ).toEqual(["R5 (récence 5)", "R4 (récence 4)", "R3 (récence 3)", "R2 (récence 2)", "R1 (récence 1)"]);
    expect(within(grid).getAllByRole("columnheader")).toHaveLength(5);
    // The warnings, in words: the grid's and each small segment's.
    expect(screen.getByText(/moins de 20, les quintiles/)).toBeInTheDocument();
    const segments = screen.getByRole("table", { name: /^Segments RFM/ });
    expect(within(segments).getByText(/2 clients, trop peu pour que les scores aient un sens/)).toBeInTheDocument();
    expect(screen.getByText(/panier moyen HT × commandes par an/)).toBeInTheDocument();
    // (The text matcher sees the thin space of thousands as a space.)
    expect(screen.getByText("90 395,10 €")).toBeInTheDocument();

    const cell = within(grid).getByRole("button", { name: /^Récence 1, fréquence 3 : 3 clients/ });
    expect(cell).toHaveAttribute("aria-pressed", "false");
    expect(cell).toHaveClass("shade-4");
    await user.click(cell);
    expect(cell).toHaveAttribute("aria-pressed", "true");
    const customers = screen.getByRole("table", { name: "Clients, historique d'achat et segment RFM" });
    // The cell is the API's filter (its recency and frequency scores), paged as the others.
    await waitFor(() =>
      expect(getQuery("/api/v1/loyalty/customers").at(-1)).toMatchObject({
        r: 1,
        f: 3,
        limit: 20,
        offset: 0,
        sort: "-amount",
      }),
    );
    expect(within(customers).getByRole("link", { name: "Hôtel Chapuis SARL" })).toHaveAttribute(
      "href",
      "/fidelisation/clients/10",
    );
    await user.click(screen.getByRole("button", { name: "Retirer le filtre de la grille" }));
    await waitFor(() => expect(within(customers).getAllByRole("rowheader")).toHaveLength(4));

    // A segment's name filters by segment.
    await user.click(within(segments).getByRole("button", { name: /^À risque : voir ses 4 clients/ }));
    await waitFor(() => expect(getQuery("/api/v1/loyalty/customers").at(-1)).toMatchObject({ segment: "at_risk" }));
  });

  it("computes the rules: the progress polled and drawn until done, then the rules", async () => {
    let done = false;
    answer({
      "/api/v1/loyalty/segments": SEGMENTS,
      "/api/v1/loyalty/customers": CUSTOMERS,
      "/api/v1/loyalty/recommendations": () =>
        done ? { run: RUN({ status: "done", progress: 100, rules: 1 }), rules: [RULE] } : { run: null, rules: [] },
      "/api/v1/loyalty/recommendations/runs/{run_id}": (n: number) => {
        if (n < 2) return RUN();
        done = true;
        return RUN({ status: "done", progress: 100, step: "Terminé", rules: 1, finished_at: "2026-12-07T09:00:03Z" });
      },
    });
    answerPosts({ "/api/v1/loyalty/recommendations/runs": ok(RUN({ status: "queued", progress: 0 }), 202) });
    const user = userEvent.setup();
    renderAt("/fidelisation", "/fidelisation", <SegmentsPage />);
    const card = await screen.findByRole("region", { name: "Recommandations : règles de co-achat" });
    expect(await within(card).findByText("Aucune règle calculée.")).toBeInTheDocument();
    await user.click(within(card).getByRole("button", { name: "Calculer les règles" }));
    expect(posted("/api/v1/loyalty/recommendations/runs")[0][1].body).toEqual({
      min_support: "0.01",
      min_confidence: "0.2",
    });
    const bar = await within(card).findByRole("progressbar", {
      name: "Calcul des règles n° 4 : Recherche des ensembles fréquents (40 %)",
    });
    expect(bar).toHaveAttribute("value", "40");
    expect(within(card).getByRole("button", { name: "Calcul en cours…" })).toBeDisabled();
    expect(
      await within(card).findByText(
        /Calcul des règles n° 4 : terminé.* 52 clients, 13 produits, 1 règle\./,
        {},
        {
          timeout: 3000,
        },
      ),
    ).toBeInTheDocument();
    const rules = await within(card).findByRole("table", { name: "Règles de co-achat, le lift le plus élevé d'abord" });
    const row = within(rules).getByRole("row", { name: /BALANCE-CERT \+ TPE-4G/ });
    expect(
      within(row)
        .getAllByRole("cell")
        .map((c) => c.textContent),
    ).toEqual(["IMPR-TICKET", "1,9 %", "100 %", "8,7", "1", RULE.explanation]);
  });
});

describe("CustomerPage", () => {
  it("explains each recommendation and opens the offer builder with its product", async () => {
    answer({ "/api/v1/loyalty/customers/{prospect_id}": CUSTOMER_DETAIL, "/api/v1/loyalty/messages": emptyPage });
    renderAt("/fidelisation/clients/10", "/fidelisation/clients/:prospectId", <CustomerPage />);
    expect(await screen.findByRole("heading", { level: 1, name: "Client : Hôtel Chapuis SARL" })).toBeInTheDocument();
    const history = screen.getByRole("region", { name: "Historique d'achat" });
    expect(
      within(history).getByText("Inactif : 183 jour(s) au-delà de la limite de 187 jours (rythme habituel)."),
    ).toBeInTheDocument();
    expect(within(history).getByText("À risque (R1 F3 M3)")).toBeInTheDocument();
    const recommendations = screen.getByRole("list", { name: "Recommandations pour Hôtel Chapuis SARL" });
    expect(
      within(recommendations).getByText(/achètent aussi Logiciel de caisse certifié NF525 : 22 %/),
    ).toBeInTheDocument();
    expect(within(recommendations).getByText(/Support 3,9 %, confiance 22,2 %, lift 1,9/)).toBeInTheDocument();
    expect(
      within(recommendations).getByRole("link", { name: "Proposer une offre : Logiciel de caisse certifié NF525" }),
    ).toHaveAttribute("href", "/fidelisation/offres/nouvelle?client=10&produit=LOG-NF525");
  });
});

describe("InactivePage", () => {
  it("says each account's basis, links the task made and makes the others' in one click", async () => {
    answer({ "/api/v1/loyalty/inactive": INACTIVE });
    answerPosts({
      "/api/v1/loyalty/inactive/{prospect_id}/task": ok(
        { ...INACTIVE.items[1].detection, id: 8, prospect_id: 12, task_id: 81 },
        201,
      ),
    });
    const user = userEvent.setup();
    renderAt("/fidelisation/inactifs", "/fidelisation/inactifs", <InactivePage />);
    const table = await screen.findByRole("table", { name: "Comptes inactifs, les plus en retard d'abord" });
    const daniel = within(table).getByRole("row", { name: /Daniel Traiteur/ });
    expect(daniel).toHaveTextContent("rythme habituel (tous les 119 jours)");
    expect(daniel).toHaveTextContent("183 jours de retard");
    expect(daniel).toHaveTextContent("Pas encore détecté");
    const boyer = within(table).getByRole("row", { name: /Boulangerie Boyer/ });
    expect(boyer).toHaveTextContent("seuil du cas");
    expect(boyer).toHaveTextContent("Détecté le 01/12/2026");
    expect(within(boyer).getByRole("link", { name: "Tâche de relance de Boulangerie Boyer" })).toHaveAttribute(
      "href",
      "/agenda/taches?tache=77",
    );
    expect(within(boyer).queryByRole("button")).toBeNull();
    await user.click(within(daniel).getByRole("button", { name: "Créer la tâche de relance de Daniel Traiteur EURL" }));
    const sent = posted("/api/v1/loyalty/inactive/{prospect_id}/task")[0][1];
    expect(sent).toEqual({ params: { path: { prospect_id: 12 } }, body: {} });
    expect(
      await within(daniel).findByRole("link", { name: "Tâche de relance de Daniel Traiteur EURL" }),
    ).toHaveAttribute("href", "/agenda/taches?tache=81");
  });

  it("shows the 409 of a task already made as the server words it", async () => {
    answer({ "/api/v1/loyalty/inactive": INACTIVE });
    answerPosts({
      "/api/v1/loyalty/inactive/{prospect_id}/task": failure({
        type: "urn:capvente:problem:conflict",
        title: "Conflit avec l'état actuel",
        status: 409,
        detail: "Une tâche de relance existe déjà pour ce compte (tâche 1).",
      }),
    });
    const user = userEvent.setup();
    renderAt("/fidelisation/inactifs", "/fidelisation/inactifs", <InactivePage />);
    await user.click(await screen.findByRole("button", { name: "Créer la tâche de relance de Daniel Traiteur EURL" }));
    expect(await screen.findByRole("alert")).toHaveTextContent(
      "Une tâche de relance existe déjà pour ce compte (tâche 1).",
    );
  });
});

describe("the relaunch plan's step editor", () => {
  it("adds and reorders steps, lists the variables, and shows the server's 422 on the step's field", async () => {
    answer({ "/api/v1/relaunch-plans": emptyPage, "/api/v1/business-cases/active": ACTIVE_CASE });
    answerPosts({
      "/api/v1/relaunch-plans": fieldErrors({
        field: "steps.0.body",
        message: "Modèle invalide ('prenom' is undefined) : variables permises {{ client }}, {{ contact }}.",
      }),
    });
    const user = userEvent.setup();
    renderAt("/fidelisation/relances", "/fidelisation/relances", <PlansPage />);
    await user.click(await screen.findByRole("button", { name: "Nouveau plan" }));
    const form = screen.getByRole("form", { name: "Nouveau plan de relance" });
    expect(within(form).getByText("{{ derniere_commande }}")).toBeInTheDocument();
    await user.type(within(form).getByLabelText("Nom du plan"), "Reconquête");
    await user.type(within(form).getByLabelText("Objet (étape 1)"), "Bonjour");
    await user.type(within(form).getByLabelText("Message (étape 1)"), "Un e-mail");
    await user.click(within(form).getByRole("button", { name: "Ajouter une étape" }));
    expect(within(form).getByLabelText("Délai en jours (étape 2)")).toHaveValue("7");
    await user.selectOptions(within(form).getByLabelText("Canal (étape 2)"), "phone");
    await user.type(within(form).getByLabelText("Objet (étape 2)"), "Appel");
    // A variable the server does not know: said before sending.
    await user.type(within(form).getByLabelText("Message (étape 2)"), "Appeler {{{{ prenom }}");
    expect(within(form).getByLabelText("Message (étape 2)")).toHaveAccessibleDescription(
      "Variable inconnue : {{ prenom }} (voir les variables permises).",
    );
    expect(within(form).getByRole("button", { name: "Monter l'étape 1" })).toBeDisabled();
    expect(within(form).getByRole("button", { name: "Descendre l'étape 2" })).toBeDisabled();
    await user.click(within(form).getByRole("button", { name: "Monter l'étape 2" }));
    expect(within(form).getByLabelText("Canal (étape 1)")).toHaveValue("phone");
    await user.click(within(form).getByRole("button", { name: "Créer le plan" }));
    const body = posted("/api/v1/relaunch-plans")[0][1].body;
    expect(body).toMatchObject({
      name: "Reconquête",
      stop_on_order: true,
      stop_on_refusal: true,
      product_references: [],
    });
    expect(body.steps).toEqual([
      { channel: "phone", delay_days: 7, subject: "Appel", body: "Appeler {{ prenom }}" },
      { channel: "email", delay_days: 0, subject: "Bonjour", body: "Un e-mail" },
    ]);
    expect(await within(form).findByText("Corrigez les champs signalés.")).toBeInTheDocument();
    expect(within(form).getByLabelText("Message (étape 1)")).toHaveAccessibleDescription(
      expect.stringContaining("Modèle invalide ('prenom' is undefined)"),
    );
    expect(within(form).getByLabelText("Message (étape 1)")).toHaveAttribute("aria-invalid", "true");
    expect(within(form).getByLabelText("Message (étape 2)")).toHaveAttribute("aria-invalid", "false");
    await user.click(within(form).getByRole("button", { name: "Retirer l'étape 1" }));
    expect(within(form).queryByLabelText("Message (étape 2)")).toBeNull();
    expect(within(form).getByRole("button", { name: "Retirer l'étape 1" })).toBeDisabled();
  });
});

describe("PlanPage", () => {
  it("enrols the customers ticked and marks each refused step with its rule and detail", async () => {
    answer({
      "/api/v1/relaunch-plans/{relaunch_plan_id}": PLAN,
      "/api/v1/relaunch-plans/{relaunch_plan_id}/messages": [],
      "/api/v1/loyalty/customers": CUSTOMERS,
    });
    answerPosts({
      "/api/v1/relaunch-plans/{relaunch_plan_id}/enrolments": ok(
        { enrolled: [], already: [10], not_customers: [], messages: [message(1), REFUSED] },
        201,
      ),
    });
    const user = userEvent.setup();
    renderAt("/fidelisation/relances/9", "/fidelisation/relances/:id", <PlanPage />);
    const form = await screen.findByRole("form", { name: "Inscrire des clients au plan" });
    expect(within(form).getByLabelText("Comptes inactifs seulement")).toBeChecked();
    await waitFor(() => expect(getQuery("/api/v1/loyalty/customers").at(-1)).toMatchObject({ inactive: true }));
    await user.click(within(form).getByRole("button", { name: "Inscrire au plan" }));
    expect(within(form).getByText("Cochez au moins un client.")).toBeInTheDocument();
    expect(post).not.toHaveBeenCalled();
    const list = await within(form).findByRole("list", { name: "Clients à inscrire : clients" });
    await user.click(within(list).getByLabelText(/Daniel Traiteur EURL/));
    await user.click(within(list).getByLabelText(/Boulangerie Boyer/));
    expect(within(form).getByText("2 clients cochés.")).toBeInTheDocument();
    await user.click(within(form).getByRole("button", { name: "Inscrire au plan" }));
    expect(posted("/api/v1/relaunch-plans/{relaunch_plan_id}/enrolments")[0][1]).toEqual({
      params: { path: { relaunch_plan_id: 9 } },
      body: { prospect_ids: [12, 13] },
    });
    const result = await screen.findByRole("region", { name: "Résultat de l'inscription" });
    expect(result).toHaveTextContent("1 déjà inscrit(s)");
    expect(result).toHaveTextContent("1 message(s) enregistré(s), 1 refusé(s)");
    const refused = within(result).getByRole("row", { name: /Boulangerie Boyer/ });
    expect(refused).toHaveTextContent(
      "Refusé : objection — La personne s'est opposée à la prospection commerciale (RGPD art. 21).",
    );
    expect(within(result).getByRole("row", { name: /Daniel Traiteur/ })).toHaveTextContent("Enregistré");
  });
});

describe("OfferBuilderPage", () => {
  it("checks the offer live, asks the approval when needed, and shows the 409's findings", async () => {
    answer({ "/api/v1/business-cases/active": ACTIVE_CASE, "/api/v1/loyalty/customers": CUSTOMERS });
    const findings = CHECK().findings;
    answerPosts({
      "/api/v1/offers/check": ok(
        CHECK({
          needs_approval: true,
          findings: [
            ...findings,
            {
              ok: false,
              code: "approval-required",
              rule: "policy.authority.max_discount",
              message: "Remise au-delà de votre délégation (5,00 %) : l'accord du responsable est nécessaire.",
            },
          ],
        }),
      ),
      "/api/v1/offers": failure({
        type: "urn:capvente:problem:loyalty-over-policy",
        title: "Conflit avec l'état actuel",
        status: 409,
        detail: "Règle « Reconquête des clients à risque » : ligne 1 : remise 20,00 % au-delà de 10,00 %.",
        rule: "Reconquête des clients à risque",
        findings: [
          {
            ok: false,
            code: "loyalty-over-policy",
            rule: "Reconquête des clients à risque",
            message: "Règle « Reconquête des clients à risque » : ligne 1 : remise 20,00 % au-delà de 10,00 %.",
          },
        ],
      }),
    });
    const user = userEvent.setup();
    renderAt(
      "/fidelisation/offres/nouvelle?client=10&produit=LOG-NF525",
      "/fidelisation/offres/nouvelle",
      <OfferBuilderPage />,
    );
    const form = await screen.findByRole("form", { name: "Offre" });
    expect(within(form).getByLabelText("Objet de l'offre")).toHaveValue("Offre : Logiciel de caisse certifié NF525");
    expect(within(form).getByLabelText("Produit (ligne 1)")).toHaveValue("LOG-NF525");
    await waitFor(() => expect(within(form).getByLabelText("Client", { exact: true })).toHaveValue("10"));
    await user.clear(within(form).getByLabelText("Remise en % (ligne 1)"));
    await user.type(within(form).getByLabelText("Remise en % (ligne 1)"), "7,5");
    const check = screen.getByRole("region", { name: "Vérification en direct" });
    expect(
      await within(check).findByText(/accord du responsable nécessaire : règle « Reconquête des clients à risque »/),
    ).toBeInTheDocument();
    await waitFor(() =>
      expect(posted("/api/v1/offers/check").at(-1)?.[1].body).toMatchObject({
        prospect_id: 10,
        lines: [{ product_reference: "LOG-NF525", quantity: "1", discount: "7.5" }],
        recommended: true,
      }),
    );
    const items = within(within(check).getByRole("list", { name: "Constats de la vérification" })).getAllByRole(
      "listitem",
    );
    // What holds first (✓), then what refuses (✗), each said in words.
    expect(items.map((li) => li.textContent?.slice(0, 12))).toEqual([
      "✓Respecté : ",
      "✓Respecté : ",
      "✗Refusé : Rè",
      "✗Refusé : Re",
    ]);
    expect(within(check).getByText("Téléphone")).toBeInTheDocument();

    const request = within(form).getByLabelText("Demande d'accord au responsable");
    await user.type(request, "Client historique, commande annuelle.");
    await user.click(within(form).getByRole("button", { name: "Demander l'accord et proposer" }));
    expect(posted("/api/v1/offers")[0][1].body).toMatchObject({
      prospect_ids: [10],
      recommended: true,
      approval_request: "Client historique, commande annuelle.",
    });
    const refusal = await within(form).findByRole("alert");
    expect(refusal).toHaveTextContent("Offre refusée (règle : Reconquête des clients à risque).");
    expect(within(refusal).getByRole("list", { name: "Constats du refus" })).toHaveTextContent(
      "Refusé : Règle « Reconquête des clients à risque » : ligne 1 : remise 20,00 % au-delà de 10,00 %.",
    );
  });
});

describe("SurveyPage", () => {
  it("shows the NPS, its distribution in a table, the detractor's task, and records an answer", async () => {
    answer({ "/api/v1/surveys/{survey_id}": SURVEY });
    answerPosts({
      "/api/v1/surveys/{survey_id}/responses": ok({
        ...SURVEY.responses[3],
        score: 2,
        task_id: 56,
        category: "detractor",
      }),
    });
    const user = userEvent.setup();
    renderAt("/fidelisation/enquetes/9", "/fidelisation/enquetes/:id", <SurveyPage />);
    expect(await screen.findByText("NPS : +33,3")).toBeInTheDocument();
    const nps = screen.getByRole("region", { name: "Net Promoter Score" });
    expect(within(nps).getByText("2 (67 %)")).toBeInTheDocument();
    const table = within(nps).getByRole("table", { name: "Répartition des notes de 0 à 10" });
    const rows = within(table).getAllByRole("row").slice(1);
    expect(rows).toHaveLength(11);
    expect(
      within(rows[4])
        .getAllByRole("cell")
        .map((c) => c.textContent),
    ).toEqual(["Détracteur", "1", ""]);
    expect(rows[10]).toHaveTextContent("10Promoteur1");
    const responses = screen.getByRole("table", { name: "Clients interrogés, leur note et leur verbatim" });
    expect(within(responses).getByRole("link", { name: "Tâche de rappel de Daniel Traiteur EURL" })).toHaveAttribute(
      "href",
      "/agenda/taches?tache=55",
    );
    expect(within(responses).getByText("« Délais trop longs. »")).toBeInTheDocument();

    const form = screen.getByRole("form", { name: "Enregistrer une réponse" });
    const client = within(form).getByLabelText("Client");
    expect(
      within(client)
        .getAllByRole("option")
        .map((o) => o.textContent),
    ).toEqual(["Choisir un client sans réponse", "Boulangerie Boyer"]);
    await user.click(within(form).getByRole("button", { name: "Enregistrer la réponse" }));
    expect(within(form).getByText("Choisissez le client qui a répondu.")).toBeInTheDocument();
    expect(within(form).getByText("Choisissez sa note.")).toBeInTheDocument();
    expect(post).not.toHaveBeenCalled();
    await user.selectOptions(client, "13");
    await user.selectOptions(within(form).getByLabelText("Note de 0 à 10"), "2");
    await user.type(within(form).getByLabelText("Verbatim"), "Trop cher.");
    await user.click(within(form).getByRole("button", { name: "Enregistrer la réponse" }));
    expect(posted("/api/v1/surveys/{survey_id}/responses")[0][1].body).toEqual({
      prospect_id: 13,
      score: 2,
      verbatim: "Trop cher.",
      answered_on: null,
    });
    expect(
      await screen.findByText(
        "Réponse de Boulangerie Boyer enregistrée (2/10) : détracteur, une tâche de rappel est créée.",
      ),
    ).toBeInTheDocument();
  });
});

describe("EventPage", () => {
  it("invites the customers ticked, lists the refusals with their rule, and records an answer", async () => {
    answer({ "/api/v1/loyalty-events/{loyalty_event_id}": EVENT, "/api/v1/loyalty/customers": CUSTOMERS });
    answerPosts({
      "/api/v1/loyalty-events/{loyalty_event_id}/invitations": ok(
        { invited: [], already: [11], refusals: [{ ...REFUSED, source: "event" }] },
        201,
      ),
      "/api/v1/loyalty-events/{loyalty_event_id}/invitations/{invitation_id}/rsvp": ok({
        ...EVENT.invitations[0],
        rsvp: "yes",
      }),
    });
    const user = userEvent.setup();
    renderAt("/fidelisation/evenements/9", "/fidelisation/evenements/:id", <EventPage />);
    const form = await screen.findByRole("form", { name: "Inviter des clients" });
    const list = await within(form).findByRole("list", { name: "Clients à inviter : clients" });
    await user.click(within(list).getByLabelText(/Boulangerie Boyer/));
    await user.click(within(list).getByLabelText(/Le Bouchon du Haut-Forez/));
    await user.selectOptions(within(form).getByLabelText("Canal"), "postal");
    await user.click(within(form).getByRole("button", { name: "Envoyer les invitations" }));
    expect(posted("/api/v1/loyalty-events/{loyalty_event_id}/invitations")[0][1].body).toEqual({
      prospect_ids: [13, 11],
      channel: "postal",
    });
    expect(
      await screen.findByText(/0 invitation\(s\) enregistrée\(s\), 1 client\(s\) déjà invité\(s\), 1 refusée/),
    ).toBeInTheDocument();
    const refusals = screen.getByRole("table", { name: "Invitations refusées, avec leur règle" });
    expect(within(refusals).getByRole("row", { name: /Boulangerie Boyer/ })).toHaveTextContent("Refusé : objection");

    // Before the day, the answer only: the attendance comes on the day.
    expect(screen.getByText(/La présence se note à partir du jour de l'événement/)).toBeInTheDocument();
    expect(screen.queryByRole("checkbox", { name: /^Présent/ })).toBeNull();
    const answers = screen.getByRole("group", { name: "Réponse de Le Bouchon du Haut-Forez" });
    await user.click(within(answers).getByRole("button", { name: "Oui" }));
    expect(posted("/api/v1/loyalty-events/{loyalty_event_id}/invitations/{invitation_id}/rsvp")[0][1]).toEqual({
      params: { path: { loyalty_event_id: 9, invitation_id: 1 } },
      body: { rsvp: "yes" },
    });
  });
});

describe("OffersPage", () => {
  it("records the client's answer, then turns the accepted offer into a quote", async () => {
    let accepted = false;
    answer({
      "/api/v1/offers": () => ({ ...emptyPage, items: [offer(accepted ? "accepted" : "proposed")], total: 1 }),
    });
    post.mockImplementation(((path: string) => {
      if (path.endsWith("/answer")) accepted = true;
      return Promise.resolve(ok(offer(accepted ? "accepted" : "proposed")));
    }) as never);
    const user = userEvent.setup();
    renderAt("/fidelisation/offres", "/fidelisation/offres", <OffersPage />);
    const row = await screen.findByRole("row", { name: /Offre TPE/ });
    expect(row).toHaveTextContent("Reconquête des clients à risque");
    expect(row).toHaveTextContent("Proposée");
    await user.click(within(row).getByRole("button", { name: "Le client accepte (Offre TPE)" }));
    expect(posted("/api/v1/offers/{offer_id}/answer")[0][1]).toEqual({
      params: { path: { offer_id: 1 } },
      body: { version: 1, accepted: true },
    });
    await user.click(await within(row).findByRole("button", { name: "Convertir en devis (Offre TPE)" }));
    expect(posted("/api/v1/offers/{offer_id}/convert")[0][1].body).toEqual({ version: 1, to: "quote" });
  });

  it("lets staff approve or refuse the offers waiting for them (a refusal says why)", async () => {
    session.me = { id: 2, role: "trainer", led_cohorts: [1] };
    answer({ "/api/v1/offers": { ...emptyPage, items: [offer("pending_approval")], total: 1 } });
    answerPosts({ "/api/v1/offers/{offer_id}/approval": ok(offer("proposed")) });
    const user = userEvent.setup();
    renderAt("/fidelisation/offres", "/fidelisation/offres", <OffersPage />);
    expect(
      await screen.findByRole("heading", { level: 1, name: "Offres de fidélisation à accorder" }),
    ).toBeInTheDocument();
    await waitFor(() => expect(getQuery("/api/v1/offers").at(-1)).toMatchObject({ status: "pending_approval" }));
    expect(screen.queryByRole("link", { name: "Nouvelle offre" })).toBeNull();
    const form = screen.getByRole("form", { name: "Accord sur l'offre « Offre TPE »" });
    expect(form).toHaveTextContent("Demande du stagiaire : Client historique.");
    await user.type(within(form).getByLabelText("Commentaire"), "D'accord pour cette fois.");
    await user.click(within(form).getByRole("button", { name: "Accorder la remise" }));
    expect(posted("/api/v1/offers/{offer_id}/approval")[0][1].body).toEqual({
      version: 1,
      approve: true,
      comment: "D'accord pour cette fois.",
    });
  });
});

describe("CampaignPage", () => {
  it("sends a draft once, then lists each customer's message with its channel, refusals marked", async () => {
    let sent = false;
    answer({
      "/api/v1/loyalty-campaigns/{loyalty_campaign_id}": () =>
        sent ? { ...CAMPAIGN, sent_on: "2026-12-07", recorded: 1, refused: 1, version: 2 } : CAMPAIGN,
      "/api/v1/loyalty-campaigns/{loyalty_campaign_id}/messages": [
        message(1, { source: "campaign", channel: "phone" }),
        { ...REFUSED, source: "campaign" },
      ],
    });
    post.mockImplementation((() => {
      sent = true;
      return Promise.resolve(ok({ ...CAMPAIGN, sent_on: "2026-12-07", version: 2 }));
    }) as never);
    const user = userEvent.setup();
    renderAt("/fidelisation/campagnes/3", "/fidelisation/campagnes/:id", <CampaignPage />);
    expect(await screen.findByText("non envoyé")).toBeInTheDocument();
    expect(screen.getByText("Fidèles, Champions")).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Envoyer la campagne" }));
    expect(posted("/api/v1/loyalty-campaigns/{loyalty_campaign_id}/send")[0][1]).toEqual({
      params: { path: { loyalty_campaign_id: 3 } },
      body: { version: 1 },
    });
    const messages = await screen.findByRole("table", { name: "Messages de la campagne, par client et canal" });
    expect(within(messages).getByRole("row", { name: /Daniel Traiteur/ })).toHaveTextContent("Téléphone");
    expect(within(messages).getByRole("row", { name: /Boulangerie Boyer/ })).toHaveTextContent("Refusé : objection");
    expect(screen.queryByRole("button", { name: "Envoyer la campagne" })).toBeNull();
  });
});
