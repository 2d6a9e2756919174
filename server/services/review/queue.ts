import { z } from "zod";
import type { Permission } from "../../auth/permissions";
import type { Db } from "../../db/client";
import { loadTopicLabels } from "../settings/analysis-settings";
import { readPlannedQuery, sqlQuery } from "../../db/sql";
import { CASE_REASONS } from "../../domain/intake/triage";
import { maskText } from "../../domain/redaction/mask";
import { AppError } from "../../errors";
import {
  CLAIM_LAPSE_MINUTES,
  COUNT_LIMIT,
  QUEUE_SORTS,
  ZQueueFilters,
  ZQueueListInput,
  type QueueFilters,
  type QueueListInput,
  type QueueSort,
} from "./queue-input";

export { ZQueueFilters, ZQueueListInput } from "./queue-input";

// The review queue: open (and resolved) exception cases, filtered, searched and sorted, a page at a
// time. Raw SQL through the driver (server/db/sql.ts): the filters reach into the conversation's
// JSON and full-text index, and the list must stay fast at 100,000 cases (npm run bench:queue).
//
// Pages are keyset-paginated on the sort key plus the case id, so a page never repeats or skips a
// case when new ones arrive. Each sort is written so an index on exception_cases serves it in order:
// (status, due_at) for "due", (status, created_at) for "newest", and (status, priority_rank, due_at)
// for "priority", read one priority at a time (a single index cannot give rank descending with due
// ascending). The display fields are read from the brief JSON only for the rows of the page.

export interface QueueViewer {
  id: string;
  permissions: readonly Permission[];
}

export interface QueueRow {
  caseId: string;
  conversationId: string;
  version: number;
  reasons: string[];
  visitorName: string | null;
  statedNeed: string | null;
  pageUrl: string | null;
  topic: string | null;
  topicLabel: string | null;
  source: { id: string; name: string };
  createdAt: Date;
  dueAt: Date | null;
  priority: string;
  suggestedOwner: { id: string; name: string } | null;
  /** Null when nobody holds it, or the holder's claim has lapsed. */
  claimedBy: { id: string; name: string } | null;
  escalated: boolean;
  waitingFor: string | null;
  status: "open" | "resolved";
  resolution: string | null;
}

export interface QueuePage {
  items: QueueRow[];
  nextCursor: string | null;
}

export interface QueueCounts {
  unclaimed: number;
  mine: number;
  open: number;
  resolved: number;
}

const STATED_NEED_CHARS = 300;
/** Priority ranks, highest first (ExceptionCase.priorityRank). */
const PRIORITY_RANKS = [3, 2, 1, 0] as const;

// ── cursor ──────────────────────────────────────────────────────────────────────────────────────

const ZIso = z.iso.datetime({ offset: true });
const ZCursor = z.discriminatedUnion("s", [
  z.object({ s: z.literal("due"), due: ZIso.nullable(), id: z.uuid() }),
  z.object({ s: z.literal("newest"), created: ZIso, id: z.uuid() }),
  z.object({ s: z.literal("priority"), rank: z.number().int().min(0).max(3), due: ZIso.nullable(), id: z.uuid() }),
]);
type Cursor = z.infer<typeof ZCursor>;

function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString("base64url");
}

function decodeCursor(text: string, sort: QueueSort): Cursor {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(text, "base64url").toString("utf8"));
  } catch {
    parsed = null;
  }
  const cursor = ZCursor.safeParse(parsed);
  if (!cursor.success) throw new AppError("BAD_REQUEST", "cursor is not valid: start again from the first page");
  if (cursor.data.s !== sort) throw new AppError("BAD_REQUEST", "cursor belongs to another sort order");
  return cursor.data;
}

function cursorAfter(
  row: { id: string; due_at: Date | null; created_at: Date; priority_rank: number },
  sort: QueueSort,
) {
  const due = row.due_at ? new Date(row.due_at).toISOString() : null;
  switch (sort) {
    case "due":
      return encodeCursor({ s: "due", due, id: row.id });
    case "newest":
      return encodeCursor({ s: "newest", created: new Date(row.created_at).toISOString(), id: row.id });
    case "priority":
      return encodeCursor({ s: "priority", rank: Math.min(3, Math.max(0, row.priority_rank)), due, id: row.id });
  }
}

// ── SQL building ────────────────────────────────────────────────────────────────────────────────

/** Positional parameters, each cast in the SQL as server/db/sql.ts asks. */
class Params {
  readonly values: unknown[] = [];
  add(value: unknown, cast: string): string {
    // Times as ISO text: both drivers (pg, PGlite) then send the same thing.
    this.values.push(value instanceof Date ? value.toISOString() : value);
    return `$${this.values.length}::${cast}`;
  }
}

/**
 * A prefix query for every word: "dan ruiz" finds "Dana Ruiz"; an email is one word, as the
 * 'simple' parser stores it. Null when nothing searchable is left.
 */
export function searchQuery(q: string): string | null {
  const words = q
    .toLowerCase()
    .split(/[^\p{L}\p{N}@._+-]+/u)
    .map((word) => word.replace(/^[._+-]+|[._+-]+$/g, ""))
    .filter((word) => /[\p{L}\p{N}]/u.test(word))
    .slice(0, 8);
  if (words.length === 0) return null;
  return words.map((word) => `'${word.replace(/\\/g, "\\\\").replace(/'/g, "''")}':*`).join(" & ");
}

function escapeRegex(value: string): string {
  return value.replace(/[\\^$.*+?()[\]{}|]/g, (c) => `\\${c}`);
}

function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** A date alone means the whole day (UTC): `to` then ends at the next midnight. */
function dateBounds(filters: QueueFilters): { from: Date | null; toExclusive: Date | null; toInclusive: Date | null } {
  const isDay = (value: string) => /^\d{4}-\d{2}-\d{2}$/.test(value);
  const from = filters.from ? new Date(isDay(filters.from) ? `${filters.from}T00:00:00Z` : filters.from) : null;
  if (!filters.to) return { from, toExclusive: null, toInclusive: null };
  if (isDay(filters.to)) {
    const end = new Date(`${filters.to}T00:00:00Z`);
    end.setUTCDate(end.getUTCDate() + 1);
    return { from, toExclusive: end, toInclusive: null };
  }
  return { from, toExclusive: null, toInclusive: new Date(filters.to) };
}

interface FilterSql {
  /** Conditions on `e` (exception_cases) and, when `joinConversation`, `c` (conversations). */
  where: string[];
  joinConversation: boolean;
  /** True when the search has no words: nothing can match. */
  empty: boolean;
}

function filterSql(filters: QueueFilters, params: Params): FilterSql {
  const where: string[] = [];
  let joinConversation = false;
  let empty = false;
  if (filters.reason) where.push(`e.reasons @> ARRAY[${params.add(filters.reason, "text")}]`);
  if (filters.ownerId) where.push(`e.suggested_owner_id = ${params.add(filters.ownerId, "uuid")}`);
  const { from, toExclusive, toInclusive } = dateBounds(filters);
  if (from) where.push(`e.created_at >= ${params.add(from, "timestamptz")}`);
  if (toExclusive) where.push(`e.created_at < ${params.add(toExclusive, "timestamptz")}`);
  if (toInclusive) where.push(`e.created_at <= ${params.add(toInclusive, "timestamptz")}`);
  if (filters.sourceId) {
    joinConversation = true;
    where.push(`c.source_id = ${params.add(filters.sourceId, "uuid")}`);
  }
  if (filters.topic) {
    joinConversation = true;
    where.push(`c.topic = ${params.add(filters.topic, "text")}`);
  }
  if (filters.page) {
    joinConversation = true;
    if (filters.page.startsWith("/")) {
      // The URL's path exactly, with or without a trailing slash, whatever the origin, query or
      // fragment. A regular expression on the column itself (not on an expression of it), so the
      // planner estimates how many rows match from the column's statistics.
      const path = filters.page.split(/[?#]/)[0]!.replace(/\/+$/, "");
      where.push(
        `c.page_url ~ ${params.add(`^[a-zA-Z][a-zA-Z0-9+.-]*://[^/?#]*${escapeRegex(path)}/?([?#].*)?$`, "text")}`,
      );
    } else {
      where.push(`c.page_url LIKE ${params.add(`${escapeLike(filters.page)}%`, "text")}`);
    }
  }
  if (filters.q !== undefined && filters.q !== "") {
    const query = searchQuery(filters.q);
    if (query === null) empty = true;
    else {
      joinConversation = true;
      where.push(`c.search @@ to_tsquery('simple', ${params.add(query, "text")})`);
    }
  }
  return { where, joinConversation, empty };
}

/** A claim counts while its holder worked on it within the lapse time. */
const activeClaim = (cutoff: string) =>
  `(e.claimed_by_id IS NOT NULL AND e.claim_active_at IS NOT NULL AND e.claim_active_at >= ${cutoff})`;

function tabSql(tab: z.output<typeof ZQueueListInput>["tab"], viewer: QueueViewer, params: Params, cutoff: string) {
  switch (tab) {
    case "unclaimed":
      return [`e.status = 'open'`, `NOT ${activeClaim(cutoff)}`];
    case "mine":
      return [`e.status = 'open'`, `e.claimed_by_id = ${params.add(viewer.id, "uuid")}`, activeClaim(cutoff)];
    case "open":
      return [`e.status = 'open'`];
    case "resolved":
      return [`e.status = 'resolved'`];
    case "all":
      return [];
  }
}

function orderBy(sort: QueueSort, alias: string): string {
  switch (sort) {
    case "due":
      return `${alias}.due_at ASC NULLS LAST, ${alias}.id ASC`;
    case "newest":
      return `${alias}.created_at DESC, ${alias}.id DESC`;
    case "priority":
      return `${alias}.priority_rank DESC, ${alias}.due_at ASC NULLS LAST, ${alias}.id ASC`;
  }
}

/**
 * Rows after (due, id) in "due_at ASC NULLS LAST, id ASC" order, as conditions that each keep an
 * index range scan: the rest of the cases with a due time, then those without one.
 */
function dueAfter(due: string | null, id: string, params: Params): string[] {
  const idParam = params.add(id, "uuid");
  if (due === null) return [`e.due_at IS NULL AND e.id > ${idParam}`];
  const dueParam = params.add(due, "timestamptz");
  return [`e.due_at >= ${dueParam} AND (e.due_at > ${dueParam} OR e.id > ${idParam})`, `e.due_at IS NULL`];
}

interface Branch {
  where: string[];
  order: string;
}

/** The page as one or more ordered, limited scans whose union, re-sorted, is the page. */
function pageBranches(sort: QueueSort, cursor: Cursor | null, params: Params): Branch[] {
  if (sort === "due") {
    const order = orderBy("due", "e");
    if (!cursor || cursor.s !== "due") return [{ where: [], order }];
    return dueAfter(cursor.due, cursor.id, params).map((condition) => ({ where: [condition], order }));
  }
  if (sort === "newest") {
    const order = orderBy("newest", "e");
    if (!cursor || cursor.s !== "newest") return [{ where: [], order }];
    const created = params.add(cursor.created, "timestamptz");
    const id = params.add(cursor.id, "uuid");
    return [{ where: [`e.created_at <= ${created} AND (e.created_at < ${created} OR e.id < ${id})`], order }];
  }
  // priority: one scan per rank, each in (due, id) order from the index on (status, priority_rank, due_at).
  const order = orderBy("due", "e");
  const branches: Branch[] = [];
  for (const rank of PRIORITY_RANKS) {
    if (cursor?.s === "priority" && rank > cursor.rank) continue;
    const rankCondition = `e.priority_rank = ${params.add(rank, "int")}`;
    if (cursor?.s === "priority" && rank === cursor.rank) {
      for (const condition of dueAfter(cursor.due, cursor.id, params)) {
        branches.push({ where: [rankCondition, condition], order });
      }
    } else {
      branches.push({ where: [rankCondition], order });
    }
  }
  return branches;
}

function cutoffNow(now: Date): Date {
  return new Date(now.getTime() - CLAIM_LAPSE_MINUTES * 60_000);
}

interface PageKeyRow {
  id: string;
  due_at: Date | null;
  created_at: Date;
  priority_rank: number;
}

interface DisplayRow extends PageKeyRow {
  conversation_id: string;
  version: number;
  reasons: string[];
  status: "open" | "resolved";
  resolution: string | null;
  priority: string;
  escalated: boolean;
  waiting_for: string | null;
  claimed_by_id: string | null;
  claimed_by_name: string | null;
  owner_id: string | null;
  owner_name: string | null;
  page_url: string | null;
  topic: string | null;
  topic_label: string | null;
  visitor_name: string | null;
  stated_need: string | null;
  source_id: string;
  source_name: string;
}

// ── the queue ──────────────────────────────────────────────────────────────────────────────────

/** One page of cases for the viewer's tab, filters and sort. */
export async function listQueue(
  viewer: QueueViewer,
  rawInput: QueueListInput,
  options: { now?: Date } = {},
): Promise<QueuePage> {
  const input = ZQueueListInput.parse(rawInput);
  const cursor = input.cursor ? decodeCursor(input.cursor, input.sort) : null;
  const params = new Params();
  const cutoff = params.add(cutoffNow(options.now ?? new Date()), "timestamptz");
  const filters = filterSql(input, params);
  if (filters.empty) return { items: [], nextCursor: null };
  const base = [...tabSql(input.tab, viewer, params, cutoff), ...filters.where];
  const limit = params.add(input.limit + 1, "int");
  const from = `exception_cases e${filters.joinConversation ? " JOIN conversations c ON c.id = e.conversation_id" : ""}`;
  const branches = pageBranches(input.sort, cursor, params).map((branch) => {
    const where = [...base, ...branch.where];
    return `SELECT e.id, e.due_at, e.created_at, e.priority_rank FROM ${from}
             ${where.length ? `WHERE ${where.join(" AND ")}` : ""} ORDER BY ${branch.order} LIMIT ${limit}`;
  });
  const page =
    branches.length === 1
      ? branches[0]!
      : `SELECT * FROM (${branches.map((b) => `(${b})`).join(" UNION ALL ")}) b ORDER BY ${orderBy(input.sort, "b")} LIMIT ${limit}`;

  const rows = await readPlannedQuery<DisplayRow>(
    `WITH page AS MATERIALIZED (${page})
     SELECT e.id, e.due_at, e.created_at, e.priority_rank, e.conversation_id, e.version, e.reasons,
            e.status::text AS status, e.resolution, e.priority, e.escalated_at IS NOT NULL AS escalated,
            e.waiting_for, cb.id AS claimed_by_id, cb.name AS claimed_by_name, so.id AS owner_id, so.name AS owner_name,
            c.page_url, c.topic, c.brief -> 'topic' ->> 'label' AS topic_label,
            COALESCE(c.brief_edits -> 'contactName' ->> 'value', c.brief -> 'contact' -> 'name' ->> 'value',
                     c.visitor_fields ->> 'name') AS visitor_name,
            left(COALESCE(c.brief_edits -> 'statedNeed' ->> 'value', c.brief -> 'statedNeed' ->> 'value'),
                 ${STATED_NEED_CHARS}) AS stated_need,
            s.id AS source_id, s.name AS source_name
       FROM page p
       JOIN exception_cases e ON e.id = p.id
       JOIN conversations c ON c.id = e.conversation_id
       JOIN sources s ON s.id = c.source_id
       LEFT JOIN users cb ON cb.id = e.claimed_by_id AND ${activeClaim(cutoff)}
       LEFT JOIN users so ON so.id = e.suggested_owner_id
      ORDER BY ${orderBy(input.sort, "e")}`,
    params.values,
  );
  const more = rows.length > input.limit;
  const items = rows.slice(0, input.limit);
  const last = items.at(-1);
  return { items: items.map(toQueueRow), nextCursor: more && last ? cursorAfter(last, input.sort) : null };
}

function toQueueRow(row: DisplayRow): QueueRow {
  return {
    caseId: row.id,
    conversationId: row.conversation_id,
    version: row.version,
    reasons: row.reasons,
    // Names may be shown; anything typed into them that looks like an email or phone is masked,
    // as in the stated need and the page address (a query string can carry an email).
    visitorName: row.visitor_name ? maskText(row.visitor_name) : null,
    statedNeed: row.stated_need ? maskText(row.stated_need) : null,
    pageUrl: row.page_url ? maskText(row.page_url) : null,
    topic: row.topic,
    topicLabel: row.topic_label,
    source: { id: row.source_id, name: row.source_name },
    createdAt: new Date(row.created_at),
    dueAt: row.due_at ? new Date(row.due_at) : null,
    priority: row.priority,
    suggestedOwner: row.owner_id ? { id: row.owner_id, name: row.owner_name ?? "" } : null,
    claimedBy: row.claimed_by_id ? { id: row.claimed_by_id, name: row.claimed_by_name ?? "" } : null,
    escalated: row.escalated,
    waitingFor: row.waiting_for,
    status: row.status,
    resolution: row.resolution,
  };
}

/**
 * How many cases each tab holds under the same filters (the tab itself is not a filter). Resolved
 * cases only grow, so they are counted up to COUNT_LIMIT: the tab then says "10,000+".
 */
export async function queueCounts(
  viewer: QueueViewer,
  rawFilters: z.input<typeof ZQueueFilters>,
  options: { now?: Date } = {},
): Promise<QueueCounts> {
  const input = ZQueueFilters.parse(rawFilters);
  const params = new Params();
  const cutoff = params.add(cutoffNow(options.now ?? new Date()), "timestamptz");
  const filters = filterSql(input, params);
  if (filters.empty) return { unclaimed: 0, mine: 0, open: 0, resolved: 0 };
  const me = params.add(viewer.id, "uuid");
  const from = `exception_cases e${filters.joinConversation ? " JOIN conversations c ON c.id = e.conversation_id" : ""}`;
  const where = (status: string) => [`e.status = '${status}'`, ...filters.where].join(" AND ");
  const [row] = await readPlannedQuery<QueueCounts>(
    `SELECT o.unclaimed, o.mine, o.open, r.resolved
       FROM (SELECT count(*) FILTER (WHERE NOT ${activeClaim(cutoff)})::int AS unclaimed,
                    count(*) FILTER (WHERE e.claimed_by_id = ${me} AND ${activeClaim(cutoff)})::int AS mine,
                    count(*)::int AS open
               FROM ${from} WHERE ${where("open")}) o,
            (SELECT count(*)::int AS resolved
               FROM (SELECT 1 FROM ${from} WHERE ${where("resolved")} LIMIT ${params.add(COUNT_LIMIT, "int")}) x) r`,
    params.values,
  );
  return row ?? { unclaimed: 0, mine: 0, open: 0, resolved: 0 };
}

export interface QueueFilterOptions {
  sources: { id: string; name: string }[];
  topics: { id: string; label: string }[];
  owners: { id: string; name: string }[];
  reasons: string[];
  sorts: readonly QueueSort[];
}

/** What the filter bar offers: every source, the topics conversations have, people who can own. */
export async function queueFilterOptions(db: Db): Promise<QueueFilterOptions> {
  const [sources, topicRows, owners, topicLabels] = await Promise.all([
    db.source.findMany({ select: { id: true, name: true }, orderBy: { name: "asc" } }),
    sqlQuery<{ topic: string }>(`SELECT DISTINCT topic FROM conversations WHERE topic IS NOT NULL ORDER BY topic`),
    db.user.findMany({
      where: { active: true, OR: [{ role: "owner" }, { memberships: { some: {} } }] },
      select: { id: true, name: true },
      orderBy: [{ name: "asc" }, { id: "asc" }],
    }),
    loadTopicLabels(db),
  ]);
  const topicIds = new Set([...topicRows.map((r) => r.topic)]);
  const topics = [...topicIds]
    .map((id) => ({ id, label: topicLabels.get(id) ?? id.replace(/[_-]+/g, " ") }))
    .sort((a, b) => a.label.localeCompare(b.label));
  return { sources, topics, owners, reasons: [...CASE_REASONS], sorts: QUEUE_SORTS };
}
