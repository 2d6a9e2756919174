import { randomUUID } from "node:crypto";
import { expect, test } from "@playwright/test";
import { account } from "../fixtures/e2e-accounts";
import { signIn, signInAs } from "./helpers";

// An admin invites two people: one by a sign-in link (email is not set up here, so the link is shown
// once to pass on), one by a one-time password that they must replace at first sign-in.

test("invited people set their password by link or replace a one-time password", async ({ page, browser }) => {
  test.setTimeout(60_000);
  const tag = randomUUID().slice(0, 8);
  await signInAs(page, account("admin"));
  await page.goto("/settings/users");

  await page.getByRole("button", { name: "Invite a user…" }).click();
  let dialog = page.getByRole("dialog");
  await dialog.getByLabel("Name").fill("Lena Link");
  await dialog.getByLabel("Email", { exact: true }).fill(`lena-${tag}@e2e.handoffdesk.test`);
  await dialog.getByLabel("Role").selectOption("owner");
  await dialog.getByLabel("Sales").check();
  await dialog.getByRole("textbox", { name: "Territories" }).fill("gb, ie");
  await dialog.getByRole("button", { name: "Invite", exact: true }).click();
  const link = (await dialog.getByTestId("invite-secret").textContent())!;
  expect(link).toMatch(/\/invite\/[\w-]{43}$/);
  await dialog.getByRole("button", { name: "Done" }).click();
  const lenaRow = page.getByTestId(`user-row-lena-${tag}@e2e.handoffdesk.test`);
  await expect(lenaRow).toContainText("Invited");
  await expect(lenaRow).toContainText("GB, IE");
  await expect(lenaRow).toContainText("Sales");

  const lena = await (await browser.newContext()).newPage();
  await lena.goto(new URL(link).pathname);
  await lena.getByLabel("New password", { exact: true }).fill("lena's long password");
  await lena.getByLabel("New password, again").fill("lena's long password");
  await lena.getByRole("button", { name: "Set my password" }).click();
  await expect(lena.getByTestId("sign-in-notice")).toHaveText("Your password is set. Sign in with it.");
  await signIn(lena, `lena-${tag}@e2e.handoffdesk.test`, "lena's long password");
  await expect(lena).toHaveURL(/\/inbox/);
  await lena.goto(new URL(link).pathname);
  await expect(lena.getByTestId("invitation-invalid")).toContainText("already used");

  await page.getByRole("button", { name: "Invite a user…" }).click();
  dialog = page.getByRole("dialog");
  await dialog.getByLabel("Name").fill("Otto Once");
  await dialog.getByLabel("Email", { exact: true }).fill(`otto-${tag}@e2e.handoffdesk.test`);
  await dialog.getByLabel("Role").selectOption("reviewer");
  await dialog.getByLabel("Give me a one-time password to pass on", { exact: false }).check();
  await dialog.getByRole("button", { name: "Invite", exact: true }).click();
  const password = (await dialog.getByTestId("invite-secret").textContent())!;
  await dialog.getByRole("button", { name: "Done" }).click();

  const otto = await (await browser.newContext()).newPage();
  await signIn(otto, `otto-${tag}@e2e.handoffdesk.test`, password);
  await expect(otto).toHaveURL(/\/account\/password/);
  await otto.goto("/queue");
  await expect(otto).toHaveURL(/\/account\/password/);
  await otto.getByLabel("Current password").fill(password);
  await otto.getByLabel("New password", { exact: true }).fill("otto's own password");
  await otto.getByLabel("New password, again").fill("otto's own password");
  await otto.getByRole("button", { name: "Change password" }).click();
  await expect(otto).toHaveURL(/\/queue/);

  // The admin changes Otto's role; it holds on Otto's next request.
  await page.reload();
  await page.getByRole("button", { name: "Edit Otto Once" }).click();
  dialog = page.getByRole("dialog");
  await dialog.getByLabel("Role").selectOption("owner");
  await dialog.getByRole("button", { name: "Save Otto Once" }).click();
  await expect(page.getByTestId(`user-row-otto-${tag}@e2e.handoffdesk.test`)).toContainText("Owner");
  expect((await otto.goto("/queue"))?.status()).toBe(403);
});
