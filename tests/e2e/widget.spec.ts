import { randomUUID } from "node:crypto";
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { DEMO_ACCOUNTS } from "../../server/auth/demo-accounts";
import { DEFAULT_LANGUAGE } from "../../server/domain/replies/approved-language";
import { account } from "../fixtures/e2e-accounts";
import { signInAs } from "./helpers";

// The chat widget on the sample site (/sample-site), driven as a visitor would, through each path of the
// conversation policy; then the records each path left, seen in the console by the people who
// work them. Each test's visitor has a name no other test uses, so the console finds theirs.

const BOT = DEFAULT_LANGUAGE.botReplies;

test.describe.configure({ timeout: 90_000 });

/** A bot message as a screen reader hears it: who is speaking, then the words. */
const said = (text: string) => `Ridge Roofing said: ${text}`;

/** A name of letters only, unique to one test. */
function uniqueName(): string {
  const letters = "bcdfghjklmnpqrstvwxz";
  const word = Array.from(randomUUID().replace(/-/g, "").slice(0, 8), (c) => letters[parseInt(c, 16)]).join("");
  return word[0]!.toUpperCase() + word.slice(1);
}

function widget(page: Page) {
  const dialog = page.getByRole("dialog", { name: "Ridge Roofing" });
  const bot = dialog.locator('[data-role="bot"]');
  return {
    dialog,
    bot,
    launcher: page.getByRole("button", { name: "Chat with us" }),
    async open() {
      await page.goto("/sample-site?utm_source=newsletter&utm_campaign=winter-storms");
      await this.launcher.click();
      await expect(dialog).toBeVisible();
      await expect(bot.first()).toContainText(BOT.greeting);
    },
    /** Sends a message and waits for the bot's answer to arrive (or for the typing to stop). */
    async say(text: string) {
      const before = await dialog.locator('[data-role="visitor"]').count();
      await dialog.getByLabel("Message").fill(text);
      await dialog.getByRole("button", { name: "Send", exact: true }).click();
      await expect(dialog.locator('[data-role="visitor"]')).toHaveCount(before + 1);
      await expect(dialog.getByRole("button", { name: "Send", exact: true })).toBeEnabled();
    },
    /**
     * The consent question in the wording in force (another test publishes a new one meanwhile:
     * settings are global), with its buttons.
     */
    async expectConsentQuestion() {
      await expect(dialog.getByRole("button", { name: "Yes, you can contact me" })).toBeVisible();
      await expect(bot.last()).toHaveText(/^Ridge Roofing said: .+\?$/);
    },
    async giveDetails(name: string, reach: string) {
      await dialog.getByLabel("Name (optional)").fill(name);
      await dialog.getByLabel("Email or phone").fill(reach);
      await dialog.getByRole("button", { name: "Send details" }).click();
    },
  };
}

async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

/** The case a chat left, found by the visitor's name in the review queue, opened by a reviewer. */
async function openCaseOf(browser: Browser, name: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signInAs(page, account("reviewer"));
  await page.goto(`/queue?q=${name.toLowerCase()}`);
  const row = page.getByTestId("queue-row");
  await expect(row).toHaveCount(1);
  const reasons = (await row.first().innerText()).replace(/\s+/g, " ");
  await row.first().getByRole("link").first().click();
  await expect(page).toHaveURL(/\/cases\//);
  return { page, reasons, close: () => context.close() };
}

test("one script tag: a launcher isolated from the page, usable by keyboard and at phone width", async ({ page }) => {
  await page.goto("/sample-site");
  const w = widget(page);
  await expect(w.launcher).toBeVisible();
  // The widget lives in its own shadow root; the page's styles and its do not mix.
  const isolated = await page.evaluate(() => {
    const host = document.getElementById("handoff-desk-widget");
    return Boolean(host?.shadowRoot) && document.querySelectorAll("script[data-source]").length === 1;
  });
  expect(isolated).toBe(true);
  await expect(w.launcher).toHaveAttribute("aria-expanded", "false");

  await w.launcher.focus();
  await page.keyboard.press("Enter");
  await expect(w.dialog).toBeVisible();
  await expect(w.launcher).toHaveAttribute("aria-expanded", "true");
  await expect(w.dialog.getByLabel("Message")).toBeFocused();
  await expect(w.dialog.getByRole("log", { name: "Conversation" })).toContainText(BOT.greeting);
  expect(await seriousViolations(page)).toEqual([]);
  await page.keyboard.press("Escape");
  await expect(w.dialog).toBeHidden();
  await expect(w.launcher).toBeFocused();

  await page.setViewportSize({ width: 375, height: 740 });
  await w.launcher.click();
  const box = await w.dialog.boundingBox();
  expect(box?.width).toBe(375);
  expect(box?.height).toBeGreaterThan(700);
  // Full screen, so a modal: Tab stays inside the chat.
  await expect(w.dialog).toHaveAttribute("aria-modal", "true");
  for (let i = 0; i < 6; i++) await page.keyboard.press("Tab");
  expect(await page.evaluate(() => document.activeElement?.id)).toBe("handoff-desk-widget");
});

test("a clear request with contact details and consent becomes a handoff an owner can read", async ({
  page,
  browser,
}) => {
  const name = uniqueName();
  const w = widget(page);
  await w.open();
  await w.say("Water is coming through our kitchen ceiling after the storm; we need the roof repaired.");
  await expect(w.bot.last()).toHaveText(said(BOT.collectContact));
  await w.giveDetails(`${name} Okafor`, `${name.toLowerCase()}@visitor.example`);
  await w.expectConsentQuestion();
  await w.dialog.getByRole("button", { name: "Yes, you can contact me" }).click();
  await expect(w.bot.last()).toHaveText(said(BOT.handoff));
  await expect(w.dialog.getByText("Passed to our team")).toBeVisible();

  // Sales takes turns between its two members: the handoff is in one of their inboxes.
  const sales = DEMO_ACCOUNTS.filter((a) => a.teams.includes("Sales"));
  let found = false;
  for (const member of sales) {
    const context = await browser.newContext();
    const owner = await context.newPage();
    await signInAs(owner, member);
    await owner.goto("/inbox");
    const cards = owner.getByTestId("inbox-card");
    await expect(cards.first().or(owner.getByText(/When a conversation is routed to you/))).toBeVisible();
    const card = cards.filter({ hasText: `${name} Okafor` });
    if ((await card.count()) > 0) {
      found = true;
      await card.first().getByRole("link").first().click();
      await expect(owner).toHaveURL(/\/inbox\//);
      await expect(owner.getByText(/kitchen ceiling/).first()).toBeVisible();
      await expect(owner.getByText(/winter-storms/).first()).toBeVisible();
    }
    await context.close();
  }
  expect(found).toBe(true);
});

test("a vague opening gets exactly one clarifying question", async ({ page }) => {
  const w = widget(page);
  await w.open();
  await w.say("Hello");
  await expect(w.bot).toHaveCount(2);
  const question = await w.bot.last().innerText();
  expect(question).toMatch(/\?$/);
  await w.say("Just wondering");
  await expect(w.bot.last()).toHaveText(said(BOT.collectContact));
  await expect(w.bot.filter({ hasText: question })).toHaveCount(1);
});

test("pricing goes to a person at once, and the reviewer sees why", async ({ page, browser }) => {
  const name = uniqueName();
  const w = widget(page);
  await w.open();
  await w.say(`How much does a new slate roof cost? I'm ${name} Price.`);
  await expect(w.bot.last()).toHaveText(said(BOT.escalate));
  await expect(w.dialog.getByText("Our team will read this chat")).toBeVisible();
  // The bot states no price; it only asks how the team can reply.
  await expect(w.dialog).not.toContainText(/£|\$|€/);
  await w.giveDetails(`${name} Price`, `${name.toLowerCase()}@visitor.example`);
  await w.expectConsentQuestion();
  await w.dialog.getByRole("button", { name: "Yes, you can contact me" }).click();
  await expect(w.bot.last()).toHaveText(said(BOT.handoff));

  const review = await openCaseOf(browser, name);
  expect(review.reasons).toContain("Pricing question");
  await expect(review.page.getByText(/slate roof/).first()).toBeVisible();
  await review.close();
});

test("a frustrated visitor stops the bot", async ({ page, browser }) => {
  const name = uniqueName();
  const w = widget(page);
  await w.open();
  await w.say(`My gutters are overflowing onto the front door. I'm ${name} Gale.`);
  await expect(w.bot.last()).toHaveText(said(BOT.collectContact));
  await w.say("I already told you what I need! This is useless, I keep repeating myself.");
  await expect(w.bot.last()).toHaveText(said(BOT.stopBot));
  const count = await w.bot.count();
  await w.say("Hello?");
  // Stopped: no more words from the bot.
  await expect(w.bot).toHaveCount(count);

  const review = await openCaseOf(browser, name);
  expect(review.reasons).toMatch(/Frustrated visitor|Repeating themselves/);
  await review.close();
});

test("consent refused: recorded, and the chat goes to review, not to an owner", async ({ page, browser }) => {
  const name = uniqueName();
  const w = widget(page);
  await w.open();
  await w.say("Some tiles slipped off our roof in the wind and we need them replaced.");
  await w.giveDetails(`${name} Moss`, "07700 900123");
  await w.expectConsentQuestion();
  await w.dialog.getByRole("button", { name: "No, thanks" }).click();
  await expect(w.bot.last()).toHaveText(said(BOT.consentRefused));

  const review = await openCaseOf(browser, name);
  expect(review.reasons).toContain("Consent refused");
  await review.close();
});

test("an admin makes a widget, gives it a title and its site, and tries it on the sample page", async ({ page }) => {
  const name = `Widget ${uniqueName()}`;
  await signInAs(page, account("admin"));
  await page.goto("/settings/sources");
  await page.getByLabel("New source").fill(name);
  await page.getByLabel("Kind").selectOption("widget");
  await page.getByRole("button", { name: "Create source" }).click();
  const card = page.getByTestId(`widget-${name}`);
  await expect(card).toBeVisible();
  const snippet = await card.getByLabel(/Add this to every page/).inputValue();
  expect(snippet).toMatch(
    /^<script src="http:\/\/localhost:\d+\/widget\.js" data-source="wgt_[\w-]+" async><\/script>$/,
  );

  await card.getByLabel("Colour", { exact: true }).fill("blue");
  await card.getByRole("button", { name: "Save widget" }).click();
  await expect(card.getByText("accentColor must be a colour like #1d4ed8")).toBeVisible();
  await card.getByLabel("Colour", { exact: true }).fill("#0f766e");
  await card.getByLabel("Title").fill(`${name} help`);
  await card.getByLabel("Sites allowed to show it").fill("https://www.example.com");
  await card.getByRole("button", { name: "Save widget" }).click();
  await expect(card.getByRole("status")).toHaveText(/Saved/);

  // The console's own sample page may always show it, whatever sites are allowed.
  const preview = await card.getByRole("link", { name: "Try it on a sample page" }).getAttribute("href");
  await page.goto(preview!);
  await page.getByRole("button", { name: "Chat with us" }).click();
  await expect(page.getByRole("dialog", { name: `${name} help` })).toBeVisible();
});
