import { expect, test } from "@playwright/test";
import { account, E2E_EXTRA_ACCOUNTS } from "../fixtures/e2e-accounts";
import { signIn, signInAs } from "./helpers";

test("a deactivated user's next request is refused, and the change is audited", async ({ browser }) => {
  const target = E2E_EXTRA_ACCOUNTS[0]!;
  const userContext = await browser.newContext();
  const adminContext = await browser.newContext();
  const userPage = await userContext.newPage();
  const adminPage = await adminContext.newPage();

  await signIn(userPage, target.email, target.password);
  await expect(userPage).toHaveURL("/inbox");
  expect((await userPage.request.get("/api/trpc/viewer.me")).status()).toBe(200);

  await signInAs(adminPage, account("admin"));
  await adminPage.goto("/settings/users");
  const row = adminPage.getByTestId(`user-row-${target.email}`);
  await row.getByRole("button", { name: `Deactivate ${target.name}` }).click();
  await expect(row.getByRole("button", { name: `Reactivate ${target.name}` })).toBeVisible();
  await expect(row.getByText("Deactivated", { exact: true })).toBeVisible();

  // The same cookie, one request later.
  expect((await userPage.request.get("/api/trpc/viewer.me")).status()).toBe(401);
  await userPage.reload();
  await expect(userPage).toHaveURL("/sign-in?callbackUrl=%2Finbox");
  await expect(userPage.getByTestId("sign-in-notice")).toHaveText("Your session has ended. Sign in again to continue.");
  await signIn(userPage, target.email, target.password);
  await expect(userPage.getByTestId("sign-in-error")).toHaveText(
    "This account has been deactivated. Ask an admin to reactivate it.",
  );

  await adminPage.goto("/settings/audit");
  const entry = adminPage.getByRole("row").filter({ hasText: "user.deactivated" });
  await expect(entry).toContainText(target.name);
  await expect(entry).toContainText(`{"active":true} → {"active":false,"sessionsEnded":1}`);

  await userContext.close();
  await adminContext.close();
});
