import type { Sql } from "../../db/sql";
import { uuidv7 } from "../../db/sql";
import type { KnownLead, VisitorIdentity } from "../../domain/intake/match-lead";
import { normaliseName } from "../../domain/intake/match-lead";
import type { RoutingDecision } from "../../domain/routing/route";

// The ingest transaction's reads and writes, in SQL through the driver (server/db/sql.ts): the
// pipeline runs about fifteen statements per conversation, and Prisma's cost per statement was most
// of the time a conversation took. Column lists follow prisma/schema.prisma; ids are uuidv7 and
// updated_at is set here, as Prisma would.

export interface StoredConversation {
  id: string;
  contentHash: string;
  messageCount: number;
  leadId: string | null;
  messages: unknown;
  pageUrl: string | null;
  referrer: string | null;
  utm: unknown;
  locale: string | null;
  visitorFields: unknown;
  consentEvents: unknown;
  handoff: {
    id: string;
    status: string;
    ownerId: string | null;
    teamId: string | null;
    ruleId: string | null;
    ruleVersion: number | null;
  } | null;
  exception: { id: string; status: string } | null;
}

const json = (value: unknown) => (value === undefined || value === null ? null : JSON.stringify(value));

/** The advisory lock every writer of one conversation takes first: ingest, and a reviewer's action. */
export function conversationLockKey(sourceId: string, externalId: string): string {
  return `conversation:${sourceId}:${externalId}`;
}

export async function lockKeys(sql: Sql, keys: string[]): Promise<void> {
  if (keys.length === 0) return;
  // One statement; the locks are taken left to right, always in the caller's order.
  const calls = keys.map((_, i) => `pg_advisory_xact_lock(hashtextextended($${i + 1}::text, 0))`).join(", ");
  await sql.query(`SELECT ${calls}`, keys);
}

export async function loadStoredConversation(
  sql: Sql,
  sourceId: string,
  externalId: string,
): Promise<StoredConversation | null> {
  const [row] = await sql.query<Record<string, unknown>>(
    `SELECT c.id, c.content_hash, c.message_count, c.lead_id, c.messages, c.page_url, c.referrer, c.utm, c.locale,
            c.visitor_fields, c.consent_events,
            h.id AS h_id, h.status::text AS h_status, h.owner_id AS h_owner, h.team_id AS h_team,
            h.rule_id AS h_rule, h.rule_version AS h_version,
            e.id AS e_id, e.status::text AS e_status
       FROM conversations c
       LEFT JOIN handoffs h ON h.conversation_id = c.id
       LEFT JOIN exception_cases e ON e.conversation_id = c.id
      WHERE c.source_id = $1::uuid AND c.external_id = $2::text`,
    [sourceId, externalId],
  );
  if (!row) return null;
  return {
    id: row.id as string,
    contentHash: row.content_hash as string,
    messageCount: row.message_count as number,
    leadId: (row.lead_id as string | null) ?? null,
    messages: row.messages,
    pageUrl: (row.page_url as string | null) ?? null,
    referrer: (row.referrer as string | null) ?? null,
    utm: row.utm ?? null,
    locale: (row.locale as string | null) ?? null,
    visitorFields: row.visitor_fields ?? null,
    consentEvents: row.consent_events ?? null,
    handoff: row.h_id
      ? {
          id: row.h_id as string,
          status: row.h_status as string,
          ownerId: (row.h_owner as string | null) ?? null,
          teamId: (row.h_team as string | null) ?? null,
          ruleId: (row.h_rule as string | null) ?? null,
          ruleVersion: (row.h_version as number | null) ?? null,
        }
      : null,
    exception: row.e_id ? { id: row.e_id as string, status: row.e_status as string } : null,
  };
}

export interface ConversationWrite {
  pageUrl: string | null;
  referrer: string | null;
  utm: unknown;
  locale: string | null;
  visitorFields: unknown;
  consentEvents: unknown;
  messages: unknown;
  messageCount: number;
  contentHash: string;
  brief: unknown;
  analyzer: string;
  nextAction: string;
  startedAt: Date | null;
  leadId: string | null;
  /** Text for full-text search: the visitor's details and every message. */
  searchText: string;
  // What the dashboards count (docs/METRICS.md); the topic is the queue's filter too.
  intent: string;
  topic: string | null;
  needStated: boolean;
  unresolved: boolean;
  pagePath: string | null;
  campaign: string | null;
  hasContact: boolean;
  consentStatus: string;
}

/** Inserts a new conversation, or rewrites a stored one (JSON fields the post lacks are kept). */
export async function writeConversation(
  sql: Sql,
  target: { existingId: string } | { sourceId: string; externalId: string },
  data: ConversationWrite,
  now: Date,
): Promise<string> {
  const values = [
    data.pageUrl,
    data.referrer,
    json(data.utm),
    data.locale,
    json(data.visitorFields),
    json(data.consentEvents),
    json(data.messages),
    data.messageCount,
    data.contentHash,
    json(data.brief),
    data.analyzer,
    data.nextAction,
    data.startedAt,
    data.leadId,
    now,
    data.topic,
    data.searchText,
    data.intent,
    data.pagePath,
    data.campaign,
    data.hasContact,
    data.consentStatus,
    data.needStated,
    data.unresolved,
  ];
  if ("existingId" in target) {
    await sql.query(
      `UPDATE conversations SET page_url = $1::text, referrer = $2::text, utm = COALESCE($3::jsonb, utm),
              locale = $4::text, visitor_fields = COALESCE($5::jsonb, visitor_fields),
              consent_events = COALESCE($6::jsonb, consent_events), messages = $7::jsonb, message_count = $8::int,
              content_hash = $9::text, brief = $10::jsonb, analyzer = $11::text, next_action = $12::text,
              started_at = $13::timestamptz, lead_id = $14::uuid, updated_at = $15::timestamptz,
              topic = $16::text, search = to_tsvector('simple', $17::text), intent = $18::text,
              page_path = $19::text, campaign = $20::text, has_contact = $21::boolean,
              consent_status = $22::"ConsentStatus",
              -- A conversation that goes on after the retention job removed its transcript has one again.
              transcript_removed_at = NULL, transcript_removal = NULL,
              -- A reviewer's correction of the need or the question outlives a new analysis.
              need_stated = CASE WHEN brief_edits ? 'statedNeed'
                THEN btrim(brief_edits->'statedNeed'->>'value') <> '' ELSE $23::boolean END,
              unresolved = CASE WHEN brief_edits ? 'unresolvedQuestion'
                THEN btrim(brief_edits->'unresolvedQuestion'->>'value') <> '' ELSE $24::boolean END
        WHERE id = $25::uuid`,
      [...values, target.existingId],
    );
    return target.existingId;
  }
  const id = uuidv7();
  await sql.query(
    `INSERT INTO conversations (page_url, referrer, utm, locale, visitor_fields, consent_events, messages, message_count,
            content_hash, brief, analyzer, next_action, started_at, lead_id, updated_at, topic, search, intent,
            page_path, campaign, has_contact, consent_status, need_stated, unresolved, id, source_id, external_id,
            received_at)
     VALUES ($1::text, $2::text, $3::jsonb, $4::text, $5::jsonb, $6::jsonb, $7::jsonb, $8::int, $9::text, $10::jsonb,
             $11::text, $12::text, $13::timestamptz, $14::uuid, $15::timestamptz, $16::text,
             to_tsvector('simple', $17::text), $18::text, $19::text, $20::text, $21::boolean, $22::"ConsentStatus",
             $23::boolean, $24::boolean, $25::uuid, $26::uuid, $27::text, $15::timestamptz)`,
    [...values, id, target.sourceId, target.externalId],
  );
  return id;
}

/** A new consent record only when the status (or the wording behind it) changed. */
export async function recordConsent(
  sql: Sql,
  conversationId: string,
  consent: { status: string; evidenceMessage: number | null; words: string | null; wordingVersion: string | null },
  now: Date,
  isNew: boolean,
): Promise<boolean> {
  if (!isNew) {
    const [last] = await sql.query<{ status: string; wording_version: string | null }>(
      `SELECT status::text, wording_version FROM consent_records WHERE conversation_id = $1::uuid
        ORDER BY recorded_at DESC, id DESC LIMIT 1`,
      [conversationId],
    );
    if (last && last.status === consent.status && last.wording_version === consent.wordingVersion) return false;
  }
  await sql.query(
    `INSERT INTO consent_records (id, conversation_id, status, evidence_message, words, wording_version, recorded_at)
     VALUES ($1::uuid, $2::uuid, $3::"ConsentStatus", $4::int, $5::text, $6::text, $7::timestamptz)`,
    [uuidv7(), conversationId, consent.status, consent.evidenceMessage, consent.words, consent.wordingVersion, now],
  );
  return true;
}

const LEAD_COLUMNS = `id, kind::text AS kind, name, email, phone_e164 AS "phoneE164", company, owner_id AS "ownerId"`;

/** Leads with this email or phone (never cut short), and look-alikes: same last name, with a company. */
export async function findCandidateLeads(sql: Sql, identity: VisitorIdentity): Promise<KnownLead[]> {
  const exact =
    identity.email || identity.phoneE164
      ? await sql.query<KnownLead>(
          `SELECT ${LEAD_COLUMNS} FROM leads
            WHERE ($1::text IS NOT NULL AND email = $1::text) OR ($2::text IS NOT NULL AND phone_e164 = $2::text)
            ORDER BY created_at ASC`,
          [identity.email, identity.phoneE164],
        )
      : [];
  const lastName = normaliseName(identity.name).split(" ").at(-1);
  const alike =
    lastName && lastName.length >= 3 && identity.company
      ? await sql.query<KnownLead>(
          `SELECT ${LEAD_COLUMNS} FROM leads
            WHERE name ILIKE '%' || $1::text || '%' AND company IS NOT NULL AND NOT (id = ANY($2::uuid[]))
            ORDER BY created_at DESC LIMIT 50`,
          [escapeLike(lastName), exact.map((l) => l.id)],
        )
      : [];
  return [...exact, ...alike];
}

function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export async function findLead(sql: Sql, id: string): Promise<KnownLead | null> {
  const [lead] = await sql.query<KnownLead>(`SELECT ${LEAD_COLUMNS} FROM leads WHERE id = $1::uuid`, [id]);
  return lead ?? null;
}

export async function createLead(sql: Sql, identity: VisitorIdentity, now: Date): Promise<string> {
  const id = uuidv7();
  await sql.query(
    `INSERT INTO leads (id, name, email, phone_e164, company, updated_at)
     VALUES ($1::uuid, $2::text, $3::text, $4::text, $5::text, $6::timestamptz)`,
    [id, identity.name, identity.email, identity.phoneE164, identity.company, now],
  );
  return id;
}

/**
 * Turns routing's choice into a person: the account owner, a named user, or a team member picked by
 * round robin (the one after whoever got the team's last handoff) or by fewest open handoffs. Only
 * active users are picked; null when there is nobody.
 */
export async function resolveOwner(
  sql: Sql,
  routing: RoutingDecision,
  options: { lock: boolean; territory?: string | null },
): Promise<{ ownerId: string | null; teamId: string | null }> {
  const assign = routing.assign;
  if (assign.to === "account_owner") {
    if (!routing.ownerId) return { ownerId: null, teamId: null };
    const [owner] = await sql.query<{ id: string }>(`SELECT id FROM users WHERE id = $1::uuid AND active`, [
      routing.ownerId,
    ]);
    return { ownerId: owner?.id ?? null, teamId: null };
  }
  if (assign.to === "user") {
    const [user] = await sql.query<{ id: string }>(`SELECT id FROM users WHERE email = $1::text AND active`, [
      assign.email,
    ]);
    return { ownerId: user?.id ?? null, teamId: null };
  }
  // With `lock`, the team's row lock queues concurrent assignments until commit, so two handoffs
  // don't both pick one person. A case's suggested owner needs no lock.
  const [team] = await sql.query<{ id: string }>(
    options.lock
      ? // NO KEY: handoffs and cases being inserted for this team (foreign-key checks take KEY SHARE)
        // do not wait for it; handoffs still wait for each other.
        `SELECT id FROM teams WHERE lower(name) = lower($1::text) ORDER BY id LIMIT 1 FOR NO KEY UPDATE`
      : `SELECT id FROM teams WHERE lower(name) = lower($1::text) ORDER BY id LIMIT 1`,
    [assign.team],
  );
  if (!team) return { ownerId: null, teamId: null };
  const all = await sql.query<{ user_id: string; open: number; last_at: Date | null; territories: string[] }>(
    `SELECT m.user_id, u.territories,
            (SELECT count(*)::int FROM handoffs h WHERE h.owner_id = m.user_id AND h.status = 'open') AS open,
            (SELECT max(h.created_at) FROM handoffs h WHERE h.owner_id = m.user_id AND h.team_id = $1::uuid) AS last_at
       FROM team_memberships m JOIN users u ON u.id = m.user_id
      WHERE m.team_id = $1::uuid AND u.active
      ORDER BY m.user_id`,
    [team.id],
  );
  // A visitor from a territory some members cover goes to those members; otherwise anyone shares.
  const covering = options.territory ? all.filter((r) => r.territories.includes(options.territory!)) : [];
  const rows = covering.length > 0 ? covering : all;
  const members = rows.map((r) => r.user_id);
  if (members.length === 0) return { ownerId: null, teamId: team.id };
  if (assign.strategy === "round_robin") {
    let last: { id: string; at: number } | null = null;
    for (const row of rows) {
      const at = row.last_at ? new Date(row.last_at).getTime() : null;
      if (at !== null && (!last || at > last.at)) last = { id: row.user_id, at };
    }
    const next = last ? (members.indexOf(last.id) + 1) % members.length : 0;
    return { ownerId: members[next]!, teamId: team.id };
  }
  const best = rows.reduce((a, b) => (b.open < a.open ? b : a), rows[0]!);
  return { ownerId: best.user_id, teamId: team.id };
}

export async function createHandoff(
  sql: Sql,
  data: {
    conversationId: string;
    ownerId: string | null;
    teamId: string | null;
    dueAt: Date;
    priority: string;
    ruleId: string;
    ruleVersion: number;
  },
  now: Date,
): Promise<string> {
  const id = uuidv7();
  await sql.query(
    // created_at is the moment of the insert (after the team lock), not the transaction's start:
    // round robin reads the latest, and a transaction that waited for the lock must sort after.
    `INSERT INTO handoffs (id, conversation_id, owner_id, team_id, due_at, priority, rule_id, rule_version, updated_at,
            created_at)
     VALUES ($1::uuid, $2::uuid, $3::uuid, $4::uuid, $5::timestamptz, $6::text, $7::text, $8::int, $9::timestamptz,
             clock_timestamp())`,
    [id, data.conversationId, data.ownerId, data.teamId, data.dueAt, data.priority, data.ruleId, data.ruleVersion, now],
  );
  return id;
}

export async function setHandoffStatus(sql: Sql, id: string, status: "open" | "closed", now: Date) {
  await sql.query(
    `UPDATE handoffs SET status = $2::"HandoffStatus", updated_at = $3::timestamptz WHERE id = $1::uuid`,
    [id, status, now],
  );
}

export async function resolveCase(sql: Sql, id: string, now: Date) {
  await sql.query(
    `UPDATE exception_cases SET status = 'resolved', resolution = 'handed_off_after_update', resolved_by_id = NULL,
            resolved_at = $2::timestamptz, updated_at = $2::timestamptz, claimed_by_id = NULL, claimed_at = NULL,
            claim_active_at = NULL, waiting_for = NULL, version = version + 1
      WHERE id = $1::uuid`,
    [id, now],
  );
}

/** The queue sorts on this; see ExceptionCase.priorityRank. */
export const PRIORITY_RANK: Readonly<Record<string, number>> = { low: 0, normal: 1, high: 2, urgent: 3 };

export interface CaseWrite {
  reasons: string[];
  priority: string;
  suggestedOwnerId: string | null;
  suggestedTeamId: string | null;
  ruleId: string;
  ruleVersion: number;
  matches: unknown;
  dueAt: Date;
}

/** Creates the conversation's case, or reopens and updates it. Returns its id. */
export async function writeCase(
  sql: Sql,
  target: { existingId: string } | { conversationId: string },
  data: CaseWrite,
  now: Date,
): Promise<string> {
  const values = [
    data.reasons,
    data.priority,
    data.suggestedOwnerId,
    data.suggestedTeamId,
    data.ruleId,
    data.ruleVersion,
    json(data.matches),
    data.dueAt,
    now,
    PRIORITY_RANK[data.priority] ?? 1,
  ];
  if ("existingId" in target) {
    await sql.query(
      `UPDATE exception_cases SET reasons = $1::text[], priority = $2::text, suggested_owner_id = $3::uuid,
              suggested_team_id = $4::uuid, rule_id = $5::text, rule_version = $6::int,
              matches = COALESCE($7::jsonb, matches), due_at = $8::timestamptz, updated_at = $9::timestamptz,
              priority_rank = $10::int, version = version + 1,
              resolution = CASE WHEN status = 'open' THEN resolution END,
              resolved_by_id = CASE WHEN status = 'open' THEN resolved_by_id END,
              status = 'open', resolved_at = NULL
        WHERE id = $11::uuid`,
      [...values, target.existingId],
    );
    return target.existingId;
  }
  const id = uuidv7();
  await sql.query(
    `INSERT INTO exception_cases (reasons, priority, suggested_owner_id, suggested_team_id, rule_id, rule_version,
            matches, due_at, updated_at, priority_rank, id, conversation_id, created_at)
     VALUES ($1::text[], $2::text, $3::uuid, $4::uuid, $5::text, $6::int, $7::jsonb, $8::timestamptz, $9::timestamptz,
             $10::int, $11::uuid, $12::uuid, $9::timestamptz)`,
    [...values, id, target.conversationId],
  );
  return id;
}

export interface EventWrite {
  type: string;
  conversationId: string;
  sourceId: string;
  data?: unknown;
  occurredAt: Date;
}

/** All of a request's measurement events in one statement. */
export async function insertEvents(sql: Sql, events: EventWrite[]): Promise<void> {
  if (events.length === 0) return;
  const rows = events.map((e) => ({
    id: uuidv7(),
    type: e.type,
    conversation_id: e.conversationId,
    source_id: e.sourceId,
    data: e.data ?? null,
    occurred_at: e.occurredAt.toISOString(),
  }));
  await sql.query(
    `INSERT INTO events (id, type, conversation_id, source_id, data, occurred_at)
     SELECT id, type, conversation_id, source_id, data, occurred_at
       FROM jsonb_to_recordset($1::jsonb)
         AS r(id uuid, type text, conversation_id uuid, source_id uuid, data jsonb, occurred_at timestamptz)`,
    [JSON.stringify(rows)],
  );
}

/** The platform closed the chat: one event, however many times the close is delivered. */
export async function recordClosed(sql: Sql, conversationId: string, sourceId: string, now: Date): Promise<void> {
  await sql.query(
    `INSERT INTO events (id, type, conversation_id, source_id, occurred_at)
     SELECT $1::uuid, 'conversation.closed', $2::uuid, $3::uuid, $4::timestamptz
      WHERE NOT EXISTS (SELECT 1 FROM events WHERE conversation_id = $2::uuid AND type = 'conversation.closed')`,
    [uuidv7(), conversationId, sourceId, now],
  );
}

/** What the stored records say now: the answer to the same post again. */
export async function loadOutcomeRow(sql: Sql, conversationId: string) {
  const [row] = await sql.query<{
    brief: unknown;
    h_id: string | null;
    h_owner: string | null;
    h_team: string | null;
    h_rule: string | null;
    h_version: number | null;
    e_id: string | null;
    e_status: string | null;
    e_reasons: string[] | null;
    e_owner: string | null;
    e_team: string | null;
    e_rule: string | null;
    e_version: number | null;
  }>(
    `SELECT c.brief, h.id AS h_id, h.owner_id AS h_owner, h.team_id AS h_team, h.rule_id AS h_rule,
            h.rule_version AS h_version, e.id AS e_id, e.status::text AS e_status, e.reasons AS e_reasons,
            e.suggested_owner_id AS e_owner, e.suggested_team_id AS e_team, e.rule_id AS e_rule,
            e.rule_version AS e_version
       FROM conversations c
       LEFT JOIN handoffs h ON h.conversation_id = c.id
       LEFT JOIN exception_cases e ON e.conversation_id = c.id
      WHERE c.id = $1::uuid`,
    [conversationId],
  );
  if (!row) throw new Error(`conversation ${conversationId} vanished inside its own transaction`);
  return row;
}
