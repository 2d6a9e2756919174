import { createHash } from "node:crypto";
import { parsePhoneNumberFromString } from "libphonenumber-js/min";
import { analyzeWithRules, type AnalysisPolicy } from "../../domain/analysis";
import { redactText } from "../../domain/analysis/sensitive";
import { MAX_MESSAGES } from "../../domain/analysis/schema";
import { briefFacts } from "../../domain/metrics/brief-facts";
import { pagePathOf } from "../../domain/metrics/page-path";
import type { Brief, ConsentStatus } from "../../domain/analysis/types";
import { matchLead, type VisitorIdentity } from "../../domain/intake/match-lead";
import { triageConversation, type CaseReason } from "../../domain/intake/triage";
import { routeConversation } from "../../domain/routing/route";
import type { Db } from "../../db/client";
import { withSqlTransaction, type Sql } from "../../db/sql";
import { getJobs } from "../../jobs/runtime";
import { queueOutbound } from "../outbound/notify";
import type { AuthenticatedSource } from "../sources";
import type { IngestConversation } from "./payload";
import { loadAnalysisSettings } from "../settings/analysis-settings";
import { resolveModel } from "../settings/integrations";
import { loadRoutingConfig } from "./routing-config";
import {
  conversationLockKey,
  createHandoff,
  createLead,
  findCandidateLeads,
  findLead,
  insertEvents,
  loadOutcomeRow,
  loadStoredConversation,
  lockKeys,
  recordClosed,
  recordConsent,
  resolveCase,
  resolveOwner,
  setHandoffStatus,
  writeCase,
  writeConversation,
  type EventWrite,
  type StoredConversation,
} from "./store";

// One conversation in, one outcome out, in one transaction: the analysis brief, the consent record,
// the lead, routing, then a handoff for an owner or a case for a reviewer, and the measurement
// events, and the jobs that tell the outside world (webhooks, the owner's email, alerts), all
// committed together or not at all. The same post twice changes nothing; a later post
// with more messages re-runs everything on the whole conversation.

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
}

export async function ingestConversation(
  db: Db,
  source: AuthenticatedSource,
  incoming: IngestConversation,
  options: IngestOptions = {},
): Promise<IngestOutcome> {
  const now = options.now ?? new Date();
  // The analysis is pure and the slowest step: for a whole conversation, do it before holding any lock.
  const { policy } = await loadAnalysisSettings(db);
  const prepared = options.merge ? null : prepare(incoming, policy);
  const routingConfig = await loadRoutingConfig(db);
  // Before the transaction: on the embedded database, starting the queue needs the one session.
  const jobs = await getJobs();
  const modelConfigured = (await resolveModel(db)) !== null;

  return withSqlTransaction(async (sql) => {
    // Concurrent posts of one conversation queue here, so it is created once.
    await lockKeys(sql, [conversationLockKey(source.id, incoming.externalId)]);
    const existing = await loadStoredConversation(sql, source.id, incoming.externalId);
    const { payload, contentHash, brief } =
      prepared ??
      prepare(existing ? mergeMessages(storedPayload(incoming.externalId, existing), incoming) : incoming, policy);
    // The same post again, or an older one arriving late: what we have stands.
    if (existing && (existing.contentHash === contentHash || payload.messages.length < existing.messageCount)) {
      if (options.closed) await recordClosed(sql, existing.id, source.id, now);
      return {
        ...outcomeFromRow(existing.id, await loadOutcomeRow(sql, existing.id)),
        created: false,
        unchanged: true,
      };
    }

    // The lead first, so the conversation is written once, already linked to it.
    const identity = visitorIdentity(brief, payload);
    const consent = effectiveConsent(brief, payload);
    const { match, leadId, leadCreated } = await linkLead(sql, identity, existing?.leadId ?? null, now);
    const conversationId = await writeConversation(
      sql,
      existing ? { existingId: existing.id } : { sourceId: source.id, externalId: payload.externalId },
      {
        pageUrl: payload.pageUrl ?? null,
        referrer: payload.referrer ?? null,
        utm: payload.utm,
        locale: payload.locale ?? null,
        visitorFields: payload.visitor,
        consentEvents: payload.consentEvents,
        messages: payload.messages,
        messageCount: payload.messages.length,
        contentHash,
        brief,
        analyzer: brief.analyzer,
        nextAction: brief.nextAction.action,
        startedAt: firstTime(payload),
        leadId,
        searchText: searchText(identity, payload, brief),
        // (A reviewer's corrections of the need and the question are kept by the write itself.)
        ...briefFacts(brief),
        pagePath: pagePathOf(payload.pageUrl),
        campaign: brief.source.campaign?.campaign || null,
        hasContact: Boolean(identity.email || identity.phoneE164),
        consentStatus: consent.status,
      },
      now,
    );
    const events: EventWrite[] = [];
    const event = (type: string, data?: Record<string, unknown>) =>
      events.push({ type, conversationId, sourceId: source.id, data, occurredAt: now });
    event("conversation.received", { messages: payload.messages.length, update: Boolean(existing) });
    if (brief.nextAction.action === "stop_bot") event("bot.stopped", { reasons: brief.nextAction.reasons });

    const consentChanged = await recordConsent(sql, conversationId, consent, now, !existing);
    if (consentChanged) event("consent.recorded", { status: consent.status, wordingVersion: consent.wordingVersion });
    if (leadCreated) event("lead.created", { leadId });

    const linkedCustomer = match.linked?.lead.kind === "customer" ? match.linked.lead : null;
    const territory = territoryOf(brief.contact.phone?.e164 ?? identity.phoneE164);
    const routing = routeConversation(routingConfig.config, routingConfig.version, {
      brief,
      visitorText: payload.messages
        .filter((m) => m.role === "visitor")
        .map((m) => m.text)
        .join("\n"),
      territory,
      accountOwnerId: linkedCustomer?.ownerId ?? null,
      now,
    });
    // Who routing would pick, without holding the team: enough for triage and a case's suggestion.
    let owner = await resolveOwner(sql, routing, { lock: false, territory });
    const triage = triageConversation({
      brief: { ...brief, consent: { ...brief.consent, status: consent.status } },
      match,
      routing,
      ownerFound: owner.ownerId !== null,
      // An email or phone from the platform's contact record or a form reaches them too.
      reachable: Boolean(identity.email || identity.phoneE164),
    });
    const dueAt = new Date(now.getTime() + routing.slaMinutes * 60_000);
    if (triage.kind === "handoff" && !existing?.handoff && routing.assign.to === "team") {
      // A new handoff: pick again under the team's lock, so concurrent handoffs take turns.
      const locked = await resolveOwner(sql, routing, { lock: true, territory });
      if (locked.ownerId) owner = locked;
    }

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
        conversationId,
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
      if (!kept) {
        const handoffId = await createHandoff(
          sql,
          { conversationId, ownerId: owner.ownerId, teamId: owner.teamId, dueAt, ...routed },
          now,
        );
        result.handoffId = handoffId;
        event("handoff.created", { handoffId, ownerId: owner.ownerId, teamId: owner.teamId, ...routed });
      } else if (kept.status === "closed" && current.exception?.status === "open") {
        // Withdrawn by an earlier update; what needed review has cleared, so the owner has it again.
        await setHandoffStatus(sql, kept.id, "open", now);
        event("handoff.reopened", { handoffId: kept.id });
      }
      // A case this update made unnecessary (consent arrived, say) is closed by the same write.
      if (current.exception?.status === "open") {
        await resolveCase(sql, current.exception.id, now);
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
        conversationId,
        outcome: "case",
        handoffId: current.handoff?.id ?? null,
        caseId: current.exception?.id ?? null,
        reasons: triage.reasons,
        nextAction: brief.nextAction,
        routedTo: routedNow,
      };
      if (!current.exception) {
        const caseId = await writeCase(sql, { conversationId }, caseData, now);
        result.caseId = caseId;
        event("exception.raised", { caseId, reasons: triage.reasons });
      } else {
        await writeCase(sql, { existingId: current.exception.id }, caseData, now);
        event(current.exception.status === "open" ? "exception.updated" : "exception.reopened", {
          caseId: current.exception.id,
          reasons: triage.reasons,
        });
      }
      // New messages made it need review (the visitor withdrew consent, say): the owner must not
      // act on it until a reviewer has looked.
      if (current.handoff?.status === "open") {
        await setHandoffStatus(sql, current.handoff.id, "closed", now);
        event("handoff.withdrawn", { handoffId: current.handoff.id, reasons: triage.reasons });
      }
    }
    await insertEvents(sql, events);
    if (options.closed) await recordClosed(sql, conversationId, source.id, now);
    await queueOutbound(sql, jobs, {
      conversationId,
      events,
      brief,
      consentStatus: consent.status,
      contentHash,
      modelConfigured,
      now,
    });
    return { ...result, created: !existing, unchanged: false };
  });
}

/** A chat a platform closed without new messages: its close is recorded, nothing else changes. */
export async function closeConversation(db: Db, sourceId: string, externalId: string, now = new Date()) {
  const conversation = await db.conversation.findUnique({
    where: { sourceId_externalId: { sourceId, externalId } },
    select: { id: true },
  });
  if (!conversation) return false;
  await withSqlTransaction((sql) => recordClosed(sql, conversation.id, sourceId, now));
  return true;
}

/** What the stored records say: the answer to the same post again. */
function outcomeFromRow(
  conversationId: string,
  row: Awaited<ReturnType<typeof loadOutcomeRow>>,
): Omit<IngestOutcome, "created" | "unchanged"> {
  const brief = row.brief as Brief;
  const openCase = row.e_status === "open";
  const outcome = openCase || !row.h_id ? "case" : "handoff";
  const [ownerId, teamId, ruleId, ruleVersion] =
    outcome === "handoff"
      ? [row.h_owner, row.h_team, row.h_rule, row.h_version]
      : [row.e_owner, row.e_team, row.e_rule, row.e_version];
  return {
    conversationId,
    outcome,
    handoffId: row.h_id,
    caseId: row.e_id,
    reasons: (openCase ? (row.e_reasons ?? []) : []) as CaseReason[],
    nextAction: brief.nextAction,
    routedTo: {
      ownerId: ownerId ?? null,
      teamId: teamId ?? null,
      rule: ruleId ? { id: ruleId, version: ruleVersion ?? 0 } : null,
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
async function linkLead(sql: Sql, identity: VisitorIdentity, currentLeadId: string | null, now: Date) {
  // Two conversations from one new visitor at once must not make two leads.
  await lockKeys(
    sql,
    [identity.email && `lead:email:${identity.email}`, identity.phoneE164 && `lead:phone:${identity.phoneE164}`].filter(
      (key): key is string => Boolean(key),
    ),
  );
  const candidates = await findCandidateLeads(sql, identity);
  const match = matchLead(identity, candidates);
  if (currentLeadId) {
    // A conversation stays with the lead it was linked to: that record decides its account owner.
    const current = candidates.find((c) => c.id === currentLeadId) ?? (await findLead(sql, currentLeadId));
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
  return { match, leadId: await createLead(sql, identity, now), leadCreated: true };
}

function duplicateSummary(match: ReturnType<typeof matchLead>): unknown {
  if (match.possibleDuplicates.length === 0) return undefined;
  return match.possibleDuplicates.map((d) => ({ leadId: d.lead.id, score: d.score, reasons: d.reasons }));
}

function territoryOf(e164: string | null | undefined): string | null {
  if (!e164) return null;
  return parsePhoneNumberFromString(e164)?.country ?? null;
}

/** What the queue's search finds a conversation by: the visitor's details and every message. */
function searchText(identity: VisitorIdentity, payload: IngestConversation, brief: Brief): string {
  const visitor = payload.visitor;
  // Card numbers, passwords and the like are left out: a search must not confirm a guessed secret.
  const text = (m: IngestConversation["messages"][number], i: number) =>
    redactText(
      m.text,
      brief.sensitive.filter((s) => s.message === i),
    );
  return [identity.name, identity.email, identity.phoneE164, identity.company, visitor?.name, visitor?.email]
    .concat(payload.messages.map(text))
    .filter(Boolean)
    .join("\n");
}

function firstTime(payload: IngestConversation): Date | null {
  const at = payload.messages.find((m) => m.at)?.at;
  return at ? new Date(at) : null;
}

const OPENING_KEPT = 200;

function prepare(payload: IngestConversation, policy: AnalysisPolicy) {
  const brief = analyzeWithRules(
    {
      messages: payload.messages.map((m) => ({ role: m.role, text: m.text, at: m.at ?? null })),
      pageUrl: payload.pageUrl ?? null,
      referrer: payload.referrer ?? null,
      campaign: payload.utm ?? null,
      locale: payload.locale ?? null,
    },
    policy,
  );
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
