import { expect, test } from "@playwright/test";
import { account, E2E_EXTRA_ACCOUNTS } from "../fixtures/e2e-accounts";
import { expectNavigation, signIn } from "./helpers";

const ROLES = [
  { role: "admin", home: "/queue", nav: ["Queue", "Cases", "Inbox", "Dashboards", "Settings"] },
  { role: "manager", home: "/queue", nav: ["Queue", "Cases", "Inbox", "Dashboards"] },
  { role: "reviewer", home: "/queue", nav: ["Queue", "Cases", "Inbox"] },
  { role: "owner", home: "/inbox", nav: ["Inbox"] },
] as const;

for (const { role, home, nav } of ROLES) {
  test(`${role}: signs in, sees only their navigation, signs out`, async ({ page }) => {
    const { email, password, name } = account(role);
    await page.goto("/");
    await expect(page).toHaveURL(/\/sign-in$/);
    await signIn(page, email, password);
    await expect(page).toHaveURL(home);
    await expectNavigation(page, nav);
    await expect(page.getByTestId("current-user-name")).toHaveText(name);
    // Their home page has rendered (whether it lists anything depends on what other tests sent).
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();

    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/sign-in\?reason=signed_out$/);
    await expect(page.getByTestId("sign-in-notice")).toHaveText("You are signed out.");
    await page.goto(home);
    await expect(page).toHaveURL(`/sign-in?callbackUrl=${encodeURIComponent(home)}`);
  });
}

test("a wrong password shows an error and signs nobody in", async ({ page }) => {
  await page.goto("/sign-in");
  await signIn(page, account("reviewer").email, "definitely-not-the-password");
  await expect(page.getByTestId("sign-in-error")).toHaveText("Wrong email or password.");
  await expect(page).toHaveURL(/\/sign-in/);
  await expect(page.getByLabel("Email")).toHaveValue(account("reviewer").email);
  const session = await page.request.get("/api/auth/session");
  expect(await session.json()).toBeNull();
});

test("an unknown email gets the same message as a wrong password", async ({ page }) => {
  await signIn(page, "nobody@nowhere.example", "whatever-password");
  await expect(page.getByTestId("sign-in-error")).toHaveText("Wrong email or password.");
});

test("returns to the page asked for after signing in", async ({ page }) => {
  await page.goto("/settings/audit");
  await expect(page).toHaveURL("/sign-in?callbackUrl=%2Fsettings%2Faudit");
  await signIn(page, account("admin").email, account("admin").password);
  await expect(page).toHaveURL("/settings/audit");
  await expect(page.getByTestId("audit-table")).toBeVisible();
});

test("repeated failures lock the account for a while, even with the right password", async ({ page }) => {
  const lockout = E2E_EXTRA_ACCOUNTS[1]!;
  await page.goto("/sign-in");
  for (let attempt = 0; attempt < 5; attempt++) {
    await signIn(page, lockout.email, `wrong-${attempt}`);
    await expect(page.getByTestId("sign-in-error")).toHaveText("Wrong email or password.");
  }
  await signIn(page, lockout.email, lockout.password);
  await expect(page.getByTestId("sign-in-error")).toHaveText(
    "Too many sign-in attempts. Wait a few minutes and try again.",
  );
});

test("outside demo mode, the sign-in page lists no demo accounts", async ({ page }) => {
  await page.goto("/sign-in");
  await expect(page.getByLabel("Email")).toBeVisible();
  await expect(page.getByTestId("demo-accounts")).toHaveCount(0);
});
