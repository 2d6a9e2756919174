import { randomUUID } from "node:crypto";
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { DEMO_ACCOUNTS, DEMO_SOURCE } from "../../server/auth/demo-accounts";
import { signInAs } from "./helpers";

// The owner's inbox against the built app: a sales conversation posted through the API with the
// demo key reaches the demo owner (Sales takes turns, so it is posted again until it is theirs),
// who reads the summary and the open question first, opens the transcript, marks it responded and
// sees the response time; another owner gets the 404 page for it; axe finds nothing serious.

const OWNER = DEMO_ACCOUNTS.find((a) => a.email === "owner@demo.handoffdesk.test")!;
const OTHER_OWNER = DEMO_ACCOUNTS.find((a) => a.email === "support@demo.handoffdesk.test")!;
const QUESTION = "Is slate or felt better for a garage?";

async function currentUserId(page: Page): Promise<string> {
  const res = await page.request.get("/api/trpc/viewer.me");
  expect(res.status()).toBe(200);
  return (await res.json()).result.data.json.id as string;
}

/** Posts clear sales conversations (contact + consent) until routing gives one to `ownerId`. */
async function handoffFor(request: APIRequestContext, ownerId: string) {
  for (let attempt = 0; attempt < 6; attempt++) {
    const id = randomUUID().slice(0, 8);
    const res = await request.post("/api/v1/conversations", {
      headers: { authorization: `Bearer ${DEMO_SOURCE.apiKey}` },
      data: {
        externalId: `e2e-inbox-${id}`,
        pageUrl: "https://acme-roofing.example/services/flat-roofs",
        messages: [
          {
            role: "visitor",
            text: `Hi, we'd like a new flat roof on our garage, about 20 square metres. ${QUESTION}`,
          },
          { role: "bot", text: "Happy to help. Could our surveyor email you to arrange a visit?" },
          { role: "visitor", text: `Yes please, email me at dana-${id}@ruiz.example. I'm Dana Ruiz.` },
        ],
      },
    });
    expect(res.status()).toBe(201);
    const body = await res.json();
    expect(body.outcome).toBe("handoff");
    if (body.routedTo.ownerId === ownerId)
      return { handoffId: body.handoffId as string, email: `dana-${id}@ruiz.example` };
  }
  throw new Error("routing never gave the demo owner a handoff");
}

async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

test("an owner answers from the inbox: summary and question first, transcript, mark responded, response time", async ({
  page,
  request,
}) => {
  test.setTimeout(90_000);
  await signInAs(page, OWNER);
  const { handoffId } = await handoffFor(request, await currentUserId(page));

  await page.goto("/inbox");
  const card = page.locator(`[data-testid="inbox-card"][data-handoff-id="${handoffId}"]`);
  await expect(card).toBeVisible();
  // What they want and what they still wait on come before anything else on the card.
  const texts = await card.locator("h2, p, dl").allInnerTexts();
  expect(texts[0]).toMatch(/Sales inquiry from Dana Ruiz/);
  expect(texts[1]).toContain(QUESTION);
  await expect(card.getByTestId("consent")).toContainText("Consent to contact: given");

  // The transcript is one click away.
  await card.getByRole("button", { name: "Show transcript" }).click();
  await expect(card.getByTestId("transcript")).toContainText("Could our surveyor email you");
  await expect(card.getByRole("button", { name: "Hide transcript" })).toHaveAttribute("aria-expanded", "true");

  await page.waitForLoadState("networkidle");
  expect(await seriousViolations(page), "/inbox").toEqual([]);

  await card.getByRole("button", { name: "Mark responded" }).click();
  await expect(card.getByTestId("response-time")).toHaveText(/Responded in \d+ (s|min) \(marked responded\)/);
  await expect(card.getByRole("button", { name: "Mark responded" })).toHaveCount(0);

  // The same on the handoff's own page, which another owner cannot open.
  await page.goto(`/inbox/${handoffId}`);
  await expect(page.getByTestId("response-time")).toBeVisible();
  await expect(page.getByTestId("transcript")).toContainText(QUESTION);
});

test("another owner opening that handoff by its address gets the 404 page", async ({ page, request, browser }) => {
  await signInAs(page, OWNER);
  const { handoffId, email } = await handoffFor(request, await currentUserId(page));

  const other = await browser.newContext();
  const otherPage = await other.newPage();
  await signInAs(otherPage, OTHER_OWNER);
  const response = await otherPage.goto(`/inbox/${handoffId}`);
  expect(response?.status()).toBe(404);
  await expect(otherPage.getByTestId("not-found")).toBeVisible();
  await expect(otherPage.locator("body")).not.toContainText(email);
  await expect(otherPage.locator("body")).not.toContainText(QUESTION);
  // Nor through the API.
  const api = await otherPage.request.get(
    `/api/trpc/inbox.get?input=${encodeURIComponent(JSON.stringify({ json: { handoffId } }))}`,
  );
  expect(api.status()).toBe(404);
  expect(await api.text()).not.toContain(email);
  await other.close();
});

test("keyboard alone: move to a handoff, open it, write a first reply; the promise check holds a risky one", async ({
  page,
  request,
}) => {
  test.setTimeout(90_000);
  await signInAs(page, OWNER);
  const { handoffId } = await handoffFor(request, await currentUserId(page));
  await page.goto("/inbox");
  await expect(page.getByTestId("inbox-list")).toBeVisible();

  // j moves focus from card to card; Enter opens the focused one.
  const target = page.locator(`[data-handoff-id="${handoffId}"] [data-inbox-link]`);
  for (let i = 0; i < 20 && !(await target.evaluate((el) => el === document.activeElement)); i++) {
    await page.keyboard.press("j");
  }
  await expect(target).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(`/inbox/${handoffId}`);
  await expect(page.getByTestId("summary")).toContainText("Sales inquiry from Dana Ruiz");

  const template = page.getByLabel("Approved template");
  await template.focus();
  await template.selectOption({ label: "Question received, looking into it" });
  const message = page.getByLabel("Message");
  await expect(message).toHaveValue(/^Hi Dana,/);
  await expect(page.getByTestId("promise-check")).toContainText("No promises found");
  await expect(page.getByTestId("send-reply")).toHaveText("Send");

  await message.focus();
  await message.press("Control+End");
  await page.keyboard.type("\nWe guarantee the new roof will be installed by Friday.");
  await expect(page.getByTestId("promise-check")).toContainText("Guarantee");
  await expect(page.getByTestId("promise-check").locator("mark").first()).toBeVisible();
  await expect(page.getByTestId("send-reply")).toHaveText("Send for approval");

  await page.waitForLoadState("networkidle");
  expect(await seriousViolations(page), `/inbox/${handoffId}`).toEqual([]);

  await page.getByTestId("send-reply").focus();
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("reply-status")).toContainText("Sent for approval");
  await expect(page.getByTestId("reply-state")).toContainText("Waiting for approval");
});
