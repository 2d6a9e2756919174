import { DIMENSION_LABELS, METRICS, type Dimension, type MetricId } from "@/server/domain/metrics/definitions";
import { NONE_KEY, type DashboardFilters } from "@/server/services/dashboards/dashboard-input";
import type { BreakdownRow, MetricValue } from "@/server/services/dashboards/dashboards";
import { reasonLabel } from "../queue/reason-labels";
import { cn } from "../ui/cn";
import { drilldownHref } from "./dashboard-params";
import { DrillLink } from "./drill-link";
import { formatCount, formatDuration, formatRate } from "./format";

// The breakdown's columns: the count that opens the conversations, and the rate or median beside it.
interface Column {
  label: string;
  metric: MetricId;
  /** What the secondary figure is. */
  detail: (value: MetricValue) => string;
  /** The linked figure; by default the numerator's count. */
  main?: (value: MetricValue) => string;
}

const COLUMNS: readonly Column[] = [
  { label: "Conversations", metric: "conversations", detail: () => "" },
  { label: "Leads", metric: "conversion", detail: (v) => formatRate(v.rate) },
  { label: "Complete handoffs", metric: "complete_handoff", detail: (v) => formatRate(v.rate) },
  { label: "Exceptions", metric: "exception_rate", detail: (v) => formatRate(v.rate) },
  { label: "Wrong owner", metric: "wrong_owner", detail: (v) => formatRate(v.rate) },
  {
    label: "Response median",
    metric: "response_time",
    main: (v) => formatDuration(v.median),
    detail: (v) => `${formatCount(v.numerator)} responded`,
  },
  { label: "SLA breaches", metric: "sla_breach", detail: (v) => formatRate(v.rate) },
  {
    label: "Review decisions",
    metric: "review_time",
    detail: (v) => (v.median === null || v.median === undefined ? "" : `median ${formatDuration(v.median)}`),
  },
];

export function rowLabel(dimension: Dimension, row: Pick<BreakdownRow, "key" | "label">): string {
  return dimension === "reason" && !row.label.startsWith("(") ? reasonLabel(row.key).label : row.label;
}

function MetricCell({
  column,
  row,
  dimension,
  filters,
}: {
  column: Column;
  row: BreakdownRow;
  dimension: Dimension;
  filters: DashboardFilters;
}) {
  const value = row.metrics[column.metric];
  const definition = METRICS[column.metric];
  const main = column.main ? column.main(value) : formatCount(value.numerator);
  const detail = column.detail(value);
  const label = rowLabel(dimension, row);
  return (
    <td className="py-2 pr-4 text-right tabular-nums" data-metric={column.metric}>
      <DrillLink
        href={drilldownHref(filters, { metric: column.metric, part: "numerator", dimension, key: row.key })}
        label={`${main}${column.main ? ` (${definition.numerator})` : ` ${definition.numerator}`} for ${label}`}
        className={cn("font-medium", value.numerator === 0 ? "text-slate-500" : "text-slate-900")}
      >
        {main}
      </DrillLink>
      {detail ? <div className="text-xs text-slate-600">{detail}</div> : null}
    </td>
  );
}

/**
 * The metrics for each value of a dimension (the largest groups first). Every figure opens the
 * conversations behind it, within the row's group.
 */
export function BreakdownTable({
  dimension,
  rows,
  filters,
}: {
  dimension: Dimension;
  rows: BreakdownRow[];
  filters: DashboardFilters;
}) {
  return (
    <div className="overflow-x-auto">
      <table className="w-full min-w-[60rem] text-sm" data-testid="breakdown-table">
        <caption className="sr-only">Metrics by {DIMENSION_LABELS[dimension].toLowerCase()}</caption>
        <thead className="border-b border-slate-200 text-xs uppercase tracking-wide text-slate-600">
          <tr>
            <th scope="col" className="py-2 pr-4 text-left font-medium">
              {DIMENSION_LABELS[dimension]}
            </th>
            {COLUMNS.map((column) => (
              <th key={column.metric} scope="col" className="py-2 pr-4 text-right font-medium last:pr-0">
                {column.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((row) => (
            <tr key={row.key} className="align-top hover:bg-slate-50" data-testid="breakdown-row" data-key={row.key}>
              <th
                scope="row"
                className={cn(
                  "max-w-[16rem] truncate py-2 pr-4 text-left font-medium text-slate-900",
                  dimension === "page" && row.key !== NONE_KEY && "font-mono text-xs",
                  row.label.startsWith("(") && "italic text-slate-600",
                )}
                title={rowLabel(dimension, row)}
              >
                {rowLabel(dimension, row)}
              </th>
              {COLUMNS.map((column) => (
                <MetricCell key={column.metric} column={column} row={row} dimension={dimension} filters={filters} />
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
