import { expect, test } from "@playwright/test";
import { checkAccessibility, finalScreenshot, login } from "./support";

const NEW_USER = "nina.nouvelle@demo.capvente.fr";
const INITIAL = "mot de passe initial";
const CHANGED = "mot de passe choisi par Nina";

async function loginAs(page: import("@playwright/test").Page, email: string, password: string) {
  await page.goto("/connexion");
  await page.getByLabel("Adresse e-mail").fill(email);
  await page.getByLabel("Mot de passe").fill(password);
  await page.getByRole("button", { name: "Se connecter" }).click();
  await expect(page.getByRole("button", { name: "Se déconnecter" })).toBeVisible();
}

test("the admin creates a cohort and a trainee; the trainee changes her password", async ({ page }, testInfo) => {
  await login(page, "admin@demo.capvente.fr");
  await page.getByRole("navigation", { name: "Navigation principale" }).getByRole("link", { name: "Cohortes" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Cohortes" })).toBeVisible();
  await checkAccessibility(page, "cohortes");

  // A cohort of its own (no trainer), so the demo cohort's figures stay as seeded.
  await page.getByRole("button", { name: "Nouvelle cohorte" }).click();
  const cohortForm = page.getByRole("form", { name: "Nouvelle cohorte" });
  await cohortForm.getByRole("button", { name: "Créer la cohorte" }).click();
  await expect(cohortForm.getByText("Champ obligatoire")).toBeVisible();
  await cohortForm.getByLabel("Nom de la cohorte").fill("Session e2e printemps");
  await cohortForm.getByLabel("Début").fill("2027-03-01");
  await cohortForm.getByLabel("Fin").fill("2027-02-01");
  await cohortForm.getByRole("button", { name: "Créer la cohorte" }).click();
  await expect(cohortForm.getByText("La date de fin précède la date de début.")).toBeVisible();
  await cohortForm.getByLabel("Fin").fill("2027-09-30");
  await cohortForm.getByRole("button", { name: "Créer la cohorte" }).click();
  await expect(page.getByText("Cohorte créée : Session e2e printemps.")).toBeVisible();
  await expect(page.getByRole("heading", { name: "Stagiaires de la cohorte Session e2e printemps" })).toBeVisible();
  await expect(page.getByText("Aucun stagiaire ne suit encore cette cohorte.")).toBeVisible();

  // The trainee's account, in that cohort.
  await page.getByRole("link", { name: "Utilisateurs" }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: "Utilisateurs" })).toBeVisible();
  await page.getByRole("button", { name: "Nouveau compte" }).click();
  const userForm = page.getByRole("form", { name: "Nouveau compte" });
  await userForm.getByLabel("Adresse e-mail").fill("stagiaire01@demo.capvente.fr");
  await userForm.getByLabel("Nom complet").fill("Nina Nouvelle");
  await userForm.getByLabel("Cohorte suivie").selectOption({ label: "Session e2e printemps" });
  await userForm.getByLabel("Mot de passe initial").fill(INITIAL);
  await userForm.getByRole("button", { name: "Créer le compte" }).click();
  // The server's refusal, beside the field.
  await expect(userForm.getByText("Un compte existe déjà avec cette adresse e-mail.")).toBeVisible();
  await userForm.getByLabel("Adresse e-mail").fill(NEW_USER);
  await userForm.getByRole("button", { name: "Créer le compte" }).click();
  await expect(page.getByText(`Compte créé : Nina Nouvelle (${NEW_USER}).`)).toBeVisible();
  await page.getByLabel("Nom ou e-mail").fill("Nina");
  const row = page.getByRole("row", { name: /Nina Nouvelle/ });
  await expect(row).toContainText("Session e2e printemps");
  await expect(row).toContainText("Actif");
  await checkAccessibility(page, "utilisateurs");
  await page.getByRole("button", { name: "Se déconnecter" }).click();

  // Nina logs in, changes her password; her session goes on with the new one.
  await loginAs(page, NEW_USER, INITIAL);
  await page.getByRole("link", { name: "Mon compte" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Mon compte" })).toBeVisible();
  await expect(page.getByText("Session e2e printemps")).toBeVisible();
  await page.getByLabel("Mot de passe actuel").fill("pas le bon mot de passe");
  await page.getByLabel("Nouveau mot de passe", { exact: true }).fill(CHANGED);
  await page.getByLabel("Confirmer le nouveau mot de passe").fill(CHANGED);
  await page.getByRole("button", { name: "Changer le mot de passe" }).click();
  await expect(page.getByText("Mot de passe actuel incorrect.")).toBeVisible();
  await page.getByLabel("Mot de passe actuel").fill(INITIAL);
  await expect(page.getByRole("checkbox", { name: /Révoquer aussi mes jetons d'API/ })).toBeChecked();
  await page.getByRole("button", { name: "Changer le mot de passe" }).click();
  await expect(page.getByText(/Mot de passe modifié\. Vos autres sessions sont fermées et vos jetons d'API révoqués\./)).toBeVisible();
  await checkAccessibility(page, "mon compte");
  await page.getByRole("link", { name: "Tableau de bord" }).click();
  await expect(page.getByRole("heading", { name: "Tableau de bord" })).toBeVisible();
  await page.getByRole("button", { name: "Se déconnecter" }).click();

  // The old password no longer opens, the new one does.
  await page.getByLabel("Adresse e-mail").fill(NEW_USER);
  await page.getByLabel("Mot de passe").fill(INITIAL);
  await page.getByRole("button", { name: "Se connecter" }).click();
  await expect(page.getByRole("alert")).toContainText("Adresse e-mail ou mot de passe incorrect.");
  await loginAs(page, NEW_USER, CHANGED);
  await finalScreenshot(page, testInfo);
});
