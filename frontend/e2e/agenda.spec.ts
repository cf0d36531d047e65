import { expect, test } from "@playwright/test";
import { checkAccessibility, finalScreenshot, login } from "./support";

// stagiaire10's demo tours fall in the weeks of 30 November and 7 December 2026 (seed/tours.py:
// the last two working weeks holding two appointments, after the demo's « today », 23 November),
// whatever the real date: the agenda is opened on that week by its address.
const SEEDED_WEEK = "/agenda?semaine=2026-11-30";

test("a trainee's week by keyboard, a task put on a day then ticked, a calendar feed fetched then revoked", async ({
  page,
  context,
}, testInfo) => {
  test.setTimeout(120_000);
  await login(page, "stagiaire10@demo.capvente.fr");
  await page.getByRole("navigation", { name: "Navigation principale" }).getByRole("link", { name: "Agenda" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Agenda" })).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: /^Semaine du lundi/ })).toBeVisible();

  await page.goto(SEEDED_WEEK);
  await expect(
    page.getByRole("heading", { level: 2, name: "Semaine du lundi 30 novembre au dimanche 6 décembre 2026" }),
  ).toBeVisible();
  const tuesday = page.getByRole("region", { name: /^mardi 1 décembre/ });
  const tourDay = tuesday.getByRole("link", { name: /Tournée Semaine du 30\/11\/2026 \(jour 1\/3\)/ });
  await expect(tourDay).toHaveAttribute("href", /^\/tournees\/\d+$/);
  await expect(tourDay).toContainText("Tournée");
  // Timed items in time order, in Paris time, each opening its prospect.
  const appointments = tuesday.getByRole("list", { name: "Horaires" }).getByRole("link");
  await expect(appointments.first()).toContainText("09:00 – 10:30");
  await expect(appointments.first()).toContainText("RDV Corinne Pérez");
  await expect(appointments.first()).toHaveAttribute("href", /^\/prospects\/\d+$/);
  await expect(page.getByText(/flèches gauche et droite pour passer d'un jour à l'autre/)).toBeVisible();
  await checkAccessibility(page, "agenda de la semaine");

  // The keyboard: days with ← →, items with ↑ ↓, weeks with Page Down / Page Up.
  const monday = page.getByRole("heading", { level: 3, name: /^lundi 30 novembre/ });
  await monday.focus();
  await page.keyboard.press("ArrowRight");
  await expect(page.getByRole("heading", { level: 3, name: /^mardi 1 décembre/ })).toBeFocused();
  await page.keyboard.press("ArrowDown");
  // The day's all-day items, its tour first.
  await expect(tourDay).toBeFocused();
  await page.keyboard.press("PageDown");
  await expect(page.getByRole("heading", { level: 2, name: /^Semaine du lundi 7 décembre/ })).toBeVisible();
  await expect(page.getByRole("heading", { level: 3, name: /^mardi 8 décembre/ })).toBeFocused();
  await expect(
    page.getByRole("region", { name: /^mercredi 9 décembre/ }).getByRole("link", { name: /Tournée Semaine du 07\/12\/2026/ }),
  ).toBeVisible();
  await page.keyboard.press("End");
  await expect(page.getByRole("heading", { level: 3, name: /^dimanche 13 décembre/ })).toBeFocused();
  await page.keyboard.press("PageUp");
  await expect(page.getByRole("heading", { level: 3, name: /^dimanche 6 décembre/ })).toBeFocused();
  await expect(tourDay).toBeVisible();
  await page.keyboard.press("Home");
  await page.keyboard.press("ArrowRight");
  await page.keyboard.press("ArrowRight");
  await expect(page.getByRole("heading", { level: 3, name: /^mercredi 2 décembre/ })).toBeFocused();

  // A task on the chosen day, seen in the week.
  await expect(page.getByText("Jour choisi pour une nouvelle tâche :")).toContainText("mercredi 2 décembre 2026");
  await page.getByRole("button", { name: "Nouvelle tâche" }).click();
  const form = page.getByRole("form", { name: "Nouvelle tâche" });
  await expect(form.getByLabel("Jour d'échéance")).toHaveValue("2026-12-02");
  await form.getByLabel("Titre").fill("Préparer la tournée e2e");
  await form.getByLabel("Heure d'échéance").fill("14:00");
  await form.getByRole("button", { name: "Créer la tâche" }).click();
  await expect(page.getByText("Tâche « Préparer la tournée e2e » ajoutée à l'agenda.")).toBeVisible();
  const task = page.getByRole("region", { name: /^mercredi 2 décembre/ }).getByRole("link", { name: /Préparer la tournée e2e/ });
  await expect(task).toContainText("Tâche");
  await expect(task).toContainText("14:00");

  // Ticked done in the task list.
  await page.getByRole("navigation", { name: "Agenda" }).getByRole("link", { name: "Tâches" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Tâches" })).toBeVisible();
  const tasks = page.getByRole("table", { name: "Tâches" });
  const row = tasks.getByRole("row", { name: /Préparer la tournée e2e/ });
  await expect(row).toContainText("2 déc. 2026");
  await checkAccessibility(page, "tâches");
  // click(), not check(): a ticked task leaves the « À faire » list at once, and check() would wait
  // on a box that is no longer there to read its state.
  await row.getByRole("checkbox", { name: "Faite : Préparer la tournée e2e" }).click();
  await expect(page.getByText("« Préparer la tournée e2e » est faite.")).toBeVisible();
  await expect(tasks.getByRole("row", { name: /Préparer la tournée e2e/ })).toHaveCount(0);
  await page.getByLabel("État").selectOption({ label: "Faites" });
  await expect(page.getByRole("checkbox", { name: "Faite : Préparer la tournée e2e" })).toBeChecked();

  // A calendar feed: the secret address answers an iCalendar document, then 404 once revoked.
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await page.getByRole("navigation", { name: "Agenda" }).getByRole("link", { name: "Abonnement" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Abonnement au calendrier" })).toBeVisible();
  await checkAccessibility(page, "abonnement au calendrier");
  await page.getByLabel("Nom de l'abonnement").fill("Téléphone e2e");
  await page.getByRole("button", { name: "Créer l'adresse d'abonnement" }).click();
  const created = page.getByRole("region", { name: "Adresse de l'abonnement « Téléphone e2e »" });
  await expect(created.getByText("Copiez cette adresse maintenant : elle ne sera plus affichée.")).toBeVisible();
  const url = await created.getByLabel("Adresse secrète de l'abonnement").inputValue();
  expect(url).toMatch(/\/api\/v1\/calendar\/[A-Za-z0-9_-]+\.ics$/);
  await created.getByRole("button", { name: "Copier l'adresse" }).click();
  await expect(created.getByText(/Adresse copiée/)).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(url);
  await checkAccessibility(page, "adresse d'abonnement créée");
  const feed = await page.request.get(url);
  expect(feed.status()).toBe(200);
  expect(feed.headers()["content-type"]).toMatch(/^text\/calendar/);
  expect(await feed.text()).toMatch(/^BEGIN:VCALENDAR/);

  await created.getByRole("button", { name: "J'ai copié l'adresse : la masquer" }).click();
  await expect(page.getByLabel("Adresse secrète de l'abonnement")).toHaveCount(0);
  const feedRow = page.getByRole("table", { name: "Abonnements au calendrier" }).getByRole("row", { name: /Téléphone e2e/ });
  await expect(feedRow).toContainText("Actif");
  await feedRow.getByRole("button", { name: "Révoquer" }).click();
  await feedRow.getByRole("button", { name: "Oui, révoquer" }).click();
  await expect(feedRow).toContainText("Révoqué le");
  expect((await page.request.get(url)).status()).toBe(404);
  await finalScreenshot(page, testInfo);
});

test("a trainer reads a followed trainee's week from the trainee's page, without writing", async ({ page }, testInfo) => {
  await login(page, "formateur@demo.capvente.fr");
  await page.getByRole("link", { name: "Yanis Moreau" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Portfolio de Yanis Moreau" })).toBeVisible();
  await page.getByRole("link", { name: "Agenda du stagiaire" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Agenda de Yanis Moreau" })).toBeVisible();
  await expect(page.getByLabel("Stagiaire")).toHaveValue(/^\d+$/);
  await expect(page.getByRole("heading", { level: 2, name: /^Semaine du lundi/ })).toBeVisible();
  await page.goto(`${page.url()}&semaine=2026-12-09`);
  await expect(
    page.getByRole("region", { name: /^mercredi 9 décembre/ }).getByRole("link", { name: /Tournée Semaine du 07\/12\/2026/ }),
  ).toBeVisible();
  await expect(page.getByRole("button", { name: "Nouvelle tâche" })).toHaveCount(0);
  await checkAccessibility(page, "agenda d'un stagiaire (formateur)");
  // Another trainee, from the list of those the trainer follows.
  await page.getByLabel("Stagiaire").selectOption({ label: "Chloé Diallo" });
  await expect(page.getByRole("heading", { level: 1, name: "Agenda de Chloé Diallo" })).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: "Semaine du lundi 7 décembre au dimanche 13 décembre 2026" })).toBeVisible();
  await finalScreenshot(page, testInfo);
});
