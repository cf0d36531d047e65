import { expect, test } from "@playwright/test";
import { finalScreenshot, watchCsp } from "./support";

// The API's documentation, self-hosted (no CDN): both render under the policy. The OpenAPI
// document is large (about 320 operations) and ReDoc renders it whole: about 20 s on two
// busy cores, but five times that while Playwright records a trace (its DOM snapshots of the
// thousands of nodes ReDoc creates; measured on 2026-12-07: 23 s without, 99 s with). This
// file records none; each test keeps a budget of its own for a machine running the two
// pytest runs of `make test` beside it.
test.use({ trace: "off" });

test("the content security policy lets Swagger UI work", async ({ page }, testInfo) => {
  test.setTimeout(240_000);
  const violations = watchCsp(page);
  await page.goto("/docs");
  await expect(page.locator(".swagger-ui .info .title")).toContainText("CapVente API", { timeout: 200_000 });
  await expect(page.locator(".opblock").first()).toBeVisible();
  expect(violations).toEqual([]);
  await finalScreenshot(page, testInfo);
});

test("the content security policy lets ReDoc work", async ({ page }, testInfo) => {
  test.setTimeout(240_000);
  const violations = watchCsp(page);
  await page.goto("/redoc");
  await expect(page.locator("redoc h1, [role=main] h1").first()).toContainText("CapVente API", { timeout: 200_000 });
  // ReDoc's footer loads Redocly's logo from their CDN: refused on purpose (no third-party
  // request from our pages). Nothing else may be refused.
  const unexpected = violations.filter((v) => !v.includes("https://cdn.redoc.ly/redoc/logo-mini.svg"));
  expect(unexpected).toEqual([]);
  // The viewport: the whole of ReDoc's page (every operation, one under the other) takes
  // longer to capture than to render.
  await finalScreenshot(page, testInfo, false);
});
