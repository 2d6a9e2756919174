import { randomUUID } from "node:crypto";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { DEMO_SOURCE } from "../../server/auth/demo-accounts";
import { account } from "../fixtures/e2e-accounts";
import { signInAs } from "./helpers";

// An admin edits the routing rules: adds a rule, tests it on a pasted chat, replays it over recent
// conversations, publishes it, sees a new conversation routed by it, and rolls it back. The rule
// fires only on this run's phrase, so conversations other tests post at the same time route as before.

const tag = randomUUID().slice(0, 8);
const phrase = `solar roof ${tag}`;

async function postChat(request: APIRequestContext, text: string) {
  const response = await request.post("/api/v1/conversations", {
    headers: { authorization: `Bearer ${DEMO_SOURCE.apiKey}` },
    data: {
      externalId: `routing-${randomUUID()}`,
      messages: [
        { role: "visitor", text },
        { role: "bot", text: "Can the team email you about it?" },
        { role: "visitor", text: `Yes please, sam.${tag}@home.example. Sam Reed` },
      ],
    },
  });
  expect(response.status()).toBe(201);
  return (await response.json()) as { routedTo: { rule: { id: string; version: number } } };
}

test("a rule is edited, tested, replayed, published, routes a new conversation, and is rolled back", async ({
  page,
  request,
}) => {
  test.setTimeout(90_000);
  // A past conversation the new rule would route differently.
  const before = await postChat(request, `Hi, could someone fit a ${phrase} on our house?`);
  expect(before.routedTo.rule.id).toBe("sales");
  const startVersion = before.routedTo.rule.version;

  await signInAs(page, account("admin"));
  await page.goto("/settings/routing");
  await expect(page.getByTestId("routing-status")).toContainText(`Version ${startVersion} is in force`);
  await expect(page.getByTestId("draft-status")).toHaveText("No draft: these are the rules in force.");

  // Add a rule, name it, make it fire on the phrase, send it to Support, and move it to the top.
  await page.getByRole("button", { name: "Add a rule" }).click();
  const rules = page.getByRole("list", { name: "Routing rules, in order" }).locator(":scope > li");
  const added = rules.nth((await rules.count()) - 2);
  await added.getByRole("button", { name: "Edit" }).click();
  await added.getByLabel("Name").fill("Solar roofs go to Support");
  await added.getByLabel("Rule id").fill(`solar-${tag}`);
  await added.getByLabel("Add a condition").selectOption({ label: "Keywords" });
  await added.getByRole("textbox", { name: "Keywords" }).fill(phrase);
  await added.getByLabel("Team", { exact: true }).selectOption("Support");
  await added.getByLabel("Within the team").selectOption("round_robin");
  await added.getByLabel("SLA (minutes to respond)").fill("30");
  const solar = page.getByTestId(`rule-solar-${tag}`);
  for (let i = 0; i < 5 && !(await rules.first().getByText("Solar roofs go to Support").count()); i++)
    await solar.getByRole("button", { name: "Move up: Solar roofs go to Support" }).click();
  await expect(rules.first()).toContainText("Solar roofs go to Support");
  await expect(solar.getByTestId("rule-summary")).toHaveText(
    `When keywords: ${phrase} → team Support (round robin), SLA 30 min`,
  );

  // A wrong value is named at its field and blocks saving until fixed.
  await solar.getByLabel("SLA (minutes to respond)").fill("0");
  await expect(solar.getByTestId("field-error")).toContainText("must be at least 1 minute");
  await expect(page.getByRole("button", { name: "Save draft" })).toBeDisabled();
  await solar.getByLabel("SLA (minutes to respond)").fill("30");

  await page.getByRole("button", { name: "Save draft" }).click();
  await expect(page.getByTestId("routing-notice")).toContainText("Draft saved");
  await page.reload();
  await expect(page.getByTestId("draft-status")).toContainText("Draft saved by Ada Admin, not published.");
  await expect(rules.first()).toContainText("Solar roofs go to Support");

  // Which rule fires and why, on a pasted transcript.
  await page
    .getByRole("textbox", { name: "Transcript" })
    .fill(`Visitor: We want a ${phrase} quote\nBot: What's your email?\nVisitor: kim@home.example, yes contact me`);
  await page.getByRole("button", { name: "Test the draft" }).click();
  await expect(page.getByTestId("test-draft")).toContainText("Solar roofs go to Support");
  await expect(page.getByTestId("test-draft")).toContainText(`Because the visitor wrote "${phrase}".`);
  await expect(page.getByTestId("test-published")).toContainText("New sales inquiries go to Sales");
  await expect(page.getByTestId("trace-sales")).toContainText("Matches but an earlier rule decides");

  // Replay: exactly the earlier conversation would move.
  await page.getByLabel("Conversations to replay").fill("500");
  await page.getByRole("button", { name: "Replay the draft" }).click();
  await expect(page.getByTestId("replay-summary")).toContainText(
    `1 would be routed differently than by version ${startVersion}`,
  );
  await expect(page.getByTestId("replay-row")).toHaveCount(1);
  await expect(page.getByTestId("replay-row")).toContainText("Solar roofs go to Support");

  // Publish, with the diff shown first.
  await page.getByRole("button", { name: "Review and publish…" }).click();
  await expect(page.getByTestId("publish-changes")).toContainText(`Added rule "Solar roofs go to Support"`);
  await page.getByLabel("Note (why, for the history)").fill("Solar pilot");
  await page.getByRole("button", { name: `Publish version ${startVersion + 1}` }).click();
  await expect(page.getByTestId("routing-notice")).toContainText(`Version ${startVersion + 1} is in force`);
  await expect(page.getByTestId("draft-status")).toHaveText("No draft: these are the rules in force.");

  // The next conversation is routed by it, and the decision names the version.
  const routed = await postChat(request, `Hello, we'd like a ${phrase} for the barn please.`);
  expect(routed.routedTo.rule).toEqual({ id: `solar-${tag}`, version: startVersion + 1 });

  const published = page.getByTestId(`version-${startVersion + 1}`);
  await page.reload();
  await expect(published).toContainText("Solar pilot");
  await expect(published).toContainText("1 decision");

  // Roll back: the old rules are published again as the next version.
  await page.getByRole("button", { name: `Roll back to version ${startVersion}` }).click();
  await page
    .getByRole("dialog")
    .getByRole("button", { name: `Roll back to version ${startVersion}` })
    .click();
  await expect(page.getByTestId("routing-status")).toContainText(`Version ${startVersion + 2} is in force`);
  await expect(page.getByTestId(`version-${startVersion + 2}`)).toContainText(`Copy of version ${startVersion}`);
  const after = await postChat(request, `Back again about a ${phrase} for the garage.`);
  expect(after.routedTo.rule).toEqual({ id: "sales", version: startVersion + 2 });
});

test("only admins reach the routing editor and its procedures", async ({ page, request }) => {
  await signInAs(page, account("manager"));
  const response = await page.goto("/settings/routing");
  expect(response?.status()).toBe(403);
  const trpc = await page.request.get("/api/trpc/routing.editor");
  expect(trpc.status()).toBe(403);
  const anonymous = await request.get("/api/trpc/routing.versions");
  expect(anonymous.status()).toBe(401);
});
