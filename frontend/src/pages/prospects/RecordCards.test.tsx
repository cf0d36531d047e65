// @vitest-environment happy-dom
// The record page's cards: their query states (QueryState) and their forms (useForm, AddForm,
// AppointmentFields, PersonSelect).
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import type { ReactNode } from "react";
import { MemoryRouter } from "react-router-dom";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { api } from "../../api/client";
import type { ContactOut as Contact } from "../../api/types";
import { AppointmentsCard } from "./AppointmentsCard";
import { ChannelPolicyCard } from "./ChannelPolicyCard";
import { ConsentsCard } from "./ConsentsCard";
import { ContactsCard } from "./ContactsCard";
import { TimelineCard } from "./TimelineCard";
import { ok } from "../../test-utils";

vi.mock("../../api/client", async (original) => {
  const actual = await original<typeof import("../../api/client")>();
  return { ...actual, api: { GET: vi.fn(), POST: vi.fn(), PATCH: vi.fn() } };
});

const page = (items: unknown[]) => ok({ items, total: items.length, limit: 50, offset: 0 });
const get = vi.mocked(api.GET);
const post = vi.mocked(api.POST);

function renderCard(card: ReactNode) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <QueryClientProvider client={client}>
      <MemoryRouter>{card}</MemoryRouter>
    </QueryClientProvider>,
  );
}

const contacts = [{ id: 4, first_name: "Anne", last_name: "Roux", job_title: "Gérante" }] as Contact[];

beforeEach(() => {
  get.mockReset();
  post.mockReset();
});

describe("AppointmentsCard", () => {
  it("says there is none, then plans one with the appointment's fields", async () => {
    get.mockResolvedValue(page([]) as never);
    post.mockResolvedValue(ok({ id: 1 }) as never);
    const user = userEvent.setup();
    renderCard(<AppointmentsCard prospectId={7} company contacts={contacts} />);
    expect(await screen.findByText("Aucun rendez-vous.")).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Planifier un rendez-vous" }));
    const form = screen.getByRole("form", { name: "Nouveau rendez-vous" });
    await user.selectOptions(within(form).getByLabelText("Avec"), "4");
    await user.type(within(form).getByLabelText("Début"), "2099-12-10T10:00");
    await user.clear(within(form).getByLabelText("Durée (minutes)"));
    await user.type(within(form).getByLabelText("Durée (minutes)"), "45");
    await user.type(within(form).getByLabelText("Lieu du rendez-vous"), " Agence ");
    await user.click(within(form).getByRole("button", { name: "Planifier le rendez-vous" }));
    expect(post.mock.calls[0][1]).toEqual({
      body: {
        prospect_id: 7,
        contact_id: 4,
        starts_at: new Date("2099-12-10T10:00").toISOString(),
        duration_minutes: 45,
        place: "Agence",
        notes: "",
        past_record: false,
      },
    });
  });

  it("lists the appointments with their state", async () => {
    get.mockResolvedValue(
      page([
        {
          id: 2,
          version: 1,
          starts_at: "2099-12-10T09:00:00Z",
          duration_minutes: 30,
          place: null,
          contact_id: 4,
          status: "planned",
        },
      ]) as never,
    );
    renderCard(<AppointmentsCard prospectId={7} company contacts={contacts} />);
    const table = await screen.findByRole("table", { name: "Rendez-vous du prospect" });
    expect(table).toHaveTextContent("Anne Roux");
    expect(table).toHaveTextContent("30 min");
    expect(screen.queryByText("Aucun rendez-vous.")).toBeNull();
  });
});

describe("ContactsCard", () => {
  it("adds a contact, its blank optional fields sent as null", async () => {
    post.mockResolvedValue(ok({ id: 5 }) as never);
    const user = userEvent.setup();
    renderCard(<ContactsCard prospectId={7} contacts={[]} total={0} />);
    expect(screen.getByText("Aucun contact dans cette entreprise.")).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Ajouter un contact" }));
    const form = screen.getByRole("form", { name: "Nouveau contact" });
    await user.type(within(form).getByLabelText("Nom"), "Roux");
    await user.type(within(form).getByLabelText("Prénom"), "  ");
    await user.selectOptions(within(form).getByLabelText("Canal préféré"), "email");
    await user.click(within(form).getByRole("button", { name: "Enregistrer le contact" }));
    expect(post.mock.calls[0][1]).toMatchObject({
      params: { path: { prospect_id: 7 } },
      body: {
        last_name: "Roux",
        first_name: null,
        job_title: null,
        phone: null,
        email: null,
        decision_power: null,
        preferred_channel: "email",
      },
    });
  });

  it("marks the fields the server names", async () => {
    post.mockResolvedValue({
      error: {
        title: "Données invalides",
        status: 422,
        errors: [{ location: "body", field: "last_name", message: "Champ obligatoire." }],
      },
      response: new Response(null, { status: 422 }),
    } as never);
    const user = userEvent.setup();
    renderCard(<ContactsCard prospectId={7} contacts={[]} total={0} />);
    await user.click(screen.getByRole("button", { name: "Ajouter un contact" }));
    await user.click(screen.getByRole("button", { name: "Enregistrer le contact" }));
    expect(await screen.findByText("Champ obligatoire.")).toBeInTheDocument();
    expect(screen.getByLabelText("Nom")).toHaveAttribute("aria-invalid", "true");
    expect(screen.getByRole("status")).toHaveTextContent("Corrigez les champs signalés.");
  });
});

describe("ConsentsCard", () => {
  const consent = {
    id: 1,
    purpose: "prospecting",
    channel: "email",
    status: "granted",
    given_at: "2026-09-01T10:00:00Z",
    method: "web_form",
    lawful_basis: "consent",
    text_version: "mentions-2026-09",
    proof_reference: "formulaire 12",
  };

  it("says when nothing is recorded", async () => {
    get.mockResolvedValue(ok({ current: [], history: [] }) as never);
    renderCard(<ConsentsCard prospectId={7} company={false} contacts={[]} />);
    expect(await screen.findByText("Aucun consentement enregistré pour cette personne.")).toBeInTheDocument();
    expect(screen.queryByRole("combobox", { name: "Personne concernée" })).toBeNull();
  });

  it("shows the current state and the history, per person of the company", async () => {
    get.mockResolvedValue(ok({ current: [consent], history: [consent] }) as never);
    const user = userEvent.setup();
    renderCard(<ConsentsCard prospectId={7} company contacts={contacts} />);
    expect(await screen.findByRole("table", { name: "État actuel par finalité et canal" })).toBeInTheDocument();
    expect(screen.getByText("Historique complet (1 événement)")).toBeInTheDocument();
    await user.selectOptions(screen.getByLabelText("Personne concernée"), "4");
    expect(get).toHaveBeenLastCalledWith("/api/v1/prospects/{prospect_id}/consents", {
      params: { path: { prospect_id: 7 }, query: { contact_id: 4 } },
    });
  });

  it("records a consent for the person chosen", async () => {
    get.mockResolvedValue(ok({ current: [], history: [] }) as never);
    post.mockResolvedValue(ok(consent) as never);
    const user = userEvent.setup();
    renderCard(<ConsentsCard prospectId={7} company={false} contacts={[]} />);
    await user.click(screen.getByRole("button", { name: "Enregistrer un consentement" }));
    const form = screen.getByRole("form", { name: "Nouveau consentement" });
    await user.selectOptions(within(form).getByLabelText("Canal"), "sms");
    await user.clear(within(form).getByLabelText("Exprimé le"));
    await user.type(within(form).getByLabelText("Exprimé le"), "2026-09-01T10:00");
    await user.type(within(form).getByLabelText("Version du texte présenté"), "mentions-2026-09");
    await user.click(within(form).getByRole("button", { name: "Enregistrer le consentement" }));
    expect(post.mock.calls[0][1]).toEqual({
      params: { path: { prospect_id: 7 } },
      body: {
        purpose: "prospecting",
        channel: "sms",
        status: "granted",
        method: "verbal",
        given_at: new Date("2026-09-01T10:00").toISOString(),
        text_version: "mentions-2026-09",
        proof_reference: "",
        pre_ticked: false,
        contact_id: null,
      },
    });
  });
});

describe("ChannelPolicyCard", () => {
  it("asks the policy again for each change of the question", async () => {
    get.mockResolvedValue(
      ok({
        on: "2026-12-01",
        allowed_channels: ["postal"],
        decisions: [
          { channel: "postal", allowed: true, detail: "Le courrier reste permis.", rule: "postal-allowed" },
          { channel: "phone", allowed: false, detail: "Consentement requis.", rule: "b2c-phone" },
        ],
      }) as never,
    );
    const user = userEvent.setup();
    renderCard(<ChannelPolicyCard prospectId={7} company={false} contacts={[]} />);
    expect(await screen.findByRole("list", { name: "Décision par canal" })).toHaveTextContent("refusé");
    expect(screen.getByText(/canaux permis/)).toHaveTextContent("canaux permis : Courrier.");
    await user.click(screen.getByLabelText("À propos d'un contrat en cours"));
    expect(get).toHaveBeenLastCalledWith("/api/v1/prospects/{prospect_id}/channel-policy", {
      params: { path: { prospect_id: 7 }, query: { about_contract: true } },
    });
  });
});

describe("TimelineCard", () => {
  it("says when nothing happened yet, else lists the events", async () => {
    get.mockResolvedValueOnce(ok([]) as never);
    const { unmount } = renderCard(<TimelineCard prospectId={7} />);
    expect(await screen.findByText("Rien n'est encore arrivé sur cette fiche.")).toBeInTheDocument();
    unmount();
    get.mockResolvedValueOnce(
      ok([
        { kind: "status_change", id: 1, at: "2026-12-01T10:00:00Z", summary: "", data: { from: null, to: "suspect" } },
      ]) as never,
    );
    renderCard(<TimelineCard prospectId={7} />);
    const events = await screen.findByRole("list", { name: "Événements, du plus récent au plus ancien" });
    expect(events).toHaveTextContent("Fiche créée (Suspect)");
  });
});
