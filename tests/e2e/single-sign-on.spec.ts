import { expect, test, type Page } from "@playwright/test";
import { account } from "../fixtures/e2e-accounts";
import { expectNavigation } from "./helpers";

/** Goes through the local provider's development login: any login name, any password. */
async function signInWithProvider(page: Page, login: string) {
  await page.goto("/sign-in");
  await page.getByRole("button", { name: "Sign in with Test IdP" }).click();
  await page.locator("input[name=login]").fill(login);
  await page.locator("input[name=password]").fill("any password at the provider");
  await page.getByRole("button", { name: "Sign-in" }).click();
  await page.getByRole("button", { name: "Continue" }).click();
}

test("an existing user signs in through the identity provider and gets their own role", async ({ page }) => {
  const manager = account("manager");
  await signInWithProvider(page, manager.email);
  await expect(page).toHaveURL("/queue");
  await expectNavigation(page, ["Queue", "Cases", "Inbox", "Dashboards"]);
  await expect(page.getByTestId("current-user-name")).toHaveText(manager.name);
});

test("someone the provider knows but Handoff Desk does not is refused, and no account is made", async ({ page }) => {
  await signInWithProvider(page, "stranger@elsewhere.example");
  await expect(page).toHaveURL(/\/sign-in\?error=sso_unknown_user/);
  await expect(page.getByTestId("sign-in-sso-error")).toHaveText(
    "Your single sign-on account is not linked to a Handoff Desk user. Ask an admin to add you.",
  );
  expect(await (await page.request.get("/api/auth/session")).json()).toBeNull();
});
