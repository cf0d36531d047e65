// @vitest-environment happy-dom
// The prospect's social-selling actions (CP3.9): the list and its empty state, recording one
// (an exchange on the channel « social », so the channel policy may refuse it), what came of
// one, and nothing to write for a trainer reading a trainee's record.
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import type { ReactNode } from "react";
import { MemoryRouter } from "react-router-dom";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { api } from "../../api/client";
import type { ContactOut as Contact } from "../../api/types";
import { useAuth } from "../../auth/AuthContext";
import { ReadOnlyScope } from "../../components/ReadOnly";
import { SocialActionsCard } from "./SocialActionsCard";
import { EMPTY_SOCIAL_ACTION, toSocialAction } from "./SocialActionForm";
import { failure, fieldErrors, ok } from "../../test-utils";

vi.mock("../../api/client", async (original) => {
  const actual = await original<typeof import("../../api/client")>();
  return { ...actual, api: { GET: vi.fn(), POST: vi.fn(), PATCH: vi.fn(), DELETE: vi.fn() } };
});
vi.mock("../../auth/AuthContext", async (original) => {
  const actual = await original<typeof import("../../auth/AuthContext")>();
  return { ...actual, useAuth: vi.fn(() => ({ me: { id: 3 } })) };
});

const get = vi.mocked(api.GET);
const post = vi.mocked(api.POST);
const patch = vi.mocked(api.PATCH);
const del = vi.mocked(api.DELETE);
const page = (items: unknown[]) => ok({ items, total: items.length, limit: 100, offset: 0 });

const ACTION = {
  id: 11,
  owner_id: 3,
  prospect_id: 7,
  prospect_name: "Boulangerie Martin",
  contact_id: 4,
  interaction_id: 20,
  appointment_id: null,
  post_id: null,
  network: "linkedin",
  kind: "connection_request",
  outcome: "pending",
  occurred_at: "2026-05-12T08:30:00Z",
  notes: "Invitation personnalisée.",
  in_target: true,
  created_at: "2026-05-12T08:30:00Z",
  version: 2,
};

const contacts = [{ id: 4, first_name: "Anne", last_name: "Roux", job_title: "Gérante" }] as Contact[];

function renderCard(card: ReactNode) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <QueryClientProvider client={client}>
      <MemoryRouter>{card}</MemoryRouter>
    </QueryClientProvider>,
  );
}

beforeEach(() => {
  for (const mock of [get, post, patch, del]) mock.mockReset();
  vi.mocked(useAuth).mockReturnValue({ me: { id: 3 } } as never);
});

describe("SocialActionsCard", () => {
  it("lists the actions: network, kind, outcome, date, in target, notes", async () => {
    get.mockResolvedValue(
      page([
        ACTION,
        {
          ...ACTION,
          id: 12,
          contact_id: null,
          network: "facebook",
          kind: "message",
          outcome: "appointment",
          notes: "",
          in_target: false,
        },
      ]) as never,
    );
    renderCard(<SocialActionsCard prospectId={7} company contacts={contacts} />);
    const list = await screen.findByRole("list", { name: "Actions, de la plus récente à la plus ancienne" });
    const [first, second] = within(list).getAllByRole("listitem");
    expect(within(first).getByRole("heading", { level: 3 })).toHaveTextContent(
      `LinkedIn — Demande de connexion, ${new Date(ACTION.occurred_at).toLocaleString("fr-FR", { dateStyle: "short", timeStyle: "short" })}`,
    );
    expect(first).toHaveTextContent("En attente");
    expect(first).toHaveTextContent("Prospect dans la cible du cas d'entreprise");
    expect(first).toHaveTextContent("Anne Roux");
    expect(first).toHaveTextContent("Invitation personnalisée.");
    expect(second).toHaveTextContent("Facebook — Message");
    expect(second).toHaveTextContent("Rendez-vous obtenu");
    expect(second).toHaveTextContent("Prospect hors de la cible du cas d'entreprise");
    expect(get.mock.calls[0]).toEqual([
      "/api/v1/prospects/{prospect_id}/social-actions",
      { params: { path: { prospect_id: 7 }, query: { limit: 100 } } },
    ]);
  });

  it("says there is none, and records one: the request body sent", async () => {
    get.mockResolvedValue(page([]) as never);
    post.mockResolvedValue(ok({ ...ACTION, outcome: "accepted" }, 201) as never);
    const user = userEvent.setup();
    renderCard(<SocialActionsCard prospectId={7} company contacts={contacts} />);
    expect(await screen.findByText("Aucune action sur les réseaux sociaux auprès de ce prospect.")).toBeVisible();
    await user.click(screen.getByRole("button", { name: "Enregistrer une action" }));
    const form = screen.getByRole("form", { name: "Nouvelle action sur les réseaux sociaux" });
    await user.selectOptions(within(form).getByLabelText("Personne contactée"), "4");
    await user.selectOptions(within(form).getByLabelText("Réseau"), "linkedin");
    await user.selectOptions(within(form).getByLabelText("Type d'action"), "connection_request");
    await user.selectOptions(within(form).getByLabelText("Résultat"), "accepted");
    await user.type(within(form).getByLabelText("Date et heure de l'action"), "2026-05-12T10:30");
    await user.type(within(form).getByLabelText("Date du prochain contact"), "2026-05-20");
    await user.type(within(form).getByLabelText("Notes"), "  Invitation personnalisée. ");
    expect(within(form).queryByLabelText("Début du rendez-vous")).toBeNull();
    await user.click(within(form).getByRole("button", { name: "Enregistrer l'action" }));
    expect(
      await within(form).findByText(
        "Action enregistrée : LinkedIn, demande de connexion (acceptée). Elle figure dans la chronologie.",
      ),
    ).toBeVisible();
    expect(post.mock.calls[0]).toEqual([
      "/api/v1/prospects/{prospect_id}/social-actions",
      {
        params: { path: { prospect_id: 7 } },
        body: {
          contact_id: 4,
          network: "linkedin",
          kind: "connection_request",
          outcome: "accepted",
          occurred_at: new Date("2026-05-12T10:30").toISOString(),
          notes: "Invitation personnalisée.",
          next_contact_on: "2026-05-20",
          appointment: null,
        },
      },
    ]);
    // Ready for the next one, with the same person on the same network.
    expect(within(form).getByLabelText("Résultat")).toHaveValue("pending");
    expect(within(form).getByLabelText("Personne contactée")).toHaveValue("4");
    expect(within(form).getByLabelText("Notes")).toHaveValue("");
  });

  it("shows the channel policy's refusal, and the field errors beside their fields", async () => {
    get.mockResolvedValue(page([]) as never);
    post
      .mockResolvedValueOnce(
        fieldErrors({ field: "next_contact_on", message: "Indiquez la date de prochain contact." }) as never,
      )
      .mockResolvedValueOnce(
        failure({
          type: "urn:capvente:problem:channel-policy:objection",
          title: "Contact refusé par la politique RGPD",
          status: 409,
          detail: "La personne s'est opposée à la prospection commerciale : aucun contact commercial n'est permis.",
          rule: "objection",
          channel: "social",
          allowed_channels: [],
        }) as never,
      );
    const user = userEvent.setup();
    renderCard(<SocialActionsCard prospectId={7} company={false} contacts={[]} />);
    await user.click(await screen.findByRole("button", { name: "Enregistrer une action" }));
    const form = screen.getByRole("form", { name: "Nouvelle action sur les réseaux sociaux" });
    // An individual: no person to choose.
    expect(within(form).queryByLabelText("Personne contactée")).toBeNull();
    await user.click(within(form).getByRole("button", { name: "Enregistrer l'action" }));
    const next = within(form).getByLabelText("Date du prochain contact");
    expect(await within(form).findByText("Indiquez la date de prochain contact.")).toBeVisible();
    expect(next).toHaveAttribute("aria-invalid", "true");
    await user.type(next, "2026-05-20");
    await user.click(within(form).getByRole("button", { name: "Enregistrer l'action" }));
    const alert = await within(form).findByRole("alert");
    expect(alert).toHaveTextContent(
      "Échange refusé par la politique RGPD (réseaux sociaux) : rien n'a été enregistré.",
    );
    expect(alert).toHaveTextContent("La personne s'est opposée à la prospection commerciale");
    expect(alert).toHaveTextContent("Aucun canal n'est permis pour cette personne aujourd'hui.");
    expect(alert).toHaveTextContent("Règle appliquée : objection.");
    expect(post).toHaveBeenCalledTimes(2);
  });

  it("asks for the appointment with the outcome « appointment », and sends it", async () => {
    get.mockResolvedValue(page([]) as never);
    post.mockResolvedValue(ok({ ...ACTION, kind: "message", outcome: "appointment", appointment_id: 9 }, 201) as never);
    const user = userEvent.setup();
    renderCard(<SocialActionsCard prospectId={7} company={false} contacts={[]} />);
    await user.click(await screen.findByRole("button", { name: "Enregistrer une action" }));
    const form = screen.getByRole("form", { name: "Nouvelle action sur les réseaux sociaux" });
    expect(within(form).getByLabelText("Date du prochain contact")).toHaveAttribute("aria-required", "true");
    await user.selectOptions(within(form).getByLabelText("Type d'action"), "message");
    await user.selectOptions(within(form).getByLabelText("Résultat"), "appointment");
    const group = within(form).getByRole("group", { name: "Rendez-vous obtenu" });
    expect(within(form).getByLabelText("Date du prochain contact")).not.toHaveAttribute("aria-required");
    await user.type(within(group).getByLabelText("Début du rendez-vous"), "2099-06-03T14:00");
    await user.type(within(group).getByLabelText("Lieu"), "Visio");
    await user.click(within(form).getByRole("button", { name: "Enregistrer l'action" }));
    expect(await within(form).findByText(/avec le rendez-vous pris\.$/)).toBeVisible();
    expect(post.mock.calls[0][1]).toMatchObject({
      body: {
        kind: "message",
        outcome: "appointment",
        next_contact_on: null,
        appointment: {
          starts_at: new Date("2099-06-03T14:00").toISOString(),
          duration_minutes: 60,
          place: "Visio",
          past_record: false,
        },
      },
    });
    // Back to a new action: the appointment's fields are gone.
    expect(within(form).queryByRole("group", { name: "Rendez-vous obtenu" })).toBeNull();
  });

  it("notes what came of an action (never « appointment ») and deletes one after confirming", async () => {
    get.mockResolvedValue(page([ACTION]) as never);
    patch.mockResolvedValue(ok({ ...ACTION, outcome: "accepted", version: 3 }) as never);
    del.mockResolvedValue({ data: undefined, response: new Response(null, { status: 204 }) } as never);
    const user = userEvent.setup();
    renderCard(<SocialActionsCard prospectId={7} company contacts={contacts} />);
    const item = (await screen.findAllByRole("listitem"))[0];
    await user.click(within(item).getByRole("button", { name: "Noter la suite" }));
    const form = within(item).getByRole("form", { name: /^Suite de l'action du/ });
    const outcome = within(form).getByLabelText("Résultat");
    expect(within(outcome).queryByRole("option", { name: "Rendez-vous obtenu" })).toBeNull();
    await user.selectOptions(outcome, "accepted");
    await user.click(within(form).getByRole("button", { name: "Enregistrer la suite" }));
    expect(patch.mock.calls[0]).toEqual([
      "/api/v1/social/actions/{social_action_id}",
      { params: { path: { social_action_id: 11 } }, body: { version: 2, outcome: "accepted" } },
    ]);
    expect(within(item).queryByRole("form")).toBeNull();

    await user.click(within(item).getByRole("button", { name: "Supprimer" }));
    const confirm = within(item).getByRole("group", {
      name: /^Supprimer l'action « LinkedIn — Demande de connexion »/,
    });
    expect(confirm).toHaveTextContent("L'échange reste dans la chronologie.");
    await user.click(within(confirm).getByRole("button", { name: "Oui, supprimer" }));
    expect(del.mock.calls[0]).toEqual([
      "/api/v1/social/actions/{social_action_id}",
      { params: { path: { social_action_id: 11 } } },
    ]);
  });

  it("offers no outcome change on an action that set an appointment", async () => {
    get.mockResolvedValue(page([{ ...ACTION, outcome: "appointment", appointment_id: 9 }]) as never);
    const user = userEvent.setup();
    renderCard(<SocialActionsCard prospectId={7} company contacts={contacts} />);
    const item = (await screen.findAllByRole("listitem"))[0];
    await user.click(within(item).getByRole("button", { name: "Noter la suite" }));
    const form = within(item).getByRole("form", { name: /^Suite de l'action du/ });
    expect(within(form).queryByLabelText("Résultat")).toBeNull();
    expect(form).toHaveTextContent("son résultat ne change plus");
  });

  it("is read-only for a trainer reading a trainee's record", async () => {
    vi.mocked(useAuth).mockReturnValue({ me: { id: 99 } } as never);
    get.mockResolvedValue(page([ACTION]) as never);
    renderCard(
      <ReadOnlyScope ownerId={3}>
        <SocialActionsCard prospectId={7} company contacts={contacts} />
      </ReadOnlyScope>,
    );
    expect(await screen.findByText(/^LinkedIn — Demande de connexion/)).toBeVisible();
    expect(screen.queryByRole("button")).toBeNull();
  });
});

describe("toSocialAction", () => {
  it("sends the appointment only with the outcome « appointment », empty fields as null", () => {
    const base = {
      ...EMPTY_SOCIAL_ACTION,
      outcome: "appointment" as const,
      notes: " ok ",
      appointment: { starts_at: "2026-12-10T10:00", duration_minutes: "45", place: "", past_record: false },
    };
    expect(toSocialAction(base)).toMatchObject({
      network: "linkedin",
      kind: "connection_request",
      notes: "ok",
      occurred_at: null,
      next_contact_on: null,
      contact_id: null,
      appointment: { duration_minutes: 45, place: null },
    });
    expect(toSocialAction({ ...base, outcome: "replied" }).appointment).toBeNull();
  });
});
