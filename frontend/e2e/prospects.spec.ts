import { expect, test } from "@playwright/test";
import { checkAccessibility, finalScreenshot, login } from "./support";

test("create a prospect and see a field error fixed", async ({ page }, testInfo) => {
  await login(page, "stagiaire01@demo.capvente.fr");
  await page.getByRole("navigation", { name: "Navigation principale" }).getByRole("link", { name: "Prospects" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Fichier prospects" })).toBeVisible();
  // The list only reads the file: no competence badge (badges come from a page's writes).
  await expect(page.getByRole("list", { name: "Compétences exercées" })).toHaveCount(0);
  await expect(page.getByRole("region", { name: "Liste des prospects" }).getByRole("row").nth(1)).toBeVisible();
  await checkAccessibility(page, "fichier prospects");

  // Personas and scripts, then back to the file sorted by the match to a persona.
  const tabs = page.getByRole("navigation", { name: "Prospection" });
  await tabs.getByRole("link", { name: "Personas" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Personas" })).toBeVisible();
  await expect(page.getByRole("table")).toBeVisible();
  await checkAccessibility(page, "personas");
  await tabs.getByRole("link", { name: "Scripts d'appel" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Scripts d'appel" })).toBeVisible();
  await expect(page.getByRole("button", { name: /^Modifier le script/ }).first()).toBeVisible();
  await checkAccessibility(page, "scripts d'appel");
  await tabs.getByRole("link", { name: "Fichier prospects" }).click();
  await page.getByLabel("Persona", { exact: true }).selectOption({ index: 1 });
  await expect(page.getByRole("columnheader", { name: "Adéquation au persona" })).toBeVisible();
  await checkAccessibility(page, "fichier filtré par persona");
  // A seeded record, its forms open: contacts, consents, appointments.
  await page.getByRole("region", { name: "Liste des prospects" }).getByRole("link").first().click();
  await expect(page.getByRole("region", { name: "Chronologie" }).getByRole("listitem").first()).toBeVisible();
  await page.getByRole("button", { name: "Ajouter un contact" }).click();
  await page.getByRole("button", { name: "Enregistrer un consentement" }).click();
  await page.getByRole("button", { name: "Planifier un rendez-vous" }).click();
  await checkAccessibility(page, "fiche de démonstration, formulaires ouverts");
  await page.getByRole("link", { name: "Retour au fichier" }).click();

  await page.getByRole("button", { name: "Nouveau prospect" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Nouveau prospect" })).toBeVisible();
  await checkAccessibility(page, "nouveau prospect");
  await page.getByLabel("Raison sociale ou enseigne").fill("Boulangerie Essai E2E");
  await page.getByLabel("SIRET", { exact: true }).fill("12345678901234");
  await page.getByLabel("Secteur d'activité").fill("Boulangerie");
  await page.getByLabel("Potentiel annuel estimé (€ HT)").fill("15 000");
  await page.getByLabel("Code postal").fill("69003");
  await page.getByLabel("Ville", { exact: true }).fill("LYON");
  await page.getByRole("button", { name: "Créer le prospect" }).click();
  // The server's French message, next to the field (its description).
  await expect(page.getByLabel("SIRET", { exact: true })).toHaveAccessibleDescription(/SIRET invalide/);
  await expect(page.getByLabel("SIRET", { exact: true })).toHaveAttribute("aria-invalid", "true");
  await expect(page).toHaveURL(/\/prospects\/nouveau$/);
  await checkAccessibility(page, "nouveau prospect avec erreur");

  await page.getByLabel("SIRET", { exact: true }).fill("73282932000074");
  await page.getByRole("button", { name: "Créer le prospect" }).click();
  await expect(page).toHaveURL(/\/prospects\/\d+$/);
  await expect(page.getByRole("heading", { level: 1, name: "Boulangerie Essai E2E" })).toBeVisible();
  const identity = page.getByRole("region", { name: "Identité" });
  await expect(identity).toContainText("73282932000074");
  await expect(identity).toContainText("732829320"); // the SIREN, derived by the server
  // Geocoded by the server (offline: the centre of Lyon's 3rd arrondissement), and said so.
  await expect(identity).toContainText("Position : commune (centre) — liste des communes");
  await expect(page.getByRole("region", { name: "Statut et suivi" })).toContainText("Suspect");
  await expect(page.getByRole("region", { name: "Chronologie" })).toContainText("Fiche créée");
  await checkAccessibility(page, "fiche prospect");

  // An illegal lifecycle move lists the allowed ones.
  await page.getByLabel("Nouveau statut").selectOption("customer");
  await page.getByRole("button", { name: "Changer le statut" }).click();
  await expect(page.getByText("Depuis « Suspect », statuts possibles")).toBeVisible();
  await page.getByRole("button", { name: "Prospect", exact: true }).click();
  await page.getByRole("button", { name: "Changer le statut" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Statut changé : Prospect." })).toBeVisible();

  // Edit the record (the version read goes with it).
  await page.getByRole("button", { name: "Modifier la fiche" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Modifier : Boulangerie Essai E2E" })).toBeVisible();
  await checkAccessibility(page, "modifier la fiche");
  await page.getByLabel("Potentiel annuel estimé (€ HT)").fill("60000");
  await page.getByRole("button", { name: "Enregistrer les modifications" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Boulangerie Essai E2E" })).toBeVisible();
  await expect(page.getByRole("region", { name: "Statut et suivi" })).toContainText("60 000");
  await checkAccessibility(page, "fiche prospect modifiée");
  await finalScreenshot(page, testInfo);
});

test("record an interaction refused by the RGPD policy and see the explanation", async ({ page }, testInfo) => {
  await login(page, "stagiaire02@demo.capvente.fr");
  await page.goto("/prospects");
  await expect(page.getByRole("heading", { level: 1, name: "Fichier prospects" })).toBeVisible();
  await checkAccessibility(page, "fichier prospects");
  await page.getByRole("button", { name: "Nouveau prospect" }).click();
  await page.getByLabel("Type", { exact: true }).selectOption("individual");
  await expect(page.getByLabel("SIRET", { exact: true })).toHaveCount(0);
  await page.getByLabel("Nom et prénom").fill("Camille Essai E2E");
  await page.getByLabel("Téléphone").fill("06 12 34 56 78");
  await page.getByLabel("Ville").fill("Grenoble");
  await checkAccessibility(page, "nouveau particulier");
  await page.getByRole("button", { name: "Créer le prospect" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Camille Essai E2E" })).toBeVisible();
  // Stored as +33612345678, shown in the national format; the call link keeps E.164.
  await expect(page.getByRole("region", { name: "Identité" })).toContainText("06 12 34 56 78");
  await expect(page.getByRole("region", { name: "Identité" }).getByRole("link", { name: "06 12 34 56 78" })).toHaveAttribute("href", "tel:+33612345678");

  // The policy, before trying: no consent, so the phone is closed.
  const policy = page.getByRole("region", { name: "Canaux de contact permis (RGPD)" });
  await expect(policy.getByRole("listitem").filter({ hasText: "Téléphone" })).toContainText("refusé");
  await expect(page.getByRole("region", { name: "Consentements" })).toContainText("Aucun consentement enregistré");
  await checkAccessibility(page, "fiche particulier");

  // An outbound phone call: refused by the server, explained, nothing recorded.
  const exchange = page.getByRole("region", { name: "Enregistrer un échange" });
  await exchange.getByLabel("Canal", { exact: true }).selectOption("phone");
  await exchange.getByLabel("Sens").selectOption("outbound");
  await exchange.getByLabel("Résultat").selectOption("callback");
  await exchange.getByLabel("Date du prochain contact").fill("2026-12-10");
  await exchange.getByLabel("Notes").fill("Appel de présentation de l'offre fibre.");
  await exchange.getByRole("button", { name: "Enregistrer l'échange" }).click();
  const refusal = exchange.getByRole("alert");
  await expect(refusal).toContainText("refusé par la politique RGPD");
  await expect(refusal).toContainText("rien n'a été enregistré");
  await expect(refusal).toContainText("consentement préalable");
  await expect(refusal).toContainText("11 août 2026");
  const left = refusal.getByRole("list", { name: "Canaux encore permis" });
  await expect(left).toContainText("Courrier");
  await expect(left).toContainText("Visite");
  await expect(left).not.toContainText("Téléphone");
  const timeline = page.getByRole("region", { name: "Chronologie" });
  await expect(timeline.getByRole("listitem")).toHaveCount(1);
  await expect(timeline).toContainText("Fiche créée");
  await expect(timeline).not.toContainText("Échange");
  await checkAccessibility(page, "échange refusé");
  await finalScreenshot(page, testInfo);
});
