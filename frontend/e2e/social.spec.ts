// Social selling (issue 20, CP5.4–CP5.6, CP3.8) in the browser, as a demo trainee: a LinkedIn
// profile refused by the charter, then passing it (the findings beside their fields); a post
// planned in the calendar whose text gives the phone number of a prospect of the trainee's
// file, so that its approval is blocked with the number marked; the text corrected, approved,
// published, its figures recorded; the dashboard and the privacy checklists. The company, its
// charter and the prospect are read from the API (whatever the seed decides); the spec creates
// what it needs and does not rely on seeded posts. axe-core runs on every page visited.
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { PASSWORD, checkAccessibility, finalScreenshot, login } from "./support";

const TRAINEE = "stagiaire01@demo.capvente.fr";

interface Seeded {
  company: string;
  companyPage: string;
  theme: string;
  /** A prospect's phone number as written in a post (« 04 65 71 21 62 »). */
  phone: string;
}

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
  const charter = active.document.policy.social_media;
  expect(charter, "the demo case's social media charter").toBeTruthy();
  const prospects = (await get("/api/v1/prospects?limit=200")).items as { phone: string | null }[];
  const e164 = prospects.map((p) => p.phone).find((p): p is string => !!p && /^\+33\d{9}$/.test(p));
  expect(e164, "a prospect of the file with a French phone number").toBeDefined();
  const phone = `0${e164!.slice(3)}`.replace(/(\d{2})(?=\d)/g, "$1 ");
  return {
    company: active.document.identity.name,
    companyPage: charter.company_page,
    theme: charter.themes[0],
    phone,
  };
}

async function tab(page: Page, name: string) {
  await page.getByRole("navigation", { name: "Réseaux sociaux" }).getByRole("link", { name, exact: true }).click();
}

test("a trainee writes a LinkedIn profile to the charter, plans a post blocked by a prospect's phone number, corrects, approves, publishes it and reads its figures", async ({
  page,
  request,
}, testInfo) => {
  test.setTimeout(180_000);
  const s = await seed(request);
  await login(page, TRAINEE);
  await page.getByRole("navigation", { name: "Navigation principale" }).getByRole("link", { name: "Réseaux sociaux" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Réseaux sociaux" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Indicateurs de la période" })).toBeVisible();
  await expect(page.getByRole("list", { name: "Compétences exercées" })).toContainText("CP3");
  await checkAccessibility(page, "tableau de bord des réseaux sociaux");

  // The profile: first without the company's name nor the photo confirmed, then to the charter.
  await tab(page, "Profils");
  await expect(page.getByRole("heading", { level: 1, name: "Profils professionnels" })).toBeVisible();
  await checkAccessibility(page, "profils professionnels");
  await page.getByRole("link", { name: /le profil LinkedIn$/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Profil professionnel LinkedIn" })).toBeVisible();
  const profile = page.getByRole("form", { name: "Profil LinkedIn" });
  await expect(profile.getByLabel("Titre du profil", { exact: true })).toBeVisible();
  // Whatever the seed wrote: no experience nor featured content, the photo not all confirmed.
  const removeExperience = profile.getByRole("button", { name: "Retirer l'expérience 1" });
  while ((await removeExperience.count()) > 0) await removeExperience.click();
  const removeFeatured = profile.getByRole("button", { name: "Retirer le contenu 1" });
  while ((await removeFeatured.count()) > 0) await removeFeatured.click();
  await profile.getByLabel("Arrière-plan neutre", { exact: true }).uncheck();
  await profile.getByLabel("Titre du profil", { exact: true }).fill("Conseiller commercial fibre pour les professionnels");
  await profile
    .getByLabel("Résumé", { exact: true })
    .fill(
      `J'accompagne les commerçants et les TPE dans leur raccordement fibre et la continuité de leur service. ` +
        `Retrouvez nos réalisations sur la page ${s.companyPage}.`,
    );
  await profile.getByRole("button", { name: /le profil$/ }).click();
  await expect(page.getByRole("status").filter({ hasText: "À corriger" })).toBeVisible();
  await expect(profile.getByRole("list", { name: "Contrôle : Titre du profil" })).toContainText(
    `Nommez l'entreprise « ${s.company} »`,
  );
  await expect(profile.getByRole("list", { name: "Contrôle : Arrière-plan neutre" })).toContainText("à confirmer");
  await checkAccessibility(page, "profil à corriger");

  await profile.getByLabel("Titre du profil", { exact: true }).fill(`Conseiller commercial fibre chez ${s.company}`);
  for (const guideline of [
    "Photo en tenue professionnelle",
    "Visage bien visible, de face",
    "Arrière-plan neutre",
    "Photo récente (moins de 2 ans)",
    "Seul sur la photo",
  ]) {
    await profile.getByLabel(guideline, { exact: true }).check();
  }
  await profile.getByLabel("Qui voit votre adresse e-mail", { exact: true }).selectOption("connections");
  await profile.getByLabel("Qui voit votre numéro de téléphone", { exact: true }).selectOption("hidden");
  await profile.getByLabel("Qui peut vous envoyer un message", { exact: true }).selectOption("everyone");
  await profile.getByLabel("Affiché « ouvert aux opportunités »", { exact: true }).selectOption("false");
  await profile.getByRole("button", { name: "Enregistrer le profil" }).click();
  await expect(page.getByText("Ce profil respecte la charte de l'entreprise.")).toBeVisible();
  await expect(
    page.getByRole("form", { name: "Profil LinkedIn" }).getByRole("list", { name: "Contrôle : Titre du profil" }),
  ).toContainText(`Le titre nomme l'entreprise « ${s.company} »`);
  await checkAccessibility(page, "profil conforme");

  // A post planned in the calendar, giving a prospect's phone number.
  await tab(page, "Calendrier éditorial");
  await expect(page.getByRole("heading", { level: 1, name: "Calendrier éditorial" })).toBeVisible();
  await expect(page.getByRole("table").locator("caption")).toHaveText(/^[A-ZÉÈ][a-zéû]+ \d{4}$/);
  await checkAccessibility(page, "calendrier éditorial");
  await page.getByRole("button", { name: "Nouvelle publication" }).click();
  const form = page.getByRole("form", { name: "Nouvelle publication" });
  await form.getByLabel("Réseau").selectOption("linkedin");
  await form.getByLabel("Objectif").selectOption("awareness");
  await form.getByLabel("Cible visée").selectOption("decision_maker");
  await form.getByLabel("Thème").selectOption(s.theme);
  const intro = "Raccordement fibre terminé cette semaine pour un commerce de l'agglomération : quatre heures d'intervention.";
  await form.getByLabel("Texte").fill(`${intro} Pour en savoir plus, appelez le ${s.phone}.`);
  await form.getByLabel("Description du visuel").fill("Le boîtier fibre posé dans la réserve du commerce.");
  await form.getByRole("button", { name: "Prévoir la publication" }).click();

  await expect(page.getByRole("heading", { level: 1, name: /^Publication LinkedIn du / })).toBeVisible();
  const postLink = `a[href="${new URL(page.url()).pathname}"]`;
  const live = page.getByRole("region", { name: "Contrôle en direct" });
  await expect(live.getByText("Bloquée : la confidentialité refuserait la validation")).toBeVisible();
  await expect(live.locator("mark").filter({ hasText: s.phone })).toBeVisible();
  await checkAccessibility(page, "publication à corriger");

  // Its approval is refused: the blocking finding and its place, nothing else changed.
  await page.getByRole("button", { name: "Valider" }).click();
  const blocked = page.getByRole("alert").filter({ hasText: "Publication bloquée par le contrôle de confidentialité" });
  await expect(blocked).toBeVisible();
  await expect(blocked.locator("mark").filter({ hasText: s.phone })).toBeVisible();
  await expect(blocked.getByRole("list", { name: "Confidentialité" })).toContainText("numéro d'une personne de votre fichier");
  await expect(page.locator(".social-figures")).toContainText("Brouillon");
  await checkAccessibility(page, "validation refusée");

  // Corrected, saved, approved, published.
  const editor = page.getByRole("form", { name: "Modifier la publication" });
  await editor.getByLabel("Texte").fill(`${intro} Pour en savoir plus, suivez la page ${s.companyPage}.`);
  await expect(live.getByText("Le contrôle réussit")).toBeVisible();
  await expect(live.locator("mark")).toHaveCount(0);
  await editor.getByRole("button", { name: "Enregistrer" }).click();
  await expect(page.locator(".social-figures")).toContainText("Contrôle réussi");
  await page.getByRole("button", { name: "Valider" }).click();
  await expect(page.locator(".social-figures")).toContainText("Validée");
  const publish = page.getByRole("form", { name: "Publier" });
  await publish.getByLabel("Adresse de la publication (facultatif)").fill("https://www.linkedin.com/feed/update/urn:li:activity:1");
  await publish.getByRole("button", { name: "Publier" }).click();
  await expect(page.locator(".social-figures")).toContainText("Publiée");

  // Its figures.
  const kpis = page.getByRole("form", { name: "Relever les chiffres" });
  const figures: [string, string][] = [
    ["Impressions", "480"],
    ["Réactions", "25"],
    ["Commentaires", "4"],
    ["Partages", "3"],
    ["Clics", "12"],
    ["Abonnés gagnés", "5"],
    ["Contacts qualifiés", "2"],
    ["Rendez-vous", "1"],
  ];
  for (const [label, value] of figures) await kpis.getByLabel(label, { exact: true }).fill(value);
  await kpis.getByRole("button", { name: "Enregistrer le relevé" }).click();
  const measurements = page.getByRole("table", { name: /^Relevés de la publication/ });
  await expect(measurements.getByRole("row")).toHaveCount(2);
  await expect(measurements.getByRole("row").nth(1)).toContainText("480");
  await expect(measurements.getByRole("row").nth(1)).toContainText("32");
  await checkAccessibility(page, "publication publiée et ses chiffres");

  // In the calendar, on its day.
  await page.getByRole("link", { name: "← Retour au calendrier éditorial" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Calendrier éditorial" })).toBeVisible();
  const ours = page.getByRole("table").getByRole("listitem").filter({ has: page.locator(postLink) });
  await expect(ours).toContainText("Publiée");
  await expect(page.getByRole("table").getByRole("cell").filter({ has: page.locator(postLink) })).toHaveClass(/today/);

  // The dashboard: the post's figures, then the audience measured.
  await tab(page, "Tableau de bord");
  const published = page.getByRole("table", { name: /^Chiffres des publications publiées/ });
  await expect(published.getByRole("row").filter({ has: page.locator(postLink) })).toContainText("480");
  await expect(page.getByRole("figure", { name: "Impressions et engagements des publications publiées" })).toBeVisible();
  const audience = page.getByRole("form", { name: "Relever mon audience" });
  await audience.getByLabel("Réseau (audience)").selectOption("linkedin");
  await audience.getByLabel("Abonnés").fill("350");
  await audience.getByLabel("Relations").fill("512");
  await audience.getByRole("button", { name: "Enregistrer le relevé d'audience" }).click();
  await expect(page.getByRole("figure", { name: "Croissance de l'audience par réseau" })).toBeVisible();
  await checkAccessibility(page, "tableau de bord avec chiffres");

  // The privacy checklist of LinkedIn, every setting applied.
  await tab(page, "Confidentialité");
  await expect(page.getByRole("heading", { level: 1, name: "Confidentialité sur les réseaux" })).toBeVisible();
  // Every checklist completed (the seed may have completed some already).
  const lists = page.getByRole("region");
  await expect(lists.first()).toBeVisible();
  for (const list of await lists.all()) {
    for (const box of await list.getByRole("checkbox").all()) await box.check();
    const save = list.getByRole("button", { name: /^Enregistrer les réglages / });
    if (await save.isEnabled()) await save.click();
    await expect(list.getByText(/^Liste complète/)).toBeVisible();
  }
  await checkAccessibility(page, "confidentialité");

  await tab(page, "Tableau de bord");
  await expect(page.getByRole("heading", { name: "Indicateurs de la période" })).toBeVisible();
  await finalScreenshot(page, testInfo);
});
