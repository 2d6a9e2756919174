"use client";

import { useRouter } from "next/navigation";
import { Bar, BarChart, CartesianGrid, Tooltip, XAxis, YAxis, type TooltipContentProps } from "recharts";
import { METRICS, type MetricId } from "@/server/domain/metrics/definitions";
import type { DashboardFilters } from "@/server/services/dashboards/dashboard-input";
import type { TrendPoint } from "@/server/services/dashboards/dashboards";
import { drilldownHref } from "./dashboard-params";
import { formatBucket, formatCount, formatDuration, formatMetricValue, formatShortDay } from "./format";

interface Datum {
  /** The bucket's first day, and its name. */
  key: string;
  bucket: string;
  /** What the bar shows: a percentage, a median in seconds, or a count; null draws no bar. */
  value: number | null;
  numerator: number;
  denominator: number;
  text: string;
}

export function chartValue(metric: MetricId, point: TrendPoint): number | null {
  const value = point.metrics[metric];
  const kind = METRICS[metric].kind;
  if (kind === "rate") return value.rate === null ? null : Math.round(value.rate * 1000) / 10;
  if (kind === "duration") return value.median ?? null;
  return value.numerator;
}

function TrendTooltip({ active, payload, metric }: TooltipContentProps<number, string> & { metric: MetricId }) {
  const datum = payload?.[0]?.payload as Datum | undefined;
  if (!active || !datum) return null;
  const definition = METRICS[metric];
  return (
    <div className="rounded-md border border-slate-200 bg-white px-3 py-2 text-xs shadow-md">
      <div className="font-medium text-slate-900">{datum.bucket}</div>
      <div className="mt-0.5 text-slate-700">
        {definition.label}: <span className="font-semibold tabular-nums">{datum.text}</span>
      </div>
      {definition.kind !== "count" ? (
        <div className="text-slate-600 tabular-nums">
          {formatCount(datum.numerator)} of {formatCount(datum.denominator)} {definition.denominator}
        </div>
      ) : null}
      <div className="mt-1 text-slate-500">Click to list the conversations</div>
    </div>
  );
}

/**
 * The metric by day or week as bars (one per bucket, empty buckets as zero). Clicking a bucket opens
 * the conversations counted in it; the table beside it gives the same to keyboards and screen readers.
 */
export function TrendChart({
  metric,
  points,
  granularity,
  filters,
}: {
  metric: MetricId;
  points: TrendPoint[];
  granularity: "day" | "week";
  filters: DashboardFilters;
}) {
  const router = useRouter();
  const definition = METRICS[metric];
  const data: Datum[] = points.map((point) => ({
    bucket: formatBucket(point.bucket, granularity),
    key: point.bucket,
    value: chartValue(metric, point),
    numerator: point.metrics[metric].numerator,
    denominator: point.metrics[metric].denominator,
    text: formatMetricValue(definition, point.metrics[metric]),
  }));
  const tick = (value: number) =>
    definition.kind === "rate"
      ? `${value}%`
      : definition.kind === "duration"
        ? formatDuration(value)
        : formatCount(value);
  const open = (index: number | null | undefined) => {
    const point = index === null || index === undefined ? undefined : points[index];
    if (point) {
      router.push(drilldownHref(filters, { metric, part: "numerator", bucket: point.bucket, granularity }));
    }
  };

  return (
    <div data-testid="trend-chart" aria-hidden className="h-64 w-full">
      <BarChart
        responsive
        style={{ width: "100%", height: "100%" }}
        data={data}
        margin={{ top: 8, right: 8, bottom: 0, left: 0 }}
        accessibilityLayer={false}
        cursor="pointer"
        onClick={(state) => open(state?.activeIndex === undefined ? null : Number(state.activeIndex))}
      >
        <CartesianGrid vertical={false} stroke="#e2e8f0" />
        <XAxis
          dataKey="key"
          tickFormatter={(key: string) => formatShortDay(key)}
          tick={{ fontSize: 11, fill: "#475569" }}
          tickLine={false}
          axisLine={{ stroke: "#cbd5e1" }}
          minTickGap={16}
        />
        <YAxis
          tickFormatter={tick}
          tick={{ fontSize: 11, fill: "#475569" }}
          tickLine={false}
          axisLine={false}
          width={definition.kind === "duration" ? 72 : 44}
          domain={definition.kind === "rate" ? [0, 100] : [0, "auto"]}
          allowDecimals={false}
        />
        <Tooltip
          cursor={{ fill: "#f1f5f9" }}
          content={(props) => <TrendTooltip {...(props as TooltipContentProps<number, string>)} metric={metric} />}
        />
        <Bar dataKey="value" fill="#0f172a" radius={[3, 3, 0, 0]} maxBarSize={36} isAnimationActive={false} />
      </BarChart>
    </div>
  );
}
