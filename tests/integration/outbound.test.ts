import { randomUUID } from "node:crypto";
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../server/db/client";
import { reloadEnv } from "../../server/env";
import { registerHandlers } from "../../server/jobs/handlers";
import { getJobs, startJobs } from "../../server/jobs/runtime";
import { ingestConversation } from "../../server/services/ingest/ingest-conversation";
import { sweepSlaBreaches } from "../../server/services/outbound/sla";
import { createWebhookEndpoint, redeliver } from "../../server/services/outbound/webhooks";
import { authenticateSourceKey, createSource, type AuthenticatedSource } from "../../server/services/sources";
import {
  eventually,
  startMailSink,
  startReceiver,
  type MailSink,
  type Receiver,
  discardWaitingJobs,
} from "../support/receivers";
import { ensureRoutingTeams } from "../support/teams";

// The jobs that tell the outside world, end to end on the run's database with the workers running:
// webhooks checked by the standardwebhooks library in a local receiver, email through a local SMTP
// server, alerts to a local Slack-style hook, and the SLA clock.

let source: AuthenticatedSource;
let mail: MailSink;
let alerts: Receiver;
const receivers: Receiver[] = [];

beforeAll(async () => {
  mail = await startMailSink();
  alerts = await startReceiver();
  Object.assign(process.env, {
    SMTP_URL: mail.url,
    EMAIL_FROM: "Handoff Desk <handoffs@handoff.test>",
    ALERT_WEBHOOK_URL: alerts.url,
    OUTBOUND_ALLOW_PRIVATE_NETWORKS: "true",
    WEBHOOK_RETRY_SCHEDULE: "0.2,0.2,0.2,0.2",
    JOBS_POLL_INTERVAL_SECONDS: "0.5",
    APP_URL: "https://handoff.test",
  });
  reloadEnv();
  await discardWaitingJobs(getDb());
  await startJobs(registerHandlers);
  await ensureRoutingTeams();
  const issued = await createSource(getDb(), null, { name: `outbound-${randomUUID().slice(0, 8)}`, kind: "api" });
  source = (await authenticateSourceKey(getDb(), issued.apiKey))!;
});

afterAll(async () => {
  for (const r of [...receivers, alerts]) await r?.close();
  await mail?.close();
});

async function subscribe(events: string[], respond?: Parameters<typeof startReceiver>[0]) {
  const receiver = await startReceiver(respond);
  receivers.push(receiver);
  const endpoint = await createWebhookEndpoint(getDb(), null, { url: receiver.url, events });
  return { receiver, endpoint };
}

const salesChat = (id = randomUUID(), extra: string[] = []) => ({
  externalId: id,
  pageUrl: "https://acme-roofing.example/flat-roofs?utm_source=google&utm_campaign=spring",
  messages: [
    { role: "visitor" as const, text: "Hi, we'd like a new flat roof on our garage, about 20 square metres." },
    { role: "bot" as const, text: "Happy to help. Could our surveyor email you to arrange a visit?" },
    { role: "visitor" as const, text: `Yes please, email me at dana-${id.slice(0, 8)}@ruiz.example. I'm Dana Ruiz.` },
    ...extra.map((text) => ({ role: "visitor" as const, text })),
  ],
});

async function disableAllEndpoints() {
  await getDb().webhookEndpoint.updateMany({ data: { enabled: false } });
}

describe("outbound webhooks", () => {
  it("signs each event so the standardwebhooks library verifies it, with the summary and unresolved question", async () => {
    await disableAllEndpoints();
    const { receiver, endpoint } = await subscribe(["handoff.created", "lead.updated", "case.created"]);
    const outcome = await ingestConversation(getDb(), source, salesChat());
    expect(outcome.outcome).toBe("handoff");

    const requests = await receiver.waitFor(2);
    const verifier = new Webhook(endpoint.secret);
    const events = requests.map(
      (r) => verifier.verify(r.body, r.headers) as { type: string; data: Record<string, unknown> },
    );
    const handoff = events.find((e) => e.type === "handoff.created")!;
    expect(handoff.data).toMatchObject({
      handoffId: outcome.handoffId,
      conversationId: outcome.conversationId,
      caseUrl: `https://handoff.test/cases/${outcome.conversationId}`,
      consent: { status: "given" },
      contact: { email: expect.stringContaining("@ruiz.example") },
    });
    expect(handoff.data.statedNeed).toEqual(expect.any(String));
    expect(handoff.data).toHaveProperty("unresolvedQuestion");
    expect(events.map((e) => e.type).sort()).toEqual(["handoff.created", "lead.updated"]);
    // A forged body fails the same check.
    expect(() => verifier.verify(requests[0]!.body.replace("given", "refused"), requests[0]!.headers)).toThrow();

    const deliveries = await eventually(
      () => getDb().webhookDelivery.findMany({ where: { endpointId: endpoint.id }, include: { attempts: true } }),
      (rows) => rows.length === 2 && rows.every((d) => d.status === "delivered"),
    );
    for (const d of deliveries) {
      expect(d.attempts).toHaveLength(1);
      expect(d.attempts[0]!.statusCode).toBe(200);
    }
  });

  it("retries a failing receiver on the schedule: 3 failures then success = one accepted delivery, 4 logged attempts", async () => {
    await disableAllEndpoints();
    const { receiver, endpoint } = await subscribe(["handoff.created"], (n) => (n <= 3 ? 503 : 200));
    await ingestConversation(getDb(), source, salesChat());
    await receiver.waitFor(4);
    const delivery = await eventually(
      () =>
        getDb().webhookDelivery.findFirstOrThrow({
          where: { endpointId: endpoint.id },
          include: { attempts: { orderBy: { number: "asc" } } },
        }),
      (d) => d.status === "delivered",
    );
    expect(delivery.attempts.map((a) => a.statusCode)).toEqual([503, 503, 503, 200]);
    expect(delivery.attempts[0]!.error).toContain("HTTP 503");
    // Every attempt carried the same webhook-id, so a receiver that saw an attempt twice can drop it.
    expect(new Set(receiver.requests.map((r) => r.headers["webhook-id"]))).toEqual(new Set([delivery.id]));
    const accepted = receiver.requests.filter((_, i) => i >= 3);
    expect(accepted).toHaveLength(1);
    // Retries waited for their turn (0.2 s each here; 5 s, 5 min, … in production).
    for (let i = 1; i < receiver.requests.length; i++) {
      expect(receiver.requests[i]!.at - receiver.requests[i - 1]!.at).toBeGreaterThanOrEqual(150);
    }
  });

  it("marks a delivery dead after the last scheduled attempt, and redelivers it on request", async () => {
    await disableAllEndpoints();
    let healthy = false;
    const { receiver, endpoint } = await subscribe(["handoff.created"], () => (healthy ? 200 : 500));
    await ingestConversation(getDb(), source, salesChat());
    const dead = await eventually(
      () =>
        getDb().webhookDelivery.findFirstOrThrow({ where: { endpointId: endpoint.id }, include: { attempts: true } }),
      (d) => d.status === "dead",
    );
    expect(dead.attempts).toHaveLength(5); // the first try and the 4 retries of this run's schedule
    healthy = true;
    await redeliver(getDb(), await getJobs(), null, dead.id);
    const delivered = await eventually(
      () => getDb().webhookDelivery.findUniqueOrThrow({ where: { id: dead.id }, include: { attempts: true } }),
      (d) => d.status === "delivered",
    );
    expect(delivered.attempts).toHaveLength(6);
    expect(receiver.requests).toHaveLength(6);
    const audit = await getDb().auditLog.findFirst({
      where: { action: "webhook_delivery.redelivered", targetId: dead.id },
    });
    expect(audit).not.toBeNull();
  });

  it("switches an endpoint off when it answers 410 Gone, and sends it nothing more", async () => {
    await disableAllEndpoints();
    const { receiver, endpoint } = await subscribe(["handoff.created"], () => 410);
    await ingestConversation(getDb(), source, salesChat());
    await eventually(
      () => getDb().webhookEndpoint.findUniqueOrThrow({ where: { id: endpoint.id } }),
      (e) => !e.enabled,
    );
    const row = await getDb().webhookEndpoint.findUniqueOrThrow({ where: { id: endpoint.id } });
    expect(row.disabledReason).toContain("410");
    await ingestConversation(getDb(), source, salesChat());
    await new Promise((r) => setTimeout(r, 1000));
    expect(receiver.requests).toHaveLength(1);
    expect(await getDb().webhookDelivery.count({ where: { endpointId: endpoint.id } })).toBe(1);
  });

  it("refuses to deliver to a private address unless that is allowed", async () => {
    process.env.OUTBOUND_ALLOW_PRIVATE_NETWORKS = "false";
    reloadEnv();
    try {
      await expect(
        createWebhookEndpoint(getDb(), null, { url: "http://127.0.0.1:9/hook", events: ["case.created"] }),
      ).rejects.toThrow(/private or loopback/);
      await expect(
        createWebhookEndpoint(getDb(), null, { url: "http://[::1]:9/hook", events: ["case.created"] }),
      ).rejects.toThrow(/private or loopback/);
    } finally {
      process.env.OUTBOUND_ALLOW_PRIVATE_NETWORKS = "true";
      reloadEnv();
    }
  });

  it("enqueues nothing when the ingest transaction rolls back", async () => {
    await disableAllEndpoints();
    const { receiver } = await subscribe(["handoff.created", "lead.updated"]);
    // A check the database runs at COMMIT, after every job of the request was written: it refuses
    // conversations whose external id starts with "rollback-", so that transaction rolls back whole.
    await getDb().$executeRawUnsafe(`
      CREATE OR REPLACE FUNCTION refuse_rollback_marked() RETURNS trigger AS $$
      BEGIN
        IF NEW.external_id LIKE 'rollback-%' THEN RAISE EXCEPTION 'refused at commit'; END IF;
        RETURN NULL;
      END $$ LANGUAGE plpgsql`);
    await getDb().$executeRawUnsafe(`DROP TRIGGER IF EXISTS refuse_rollback_marked ON conversations`);
    await getDb().$executeRawUnsafe(`
      CREATE CONSTRAINT TRIGGER refuse_rollback_marked AFTER INSERT ON conversations
      DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION refuse_rollback_marked()`);
    const countJobs = async () => {
      const [{ n }] = await getDb().$queryRaw<[{ n: bigint }]>`SELECT count(*) AS n FROM pgboss.job`;
      return Number(n);
    };
    try {
      // The same kind of conversation, committed: it does queue jobs (the email, two webhooks).
      const before = await countJobs();
      await ingestConversation(getDb(), source, salesChat());
      const perConversation = (await countJobs()) - before;
      expect(perConversation).toBeGreaterThanOrEqual(3);
      await receiver.waitFor(2);

      const jobsBefore = await countJobs();
      const deliveriesBefore = await getDb().webhookDelivery.count();
      const chat = salesChat(`rollback-${randomUUID()}`);
      await expect(ingestConversation(getDb(), source, chat)).rejects.toThrow(/refused at commit/);
      expect(await countJobs()).toBe(jobsBefore);
      expect(await getDb().webhookDelivery.count()).toBe(deliveriesBefore);
      expect(await getDb().conversation.count({ where: { externalId: chat.externalId } })).toBe(0);
      await new Promise((r) => setTimeout(r, 800));
      expect(receiver.requests).toHaveLength(2);
    } finally {
      await getDb().$executeRawUnsafe(`DROP TRIGGER IF EXISTS refuse_rollback_marked ON conversations`);
    }
  });
});

describe("owner email", () => {
  it("reaches the owner through SMTP with the need and unresolved question first and their inbox link", async () => {
    const outcome = await ingestConversation(
      getDb(),
      source,
      salesChat(randomUUID(), ["Do you also handle the guttering on the same visit?"]),
    );
    expect(outcome.outcome).toBe("handoff");
    const owner = await getDb().user.findUniqueOrThrow({ where: { id: outcome.routedTo.ownerId! } });
    // Other tests' handoffs email too, and jobs finish in any order: wait for this one's.
    const email = await eventually(
      async () => mail.messages.find((m) => m.text?.includes(outcome.handoffId!)),
      (found) => found !== undefined,
    );
    expect(email).toBeDefined();
    expect(JSON.stringify(email!.to)).toContain(owner.email);
    expect(email!.subject).toMatch(/^New handoff: .*flat roof/i);
    const text = email!.text!;
    const lines = text.split("\n");
    expect(lines[0]).toMatch(/^Needs: .*flat roof/i);
    expect(lines[1]).toMatch(/^Unresolved question: .*guttering/i);
    // Owners cannot open cases: the link is their inbox item.
    expect(text).toContain(`https://handoff.test/inbox/${outcome.handoffId}`);
    expect(text).not.toContain("/cases/");
    expect(text).toMatch(/Consent to be contacted: given/);
    expect(email!.attachments.filter((a) => a.contentType.includes("calendar"))).toHaveLength(0);
    // The server has the message a moment before the job records it as sent.
    const log = await eventually(
      () =>
        getDb().outboundMessage.findUniqueOrThrow({
          where: { dedupeKey: `email:handoff_owner:${outcome.handoffId}:${owner.id}` },
        }),
      (row) => row.status === "sent",
    );
    expect(log).toMatchObject({ status: "sent", recipient: owner.email, attempts: 1 });
  });

  it("attaches an .ics invitation when the visitor asked for a call at a stated time", async () => {
    const outcome = await ingestConversation(
      getDb(),
      source,
      salesChat(randomUUID(), ["Could someone call me on Friday at 10am to talk it through?"]),
    );
    expect(outcome.outcome).toBe("handoff");
    const email = (await eventually(
      async () => mail.messages.find((m) => m.text?.includes(outcome.handoffId!)),
      (found) => found !== undefined,
    ))!;
    expect(email.text).toContain("Asked for a call");
    const invite = email.attachments.find((a) => a.contentType.includes("text/calendar"));
    expect(invite).toBeDefined();
    const ics = invite!.content.toString();
    expect(ics).toContain("BEGIN:VEVENT");
    expect(ics).toMatch(/DTSTART:\d{8}T\d{4}00Z/);
    expect(ics).toContain("METHOD:REQUEST");
  });
});

describe("alerts and the SLA clock", () => {
  it("alerts once for an emergency", async () => {
    const before = alerts.requests.length;
    const chat = {
      externalId: randomUUID(),
      messages: [
        {
          role: "visitor" as const,
          text: "Water is pouring through the ceiling onto the electrics right now, this is an emergency!",
        },
        { role: "visitor" as const, text: "Call me on 07700 900123 please" },
      ],
    };
    const outcome = await ingestConversation(getDb(), source, chat);
    expect(outcome.reasons).toContain("emergency");
    const got = await alerts.waitFor(before + 1);
    const alert = JSON.parse(got[before]!.body) as { text: string };
    expect(alert.text).toContain("Emergency");
    expect(alert.text).toContain(`https://handoff.test/cases/${outcome.conversationId}`);
    // The same conversation updated again does not alert twice.
    await ingestConversation(getDb(), source, {
      ...chat,
      messages: [...chat.messages, { role: "visitor" as const, text: "Hello??" }],
    });
    await new Promise((r) => setTimeout(r, 1500));
    expect(alerts.requests.filter((r) => r.body.includes(outcome.conversationId))).toHaveLength(1);
  });

  it("runs the SLA clock every minute once the workers start", async () => {
    const rows = await getDb().$queryRaw<{ cron: string; timezone: string }[]>`
      SELECT cron, timezone FROM pgboss.schedule WHERE name = 'sla.sweep'`;
    expect(rows).toEqual([{ cron: "* * * * *", timezone: "UTC" }]);
  });

  it("sweeps the chat widget's sessions every minute too (chats left midway reach ingest)", async () => {
    const rows = await getDb().$queryRaw<{ cron: string }[]>`
      SELECT cron FROM pgboss.schedule WHERE name = 'widget.sweep'`;
    expect(rows).toEqual([{ cron: "* * * * *" }]);
  });

  it("marks a handoff past its due time as breached once, with an event and an alert", async () => {
    const longAgo = new Date(Date.now() - 3 * 86_400_000);
    const outcome = await ingestConversation(getDb(), source, salesChat(), { now: longAgo });
    expect(outcome.outcome).toBe("handoff");
    const jobs = await getJobs();
    expect(await sweepSlaBreaches(getDb(), jobs)).toBeGreaterThanOrEqual(1);
    const handoff = await getDb().handoff.findUniqueOrThrow({ where: { id: outcome.handoffId! } });
    expect(handoff.breachedAt).not.toBeNull();
    expect(await sweepSlaBreaches(getDb(), jobs)).toBe(0);
    const events = await getDb().event.findMany({
      where: { type: "handoff.sla_breached", conversationId: outcome.conversationId },
    });
    expect(events).toHaveLength(1);
    expect(events[0]!.data).toMatchObject({ handoffId: outcome.handoffId });
    await eventually(
      async () => alerts.requests.filter((r) => r.body.includes(outcome.conversationId)).length,
      (n) => n === 1,
    );
  });
});
