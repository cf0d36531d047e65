// @vitest-environment happy-dom
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { api } from "../../api/client";
import { InteractionForm } from "./InteractionForm";
import { EMPTY_INTERACTION, toInteraction } from "./interactionForm";
import { fieldErrors, ok } from "../../test-utils";

vi.mock("../../api/client", async (original) => {
  const actual = await original<typeof import("../../api/client")>();
  return { ...actual, api: { GET: vi.fn(), POST: vi.fn() } };
});

describe("InteractionForm", () => {
  beforeEach(() => {
    vi.mocked(api.POST).mockReset();
    vi.mocked(api.GET).mockResolvedValue(ok({ items: [], total: 0, limit: 200, offset: 0 }) as never);
  });

  it("shows the policy's French explanation and the channels left, and offers to switch", async () => {
    vi.mocked(api.POST).mockResolvedValue({
      error: {
        type: "urn:capvente:problem:channel-policy:b2c-phone-requires-consent",
        title: "Contact refusé par la politique RGPD",
        status: 409,
        detail: "Depuis le 11 août 2026, le démarchage téléphonique d'un particulier exige son consentement préalable.",
        rule: "b2c-phone-requires-consent",
        channel: "phone",
        allowed_channels: ["postal", "visit"],
      },
      response: new Response(null, { status: 409 }),
    } as never);
    const user = userEvent.setup();
    render(
      <QueryClientProvider client={new QueryClient()}>
        <InteractionForm prospectId={7} company={false} contacts={[]} />
      </QueryClientProvider>,
    );
    await user.type(screen.getByLabelText("Date du prochain contact"), "2026-12-10");
    await user.click(screen.getByRole("button", { name: "Enregistrer l'échange" }));
    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent("rien n'a été enregistré");
    expect(alert).toHaveTextContent("exige son consentement préalable");
    const left = screen.getByRole("list", { name: "Canaux encore permis" });
    expect(left).toHaveTextContent("Courrier");
    expect(left).toHaveTextContent("Visite");
    expect(vi.mocked(api.POST).mock.calls[0][1]).toMatchObject({
      params: { path: { prospect_id: 7 } },
      body: {
        channel: "phone",
        direction: "outbound",
        outcome: "callback",
        next_contact_on: "2026-12-10",
        appointment: null,
      },
    });
    await user.click(screen.getAllByRole("button", { name: "choisir ce canal" })[0]);
    expect(screen.getByLabelText("Canal")).toHaveValue("postal");
    expect(screen.queryByRole("alert")).toBeNull();
  });
  it("records an appointment taken during the call, then starts a new exchange on the same channel", async () => {
    vi.mocked(api.POST).mockResolvedValue(ok({ id: 3, channel: "visit", outcome: "appointment" }) as never);
    const user = userEvent.setup();
    render(
      <QueryClientProvider client={new QueryClient()}>
        <InteractionForm prospectId={7} company={false} contacts={[]} />
      </QueryClientProvider>,
    );
    expect(screen.queryByLabelText("Personne contactée")).toBeNull();
    await user.selectOptions(screen.getByLabelText("Canal"), "visit");
    await user.selectOptions(screen.getByLabelText("Résultat"), "appointment");
    await user.type(screen.getByLabelText("Début du rendez-vous"), "2099-12-10T10:00");
    await user.type(screen.getByLabelText("Lieu"), "Salon");
    await user.type(screen.getByLabelText("Besoins"), "Fibre");
    await user.click(screen.getByRole("button", { name: "Enregistrer l'échange" }));
    expect(await screen.findByText("Échange enregistré : Visite, rendez-vous pris.")).toBeInTheDocument();
    expect(vi.mocked(api.POST).mock.calls[0][1]).toMatchObject({
      body: {
        channel: "visit",
        outcome: "appointment",
        needs: "Fibre",
        appointment: {
          starts_at: new Date("2099-12-10T10:00").toISOString(),
          duration_minutes: 60,
          place: "Salon",
          past_record: false,
        },
      },
    });
    expect(screen.getByLabelText("Canal")).toHaveValue("visit");
    expect(screen.getByLabelText("Résultat")).toHaveValue("callback");
    expect(screen.getByLabelText("Besoins")).toHaveValue("");
    await user.type(screen.getByLabelText("Notes"), "x");
    expect(screen.queryByText(/Échange enregistré/)).toBeNull();
  });
  it("offers the campaigns and sends the one chosen, with the server's refusal beside it", async () => {
    vi.mocked(api.GET).mockImplementation((async (path: string) =>
      ok(
        path === "/api/v1/campaigns"
          ? {
              items: [
                { id: 4, name: "Relance printemps" },
                { id: 6, name: "Salon de l'habitat" },
              ],
              total: 2,
            }
          : { items: [], total: 0, limit: 200, offset: 0 },
      )) as never);
    vi.mocked(api.POST)
      .mockResolvedValueOnce(
        fieldErrors({ field: "campaign_id", message: "Ce prospect n'est pas membre de la campagne." }) as never,
      )
      .mockResolvedValueOnce(ok({ id: 5, channel: "phone", outcome: "callback", campaign_id: 4 }) as never);
    const user = userEvent.setup();
    render(
      <QueryClientProvider client={new QueryClient()}>
        <InteractionForm prospectId={7} company={false} contacts={[]} />
      </QueryClientProvider>,
    );
    const campaign = screen.getByLabelText("Campagne");
    expect(campaign).toHaveValue("");
    await user.selectOptions(campaign, await screen.findByRole("option", { name: "Salon de l'habitat" }));
    await user.type(screen.getByLabelText("Date du prochain contact"), "2026-12-10");
    await user.click(screen.getByRole("button", { name: "Enregistrer l'échange" }));
    expect(await screen.findByText("Ce prospect n'est pas membre de la campagne.")).toBeInTheDocument();
    expect(campaign).toHaveAttribute("aria-invalid", "true");
    expect(vi.mocked(api.POST).mock.calls[0][1]).toMatchObject({ body: { campaign_id: 6 } });
    await user.selectOptions(campaign, "Relance printemps");
    await user.click(screen.getByRole("button", { name: "Enregistrer l'échange" }));
    expect(await screen.findByText(/Échange enregistré/)).toBeInTheDocument();
    expect(vi.mocked(api.POST).mock.calls[1][1]).toMatchObject({ body: { campaign_id: 4 } });
    // The next exchange is likely in the same campaign.
    expect(campaign).toHaveValue("4");
  });
});

describe("toInteraction", () => {
  it("describes the appointment only with the appointment outcome", () => {
    const base = {
      ...EMPTY_INTERACTION,
      outcome: "appointment" as const,
      call_script_id: "3",
      notes: " ok ",
      needs: "Fibre",
      appointment: { starts_at: "2026-12-10T10:00", duration_minutes: "45", place: "", past_record: false },
    };
    const body = toInteraction(base);
    expect(body).toMatchObject({ call_script_id: 3, notes: "ok", needs: "Fibre", budget: null, occurred_at: null });
    expect(body.appointment).toMatchObject({ duration_minutes: 45, place: null });
    expect(body.appointment?.starts_at).toBe(new Date("2026-12-10T10:00").toISOString());
    expect(toInteraction({ ...base, outcome: "callback" }).appointment).toBeNull();
    expect(body.campaign_id).toBeNull();
    expect(toInteraction({ ...base, campaign_id: "4" }).campaign_id).toBe(4);
  });
});
