import { expect, test, type Page } from "@playwright/test";
import { checkAccessibility, finalScreenshot, login } from "./support";

// Row 1 is the header: rows 3 (SIRET), 4 (SIRET and e-mail: two errors, one row) and 5 (name)
// are invalid.
const CSV = [
  "Nom;SIRET;Téléphone;E-mail",
  "Boulangerie Essai E2E;73282932000074;04 72 10 20 31;contact@boulangerie-essai.example",
  "Garage Faux Siret;12345678901234;04 72 10 20 32;garage@faux-siret.example",
  "Fleuriste Sans Arobase;123;04 72 10 20 33;fleuriste-sans-arobase.example",
  ";;04 72 10 20 34;sans-nom@essai.example",
  "Librairie Essai E2E;;04 72 10 20 35;librairie@essai.example",
].join("\r\n");

/** The selects of the wizard whose chosen text does not fit them (clipped). */
async function clippedSelects(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    Array.from(document.querySelectorAll<HTMLSelectElement>(".import-wizard select"))
      .filter((select) => {
        const probe = document.createElement("span");
        probe.style.cssText = `font: ${getComputedStyle(select).font}; white-space: pre; position: absolute;`;
        probe.textContent = select.selectedOptions[0]?.textContent ?? "";
        document.body.appendChild(probe);
        const needed = probe.offsetWidth + 32; // padding and the arrow
        probe.remove();
        return needed > select.clientWidth;
      })
      .map((select) => select.selectedOptions[0]?.textContent ?? ""),
  );
}

test("run an import dry-run with errors", async ({ page }, testInfo) => {
  await login(page, "stagiaire03@demo.capvente.fr");
  await page.getByRole("navigation", { name: "Navigation principale" }).getByRole("link", { name: "Imports" }).click();
  await expect(page.getByRole("heading", { name: "Imports et exports du fichier prospects" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Étape 1 sur 5 : fichier" })).toBeVisible();
  await expect(page.getByText("Aucun import pour l'instant.")).toBeVisible();
  await checkAccessibility(page, "import, étape 1");
  expect(page.viewportSize()?.width).toBe(1280);
  await page.getByLabel("Doublons d'une fiche existante").selectOption("skip");
  expect(await clippedSelects(page)).toEqual([]);

  // Step 1: the file; without a "type" column the server asks for a default kind.
  await page.getByLabel("Fichier à importer", { exact: true }).setInputFiles({
    name: "prospects-essai.csv",
    mimeType: "text/csv",
    buffer: Buffer.from(CSV, "utf-8"),
  });
  await page.getByRole("button", { name: "Envoyer le fichier" }).click();
  const kindField = page.getByLabel("Type des fiches quand le fichier ne le précise pas");
  await expect(kindField).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByText("Aucune colonne « type » :")).toBeVisible();
  await kindField.selectOption("company");
  await page.getByRole("button", { name: "Envoyer le fichier" }).click();

  // Step 2: the server's suggested mapping, editable.
  await expect(page.getByRole("heading", { name: "Étape 2 sur 5 : correspondance des colonnes" })).toBeVisible();
  await expect(page.getByRole("listitem").filter({ hasText: "Correspondance des colonnes" })).toHaveAttribute("aria-current", "step");
  await expect(page.getByLabel("Colonne « Nom »")).toHaveValue("name");
  await expect(page.getByLabel("Colonne « SIRET »")).toHaveValue("siret");
  await expect(page.getByLabel("Colonne « E-mail »")).toHaveValue("email");
  await expect(page.getByLabel("Colonne « Téléphone »")).toHaveValue("phone");
  await checkAccessibility(page, "import, étape 2");
  // Ignoring a column sends the file again with that mapping (the first import is cancelled).
  await page.getByLabel("Colonne « Téléphone »").selectOption("");
  await page.getByRole("button", { name: "Lancer l'analyse à blanc" }).click();

  // Step 3: the dry-run report, with each row's errors.
  await expect(page.getByRole("heading", { name: "Étape 3 sur 5 : analyse à blanc" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Rapport de l'analyse à blanc" })).toBeVisible();
  const errors = page.getByRole("table", { name: "Erreurs de l'analyse à blanc, par ligne" });
  await expect(errors.getByRole("row")).toHaveCount(5);
  await expect(errors.getByRole("row").filter({ has: page.getByRole("rowheader", { name: "3", exact: true }) })).toContainText("SIRET invalide");
  const row4 = errors.getByRole("row").filter({ has: page.getByRole("rowheader", { name: "4", exact: true }) });
  await expect(row4).toHaveCount(2);
  await expect(row4.filter({ hasText: "Adresse e-mail invalide" })).toHaveCount(1);
  await expect(errors.getByRole("row").filter({ has: page.getByRole("rowheader", { name: "5", exact: true }) })).toContainText("Le nom est obligatoire");
  await page.getByText(/Correspondance utilisée/).click();
  await expect(page.getByRole("table", { name: "Correspondance des colonnes utilisée" }).getByRole("row", { name: /Téléphone/ })).toContainText("ignorée");
  await checkAccessibility(page, "import, étape 3");

  // Step 4: the button does what it says — it imports the valid rows and leaves the rows in
  // error out, as the text beside it says; the mapping can still be changed before that.
  const importButton = page.getByRole("button", { name: "Importer les 2 ligne(s) valide(s)" });
  await expect(importButton).toHaveAccessibleDescription(/Les 3 ligne\(s\) en erreur ne seront pas importées/);
  await expect(page.getByRole("button", { name: "Modifier la correspondance" })).toBeVisible();
  await expect(page.getByRole("checkbox")).toHaveCount(0);
  await importButton.click();

  // Step 5: the final report counts rows in error (3), not their messages (4).
  await expect(page.getByRole("heading", { name: "Étape 5 sur 5 : rapport final" })).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: "Import terminé" })).toContainText("2 fiche(s) créée(s)");
  await expect(page.getByRole("definition").first()).toHaveText("2");
  await expect(page.getByText("Lignes en erreur non importées (3)")).toBeVisible();
  await checkAccessibility(page, "import, étape 5");

  // Past imports: the written one and the one replaced by the new mapping.
  const history = page.getByRole("table", { name: "Imports précédents" });
  await expect(history.getByRole("row").filter({ hasText: "Importé" })).toHaveCount(1);
  await expect(history.getByRole("row").filter({ hasText: "Annulé" })).toHaveCount(1);

  // The same file again: its rows now duplicate the records just written, named and linked.
  await page.getByRole("button", { name: "Importer un autre fichier" }).click();
  await page.getByLabel("Fichier à importer", { exact: true }).setInputFiles({
    name: "prospects_salon_professionnel_de_lyon_2026_version_finale_relue.csv",
    mimeType: "text/csv",
    buffer: Buffer.from(CSV, "utf-8"),
  });
  await page.getByLabel("Type des fiches quand le fichier ne le précise pas").selectOption("company");
  await page.getByRole("button", { name: "Envoyer le fichier" }).click();
  await page.getByRole("button", { name: "Lancer l'analyse à blanc" }).click();
  const duplicates = page.getByRole("table", { name: "Doublons et décision prise pour chacun" });
  await expect(duplicates.getByRole("row")).toHaveCount(3);
  await expect(duplicates.getByRole("link", { name: "Boulangerie Essai E2E" })).toBeVisible();
  await duplicates.getByRole("link", { name: "Librairie Essai E2E" }).click();
  await expect(page.getByRole("heading", { name: "Librairie Essai E2E" })).toBeVisible();
  await page.goBack();
  await expect(page.getByRole("heading", { name: "Étape 3 sur 5 : analyse à blanc" })).toBeVisible();
  // At 1280 px the history fits its card, long file name and cancel button included: no
  // column hidden behind a scroll bar.
  const historyRegion = page.getByRole("region", { name: "Liste des imports" });
  await expect(historyRegion.getByRole("button", { name: /Annuler : import n° \d+ \(prospects_salon/ })).toBeVisible();
  expect(await historyRegion.evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(0);

  // Export of the prospect file.
  await page.getByLabel("Rechercher dans les fiches").fill("Essai E2E");
  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "Exporter en CSV" }).click();
  expect((await download).suggestedFilename()).toMatch(/^prospects-\d{8}\.csv$/);
  await expect(page.getByRole("status").filter({ hasText: "Export CSV téléchargé" })).toContainText("2 fiche(s)");
  await finalScreenshot(page, testInfo);
});
