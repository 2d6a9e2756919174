import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../server/db/client";
import { checkReplyForPromises } from "../../server/domain/replies/promise-check";
import { renderTemplate } from "../../server/domain/replies/render";
import { reloadEnv } from "../../server/env";
import { registerHandlers } from "../../server/jobs/handlers";
import { startJobs } from "../../server/jobs/runtime";
import { ingestConversation } from "../../server/services/ingest/ingest-conversation";
import { sendReplyEmail } from "../../server/services/replies/reply-email";
import { DEFAULT_REPLY_TEMPLATES, seedReplyTemplates } from "../../server/services/replies/templates";
import { authenticateSourceKey, createSource, type AuthenticatedSource } from "../../server/services/sources";
import { eventually, startMailSink, type MailSink, discardWaitingJobs } from "../support/receivers";
import { ensureRoutingTeams } from "../support/teams";
import { callerFor, createTestUser } from "../support/users";

// The owner's inbox and the first reply, through the tRPC procedures (createCaller with real
// sessions) on the run's database, with the job workers running and email going to a local SMTP
// server. Conversations arrive through ingest, so the handoffs are what production makes.

let source: AuthenticatedSource;
let mail: MailSink;
type Caller = Awaited<ReturnType<typeof callerFor>>;
let owner: { id: string; email: string };
let asOwner: Caller;
let asOtherOwner: Caller;
let asReviewer: Caller;
let asSecondReviewer: Caller;
let asManager: Caller;

beforeAll(async () => {
  mail = await startMailSink();
  Object.assign(process.env, {
    SMTP_URL: mail.url,
    EMAIL_FROM: "Handoff Desk <handoffs@handoff.test>",
    JOBS_POLL_INTERVAL_SECONDS: "0.5",
    APP_URL: "https://handoff.test",
  });
  reloadEnv();
  await discardWaitingJobs(getDb());
  await startJobs(registerHandlers);
  await ensureRoutingTeams();
  await seedReplyTemplates(getDb());
  const issued = await createSource(getDb(), null, { name: `inbox-${randomUUID().slice(0, 8)}`, kind: "api" });
  source = (await authenticateSourceKey(getDb(), issued.apiKey))!;
  owner = await createTestUser("owner", { name: "Olive Owner" });
  asOwner = await callerFor(owner);
  asOtherOwner = await callerFor(await createTestUser("owner", { name: "Otto Other" }));
  asReviewer = await callerFor(await createTestUser("reviewer", { name: "Rita Reviewer" }));
  asSecondReviewer = await callerFor(await createTestUser("reviewer", { name: "Remy Reviewer" }));
  asManager = await callerFor(await createTestUser("manager", { name: "Mona Manager" }));
});

afterAll(async () => {
  await mail?.close();
});

// (A visitor in no hurry still gets the rule's normal priority: routing never lowers it.)
const URGENCY = {
  normal: "",
  high: " It's urgent, we need them today for new starters.",
} as const;

/**
 * An existing customer of `owner` (their lead names them account owner) asking for more seats: a
 * clean handoff that routing gives to that owner, at the urgency asked.
 */
async function customerHandoff(urgency: keyof typeof URGENCY = "normal", options: { now?: Date } = {}) {
  const tag = randomUUID().slice(0, 8);
  const email = `pat-${tag}@lee.example`;
  await getDb().lead.create({ data: { kind: "customer", name: "Pat Lee", email, ownerId: owner.id } });
  const outcome = await ingestConversation(
    getDb(),
    source,
    {
      externalId: `inbox-${tag}`,
      messages: [
        {
          role: "visitor",
          text: `Hi, we're an existing customer and we'd like to add 10 more seats to our subscription.${URGENCY[urgency]}`,
        },
        { role: "bot", text: "Thanks. Could our team email you about it?" },
        { role: "visitor", text: `Yes please, email me at ${email}. I'm Pat Lee.` },
      ],
    },
    { now: options.now },
  );
  expect(outcome).toMatchObject({ outcome: "handoff", routedTo: { ownerId: owner.id } });
  return { handoffId: outcome.handoffId!, conversationId: outcome.conversationId, email };
}

/** A visitor asking for a price: the exception queue (a reviewer may reply from the case). */
async function pricingCase(consent: boolean) {
  const tag = randomUUID().slice(0, 8);
  const email = `sam-${tag}@park.example`;
  const outcome = await ingestConversation(getDb(), source, {
    externalId: `inbox-case-${tag}`,
    messages: consent
      ? [
          { role: "visitor", text: "How much would a new flat roof on our garage cost, roughly?" },
          { role: "bot", text: "Could our surveyor email you about it?" },
          { role: "visitor", text: `Yes please, email me at ${email}. I'm Sam Park.` },
        ]
      : [{ role: "visitor", text: `How much would a new flat roof on our garage cost? I'm Sam Park, ${email}` }],
  });
  expect(outcome.outcome).toBe("case");
  return { caseId: outcome.caseId!, conversationId: outcome.conversationId, email };
}

async function templateId(name: string) {
  const templates = await asOwner.replies.templates();
  return templates.find((t) => t.name === name)!.id;
}

describe("the owner's inbox", () => {
  it("lists my handoffs open first, then most urgent, then newest, each led by the summary and open question", async () => {
    const normalOld = await customerHandoff("normal");
    const high = await customerHandoff("high");
    const normalMiddle = await customerHandoff("normal");
    const normalNew = await customerHandoff("normal");
    const mine = new Set([normalOld, high, normalMiddle, normalNew].map((h) => h.handoffId));
    const ids = (items: { handoffId: string }[]) => items.map((i) => i.handoffId).filter((id) => mine.has(id));

    const all = await asOwner.inbox.list({ status: "all" });
    expect(ids(all.items)).toEqual([high.handoffId, normalNew.handoffId, normalMiddle.handoffId, normalOld.handoffId]);
    const first = all.items.find((i) => i.handoffId === high.handoffId)!;
    expect(first.summary).toMatch(/add 10 more seats/);
    expect(first.unresolvedQuestion).toBe("none");
    expect(first.priority).toBe("high");
    expect(first.consent).toMatchObject({ status: "given", quote: expect.stringContaining("email me") });
    expect(first.contact).toMatchObject({ email: high.email, masked: false });

    // Responded goes below every open one, and leaves the open list.
    await asOwner.inbox.markResponded({ handoffId: normalNew.handoffId, version: 1 });
    const after = await asOwner.inbox.list({ status: "all" });
    expect(ids(after.items)).toEqual([
      high.handoffId,
      normalMiddle.handoffId,
      normalOld.handoffId,
      normalNew.handoffId,
    ]);
    expect(ids((await asOwner.inbox.list({ status: "open" })).items)).not.toContain(normalNew.handoffId);
    expect(ids((await asOwner.inbox.list({ status: "responded" })).items)).toEqual([normalNew.handoffId]);

    // A page at a time, without gaps or repeats.
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Awaited<ReturnType<Caller["inbox"]["list"]>> = await asOwner.inbox.list({
        status: "all",
        limit: 2,
        cursor,
      });
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((i) => i.handoffId));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(after.items.map((i) => i.handoffId));

    // Nobody else's inbox holds them.
    expect(ids((await asOtherOwner.inbox.list({ status: "all" })).items)).toEqual([]);
  });

  it("refuses another owner's handoff by id with NOT_FOUND and none of its data; a manager may open it", async () => {
    const handoff = await customerHandoff();
    const refused = asOtherOwner.inbox.get({ handoffId: handoff.handoffId });
    await expect(refused).rejects.toMatchObject({ code: "NOT_FOUND" });
    const error = (await refused.catch((e: unknown) => e)) as Error;
    expect(JSON.stringify(error)).not.toContain(handoff.email);
    expect(error.message).not.toMatch(/seats/);
    await expect(asOtherOwner.inbox.markResponded({ handoffId: handoff.handoffId, version: 1 })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(asOtherOwner.inbox.get({ handoffId: randomUUID() })).rejects.toMatchObject({ code: "NOT_FOUND" });

    const item = await asOwner.inbox.get({ handoffId: handoff.handoffId });
    expect(item.transcript.map((m) => m.role)).toEqual(["visitor", "bot", "visitor"]);
    expect(item.transcript[2]!.text).toContain(handoff.email);
    expect((await asManager.inbox.get({ handoffId: handoff.handoffId })).handoffId).toBe(handoff.handoffId);
  });

  it("marks a handoff responded with the time since the handoff event, the event and the audit entry", async () => {
    const handedOffAt = new Date(Date.now() - 90_000);
    const handoff = await customerHandoff("normal", { now: handedOffAt });
    const result = await asOwner.inbox.markResponded({ handoffId: handoff.handoffId, version: 1 });
    expect(result.responseSeconds).toBeGreaterThanOrEqual(90);
    expect(result.responseSeconds).toBeLessThan(150);

    const db = getDb();
    const row = await db.handoff.findUniqueOrThrow({ where: { id: handoff.handoffId } });
    expect(row).toMatchObject({
      status: "responded",
      respondedVia: "marked",
      responseSeconds: result.responseSeconds,
      version: 2,
    });
    const event = await db.event.findFirstOrThrow({
      where: { type: "handoff.responded", conversationId: handoff.conversationId },
    });
    expect(event.data).toEqual({
      handoffId: handoff.handoffId,
      responseSeconds: result.responseSeconds,
      responseBusinessSeconds: row.responseBusinessSeconds,
      via: "marked",
    });
    // Business time is part of calendar time, never more.
    expect(row.responseBusinessSeconds).toBeGreaterThanOrEqual(0);
    expect(row.responseBusinessSeconds).toBeLessThanOrEqual(result.responseSeconds);
    const audit = await db.auditLog.findFirstOrThrow({
      where: { action: "handoff.mark_responded", targetId: handoff.handoffId },
    });
    expect(audit).toMatchObject({
      actorId: owner.id,
      before: { status: "open", version: 1 },
      after: { status: "responded", version: 2, respondedVia: "marked", responseSeconds: result.responseSeconds },
    });
    const item = await asOwner.inbox.get({ handoffId: handoff.handoffId });
    expect(item).toMatchObject({
      status: "responded",
      responseSeconds: result.responseSeconds,
      respondedVia: "marked",
    });
  });

  it("answers a stale version with CONFLICT and changes nothing", async () => {
    const handoff = await customerHandoff();
    await expect(asOwner.inbox.markResponded({ handoffId: handoff.handoffId, version: 7 })).rejects.toMatchObject({
      code: "CONFLICT",
    });
    expect((await getDb().handoff.findUniqueOrThrow({ where: { id: handoff.handoffId } })).status).toBe("open");
    await asOwner.inbox.markResponded({ handoffId: handoff.handoffId, version: 1 });
    await expect(asOwner.inbox.markResponded({ handoffId: handoff.handoffId, version: 1 })).rejects.toMatchObject({
      code: "CONFLICT",
    });
    expect(
      await getDb().event.count({ where: { type: "handoff.responded", conversationId: handoff.conversationId } }),
    ).toBe(1);
  });
});

describe("the first reply", () => {
  it("sends a clean reply from a template at once, by email, and records the owner's response time", async () => {
    const handoff = await customerHandoff("normal", { now: new Date(Date.now() - 60_000) });
    const draft = await asOwner.replies.draft({
      conversationId: handoff.conversationId,
      handoffId: handoff.handoffId,
      templateId: await templateId("Question received, looking into it"),
    });
    expect(draft.risks).toEqual([]);
    expect(draft.send).toEqual({ ok: true });
    expect(draft.body).toMatch(/^Hi Pat,/);
    expect(draft.body).toContain("“we're an existing customer and we'd like to add 10 more seats to our subscription”");
    expect(draft.body).toContain("Olive Owner");

    const submitted = await asOwner.replies.submit({
      conversationId: handoff.conversationId,
      handoffId: handoff.handoffId,
      templateId: draft.templateId,
      subject: draft.subject,
      body: draft.body,
    });
    expect(submitted).toMatchObject({ status: "sending", risks: [] });

    const reply = await eventually(
      () => getDb().reply.findUniqueOrThrow({ where: { id: submitted.replyId } }),
      (r) => r.status === "sent",
    );
    expect(reply.sentAt).not.toBeNull();
    const email = await eventually(
      async () => mail.messages.find((m) => m.to && "value" in m.to && m.to.value[0]?.address === handoff.email),
      (m) => m !== undefined,
    );
    expect(email!.subject).toBe(draft.subject);
    expect(email!.text).toContain("Hi Pat,");
    expect(email!.replyTo?.value[0]?.address).toBe(owner.email);

    const item = await asOwner.inbox.get({ handoffId: handoff.handoffId });
    expect(item).toMatchObject({ status: "responded", respondedVia: "reply" });
    expect(item.responseSeconds).toBeGreaterThanOrEqual(60);
    const responded = await getDb().event.findFirstOrThrow({
      where: { type: "handoff.responded", conversationId: handoff.conversationId },
    });
    expect(responded.data).toMatchObject({ handoffId: handoff.handoffId, via: "reply" });
    expect(await getDb().auditLog.count({ where: { action: "reply.submitted", targetId: submitted.replyId } })).toBe(1);

    // One first reply: a second is refused.
    await expect(
      asOwner.replies.submit({
        conversationId: handoff.conversationId,
        handoffId: handoff.handoffId,
        subject: "Again",
        body: "Hello again.",
      }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
  });

  it("sends one reply when two are submitted at once, and one email however often the job runs", async () => {
    const handoff = await customerHandoff();
    const target = { conversationId: handoff.conversationId, handoffId: handoff.handoffId };
    const results = await Promise.allSettled([
      asOwner.replies.submit({ ...target, subject: "Your seats", body: "Hi Pat, thanks for your message." }),
      asOwner.replies.submit({ ...target, subject: "Your seats", body: "Hi Pat, thank you for getting in touch." }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
    const rejected = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(rejected.reason).toMatchObject({ code: "CONFLICT" });
    const { replyId } = (results.find((r) => r.status === "fulfilled") as PromiseFulfilledResult<{ replyId: string }>)
      .value;
    await eventually(
      () => getDb().reply.findUniqueOrThrow({ where: { id: replyId } }),
      (r) => r.status === "sent",
    );
    // A job that runs again (a worker retried after it had sent) sends nothing more.
    expect(await sendReplyEmail(getDb(), { replyId })).toBe("already_sent");
    const toVisitor = mail.messages.filter((m) => m.to && "value" in m.to && m.to.value[0]?.address === handoff.email);
    expect(toVisitor).toHaveLength(1);
    expect(await getDb().reply.count({ where: { conversationId: handoff.conversationId } })).toBe(1);
  });

  it("holds a reply with a promise for approval; a reviewer's approval sends it", async () => {
    const handoff = await customerHandoff();
    const body = "Hi Pat,\n\nTen more seats are £240 a month and we guarantee they'll be live by Friday.\n\nOlive";
    // What the composer asks as the owner types.
    const live = await asOwner.replies.check({
      conversationId: handoff.conversationId,
      handoffId: handoff.handoffId,
      subject: "Your extra seats",
      body,
    });
    expect(live.risks.map((r) => r.kind)).toEqual(expect.arrayContaining(["pricing", "guarantee"]));
    expect(live.send).toEqual({ ok: true });
    await expect(
      asOtherOwner.replies.check({ conversationId: handoff.conversationId, handoffId: handoff.handoffId, body }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    // The server checks on its own: what the client thinks the risks are does not matter.
    const submitted = await asOwner.replies.submit({
      conversationId: handoff.conversationId,
      handoffId: handoff.handoffId,
      subject: "Your extra seats",
      body,
    });
    expect(submitted.status).toBe("pending_approval");
    expect(submitted.risks.map((r) => r.kind)).toEqual(expect.arrayContaining(["pricing", "guarantee"]));
    for (const risk of submitted.risks) expect(body.slice(risk.start, risk.end)).toBe(risk.quote);
    expect(
      await getDb().event.count({ where: { type: "reply.flagged", conversationId: handoff.conversationId } }),
    ).toBe(1);
    expect(await getDb().outboundMessage.count({ where: { dedupeKey: `reply:${submitted.replyId}` } })).toBe(0);
    expect((await getDb().handoff.findUniqueOrThrow({ where: { id: handoff.handoffId } })).status).toBe("open");

    // An owner cannot approve; a reviewer sees it waiting and approves it.
    await expect(asOwner.replies.approve({ replyId: submitted.replyId })).rejects.toMatchObject({ code: "FORBIDDEN" });
    const pending = await asReviewer.replies.pending();
    expect(pending.find((p) => p.replyId === submitted.replyId)).toMatchObject({ canApprove: true, body });
    expect(await asReviewer.replies.approve({ replyId: submitted.replyId, note: "Price is the list price." })).toEqual({
      replyId: submitted.replyId,
      status: "sending",
    });
    await expect(asSecondReviewer.replies.approve({ replyId: submitted.replyId })).rejects.toMatchObject({
      code: "CONFLICT",
    });

    await eventually(
      () => getDb().reply.findUniqueOrThrow({ where: { id: submitted.replyId } }),
      (r) => r.status === "sent",
    );
    const email = await eventually(
      async () => mail.messages.find((m) => m.to && "value" in m.to && m.to.value[0]?.address === handoff.email),
      (m) => m !== undefined,
    );
    expect(email!.subject).toBe("Your extra seats");
    expect(email!.text).toContain("£240 a month");
    const row = await getDb().handoff.findUniqueOrThrow({ where: { id: handoff.handoffId } });
    expect(row).toMatchObject({ status: "responded", respondedVia: "reply" });
    expect(row.responseSeconds).toEqual(expect.any(Number));
    const audit = await getDb().auditLog.findFirstOrThrow({
      where: { action: "reply.approved", targetId: submitted.replyId },
    });
    expect(audit.after).toMatchObject({ status: "sending", note: "Price is the list price." });
  });

  it("lets a reviewer reply from a case; they cannot approve their own flagged reply, another reviewer or a manager can", async () => {
    const found = await pricingCase(true);
    const target = { conversationId: found.conversationId, caseId: found.caseId };
    // The case is not the owner's to answer.
    await expect(
      asOwner.replies.submit({ ...target, subject: "Hi", body: "Hello there, thanks for your message." }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });

    // Only the reviewer holding the case writes from it.
    await expect(
      asReviewer.replies.submit({ ...target, subject: "Hi", body: "Hello there, thanks for your message." }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
    await asReviewer.cases.claim({ caseId: found.caseId });
    await expect(
      asSecondReviewer.replies.submit({ ...target, subject: "Hi", body: "Hello there, thanks for your message." }),
    ).rejects.toMatchObject({ code: "CONFLICT" });

    const flagged = await asReviewer.replies.submit({
      ...target,
      subject: "Your roof",
      body: "Hi Sam, a flat roof like yours is usually £2,400.",
    });
    expect(flagged).toMatchObject({ status: "pending_approval" });
    expect(flagged.risks.map((r) => r.kind)).toEqual(["pricing"]);
    await expect(asReviewer.replies.approve({ replyId: flagged.replyId })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect((await asReviewer.replies.pending()).find((p) => p.replyId === flagged.replyId)?.canApprove).toBe(false);

    // Rejected, with a note: it never goes out, and a new reply may be written.
    await expect(asSecondReviewer.replies.reject({ replyId: flagged.replyId, note: "" })).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
    await asSecondReviewer.replies.reject({ replyId: flagged.replyId, note: "No prices before a survey." });
    expect((await getDb().reply.findUniqueOrThrow({ where: { id: flagged.replyId } })).status).toBe("rejected");

    // A manager takes the case over to write from it.
    await asManager.cases.claim({ caseId: found.caseId, takeover: true });
    const mine = await asManager.replies.submit({
      ...target,
      subject: "Your roof",
      body: "Hi Sam, we guarantee a fair quote after the survey.",
    });
    expect(mine.status).toBe("pending_approval");
    await asManager.replies.approve({ replyId: mine.replyId });
    const audit = await getDb().auditLog.findFirstOrThrow({
      where: { action: "reply.approved", targetId: mine.replyId },
    });
    expect(audit.after).toMatchObject({ selfApproved: true });
    await eventually(
      () => getDb().reply.findUniqueOrThrow({ where: { id: mine.replyId } }),
      (r) => r.status === "sent",
    );
  });

  it("refuses a reply without the visitor's consent, naming the field", async () => {
    const found = await pricingCase(false);
    const target = { conversationId: found.conversationId, caseId: found.caseId };
    await asReviewer.cases.claim({ caseId: found.caseId });
    const draft = await asReviewer.replies.draft({
      ...target,
      templateId: await templateId("Introduce myself and ask for details"),
    });
    expect(draft.send).toMatchObject({ ok: false, field: "consent" });
    const refused = asReviewer.replies.submit({ ...target, subject: draft.subject, body: draft.body });
    await expect(refused).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(refused).rejects.toThrow(/consent/);
    expect(await getDb().reply.count({ where: { conversationId: found.conversationId } })).toBe(0);
  });

  it("validates what is sent: an empty body is BAD_REQUEST with the field", async () => {
    const handoff = await customerHandoff();
    await expect(
      asOwner.replies.submit({
        conversationId: handoff.conversationId,
        handoffId: handoff.handoffId,
        subject: "Hi",
        body: " ",
      }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST", cause: { issues: [expect.objectContaining({ path: ["body"] })] } });
  });
});

describe("reply templates", () => {
  it("seeds each template once, however often it runs", async () => {
    expect(await seedReplyTemplates(getDb())).toBe(0);
    const names = (await getDb().replyTemplate.findMany({ select: { name: true } })).map((t) => t.name);
    for (const template of DEFAULT_REPLY_TEMPLATES) expect(names.filter((n) => n === template.name)).toHaveLength(1);
  });

  it("passes the promise check, filled in for a real visitor and for one we know nothing about", async () => {
    const handoff = await customerHandoff("high");
    for (const template of await asOwner.replies.templates()) {
      const draft = await asOwner.replies.draft({
        conversationId: handoff.conversationId,
        handoffId: handoff.handoffId,
        templateId: template.id,
      });
      expect(draft.risks, template.name).toEqual([]);
    }
    for (const template of DEFAULT_REPLY_TEMPLATES) {
      const body = renderTemplate(template.body, { visitorName: null, need: null, ownerName: "Olive Owner" });
      expect(checkReplyForPromises(body), template.name).toEqual([]);
      expect(body).not.toMatch(/\{\{/);
      // A request full of dates and amounts is the visitor's, quoted: still nothing promised.
      const need = "We need 12 seats within 2 days, for under £500 a month, by Friday.";
      const quoting = renderTemplate(template.body, { visitorName: "Pat", need, ownerName: "Olive Owner" });
      expect(checkReplyForPromises(quoting, { visitorMessages: [need] }), template.name).toEqual([]);
    }
  });
});
