// @vitest-environment happy-dom
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { api } from "../../api/client";
import { BaseCard, basePayload } from "./BaseCard";

vi.mock("../../api/client", async (original) => {
  const actual = await original<typeof import("../../api/client")>();
  return { ...actual, api: { GET: vi.fn(), PUT: vi.fn() } };
});

describe("BaseCard", () => {
  it("asks for a base when there is none, and shows the one saved", async () => {
    vi.mocked(api.GET).mockResolvedValue({
      error: { title: "Introuvable", status: 404 },
      response: new Response(null, { status: 404 }),
    } as never);
    const saved = { label: "Agence de Tullins", address: null, latitude: 45.764, longitude: 4.8357 };
    vi.mocked(api.PUT).mockResolvedValue({ data: saved, response: new Response(null, { status: 200 }) } as never);
    render(
      <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
        <BaseCard />
      </QueryClientProvider>,
    );
    const card = screen.getByRole("region", { name: "Votre base" });
    expect(await within(card).findByText(/Aucune base enregistrée/)).toBeInTheDocument();
    const user = userEvent.setup();
    await user.type(within(card).getByLabelText("Nom de la base"), "Agence de Tullins");
    await user.type(within(card).getByLabelText("Latitude"), "45,764");
    await user.type(within(card).getByLabelText("Longitude"), "4,8357");
    await user.click(within(card).getByRole("button", { name: "Enregistrer la base" }));
    expect(await within(card).findByText("Base enregistrée.")).toBeInTheDocument();
    expect(vi.mocked(api.PUT).mock.calls[0][1]).toEqual({ body: { ...saved } });
    expect(within(card).getByText(/chaque journée part de là/)).toHaveTextContent("Agence de Tullins");
    expect(within(card).queryByText(/Aucune base enregistrée/)).toBeNull();
  });

  it("sends a blank or malformed coordinate as null, for the server to name it", () => {
    expect(basePayload({ label: " Base ", address: " ", latitude: "", longitude: "4,5x" })).toEqual({
      label: "Base",
      address: null,
      latitude: null,
      longitude: null,
    });
  });
});
