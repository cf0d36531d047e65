import AxeBuilder from "@axe-core/playwright";
import { expect, type Page, type TestInfo } from "@playwright/test";

export const PASSWORD = "capvente-demo";

export async function login(page: Page, email: string): Promise<void> {
  await page.goto("/connexion");
  await page.getByLabel("Adresse e-mail").fill(email);
  await page.getByLabel("Mot de passe").fill(PASSWORD);
  await page.getByRole("button", { name: "Se connecter" }).click();
  await expect(page.getByRole("button", { name: "Se déconnecter" })).toBeVisible();
}

/** axe-core on the current page: no serious or critical violation. */
export async function checkAccessibility(page: Page, where: string): Promise<void> {
  await page.waitForLoadState("networkidle");
  const results = await new AxeBuilder({ page }).analyze();
  const blocking = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(
    blocking.map((v) => `${where}: ${v.id} (${v.impact}) — ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(" | ")}`),
  ).toEqual([]);
}

/** The final page of a test, kept under e2e-artifacts/ (ignored by git): the whole page, or
 * its viewport with ``fullPage`` false (or when the page is taller than Chromium captures). */
export async function finalScreenshot(page: Page, testInfo: TestInfo, fullPage = true): Promise<void> {
  const name = testInfo.title.replace(/[^a-z0-9]+/gi, "-").toLowerCase();
  const path = `e2e-artifacts/${name}.png`;
  try {
    await page.screenshot({ path, fullPage });
  } catch {
    await page.screenshot({ path });
  }
}

/** Every Content Security Policy violation Chromium reports on a page (console and event). */
export function watchCsp(page: Page): string[] {
  const violations: string[] = [];
  page.on("console", (message) => {
    if (message.text().includes("Content Security Policy")) violations.push(message.text());
  });
  void page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      console.error(`Content Security Policy: ${event.violatedDirective} ${event.blockedURI}`);
    });
  });
  return violations;
}
