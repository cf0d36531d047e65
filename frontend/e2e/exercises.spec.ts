// Training exercises on a simulated market (issue 21) in the browser. The demo seed ships the
// published « Campagne de phoning sous la règle de consentement 2026 » (assigned to
// stagiaire01 and stagiaire07) and two drafts. The trainer lists the exercises, tries a JSON
// document the server refuses (its faults by path), builds a new exercise from the tours
// template (business case, a market parameter refused then tuned), assigns it to a trainee
// and publishes it, and assigns the phoning campaign to the same trainee. The trainee
// (stagiaire06, whom no other spec writes with: session.spec only reads their pages) starts
// the phoning run, calls a company of the market and reads the outcome with its
// probabilities and factors, is refused the call of a consumer without consent (the policy's
// message, nothing recorded), advances the clock one day and reads what the market did, hands
// the run in, follows the journal to the prospect's file, then starts the tours run. The
// trainer sees the run handed in, the market locked, the results and their CSV, and advances
// every running run of the tours exercise one day (a background job whose progress is read
// again). The prospects and names are read from the API (whatever the seed decides); axe-core
// runs on every page state.
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { PASSWORD, checkAccessibility, finalScreenshot, login } from "./support";

const TRAINER = "formateur@demo.capvente.fr";
const TRAINEE = "stagiaire06@demo.capvente.fr";
const PHONING = "Campagne de phoning sous la règle de consentement 2026";
const TOURS = "Tournées de la semaine 50";

test.describe.configure({ mode: "serial" });

async function api(request: APIRequestContext, email: string) {
  const token = await request.post("/api/v1/auth/token", { form: { username: email, password: PASSWORD } });
  expect(token.ok()).toBeTruthy();
  const headers = { Authorization: `Bearer ${(await token.json()).access_token}` };
  return async (url: string) => {
    const response = await request.get(url, { headers });
    expect(response.ok(), await response.text()).toBeTruthy();
    return response.json();
  };
}

async function menu(page: Page, name: string) {
  await page.getByRole("navigation", { name: "Navigation principale" }).getByRole("link", { name, exact: true }).click();
}

test("the trainer builds an exercise from a template, tunes its market, assigns and publishes it", async ({
  page,
  request,
}, testInfo) => {
  test.setTimeout(180_000);
  const trainee = await (await api(request, TRAINEE))("/api/v1/me");
  await login(page, TRAINER);
  await menu(page, "Exercices");
  await expect(page.getByRole("heading", { level: 1, name: "Exercices" })).toBeVisible();
  const list = page.getByRole("table", { name: "Exercices de l'organisme" });
  const phoning = list.getByRole("row").filter({ hasText: PHONING });
  await expect(phoning).toContainText("Publié");
  await expect(phoning).toContainText("2 non démarrés");
  await expect(list.getByRole("row").filter({ hasText: "Brouillon" })).toHaveCount(2);
  await checkAccessibility(page, "liste des exercices");

  // A JSON document refused whole: every fault by its path, nothing created.
  await page.getByRole("link", { name: "Nouvel exercice" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Nouvel exercice" })).toBeVisible();
  await page.getByRole("radio", { name: "Un document JSON (import)" }).check();
  const importing = page.getByRole("form", { name: "Importer un exercice" });
  await importing.getByLabel("Fichier JSON de l'exercice").setInputFiles({
    name: "exercice.json",
    mimeType: "application/json",
    buffer: Buffer.from(JSON.stringify({ schema_version: 1, exercise: { title: "Essai", days: 0 } })),
  });
  await importing.getByRole("button", { name: "Importer" }).click();
  const refused = importing.getByRole("alert");
  await expect(refused).toContainText("Document refusé, aucun exercice n'a été créé : 1 erreur.");
  await expect(refused).toContainText("exercise.days");
  await checkAccessibility(page, "import refusé");

  // From the tours template: its title comes with it, then ours.
  await page.getByRole("radio", { name: "Un modèle prêt à l'emploi" }).check();
  const creating = page.getByRole("form", { name: "Depuis un modèle" });
  await creating.getByRole("radio", { name: /Une semaine de tournées et de visites/ }).check();
  await expect(creating.getByLabel("Titre")).toHaveValue("Une semaine de tournées et de visites");
  await creating.getByLabel("Titre").fill(TOURS);
  await checkAccessibility(page, "nouvel exercice depuis un modèle");
  await creating.getByRole("button", { name: "Créer l'exercice" }).click();

  // The builder: the template's instructions and objectives; a business case chosen.
  await expect(page.getByRole("heading", { level: 1, name: `Exercice « ${TOURS} »` })).toBeVisible();
  await expect(page.getByRole("region", { name: "L'exercice en bref" })).toContainText("Brouillon");
  const settings = page.getByRole("form", { name: "Paramètres" });
  await expect(settings.getByLabel("Consignes")).toHaveValue(/Votre semaine commence/);
  await expect(settings.getByLabel("Indicateur de l'objectif 1")).toHaveValue("visits_done");
  await settings.getByRole("button", { name: "Aperçu des consignes" }).click();
  await expect(page.getByRole("region", { name: "Aperçu des consignes" }).getByRole("heading", { name: "Votre mission" })).toBeVisible();
  await settings.getByLabel("Cas d'entreprise").selectOption({ index: 1 });
  await settings.getByRole("button", { name: "Enregistrer les paramètres" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Paramètres enregistrés." })).toBeVisible();
  await checkAccessibility(page, "paramètres de l'exercice");

  // The market: a rate beyond its bound is refused beside its field, then tuned.
  const market = page.getByRole("form", { name: "Paramètres du marché simulé" });
  await market.getByText("Modèle des appels").click();
  const reach = market.getByLabel("Taux de décroché de base d'un appel (un humain répond)");
  await expect(reach).toHaveValue("0.28");
  await expect(reach).toHaveAccessibleDescription(/De 0 à 1 · par défaut 0,28/);
  await reach.fill("3");
  await market.getByRole("button", { name: "Enregistrer le marché" }).click();
  await expect(reach).toHaveAccessibleDescription(/inférieur ou égal à 1/);
  await expect(reach).toHaveAttribute("aria-invalid", "true");
  await checkAccessibility(page, "marché refusé");
  await reach.fill("0.12");
  await market.getByRole("button", { name: "Enregistrer le marché" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Marché enregistré." })).toBeVisible();
  await expect(reach).toHaveValue("0.12");

  // Assigned to the trainee, then published.
  const assignment = page.getByRole("form", { name: "Attribution" });
  await assignment.getByLabel(trainee.full_name).check();
  await assignment.getByRole("button", { name: "Assigner" }).click();
  await expect(page.getByRole("status").filter({ hasText: `1 parcours créé : ${trainee.full_name}.` })).toBeVisible();
  const runs = page.getByRole("table", { name: "Parcours des stagiaires" });
  await expect(runs.getByRole("row").filter({ hasText: trainee.full_name })).toContainText("Non démarré");
  await page.getByRole("button", { name: "Publier" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Exercice publié" })).toBeVisible();
  await expect(page.getByRole("region", { name: "L'exercice en bref" })).toContainText("Publié");
  await checkAccessibility(page, "exercice publié");

  // The phoning campaign, published but not started: assigned to the trainee too.
  await page.getByRole("link", { name: "← Tous les exercices" }).click();
  await page.getByRole("link", { name: PHONING }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Exercice « ${PHONING} »` })).toBeVisible();
  await page.getByRole("form", { name: "Attribution" }).getByLabel(trainee.full_name).check();
  await page.getByRole("form", { name: "Attribution" }).getByRole("button", { name: "Assigner" }).click();
  await expect(page.getByRole("status").filter({ hasText: `1 parcours créé : ${trainee.full_name}.` })).toBeVisible();
  await expect(page.getByRole("table", { name: "Parcours des stagiaires" }).getByRole("row")).toHaveCount(4);
  await checkAccessibility(page, "campagne de phoning assignée");
  await finalScreenshot(page, testInfo);
});

test("the trainee runs the phoning campaign: a call and its factors, a refused call, a day advanced, the run handed in", async ({
  page,
  request,
}, testInfo) => {
  test.setTimeout(180_000);
  await login(page, TRAINEE);
  await menu(page, "Exercices");
  await expect(page.getByRole("heading", { level: 1, name: "Mes exercices" })).toBeVisible();
  const mine = page.getByRole("table", { name: "Mes exercices" });
  await expect(mine.getByRole("row").filter({ hasText: PHONING })).toContainText("Non démarré");
  await expect(mine.getByRole("row").filter({ hasText: TOURS })).toContainText("Non démarré");
  await checkAccessibility(page, "mes exercices");

  await mine.getByRole("link", { name: PHONING }).click();
  await expect(page.getByRole("heading", { level: 1, name: PHONING })).toBeVisible();
  const instructions = page.getByRole("region", { name: "Consignes" });
  await expect(instructions.getByRole("heading", { level: 3, name: "Votre mission" })).toBeVisible();
  await expect(instructions.getByText("dix jours simulés")).toHaveJSProperty("tagName", "STRONG");
  await checkAccessibility(page, "exercice à démarrer");
  await page.getByRole("button", { name: "Démarrer" }).click();
  const clock = page.getByRole("region", { name: "Horloge simulée" });
  await expect(clock.getByText(/^Jour simulé : \S+ \d{1,2} \S+ \d{4} — 9 jours restants$/)).toBeVisible();
  const firstDay = (await clock.getByText(/^Jour simulé :/).textContent())!;

  // A company of the market, called at 16 h: the outcome, its probabilities and factors.
  const market = page.getByRole("region", { name: "Votre marché : appeler, écrire" });
  await market.getByLabel("Type").selectOption("company");
  const table = market.getByRole("table", { name: "Prospects du marché simulé" });
  const rows = table.getByRole("row");
  await expect(table.getByRole("cell", { name: "Particulier (B2C)" })).toHaveCount(0);
  await expect(rows).toHaveCount(11);
  await expect(rows.nth(1)).toContainText("Entreprise (B2B)");
  const company = (await rows.nth(1).getByRole("rowheader").textContent())!.trim();
  await checkAccessibility(page, "marché du parcours");
  await market.getByRole("button", { name: `Appeler ${company}` }).click();
  const call = page.getByRole("form", { name: `Appeler ${company}` });
  await call.getByLabel("Heure de l'appel").selectOption("16");
  await call.getByRole("button", { name: "Appeler" }).click();
  const answer = page.getByRole("region", { name: /^Réponse du marché : / });
  await expect(answer).toBeVisible();
  await expect(answer.getByRole("heading", { name: /^Réponse du marché : / })).toBeFocused();
  await expect(answer.getByRole("table", { name: "Probabilités de chaque issue" })).toContainText("(tirée)");
  const factors = answer.getByRole("table", { name: "Facteurs appliqués" });
  await expect(factors.getByRole("row").filter({ hasText: "Tranche horaire de l'appel" })).toContainText("× 1,2");
  await expect(answer.getByRole("link", { name: `Voir la fiche de ${company} et son historique` })).toBeVisible();
  await checkAccessibility(page, "réponse du marché");

  // A consumer without consent to be phoned: refused by the policy before the market.
  const get = await api(request, TRAINEE);
  const individuals = ((await get("/api/v1/prospects?kind=individual&sort=-created_at&limit=200")).items as {
    id: number;
    name: string;
    tags: string[];
  }[]).filter((p) => p.tags.includes("marché simulé"));
  let refusedName: string | null = null;
  for (const p of individuals) {
    const policy = await get(`/api/v1/prospects/${p.id}/channel-policy`);
    const phone = (policy.decisions as { channel: string; allowed: boolean }[]).find((d) => d.channel === "phone");
    if (phone && !phone.allowed) {
      refusedName = p.name;
      break;
    }
  }
  expect(refusedName, "a consumer of the market whom the policy forbids to phone").not.toBeNull();
  await market.getByLabel("Type").selectOption("individual");
  await market.getByLabel("Nom ou ville").fill(refusedName!);
  await market.getByRole("button", { name: `Appeler ${refusedName}` }).first().click();
  const refusedCall = page.getByRole("form", { name: `Appeler ${refusedName}` });
  await refusedCall.getByRole("button", { name: "Appeler" }).click();
  const refusal = refusedCall.getByRole("alert");
  await expect(refusal).toContainText(
    "Appel refusé par la politique RGPD (téléphone) : rien n'a été enregistré et le marché n'a pas été consulté.",
  );
  await expect(refusal.getByRole("list", { name: "Canaux encore permis" })).toBeVisible();
  await checkAccessibility(page, "appel refusé");

  // One simulated day: what the market did, the clock one day on, the journal.
  await page.getByRole("button", { name: "Avancer d'un jour" }).click();
  await expect(clock.getByRole("heading", { name: /^Ce que le marché a fait le / })).toBeVisible();
  await expect(clock.getByText(/— 8 jours restants$/)).toBeVisible();
  expect(await clock.getByText(/^Jour simulé :/).textContent()).not.toEqual(firstDay);
  const journal = page.getByRole("table", { name: "Journal du marché" });
  const called = journal.getByRole("row").filter({ has: page.getByRole("cell", { name: "Appel", exact: true }) });
  await expect(called).toHaveCount(1);
  await expect(called).toBeVisible();
  await checkAccessibility(page, "journée jouée");

  // Handed in, asked twice.
  await page.getByRole("button", { name: "Rendre le parcours" }).click();
  await page.getByRole("group", { name: /^Rendre votre parcours \?/ }).getByRole("button", { name: "Oui, rendre le parcours" }).click();
  await expect(clock.getByText(/^Parcours rendu le /)).toBeVisible();
  await expect(page.getByRole("region", { name: "Votre marché : appeler, écrire" })).toHaveCount(0);
  await checkAccessibility(page, "parcours rendu");

  // The call is an exchange of the prospect's file.
  await called.getByRole("link", { name: /^Échange dans l'historique de la fiche/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: company })).toBeVisible();

  // The tours run, started for the trainer's cohort advance.
  await menu(page, "Exercices");
  await page.getByRole("table", { name: "Mes exercices" }).getByRole("link", { name: TOURS }).click();
  await page.getByRole("button", { name: "Démarrer" }).click();
  await expect(page.getByRole("region", { name: "Horloge simulée" }).getByText(/— 4 jours restants$/)).toBeVisible();
  await finalScreenshot(page, testInfo);
});

test("the trainer reads the run handed in and its results, and advances every running run a day", async ({
  page,
  request,
}, testInfo) => {
  test.setTimeout(180_000);
  const trainee = await (await api(request, TRAINEE))("/api/v1/me");
  await login(page, TRAINER);
  await menu(page, "Exercices");
  const list = page.getByRole("table", { name: "Exercices de l'organisme" });
  await expect(list.getByRole("row").filter({ hasText: PHONING })).toContainText("2 non démarrés, 1 rendu");
  await list.getByRole("link", { name: PHONING }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Exercice « ${PHONING} »` })).toBeVisible();

  // Somebody started: the market no longer changes, and says why.
  const marketCard = page.getByRole("region", { name: "Marché simulé" });
  // (A loading status may show beside it while the parameters' description loads.)
  await expect(marketCard.getByRole("status").filter({ hasText: "Des stagiaires ont démarré cet exercice" })).toBeVisible();
  await marketCard.getByText("Modèle des appels").click();
  await expect(marketCard.getByLabel("Taux de décroché de base d'un appel (un humain répond)")).toBeDisabled();

  const runs = page.getByRole("table", { name: "Parcours des stagiaires" });
  await expect(runs.getByRole("row").filter({ hasText: trainee.full_name })).toContainText("Rendu");
  const results = page.getByRole("table", { name: "Atteinte des objectifs par stagiaire" });
  const row = results.getByRole("row").filter({ hasText: trainee.full_name });
  await expect(row).toContainText("Rendu");
  await expect(row.getByRole("cell").last()).not.toHaveText("0");
  await expect(
    page.getByRole("table", { name: "Indicateurs du registre et réponses du marché par stagiaire" }).getByRole("row").filter({ hasText: trainee.full_name }),
  ).toContainText("Appel ·");
  await checkAccessibility(page, "résultats de l'exercice");
  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "Télécharger CSV" }).click();
  expect((await download).suggestedFilename()).toMatch(/^exercice-\d+-resultats\.csv$/);

  // The tours exercise: its one running run advanced a day by the background job.
  await page.getByRole("link", { name: "← Tous les exercices" }).click();
  await list.getByRole("link", { name: TOURS }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Exercice « ${TOURS} »` })).toBeVisible();
  const toursRuns = page.getByRole("table", { name: "Parcours des stagiaires" });
  await expect(toursRuns.getByRole("row").filter({ hasText: trainee.full_name })).toContainText("En cours");
  await expect(toursRuns.getByRole("row").filter({ hasText: trainee.full_name })).toContainText("4 jours restants");
  await page.getByRole("button", { name: "Avancer tous les parcours d'un jour" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Journée jouée pour 1 parcours." })).toBeVisible();
  await expect(toursRuns.getByRole("row").filter({ hasText: trainee.full_name })).toContainText("3 jours restants");
  await expect(toursRuns.getByRole("row").filter({ hasText: trainee.full_name })).toContainText("1 / 1 j");
  await checkAccessibility(page, "parcours avancés");
  await finalScreenshot(page, testInfo);
});
