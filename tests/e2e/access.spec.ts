import { expect, test } from "@playwright/test";
import { account } from "../fixtures/e2e-accounts";
import { signIn } from "./helpers";

test("an owner is refused other roles' pages with a 403", async ({ page }) => {
  await signIn(page, account("owner").email, account("owner").password);
  await expect(page).toHaveURL("/inbox");
  for (const path of ["/queue", "/cases", "/dashboards", "/settings/routing", "/settings/users", "/settings/audit"]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(403);
    await expect(page.getByTestId("forbidden")).toBeVisible();
    await expect(page.getByTestId("users-table")).toHaveCount(0);
  }
});

test("a reviewer cannot open dashboards, and a manager cannot open settings", async ({ browser }) => {
  for (const [role, path] of [
    ["reviewer", "/dashboards"],
    ["manager", "/settings/users"],
  ] as const) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signIn(page, account(role).email, account(role).password);
    await expect(page).toHaveURL("/queue");
    expect((await page.goto(path))?.status()).toBe(403);
    await context.close();
  }
});

test("an owner is refused an admin procedure by the server", async ({ page }) => {
  await signIn(page, account("owner").email, account("owner").password);
  await expect(page).toHaveURL("/inbox");
  const response = await page.request.get("/api/trpc/users.list");
  expect(response.status()).toBe(403);
  const body = await response.json();
  expect(body.error.json.data.code).toBe("FORBIDDEN");
  expect(JSON.stringify(body)).not.toContain("@demo.handoffdesk.test");

  const mutation = await page.request.post("/api/trpc/users.setActive", {
    data: { json: { userId: "0195f3a0-0000-7000-8000-000000000000", active: false } },
  });
  expect(mutation.status()).toBe(403);
});

test("without a session, procedures answer 401", async ({ request }) => {
  const response = await request.get("/api/trpc/viewer.me");
  expect(response.status()).toBe(401);
  expect((await response.json()).error.json.data.code).toBe("UNAUTHORIZED");
});

test("health reports app and database without secrets", async ({ request }) => {
  const response = await request.get("/api/health");
  expect(response.status()).toBe(200);
  const body = await response.json();
  expect(body).toMatchObject({ status: "ok", app: { status: "ok" }, database: { status: "ok" } });
  expect(JSON.stringify(body)).not.toMatch(/postgres(ql)?:\/\/|secret|password/i);
});
