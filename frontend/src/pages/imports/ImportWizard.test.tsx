import { fireEvent, render, screen, waitFor } from "@testing-library/react";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { MemoryRouter } from "react-router-dom";
import { vi } from "vitest";
import { ApiError } from "../../api/problem";
import { uploadImport } from "./api";
import { ImportWizard } from "./ImportWizard";

vi.mock("./api", async (original) => ({
  ...(await original<typeof import("./api")>()),
  uploadImport: vi.fn(),
  cancelImport: vi.fn(),
  readImport: vi.fn(() => new Promise(() => {})),
  readImportRules: vi.fn(async () => RULES),
}));

// As GET /prospects/imports/rules answers (a few of its fields).
const RULES = {
  fields: [
    { field: "name", label: "Nom / raison sociale", group: "prospect" },
    { field: "city", label: "Ville", group: "prospect" },
    { field: "contact_email", label: "E-mail du contact", group: "contact" },
    { field: "consent_email", label: "Consentement e-mail", group: "consent" },
  ],
  formats: ["csv", "xlsx"],
  max_bytes: 1024 * 1024,
  max_rows: 200000,
};

const upload = vi.mocked(uploadImport);

function renderWizard(onJob = vi.fn()) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={client}>
      <MemoryRouter>
        <ImportWizard jobId={null} onJob={onJob} />
      </MemoryRouter>
    </QueryClientProvider>,
  );
  return onJob;
}

describe("the import wizard", () => {
  beforeEach(() => upload.mockReset());

  it("asks for a file before sending anything", async () => {
    renderWizard();
    fireEvent.click(screen.getByRole("button", { name: "Envoyer le fichier" }));
    expect(await screen.findByText("Choisissez un fichier CSV ou XLSX.")).toBeInTheDocument();
    expect(screen.getByLabelText("Fichier à importer")).toHaveAttribute("aria-invalid", "true");
    expect(upload).not.toHaveBeenCalled();
  });

  it("shows the server's field error next to the default kind", async () => {
    upload.mockRejectedValueOnce(
      new ApiError({
        status: 422,
        title: "Données invalides",
        errors: [{ field: "kind_default", message: "Aucune colonne « type » : indiquez kind_default." }],
      }),
    );
    renderWizard();
    const file = new File(["Nom;Ville\nA;Lyon\n"], "essai.csv", { type: "text/csv" });
    fireEvent.change(screen.getByLabelText("Fichier à importer"), { target: { files: [file] } });
    fireEvent.click(screen.getByRole("button", { name: "Envoyer le fichier" }));
    const kind = screen.getByLabelText("Type des fiches quand le fichier ne le précise pas");
    await waitFor(() => expect(kind).toHaveAttribute("aria-invalid", "true"));
    expect(kind).toHaveAccessibleDescription(/Aucune colonne « type »/);
  });

  it("lets the user map a CSV the server could not map, then sends it with that mapping", async () => {
    upload
      .mockRejectedValueOnce(
        new ApiError({
          status: 422,
          title: "Données invalides",
          errors: [{ field: "mapping", message: "Aucune colonne ne donne le nom." }],
        }),
      )
      .mockResolvedValueOnce({ id: 7, status: "pending", report: {} } as never);
    const onJob = renderWizard();
    const file = new File(["\ufeffSociété;Ville\nBoulangerie;Lyon\n"], "essai.csv", { type: "text/csv" });
    fireEvent.change(screen.getByLabelText("Fichier à importer"), { target: { files: [file] } });
    fireEvent.click(screen.getByRole("button", { name: "Envoyer le fichier" }));

    const company = await screen.findByLabelText("Colonne « Société »");
    expect(screen.getByRole("heading", { level: 2 })).toHaveTextContent("Étape 2 sur 5 : correspondance des colonnes");
    expect(screen.getByText("Aucune colonne ne donne le nom.")).toBeInTheDocument();
    expect(company).toHaveValue("");
    fireEvent.change(company, { target: { value: "name" } });
    fireEvent.change(screen.getByLabelText("Colonne « Ville »"), { target: { value: "city" } });
    fireEvent.click(screen.getByRole("button", { name: "Lancer l'analyse à blanc" }));

    await waitFor(() => expect(onJob).toHaveBeenCalledWith(7));
    expect(upload).toHaveBeenLastCalledWith(file, {
      mapping: { Société: "name", Ville: "city" },
      duplicatePolicy: "skip",
      kindDefault: "",
    });
  });

  it("refuses a field fed by two columns before asking the server", async () => {
    upload.mockRejectedValueOnce(
      new ApiError({ status: 422, title: "Données invalides", errors: [{ field: "mapping", message: "Aucun nom." }] }),
    );
    renderWizard();
    const file = new File(["A,B\n1,2\n"], "essai.csv", { type: "text/csv" });
    fireEvent.change(screen.getByLabelText("Fichier à importer"), { target: { files: [file] } });
    fireEvent.click(screen.getByRole("button", { name: "Envoyer le fichier" }));
    fireEvent.change(await screen.findByLabelText("Colonne « A »"), { target: { value: "name" } });
    fireEvent.change(screen.getByLabelText("Colonne « B »"), { target: { value: "name" } });
    expect(screen.getAllByText("Ce champ est déjà alimenté par une autre colonne.")).toHaveLength(2);
    expect(screen.getByRole("button", { name: "Lancer l'analyse à blanc" })).toBeDisabled();
  });

  it("offers the fields the server lists, grouped, and says its limits", async () => {
    upload.mockRejectedValueOnce(
      new ApiError({ status: 422, title: "Données invalides", errors: [{ field: "mapping", message: "Aucun nom." }] }),
    );
    renderWizard();
    expect(await screen.findByText(/1 Mo et 200\u202f000 lignes au plus|1 Mo et 200 000 lignes au plus/)).toBeInTheDocument();
    const file = new File(["A\n1\n"], "essai.csv", { type: "text/csv" });
    fireEvent.change(screen.getByLabelText("Fichier à importer"), { target: { files: [file] } });
    fireEvent.click(screen.getByRole("button", { name: "Envoyer le fichier" }));
    const select = await screen.findByLabelText("Colonne « A »");
    const groups = Array.from(select.querySelectorAll("optgroup")).map((g) => [
      g.label,
      Array.from(g.querySelectorAll("option")).map((o) => o.textContent),
    ]);
    expect(groups).toEqual([
      ["Prospect", ["Nom / raison sociale", "Ville"]],
      ["Contact de l'entreprise", ["E-mail du contact"]],
      ["Consentements", ["Consentement e-mail"]],
    ]);
  });

  it("refuses a file over the server's size limit without sending it", async () => {
    renderWizard();
    await screen.findByText(/1 Mo/);
    const big = new File([new Uint8Array(1024 * 1024 + 1)], "gros.csv", { type: "text/csv" });
    fireEvent.change(screen.getByLabelText("Fichier à importer"), { target: { files: [big] } });
    fireEvent.click(screen.getByRole("button", { name: "Envoyer le fichier" }));
    expect(screen.getByLabelText("Fichier à importer")).toHaveAccessibleDescription(/Fichier trop volumineux : 1 Mo/);
    expect(upload).not.toHaveBeenCalled();
  });
});
