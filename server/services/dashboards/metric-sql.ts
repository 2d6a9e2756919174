import type { Dimension, MetricId } from "../../domain/metrics/definitions";
import { NONE_KEY } from "./dashboard-input";

// Every metric is counted by one pair of SQL predicates over one row per conversation (`base`): the
// denominator says which conversations the metric is about, the numerator which of those count.
// The headline numbers, the trend, the breakdowns, the drill-down lists and the CSV export all use
// these same predicates, so a number and the conversations behind it cannot disagree.
// docs/METRICS.md says the same in words; change both together.

/** Collects parameters as the SQL is written: `p(value, "uuid")` -> "$3::uuid". */
export class Params {
  readonly values: unknown[] = [];
  add(value: unknown, cast: string): string {
    this.values.push(value);
    return `$${this.values.length}::${cast}`;
  }
}

/** A handoff reached an owner and was not withdrawn for review (status closed). */
const LIVE_HANDOFF = `h_id IS NOT NULL AND h_status <> 'closed' AND h_owner IS NOT NULL`;
const COMPLETE_HANDOFF = `${LIVE_HANDOFF} AND has_contact AND consent_status = 'given' AND need_stated`;
const DOCUMENTED_EXCEPTION = `e_id IS NOT NULL AND cardinality(reasons) > 0`;
const SALES = `intent = 'sales'`;

export const METRIC_SQL: Readonly<Record<MetricId, { denominator: string; numerator: string }>> = {
  conversations: { denominator: "TRUE", numerator: "TRUE" },
  conversion: { denominator: SALES, numerator: "lead_id IS NOT NULL" },
  complete_handoff: { denominator: SALES, numerator: COMPLETE_HANDOFF },
  pilot_coverage: { denominator: SALES, numerator: `(${COMPLETE_HANDOFF}) OR (${DOCUMENTED_EXCEPTION})` },
  response_time: { denominator: LIVE_HANDOFF, numerator: "response_seconds IS NOT NULL" },
  unresolved: { denominator: "intent IS DISTINCT FROM 'spam'", numerator: "unresolved" },
  wrong_owner: { denominator: "h_id IS NOT NULL", numerator: "reassigned" },
  exception_rate: { denominator: "TRUE", numerator: "e_id IS NOT NULL" },
  sla_breach: { denominator: LIVE_HANDOFF, numerator: "breached" },
  review_time: { denominator: "e_id IS NOT NULL", numerator: "resolved_by_id IS NOT NULL AND resolved_at IS NOT NULL" },
};

/** The value each breakdown groups on, over `base`'s columns. `reason` is special: see below. */
export const DIMENSION_SQL: Readonly<Record<Exclude<Dimension, "reason">, string>> = {
  page: "page_path",
  campaign: "campaign",
  topic: "topic",
  // The handoff's team; for a conversation still in review, the team routing suggested.
  team: "COALESCE(h_team, e_team)::text",
  owner: "h_owner::text",
  source: "source_id::text",
  rule: "COALESCE(h_rule, e_rule)",
  reviewer: "resolved_by_id::text",
};

export interface BaseScope {
  start: Date;
  end: Date;
  /** For the SLA: a handoff still waiting after its due time has breached, swept yet or not. */
  now: Date;
  sourceId?: string;
  page?: string;
  teamId?: string;
}

/**
 * One row per conversation first received in [start, end), with its handoff, its exception case and
 * whether a reviewer reassigned it. Reassignments happen after the conversation arrives, so only
 * events from `start` on are read (the events index on (type, occurred_at) serves it).
 */
export function baseCte(scope: BaseScope, p: Params): string {
  const where = [
    `c.received_at >= ${p.add(scope.start, "timestamptz")}`,
    `c.received_at < ${p.add(scope.end, "timestamptz")}`,
  ];
  if (scope.sourceId) where.push(`c.source_id = ${p.add(scope.sourceId, "uuid")}`);
  if (scope.page) where.push(`c.page_path = ${p.add(scope.page, "text")}`);
  if (scope.teamId) where.push(`COALESCE(h.team_id, e.suggested_team_id) = ${p.add(scope.teamId, "uuid")}`);
  return `base AS (
    SELECT c.id, c.received_at, c.source_id, c.page_path, c.campaign, c.topic, c.intent, c.lead_id,
           c.has_contact, c.consent_status, c.need_stated, c.unresolved,
           h.id AS h_id, h.status AS h_status, h.owner_id AS h_owner, h.team_id AS h_team, h.rule_id AS h_rule,
           h.response_seconds, h.response_business_seconds,
           (h.breached_at IS NOT NULL OR h.responded_at > h.due_at
             OR (h.responded_at IS NULL AND h.due_at < ${p.add(scope.now, "timestamptz")})) AS breached,
           e.id AS e_id, e.reasons, e.resolved_by_id, e.resolved_at, e.created_at AS e_created,
           e.suggested_team_id AS e_team, e.rule_id AS e_rule,
           (r.conversation_id IS NOT NULL) AS reassigned
      FROM conversations c
      LEFT JOIN handoffs h ON h.conversation_id = c.id
      LEFT JOIN exception_cases e ON e.conversation_id = c.id
      LEFT JOIN (SELECT DISTINCT conversation_id FROM events
                  WHERE type = 'handoff.reassigned' AND occurred_at >= ${p.add(scope.start, "timestamptz")}) r
             ON r.conversation_id = c.id
     WHERE ${where.join(" AND ")})`;
}

const REVIEW_SECONDS = "extract(epoch FROM resolved_at - e_created)";

/** Every metric's numerator and denominator, and the durations' median and p90, as one SELECT list. */
export function aggregateColumns(): string {
  const counts = Object.entries(METRIC_SQL).map(
    ([id, { denominator, numerator }]) =>
      `count(*) FILTER (WHERE ${denominator})::int AS "${id}_d", ` +
      `count(*) FILTER (WHERE (${denominator}) AND (${numerator}))::int AS "${id}_n"`,
  );
  const responded = `(${METRIC_SQL.response_time.denominator}) AND (${METRIC_SQL.response_time.numerator})`;
  const decided = `(${METRIC_SQL.review_time.denominator}) AND (${METRIC_SQL.review_time.numerator})`;
  const percentile = (fraction: number, value: string, filter: string, name: string) =>
    `percentile_cont(${fraction}) WITHIN GROUP (ORDER BY ${value}) FILTER (WHERE ${filter}) AS "${name}"`;
  return [
    ...counts,
    percentile(0.5, "response_seconds", responded, "response_median"),
    percentile(0.9, "response_seconds", responded, "response_p90"),
    percentile(0.5, "response_business_seconds", responded, "response_business_median"),
    percentile(0.9, "response_business_seconds", responded, "response_business_p90"),
    percentile(0.5, REVIEW_SECONDS, decided, "review_median"),
    percentile(0.9, REVIEW_SECONDS, decided, "review_p90"),
  ].join(",\n       ");
}

/** A slice's condition on `base`: one breakdown key, or one trend bucket. */
export function sliceCondition(
  slice: { dimension?: Dimension; key?: string; bucket?: string; granularity: "day" | "week" },
  timeZone: string,
  p: Params,
): string[] {
  const conditions: string[] = [];
  if (slice.dimension && slice.key !== undefined) {
    if (slice.dimension === "reason") {
      conditions.push(`reasons @> ARRAY[${p.add(slice.key, "text")}]`);
    } else {
      const column = DIMENSION_SQL[slice.dimension];
      conditions.push(slice.key === NONE_KEY ? `${column} IS NULL` : `${column} = ${p.add(slice.key, "text")}`);
    }
  }
  if (slice.bucket) {
    conditions.push(`${bucketSql(slice.granularity, timeZone, p)} = ${p.add(slice.bucket, "text")}`);
  }
  return conditions;
}

/** The local day (or the Monday of the week) a conversation belongs to, as "YYYY-MM-DD". */
export function bucketSql(granularity: "day" | "week", timeZone: string, p: Params): string {
  return `to_char(date_trunc(${p.add(granularity, "text")}, received_at AT TIME ZONE ${p.add(timeZone, "text")}), 'YYYY-MM-DD')`;
}
