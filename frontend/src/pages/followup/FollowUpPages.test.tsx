// @vitest-environment happy-dom
// The follow-up pages' refusals and the forms they open: a partial delivery within what is
// left to plan, a relaunch at the next level, the accounting escalation once due, a credit
// note or a solution beyond the authority escalated with the department the refusal names
// (on a dispute opened for the invoice when it has no case), a due date made a task, a
// case's closing refused with the missing steps by name.
import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import type { ReactNode } from "react";
import { MemoryRouter, Route, Routes } from "react-router-dom";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { api } from "../../api/client";
import { failure, ok, renderWithClient } from "../../test-utils";
import { CasePage } from "./CasePage";
import { ComplaintPage } from "./ComplaintPage";
import { CASE, COMPLAINT, INVOICE, ORDER, emptyPage } from "./fixtures";
import { InvoicePage } from "./InvoicePage";
import { OrderPage } from "./OrderPage";

vi.mock("../../api/client", async (original) => {
  const actual = await original<typeof import("../../api/client")>();
  return { ...actual, api: { GET: vi.fn(), POST: vi.fn() } };
});
vi.mock("../../auth/AuthContext", async (original) => {
  const actual = await original<typeof import("../../auth/AuthContext")>();
  return { ...actual, useAuth: () => ({ me: { id: 13, role: "trainee", led_cohorts: [] } }) };
});

const get = vi.mocked(api.GET);
const post = vi.mocked(api.POST);

function answer(records: Record<string, unknown>) {
  get.mockImplementation(((path: string) => Promise.resolve(ok(records[path] ?? emptyPage))) as never);
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

const sent = (n = 0) => post.mock.calls[n] as unknown as [string, { params?: unknown; body: Record<string, unknown> }];

beforeEach(() => {
  get.mockReset();
  post.mockReset();
});

describe("InvoicePage", () => {
  it("relaunches at the next level with the date typed, and shows each letter", async () => {
    answer({ "/api/v1/invoices/{invoice_id}": INVOICE });
    post.mockResolvedValue(ok(INVOICE, 201) as never);
    const user = userEvent.setup();
    renderAt("/factures/5", "/factures/:id", <InvoicePage />);
    expect(await screen.findByRole("heading", { level: 1, name: "Facture FAC-2026-00001" })).toBeInTheDocument();
    expect(screen.getByText("45 jours de retard")).toBeInTheDocument();
    expect(screen.getByText("11,84 €")).toBeInTheDocument();
    const letters = screen.getByRole("list", { name: "Relances envoyées" });
    expect(within(letters).getByText(/Objet : relance — facture n° FAC-2026-00001/)).toBeInTheDocument();
    const form = screen.getByRole("form", { name: "Envoyer : Mise en demeure" });
    expect(form).toHaveTextContent("possible à partir du 16/12/2026");
    await user.selectOptions(within(form).getByLabelText("Canal"), "postal");
    await user.type(within(form).getByLabelText("Date d'envoi"), "2026-12-16");
    await user.click(within(form).getByRole("button", { name: "Envoyer : mise en demeure" }));
    expect(sent()[0]).toBe("/api/v1/invoices/{invoice_id}/relaunches");
    expect(sent()[1].body).toEqual({ version: 4, level: "formal_notice", channel: "postal", sent_on: "2026-12-16" });
    expect(screen.queryByRole("form", { name: "Transmettre à la comptabilité" })).toBeNull();
  });

  it("offers « Transmettre à la comptabilité » once the formal notice is left unpaid", async () => {
    const due = { ...INVOICE, relaunch_level: "formal_notice", next_level: null, escalation_due: true };
    answer({ "/api/v1/invoices/{invoice_id}": due });
    post.mockResolvedValue(ok({}, 201) as never);
    const user = userEvent.setup();
    renderAt("/factures/5", "/factures/:id", <InvoicePage />);
    const form = await screen.findByRole("form", { name: "Transmettre à la comptabilité" });
    expect(screen.queryByRole("form", { name: /^Envoyer :/ })).toBeNull();
    await user.type(within(form).getByLabelText("Documents joints"), "FAC-2026-00001{Enter}AR de la mise en demeure");
    await user.click(within(form).getByRole("button", { name: "Transmettre à la comptabilité" }));
    expect(sent()[0]).toBe("/api/v1/invoices/{invoice_id}/escalate");
    expect(sent()[1].body).toEqual({
      client_request: "Aucune réponse du client aux relances.",
      note: "",
      documents: ["FAC-2026-00001", "AR de la mise en demeure"],
    });
  });
});

const CREDIT_REFUSAL = {
  type: "urn:capvente:problem:beyond-authority",
  title: "Au-delà de votre délégation",
  status: 409,
  detail: "Avoir de 900,00 € HT au-delà de votre délégation (300,00 € HT au plus).",
  limit: "policy.authority.max_credit_note",
  escalate_to: "sales_management",
  escalate_to_label: "Direction commerciale",
  contact: "direction.commerciale@example",
};

async function refuseCreditNote(user: ReturnType<typeof userEvent.setup>) {
  await user.click(await screen.findByRole("button", { name: "Émettre un avoir" }));
  const form = screen.getByRole("form", { name: "Avoir" });
  await user.type(within(form).getByLabelText("Montant HT (€)"), "900");
  await user.type(within(form).getByLabelText("Motif"), "Geste commercial");
  await user.click(within(form).getByRole("button", { name: "Émettre l'avoir" }));
  expect(await screen.findByText("Au-delà de votre délégation.")).toBeInTheDocument();
}

describe("InvoicePage beyond the authority", () => {
  it("opens a dispute on an invoice without a case, then escalates on it", async () => {
    answer({ "/api/v1/invoices/{invoice_id}": INVOICE });
    post.mockResolvedValueOnce(failure(CREDIT_REFUSAL) as never);
    post.mockResolvedValueOnce(ok({ ...CASE, id: 30, case_type: "dispute" }, 201) as never);
    post.mockResolvedValueOnce(ok({}, 201) as never);
    const user = userEvent.setup();
    renderAt("/factures/5", "/factures/:id", <InvoicePage />);
    await refuseCreditNote(user);
    expect(screen.queryByRole("link", { name: "Dossier de la facture" })).toBeNull();
    await user.click(screen.getByRole("button", { name: "Escalader" }));
    expect(sent(1)[0]).toBe("/api/v1/cases");
    expect(sent(1)[1].body).toEqual({ case_type: "dispute", subject: "invoice", subject_id: 5 });
    const escalation = await screen.findByRole("form", { name: "Escalade au service compétent" });
    expect(screen.getByRole("link", { name: "dossier ouvert pour l'occasion" })).toHaveAttribute(
      "href",
      "/dossiers/30",
    );
    expect(within(escalation).getByLabelText("Service")).toHaveValue("sales_management");
    expect(within(escalation).getByLabelText("Ce que demande le client")).toHaveValue(
      "Un avoir de 900 € HT : Geste commercial",
    );
    await user.type(within(escalation).getByLabelText("Les faits"), "Retard de trois semaines.");
    await user.type(within(escalation).getByLabelText("Ce qui a déjà été fait"), "Relance.");
    await user.click(within(escalation).getByRole("button", { name: "Transmettre au service" }));
    expect(sent(2)[0]).toBe("/api/v1/cases/{follow_up_case_id}/escalations");
    expect(sent(2)[1]).toMatchObject({ params: { path: { follow_up_case_id: 30 } } });
    expect(await screen.findByText("Dossier transmis au service Direction commerciale.")).toBeInTheDocument();
  });

  it("escalates on the invoice's case when it has an open one, and links it", async () => {
    answer({
      "/api/v1/invoices/{invoice_id}": { ...INVOICE, case_id: 14 },
      "/api/v1/cases/{follow_up_case_id}": CASE,
    });
    post.mockResolvedValueOnce(failure(CREDIT_REFUSAL) as never);
    const user = userEvent.setup();
    renderAt("/factures/5", "/factures/:id", <InvoicePage />);
    expect(await screen.findByRole("link", { name: "Dossier de la facture" })).toHaveAttribute("href", "/dossiers/14");
    await refuseCreditNote(user);
    await user.click(screen.getByRole("button", { name: "Escalader" }));
    await screen.findByRole("form", { name: "Escalade au service compétent" });
    expect(post).toHaveBeenCalledTimes(1);
    expect(screen.queryByRole("link", { name: "dossier ouvert pour l'occasion" })).toBeNull();
  });

  it("makes the next relaunch a task linked to the invoice", async () => {
    answer({ "/api/v1/invoices/{invoice_id}": INVOICE });
    post.mockResolvedValue(
      ok({ id: 3, title: "Mise en demeure de la facture FAC-2026-00001", due_on: "2026-12-16" }, 201) as never,
    );
    const user = userEvent.setup();
    renderAt("/factures/5", "/factures/:id", <InvoicePage />);
    await user.click(await screen.findByRole("button", { name: "Créer une tâche" }));
    const form = screen.getByRole("form", { name: "Nouvelle tâche" });
    expect(within(form).getByLabelText("Titre de la tâche")).toHaveValue(
      "Mise en demeure de la facture FAC-2026-00001",
    );
    const due = (within(form).getByLabelText("À faire le") as HTMLInputElement).value;
    expect(due >= "2026-12-16").toBe(true);
    await user.click(within(form).getByRole("button", { name: "Créer la tâche" }));
    expect(sent()[0]).toBe("/api/v1/tasks");
    expect(sent()[1].body).toEqual({
      title: "Mise en demeure de la facture FAC-2026-00001",
      notes: "",
      due_on: due,
      link_kind: "invoice",
      link_id: 5,
    });
    expect(await screen.findByText(/Tâche « Mise en demeure de la facture FAC-2026-00001 » créée/)).toBeInTheDocument();
  });
});

describe("OrderPage", () => {
  it("shows what each line's deliveries carry, and plans a partial delivery within what is left", async () => {
    answer({ "/api/v1/orders/{order_id}": ORDER });
    post.mockResolvedValue(ok({ id: 40 }, 201) as never);
    const user = userEvent.setup();
    renderAt("/commandes/9", "/commandes/:id", <OrderPage />);
    const lines = await screen.findByRole("table", { name: "Quantités par ligne de la commande CDE-2026-00009" });
    const cells = (name: RegExp) =>
      within(within(lines).getByRole("row", { name }))
        .getAllByRole("cell")
        .map((c) => c.textContent);
    // Ordered, planned, delivered, left to plan.
    expect(cells(/Fourgonnette/)).toEqual(["3", "1", "0", "2"]);
    expect(cells(/Benne/)).toEqual(["2", "2", "2", "0"]);

    await user.click(screen.getByRole("button", { name: "Prévoir une livraison" }));
    const form = screen.getByRole("form", { name: "Nouvelle livraison" });
    await user.click(within(form).getByLabelText("Certaines lignes (livraison partielle)"));
    // The line all planned is not offered.
    expect(within(form).queryByLabelText("Livrer : Benne 10 m³")).toBeNull();
    await user.click(within(form).getByRole("button", { name: "Prévoir la livraison" }));
    expect(within(form).getByText("Cochez au moins une ligne à livrer.")).toBeInTheDocument();
    await user.click(within(form).getByLabelText("Livrer : Fourgonnette 3 m³"));
    const quantity = within(form).getByLabelText("Quantité à livrer : Fourgonnette 3 m³");
    expect(quantity).toHaveValue("2");
    expect(quantity).toHaveAccessibleDescription("Au plus 2 (reste à prévoir).");
    await user.clear(quantity);
    await user.type(quantity, "3");
    await user.click(within(form).getByRole("button", { name: "Prévoir la livraison" }));
    expect(post).not.toHaveBeenCalled();
    expect(within(form).getByText("Au plus 2 : le reste à prévoir de cette ligne.")).toBeInTheDocument();
    await user.clear(quantity);
    await user.type(quantity, "1,5");
    await user.type(within(form).getByLabelText("Transporteur"), "Transports E2E");
    await user.click(within(form).getByRole("button", { name: "Prévoir la livraison" }));
    expect(sent()[0]).toBe("/api/v1/orders/{order_id}/deliveries");
    expect(sent()[1].body).toMatchObject({
      carrier: "Transports E2E",
      lines: [{ order_line_id: 21, quantity: "1.5" }],
    });
  });

  it("says when every quantity is already planned", async () => {
    const all = ORDER.lines.map((l) => ({ ...l, quantity_planned: l.quantity }));
    answer({ "/api/v1/orders/{order_id}": { ...ORDER, lines: all } });
    renderAt("/commandes/9", "/commandes/:id", <OrderPage />);
    expect(
      await screen.findByText("Toutes les quantités de la commande sont déjà portées par des livraisons."),
    ).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Prévoir une livraison" })).toBeNull();
  });
});

describe("ComplaintPage", () => {
  it("shows a refusal beyond the authority with its limit, and escalates to the department it names", async () => {
    answer({ "/api/v1/complaints/{complaint_id}": COMPLAINT });
    post.mockResolvedValueOnce(
      failure({
        type: "urn:capvente:problem:beyond-authority",
        title: "Au-delà de votre délégation",
        status: 409,
        detail: "Geste de 5 000,00 € HT au-delà de votre délégation (200,00 € HT au plus).",
        limit: "policy.authority.max_commercial_gesture",
        escalate_to: "sales_management",
        escalate_to_label: "Direction commerciale",
        contact: "direction.commerciale@example",
      }) as never,
    );
    post.mockResolvedValueOnce(ok({}, 201) as never);
    const user = userEvent.setup();
    renderAt("/reclamations/13", "/reclamations/:id", <ComplaintPage />);
    const form = await screen.findByRole("form", { name: "Proposer une solution" });
    await user.type(within(form).getByLabelText("Coût pour l'entreprise (€ HT)"), "5000");
    await user.type(within(form).getByLabelText("La solution en détail"), "Remboursement du trimestre.");
    await user.click(within(form).getByRole("button", { name: "Proposer la solution" }));
    expect(sent(0)[1].body).toEqual({
      version: 2,
      solution: "commercial_gesture",
      detail: "Remboursement du trimestre.",
      cost: "5000",
    });
    const refusal = await screen.findByRole("alert");
    expect(refusal).toHaveTextContent("Limite : geste commercial maximal (€ HT)");
    expect(refusal).toHaveTextContent("Service compétent : Direction commerciale — direction.commerciale@example");
    await user.click(within(refusal).getByRole("button", { name: "Escalader" }));
    const escalation = screen.getByRole("form", { name: "Escalade au service compétent" });
    expect(within(escalation).getByLabelText("Service")).toHaveValue("sales_management");
    expect(within(escalation).getByLabelText("Ce que demande le client")).toHaveValue("Un geste commercial.");
    await user.type(within(escalation).getByLabelText("Les faits"), "Livrée en retard.");
    await user.type(within(escalation).getByLabelText("Ce qui a déjà été fait"), "Geste de 10 €.");
    await user.click(within(escalation).getByRole("button", { name: "Transmettre au service" }));
    expect(sent(1)[0]).toBe("/api/v1/cases/{follow_up_case_id}/escalations");
    expect(sent(1)[1]).toMatchObject({
      params: { path: { follow_up_case_id: 14 } },
      body: {
        department: "sales_management",
        facts: "Livrée en retard.",
        client_request: "Un geste commercial.",
        actions_taken: "Geste de 10 €.",
        documents: [],
      },
    });
    expect(await screen.findByText("Dossier transmis au service Direction commerciale.")).toBeInTheDocument();
  });

  it("asks whether the client accepts before recording the answer", async () => {
    answer({ "/api/v1/complaints/{complaint_id}": COMPLAINT });
    post.mockResolvedValue(ok(COMPLAINT) as never);
    const user = userEvent.setup();
    renderAt("/reclamations/13", "/reclamations/:id", <ComplaintPage />);
    const form = await screen.findByRole("form", { name: "Réponse du client" });
    await user.click(within(form).getByRole("button", { name: "Enregistrer la réponse" }));
    expect(post).not.toHaveBeenCalled();
    expect(within(form).getByText("Dites si le client accepte ou refuse.")).toBeInTheDocument();
    await user.click(within(form).getByLabelText("Oui, il l'accepte"));
    await user.selectOptions(within(form).getByLabelText("Satisfaction du client (CSAT)"), "5");
    await user.click(within(form).getByRole("button", { name: "Enregistrer la réponse" }));
    expect(sent()[1].body).toEqual({ version: 2, accepted: true, answer: "", csat: 5 });
  });
});

describe("CasePage", () => {
  it("offers « Sauter » on optional steps only, and names the missing steps of a refused closing", async () => {
    answer({ "/api/v1/cases/{follow_up_case_id}": CASE });
    post.mockResolvedValue(
      failure({
        type: "urn:capvente:problem:procedure-step-missing",
        title: "Étape obligatoire manquante",
        status: 409,
        detail:
          "Étape obligatoire non faite : « Enregistrer la réclamation au service client » (ticket), et 1 autre(s).",
        missing_steps: ["ticket", "cloture"],
      }) as never,
    );
    const user = userEvent.setup();
    renderAt("/dossiers/14", "/dossiers/:id", <CasePage />);
    const done = await screen.findByRole("listitem", { name: "Accuser réception sous 48 heures" });
    expect(within(done).getByRole("button", { name: "À refaire" })).toBeInTheDocument();
    const optional = screen.getByRole("listitem", { name: "Proposer un geste dans la délégation" });
    expect(within(optional).getByRole("button", { name: "Sauter" })).toBeInTheDocument();
    const required = screen.getByRole("listitem", { name: "Rappeler le client pour clore la réclamation" });
    expect(within(required).queryByRole("button", { name: "Sauter" })).toBeNull();

    const close = screen.getByRole("form", { name: "Clore le dossier" });
    await user.type(within(close).getByLabelText("Issue du dossier"), "Geste accordé.");
    await user.click(within(close).getByRole("button", { name: "Clore le dossier" }));
    const missing = await within(close).findByRole("list", { name: "Étapes obligatoires manquantes" });
    expect(
      within(missing)
        .getAllByRole("listitem")
        .map((li) => li.textContent),
    ).toEqual(["Enregistrer la réclamation au service client", "Rappeler le client pour clore la réclamation"]);
    expect(sent()[1].body).toEqual({ version: 3, outcome: "Geste accordé." });
  });
});
