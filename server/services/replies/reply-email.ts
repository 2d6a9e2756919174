import type { Db } from "../../db/client";
import { logger } from "../../logger";
import { recordAudit } from "../audit";
import { recordHandoffResponse } from "../inbox/respond";
import { loadRoutingConfig } from "../ingest/routing-config";
import { getMailer } from "../outbound/mailer";
import { claimMessage, markFailed, markSent, markSkipped } from "../outbound/messages";
import { contactBlock, readReplyContext } from "./reply-context";

// The job that emails a first reply to the visitor, once (the outbound message log keys it
// `reply:<replyId>`), from the desk's address with the writer as Reply-To, so the visitor's answer
// reaches them. When it has gone, the reply is `sent` and, for a handoff, the owner has responded:
// the response time is recorded then (server/services/inbox/respond.ts).

export type ReplyEmailResult = "sent" | "already_sent" | "skipped";

/** Marks the reply sent and, for a handoff still open, records the owner's response. Idempotent. */
async function finishSent(db: Db, reply: { id: string; conversationId: string; handoffId: string | null }, now: Date) {
  const { config } = await loadRoutingConfig(db);
  await db.$transaction(async (tx) => {
    const updated = await tx.reply.updateMany({
      where: { id: reply.id, status: "sending" },
      data: { status: "sent", sentAt: now },
    });
    if (updated.count === 0) return;
    await tx.event.create({
      data: { type: "reply.sent", conversationId: reply.conversationId, data: { replyId: reply.id }, occurredAt: now },
    });
    if (!reply.handoffId) return;
    const response = await recordHandoffResponse(tx, {
      handoffId: reply.handoffId,
      via: "reply",
      now,
      hours: config.businessHours,
      strict: false,
    });
    if (response) {
      await recordAudit(tx, {
        actorId: null,
        action: "handoff.responded_by_reply",
        targetType: "handoff",
        targetId: reply.handoffId,
        before: response.before,
        after: response.after,
      });
    }
  });
}

/** Nothing can be sent (no SMTP, no consent any more, no address): recorded, not retried. */
async function finishSkipped(db: Db, reply: { id: string; conversationId: string }, claimId: string, why: string) {
  await markSkipped(db, claimId, why);
  await db.$transaction(async (tx) => {
    const updated = await tx.reply.updateMany({
      where: { id: reply.id, status: "sending" },
      data: { status: "failed" },
    });
    if (updated.count === 0) return;
    await tx.event.create({
      data: { type: "reply.failed", conversationId: reply.conversationId, data: { replyId: reply.id, reason: why } },
    });
  });
}

/** The job: email one reply. Throws (to be retried with backoff) when the SMTP server fails. */
export async function sendReplyEmail(
  db: Db,
  job: { replyId: string },
  now = () => new Date(),
): Promise<ReplyEmailResult> {
  const reply = await db.reply.findUnique({
    where: { id: job.replyId },
    select: {
      id: true,
      status: true,
      subject: true,
      body: true,
      conversationId: true,
      handoffId: true,
      author: { select: { name: true, email: true } },
    },
  });
  if (!reply) return "skipped";
  if (reply.status === "sent") return "already_sent";
  // Only a clean or approved reply goes out (a rejected one, or one still waiting, never does).
  if (reply.status !== "sending") return "skipped";
  const context = await readReplyContext(db, reply);
  const claim = await claimMessage(db, {
    channel: "email",
    kind: "first_reply",
    dedupeKey: `reply:${reply.id}`,
    recipient: context?.visitor.email ?? null,
    subject: reply.subject,
  });
  if (claim.alreadySent) {
    // Sent (or skipped) by an earlier run that stopped before updating the reply: finish that.
    const message = await db.outboundMessage.findUnique({
      where: { id: claim.id },
      select: { status: true, lastError: true },
    });
    if (message?.status === "sent") await finishSent(db, reply, now());
    else await finishSkipped(db, reply, claim.id, message?.lastError ?? "skipped");
    return "already_sent";
  }
  const block = context ? contactBlock(context) : { message: "the conversation is gone" };
  const mailer = await getMailer(db);
  const skip = !mailer ? "email is not set up (settings or SMTP_URL)" : block ? block.message : null;
  if (skip) {
    await finishSkipped(db, reply, claim.id, skip);
    return "skipped";
  }
  try {
    const info = await mailer!.send({
      to: context!.visitor.email!,
      replyTo: reply.author ? { name: reply.author.name, address: reply.author.email } : undefined,
      subject: reply.subject,
      text: reply.body,
    });
    await markSent(db, claim.id, info.messageId ?? null);
  } catch (error) {
    await markFailed(db, claim.id, error);
    logger.warn("first reply email failed; will retry", { replyId: reply.id, err: error });
    throw error;
  }
  await finishSent(db, reply, now());
  return "sent";
}
