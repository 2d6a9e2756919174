import { z } from "zod";
import type { Db } from "../../db/client";
import { Prisma } from "../../db/generated/prisma/client";
import type { Brief, ConsentStatus } from "../../domain/analysis/types";
import type { RiskKind } from "../../domain/replies/promise-check";
import { AppError } from "../../errors";
import { recordAudit } from "../audit";
import {
  briefView,
  consentView,
  contactView,
  transcriptView,
  visitorDetails,
  type BriefView,
  type ConsentView,
  type ContactView,
  type TranscriptMessage,
} from "./handoff-view";
import { mayOpenHandoff, type Viewer } from "./access";
import { recordHandoffResponse } from "./respond";
import { loadRoutingConfig } from "../ingest/routing-config";

// The owner's inbox: the handoffs routed to me, open before responded, most urgent then newest
// first; each led by the summary and the question the visitor is still waiting on. Another
// owner's handoff does not exist as far as I can tell (NOT_FOUND, never its data); managers and
// admins may open any handoff (./access.ts).

const UUID = z.uuid();

export const INBOX_PAGE_SIZE = 20;

export const ZInboxListInput = z.object({
  status: z.enum(["open", "responded", "all"]).default("open"),
  cursor: z.string().max(300).nullish(),
  limit: z.number().int().min(1).max(50).default(INBOX_PAGE_SIZE),
});

export const ZInboxItemInput = z.object({ handoffId: z.uuid("handoffId must be a handoff id") });

export const ZMarkRespondedInput = z.object({
  handoffId: z.uuid("handoffId must be a handoff id"),
  version: z.number().int().min(1, "version must be the version you saw"),
});

export interface InboxItem extends BriefView {
  handoffId: string;
  conversationId: string;
  version: number;
  status: "open" | "responded" | "closed";
  priority: string;
  dueAt: Date;
  /** Past its due time without a response (marked by the SLA clock, or due already). */
  breached: boolean;
  createdAt: Date;
  respondedAt: Date | null;
  respondedVia: string | null;
  responseSeconds: number | null;
  consent: ConsentView;
  contact: ContactView;
  team: string | null;
  latestReply: { id: string; status: string } | null;
}

export interface InboxItemDetail extends InboxItem {
  ownerId: string | null;
  ownerName: string | null;
  pageUrl: string | null;
  receivedAt: Date;
  transcript: TranscriptMessage[];
  replies: {
    id: string;
    status: string;
    subject: string;
    createdAt: Date;
    sentAt: Date | null;
    reviewNote: string | null;
    riskKinds: RiskKind[];
  }[];
}

const ITEM_SELECT = {
  id: true,
  conversationId: true,
  ownerId: true,
  version: true,
  status: true,
  priority: true,
  dueAt: true,
  breachedAt: true,
  createdAt: true,
  respondedAt: true,
  respondedVia: true,
  responseSeconds: true,
  team: { select: { name: true } },
  conversation: {
    select: {
      brief: true,
      briefEdits: true,
      visitorFields: true,
      lead: { select: { name: true, email: true, phoneE164: true, company: true } },
      consentRecords: {
        orderBy: [{ recordedAt: "desc" }, { id: "desc" }],
        take: 1,
        select: { status: true, words: true, recordedAt: true },
      },
      replies: { orderBy: { createdAt: "desc" }, take: 1, select: { id: true, status: true } },
    },
  },
} satisfies Prisma.HandoffSelect;

type ItemRow = Prisma.HandoffGetPayload<{ select: typeof ITEM_SELECT }>;

function toItem(row: ItemRow, now: Date): InboxItem {
  const brief = row.conversation.brief as unknown as Brief;
  const consent = consentView(
    row.conversation.consentRecords as { status: ConsentStatus; words: string | null; recordedAt: Date }[],
    brief,
  );
  const details = visitorDetails(brief, row.conversation.visitorFields, row.conversation.lead);
  return {
    ...briefView(brief, row.conversation.briefEdits, { showContact: consent.status === "given" }),
    handoffId: row.id,
    conversationId: row.conversationId,
    version: row.version,
    status: row.status,
    priority: row.priority,
    dueAt: row.dueAt,
    breached: row.status === "open" && (row.breachedAt !== null || row.dueAt.getTime() < now.getTime()),
    createdAt: row.createdAt,
    respondedAt: row.respondedAt,
    respondedVia: row.respondedVia,
    responseSeconds: row.responseSeconds,
    consent,
    contact: contactView(details, consent.status),
    team: row.team?.name ?? null,
    latestReply: row.conversation.replies[0]
      ? { id: row.conversation.replies[0].id, status: row.conversation.replies[0].status }
      : null,
  };
}

// --------------------------------------------------------------------------------------- list

interface CursorKey {
  s: number;
  p: number;
  c: string;
  id: string;
}

function encodeCursor(key: CursorKey): string {
  return Buffer.from(JSON.stringify(key)).toString("base64url");
}

function decodeCursor(cursor: string): CursorKey {
  try {
    const key = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as CursorKey;
    if (
      Number.isInteger(key.s) &&
      Number.isInteger(key.p) &&
      typeof key.c === "string" &&
      !Number.isNaN(Date.parse(key.c)) &&
      UUID.safeParse(key.id).success
    ) {
      return key;
    }
  } catch {
    // falls through
  }
  throw new AppError("BAD_REQUEST", "cursor is not one this list gave out.", { field: "cursor" });
}

const STATUSES = { open: ["open"], responded: ["responded"], all: ["open", "responded"] } as const;

/**
 * My handoffs, a page at a time: open before responded, then urgent > high > normal > low, then
 * newest. Handoffs withdrawn for review (closed) are not the owner's to act on and are left out.
 */
export async function listInbox(db: Db, viewer: Viewer, input: z.input<typeof ZInboxListInput>, now = new Date()) {
  const { status, cursor, limit } = ZInboxListInput.parse(input);
  const after = cursor ? decodeCursor(cursor) : null;
  const statuses = Prisma.join(STATUSES[status].map((s) => Prisma.sql`${s}::"HandoffStatus"`));
  // Keyset pagination on (status rank asc, priority rank desc, created_at desc, id desc).
  const keyset = after
    ? Prisma.sql`AND (k.s > ${after.s}
        OR (k.s = ${after.s} AND k.p < ${after.p})
        OR (k.s = ${after.s} AND k.p = ${after.p} AND (k.created_at, k.id) < (${new Date(after.c)}::timestamptz, ${after.id}::uuid)))`
    : Prisma.empty;
  const keys = await db.$queryRaw<{ id: string; s: number; p: number; created_at: Date }[]>`
    SELECT k.id::text AS id, k.s, k.p, k.created_at FROM (
      SELECT h.id, h.created_at,
             CASE WHEN h.status = 'open' THEN 0 ELSE 1 END AS s,
             CASE h.priority WHEN 'urgent' THEN 3 WHEN 'high' THEN 2 WHEN 'low' THEN 0 ELSE 1 END AS p
        FROM handoffs h
       WHERE h.owner_id = ${viewer.id}::uuid AND h.status IN (${statuses})
    ) k
    WHERE TRUE ${keyset}
    ORDER BY k.s ASC, k.p DESC, k.created_at DESC, k.id DESC
    LIMIT ${limit + 1}`;
  const page = keys.slice(0, limit);
  const rows = await db.handoff.findMany({ where: { id: { in: page.map((k) => k.id) } }, select: ITEM_SELECT });
  const byId = new Map(rows.map((row) => [row.id, row]));
  const items = page.flatMap((k) => {
    const row = byId.get(k.id);
    return row ? [toItem(row, now)] : [];
  });
  const last = page.at(-1);
  return {
    items,
    nextCursor:
      keys.length > limit && last
        ? encodeCursor({
            s: Number(last.s),
            p: Number(last.p),
            c: new Date(last.created_at).toISOString(),
            id: last.id,
          })
        : null,
  };
}

// --------------------------------------------------------------------------------------- item

const notFound = () => new AppError("NOT_FOUND", "No such handoff in your inbox.");

/** One handoff with its transcript: mine, or any for a manager or admin; otherwise NOT_FOUND. */
export async function getInboxItem(
  db: Db,
  viewer: Viewer,
  handoffId: string,
  now = new Date(),
): Promise<InboxItemDetail> {
  if (!UUID.safeParse(handoffId).success) throw notFound();
  const row = await db.handoff.findUnique({
    where: { id: handoffId },
    select: {
      ...ITEM_SELECT,
      owner: { select: { name: true } },
      conversation: {
        select: {
          ...ITEM_SELECT.conversation.select,
          messages: true,
          pageUrl: true,
          receivedAt: true,
          replies: {
            orderBy: { createdAt: "desc" },
            select: {
              id: true,
              status: true,
              subject: true,
              createdAt: true,
              sentAt: true,
              reviewNote: true,
              risks: true,
            },
          },
        },
      },
    },
  });
  if (!row || !mayOpenHandoff(viewer, row)) throw notFound();
  const item = toItem(row, now);
  const brief = row.conversation.brief as unknown as Brief;
  return {
    ...item,
    ownerId: row.ownerId,
    ownerName: row.owner?.name ?? null,
    pageUrl: row.conversation.pageUrl,
    receivedAt: row.conversation.receivedAt,
    transcript: transcriptView(row.conversation.messages, brief.sensitive ?? [], item.consent.status),
    replies: row.conversation.replies.map(({ risks, ...reply }) => ({
      ...reply,
      riskKinds: [...new Set((Array.isArray(risks) ? risks : []).map((r) => (r as { kind: RiskKind }).kind))],
    })),
  };
}

// --------------------------------------------------------------------------------------- respond

/**
 * The owner marks the handoff responded (they answered by phone, say): the response time is
 * measured from the handoff event. Only the owner, or a manager or admin acting for them.
 */
export async function markResponded(
  db: Db,
  viewer: Viewer,
  input: z.input<typeof ZMarkRespondedInput>,
  now = new Date(),
) {
  const { handoffId, version } = ZMarkRespondedInput.parse(input);
  const { config } = await loadRoutingConfig(db);
  return db.$transaction(async (tx) => {
    const handoff = await tx.handoff.findUnique({ where: { id: handoffId }, select: { ownerId: true } });
    if (!handoff || !mayOpenHandoff(viewer, handoff)) throw notFound();
    const response = await recordHandoffResponse(tx, {
      handoffId,
      via: "marked",
      now,
      hours: config.businessHours,
      version,
      strict: true,
    });
    // strict: a response is recorded or an error thrown.
    const recorded = response!;
    await recordAudit(tx, {
      actorId: viewer.id,
      action: "handoff.mark_responded",
      targetType: "handoff",
      targetId: handoffId,
      before: recorded.before,
      after: recorded.after,
    });
    return {
      handoffId,
      status: "responded" as const,
      version: recorded.after.version,
      respondedAt: recorded.respondedAt,
      responseSeconds: recorded.responseSeconds,
    };
  });
}
