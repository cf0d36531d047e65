import { expect, test } from "@playwright/test";
import { checkAccessibility, finalScreenshot, login } from "./support";

// Today in the browser's zone (playwright.config.ts: Europe/Paris), not the runner's: between
// 23:00 and midnight UTC the two are different days.
function isoToday(): string {
  return new Date().toLocaleDateString("sv-SE", { timeZone: "Europe/Paris" });
}

test("the dashboard lists today's contacts before the overdue ones and opens the due list", async ({ page }, testInfo) => {
  await login(page, "stagiaire03@demo.capvente.fr");
  await expect(page.getByRole("heading", { name: "Tableau de bord" })).toBeVisible();
  const card = page.getByRole("region", { name: "Contacts à faire (aujourd'hui et en retard)" });
  await expect(card.getByRole("heading", { name: /^En retard \(\d+\)$/ })).toBeVisible();
  // Overdue contacts from the most recent: each "depuis le" date is on or before the one above.
  const dates = (await card.getByText(/^depuis le /).allTextContents()).map((t) => t.replace("depuis le ", "").split("/").reverse().join("-"));
  expect(dates.length).toBeGreaterThan(0);
  expect([...dates].sort().reverse()).toEqual(dates);
  await checkAccessibility(page, "tableau de bord");
  // "… et N autre(s)" opens the list filtered on the due contacts, in the same order.
  const more = card.getByRole("link", { name: /^… et \d+ autre\(s\)$/ });
  await more.click();
  await expect(page).toHaveURL(new RegExp(`/prospects\\?before=${isoToday()}&sort=-next_contact_on$`));
  await expect(page.getByLabel("Prochain contact au plus tard le")).toHaveValue(isoToday());
  await finalScreenshot(page, testInfo);
});
