// @vitest-environment happy-dom
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { MemoryRouter } from "react-router-dom";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { api } from "../../api/client";
import { failure, fieldErrors, ok } from "../../test-utils";
import { FeedsPage } from "./FeedsPage";

vi.mock("../../api/client", async (original) => {
  const actual = await original<typeof import("../../api/client")>();
  return { ...actual, api: { GET: vi.fn(), POST: vi.fn(), DELETE: vi.fn() } };
});

const PHONE = {
  id: 1,
  label: "Téléphone",
  created_at: "2026-11-02T09:00:00Z",
  revoked_at: null,
  last_fetched_at: "2026-11-17T06:10:00Z",
  active: true,
};
const OLD = {
  ...PHONE,
  id: 2,
  label: "Ancien ordinateur",
  last_fetched_at: null,
  revoked_at: "2026-11-10T09:00:00Z",
  active: false,
};
const URL_ONCE = "https://capvente.example/api/v1/calendar/Zx9_secret-token.ics";

function renderPage(feeds: object[]) {
  vi.mocked(api.GET).mockResolvedValue(ok({ items: feeds, total: feeds.length, limit: 20, offset: 0 }) as never);
  render(
    <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
      <MemoryRouter>
        <FeedsPage />
      </MemoryRouter>
    </QueryClientProvider>,
  );
  return userEvent.setup();
}

describe("FeedsPage", () => {
  beforeEach(() => {
    vi.mocked(api.GET).mockReset();
    vi.mocked(api.POST).mockReset();
    vi.mocked(api.DELETE).mockReset();
  });

  it("explains how to subscribe, and says what to do when there is no subscription", async () => {
    renderPage([]);
    expect(await screen.findByText("Aucun abonnement.")).toBeInTheDocument();
    expect(
      screen.getByRole("heading", { name: "Voir votre agenda dans votre application de calendrier" }),
    ).toBeInTheDocument();
    expect(screen.getByText(/À partir de l'URL/)).toBeInTheDocument();
    expect(screen.getByText(/ne la partagez pas/)).toBeInTheDocument();
  });

  it("shows the secret address once, with a copy button and the warning, then hides it", async () => {
    vi.mocked(api.POST).mockResolvedValue(
      ok(
        {
          ...PHONE,
          id: 3,
          label: "Outlook",
          last_fetched_at: null,
          url: URL_ONCE,
          webcal_url: URL_ONCE.replace("https", "webcal"),
        },
        201,
      ) as never,
    );
    const user = renderPage([PHONE]);
    // user-event puts its own clipboard in place.
    const writeText = vi.spyOn(navigator.clipboard, "writeText");
    const name = await screen.findByLabelText("Nom de l'abonnement");
    expect(name).toHaveValue("Mon agenda CapVente");
    await user.clear(name);
    await user.type(name, "Outlook");
    await user.click(screen.getByRole("button", { name: "Créer l'adresse d'abonnement" }));
    const created = await screen.findByRole("region", { name: "Adresse de l'abonnement « Outlook »" });
    expect(vi.mocked(api.POST).mock.calls[0]).toEqual(["/api/v1/calendar-feeds", { body: { label: "Outlook" } }]);
    expect(
      within(created).getByText("Copiez cette adresse maintenant : elle ne sera plus affichée."),
    ).toBeInTheDocument();
    expect(within(created).getByLabelText("Adresse secrète de l'abonnement")).toHaveValue(URL_ONCE);
    expect(within(created).getByRole("link", { name: /lien webcal/ })).toHaveAttribute(
      "href",
      "webcal://capvente.example/api/v1/calendar/Zx9_secret-token.ics",
    );
    expect(within(created).getByRole("heading")).toHaveFocus();
    await user.click(within(created).getByRole("button", { name: "Copier l'adresse" }));
    expect(writeText).toHaveBeenCalledWith(URL_ONCE);
    expect(await within(created).findByText(/Adresse copiée/)).toBeInTheDocument();
    // The list is read again; the address is in no list.
    await waitFor(() => expect(vi.mocked(api.GET).mock.calls.length).toBe(2));
    await user.click(within(created).getByRole("button", { name: "J'ai copié l'adresse : la masquer" }));
    expect(screen.queryByText(URL_ONCE)).toBeNull();
    expect(screen.queryByDisplayValue(URL_ONCE)).toBeNull();
  });

  it("says why a subscription was refused (too many, or a bad name)", async () => {
    vi.mocked(api.POST).mockResolvedValueOnce(
      failure({
        status: 409,
        title: "Conflit",
        detail: "Vous avez déjà 10 abonnements actifs : révoquez-en un avant d'en créer un autre.",
      }) as never,
    );
    vi.mocked(api.POST).mockResolvedValueOnce(fieldErrors({ field: "label", message: "Champ obligatoire." }) as never);
    const user = renderPage([PHONE]);
    await user.click(await screen.findByRole("button", { name: "Créer l'adresse d'abonnement" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("révoquez-en un avant d'en créer un autre");
    await user.clear(screen.getByLabelText("Nom de l'abonnement"));
    await user.click(screen.getByRole("button", { name: "Créer l'adresse d'abonnement" }));
    expect(await screen.findByText("Champ obligatoire.")).toBeInTheDocument();
    expect(screen.getByLabelText("Nom de l'abonnement")).toHaveAttribute("aria-invalid", "true");
  });

  it("lists the subscriptions with their last reading, and revokes an active one after asking", async () => {
    vi.mocked(api.DELETE).mockResolvedValue(ok(undefined, 204) as never);
    const user = renderPage([PHONE, OLD]);
    const table = await screen.findByRole("table", { name: "Abonnements au calendrier" });
    const phone = within(table).getByRole("row", { name: /Téléphone/ });
    expect(phone).toHaveTextContent("Actif");
    const old = within(table).getByRole("row", { name: /Ancien ordinateur/ });
    expect(old).toHaveTextContent("Jamais lue");
    expect(old).toHaveTextContent(/Révoqué le/);
    expect(within(old).queryByRole("button", { name: "Révoquer" })).toBeNull();
    await user.click(within(phone).getByRole("button", { name: "Révoquer" }));
    expect(
      within(phone).getByRole("group", { name: /Son adresse cessera aussitôt de fonctionner/ }),
    ).toBeInTheDocument();
    await user.click(within(phone).getByRole("button", { name: "Oui, révoquer" }));
    await waitFor(() =>
      expect(api.DELETE).toHaveBeenCalledWith("/api/v1/calendar-feeds/{feed_id}", { params: { path: { feed_id: 1 } } }),
    );
  });
});
