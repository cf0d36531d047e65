import { expect, test, type APIRequestContext } from "@playwright/test";
import { PASSWORD, checkAccessibility, finalScreenshot, login } from "./support";

function isoDaysAgo(days: number): string {
  const d = new Date();
  d.setDate(d.getDate() - days);
  return d.toISOString().slice(0, 10);
}

test("a trainee reads a consent history and records a request", async ({ page }, testInfo) => {
  await login(page, "stagiaire04@demo.capvente.fr");
  await page.getByRole("navigation", { name: "Navigation principale" }).getByRole("link", { name: "RGPD" }).click();
  await expect(page.getByRole("heading", { name: "RGPD : consentements" })).toBeVisible();
  await expect(page.getByRole("list", { name: "Compétences exercées" })).toContainText("CP3");
  await expect(page.getByText("Choisissez une fiche pour voir ses consentements.")).toBeVisible();
  await checkAccessibility(page, "consentements");

  await page.getByLabel("Rechercher une fiche").fill("Collet");
  await page.getByRole("button", { name: "Rechercher" }).click();
  await page.getByRole("button", { name: /^Éric Collet \(particulier/ }).click();

  // Current state: phone consent withdrawn after having been granted; the history keeps both.
  const current = page.getByRole("table", { name: "État actuel, par finalité et canal" });
  await expect(current.getByRole("row").filter({ hasText: "Téléphone" })).toContainText("Retiré");
  await expect(current.getByRole("row").filter({ hasText: "E-mail" }).first()).toContainText("Accordé");
  const history = page.getByRole("table", { name: /Historique des consentements/ });
  await expect(history.getByRole("row").filter({ hasText: "Téléphone" })).toHaveCount(2);
  await expect(history).toContainText("Formulaire web");
  await checkAccessibility(page, "historique des consentements");

  // A pre-ticked box is not consent: the server's message shows next to the box.
  await page.getByRole("button", { name: "Enregistrer un consentement, un refus ou un retrait" }).click();
  await page.getByLabel("Canal", { exact: true }).selectOption("sms");
  await page.getByLabel("Version du texte présenté").fill("formulaire-e2e-v1");
  await page.getByLabel("La case était pré-cochée").check();
  await page.getByRole("button", { name: "Enregistrer l'événement" }).click();
  await expect(page.getByText("Une case pré-cochée ne vaut pas consentement")).toBeVisible();
  await page.getByLabel("La case était pré-cochée").uncheck();
  await page.getByRole("button", { name: "Enregistrer l'événement" }).click();
  await expect(page.getByText("Événement enregistré")).toBeVisible();
  await expect(current.getByRole("row").filter({ hasText: "SMS" })).toContainText("Accordé");

  // A data-subject request received six weeks ago: already overdue.
  await page.getByRole("navigation", { name: "RGPD" }).getByRole("link", { name: "Demandes des personnes" }).click();
  await expect(page.getByRole("heading", { name: "RGPD : demandes des personnes" })).toBeVisible();
  await checkAccessibility(page, "demandes (stagiaire)");
  await page.getByRole("button", { name: "Enregistrer une demande" }).click();
  await page.getByLabel("Fiche de la personne").fill("Collet");
  await page.getByRole("button", { name: "Rechercher" }).click();
  await page.getByRole("button", { name: /^Éric Collet \(particulier/ }).click();
  await page.getByLabel("Type de demande").selectOption("objection");
  await page.getByLabel("Reçue le").fill(isoDaysAgo(42));
  await page.getByLabel("Canal de réception").fill("courrier");
  await page.getByRole("button", { name: "Enregistrer la demande" }).click();
  await expect(page.getByRole("status").filter({ hasText: /Demande n° \d+ enregistrée/ })).toBeVisible();
  const row = page.getByRole("row").filter({ hasText: "Opposition" }).first();
  await expect(row).toContainText("En retard");
  await expect(row).toContainText("Éric Collet"); // the person's name, not the record's number
  await row.getByRole("button", { name: /Détails/ }).click();
  await expect(page.getByRole("form", { name: /Clôturer la demande/ })).toBeVisible();
  await checkAccessibility(page, "demande ouverte");

  await page.getByRole("navigation", { name: "RGPD" }).getByRole("link", { name: "Registre des traitements" }).click();
  await expect(page.getByRole("heading", { name: "RGPD : registre des traitements" })).toBeVisible();
  await expect(page.getByRole("rowheader", { name: "Finalités", exact: true })).toBeVisible();
  await checkAccessibility(page, "registre (stagiaire)");
  await finalScreenshot(page, testInfo);
});

/** An overdue request in stagiaire04's file, made through the API so this test stands alone. */
async function overdueRequest(request: APIRequestContext): Promise<void> {
  const token = await request.post("/api/v1/auth/token", {
    form: { username: "stagiaire04@demo.capvente.fr", password: PASSWORD },
  });
  const headers = { Authorization: `Bearer ${(await token.json()).access_token}` };
  const found = await request.get("/api/v1/prospects?q=Justine%20Collet&limit=1", { headers });
  const prospect = (await found.json()).items[0];
  const created = await request.post("/api/v1/privacy/requests", {
    headers,
    data: { prospect_id: prospect.id, kind: "access", received_on: isoDaysAgo(40), channel: "e-mail" },
  });
  expect(created.status()).toBe(201);
}

test("the admin follows requests, the register, the access log and retention", async ({ page, request }, testInfo) => {
  await overdueRequest(request);
  await login(page, "admin@demo.capvente.fr");
  await page.getByRole("navigation", { name: "Navigation principale" }).getByRole("link", { name: "RGPD" }).click();
  await expect(page.getByRole("heading", { name: "RGPD : demandes des personnes" })).toBeVisible();
  await expect(page.getByRole("alert").filter({ hasText: "en retard" })).toBeVisible();
  const row = page.getByRole("row").filter({ hasText: "Amandine Garcia" }).filter({ hasText: "Accès / portabilité" }).first();
  await expect(row).toContainText("En retard");
  await expect(row).toContainText("Justine Collet");
  await expect(page.getByRole("button", { name: "Enregistrer une demande" })).toHaveCount(0);
  await checkAccessibility(page, "demandes (administration)");

  const tabs = page.getByRole("navigation", { name: "RGPD" });
  await tabs.getByRole("link", { name: "Registre des traitements" }).click();
  await expect(page.getByRole("heading", { name: "RGPD : registre des traitements" })).toBeVisible();
  await expect(page.getByRole("rowheader", { name: "Durées de conservation" })).toBeVisible();
  await checkAccessibility(page, "registre (administration)");

  await tabs.getByRole("link", { name: "Journal des accès" }).click();
  await expect(page.getByRole("heading", { name: "RGPD : journal des accès" })).toBeVisible();
  await checkAccessibility(page, "journal des accès");

  await tabs.getByRole("link", { name: "Durée de conservation" }).click();
  await expect(page.getByRole("heading", { name: "RGPD : durée de conservation" })).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: "Durée de conservation" })).toContainText("fiche(s)");
  await page.getByRole("button", { name: "Relancer la simulation" }).click();
  await expect(page.getByRole("table", { name: "Fiches arrivées au terme de la durée de conservation" })).toBeVisible();
  await checkAccessibility(page, "durée de conservation");
  await finalScreenshot(page, testInfo);
});
