import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { account } from "../fixtures/e2e-accounts";
import { signInAs } from "./helpers";

async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

test("sign-in and console pages have no serious accessibility violations", async ({ page }) => {
  // Sixteen pages, each loaded to network idle and scanned by axe: 40 s on a busy 2-core machine.
  test.setTimeout(120_000);
  await page.goto("/sign-in");
  expect(await seriousViolations(page)).toEqual([]);

  await signInAs(page, account("admin"));
  for (const path of [
    "/queue",
    "/cases",
    "/inbox",
    "/dashboards",
    "/dashboards/conversations?metric=conversations",
    "/dashboards/report",
    "/settings/routing",
    "/settings/escalation",
    "/settings/language",
    "/settings/data-protection",
    "/settings/sources",
    "/settings/integrations",
    "/settings/users",
    "/settings/teams",
    "/settings/audit",
  ]) {
    await page.goto(path);
    await expect(page.getByRole("main")).toBeVisible();
    await page.waitForLoadState("networkidle");
    expect(await seriousViolations(page), path).toEqual([]);
  }
});

test("keyboard alone: focus is visible and reaches sign-in and navigation", async ({ page }) => {
  await page.goto("/sign-in");
  await page.keyboard.press("Tab");
  await expect(page.getByLabel("Email")).toBeFocused();
  const outline = await page.getByLabel("Email").evaluate((el) => getComputedStyle(el).outlineStyle);
  expect(outline).not.toBe("none");

  await page.keyboard.type(account("reviewer").email);
  await page.keyboard.press("Tab");
  await page.keyboard.type(account("reviewer").password);
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL("/queue");

  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "Skip to content" });
  await expect(skip).toBeFocused();
  await expect(skip).toBeVisible();
  await page.keyboard.press("Tab");
  await page.keyboard.press("Tab");
  await expect(page.getByRole("link", { name: "Cases" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL("/cases");
});

test("the shell fits a small laptop screen without horizontal scrolling", async ({ page }) => {
  await page.setViewportSize({ width: 1024, height: 640 });
  await signInAs(page, account("admin"));
  await page.goto("/settings/users");
  await expect(page.getByTestId("users-table")).toBeVisible();
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);
});
