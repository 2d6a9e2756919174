import { randomUUID } from "node:crypto";
import AxeBuilder from "@axe-core/playwright";
import { expect, request as playwrightRequest, test, type Locator, type Page } from "@playwright/test";
import { account } from "../fixtures/e2e-accounts";
import { E2E_DASHBOARD_SOURCE } from "../fixtures/e2e-sources";
import { signInAs } from "./helpers";

// The managers' dashboards against the built app. A source only this file posts to receives a known
// mix of chats through the real ingest API, so every number is known:
//   3 sales chats with contact, consent and need -> complete handoffs
//   2 sales pricing questions (contact given)    -> exceptions (pricing request), on /pricing
//   1 sales chat without contact                 -> exception (missing contact)
//   1 support complaint                          -> exception (not a sales chat)
// = 7 conversations, 6 sales chats, 3 of 6 complete handoffs, 4 of 7 exceptions, pilot coverage 6/6.
// The tests run in order in one worker and share that data; each visitor's name carries a word
// unique to this run.

test.describe.configure({ mode: "serial", timeout: 90_000 });

/** Letters only: the brief reads a visitor's name as words, so digits would be cut off. */
const RUN = Array.from(randomUUID().replace(/-/g, "").slice(0, 8), (c) => "bcdfghjklmnpqrstvwxz"[parseInt(c, 16)]).join(
  "",
);
const auth = { authorization: `Bearer ${E2E_DASHBOARD_SOURCE.apiKey}` };

type Kind = "complete" | "pricing" | "nocontact" | "support";
interface Posted {
  kind: Kind;
  name: string;
  email: string | null;
  conversationId: string;
  handoffId: string | null;
  caseId: string | null;
}

const SCENARIO: { kind: Kind; first: string }[] = [
  { kind: "complete", first: "Ana" },
  { kind: "complete", first: "Bo" },
  { kind: "complete", first: "Cai" },
  { kind: "pricing", first: "Dee" },
  { kind: "pricing", first: "Eli" },
  { kind: "nocontact", first: "Fay" },
  { kind: "support", first: "Gus" },
];

function payload(kind: Kind, name: string, email: string) {
  switch (kind) {
    case "complete":
      return {
        pageUrl: "https://acme-roofing.example/services/flat-roofs",
        messages: [
          {
            role: "visitor",
            text: "Hi, we'd like a new flat roof on our garage, about 20 square metres. Is slate or felt better for a garage?",
          },
          { role: "bot", text: "Happy to help. Could our surveyor email you to arrange a visit?" },
          { role: "visitor", text: `Yes please, email me at ${email}. I'm ${name}.` },
        ],
      };
    case "pricing":
      return {
        pageUrl: "https://acme-roofing.example/pricing?utm_source=google",
        messages: [
          {
            role: "visitor",
            text: `Hi, how much would a new flat roof cost for our garage? I'm ${name}, ${email}. Yes you can email me.`,
          },
        ],
      };
    case "nocontact":
      return {
        pageUrl: "https://acme-roofing.example/services/flat-roofs",
        messages: [
          {
            role: "visitor",
            text: "Hi, we'd like a new flat roof on our garage, about 20 square metres. Do you do that?",
          },
        ],
      };
    case "support":
      return {
        pageUrl: "https://acme-roofing.example/help",
        messages: [
          {
            role: "visitor",
            text: `Hi, I'm ${name}, an existing customer. The gutter you fixed last month is leaking again. Email me at ${email}, yes you may contact me.`,
          },
        ],
      };
  }
}

const posted: Posted[] = [];
let sourceId = "";

test.beforeAll(async ({ baseURL }) => {
  const api = await playwrightRequest.newContext({ baseURL });
  for (const { kind, first } of SCENARIO) {
    const name = `${first} ${RUN[0]!.toUpperCase()}${RUN.slice(1)}`;
    const email = `${first.toLowerCase()}.${RUN}@dashboards-e2e.example`;
    const response = await api.post("/api/v1/conversations", {
      headers: auth,
      data: { externalId: `e2e-dash-${RUN}-${first}`, visitor: { name }, ...payload(kind, name, email) },
    });
    expect(response.status()).toBe(201);
    const body = await response.json();
    expect(body.outcome, `${kind} ${name}`).toBe(kind === "complete" ? "handoff" : "case");
    posted.push({
      kind,
      name,
      email: kind === "nocontact" ? null : email,
      conversationId: body.conversationId,
      handoffId: body.handoffId,
      caseId: body.caseId,
    });
  }
  await api.dispose();
});

const namesOf = (...kinds: Kind[]) =>
  posted
    .filter((p) => kinds.includes(p.kind))
    .map((p) => p.name)
    .sort();

async function findSourceId(page: Page): Promise<string> {
  const response = await page.request.get("/api/trpc/dashboards.filterOptions");
  expect(response.status()).toBe(200);
  const sources = (await response.json()).result.data.json.sources as { id: string; name: string }[];
  const found = sources.find((s) => s.name === E2E_DASHBOARD_SOURCE.name);
  expect(found).toBeTruthy();
  return found!.id;
}

const card = (page: Page, metric: string) => page.locator(`[data-testid="metric-card"][data-metric="${metric}"]`);

/** The visitor names the drill-down lists, once every page is loaded. */
async function listedNames(page: Page): Promise<string[]> {
  await expect(page.getByTestId("drilldown-status")).toContainText("newest first");
  const more = page.getByRole("button", { name: "Load more" });
  while (await more.isVisible()) await more.click();
  const names = await page.getByTestId("drilldown-row").getByTestId("drilldown-link").allInnerTexts();
  return names.sort();
}

async function expectCount(locator: Locator, text: string) {
  await expect(locator).toHaveText(text);
}

async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

test("a manager filters to a source in the URL and reads exact numbers; each drills down to its conversations", async ({
  page,
}) => {
  await signInAs(page, account("manager"));
  sourceId = await findSourceId(page);

  await page.goto(`/dashboards?sourceId=${sourceId}`);
  await expect(page.getByLabel("Source")).toHaveValue(sourceId);

  // Headline numbers: exactly what was posted.
  await expectCount(card(page, "conversations").getByTestId("metric-value"), "7");
  const complete = card(page, "complete_handoff");
  await expectCount(complete.getByTestId("numerator-link"), "3");
  await expectCount(complete.getByTestId("denominator-link"), "6");
  await expectCount(complete.getByTestId("metric-value"), "50%");
  const exceptions = card(page, "exception_rate");
  await expectCount(exceptions.getByTestId("numerator-link"), "4");
  await expectCount(exceptions.getByTestId("denominator-link"), "7");
  await expectCount(card(page, "conversion").getByTestId("numerator-link"), "5");
  await expect(page.getByTestId("pilot-card")).toHaveAttribute("data-verdict", "met");
  await expect(page.getByTestId("pilot-verdict")).toContainText("Pilot bar met");
  await expectCount(page.getByTestId("pilot-value"), "100%");
  await expect(page.getByTestId("window")).toContainText("Europe/London");
  await page.getByText("Show the numbers as a table").click();
  await page.waitForLoadState("networkidle");
  expect(await seriousViolations(page), "/dashboards with data").toEqual([]);

  // The complete handoffs' number lists exactly those three, and says how many.
  await complete.getByTestId("numerator-link").click();
  await expect(page).toHaveURL(/\/dashboards\/conversations\?.*metric=complete_handoff&part=numerator/);
  await expect(page).toHaveURL(new RegExp(`sourceId=${sourceId}`));
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Complete handoff rate");
  await expectCount(page.getByTestId("drilldown-total"), "3");
  expect(await listedNames(page)).toEqual(namesOf("complete"));
  expect(await seriousViolations(page), "/dashboards/conversations").toEqual([]);

  // A row opens its handoff.
  const ana = posted.find((p) => p.name.startsWith("Ana"))!;
  await page.getByRole("link", { name: ana.name }).click();
  await expect(page).toHaveURL(`/inbox/${ana.handoffId}`);
  await expect(page.getByTestId("summary")).toContainText(ana.name);

  // Back on the dashboards: the exceptions' number lists the four cases; a row opens its case.
  await page.goBack();
  await page.getByTestId("back-to-dashboards").click();
  await expect(page).toHaveURL(new RegExp(`/dashboards\\?.*sourceId=${sourceId}`));
  await card(page, "exception_rate").getByTestId("numerator-link").click();
  await expectCount(page.getByTestId("drilldown-total"), "4");
  expect(await listedNames(page)).toEqual(namesOf("pricing", "nocontact", "support"));
  const dee = posted.find((p) => p.name.startsWith("Dee"))!;
  await page.getByRole("link", { name: dee.name }).click();
  await expect(page).toHaveURL(`/cases/${dee.caseId}`);
  await expect(page.getByTestId("case-view")).toBeVisible();
});

test("breakdown cells and trend points open the conversations behind them", async ({ page }) => {
  await signInAs(page, account("manager"));
  sourceId ||= await findSourceId(page);
  await page.goto(`/dashboards?sourceId=${sourceId}&range=7`);
  await expect(page.getByRole("button", { name: "7 days" })).toHaveAttribute("aria-pressed", "true");

  // By page: /pricing has the two pricing questions, both exceptions.
  const pricing = page.locator('[data-testid="breakdown-row"][data-key="/pricing"]');
  await expect(pricing.locator('[data-metric="conversations"]')).toContainText("2");
  await pricing.locator('[data-metric="exception_rate"] a').click();
  await expect(page).toHaveURL(/dimension=page&key=%2Fpricing/);
  await expectCount(page.getByTestId("drilldown-total"), "2");
  expect(await listedNames(page)).toEqual(namesOf("pricing"));

  // By reason, chosen in the URL-backed selector.
  await page.goBack();
  await page.getByLabel("By", { exact: true }).selectOption("reason");
  await expect(page).toHaveURL(/by=reason/);
  const missing = page.locator('[data-testid="breakdown-row"][data-key="missing_contact"]');
  await expect(missing).toContainText("No contact details");

  // Today's trend point, from the data table (the chart's keyboard-reachable twin): 7 conversations.
  await page.getByLabel("Metric", { exact: true }).selectOption("conversations");
  await page.getByText("Show the numbers as a table").click();
  const today = page.getByTestId("trend-row").last();
  await expect(today.getByRole("link")).toHaveText("7");
  await today.getByRole("link").click();
  await expect(page).toHaveURL(/metric=conversations&part=numerator&bucket=\d{4}-\d{2}-\d{2}&granularity=day/);
  await expectCount(page.getByTestId("drilldown-total"), "7");
  expect(await listedNames(page)).toEqual(namesOf("complete", "pricing", "nocontact", "support"));

  // And a click on the chart's bar for today does the same.
  await page.goBack();
  await expect(page.getByTestId("trend-chart").locator(".recharts-bar-rectangle").last()).toBeVisible();
  await page.getByTestId("trend-chart").locator(".recharts-bar-rectangle").last().click();
  await expect(page).toHaveURL(/metric=conversations&part=numerator&bucket=/);
});

test("CSV export: the drill-down's rows and the whole view, masked, audited", async ({ page, browser }) => {
  await signInAs(page, account("manager"));
  sourceId ||= await findSourceId(page);
  await page.goto(`/dashboards?sourceId=${sourceId}`);
  await card(page, "complete_handoff").getByTestId("numerator-link").click();
  await expectCount(page.getByTestId("drilldown-total"), "3");

  // The link downloads a file.
  const downloadPromise = page.waitForEvent("download");
  await page.getByTestId("export-csv").click();
  const download = await downloadPromise;
  expect(download.suggestedFilename()).toMatch(
    /^handoff-desk-complete_handoff-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.csv$/,
  );

  const href = (await page.getByTestId("export-csv").getAttribute("href"))!;
  const response = await page.request.get(href);
  expect(response.status()).toBe(200);
  expect(response.headers()["cache-control"]).toBe("no-store");
  expect(response.headers()["content-disposition"]).toMatch(/^attachment; filename=handoff-desk-complete_handoff-/);
  const csv = await response.text();
  const lines = csv.trimEnd().split("\r\n");
  expect(lines[0]).toMatch(/^conversation_id,received_at,source,/);
  expect(lines).toHaveLength(1 + 3);
  for (const person of posted.filter((p) => p.kind === "complete")) {
    expect(csv).toContain(person.conversationId);
    // Emails are masked as the case view shows them before a reveal.
    expect(csv).not.toContain(person.email!);
  }
  expect(csv).toMatch(/[a-z]\*\*\*@/);

  // The overview's export: every conversation in the view.
  await page.goto(`/dashboards?sourceId=${sourceId}`);
  const all = await page.request.get((await page.getByTestId("export-all").getAttribute("href"))!);
  expect(all.status()).toBe(200);
  expect((await all.text()).trimEnd().split("\r\n")).toHaveLength(1 + 7);

  // Bad input names the field.
  const bad = await page.request.get(`/api/dashboards/export?metric=happiness&sourceId=${sourceId}`);
  expect(bad.status()).toBe(400);
  expect((await bad.json()).error.message).toMatch(/^metric:/);

  // Each export is in the audit log with its slice and row count.
  const admin = await browser.newContext();
  const adminPage = await admin.newPage();
  await signInAs(adminPage, account("admin"));
  const audit = await adminPage.request.get(
    `/api/trpc/audit.list?input=${encodeURIComponent(JSON.stringify({ json: { limit: 50 } }))}`,
  );
  expect(audit.status()).toBe(200);
  const entries = (await audit.json()).result.data.json.items as { action: string; after: unknown }[];
  const exports = entries.filter((e) => e.action === "dashboards.exported").map((e) => e.after) as {
    rows: number;
    slice: { metric: string; sourceId?: string };
  }[];
  expect(exports).toContainEqual(
    expect.objectContaining({ rows: 3, slice: expect.objectContaining({ metric: "complete_handoff", sourceId }) }),
  );
  expect(exports).toContainEqual(
    expect.objectContaining({ rows: 7, slice: expect.objectContaining({ metric: "conversations", sourceId }) }),
  );
  await admin.close();
});

test("the pilot report prints the verdict, every metric and where exceptions come from", async ({ page }) => {
  await signInAs(page, account("manager"));
  sourceId ||= await findSourceId(page);
  await page.goto(`/dashboards?sourceId=${sourceId}`);
  await page.getByTestId("report-link").click();
  await expect(page).toHaveURL(new RegExp(`/dashboards/report\\?from=\\d{4}-\\d{2}-\\d{2}&sourceId=${sourceId}`));
  await expect(page.getByTestId("report-title")).toContainText("Pilot report");
  await expect(page.getByTestId("pilot-report")).toContainText("Europe/London");
  await expect(page.getByTestId("pilot-report")).toContainText(`Source: ${E2E_DASHBOARD_SOURCE.name}`);
  await expect(page.getByTestId("pilot-verdict")).toContainText("Pilot bar met");
  await expect(page.locator('[data-metric="complete_handoff"]')).toContainText("3 complete handoffs of 6 sales chats");
  await expect(page.getByTestId("top-pages")).toContainText("/pricing");
  await expect(page.getByTestId("top-reasons")).toContainText("Pricing question");
  await expect(page.getByTestId("print-report")).toBeVisible();

  // Printed: no navigation, no buttons.
  await page.emulateMedia({ media: "print" });
  await expect(page.getByRole("navigation", { name: "Main" })).toBeHidden();
  await expect(page.getByTestId("print-report")).toBeHidden();
  await expect(page.getByTestId("pilot-verdict")).toBeVisible();

  await page.emulateMedia({ media: "screen" });
  await page.waitForLoadState("networkidle");
  expect(await seriousViolations(page), "/dashboards/report").toEqual([]);
});

for (const [article, role] of [
  ["an", "owner"],
  ["a", "reviewer"],
] as const) {
  test(`${article} ${role} is refused the dashboards, their data and the export, on the server`, async ({ page }) => {
    await signInAs(page, account(role));
    for (const path of ["/dashboards", "/dashboards/conversations?metric=conversations", "/dashboards/report"]) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(403);
      await expect(page.getByTestId("forbidden")).toBeVisible();
    }
    const overview = await page.request.get(
      `/api/trpc/dashboards.overview?input=${encodeURIComponent(JSON.stringify({ json: {} }))}`,
    );
    expect(overview.status()).toBe(403);
    expect((await overview.json()).error.json.data.code).toBe("FORBIDDEN");
    const csv = await page.request.get("/api/dashboards/export?metric=conversations");
    expect(csv.status()).toBe(403);
    expect(await csv.text()).not.toContain("conversation_id");
  });
}

test("without a session the export is a 401", async ({ request }) => {
  const response = await request.get("/api/dashboards/export?metric=conversations");
  expect(response.status()).toBe(401);
});
