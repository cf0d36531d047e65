import { expect, test } from "@playwright/test";
import { checkAccessibility, finalScreenshot, login } from "./support";

test("a trainee refreshes a watch source and classifies an item", async ({ page }, testInfo) => {
  await login(page, "stagiaire05@demo.capvente.fr");
  await page.getByRole("navigation", { name: "Navigation principale" }).getByRole("link", { name: "Veille" }).click();
  await expect(page.getByRole("heading", { name: "Veille : articles" })).toBeVisible();
  await expect(page.getByRole("list", { name: "Compétences exercées" })).toContainText("CP1");
  await checkAccessibility(page, "articles");

  await page.getByRole("link", { name: "Sources" }).click();
  await expect(page.getByRole("heading", { name: "Veille : sources" })).toBeVisible();
  await checkAccessibility(page, "sources");
  const row = page.getByRole("row").filter({ hasText: "Veille réglementaire" });
  await expect(row.getByText("À jour")).toBeVisible();
  await row.getByRole("button", { name: "Actualiser" }).click();
  await expect(row.getByRole("status")).toHaveText(/Rien de nouveau|nouvel\(s\) article\(s\)/);

  await page.getByRole("link", { name: "Articles" }).click();
  await page.getByLabel("Rechercher").fill("demarchage");
  const item = page.getByRole("listitem").filter({ hasText: "Démarchage téléphonique" }).first();
  await expect(item).toBeVisible();
  await expect(item).toContainText("Suggestion");
  await item.getByRole("button", { name: "Fait" }).click();
  await expect(item.getByRole("button", { name: "Fait" })).toHaveAttribute("aria-pressed", "true");
  await page.getByLabel("Classement").selectOption("fact");
  await expect(page.getByRole("listitem").filter({ hasText: "Démarchage téléphonique" }).first()).toBeVisible();
  // Save these criteria as an alert, then record an item with no feed (a fair).
  await page.getByLabel("Nom de la recherche").fill("Démarchage (faits)");
  await page.getByRole("button", { name: "Enregistrer les critères actuels" }).click();
  await expect(page.getByRole("complementary", { name: "Recherches enregistrées" })).toContainText("Démarchage (faits)");
  await page.getByRole("button", { name: "Ajouter un article" }).click();
  await page.getByRole("button", { name: "Ajouter l'article" }).click();
  await expect(page.getByText("Champ obligatoire.").or(page.getByText(/au moins 1 caractère/))).toBeVisible();
  await page.getByLabel("Titre").fill("Salon : nouveau stand concurrent");
  await page.getByLabel("Source (sans flux)").selectOption({ label: "Salon des entrepreneurs Rhône-Alpes (démo)" });
  await page.getByRole("button", { name: "Ajouter l'article" }).click();
  await page.getByLabel("Rechercher").fill("nouveau stand");
  await page.getByLabel("Classement").selectOption("");
  await expect(page.getByRole("listitem").filter({ hasText: "Salon : nouveau stand concurrent" })).toBeVisible();
  await checkAccessibility(page, "articles avec formulaire");

  await page.getByRole("link", { name: "Synthèse" }).click();
  await expect(page.getByRole("heading", { name: "Mouvements des concurrents" })).toBeVisible();
  await checkAccessibility(page, "synthèse");
  await page.getByRole("link", { name: "Concurrents" }).first().click();
  await expect(page.getByRole("region", { name: "Matrice de positionnement" })).toBeVisible();
  await checkAccessibility(page, "concurrents");
  await finalScreenshot(page, testInfo);
});
