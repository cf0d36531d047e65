// @vitest-environment happy-dom
// « Mon entreprise »: the case assigned to the trainee, read in sections (the repository's
// example case, as GET /business-cases/active answers it), or the server's message when none.
import { screen, within } from "@testing-library/react";
import { MemoryRouter } from "react-router-dom";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { api } from "../../api/client";
import { failure, ok, renderWithClient } from "../../test-utils";
import example from "../../../../tests/data/business_case_example.json";
import { MyBusinessCasePage } from "./MyBusinessCasePage";

vi.mock("../../api/client", async (original) => {
  const actual = await original<typeof import("../../api/client")>();
  return { ...actual, api: { GET: vi.fn() } };
});

const get = vi.mocked(api.GET);

function renderPage() {
  renderWithClient(
    <MemoryRouter>
      <MyBusinessCasePage />
    </MemoryRouter>,
    { defaultOptions: { queries: { retry: false } } },
  );
}

beforeEach(() => get.mockReset());

describe("MyBusinessCasePage", () => {
  it("shows the case in sections, its catalogue with prices and margins", async () => {
    get.mockResolvedValue(
      ok({
        business_case_id: 1,
        name: "Rhône Télécom Services",
        version_id: 4,
        version_number: 2,
        assigned_through: "cohort",
        document: example,
      }) as never,
    );
    renderPage();
    expect(await screen.findByText(/— version 2, attribuée à votre promotion/)).toBeInTheDocument();
    expect(get).toHaveBeenCalledWith("/api/v1/business-cases/active");

    const identity = screen.getByRole("region", { name: "Identité" });
    expect(within(identity).getByText("842156374")).toBeInTheDocument();
    expect(within(identity).getByText(/12 km autour du point/)).toBeInTheDocument();

    const market = screen.getByRole("region", { name: "Marché et segments" });
    const pme = within(market).getByRole("row", { name: /Cabinets et PME tertiaires/ });
    expect(pme).toHaveTextContent("Codes NAF : 86, 47.73Z, 69, 70.22Z, 68, 62");
    expect(pme).toHaveTextContent("Départements : 69, 38, 42");

    const policy = screen.getByRole("region", { name: "Politique commerciale" });
    const bySegment = within(policy).getByRole("table", { name: "Remise maximale par segment" });
    expect(within(bySegment).getByRole("row", { name: /Cabinets et PME tertiaires/ })).toHaveTextContent("15 %");
    expect(within(policy).getByText("30 jours")).toBeInTheDocument();
    expect(within(policy).getByText("1 %")).toBeInTheDocument();
    expect(within(policy).getByRole("row", { name: /Renouvellement 24 mois/ })).toHaveTextContent(
      "Cabinets et PME tertiaires",
    );

    const procedures = screen.getByRole("region", { name: "Procédures, services et charte" });
    expect(within(procedures).getByRole("heading", { name: "Commande" })).toBeInTheDocument();
    expect(within(procedures).getByText(/Recueillir le mandat SEPA/)).toHaveTextContent("accord : Comptabilité");
    expect(within(procedures).getByText("SAV et hotline technique — 04 72 00 10 20")).toBeInTheDocument();
    expect(within(procedures).getByText(/Ne jamais nommer ni dénigrer un concurrent/)).toBeInTheDocument();

    const catalogue = screen.getByRole("region", { name: "Catalogue" });
    const fibre = within(catalogue).getByRole("row", { name: /Fibre Pro 500 Mb\/s/ });
    const cells = within(fibre)
      .getAllByRole("cell")
      .map((c) => c.textContent?.replace(/\s/g, " "));
    expect(cells).toEqual(["Accès internet fibre", "mois", "49,00 €", "20 %", "21,50 €", "27,50 €(56,1 % du prix)"]);
    const details = within(catalogue).getByText("Fibre Pro 500 Mb/s", { selector: "summary" }).closest("details")!;
    expect(within(details).getByRole("row", { name: /IP fixe incluse/ })).toHaveTextContent(
      "Fiche technique de l'offre",
    );
    expect(within(details).getByRole("link", { name: "Test d'éligibilité" })).toHaveAttribute(
      "href",
      "https://www.rhone-telecom-services.example/eligibilite",
    );
    expect(within(details).getByText("délai de 28 jours")).toBeInTheDocument();
  });

  it("says no case is assigned, in the server's words", async () => {
    get.mockResolvedValue(
      failure({
        status: 404,
        title: "Ressource introuvable",
        detail: "Aucun cas d'entreprise publié ne vous est attribué : votre formateur doit vous en attribuer un.",
      }) as never,
    );
    renderPage();
    expect(await screen.findByText("Aucun cas d'entreprise ne vous est attribué.")).toBeInTheDocument();
    expect(screen.getByText(/votre formateur doit vous en attribuer un/)).toBeInTheDocument();
    expect(screen.queryByRole("alert")).toBeNull();
  });
});
