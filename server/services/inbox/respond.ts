import type { Prisma } from "../../db/generated/prisma/client";
import { businessSecondsBetween } from "../../domain/metrics/business-hours";
import type { BusinessHours } from "../../domain/routing/rules";
import { AppError } from "../../errors";

// The owner's response to a handoff: status responded, when, how, and how long it took, counted in
// calendar seconds and in business hours from the moment the handoff reached them, with a
// `handoff.responded` event for the dashboards. One writer for both ways of responding.

type Tx = Prisma.TransactionClient;

export type ResponseVia = "marked" | "reply";

export interface RecordedResponse {
  handoffId: string;
  conversationId: string;
  responseSeconds: number;
  respondedAt: Date;
  before: { status: string; version: number };
  after: { status: "responded"; version: number; respondedVia: ResponseVia; responseSeconds: number };
}

/**
 * When the handoff reached its current owner: its latest `handoff.created` or `handoff.reopened`
 * event (a handoff given back to an owner after review starts a fresh clock), else the row's own time.
 * The bot's part of the chat is before this, so it never counts as the owner's time.
 */
async function handedOffAt(tx: Tx, handoff: { id: string; conversationId: string; createdAt: Date }) {
  const event = await tx.event.findFirst({
    where: {
      type: { in: ["handoff.created", "handoff.reopened"] },
      conversationId: handoff.conversationId,
      data: { path: ["handoffId"], equals: handoff.id },
    },
    orderBy: [{ occurredAt: "desc" }, { id: "desc" }],
    select: { occurredAt: true },
  });
  return event?.occurredAt ?? handoff.createdAt;
}

/**
 * Records the response in the caller's transaction. With `version`, the handoff must still be at
 * that version (someone else acted: CONFLICT). A handoff that is not open is an error when the
 * owner marks it (`strict`), and left alone when a reply goes out later (the first response counts).
 */
export async function recordHandoffResponse(
  tx: Tx,
  input: {
    handoffId: string;
    via: ResponseVia;
    now: Date;
    /** The business hours in force, for the response time in business hours. */
    hours: BusinessHours;
    version?: number;
    strict: boolean;
  },
): Promise<RecordedResponse | null> {
  const handoff = await tx.handoff.findUnique({
    where: { id: input.handoffId },
    select: { id: true, conversationId: true, status: true, version: true, createdAt: true },
  });
  if (!handoff) throw new AppError("NOT_FOUND", "No such handoff.");
  const stale = () =>
    new AppError(
      "CONFLICT",
      "This handoff changed since you opened it (someone else acted on it). Reload to see it now.",
    );
  if (input.version !== undefined && handoff.version !== input.version) throw stale();
  if (handoff.status !== "open") {
    if (!input.strict) return null;
    throw new AppError(
      "CONFLICT",
      handoff.status === "responded"
        ? "This handoff is already marked responded."
        : "This handoff was withdrawn for review; it cannot be marked responded.",
    );
  }
  const start = await handedOffAt(tx, handoff);
  // A response recorded before the handoff's clock started (a first reply sent while the case was
  // still in review) took no time: never a negative duration.
  const responseSeconds = Math.max(0, Math.round((input.now.getTime() - start.getTime()) / 1000));
  const responseBusinessSeconds = businessSecondsBetween(start, input.now, input.hours);
  const updated = await tx.handoff.updateMany({
    where: { id: handoff.id, version: handoff.version, status: "open" },
    data: {
      status: "responded",
      respondedAt: input.now,
      respondedVia: input.via,
      responseSeconds,
      responseBusinessSeconds,
      version: { increment: 1 },
    },
  });
  if (updated.count === 0) {
    if (!input.strict) return null;
    throw stale();
  }
  await tx.event.create({
    data: {
      type: "handoff.responded",
      conversationId: handoff.conversationId,
      data: { handoffId: handoff.id, responseSeconds, responseBusinessSeconds, via: input.via },
      occurredAt: input.now,
    },
  });
  return {
    handoffId: handoff.id,
    conversationId: handoff.conversationId,
    responseSeconds,
    respondedAt: input.now,
    before: { status: handoff.status, version: handoff.version },
    after: { status: "responded", version: handoff.version + 1, respondedVia: input.via, responseSeconds },
  };
}
