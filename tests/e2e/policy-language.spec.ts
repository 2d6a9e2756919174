import { randomUUID } from "node:crypto";
import { expect, test } from "@playwright/test";
import { DEMO_SOURCE } from "../../server/auth/demo-accounts";
import { account } from "../fixtures/e2e-accounts";
import { signInAs } from "./helpers";

// An admin teaches the escalation policy a phrase, sees it flagged in the test box, publishes, and a
// chat posted next is escalated for it; then rolls back. Approved language: a new consent wording
// is what the bot asks with next, with its version. Only this test's phrase is added, so other
// tests' chats are analysed as before.

const auth = { authorization: `Bearer ${DEMO_SOURCE.apiKey}` };

test("a phrase added to a flag is tested, published, used for the next chat, and rolled back", async ({
  page,
  request,
}) => {
  test.setTimeout(60_000);
  await signInAs(page, account("admin"));
  await page.goto("/settings/escalation");
  await expect(page.getByTestId("versioned-status")).toContainText("is in force");
  const custom = page.getByTestId("flag-custom_scope");
  await custom.locator("summary").first().click();
  await custom.getByLabel("Add a phrase").fill("zebra stripes");
  await custom.getByRole("button", { name: "Add", exact: true }).click();
  await expect(custom.getByRole("list", { name: "Custom scope: added" })).toContainText("zebra stripes");

  const box = page.getByTestId("test-flags");
  await box.locator("summary").click();
  await box.getByLabel("Sample text").fill("Could you paint our fence in zebra stripes?");
  await box.getByRole("button", { name: "Test", exact: true }).click();
  await expect(box.getByTestId("test-flags-draft")).toContainText(
    "Custom scope (“Could you paint our fence in zebra stripes?”)",
  );
  await expect(box.getByTestId("test-flags-draft")).toContainText("Next: escalate to a person");
  await expect(box.getByTestId("test-flags-published")).not.toContainText("Custom scope");

  await page.getByRole("button", { name: "Review and publish…" }).click();
  await expect(page.getByTestId("publish-changes")).toContainText('Flag custom_scope: added "zebra stripes"');
  const publish = page.getByRole("dialog").getByRole("button", { name: /^Publish version \d+$/ });
  const version = Number((await publish.textContent())!.replace(/\D/g, ""));
  await publish.click();
  await expect(page.getByTestId("versioned-status")).toContainText(`Version ${version} is in force`);

  const chat = async () => {
    const response = await request.post("/api/v1/conversations", {
      headers: auth,
      data: {
        externalId: `zebra-${randomUUID()}`,
        messages: [{ role: "visitor", text: "Hello, could you paint our garden fence in zebra stripes?" }],
      },
    });
    expect(response.status()).toBe(201);
    return (await response.json()) as { reasons: string[] };
  };
  expect((await chat()).reasons).toContain("custom_scope");

  await page
    .getByRole("button", { name: `Roll back to version ${version - 1}` })
    .or(page.getByRole("button", { name: "Roll back to the built-in version" }))
    .first()
    .click();
  await page.getByRole("dialog").getByRole("button", { name: "Roll back" }).click();
  await expect(page.getByTestId("versioned-status")).toContainText(`Version ${version + 1} is in force`);
  expect((await chat()).reasons).not.toContain("custom_scope");
});

test("a new consent wording is what the bot asks with next, with its version", async ({ page, request }) => {
  await signInAs(page, account("admin"));
  await page.goto("/settings/language");
  await page.getByRole("button", { name: "Add a new wording" }).click();
  const wordings = page.getByTestId("consent-wordings").locator(":scope > li");
  const added = wordings.last();
  const label = (await added.locator("label").textContent())!;
  const versionId = label.replace("Wording ", "");
  // A promise is refused at its field before anything is published.
  await added.getByRole("textbox").fill("May we call you? We'll have your kitchen done within a week.");
  await page.getByRole("button", { name: "Review and publish…" }).click();
  await expect(page.getByTestId("publish-error")).toContainText("reads as a promise");
  await page.getByRole("dialog").getByRole("button", { name: "Cancel" }).click();
  await added.getByRole("textbox").fill("May our team email or phone you about this request?");
  await page.getByRole("button", { name: "Review and publish…" }).click();
  await expect(page.getByTestId("publish-changes")).toContainText(`Visitors are now asked with ${versionId}`);
  await page
    .getByRole("dialog")
    .getByRole("button", { name: /^Publish version \d+$/ })
    .click();
  await expect(page.getByTestId("versioned-status")).toContainText("is in force");
  await expect(added).toContainText("Shown to visitors");

  const next = await request.post("/api/v1/next-action", {
    headers: auth,
    data: {
      messages: [
        { role: "visitor", text: "We'd like someone to fix a leaking tap in our kitchen. I'm Kim, kim@home.example" },
      ],
    },
  });
  expect(await next.json()).toMatchObject({
    action: "ask_consent",
    reply: "May our team email or phone you about this request?",
    consentWordingVersion: versionId,
  });
});
