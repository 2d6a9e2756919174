import { z } from "zod";
import type { Db } from "../../db/client";
import { readPlannedQuery } from "../../db/sql";
import { DIMENSION_LABELS, METRICS } from "../../domain/metrics/definitions";
import { AppError } from "../../errors";
import { maskContactValue } from "../review/transcript";
import { loadTopicLabels } from "../settings/analysis-settings";
import { type DrilldownSlice } from "./dashboard-input";
import { labelsFor, resolveDashboardWindow, windowInfo, type WindowInfo } from "./dashboards";
import { baseCte, METRIC_SQL, Params, sliceCondition } from "./metric-sql";

// The conversations behind a number: the same predicates as the count (metric-sql.ts), a page at a
// time, newest first, each with where to open it (the case view, or the owner's handoff view when no
// review was needed). The CSV export walks the same list to the end, one row per conversation. Every
// free-text value (the brief's fields, names, company, page and campaign) has emails and phone
// numbers masked, as the case view shows them before anyone reveals them.

export interface DrilldownRow {
  conversationId: string;
  receivedAt: Date;
  source: string;
  pagePath: string | null;
  campaign: string | null;
  topic: string | null;
  intent: string | null;
  visitorName: string | null;
  statedNeed: string | null;
  unresolvedQuestion: string | null;
  consentStatus: string | null;
  outcome: "handoff" | "case" | "none";
  caseId: string | null;
  caseStatus: string | null;
  caseReasons: string[];
  resolution: string | null;
  handoffId: string | null;
  handoffStatus: string | null;
  owner: string | null;
  responseSeconds: number | null;
  breached: boolean;
  reassigned: boolean;
  /** The case view, or the handoff view; null when neither exists. */
  href: string | null;
}

export interface DrilldownPage {
  /** What the list is: "Complete handoff rate · complete handoffs · Page: /pricing · 2026-12-01". */
  title: string;
  window: WindowInfo;
  /** How many conversations the whole list holds (first page only; null on later pages). */
  total: number | null;
  items: DrilldownRow[];
  nextCursor: string | null;
}

const ZCursor = z.object({ at: z.iso.datetime({ offset: true }), id: z.uuid() });

function encodeCursor(row: { received_at: Date; id: string }): string {
  return Buffer.from(JSON.stringify({ at: row.received_at.toISOString(), id: row.id })).toString("base64url");
}

function decodeCursor(cursor: string): { at: string; id: string } {
  try {
    return ZCursor.parse(JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")));
  } catch {
    throw new AppError("BAD_REQUEST", "cursor: not a cursor from this list; start from the first page.", {
      field: "cursor",
    });
  }
}

interface ListedRow {
  id: string;
  received_at: Date;
  source_name: string;
  page_path: string | null;
  page_url: string | null;
  campaign: string | null;
  topic: string | null;
  intent: string | null;
  consent_status: string | null;
  lead_id: string | null;
  visitor_name: string | null;
  email: string | null;
  phone: string | null;
  company: string | null;
  stated_need: string | null;
  unresolved_question: string | null;
  urgency: string | null;
  customer_status: string | null;
  summary: string | null;
  h_id: string | null;
  h_status: string | null;
  owner_name: string | null;
  team_name: string | null;
  h_rule: string | null;
  response_seconds: number | null;
  response_business_seconds: number | null;
  breached: boolean | null;
  e_id: string | null;
  e_status: string | null;
  reasons: string[] | null;
  resolution: string | null;
  reviewer_name: string | null;
  reassigned: boolean;
}

const edited = (field: string) => `COALESCE(c.brief_edits->'${field}'->>'value', c.brief->'${field}'->>'value')`;

/** The slice's conditions on `base`: the metric's predicates and the breakdown key or trend bucket. */
function sliceWhere(slice: DrilldownSlice, timeZone: string, p: Params): string[] {
  const metric = METRIC_SQL[slice.metric];
  const where = [`(${metric.denominator})`];
  if (slice.part === "numerator") where.push(`(${metric.numerator})`);
  // The exception rate by reason is out of every conversation: its denominator ignores the reason.
  const sliceFor =
    slice.dimension === "reason" && slice.metric === "exception_rate" && slice.part === "denominator"
      ? { ...slice, dimension: undefined, key: undefined }
      : slice;
  where.push(...sliceCondition(sliceFor, timeZone, p));
  return where;
}

/** How many conversations the slice lists: the same conditions, counted. */
export async function countSlice(db: Db, slice: DrilldownSlice, now = new Date()): Promise<number> {
  const window = await resolveDashboardWindow(db, slice, now);
  const p = new Params();
  const cte = baseCte({ ...slice, ...window, now }, p);
  const where = sliceWhere(slice, window.timeZone, p);
  const [row] = await readPlannedQuery<{ n: number }>(
    `WITH ${cte} SELECT count(*)::int AS n FROM base WHERE ${where.join(" AND ")}`,
    p.values,
    { parallel: true },
  );
  return row?.n ?? 0;
}

/** One page (or, for the export, a batch) of the slice's conversations, newest first. */
async function listRows(db: Db, slice: DrilldownSlice, cursor: string | null, limit: number, now: Date) {
  const window = await resolveDashboardWindow(db, slice, now);
  const p = new Params();
  const cte = baseCte({ ...slice, ...window, now }, p);
  const where = sliceWhere(slice, window.timeZone, p);
  if (cursor) {
    const after = decodeCursor(cursor);
    where.push(`(received_at, id) < (${p.add(after.at, "timestamptz")}, ${p.add(after.id, "uuid")})`);
  }
  const sql = `WITH ${cte},
    page AS (SELECT * FROM base WHERE ${where.join(" AND ")} ORDER BY received_at DESC, id DESC LIMIT ${limit + 1})
    SELECT page.id, page.received_at, s.name AS source_name, page.page_path, c.page_url, page.campaign, page.topic,
           page.intent, page.consent_status, page.lead_id,
           COALESCE(c.brief->'contact'->'name'->>'value', c.visitor_fields->>'name') AS visitor_name,
           COALESCE(c.brief->'contact'->'email'->>'value', c.visitor_fields->>'email') AS email,
           COALESCE(c.brief->'contact'->'phone'->>'value', c.visitor_fields->>'phone') AS phone,
           COALESCE(c.brief->'contact'->'company'->>'value', c.visitor_fields->>'company') AS company,
           ${edited("statedNeed")} AS stated_need, ${edited("unresolvedQuestion")} AS unresolved_question,
           COALESCE(c.brief_edits->'urgency'->>'value', c.brief->'urgency'->>'level') AS urgency,
           c.brief->'customerStatus'->>'value' AS customer_status, c.brief->>'summary' AS summary,
           page.h_id, page.h_status, o.name AS owner_name, t.name AS team_name, page.h_rule,
           page.response_seconds, page.response_business_seconds, page.breached,
           page.e_id, ec.status AS e_status, page.reasons, ec.resolution, rv.name AS reviewer_name, page.reassigned
      FROM page
      JOIN conversations c ON c.id = page.id
      JOIN sources s ON s.id = page.source_id
      LEFT JOIN users o ON o.id = page.h_owner
      LEFT JOIN teams t ON t.id = COALESCE(page.h_team, page.e_team)
      LEFT JOIN exception_cases ec ON ec.id = page.e_id
      LEFT JOIN users rv ON rv.id = page.resolved_by_id
     ORDER BY page.received_at DESC, page.id DESC`;
  const rows = await readPlannedQuery<ListedRow>(sql, p.values);
  const more = rows.length > limit;
  const items = more ? rows.slice(0, limit) : rows;
  return { window, items, nextCursor: more ? encodeCursor(items[items.length - 1]!) : null };
}

const masked = (value: string | null) => (value === null ? null : maskContactValue(value));

function toDrilldownRow(row: ListedRow, topicLabels: ReadonlyMap<string, string>): DrilldownRow {
  return {
    conversationId: row.id,
    receivedAt: row.received_at,
    source: row.source_name,
    pagePath: masked(row.page_path),
    campaign: masked(row.campaign),
    topic: row.topic ? (topicLabels.get(row.topic) ?? row.topic) : null,
    intent: row.intent,
    visitorName: masked(row.visitor_name),
    statedNeed: masked(row.stated_need),
    unresolvedQuestion: masked(row.unresolved_question),
    consentStatus: row.consent_status,
    outcome: row.e_status === "open" ? "case" : row.h_id ? "handoff" : row.e_id ? "case" : "none",
    caseId: row.e_id,
    caseStatus: row.e_status,
    caseReasons: row.reasons ?? [],
    resolution: row.resolution,
    handoffId: row.h_id,
    handoffStatus: row.h_status,
    owner: row.owner_name,
    responseSeconds: row.response_seconds,
    breached: row.breached === true,
    reassigned: row.reassigned,
    href: row.e_id ? `/cases/${row.e_id}` : row.h_id ? `/inbox/${row.h_id}` : null,
  };
}

async function titleOf(db: Db, slice: DrilldownSlice): Promise<string> {
  const metric = METRICS[slice.metric];
  const parts = [metric.label, slice.part === "numerator" ? metric.numerator : metric.denominator];
  if (slice.dimension && slice.key !== undefined) {
    const labels = await labelsFor(db, slice.dimension, [slice.key]);
    parts.push(`${DIMENSION_LABELS[slice.dimension]}: ${labels.get(slice.key) ?? slice.key}`);
  }
  if (slice.bucket) parts.push(`${slice.granularity === "week" ? "week of " : ""}${slice.bucket}`);
  return parts.join(" · ");
}

export async function drilldown(
  db: Db,
  input: { slice: DrilldownSlice; cursor?: string | null; limit: number },
  now = new Date(),
): Promise<DrilldownPage> {
  const first = !input.cursor;
  const [page, title, total, topicLabels] = await Promise.all([
    listRows(db, input.slice, input.cursor ?? null, input.limit, now),
    titleOf(db, input.slice),
    first ? countSlice(db, input.slice, now) : null,
    loadTopicLabels(db),
  ]);
  return {
    title,
    window: windowInfo(page.window),
    total,
    items: page.items.map((row) => toDrilldownRow(row, topicLabels)),
    nextCursor: page.nextCursor,
  };
}

export const EXPORT_COLUMNS = [
  "conversation_id",
  "received_at",
  "source",
  "page_url",
  "page_path",
  "campaign",
  "topic",
  "intent",
  "customer_status",
  "urgency",
  "summary",
  "stated_need",
  "unresolved_question",
  "visitor_name",
  "email",
  "phone",
  "company",
  "consent_status",
  "lead_id",
  "outcome",
  "case_reasons",
  "case_status",
  "case_resolution",
  "decided_by",
  "handoff_status",
  "owner",
  "team",
  "routing_rule",
  "response_seconds",
  "response_business_seconds",
  "sla_breached",
  "reassigned",
  "link",
] as const;

/** At most this many rows in one export (the route refuses larger lists): a year of a busy site fits. */
export const EXPORT_LIMIT = 200_000;
const EXPORT_BATCH = 1_000;

/**
 * The slice's rows for CSV, batch by batch (so a large export never sits in memory at once), masked
 * as the case view shows them before a reveal: emails and phone numbers wherever they appear.
 */
export async function* exportRows(db: Db, slice: DrilldownSlice, baseUrl: string, now = new Date()) {
  let cursor: string | null = null;
  let sent = 0;
  const topicLabels = await loadTopicLabels(db);
  do {
    const page = await listRows(db, slice, cursor, EXPORT_BATCH, now);
    for (const row of page.items) {
      const view = toDrilldownRow(row, topicLabels);
      yield [
        row.id,
        row.received_at,
        row.source_name,
        masked(row.page_url),
        view.pagePath,
        view.campaign,
        view.topic,
        row.intent,
        row.customer_status,
        row.urgency,
        masked(row.summary),
        view.statedNeed,
        view.unresolvedQuestion,
        view.visitorName,
        masked(row.email),
        masked(row.phone),
        masked(row.company),
        row.consent_status,
        row.lead_id,
        view.outcome,
        (row.reasons ?? []).join(" "),
        row.e_status,
        row.resolution,
        row.reviewer_name,
        row.h_status,
        row.owner_name,
        row.team_name,
        row.h_rule,
        row.response_seconds,
        row.response_business_seconds,
        row.breached === true,
        row.reassigned,
        view.href ? new URL(view.href, baseUrl).toString() : null,
      ];
      sent += 1;
      if (sent >= EXPORT_LIMIT) return;
    }
    cursor = page.nextCursor;
  } while (cursor);
}
