// The sales follow-up (issue 17, CP7) in the browser: a trainee turns an accepted quote into
// an order, plans a partial delivery (2 of 3), records a late incident, informs the client,
// ships and delivers it, reads what is left on the order's lines, plans and delivers the rest,
// invoices it; asks a credit note beyond the authority and escalates it on a dispute opened for
// the invoice; relaunches the demo's overdue invoice at every level (reminder, second
// reminder, formal notice, each dated in the past), reads the formal notice and passes the
// invoice to accounting; handles a complaint (a task made of its response date, a gesture
// within the authority, the 409 beyond it escalated with a handover note); a trainer answers
// as the departments; the trainee sees it all on the account view. axe-core runs on every
// page visited.
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { PASSWORD, checkAccessibility, finalScreenshot, login } from "./support";

// A trainee whose sales no other spec writes (watch.spec only reads their watch), so the
// demo's overdue invoice is this spec's alone.
const TRAINEE = "stagiaire05@demo.capvente.fr";
const TRAINER = "formateur@demo.capvente.fr";
const SUBJECT = "Livraison en retard (E2E)";

async function openMenu(page: Page, name: string) {
  await page.getByRole("navigation", { name: "Navigation principale" }).getByRole("link", { name }).click();
}

async function switchTo(page: Page, email: string) {
  await page.getByRole("button", { name: "Se déconnecter" }).click();
  await login(page, email);
}

function isoDay(offsetDays = 0, from?: string): string {
  const base = from ? new Date(`${from}T12:00:00Z`) : new Date();
  base.setUTCDate(base.getUTCDate() + offsetDays);
  return from ? base.toISOString().slice(0, 10) : base.toLocaleDateString("sv-SE", { timeZone: "Europe/Paris" });
}

function frenchDay(iso: string): string {
  const [y, m, d] = iso.split("-");
  return `${d}/${m}/${y}`;
}

interface Seeded {
  prospect: { id: number; name: string };
  quoteId: number;
  overdue: { id: number; number: string; due_on: string; prospect_name: string };
}

/** Through the API, as the trainee: an accepted quote for a company of their file that has
 * no order yet, and the demo's overdue invoice (seed/follow_up.py). */
async function seed(request: APIRequestContext): Promise<Seeded> {
  const token = await request.post("/api/v1/auth/token", { form: { username: TRAINEE, password: PASSWORD } });
  expect(token.ok()).toBeTruthy();
  const headers = { Authorization: `Bearer ${(await token.json()).access_token}` };
  const get = async (url: string) => {
    const response = await request.get(url, { headers });
    expect(response.ok(), await response.text()).toBeTruthy();
    return response.json();
  };
  const post = async (url: string, data: object) => {
    const response = await request.post(url, { headers, data });
    expect(response.ok(), await response.text()).toBeTruthy();
    return response.json();
  };
  const ordered = new Set(((await get("/api/v1/orders?limit=100")).items as { prospect_id: number }[]).map((o) => o.prospect_id));
  const companies = (await get("/api/v1/prospects?kind=company&limit=100&sort=name")).items as { id: number; name: string }[];
  const prospect = companies.find((p) => !ordered.has(p.id));
  expect(prospect).toBeDefined();
  const active = await get("/api/v1/business-cases/active");
  const product = active.document.catalogue.products[0].reference as string;
  const opportunity = await post("/api/v1/opportunities", { prospect_id: prospect!.id, title: "Suivi E2E" });
  let quote = await post("/api/v1/quotes", {
    opportunity_id: opportunity.id,
    lines: [{ product_reference: product, quantity: 3, discounts: [] }],
  });
  quote = await post(`/api/v1/quotes/${quote.id}/send`, { version: quote.version });
  quote = await post(`/api/v1/quotes/${quote.id}/answer`, { version: quote.version, accepted: true });
  const overdue = (await get("/api/v1/invoices?overdue=true&kind=invoice&sort=due_on&limit=1")).items[0];
  expect(overdue, "the demo seed's overdue invoice").toBeDefined();
  return { prospect: prospect!, quoteId: quote.id, overdue };
}

test("a trainee follows a sale from the order to the account view; a trainer answers the escalations", async ({
  page,
  request,
}, testInfo) => {
  test.setTimeout(300_000);
  const seeded = await seed(request);
  await login(page, TRAINEE);

  // The accepted quote becomes an order, once.
  await page.goto(`/ventes/devis/${seeded.quoteId}`);
  await page.getByRole("button", { name: "Enregistrer la commande" }).click();
  const orderHeading = page.getByRole("heading", { level: 1, name: /^Commande CDE-\d{4}-\d{5}$/ });
  await expect(orderHeading).toBeVisible();
  const orderNumber = ((await orderHeading.textContent()) ?? "").replace("Commande ", "");
  const orderUrl = page.url();
  await expect(page.getByRole("table", { name: "Totaux de la commande" })).toContainText("Total TTC");
  await checkAccessibility(page, "commande");
  await page.goto(`/ventes/devis/${seeded.quoteId}`);
  await expect(page.getByRole("link", { name: orderNumber })).toHaveAttribute("href", orderUrl.replace(/^https?:\/\/[^/]+/, ""));
  await checkAccessibility(page, "devis accepté et sa commande");

  // A first, partial delivery: 2 of the 3 ordered (at most what is left to plan), promised today.
  await page.goto(orderUrl);
  await page.getByRole("button", { name: "Prévoir une livraison" }).click();
  const newDelivery = page.getByRole("form", { name: "Nouvelle livraison" });
  await newDelivery.getByLabel("Date de livraison promise").fill(isoDay());
  await newDelivery.getByLabel("Transporteur").fill("Transports E2E");
  await newDelivery.getByLabel("Certaines lignes (livraison partielle)").check();
  await newDelivery.getByRole("checkbox", { name: /^Livrer : / }).check();
  const toShip = newDelivery.getByLabel(/^Quantité à livrer : /);
  await expect(toShip).toHaveValue("3");
  await expect(toShip).toHaveAccessibleDescription("Au plus 3 (reste à prévoir).");
  await toShip.fill("4");
  await newDelivery.getByRole("button", { name: "Prévoir la livraison" }).click();
  await expect(newDelivery).toContainText("Au plus 3 : le reste à prévoir de cette ligne.");
  await checkAccessibility(page, "livraison partielle à corriger");
  await toShip.fill("2");
  await newDelivery.getByRole("button", { name: "Prévoir la livraison" }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Livraison 1 de la commande ${orderNumber}` })).toBeVisible();
  await checkAccessibility(page, "livraison prévue");

  // A late incident with a new promised date: it opens the delivery-incident case.
  const newDate = isoDay(3);
  await page.getByRole("button", { name: "Signaler un incident" }).click();
  const incident = page.getByRole("form", { name: "Incident de livraison" });
  await incident.getByLabel("Type d'incident").selectOption({ label: "Retard" });
  await incident.getByLabel("Nouvelle date promise").fill(newDate);
  await incident.getByLabel("Ce qui s'est passé").fill("Le transporteur a reporté la tournée.");
  await incident.getByRole("button", { name: "Enregistrer l'incident" }).click();
  await expect(page.getByText("Incident enregistré.")).toBeVisible();
  await expect(page.getByRole("list", { name: "Historique de la livraison" })).toContainText("Incident : Retard");
  await expect(page.getByText(frenchDay(newDate)).first()).toBeVisible();
  await expect(page.getByRole("link", { name: "Dossier d'incident de livraison" })).toBeVisible();

  // The client is told, by phone.
  await page.getByRole("button", { name: "Informer le client" }).click();
  const message = page.getByRole("form", { name: "Informer le client" });
  await message.getByLabel("Canal").selectOption({ label: "Téléphone" });
  await message.getByLabel("Ce qui a été dit au client").fill(`Livraison reportée au ${frenchDay(newDate)}.`);
  await message.getByRole("button", { name: "Enregistrer l'information" }).click();
  await expect(page.getByRole("list", { name: "Messages au client" })).toContainText(`Livraison reportée au ${frenchDay(newDate)}.`);
  await checkAccessibility(page, "livraison avec incident et message");

  // Shipped (preparing skipped), then delivered.
  await page.getByRole("button", { name: "Marquer comme expédiée" }).click();
  await page.getByRole("form", { name: "Étape : expédiée" }).getByRole("button", { name: "Enregistrer l'étape" }).click();
  await expect(page.getByText("Étape enregistrée.")).toBeVisible();
  await page.getByRole("button", { name: "Marquer comme livrée" }).click();
  await page.getByRole("form", { name: "Étape : livrée" }).getByRole("button", { name: "Enregistrer l'étape" }).click();
  const steps = page.getByRole("list", { name: "Étapes de la livraison" });
  await expect(steps.getByRole("listitem").filter({ hasText: "Préparée" })).toContainText("étape sautée");
  await expect(steps.locator('[aria-current="step"]')).toContainText("Livrée");
  await checkAccessibility(page, "livraison livrée");

  // The order's lines: 2 planned and delivered, 1 left to plan; the rest, planned whole
  // (« Tout ce qui reste à livrer »), shipped and delivered, delivers the order.
  await page.getByRole("link", { name: `← Commande ${orderNumber}` }).click();
  const orderLine = page.getByRole("table", { name: `Quantités par ligne de la commande ${orderNumber}` }).getByRole("row").nth(1);
  // Ordered, planned in deliveries, delivered, left to plan.
  await expect(orderLine.getByRole("cell")).toHaveText(["3", "2", "2", "1"]);
  await expect(page.getByText("En cours").first()).toBeVisible();
  await checkAccessibility(page, "commande livrée en partie");
  await page.getByRole("button", { name: "Prévoir une livraison" }).click();
  const rest = page.getByRole("form", { name: "Nouvelle livraison" });
  await expect(rest.getByLabel("Tout ce qui reste à livrer")).toBeChecked();
  await rest.getByRole("button", { name: "Prévoir la livraison" }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Livraison 2 de la commande ${orderNumber}` })).toBeVisible();
  for (const step of ["expédiée", "livrée"]) {
    await page.getByRole("button", { name: `Marquer comme ${step}` }).click();
    await page.getByRole("form", { name: `Étape : ${step}` }).getByRole("button", { name: "Enregistrer l'étape" }).click();
    await expect(page.getByText("Étape enregistrée.")).toBeVisible();
  }
  await expect(page.getByRole("list", { name: "Étapes de la livraison" }).locator('[aria-current="step"]')).toContainText(
    "Livrée",
  );

  // The order, delivered, is invoiced.
  await page.getByRole("link", { name: `← Commande ${orderNumber}` }).click();
  await expect(page.getByText("Livrée").first()).toBeVisible();
  await expect(orderLine.getByRole("cell")).toHaveText(["3", "3", "3", "0"]);
  await expect(page.getByRole("button", { name: "Prévoir une livraison" })).toHaveCount(0);
  await page.getByRole("button", { name: "Facturer" }).click();
  await page.getByRole("form", { name: "Nouvelle facture" }).getByRole("button", { name: "Émettre la facture" }).click();
  const invoiceHeading = page.getByRole("heading", { level: 1, name: /^Facture FAC-\d{4}-\d{5}$/ });
  await expect(invoiceHeading).toBeVisible();
  const invoiceNumber = ((await invoiceHeading.textContent()) ?? "").replace("Facture ", "");
  await expect(page.getByRole("table", { name: /^Totaux de FAC-/ })).toContainText("Reste dû");
  await expect(page.getByRole("form", { name: "Envoyer : Relance" })).toContainText("possible à partir du");
  await checkAccessibility(page, "facture émise");
  const invoiceUrl = page.url();

  // A credit note beyond the authority (409): « Escalader » opens a dispute on the invoice,
  // which had no case, and the handover form with the department the refusal names.
  await page.getByRole("button", { name: "Émettre un avoir" }).click();
  const credit = page.getByRole("form", { name: "Avoir" });
  await credit.getByLabel("Montant HT (€)").fill("50000");
  await credit.getByLabel("Motif", { exact: true }).fill("Geste pour le retard de livraison");
  await credit.getByRole("button", { name: "Émettre l'avoir" }).click();
  const creditRefusal = page.getByRole("alert").filter({ hasText: "Au-delà de votre délégation" });
  await expect(creditRefusal).toContainText("Limite : avoir maximal (€ HT)");
  await expect(creditRefusal).toContainText("Service compétent : Comptabilité");
  await expect(page.getByRole("link", { name: "Dossier de la facture", exact: true })).toHaveCount(0);
  await creditRefusal.getByRole("button", { name: "Escalader" }).click();
  const creditEscalation = page.getByRole("form", { name: "Escalade au service compétent" });
  await expect(creditEscalation.getByLabel("Service", { exact: true })).toHaveValue("accounting");
  await expect(creditEscalation.getByLabel("Ce que demande le client")).toHaveValue(
    /^Un avoir de 50\s000 € HT : Geste pour le retard de livraison$/,
  );
  await creditEscalation.getByLabel("Les faits").fill("Livraison partielle puis retard de trois jours.");
  await creditEscalation.getByLabel("Ce qui a déjà été fait").fill("Client informé par téléphone.");
  await checkAccessibility(page, "avoir au-delà de la délégation");
  await creditEscalation.getByRole("button", { name: "Transmettre au service" }).click();
  await expect(page.getByText("Dossier transmis au service Comptabilité.")).toBeVisible();
  await page.getByRole("link", { name: "Dossier de la facture", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Dossier : Litige — ${invoiceNumber}` })).toBeVisible();
  await expect(page.getByRole("list", { name: "Escalades du dossier" })).toContainText("Comptabilité");
  await checkAccessibility(page, "dossier de litige de la facture");
  await page.goto(invoiceUrl);

  // The demo's overdue invoice, relaunched level by level, each letter readable.
  await openMenu(page, "Suivi");
  await expect(page.getByRole("heading", { level: 1, name: "Commandes" })).toBeVisible();
  await expect(page.getByRole("link", { name: orderNumber })).toBeVisible();
  await checkAccessibility(page, "commandes");
  await page.getByRole("navigation", { name: "Suivi des ventes" }).getByRole("link", { name: "Factures" }).click();
  await page.getByLabel("Échéance").selectOption({ label: "En retard" });
  const overdueRow = page.getByRole("row", { name: new RegExp(seeded.overdue.number) });
  await expect(overdueRow).toContainText("jours de retard");
  await expect(overdueRow).toContainText("Relance à partir du");
  await checkAccessibility(page, "factures en retard");
  await overdueRow.getByRole("link", { name: seeded.overdue.number }).click();
  // The due date is 45 days back: each level is sent dated in the past, from its own date
  // (policy.relaunch_days: 5, 15 and 30 days after the due date).
  await expect(page.getByText(frenchDay(seeded.overdue.due_on)).first()).toBeVisible();
  for (const [level, offset, channel] of [
    ["Relance", 5, "E-mail"],
    ["Seconde relance", 15, "Courrier"],
    ["Mise en demeure", 30, "Courrier"],
  ] as const) {
    const form = page.getByRole("form", { name: `Envoyer : ${level}` });
    await expect(form).toContainText(`possible à partir du ${frenchDay(isoDay(offset, seeded.overdue.due_on))}`);
    await form.getByLabel("Canal").selectOption({ label: channel });
    await form.getByLabel("Date d'envoi").fill(isoDay(offset, seeded.overdue.due_on));
    await form.getByRole("button", { name: `Envoyer : ${level.toLowerCase()}` }).click();
    await expect(page.getByText(`${level} envoyée : sa lettre est ci-dessus.`)).toBeVisible();
  }
  await expect(page.getByRole("form", { name: /^Envoyer : / })).toHaveCount(0);
  const relaunches = page.getByRole("list", { name: "Relances envoyées" });
  await expect(relaunches.getByRole("listitem")).toHaveCount(3);
  await relaunches.getByText("Lire la lettre (mise en demeure)").click();
  const letter = relaunches.locator(".letter").nth(2);
  await expect(letter).toBeVisible();
  await expect(letter).toContainText(seeded.overdue.number);
  await expect(letter).toContainText("mise en demeure");
  await expect(letter).toContainText("L441-10");
  await checkAccessibility(page, "facture relancée jusqu'à la mise en demeure");

  // Sent 15 days ago, the formal notice's 8 days are over: the invoice goes to accounting.
  const toAccounting = page.getByRole("form", { name: "Transmettre à la comptabilité" });
  await toAccounting.getByLabel("Note pour la comptabilité").fill("Aucun paiement après la mise en demeure.");
  await toAccounting.getByLabel("Documents joints").fill("Mise en demeure (AR)");
  await toAccounting.getByRole("button", { name: "Transmettre à la comptabilité" }).click();
  await expect(page.getByText("Facture transmise à la comptabilité le")).toBeVisible();
  await expect(toAccounting).toHaveCount(0);
  await checkAccessibility(page, "facture transmise à la comptabilité");
  await page.getByRole("link", { name: "dossier de la facture", exact: true }).click();
  const unpaidTitle = `Impayé — ${seeded.overdue.number}`;
  await expect(page.getByRole("heading", { level: 1, name: `Dossier : ${unpaidTitle}` })).toBeVisible();
  const unpaidEscalations = page.getByRole("list", { name: "Escalades du dossier" });
  await expect(unpaidEscalations).toContainText("Comptabilité");
  await expect(unpaidEscalations).toContainText("En attente de réponse");
  await expect(unpaidEscalations).toContainText("Mise en demeure (AR)");
  await checkAccessibility(page, "dossier d'impayé");

  // A complaint about the order: a gesture within the authority, then one beyond it (409),
  // escalated to the department the refusal names.
  await page.goto(orderUrl);
  await page.getByRole("link", { name: "Enregistrer une réclamation sur cette commande" }).click();
  const complaint = page.getByRole("form", { name: "Nouvelle réclamation" });
  await expect(complaint).toContainText(`Fiche choisie : ${seeded.prospect.name}`);
  await expect(complaint.getByLabel("Commande concernée")).toHaveValue(orderUrl.split("/").pop()!);
  await complaint.getByLabel("Catégorie").selectOption({ label: "Retard" });
  await complaint.getByLabel("Objet").fill(SUBJECT);
  await complaint.getByLabel("Ce qui s'est passé").fill("Livrée trois jours après la date promise.");
  await complaint.getByLabel("Ce que demande le client").fill("Un geste commercial.");
  await checkAccessibility(page, "nouvelle réclamation");
  await complaint.getByRole("button", { name: "Enregistrer la réclamation" }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Réclamation : ${SUBJECT}` })).toBeVisible();
  await expect(page.getByText("Réponse due le")).toBeVisible();
  const complaintId = page.url().split("/").pop()!;

  // Its response date becomes a task of the agenda, linked to the complaint.
  await page.getByRole("button", { name: "Créer une tâche" }).click();
  const task = page.getByRole("form", { name: "Nouvelle tâche" });
  await expect(task.getByLabel("Titre de la tâche")).toHaveValue(`Répondre à la réclamation : ${SUBJECT}`);
  await expect(task.getByLabel("À faire le")).not.toHaveValue("");
  await task.getByRole("button", { name: "Créer la tâche" }).click();
  await expect(page.getByText(`Tâche « Répondre à la réclamation : ${SUBJECT} » créée pour le`)).toBeVisible();
  await expect(page.getByRole("list", { name: "Tâches à faire liées" })).toContainText(
    `Répondre à la réclamation : ${SUBJECT}`,
  );
  const solution = page.getByRole("form", { name: "Proposer une solution" });
  await solution.getByLabel("Solution", { exact: true }).selectOption({ label: "Geste commercial" });
  await solution.getByLabel("Coût pour l'entreprise (€ HT)").fill("10");
  await solution.getByLabel("La solution en détail").fill("Remise de 10 € HT sur la prochaine commande.");
  await solution.getByRole("button", { name: "Proposer la solution" }).click();
  await expect(page.getByText("Solution proposée").first()).toBeVisible();
  await expect(page.getByText("Geste commercial — Remise de 10 € HT sur la prochaine commande.")).toBeVisible();
  const again = page.getByRole("form", { name: "Proposer une solution" });
  await again.getByLabel("Coût pour l'entreprise (€ HT)").fill("50000");
  await again.getByLabel("La solution en détail").fill("Remboursement de la location du trimestre.");
  await again.getByRole("button", { name: "Proposer la solution" }).click();
  const refusal = page.getByRole("alert").filter({ hasText: "Au-delà de votre délégation" });
  await expect(refusal).toContainText("Limite : geste commercial maximal (€ HT)");
  await expect(refusal).toContainText("Service compétent : Direction commerciale");
  await refusal.getByRole("button", { name: "Escalader" }).click();
  const escalation = page.getByRole("form", { name: "Escalade au service compétent" });
  await expect(escalation.getByLabel("Service", { exact: true })).toHaveValue("sales_management");
  await expect(escalation.getByLabel("Ce que demande le client")).toHaveValue("Un geste commercial.");
  await escalation.getByLabel("Les faits").fill("Livraison reportée de trois jours ; le client demande le remboursement du trimestre.");
  await escalation.getByLabel("Ce qui a déjà été fait").fill("Client informé par téléphone ; geste de 10 € HT accordé.");
  await escalation.getByLabel("Documents joints").fill(`${orderNumber}\nCompte rendu d'appel`);
  await checkAccessibility(page, "réclamation au-delà de la délégation");
  await escalation.getByRole("button", { name: "Transmettre au service" }).click();
  await expect(page.getByText("Dossier transmis au service Direction commerciale.")).toBeVisible();
  const complaintUrl = page.url();

  // The complaint's case: its procedure, and a closing refused while required steps remain.
  await page.getByRole("link", { name: "Dossier de la réclamation" }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Dossier : Réclamation — ${SUBJECT}` })).toBeVisible();
  const checklist = page.locator(".checklist > li");
  const first = checklist.first();
  const firstLabel = (await first.locator("strong").textContent()) ?? "";
  await first.getByRole("button", { name: "Fait" }).click();
  await expect(page.getByRole("listitem", { name: firstLabel }).getByRole("button", { name: "À refaire" })).toBeVisible();
  await expect(page.getByRole("list", { name: "Escalades du dossier" })).toContainText("Direction commerciale");
  const close = page.getByRole("form", { name: "Clore le dossier" });
  await close.getByLabel("Issue du dossier").fill("Geste accordé.");
  await close.getByRole("button", { name: "Clore le dossier" }).click();
  const missing = close.getByRole("list", { name: "Étapes obligatoires manquantes" });
  await expect(missing.getByRole("listitem").first()).toBeVisible();
  await expect(missing).not.toContainText(firstLabel);
  await checkAccessibility(page, "dossier de la réclamation");
  await page.getByRole("navigation", { name: "Suivi des ventes" }).getByRole("link", { name: "Dossiers" }).click();
  await expect(page.getByRole("link", { name: `Réclamation — ${SUBJECT}` })).toBeVisible();
  await checkAccessibility(page, "dossiers");

  // The trainer answers as the department.
  await switchTo(page, TRAINER);
  await openMenu(page, "Escalades");
  const waiting = page.getByRole("article", { name: `Réclamation — ${SUBJECT} — ${seeded.prospect.name}` });
  await expect(waiting).toContainText("Livraison reportée de trois jours");
  await expect(waiting).toContainText(orderNumber);
  await checkAccessibility(page, "escalades à traiter");
  await waiting.getByLabel("Réponse du service Direction commerciale").fill("Accord pour un avoir de 150 € HT.");
  await waiting.getByRole("button", { name: "Répondre au nom du service" }).click();
  await expect(page.getByRole("article", { name: `Réclamation — ${SUBJECT} — ${seeded.prospect.name}` })).toContainText(
    "Accord pour un avoir de 150 € HT.",
  );
  await expect(page.getByRole("form", { name: `Réponse du service (Réclamation — ${SUBJECT})` })).toHaveCount(0);
  // And as accounting, the overdue invoice passed after its formal notice.
  const unpaid = page.getByRole("article", { name: `${unpaidTitle} — ${seeded.overdue.prospect_name}` });
  await expect(unpaid).toContainText("Facture impayée après mise en demeure");
  await expect(unpaid).toContainText(seeded.overdue.number);
  await unpaid.getByLabel("Réponse du service Comptabilité").fill("Dossier pris en charge : injonction de payer.");
  await unpaid.getByRole("button", { name: "Répondre au nom du service" }).click();
  await expect(page.getByRole("form", { name: `Réponse du service (${unpaidTitle})` })).toHaveCount(0);
  await expect(page.getByRole("article", { name: `${unpaidTitle} — ${seeded.overdue.prospect_name}` })).toContainText(
    "Dossier pris en charge : injonction de payer.",
  );
  await checkAccessibility(page, "escalades répondues");

  // The trainee reads accounting's answer on the invoice's case and finds the complaint's
  // task in the agenda; records the client's answer, then reads the whole account.
  await switchTo(page, TRAINEE);
  await page.goto(`/factures/${seeded.overdue.id}`);
  await page.getByRole("link", { name: "Dossier de la facture", exact: true }).click();
  await expect(page.getByRole("list", { name: "Escalades du dossier" })).toContainText(
    "Dossier pris en charge : injonction de payer.",
  );
  await page.goto("/agenda/taches");
  const taskRow = page.getByRole("row").filter({ hasText: `Répondre à la réclamation : ${SUBJECT}` });
  await expect(taskRow.getByRole("link", { name: `Réclamation n° ${complaintId}` })).toHaveAttribute(
    "href",
    `/reclamations/${complaintId}`,
  );
  await checkAccessibility(page, "tâches avec la réclamation");
  await page.goto(complaintUrl);
  const answer = page.getByRole("form", { name: "Réponse du client" });
  await answer.getByLabel("Oui, il l'accepte").check();
  await answer.getByLabel("Satisfaction du client (CSAT)").selectOption("4");
  await answer.getByRole("button", { name: "Enregistrer la réponse" }).click();
  await expect(page.getByText("Acceptée").first()).toBeVisible();
  await expect(page.getByText("satisfaction 4/5")).toBeVisible();
  await checkAccessibility(page, "réclamation résolue");

  await page.goto(`/prospects/${seeded.prospect.id}`);
  await page.getByRole("link", { name: "Compte client" }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Compte client : ${seeded.prospect.name}` })).toBeVisible();
  await expect(
    page.getByRole("navigation", { name: "Navigation principale" }).getByRole("link", { name: "Suivi" }),
  ).toHaveClass(/active/);
  const timeline = page.getByRole("list", { name: "Historique du compte, le plus récent d'abord" });
  for (const text of [
    "Réponse du service Direction commerciale",
    "Transmis au service Direction commerciale",
    `Commande ${orderNumber}`,
    "Incident (retard)",
    "Client informé",
    "Facture FAC-",
  ])
    await expect(timeline).toContainText(text);
  await expect(page.getByRole("region", { name: "Chiffres du compte" })).toContainText("Commandé TTC");
  await expect(page.getByRole("region", { name: "À traiter" })).toContainText("Dossier en cours");
  await checkAccessibility(page, "compte client");
  await finalScreenshot(page, testInfo);
});
