import { randomUUID } from "node:crypto";
import { expect, test } from "@playwright/test";
import { account } from "../fixtures/e2e-accounts";
import { startMailSink } from "../support/receivers";
import { signInAs } from "./helpers";

// An admin makes a source (its key shown once, and it works), rotates and revokes it, and sets up
// email with a write-only password, sending a test email to a local SMTP server.

test("an admin makes, rotates and revokes a source's key", async ({ page, request }) => {
  const name = `Site ${randomUUID().slice(0, 8)}`;
  await signInAs(page, account("admin"));
  await page.goto("/settings/sources");
  await page.getByLabel("New source").fill(name);
  await page.getByRole("button", { name: "Create source" }).click();
  const key = (await page.getByTestId("secret-API key").textContent())!;
  expect(key).toMatch(/^hd_/);
  await page.getByRole("button", { name: "Done" }).click();
  await expect(page.getByTestId(`source-${name}`)).toContainText(key.slice(0, 11));
  await expect(page.getByTestId(`source-${name}`)).not.toContainText(key);

  const post = (apiKey: string) =>
    request.post("/api/v1/conversations", {
      headers: { authorization: `Bearer ${apiKey}` },
      data: { externalId: `k-${randomUUID()}`, messages: [{ role: "visitor", text: "Hello, do you fit gutters?" }] },
    });
  expect((await post(key)).status()).toBe(201);

  await page.getByRole("button", { name: `Rotate the key of ${name}` }).click();
  const rotated = (await page.getByTestId("secret-API key").textContent())!;
  await page.getByRole("button", { name: "Done" }).click();
  expect((await post(rotated)).status()).toBe(201);
  await page.getByRole("button", { name: `Revoke ${name}` }).click();
  await page
    .getByRole("dialog")
    .getByRole("button", { name: `Revoke ${name}` })
    .click();
  await expect(page.getByTestId(`source-${name}`)).toContainText("Revoked");
  expect((await post(rotated)).status()).toBe(401);
});

test("an admin sets up email and sends a test email", async ({ page }) => {
  const mail = await startMailSink();
  try {
    await signInAs(page, account("admin"));
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
    // Back to the environment's settings, so other tests are not affected.
    await email.getByRole("button", { name: "Use the environment's settings" }).click();
    await expect(email.getByText("Not set up").or(email.getByText("From the environment"))).toBeVisible();
  } finally {
    await mail.close();
  }
});
