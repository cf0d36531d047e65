// The gap analysis (CP4) against the demo seed: stagiaire02 (Lucas Nguyen) analyses last
// month's plan, confirms a cause, adopts a corrective action (refused while it does not fit,
// then accepted into this month's draft plan), drafts, rewrites and submits the synthesis note
// and downloads it as PDF; the trainer reads the cohort dashboard and the queue, marks the note
// read, comments a passage and assesses CP4.3; the company tutor (Marc Lemaire, tutor of
// stagiaire02 and stagiaire04) has only his menu, reads and comments stagiaire04's note, and
// is sent away from the trainees' pages; the admin sees the tutor's trainees.
import { expect, test, type Locator, type Page } from "@playwright/test";
import { checkAccessibility, finalScreenshot, login } from "./support";

const TRAINEE = "stagiaire02@demo.capvente.fr";
const TRAINEE_NAME = "Lucas Nguyen";
const OTHER_NAME = "Amandine Garcia"; // stagiaire04: her note of last month is submitted
const TRAINER = "formateur@demo.capvente.fr";
const TUTOR = "tuteur@demo.capvente.fr";
const ADMIN = "admin@demo.capvente.fr";
const ADDED = "Un point d'accompagnement sur mes relances téléphoniques du matin.";
const MONTHS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"];

test.describe.configure({ mode: "serial" });

/** Last month and this month in Paris: the seed's validated plan and the draft plan. */
function months() {
  const [y, m] = new Date().toLocaleDateString("sv-SE", { timeZone: "Europe/Paris" }).split("-").map(Number);
  const prevYear = m === 1 ? y - 1 : y;
  const prev = m === 1 ? 12 : m - 1;
  const last = new Date(Date.UTC(prevYear, prev, 0)).getUTCDate();
  const mm = String(prev).padStart(2, "0");
  return {
    previousPlan: `PAC de ${MONTHS[prev - 1]} ${prevYear}`,
    currentPlan: `PAC de ${MONTHS[m - 1]} ${y}`,
    from: `${prevYear}-${mm}-01`,
    to: `${prevYear}-${mm}-${last}`,
    title: `Analyse du 01/${mm}/${prevYear} au ${last}/${mm}/${prevYear}`,
  };
}

const nav = (page: Page) => page.getByRole("navigation", { name: "Navigation principale" });

async function openMenu(page: Page, name: string) {
  await nav(page).getByRole("link", { name, exact: true }).click();
}

/** Selects `passage` in the version's text (as a reader would with the mouse). */
async function selectPassage(text: Locator, passage: string) {
  await text.evaluate((pre, wanted) => {
    const node = pre.firstChild as Text;
    const at = node.data.indexOf(wanted);
    const range = document.createRange();
    range.setStart(node, at);
    range.setEnd(node, at + wanted.length);
    const selection = document.getSelection() as Selection;
    selection.removeAllRanges();
    selection.addRange(range);
    pre.dispatchEvent(new MouseEvent("mouseup", { bubbles: true }));
  }, passage);
}

test("a trainee analyses last month, finds a cause, plans its corrective action and submits the note", async ({ page }, testInfo) => {
  test.setTimeout(180_000);
  const m = months();
  await login(page, TRAINEE);
  await openMenu(page, "Analyse des écarts");
  await expect(page.getByRole("heading", { level: 1, name: "Analyse des écarts" })).toBeVisible();
  await checkAccessibility(page, "mes analyses");

  // A new analysis of last month's validated plan.
  await page.getByRole("button", { name: "Nouvelle analyse" }).click();
  const create = page.getByRole("form", { name: "Nouvelle analyse" });
  const plan = create.getByLabel("Plan analysé");
  await expect(plan.locator("option", { hasText: m.previousPlan })).toHaveCount(1);
  await plan.selectOption((await plan.locator("option", { hasText: m.previousPlan }).getAttribute("value"))!);
  await checkAccessibility(page, "nouvelle analyse");
  await create.getByRole("button", { name: "Analyser cette période" }).click();
  await expect(page.getByRole("heading", { level: 1, name: m.title })).toBeVisible();

  // The figures: objectives against results (chart and table), funnel, trend, activity, ABC.
  const chart = page.getByRole("figure", { name: "Réalisé en part de la cible, par objectif" });
  await expect(chart.getByRole("listitem").filter({ hasText: "Contacts émis" })).toContainText("en retard");
  await expect(page.getByRole("table", { name: "Objectifs du plan, attendu et réalisé sur la période" })).toContainText("Contacts émis");
  await expect(page.getByRole("table", { name: /^Tunnel de vente/ }).getByRole("row", { name: /Contacts aboutis/ })).toBeVisible();
  await expect(page.getByRole("table", { name: /comparés à la période précédente/ })).toBeVisible();
  await expect(page.getByRole("region", { name: "Activité" })).toContainText("Contacts par jour");
  await expect(page.getByRole("region", { name: "Pareto et classes ABC" })).toBeVisible();
  await checkAccessibility(page, "analyse : chiffres");

  // The diagnosis: a cause found is confirmed (or, were none found, one of the trainee's own).
  await page.getByRole("button", { name: "Chercher les causes" }).click();
  await expect(page.getByText(/\d+ règles appliquées/)).toBeVisible();
  const causes = page.getByRole("region", { name: "Causes des écarts" });
  const found = causes.getByRole("article").filter({ hasText: "à examiner" });
  let causeTitle: string;
  if ((await found.count()) > 0) {
    const cause = causes.getByRole("article", { name: /Objectif en retard : Contacts émis/ });
    causeTitle = "Objectif en retard : Contacts émis";
    await expect(cause).toContainText("Règle « Objectif en retard »");
    await cause.getByLabel("Commentaire (facultatif)").fill("Deux semaines sans phoning au milieu du mois.");
    await checkAccessibility(page, "causes à examiner");
    await cause.getByRole("button", { name: "Confirmer la cause" }).click();
    await expect(cause.getByText("confirmée", { exact: true })).toBeVisible();
  } else {
    causeTitle = "Trop peu d'appels le matin";
    await causes.getByRole("button", { name: "Ajouter une cause" }).click();
    const form = page.getByRole("form", { name: "Ajouter une cause" });
    await form.getByLabel("Cause").fill(causeTitle);
    await form.getByLabel(/^Chiffres/).fill("Appels le matin = 12");
    await form.getByRole("button", { name: "Ajouter la cause" }).click();
    await expect(causes.getByRole("article", { name: new RegExp(causeTitle) })).toContainText("confirmée");
  }

  // A corrective action proposed for it, adopted, refused while it does not fit, then accepted.
  const actions = page.getByRole("region", { name: "Actions correctives" });
  await actions.getByRole("button", { name: `Proposer des actions pour « ${causeTitle} »` }).click();
  const adopt = actions.getByRole("button", { name: /^Adopter « / }).first();
  await adopt.click();
  await expect(actions.getByRole("button", { name: "Adoptée" })).toBeVisible();
  const action = actions.getByRole("article").first();
  await expect(action).toContainText("proposée");
  await checkAccessibility(page, "action proposée");
  await action.getByRole("button", { name: "Modifier l'action" }).click();
  const edit = action.getByRole("form", { name: /^Modifier « / });
  await edit.getByLabel("Temps prévu (heures)").fill("400");
  await edit.getByRole("button", { name: "Enregistrer l'action" }).click();
  await expect(action).toContainText("400 h");
  await action.getByRole("button", { name: "Vérifier et accepter" }).click();
  await expect(action.getByLabel("Plan suivant")).toContainText(m.currentPlan);
  await action.getByRole("button", { name: "Vérifier la faisabilité" }).click();
  await expect(action.getByText("Pas réalisable en l'état.")).toBeVisible();
  await expect(action.getByRole("list", { name: /^Vérifications de/ })).toContainText("✗ Temps disponible dans l'agenda : ne tient pas");
  await action.getByRole("button", { name: "Accepter dans le plan suivant" }).click();
  const refusal = action.getByRole("alert");
  await expect(refusal).toContainText("Action refusée : elle n'est pas réalisable en l'état.");
  await expect(refusal).toContainText("Agenda trop chargé");
  await checkAccessibility(page, "action refusée");
  await action.getByRole("button", { name: "Fermer la vérification" }).click();
  await action.getByRole("button", { name: "Modifier l'action" }).click();
  await edit.getByLabel("Temps prévu (heures)").fill("6");
  await edit.getByRole("button", { name: "Enregistrer l'action" }).click();
  await expect(action).toContainText("6 h");
  await action.getByRole("button", { name: "Vérifier et accepter" }).click();
  await action.getByRole("button", { name: "Vérifier la faisabilité" }).click();
  await expect(action.getByText("Réalisable : chaque vérification tient.")).toBeVisible();
  await action.getByRole("button", { name: "Accepter dans le plan suivant" }).click();
  await expect(action).toContainText("acceptée dans le plan suivant");
  await expect(action.getByRole("link", { name: "l'action du plan suivant" })).toBeVisible();
  await checkAccessibility(page, "action acceptée");

  // The note: drafted from the analysis, rewritten, its advice and preview, submitted.
  await page.getByRole("button", { name: "Rédiger la note de synthèse" }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Note de synthèse — ${m.title}` })).toBeVisible();
  const text = page.getByLabel("Texte de la note (Markdown)");
  await expect(text).toHaveValue(/## Demandes au manager/);
  await expect(page.getByRole("region", { name: "Aperçu de la note enregistrée" }).locator("svg").first()).toBeVisible();
  await checkAccessibility(page, "note : brouillon");
  const body = await text.inputValue();
  await text.fill(body.replace("## Demandes au manager\n\n- ", `## Demandes au manager\n\n- ${ADDED}`));
  await expect(page.getByText("Modifications non enregistrées.")).toBeVisible();
  await page.getByRole("button", { name: "Enregistrer", exact: true }).click();
  await expect(page.getByText("Texte enregistré.")).toBeVisible();
  const preview = page.getByRole("region", { name: "Aperçu de la note enregistrée" });
  await expect(preview).toContainText(ADDED);
  await expect(preview.getByRole("img", { name: "Objectifs et réalisations" }).locator("svg")).toBeVisible();
  await expect(page.getByRole("region", { name: "Conseils de lisibilité" }).getByRole("listitem").first()).toBeVisible();
  await page.getByRole("button", { name: "Soumettre la note" }).click();
  await expect(page.getByText(/^Version 1 soumise le/)).toBeVisible();
  await checkAccessibility(page, "note soumise");

  // The version as PDF.
  const response = page.waitForResponse((r) => r.url().includes("/versions/1/export?format=pdf"));
  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "Télécharger la version 1 en PDF" }).click();
  expect((await response).headers()["content-type"]).toBe("application/pdf");
  expect((await download).suggestedFilename()).toMatch(/^note-\d+-v1\.pdf$/);
  await finalScreenshot(page, testInfo);
});

test("the trainer reads the cohort dashboard, the queue, and comments and assesses the note", async ({ page }, testInfo) => {
  test.setTimeout(120_000);
  const m = months();
  await login(page, TRAINER);
  await openMenu(page, "Tableau de bord");
  await expect(page.getByRole("heading", { level: 1, name: "Tableau de bord de la promotion" })).toBeVisible();
  const trainees = page.getByRole("table", { name: /^Indicateurs principaux/ });
  await expect(trainees.getByRole("row", { name: new RegExp(TRAINEE_NAME) })).toBeVisible();
  await expect(trainees.getByRole("row", { name: new RegExp(OTHER_NAME) })).toBeVisible();
  await checkAccessibility(page, "tableau de bord de la promotion");
  // Last month: Lucas is behind on the plan's objectives.
  await page.getByLabel("Du", { exact: true }).fill(m.from);
  await page.getByLabel("Au", { exact: true }).fill(m.to);
  const help = page.getByRole("region", { name: "Qui a besoin d'aide" });
  await expect(help.getByRole("listitem").filter({ hasText: TRAINEE_NAME })).toContainText("objectifs en retard");
  await expect(trainees.getByRole("row", { name: new RegExp(TRAINEE_NAME) })).toContainText("à aider");
  await expect(page.getByRole("table", { name: /^Minimum, quartiles/ }).getByRole("row", { name: /Contacts émis/ })).toBeVisible();

  // The queue: both notes; Lucas's is read, commented on a passage, assessed.
  await openMenu(page, "Notes à lire");
  await expect(page.getByRole("heading", { level: 1, name: "Notes à lire" })).toBeVisible();
  const queue = page.getByRole("table", { name: /^Notes de synthèse à lire/ });
  await expect(queue.getByRole("row", { name: new RegExp(OTHER_NAME) })).toBeVisible();
  await expect(queue.getByRole("row", { name: new RegExp(TRAINEE_NAME) })).toBeVisible();
  await checkAccessibility(page, "notes à lire");
  await queue.getByRole("row", { name: new RegExp(TRAINEE_NAME) }).getByRole("link").click();
  await expect(page.getByRole("heading", { level: 1, name: `Note de synthèse — ${m.title}` })).toBeVisible();
  await page.getByRole("button", { name: "Marquer comme lue" }).click();
  await expect(page.getByText("Vous avez lu cette version")).toBeVisible();
  await selectPassage(page.getByRole("region", { name: "Texte à commenter, version 1" }), ADDED);
  await expect(page.getByLabel("Passage cité")).toHaveValue(ADDED);
  await page.getByLabel("Commentaire", { exact: true }).fill("Précisez les créneaux et ce que vous attendez du manager.");
  await page.getByRole("button", { name: "Commenter le passage" }).click();
  const comments = page.getByRole("list", { name: "Commentaires de la version 1" });
  await expect(comments.locator("blockquote")).toHaveText(ADDED);
  await expect(comments).toContainText("Claire Formatrice (formateur)");
  const assess = page.getByRole("form", { name: "Évaluer d'après la version 1" });
  await assess.getByRole("group", { name: /^CP4\.3/ }).getByRole("radio", { name: "acquis" }).check();
  await checkAccessibility(page, "lecture de la note");
  await assess.getByRole("button", { name: "Enregistrer l'évaluation" }).click();
  await expect(assess.getByText("Évaluation enregistrée : CP4.3 acquis.")).toBeVisible();

  // Read: it has left the trainer's queue; Amandine's is still there.
  await openMenu(page, "Notes à lire");
  await expect(queue.getByRole("row", { name: new RegExp(OTHER_NAME) })).toBeVisible();
  await expect(queue.getByRole("row", { name: new RegExp(TRAINEE_NAME) })).toHaveCount(0);
  await finalScreenshot(page, testInfo);
});

test("the company tutor reads and comments his trainees' notes, and nothing else", async ({ page }, testInfo) => {
  test.setTimeout(120_000);
  await login(page, TUTOR);
  await expect(page.getByRole("heading", { level: 1, name: "Notes à lire" })).toBeVisible();
  await expect(nav(page).getByRole("link")).toHaveText(["Notes à lire", "Analyses", "Alternants"]);
  await expect(nav(page).getByRole("link", { name: "Prospects" })).toHaveCount(0);
  await expect(nav(page).getByRole("link", { name: "Promotion" })).toHaveCount(0);
  await expect(page.getByText("(tuteur en entreprise)")).toBeVisible();
  const queue = page.getByRole("table", { name: /^Notes de synthèse à lire/ });
  await expect(queue.getByRole("row", { name: new RegExp(TRAINEE_NAME) })).toBeVisible();
  await checkAccessibility(page, "tuteur : notes à lire");

  // Amandine's note: a passage typed and commented; commenting marks it read; no assessment.
  await queue.getByRole("row", { name: new RegExp(OTHER_NAME) }).getByRole("link").click();
  await expect(page.getByRole("heading", { level: 1, name: /^Note de synthèse/ })).toBeVisible();
  await expect(page.getByRole("heading", { name: /^Évaluer/ })).toHaveCount(0);
  await page.getByLabel("Passage cité").fill("traitement des objections");
  await page.getByLabel("Commentaire", { exact: true }).fill("On en parle jeudi, je vous montre nos fiches objections.");
  await page.getByRole("button", { name: "Commenter le passage" }).click();
  const comments = page.getByRole("list", { name: "Commentaires de la version 1" });
  await expect(comments.locator("blockquote")).toHaveText("traitement des objections");
  await expect(comments).toContainText("Marc Lemaire (tuteur en entreprise)");
  await expect(page.getByText("Vous avez lu cette version")).toBeVisible();
  await checkAccessibility(page, "tuteur : lecture de la note");

  // His trainees, their analyses (read-only) and portfolio.
  await openMenu(page, "Alternants");
  await expect(page.getByRole("heading", { level: 1, name: "Mes alternants" })).toBeVisible();
  await checkAccessibility(page, "tuteur : alternants");
  await page.getByRole("link", { name: `Analyses de ${TRAINEE_NAME}` }).click();
  const list = page.getByRole("table", { name: "Analyses des stagiaires" });
  await list.getByRole("row", { name: new RegExp(TRAINEE_NAME) }).first().getByRole("link").first().click();
  await expect(page.getByText(/^Lecture seule/)).toBeVisible();
  await expect(page.getByRole("region", { name: "Causes des écarts" }).getByRole("article").first()).toBeVisible();
  await expect(page.getByRole("button", { name: "Chercher les causes" })).toHaveCount(0);
  await checkAccessibility(page, "tuteur : analyse");
  await openMenu(page, "Alternants");
  await page.getByRole("link", { name: `Portfolio de ${TRAINEE_NAME}` }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Portfolio de ${TRAINEE_NAME}` })).toBeVisible();
  await checkAccessibility(page, "tuteur : portfolio");

  // A trainee's page is not his: said plainly, nothing broken.
  await page.goto("/prospects");
  await expect(page.getByRole("heading", { level: 1, name: "Page réservée" })).toBeVisible();
  await expect(page.getByRole("alert")).toContainText("n'est pas ouverte aux tuteurs en entreprise");
  await checkAccessibility(page, "tuteur : page réservée");
  await finalScreenshot(page, testInfo);
});

test("the admin sees a tutor's trainees on his account", async ({ page }, testInfo) => {
  await login(page, ADMIN);
  await openMenu(page, "Utilisateurs");
  await page.getByLabel("Rôle").selectOption({ label: "Tuteur en entreprise" });
  await page.getByRole("button", { name: "Modifier Marc Lemaire" }).click();
  const tutees = page.getByRole("form", { name: "Alternants suivis par Marc Lemaire" });
  await expect(tutees.getByRole("checkbox", { name: new RegExp(TRAINEE_NAME) })).toBeChecked();
  await expect(tutees.getByRole("checkbox", { name: new RegExp(OTHER_NAME) })).toBeChecked();
  await checkAccessibility(page, "admin : alternants du tuteur");
  await finalScreenshot(page, testInfo);
});
