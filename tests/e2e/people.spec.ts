import { randomUUID } from "node:crypto";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { account } from "../fixtures/e2e-accounts";
import { startMailSink, type MailSink } from "../support/receivers";
import { signIn, signInAs } from "./helpers";

// An admin sets up email (to a local SMTP server), sends a test email, and invites two people: one
// by an emailed sign-in link, one by a one-time password that they must replace at first sign-in.
// Email settings are global, so this one test owns them while it runs, and hands them back.

async function setUpEmail(page: Page, mail: MailSink) {
  await page.goto("/settings/integrations");
  const email = page.getByTestId("email-settings");
  await email.getByLabel("Server", { exact: true }).fill("127.0.0.1");
  await email.getByLabel("Port", { exact: true }).fill(new URL(mail.url).port);
  // (The local SMTP server takes no login: the password is stored, but with no username it is not sent.)
  await email.getByLabel("Password").fill("a-secret-smtp-password");
  await email.getByLabel("From", { exact: true }).fill("Handoff Desk <desk@e2e.handoffdesk.test>");
  await email.getByRole("button", { name: "Save" }).click();
  await expect(email.getByText("Set here")).toBeVisible();
  await expect(email.getByLabel("Password")).toHaveValue("");
  await expect(page.locator("body")).not.toContainText("a-secret-smtp-password");
  await email.getByRole("button", { name: "Send a test email to me" }).click();
  await expect(email.getByTestId("email-test-result")).toContainText(`Sent to ${account("admin").email}`);
  expect(mail.messages.some((m) => m.subject === "Test email from Handoff Desk")).toBe(true);
}

async function handEmailBack(page: Page) {
  await page.goto("/settings/integrations");
  const email = page.getByTestId("email-settings");
  await email.getByRole("button", { name: "Use the environment's settings" }).click();
  await expect(email.getByText("Not set up").or(email.getByText("From the environment"))).toBeVisible();
}

test("email is set up, and invited people set their password by an emailed link or replace a one-time password", async ({
  page,
  browser,
}) => {
  test.setTimeout(90_000);
  const tag = randomUUID().slice(0, 8);
  const lenaEmail = `lena-${tag}@e2e.handoffdesk.test`;
  const mail = await startMailSink();
  await signInAs(page, account("admin"));
  try {
    await setUpEmail(page, mail);
    await page.goto("/settings/users");
    await page.getByRole("button", { name: "Invite a user…" }).click();
    const invite = page.getByRole("dialog");
    await invite.getByLabel("Name").fill("Lena Link");
    await invite.getByLabel("Email", { exact: true }).fill(lenaEmail);
    await invite.getByLabel("Role").selectOption("owner");
    await invite.getByLabel("Sales").check();
    await invite.getByRole("textbox", { name: "Territories" }).fill("gb, ie");
    await invite.getByRole("button", { name: "Invite", exact: true }).click();
    await expect(invite.getByTestId("invite-outcome")).toContainText(`emailed a sign-in link at ${lenaEmail}`);
    await invite.getByRole("button", { name: "Done" }).click();
    await expect.poll(() => mail.messages.some((m) => m.to && JSON.stringify(m.to).includes(lenaEmail))).toBe(true);
    const invitation = mail.messages.find((m) => JSON.stringify(m.to).includes(lenaEmail))!;
    const link = /(https?:\/\/\S+\/invite\/[\w-]{43})/.exec(invitation.text ?? "")?.[1];
    expect(link).toBeTruthy();
    const lenaRow = page.getByTestId(`user-row-${lenaEmail}`);
    await expect(lenaRow).toContainText("Invited");
    await expect(lenaRow).toContainText("GB, IE");
    await expect(lenaRow).toContainText("Sales");

    await usePassword(browser, link!, lenaEmail);
  } finally {
    await handEmailBack(page);
    await mail.close();
  }
  await page.goto("/settings/users");

  await page.getByRole("button", { name: "Invite a user…" }).click();
  const dialog = page.getByRole("dialog");
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
  const edit = page.getByRole("dialog");
  await edit.getByLabel("Role").selectOption("owner");
  await edit.getByRole("button", { name: "Save Otto Once" }).click();
  await expect(page.getByTestId(`user-row-otto-${tag}@e2e.handoffdesk.test`)).toContainText("Owner");
  expect((await otto.goto("/queue"))?.status()).toBe(403);
});

async function usePassword(browser: Browser, link: string, email: string) {
  const lena = await (await browser.newContext()).newPage();
  await lena.goto(new URL(link).pathname);
  await lena.getByLabel("New password", { exact: true }).fill("lena's long password");
  await lena.getByLabel("New password, again").fill("lena's long password");
  await lena.getByRole("button", { name: "Set my password" }).click();
  await expect(lena.getByTestId("sign-in-notice")).toHaveText("Your password is set. Sign in with it.");
  await signIn(lena, email, "lena's long password");
  await expect(lena).toHaveURL(/\/inbox/);
  await lena.goto(new URL(link).pathname);
  await expect(lena.getByTestId("invitation-invalid")).toContainText("already used");
}
