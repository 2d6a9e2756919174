import { z } from "zod";
import type { Db } from "../../db/client";
import type { Prisma } from "../../db/generated/prisma/client";
import { riskKinds } from "../../domain/replies/promise-check";
import { renderTemplate, replySubject } from "../../domain/replies/render";
import { maskText } from "../../domain/redaction/mask";
import { AppError } from "../../errors";
import { getJobs, type JobSender } from "../../jobs/runtime";
import { recordAudit } from "../audit";
import { isManagerOrAdmin, type Viewer } from "../inbox/access";
import {
  assertContactable,
  checkReply,
  contactBlock,
  loadReplyContext,
  readReplyContext,
  type ReplyContext,
  type StoredRisk,
} from "./reply-context";

// The first reply to a visitor: drafted from an approved template, checked for promises (the
// analysis's own check), and sent by email as a job. A reply the check flags waits for a reviewer
// or manager to approve it. The server checks again on submit: the client's view of the risks is
// never trusted.
//
// Response time: the owner has responded when the reply actually goes out (the job marks it sent,
// server/services/replies/reply-email.ts), measured from the handoff event. So a flagged reply
// counts from the handoff to its sending after approval: that is how long the visitor waited.

const zId = (field: string) => z.uuid(`${field} must be an id`);

const ZTarget = z.object({
  conversationId: zId("conversationId"),
  handoffId: zId("handoffId").nullish(),
  caseId: zId("caseId").nullish(),
});

export const ZDraftReplyInput = ZTarget.extend({ templateId: zId("templateId") });

export const ZCheckReplyInput = ZTarget.extend({
  subject: z.string().max(200, "subject must be at most 200 characters").default(""),
  body: z.string().max(5000, "body must be at most 5,000 characters"),
});

export const ZSubmitReplyInput = ZTarget.extend({
  templateId: zId("templateId").nullish(),
  subject: z.string().trim().min(1, "subject is required").max(200, "subject must be at most 200 characters"),
  body: z.string().trim().min(1, "body is required").max(5000, "body must be at most 5,000 characters"),
});

export const ZApproveReplyInput = z.object({
  replyId: zId("replyId"),
  note: z.string().trim().max(1000, "note must be at most 1,000 characters").nullish(),
});

export const ZRejectReplyInput = z.object({
  replyId: zId("replyId"),
  note: z
    .string()
    .trim()
    .min(3, "note is required: say what to change")
    .max(1000, "note must be at most 1,000 characters"),
});

export const ZConversationRepliesInput = ZTarget;

/** Replies that stand: while one of these exists, no other first reply can be written. */
const LIVE_STATUSES = ["pending_approval", "sending", "sent"] as const;

function sendability(context: ReplyContext) {
  const block = contactBlock(context);
  return block ? { ok: false as const, field: block.field, reason: block.message } : { ok: true as const };
}

/** A template filled in for this visitor, with what the promise check finds in it. */
export async function draftReply(db: Db, viewer: Viewer, input: z.input<typeof ZDraftReplyInput>) {
  const parsed = ZDraftReplyInput.parse(input);
  const context = await loadReplyContext(db, viewer, parsed);
  const template = await db.replyTemplate.findFirst({
    where: { id: parsed.templateId, active: true },
    select: { id: true, body: true },
  });
  if (!template) throw new AppError("NOT_FOUND", "That template is not available.", { field: "templateId" });
  const subject = replySubject(context.brief.topic);
  const body = renderTemplate(template.body, {
    visitorName: context.visitor.name,
    need: context.brief.statedNeed,
    ownerName: viewer.name,
  });
  return {
    templateId: template.id,
    subject,
    body,
    risks: checkReply(context, { subject, body }),
    send: sendability(context),
  };
}

/** The promise check on text being written (the composer asks as the writer types). */
export async function checkReplyText(db: Db, viewer: Viewer, input: z.input<typeof ZCheckReplyInput>) {
  const parsed = ZCheckReplyInput.parse(input);
  const context = await loadReplyContext(db, viewer, parsed);
  return { risks: checkReply(context, parsed), send: sendability(context) };
}

async function lockConversationReplies(tx: Prisma.TransactionClient, conversationId: string) {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`reply:${conversationId}`}::text, 0))`;
}

/**
 * Sends the reply (clean: queued for email at once) or holds it for approval (flagged). Refused
 * without consent or an email address, and while another first reply is waiting, going or gone.
 */
export async function submitReply(
  db: Db,
  viewer: Viewer,
  input: z.input<typeof ZSubmitReplyInput>,
  jobs?: JobSender,
  now = new Date(),
) {
  const parsed = ZSubmitReplyInput.parse(input);
  const context = await loadReplyContext(db, viewer, parsed);
  assertContactable(context);
  if (parsed.templateId) {
    const template = await db.replyTemplate.findUnique({ where: { id: parsed.templateId }, select: { id: true } });
    if (!template) throw new AppError("BAD_REQUEST", "templateId is not a template.", { field: "templateId" });
  }
  const risks = checkReply(context, parsed);
  const status = risks.length > 0 ? "pending_approval" : "sending";
  // Before the transaction: on the embedded database, starting the queue needs the one session.
  const sender = jobs ?? (await getJobs());

  return db.$transaction(async (tx) => {
    // Two sends at once from two tabs: one waits for the other, then sees it.
    await lockConversationReplies(tx, context.conversationId);
    const live = await tx.reply.findFirst({
      where: { conversationId: context.conversationId, status: { in: [...LIVE_STATUSES] } },
      select: { status: true },
    });
    if (live) {
      throw new AppError(
        "CONFLICT",
        live.status === "pending_approval"
          ? "A first reply to this visitor is already waiting for approval."
          : "A first reply to this visitor has already been sent.",
      );
    }
    const reply = await tx.reply.create({
      data: {
        conversationId: context.conversationId,
        handoffId: context.handoff?.id ?? null,
        authorId: viewer.id,
        templateId: parsed.templateId ?? null,
        subject: parsed.subject,
        body: parsed.body,
        risks: risks as unknown as Prisma.InputJsonValue,
        status,
      },
      select: { id: true, status: true },
    });
    if (status === "sending") await sender.send(tx, "replyEmail", { replyId: reply.id });
    const kinds = riskKinds(risks);
    await tx.event.create({
      data: {
        type: status === "sending" ? "reply.queued" : "reply.flagged",
        conversationId: context.conversationId,
        data: { replyId: reply.id, handoffId: context.handoff?.id ?? null, caseId: context.caseId, riskKinds: kinds },
        occurredAt: now,
      },
    });
    await recordAudit(tx, {
      actorId: viewer.id,
      action: "reply.submitted",
      targetType: "reply",
      targetId: reply.id,
      // Compact: the reply row holds its conversation, handoff and template.
      after: { status, from: context.handoff ? "handoff" : "case", riskKinds: kinds },
    });
    return { replyId: reply.id, status: reply.status, risks };
  });
}

const PENDING_SELECT = {
  id: true,
  conversationId: true,
  handoffId: true,
  authorId: true,
  status: true,
  subject: true,
  body: true,
  risks: true,
  createdAt: true,
  author: { select: { name: true } },
  conversation: {
    select: {
      brief: true,
      briefEdits: true,
      exception: { select: { id: true } },
    },
  },
} satisfies Prisma.ReplySelect;

/**
 * Decides a flagged reply. The author cannot approve their own reply (a second pair of eyes is
 * the point), unless they are a manager or admin, who are the last pair of eyes already; the
 * approval is audited as self-approved then. Rejecting needs a note saying what to change.
 */
async function decideReply(
  db: Db,
  viewer: Viewer,
  decision: { replyId: string; note: string | null; approve: boolean },
  jobs: JobSender | undefined,
  now: Date,
) {
  if (!viewer.permissions.includes("replies:approve")) {
    throw new AppError("FORBIDDEN", "Only reviewers and managers decide on flagged replies.");
  }
  const reply = await db.reply.findUnique({
    where: { id: decision.replyId },
    select: { id: true, status: true, authorId: true, conversationId: true, handoffId: true, risks: true },
  });
  if (!reply) throw new AppError("NOT_FOUND", "No such reply.");
  if (reply.status !== "pending_approval") {
    throw new AppError("CONFLICT", "This reply was already decided. Reload to see where it stands.");
  }
  const selfApproved = reply.authorId === viewer.id;
  if (decision.approve && selfApproved && !isManagerOrAdmin(viewer)) {
    throw new AppError("FORBIDDEN", "You wrote this reply: another reviewer or a manager must approve it.");
  }
  if (decision.approve) {
    // Consent can be withdrawn, or the handoff withdrawn for review, while the reply waited.
    const context = await readReplyContext(db, reply);
    if (!context) throw new AppError("NOT_FOUND", "No such reply.");
    assertContactable(context);
  }
  const sender = decision.approve ? (jobs ?? (await getJobs())) : null;
  const status = decision.approve ? "sending" : "rejected";
  return db.$transaction(async (tx) => {
    const updated = await tx.reply.updateMany({
      where: { id: reply.id, status: "pending_approval" },
      data: { status, reviewedById: viewer.id, reviewedAt: now, reviewNote: decision.note },
    });
    if (updated.count === 0) {
      throw new AppError("CONFLICT", "This reply was already decided. Reload to see where it stands.");
    }
    if (sender) await sender.send(tx, "replyEmail", { replyId: reply.id });
    await tx.event.create({
      data: {
        type: decision.approve ? "reply.approved" : "reply.rejected",
        conversationId: reply.conversationId,
        data: { replyId: reply.id, handoffId: reply.handoffId, reviewerId: viewer.id },
        occurredAt: now,
      },
    });
    await recordAudit(tx, {
      actorId: viewer.id,
      action: decision.approve ? "reply.approved" : "reply.rejected",
      targetType: "reply",
      targetId: reply.id,
      before: { status: "pending_approval" },
      after: { status, note: decision.note, ...(decision.approve && selfApproved ? { selfApproved: true } : {}) },
    });
    return { replyId: reply.id, status };
  });
}

export async function approveReply(
  db: Db,
  viewer: Viewer,
  input: z.input<typeof ZApproveReplyInput>,
  jobs?: JobSender,
  now = new Date(),
) {
  const parsed = ZApproveReplyInput.parse(input);
  return decideReply(db, viewer, { replyId: parsed.replyId, note: parsed.note ?? null, approve: true }, jobs, now);
}

export async function rejectReply(db: Db, viewer: Viewer, input: z.input<typeof ZRejectReplyInput>, now = new Date()) {
  const parsed = ZRejectReplyInput.parse(input);
  return decideReply(db, viewer, { replyId: parsed.replyId, note: parsed.note, approve: false }, undefined, now);
}

/** Flagged replies waiting for a decision, oldest first, with what was flagged. */
export async function listPendingReplies(db: Db, viewer: Viewer) {
  if (!viewer.permissions.includes("replies:approve")) {
    throw new AppError("FORBIDDEN", "Only reviewers and managers decide on flagged replies.");
  }
  const rows = await db.reply.findMany({
    where: { status: "pending_approval" },
    orderBy: { createdAt: "asc" },
    take: 50,
    select: PENDING_SELECT,
  });
  return rows.map((row) => {
    const brief = row.conversation.brief as { summary?: string };
    return {
      replyId: row.id,
      conversationId: row.conversationId,
      handoffId: row.handoffId,
      caseId: row.conversation.exception?.id ?? null,
      subject: row.subject,
      body: row.body,
      risks: (Array.isArray(row.risks) ? row.risks : []) as unknown as StoredRisk[],
      createdAt: row.createdAt,
      authorName: row.author?.name ?? null,
      // The summary names the visitor's email and phone: masked unless this approver may reveal them.
      summary: viewer.permissions.includes("sensitive:reveal") ? (brief.summary ?? "") : maskText(brief.summary ?? ""),
      canApprove: row.authorId !== viewer.id || isManagerOrAdmin(viewer),
    };
  });
}

/** The replies to one conversation, newest first, with how their email went. */
export async function listConversationReplies(
  db: Db,
  viewer: Viewer,
  input: z.input<typeof ZConversationRepliesInput>,
) {
  const parsed = ZConversationRepliesInput.parse(input);
  const context = await loadReplyContext(db, viewer, parsed);
  const replies = await db.reply.findMany({
    where: { conversationId: context.conversationId },
    orderBy: { createdAt: "desc" },
    select: {
      id: true,
      status: true,
      subject: true,
      body: true,
      risks: true,
      createdAt: true,
      sentAt: true,
      reviewNote: true,
      author: { select: { name: true } },
    },
  });
  const messages = await db.outboundMessage.findMany({
    where: { dedupeKey: { in: replies.map((r) => `reply:${r.id}`) } },
    select: { dedupeKey: true, status: true, lastError: true },
  });
  const email = new Map(messages.map((m) => [m.dedupeKey, m]));
  return {
    send: sendability(context),
    replies: replies.map(({ risks, author, ...reply }) => {
      const message = email.get(`reply:${reply.id}`);
      return {
        ...reply,
        authorName: author?.name ?? null,
        risks: (Array.isArray(risks) ? risks : []) as unknown as StoredRisk[],
        // A mail server's refusal quotes the recipient's address.
        email: message ? { status: message.status, lastError: message.lastError && maskText(message.lastError) } : null,
      };
    }),
  };
}
