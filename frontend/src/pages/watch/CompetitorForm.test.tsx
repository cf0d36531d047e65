// @vitest-environment happy-dom
import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { api } from "../../api/client";
import type { CompetitorOut, ItemOut } from "../../api/types";
import { CompetitorForm, draftOf, payloadOf } from "./CompetitorForm";
import { itemChanges, itemDraft } from "./ItemDetails";
import { ok, staleVersion, renderWithClient } from "../../test-utils";

vi.mock("../../api/client", async (original) => {
  const actual = await original<typeof import("../../api/client")>();
  return { ...actual, api: { GET: vi.fn(), POST: vi.fn(), PATCH: vi.fn(), DELETE: vi.fn() } };
});

const COMPETITOR: CompetitorOut = {
  id: 4,
  owner_id: 1,
  name: "Alpha Bureautique",
  website: null,
  price_level: "medium",
  quality: "",
  channels: ["magasin"],
  target_customers: "",
  offers: "",
  strengths: "Réseau",
  weaknesses: "",
  differentiation: "",
  created_at: "2026-11-01T08:00:00Z",
  version: 3,
};

function renderForm() {
  const onDone = vi.fn();
  renderWithClient(<CompetitorForm competitor={COMPETITOR} onDone={onDone} />);
  return onDone;
}

describe("CompetitorForm", () => {
  beforeEach(() => vi.mocked(api.PATCH).mockReset());

  it("edits every field of the matrix and sends the version read", async () => {
    vi.mocked(api.PATCH).mockResolvedValue(ok({ ...COMPETITOR, version: 4 }) as never);
    const user = userEvent.setup();
    const onDone = renderForm();
    expect(screen.getByLabelText("Canaux de vente")).toHaveValue("magasin");
    await user.type(screen.getByLabelText("Qualité (produits, service)"), "Bonne, SAV lent");
    await user.type(screen.getByLabelText("Clientèle cible"), "TPE du Rhône");
    await user.type(screen.getByLabelText("Offres"), "Copieurs en location");
    await user.type(screen.getByLabelText("Canaux de vente"), ", site web ,");
    await user.click(screen.getByRole("button", { name: "Enregistrer les modifications" }));
    expect(vi.mocked(api.PATCH).mock.calls[0][1]).toMatchObject({
      params: { path: { competitor_id: 4 } },
      body: {
        version: 3,
        quality: "Bonne, SAV lent",
        target_customers: "TPE du Rhône",
        offers: "Copieurs en location",
        channels: ["magasin", "site web"],
        strengths: "Réseau",
        website: null,
        price_level: "medium",
      },
    });
    expect(onDone).toHaveBeenCalled();
  });

  it("shows the server's field error beside its field, and a stale version as such", async () => {
    vi.mocked(api.PATCH).mockResolvedValueOnce({
      error: {
        title: "Données invalides",
        status: 422,
        errors: [{ location: "body", field: "offers", message: "Trop long (au plus 5000 caractères)." }],
      },
      response: new Response(null, { status: 422 }),
    } as never);
    const user = userEvent.setup();
    renderForm();
    await user.click(screen.getByRole("button", { name: "Enregistrer les modifications" }));
    expect(await screen.findByText("Trop long (au plus 5000 caractères).")).toBeInTheDocument();
    expect(screen.getByLabelText("Offres")).toHaveAttribute("aria-invalid", "true");

    vi.mocked(api.PATCH).mockResolvedValueOnce(staleVersion() as never);
    await user.click(screen.getByRole("button", { name: "Enregistrer les modifications" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("Ce concurrent a été modifié entre-temps");
  });
});

describe("drafts", () => {
  it("round-trips a competitor and drops blank channels", () => {
    expect(payloadOf(draftOf(COMPETITOR)).channels).toEqual(["magasin"]);
    expect(payloadOf({ ...draftOf(), name: "X", channels: " ; a;\nb , " }).channels).toEqual(["a", "b"]);
  });

  it("turns an item's empty choices into nulls and splits its tags", () => {
    const item = {
      topic: "market",
      relevance: 4,
      rating: null,
      sentiment: null,
      tags: ["prix"],
      notes: "",
      competitor_id: 4,
      prospect_id: null,
    } as unknown as ItemOut;
    const draft = itemDraft(item);
    expect(draft.relevance).toBe("4");
    expect(itemChanges({ ...draft, rating: "", tags: "prix, , salon ", competitor_id: "" })).toEqual({
      topic: "market",
      relevance: 4,
      rating: null,
      sentiment: null,
      tags: ["prix", "salon"],
      notes: "",
      competitor_id: null,
      prospect_id: null,
    });
  });
});
