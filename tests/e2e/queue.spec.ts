import { randomUUID } from "node:crypto";
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { DEMO_SOURCE } from "../../server/auth/demo-accounts";
import { account } from "../fixtures/e2e-accounts";
import { signInAs } from "./helpers";

// The review queue in the built app: conversations posted through the ingest API with the demo key
// become cases, and the reviewer works them from /queue. Each test makes its own visitors, found
// by a word no other test uses, so the tests do not see each other's cases.

const auth = { authorization: `Bearer ${DEMO_SOURCE.apiKey}` };

/** A word of letters only, unique to one test: the search finds that test's cases. */
function uniqueWord(): string {
  const letters = "bcdfghjklmnpqrstvwxz";
  return Array.from(randomUUID().replace(/-/g, "").slice(0, 10), (c) => letters[parseInt(c, 16)]).join("");
}

const capitalised = (word: string) => word[0]!.toUpperCase() + word.slice(1);

/** A pricing question with contact details: a case (a pricing request needs a person). */
async function postPricingQuestion(request: APIRequestContext, token: string, first: string) {
  const name = `${first} ${capitalised(token)}`;
  const response = await request.post("/api/v1/conversations", {
    headers: auth,
    data: {
      externalId: `e2e-queue-${randomUUID()}`,
      pageUrl: `https://acme-roofing.example/pricing/${token}?utm_source=google`,
      messages: [
        {
          role: "visitor",
          text: `Hi, how much would a new flat roof cost for our garage? I'm ${name}, ${first.toLowerCase()}.${token}@e2e-queue.example. Yes you can email me.`,
        },
      ],
    },
  });
  expect(response.status()).toBe(201);
  const body = await response.json();
  expect(body.outcome).toBe("case");
  return { caseId: body.caseId as string, name };
}

async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

const rows = (page: Page) => page.getByTestId("queue-row");

// Several page loads each, on a 2-core machine shared with other work.
test.describe.configure({ timeout: 90_000 });

test("a posted conversation is in the queue with its reasons; filters and search live in the URL", async ({
  page,
  request,
}) => {
  const token = uniqueWord();
  const { caseId, name } = await postPricingQuestion(request, token, "Ayla");
  // The server renders the first page; the browser must take it over without a mismatch.
  const problems: string[] = [];
  page.on("pageerror", (error) => problems.push(error.message));
  page.on("console", (message) => {
    // (The app has no favicon yet; that 404 is not this page's.)
    if (message.type() === "error" && !message.location().url.endsWith("/favicon.ico")) {
      problems.push(`${message.text()} ${message.location().url}`);
    }
  });
  await signInAs(page, account("reviewer"));
  await page.goto("/queue");

  const search = page.getByLabel("Search names, emails and messages");
  await search.fill(token);
  await expect(page).toHaveURL(new RegExp(`[?&]q=${token}`));
  await expect(rows(page)).toHaveCount(1);
  const row = rows(page).first();
  await expect(row).toHaveAttribute("data-case-id", caseId);
  await expect(row.getByRole("link", { name })).toBeVisible();
  await expect(row.getByText("Pricing question")).toBeVisible();
  await expect(row.getByText(`/pricing/${token}`)).toBeVisible();
  await expect(row.getByTestId("queue-sla")).toHaveText(/Due in \d+ min/);
  // The email is not shown in the list.
  await expect(row).not.toContainText("@e2e-queue.example");

  // A filter goes into the URL; a reload keeps the whole view.
  await page.getByLabel("Reason", { exact: true }).selectOption("pricing_request");
  await expect(page).toHaveURL(/reason=pricing_request/);
  await expect(rows(page)).toHaveCount(1);
  await page.getByLabel("Reason", { exact: true }).selectOption("emergency");
  await expect(page.getByTestId("queue-empty")).toContainText("No cases match these filters");
  await page.getByLabel("Reason", { exact: true }).selectOption("pricing_request");
  await page.getByLabel("Sort", { exact: true }).selectOption("newest");
  await expect(page).toHaveURL(/sort=newest/);
  await page.reload();
  await expect(page.getByLabel("Reason", { exact: true })).toHaveValue("pricing_request");
  await expect(page.getByLabel("Sort", { exact: true })).toHaveValue("newest");
  await expect(page.getByLabel("Search names, emails and messages")).toHaveValue(token);
  await expect(rows(page)).toHaveCount(1);

  // A shared link opens the same view, with the tab's count under the same filters.
  const shared = new URL(page.url());
  await page.goto(`/queue?page=/pricing/${token}&tab=open`);
  await expect(page.getByTestId("queue-tab-open")).toHaveAttribute("aria-current", "page");
  await expect(rows(page)).toHaveCount(1);
  await expect(page.getByTestId("queue-count-open")).toHaveText(/^1/);
  await page.goto(`/queue${shared.search}`);
  await expect(rows(page).first()).toHaveAttribute("data-case-id", caseId);
  expect(problems).toEqual([]);
});

test("keyboard alone: j and k move, Enter opens, c claims, ? lists the shortcuts", async ({ page, request }) => {
  const token = uniqueWord();
  const first = await postPricingQuestion(request, token, "Bela");
  const second = await postPricingQuestion(request, token, "Cato");
  await signInAs(page, account("reviewer"));
  await page.goto(`/queue?q=${token}&sort=newest`);
  await expect(rows(page)).toHaveCount(2);

  await page.keyboard.press("j");
  await expect(rows(page).nth(0)).toHaveAttribute("data-selected", "true");
  await expect(rows(page).nth(0).getByRole("link", { name: second.name })).toBeFocused();
  await page.keyboard.press("j");
  await expect(rows(page).nth(1)).toHaveAttribute("data-selected", "true");
  await expect(rows(page).nth(0)).not.toHaveAttribute("data-selected");
  await page.keyboard.press("k");
  await expect(rows(page).nth(0)).toHaveAttribute("data-selected", "true");

  await page.keyboard.press("?");
  const dialog = page.getByRole("dialog", { name: "Keyboard shortcuts" });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText("Open the selected case");
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();

  await page.keyboard.press("j");
  await page.keyboard.press("c");
  await expect(page).toHaveURL(`/cases/${first.caseId}?claim=1`);
  // The claim is made once the case has loaded: wait for it, so what the queue shows next is known.
  await expect(page.getByTestId("claim-banner")).toContainText("You hold this case");

  await page.goto(`/queue?q=${token}&sort=newest`);
  await expect(rows(page)).toHaveCount(1);
  await expect(page.getByTestId("queue-count-mine")).toHaveText(/^1/);
  await page.keyboard.press("j");
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(`/cases/${second.caseId}`);
});

test("a new case is announced without a reload, and shown on request without losing the selection", async ({
  page,
  request,
}) => {
  const token = uniqueWord();
  const first = await postPricingQuestion(request, token, "Dara");
  await signInAs(page, account("reviewer"));
  await page.goto(`/queue?q=${token}&sort=newest`);
  await expect(rows(page)).toHaveCount(1);
  await page.keyboard.press("j");
  await expect(rows(page).first()).toHaveAttribute("data-selected", "true");

  const second = await postPricingQuestion(request, token, "Eryk");
  const announce = page.getByTestId("queue-new-cases");
  await expect(announce).toHaveText("1 new case — show", { timeout: 15_000 });
  // Nothing moved under the reviewer meanwhile.
  await expect(rows(page)).toHaveCount(1);
  await expect(page.getByTestId("queue-count-unclaimed")).toHaveText(/^2/);

  await announce.click();
  await expect(rows(page)).toHaveCount(2);
  await expect(announce).toBeHidden();
  const newRow = page.locator(`[data-case-id="${second.caseId}"]`);
  await expect(newRow.getByText("New", { exact: true })).toBeVisible();
  await expect(page.locator(`[data-case-id="${first.caseId}"]`)).toHaveAttribute("data-selected", "true");
});

test("the queue has no serious accessibility violations, loaded or empty, and nothing shifts as data arrives", async ({
  page,
  request,
}) => {
  const token = uniqueWord();
  await postPricingQuestion(request, token, "Fenn");
  await signInAs(page, account("reviewer"));
  await page.addInitScript(() => {
    const w = window as unknown as { __cls: number };
    w.__cls = 0;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries() as (PerformanceEntry & { value: number; hadRecentInput: boolean })[]) {
        if (!entry.hadRecentInput) w.__cls += entry.value;
      }
    }).observe({ type: "layout-shift", buffered: true });
  });
  await page.goto(`/queue?q=${token}`);
  await expect(rows(page)).toHaveCount(1);
  await expect(page.getByTestId("queue-count-unclaimed")).toHaveText(/^1/);
  await page.waitForTimeout(500);
  // Cumulative layout shift: "good" is under 0.1; the skeleton rows and count pills hold the space.
  expect(await page.evaluate(() => (window as unknown as { __cls: number }).__cls)).toBeLessThan(0.02);
  await page.keyboard.press("j");
  expect(await seriousViolations(page)).toEqual([]);

  await page.goto(`/queue?q=${uniqueWord()}`);
  await expect(page.getByTestId("queue-empty")).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);

  await page.keyboard.press("?");
  await expect(page.getByRole("dialog", { name: "Keyboard shortcuts" })).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
});

test("the cases page lists every case, open and resolved, with the same view", async ({ page, request }) => {
  const token = uniqueWord();
  const posted = await postPricingQuestion(request, token, "Gwen");
  await signInAs(page, account("manager"));
  await page.goto(`/cases?q=${token}`);
  await expect(page.getByTestId("queue-tab-all")).toHaveAttribute("aria-current", "page");
  await expect(rows(page)).toHaveCount(1);
  await expect(rows(page).first()).toHaveAttribute("data-case-id", posted.caseId);
  await page.getByTestId("queue-tab-resolved").click();
  await expect(page).toHaveURL(/tab=resolved/);
  await expect(page.getByTestId("queue-empty")).toBeVisible();
});
