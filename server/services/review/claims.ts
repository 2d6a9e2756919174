import { z } from "zod";
import type { Db } from "../../db/client";
import type { Prisma } from "../../db/generated/prisma/client";
import { AppError } from "../../errors";
import { recordAudit } from "../audit";
import type { SessionUser } from "../session-user";
import { CLAIM_LAPSE_MINUTES } from "./queue-input";

// The claim lock on a case: opening a case (or pressing `c`) claims it, so two reviewers don't work
// the same conversation; others see who holds it and cannot act on it. A claim lapses after 15 idle
// minutes (the case view refreshes it while its reviewer is active); managers can take one over.
// Every action also sends the case version it saw: the row is locked, the version compared, and
// a stale one is refused with who changed it, so of two reviewers acting at once exactly one wins.

export const CLAIM_IDLE_MS = CLAIM_LAPSE_MINUTES * 60_000;

export type Viewer = Pick<SessionUser, "id" | "name" | "permissions">;
export type Tx = Prisma.TransactionClient;

/** Interactive transactions here wait on a row lock at most as long as another action takes. */
export const TX_OPTIONS = { maxWait: 10_000, timeout: 20_000 } as const;

export const ZCaseId = z.uuid("caseId must be a case id");
export const ZVersion = z.number("version is required").int().min(1, "version must be at least 1");

export const ZClaimInput = z.object({
  caseId: ZCaseId,
  /** The version the viewer saw; a claim on a case that changed since is refused. */
  version: ZVersion.optional(),
  /** Take over another reviewer's live claim (managers and admins). */
  takeover: z.boolean().optional(),
});
export const ZReleaseInput = z.object({ caseId: ZCaseId, version: ZVersion.optional() });
export const ZTouchInput = z.object({ caseId: ZCaseId });

export interface LockedCase {
  id: string;
  conversationId: string;
  status: "open" | "resolved";
  version: number;
  claimedById: string | null;
  claimedAt: Date | null;
  claimActiveAt: Date | null;
  escalatedAt: Date | null;
  waitingFor: string | null;
  resolution: string | null;
}

export function isClaimLapsed(activeAt: Date | null, now = new Date()): boolean {
  return !activeAt || now.getTime() - activeAt.getTime() >= CLAIM_IDLE_MS;
}

/** A live claim by someone other than the viewer. */
function heldByOther(row: LockedCase, viewerId: string, now: Date): boolean {
  return row.claimedById !== null && row.claimedById !== viewerId && !isClaimLapsed(row.claimActiveAt, now);
}

/** Reads the case and locks its row until the transaction ends, so checks and the write agree. */
export async function lockCase(tx: Tx, caseId: string): Promise<LockedCase> {
  const [row] = await tx.$queryRaw<LockedCase[]>`
    SELECT id::text AS "id", conversation_id::text AS "conversationId", status::text AS "status", version,
           claimed_by_id::text AS "claimedById", claimed_at AS "claimedAt", claim_active_at AS "claimActiveAt",
           escalated_at AS "escalatedAt", waiting_for AS "waitingFor", resolution
      FROM exception_cases WHERE id = ${caseId}::uuid FOR UPDATE`;
  if (!row) throw new AppError("NOT_FOUND", "No such case.");
  return row;
}

/** Writes the case only if it is still at `version`, bumping it; otherwise the fresh-state conflict. */
export async function writeCaseVersioned(
  tx: Tx,
  row: LockedCase,
  data: Prisma.ExceptionCaseUncheckedUpdateManyInput,
): Promise<number> {
  const { count } = await tx.exceptionCase.updateMany({
    where: { id: row.id, version: row.version },
    data: { ...data, version: { increment: 1 } },
  });
  if (count !== 1) throw await staleCaseError(tx, row.id);
  return row.version + 1;
}

// What each audited change reads as in "Riley Reviewer approved this case a moment ago".
const CHANGE_VERBS: Record<string, string> = {
  "case.claimed": "claimed",
  "case.claim_taken_over": "took over",
  "case.released": "released",
  "case.approved": "approved",
  "case.reassigned": "reassigned",
  "case.spam": "marked as spam",
  "case.consent_requested": "requested consent for",
  "case.brief_edited": "edited the brief of",
  "case.note_added": "added a note to",
  "case.escalated": "escalated",
  "case.lead_merged": "merged the lead of",
  "case.lead_merge_undone": "undid a lead merge on",
};

// Writes by ingest (a later post of the conversation) that change the case without an audit entry.
const INGEST_CHANGES = ["exception.updated", "exception.reopened", "case.resolved"];

function ago(at: Date, now: Date): string {
  const seconds = Math.max(0, Math.round((now.getTime() - at.getTime()) / 1000));
  if (seconds < 90) return "a moment ago";
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} minutes ago`;
  return `at ${new Intl.DateTimeFormat("en-GB", { timeStyle: "short" }).format(at)}`;
}

/** The conflict a stale write gets: who changed the case last, and that the fresh state follows. */
export async function staleCaseError(tx: Tx | Db, caseId: string): Promise<AppError> {
  const now = new Date();
  const row = await tx.exceptionCase.findUnique({ where: { id: caseId }, select: { conversationId: true } });
  const [entry, ingest] = await Promise.all([
    tx.auditLog.findFirst({
      where: { targetType: "case", targetId: caseId, action: { in: Object.keys(CHANGE_VERBS) } },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      select: { action: true, createdAt: true, actor: { select: { name: true } } },
    }),
    row
      ? tx.event.findFirst({
          where: { conversationId: row.conversationId, type: { in: INGEST_CHANGES } },
          orderBy: { occurredAt: "desc" },
          select: { occurredAt: true },
        })
      : null,
  ]);
  const fresh = "here is its current state.";
  if (ingest && (!entry || ingest.occurredAt > entry.createdAt)) {
    return new AppError(
      "CONFLICT",
      `New messages arrived and updated this case ${ago(ingest.occurredAt, now)}; ${fresh}`,
    );
  }
  if (!entry) return new AppError("CONFLICT", `This case changed since you opened it; ${fresh}`);
  const who = entry.actor?.name ?? "Someone";
  return new AppError(
    "CONFLICT",
    `${who} ${CHANGE_VERBS[entry.action]} this case ${ago(entry.createdAt, now)}; ${fresh}`,
  );
}

async function userName(tx: Tx, id: string | null): Promise<string> {
  if (!id) return "Nobody";
  return (await tx.user.findUnique({ where: { id }, select: { name: true } }))?.name ?? "Another reviewer";
}

const can = (viewer: Viewer, permission: Viewer["permissions"][number]) => viewer.permissions.includes(permission);

function assertMayWorkEscalated(viewer: Viewer, row: LockedCase) {
  if (row.escalatedAt && !can(viewer, "cases:takeover")) {
    throw new AppError("FORBIDDEN", "This case was escalated to a manager; only managers and admins can work on it.");
  }
}

/**
 * Every action's gate, inside its transaction: the case is open, at the version the viewer saw,
 * claimed by the viewer (and the claim not lapsed), and, once escalated, worked only by managers
 * and admins. Returns the locked row. Acting never claims implicitly: the claim comes first.
 */
export async function assertCanAct(tx: Tx, viewer: Viewer, caseId: string, version: number): Promise<LockedCase> {
  const row = await lockCase(tx, caseId);
  if (row.version !== version) throw await staleCaseError(tx, row.id);
  if (row.status !== "open") throw new AppError("CONFLICT", "This case is already resolved.");
  assertMayWorkEscalated(viewer, row);
  const now = new Date();
  if (heldByOther(row, viewer.id, now)) {
    throw new AppError("CONFLICT", `${await userName(tx, row.claimedById)} holds this case; only they can act on it.`);
  }
  if (row.claimedById !== viewer.id) throw new AppError("CONFLICT", "Claim this case before acting on it.");
  if (isClaimLapsed(row.claimActiveAt, now)) {
    throw new AppError("CONFLICT", "Your claim lapsed after 15 idle minutes. Claim the case again to act on it.");
  }
  return row;
}

export interface ClaimResult {
  caseId: string;
  version: number;
  claimedById: string;
  takenOverFrom: string | null;
}

/**
 * Claims a case: when nobody holds it, the claim lapsed, or the viewer holds it already (which
 * refreshes it). Someone else's live claim only with `takeover` and `cases:takeover`.
 */
export async function claimCase(db: Db, viewer: Viewer, input: z.infer<typeof ZClaimInput>): Promise<ClaimResult> {
  return db.$transaction(async (tx) => {
    const row = await lockCase(tx, input.caseId);
    if (input.version !== undefined && row.version !== input.version) throw await staleCaseError(tx, row.id);
    if (row.status !== "open")
      throw new AppError("CONFLICT", "This case is already resolved; there is nothing to claim.");
    assertMayWorkEscalated(viewer, row);
    const now = new Date();
    const other = heldByOther(row, viewer.id, now);
    if (other) {
      const holder = await userName(tx, row.claimedById);
      if (!can(viewer, "cases:takeover")) throw new AppError("CONFLICT", `${holder} holds this case.`);
      if (!input.takeover) throw new AppError("CONFLICT", `${holder} holds this case. Take it over to act on it.`);
    }
    const mineAlready = row.claimedById === viewer.id && !isClaimLapsed(row.claimActiveAt, now);
    if (mineAlready) {
      await tx.$executeRaw`UPDATE exception_cases SET claim_active_at = ${now} WHERE id = ${row.id}::uuid`;
      return { caseId: row.id, version: row.version, claimedById: viewer.id, takenOverFrom: null };
    }
    const version = await writeCaseVersioned(tx, row, { claimedById: viewer.id, claimedAt: now, claimActiveAt: now });
    const action = other ? "case.claim_taken_over" : "case.claimed";
    await recordAudit(tx, {
      actorId: viewer.id,
      action,
      targetType: "case",
      targetId: row.id,
      before: { claimedById: row.claimedById, claimActiveAt: row.claimActiveAt?.toISOString() ?? null },
      after: { claimedById: viewer.id },
    });
    await tx.event.create({
      data: {
        type: action,
        conversationId: row.conversationId,
        data: { caseId: row.id, claimedById: viewer.id, previousHolderId: row.claimedById },
        occurredAt: now,
      },
    });
    return { caseId: row.id, version, claimedById: viewer.id, takenOverFrom: other ? row.claimedById : null };
  }, TX_OPTIONS);
}

/** Lets go of the viewer's claim, so someone else can pick the case up at once. */
export async function releaseClaim(db: Db, viewer: Viewer, input: z.infer<typeof ZReleaseInput>) {
  return db.$transaction(async (tx) => {
    const row = await lockCase(tx, input.caseId);
    if (input.version !== undefined && row.version !== input.version) throw await staleCaseError(tx, row.id);
    if (row.claimedById !== viewer.id) throw new AppError("CONFLICT", "You do not hold this case.");
    const version = await writeCaseVersioned(tx, row, { claimedById: null, claimedAt: null, claimActiveAt: null });
    await recordAudit(tx, {
      actorId: viewer.id,
      action: "case.released",
      targetType: "case",
      targetId: row.id,
      before: { claimedById: viewer.id },
      after: { claimedById: null },
    });
    await tx.event.create({
      data: { type: "case.released", conversationId: row.conversationId, data: { caseId: row.id } },
    });
    return { caseId: row.id, version };
  }, TX_OPTIONS);
}

/**
 * The viewer is still working on the case: keeps their claim from lapsing. Not audited and no new
 * version (it changes nothing anyone acts on); the case view calls it at most once a minute.
 * Returns false when there is no live claim of theirs to refresh.
 */
export async function touchClaim(
  db: Db,
  viewer: Viewer,
  input: z.infer<typeof ZTouchInput>,
): Promise<{ held: boolean }> {
  const now = new Date();
  const cutoff = new Date(now.getTime() - CLAIM_IDLE_MS);
  const count = await db.$executeRaw`
    UPDATE exception_cases SET claim_active_at = ${now}
     WHERE id = ${input.caseId}::uuid AND claimed_by_id = ${viewer.id}::uuid AND status = 'open'
       AND claim_active_at > ${cutoff}`;
  return { held: count === 1 };
}
