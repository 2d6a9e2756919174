import { METRICS } from "@/server/domain/metrics/definitions";
import type { DashboardFilters } from "@/server/services/dashboards/dashboard-input";
import type { Headline } from "@/server/services/dashboards/dashboards";
import { ChangeIndicator } from "./change-indicator";
import { drilldownHref } from "./dashboard-params";
import { DrillLink } from "./drill-link";
import { formatCount, formatDuration, formatMetricValue } from "./format";

/**
 * One metric for the window: its figure, what it is made of (both counts open their conversations),
 * the previous period's figure and the change, coloured by which way is better.
 */
export function HeadlineCard({ headline, filters }: { headline: Headline; filters: DashboardFilters }) {
  const metric = METRICS[headline.metric];
  const { current, previous } = headline;
  const id = `metric-${metric.id}`;
  const numeratorHref = drilldownHref(filters, { metric: metric.id, part: "numerator" });
  const denominatorHref = drilldownHref(filters, { metric: metric.id, part: "denominator" });
  const value = formatMetricValue(metric, current);
  // A count of zero is a value; a rate over nothing or a median of nothing is not.
  const hasPrevious =
    metric.kind === "count" || (metric.kind === "rate" ? previous.denominator > 0 : previous.median != null);
  const valueLabel =
    metric.kind === "count"
      ? `${value} ${metric.numerator}: list them`
      : `${value}${metric.kind === "duration" ? " median" : ""}: list the ${formatCount(current.numerator)} ${metric.numerator}`;

  return (
    <article
      aria-labelledby={id}
      className="flex flex-col rounded-lg border border-slate-200 bg-white p-4 shadow-xs"
      data-testid="metric-card"
      data-metric={metric.id}
    >
      <div className="flex items-start justify-between gap-2">
        <h3 id={id} className="text-sm font-medium text-slate-900">
          {metric.label}
        </h3>
        <ChangeIndicator change={headline.change} metric={metric} className="mt-0.5 shrink-0" />
      </div>
      <p className="mt-0.5 line-clamp-2 text-xs leading-4 text-slate-600">{metric.description}</p>

      <div className="mt-3 flex items-baseline gap-2">
        <DrillLink
          href={numeratorHref}
          label={valueLabel}
          className="text-2xl font-semibold tracking-tight text-slate-900"
          testId="metric-value"
        >
          {value}
        </DrillLink>
        {metric.kind === "duration" ? (
          <span className="text-xs text-slate-600">
            median · p90 <span className="tabular-nums text-slate-800">{formatDuration(current.p90)}</span>
          </span>
        ) : null}
      </div>

      {metric.id === "response_time" ? (
        <p className="mt-1 text-xs text-slate-600" data-testid="business-hours">
          Business hours: median{" "}
          <span className="tabular-nums text-slate-800">{formatDuration(current.businessMedian)}</span> · p90{" "}
          <span className="tabular-nums text-slate-800">{formatDuration(current.businessP90)}</span>
        </p>
      ) : null}

      <div className="mt-auto pt-3">
        {metric.kind === "count" ? null : (
          <p className="text-sm text-slate-700" data-testid="metric-counts">
            <DrillLink
              href={numeratorHref}
              className="font-semibold text-slate-900"
              testId="numerator-link"
              label={`${formatCount(current.numerator)} ${metric.numerator}`}
            >
              {formatCount(current.numerator)}
            </DrillLink>{" "}
            of{" "}
            <DrillLink
              href={denominatorHref}
              className="font-semibold text-slate-900"
              testId="denominator-link"
              label={`${formatCount(current.denominator)} ${metric.denominator}`}
            >
              {formatCount(current.denominator)}
            </DrillLink>{" "}
            <span className="text-slate-600">{metric.denominator}</span>
          </p>
        )}
        <p className="mt-1 text-xs text-slate-600" data-testid="metric-previous">
          Previous period:{" "}
          {hasPrevious ? (
            <span className="tabular-nums">
              {formatMetricValue(metric, previous)}
              {metric.kind === "rate"
                ? ` (${formatCount(previous.numerator)} of ${formatCount(previous.denominator)})`
                : ""}
            </span>
          ) : (
            "no data"
          )}
        </p>
      </div>
    </article>
  );
}
