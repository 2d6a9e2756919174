import type { Prisma } from "../../db/generated/prisma/client";
import { AppError } from "../../errors";

// The owner's response to a handoff: status responded, when, how, and how long it took, counted in
// calendar seconds from the `handoff.created` event (the moment the handoff reached them), with a
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

/** When the handoff reached its owner: its `handoff.created` event (the handoff row's own time if none). */
async function handedOffAt(tx: Tx, handoff: { id: string; conversationId: string; createdAt: Date }) {
  const event = await tx.event.findFirst({
    where: {
      type: "handoff.created",
      conversationId: handoff.conversationId,
      data: { path: ["handoffId"], equals: handoff.id },
    },
    orderBy: { occurredAt: "asc" },
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
  input: { handoffId: string; via: ResponseVia; now: Date; version?: number; strict: boolean },
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
  const responseSeconds = Math.max(0, Math.round((input.now.getTime() - start.getTime()) / 1000));
  const updated = await tx.handoff.updateMany({
    where: { id: handoff.id, version: handoff.version, status: "open" },
    data: {
      status: "responded",
      respondedAt: input.now,
      respondedVia: input.via,
      responseSeconds,
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
      data: { handoffId: handoff.id, responseSeconds, via: input.via },
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
