import { expect, type Page, test } from "@playwright/test";
import { checkAccessibility, finalScreenshot, login } from "./support";

// A trainee no other spec writes with: stagiaire12.
const TRAINEE = "stagiaire12@demo.capvente.fr";
const TRAINER = "formateur@demo.capvente.fr";
const TITLE = "Équipement E2E";

async function openMenu(page: Page, name: string) {
  await page.getByRole("navigation", { name: "Navigation principale" }).getByRole("link", { name }).click();
}

async function switchTo(page: Page, email: string) {
  await page.getByRole("button", { name: "Se déconnecter" }).click();
  await login(page, email);
}

test("a trainee opens an opportunity, builds a quote, checks a figure, gets a discount approved, sends it as PDF, and the client accepts", async ({
  page,
}, testInfo) => {
  test.setTimeout(180_000);
  await login(page, TRAINEE);

  // The pipeline, then a new opportunity on a prospect of the file.
  await openMenu(page, "Ventes");
  await expect(page.getByRole("heading", { level: 1, name: "Ventes" })).toBeVisible();
  await page.getByRole("button", { name: "Nouvelle opportunité" }).click();
  const form = page.getByRole("form", { name: "Nouvelle opportunité" });
  const prospect = form.getByLabel("Prospect");
  await expect(prospect.locator("option").nth(1)).toBeAttached();
  await prospect.selectOption({ index: 1 });
  await form.getByLabel("Ce qu'il pourrait acheter").fill(TITLE);
  await form.getByLabel("Montant estimé HT (€)").fill("5000");
  await form.getByRole("button", { name: "Ouvrir l'opportunité" }).click();
  await expect(page.getByRole("heading", { level: 1, name: TITLE })).toBeVisible();
  await checkAccessibility(page, "opportunité");

  // A draft quote from the catalogue.
  await page.getByRole("button", { name: "Nouveau devis" }).click();
  const newQuote = page.getByRole("form", { name: "Nouveau devis" });
  const article = newQuote.getByLabel("Premier article");
  await expect(article.locator("option").nth(1)).toBeAttached();
  await article.selectOption({ index: 1 });
  await newQuote.getByLabel("Quantité").fill("2");
  await newQuote.getByRole("button", { name: "Créer le brouillon" }).click();
  await expect(page.getByRole("heading", { level: 1, name: /^Projet de devis n°\d+$/ })).toBeVisible();
  const totals = page.getByRole("table", { name: "Totaux du devis" });
  await expect(totals.getByRole("row", { name: /Total TTC/ })).toBeVisible();
  await checkAccessibility(page, "devis brouillon");

  // A discount beyond the limits: the live preview (the server's, nothing saved) says so,
  // and saving is refused until the manager is asked.
  const editor = page.getByRole("form", { name: "Brouillon du devis" });
  await expect(editor.getByText(/^Aperçu \(non enregistré\)/)).toBeVisible();
  await editor.getByLabel("Remises de la ligne 1 (%)").fill("25");
  await expect(editor.getByText(/remise au-delà de la limite \(ligne 1\)/)).toBeVisible();
  await editor.getByRole("button", { name: "Enregistrer et recalculer" }).click();
  const refusal = editor.getByRole("alert");
  await expect(refusal).toContainText("au-delà de la limite");
  await refusal.getByLabel("Motif de la demande d'accord au manager").fill("Client stratégique : trois sites à équiper.");
  await refusal.getByRole("button", { name: "Enregistrer et demander l'accord" }).click();
  await expect(page.getByText("Accord demandé").first()).toBeVisible();
  await expect(page.getByRole("row", { name: /Remise effective sur le brut/ })).toContainText("25 %");

  // The breakdown, then the checker: a wrong total says which step to look at.
  await page.getByRole("button", { name: "Afficher le détail du calcul" }).click();
  await expect(page.getByRole("heading", { level: 3, name: "TVA par taux sur le net financier" })).toBeVisible();
  const checker = page.getByRole("form", { name: "Mes calculs" });
  await checker.getByLabel("Total TTC").fill("1");
  await checker.getByRole("button", { name: "Vérifier" }).click();
  await expect(page.getByRole("status").filter({ hasText: "0 juste" })).toContainText("Total TTC : faux — Attendu");
  await checkAccessibility(page, "devis en attente d'accord");
  const quoteUrl = page.url();

  // The trainer approves the discount.
  await switchTo(page, TRAINER);
  await openMenu(page, "Remises à accorder");
  const request = page.getByRole("article", { name: new RegExp(TITLE) });
  await expect(request).toContainText("trois sites");
  await checkAccessibility(page, "remises à accorder");
  await request.getByLabel(/Votre réponse/).fill("D'accord pour ce client.");
  await request.getByRole("button", { name: "Accorder" }).click();
  await expect(page.getByRole("article", { name: new RegExp(TITLE) })).toHaveCount(0);

  // The trainee sends it (numbered), downloads the PDF, and the client accepts.
  await switchTo(page, TRAINEE);
  await page.goto(quoteUrl);
  await expect(page.getByText("Remise accordée").first()).toBeVisible();
  await page.getByRole("button", { name: "Envoyer le devis" }).click();
  await expect(page.getByText(/Devis envoyé : n° DEV-\d{4}-\d{5}\./)).toBeVisible();
  await expect(page.getByRole("heading", { level: 1, name: /^Devis DEV-\d{4}-\d{5}$/ })).toBeVisible();
  await expect(page.getByRole("form", { name: "Brouillon du devis" })).toHaveCount(0);
  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "Télécharger le PDF" }).click();
  expect((await download).suggestedFilename()).toMatch(/^DEV-\d{4}-\d{5}\.pdf$/);
  await page.getByRole("button", { name: "Le client accepte" }).click();
  await expect(page.getByText("Devis accepté : l'opportunité est gagnée.")).toBeVisible();
  await page.getByRole("link", { name: "← Opportunité" }).click();
  await expect(page.getByText("Gagnée").first()).toBeVisible();
  await checkAccessibility(page, "opportunité gagnée");
  await finalScreenshot(page, testInfo);
});

test("a trainee prepares a visit beside what is known, then writes its report whose next step becomes a task", async ({
  page,
}, testInfo) => {
  test.setTimeout(180_000);
  await login(page, TRAINEE);
  await openMenu(page, "Prospects");
  await page.getByRole("region", { name: "Liste des prospects" }).getByRole("link").first().click();
  const prospectUrl = page.url();

  // A visit that took place, recorded as such.
  await page.getByRole("button", { name: "Planifier un rendez-vous" }).click();
  const appointment = page.getByRole("form", { name: "Nouveau rendez-vous" });
  await appointment.getByLabel("Début").fill("2026-12-01T10:00");
  await appointment.getByLabel("C'est un rendez-vous passé, à consigner tel quel").check();
  await appointment.getByRole("button", { name: "Planifier le rendez-vous" }).click();
  await expect(page.getByRole("form", { name: "Nouveau rendez-vous" })).toHaveCount(0);

  // Its preparation sheet, beside what is known of the prospect.
  await page.getByRole("link", { name: /^Préparer le rendez-vous du 01\/12\/2026/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Préparation du rendez-vous" })).toBeVisible();
  await expect(page.getByRole("complementary", { name: "Ce que l'on sait du prospect" })).toContainText("Bibliothèque d'objections");
  const sheet = page.getByRole("form", { name: "Fiche de préparation" });
  await sheet.getByLabel("Objectif principal de la visite").fill("Obtenir l'accord pour un devis.");
  await sheet.getByLabel("Objectif de repli").fill("Un second rendez-vous avec le décideur.");
  await sheet.getByRole("button", { name: "Ajouter une question" }).click();
  await sheet.getByLabel("Texte de la question 1").fill("Comment faites-vous aujourd'hui ?");
  await sheet.getByLabel("Mobile exploré par la question 1").selectOption({ label: "Sécurité" });
  await sheet.getByRole("button", { name: "Ajouter un argument" }).click();
  await sheet.getByLabel("Produit de l'argument 1").selectOption({ index: 1 });
  await sheet.getByLabel("Caractéristique (argument 1)").fill("Garantie de 10 ans");
  await sheet.getByLabel("Avantage pour le client (argument 1)").fill("Aucune dépense imprévue");
  await sheet.getByLabel("Aucune situation de handicap connue (la question a été posée)").check();
  await sheet.getByRole("button", { name: "Enregistrer la préparation" }).click();
  const before = page.getByRole("region", { name: "Avant la visite" });
  await expect(before).toContainText("au moins 2");
  await expect(before).toContainText("n'a pas de preuve");
  // The trainee's own objection joins the library.
  const library = page.getByRole("form", { name: "Enrichir ma bibliothèque" });
  await library.getByLabel("L'objection").fill("Je dois en parler à mon associé (E2E).");
  await library.getByLabel("Ma réponse").fill("Proposons un rendez-vous à trois.");
  await library.getByRole("button", { name: "Ajouter à ma bibliothèque" }).click();
  await expect(page.getByRole("complementary", { name: "Ce que l'on sait du prospect" })).toContainText("mon associé (E2E)");
  await checkAccessibility(page, "préparation du rendez-vous");

  // The report after the visit: its next step becomes a task of the agenda.
  await page.goto(prospectUrl);
  await page.getByRole("link", { name: /^Compte rendu du rendez-vous du 01\/12\/2026/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Compte rendu d'entretien" })).toBeVisible();
  const report = page.getByRole("form", { name: "Compte rendu" });
  await report.getByLabel("Besoins exprimés").fill("Réduire les coupures.");
  await report.getByRole("checkbox", { name: "Sécurité" }).check();
  await report.getByRole("checkbox", { name: "Argent" }).check();
  await report.getByRole("button", { name: "Ajouter un argument" }).click();
  await report.getByLabel("Caractéristique (argument 1)").fill("Garantie de 10 ans");
  await report.getByLabel("Avantage (argument 1)").fill("Aucune dépense imprévue");
  await report.getByLabel("Accueil (argument 1)").selectOption({ label: "Convaincu" });
  await report.getByLabel("Signaux d'achat ou de refus observés").fill("Demande les délais, prend des notes.");
  await report.getByLabel("Aucune situation de handicap connue (la question a été posée)").check();
  await report.getByRole("button", { name: "Ajouter une étape" }).click();
  await report.getByLabel("Quoi (étape 1)").fill("Rappeler pour le devis E2E");
  await report.getByLabel("Pour le (étape 1)").fill("2026-12-20");
  await report.getByRole("button", { name: "Enregistrer le compte rendu" }).click();
  await expect(page.getByRole("region", { name: "Compte rendu exploitable ?" })).toContainText(
    "Compte rendu exploitable : rien ne manque.",
  );
  await checkAccessibility(page, "compte rendu");
  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "Télécharger le compte rendu en PDF" }).click();
  expect((await download).suggestedFilename()).toMatch(/\.pdf$/);

  await page.goto("/agenda/taches");
  await expect(page.getByRole("table", { name: "Tâches" }).getByRole("row", { name: /Rappeler pour le devis E2E/ })).toBeVisible();
  await finalScreenshot(page, testInfo);
});
