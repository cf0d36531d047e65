import { expect, test } from "@playwright/test";
import { checkAccessibility, finalScreenshot, login } from "./support";

const GOOD =
  "Bonjour, Camille Martin, de Rhône Télécom Services, votre opérateur fibre avec une agence à Lyon. " +
  "Avez-vous deux minutes ? Je vous appelle car avec notre Fibre Pro, le terminal de paiement ne reste pas " +
  "hors ligne une journée entière : le rétablissement est garanti en 4 heures ouvrées. Quand pourrions-nous en parler ?";
const BAD = GOOD.replace("Quand pourrions", "Elle est à 19 € par mois, gratuit le premier mois. Quand pourrions");

test("a trainee drafts a phone introduction for a buyer, rewrites it under the live check, adds a fair variant", async ({
  page,
}, testInfo) => {
  test.setTimeout(120_000);
  await login(page, "stagiaire07@demo.capvente.fr");
  await page.getByRole("navigation", { name: "Navigation principale" }).getByRole("link", { name: "Présentations" }).click();
  await expect(page.getByRole("heading", { name: "Présentations de l'entreprise" })).toBeVisible();
  await expect(page.getByRole("list", { name: "Compétences exercées" })).toContainText("CP5");
  await checkAccessibility(page, "bibliothèque de présentations");

  await page.getByRole("button", { name: "Nouvelle présentation" }).click();
  const form = page.getByRole("form", { name: "Nouvelle présentation" });
  await form.getByLabel("Titre").fill("Appel acheteur");
  await form.getByLabel("Type de présentation").selectOption("phone_introduction");
  await form.getByLabel("Première variante : interlocuteur").selectOption("buyer");
  await form.getByLabel(/Fibre Pro 500 Mb\/s/).check();
  await form.getByRole("button", { name: "Rédiger la première variante" }).click();

  await expect(page.getByRole("heading", { name: "Appel acheteur" })).toBeVisible();
  const buyer = page.getByRole("article", { name: "Acheteur — téléphone" });
  await expect(buyer.getByText("Contrôle réussi", { exact: true })).toBeVisible();
  await expect(buyer).toContainText("Rhône Télécom Services");
  await checkAccessibility(page, "présentation et ses variantes");

  // Rewritten with a price under the floor and a forbidden word: the live check marks both.
  await buyer.getByRole("button", { name: "Réécrire" }).click();
  const editor = buyer.getByRole("form", { name: "Réécrire la variante" });
  await editor.getByLabel("Texte").fill(BAD);
  await editor.getByLabel(/Fibre Pro 500 Mb\/s : Le terminal de paiement/).check();
  const live = editor.getByRole("region", { name: "Contrôle en direct" });
  await expect(live.getByText("À corriger", { exact: true })).toBeVisible();
  await expect(live.locator("mark").filter({ hasText: "19 €" })).toBeVisible();
  await expect(live.locator("mark").filter({ hasText: "gratuit" })).toBeVisible();
  await checkAccessibility(page, "éditeur de variante");
  await editor.getByLabel("Texte").fill(GOOD);
  await expect(live.getByText("Le contrôle réussit")).toBeVisible();
  await editor.getByRole("button", { name: "Enregistrer" }).click();
  await expect(buyer.getByText("Contrôle réussi", { exact: true })).toBeVisible();
  await expect(buyer).toContainText("Quand pourrions-nous en parler ?");

  // Another listener, another channel: a consumer at a trade fair, drafted beside it.
  await page.getByRole("button", { name: "Ajouter une variante" }).click();
  const add = page.getByRole("form", { name: "Nouvelle variante" });
  await add.getByLabel("Interlocuteur").selectOption("consumer");
  await add.getByLabel("Canal").selectOption("trade_fair");
  await add.getByRole("button", { name: "Rédiger la variante" }).click();
  await expect(page.getByRole("article", { name: "Consommateur — salon" })).toBeVisible();
  await finalScreenshot(page, testInfo);
});
