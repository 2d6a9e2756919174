import { randomUUID } from "node:crypto";
import { expect, test } from "@playwright/test";
import { DEMO_SOURCE } from "../../server/auth/demo-accounts";
import { account } from "../fixtures/e2e-accounts";
import { signInAs } from "./helpers";

// An admin answers a contact's request: looks them up, downloads everything stored as JSON, and
// erases them; then sets the retention period.

test("an admin exports and erases a contact's data, and sets the retention period", async ({ page, request }) => {
  const email = `riley.${randomUUID().slice(0, 8)}@visitor.example`;
  const posted = await request.post("/api/v1/conversations", {
    headers: { authorization: `Bearer ${DEMO_SOURCE.apiKey}` },
    data: {
      externalId: `dp-${randomUUID()}`,
      messages: [
        { role: "visitor", text: "Could someone quote for a new boiler? I'm Riley Stone." },
        { role: "bot", text: "Can the team email you about it?" },
        { role: "visitor", text: `Yes please, ${email}` },
      ],
    },
  });
  expect(posted.status()).toBe(201);

  await signInAs(page, account("admin"));
  await page.goto("/settings/data-protection");
  await page.getByRole("textbox", { name: "Email" }).fill(email);
  await page.getByRole("button", { name: "Look up" }).click();
  const found = page.getByTestId("contact-found");
  await expect(found.getByRole("row", { name: /Leads/ })).toContainText("1");
  await expect(found.getByRole("row", { name: /^Conversations/ })).toContainText("1");

  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "Export as JSON" }).click();
  const file = await download;
  const exported = JSON.parse(await (await file.createReadStream()).toArray().then((c) => Buffer.concat(c).toString()));
  expect(exported.leads[0].email).toBe(email);
  expect(JSON.stringify(exported.conversations[0].messages)).toContain(email);

  await page.getByRole("button", { name: "Erase…" }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog.getByRole("button", { name: "Erase for good" })).toBeDisabled();
  await dialog.getByLabel(`Type ${email} to confirm`).fill(email);
  await dialog.getByLabel("Reason (the request's reference)").fill("DSR-42");
  await dialog.getByRole("button", { name: "Erase for good" }).click();
  await expect(page.getByTestId("erase-result")).toContainText("Erased: 1 conversation and 1 lead");
  await page.getByRole("button", { name: "Look up" }).click();
  await expect(page.getByTestId("contact-not-found")).toBeVisible();

  // A period below the minimum is refused at its field; a valid one is saved.
  await page.getByLabel("Remove transcripts after a retention period").check();
  await page.getByLabel("Keep transcripts for (days)").fill("3");
  await page.getByRole("button", { name: "Save retention" }).click();
  await expect(page.getByText("keep transcripts at least 7 days").first()).toBeVisible();
  await page.getByLabel("Keep transcripts for (days)").fill("3650");
  await page.getByRole("button", { name: "Save retention" }).click();
  await expect(page.getByRole("button", { name: "Run now" })).toBeEnabled();
  await page.getByRole("button", { name: "Run now" }).click();
  await expect(page.getByTestId("retention-status")).toContainText("just now");
  // Leave retention off again for the rest of the run.
  await page.getByLabel("Remove transcripts after a retention period").uncheck();
  await page.getByRole("button", { name: "Save retention" }).click();
  await expect(page.getByRole("button", { name: "Run now" })).toBeDisabled();
});
