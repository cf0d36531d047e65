// @vitest-environment happy-dom
// The staff's list of business cases (filters, status, « brouillon modifié ») and the import
// of a JSON file: asked for, refused with every fault by path, or opened once created.
import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { MemoryRouter, Route, Routes } from "react-router-dom";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { api } from "../../api/client";
import { importBusinessCase } from "../../api/businessCases";
import { ApiError } from "../../api/problem";
import { ok, renderWithClient } from "../../test-utils";
import { BusinessCasesPage } from "./BusinessCasesPage";

vi.mock("../../api/client", async (original) => {
  const actual = await original<typeof import("../../api/client")>();
  return { ...actual, api: { GET: vi.fn() } };
});
vi.mock("../../api/businessCases", () => ({ importBusinessCase: vi.fn() }));

const get = vi.mocked(api.GET);
const upload = vi.mocked(importBusinessCase);

const summary = (id: number, name: string, extra: Record<string, unknown> = {}) => ({
  id,
  name,
  status: "published",
  published_number: 1,
  version: 3,
  sector: "61.10Z",
  products: 8,
  segments: 3,
  assignments: 2,
  draft_changed: false,
  created_at: "2026-07-20T07:40:00Z",
  updated_at: "2026-12-06T03:23:20Z",
  ...extra,
});

function renderPage() {
  renderWithClient(
    <MemoryRouter initialEntries={["/entreprise"]}>
      <Routes>
        <Route path="/entreprise" element={<BusinessCasesPage />} />
        <Route path="/entreprise/:id" element={<p>Page du cas</p>} />
      </Routes>
    </MemoryRouter>,
    { defaultOptions: { queries: { retry: false } } },
  );
}

beforeEach(() => {
  get.mockReset();
  upload.mockReset();
  get.mockResolvedValue(
    ok({
      items: [
        summary(1, "Rhône Télécom Services"),
        summary(7, "Atelier Bois Sud", { status: "draft", published_number: 0, assignments: 0, draft_changed: true }),
      ],
      total: 2,
      limit: 20,
      offset: 0,
    }) as never,
  );
});

describe("BusinessCasesPage", () => {
  it("lists the cases with their status, versions and changed drafts; filters by status", async () => {
    const user = userEvent.setup();
    renderPage();
    const table = await screen.findByRole("table", { name: "Cas d'entreprise de l'organisme" });
    const draft = within(table).getByRole("row", { name: /Atelier Bois Sud/ });
    expect(
      within(draft)
        .getAllByRole("cell")
        .map((c) => c.textContent),
    ).toEqual(["Brouillon", "0", "8", "3", "0", "brouillon modifié", "06/12/2026"]);
    expect(within(draft).getByRole("link", { name: "Atelier Bois Sud" })).toHaveAttribute("href", "/entreprise/7");
    await user.selectOptions(screen.getByLabelText("Statut"), "archived");
    expect(get).toHaveBeenLastCalledWith("/api/v1/business-cases", {
      params: { query: { status: "archived", q: undefined, sort: "name", limit: 20, offset: 0 } },
    });
  });

  it("asks for a file, lists every fault of a refused one, then opens the case created", async () => {
    const user = userEvent.setup();
    renderPage();
    await user.click(await screen.findByRole("button", { name: "Importer un cas (JSON)" }));
    const form = screen.getByRole("form", { name: "Importer un cas d'entreprise" });
    await user.click(within(form).getByRole("button", { name: "Importer" }));
    expect(within(form).getByLabelText(/Fichier JSON du cas/)).toHaveAccessibleDescription("Choisissez un fichier.");
    expect(upload).not.toHaveBeenCalled();

    upload.mockRejectedValueOnce(
      new ApiError({
        type: "urn:capvente:problem:validation-error",
        title: "Données invalides",
        status: 422,
        errors: [
          {
            location: "file",
            field: "identity.siren",
            message: "SIREN invalide : 9 chiffres attendus.",
            type: "siren",
          },
          {
            location: "file",
            field: "policy.payment_terms_days",
            message: "Délai de paiement trop long.",
            type: "rule",
          },
        ],
      }),
    );
    const file = new File(['{"schema_version": 1}'], "cas.json", { type: "application/json" });
    await user.upload(within(form).getByLabelText(/Fichier JSON du cas/), file);
    await user.click(within(form).getByLabelText("Publier la version 1 aussitôt"));
    await user.click(within(form).getByRole("button", { name: "Importer" }));
    const alert = await within(form).findByRole("alert");
    expect(alert).toHaveTextContent("Fichier refusé, rien n'a été créé : 2 erreurs.");
    expect(
      within(alert)
        .getAllByRole("listitem")
        .map((li) => li.textContent),
    ).toEqual([
      "identity.siren : SIREN invalide : 9 chiffres attendus.",
      "policy.payment_terms_days : Délai de paiement trop long.",
    ]);
    expect(upload).toHaveBeenLastCalledWith(file, true);

    upload.mockResolvedValueOnce(summary(9, "Rhône Télécom Services") as never);
    await user.click(within(form).getByRole("button", { name: "Importer" }));
    expect(await screen.findByText("Page du cas")).toBeInTheDocument();
  });
});
