import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { expect, test } from "@playwright/test";
import { checkAccessibility, finalScreenshot, login } from "./support";

// The example case shipped with the API's tests (Rhône Télécom Services).
const EXAMPLE = fileURLToPath(new URL("../../tests/data/business_case_example.json", import.meta.url));

test("the trainer imports a business case, publishes it and finds it in the list", async ({ page }, testInfo) => {
  await login(page, "formateur@demo.capvente.fr");
  const menu = page.getByRole("navigation", { name: "Navigation principale" });
  await menu.getByRole("link", { name: "Cas d'entreprise" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Cas d'entreprise" })).toBeVisible();
  const list = page.getByRole("table", { name: "Cas d'entreprise de l'organisme" });
  // The seed's six published cases.
  await expect(list.getByRole("row")).toHaveCount(7);
  await checkAccessibility(page, "cas d'entreprise");

  // A file that breaks the schema: every fault listed by path, nothing created.
  await page.getByRole("button", { name: "Importer un cas (JSON)" }).click();
  const form = page.getByRole("form", { name: "Importer un cas d'entreprise" });
  const broken = JSON.parse(readFileSync(EXAMPLE, "utf-8"));
  broken.policy.payment_terms_days = 90;
  broken.identity.siren = "123";
  await form.getByLabel("Fichier JSON du cas").setInputFiles({
    name: "cas-invalide.json",
    mimeType: "application/json",
    buffer: Buffer.from(JSON.stringify(broken)),
  });
  await form.getByRole("button", { name: "Importer" }).click();
  const refused = form.getByRole("alert");
  await expect(refused).toContainText("Fichier refusé, rien n'a été créé : 2 erreurs.");
  await expect(refused.getByRole("listitem").filter({ hasText: "policy.payment_terms_days" })).toContainText(
    "Délai de paiement trop long",
  );
  await expect(refused.getByRole("listitem").filter({ hasText: "identity.siren" })).toContainText("SIREN invalide");
  await checkAccessibility(page, "import refusé");

  // The example itself: a draft, opened at once.
  await form.getByLabel("Fichier JSON du cas").setInputFiles(EXAMPLE);
  await form.getByRole("button", { name: "Importer" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Cas d'entreprise « Rhône Télécom Services »" })).toBeVisible();
  await expect(page).toHaveURL(/\/entreprise\/\d+$/);
  const caseUrl = page.url();
  const state = page.getByRole("region", { name: "État du cas" });
  await expect(state).toContainText("Brouillon");
  await expect(state).toContainText("aucune");
  await expect(page.getByRole("region", { name: "Catalogue", exact: true })).toContainText("Fibre Pro 500 Mb/s");
  await checkAccessibility(page, "cas importé (brouillon)");

  // Published: version 1, which can now be assigned.
  await state.getByRole("button", { name: "Publier" }).click();
  await expect(state.getByRole("status")).toHaveText(/Version 1 publiée/);
  await expect(state).toContainText("Publié");
  await expect(page.getByRole("table", { name: "Versions publiées du cas" })).toContainText("Version 1");
  await expect(page.getByRole("form", { name: "Attribuer le cas" })).toBeVisible();
  await page.getByRole("button", { name: "Modifier le brouillon (JSON)" }).click();
  await expect(page.getByLabel("Document JSON du brouillon")).toHaveValue(/"Rhône Télécom Services"/);
  await checkAccessibility(page, "cas publié, éditeur ouvert");

  // Back to the list: the new case, published.
  await page.getByRole("link", { name: "← Tous les cas d'entreprise" }).click();
  await expect(list.getByRole("row")).toHaveCount(8);
  const id = caseUrl.split("/").pop();
  const row = list.getByRole("row").filter({ has: page.locator(`a[href="/entreprise/${id}"]`) });
  await expect(row).toContainText("Publié");
  await expect(row.getByRole("cell").nth(1)).toHaveText("1");
  await checkAccessibility(page, "liste après publication");
  await finalScreenshot(page, testInfo);
});
