// @vitest-environment happy-dom
import { fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { MemoryRouter } from "react-router-dom";
import { vi } from "vitest";
import { ApiError } from "../../api/problem";
import { commitImport, readImport, uploadImport } from "../../api/imports";
import { ImportWizard } from "./ImportWizard";

vi.mock("../../api/imports", async (original) => ({
  ...(await original<typeof import("../../api/imports")>()),
  uploadImport: vi.fn(),
  cancelImport: vi.fn(),
  commitImport: vi.fn(() => new Promise(() => {})),
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

function renderWizard(onJob = vi.fn(), jobId: number | null = null) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={client}>
      <MemoryRouter>
        <ImportWizard jobId={jobId} onJob={onJob} />
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
    expect(
      await screen.findByText(/1 Mo et 200\u202f000 lignes au plus|1 Mo et 200 000 lignes au plus/),
    ).toBeInTheDocument();
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

  describe("a validated import with rows in error and duplicates", () => {
    // As GET /prospects/imports/{id} answers after a dry-run (the fields the page reads).
    const validated = {
      id: 12,
      owner_id: 1,
      filename: "salon.csv",
      file_format: "csv",
      status: "validated",
      duplicate_policy: "skip",
      total_rows: 5,
      processed_rows: 5,
      valid_rows: 3,
      error_rows: 2,
      duplicate_rows: 2,
      created_count: 0,
      updated_count: 0,
      skipped_count: 0,
      error: null,
      created_at: "2026-12-05T08:00:00Z",
      updated_at: "2026-12-05T08:00:01Z",
      finished_at: null,
      mapping: { Nom: "name" },
      report: {
        columns: ["Nom"],
        mapping: { Nom: "name" },
        planned: { create: 1, update: 0, skip: 2 },
        errors: [
          { row: 3, column: "E-mail", field: "email", reason: "Adresse invalide." },
          { row: 3, column: "SIRET", field: "siret", reason: "Clé invalide." },
          { row: 5, column: "Nom", field: "name", reason: "Champ obligatoire." },
        ],
        errors_total: 3,
        duplicates: [
          { row: 2, matched_prospect_id: 41, on: "email" },
          { row: 4, matched_row: 2, on: "name_postcode" },
        ],
        duplicates_total: 2,
      },
      matched_prospects: [{ id: 41, name: "Boulangerie Martin" }],
    };

    it("imports the valid rows with the button that says so, without a checkbox", async () => {
      vi.mocked(readImport).mockResolvedValue(validated as never);
      renderWizard(vi.fn(), 12);
      const button = await screen.findByRole("button", { name: "Importer les 3 ligne(s) valide(s)" });
      expect(screen.queryByRole("checkbox")).not.toBeInTheDocument();
      expect(button).toHaveAccessibleDescription(/Les 2 ligne\(s\) en erreur ne seront pas importées/);
      fireEvent.click(button);
      await waitFor(() => expect(commitImport).toHaveBeenCalledWith(12, true));
    });

    it("names the existing record a duplicate matches and links to it", async () => {
      vi.mocked(readImport).mockResolvedValue(validated as never);
      renderWizard(vi.fn(), 12);
      const link = await screen.findByRole("link", { name: "Boulangerie Martin" });
      expect(link).toHaveAttribute("href", "/prospects/41");
      expect(screen.getByText("la ligne 2 du fichier envoyé")).toBeInTheDocument();
    });

    it("lists the rows in error with the file's column and the field's label", async () => {
      vi.mocked(readImport).mockResolvedValue(validated as never);
      renderWizard(vi.fn(), 12);
      const table = await screen.findByRole("table", { name: "Erreurs de l'analyse à blanc, par ligne" });
      expect(
        within(table)
          .getAllByRole("columnheader")
          .map((h) => h.textContent),
      ).toEqual(["Ligne", "Colonne du fichier", "Champ", "Message"]);
      // The field's label comes with the server's rules.
      await waitFor(() =>
        expect(within(table).getAllByRole("row")[3]).toHaveTextContent("5NomNom / raison socialeChamp obligatoire."),
      );
    });

    it("says how to change the mapping when the file is no longer in the page", async () => {
      vi.mocked(readImport).mockResolvedValue(validated as never);
      renderWizard(vi.fn(), 12);
      expect(
        await screen.findByText(/Pour modifier la correspondance, envoyez de nouveau le fichier/),
      ).toBeInTheDocument();
      expect(screen.getByRole("button", { name: "Envoyer le fichier de nouveau" })).toBeInTheDocument();
    });

    it("counts the rows in error in the final report, not their messages", async () => {
      vi.mocked(readImport).mockResolvedValue({
        ...validated,
        status: "committed",
        created_count: 1,
        finished_at: "2026-12-05T08:01:00Z",
        report: {
          ...validated.report,
          options: { skip_invalid_rows: true },
          result: { created: 1, skipped_duplicates: 2, skipped_invalid: 2 },
        },
      } as never);
      renderWizard(vi.fn(), 12);
      expect(await screen.findByText("Lignes en erreur non importées (2)")).toBeInTheDocument();
      const table = screen.getByRole("table", { name: "Lignes en erreur non importées", hidden: true });
      expect(within(table).queryByText("Colonne du fichier")).toBeNull();
    });
  });
});
