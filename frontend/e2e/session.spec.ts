import { expect, test } from "@playwright/test";
import { checkAccessibility, finalScreenshot, login } from "./support";

test("login, a wrong password, logout and an expired session", async ({ page }, testInfo) => {
  await page.goto("/veille");
  await expect(page).toHaveURL(/\/connexion$/);
  await checkAccessibility(page, "connexion");
  await page.getByLabel("Adresse e-mail").fill("stagiaire06@demo.capvente.fr");
  await page.getByLabel("Mot de passe").fill("mauvais");
  await page.getByRole("button", { name: "Se connecter" }).click();
  await expect(page.getByRole("alert")).toBeVisible();

  await login(page, "stagiaire06@demo.capvente.fr");
  // Back where the trainee was going before logging in.
  await expect(page.getByRole("heading", { name: "Veille : articles" })).toBeVisible();
  await page.getByRole("link", { name: "Tableau de bord" }).click();
  await expect(page.getByRole("heading", { name: "Tableau de bord" })).toBeVisible();
  await checkAccessibility(page, "tableau de bord");
  await page.getByRole("button", { name: "Se déconnecter" }).click();
  await expect(page.getByRole("status")).toHaveText("Vous êtes déconnecté(e).");

  // A session the server no longer accepts: back to the login page with a message.
  await login(page, "stagiaire06@demo.capvente.fr");
  await page.evaluate(() => {
    const key = "capvente.session";
    const stored = JSON.parse(sessionStorage.getItem(key) ?? "{}");
    sessionStorage.setItem(key, JSON.stringify({ ...stored, token: "expire" }));
  });
  await page.reload();
  await expect(page.getByRole("status")).toHaveText("Votre session a expiré : reconnectez-vous.");
  await finalScreenshot(page, testInfo);
});
