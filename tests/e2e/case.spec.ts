import { randomUUID } from "node:crypto";
import AxeBuilder from "@axe-core/playwright";
import {
  expect,
  test,
  type APIRequestContext,
  type Browser,
  type BrowserContext,
  type Page,
  type Route,
} from "@playwright/test";
import { DEMO_SOURCE } from "../../server/auth/demo-accounts";
import { account, E2E_EXTRA_ACCOUNTS } from "../fixtures/e2e-accounts";
import { signInAs } from "./helpers";

// The case view against the built app: conversations posted through the ingest API, opened by a
// reviewer (which claims them), acted on, and each result checked on screen and in the case's own
// history (its audit entries). Two reviewers race for one case; owners get a 404; reveals are
// limited to the roles allowed and recorded.

// Up to three signed-in users per test on a shared 2-core machine: more time than the default 30 s.
test.describe.configure({ timeout: 150_000 });

const extra = (email: string) => E2E_EXTRA_ACCOUNTS.find((a) => a.email === email)!;
const REVIEWER = account("reviewer");
const MANAGER = account("manager");
const OWNER = account("owner");
const RACER = extra("racer@e2e.handoffdesk.test");
const REVEALER = extra("revealer@e2e.handoffdesk.test");

// One sign-in per account and worker: the sign-in limit counts every attempt from this address.
const states = new Map<string, ReturnType<BrowserContext["storageState"]>>();
async function contextAs(browser: Browser, who: { email: string; password: string }): Promise<BrowserContext> {
  let state = states.get(who.email);
  if (!state) {
    state = (async () => {
      const context = await browser.newContext();
      await signInAs(await context.newPage(), who);
      const saved = await context.storageState();
      await context.close();
      return saved;
    })();
    states.set(who.email, state);
  }
  return browser.newContext({ storageState: await state });
}

const opened: BrowserContext[] = [];
test.afterEach(async () => {
  await Promise.all(opened.splice(0).map((context) => context.close()));
});

async function pageAs(browser: Browser, who: { email: string; password: string }): Promise<Page> {
  const context = await contextAs(browser, who);
  opened.push(context);
  return context.newPage();
}

const CHATS = {
  pricing: (email: string) => [
    {
      role: "visitor",
      text: "Hi, we'd like a new flat roof on our garage, about 20 square metres. How much would it cost roughly?",
    },
    { role: "bot", text: "Happy to help. Could our surveyor email you to arrange a visit?" },
    { role: "visitor", text: `Yes please, email me at ${email}. I'm Dana Ruiz.` },
  ],
  refused: (email: string) => [
    { role: "visitor", text: "Hi, we'd like a new flat roof on our garage, about 20 square metres." },
    { role: "bot", text: "Happy to help. Could our surveyor email you to arrange a visit?" },
    { role: "visitor", text: `My email is ${email} but please don't email me, just answer here.` },
  ],
  sensitive: () => [
    {
      role: "visitor",
      text: "Hi, I want to pay my invoice for the roof repair, my card is 4111 1111 1111 1111. Call me on 07700 900123.",
    },
    { role: "bot", text: "Thanks! I've booked you in for Thursday at 9am and the repair will cost £200." },
    { role: "visitor", text: "Great, yes you can call me. I'm Dana Ruiz." },
  ],
  lookAlike: (email: string) => [
    {
      role: "visitor",
      text: "Hello, I'm Priya Venkataraman from Venkataraman Joinery. We need a quote for 40 oak doors for a hotel refit.",
    },
    { role: "bot", text: "Thanks Priya. Could our sales team email you about it?" },
    { role: "visitor", text: `Yes, email me at ${email} please.` },
  ],
};

/** Posts a conversation through the ingest API, as a chat platform does; returns its case. */
async function ingestCase(request: APIRequestContext, kind: keyof typeof CHATS) {
  const email = `e2e-${randomUUID().slice(0, 8)}@ruiz.example`;
  const response = await request.post("/api/v1/conversations", {
    headers: { authorization: `Bearer ${DEMO_SOURCE.apiKey}` },
    data: {
      externalId: `e2e-case-${kind}-${randomUUID()}`,
      pageUrl: "https://acme-roofing.example/services/flat-roofs?utm_source=google&utm_campaign=spring",
      messages: CHATS[kind](email).map((m, i) => ({ ...m, at: new Date(Date.now() - (3 - i) * 60_000).toISOString() })),
    },
  });
  expect(response.status()).toBe(201);
  const body = await response.json();
  expect(body.outcome).toBe("case");
  return { caseId: body.caseId as string, email };
}

// The machine is shared: a first page load can take many seconds to hydrate, so loads get longer.
const LOAD = { timeout: 45_000 };

/** Opens the case page and waits for the case (not the skeleton) to show. */
async function openCase(page: Page, caseId: string, query = "") {
  await page.goto(`/cases/${caseId}${query}`);
  await expect(page.getByTestId("case-view")).toBeVisible(LOAD);
}

/** Opens the case (which claims it) and waits until the viewer holds it. */
async function openAndClaim(page: Page, caseId: string) {
  await openCase(page, caseId);
  await expect(page.getByTestId("claim-banner")).toContainText("You hold this case", LOAD);
}

async function expectHistory(page: Page, text: string) {
  await expect(page.getByTestId("history-list")).toContainText(text);
}

test.describe("actions, each end to end with its history entry", () => {
  test("approve: the suggested owner is prefilled, evidence is highlighted, the handoff is made", async ({
    browser,
    request,
  }) => {
    const { caseId } = await ingestCase(request, "pricing");
    const page = await pageAs(browser, REVIEWER);
    await openAndClaim(page, caseId);

    // A brief field shows its evidence in the transcript.
    await page.getByTestId("brief-statedNeed").click();
    await expect(page.getByTestId("message-0").locator("mark[data-evidence]")).toHaveText(
      "How much would it cost roughly?",
    );
    // The consent quote too, with the address masked.
    await page.getByTestId("consent-evidence").click();
    const consentMarks = page.getByTestId("message-2").locator("mark[data-evidence]");
    await expect(consentMarks.first()).toContainText("email me at");
    await expect(consentMarks.last()).toContainText("***@r***.example");

    const suggested = (await page.getByTestId("suggested-owner").innerText()).replace(/^Owner\s*/, "");
    await page.keyboard.press("a");
    const dialog = page.getByTestId("dialog-approve");
    await expect(dialog).toBeVisible();
    await expect(dialog.getByTestId("owner-select").locator("option:checked")).toContainText(
      suggested.split(" · ")[0]!,
    );
    await dialog.getByRole("button", { name: "Approve handoff" }).click();

    await expect(page.getByTestId("case-status")).toContainText("Approved");
    await expect(page.getByTestId("claim-banner")).toContainText("Resolved: Approved by Riley Reviewer");
    await expect(page.getByTestId("handoff")).toContainText("open");
    await expectHistory(page, "Riley Reviewer approved the handoff");
    await expect(page.getByTestId("action-approve")).toBeDisabled();
  });

  test("reassign: another owner with a reason", async ({ browser, request }) => {
    const { caseId } = await ingestCase(request, "pricing");
    const page = await pageAs(browser, REVIEWER);
    await openAndClaim(page, caseId);
    await page.keyboard.press("r");
    const dialog = page.getByTestId("dialog-reassign");
    await dialog.getByTestId("owner-select").selectOption({ label: "Sam Support · owner" });
    const submit = dialog.getByRole("button", { name: "Reassign" });
    await expect(submit).toBeDisabled(); // no reason yet
    await dialog.getByLabel("Reason").fill("Flat roofs with a leak go to support first");
    await submit.click();
    await expect(page.getByTestId("claim-banner")).toContainText("Resolved: Reassigned by Riley Reviewer");
    await expect(page.getByTestId("handoff")).toContainText("Sam Support");
    await expectHistory(page, "Riley Reviewer reassigned the handoff");
  });

  test("merge with an existing lead field by field, then undo", async ({ browser, request }) => {
    await ingestCase(request, "lookAlike"); // the lead that already exists
    const { caseId, email } = await ingestCase(request, "lookAlike");
    const page = await pageAs(browser, REVIEWER);
    await openAndClaim(page, caseId);
    await expect(page.getByTestId("lead-match")).toContainText("Possible duplicates");
    await page.keyboard.press("m");
    const dialog = page.getByTestId("dialog-merge");
    await expect(dialog.getByTestId("merge-fields")).toBeVisible();
    await dialog.getByRole("radio", { name: /Email from this conversation’s lead/ }).check();
    await dialog.getByRole("button", { name: "Merge leads" }).click();
    await expect(page.getByTestId("case-status")).toContainText("The leads were merged");
    await expectHistory(page, "Riley Reviewer merged the lead");
    // The conversation now belongs to the kept lead, which took this conversation's (masked) email.
    await expect(page.getByTestId("linked-lead")).toContainText(`${email[0]}***@r***.example`);

    await page.getByRole("button", { name: "Undo merge" }).click();
    await expect(page.getByTestId("case-status")).toContainText("The merge was undone");
    await expectHistory(page, "Riley Reviewer undid a lead merge");
    await expect(page.getByRole("button", { name: "Undo merge" })).toHaveCount(0);
  });

  test("spam, from the keyboard", async ({ browser, request }) => {
    const { caseId } = await ingestCase(request, "pricing");
    const page = await pageAs(browser, REVIEWER);
    await openAndClaim(page, caseId);
    await page.keyboard.press("s");
    await page.getByTestId("dialog-spam").getByRole("button", { name: "Mark as spam" }).click();
    await expect(page.getByTestId("claim-banner")).toContainText("Resolved: Spam by Riley Reviewer");
    await expectHistory(page, "Riley Reviewer marked as spam");
  });

  test("a refused consent cannot be approved; request consent instead", async ({ browser, request }) => {
    const { caseId } = await ingestCase(request, "refused");
    const page = await pageAs(browser, REVIEWER);
    await openAndClaim(page, caseId);
    await expect(page.getByTestId("consent-status")).toContainText("Refused");
    await page.keyboard.press("a");
    const approve = page.getByTestId("dialog-approve");
    await expect(approve.getByTestId("consent-refused")).toBeVisible();
    await expect(approve.getByRole("button", { name: "Approve handoff" })).toBeDisabled();
    await page.keyboard.press("Escape");
    await expect(approve).toBeHidden();

    await page.getByTestId("action-consent").click();
    await page.getByTestId("dialog-consent").getByRole("button", { name: "Request consent" }).click();
    await expect(page.getByTestId("brief-consent")).toContainText("Consent requested");
    await expect(page.getByTestId("claim-banner")).toContainText("Nobody holds this case");
    await expectHistory(page, "Riley Reviewer requested consent");
  });

  test("edit a brief field (kept beside the original) and add a note", async ({ browser, request }) => {
    const { caseId } = await ingestCase(request, "pricing");
    const page = await pageAs(browser, REVIEWER);
    await openAndClaim(page, caseId);
    await page.getByRole("button", { name: "Edit stated need" }).click();
    const edit = page.getByTestId("dialog-edit");
    await expect(edit.getByTestId("edit-original")).toHaveText("How much would it cost roughly?");
    await edit.getByLabel("Your edit").fill("Replace a 20 m² flat garage roof");
    await edit.getByRole("button", { name: "Save edit" }).click();
    const field = page.getByTestId("field-statedNeed");
    await expect(field.getByTestId("edited-statedNeed")).toHaveText("Replace a 20 m² flat garage roof");
    await expect(field).toContainText("Original: How much would it cost roughly?");
    await expectHistory(page, "Riley Reviewer edited the brief");

    await page.getByTestId("action-note").click();
    await page.getByTestId("dialog-note").getByLabel("Note").fill("Asked for photos of the roof.");
    await page.getByTestId("dialog-note").getByRole("button", { name: "Add note" }).click();
    await expect(page.getByTestId("notes-list")).toContainText("Asked for photos of the roof.");
    await expectHistory(page, "Riley Reviewer added a note");
  });

  test("escalate: reviewers are locked out, a manager takes it", async ({ browser, request }) => {
    const { caseId } = await ingestCase(request, "pricing");
    const page = await pageAs(browser, REVIEWER);
    await openAndClaim(page, caseId);
    await page.getByTestId("action-escalate").click();
    const dialog = page.getByTestId("dialog-escalate");
    await dialog.getByLabel("Why a manager should look").fill("Hotel chain, could be a big account");
    await dialog.getByRole("button", { name: "Escalate" }).click();
    await expect(page.getByTestId("claim-banner")).toContainText("Escalated to a manager");
    await expect(page.getByTestId("action-approve")).toBeDisabled();
    await expectHistory(page, "Riley Reviewer escalated to a manager");

    const managerPage = await pageAs(browser, MANAGER);
    await openAndClaim(managerPage, caseId);
    await expect(managerPage.getByTestId("action-approve")).toBeEnabled();
    await expect(managerPage.getByTestId("notes-list")).toContainText("Escalated: Hotel chain");
  });
});

test.describe("the claim lock", () => {
  test("two reviewers open the same case at once: exactly one holds it, the other is told who and sees the fresh state", async ({
    browser,
    request,
  }) => {
    const { caseId } = await ingestCase(request, "pricing");
    const riley = await pageAs(browser, REVIEWER);
    const rae = await pageAs(browser, RACER);
    // Hold both claims until both are on their way, so they really race with the same version.
    const held: Route[] = [];
    let bothSent!: () => void;
    const ready = new Promise<void>((resolve) => (bothSent = resolve));
    for (const page of [riley, rae]) {
      await page.route(/\/api\/trpc\/[^?]*cases\.claim/, async (route) => {
        held.push(route);
        if (held.length === 2) bothSent();
        await ready;
        await route.continue();
      });
    }
    await Promise.all([riley.goto(`/cases/${caseId}`), rae.goto(`/cases/${caseId}`)]);
    await ready;

    const claimOf = (page: Page) => page.getByTestId("claim-banner").getAttribute("data-claim");
    await expect.poll(async () => [await claimOf(riley), await claimOf(rae)].sort(), LOAD).toEqual(["mine", "other"]);
    const [winner, loser, winnerName] =
      (await claimOf(riley)) === "mine" ? [riley, rae, "Riley Reviewer"] : [rae, riley, "Rae Racer"];
    await expect(loser.getByTestId("case-alert")).toContainText(
      `${winnerName} claimed this case a moment ago; here is its current state.`,
    );
    await expect(loser.getByTestId("claim-banner")).toContainText(`Held by ${winnerName}`);
    await expect(loser.getByTestId("action-approve")).toBeDisabled();
    await expect(winner.getByTestId("action-approve")).toBeEnabled();
    // The loser's shortcuts explain instead of acting.
    await loser.keyboard.press("s");
    await expect(loser.getByTestId("dialog-spam")).toBeHidden();
    await expect(loser.getByTestId("case-alert")).toContainText(`${winnerName} holds this case.`);
  });

  test("a manager takes over; the former holder's next action is refused with who took it", async ({
    browser,
    request,
  }) => {
    const { caseId } = await ingestCase(request, "pricing");
    const reviewer = await pageAs(browser, REVIEWER);
    await openAndClaim(reviewer, caseId);
    const manager = await pageAs(browser, MANAGER);
    await openCase(manager, caseId);
    await expect(manager.getByTestId("claim-banner")).toContainText("Held by Riley Reviewer");
    await manager.getByTestId("take-over").click();
    await expect(manager.getByTestId("claim-banner")).toContainText("You hold this case");
    await expectHistory(manager, "Morgan Manager took over the claim");

    await reviewer.keyboard.press("s");
    const spam = reviewer.getByTestId("dialog-spam");
    if (await spam.isVisible()) await spam.getByRole("button", { name: "Mark as spam" }).click();
    await expect(reviewer.getByTestId("case-alert")).toContainText(/Morgan Manager (took over|holds) this case/);
    await expect(reviewer.getByTestId("claim-banner")).toContainText("Held by Morgan Manager");
  });
});

test.describe("permissions", () => {
  test("an owner gets a 404 for a case id, never its data", async ({ browser, request }) => {
    const { caseId, email } = await ingestCase(request, "pricing");
    const page = await pageAs(browser, OWNER);
    for (const id of [caseId, randomUUID()]) {
      const response = await page.goto(`/cases/${id}`);
      expect(response?.status(), id).toBe(404);
      await expect(page.getByTestId("not-found")).toBeVisible();
      expect(await page.content()).not.toContain(email);
    }
    const api = await page.request.get(
      `/api/trpc/cases.get?input=${encodeURIComponent(JSON.stringify({ json: { caseId } }))}`,
    );
    expect(api.status()).toBe(403);
  });

  test("masked data: a plain reviewer cannot reveal it, a reviewer allowed to can, and each reveal is recorded", async ({
    browser,
    request,
  }) => {
    const { caseId } = await ingestCase(request, "sensitive");
    const reviewer = await pageAs(browser, REVIEWER);
    await openCase(reviewer, caseId, "?claim=0");
    const transcript = reviewer.getByTestId("transcript");
    await expect(transcript).toContainText("my card is [card number]");
    await expect(transcript).not.toContainText("4111");
    await expect(reviewer.getByTestId("message-1")).toContainText("Bot promise");
    await expect(reviewer.getByTestId("message-1").locator("mark[data-promise]")).toContainText("booked you in");
    await expect(reviewer.getByTestId("reveal-sensitive")).toHaveCount(0);
    const refused = await reviewer.request.post("/api/trpc/cases.reveal", { data: { json: { caseId } } });
    expect(refused.status()).toBe(403);

    const revealer = await pageAs(browser, REVEALER);
    await openCase(revealer, caseId, "?claim=0");
    await expect(revealer.getByTestId("brief-contact")).toContainText("Each reveal is recorded in the audit log");
    await revealer.getByTestId("reveal-sensitive").click();
    await expect(revealer.getByTestId("transcript")).toContainText("4111 1111 1111 1111");
    await expect(revealer.getByTestId("contact-phone")).toContainText("+447700900123");
    await revealer.reload();
    await expect(revealer.getByTestId("case-view")).toBeVisible(LOAD);
    await expect(revealer.getByTestId("transcript")).not.toContainText("4111");
    await expectHistory(revealer, "Val Revealer revealed masked data");

    const manager = await pageAs(browser, MANAGER);
    await openCase(manager, caseId, "?claim=0");
    await manager.getByTestId("reveal-sensitive").click();
    await expect(manager.getByTestId("transcript")).toContainText("4111 1111 1111 1111");
  });
});

test.describe("quality", () => {
  async function seriousViolations(page: Page) {
    const results = await new AxeBuilder({ page }).analyze();
    return results.violations
      .filter((v) => v.impact === "serious" || v.impact === "critical")
      .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  }

  test("the case page has no serious accessibility violations, with and without a dialog open", async ({
    browser,
    request,
  }) => {
    const { caseId } = await ingestCase(request, "sensitive");
    const page = await pageAs(browser, REVIEWER);
    await openAndClaim(page, caseId);
    await page.getByTestId("brief-statedNeed").click();
    expect(await seriousViolations(page)).toEqual([]);
    await page.keyboard.press("a");
    await expect(page.getByTestId("dialog-approve")).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
  });

  test("keyboard alone: help, evidence and approving", async ({ browser, request }) => {
    const { caseId } = await ingestCase(request, "pricing");
    const page = await pageAs(browser, REVIEWER);
    await openAndClaim(page, caseId);
    await page.keyboard.press("?");
    const help = page.getByTestId("dialog-help");
    await expect(help).toBeVisible();
    await expect(help.getByTestId("shortcut-list")).toContainText("Approve the handoff");
    await page.keyboard.press("Escape");
    await expect(help).toBeHidden();

    await page.getByTestId("brief-statedNeed").focus();
    await page.keyboard.press("Enter");
    await expect(page.locator("mark[data-evidence]")).toBeVisible();

    await page.locator("body").press("a");
    const dialog = page.getByTestId("dialog-approve");
    await expect(dialog.getByTestId("owner-select")).toBeFocused();
    await page.keyboard.press("Tab");
    await page.keyboard.press("Tab");
    await expect(dialog.getByRole("button", { name: "Approve handoff" })).toBeFocused();
    await page.keyboard.press("Enter");
    await expect(page.getByTestId("claim-banner")).toContainText("Resolved: Approved");
  });

  test("nothing shifts when the case loads", async ({ browser, request }) => {
    const { caseId } = await ingestCase(request, "pricing");
    const page = await pageAs(browser, REVIEWER);
    await openCase(page, caseId, "?claim=0");
    const shift = await page.evaluate(
      () =>
        new Promise<number>((resolve) => {
          let total = 0;
          new PerformanceObserver((list) => {
            for (const entry of list.getEntries() as (PerformanceEntry & {
              value: number;
              hadRecentInput: boolean;
            })[]) {
              if (!entry.hadRecentInput) total += entry.value;
            }
          }).observe({ type: "layout-shift", buffered: true });
          setTimeout(() => resolve(total), 500);
        }),
    );
    expect(shift).toBeLessThan(0.1);
  });
});
