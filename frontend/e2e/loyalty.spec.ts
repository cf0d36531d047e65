// The loyalty (issue 18, CP8) in the browser, as a demo trainee (seed/loyalty.py gives each
// trainee's customers two years of orders, a third of them gone quiet, a relaunch plan
// « Reconquête des comptes inactifs », an NPS survey « Satisfaction clients » with answers and
// an open day in 14 days; the counts are read from the API, as the seed decides them): the
// RFM grid and its segments (a cell filters the customers), the
// co-purchase rules computed with their progress; the inactive accounts, a relaunch task in one
// click and the detection of the others; an inactive customer enrolled in the seeded plan and
// the first step's message (recorded, or refused with its rule); an offer built with the live
// check (refused beyond the policy, then within it), proposed and accepted; the survey's NPS
// and a detractor's answer with its task; customers invited to the open day, one answering.
// axe-core runs on every page visited.
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { PASSWORD, checkAccessibility, finalScreenshot, login } from "./support";

// A trainee whose loyalty no other spec writes (tours.spec only plans their tours).
const TRAINEE = "stagiaire07@demo.capvente.fr";

async function tab(page: Page, name: string) {
  await page.getByRole("navigation", { name: "Fidélisation" }).getByRole("link", { name, exact: true }).click();
}

interface Seeded {
  /** A customer to whom an offer of the catalogue's first product, without discount, is allowed. */
  offer: { id: number; name: string; product: string; label: string };
  /** The inactive accounts, none detected yet. */
  inactive: number;
  /** The seeded survey's NPS, and a way to read it again. */
  nps: string;
  readNps: () => Promise<string>;
}

/** An NPS of the API ("42.9") as the page says it (« +42,9 »). */
function npsText(score: string): string {
  const n = Number(score);
  const shown = String(Math.abs(n)).replace(".", ",");
  return n > 0 ? `+${shown}` : n < 0 ? `−${shown}` : "0";
}

/** Through the API, as the trainee: the counts the seed decided (inactive accounts, the NPS)
 * and a customer the loyalty policy lets us make an offer to (the live check, as the builder
 * calls it, for each customer until one fits). */
async function seed(request: APIRequestContext): Promise<Seeded> {
  const token = await request.post("/api/v1/auth/token", { form: { username: TRAINEE, password: PASSWORD } });
  expect(token.ok()).toBeTruthy();
  const headers = { Authorization: `Bearer ${(await token.json()).access_token}` };
  const get = async (url: string) => {
    const response = await request.get(url, { headers });
    expect(response.ok(), await response.text()).toBeTruthy();
    return response.json();
  };
  const active = await get("/api/v1/business-cases/active");
  const product = active.document.catalogue.products[0] as { reference: string; label: string };
  const customers = (await get("/api/v1/loyalty/customers?sort=name&limit=200")).items as { prospect_id: number; name: string }[];
  expect(customers.length, "the demo seed's customers").toBeGreaterThanOrEqual(8);
  const inactive = (await get("/api/v1/loyalty/inactive?limit=1")).total as number;
  expect(inactive, "the demo seed's inactive accounts").toBeGreaterThanOrEqual(2);
  const surveys = (await get("/api/v1/surveys")).items as { id: number; title: string; nps: { score: string } }[];
  const survey = surveys.find((x) => x.title === "Satisfaction clients");
  expect(survey, "the demo seed's survey").toBeDefined();
  const readNps = async () => npsText((await get(`/api/v1/surveys/${survey!.id}`)).nps.score);
  const validUntil = new Date(Date.now() + 20 * 86_400_000).toISOString().slice(0, 10);
  for (const c of customers) {
    const check = await request.post("/api/v1/offers/check", {
      headers,
      data: {
        prospect_id: c.prospect_id,
        title: "Offre E2E",
        lines: [{ product_reference: product.reference, quantity: 1, discount: 0 }],
        valid_until: validUntil,
      },
    });
    const body = await check.json();
    if (check.ok() && body.allowed && !body.needs_approval)
      return {
        offer: { id: c.prospect_id, name: c.name, product: product.reference, label: product.label },
        inactive,
        nps: await readNps(),
        readNps,
      };
  }
  throw new Error("No customer of the demo may receive an offer without discount.");
}

test("a trainee reads the RFM segments, relaunches inactive accounts, makes an offer, reads the NPS and invites customers", async ({
  page,
  request,
}, testInfo) => {
  test.setTimeout(300_000);
  const seeded = await seed(request);
  await login(page, TRAINEE);

  // The segments: the grid (a real table), the segments with their small-sample warnings, the
  // lifetime value and its method; a cell filters the customers.
  await page.getByRole("navigation", { name: "Navigation principale" }).getByRole("link", { name: "Fidélisation" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Fidélisation : segments RFM" })).toBeVisible();
  const grid = page.getByRole("table", { name: /^Grille RFM/ });
  await expect(grid.getByRole("columnheader")).toHaveCount(5);
  await expect(grid.getByRole("rowheader")).toHaveCount(5);
  await expect(grid.getByRole("button")).toHaveCount(25);
  await expect(page.getByText("Méthode de la valeur vie client :")).toBeVisible();
  const segments = page.getByRole("table", { name: /^Segments RFM/ });
  await expect(segments.getByRole("row")).toHaveCount(9);
  await expect(segments).toContainText("trop peu pour que les scores aient un sens");
  const customers = page.getByRole("table", { name: "Clients, historique d'achat et segment RFM" });
  await expect(customers.getByRole("row").nth(1)).toBeVisible();
  // The most populated cell of the grid.
  const counts = await grid.getByRole("button").evaluateAll((buttons) =>
    buttons.map((b) => Number((b.getAttribute("aria-label") ?? "").match(/ : (\d+) client/)?.[1] ?? 0)),
  );
  const best = counts.indexOf(Math.max(...counts));
  const cell = grid.getByRole("button").nth(best);
  await cell.click();
  await expect(cell).toHaveAttribute("aria-pressed", "true");
  await expect(page.getByText(/^Case de la grille : récence \d, fréquence \d\./)).toBeVisible();
  await expect(customers.getByRole("row")).toHaveCount(counts[best] + 1);
  await checkAccessibility(page, "segments RFM, case choisie");
  await page.getByRole("button", { name: "Retirer le filtre de la grille" }).click();
  await expect(cell).toHaveAttribute("aria-pressed", "false");

  // The co-purchase rules: computed as a job, its progress shown until it is done.
  const rulesCard = page.getByRole("region", { name: "Recommandations : règles de co-achat" });
  await rulesCard.getByRole("button", { name: "Calculer les règles" }).click();
  await expect(rulesCard.getByText(/Calcul des règles n° \d+ : terminé/)).toBeVisible({ timeout: 30_000 });
  const rules = rulesCard.getByRole("table", { name: "Règles de co-achat, le lift le plus élevé d'abord" });
  await expect(rules.getByRole("row").nth(1)).toContainText("achètent aussi");
  await checkAccessibility(page, "règles de co-achat");

  // The inactive accounts: one relaunch task in one click, then the detection of the others.
  await tab(page, "Comptes inactifs");
  await expect(page.getByRole("heading", { level: 1, name: "Comptes inactifs" })).toBeVisible();
  const inactive = page.getByRole("table", { name: "Comptes inactifs, les plus en retard d'abord" });
  const n = seeded.inactive;
  await expect(inactive.getByRole("row")).toHaveCount(Math.min(n, 20) + 1);
  await expect(inactive).toContainText(/rythme habituel|seuil du cas/);
  await expect(inactive).toContainText("de retard");
  const first = inactive.getByRole("row").nth(1);
  const firstName = ((await first.getByRole("rowheader").textContent()) ?? "").trim();
  await first.getByRole("button", { name: `Créer la tâche de relance de ${firstName}` }).click();
  await expect(first.getByRole("link", { name: `Tâche de relance de ${firstName}` })).toHaveAttribute(
    "href",
    /^\/agenda\/taches\?tache=\d+$/,
  );
  await expect(first).toContainText("Détecté le");
  await page.getByRole("button", { name: "Détecter maintenant" }).click();
  await expect(
    page.getByText(`${n} compte(s) inactif(s), ${n - 1} nouvellement détecté(s), ${n - 1} tâche(s) de relance créée(s).`, { exact: false }),
  ).toBeVisible();
  await expect(inactive.getByRole("button", { name: /^Créer la tâche de relance/ })).toHaveCount(0);
  await checkAccessibility(page, "comptes inactifs détectés");

  // An inactive customer enrolled in the seeded plan: the first step's message, recorded or
  // refused with its rule.
  await tab(page, "Plans de relance");
  await page.getByRole("link", { name: "Reconquête des comptes inactifs" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Plan de relance : Reconquête des comptes inactifs" })).toBeVisible();
  await expect(page.getByRole("list", { name: "Étapes du plan" })).toContainText("Étape 1 — E-mail");
  const enrol = page.getByRole("form", { name: "Inscrire des clients au plan" });
  await expect(enrol.getByLabel("Comptes inactifs seulement")).toBeChecked();
  const inactiveCustomers = enrol.getByRole("list", { name: "Clients à inscrire : clients" });
  await expect(inactiveCustomers.getByRole("checkbox")).toHaveCount(n);
  await inactiveCustomers.getByRole("checkbox").first().check();
  await expect(enrol.getByText("1 client coché.")).toBeVisible();
  await enrol.getByRole("button", { name: "Inscrire au plan" }).click();
  const result = page.getByRole("region", { name: "Résultat de l'inscription" });
  await expect(result).toContainText("1 client(s) inscrit(s)");
  const firstStep = result.getByRole("table", { name: "Messages de la première étape" }).getByRole("row").nth(1);
  await expect(firstStep).toContainText(/Enregistré|Refusé : /);
  await expect(page.getByRole("table", { name: "Clients inscrits au plan" })).toContainText("En cours");
  await expect(page.getByRole("table", { name: "Messages du plan, enregistrés ou refusés" }).getByRole("row")).toHaveCount(2);
  await checkAccessibility(page, "plan de relance avec un client inscrit");

  // An offer: the live check refuses a discount beyond the policy (and the server too, 409
  // with its findings), then accepts the offer without discount; proposed, then accepted.
  await page.goto(`/fidelisation/clients/${seeded.offer.id}`);
  await expect(page.getByRole("heading", { level: 1, name: `Client : ${seeded.offer.name}` })).toBeVisible();
  await expect(page.getByRole("region", { name: "Historique d'achat" })).toContainText("Valeur vie client HT");
  await checkAccessibility(page, "page client");
  await page.getByRole("link", { name: "Proposer une offre", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Nouvelle offre de fidélisation" })).toBeVisible();
  const offer = page.getByRole("form", { name: "Offre" });
  await expect(offer.getByLabel("Client", { exact: true })).toHaveValue(String(seeded.offer.id));
  await offer.getByLabel("Produit (ligne 1)").selectOption(seeded.offer.product);
  await offer.getByLabel("Remise en % (ligne 1)").fill("60");
  const check = page.getByRole("region", { name: "Vérification en direct" });
  await expect(check).toContainText("Offre refusée");
  await expect(check.getByRole("list", { name: "Constats de la vérification" })).toContainText("Refusé :");
  await offer.getByRole("button", { name: "Proposer l'offre" }).click();
  const refusal = offer.getByRole("alert");
  await expect(refusal).toContainText("Offre refusée");
  await expect(refusal.getByRole("list", { name: "Constats du refus" }).getByRole("listitem").first()).toBeVisible();
  await checkAccessibility(page, "offre refusée");
  await offer.getByLabel("Remise en % (ligne 1)").fill("0");
  await expect(check).toContainText("Offre dans la politique de fidélisation : règle «");
  await expect(check.getByRole("list", { name: "Constats de la vérification" })).toContainText("Respecté :");
  await checkAccessibility(page, "offre dans la politique");
  await offer.getByRole("button", { name: "Proposer l'offre" }).click();
  await expect(page.getByText(new RegExp(`proposée à ${seeded.offer.name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`))).toBeVisible();
  await page.getByRole("link", { name: "Voir les offres" }).click();
  const offers = page.getByRole("table", { name: "Offres de fidélisation" });
  const offerRow = offers.getByRole("row").filter({ hasText: seeded.offer.name });
  await expect(offerRow).toContainText("Proposée");
  await offerRow.getByRole("button", { name: /^Le client accepte/ }).click();
  await expect(offerRow).toContainText("Acceptée");
  await expect(offerRow.getByRole("button", { name: /^Convertir en devis/ })).toBeVisible();
  await checkAccessibility(page, "offres");

  // The survey: its NPS and distribution; the last customer's answer, a detractor, makes a task.
  await tab(page, "Enquêtes");
  await page.getByRole("link", { name: "Satisfaction clients" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Enquête : Satisfaction clients" })).toBeVisible();
  await expect(page.getByText(`NPS : ${seeded.nps}`, { exact: true })).toBeVisible();
  const distribution = page.getByRole("table", { name: "Répartition des notes de 0 à 10" });
  await expect(distribution.getByRole("row")).toHaveCount(12);
  await expect(distribution.getByRole("row", { name: /^10 Promoteur 2/ })).toBeVisible();
  await expect(page.getByRole("table", { name: "Clients interrogés, leur note et leur verbatim" })).toContainText(
    "« Délais de livraison trop longs. »",
  );
  const answer = page.getByRole("form", { name: "Enregistrer une réponse" });
  await answer.getByLabel("Client", { exact: true }).selectOption({ index: 1 });
  await answer.getByLabel("Note de 0 à 10").selectOption("3");
  await answer.getByLabel("Verbatim").fill("Installation trop longue.");
  await answer.getByRole("button", { name: "Enregistrer la réponse" }).click();
  await expect(page.getByText(/: détracteur, une tâche de rappel est créée\./)).toBeVisible();
  const after = await seeded.readNps();
  expect(after).not.toBe(seeded.nps);
  await expect(page.getByText(`NPS : ${after}`, { exact: true })).toBeVisible();
  // Two detractors now (the seeded one and this one), each with the task to call them back.
  const callBacks = page.getByRole("link", { name: /^Tâche de rappel de / });
  await expect(callBacks).toHaveCount(2);
  for (const link of await callBacks.all()) {
    await expect(link).toHaveAttribute("href", /^\/agenda\/taches\?tache=\d+$/);
  }
  await checkAccessibility(page, "enquête NPS");

  // The open day: customers invited (each through an allowed channel, or refused with the
  // rule), one answers yes.
  await tab(page, "Événements");
  await page.getByRole("link", { name: /^Journée portes ouvertes/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: /^Événement : Journée portes ouvertes/ })).toBeVisible();
  const invite = page.getByRole("form", { name: "Inviter des clients" });
  const invitees = invite.getByRole("list", { name: "Clients à inviter : clients" }).getByRole("checkbox");
  for (const n of [0, 1, 2]) await invitees.nth(n).check();
  await invite.getByRole("button", { name: "Envoyer les invitations" }).click();
  await expect(page.getByText(/^\d invitation\(s\) enregistrée\(s\)/)).toBeVisible();
  const guests = page.getByRole("table", { name: "Invités, leur réponse, leur présence et leurs commandes après l'événement" });
  const refusals = page.getByRole("table", { name: "Invitations refusées, avec leur règle" }).first();
  const invited = await guests.getByRole("row").count().catch(() => 0);
  if (invited > 1) {
    const guest = guests.getByRole("row").nth(1);
    const yes = guest.getByRole("group", { name: /^Réponse de / }).getByRole("button", { name: "Oui" });
    await yes.click();
    await expect(yes).toHaveAttribute("aria-pressed", "true");
  } else {
    await expect(refusals).toContainText("Refusé : ");
  }
  await expect(page.getByText("La présence se note à partir du jour de l'événement")).toBeVisible();
  await checkAccessibility(page, "événement et ses invités");
  await finalScreenshot(page, testInfo);
});
