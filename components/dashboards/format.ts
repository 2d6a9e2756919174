import type { MetricDefinition } from "@/server/domain/metrics/definitions";

// Numbers as a manager reads them on the dashboards and the pilot report: rates as percentages,
// durations in hours and minutes, changes against the previous period with which way is good.

const MINUTE = 60;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const integer = new Intl.NumberFormat("en-GB", { maximumFractionDigits: 0 });

export function formatCount(value: number): string {
  return integer.format(value);
}

/** 0.4567 -> "45.7%", 0.5 -> "50%"; null (nothing to divide) -> "—", never a fake 0%. */
export function formatRate(rate: number | null | undefined): string {
  if (rate === null || rate === undefined) return "—";
  const percent = Math.round(rate * 1000) / 10;
  return `${Number.isInteger(percent) ? percent.toFixed(0) : percent.toFixed(1)}%`;
}

/** Seconds as "45 s", "12 min", "1 h 20 min", "3 d 4 h"; null -> "—". */
export function formatDuration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return "—";
  const s = Math.round(Math.abs(seconds));
  if (s < MINUTE) return `${s} s`;
  if (s < HOUR) return `${Math.round(s / MINUTE)} min`;
  if (s < DAY) {
    const hours = Math.floor(s / HOUR);
    const minutes = Math.round((s % HOUR) / MINUTE);
    if (minutes === 60) return `${hours + 1} h`;
    return minutes ? `${hours} h ${minutes} min` : `${hours} h`;
  }
  const days = Math.floor(s / DAY);
  const hours = Math.round((s % DAY) / HOUR);
  if (hours === 24) return `${days + 1} d`;
  return hours ? `${days} d ${hours} h` : `${days} d`;
}

export type ChangeTone = "better" | "worse" | "flat" | "none";

export interface FormattedChange {
  /** "+4.2 pts", "−12 min", "+3", "No change"; "—" without a previous value. */
  text: string;
  direction: "up" | "down" | "flat" | "none";
  tone: ChangeTone;
}

/**
 * A headline's change against the previous period: rate changes in percentage points, duration
 * changes in time (of the median), count changes as counts; coloured by which way is better.
 */
export function formatChange(
  change: number | null | undefined,
  metric: Pick<MetricDefinition, "kind" | "better">,
): FormattedChange {
  if (change === null || change === undefined || !Number.isFinite(change)) {
    return { text: "—", direction: "none", tone: "none" };
  }
  let magnitude: string;
  let zero: boolean;
  if (metric.kind === "rate") {
    const points = Math.round(Math.abs(change) * 1000) / 10;
    zero = points === 0;
    magnitude = `${Number.isInteger(points) ? points.toFixed(0) : points.toFixed(1)} pts`;
  } else if (metric.kind === "duration") {
    zero = Math.round(Math.abs(change)) === 0;
    magnitude = formatDuration(change);
  } else {
    zero = change === 0;
    magnitude = formatCount(Math.abs(change));
  }
  if (zero) return { text: "No change", direction: "flat", tone: "flat" };
  const up = change > 0;
  const better = (up && metric.better === "higher") || (!up && metric.better === "lower");
  return {
    text: `${up ? "+" : "−"}${magnitude}`,
    direction: up ? "up" : "down",
    tone: better ? "better" : "worse",
  };
}

const dayMonth = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", timeZone: "UTC" });
const dayMonthYear = new Intl.DateTimeFormat("en-GB", {
  day: "numeric",
  month: "short",
  year: "numeric",
  timeZone: "UTC",
});

/** "2026-12-07" read as a calendar day (no time zone shifts it). */
function calendarDay(date: string): Date {
  return new Date(`${date}T00:00:00Z`);
}

/** "7 Dec 2026". */
export function formatDay(date: string): string {
  return dayMonthYear.format(calendarDay(date));
}

/** "7 Dec" for a chart's axis. */
export function formatShortDay(date: string): string {
  return dayMonth.format(calendarDay(date));
}

/** "1 Nov – 30 Nov 2026", or "3 Dec 2025 – 1 Jan 2026" across a year; one day alone when from = to. */
export function formatDateRange(from: string, to: string): string {
  if (from === to) return formatDay(from);
  const sameYear = from.slice(0, 4) === to.slice(0, 4);
  return `${sameYear ? formatShortDay(from) : formatDay(from)} – ${formatDay(to)}`;
}

/** A trend bucket's name: "7 Dec 2026", or "Week of 7 Dec 2026". */
export function formatBucket(bucket: string, granularity: "day" | "week"): string {
  return granularity === "week" ? `Week of ${formatDay(bucket)}` : formatDay(bucket);
}

/** A metric's headline figure: the rate, the median duration, or the count. */
export function formatMetricValue(
  metric: Pick<MetricDefinition, "kind">,
  value: { numerator: number; rate: number | null; median?: number | null },
): string {
  if (metric.kind === "rate") return formatRate(value.rate);
  if (metric.kind === "duration") return formatDuration(value.median);
  return formatCount(value.numerator);
}
