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
  // The form closes once the API has recorded the item: only then is it searched for.
  await expect(page.getByRole("form", { name: "Nouvel article" })).toBeHidden();
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

test("a trainee documents a competitor, edits it until the matrix is full, then deletes it", async ({ page }, testInfo) => {
  await login(page, "stagiaire06@demo.capvente.fr");
  await page.goto("/concurrents");
  const matrix = page.getByRole("region", { name: "Matrice de positionnement" });
  await expect(matrix).toBeVisible();
  await page.getByRole("button", { name: "Ajouter un concurrent" }).click();
  const form = page.getByRole("form", { name: "Nouveau concurrent" });
  await form.getByLabel("Nom").fill("Concurrent Essai E2E");
  await form.getByRole("button", { name: "Enregistrer" }).click();
  await expect(matrix.getByRole("columnheader", { name: /Concurrent Essai E2E/ })).toBeVisible();
  // Only its name so far: its column holds dashes.
  const column = async (axis: string) => {
    const headers = await matrix.getByRole("columnheader").allTextContents();
    const index = headers.findIndex((h) => h.includes("Concurrent Essai E2E"));
    return matrix.getByRole("row").filter({ has: page.getByRole("rowheader", { name: axis, exact: true }) }).getByRole("cell").nth(index - 1);
  };
  await expect(await column("Qualité")).toHaveText("—");

  await page.getByRole("button", { name: "Modifier Concurrent Essai E2E" }).click();
  const edit = page.getByRole("form", { name: "Modifier « Concurrent Essai E2E »" });
  await edit.getByLabel("Niveau de prix").selectOption("premium");
  await edit.getByLabel("Qualité (produits, service)").fill("Matériel haut de gamme, SAV en 48 h");
  await edit.getByLabel("Canaux de vente").fill("agence, site web");
  await edit.getByLabel("Clientèle cible").fill("PME industrielles");
  await edit.getByLabel("Offres").fill("Forfaits fibre + standard");
  await edit.getByLabel("Site web").fill("pas une adresse");
  await edit.getByRole("button", { name: "Enregistrer les modifications" }).click();
  // The server's message beside the website, nothing saved yet.
  await expect(edit.getByLabel("Site web")).toHaveAttribute("aria-invalid", "true");
  await checkAccessibility(page, "concurrent avec erreur");
  await edit.getByLabel("Site web").fill("https://concurrent-essai.example");
  await edit.getByRole("button", { name: "Enregistrer les modifications" }).click();
  await expect(edit).toHaveCount(0);
  await expect(await column("Qualité")).toHaveText("Matériel haut de gamme, SAV en 48 h");
  await expect(await column("Canaux")).toHaveText("agence, site web");
  await expect(await column("Clientèle cible")).toHaveText("PME industrielles");
  await expect(await column("Offres")).toHaveText("Forfaits fibre + standard");
  await expect(await column("Niveau de prix")).toHaveText("Premium");
  await checkAccessibility(page, "matrice complétée");

  // A source edited, linked to the competitor (its column counts it).
  await page.getByRole("link", { name: "Sources" }).click();
  const row = page.getByRole("row").filter({ hasText: "Veille réglementaire" });
  await row.getByRole("button", { name: "Modifier la source Veille réglementaire" }).click();
  const sourceForm = page.getByRole("form", { name: "Modifier la source Veille réglementaire" });
  await sourceForm.getByLabel("Concurrent suivi").selectOption({ label: "Concurrent Essai E2E" });
  await sourceForm.getByLabel("Fiabilité (1 à 5)").fill("4");
  await checkAccessibility(page, "source en modification");
  await sourceForm.getByRole("button", { name: "Enregistrer les modifications" }).click();
  await expect(sourceForm).toHaveCount(0);
  await expect(page.getByRole("row").filter({ hasText: "Veille réglementaire" })).toContainText("4/5");
  await page.getByRole("link", { name: "Concurrents" }).first().click();
  await expect(matrix.getByRole("columnheader", { name: /Concurrent Essai E2E/ })).toContainText("1 source(s)");

  const header = matrix.getByRole("columnheader", { name: /Concurrent Essai E2E/ });
  await header.getByRole("button", { name: "Supprimer" }).click();
  await expect(header).toContainText("Supprimer « Concurrent Essai E2E » ?");
  await header.getByRole("button", { name: "Oui, supprimer" }).click();
  await expect(matrix.getByRole("columnheader", { name: /Concurrent Essai E2E/ })).toHaveCount(0);
  await finalScreenshot(page, testInfo);
});
