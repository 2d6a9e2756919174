import http from "node:http";
import type { AddressInfo } from "node:net";
import { randomUUID } from "node:crypto";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../server/db/client";
import { reloadEnv } from "../../server/env";
import {
  handleWidgetConfig,
  handleWidgetEnd,
  handleWidgetMessage,
  handleWidgetPreflight,
  handleWidgetSessionStart,
} from "../../server/http/widget-route";
import { createSource } from "../../server/services/sources";
import { resetIntegration, setModelSettings } from "../../server/services/settings/integrations";
import { updateWidgetSettings } from "../../server/services/widget/widget-settings";
import { sweepWidgetSessions } from "../../server/services/widget/widget-sweep";
import { DEFAULT_LANGUAGE } from "../../server/domain/replies/approved-language";
import { ensureRoutingTeams } from "../support/teams";
import { createTestUser } from "../support/users";

// The chat widget's public endpoints, from the first greeting to the records in the console: each
// path of the conversation policy ends in the right conversation, consent record and handoff or case.

const db = getDb();
const SITE = "https://roofing.example";
let publicId: string;
let sourceId: string;
let adminId: string;
let address = 0;

beforeAll(async () => {
  process.env.WIDGET_MIN_FIRST_MESSAGE_MS = "0";
  reloadEnv();
  await ensureRoutingTeams(1);
  const admin = await createTestUser("admin");
  adminId = admin.id;
  const source = await createSource(db, adminId, { name: `widget-${randomUUID().slice(0, 8)}`, kind: "widget" });
  sourceId = source.id;
  publicId = (await db.source.findUniqueOrThrow({ where: { id: source.id } })).publicId!;
  await updateWidgetSettings(db, adminId, sourceId, { title: "Ask Ridge Roofing", allowedOrigins: [SITE] });
});

afterAll(() => {
  delete process.env.WIDGET_MIN_FIRST_MESSAGE_MS;
  reloadEnv();
});

/** A visitor on the customer's site: one client address per chat unless told otherwise. */
function browser(ip = `203.0.113.${(address = (address % 250) + 1)}`) {
  const headers = (json = true) => ({
    origin: SITE,
    "x-forwarded-for": ip,
    ...(json ? { "content-type": "application/json" } : { "content-type": "text/plain;charset=UTF-8" }),
  });
  const url = (path: string) => `http://desk.test/api/widget/v1/${publicId}${path}`;
  return {
    config: () => handleWidgetConfig(new Request(url("/config"), { headers: headers() }), publicId),
    start: (body: Record<string, unknown> = {}) =>
      handleWidgetSessionStart(
        new Request(url("/sessions"), {
          method: "POST",
          headers: headers(),
          body: JSON.stringify({
            pageUrl: `${SITE}/services/repairs?utm_source=google&utm_campaign=storm-2026`,
            referrer: "https://www.google.com/",
            locale: "en-GB",
            ...body,
          }),
        }),
        publicId,
      ),
    send: (sessionId: string, body: Record<string, unknown>) =>
      handleWidgetMessage(
        new Request(url(`/sessions/${sessionId}/messages`), {
          method: "POST",
          headers: headers(),
          body: JSON.stringify(body),
        }),
        publicId,
        sessionId,
      ),
    end: (sessionId: string, token: string) =>
      handleWidgetEnd(
        new Request(url(`/sessions/${sessionId}/end`), {
          method: "POST",
          headers: headers(false),
          body: JSON.stringify({ token }),
        }),
        publicId,
        sessionId,
      ),
  };
}

const NEED_TEXT = "Our roof is leaking into the kitchen after the storm and we need it repaired.";

interface Reply {
  messages: { role: string; text: string }[];
  state: string;
  ui: null | { kind: string; version?: string; text?: string };
  handToHuman: boolean;
}

/** Opens a chat and returns a function that sends one turn and reads the bot's answer. */
async function chat(ip?: string) {
  const client = browser(ip);
  const started = await client.start();
  expect(started.status).toBe(201);
  const session = (await started.json()) as { sessionId: string; token: string; messages: { text: string }[] };
  const say = async (body: Record<string, unknown> | string): Promise<Reply> => {
    const res = await client.send(session.sessionId, {
      token: session.token,
      ...(typeof body === "string" ? { text: body } : body),
    });
    expect(res.status, await res.clone().text()).toBe(200);
    return (await res.json()) as Reply;
  };
  return { client, session, say };
}

async function recordsOf(sessionId: string) {
  return db.conversation.findUnique({
    where: { sourceId_externalId: { sourceId, externalId: sessionId } },
    include: { handoff: true, exception: true, consentRecords: true, events: true },
  });
}

describe("the widget's public endpoints", () => {
  it("answer only allowed sites, with CORS, and say which field is wrong", async () => {
    const client = browser();
    const config = await client.config();
    expect(config.status).toBe(200);
    expect(config.headers.get("access-control-allow-origin")).toBe(SITE);
    expect(await config.json()).toMatchObject({
      title: "Ask Ridge Roofing",
      greeting: DEFAULT_LANGUAGE.botReplies.greeting,
    });

    const elsewhere = await handleWidgetConfig(
      new Request(`http://desk.test/api/widget/v1/${publicId}/config`, { headers: { origin: "https://evil.example" } }),
      publicId,
    );
    expect(elsewhere.status).toBe(403);
    const preflight = await handleWidgetPreflight(
      new Request(`http://desk.test/api/widget/v1/${publicId}/sessions`, {
        method: "OPTIONS",
        headers: { origin: SITE, "access-control-request-method": "POST" },
      }),
      publicId,
    );
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get("access-control-allow-methods")).toContain("POST");

    const unknown = await handleWidgetConfig(
      new Request("http://desk.test/x", { headers: { origin: SITE } }),
      "wgt_nosuchwidget1",
    );
    expect(unknown.status).toBe(404);

    const bad = await client.start({ pageUrl: "not a url" });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.issues[0].path).toBe("pageUrl");

    const { session, say } = await chat();
    const wrongToken = await client.send(session.sessionId, { token: "forged", text: "hello" });
    expect(wrongToken.status).toBe(404);
    const noText = await client.send(session.sessionId, { token: session.token, text: "  " });
    expect(noText.status).toBe(400);
    expect((await noText.json()).error.issues[0].path).toBe("text");
    const badEmail = await client.send(session.sessionId, { token: session.token, contact: { email: "nope" } });
    expect((await badEmail.json()).error.issues[0].path).toBe("contact.email");
    // Nothing of that reached the transcript.
    expect((await say("hello")).messages.length).toBeGreaterThan(0);
    const row = await db.widgetSession.findUniqueOrThrow({ where: { id: session.sessionId } });
    expect((row.messages as { text: string }[]).map((m) => m.text)).not.toContain("  ");
  });

  it("clear request, contact and consent: a handoff, with the consent wording's version and the page's campaign", async () => {
    const { session, say } = await chat();
    expect(session.messages[0]!.text).toBe(DEFAULT_LANGUAGE.botReplies.greeting);

    const first = await say("Our roof is leaking into the kitchen after the storm and we need it repaired.");
    expect(first.messages.map((m) => m.text)).toEqual([DEFAULT_LANGUAGE.botReplies.collectContact]);
    expect(first.ui).toEqual({ kind: "contact" });
    // Nothing goes to the queue while the bot is still collecting.
    expect(await recordsOf(session.sessionId)).toBeNull();

    const details = await say({ contact: { name: "Robin Hale", email: "robin.hale@example.com" } });
    const wording = DEFAULT_LANGUAGE.consentWordings.at(-1)!;
    expect(details.ui).toEqual({ kind: "consent", version: wording.version, text: wording.text });
    expect(details.messages.map((m) => m.text)).toEqual([wording.text]);

    const yes = await say({ consent: "given", text: "Yes, you can contact me" });
    expect(yes.state).toBe("handed_off");
    expect(yes.messages.map((m) => m.text)).toEqual([DEFAULT_LANGUAGE.botReplies.handoff]);

    const records = await recordsOf(session.sessionId);
    expect(records?.handoff?.status).toBe("open");
    expect(records?.exception).toBeNull();
    expect(records?.consentStatus).toBe("given");
    expect(records?.consentRecords.at(-1)).toMatchObject({ status: "given", wordingVersion: wording.version });
    expect(records?.pageUrl).toBe(`${SITE}/services/repairs?utm_source=google&utm_campaign=storm-2026`);
    expect(records?.campaign).toBe("storm-2026");
    expect(records?.referrer).toBe("https://www.google.com/");
    expect(records?.events.map((e) => e.type)).toContain("handoff.created");

    // A later message reaches the same conversation and handoff.
    const later = await say("Also, the gutter on the same side is hanging loose.");
    expect(later.messages.map((m) => m.text)).toEqual([DEFAULT_LANGUAGE.botReplies.addedToRequest]);
    const after = await recordsOf(session.sessionId);
    expect(after?.id).toBe(records?.id);
    expect(after?.handoff?.id).toBe(records?.handoff?.id);
    expect(after?.messageCount).toBe(records!.messageCount + 2);
  });

  it("a typed yes to the consent question counts like the button, with the version shown", async () => {
    const { session, say } = await chat();
    const asked = await say("I'd like someone to replace the guttering on our house, my email is kai@example.com");
    expect(asked.ui?.kind).toBe("consent");
    // Not an answer: the question is not said again (a bot repeating itself is a stuck bot); a
    // reviewer sees the chat, and the buttons stay.
    const other = await say("It's a semi-detached house.");
    expect(other.messages.map((m) => m.text)).toEqual([DEFAULT_LANGUAGE.botReplies.passedOn]);
    expect(other.ui).toEqual(asked.ui);
    expect((await recordsOf(session.sessionId))?.exception?.reasons).toContain("unclear_consent");

    const typed = await say("yes that's fine");
    expect(typed.messages.map((m) => m.text)).toEqual([DEFAULT_LANGUAGE.botReplies.handoff]);
    const records = await recordsOf(session.sessionId);
    expect(records?.consentRecords.at(-1)).toMatchObject({ status: "given", wordingVersion: asked.ui?.version });
    expect(records?.handoff?.status).toBe("open");
    expect(records?.exception?.status).toBe("resolved");
  });

  it("a vague need gets one clarifying question, never two", async () => {
    const { say } = await chat();
    const first = await say("Hi");
    expect(first.messages).toHaveLength(1);
    expect(first.messages[0]!.text).toMatch(/\?$/);
    const second = await say("hello?");
    // Still vague: the bot moves on to contact details rather than asking again.
    expect(second.messages.map((m) => m.text)).toEqual([DEFAULT_LANGUAGE.botReplies.collectContact]);
  });

  it("pricing escalates to a person at once, and asks only what the team needs to reply", async () => {
    const { session, say } = await chat();
    const reply = await say("How much would a new roof cost for a three-bed house?");
    expect(reply.handToHuman).toBe(true);
    expect(reply.state).toBe("with_team");
    expect(reply.messages.map((m) => m.text)).toEqual([DEFAULT_LANGUAGE.botReplies.escalate]);
    expect(reply.ui).toEqual({ kind: "contact" });
    const records = await recordsOf(session.sessionId);
    expect(records?.exception?.status).toBe("open");
    expect(records?.handoff).toBeNull();
    expect((records?.brief as { flags: { flag: string }[] }).flags.map((f) => f.flag)).toContain("pricing_request");

    // The bot says nothing more of its own; the form's details and the consent question reach the team.
    const details = await say({ contact: { email: "lee@example.com" } });
    expect(details.ui?.kind).toBe("consent");
    const yes = await say({ consent: "given", text: "Yes, you can contact me" });
    expect(yes.messages.map((m) => m.text)).toEqual([DEFAULT_LANGUAGE.botReplies.handoff]);
    const updated = await recordsOf(session.sessionId);
    expect(updated?.consentStatus).toBe("given");
    // Pricing still needs a person's answer: a case, not a handoff.
    expect(updated?.exception?.status).toBe("open");
  });

  it("frustration stops the bot", async () => {
    const { session, say } = await chat();
    await say("My gutter is blocked and overflowing onto the path, can someone clear it?");
    const stop = await say("I already told you what I need. This is useless, I'm repeating myself!");
    expect(stop.handToHuman).toBe(true);
    expect(stop.messages.map((m) => m.text)).toEqual([DEFAULT_LANGUAGE.botReplies.stopBot]);
    const quiet = await say("hello??");
    expect(quiet.messages).toEqual([]);
    const records = await recordsOf(session.sessionId);
    expect(records?.events.map((e) => e.type)).toContain("bot.stopped");
    expect(records?.handoff).toBeNull();
  });

  it("consent refused: recorded, and no owner is given the chat", async () => {
    const { session, say } = await chat();
    await say("Some bricks came loose on our chimney in the wind and it needs repairing.");
    await say({ contact: { name: "Ash", phone: "07700 900456" } });
    const no = await say({ consent: "refused", text: "No, thanks" });
    expect(no.messages.map((m) => m.text)).toEqual([DEFAULT_LANGUAGE.botReplies.consentRefused]);
    const records = await recordsOf(session.sessionId);
    expect(records?.consentStatus).toBe("refused");
    expect(records?.handoff).toBeNull();
    expect(records?.exception?.reasons).toContain("consent_refused");
  });

  it("a visitor who leaves midway still makes a conversation; bots make none", async () => {
    const { client, session, say } = await chat();
    await say("Do you repair flat roofs on garages? Ours has a split in the felt.");
    expect((await client.end(session.sessionId, session.token)).status).toBe(204);
    expect(await recordsOf(session.sessionId)).toBeNull();
    await sweepWidgetSessions(db, new Date(Date.now() + 3 * 60_000));
    const records = await recordsOf(session.sessionId);
    expect(records?.exception?.reasons).toContain("missing_contact");

    // Honeypot filled: answered as usual, never ingested.
    const bot = await chat();
    expect((await bot.say({ text: "cheap backlinks here", website: "http://spam.example" })).messages).toEqual([]);
    await sweepWidgetSessions(db, new Date(Date.now() + 60 * 60_000));
    expect(await recordsOf(bot.session.sessionId)).toBeNull();
  });

  it("a first message faster than a person can type is ignored", async () => {
    process.env.WIDGET_MIN_FIRST_MESSAGE_MS = "5000";
    reloadEnv();
    try {
      const { session, say } = await chat();
      expect((await say("I need a roof repair, my email is quick@example.com")).messages).toEqual([]);
      const row = await db.widgetSession.findUniqueOrThrow({ where: { id: session.sessionId } });
      expect(row.spamReason).toBe("too_fast");
    } finally {
      process.env.WIDGET_MIN_FIRST_MESSAGE_MS = "0";
      reloadEnv();
    }
  });

  it("answers a retried turn with the answer it already gave, and takes a corrected form as an edit", async () => {
    const { session, say } = await chat();
    const turnId = randomUUID();
    const first = await say({ text: NEED_TEXT, turnId });
    const again = await say({ text: NEED_TEXT, turnId });
    expect(again).toEqual(first);
    await say({ contact: { name: "Jo Bell", email: "jo@exmaple.com" }, turnId: randomUUID() });
    // The typo put right: the same line edited, not a second one (which would read as repetition).
    const fixed = await say({ contact: { name: "Jo Bell", email: "jo@example.com" }, turnId: randomUUID() });
    expect(fixed).toMatchObject({ messages: [], ui: { kind: "consent" } });
    const row = await db.widgetSession.findUniqueOrThrow({ where: { id: session.sessionId } });
    const visitorLines = (row.messages as { role: string; text: string }[]).filter((m) => m.role === "visitor");
    expect(visitorLines.map((m) => m.text)).toEqual([NEED_TEXT, "Name: Jo Bell\nEmail: jo@example.com"]);
    const yes = await say({ consent: "given", consentVersion: fixed.ui?.version, text: "Yes, you can contact me" });
    expect(yes.state).toBe("handed_off");
    const records = await recordsOf(session.sessionId);
    expect((await db.lead.findUniqueOrThrow({ where: { id: records!.leadId! } })).email).toBe("jo@example.com");
  });

  it("counts a consent button only for the question shown, in the words shown", async () => {
    const { session, say } = await chat();
    // No question open: a forged "given" records nothing.
    await say({ consent: "given", text: "Yes" });
    expect((await db.widgetSession.findUniqueOrThrow({ where: { id: session.sessionId } })).consentEvents).toBeNull();
    await say(NEED_TEXT);
    const asked = await say({ contact: { email: "wording@example.com" } });
    expect(asked.ui?.kind).toBe("consent");
    const stale = await say({ consent: "given", consentVersion: "consent-0", text: "Yes, you can contact me" });
    expect(stale.state).not.toBe("handed_off");
  });

  it("refuses a page address from another site than the calling page", async () => {
    const res = await browser().start({ pageUrl: "https://elsewhere.example/pricing" });
    expect(res.status).toBe(400);
    expect((await res.json()).error.issues[0].path).toBe("pageUrl");
  });

  it("one chat that cannot be ingested does not hold up the sweep for the others", async () => {
    const broken = await chat();
    await broken.say("Our porch roof has a crack in it, can someone look?");
    // A transcript ingest refuses (more messages than a conversation may have).
    await db.widgetSession.update({
      where: { id: broken.session.sessionId },
      data: {
        messages: Array.from({ length: 2_001 }, () => ({ role: "visitor", text: "x", at: new Date().toISOString() })),
        messageCount: 2_001,
      },
    });
    const fine = await chat();
    await fine.say("We need the flashing round our chimney redone, it leaks when it rains.");
    const later = new Date(Date.now() + 40 * 60_000);
    for (let i = 0; i < 5; i++) await sweepWidgetSessions(db, later);
    expect(await recordsOf(fine.session.sessionId)).not.toBeNull();
    const row = await db.widgetSession.findUniqueOrThrow({ where: { id: broken.session.sessionId } });
    expect(row.ingestFailures).toBe(5);
    // Given up on: deleted a day later like any other.
    await sweepWidgetSessions(db, new Date(Date.now() + 25 * 3_600_000));
    expect(await db.widgetSession.findUnique({ where: { id: broken.session.sessionId } })).toBeNull();
  });

  it("limits new chats per address", async () => {
    const client = browser("198.51.100.77");
    const statuses: number[] = [];
    for (let i = 0; i < 21; i++) statuses.push((await client.start()).status);
    expect(statuses.slice(0, 20).every((s) => s === 201)).toBe(true);
    expect(statuses[20]).toBe(429);
  });
});

describe("answers from the FAQ, with a language model", () => {
  let server: http.Server;
  let answer = { answerable: true, answer: "Yes, we repair flat roofs, including felt and rubber." };
  beforeAll(async () => {
    server = http.createServer((req, res) => {
      req.resume();
      req.on("end", () => {
        res.writeHead(200, { "content-type": "application/json" });
        res.end(
          JSON.stringify({
            id: "chatcmpl-faq",
            object: "chat.completion",
            created: Math.floor(Date.now() / 1000),
            model: "test-model",
            choices: [
              { index: 0, message: { role: "assistant", content: JSON.stringify(answer) }, finish_reason: "stop" },
            ],
            usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
          }),
        );
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    process.env.OUTBOUND_ALLOW_PRIVATE_NETWORKS = "true";
    reloadEnv();
    await setModelSettings(db, adminId, {
      provider: "openai-compatible",
      model: "test-model",
      baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`,
      timeoutMs: 5_000,
    });
    await updateWidgetSettings(db, adminId, sourceId, {
      title: "Ask Ridge Roofing",
      allowedOrigins: [SITE],
      faq: "We repair pitched and flat roofs (felt, rubber, fibreglass). Inspections cost £99.",
    });
  });
  afterEach(() => {
    answer = { answerable: true, answer: "Yes, we repair flat roofs, including felt and rubber." };
  });
  afterAll(async () => {
    await resetIntegration(db, adminId, "model");
    await updateWidgetSettings(db, adminId, sourceId, { title: "Ask Ridge Roofing", allowedOrigins: [SITE] });
    delete process.env.OUTBOUND_ALLOW_PRIVATE_NETWORKS;
    reloadEnv();
    await new Promise((resolve) => server.close(resolve));
  });

  it("answers a general question from the FAQ, then carries on", async () => {
    const { say } = await chat();
    const reply = await say("Do you work on flat roofs?");
    expect(reply.messages[0]!.text).toBe(answer.answer);
  });

  it.each([
    "An inspection costs £99.",
    "A flat roof like that usually lasts about twenty years.",
    "We can usually get someone out the same week.",
  ])("does not show %j: a person answers instead", async (refused) => {
    answer = { answerable: true, answer: refused };
    const { session, say } = await chat();
    const reply = await say("Do you do roof inspections?");
    expect(reply.messages.map((m) => m.text)).toEqual([DEFAULT_LANGUAGE.botReplies.escalate]);
    expect(reply).toMatchObject({ state: "with_team", handToHuman: true });
    expect(await recordsOf(session.sessionId)).not.toBeNull();
  });
});
