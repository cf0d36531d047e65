import { expect, test, type Page } from "@playwright/test";
import { finalScreenshot, watchCsp } from "./support";

// The API's documentation, self-hosted (no CDN): both render under the policy. What these
// tests prove is that the pages' scripts, styles, fonts and workers run under the content
// security policy, not how long a viewer takes over the whole API: ReDoc renders the full
// document (about 360 operations) in about 20 s on two idle cores, and past four minutes
// on two cores shared with the rest of `make test`. Each page gets the served document cut
// to its first paths (the same info, tags and components), fetched from the server.
// No trace either: Playwright's DOM snapshots of the viewers' thousands of nodes multiply
// their time by five (measured on 2026-12-07: 23 s without, 99 s with).
test.use({ trace: "off" });

const PATHS_KEPT = 12;

async function serveShortDocument(page: Page): Promise<void> {
  await page.route("**/openapi.json", async (route) => {
    const response = await route.fetch();
    const document = (await response.json()) as { paths: Record<string, unknown> };
    const paths = Object.fromEntries(Object.entries(document.paths).slice(0, PATHS_KEPT));
    expect(Object.keys(paths).length).toBe(PATHS_KEPT);
    await route.fulfill({ response, json: { ...document, paths } });
  });
}

test("the content security policy lets Swagger UI work", async ({ page }, testInfo) => {
  test.setTimeout(120_000);
  const violations = watchCsp(page);
  await serveShortDocument(page);
  await page.goto("/docs");
  await expect(page.locator(".swagger-ui .info .title")).toContainText("CapVente API", { timeout: 90_000 });
  await expect(page.locator(".opblock").first()).toBeVisible();
  expect(violations).toEqual([]);
  await finalScreenshot(page, testInfo);
});

test("the content security policy lets ReDoc work", async ({ page }, testInfo) => {
  test.setTimeout(120_000);
  const violations = watchCsp(page);
  await serveShortDocument(page);
  await page.goto("/redoc");
  await expect(page.locator("redoc h1, [role=main] h1").first()).toContainText("CapVente API", { timeout: 90_000 });
  // ReDoc's footer loads Redocly's logo from their CDN: refused on purpose (no third-party
  // request from our pages). Nothing else may be refused.
  const unexpected = violations.filter((v) => !v.includes("https://cdn.redoc.ly/redoc/logo-mini.svg"));
  expect(unexpected).toEqual([]);
  await expect(page.locator("[data-section-id^='operation/']").first()).toBeAttached();
  await finalScreenshot(page, testInfo);
});
