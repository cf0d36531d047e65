// @vitest-environment happy-dom
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { MemoryRouter } from "react-router-dom";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { api } from "../../api/client";
import { ConsentsPage } from "./ConsentsPage";

vi.mock("../../api/client", async (original) => {
  const actual = await original<typeof import("../../api/client")>();
  return { ...actual, api: { GET: vi.fn(), POST: vi.fn() } };
});

vi.mock("../../auth/AuthContext", async (original) => {
  const actual = await original<typeof import("../../auth/AuthContext")>();
  return { ...actual, useAuth: () => ({ me: { role: "trainee" } }) };
});

const JEANNE = { id: 5, name: "Jeanne Martin", kind: "individual", city: "Lyon" };

function consent(id: number, purpose: string, channel: string, status: string, given_at: string) {
  return {
    id,
    purpose,
    channel,
    status,
    given_at,
    lawful_basis: "consent",
    method: "web_form",
    text_version: "formulaire-v3",
    proof_reference: "",
    prospect_id: 5,
    contact_id: null,
    recorded_by: 1,
    created_at: given_at,
  };
}

let consents: { current: unknown[]; history: unknown[] };

function renderPage() {
  vi.mocked(api.GET).mockImplementation((async (path: string) => ({
    data: path === "/api/v1/prospects" ? { items: [JEANNE], total: 1 } : consents,
    response: new Response(null, { status: 200 }),
  })) as never);
  render(
    <QueryClientProvider client={new QueryClient()}>
      <MemoryRouter>
        <ConsentsPage />
      </MemoryRouter>
    </QueryClientProvider>,
  );
}

async function pickJeanne(user: ReturnType<typeof userEvent.setup>) {
  await user.type(screen.getByLabelText(/Rechercher une fiche/), "Martin{Enter}");
  await user.click(await screen.findByRole("button", { name: "Jeanne Martin (particulier, Lyon)" }));
}

describe("ConsentsPage", () => {
  beforeEach(() => {
    vi.mocked(api.GET).mockReset();
    vi.mocked(api.POST).mockReset();
  });

  it("asks for a person first, then shows their current state in the labels' order and their history", async () => {
    const sms = consent(2, "prospecting", "sms", "refused", "2026-11-20T09:00:00Z");
    const newsletter = consent(3, "newsletter", "email", "granted", "2026-11-21T09:00:00Z");
    const email = consent(1, "prospecting", "email", "granted", "2026-11-19T09:00:00Z");
    consents = { current: [newsletter, sms, email], history: [newsletter, sms, email] };
    const user = userEvent.setup();
    renderPage();
    expect(screen.getByText("Choisissez une fiche pour voir ses consentements.")).toBeInTheDocument();
    await pickJeanne(user);
    expect(await screen.findByRole("heading", { name: /État actuel : Jeanne Martin/ })).toBeInTheDocument();
    const current = screen.getByRole("table", { name: "État actuel, par finalité et canal" });
    const rows = within(current).getAllByRole("row").slice(1);
    expect(rows.map((r) => within(r).getAllByRole("cell")[0].textContent)).toEqual(["E-mail", "SMS", "E-mail"]);
    expect(within(rows[2]).getByRole("rowheader")).toHaveTextContent("Lettre d'information");
    expect(screen.getByRole("heading", { name: "Historique (3 événement(s))" })).toBeInTheDocument();
  });

  it("says when nothing is recorded, and records an event with the local time as an instant", async () => {
    consents = { current: [], history: [] };
    vi.mocked(api.POST).mockResolvedValue({ data: {}, response: new Response(null, { status: 201 }) } as never);
    const user = userEvent.setup();
    renderPage();
    await pickJeanne(user);
    expect(await screen.findByText(/Aucun consentement, refus ni retrait enregistré/)).toBeInTheDocument();
    expect(screen.getByText(/Aucun événement : enregistrez le premier consentement/)).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Enregistrer un consentement, un refus ou un retrait" }));
    const form = screen.getByRole("form", { name: "Nouvel événement de consentement" });
    await user.selectOptions(within(form).getByLabelText("Canal"), "phone");
    await user.selectOptions(within(form).getByLabelText("Décision de la personne"), "withdrawn");
    const when = within(form).getByLabelText("Date et heure");
    await user.clear(when);
    await user.type(when, "2026-11-27T14:30");
    await user.type(within(form).getByLabelText(/Version du texte présenté/), "script-v2");
    await user.click(within(form).getByRole("button", { name: "Enregistrer l'événement" }));
    expect(await screen.findByText(/Événement enregistré/)).toBeInTheDocument();
    expect(vi.mocked(api.POST).mock.calls[0]).toEqual([
      "/api/v1/prospects/{prospect_id}/consents",
      {
        params: { path: { prospect_id: 5 } },
        body: {
          purpose: "prospecting",
          channel: "phone",
          status: "withdrawn",
          lawful_basis: "consent",
          given_at: new Date("2026-11-27T14:30").toISOString(),
          method: "web_form",
          text_version: "script-v2",
          proof_reference: "",
          pre_ticked: false,
          contact_id: null,
        },
      },
    ]);
  });
});
