import { expect, test } from "@playwright/test";
import { checkAccessibility, finalScreenshot, login } from "./support";

test("create a prospect and see a field error fixed", async ({ page }, testInfo) => {
  await login(page, "stagiaire01@demo.capvente.fr");
  await page.getByRole("navigation", { name: "Navigation principale" }).getByRole("link", { name: "Prospects" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Fichier prospects" })).toBeVisible();
  // Badges come from a page's writes: here the bulk actions and the merge of duplicates
  // (CP3 and its twin CT3), not the listing itself.
  const badges = page.getByRole("list", { name: "Compétences exercées" });
  await expect(badges.getByRole("listitem")).toHaveCount(2);
  await expect(badges).toContainText("CP3");
  await expect(badges).toContainText("CT3");
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
  // The list has a "Type" filter too: wait for the form before choosing the kind.
  await expect(page.getByRole("heading", { level: 1, name: "Nouveau prospect" })).toBeVisible();
  const form = page.getByRole("form", { name: "Nouveau prospect" });
  await form.getByLabel("Type", { exact: true }).selectOption("individual");
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

test("campaigns, bulk actions on the list and merging two duplicates", async ({ page }, testInfo) => {
  await login(page, "stagiaire03@demo.capvente.fr");
  await page.goto("/prospects");
  const tabs = page.getByRole("navigation", { name: "Prospection" });
  // The seeded campaigns are listed, with their members.
  await tabs.getByRole("link", { name: "Campagnes" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Campagnes de prospection" })).toBeVisible();
  await expect(page.getByRole("table").getByRole("row").nth(1)).toBeVisible();
  await checkAccessibility(page, "campagnes");
  await page.getByRole("table").getByRole("link").first().click();
  await expect(page.getByRole("heading", { level: 1, name: /^Campagne « / })).toBeVisible();
  await expect(page.getByRole("table", { name: "Membres de la campagne" }).getByRole("row").nth(1)).toBeVisible();
  await checkAccessibility(page, "campagne de démonstration");

  // A new campaign: the server names the field to correct, then it is created.
  await tabs.getByRole("link", { name: "Campagnes" }).click();
  await page.getByRole("button", { name: "Nouvelle campagne" }).click();
  await page.getByLabel("Nom de la campagne").fill("Relance E2E");
  await page.getByLabel("Canal").selectOption("postal");
  await page.getByLabel("Début").fill("2026-12-20");
  await page.getByLabel("Fin").fill("2026-12-10");
  await page.getByRole("button", { name: "Créer la campagne" }).click();
  await expect(page.getByLabel("Fin")).toHaveAttribute("aria-invalid", "true");
  await checkAccessibility(page, "nouvelle campagne avec erreur");
  await page.getByLabel("Fin").fill("2027-01-31");
  await page.getByRole("button", { name: "Créer la campagne" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Campagne « Relance E2E »" })).toBeVisible();
  await expect(page.getByText("Aucun membre.")).toBeVisible();

  // Two duplicate records.
  for (const [name, phone] of [["Doublon E2E SARL", ""], ["Doublon E2E", "04 78 12 34 56"]]) {
    await page.goto("/prospects/nouveau");
    await page.getByLabel("Raison sociale ou enseigne").fill(name);
    if (phone) await page.getByLabel("Téléphone").fill(phone);
    await page.getByRole("button", { name: "Créer le prospect" }).click();
    await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  }

  // Select both, tag them, move them on, add them to the campaign.
  await page.goto("/prospects");
  await page.getByLabel("Rechercher").fill("Doublon E2E");
  const list = page.getByRole("region", { name: "Liste des prospects" });
  await expect(list.getByRole("row")).toHaveCount(3);
  await page.getByLabel("Sélectionner toutes les fiches de la page").check();
  const bar = page.getByRole("region", { name: "Actions sur la sélection" });
  await expect(bar).toContainText("2 fiche(s) sélectionnée(s)");
  await bar.getByLabel("Action à appliquer").selectOption("add_tag");
  await bar.getByLabel("Étiquette").fill("salon-e2e");
  await bar.getByRole("button", { name: "Appliquer à 2 fiche(s)" }).click();
  await expect(bar.getByRole("status", { name: "Résultat de l'action groupée" })).toHaveText("2 fiche(s) modifiée(s).");
  await bar.getByLabel("Action à appliquer").selectOption("status");
  await bar.getByLabel("Nouveau statut").selectOption("prospect");
  await bar.getByRole("button", { name: "Appliquer à 2 fiche(s)" }).click();
  await expect(bar.getByRole("status", { name: "Résultat de l'action groupée" })).toHaveText("2 fiche(s) modifiée(s).");
  await expect(list.getByRole("row").filter({ hasText: "Doublon E2E" }).first()).toContainText("Prospect");
  await bar.getByLabel("Action à appliquer").selectOption("add_to_campaign");
  await bar.getByLabel("Campagne").selectOption({ label: "Relance E2E" });
  await bar.getByRole("button", { name: "Appliquer à 2 fiche(s)" }).click();
  await expect(bar.getByRole("status", { name: "Résultat de l'action groupée" })).toHaveText("2 fiche(s) ajoutée(s) à la campagne.");
  await checkAccessibility(page, "actions groupées");

  // Merge: keep the SARL record, take the other's name; its phone fills the empty one.
  await bar.getByRole("button", { name: "Fusionner ces deux fiches" }).click();
  const merge = page.getByRole("region", { name: "Fusionner deux fiches en double" });
  await merge.getByRole("radio", { name: /^Doublon E2E SARL \(n°/ }).check();
  const table = merge.getByRole("table");
  await expect(table.getByRole("row").filter({ hasText: "Téléphone" }).getByRole("radio", { name: /retenue/ })).toBeVisible();
  // Its accessible name gains « (retenue) » once picked: click, then check the new state.
  await table.getByRole("radio", { name: /^Doublon E2E$/ }).click();
  await expect(table.getByRole("row").filter({ hasText: "Nom" }).getByRole("radio", { name: /^Doublon E2E\s*\(retenue\)$/ })).toBeChecked();
  await expect(merge).toContainText("Étiquettes : réunies.");
  await checkAccessibility(page, "fusion");
  await merge.getByRole("button", { name: "Fusionner…" }).click();
  await merge.getByRole("button", { name: "Oui, fusionner" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Doublon E2E" })).toBeVisible();
  await expect(page.getByRole("region", { name: "Identité" })).toContainText(/\+33478123456|04 78 12 34 56/);
  await expect(page.getByRole("region", { name: "Identité" })).toContainText("salon-e2e");
  await page.goto("/prospects?q=Doublon%20E2E");
  await expect(page.getByRole("region", { name: "Liste des prospects" }).getByRole("row")).toHaveCount(2);

  // The campaign keeps one membership; remove it, edit the campaign, delete it.
  await page.goto("/prospects/campagnes");
  await page.getByRole("link", { name: "Relance E2E" }).click();
  const members = page.getByRole("table", { name: "Membres de la campagne" });
  await expect(members.getByRole("row")).toHaveCount(2);
  await expect(members).toContainText("Doublon E2E");
  await members.getByRole("button", { name: "Retirer" }).click();
  await members.getByRole("button", { name: "Oui, retirer" }).click();
  await expect(page.getByText("Aucun membre.")).toBeVisible();
  await page.getByRole("button", { name: "Modifier", exact: true }).click();
  await page.getByLabel("Nom de la campagne").fill("Relance E2E (hiver)");
  await page.getByLabel("Objectif de contacts").fill("30");
  await page.getByRole("button", { name: "Enregistrer les modifications" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Campagne « Relance E2E (hiver) »" })).toBeVisible();
  await expect(page.getByRole("region", { name: "Résumé de la campagne" })).toContainText("0 / 30 contacts");
  await page.getByRole("button", { name: "Supprimer" }).click();
  await page.getByRole("button", { name: "Oui, supprimer" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Campagnes de prospection" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Relance E2E (hiver)" })).toHaveCount(0);
  await finalScreenshot(page, testInfo);
});

test("a trainee checks the file against a Bloctel list", async ({ page }, testInfo) => {
  await login(page, "stagiaire04@demo.capvente.fr");
  await page.goto("/rgpd/bloctel");
  await expect(page.getByRole("heading", { level: 1, name: "Vérification Bloctel" })).toBeVisible();
  await checkAccessibility(page, "bloctel");
  await page.getByLabel("Liste Bloctel (fichier texte)").setInputFiles({
    name: "bloctel.txt", mimeType: "text/plain", buffer: Buffer.from("06 12 34 56 78\n0033 6 98 76 54 32\npas un numéro\n"),
  });
  await page.getByRole("button", { name: "Vérifier mon fichier" }).click();
  await expect(page.getByRole("status").filter({ hasText: "numéro(s) dans la liste" })).toContainText("1 ligne(s) illisible(s)");
  // The newest check first: 2 numbers read, 1 line ignored.
  const latest = page.getByRole("table", { name: "Vérifications Bloctel" }).getByRole("row").nth(1);
  await expect(latest.getByRole("cell").nth(0)).toHaveText("2");
  await expect(latest.getByRole("cell").nth(1)).toHaveText("1");
  await finalScreenshot(page, testInfo);
});
