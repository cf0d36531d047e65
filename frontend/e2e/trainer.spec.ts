import { expect, test } from "@playwright/test";
import { PASSWORD, checkAccessibility, finalScreenshot, login } from "./support";

const COMMENT = "Sources bien choisies : flux RSS des concurrents et lettre de la CCI de Lyon.";

test("the trainer assesses a criterion and the trainee sees it", async ({ page, request }, testInfo) => {
  // Two sessions, five accessibility checks and two exports: more than the default minute on
  // a machine running the two pytest runs of `make test` beside it.
  test.setTimeout(120_000);
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
  // Their CP1 evidence now: the seeded history's (sources, competitors, a note) and this item.
  const portfolio = await request.get("/api/v1/me/portfolio", { headers: { Authorization: `Bearer ${access_token}` } });
  const cp1 = (await portfolio.json()).competences.find((c: { code: string }) => c.code === "CP1");
  expect(cp1.evidence_count).toBeGreaterThan(1);

  // The trainer's home: the cohort overview.
  await login(page, "formateur@demo.capvente.fr");
  await expect(page.getByRole("heading", { level: 1, name: "Suivi de la promotion" })).toBeVisible();
  const table = page.getByRole("table", { name: /Preuves par stagiaire et par compétence/ });
  await expect(table.getByRole("columnheader", { name: "CP1" })).toBeVisible();
  await expect(table.getByRole("columnheader", { name: "CT4" })).toBeVisible();
  const row = table.getByRole("row").filter({ hasText: "Julien Thomas" });
  await expect(row.getByRole("cell").first()).toHaveText(String(cp1.evidence_count));
  await expect(row).toContainText("0 / 74");
  await expect(page.getByRole("heading", { name: "Avancement des critères" })).toBeVisible();
  await checkAccessibility(page, "promotion");

  // Julien Thomas (stagiaire09)'s portfolio.
  await row.getByRole("link", { name: "Julien Thomas" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Portfolio de Julien Thomas" })).toBeVisible();
  // Reading a portfolio and assessing exercise none of the trainee's competences: no badge.
  await expect(page.getByRole("list", { name: "Compétences exercées" })).toHaveCount(0);
  const activity = page.getByRole("region", { name: "Activité du stagiaire" });
  // The newest entry first: the item just added (the seeded fair note comes later).
  const entry = activity.getByRole("row").filter({ hasText: "Ajouter un article à la main" }).first();
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

test("the trainer reads a trainee's records, read-only", async ({ page }, testInfo) => {
  test.setTimeout(90_000);
  await login(page, "formateur@demo.capvente.fr");
  const table = page.getByRole("table", { name: /Preuves par stagiaire et par compétence/ });
  const row = table.getByRole("row").filter({ hasText: "Théo Benali" });
  await row.getByRole("link", { name: "Théo Benali" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Portfolio de Théo Benali" })).toBeVisible();

  // Her prospect file, searched; a record opens read-only: no form, no edit button.
  const records = page.getByRole("region", { name: "Fiches de Théo Benali" });
  await expect(records.getByRole("tab", { name: "Prospects" })).toHaveAttribute("aria-selected", "true");
  const prospects = records.getByRole("table", { name: "Prospects du stagiaire" });
  await expect(prospects.getByRole("row")).not.toHaveCount(0);
  await checkAccessibility(page, "fiches du stagiaire");
  const first = prospects.getByRole("rowheader").first().getByRole("link");
  const name = (await first.textContent()) ?? "";
  await first.click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  await expect(page.getByText(/^Lecture seule : cette fiche appartient à un stagiaire que vous suivez/)).toBeVisible();
  await expect(page.getByRole("region", { name: "Identité" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Modifier la fiche" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Changer le statut" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Enregistrer un consentement" })).toHaveCount(0);
  await expect(page.getByRole("heading", { name: "Enregistrer un échange" })).toHaveCount(0);
  await checkAccessibility(page, "fiche prospect en lecture seule");

  // Her tours: the map and the figures, without delete or mileage entry.
  await page.getByRole("link", { name: "Retour à son portfolio" }).click();
  await records.getByRole("tab", { name: "Prospects" }).focus();
  await page.keyboard.press("ArrowRight");
  await expect(records.getByRole("tab", { name: "Tournées" })).toHaveAttribute("aria-selected", "true");
  const tours = records.getByRole("table", { name: "Tournées du stagiaire" });
  await tours.getByRole("rowheader").first().getByRole("link").click();
  await expect(page.getByRole("heading", { name: "Bilan de la tournée" })).toBeVisible();
  await expect(page.getByRole("region", { name: /Carte de la tournée/ }).first()).toBeVisible();
  await expect(page.getByRole("button", { name: "Supprimer" })).toHaveCount(0);
  await expect(page.getByRole("columnheader", { name: "Saisir les km réels" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Exporter en GPX" })).toBeVisible();
  await checkAccessibility(page, "tournée en lecture seule");

  // Her watch: items open in place.
  await page.getByRole("link", { name: "Retour à son portfolio" }).click();
  await records.getByRole("tab", { name: "Articles de veille" }).click();
  const items = records.getByRole("table", { name: /Articles de veille du stagiaire/ });
  await items.getByRole("button", { name: /^Voir la fiche/ }).first().click();
  await expect(items.getByText("Thème").first()).toBeVisible();
  await finalScreenshot(page, testInfo);
});

test("staff views: no planner of their own, trainees named in lists, a sortable cohort table, a page with parts", async ({ page, request }, testInfo) => {
  test.setTimeout(120_000);
  // A trainee who has done nothing yet, in the trainer's cohort (through the admin's API).
  const admin = await request.post("/api/v1/auth/token", { form: { username: "admin@demo.capvente.fr", password: PASSWORD } });
  const headers = { Authorization: `Bearer ${(await admin.json()).access_token}` };
  const cohorts = await (await request.get("/api/v1/cohorts?limit=200", { headers })).json();
  const created = await request.post("/api/v1/users", {
    headers,
    data: { email: "nouvelle.e2e@demo.capvente.fr", full_name: "Nina Nouvelle", role: "trainee",
      password: "mot-de-passe-e2e-2026", cohort_id: cohorts.items[0].id },
  });
  expect(created.status(), await created.text()).toBe(201);
  // The API refuses a prospect created by staff.
  const refused = await request.post("/api/v1/prospects", { headers, data: { kind: "company", name: "Essai" } });
  expect(refused.status()).toBe(403);

  // The admin: no planner asking for a base, no "Vos prochains rendez-vous".
  await login(page, "admin@demo.capvente.fr");
  await page.goto("/tournees/nouvelle");
  await expect(page.getByText(/Cette page est celle d'un stagiaire/)).toBeVisible();
  await expect(page.getByRole("heading", { name: "Vos prochains rendez-vous" })).toHaveCount(0);
  await checkAccessibility(page, "planificateur pour l'administration");
  // The prospect list names each record's trainee and offers no creation.
  await page.goto("/prospects");
  const list = page.getByRole("region", { name: "Liste des prospects" });
  await expect(list.getByRole("columnheader", { name: "Stagiaire" })).toBeVisible();
  await expect(list.getByRole("row").nth(1).getByRole("cell").first()).not.toHaveText(/^Compte n°/);
  await expect(page.getByRole("button", { name: "Nouveau prospect" })).toHaveCount(0);
  await page.getByRole("button", { name: "Se déconnecter" }).click();

  // The trainer: the cohort table sorts by its column headers; the inactive are flagged.
  await login(page, "formateur@demo.capvente.fr");
  await page.goto("/");
  const table = page.getByRole("table", { name: /Preuves par stagiaire et par compétence/ });
  const total = table.getByRole("columnheader", { name: "Total" });
  await expect(total).toHaveAttribute("aria-sort", "none");
  await expect(table.getByRole("columnheader", { name: "Stagiaire" })).toHaveAttribute("aria-sort", "ascending");
  await total.getByRole("button").click();
  await expect(total).toHaveAttribute("aria-sort", "descending");
  await expect(table.getByRole("row").filter({ hasText: "Chargement…" })).toHaveCount(0);
  const totals = await table.locator("tbody tr td:nth-last-child(3)").allTextContents();
  const numbers = totals.map((t) => Number(t.replace(/\D/g, "")));
  expect(numbers).toEqual([...numbers].sort((a, b) => b - a));
  const newcomer = table.getByRole("row").filter({ hasText: "Nina Nouvelle" });
  await expect(newcomer).toContainText("inactif : aucune activité");
  await checkAccessibility(page, "promotion triée");

  // A trainee's page: its parts, one link each; a link moves the focus to its part.
  await table.getByRole("link", { name: "Théo Benali" }).click();
  const parts = page.getByRole("navigation", { name: "Sur cette page" });
  await parts.getByRole("link", { name: "Activité" }).click();
  await expect(page.getByRole("heading", { name: "Activité du stagiaire" })).toBeFocused();
  await checkAccessibility(page, "portfolio avec sa navigation");
  await finalScreenshot(page, testInfo);
});
