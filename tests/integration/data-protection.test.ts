import { randomInt, randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../server/db/client";
import { subjectHash } from "../../server/services/data-protection/contacts";
import { sweepRetention } from "../../server/services/data-protection/retention";
import { ingestConversation } from "../../server/services/ingest/ingest-conversation";
import { createWebhookEndpoint, setWebhookEndpointEnabled } from "../../server/services/outbound/webhooks";
import { authenticateSourceKey, createSource, type AuthenticatedSource } from "../../server/services/sources";
import { ensureRoutingTeams } from "../support/teams";
import { callerFor, createTestUser } from "../support/users";

// Data protection on the run's real database: a contact's data is found, exported and erased
// until no table anywhere in the database holds their email, phone or name (checked by scanning
// every row of every table as text), while other people's records that mentioned them stay,
// scrubbed. Then the retention job redacts or deletes old transcripts and keeps their facts.

type Caller = Awaited<ReturnType<typeof callerFor>>;
const tag = randomUUID().slice(0, 8);
const email = `erin.${tag}@example.org`;
const local = `7700 900${randomInt(200, 999)}`;
const phone = `+44${local.replace(/\s/g, "")}`;
const name = `Erin Quill${tag.replace(/\d/g, "")}`;
let admin: Caller;
let adminId: string;
let source: AuthenticatedSource;
let endpointId: string;

async function ingest(messages: { role: "visitor" | "bot"; text: string }[], now = new Date()) {
  return ingestConversation(getDb(), source, { externalId: `dp-${randomUUID()}`, messages }, { now });
}

const erinChat = (need: string) => [
  { role: "visitor" as const, text: `Hi, I'm ${name}. ${need}` },
  { role: "bot" as const, text: "Thanks! How can the team reach you, and may they contact you?" },
  { role: "visitor" as const, text: `Yes please contact me: ${email} or 0${local}.` },
];

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
/** An exact mention, as PostgreSQL's regular expressions read it: not inside a longer address or number. */
const exactly = (needle: string) =>
  needle.includes("@")
    ? `(?<![[:alnum:]_.%+-])${escape(needle)}(?![[:alnum:]_%+-]|\\.[[:alnum:]])`
    : `(?<![[:digit:]])${escape(needle)}(?![[:digit:]])`;

/** Every table in every schema of the database, scanned row by row as text for the needles. */
async function tablesHolding(needles: string[]): Promise<string[]> {
  const db = getDb();
  const tables = await db.$queryRaw<{ schema: string; name: string }[]>`
    SELECT table_schema AS schema, table_name AS name FROM information_schema.tables
     WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema')`;
  expect(tables.length).toBeGreaterThan(20);
  const holding: string[] = [];
  const patterns = needles.map(exactly);
  for (const table of tables) {
    const [row] = await db.$queryRawUnsafe<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM "${table.schema}"."${table.name}" t WHERE t::text ~* ANY($1::text[])`,
      patterns,
    );
    if (row!.n > 0) holding.push(`${table.schema}.${table.name}`);
  }
  return holding;
}

beforeAll(async () => {
  const db = getDb();
  await ensureRoutingTeams(1);
  const user = await createTestUser("admin");
  adminId = user.id;
  admin = await callerFor(user);
  const issued = await createSource(db, null, { name: `dp-${tag}`, kind: "api" });
  source = (await authenticateSourceKey(db, issued.apiKey))!;
  endpointId = (
    await createWebhookEndpoint(db, null, {
      url: "https://crm.example/hooks",
      events: ["handoff.created", "case.created"],
    })
  ).id;
});

afterAll(async () => {
  const db = getDb();
  await setWebhookEndpointEnabled(db, null, endpointId, false);
  await db.appSetting.deleteMany({ where: { key: { in: ["retention", "retention.last_run"] } } });
});

describe("a contact's data on request", () => {
  let otherConversation: string;
  let decoy: string;
  let otherSession: string;

  beforeAll(async () => {
    const db = getDb();
    const first = await ingest(erinChat("We need the flat roof on our garage replaced, about 20 square metres."));
    await ingest(erinChat("Also, could someone look at the guttering on the same house?"));
    // What else mentions them: a reply drafted to them, the email log, an audit entry, and another
    // visitor's case whose reviewer noted Erin's address.
    await db.reply.create({
      data: {
        conversationId: first.conversationId,
        subject: `Your roof, ${name}`,
        body: `Hello ${name}, thanks for getting in touch. We will write to ${email}.`,
        risks: [],
        status: "sent",
      },
    });
    // The API's replay record for the first post names the conversation.
    await db.idempotencyKey.create({
      data: {
        sourceId: source.id,
        key: `dp-${tag}`,
        requestHash: "h",
        status: 201,
        response: { conversationId: first.conversationId, outcome: "handoff" },
      },
    });
    await db.outboundMessage.create({
      data: {
        channel: "email",
        kind: "first_reply",
        dedupeKey: `email:first_reply:${first.conversationId}`,
        recipient: email,
      },
    });
    // An entry about Erin's lead (emptied on erasure) and one elsewhere that quotes her (blanked).
    const lead = await db.lead.findFirstOrThrow({ where: { email } });
    await db.auditLog.createMany({
      data: [
        { actorId: adminId, action: "lead.updated", targetType: "lead", targetId: lead.id, after: { email, phone } },
        { actorId: adminId, action: "team.created", targetType: "team", after: { description: `ask ${email}` } },
      ],
    });
    const other = await ingest([
      { role: "visitor", text: `My neighbour ${email} recommended you; I'd like a quote for a new fence.` },
      { role: "bot", text: "Can the team email you?" },
      { role: "visitor", text: `Yes, sam.${tag}@elsewhere.example please.` },
    ]);
    otherConversation = other.conversationId;
    // Addresses that only contain Erin's: other people, left alone.
    decoy = (
      await ingest([
        { role: "visitor", text: `Hello, I'm Sy: s${email}, and my work one is ${email}.uk. Can you fit a gate?` },
      ])
    ).conversationId;
    // Chats still on the widget: Erin's own (not yet ingested), and another visitor's that names her.
    const widget = await createSource(db, null, { name: `dp-widget-${tag}`, kind: "widget" });
    const chat = (text: string, visitor?: object) => ({
      sourceId: widget.id,
      messages: [{ role: "visitor", text, at: new Date().toISOString() }],
      messageCount: 1,
      progress: {},
      visitor,
    });
    await db.widgetSession.create({ data: chat(`Gutters again, ${name} here`, { name, email }) });
    // A chat given only a phone number, as typed, not yet a conversation.
    await db.widgetSession.create({ data: chat(`Fascia boards, ${name}`, { phone: `0${local}` }) });
    otherSession = (
      await db.widgetSession.create({ data: chat(`${email} sent me; is a porch roof something you do?`) })
    ).id;
    const otherCase = await db.exceptionCase.upsert({
      where: { conversationId: other.conversationId },
      create: { conversationId: other.conversationId, reasons: ["duplicate"], priority: "normal" },
      update: {},
    });
    await db.caseNote.create({
      data: { caseId: otherCase.id, authorId: adminId, body: `Referred by ${email}; not the same person.` },
    });
  });

  it("finds and exports everything stored about them, and audits the export without their details", async () => {
    const lookup = await admin.dataProtection.lookupContact({ email: email.toUpperCase() });
    expect(lookup.counts).toMatchObject({
      leads: 1,
      conversations: 2,
      replies: 1,
      emails: 1,
      otherConversations: 1,
      chatsInProgress: 2,
    });
    expect(lookup.counts.otherRecords).toBeGreaterThanOrEqual(1);
    expect(lookup.counts.webhookDeliveries).toBeGreaterThanOrEqual(2);
    expect(lookup.counts.auditEntries).toBeGreaterThanOrEqual(1);
    // By phone, however it is written, the same person.
    expect((await admin.dataProtection.lookupContact({ phone: `+44 ${local}` })).counts.conversations).toBe(2);

    const exported = await admin.dataProtection.exportContact({ email });
    expect(exported.leads).toHaveLength(1);
    expect(exported.leads[0]).toMatchObject({ email, phoneE164: phone });
    // Their own conversations only: another visitor's that mentions them is not theirs to receive.
    expect(exported.conversations).toHaveLength(2);
    expect(exported.conversations.map((c) => c.id)).not.toContain(otherConversation);
    expect(JSON.stringify(exported.conversations[0]!.messages)).toContain(email);
    expect(exported.conversations.every((c) => c.consentRecords.length > 0)).toBe(true);
    expect(exported.emails.map((m) => m.recipient)).toEqual([email]);
    expect(exported.chatsInProgress).toHaveLength(2);
    const audit = await getDb().auditLog.findFirstOrThrow({
      where: { actorId: adminId, action: "contact.exported" },
      orderBy: { createdAt: "desc" },
    });
    expect(audit.targetId).toBe(subjectHash("email", email));
    expect(JSON.stringify(audit)).not.toContain(email);
  });

  it("erases them from every table, leaving a tombstone and scrubbing what others' records said", async () => {
    expect(await tablesHolding([email, phone])).toEqual(
      expect.arrayContaining(["public.leads", "public.conversations", "public.webhook_deliveries", "public.audit_log"]),
    );
    await expect(admin.dataProtection.eraseContact({ subject: { email }, reason: "no" })).rejects.toThrow(/reason/);
    const result = await admin.dataProtection.eraseContact({
      subject: { email },
      reason: `Request DSR-4200123 from ${email}`,
    });
    expect(result.counts).toMatchObject({ leads: 1, conversations: 2 });

    expect(await tablesHolding([email, phone, local, name])).toEqual([]);
    expect(await getDb().idempotencyKey.count({ where: { key: `dp-${tag}` } })).toBe(0);

    const db = getDb();
    const tombstone = await db.erasureTombstone.findUniqueOrThrow({ where: { id: result.tombstoneId } });
    expect(tombstone).toMatchObject({
      subjectHashes: [subjectHash("email", email)],
      reason: "Request DSR-4200123 from [erased]",
    });
    expect(await db.auditLog.count({ where: { action: "contact.erased", targetId: result.tombstoneId } })).toBe(1);
    // The other visitor's conversation stays; the note about Erin keeps its point without her address.
    expect(await db.conversation.count({ where: { id: otherConversation } })).toBe(1);
    const note = await db.caseNote.findFirstOrThrow({ where: { case: { conversationId: otherConversation } } });
    expect(note.body).toBe(`Referred by ${"*".repeat(email.length)}; not the same person.`);
    const kept = await db.conversation.findUniqueOrThrow({ where: { id: otherConversation } });
    expect(JSON.stringify(kept.messages)).toContain(`My neighbour ${"*".repeat(email.length)} recommended you`);
    const untouched = await db.conversation.findUniqueOrThrow({ where: { id: decoy } });
    expect(JSON.stringify(untouched.messages)).toContain(`s${email}, and my work one is ${email}.uk`);
    const session = await db.widgetSession.findUniqueOrThrow({ where: { id: otherSession } });
    expect(JSON.stringify(session.messages)).toContain(`${"*".repeat(email.length)} sent me`);
    expect((await admin.dataProtection.lookupContact({ email })).found).toBe(false);
  });
});

describe("the retention period", () => {
  const longAgo = new Date("2001-03-05T10:00:00Z");

  it("redacts or deletes transcripts past it, keeps their facts, and leaves newer ones alone", async () => {
    const db = getDb();
    await expect(admin.dataProtection.setRetention({ enabled: true, days: 3, mode: "redact" })).rejects.toThrow(
      /at least 7 days/,
    );
    await admin.dataProtection.setRetention({ enabled: true, days: 3650, mode: "redact" });
    const card = "4111 1111 1111 1111";
    const old = await ingest(erinChat(`Could someone quote for a loft conversion? My card is ${card}.`), longAgo);
    const recent = await ingest(erinChat("Could someone quote for a porch?"));
    const factsBefore = await db.conversationFact.findUniqueOrThrow({ where: { conversationId: old.conversationId } });

    const first = await sweepRetention(db, new Date());
    expect(first.removed).toBeGreaterThanOrEqual(1);
    const redacted = await db.conversation.findUniqueOrThrow({
      where: { id: old.conversationId },
      include: { consentRecords: true },
    });
    expect(redacted).toMatchObject({ transcriptRemoval: "redacted", visitorFields: null });
    const text = JSON.stringify([redacted.messages, redacted.brief, redacted.consentRecords]);
    for (const needle of [email, phone, name, local, card]) expect(text).not.toContain(needle);
    // The card number is labelled where it was, not shifted by the shorter contact labels.
    expect(JSON.stringify(redacted.messages)).toContain("My card is [card number].");
    expect((redacted.brief as { sensitive: unknown[] }).sensitive).toEqual([]);
    expect(JSON.stringify(redacted.messages)).toContain("[email]");
    expect(JSON.stringify(redacted.messages)).toContain("loft conversion");
    // The dashboards still count it as it was.
    const factsAfter = await db.conversationFact.findUniqueOrThrow({ where: { conversationId: old.conversationId } });
    expect(factsAfter).toEqual(factsBefore);
    const untouched = await db.conversation.findUniqueOrThrow({ where: { id: recent.conversationId } });
    expect(untouched.transcriptRemovedAt).toBeNull();
    expect(JSON.stringify(untouched.messages)).toContain(email);

    await admin.dataProtection.setRetention({ enabled: true, days: 3650, mode: "delete" });
    const older = await ingest(erinChat("Could someone quote for a conservatory?"), longAgo);
    await admin.dataProtection.runRetention();
    const deleted = await db.conversation.findUniqueOrThrow({
      where: { id: older.conversationId },
      include: { consentRecords: true },
    });
    expect(deleted).toMatchObject({ transcriptRemoval: "deleted", messages: [] });
    expect(deleted.consentRecords.every((r) => r.words === null && r.evidenceMessage === null)).toBe(true);
    expect(JSON.stringify(deleted.brief)).not.toContain(email);
    expect((await admin.dataProtection.retention()).lastRun).toMatchObject({ mode: "delete", removed: 1 });
    const audit = await db.auditLog.findFirstOrThrow({
      where: { action: "retention.updated", actorId: adminId },
      orderBy: { createdAt: "desc" },
    });
    expect(audit.after).toEqual({ enabled: true, days: 3650, mode: "delete" });
  });
});
