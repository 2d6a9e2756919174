import { randomUUID } from "node:crypto";
import { TRPCError } from "@trpc/server";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../server/db/client";
import { sqlQuery } from "../../server/db/sql";
import { ingestConversation } from "../../server/services/ingest/ingest-conversation";
import type { IngestConversation } from "../../server/services/ingest/payload";
import { findCaseIdForPage, loadCaseForReview } from "../../server/services/review/case-view";
import { CLAIM_IDLE_MS } from "../../server/services/review/claims";
import { createWebhookEndpoint, setWebhookEndpointEnabled } from "../../server/services/outbound/webhooks";
import { loadSessionUser } from "../../server/services/session-user";
import { authenticateSourceKey, createSource, type AuthenticatedSource } from "../../server/services/sources";
import { ensureRoutingTeams } from "../support/teams";
import { callerFor, createTestUser, openSession } from "../support/users";

// The review console's case actions through the tRPC router (createCaller), on the run's database,
// with conversations ingested the way production makes them: each action's effect, its audit
// entry and its measurement event, the claim lock, versions, permissions and masking.

type Caller = Awaited<ReturnType<typeof callerFor>>;
type User = { id: string };

let source: AuthenticatedSource;
let reviewer: User;
let otherReviewer: User;
let revealer: User;
let manager: User;
let owner: User;
let asReviewer: Caller;
let asOther: Caller;
let asRevealer: Caller;
let asManager: Caller;
let asOwner: Caller;

beforeAll(async () => {
  await ensureRoutingTeams();
  const issued = await createSource(getDb(), null, { name: `cases-${randomUUID().slice(0, 8)}`, kind: "api" });
  source = (await authenticateSourceKey(getDb(), issued.apiKey))!;
  reviewer = await createTestUser("reviewer", { name: "Rita Reviewer" });
  otherReviewer = await createTestUser("reviewer", { name: "Otto Other" });
  revealer = await createTestUser("reviewer", { name: "Vera Revealer" });
  await getDb().user.update({ where: { id: revealer.id }, data: { canRevealSensitive: true } });
  manager = await createTestUser("manager", { name: "Mona Manager" });
  owner = await createTestUser("owner", { name: "Oscar Owner" });
  asReviewer = await callerFor(reviewer);
  asOther = await callerFor(otherReviewer);
  asRevealer = await callerFor(revealer);
  asManager = await callerFor(manager);
  asOwner = await callerFor(owner);
});

async function failure(promise: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof TRPCError) return { code: error.code, message: error.message };
    const appError = error as { code?: string; message: string };
    if (appError.code) return { code: appError.code, message: appError.message };
    throw error;
  }
  throw new Error("expected the call to fail");
}

const CHATS = {
  /** Consent given, but a price question needs a person: a case with a suggested Sales owner. */
  pricing: (email: string) => [
    {
      role: "visitor" as const,
      text: "Hi, we'd like a new flat roof on our garage, about 20 square metres. How much would it cost roughly?",
    },
    { role: "bot" as const, text: "Happy to help. Could our surveyor email you to arrange a visit?" },
    { role: "visitor" as const, text: `Yes please, email me at ${email}. I'm Dana Ruiz.` },
  ],
  unclear: (email: string) => [
    { role: "visitor" as const, text: "Hi, we'd like a new flat roof on our garage, about 20 square metres." },
    { role: "bot" as const, text: "Happy to help. What's the best email for you?" },
    { role: "visitor" as const, text: `${email}, I'm Dana Ruiz.` },
  ],
  refused: (email: string) => [
    { role: "visitor" as const, text: "Hi, we'd like a new flat roof on our garage, about 20 square metres." },
    { role: "bot" as const, text: "Happy to help. Could our surveyor email you to arrange a visit?" },
    { role: "visitor" as const, text: `My email is ${email} but please don't email me, just answer here.` },
  ],
  sensitive: () => [
    {
      role: "visitor" as const,
      text: "Hi, I want to pay my invoice for the roof repair, my card is 4111 1111 1111 1111. Call me on 07700 900123.",
    },
    { role: "bot" as const, text: "Thanks! I've booked you in for Thursday at 9am and the repair will cost £200." },
    { role: "visitor" as const, text: "Great, yes you can call me. I'm Dana Ruiz." },
  ],
  lookAlike: (email: string) => [
    {
      role: "visitor" as const,
      text: "Hello, I'm Priya Venkataraman from Venkataraman Joinery. We need a quote for 40 oak doors for a hotel refit.",
    },
    { role: "bot" as const, text: "Thanks Priya. Could our sales team email you about it?" },
    { role: "visitor" as const, text: `Yes, email me at ${email} please.` },
  ],
};

async function newCase(kind: keyof typeof CHATS) {
  const email = `visitor-${randomUUID().slice(0, 8)}@ruiz.example`;
  const chat: IngestConversation = {
    externalId: `case-${kind}-${randomUUID()}`,
    pageUrl: "https://acme-roofing.example/services/flat-roofs?utm_source=google&utm_campaign=spring",
    messages: CHATS[kind](email),
  };
  const outcome = await ingestConversation(getDb(), source, chat);
  expect(outcome.outcome).toBe("case");
  return {
    caseId: outcome.caseId!,
    conversationId: outcome.conversationId,
    email,
    suggestedOwnerId: outcome.routedTo.ownerId,
  };
}

/** Claims the case for `caller` and returns the version to act on. */
async function claim(caller: Caller, caseId: string): Promise<number> {
  return (await caller.cases.claim({ caseId })).version;
}

async function eventsOf(conversationId: string) {
  return getDb().event.findMany({
    where: { conversationId },
    orderBy: { occurredAt: "asc" },
    select: { type: true, data: true },
  });
}

async function auditOf(caseId: string, action: string) {
  return getDb().auditLog.findMany({
    where: { targetType: "case", targetId: caseId, action },
    select: { actorId: true, before: true, after: true, createdAt: true },
  });
}

async function ownerEmailJobs(handoffId: string): Promise<number> {
  const [row] = await sqlQuery<{ n: number }>(
    `SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'email.handoff-owner' AND data ->> 'handoffId' = $1`,
    [handoffId],
  );
  return row!.n;
}

describe("approve", () => {
  it("hands the case to the suggested owner: handoff, resolution, events, audit and the owner's email job", async () => {
    const c = await newCase("pricing");
    const view = await asReviewer.cases.get({ caseId: c.caseId });
    expect(view.routing.suggestedOwner?.id).toBe(c.suggestedOwnerId);
    expect(view.routing.rule).toMatchObject({ id: "sales", version: 1, name: "New sales inquiries go to Sales" });
    expect(view.candidates[0]!.inSuggestedTeam).toBe(true);
    const version = await claim(asReviewer, c.caseId);

    const result = await asReviewer.cases.approve({ caseId: c.caseId, version, ownerId: c.suggestedOwnerId! });
    expect(result).toMatchObject({ resolution: "approved", version: version + 1 });

    const db = getDb();
    const row = await db.exceptionCase.findUniqueOrThrow({
      where: { id: c.caseId },
      select: { status: true, resolution: true, resolvedById: true, claimedById: true, version: true },
    });
    expect(row).toEqual({
      status: "resolved",
      resolution: "approved",
      resolvedById: reviewer.id,
      claimedById: null,
      version: version + 1,
    });
    const handoff = await db.handoff.findUniqueOrThrow({
      where: { conversationId: c.conversationId },
      select: { id: true, ownerId: true, status: true, ruleId: true, ruleVersion: true, priority: true },
    });
    expect(handoff).toMatchObject({
      id: result.handoffId,
      ownerId: c.suggestedOwnerId,
      status: "open",
      ruleId: "sales",
    });

    const events = await eventsOf(c.conversationId);
    const created = events.find((e) => e.type === "handoff.created");
    expect(created?.data).toMatchObject({
      handoffId: handoff.id,
      ownerId: c.suggestedOwnerId,
      ruleId: "sales",
      ruleVersion: 1,
      priority: handoff.priority,
      approvedById: reviewer.id,
    });
    expect(events.map((e) => e.type)).toEqual(
      expect.arrayContaining(["case.claimed", "case.approved", "case.resolved"]),
    );
    expect(events.some((e) => e.type === "handoff.reassigned")).toBe(false);

    const [audit] = await auditOf(c.caseId, "case.approved");
    expect(audit).toMatchObject({
      actorId: reviewer.id,
      before: { status: "open", claimedById: reviewer.id },
      after: { status: "resolved", resolution: "approved", ownerId: c.suggestedOwnerId, handoffId: handoff.id },
    });
    expect(await ownerEmailJobs(handoff.id)).toBe(1);

    // The case view shows the outcome and its history.
    const after = await asReviewer.cases.get({ caseId: c.caseId });
    expect(after.case.status).toBe("resolved");
    expect(after.handoff?.owner?.id).toBe(c.suggestedOwnerId);
    expect(after.history.map((h) => h.action)).toEqual(["case.approved", "case.claimed"]);
    expect(after.allowed.act).toBe(false);
  });

  it("counts another owner than routing's as a reassignment, naming the rule version", async () => {
    const c = await newCase("pricing");
    const version = await claim(asReviewer, c.caseId);
    const other = (await asReviewer.cases.get({ caseId: c.caseId })).candidates.find(
      (u) => u.id !== c.suggestedOwnerId && u.role === "owner",
    )!;
    const result = await asReviewer.cases.approve({ caseId: c.caseId, version, ownerId: other.id });
    expect(result.resolution).toBe("reassigned");
    const reassigned = (await eventsOf(c.conversationId)).find((e) => e.type === "handoff.reassigned");
    expect(reassigned?.data).toMatchObject({
      fromOwnerId: c.suggestedOwnerId,
      toOwnerId: other.id,
      reason: null,
      ruleId: "sales",
      ruleVersion: 1,
    });
  });

  it("hands a withdrawn handoff to a new owner with a fresh clock, and emails the new owner", async () => {
    const c = await newCase("pricing");
    const first = await asReviewer.cases.approve({
      caseId: c.caseId,
      version: await claim(asReviewer, c.caseId),
      ownerId: c.suggestedOwnerId!,
    });
    expect(await ownerEmailJobs(first.handoffId)).toBe(1);
    // As ingest does when new messages need review again: the handoff is withdrawn, the case reopens
    // (here with its clock run out and a response recorded, which must not carry over).
    const past = new Date(Date.now() - 3 * 60 * 60_000);
    await getDb().handoff.update({
      where: { id: first.handoffId },
      data: {
        status: "closed",
        dueAt: past,
        breachedAt: past,
        respondedAt: past,
        responseSeconds: 60,
        responseBusinessSeconds: 60,
      },
    });
    await getDb().exceptionCase.update({
      where: { id: c.caseId },
      data: { status: "open", resolution: null, resolvedAt: null, dueAt: past, version: { increment: 1 } },
    });
    const other = (await asReviewer.cases.get({ caseId: c.caseId })).candidates.find(
      (u) => u.id !== c.suggestedOwnerId && u.role === "owner",
    )!;
    const again = await asReviewer.cases.reassign({
      caseId: c.caseId,
      version: await claim(asReviewer, c.caseId),
      ownerId: other.id,
      reason: "Owen covers commercial roofs",
    });
    expect(again.handoffId).toBe(first.handoffId);
    const handoff = await getDb().handoff.findUniqueOrThrow({ where: { id: first.handoffId } });
    expect(handoff).toMatchObject({
      ownerId: other.id,
      status: "open",
      breachedAt: null,
      respondedAt: null,
      responseSeconds: null,
      responseBusinessSeconds: null,
    });
    expect(handoff.dueAt.getTime()).toBeGreaterThan(Date.now());
    expect(await ownerEmailJobs(first.handoffId)).toBe(2);
  });

  it("needs the reviewer to confirm unclear consent, naming the field", async () => {
    const c = await newCase("unclear");
    const version = await claim(asReviewer, c.caseId);
    const refused = await failure(
      asReviewer.cases.approve({ caseId: c.caseId, version, ownerId: c.suggestedOwnerId! }),
    );
    expect(refused.code).toBe("BAD_REQUEST");
    expect(refused.message).toContain("consentConfirmed");
    expect(await getDb().handoff.count({ where: { conversationId: c.conversationId } })).toBe(0);

    const ok = await asReviewer.cases.approve({
      caseId: c.caseId,
      version,
      ownerId: c.suggestedOwnerId!,
      consentConfirmed: true,
    });
    expect(ok.resolution).toBe("approved");
    const [audit] = await auditOf(c.caseId, "case.approved");
    expect(audit!.after).toMatchObject({ consent: "unclear", consentConfirmed: true });
    // The confirmation is the consent record now, naming who confirmed it, so the owner's inbox,
    // email and replies read "given" with its provenance instead of the old "unclear".
    const latest = await getDb().consentRecord.findFirstOrThrow({
      where: { conversationId: c.conversationId },
      orderBy: { recordedAt: "desc" },
    });
    expect(latest.status).toBe("given");
    expect(latest.words).toMatch(/^Confirmed from the transcript by .+ \(was unclear\)$/);
  });

  it("never approves a refused consent, even when 'confirmed'", async () => {
    const c = await newCase("refused");
    const version = await claim(asReviewer, c.caseId);
    const refused = await failure(
      asReviewer.cases.approve({ caseId: c.caseId, version, ownerId: c.suggestedOwnerId!, consentConfirmed: true }),
    );
    expect(refused.code).toBe("BAD_REQUEST");
    expect(refused.message).toMatch(/refused/);
    const row = await getDb().exceptionCase.findUniqueOrThrow({ where: { id: c.caseId }, select: { status: true } });
    expect(row.status).toBe("open");
    expect(await getDb().handoff.count({ where: { conversationId: c.conversationId } })).toBe(0);
  });

  it("tells subscribers as ingest would: handoff.created and case.resolved webhooks, queued with the approval", async () => {
    const db = getDb();
    await db.webhookEndpoint.updateMany({ data: { enabled: false } });
    const endpoint = await createWebhookEndpoint(db, null, {
      url: "https://crm.example/hooks/handoff-desk",
      events: ["handoff.created", "case.resolved"],
    });
    try {
      const c = await newCase("unclear");
      const version = await claim(asReviewer, c.caseId);
      const result = await asReviewer.cases.approve({
        caseId: c.caseId,
        version,
        ownerId: c.suggestedOwnerId!,
        consentConfirmed: true,
      });
      const deliveries = await db.webhookDelivery.findMany({
        where: { endpointId: endpoint.id },
        select: { eventType: true, payload: true },
      });
      const byType = Object.fromEntries(
        deliveries.map((d) => [d.eventType, d.payload as { data: Record<string, unknown> }]),
      );
      expect(Object.keys(byType).sort()).toEqual(["case.resolved", "handoff.created"]);
      expect(byType["handoff.created"]!.data).toMatchObject({
        handoffId: result.handoffId,
        conversationId: c.conversationId,
        owner: { id: c.suggestedOwnerId },
        rule: { id: "sales", version: 1 },
        // The reviewer confirmed consent from the transcript, so the owner's systems may reach them.
        contact: { email: c.email },
      });
      expect(byType["case.resolved"]!.data).toMatchObject({ caseId: c.caseId, resolution: "approved" });
    } finally {
      await setWebhookEndpointEnabled(db, null, endpoint.id, false);
    }
  });
});

describe("reassign", () => {
  it("requires a reason, then hands off to the other owner with handoff.reassigned", async () => {
    const c = await newCase("pricing");
    const version = await claim(asReviewer, c.caseId);
    const other = (await asReviewer.cases.get({ caseId: c.caseId })).candidates.find(
      (u) => u.id !== c.suggestedOwnerId && u.role === "owner",
    )!;
    const noReason = await failure(
      asReviewer.cases.reassign({ caseId: c.caseId, version, ownerId: other.id, reason: " " }),
    );
    expect(noReason.code).toBe("BAD_REQUEST");
    const same = await failure(
      asReviewer.cases.reassign({ caseId: c.caseId, version, ownerId: c.suggestedOwnerId!, reason: "same person" }),
    );
    expect(same.message).toContain("ownerId");

    const reason = "Flat roofs are Sam's patch";
    const result = await asReviewer.cases.reassign({ caseId: c.caseId, version, ownerId: other.id, reason });
    expect(result).toMatchObject({ resolution: "reassigned", ownerId: other.id });
    const events = await eventsOf(c.conversationId);
    expect(events.find((e) => e.type === "handoff.reassigned")?.data).toEqual({
      caseId: c.caseId,
      handoffId: result.handoffId,
      fromOwnerId: c.suggestedOwnerId,
      toOwnerId: other.id,
      reason,
      ruleId: "sales",
      ruleVersion: 1,
    });
    expect(events.some((e) => e.type === "handoff.created")).toBe(true);
    const [audit] = await auditOf(c.caseId, "case.reassigned");
    expect(audit!.after).toMatchObject({ resolution: "reassigned", ownerId: other.id, reason });
    expect(audit!.before).toMatchObject({ status: "open", suggestedOwnerId: c.suggestedOwnerId });
  });
});

describe("spam, consent, brief edits, notes, escalation", () => {
  it("marks spam: resolved, nobody contacted, event and audit", async () => {
    const c = await newCase("pricing");
    const version = await claim(asReviewer, c.caseId);
    await asReviewer.cases.markSpam({ caseId: c.caseId, version });
    const row = await getDb().exceptionCase.findUniqueOrThrow({
      where: { id: c.caseId },
      select: { status: true, resolution: true },
    });
    expect(row).toEqual({ status: "resolved", resolution: "spam" });
    expect(await getDb().handoff.count({ where: { conversationId: c.conversationId } })).toBe(0);
    expect((await eventsOf(c.conversationId)).map((e) => e.type)).toEqual(expect.arrayContaining(["case.spam"]));
    expect(await auditOf(c.caseId, "case.spam")).toHaveLength(1);
  });

  it("requests consent: waits for it, releases the claim, contacts no owner", async () => {
    const c = await newCase("refused");
    const version = await claim(asReviewer, c.caseId);
    await asReviewer.cases.requestConsent({ caseId: c.caseId, version });
    const row = await getDb().exceptionCase.findUniqueOrThrow({
      where: { id: c.caseId },
      select: { status: true, waitingFor: true, claimedById: true },
    });
    expect(row).toEqual({ status: "open", waitingFor: "consent", claimedById: null });
    expect(await getDb().handoff.count({ where: { conversationId: c.conversationId } })).toBe(0);
    expect((await eventsOf(c.conversationId)).find((e) => e.type === "consent.requested")?.data).toMatchObject({
      caseId: c.caseId,
      consent: "refused",
    });
    const [audit] = await auditOf(c.caseId, "case.consent_requested");
    expect(audit).toMatchObject({ before: { waitingFor: null }, after: { waitingFor: "consent" } });
  });

  it("keeps a brief edit beside the untouched original", async () => {
    const c = await newCase("pricing");
    const version = await claim(asReviewer, c.caseId);
    const bad = await failure(
      asReviewer.cases.editBrief({ caseId: c.caseId, version, field: "urgency", value: "soon" }),
    );
    expect(bad.code).toBe("BAD_REQUEST");
    const { version: v2 } = await asReviewer.cases.editBrief({
      caseId: c.caseId,
      version,
      field: "statedNeed",
      value: "Replace a 20 m² flat garage roof",
    });
    await asReviewer.cases.editBrief({ caseId: c.caseId, version: v2, field: "urgency", value: "high" });
    const conversation = await getDb().conversation.findUniqueOrThrow({
      where: { id: c.conversationId },
      select: { brief: true, briefEdits: true },
    });
    const brief = conversation.brief as { statedNeed: { value: string }; urgency: { level: string } };
    expect(brief.statedNeed.value).toBe("How much would it cost roughly?");
    expect(brief.urgency.level).toBe("normal");
    expect(conversation.briefEdits).toMatchObject({
      statedNeed: { value: "Replace a 20 m² flat garage roof", editedById: reviewer.id },
      urgency: { value: "high", editedById: reviewer.id },
    });
    const view = await asReviewer.cases.get({ caseId: c.caseId });
    expect(view.brief.statedNeed?.value).toBe("How much would it cost roughly?");
    expect(view.edits.statedNeed).toMatchObject({
      value: "Replace a 20 m² flat garage roof",
      editedBy: { id: reviewer.id },
    });
    const audits = await auditOf(c.caseId, "case.brief_edited");
    expect(audits.map((a) => a.before)).toEqual(
      expect.arrayContaining([
        { field: "statedNeed", value: "How much would it cost roughly?" },
        { field: "urgency", value: "normal" },
      ]),
    );
    expect((await eventsOf(c.conversationId)).filter((e) => e.type === "brief.edited")).toHaveLength(2);
  });

  it("adds a note", async () => {
    const c = await newCase("pricing");
    const version = await claim(asReviewer, c.caseId);
    const { noteId } = await asReviewer.cases.addNote({
      caseId: c.caseId,
      version,
      body: "Called the office, no answer.",
    });
    const view = await asReviewer.cases.get({ caseId: c.caseId });
    expect(view.notes).toEqual([
      expect.objectContaining({
        id: noteId,
        body: "Called the office, no answer.",
        author: { id: reviewer.id, name: "Rita Reviewer" },
      }),
    ]);
    expect((await eventsOf(c.conversationId)).find((e) => e.type === "case.note_added")?.data).toEqual({
      caseId: c.caseId,
      noteId,
    });
    expect(await auditOf(c.caseId, "case.note_added")).toHaveLength(1);
  });

  it("escalates to a manager: released, closed to reviewers, open to managers", async () => {
    const c = await newCase("pricing");
    const version = await claim(asReviewer, c.caseId);
    const { version: v2 } = await asReviewer.cases.escalate({
      caseId: c.caseId,
      version,
      reason: "Big refit, wants a site visit",
    });
    const row = await getDb().exceptionCase.findUniqueOrThrow({
      where: { id: c.caseId },
      select: { escalatedAt: true, claimedById: true },
    });
    expect(row.escalatedAt).toBeInstanceOf(Date);
    expect(row.claimedById).toBeNull();
    expect((await eventsOf(c.conversationId)).find((e) => e.type === "case.escalated")?.data).toMatchObject({
      reason: "Big refit, wants a site visit",
    });
    expect(await auditOf(c.caseId, "case.escalated")).toHaveLength(1);

    expect((await failure(asReviewer.cases.claim({ caseId: c.caseId }))).code).toBe("FORBIDDEN");
    const reviewerView = await asReviewer.cases.get({ caseId: c.caseId });
    expect(reviewerView.allowed).toMatchObject({ claim: false, act: false });
    const mv = (await asManager.cases.claim({ caseId: c.caseId, version: v2 })).version;
    const done = await asManager.cases.approve({ caseId: c.caseId, version: mv, ownerId: c.suggestedOwnerId! });
    expect(done.resolution).toBe("approved");
  });
});

describe("merge with an existing lead", () => {
  it("copies the chosen fields, moves the conversations, and undo restores both leads exactly", async () => {
    const db = getDb();
    const existing = await db.lead.create({
      data: {
        name: "Priya Venkataraman",
        company: "Venkataraman Joinery Ltd",
        email: `pv-${randomUUID().slice(0, 6)}@old.example`,
      },
      select: { id: true },
    });
    const c = await newCase("lookAlike");
    const view = await asReviewer.cases.get({ caseId: c.caseId });
    expect(view.case.reasons).toContain("duplicate");
    const duplicate = view.lead.duplicates.find((d) => d.lead.id === existing.id)!;
    expect(duplicate.reasons).toEqual(
      expect.arrayContaining([expect.stringMatching(/^name/), expect.stringMatching(/^company/)]),
    );
    const fromLeadId = view.lead.linked!.id;

    const leadFields = {
      id: true,
      kind: true,
      name: true,
      email: true,
      phoneE164: true,
      company: true,
      ownerId: true,
      mergedIntoId: true,
    };
    const beforeLeads = await db.lead.findMany({
      where: { id: { in: [fromLeadId, existing.id] } },
      select: leadFields,
      orderBy: { id: "asc" },
    });

    const version = await claim(asReviewer, c.caseId);
    const merged = await asReviewer.cases.mergeLead({
      caseId: c.caseId,
      version,
      intoLeadId: existing.id,
      choices: { email: "from", name: "into", company: "from" },
    });
    const into = await db.lead.findUniqueOrThrow({ where: { id: existing.id }, select: leadFields });
    const from = await db.lead.findUniqueOrThrow({ where: { id: fromLeadId }, select: leadFields });
    expect(into).toMatchObject({ email: c.email, name: "Priya Venkataraman", company: "Venkataraman Joinery" });
    expect(from.mergedIntoId).toBe(existing.id);
    const conversation = await db.conversation.findUniqueOrThrow({
      where: { id: c.conversationId },
      select: { leadId: true },
    });
    expect(conversation.leadId).toBe(existing.id);
    const mergeRow = await db.leadMerge.findUniqueOrThrow({ where: { id: merged.mergeId } });
    expect(mergeRow).toMatchObject({ fromLeadId, intoLeadId: existing.id, caseId: c.caseId, mergedById: reviewer.id });
    expect((await eventsOf(c.conversationId)).find((e) => e.type === "lead.merged")?.data).toMatchObject({
      mergeId: merged.mergeId,
      fromLeadId,
      intoLeadId: existing.id,
    });
    expect(await auditOf(c.caseId, "case.lead_merged")).toHaveLength(1);

    await asReviewer.cases.undoMerge({ caseId: c.caseId, version: merged.version, mergeId: merged.mergeId });
    const afterLeads = await db.lead.findMany({
      where: { id: { in: [fromLeadId, existing.id] } },
      select: leadFields,
      orderBy: { id: "asc" },
    });
    expect(afterLeads).toEqual(beforeLeads);
    const back = await db.conversation.findUniqueOrThrow({ where: { id: c.conversationId }, select: { leadId: true } });
    expect(back.leadId).toBe(fromLeadId);
    expect((await db.leadMerge.findUniqueOrThrow({ where: { id: merged.mergeId } })).undoneById).toBe(reviewer.id);
    expect((await eventsOf(c.conversationId)).some((e) => e.type === "lead.merge_undone")).toBe(true);
    expect(await auditOf(c.caseId, "case.lead_merge_undone")).toHaveLength(1);
    // Undoing twice is refused.
    const again = await failure(
      asReviewer.cases.undoMerge({ caseId: c.caseId, version: merged.version + 1, mergeId: merged.mergeId }),
    );
    expect(again.code).toBe("CONFLICT");
  });

  it("undo keeps what changed on the kept lead since the merge, and restores the rest", async () => {
    const db = getDb();
    const existing = await db.lead.create({
      data: {
        name: "Priya Venkataraman",
        company: "Venkataraman Joinery Ltd",
        email: `pv-${randomUUID().slice(0, 6)}@old.example`,
      },
      select: { id: true, email: true },
    });
    const c = await newCase("lookAlike");
    const version = await claim(asReviewer, c.caseId);
    const merged = await asReviewer.cases.mergeLead({
      caseId: c.caseId,
      version,
      intoLeadId: existing.id,
      choices: { email: "from", name: "into", company: "from" },
    });
    // After the merge, someone corrects the kept lead's company.
    await db.lead.update({ where: { id: existing.id }, data: { company: "VJ Carpentry" } });
    const undone = await asReviewer.cases.undoMerge({
      caseId: c.caseId,
      version: merged.version,
      mergeId: merged.mergeId,
    });
    expect(undone.changedSinceAndKept).toEqual(["company"]);
    const lead = await db.lead.findUniqueOrThrow({ where: { id: existing.id } });
    // The merge's own change (the email) goes back; the later correction stays.
    expect(lead).toMatchObject({ email: existing.email, company: "VJ Carpentry", mergedIntoId: null });
    const [audit] = await auditOf(c.caseId, "case.lead_merge_undone");
    expect(audit!.after).toMatchObject({ changedSinceAndKept: ["company"] });
  });
});

describe("the claim lock and versions", () => {
  it("of two actions at the same version, exactly one wins; the other is told who acted", async () => {
    const c = await newCase("pricing");
    const version = await claim(asReviewer, c.caseId);
    // The same reviewer in a second tab.
    const secondTab = await callerFor(reviewer);
    const results = await Promise.allSettled([
      asReviewer.cases.approve({ caseId: c.caseId, version, ownerId: c.suggestedOwnerId! }),
      secondTab.cases.markSpam({ caseId: c.caseId, version }),
    ]);
    const won = results.filter((r) => r.status === "fulfilled");
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect((lost[0]!.reason as TRPCError).code).toBe("CONFLICT");
    expect((lost[0]!.reason as TRPCError).message).toMatch(
      /^Rita Reviewer (approved|marked as spam) this case a moment ago; here is its current state\.$/,
    );
    const row = await getDb().exceptionCase.findUniqueOrThrow({
      where: { id: c.caseId },
      select: { version: true, resolution: true },
    });
    expect(row.version).toBe(version + 1);
    // One resolution's events only.
    const types = (await eventsOf(c.conversationId)).map((e) => e.type);
    expect(types.filter((t) => t === "case.resolved")).toHaveLength(1);
  });

  it("of two reviewers claiming the same version at once, exactly one holds the case", async () => {
    const c = await newCase("pricing");
    const { version } = await asReviewer.cases.get({ caseId: c.caseId }).then((v) => v.case);
    const results = await Promise.allSettled([
      asReviewer.cases.claim({ caseId: c.caseId, version }),
      asOther.cases.claim({ caseId: c.caseId, version }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const lost = results.find((r): r is PromiseRejectedResult => r.status === "rejected")!;
    expect((lost.reason as TRPCError).code).toBe("CONFLICT");
    expect((lost.reason as TRPCError).message).toMatch(/(Rita Reviewer|Otto Other) claimed this case a moment ago/);
    const row = await getDb().exceptionCase.findUniqueOrThrow({
      where: { id: c.caseId },
      select: { claimedById: true },
    });
    expect([reviewer.id, otherReviewer.id]).toContain(row.claimedById);
  });

  it("refuses a stale version after another change, naming who made it", async () => {
    const c = await newCase("pricing");
    const version = await claim(asReviewer, c.caseId);
    await asReviewer.cases.addNote({ caseId: c.caseId, version, body: "first" });
    const stale = await failure(asReviewer.cases.addNote({ caseId: c.caseId, version, body: "second" }));
    expect(stale).toEqual({
      code: "CONFLICT",
      message: "Rita Reviewer added a note to this case a moment ago; here is its current state.",
    });
  });

  it("needs a claim to act, and lets nobody else act on a held case", async () => {
    const c = await newCase("pricing");
    const { version } = (await asReviewer.cases.get({ caseId: c.caseId })).case;
    const unclaimed = await failure(asReviewer.cases.markSpam({ caseId: c.caseId, version }));
    expect(unclaimed).toEqual({ code: "CONFLICT", message: "Claim this case before acting on it." });
    const v2 = await claim(asReviewer, c.caseId);
    const other = await failure(asOther.cases.markSpam({ caseId: c.caseId, version: v2 }));
    expect(other).toEqual({ code: "CONFLICT", message: "Rita Reviewer holds this case; only they can act on it." });
    const otherClaim = await failure(asOther.cases.claim({ caseId: c.caseId }));
    expect(otherClaim).toEqual({ code: "CONFLICT", message: "Rita Reviewer holds this case." });
    // A reviewer asking to take over is refused the same way.
    expect((await failure(asOther.cases.claim({ caseId: c.caseId, takeover: true }))).code).toBe("CONFLICT");
    const view = await asOther.cases.get({ caseId: c.caseId });
    expect(view.claim).toMatchObject({
      holder: { id: reviewer.id, name: "Rita Reviewer" },
      mine: false,
      lapsed: false,
    });
    expect(view.allowed).toMatchObject({ claim: false, takeover: false, act: false });
    expect(view.blockedReason).toBe("Rita Reviewer holds this case.");
  });

  it("lapses a claim after 15 idle minutes: the holder must claim again, anyone may take it", async () => {
    const c = await newCase("pricing");
    const version = await claim(asReviewer, c.caseId);
    expect(await asReviewer.cases.touch({ caseId: c.caseId })).toEqual({ held: true });
    await getDb().exceptionCase.update({
      where: { id: c.caseId },
      data: { claimActiveAt: new Date(Date.now() - CLAIM_IDLE_MS - 1_000) },
    });
    const lapsed = await failure(asReviewer.cases.markSpam({ caseId: c.caseId, version }));
    expect(lapsed.code).toBe("CONFLICT");
    expect(lapsed.message).toMatch(/lapsed after 15 idle minutes/);
    expect(await asReviewer.cases.touch({ caseId: c.caseId })).toEqual({ held: false });
    expect((await asOther.cases.get({ caseId: c.caseId })).claim.lapsed).toBe(true);
    const taken = await asOther.cases.claim({ caseId: c.caseId });
    expect(taken.claimedById).toBe(otherReviewer.id);
    const [audit] = await auditOf(c.caseId, "case.claimed").then((rows) =>
      rows.filter((r) => r.actorId === otherReviewer.id),
    );
    expect(audit!.before).toMatchObject({ claimedById: reviewer.id });
    // Touching is not audited.
    expect(await getDb().auditLog.count({ where: { targetId: c.caseId, action: { contains: "touch" } } })).toBe(0);
  });

  it("releases a claim for someone else to pick up, audited", async () => {
    const c = await newCase("pricing");
    const version = await claim(asReviewer, c.caseId);
    expect((await failure(asOther.cases.release({ caseId: c.caseId }))).message).toBe("You do not hold this case.");
    const released = await asReviewer.cases.release({ caseId: c.caseId, version });
    expect(released.version).toBe(version + 1);
    expect(await auditOf(c.caseId, "case.released")).toHaveLength(1);
    expect((await eventsOf(c.conversationId)).some((e) => e.type === "case.released")).toBe(true);
    expect((await asOther.cases.claim({ caseId: c.caseId, version: released.version })).claimedById).toBe(
      otherReviewer.id,
    );
  });

  it("lets a manager take over a live claim, audited with the previous holder", async () => {
    const c = await newCase("pricing");
    const version = await claim(asReviewer, c.caseId);
    const managerView = await asManager.cases.get({ caseId: c.caseId });
    expect(managerView.allowed).toMatchObject({ takeover: true, claim: false, act: false });
    const plain = await failure(asManager.cases.claim({ caseId: c.caseId }));
    expect(plain.message).toBe("Rita Reviewer holds this case. Take it over to act on it.");
    const taken = await asManager.cases.claim({ caseId: c.caseId, takeover: true });
    expect(taken).toMatchObject({ claimedById: manager.id, takenOverFrom: reviewer.id });
    const [audit] = await auditOf(c.caseId, "case.claim_taken_over");
    expect(audit).toMatchObject({
      actorId: manager.id,
      before: { claimedById: reviewer.id },
      after: { claimedById: manager.id },
    });
    expect((await eventsOf(c.conversationId)).some((e) => e.type === "case.claim_taken_over")).toBe(true);
    // The former holder's page is stale: told who took it.
    const stale = await failure(asReviewer.cases.markSpam({ caseId: c.caseId, version }));
    expect(stale.message).toBe("Mona Manager took over this case a moment ago; here is its current state.");
  });
});

describe("permissions and masking", () => {
  it("gives an owner no case, whatever the id", async () => {
    const c = await newCase("pricing");
    const ownerUser = await loadSessionUser(getDb(), await openSession(owner.id));
    for (const id of [c.caseId, randomUUID()]) {
      expect((await failure(loadCaseForReview(getDb(), ownerUser!, id))).code).toBe("NOT_FOUND");
      // Through the router the role is refused before any lookup: the same answer for every id.
      expect(await failure(asOwner.cases.get({ caseId: id }))).toEqual({
        code: "FORBIDDEN",
        message: "Your role does not allow this.",
      });
    }
    expect((await failure(asOwner.cases.claim({ caseId: c.caseId }))).code).toBe("FORBIDDEN");
    expect((await failure(asReviewer.cases.get({ caseId: randomUUID() }))).code).toBe("NOT_FOUND");
  });

  it("finds a case by its id or its conversation's (owner emails link the conversation), for case readers only", async () => {
    const c = await newCase("pricing");
    const db = getDb();
    const reviewerUser = (await loadSessionUser(db, await openSession(reviewer.id)))!;
    const ownerUser = (await loadSessionUser(db, await openSession(owner.id)))!;
    expect(await findCaseIdForPage(db, reviewerUser, c.caseId)).toBe(c.caseId);
    expect(await findCaseIdForPage(db, reviewerUser, c.conversationId)).toBe(c.caseId);
    expect(await findCaseIdForPage(db, reviewerUser, "not-a-uuid")).toBeNull();
    expect(await findCaseIdForPage(db, ownerUser, c.caseId)).toBeNull();
  });

  it("masks card numbers, emails and phones, marks the bot's promises, and audits every reveal", async () => {
    const c = await newCase("sensitive");
    const masked = await asReviewer.cases.get({ caseId: c.caseId });
    const shown = JSON.stringify({ messages: masked.messages, brief: masked.brief, lead: masked.lead });
    expect(shown).not.toContain("4111");
    expect(shown).not.toContain("900123");
    expect(masked.messages[0]!.segments.map((s) => s.text).join("")).toBe(
      "Hi, I want to pay my invoice for the roof repair, my card is [card number]. Call me on ***23.",
    );
    expect(masked.brief.contact.phone?.value).toBe("***23");
    expect(masked.messages[1]!.promises).toEqual([{ start: 8, end: 77 }]);
    expect(masked.brief.flags.map((f) => f.flag)).toEqual(expect.arrayContaining(["sensitive_data", "bot_promise"]));
    expect(masked.allowed.reveal).toBe(false);

    const forbidden = await failure(asReviewer.cases.reveal({ caseId: c.caseId }));
    expect(forbidden.code).toBe("FORBIDDEN");
    expect(await auditOf(c.caseId, "case.revealed")).toHaveLength(0);

    const revealed = await asRevealer.cases.reveal({ caseId: c.caseId });
    expect(revealed.revealed).toBe(true);
    expect(revealed.messages[0]!.segments.map((s) => s.text).join("")).toContain("4111 1111 1111 1111");
    expect(revealed.brief.contact.phone?.value).toBe("+447700900123");
    await asManager.cases.reveal({ caseId: c.caseId });
    const audits = await auditOf(c.caseId, "case.revealed");
    expect(audits.map((a) => a.actorId).sort()).toEqual([revealer.id, manager.id].sort());
    // Reading without revealing records nothing.
    await asRevealer.cases.get({ caseId: c.caseId });
    expect(await auditOf(c.caseId, "case.revealed")).toHaveLength(2);
  });

  it("masks the visitor's email in the transcript, the contact and the lead until revealed", async () => {
    const c = await newCase("pricing");
    const view = await asReviewer.cases.get({ caseId: c.caseId });
    expect(JSON.stringify(view)).not.toContain(c.email);
    expect(view.brief.contact.email?.value).toMatch(/^v\*\*\*@r\*\*\*\.example$/);
    expect(view.consent.status).toBe("given");
    expect(view.consent.evidence?.quote).toContain("***@");
    const revealed = await asManager.cases.reveal({ caseId: c.caseId });
    expect(revealed.lead.linked?.email).toBe(c.email);
  });
});
