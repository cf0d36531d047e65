import { expect, test, type APIRequestContext } from "@playwright/test";
import { PASSWORD, checkAccessibility, finalScreenshot, login } from "./support";

const TRAINEE = "stagiaire01@demo.capvente.fr";

/** A day `days` from today, as a date input and a `datetime-local` input take it, and as the
 * page shows it (fr-FR). */
function daysAhead(days: number) {
  const d = new Date(Date.now() + days * 86_400_000);
  const iso = d.toISOString().slice(0, 10);
  const [y, m, day] = iso.split("-");
  return { iso, fr: `${day}/${m}/${y}` };
}

/** Through the API, as the trainee: a company of their file still a suspect, that the RGPD
 * channel policy lets them contact on the social networks (a B2B prospect, no objection). */
async function socialProspect(request: APIRequestContext): Promise<{ id: number; name: string }> {
  const token = await request.post("/api/v1/auth/token", { form: { username: TRAINEE, password: PASSWORD } });
  expect(token.ok()).toBeTruthy();
  const headers = { Authorization: `Bearer ${(await token.json()).access_token}` };
  const get = async (url: string) => {
    const response = await request.get(url, { headers });
    expect(response.ok(), await response.text()).toBeTruthy();
    return response.json();
  };
  const suspects = (await get("/api/v1/prospects?kind=company&status=suspect&sort=name&limit=50")).items as {
    id: number;
    name: string;
    anonymised_at: string | null;
  }[];
  for (const p of suspects.filter((s) => !s.anonymised_at)) {
    const policy = await get(`/api/v1/prospects/${p.id}/channel-policy`);
    const actions = await get(`/api/v1/prospects/${p.id}/social-actions`);
    if ((policy.allowed_channels as string[]).includes("social") && actions.total === 0) return p;
  }
  throw new Error("Aucun prospect suspect joignable sur les réseaux sociaux dans le fichier de démonstration.");
}

test("record social-selling actions on a prospect: a connection accepted, then an appointment", async ({
  page,
  request,
}, testInfo) => {
  const prospect = await socialProspect(request);
  await login(page, TRAINEE);
  await page.goto(`/prospects/${prospect.id}`);
  await expect(page.getByRole("heading", { level: 1, name: prospect.name })).toBeVisible();
  // The card's writes exercise CP3 (CP3.9), already among the page's badges.
  await expect(page.getByRole("list", { name: "Compétences exercées" })).toContainText("CP3");

  const card = page.getByRole("region", { name: "Actions sur les réseaux sociaux" });
  await expect(card).toContainText("Aucune action sur les réseaux sociaux auprès de ce prospect.");
  await card.getByRole("button", { name: "Enregistrer une action" }).click();
  const form = card.getByRole("form", { name: "Nouvelle action sur les réseaux sociaux" });
  await expect(form).toBeVisible();
  await checkAccessibility(page, "fiche prospect, formulaire d'action sur les réseaux ouvert");

  // A LinkedIn connection request, accepted: the file reads it as an exchange on the social
  // channel, and the suspect reached becomes a prospect.
  const next = daysAhead(7);
  await form.getByLabel("Réseau").selectOption("linkedin");
  await form.getByLabel("Type d'action").selectOption("connection_request");
  await form.getByLabel("Résultat").selectOption("accepted");
  await form.getByLabel("Date du prochain contact").fill(next.iso);
  await form.getByLabel("Notes").fill("Invitation personnalisée après le salon.");
  await form.getByRole("button", { name: "Enregistrer l'action" }).click();
  await expect(form.getByRole("status")).toHaveText(
    "Action enregistrée : LinkedIn, demande de connexion (acceptée). Elle figure dans la chronologie.",
  );
  const items = card.getByRole("list", { name: "Actions, de la plus récente à la plus ancienne" }).getByRole("listitem");
  await expect(items).toHaveCount(1);
  await expect(items.first()).toContainText("LinkedIn — Demande de connexion");
  await expect(items.first()).toContainText("Acceptée");
  await expect(items.first()).toContainText("Invitation personnalisée après le salon.");
  await expect(items.first()).toContainText(/Prospect (dans la|hors de la) cible du cas d'entreprise/);
  const followUp = page.getByRole("region", { name: "Statut et suivi" });
  await expect(followUp.locator(".lifecycle")).toHaveText("Prospect");
  await expect(followUp).toContainText(next.fr);
  const timeline = page.getByRole("region", { name: "Chronologie" });
  await expect(timeline).toContainText("Échange sortant — Réseaux sociaux");
  await expect(timeline).toContainText("LinkedIn : invitation à se connecter (acceptée).");

  // A message that set an appointment: its date is asked, no next contact needed.
  const meeting = daysAhead(10);
  await form.getByLabel("Type d'action").selectOption("message");
  await form.getByLabel("Résultat").selectOption("appointment");
  const appointment = form.getByRole("group", { name: "Rendez-vous obtenu" });
  await expect(appointment).toBeVisible();
  await expect(form.getByLabel("Date du prochain contact")).not.toHaveAttribute("aria-required", "true");
  await checkAccessibility(page, "formulaire d'action, rendez-vous obtenu");
  await appointment.getByLabel("Début du rendez-vous").fill(`${meeting.iso}T10:00`);
  await appointment.getByLabel("Lieu").fill("Visio Teams");
  await form.getByLabel("Notes").fill("Réponse au message : démonstration demandée.");
  await form.getByRole("button", { name: "Enregistrer l'action" }).click();
  await expect(form.getByRole("status")).toHaveText(
    "Action enregistrée : LinkedIn, message (rendez-vous obtenu). Elle figure dans la chronologie, avec le rendez-vous pris.",
  );
  await expect(items).toHaveCount(2);
  await expect(items.first()).toContainText("LinkedIn — Message");
  await expect(items.first()).toContainText("Rendez-vous obtenu");
  const appointments = page.getByRole("region", { name: "Rendez-vous", exact: true });
  await expect(appointments.getByRole("rowheader", { name: `${meeting.fr} 10:00` })).toBeVisible();
  await expect(appointments).toContainText("Visio Teams");
  await expect(timeline).toContainText("Échange sortant — Réseaux sociaux : Rendez-vous pris");
  await expect(timeline).toContainText("LinkedIn : message (rendez-vous pris).");
  await expect(followUp).toContainText(meeting.fr);

  // What came of the first one, later: the outcome « appointment » is not offered.
  const first = items.nth(1);
  await first.getByRole("button", { name: "Noter la suite" }).click();
  const suite = first.getByRole("form", { name: /^Suite de l'action du/ });
  await expect(suite.getByLabel("Résultat").getByRole("option", { name: "Rendez-vous obtenu" })).toHaveCount(0);
  await suite.getByLabel("Résultat").selectOption("replied");
  await suite.getByRole("button", { name: "Enregistrer la suite" }).click();
  await expect(first).toContainText("Réponse reçue");
  await checkAccessibility(page, "fiche prospect, actions sur les réseaux enregistrées");
  await finalScreenshot(page, testInfo);
});
