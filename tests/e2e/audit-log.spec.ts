import { expect, test } from "@playwright/test";
import { account } from "../fixtures/e2e-accounts";
import { signIn } from "./helpers";

// An admin narrows the audit log by who, what and when; the filters live in the URL, so a view can
// be shared, and every row shown matches them.

test("an admin filters the audit log by action, actor and date, in the URL", async ({ page, browser }) => {
  // The manager signs in elsewhere, so the log holds a sign-in by someone other than the admin.
  const other = await browser.newContext();
  const managerPage = await other.newPage();
  await signIn(managerPage, account("manager").email, account("manager").password);
  await other.close();

  await signIn(page, account("admin").email, account("admin").password);
  await page.goto("/settings/audit?action=auth.sign_in");
  const table = page.getByTestId("audit-table");
  const actions = table.locator("tbody tr td:nth-child(3)");
  await expect(actions.first()).toHaveText("auth.sign_in");
  for (const text of await actions.allTextContents()) expect(text).toBe("auth.sign_in");

  const managerName = account("manager").name;
  await page.getByLabel("Who").selectOption({ label: managerName });
  await expect(page).toHaveURL(/actorId=[0-9a-f-]{36}/);
  await expect(page).toHaveURL(/action=auth\.sign_in/);
  const who = table.locator("tbody tr td:nth-child(2)");
  await expect(who.first()).toHaveText(managerName);
  for (const text of await who.allTextContents()) expect(text).toBe(managerName);

  // Nothing happens tomorrow yet.
  const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
  await page.getByLabel("From (UTC)").fill(tomorrow);
  await expect(page).toHaveURL(new RegExp(`from=${tomorrow}`));
  await expect(table).toContainText("No entries match these filters.");

  // A shared link opens the same view.
  const shared = page.url();
  await page.goto(shared);
  await expect(page.getByLabel("From (UTC)")).toHaveValue(tomorrow);
  await expect(page.getByLabel("Who")).toHaveValue(/[0-9a-f-]{36}/);

  await page.getByRole("button", { name: "Clear filters" }).click();
  await expect(page).toHaveURL(/\/settings\/audit$/);
  await expect(actions.first()).not.toHaveText("");
});
