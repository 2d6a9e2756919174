import { z } from "zod";
import type { Db } from "../../db/client";
import type { Brief, Evidence, FlagFinding, Intent, Message } from "../../domain/analysis/types";
import { slaOf } from "../../domain/routing/route";
import { maskPersonalData } from "../../domain/redaction/mask";
import { ZRoutingConfig } from "../../domain/routing/rules";
import { AppError } from "../../errors";
import { recordAudit } from "../audit";
import { isClaimLapsed, CLAIM_IDLE_MS, ZCaseId, type Viewer } from "./claims";
import { maskContactValue, quoteFromSegments, segmentMessage, type Segment } from "./transcript";

// Everything the case view shows, in one read: the transcript (masked unless revealed), the brief
// with its evidence, consent, the lead match, who routing suggested and by which rule, notes,
// history, the claim, and what this viewer may do. Without `cases:read` a case does not exist
// (NOT_FOUND, whatever the id), so an owner cannot learn that one does.

export const ZCaseGetInput = z.object({ caseId: ZCaseId });

export const EDITABLE_BRIEF_FIELDS = [
  "statedNeed",
  "unresolvedQuestion",
  "urgency",
  "topic",
  "contactName",
  "company",
] as const;
export type EditableBriefField = (typeof EDITABLE_BRIEF_FIELDS)[number];

/** Roles a handoff can go to. */
export const OWNER_ROLES = ["owner", "manager", "admin"] as const;

export interface ViewEvidence {
  message: number;
  start: number;
  end: number;
  /** The quoted words as the transcript shows them (masked unless revealed). */
  quote: string;
}

export interface ViewMessage {
  index: number;
  role: Message["role"];
  at: string | null;
  segments: Segment[];
  /** Spans where the bot promised something (price, time, outcome) a person must honour or correct. */
  promises: { start: number; end: number }[];
}

interface StoredMessage {
  role: Message["role"];
  text: string;
  at?: string | null;
}

interface BriefEdit {
  value: string;
  editedById: string;
  editedAt: string;
}

interface CaseMatch {
  leadId: string;
  score: number;
  reasons: string[];
}

const can = (viewer: Viewer, permission: Viewer["permissions"][number]) => viewer.permissions.includes(permission);

/** The case id for a page address: a case id, or the id of the case's conversation (owner emails link those). */
export async function findCaseIdForPage(db: Db, viewer: Viewer, id: string): Promise<string | null> {
  if (!can(viewer, "cases:read") || !ZCaseId.safeParse(id).success) return null;
  const row = await db.exceptionCase.findFirst({
    where: { OR: [{ id }, { conversationId: id }] },
    select: { id: true },
  });
  return row?.id ?? null;
}

export async function loadCaseForReview(db: Db, viewer: Viewer, caseId: string, options: { reveal?: boolean } = {}) {
  // A case is invisible to whoever may not read cases: the same answer for every id.
  if (!can(viewer, "cases:read")) throw new AppError("NOT_FOUND", "No such case.");
  const reveal = options.reveal === true;
  if (reveal && !can(viewer, "sensitive:reveal")) {
    throw new AppError("FORBIDDEN", "Your account may not reveal masked data. Ask an admin to allow it.");
  }
  const row = await db.exceptionCase.findUnique({
    where: { id: caseId },
    select: {
      id: true,
      status: true,
      reasons: true,
      priority: true,
      dueAt: true,
      createdAt: true,
      resolution: true,
      resolvedAt: true,
      resolvedById: true,
      escalatedAt: true,
      waitingFor: true,
      version: true,
      claimedAt: true,
      claimActiveAt: true,
      ruleId: true,
      ruleVersion: true,
      matches: true,
      claimedBy: { select: { id: true, name: true } },
      suggestedOwner: { select: { id: true, name: true, active: true } },
      suggestedTeam: { select: { id: true, name: true } },
      notes: {
        orderBy: { createdAt: "desc" },
        select: { id: true, body: true, createdAt: true, author: { select: { id: true, name: true } } },
      },
      conversation: {
        select: {
          id: true,
          pageUrl: true,
          referrer: true,
          utm: true,
          locale: true,
          messages: true,
          brief: true,
          briefEdits: true,
          analyzer: true,
          visitorFields: true,
          receivedAt: true,
          startedAt: true,
          transcriptRemovedAt: true,
          transcriptRemoval: true,
          source: { select: { name: true, kind: true } },
          lead: { select: LEAD_SELECT },
          consentRecords: {
            orderBy: [{ recordedAt: "desc" }, { id: "desc" }],
            select: { status: true, evidenceMessage: true, words: true, wordingVersion: true, recordedAt: true },
          },
          handoff: {
            select: {
              id: true,
              status: true,
              createdAt: true,
              owner: { select: { id: true, name: true } },
              team: { select: { id: true, name: true } },
            },
          },
        },
      },
    },
  });
  if (!row) throw new AppError("NOT_FOUND", "No such case.");
  const conversation = row.conversation;
  const brief = conversation.brief as unknown as Brief;
  const stored = (conversation.messages as unknown as StoredMessage[]) ?? [];

  // The transcript first: every quote below is cut from these segments, so it is masked the same way.
  const sensitiveBy = groupByMessage(brief.sensitive ?? []);
  const promiseBy = groupByMessage(brief.flags.find((f) => f.flag === "bot_promise")?.evidence ?? []);
  const messages: ViewMessage[] = stored.map((m, index) => ({
    index,
    role: m.role,
    at: m.at ?? null,
    segments: segmentMessage(m.text ?? "", sensitiveBy.get(index) ?? [], reveal),
    promises: m.role === "bot" ? (promiseBy.get(index) ?? []).map(({ start, end }) => ({ start, end })) : [],
  }));
  const ev = (e: Evidence): ViewEvidence => {
    const segments = messages[e.message]?.segments;
    return {
      message: e.message,
      start: e.start,
      end: e.end,
      quote: segments ? quoteFromSegments(segments, e.start, e.end) : reveal ? e.quote : maskContactValue(e.quote),
    };
  };
  const text = (value: string) => (reveal ? value : maskContactValue(value));
  const finding = (f: { value: string; evidence: Evidence[] } | null) =>
    f ? { value: text(f.value), evidence: f.evidence.map(ev) } : null;

  const [matchedLeads, merges, history, ruleInfo, candidates] = await Promise.all([
    loadMatchedLeads(db, row.matches),
    db.leadMerge.findMany({
      where: { caseId: row.id },
      orderBy: { createdAt: "desc" },
      select: {
        id: true,
        fromLeadId: true,
        intoLeadId: true,
        choices: true,
        createdAt: true,
        undoneAt: true,
        mergedById: true,
        undoneById: true,
      },
    }),
    db.auditLog.findMany({
      where: {
        OR: [
          { targetType: "case", targetId: row.id },
          { targetType: "conversation", targetId: conversation.id },
        ],
      },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: 200,
      select: {
        id: true,
        action: true,
        createdAt: true,
        before: true,
        after: true,
        actor: { select: { id: true, name: true } },
      },
    }),
    loadRule(db, row.ruleId, row.ruleVersion, (row.conversation.brief as unknown as Brief).intent?.value ?? "other"),
    loadCandidateOwners(db, row.suggestedTeam?.id ?? null),
  ]);
  const edits = (conversation.briefEdits ?? {}) as unknown as Record<string, BriefEdit>;
  const userIds = new Set<string>();
  if (row.resolvedById) userIds.add(row.resolvedById);
  for (const edit of Object.values(edits)) userIds.add(edit.editedById);
  for (const merge of merges) {
    if (merge.mergedById) userIds.add(merge.mergedById);
    if (merge.undoneById) userIds.add(merge.undoneById);
  }
  const users = new Map(
    (await db.user.findMany({ where: { id: { in: [...userIds] } }, select: { id: true, name: true } })).map((u) => [
      u.id,
      u,
    ]),
  );
  const person = (id: string | null) => (id ? (users.get(id) ?? { id, name: "Former user" }) : null);

  const lead = (l: LeadRow | null) =>
    l
      ? {
          id: l.id,
          kind: l.kind,
          name: l.name,
          email: l.email ? text(l.email) : null,
          phone: l.phoneE164 ? text(l.phoneE164) : null,
          company: l.company,
          ownerName: l.owner?.name ?? null,
          mergedIntoId: l.mergedIntoId,
          createdAt: l.createdAt,
        }
      : null;
  const mergeLeadIds = merges.flatMap((m) => [m.fromLeadId, m.intoLeadId]);
  const mergeLeads = new Map(
    (await db.lead.findMany({ where: { id: { in: mergeLeadIds } }, select: LEAD_SELECT })).map((l) => [l.id, l]),
  );

  const consentRecord = conversation.consentRecords[0] ?? null;
  const consentEvidence =
    consentRecord && brief.consent.evidence && brief.consent.evidence.message === consentRecord.evidenceMessage
      ? ev(brief.consent.evidence)
      : brief.consent.evidence && !consentRecord?.wordingVersion
        ? ev(brief.consent.evidence)
        : null;

  const now = new Date();
  const lapsed = row.claimedBy ? isClaimLapsed(row.claimActiveAt, now) : false;
  const mine = row.claimedBy?.id === viewer.id && !lapsed;
  const heldByOther = Boolean(row.claimedBy && row.claimedBy.id !== viewer.id && !lapsed);
  const open = row.status === "open";
  const escalationBlocks = Boolean(row.escalatedAt) && !can(viewer, "cases:takeover");
  const allowed = {
    claim: can(viewer, "queue:work") && open && !escalationBlocks && !mine && !heldByOther,
    takeover: can(viewer, "cases:takeover") && can(viewer, "queue:work") && open && heldByOther,
    release: open && mine,
    act: can(viewer, "queue:work") && open && mine && !escalationBlocks,
    reveal: can(viewer, "sensitive:reveal"),
  };
  const blockedReason = !open
    ? "This case is resolved."
    : escalationBlocks
      ? "This case was escalated to a manager; only managers and admins can work on it."
      : heldByOther
        ? `${row.claimedBy!.name} holds this case.`
        : !mine
          ? lapsed && row.claimedBy?.id === viewer.id
            ? "Your claim lapsed after 15 idle minutes. Claim the case again to act on it."
            : "Claim this case to act on it."
          : null;

  if (reveal) {
    await recordAudit(db, {
      actorId: viewer.id,
      action: "case.revealed",
      targetType: "case",
      targetId: row.id,
      after: { conversationId: conversation.id },
    });
  }

  const visitor = (conversation.visitorFields ?? null) as {
    name?: string;
    email?: string;
    phone?: string;
    company?: string;
  } | null;
  const utm = (conversation.utm ?? brief.source?.campaign ?? null) as Record<string, string | null> | null;

  return {
    revealed: reveal,
    case: {
      id: row.id,
      status: row.status,
      reasons: row.reasons,
      priority: row.priority,
      dueAt: row.dueAt,
      createdAt: row.createdAt,
      resolution: row.resolution,
      resolvedAt: row.resolvedAt,
      resolvedBy: person(row.resolvedById),
      escalatedAt: row.escalatedAt,
      waitingFor: row.waitingFor,
      version: row.version,
    },
    claim: {
      holder: row.claimedBy,
      claimedAt: row.claimedAt,
      activeAt: row.claimActiveAt,
      lapsesAt: row.claimActiveAt ? new Date(row.claimActiveAt.getTime() + CLAIM_IDLE_MS) : null,
      lapsed,
      mine,
    },
    allowed,
    blockedReason,
    conversation: {
      id: conversation.id,
      // A page address or referrer can carry a visitor's email in its query string.
      pageUrl: conversation.pageUrl && text(conversation.pageUrl),
      referrer: conversation.referrer && text(conversation.referrer),
      campaign: utm,
      locale: conversation.locale,
      receivedAt: conversation.receivedAt,
      startedAt: conversation.startedAt,
      source: conversation.source,
      analyzer: conversation.analyzer,
      /** Set when the retention job deleted or redacted the transcript. */
      transcriptRemoved: conversation.transcriptRemovedAt
        ? { at: conversation.transcriptRemovedAt, how: conversation.transcriptRemoval }
        : null,
    },
    messages,
    brief: {
      summary: text(brief.summary),
      analyzer: brief.analyzer,
      fallbackReason: brief.fallbackReason,
      policyVersion: brief.policyVersion,
      intent: { value: brief.intent.value, evidence: brief.intent.evidence.map(ev) },
      customerStatus: { value: brief.customerStatus.value, evidence: brief.customerStatus.evidence.map(ev) },
      topic: brief.topic
        ? { id: brief.topic.id, label: brief.topic.label, evidence: brief.topic.evidence.map(ev) }
        : null,
      statedNeed: finding(brief.statedNeed),
      unresolvedQuestion: finding(brief.unresolvedQuestion),
      urgency: {
        level: brief.urgency.level,
        reason: text(brief.urgency.reason),
        evidence: brief.urgency.evidence.map(ev),
      },
      contact: {
        name: finding(brief.contact.name),
        email: finding(brief.contact.email),
        phone: brief.contact.phone
          ? {
              value: text(brief.contact.phone.e164 ?? brief.contact.phone.value),
              evidence: brief.contact.phone.evidence.map(ev),
            }
          : null,
        company: finding(brief.contact.company),
      },
      visitorFields: visitor
        ? {
            name: visitor.name ?? null,
            email: visitor.email ? text(visitor.email) : null,
            phone: visitor.phone ? text(visitor.phone) : null,
            company: visitor.company ?? null,
          }
        : null,
      flags: brief.flags.map((f: FlagFinding) => ({
        flag: f.flag,
        evidence: f.evidence.map(ev),
        model: f.model ?? null,
      })),
      highValue: brief.highValue,
      nextAction: brief.nextAction,
    },
    edits: Object.fromEntries(
      Object.entries(edits).map(([field, edit]) => [
        field,
        { value: edit.value && text(edit.value), editedAt: edit.editedAt, editedBy: person(edit.editedById) },
      ]),
    ) as Partial<
      Record<EditableBriefField, { value: string; editedAt: string; editedBy: { id: string; name: string } | null }>
    >,
    consent: {
      status: consentRecord?.status ?? brief.consent.status,
      evidence: consentEvidence,
      question: brief.consent.question ? ev(brief.consent.question) : null,
      wordingVersion: consentRecord?.wordingVersion ?? null,
      recordedAt: consentRecord?.recordedAt ?? null,
      fromWidget: Boolean(consentRecord?.wordingVersion),
      history: conversation.consentRecords.map((r) => ({
        status: r.status,
        wordingVersion: r.wordingVersion,
        recordedAt: r.recordedAt,
      })),
    },
    lead: {
      linked: lead(conversation.lead),
      duplicates: matchedLeads.map((m) => ({ score: m.score, reasons: m.reasons, lead: lead(m.lead)! })),
      merges: merges.map((m) => ({
        id: m.id,
        choices: m.choices as Record<string, "from" | "into">,
        createdAt: m.createdAt,
        undoneAt: m.undoneAt,
        mergedBy: person(m.mergedById),
        undoneBy: person(m.undoneById),
        from: lead(mergeLeads.get(m.fromLeadId) ?? null),
        into: lead(mergeLeads.get(m.intoLeadId) ?? null),
      })),
    },
    routing: {
      suggestedOwner: row.suggestedOwner,
      suggestedTeam: row.suggestedTeam,
      rule: row.ruleId ? { id: row.ruleId, version: row.ruleVersion, ...ruleInfo } : null,
    },
    handoff: conversation.handoff,
    notes: row.notes.map((note) => ({ ...note, body: text(note.body) })),
    history: history.map((h) => ({
      id: h.id,
      action: h.action,
      createdAt: h.createdAt,
      actor: h.actor,
      before: reveal ? h.before : maskPersonalData(h.before),
      after: reveal ? h.after : maskPersonalData(h.after),
    })),
    candidates,
  };
}

export type CaseReview = Awaited<ReturnType<typeof loadCaseForReview>>;

function groupByMessage<T extends { message: number }>(items: T[]): Map<number, T[]> {
  const map = new Map<number, T[]>();
  for (const item of items) map.set(item.message, [...(map.get(item.message) ?? []), item]);
  return map;
}

const LEAD_SELECT = {
  id: true,
  kind: true,
  name: true,
  email: true,
  phoneE164: true,
  company: true,
  mergedIntoId: true,
  createdAt: true,
  owner: { select: { name: true } },
} as const;

interface LeadRow {
  id: string;
  kind: "lead" | "customer";
  name: string | null;
  email: string | null;
  phoneE164: string | null;
  company: string | null;
  mergedIntoId: string | null;
  createdAt: Date;
  owner: { name: string } | null;
}

async function loadMatchedLeads(db: Db, matches: unknown): Promise<(CaseMatch & { lead: LeadRow })[]> {
  const list = Array.isArray(matches) ? (matches as CaseMatch[]) : [];
  if (list.length === 0) return [];
  const leads = new Map(
    (await db.lead.findMany({ where: { id: { in: list.map((m) => m.leadId) } }, select: LEAD_SELECT })).map((l) => [
      l.id,
      l,
    ]),
  );
  return list.flatMap((m) => {
    const lead = leads.get(m.leadId);
    return lead ? [{ ...m, lead }] : [];
  });
}

/** The rule that chose the suggested owner, as it read in the version that applied. */
async function loadRule(db: Db, ruleId: string | null, version: number | null, intent: Intent) {
  if (!ruleId || version === null) return { name: null, slaMinutes: null, assign: null };
  const set = await db.routingRuleSet.findUnique({ where: { version }, select: { rules: true } });
  const parsed = set ? ZRoutingConfig.safeParse(set.rules) : null;
  const rule = parsed?.success ? parsed.data.rules.find((r) => r.id === ruleId) : undefined;
  if (!rule) return { name: null, slaMinutes: null, assign: null };
  const assign =
    rule.assign.to === "team"
      ? `team ${rule.assign.team} (${rule.assign.strategy === "round_robin" ? "round robin" : "fewest open handoffs"})`
      : rule.assign.to === "user"
        ? "a named user"
        : "the customer's account owner";
  return { name: rule.name, slaMinutes: slaOf(parsed!.data!, rule, intent).slaMinutes, assign };
}

/** Who a handoff can go to: active owners, managers and admins; the suggested team's members first. */
export async function loadCandidateOwners(db: Db, suggestedTeamId: string | null) {
  const users = await db.user.findMany({
    where: { active: true, role: { in: [...OWNER_ROLES] } },
    orderBy: { name: "asc" },
    take: 500,
    select: {
      id: true,
      name: true,
      role: true,
      memberships: { select: { team: { select: { id: true, name: true } } } },
    },
  });
  return users
    .map((u) => ({
      id: u.id,
      name: u.name,
      role: u.role,
      teams: u.memberships.map((m) => m.team.name).sort(),
      inSuggestedTeam: suggestedTeamId !== null && u.memberships.some((m) => m.team.id === suggestedTeamId),
    }))
    .sort((a, b) => Number(b.inSuggestedTeam) - Number(a.inSuggestedTeam) || a.name.localeCompare(b.name));
}
