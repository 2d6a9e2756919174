import { randomUUID } from "node:crypto";
import { expect, test } from "@playwright/test";
import { account } from "../fixtures/e2e-accounts";
import { signInAs } from "./helpers";

// An admin makes a source (its key shown once, and it works), rotates and revokes it. (Email
// settings are tested in people.spec.ts, which owns them while it invites someone by email.)

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
