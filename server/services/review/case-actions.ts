import { z } from "zod";
import type { Db } from "../../db/client";
import type { Prisma } from "../../db/generated/prisma/client";
import type { Sql } from "../../db/sql";
import type { Brief } from "../../domain/analysis/types";
import { URGENCY_LEVELS } from "../../domain/analysis/types";
import { AppError } from "../../errors";
import { getJobs } from "../../jobs/runtime";
import { recordAudit } from "../audit";
import { queueOutbound, type PipelineEvent } from "../outbound/notify";
import { EDITABLE_BRIEF_FIELDS, OWNER_ROLES, type EditableBriefField } from "./case-view";
import {
  assertCanAct,
  TX_OPTIONS,
  writeCaseVersioned,
  ZCaseId,
  ZVersion,
  type LockedCase,
  type Tx,
  type Viewer,
} from "./claims";
import { conversationLockKey } from "../ingest/store";

// What a reviewer does with a case. Each action runs in one transaction that locks the case,
// checks the claim and the version the reviewer saw (assertCanAct), writes, bumps the version,
// and records an audit entry (before/after) and a measurement event beside the change. Handing a
// case to an owner also queues what ingest would have: the owner's email and subscribers' webhooks.

const ZCaseRef = z.object({ caseId: ZCaseId, version: ZVersion });

const ZReason = (what: string) =>
  z
    .string(`${what} is required`)
    .trim()
    .min(3, `${what} must be at least 3 characters`)
    .max(500, `${what} must be at most 500 characters`);

export const ZApproveInput = ZCaseRef.extend({
  /** Prefilled with routing's suggestion; the reviewer may change it. */
  ownerId: z.uuid("ownerId must be a user id"),
  teamId: z.uuid("teamId must be a team id").nullish(),
  /** The reviewer read the visitor's agreement to be contacted in the transcript. */
  consentConfirmed: z.boolean().optional(),
});

export const ZReassignInput = ZApproveInput.extend({ reason: ZReason("reason") });

const LEAD_FIELDS = ["name", "email", "phone", "company"] as const;
type LeadField = (typeof LEAD_FIELDS)[number];
const ZChoice = z.enum(["from", "into"], { message: 'each choice must be "from" or "into"' });

export const ZMergeLeadInput = ZCaseRef.extend({
  intoLeadId: z.uuid("intoLeadId must be a lead id"),
  /** Per field, whose value the kept lead ends with: this conversation's lead ("from") or the existing one. */
  choices: z.object({ name: ZChoice, email: ZChoice, phone: ZChoice, company: ZChoice }).partial().strict().default({}),
});

export const ZUndoMergeInput = ZCaseRef.extend({ mergeId: z.uuid("mergeId must be a merge id") });
export const ZMarkSpamInput = ZCaseRef;
export const ZRequestConsentInput = ZCaseRef;

export const ZEditBriefInput = ZCaseRef.extend({
  field: z.enum(EDITABLE_BRIEF_FIELDS, { message: `field must be one of ${EDITABLE_BRIEF_FIELDS.join(", ")}` }),
  value: z
    .string("value is required")
    .trim()
    .min(1, "value is required")
    .max(2_000, "value must be at most 2000 characters"),
}).superRefine((input, ctx) => {
  if (input.field === "urgency" && !(URGENCY_LEVELS as readonly string[]).includes(input.value)) {
    ctx.addIssue({ code: "custom", path: ["value"], message: `urgency must be one of ${URGENCY_LEVELS.join(", ")}` });
  }
});

export const ZAddNoteInput = ZCaseRef.extend({
  body: z
    .string("body is required")
    .trim()
    .min(1, "body is required")
    .max(5_000, "body must be at most 5000 characters"),
});

export const ZEscalateInput = ZCaseRef.extend({ reason: ZReason("reason") });

const CLEAR_CLAIM = { claimedById: null, claimedAt: null, claimActiveAt: null } as const;

interface ActionContext {
  tx: Tx;
  row: LockedCase;
  now: Date;
  viewer: Viewer;
  conversation: { id: string; sourceId: string; brief: Brief };
  /** Records the measurement event, in the transaction. */
  event(type: string, data: Record<string, unknown>): Promise<void>;
  audit(action: string, before: Prisma.InputJsonValue | null, after: Prisma.InputJsonValue | null): Promise<void>;
}

/** Locks the case, checks the viewer may act at this version, and runs `work` in the transaction. */
async function act<R>(
  db: Db,
  viewer: Viewer,
  ref: { caseId: string; version: number },
  work: (ctx: ActionContext) => Promise<R>,
  /** When the action happens: now, except for the demo's history (server/services/demo-history.ts). */
  now = new Date(),
): Promise<R> {
  return db.$transaction(async (tx) => {
    // Ingest takes this lock before it reads the case and handoff; taking it first here too means a
    // reviewer's action and a new post of the same chat run one after the other, never interleaved.
    const [target] = await tx.$queryRawUnsafe<{ source_id: string; external_id: string }[]>(
      `SELECT c.source_id::text AS source_id, c.external_id FROM exception_cases e
         JOIN conversations c ON c.id = e.conversation_id WHERE e.id = $1::uuid`,
      ref.caseId,
    );
    if (target) {
      await tx.$queryRawUnsafe(
        `SELECT 1 AS locked FROM pg_advisory_xact_lock(hashtextextended($1::text, 0))`,
        conversationLockKey(target.source_id, target.external_id),
      );
    }
    const row = await assertCanAct(tx, viewer, ref.caseId, ref.version);
    const conversation = await tx.conversation.findUniqueOrThrow({
      where: { id: row.conversationId },
      select: { id: true, sourceId: true, brief: true },
    });
    return work({
      tx,
      row,
      now,
      viewer,
      conversation: { ...conversation, brief: conversation.brief as unknown as Brief },
      event: async (type, data) => {
        await tx.event.create({
          data: {
            type,
            conversationId: conversation.id,
            sourceId: conversation.sourceId,
            data: { caseId: row.id, ...data } as Prisma.InputJsonValue,
            occurredAt: now,
          },
        });
      },
      audit: (action, before, after) =>
        recordAudit(tx, { actorId: viewer.id, action, targetType: "case", targetId: row.id, before, after }),
    });
  }, TX_OPTIONS);
}

/** The driver-style interface ingest's outbound code takes, over this Prisma transaction. */
function sqlOf(tx: Tx): Sql {
  return { query: <T>(text: string, values: unknown[] = []) => tx.$queryRawUnsafe<T[]>(text, ...values) };
}

async function latestConsent(tx: Tx, conversationId: string, brief: Brief): Promise<string> {
  const record = await tx.consentRecord.findFirst({
    where: { conversationId },
    orderBy: [{ recordedAt: "desc" }, { id: "desc" }],
    select: { status: true },
  });
  return record?.status ?? brief.consent.status;
}

type HandOffInput = z.infer<typeof ZApproveInput> & { reason?: string };

/**
 * Approve (routing's owner, or another) or reassign (another owner, with a reason): the case is
 * resolved and the conversation handed off. Contacting the visitor needs consent: given, or
 * confirmed by the reviewer from the transcript; a refusal is never overridden here.
 */
async function handOff(db: Db, viewer: Viewer, input: HandOffInput, kind: "approve" | "reassign", at: Date) {
  // On the embedded database the job queue must be running before a transaction sends jobs.
  const jobs = await getJobs();
  return act(
    db,
    viewer,
    input,
    async (ctx) => {
      const { tx, row, now } = ctx;
      const details = await tx.exceptionCase.findUniqueOrThrow({
        where: { id: row.id },
        select: {
          priority: true,
          dueAt: true,
          suggestedOwnerId: true,
          suggestedTeamId: true,
          ruleId: true,
          ruleVersion: true,
          conversation: {
            select: {
              handoff: { select: { id: true, status: true, ownerId: true, teamId: true, priority: true, dueAt: true } },
            },
          },
        },
      });
      const consent = await latestConsent(tx, ctx.conversation.id, ctx.conversation.brief);
      if (consent === "refused") {
        throw new AppError(
          "BAD_REQUEST",
          "The visitor refused to be contacted, so no owner may contact them. Request consent instead.",
          { field: "consentConfirmed" },
        );
      }
      if (consent !== "given" && input.consentConfirmed !== true) {
        throw new AppError(
          "BAD_REQUEST",
          `consentConfirmed: consent is ${consent.replace("_", " ")}. Confirm from the transcript that the visitor agreed to be contacted, or request consent.`,
          { field: "consentConfirmed" },
        );
      }
      if (kind === "reassign" && input.ownerId === details.suggestedOwnerId) {
        throw new AppError(
          "BAD_REQUEST",
          "ownerId: reassigning needs an owner other than the suggested one; approve instead.",
          {
            field: "ownerId",
          },
        );
      }
      const owner = await tx.user.findFirst({
        where: { id: input.ownerId, active: true, role: { in: [...OWNER_ROLES] } },
        select: { id: true, memberships: { select: { teamId: true } } },
      });
      if (!owner) {
        throw new AppError("BAD_REQUEST", "ownerId: choose an active owner, manager or admin.", { field: "ownerId" });
      }
      if (consent !== "given") {
        // The reviewer's confirmation is the consent record from now on, naming who confirmed it, so
        // the owner's email, the inbox, replies and webhooks all read the same status.
        await tx.consentRecord.create({
          data: {
            conversationId: ctx.conversation.id,
            status: "given",
            evidenceMessage: null,
            words: `Confirmed from the transcript by ${viewer.name} (was ${consent.replace("_", " ")})`,
            recordedAt: now,
          },
        });
        await tx.conversation.update({
          where: { id: ctx.conversation.id },
          data: { consentStatus: "given" },
          select: { id: true },
        });
        await ctx.event("consent.recorded", { status: "given", previous: consent, confirmedById: viewer.id });
      }
      let teamId: string | null = null;
      if (input.teamId) {
        if (!(await tx.team.findUnique({ where: { id: input.teamId }, select: { id: true } }))) {
          throw new AppError("BAD_REQUEST", "teamId: no such team.", { field: "teamId" });
        }
        teamId = input.teamId;
      } else if (details.suggestedTeamId && owner.memberships.some((m) => m.teamId === details.suggestedTeamId)) {
        teamId = details.suggestedTeamId;
      }

      // Another owner than routing chose counts toward the wrong-owner rate, naming the rule that chose.
      const differs = details.suggestedOwnerId !== null && owner.id !== details.suggestedOwnerId;
      const resolution = kind === "reassign" || differs ? "reassigned" : "approved";
      const version = await writeCaseVersioned(tx, row, {
        status: "resolved",
        resolution,
        resolvedById: viewer.id,
        resolvedAt: now,
        waitingFor: null,
        ...CLEAR_CLAIM,
      });

      const routed = { ruleId: details.ruleId, ruleVersion: details.ruleVersion, priority: details.priority };
      const existing = details.conversation.handoff;
      // The case's SLA when it is still ahead; a handoff that goes back to an owner gets a new hour.
      const dueAt =
        details.dueAt && (!existing || details.dueAt > now) ? details.dueAt : new Date(now.getTime() + 60 * 60_000);
      const outbound: PipelineEvent[] = [];
      let handoffId: string;
      if (existing) {
        // Withdrawn earlier by ingest (new messages needed review): it goes back to an owner.
        await tx.handoff.update({
          where: { id: existing.id },
          // A fresh start for whoever has it now: its clock, breach and response belong to the earlier turn.
          data: {
            ownerId: owner.id,
            teamId,
            status: "open",
            ...routed,
            dueAt,
            breachedAt: null,
            respondedAt: null,
            respondedVia: null,
            responseSeconds: null,
            responseBusinessSeconds: null,
            version: { increment: 1 },
          },
          select: { id: true },
        });
        handoffId = existing.id;
        // Someone else has it now: they are told as any new owner is (the email is once per owner).
        if (existing.ownerId !== owner.id) await jobs.send(sqlOf(tx), "ownerEmail", { handoffId });
        await ctx.event("handoff.reopened", {
          handoffId,
          ownerId: owner.id,
          teamId,
          previousOwnerId: existing.ownerId,
          ...routed,
          approvedById: viewer.id,
        });
      } else {
        const created = await tx.handoff.create({
          data: { conversationId: ctx.conversation.id, ownerId: owner.id, teamId, dueAt, ...routed },
          select: { id: true },
        });
        handoffId = created.id;
        const data = { handoffId, ownerId: owner.id, teamId, ...routed, approvedById: viewer.id };
        await ctx.event("handoff.created", data);
        outbound.push({ type: "handoff.created", data });
      }
      if (resolution === "reassigned") {
        await ctx.event("handoff.reassigned", {
          handoffId,
          fromOwnerId: details.suggestedOwnerId,
          toOwnerId: owner.id,
          reason: input.reason ?? null,
          ruleId: details.ruleId,
          ruleVersion: details.ruleVersion,
        });
      }
      if (kind === "approve") {
        await ctx.event("case.approved", {
          handoffId,
          ownerId: owner.id,
          suggestedOwnerId: details.suggestedOwnerId,
          consentConfirmed: consent !== "given",
        });
      }
      await ctx.event("case.resolved", { resolution });
      outbound.push({ type: "case.resolved", data: { caseId: row.id, resolution } });
      await ctx.audit(
        kind === "approve" ? "case.approved" : "case.reassigned",
        {
          status: "open",
          claimedById: row.claimedById,
          suggestedOwnerId: details.suggestedOwnerId,
          handoff: existing ? { id: existing.id, status: existing.status, ownerId: existing.ownerId } : null,
        },
        {
          status: "resolved",
          resolution,
          handoffId,
          ownerId: owner.id,
          teamId,
          reason: input.reason ?? null,
          consent,
          consentConfirmed: consent !== "given",
          ruleId: details.ruleId,
          ruleVersion: details.ruleVersion,
        },
      );
      await queueOutbound(sqlOf(tx), jobs, {
        conversationId: ctx.conversation.id,
        events: outbound,
        brief: ctx.conversation.brief,
        // The reviewer confirmed it from the transcript, so the owner may see how to reach them.
        consentStatus: "given",
        contentHash: "",
        modelConfigured: false,
        now,
      });
      return { caseId: row.id, version, handoffId, resolution, ownerId: owner.id };
    },
    at,
  );
}

export function approveCase(db: Db, viewer: Viewer, input: z.infer<typeof ZApproveInput>, now = new Date()) {
  return handOff(db, viewer, input, "approve", now);
}

/** Hands the case to an owner other than routing's choice, with the reason (counted as a wrong owner). */
export function reassignCase(db: Db, viewer: Viewer, input: z.infer<typeof ZReassignInput>, now = new Date()) {
  return handOff(db, viewer, input, "reassign", now);
}

interface LeadSnapshot {
  id: string;
  kind: "lead" | "customer";
  name: string | null;
  email: string | null;
  phoneE164: string | null;
  company: string | null;
  ownerId: string | null;
  mergedIntoId: string | null;
}

interface MergeBefore {
  from: LeadSnapshot;
  into: LeadSnapshot;
  /** The conversations that belonged to the merged lead and moved to the kept one. */
  conversationIds: string[];
  /** The kept lead right after the merge: undo restores only the fields nobody changed since. */
  intoAfter?: Omit<LeadSnapshot, "id" | "mergedIntoId">;
}

const COLUMN: Record<LeadField, "name" | "email" | "phoneE164" | "company"> = {
  name: "name",
  email: "email",
  phone: "phoneE164",
  company: "company",
};

/** Both leads, locked in id order (two merges of one pair queue rather than deadlock). */
async function lockLeads(tx: Tx, ids: string[]): Promise<Map<string, LeadSnapshot>> {
  const rows = await tx.$queryRaw<LeadSnapshot[]>`
    SELECT id::text AS "id", kind::text AS "kind", name, email, phone_e164 AS "phoneE164", company,
           owner_id::text AS "ownerId", merged_into_id::text AS "mergedIntoId"
      FROM leads WHERE id = ANY(${ids}::uuid[]) ORDER BY id FOR UPDATE`;
  return new Map(rows.map((r) => [r.id, r]));
}

function restorable(lead: LeadSnapshot) {
  const { id: _id, ...fields } = lead;
  return fields;
}

/**
 * Folds this conversation's lead into an existing one, field by field: the kept lead takes the
 * chosen values, the other is marked merged into it, and its conversations move. The merge keeps
 * both leads as they were, so undoMerge can put them back exactly.
 */
export async function mergeLead(db: Db, viewer: Viewer, input: z.infer<typeof ZMergeLeadInput>) {
  return act(db, viewer, input, async (ctx) => {
    const { tx, row, now } = ctx;
    const { leadId } = await tx.conversation.findUniqueOrThrow({
      where: { id: ctx.conversation.id },
      select: { leadId: true },
    });
    if (!leadId) {
      throw new AppError("BAD_REQUEST", "intoLeadId: this conversation has no lead of its own to merge.", {
        field: "intoLeadId",
      });
    }
    if (leadId === input.intoLeadId) {
      throw new AppError("BAD_REQUEST", "intoLeadId: that is this conversation's own lead.", { field: "intoLeadId" });
    }
    const leads = await lockLeads(tx, [leadId, input.intoLeadId]);
    const from = leads.get(leadId);
    const into = leads.get(input.intoLeadId);
    if (!from) throw new AppError("CONFLICT", "This conversation's lead no longer exists.");
    if (!into) throw new AppError("BAD_REQUEST", "intoLeadId: no such lead.", { field: "intoLeadId" });
    if (into.mergedIntoId) {
      throw new AppError("BAD_REQUEST", "intoLeadId: that lead was itself merged into another.", {
        field: "intoLeadId",
      });
    }
    if (from.mergedIntoId) throw new AppError("CONFLICT", "This conversation's lead was already merged.");

    const moved = await tx.conversation.findMany({ where: { leadId: from.id }, select: { id: true } });
    const before: MergeBefore = { from, into, conversationIds: moved.map((c) => c.id) };
    const choices = Object.fromEntries(LEAD_FIELDS.map((f) => [f, input.choices[f] ?? "into"])) as Record<
      LeadField,
      "from" | "into"
    >;
    const kept: Partial<Record<(typeof COLUMN)[LeadField], string | null>> = {};
    for (const field of LEAD_FIELDS) if (choices[field] === "from") kept[COLUMN[field]] = from[COLUMN[field]];
    const intoAfter = await tx.lead.update({
      where: { id: into.id },
      data: {
        ...kept,
        // A customer stays a customer whichever record is kept, with their account owner.
        kind: into.kind === "customer" || from.kind === "customer" ? "customer" : "lead",
        ownerId: into.ownerId ?? from.ownerId,
      },
      select: { name: true, email: true, phoneE164: true, company: true, kind: true, ownerId: true },
    });
    await tx.lead.update({ where: { id: from.id }, data: { mergedIntoId: into.id }, select: { id: true } });
    await tx.conversation.updateMany({ where: { leadId: from.id }, data: { leadId: into.id } });
    const merge = await tx.leadMerge.create({
      data: {
        fromLeadId: from.id,
        intoLeadId: into.id,
        caseId: row.id,
        choices,
        before: { ...before, intoAfter } as unknown as Prisma.InputJsonValue,
        mergedById: viewer.id,
        createdAt: now,
      },
      select: { id: true },
    });
    const version = await writeCaseVersioned(tx, row, { claimActiveAt: now });
    await ctx.event("lead.merged", { mergeId: merge.id, fromLeadId: from.id, intoLeadId: into.id, choices });
    await ctx.audit(
      "case.lead_merged",
      { into: restorable(into), from: restorable(from) } as unknown as Prisma.InputJsonValue,
      {
        mergeId: merge.id,
        into: intoAfter,
        from: { mergedIntoId: into.id },
        choices,
        conversationsMoved: before.conversationIds.length,
      } as unknown as Prisma.InputJsonValue,
    );
    return { caseId: row.id, version, mergeId: merge.id, intoLeadId: into.id };
  });
}

/** Puts both leads and the moved conversations back as they were before the merge. */
export async function undoMerge(db: Db, viewer: Viewer, input: z.infer<typeof ZUndoMergeInput>) {
  return act(db, viewer, input, async (ctx) => {
    const { tx, row, now } = ctx;
    const [merge] = await tx.$queryRaw<
      {
        id: string;
        caseId: string | null;
        fromLeadId: string;
        intoLeadId: string;
        before: MergeBefore;
        undoneAt: Date | null;
        createdAt: Date;
      }[]
    >`SELECT id::text AS "id", case_id::text AS "caseId", from_lead_id::text AS "fromLeadId",
             into_lead_id::text AS "intoLeadId", before, undone_at AS "undoneAt", created_at AS "createdAt"
        FROM lead_merges WHERE id = ${input.mergeId}::uuid FOR UPDATE`;
    if (!merge || merge.caseId !== row.id) {
      throw new AppError("NOT_FOUND", "mergeId: no such merge on this case.", { field: "mergeId" });
    }
    if (merge.undoneAt) throw new AppError("CONFLICT", "This merge was already undone.");
    const ids = [merge.fromLeadId, merge.intoLeadId];
    const later = await tx.leadMerge.findFirst({
      where: {
        id: { not: merge.id },
        undoneAt: null,
        createdAt: { gt: merge.createdAt },
        OR: [{ fromLeadId: { in: ids } }, { intoLeadId: { in: ids } }],
      },
      select: { id: true },
    });
    if (later) throw new AppError("CONFLICT", "A later merge involves these leads; undo that one first.");
    const leads = await lockLeads(tx, ids);
    const current = { from: leads.get(merge.fromLeadId), into: leads.get(merge.intoLeadId) };
    if (!current.from || !current.into) throw new AppError("CONFLICT", "One of the merged leads no longer exists.");

    const { before } = merge;
    // A field of the kept lead changed since the merge (a later post, another reviewer) keeps its new
    // value; only what the merge itself set goes back.
    const intoRestore: Record<string, unknown> = {};
    const keptSince: string[] = [];
    for (const [field, value] of Object.entries(restorable(before.into))) {
      const key = field as keyof typeof before.into;
      const unchanged = !before.intoAfter || (before.intoAfter as Record<string, unknown>)[field] === current.into[key];
      if (unchanged || field === "mergedIntoId") intoRestore[field] = value;
      else keptSince.push(field);
    }
    await tx.lead.update({ where: { id: before.into.id }, data: intoRestore, select: { id: true } });
    await tx.lead.update({ where: { id: before.from.id }, data: restorable(before.from), select: { id: true } });
    // Only the conversations the merge moved; any linked to the kept lead since then stay.
    const { count } = await tx.conversation.updateMany({
      where: { id: { in: before.conversationIds }, leadId: before.into.id },
      data: { leadId: before.from.id },
    });
    await tx.leadMerge.update({ where: { id: merge.id }, data: { undoneAt: now, undoneById: viewer.id } });
    const version = await writeCaseVersioned(tx, row, { claimActiveAt: now });
    await ctx.event("lead.merge_undone", { mergeId: merge.id, fromLeadId: before.from.id, intoLeadId: before.into.id });
    await ctx.audit(
      "case.lead_merge_undone",
      { into: restorable(current.into), from: restorable(current.from) } as unknown as Prisma.InputJsonValue,
      {
        mergeId: merge.id,
        into: restorable(before.into),
        from: restorable(before.from),
        conversationsMovedBack: count,
        changedSinceAndKept: keptSince,
      } as unknown as Prisma.InputJsonValue,
    );
    return { caseId: row.id, version, mergeId: merge.id, changedSinceAndKept: keptSince };
  });
}

/** Spam: resolved with nobody contacted. */
export async function markSpam(db: Db, viewer: Viewer, input: z.infer<typeof ZMarkSpamInput>, at = new Date()) {
  const jobs = await getJobs();
  return act(
    db,
    viewer,
    input,
    async (ctx) => {
      const { tx, row, now } = ctx;
      const version = await writeCaseVersioned(tx, row, {
        status: "resolved",
        resolution: "spam",
        resolvedById: ctx.viewer.id,
        resolvedAt: now,
        waitingFor: null,
        ...CLEAR_CLAIM,
      });
      await ctx.event("case.spam", {});
      await ctx.event("case.resolved", { resolution: "spam" });
      await ctx.audit(
        "case.spam",
        { status: "open", claimedById: row.claimedById },
        { status: "resolved", resolution: "spam" },
      );
      const consent = await latestConsent(tx, ctx.conversation.id, ctx.conversation.brief);
      await queueOutbound(sqlOf(tx), jobs, {
        conversationId: ctx.conversation.id,
        events: [{ type: "case.resolved", data: { caseId: row.id, resolution: "spam" } }],
        brief: ctx.conversation.brief,
        consentStatus: consent,
        contentHash: "",
        modelConfigured: false,
        now,
      });
      return { caseId: row.id, version };
    },
    at,
  );
}

/**
 * No owner contacts the visitor until they agree: the case waits for consent, released for whoever
 * picks it up next. When a later post of the conversation brings consent, ingest hands it off.
 */
export async function requestConsent(db: Db, viewer: Viewer, input: z.infer<typeof ZRequestConsentInput>) {
  return act(db, viewer, input, async (ctx) => {
    const { tx, row } = ctx;
    const consent = await latestConsent(tx, ctx.conversation.id, ctx.conversation.brief);
    if (consent === "given") throw new AppError("BAD_REQUEST", "The visitor already agreed to be contacted.");
    if (row.waitingFor === "consent") throw new AppError("BAD_REQUEST", "Consent was already requested.");
    const version = await writeCaseVersioned(tx, row, { waitingFor: "consent", ...CLEAR_CLAIM });
    await ctx.event("consent.requested", { consent });
    await ctx.audit(
      "case.consent_requested",
      { waitingFor: row.waitingFor, claimedById: row.claimedById, consent },
      { waitingFor: "consent", claimedById: null },
    );
    return { caseId: row.id, version };
  });
}

function originalBriefValue(brief: Brief, field: EditableBriefField): string | null {
  switch (field) {
    case "statedNeed":
      return brief.statedNeed?.value ?? null;
    case "unresolvedQuestion":
      return brief.unresolvedQuestion?.value ?? null;
    case "urgency":
      return brief.urgency.level;
    case "topic":
      return brief.topic?.label ?? null;
    case "contactName":
      return brief.contact.name?.value ?? null;
    case "company":
      return brief.contact.company?.value ?? null;
  }
}

/** A reviewer's correction, kept beside the analysis's original (which is never changed). */
export async function editBrief(db: Db, viewer: Viewer, input: z.infer<typeof ZEditBriefInput>) {
  return act(db, viewer, input, async (ctx) => {
    const { tx, row, now } = ctx;
    const { briefEdits } = await tx.conversation.findUniqueOrThrow({
      where: { id: ctx.conversation.id },
      select: { briefEdits: true },
    });
    const edits = {
      ...((briefEdits ?? {}) as Record<string, { value: string; editedById: string; editedAt: string }>),
    };
    const previous = edits[input.field]?.value ?? originalBriefValue(ctx.conversation.brief, input.field);
    edits[input.field] = { value: input.value, editedById: viewer.id, editedAt: now.toISOString() };
    await tx.conversation.update({
      where: { id: ctx.conversation.id },
      data: {
        briefEdits: edits,
        // The dashboards count the corrected brief (docs/METRICS.md).
        ...(input.field === "statedNeed" ? { needStated: input.value.trim() !== "" } : {}),
        ...(input.field === "unresolvedQuestion" ? { unresolved: input.value.trim() !== "" } : {}),
      },
      select: { id: true },
    });
    const version = await writeCaseVersioned(tx, row, { claimActiveAt: now });
    await ctx.event("brief.edited", { field: input.field });
    await ctx.audit(
      "case.brief_edited",
      { field: input.field, value: previous },
      { field: input.field, value: input.value },
    );
    return { caseId: row.id, version };
  });
}

export async function addNote(db: Db, viewer: Viewer, input: z.infer<typeof ZAddNoteInput>) {
  return act(db, viewer, input, async (ctx) => {
    const { tx, row, now } = ctx;
    const note = await tx.caseNote.create({
      data: { caseId: row.id, authorId: viewer.id, body: input.body, createdAt: now },
      select: { id: true },
    });
    const version = await writeCaseVersioned(tx, row, { claimActiveAt: now });
    await ctx.event("case.note_added", { noteId: note.id });
    await ctx.audit("case.note_added", null, { noteId: note.id, body: input.body });
    return { caseId: row.id, version, noteId: note.id };
  });
}

/** Hands the case to managers: released, and from now on only managers and admins work on it. */
export async function escalateCase(db: Db, viewer: Viewer, input: z.infer<typeof ZEscalateInput>) {
  return act(db, viewer, input, async (ctx) => {
    const { tx, row, now } = ctx;
    if (row.escalatedAt) throw new AppError("BAD_REQUEST", "This case is already escalated.");
    const version = await writeCaseVersioned(tx, row, { escalatedAt: now, ...CLEAR_CLAIM });
    // The reason is what the manager reads first: kept as a note on the case too.
    await tx.caseNote.create({
      data: { caseId: row.id, authorId: viewer.id, body: `Escalated: ${input.reason}`, createdAt: now },
      select: { id: true },
    });
    await ctx.event("case.escalated", { reason: input.reason });
    await ctx.audit(
      "case.escalated",
      { escalatedAt: null, claimedById: row.claimedById },
      { escalatedAt: now.toISOString(), reason: input.reason },
    );
    return { caseId: row.id, version };
  });
}
