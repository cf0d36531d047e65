// @vitest-environment jsdom
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { api } from "../../api/client";
import { InteractionForm, toInteraction } from "./InteractionForm";

vi.mock("../../api/client", async (original) => {
  const actual = await original<typeof import("../../api/client")>();
  return { ...actual, api: { GET: vi.fn(), POST: vi.fn() } };
});

const ok = (data: unknown) => ({ data, response: new Response(null, { status: 200 }) });

describe("InteractionForm", () => {
  beforeEach(() => {
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
});

describe("toInteraction", () => {
  it("describes the appointment only with the appointment outcome", () => {
    const base = {
      contact_id: null,
      channel: "phone" as const,
      direction: "outbound" as const,
      outcome: "appointment" as const,
      occurred_at: "",
      duration_minutes: "",
      call_script_id: "3",
      notes: " ok ",
      next_step: "",
      next_contact_on: "",
      needs: "Fibre",
      budget: "",
      authority: "",
      timing: "",
      accessibility_needs: "",
      accessibility_adaptation: "",
      about_contract: false,
      analogous_offer: false,
      appointment_starts_at: "2026-12-10T10:00",
      appointment_duration: "45",
      appointment_place: "",
    };
    const body = toInteraction(base);
    expect(body).toMatchObject({ call_script_id: 3, notes: "ok", needs: "Fibre", budget: null, occurred_at: null });
    expect(body.appointment).toMatchObject({ duration_minutes: 45, place: null });
    expect(body.appointment?.starts_at).toBe(new Date("2026-12-10T10:00").toISOString());
    expect(toInteraction({ ...base, outcome: "callback" }).appointment).toBeNull();
  });
});
