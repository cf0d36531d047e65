import { expect, type Page, test } from "@playwright/test";
import { checkAccessibility, finalScreenshot, login } from "./support";

// A trainee no other spec writes with: Théo Benali.
const TRAINEE = "stagiaire11@demo.capvente.fr";
const TRAINER = "formateur@demo.capvente.fr";
const TITLE = "Plan du trimestre E2E";
const COMMENT = "Ajoutez une action de relance pour le troisième mois.";

async function openMenu(page: Page, name: string) {
  await page.getByRole("navigation", { name: "Navigation principale" }).getByRole("link", { name }).click();
}

async function switchTo(page: Page, email: string) {
  await page.getByRole("button", { name: "Se déconnecter" }).click();
  await login(page, email);
}

async function openPlan(page: Page) {
  await page.getByRole("link", { name: TITLE }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: `Plan « ${TITLE} »` })).toBeVisible();
}

test("a trainee builds a plan under their business case; the trainer returns it, then validates it", async ({
  page,
}, testInfo) => {
  test.setTimeout(120_000);
  await login(page, TRAINEE);

  // « Mon entreprise »: the case assigned, read-only, in sections.
  await openMenu(page, "Mon entreprise");
  await expect(page.getByRole("heading", { level: 1, name: "Mon entreprise" })).toBeVisible();
  await expect(page.getByText(/— version 1/)).toBeVisible();
  for (const part of ["Identité", "Marché et segments", "Politique commerciale", "Catalogue"]) {
    await expect(page.getByRole("region", { name: part, exact: true })).toBeVisible();
  }
  await checkAccessibility(page, "mon entreprise");

  // A new plan for the quarter starting this month.
  await openMenu(page, "Plan d'actions");
  await expect(page.getByRole("heading", { level: 1, name: "Plans d'actions commerciales" })).toBeVisible();
  await checkAccessibility(page, "mes plans");
  await page.getByRole("button", { name: "Nouveau plan" }).click();
  const create = page.getByRole("form", { name: "Nouveau plan d'actions" });
  await create.getByLabel("Titre du plan").fill(TITLE);
  await create.getByLabel("Période").selectOption({ label: "Trimestre" });
  await create.getByRole("button", { name: "Créer le plan" }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Plan « ${TITLE} »` })).toBeVisible();
  await expect(page.getByRole("region", { name: "En bref" })).toContainText("Brouillon");
  await checkAccessibility(page, "plan vide");

  // An objective: 30 contacts.
  await page.getByRole("button", { name: "Ajouter un objectif" }).click();
  const objective = page.getByRole("form", { name: "Nouvel objectif" });
  await objective.getByLabel("Indicateur").selectOption("contacts");
  await expect(objective.getByLabel("Libellé")).toHaveValue("Contacts émis");
  await objective.getByLabel(/^Cible/).fill("30");
  await objective.getByRole("button", { name: "Ajouter l'objectif" }).click();
  await expect(page.getByRole("table", { name: "Objectifs du plan" }).getByRole("row", { name: /Contacts émis/ })).toBeVisible();

  // Three monthly slices, 10 / 10 / 5: the sum does not add up.
  const slices = page.getByRole("form", { name: "Ajouter une tranche à « Contacts émis »" });
  for (const target of ["10", "10", "5"]) {
    await slices.getByLabel("Tranche", { exact: true }).selectOption({ index: 1 });
    await slices.getByLabel("Cible de la tranche").fill(target);
    await slices.getByRole("button", { name: "Ajouter la tranche" }).click();
    await expect(slices.getByLabel("Cible de la tranche")).toHaveValue("");
  }
  const months = page.getByRole("table", { name: "Contacts émis : par mois" });
  await expect(months.getByRole("row")).toHaveCount(5);
  await expect(months).toContainText("Écart de -5 : la somme ne correspond pas à la cible");
  const decomposition = page.getByRole("region", { name: "Décomposition", exact: true });
  await expect(decomposition).toContainText("La soumission sera refusée");
  await checkAccessibility(page, "décomposition déséquilibrée");

  // Submitting is refused, each mismatch named.
  await page.getByRole("button", { name: "Soumettre au formateur" }).click();
  await expect(page.getByRole("region", { name: "Validation" }).getByRole("alert")).toContainText(
    "les 3 sous-objectifs totalisent 25.00 pour une cible de 30.00",
  );

  // The third slice fixed: 10.
  const third = months.getByRole("textbox", { name: /^Cible de / }).nth(2);
  await third.fill("10");
  await months.getByRole("button", { name: /^Enregistrer la cible de / }).nth(2).click();
  await expect(months).toContainText("La somme tombe juste");
  await expect(decomposition).toContainText("Rien à signaler");

  // An action serving the objective.
  await page.getByRole("button", { name: "Ajouter une action" }).click();
  const action = page.getByRole("form", { name: "Nouvelle action" });
  await action.getByLabel("Intitulé de l'action").fill("Phoning des commerces du territoire");
  await action.getByLabel("Type d'action").selectOption({ label: "Session de phoning" });
  await action.getByLabel("Temps prévu (heures)").fill("12");
  await action.getByRole("checkbox", { name: "Sert « Contacts émis »" }).check();
  await action.getByLabel("Apport attendu à « Contacts émis »").fill("30");
  await action.getByRole("button", { name: "Ajouter l'action" }).click();
  const added = page.getByRole("article", { name: /Phoning des commerces du territoire/ });
  await expect(added).toContainText("Contacts émis : apport attendu 30");
  await expect(page.getByRole("region", { name: "Activités (CP2.5)" })).toContainText("Chaque action sert un objectif et chaque objectif a ses actions.");
  await expect(page.getByRole("region", { name: "Avancement" }).getByRole("progressbar").first()).toBeVisible();
  await checkAccessibility(page, "plan complet");

  await page.getByRole("button", { name: "Soumettre au formateur" }).click();
  await expect(page.getByRole("region", { name: "En bref" })).toContainText("Soumis au formateur");
  await expect(page.getByRole("button", { name: "Ajouter une action" })).toHaveCount(0);
  await checkAccessibility(page, "plan soumis");

  // The trainer returns it: a comment is required.
  await switchTo(page, TRAINER);
  await openMenu(page, "Plans à valider");
  await expect(page.getByRole("heading", { level: 1, name: "Plans à valider" })).toBeVisible();
  await checkAccessibility(page, "plans à valider");
  await openPlan(page);
  await expect(page.getByText(/^Lecture seule/)).toBeVisible();
  const decision = page.getByRole("form", { name: "Décision sur le plan" });
  await decision.getByRole("button", { name: "Renvoyer" }).click();
  await expect(decision.getByLabel("Commentaire au stagiaire")).toHaveAccessibleDescription(/ce qu'il doit reprendre/);
  await checkAccessibility(page, "décision du formateur");
  await decision.getByLabel("Commentaire au stagiaire").fill(COMMENT);
  await decision.getByRole("button", { name: "Renvoyer" }).click();
  await expect(page.getByRole("region", { name: "En bref" })).toContainText("Renvoyé");

  // The trainee reads the comment and submits again.
  await switchTo(page, TRAINEE);
  await openMenu(page, "Plan d'actions");
  await openPlan(page);
  await expect(page.getByRole("note")).toContainText(COMMENT);
  await checkAccessibility(page, "plan renvoyé");
  await page.getByRole("button", { name: "Soumettre au formateur" }).click();
  await expect(page.getByRole("region", { name: "En bref" })).toContainText("Soumis au formateur");

  // The trainer validates it and follows the cohort's progress.
  await switchTo(page, TRAINER);
  await openMenu(page, "Promotion");
  await page.getByRole("link", { name: "Progression des plans d'actions de la promotion" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Progression des plans de la promotion" })).toBeVisible();
  const cohort = page.getByRole("table", { name: "Plans et avancement par stagiaire" });
  const row = cohort.getByRole("row").filter({ hasText: "Théo Benali" });
  await expect(row).toContainText(TITLE);
  await expect(row.getByRole("progressbar", { name: /Contacts émis/ })).toBeVisible();
  await checkAccessibility(page, "progression de la promotion");
  await openMenu(page, "Plans à valider");
  await openPlan(page);
  await page.getByRole("form", { name: "Décision sur le plan" }).getByRole("button", { name: "Valider" }).click();
  await expect(page.getByRole("region", { name: "En bref" })).toContainText("Validé");

  // Validated: frozen; a revision is a new draft.
  await switchTo(page, TRAINEE);
  await openMenu(page, "Plan d'actions");
  await openPlan(page);
  await expect(page.getByRole("button", { name: "Soumettre au formateur" })).toHaveCount(0);
  await page.getByRole("button", { name: "Réviser" }).click();
  await expect(page.getByRole("region", { name: "En bref" })).toContainText("Brouillon");
  await expect(page.getByRole("region", { name: "En bref" })).toContainText("reprend le plan précédent");
  await checkAccessibility(page, "révision");
  await finalScreenshot(page, testInfo);
});
