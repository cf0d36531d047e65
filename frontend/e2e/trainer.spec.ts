import { expect, test } from "@playwright/test";
import { PASSWORD, checkAccessibility, finalScreenshot, login } from "./support";

const COMMENT = "Sources bien choisies : flux RSS des concurrents et lettre de la CCI de Lyon.";

test("the trainer assesses a criterion and the trainee sees it", async ({ page, request }, testInfo) => {
  // Some activity of stagiaire09 first (through the API), so the portfolio holds evidence.
  const token = await request.post("/api/v1/auth/token", {
    form: { username: "stagiaire09@demo.capvente.fr", password: PASSWORD },
  });
  expect(token.ok()).toBeTruthy();
  const { access_token } = await token.json();
  const created = await request.post("/api/v1/watch/items", {
    headers: { Authorization: `Bearer ${access_token}` },
    data: { title: "Salon Rhône-Alpes : nouveau stand d'Encaisso", topic: "competitor" },
  });
  expect(created.ok()).toBeTruthy();

  // The trainer's home: the cohort overview.
  await login(page, "formateur@demo.capvente.fr");
  await expect(page.getByRole("heading", { level: 1, name: "Suivi de la promotion" })).toBeVisible();
  const table = page.getByRole("table", { name: /Preuves par stagiaire et par compétence/ });
  await expect(table.getByRole("columnheader", { name: "CP1" })).toBeVisible();
  await expect(table.getByRole("columnheader", { name: "CT4" })).toBeVisible();
  const row = table.getByRole("row").filter({ hasText: "Julien Thomas" });
  await expect(row.getByRole("cell").first()).toHaveText("1"); // CP1: the watch item
  await expect(row).toContainText("0 / 74");
  await expect(page.getByRole("heading", { name: "Avancement des critères" })).toBeVisible();
  await checkAccessibility(page, "promotion");

  // Julien Thomas (stagiaire09)'s portfolio.
  await row.getByRole("link", { name: "Julien Thomas" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Portfolio de Julien Thomas" })).toBeVisible();
  await expect(page.getByRole("list", { name: "Compétences exercées" })).toContainText("CP1");
  const activity = page.getByRole("region", { name: "Activité du stagiaire" });
  const entry = activity.getByRole("row").filter({ hasText: "Ajouter un article à la main" });
  await entry.getByRole("button", { name: /^Voir la fiche/ }).click();
  await expect(entry).toContainText("Salon Rhône-Alpes : nouveau stand d'Encaisso");
  await checkAccessibility(page, "portfolio du stagiaire");

  // Assess CP1.1: a too long comment is refused beside its field, then a real one is saved.
  await page.getByLabel("Compétence affichée").selectOption("CP1");
  const criterion = page.getByRole("listitem").filter({ has: page.getByRole("heading", { name: "CP1.1", exact: true }) });
  await expect(criterion).toContainText("Non évalué");
  await criterion.getByRole("button", { name: "Évaluer CP1.1" }).click();
  const form = page.getByRole("form", { name: "Évaluer CP1.1" });
  await form.getByLabel("Niveau").selectOption({ label: "Acquis" });
  await form.getByLabel("Commentaire").fill("a".repeat(4001));
  await form.getByRole("button", { name: "Enregistrer l'évaluation" }).click();
  await expect(form.getByText("Trop long (au plus 4000 caractères).")).toBeVisible();
  await expect(form.getByLabel("Commentaire")).toHaveAttribute("aria-invalid", "true");
  await checkAccessibility(page, "formulaire d'évaluation en erreur");
  await form.getByLabel("Commentaire").fill(COMMENT);
  await form.getByRole("button", { name: "Enregistrer l'évaluation" }).click();
  await expect(criterion.getByRole("status")).toHaveText("Évaluation de CP1.1 enregistrée : Acquis.");
  await expect(criterion).toContainText(COMMENT);
  await expect(criterion).toContainText("par Claire Formatrice");
  const history = page.getByRole("region", { name: "Historique des évaluations" });
  await expect(history.getByRole("row").filter({ hasText: "CP1.1" })).toContainText(COMMENT);
  await expect(page.getByRole("region", { name: "Synthèse" })).toContainText("1 / 74");
  await checkAccessibility(page, "portfolio après évaluation");

  // The trainer exports it for the professional file.
  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "Télécharger (Markdown)" }).click();
  expect((await download).suggestedFilename()).toBe("portfolio-julien-thomas.md");

  // The trainee sees the assessment in their portfolio.
  await page.getByRole("button", { name: "Se déconnecter" }).click();
  await login(page, "stagiaire09@demo.capvente.fr");
  await page.getByRole("navigation", { name: "Navigation principale" }).getByRole("link", { name: "Portfolio" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Mon portfolio de compétences" })).toBeVisible();
  await expect(page.getByRole("region", { name: "Synthèse" })).toContainText("1 / 74");
  const mine = page.getByRole("listitem").filter({ has: page.getByRole("heading", { name: "CP1.1", exact: true }) });
  await expect(mine).toContainText("Acquis");
  await expect(mine).toContainText(COMMENT);
  await expect(mine).toContainText("par Claire Formatrice");
  await expect(mine.getByRole("button", { name: /Évaluer/ })).toHaveCount(0);
  await checkAccessibility(page, "mon portfolio");
  const mineExport = page.waitForEvent("download");
  await page.getByRole("button", { name: "Télécharger (HTML)" }).click();
  expect((await mineExport).suggestedFilename()).toMatch(/\.html$/);
  await finalScreenshot(page, testInfo);
});
