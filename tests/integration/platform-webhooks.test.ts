import { createHmac, randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../server/db/client";
import { handleChatwootWebhook, handleIntercomWebhook } from "../../server/http/platform-webhook-route";
import { createSource, type IssuedSource } from "../../server/services/sources";
import { ensureRoutingTeams } from "../support/teams";
import { chatwootMessageCreated, chatwootStatusChanged, intercomNotification } from "../fixtures/platform-payloads";

// Chatwoot and Intercom deliveries as those platforms send them, checked the way each signs, added
// message by message to one stored conversation.

const CHATWOOT_SECRET = "cw-webhook-secret-0123456789";
const INTERCOM_SECRET = "ic-client-secret-abcdef012345";
let chatwootSigned: IssuedSource;
let chatwootTokenOnly: IssuedSource;
let intercom: IssuedSource;
let conversationNumber = Math.floor(Math.random() * 1_000_000);

beforeAll(async () => {
  await ensureRoutingTeams();
  const db = getDb();
  const suffix = randomUUID().slice(0, 6);
  chatwootSigned = await createSource(db, null, {
    name: `cw-${suffix}`,
    kind: "chatwoot",
    platformSecret: CHATWOOT_SECRET,
  });
  chatwootTokenOnly = await createSource(db, null, { name: `cw-token-${suffix}`, kind: "chatwoot" });
  intercom = await createSource(db, null, { name: `ic-${suffix}`, kind: "intercom", platformSecret: INTERCOM_SECRET });
});

function chatwootHeaders(body: string, secret = CHATWOOT_SECRET, at = Math.floor(Date.now() / 1000)) {
  const mac = createHmac("sha256", secret).update(`${at}.${body}`).digest("hex");
  return {
    "content-type": "application/json",
    "x-chatwoot-signature": `sha256=${mac}`,
    "x-chatwoot-timestamp": String(at),
    "x-chatwoot-delivery": randomUUID(),
  };
}

function sendChatwoot(
  payload: unknown,
  options: { source?: IssuedSource; headers?: Record<string, string>; query?: string } = {},
) {
  const body = JSON.stringify(payload);
  const source = options.source ?? chatwootSigned;
  return handleChatwootWebhook(
    new Request(`http://handoff.test/api/v1/webhooks/chatwoot/${source.id}${options.query ?? ""}`, {
      method: "POST",
      headers: options.headers ?? chatwootHeaders(body),
      body,
    }),
    source.id,
  );
}

function sendIntercom(payload: unknown, signature?: string) {
  const body = JSON.stringify(payload);
  const mac = createHmac("sha1", INTERCOM_SECRET).update(body).digest("hex");
  return handleIntercomWebhook(
    new Request(`http://handoff.test/api/v1/webhooks/intercom/${intercom.id}`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-hub-signature": signature ?? `sha1=${mac}` },
      body,
    }),
    intercom.id,
  );
}

async function storedMessages(conversationId: string) {
  const row = await getDb().conversation.findUniqueOrThrow({
    where: { id: conversationId },
    select: { messages: true },
  });
  return (row.messages as { role: string; text: string }[]).map((m) => `${m.role}: ${m.text}`);
}

describe("Chatwoot", () => {
  it("builds one conversation from message_created deliveries, routes it, and records the close", async () => {
    const conversationId = ++conversationNumber;
    const t = (s: number) => new Date(Date.UTC(2026, 11, 6, 10, 0, s)).toISOString();
    const first = await sendChatwoot(
      chatwootMessageCreated({
        conversationId,
        messageId: 1,
        content: "Our flat roof is leaking over the office, can you replace it?",
        createdAt: t(0),
      }),
    );
    expect(first.status).toBe(201);
    const opened = await first.json();
    expect(opened.outcome).toBe("case"); // no contact or consent yet
    await sendChatwoot(
      chatwootMessageCreated({
        conversationId,
        messageId: 2,
        content: "Can our surveyor email you to arrange a visit?",
        messageType: "outgoing",
        senderType: "agent_bot",
        createdAt: t(5),
      }),
    );
    // An agent's private note is not part of the chat.
    await sendChatwoot(
      chatwootMessageCreated({
        conversationId,
        messageId: 3,
        content: "VIP, be quick",
        messageType: "outgoing",
        isPrivate: true,
        createdAt: t(6),
      }),
    );
    const answer = chatwootMessageCreated({
      conversationId,
      messageId: 4,
      content: "Yes please, email me at priya.shah@lumenpost.example",
      createdAt: t(9),
    });
    const res = await sendChatwoot(answer);
    const body = await res.json();
    expect(body.conversationId).toBe(opened.conversationId);
    expect(body.outcome).toBe("handoff");
    expect(await storedMessages(body.conversationId)).toEqual([
      "visitor: Our flat roof is leaking over the office, can you replace it?",
      "bot: Can our surveyor email you to arrange a visit?",
      "visitor: Yes please, email me at priya.shah@lumenpost.example",
    ]);
    // Chatwoot retries a delivery it thinks failed: nothing changes.
    expect((await (await sendChatwoot(answer)).json()).unchanged).toBe(true);

    // Resolved, with only an activity message: the close is recorded once, however often it arrives.
    const closed = await sendChatwoot(chatwootStatusChanged(conversationId, "resolved"));
    expect(closed.status).toBe(200);
    await sendChatwoot(chatwootStatusChanged(conversationId, "resolved"));
    expect(
      await getDb().event.count({ where: { conversationId: body.conversationId, type: "conversation.closed" } }),
    ).toBe(1);
    // Events it does not read (contact_updated, webwidget_triggered, …) are acknowledged.
    expect((await sendChatwoot({ event: "webwidget_triggered", contact: {} })).status).toBe(202);
    const stored = await getDb().conversation.findUniqueOrThrow({
      where: { id: body.conversationId },
      select: { pageUrl: true, locale: true, externalId: true },
    });
    expect(stored).toEqual({
      pageUrl: "https://brightroofs.example/services/flat-roofs?utm_source=google",
      locale: "en-GB",
      externalId: `7:${conversationId}`,
    });
  });

  it("refuses a wrong signature, a stale timestamp, and a delivery with no signature when the secret is set", async () => {
    const payload = chatwootMessageCreated({ conversationId: ++conversationNumber, messageId: 1, content: "hello" });
    const body = JSON.stringify(payload);
    const before = await getDb().conversation.count();
    for (const headers of [
      chatwootHeaders(body, "another-secret-entirely"),
      chatwootHeaders(body, CHATWOOT_SECRET, Math.floor(Date.now() / 1000) - 600),
      { "content-type": "application/json" },
    ]) {
      const res = await sendChatwoot(payload, { headers });
      expect(res.status).toBe(401);
      expect((await res.json()).error.code).toBe("bad_signature");
    }
    expect(await getDb().conversation.count()).toBe(before);
  });

  it("lets an unsigned installation in only with the source's URL token", async () => {
    const payload = chatwootMessageCreated({
      conversationId: ++conversationNumber,
      messageId: 1,
      content: "do you fix gutters?",
    });
    const plain = { "content-type": "application/json" };
    expect((await sendChatwoot(payload, { source: chatwootTokenOnly, headers: plain })).status).toBe(401);
    expect(
      (await sendChatwoot(payload, { source: chatwootTokenOnly, headers: plain, query: "?token=guess" })).status,
    ).toBe(401);
    const ok = await sendChatwoot(payload, {
      source: chatwootTokenOnly,
      headers: plain,
      query: `?token=${chatwootTokenOnly.webhookUrlToken}`,
    });
    expect(ok.status).toBe(201);
  });

  it("names the field when a delivery is not one Chatwoot sends", async () => {
    const res = await sendChatwoot({ event: "message_created", content: "hi" });
    expect(res.status).toBe(400);
    const paths = (await res.json()).error.issues.map((i: { path: string }) => i.path);
    expect(paths).toEqual(expect.arrayContaining(["id", "message_type", "conversation"]));
  });
});

describe("Intercom", () => {
  it("builds the conversation from created and replied notifications, and reads the visitor's details", async () => {
    const id = String(++conversationNumber);
    const created = await sendIntercom(
      intercomNotification({ topic: "conversation.user.created", conversationId: id }),
    );
    expect(created.status).toBe(201);
    const first = await created.json();
    await sendIntercom(
      intercomNotification({
        topic: "conversation.admin.replied",
        conversationId: id,
        parts: [
          { id: "p1", body: "<p>Happy to help. Could our team <b>email you</b> a proposal?</p>", authorType: "admin" },
          { id: "p2", body: "internal: check capacity", authorType: "admin", partType: "note" },
        ],
      }),
    );
    const replied = await sendIntercom(
      intercomNotification({
        topic: "conversation.user.replied",
        conversationId: id,
        parts: [{ id: "p3", body: "<p>Yes please &amp; thanks, email is best</p>", authorType: "user" }],
      }),
    );
    const body = await replied.json();
    expect(body.conversationId).toBe(first.conversationId);
    expect(await storedMessages(body.conversationId)).toEqual([
      "visitor: Hi, our office needs managed IT support for 14 people.",
      "agent: Happy to help. Could our team email you a proposal?",
      "visitor: Yes please & thanks, email is best",
    ]);
    const conversation = await getDb().conversation.findUniqueOrThrow({
      where: { id: body.conversationId },
      select: { lead: { select: { email: true } }, pageUrl: true },
    });
    expect(conversation).toEqual({
      lead: { email: "marta@kowalski-design.example" },
      pageUrl: "https://harbourline-it.example/managed-it?utm_campaign=q4",
    });
  });

  it("acknowledges a ping and topics it does not read, and refuses a bad X-Hub-Signature", async () => {
    const ping = await sendIntercom({ type: "notification_event", topic: "ping", data: { item: { type: "ping" } } });
    expect(ping.status).toBe(202);
    const other = await sendIntercom(
      intercomNotification({ topic: "conversation.admin.assigned", conversationId: String(++conversationNumber) }),
    );
    expect(other.status).toBe(202);
    const forged = await sendIntercom(
      intercomNotification({ topic: "conversation.user.created", conversationId: String(++conversationNumber) }),
      "sha1=0000000000000000000000000000000000000000",
    );
    expect(forged.status).toBe(401);
  });
});
