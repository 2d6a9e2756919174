import type { Db } from "../../db/client";
import type { Prisma } from "../../db/generated/prisma/client";
import type { Brief, ConsentStatus } from "../../domain/analysis/types";
import { checkReplyForPromises, type PromiseRisk } from "../../domain/replies/promise-check";
import { AppError } from "../../errors";
import { isManagerOrAdmin, mayOpenHandoff, type Viewer } from "../inbox/access";
import {
  briefView,
  consentView,
  visitorDetails,
  visitorMessages,
  type BriefView,
  type ConsentView,
  type VisitorDetails,
} from "../inbox/handoff-view";
import { isClaimLapsed } from "../review/claims";

// Where a first reply is written from, and whether this person may write it: the handoff's owner
// (or a manager or admin) from the handoff, or a reviewer (`queue:work`) from the conversation's
// case. Anything else does not exist for them (NOT_FOUND), like another owner's handoff in the inbox.

export interface ReplyTarget {
  conversationId: string;
  handoffId?: string | null;
  caseId?: string | null;
}

export interface ReplyContext {
  conversationId: string;
  /** Set when the reply answers a handoff: its sending records the owner's response. */
  handoff: { id: string; ownerId: string | null; status: string } | null;
  caseId: string | null;
  brief: BriefView;
  consent: ConsentView;
  visitor: VisitorDetails;
  visitorMessages: string[];
}

const CONTEXT_SELECT = {
  id: true,
  brief: true,
  briefEdits: true,
  messages: true,
  visitorFields: true,
  lead: { select: { name: true, email: true, phoneE164: true, company: true } },
  consentRecords: {
    orderBy: [{ recordedAt: "desc" }, { id: "desc" }],
    take: 1,
    select: { status: true, words: true, recordedAt: true },
  },
  handoff: { select: { id: true, ownerId: true, status: true } },
  exception: { select: { id: true, status: true, claimedById: true, claimActiveAt: true, escalatedAt: true } },
} satisfies Prisma.ConversationSelect;

const notFound = () => new AppError("NOT_FOUND", "No such conversation to reply to.");

type ConversationRow = Prisma.ConversationGetPayload<{ select: typeof CONTEXT_SELECT }>;

function contextOf(conversation: ConversationRow, from: Pick<ReplyContext, "handoff" | "caseId">): ReplyContext {
  const brief = conversation.brief as unknown as Brief;
  return {
    conversationId: conversation.id,
    ...from,
    brief: briefView(brief, conversation.briefEdits),
    consent: consentView(
      conversation.consentRecords as { status: ConsentStatus; words: string | null; recordedAt: Date }[],
      brief,
    ),
    visitor: visitorDetails(brief, conversation.visitorFields, conversation.lead),
    visitorMessages: visitorMessages(conversation.messages),
  };
}

/** The context of a reply already written (approval, sending): no one's permission is asked. */
export async function readReplyContext(
  db: Db,
  reply: { conversationId: string; handoffId: string | null },
): Promise<ReplyContext | null> {
  const conversation = await db.conversation.findUnique({
    where: { id: reply.conversationId },
    select: CONTEXT_SELECT,
  });
  if (!conversation) return null;
  const handoff = reply.handoffId && conversation.handoff?.id === reply.handoffId ? conversation.handoff : null;
  return contextOf(conversation, { handoff, caseId: conversation.exception?.id ?? null });
}

/** The context of a reply this person is about to write, if they may write it; NOT_FOUND otherwise. */
export async function loadReplyContext(db: Db, viewer: Viewer, target: ReplyTarget): Promise<ReplyContext> {
  const conversation = await db.conversation.findUnique({
    where: { id: target.conversationId },
    select: CONTEXT_SELECT,
  });
  if (!conversation) throw notFound();
  const handoff = conversation.handoff;
  const caseRow = conversation.exception;
  if (target.handoffId && handoff?.id !== target.handoffId) throw notFound();
  if (target.caseId && caseRow?.id !== target.caseId) throw notFound();

  const reviewer = viewer.permissions.includes("queue:work");
  if (target.handoffId) {
    if (!mayOpenHandoff(viewer, handoff!)) throw notFound();
    return contextOf(conversation, { handoff, caseId: null });
  }
  if (target.caseId) {
    if (!reviewer) throw notFound();
    assertMayReplyFromCase(viewer, caseRow!);
    return contextOf(conversation, { handoff: null, caseId: caseRow!.id });
  }
  if (handoff && (handoff.ownerId === viewer.id || isManagerOrAdmin(viewer))) {
    return contextOf(conversation, { handoff, caseId: null });
  }
  if (caseRow && reviewer) {
    assertMayReplyFromCase(viewer, caseRow);
    return contextOf(conversation, { handoff: null, caseId: caseRow.id });
  }
  throw notFound();
}

/**
 * A reviewer writes to the visitor from a case only as they would act on it: the case is open, they
 * hold it, and an escalated case is a manager's. Once it is handed off, the reply is the owner's.
 */
function assertMayReplyFromCase(
  viewer: Viewer,
  caseRow: { status: string; claimedById: string | null; claimActiveAt: Date | null; escalatedAt: Date | null },
) {
  if (caseRow.status !== "open") {
    throw new AppError("CONFLICT", "This case is closed: the first reply is now for the owner it was handed to.");
  }
  if (caseRow.escalatedAt && !viewer.permissions.includes("cases:takeover")) {
    throw new AppError("FORBIDDEN", "This case was escalated to a manager.");
  }
  if (caseRow.claimedById !== viewer.id || isClaimLapsed(caseRow.claimActiveAt)) {
    throw new AppError("CONFLICT", "Claim the case before replying from it.");
  }
}

/** Why this visitor cannot be emailed now, naming the field; null when they can. */
export function contactBlock(context: Pick<ReplyContext, "consent" | "visitor" | "handoff">): {
  field: string;
  message: string;
} | null {
  if (context.consent.status !== "given") {
    return {
      field: "consent",
      message:
        context.consent.status === "refused"
          ? "The visitor refused to be contacted: no reply can be sent."
          : "The visitor has not given consent to be contacted: ask for it in the chat before replying.",
    };
  }
  if (!context.visitor.email) {
    return { field: "email", message: "The visitor left no email address to reply to." };
  }
  if (context.handoff?.status === "closed") {
    return { field: "handoffId", message: "This handoff was withdrawn for review; a reviewer must look at it first." };
  }
  return null;
}

export function assertContactable(context: Pick<ReplyContext, "consent" | "visitor" | "handoff">): void {
  const block = contactBlock(context);
  if (block) throw new AppError("BAD_REQUEST", block.message, { field: block.field });
}

export type StoredRisk = PromiseRisk & { field: "subject" | "body" };

/** The promise check over a reply's subject and body, with the visitor's own words as context. */
export function checkReply(
  context: Pick<ReplyContext, "visitorMessages">,
  reply: { subject?: string; body: string },
): StoredRisk[] {
  const options = { visitorMessages: context.visitorMessages };
  return [
    ...checkReplyForPromises(reply.subject ?? "", options).map((risk) => ({ ...risk, field: "subject" as const })),
    ...checkReplyForPromises(reply.body, options).map((risk) => ({ ...risk, field: "body" as const })),
  ];
}
