import type { Db } from "../../db/client";
import { readPlannedQuery } from "../../db/sql";
import { CASE_REASON_LABELS, type CaseReason } from "../../domain/intake/triage";
import {
  changeOf,
  METRIC_IDS,
  PILOT_THRESHOLD,
  pilotVerdict,
  rateOf,
  type Dimension,
  type MetricId,
  type Verdict,
} from "../../domain/metrics/definitions";
import {
  bucketKeys,
  resolveWindow,
  WindowInputError,
  type Period,
  type ReportingWindow,
} from "../../domain/metrics/window";
import { formatLocalDate, localDateAt } from "../../domain/metrics/zoned-time";
import { AppError } from "../../errors";
import { loadRoutingConfig } from "../ingest/routing-config";
import { loadTopicLabels } from "../settings/analysis-settings";
import { maskContactValue } from "../review/transcript";
import type { DashboardFilters } from "./dashboard-input";
import { NONE_KEY } from "./dashboard-input";
import { aggregateColumns, baseCte, bucketSql, DIMENSION_SQL, Params } from "./metric-sql";

// The managers' numbers (docs/METRICS.md): headline cards against the previous period, a trend by
// day or week, and breakdowns by page, campaign, topic, team, owner, source, rule, reviewer and
// exception reason. Each is one aggregate query over `base` (metric-sql.ts): exact counts straight
// from the records, never a counter kept on the side (npm run bench:dashboards measures them).

export interface MetricValue {
  numerator: number;
  denominator: number;
  /** numerator / denominator; null without a denominator. */
  rate: number | null;
  /** Durations only, in seconds: over the numerator's rows. */
  median?: number | null;
  p90?: number | null;
  businessMedian?: number | null;
  businessP90?: number | null;
}

export type MetricSet = Record<MetricId, MetricValue>;

export interface WindowInfo {
  from: string;
  to: string;
  days: number;
  timeZone: string;
  previous: { from: string; to: string };
}

export interface Headline {
  metric: MetricId;
  current: MetricValue;
  previous: MetricValue;
  /** Current minus previous: of the rate, or of the median for durations. */
  change: number | null;
}

export interface Overview {
  window: WindowInfo;
  headlines: Headline[];
  pilot: { threshold: number; coverage: number | null; verdict: Verdict };
}

export interface TrendPoint {
  /** The bucket's first day, "YYYY-MM-DD". */
  bucket: string;
  metrics: MetricSet;
}

export interface BreakdownRow {
  /** The group's value (NONE_KEY when the conversations have none). */
  key: string;
  label: string;
  metrics: MetricSet;
}

export interface Breakdown {
  window: WindowInfo;
  dimension: Dimension;
  rows: BreakdownRow[];
  /** More groups than shown: the rows are the largest by conversations. */
  truncated: boolean;
}

export const BREAKDOWN_LIMIT = 100;

type AggregateRow = Record<string, number | string | null>;

/** The business's reporting time zone: the one its business hours are written in. */
export async function reportingTimeZone(db: Db): Promise<string> {
  return (await loadRoutingConfig(db)).config.businessHours.timeZone;
}

/** Today's date where the business is, "YYYY-MM-DD": where "the last 7 days" ends. */
export async function businessToday(db: Db, now = new Date()): Promise<string> {
  return formatLocalDate(localDateAt(now.getTime(), await reportingTimeZone(db)));
}

export async function resolveDashboardWindow(db: Db, filters: Pick<DashboardFilters, "from" | "to">, now = new Date()) {
  const zone = await reportingTimeZone(db);
  try {
    return resolveWindow(filters, zone, now);
  } catch (error) {
    if (error instanceof WindowInputError) throw new AppError("BAD_REQUEST", error.message, { field: error.field });
    throw error;
  }
}

export function windowInfo(window: ReportingWindow): WindowInfo {
  return {
    from: window.from,
    to: window.to,
    days: window.days,
    timeZone: window.timeZone,
    previous: { from: window.previous.from, to: window.previous.to },
  };
}

function num(value: unknown): number | null {
  if (value === null || value === undefined) return null;
  const n = Number(value);
  return Number.isFinite(n) ? n : null;
}

export function metricSetOf(row: AggregateRow): MetricSet {
  const set = {} as MetricSet;
  for (const id of METRIC_IDS) {
    const numerator = num(row[`${id}_n`]) ?? 0;
    const denominator = num(row[`${id}_d`]) ?? 0;
    set[id] = { numerator, denominator, rate: rateOf(numerator, denominator) };
  }
  Object.assign(set.response_time, {
    median: num(row.response_median),
    p90: num(row.response_p90),
    businessMedian: num(row.response_business_median),
    businessP90: num(row.response_business_p90),
  });
  Object.assign(set.review_time, { median: num(row.review_median), p90: num(row.review_p90) });
  return set;
}

async function aggregate(scope: Period & DashboardFilters, now: Date): Promise<MetricSet> {
  const p = new Params();
  const sql = `WITH ${baseCte({ ...scope, now }, p)}
    SELECT ${aggregateColumns()} FROM base`;
  const [row] = await readPlannedQuery<AggregateRow>(sql, p.values, { parallel: true });
  return metricSetOf(row ?? {});
}

function headlineChange(metric: MetricId, current: MetricValue, previous: MetricValue): number | null {
  if (metric === "conversations") return current.numerator - previous.numerator;
  if (metric === "response_time" || metric === "review_time")
    return changeOf(current.median ?? null, previous.median ?? null);
  return changeOf(current.rate, previous.rate);
}

export async function dashboardOverview(db: Db, filters: DashboardFilters, now = new Date()): Promise<Overview> {
  const window = await resolveDashboardWindow(db, filters, now);
  const [current, previous] = await Promise.all([
    aggregate({ ...filters, ...window }, now),
    aggregate({ ...filters, ...window.previous }, now),
  ]);
  const coverage = current.pilot_coverage.rate;
  return {
    window: windowInfo(window),
    headlines: METRIC_IDS.map((metric) => ({
      metric,
      current: current[metric],
      previous: previous[metric],
      change: headlineChange(metric, current[metric], previous[metric]),
    })),
    pilot: { threshold: PILOT_THRESHOLD, coverage, verdict: pilotVerdict(coverage) },
  };
}

export async function dashboardTrend(
  db: Db,
  input: DashboardFilters & { granularity: "day" | "week" },
  now = new Date(),
): Promise<{ window: WindowInfo; granularity: "day" | "week"; points: TrendPoint[] }> {
  const window = await resolveDashboardWindow(db, input, now);
  const p = new Params();
  const bucket = bucketSql(input.granularity, window.timeZone, p);
  const sql = `WITH ${baseCte({ ...input, ...window, now }, p)}
    SELECT ${bucket} AS bucket, ${aggregateColumns()} FROM base GROUP BY 1`;
  const rows = await readPlannedQuery<AggregateRow>(sql, p.values, { parallel: true });
  const byBucket = new Map(rows.map((row) => [String(row.bucket), row]));
  return {
    window: windowInfo(window),
    granularity: input.granularity,
    // Empty days are zeros on the chart, not gaps that join their neighbours.
    points: bucketKeys(window, input.granularity).map((key) => ({
      bucket: key,
      metrics: metricSetOf(byBucket.get(key) ?? {}),
    })),
  };
}

export async function dashboardBreakdown(
  db: Db,
  input: DashboardFilters & { dimension: Dimension },
  now = new Date(),
  /** Which groups to keep when there are more than BREAKDOWN_LIMIT: the busiest, or those with most exceptions. */
  order: "conversations" | "exceptions" = "conversations",
): Promise<Breakdown> {
  const window = await resolveDashboardWindow(db, input, now);
  const p = new Params();
  const cte = baseCte({ ...input, ...window, now }, p);
  let sql: string;
  if (input.dimension === "reason") {
    // A conversation counts once under each of its reasons; the exception rate's denominator is
    // every conversation in the window, whatever its reasons.
    sql = `WITH ${cte}
      SELECT reason AS key, ${aggregateColumns()}, (SELECT count(*)::int FROM base) AS exception_rate_total
        FROM base CROSS JOIN LATERAL unnest(reasons) AS reason
       WHERE e_id IS NOT NULL
       GROUP BY reason ORDER BY count(*) DESC, reason LIMIT ${BREAKDOWN_LIMIT + 1}`;
  } else {
    sql = `WITH ${cte}
      SELECT ${DIMENSION_SQL[input.dimension]} AS key, ${aggregateColumns()}
        FROM base GROUP BY 1
       ORDER BY ${order === "exceptions" ? "count(*) FILTER (WHERE e_id IS NOT NULL) DESC, " : ""}count(*) DESC, 1 NULLS LAST
       LIMIT ${BREAKDOWN_LIMIT + 1}`;
  }
  const rows = await readPlannedQuery<AggregateRow>(sql, p.values, { parallel: true });
  const truncated = rows.length > BREAKDOWN_LIMIT;
  const kept = rows.slice(0, BREAKDOWN_LIMIT);
  const labels = await labelsFor(
    db,
    input.dimension,
    kept.map((row) => row.key as string | null),
  );
  return {
    window: windowInfo(window),
    dimension: input.dimension,
    truncated,
    rows: kept.map((row) => {
      const metrics = metricSetOf(row);
      if (input.dimension === "reason") {
        const total = num(row.exception_rate_total) ?? 0;
        metrics.exception_rate = {
          numerator: metrics.exception_rate.numerator,
          denominator: total,
          rate: rateOf(metrics.exception_rate.numerator, total),
        };
      }
      const key = row.key === null ? NONE_KEY : String(row.key);
      return { key, label: labels.get(key) ?? key, metrics };
    }),
  };
}

const NONE_LABELS: Record<Dimension, string> = {
  page: "(no page)",
  campaign: "(no campaign)",
  topic: "(no topic)",
  team: "(no team)",
  owner: "(no owner)",
  source: "(no source)",
  rule: "(no rule)",
  reviewer: "(not decided by a reviewer)",
  reason: "(no reason)",
};

/** What a breakdown key is called: a person's or team's name, a topic's label, a rule's name. */
export async function labelsFor(db: Db, dimension: Dimension, keys: (string | null)[]): Promise<Map<string, string>> {
  const labels = new Map<string, string>([[NONE_KEY, NONE_LABELS[dimension]]]);
  const ids = keys.filter((key): key is string => key !== null);
  if (ids.length === 0) return labels;
  switch (dimension) {
    case "owner":
    case "reviewer":
      for (const user of await db.user.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } }))
        labels.set(user.id, user.name);
      break;
    case "team":
      for (const team of await db.team.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } }))
        labels.set(team.id, team.name);
      break;
    case "source":
      for (const source of await db.source.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } }))
        labels.set(source.id, source.name);
      break;
    case "topic": {
      const topicLabels = await loadTopicLabels(db);
      for (const id of ids) labels.set(id, topicLabels.get(id) ?? id.replace(/[_-]+/g, " "));
      break;
    }
    case "rule": {
      const { config } = await loadRoutingConfig(db);
      for (const rule of config.rules) labels.set(rule.id, rule.name);
      break;
    }
    case "reason":
      for (const id of ids) labels.set(id, CASE_REASON_LABELS[id as CaseReason] ?? id.replace(/_/g, " "));
      break;
    case "page":
    case "campaign":
      // Visitors' URLs and campaign tags can carry an email address; shown masked, as elsewhere.
      for (const id of ids) labels.set(id, maskContactValue(id));
      break;
    default:
      break;
  }
  return labels;
}

export interface DashboardFilterOptions {
  timeZone: string;
  sources: { id: string; name: string }[];
  teams: { id: string; name: string }[];
}

export async function dashboardFilterOptions(db: Db): Promise<DashboardFilterOptions> {
  const [timeZone, sources, teams] = await Promise.all([
    reportingTimeZone(db),
    db.source.findMany({ select: { id: true, name: true }, orderBy: { name: "asc" } }),
    db.team.findMany({ select: { id: true, name: true }, orderBy: { name: "asc" } }),
  ]);
  return { timeZone, sources, teams };
}
