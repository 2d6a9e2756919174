import { METRICS, type MetricId } from "@/server/domain/metrics/definitions";
import type { DashboardFilters } from "@/server/services/dashboards/dashboard-input";
import type { TrendPoint } from "@/server/services/dashboards/dashboards";
import { Cell, DataTable } from "../ui/table";
import { drilldownHref } from "./dashboard-params";
import { DrillLink } from "./drill-link";
import { formatBucket, formatCount, formatDuration, formatMetricValue } from "./format";

/** The trend's points as a table: the chart for keyboards and screen readers, every figure a link. */
export function TrendTable({
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
  const definition = METRICS[metric];
  const columns = [
    { label: granularity === "week" ? "Week" : "Day" },
    { label: definition.kind === "duration" ? "Median" : definition.kind === "rate" ? "Rate" : "Count" },
    ...(definition.kind === "duration" ? [{ label: "p90" }] : []),
    ...(definition.kind === "count" ? [] : [{ label: "Counted" }, { label: "Out of" }]),
  ];
  return (
    <DataTable caption={`${definition.label} by ${granularity}`} columns={columns} testId="trend-table">
      {points.map((point) => {
        const value = point.metrics[metric];
        const slice = { metric, bucket: point.bucket, granularity } as const;
        const numeratorHref = drilldownHref(filters, { ...slice, part: "numerator" });
        return (
          <tr key={point.bucket} data-testid="trend-row" data-bucket={point.bucket}>
            <th scope="row" className="py-1.5 pr-4 text-left font-normal text-slate-700">
              {formatBucket(point.bucket, granularity)}
            </th>
            <Cell className="py-1.5 tabular-nums">
              <DrillLink href={numeratorHref} className="font-medium text-slate-900">
                {formatMetricValue(definition, value)}
              </DrillLink>
            </Cell>
            {definition.kind === "duration" ? (
              <Cell className="py-1.5 tabular-nums text-slate-700">{formatDuration(value.p90)}</Cell>
            ) : null}
            {definition.kind === "count" ? null : (
              <>
                <Cell className="py-1.5">
                  <DrillLink href={numeratorHref} label={`${formatCount(value.numerator)} ${definition.numerator}`}>
                    {formatCount(value.numerator)}
                  </DrillLink>
                </Cell>
                <Cell className="py-1.5">
                  <DrillLink
                    href={drilldownHref(filters, { ...slice, part: "denominator" })}
                    label={`${formatCount(value.denominator)} ${definition.denominator}`}
                  >
                    {formatCount(value.denominator)}
                  </DrillLink>
                </Cell>
              </>
            )}
          </tr>
        );
      })}
    </DataTable>
  );
}
