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
 * One row per conversation first received in [start, end): `conversation_facts`, which database
 * triggers keep in step with the conversation, its handoff, its exception case and its
 * reassignment events (one narrow table, so 90 days are read without a join).
 */
export function baseCte(scope: BaseScope, p: Params): string {
  const where = [
    `received_at >= ${p.add(scope.start, "timestamptz")}`,
    `received_at < ${p.add(scope.end, "timestamptz")}`,
  ];
  if (scope.sourceId) where.push(`source_id = ${p.add(scope.sourceId, "uuid")}`);
  if (scope.page) where.push(`page_path = ${p.add(scope.page, "text")}`);
  if (scope.teamId) where.push(`COALESCE(h_team, e_team) = ${p.add(scope.teamId, "uuid")}`);
  // Not materialized: a query that reads `base` twice (the breakdown by reason) still scans in parallel.
  return `base AS NOT MATERIALIZED (
    SELECT conversation_id AS id, received_at, source_id, page_path, campaign, topic, intent, lead_id,
           has_contact, consent_status, need_stated, unresolved,
           h_id, h_status, h_owner, h_team, h_rule, response_seconds, response_business_seconds,
           (breached_at IS NOT NULL OR responded_at > due_at
             OR (responded_at IS NULL AND due_at < ${p.add(scope.now, "timestamptz")})) AS breached,
           e_id, reasons, resolved_by_id, resolved_at, e_created, e_team, e_rule, reassigned
      FROM conversation_facts
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
