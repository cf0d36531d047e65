import { expect, test } from "@playwright/test";
import { checkAccessibility, finalScreenshot, login, watchCsp } from "./support";

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
    const stored = JSON.parse(localStorage.getItem(key) ?? "{}");
    localStorage.setItem(key, JSON.stringify({ ...stored, token: "expire" }));
  });
  await page.reload();
  await expect(page.getByRole("status")).toHaveText("Votre session a expiré : reconnectez-vous.");
  await finalScreenshot(page, testInfo);
});

test("one session for every tab: a record opens in a new tab, logout ends every tab", async ({ page, context }, testInfo) => {
  await login(page, "stagiaire06@demo.capvente.fr");
  await page.goto("/prospects");
  const first = page.getByRole("table").getByRole("link").first();
  const href = await first.getAttribute("href");
  expect(href).toMatch(/^\/prospects\/\d+$/);

  // The record in a new tab: no login asked.
  const tab = await context.newPage();
  await tab.goto(href!);
  await expect(tab.getByRole("button", { name: "Se déconnecter" })).toBeVisible();
  await expect(tab).toHaveURL(new RegExp(`${href}$`));

  // Logging out in the new tab ends the first one too.
  await tab.getByRole("button", { name: "Se déconnecter" }).click();
  await expect(tab.getByRole("status")).toHaveText("Vous êtes déconnecté(e).");
  await expect(page).toHaveURL(/\/connexion$/);
  await expect(page.getByRole("status")).toHaveText("Vous êtes déconnecté(e).");

  // Logging in again in one tab opens the other.
  await login(page, "stagiaire06@demo.capvente.fr");
  await tab.goto("/veille");
  await expect(tab.getByRole("heading", { name: "Veille : articles" })).toBeVisible();
  await finalScreenshot(tab, testInfo);
});

test("the content security policy lets the client's charts and maps work", async ({ page }, testInfo) => {
  const violations = watchCsp(page);
  await login(page, "stagiaire06@demo.capvente.fr");
  // The dashboard's chart (Recharts) and a tour's map (Leaflet).
  await page.goto("/");
  await expect(page.getByRole("heading", { name: "Tableau de bord" })).toBeVisible();
  await page.waitForLoadState("networkidle");
  await page.goto("/tournees");
  await page.getByRole("table", { name: "Tournées enregistrées" }).getByRole("link").first().click();
  await expect(page.getByRole("region", { name: /Carte de la tournée/ }).first()).toBeVisible();
  await expect(page.locator(".leaflet-container").first()).toBeVisible();
  await page.waitForLoadState("networkidle");
  expect(violations).toEqual([]);
  const headers = (await page.request.get("/")).headers();
  expect(headers["content-security-policy"]).toContain("script-src 'self'");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  await finalScreenshot(page, testInfo);
});
