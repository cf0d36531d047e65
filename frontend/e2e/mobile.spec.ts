// The trainee's day on a phone (390 px) and on a laptop (1280 px): no page scrolls sideways,
// the menu folds behind a button, today's tour links each stop to its directions and to a
// call, a call is logged and an appointment planned from the prospect's page (issue 13).
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { PASSWORD, checkAccessibility, finalScreenshot, login } from "./support";

const TRAINEE = "stagiaire10@demo.capvente.fr";

/** The page is no wider than the window: nothing to scroll sideways. */
async function expectNoHorizontalOverflow(page: Page, where: string): Promise<void> {
  await page.waitForLoadState("networkidle");
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
  }));
  expect(scrollWidth, `${where} : ${scrollWidth} px de large pour une fenêtre de ${innerWidth} px`).toBeLessThanOrEqual(innerWidth);
}

async function tokenOf(request: APIRequestContext, email: string): Promise<string> {
  const response = await request.post("/api/v1/auth/token", { form: { username: email, password: PASSWORD } });
  expect(response.ok()).toBeTruthy();
  return (await response.json()).access_token;
}

/** Signing in on a phone: "Se déconnecter" is inside the folded menu; the menu button says
 * the session is open. */
async function loginOnPhone(page: Page, email: string): Promise<void> {
  await page.goto("/connexion");
  await page.getByLabel("Adresse e-mail").fill(email);
  await page.getByLabel("Mot de passe").fill(PASSWORD);
  await page.getByRole("button", { name: "Se connecter" }).click();
  await expect(page.getByRole("button", { name: "Menu" })).toBeVisible();
}

function isoToday(): string {
  return new Date().toLocaleDateString("sv-SE", { timeZone: "Europe/Paris" });
}

interface Seeded {
  tourId: number;
  prospect: { id: number; name: string; phone: string };
}

/** Today's tour of the trainee (saved through the API): three of their located prospects
 * with a phone. */
async function tourForToday(request: APIRequestContext): Promise<Seeded> {
  const token = await tokenOf(request, TRAINEE);
  const headers = { Authorization: `Bearer ${token}` };
  const list = await request.get("/api/v1/prospects?limit=200&sort=name", { headers });
  expect(list.ok()).toBeTruthy();
  const located = ((await list.json()).items as { id: number; name: string; phone: string | null; latitude: number | null; status: string }[])
    .filter((p) => p.latitude != null && p.phone && !["lost", "inactive"].includes(p.status))
    .slice(0, 3);
  expect(located.length).toBe(3);
  const saved = await request.post("/api/v1/tours", {
    headers,
    data: {
      name: "Tournée mobile e2e",
      days: [{ date: isoToday(), start_time: "00:00", end_time: "23:59" }],
      visits: located.map((p) => ({ prospect_id: p.id, duration_minutes: 20 })),
      lunch: null,
    },
  });
  expect(saved.status(), await saved.text()).toBe(201);
  const first = located[0];
  return { tourId: (await saved.json()).id, prospect: { id: first.id, name: first.name, phone: first.phone! } };
}

test.describe("on a phone (390 px)", () => {
  test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });

  test("the trainee's day fits the screen: menu button, today's stops, call and directions", async ({ page, request }, testInfo) => {
    test.setTimeout(120_000);
    const seeded = await tourForToday(request);
    await loginOnPhone(page, TRAINEE);

    // The dashboard: the menu folds behind a button.
    await expect(page.getByRole("heading", { level: 1, name: "Tableau de bord" })).toBeVisible();
    const menu = page.getByRole("button", { name: "Menu" });
    await expect(menu).toBeVisible();
    await expect(menu).toHaveAttribute("aria-expanded", "false");
    const nav = page.getByRole("navigation", { name: "Navigation principale" });
    await expect(nav).toBeHidden();
    // Today's visits, each with its directions and a call link.
    const stops = page.getByRole("list", { name: "Visites du jour" });
    await expect(stops.getByRole("listitem")).toHaveCount(3);
    const call = stops.getByRole("link", { name: new RegExp(`^Appeler ${seeded.prospect.name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")} au`) });
    await expect(call).toHaveAttribute("href", `tel:${seeded.prospect.phone.replace(/[^\d+]/g, "")}`);
    const directions = stops.getByRole("link", { name: /^Itinéraire vers / }).first();
    await expect(directions).toHaveAttribute("href", /^https:\/\/www\.openstreetmap\.org\/directions\?engine=fossgis_osrm_car&route=/);
    await expectNoHorizontalOverflow(page, "tableau de bord");
    await checkAccessibility(page, "tableau de bord sur téléphone");

    // The menu opens, then closes on the page chosen.
    await menu.click();
    await expect(page.getByRole("button", { name: "Fermer le menu" })).toHaveAttribute("aria-expanded", "true");
    await expect(nav).toBeVisible();
    await expectNoHorizontalOverflow(page, "menu ouvert");
    await nav.getByRole("link", { name: "Tournées" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Tournées" })).toBeVisible();
    await expect(nav).toBeHidden();
    await expectNoHorizontalOverflow(page, "liste des tournées");

    // Today's tour: its timetable links each stop too.
    await page.goto(`/tournees/${seeded.tourId}`);
    await expect(page.getByRole("heading", { level: 1, name: "Tournée : Tournée mobile e2e" })).toBeVisible();
    const timetable = page.getByRole("table", { name: /^Horaires/ });
    await expect(timetable.getByRole("link", { name: /^Itinéraire vers / })).toHaveCount(3);
    await expect(timetable.getByRole("link", { name: /^Appeler / }).first()).toHaveAttribute("href", /^tel:\+?\d+$/);
    await expectNoHorizontalOverflow(page, "tournée du jour");
    await checkAccessibility(page, "tournée du jour sur téléphone");

    // The prospect's page: call them, log the call.
    await page.goto(`/prospects/${seeded.prospect.id}`);
    await expect(page.getByRole("heading", { level: 1, name: seeded.prospect.name })).toBeVisible();
    await expect(page.getByRole("region", { name: "Identité" }).getByRole("link", { name: /^\+?[\d ]+$/ }).first())
      .toHaveAttribute("href", /^tel:/);
    await expectNoHorizontalOverflow(page, "fiche prospect");
    const exchange = page.getByRole("form", { name: "Enregistrer un échange" });
    await exchange.getByLabel("Canal").selectOption("visit");
    await exchange.getByLabel("Résultat").selectOption("callback");
    // A required field left empty is marked (aria-required) and explained by the server.
    const nextContact = exchange.getByLabel("Date du prochain contact");
    await expect(nextContact).toHaveAttribute("aria-required", "true");
    await exchange.getByRole("button", { name: "Enregistrer l'échange" }).click();
    await expect(nextContact).toHaveAttribute("aria-invalid", "true");
    await nextContact.fill("2027-01-15");
    // The message was about the value sent: it goes once the field is corrected.
    await expect(nextContact).toHaveAttribute("aria-invalid", "false");
    await exchange.getByLabel("Notes").fill("Passé à la boutique, rappeler après les fêtes.");
    await exchange.getByRole("button", { name: "Enregistrer l'échange" }).click();
    await expect(page.getByText(/^Échange enregistré : /)).toBeVisible();
    await expectNoHorizontalOverflow(page, "fiche prospect après l'échange");
    await checkAccessibility(page, "fiche prospect sur téléphone");

    // An appointment typed in the past: the form warns, the server refuses with its reason
    // unless it is marked as a past record.
    await page.getByRole("button", { name: "Planifier un rendez-vous" }).click();
    const appointment = page.getByRole("form", { name: "Nouveau rendez-vous" });
    await expect(appointment.getByLabel("Début")).toHaveAttribute("aria-required", "true");
    await appointment.getByLabel("Début").fill("2026-01-05T10:00");
    await expect(appointment.getByRole("status")).toContainText("Ce rendez-vous commence dans le passé");
    await appointment.getByRole("button", { name: "Planifier le rendez-vous" }).click();
    await expect(appointment.getByLabel("Début")).toHaveAccessibleDescription(/avant maintenant/);
    await appointment.getByLabel("C'est un rendez-vous passé, à consigner tel quel").check();
    await appointment.getByRole("button", { name: "Planifier le rendez-vous" }).click();
    await expect(page.getByRole("form", { name: "Nouveau rendez-vous" })).toHaveCount(0);
    await expect(page.getByRole("table", { name: "Rendez-vous du prospect" })).toContainText("Réalisé");
    await expectNoHorizontalOverflow(page, "fiche prospect, rendez-vous consigné");

    // The watch sources: the table scrolls in its own box, not the page.
    await page.goto("/veille/sources");
    await expect(page.getByRole("table", { name: "Sources de veille" })).toBeVisible();
    await expectNoHorizontalOverflow(page, "sources de veille");
    await finalScreenshot(page, testInfo);
  });
});

test.describe("on a laptop (1280 px)", () => {
  test.use({ viewport: { width: 1280, height: 800 } });

  test("the menu is shown whole and the daily pages fit the width", async ({ page }, testInfo) => {
    await login(page, TRAINEE);
    await expect(page.getByRole("button", { name: "Menu" })).toBeHidden();
    await expect(page.getByRole("navigation", { name: "Navigation principale" }).getByRole("link", { name: "Prospects" })).toBeVisible();
    await expectNoHorizontalOverflow(page, "tableau de bord");
    for (const [path, heading] of [
      ["/prospects", "Fichier prospects"],
      ["/tournees", "Tournées"],
      ["/veille/sources", "Veille : sources"],
    ]) {
      await page.goto(path);
      await expect(page.getByRole("heading", { level: 1, name: heading })).toBeVisible();
      await expectNoHorizontalOverflow(page, heading);
    }
    // The source form: no browser bubble, the server's messages beside the fields, gone
    // from a field once it is corrected.
    await page.getByRole("button", { name: "Ajouter une source" }).click();
    const form = page.getByRole("form", { name: "Nouvelle source" });
    await expect(form.getByLabel("Nom")).toHaveAttribute("aria-required", "true");
    await form.getByLabel("Adresse (URL)").fill("pas une adresse");
    await form.getByRole("button", { name: "Enregistrer la source" }).click();
    await expect(form.getByLabel("Nom")).toHaveAccessibleDescription("Champ obligatoire.");
    await expect(form.getByLabel("Adresse (URL)")).toHaveAttribute("aria-invalid", "true");
    await form.getByLabel("Nom").fill("Flux de la CCI");
    await expect(form.getByLabel("Nom")).toHaveAttribute("aria-invalid", "false");
    await expect(form.getByLabel("Adresse (URL)")).toHaveAttribute("aria-invalid", "true");
    await checkAccessibility(page, "formulaire de source en erreur");
    await expectNoHorizontalOverflow(page, "sources, formulaire ouvert");
    await finalScreenshot(page, testInfo);
  });
});
