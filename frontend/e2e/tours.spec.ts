import { expect, test } from "@playwright/test";
import { checkAccessibility, finalScreenshot, login } from "./support";

test("plan a tour and see the km and CO2 saving on the map page", async ({ page }, testInfo) => {
  test.setTimeout(120_000);
  await login(page, "stagiaire07@demo.capvente.fr");
  await page.getByRole("navigation", { name: "Navigation principale" }).getByRole("link", { name: "Tournées" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Tournées" })).toBeVisible();
  await expect(page.getByRole("list", { name: "Compétences exercées" })).toHaveCount(0); // a list: no writes
  const list = page.getByRole("table", { name: "Tournées enregistrées" });
  await expect(list.getByRole("row")).not.toHaveCount(0);
  await checkAccessibility(page, "liste des tournées");

  // The planner: the base, one day, four prospects found by search, in a zigzag order.
  await page.getByRole("link", { name: "Planifier une tournée" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Planifier une tournée" })).toBeVisible();
  // Planning and saving tours: CP2 and, through CP2.7's twin CT4.6, CT4; titles in the names.
  const badges = page.getByRole("list", { name: "Compétences exercées" });
  await expect(badges.getByRole("listitem", { name: /^CP2 : Mettre en œuvre un plan d’actions commerciales/ })).toBeVisible();
  await expect(badges.getByRole("listitem", { name: "CT4 : Mobiliser les environnements numériques" })).toBeVisible();
  await expect(page.getByRole("region", { name: "Votre base" })).toContainText("Agence de Tullins");
  await page.getByLabel("Date", { exact: true }).fill("2026-12-14");
  await page.getByLabel("Nom de la tournée (facultatif)").fill("Tournée e2e du Voironnais");
  const search = page.getByLabel("Rechercher un prospect");
  const found = page.getByRole("table", { name: /Prospects trouvés/ });
  for (const [term, name] of [
    ["Linh", "Institut Linh"],
    ["Quincaillerie Roy", "Quincaillerie Roy SARL"],
    ["Tilleuls", "Résidence Les Tilleuls"],
    ["Fleurs de Tullins", "Fleurs de Tullins"],
  ]) {
    await search.fill(term);
    const row = found.getByRole("row").filter({ has: page.getByRole("rowheader", { name, exact: true }) });
    await row.getByRole("button", { name: "Ajouter" }).click();
    await expect(row.getByRole("button", { name: "Déjà choisi" })).toBeDisabled();
  }
  const visits = page.getByRole("table", { name: "Visites choisies, dans votre ordre" });
  await expect(visits.getByRole("row")).toHaveCount(5);
  await checkAccessibility(page, "planificateur");

  await page.getByRole("button", { name: "Planifier" }).click();
  await expect(page.getByText("Calcul de la tournée…")).toBeVisible();
  await expect(page.getByRole("heading", { name: "Bilan de la tournée" })).toBeVisible({ timeout: 60_000 });
  const map = page.getByRole("region", { name: /Carte de la tournée/ });
  await expect(map).toBeVisible();
  for (const n of [1, 2, 3, 4]) {
    await expect(map.getByRole("button", { name: new RegExp(`^Étape ${n} : `) })).toBeVisible();
  }
  await expect(map.getByRole("button", { name: /^Base : Agence de Tullins/ })).toBeVisible();
  await expect(map.locator("path.leaflet-interactive, path")).not.toHaveCount(0);
  const summary = page.getByRole("region", { name: "Bilan de la tournée" });
  await expect(summary.getByText(/^Économie : −[\d,]+ km \(−[\d,]+ %\) et −[\d,]+ kg CO₂ par rapport à votre ordre$/)).toBeVisible();
  await expect(summary.getByRole("definition").first()).toHaveText(/[\d,]+ km/);
  await expect(page.getByRole("table", { name: /^Horaires/ }).getByRole("rowheader", { name: "Pause déjeuner" })).toBeVisible();
  // Before saving: prospects to fill the day, each with its detour; one added to the visits,
  // the result says it is now out of date.
  const planned = page.getByRole("region", { name: /^Journée du lundi 14 décembre 2026/ });
  await planned.getByRole("button", { name: "Voir les prospects à ajouter" }).click();
  const near = planned.getByRole("table", { name: "Prospects à ajouter au jour 1 et leur détour" });
  await expect(near.getByRole("row").nth(1)).toContainText(/\+[\d,]+ km/, { timeout: 30_000 });
  await near.getByRole("button", { name: "Ajouter à la tournée" }).first().click();
  await expect(visits.getByRole("row")).toHaveCount(6);
  await expect(page.getByText(/Vous avez modifié la demande depuis ce calcul/)).toBeVisible();
  await checkAccessibility(page, "résultat de la planification");

  // Saved: the detail shows the same reading, then the list has it.
  await page.getByRole("button", { name: "Enregistrer", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Tournée : Tournée e2e du Voironnais" })).toBeVisible({ timeout: 60_000 });
  await expect(page.getByText("Tournée enregistrée.")).toBeVisible();
  await expect(page.getByRole("region", { name: /Carte de la tournée/ }).getByRole("button", { name: /^Étape 4 : / })).toBeVisible();
  await expect(page.getByRole("region", { name: "Bilan de la tournée" }).getByText(/^Économie : −[\d,]+ km/)).toBeVisible();
  const mileage = page.getByRole("region", { name: "Kilomètres réels" });
  await mileage.getByRole("textbox", { name: /^Km réels du / }).fill("92,5");
  await mileage.getByRole("button", { name: "Enregistrer" }).click();
  await expect(mileage.getByText("Enregistré.")).toBeVisible();
  await expect(mileage.getByRole("row", { name: /Total/ })).toContainText("92,5 km");
  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "Exporter en GPX" }).click();
  expect((await download).suggestedFilename()).toMatch(/^tournee-\d+\.gpx$/);
  await checkAccessibility(page, "détail de la tournée");

  // A suggestion to fill the day, with its detour, taken back to the planner.
  const day = page.getByRole("region", { name: /^Journée du lundi 14 décembre 2026/ });
  await day.getByRole("button", { name: "Voir les prospects à ajouter" }).click();
  const suggestions = day.getByRole("table", { name: /Prospects à ajouter au jour 1/ });
  await expect(suggestions.getByRole("row")).not.toHaveCount(0, { timeout: 30_000 });
  await expect(suggestions.getByRole("row").nth(1)).toContainText(/\+[\d,]+ km/);
  await checkAccessibility(page, "suggestions");
  await suggestions.getByRole("button", { name: "Ajouter et replanifier" }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: "Planifier une tournée" })).toBeVisible();
  await expect(page.getByText(/reprise avec « .+ » en plus/)).toBeVisible();
  await expect(page.getByRole("table", { name: "Visites choisies, dans votre ordre" }).getByRole("row")).toHaveCount(6);

  await page.getByRole("link", { name: "Retour aux tournées" }).click();
  await expect(list.getByRole("link", { name: "Tournée e2e du Voironnais" })).toBeVisible();
  await expect(list.getByRole("row").filter({ hasText: "Tournée e2e du Voironnais" })).toContainText(/−[\d,]+ km \(−[\d,]+ %\)/);
  await finalScreenshot(page, testInfo);
});

test("delete a seeded tour, set the tour base from a prospect's place and see the server's field errors", async ({ page }, testInfo) => {
  await login(page, "stagiaire08@demo.capvente.fr");
  // A seeded tour over several days, read then deleted.
  await page.goto("/tournees");
  const list = page.getByRole("table", { name: "Tournées enregistrées" });
  const link = list.getByRole("link").first();
  const tourName = (await link.textContent())?.trim() ?? "";
  await link.click();
  await expect(page.getByRole("heading", { level: 1, name: `Tournée : ${tourName}` })).toBeVisible();
  await expect(page.getByRole("region", { name: /^Jour 2 : / })).toBeVisible();
  await expect(page.getByRole("region", { name: "Kilomètres réels" }).getByRole("row", { name: /Total/ })).toBeVisible();
  await checkAccessibility(page, "tournée de démonstration");
  await page.getByRole("button", { name: "Supprimer" }).click();
  await page.getByRole("button", { name: "Confirmer la suppression" }).click();
  await expect(page.getByText(`La tournée « ${tourName} » a été supprimée.`)).toBeVisible();
  await expect(list.getByRole("link", { name: tourName })).toHaveCount(0);

  await page.getByRole("link", { name: "Planifier une tournée" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Planifier une tournée" })).toBeVisible();
  const base = page.getByRole("region", { name: "Votre base" });
  await base.getByRole("button", { name: "Modifier la base" }).click();
  await base.getByLabel("Nom de la base").fill("");
  await base.getByRole("button", { name: "Enregistrer la base" }).click();
  // A blank required field reads « Champ obligatoire. » (issue 13), not "too short (1 character)".
  await expect(base.getByText("Champ obligatoire.")).toBeVisible();
  await expect(base.getByLabel("Nom de la base")).toHaveAttribute("aria-invalid", "true");
  await base.getByRole("button", { name: "Reprendre le lieu d'un prospect" }).click();
  await base.getByLabel("Prospect dont reprendre le lieu").fill("SAS");
  const first = base.getByRole("table", { name: /Prospects trouvés/ }).getByRole("row")
    .filter({ has: page.getByRole("button", { name: "Choisir ce lieu" }) }).first();
  const name = (await first.getByRole("rowheader").textContent())?.trim() ?? "";
  await first.getByRole("button", { name: "Choisir ce lieu" }).click();
  await expect(base.getByLabel("Nom de la base")).toHaveValue(name);
  await checkAccessibility(page, "base en modification");
  await base.getByRole("button", { name: "Enregistrer la base" }).click();
  await expect(base.getByText("Base enregistrée.")).toBeVisible();
  await expect(base.getByText(/chaque journée part de là/)).toContainText(name);

  // A day that ends before it starts: the server's message sits under the day's end.
  await page.getByLabel("Rechercher un prospect").fill("SAS");
  await page.getByRole("table", { name: /Prospects trouvés/ }).getByRole("button", { name: "Ajouter" }).first().click();
  await page.getByLabel("Fin", { exact: true }).fill("07:00");
  await page.getByRole("button", { name: "Planifier" }).click();
  await expect(page.getByRole("alert")).toContainText("La tournée n'a pas pu être planifiée.");
  await expect(page.getByLabel("Fin", { exact: true })).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByText("Journée sans temps de travail : la fin précède le début.").first()).toBeVisible();
  await checkAccessibility(page, "planificateur avec erreur");
  await finalScreenshot(page, testInfo);
});
