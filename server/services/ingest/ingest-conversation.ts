import { createHash } from "node:crypto";
import { parsePhoneNumberFromString } from "libphonenumber-js/min";
import { analyzeWithRules } from "../../domain/analysis";
import { MAX_MESSAGES } from "../../domain/analysis/schema";
import type { Brief, ConsentStatus } from "../../domain/analysis/types";
import { matchLead, normaliseName, type KnownLead, type VisitorIdentity } from "../../domain/intake/match-lead";
import { triageConversation, type CaseReason } from "../../domain/intake/triage";
import { routeConversation } from "../../domain/routing/route";
import type { Db } from "../../db/client";
import type { Prisma } from "../../db/generated/prisma/client";
import { getEnv } from "../../env";
import { getJobs, type JobSender } from "../../jobs/runtime";
import { queueOutbound } from "../outbound/notify";
import type { AuthenticatedSource } from "../sources";
import type { IngestConversation } from "./payload";
import { loadRoutingConfig } from "./routing-config";
import { resolveOwner } from "./resolve-owner";

// One conversation in, one outcome out, in one transaction: the analysis brief, the consent record,
// the lead, routing, then a handoff for an owner or a case for a reviewer, and the measurement
// events, and the jobs that tell the outside world (webhooks, the owner's email, alerts), all
// committed together or not at all. The same post twice changes nothing; a later post
// with more messages re-runs everything on the whole conversation.

type Tx = Prisma.TransactionClient;

export interface IngestOutcome {
  conversationId: string;
  /** Where it went: to an owner, or to the exception queue. */
  outcome: "handoff" | "case";
  handoffId: string | null;
  caseId: string | null;
  reasons: CaseReason[];
  nextAction: Brief["nextAction"];
  routedTo: {
    ownerId: string | null;
    teamId: string | null;
    rule: { id: string; version: number } | null;
  };
  /** True when this post created the conversation. */
  created: boolean;
  /** True when this exact conversation was already received: nothing was written. */
  unchanged: boolean;
}

export interface IngestOptions {
  now?: Date;
  /**
   * Add these messages to the stored conversation instead of replacing it: chat platforms deliver
   * one event (and so a few messages) at a time. Merged under the conversation's lock.
   */
  merge?: boolean;
  /** The platform says the chat has ended (resolved, closed): recorded as an event. */
  closed?: boolean;
  /** Where jobs are sent (the process's job queue by default). */
  jobs?: JobSender;
}

export async function ingestConversation(
  db: Db,
  source: AuthenticatedSource,
  incoming: IngestConversation,
  options: IngestOptions = {},
): Promise<IngestOutcome> {
  const now = options.now ?? new Date();
  // The analysis is pure and the slowest step: for a whole conversation, do it before holding any lock.
  const prepared = options.merge ? null : prepare(incoming);
  const routingConfig = await loadRoutingConfig(db);
  // Before the transaction: on the embedded database, starting the queue needs the one session.
  const jobs = options.jobs ?? (await getJobs());
  const modelConfigured = getEnv().ANALYSIS_MODEL_PROVIDER !== "none";

  return db.$transaction(
    async (tx) => {
      // Concurrent posts of one conversation queue here, so it is created once.
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`conversation:${source.id}:${incoming.externalId}`}, 0))`;
      const existing = await tx.conversation.findUnique({
        where: { sourceId_externalId: { sourceId: source.id, externalId: incoming.externalId } },
        select: STORED_FIELDS,
      });
      const { payload, contentHash, brief } =
        prepared ??
        prepare(existing ? mergeMessages(storedPayload(incoming.externalId, existing), incoming) : incoming);
      // The same post again, or an older one arriving late: what we have stands.
      if (existing && (existing.contentHash === contentHash || payload.messages.length < existing.messageCount)) {
        if (options.closed) await recordClosed(tx, existing.id, source.id, now);
        return { ...(await loadOutcome(tx, existing.id)), created: false, unchanged: true };
      }

      const conversationData = {
        pageUrl: payload.pageUrl ?? null,
        referrer: payload.referrer ?? null,
        utm: (payload.utm as Prisma.InputJsonValue) ?? undefined,
        locale: payload.locale ?? null,
        visitorFields: (payload.visitor as Prisma.InputJsonValue) ?? undefined,
        consentEvents: (payload.consentEvents as Prisma.InputJsonValue) ?? undefined,
        messages: payload.messages as unknown as Prisma.InputJsonValue,
        messageCount: payload.messages.length,
        contentHash,
        brief: brief as unknown as Prisma.InputJsonValue,
        analyzer: brief.analyzer,
        nextAction: brief.nextAction.action,
        startedAt: firstTime(payload),
      };
      // The lead first, so the conversation is written once, already linked to it.
      const identity = visitorIdentity(brief, payload);
      const { match, leadId, leadCreated } = await linkLead(tx, identity, existing?.leadId ?? null);
      const conversation = existing
        ? await tx.conversation.update({
            where: { id: existing.id },
            data: { ...conversationData, leadId },
            select: { id: true },
          })
        : await tx.conversation.create({
            data: { sourceId: source.id, externalId: payload.externalId, ...conversationData, leadId },
            select: { id: true },
          });
      const events: Prisma.EventCreateManyInput[] = [];
      const event = (type: string, data?: Prisma.InputJsonValue) =>
        events.push({ type, conversationId: conversation.id, sourceId: source.id, data, occurredAt: now });
      event("conversation.received", { messages: payload.messages.length, update: Boolean(existing) });
      if (brief.nextAction.action === "stop_bot") event("bot.stopped", { reasons: brief.nextAction.reasons });

      const consent = effectiveConsent(brief, payload);
      const consentChanged = await recordConsent(tx, conversation.id, consent, now);
      if (consentChanged) event("consent.recorded", { status: consent.status, wordingVersion: consent.wordingVersion });

      if (leadCreated) event("lead.created", { leadId });

      const linkedCustomer = match.linked?.lead.kind === "customer" ? match.linked.lead : null;
      const routing = routeConversation(routingConfig.config, routingConfig.version, {
        brief,
        visitorText: payload.messages
          .filter((m) => m.role === "visitor")
          .map((m) => m.text)
          .join("\n"),
        territory: territoryOf(brief.contact.phone?.e164 ?? identity.phoneE164),
        accountOwnerId: linkedCustomer?.ownerId ?? null,
        now,
      });
      const owner = await resolveOwner(tx, routing);
      const triage = triageConversation({
        brief: { ...brief, consent: { ...brief.consent, status: consent.status } },
        match,
        routing,
        ownerFound: owner.ownerId !== null,
        // An email or phone from the platform's contact record or a form reaches them too.
        reachable: Boolean(identity.email || identity.phoneE164),
      });
      const dueAt = new Date(now.getTime() + routing.slaMinutes * 60_000);

      // Read with the conversation, under its lock.
      const current = { handoff: existing?.handoff ?? null, exception: existing?.exception ?? null };
      const routed = {
        ruleId: routing.rule.id,
        ruleVersion: routing.version,
        priority: routing.priority,
      };
      const routedNow = {
        ownerId: owner.ownerId,
        teamId: owner.teamId,
        rule: { id: routing.rule.id, version: routing.version },
      };
      let result: Omit<IngestOutcome, "created" | "unchanged">;
      // One live outcome at a time: an owner's task and an open case never stand side by side.
      if (triage.kind === "handoff") {
        const kept = current.handoff;
        result = {
          conversationId: conversation.id,
          outcome: "handoff",
          handoffId: kept?.id ?? null,
          caseId: current.exception?.id ?? null,
          reasons: [],
          nextAction: brief.nextAction,
          // A handoff made earlier stays with the owner and rule that placed it.
          routedTo: kept
            ? {
                ownerId: kept.ownerId,
                teamId: kept.teamId,
                rule: kept.ruleId ? { id: kept.ruleId, version: kept.ruleVersion ?? 0 } : null,
              }
            : routedNow,
        };
        if (!current.handoff) {
          const handoff = await tx.handoff.create({
            data: { conversationId: conversation.id, ownerId: owner.ownerId, teamId: owner.teamId, dueAt, ...routed },
            select: { id: true },
          });
          result.handoffId = handoff.id;
          event("handoff.created", { handoffId: handoff.id, ownerId: owner.ownerId, teamId: owner.teamId, ...routed });
        } else if (current.handoff.status === "closed" && current.exception?.status === "open") {
          // Withdrawn by an earlier update; what needed review has cleared, so the owner has it again.
          await tx.handoff.update({ where: { id: current.handoff.id }, data: { status: "open" } });
          event("handoff.reopened", { handoffId: current.handoff.id });
        }
        // A case this update made unnecessary (consent arrived, say) is closed by the same write.
        if (current.exception?.status === "open") {
          await tx.exceptionCase.update({
            where: { id: current.exception.id },
            data: { status: "resolved", resolvedAt: now },
          });
          event("case.resolved", { caseId: current.exception.id, resolution: "handed_off_after_update" });
        }
      } else {
        const caseData = {
          reasons: triage.reasons,
          priority: routing.priority,
          suggestedOwnerId: owner.ownerId,
          suggestedTeamId: owner.teamId,
          ruleId: routing.rule.id,
          ruleVersion: routing.version,
          matches: duplicateSummary(match),
          dueAt,
        };
        result = {
          conversationId: conversation.id,
          outcome: "case",
          handoffId: current.handoff?.id ?? null,
          caseId: current.exception?.id ?? null,
          reasons: triage.reasons,
          nextAction: brief.nextAction,
          routedTo: routedNow,
        };
        if (!current.exception) {
          const created = await tx.exceptionCase.create({
            data: { conversationId: conversation.id, ...caseData },
            select: { id: true },
          });
          result.caseId = created.id;
          event("exception.raised", { caseId: created.id, reasons: triage.reasons });
        } else {
          await tx.exceptionCase.update({
            where: { id: current.exception.id },
            data: { ...caseData, status: "open", resolvedAt: null },
          });
          event(current.exception.status === "open" ? "exception.updated" : "exception.reopened", {
            caseId: current.exception.id,
            reasons: triage.reasons,
          });
        }
        // New messages made it need review (the visitor withdrew consent, say): the owner must not
        // act on it until a reviewer has looked.
        if (current.handoff?.status === "open") {
          await tx.handoff.update({ where: { id: current.handoff.id }, data: { status: "closed" } });
          event("handoff.withdrawn", { handoffId: current.handoff.id, reasons: triage.reasons });
        }
      }
      await tx.event.createMany({ data: events });
      if (options.closed) await recordClosed(tx, conversation.id, source.id, now);
      await queueOutbound(tx, jobs, {
        conversationId: conversation.id,
        events: events.map((e) => ({ type: e.type, data: e.data as Prisma.InputJsonValue | undefined })),
        brief,
        consentStatus: consent.status,
        contentHash,
        modelConfigured,
        now,
      });
      return { ...result, created: !existing, unchanged: false };
    },
    { maxWait: 10_000, timeout: 30_000 },
  );
}

/** The platform closed the chat: one event, however many times the close is delivered. */
async function recordClosed(tx: Tx, conversationId: string, sourceId: string, now: Date) {
  const already = await tx.event.findFirst({
    where: { conversationId, type: "conversation.closed" },
    select: { id: true },
  });
  if (!already)
    await tx.event.create({ data: { type: "conversation.closed", conversationId, sourceId, occurredAt: now } });
}

/** A chat a platform closed without new messages: its close is recorded, nothing else changes. */
export async function closeConversation(db: Db, sourceId: string, externalId: string, now = new Date()) {
  const conversation = await db.conversation.findUnique({
    where: { sourceId_externalId: { sourceId, externalId } },
    select: { id: true },
  });
  if (!conversation) return false;
  await db.$transaction((tx) => recordClosed(tx, conversation.id, sourceId, now));
  return true;
}

/** What the stored records say now: the answer to a post, and to the same post again. */
async function loadOutcome(tx: Tx, conversationId: string): Promise<Omit<IngestOutcome, "created" | "unchanged">> {
  const row = await tx.conversation.findUniqueOrThrow({
    where: { id: conversationId },
    select: {
      id: true,
      brief: true,
      handoff: { select: { id: true, ownerId: true, teamId: true, ruleId: true, ruleVersion: true } },
      exception: {
        select: {
          id: true,
          status: true,
          reasons: true,
          suggestedOwnerId: true,
          suggestedTeamId: true,
          ruleId: true,
          ruleVersion: true,
        },
      },
    },
  });
  const brief = row.brief as unknown as Brief;
  const openCase = row.exception?.status === "open" ? row.exception : null;
  const outcome = openCase || !row.handoff ? "case" : "handoff";
  const target = outcome === "handoff" ? row.handoff : row.exception;
  return {
    conversationId: row.id,
    outcome,
    handoffId: row.handoff?.id ?? null,
    caseId: row.exception?.id ?? null,
    reasons: (openCase?.reasons ?? []) as CaseReason[],
    nextAction: brief.nextAction,
    routedTo: {
      ownerId: (row.handoff && outcome === "handoff" ? row.handoff.ownerId : row.exception?.suggestedOwnerId) ?? null,
      teamId: (row.handoff && outcome === "handoff" ? row.handoff.teamId : row.exception?.suggestedTeamId) ?? null,
      rule: target?.ruleId ? { id: target.ruleId, version: target.ruleVersion ?? 0 } : null,
    },
  };
}

interface EffectiveConsent {
  status: ConsentStatus;
  evidenceMessage: number | null;
  words: string | null;
  wordingVersion: string | null;
}

/**
 * The widget's own consent question, when it asked one, is the record: the visitor answered the
 * exact wording it shows. Otherwise the analysis of the transcript, with the message that proves it.
 */
function effectiveConsent(brief: Brief, payload: IngestConversation): EffectiveConsent {
  const recorded = payload.consentEvents?.toSorted((a, b) => Date.parse(a.at) - Date.parse(b.at)).at(-1);
  if (recorded) {
    return { status: recorded.status, evidenceMessage: null, words: null, wordingVersion: recorded.wordingVersion };
  }
  const evidence = brief.consent.evidence;
  return {
    status: brief.consent.status,
    evidenceMessage: evidence?.message ?? null,
    words: evidence?.quote ?? null,
    wordingVersion: null,
  };
}

/** A new consent record only when the status (or the wording behind it) changed. */
async function recordConsent(tx: Tx, conversationId: string, consent: EffectiveConsent, now: Date) {
  const last = await tx.consentRecord.findFirst({
    where: { conversationId },
    orderBy: { recordedAt: "desc" },
    select: { status: true, wordingVersion: true },
  });
  if (last && last.status === consent.status && last.wordingVersion === consent.wordingVersion) return false;
  await tx.consentRecord.create({ data: { conversationId, ...consent, recordedAt: now } });
  return true;
}

function visitorIdentity(brief: Brief, payload: IngestConversation): VisitorIdentity {
  const typedPhone = payload.visitor?.phone ? parsePhoneNumberFromString(payload.visitor.phone, "GB") : undefined;
  return {
    name: brief.contact.name?.value ?? payload.visitor?.name ?? null,
    email: (brief.contact.email?.value ?? payload.visitor?.email ?? null)?.toLowerCase() ?? null,
    phoneE164: brief.contact.phone?.e164 ?? (typedPhone?.isValid() ? typedPhone.number : null),
    company: brief.contact.company?.value ?? payload.visitor?.company ?? null,
  };
}

/**
 * Links the conversation to the lead its email or phone belongs to, or creates one; leads that only
 * look alike are returned for a `duplicate` case. A conversation already linked stays linked.
 */
async function linkLead(tx: Tx, identity: VisitorIdentity, currentLeadId: string | null) {
  // Two conversations from one new visitor at once must not make two leads.
  for (const key of [
    identity.email && `lead:email:${identity.email}`,
    identity.phoneE164 && `lead:phone:${identity.phoneE164}`,
  ]) {
    if (key) await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${key}, 0))`;
  }
  const candidates = await findCandidateLeads(tx, identity);
  const match = matchLead(identity, candidates);
  if (currentLeadId) {
    // A conversation stays with the lead it was linked to: that record decides its account owner.
    const current =
      candidates.find((c) => c.id === currentLeadId) ??
      (await tx.lead.findUnique({ where: { id: currentLeadId }, select: LEAD_FIELDS }));
    return {
      match: {
        linked: current ? { lead: current, reasons: ["linked earlier"] } : match.linked,
        possibleDuplicates: match.possibleDuplicates.filter((d) => d.lead.id !== currentLeadId),
      },
      leadId: currentLeadId,
      leadCreated: false,
    };
  }
  if (match.linked) return { match, leadId: match.linked.lead.id, leadCreated: false };
  if (!identity.email && !identity.phoneE164) return { match, leadId: null, leadCreated: false };
  const lead = await tx.lead.create({
    data: { name: identity.name, email: identity.email, phoneE164: identity.phoneE164, company: identity.company },
    select: { id: true },
  });
  return { match, leadId: lead.id, leadCreated: true };
}

const LEAD_FIELDS = {
  id: true,
  kind: true,
  name: true,
  email: true,
  phoneE164: true,
  company: true,
  ownerId: true,
} as const;

async function findCandidateLeads(tx: Tx, identity: VisitorIdentity): Promise<KnownLead[]> {
  // Exact matches are looked up on their own and never cut short: however many look-alikes there
  // are, the lead with this email or phone is found.
  const exact: Prisma.LeadWhereInput[] = [];
  if (identity.email) exact.push({ email: identity.email });
  if (identity.phoneE164) exact.push({ phoneE164: identity.phoneE164 });
  const exactLeads = exact.length
    ? await tx.lead.findMany({ where: { OR: exact }, select: LEAD_FIELDS, orderBy: { createdAt: "asc" } })
    : [];
  // Look-alikes: the same last name at the same company; the domain code decides how alike.
  const lastName = normaliseName(identity.name).split(" ").at(-1);
  const alike =
    lastName && lastName.length >= 3 && identity.company
      ? await tx.lead.findMany({
          where: {
            name: { contains: lastName, mode: "insensitive" },
            company: { not: null },
            id: { notIn: exactLeads.map((l) => l.id) },
          },
          select: LEAD_FIELDS,
          orderBy: { createdAt: "desc" },
          take: 50,
        })
      : [];
  return [...exactLeads, ...alike];
}

function duplicateSummary(match: ReturnType<typeof matchLead>): Prisma.InputJsonValue | undefined {
  if (match.possibleDuplicates.length === 0) return undefined;
  return match.possibleDuplicates.map((d) => ({ leadId: d.lead.id, score: d.score, reasons: d.reasons }));
}

function territoryOf(e164: string | null | undefined): string | null {
  if (!e164) return null;
  return parsePhoneNumberFromString(e164)?.country ?? null;
}

function firstTime(payload: IngestConversation): Date | null {
  const at = payload.messages.find((m) => m.at)?.at;
  return at ? new Date(at) : null;
}

const OPENING_KEPT = 200;

const STORED_FIELDS = {
  id: true,
  contentHash: true,
  messageCount: true,
  leadId: true,
  messages: true,
  pageUrl: true,
  referrer: true,
  utm: true,
  locale: true,
  visitorFields: true,
  consentEvents: true,
  handoff: { select: { id: true, status: true, ownerId: true, teamId: true, ruleId: true, ruleVersion: true } },
  exception: { select: { id: true, status: true } },
} as const;

function prepare(payload: IngestConversation) {
  const brief = analyzeWithRules({
    messages: payload.messages.map((m) => ({ role: m.role, text: m.text, at: m.at ?? null })),
    pageUrl: payload.pageUrl ?? null,
    referrer: payload.referrer ?? null,
    campaign: payload.utm ?? null,
    locale: payload.locale ?? null,
  });
  return { payload, contentHash: createHash("sha256").update(canonicalJson(payload)).digest("hex"), brief };
}

/** JSON with object keys sorted, so the same content always hashes the same however it was built. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

type StoredConversation = Prisma.ConversationGetPayload<{ select: typeof STORED_FIELDS }>;

function storedPayload(externalId: string, row: StoredConversation): IngestConversation {
  const optional = <T>(value: T | null | undefined) => (value === null || value === undefined ? undefined : value);
  return {
    externalId,
    messages: row.messages as unknown as IngestConversation["messages"],
    pageUrl: optional(row.pageUrl),
    referrer: optional(row.referrer),
    utm: optional(row.utm as IngestConversation["utm"] | null),
    visitor: optional(row.visitorFields as IngestConversation["visitor"] | null),
    consentEvents: optional(row.consentEvents as IngestConversation["consentEvents"] | null),
    locale: optional(row.locale),
  };
}

/**
 * The stored conversation with the delivery's messages added: a message already there (same id, or
 * the same role, text and time) is not added twice, and times put them in order.
 */
export function mergeMessages(stored: IngestConversation, delivery: IngestConversation): IngestConversation {
  const key = (m: IngestConversation["messages"][number]) => m.id ?? `${m.role}|${m.at ?? ""}|${m.text}`;
  const seen = new Set(stored.messages.map(key));
  const messages = [...stored.messages, ...delivery.messages.filter((m) => !seen.has(key(m)))];
  const ordered = messages.every((m) => m.at)
    ? messages
        .map((m, i) => ({ m, i, t: Date.parse(m.at!) }))
        .sort((a, b) => a.t - b.t || a.i - b.i)
        .map(({ m }) => m)
    : messages;
  // A very long chat keeps its opening (the request) and its latest messages, within the limit.
  const capped =
    ordered.length > MAX_MESSAGES
      ? [...ordered.slice(0, OPENING_KEPT), ...ordered.slice(ordered.length - (MAX_MESSAGES - OPENING_KEPT))]
      : ordered;
  return {
    ...stored,
    ...Object.fromEntries(Object.entries(delivery).filter(([, v]) => v !== undefined)),
    visitor: stored.visitor || delivery.visitor ? { ...stored.visitor, ...delivery.visitor } : undefined,
    pageUrl: stored.pageUrl ?? delivery.pageUrl,
    messages: capped,
  };
}
