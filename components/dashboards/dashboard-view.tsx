"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { BarChart3, Download, FileText } from "lucide-react";
import { useSearchParams } from "next/navigation";
import { useState, type ReactNode } from "react";
import { useTRPC } from "@/components/providers/trpc";
import {
  DIMENSION_LABELS,
  DIMENSIONS,
  METRIC_IDS,
  METRICS,
  type Dimension,
  type MetricId,
} from "@/server/domain/metrics/definitions";
import { cn } from "../ui/cn";
import { PageHeader } from "../ui/page-header";
import { StatusMessage } from "../ui/status-message";
import { BreakdownTable } from "./breakdown-table";
import { FIELD } from "../ui/filter-field";
import { DashboardFilterBar } from "./dashboard-filters";
import {
  dashboardQuery,
  drilldownHref,
  exportHref,
  filtersOf,
  parseDashboardParams,
  reportHref,
  type DashboardView as View,
} from "./dashboard-params";
import { DrillLink } from "./drill-link";
import { formatDateRange } from "./format";
import { HeadlineCard } from "./headline-card";
import { PilotCoverageCard } from "./pilot-coverage-card";
import { TrendChart } from "./trend-chart";
import { TrendTable } from "./trend-table";

const LINK_BUTTON =
  "inline-flex h-8 items-center justify-center gap-1.5 rounded-md border border-slate-300 bg-white px-3 text-sm font-medium text-slate-800 hover:bg-slate-50";

function Panel({
  title,
  id,
  controls,
  children,
  busy,
}: {
  title: string;
  id: string;
  controls?: ReactNode;
  children: ReactNode;
  busy?: boolean;
}) {
  return (
    <section aria-labelledby={id} className="rounded-lg border border-slate-200 bg-white shadow-xs" aria-busy={busy}>
      <div className="flex flex-wrap items-center justify-between gap-3 border-b border-slate-100 px-4 py-3">
        <h2 id={id} className="text-sm font-semibold text-slate-900">
          {title}
        </h2>
        {controls ? <div className="flex flex-wrap items-center gap-2">{controls}</div> : null}
      </div>
      <div className={cn("px-4 py-3 transition-opacity", busy && "opacity-60")}>{children}</div>
    </section>
  );
}

function SkeletonCards({ count }: { count: number }) {
  return Array.from({ length: count }, (_, i) => (
    <div key={i} aria-hidden className="h-[11.5rem] rounded-lg border border-slate-200 bg-white p-4">
      <div className="h-3 w-1/2 animate-pulse rounded bg-slate-200" />
      <div className="mt-5 h-6 w-1/3 animate-pulse rounded bg-slate-200" />
      <div className="mt-6 h-3 w-2/3 animate-pulse rounded bg-slate-100" />
    </div>
  ));
}

/**
 * The managers' dashboards: the pilot's verdict, a card per metric against the previous period, a
 * trend and a breakdown, for the filters in the URL. Every figure opens the conversations behind it.
 * `today` is the business's date (its time zone), read by the server, for the rolling periods.
 */
export function DashboardView({ today }: { today: string }) {
  const trpc = useTRPC();
  const searchParams = useSearchParams();
  const current = searchParams.toString();
  const [view, setView] = useState<View>(() => parseDashboardParams(new URLSearchParams(current)));
  // Queries this view wrote to the URL; any other URL (back button, a pasted link) is taken up.
  const [written, setWritten] = useState<ReadonlySet<string>>(() => new Set());
  const [seen, setSeen] = useState(current);
  if (current !== seen) {
    setSeen(current);
    if (!written.has(current)) setView(parseDashboardParams(new URLSearchParams(current)));
  }
  const go = (update: (current: View) => View) => {
    const next = update(view);
    const query = dashboardQuery(next);
    setWritten((before) => new Set(before).add(query.replace(/^\?/, "")));
    setView(next);
    // The browser's history, not the router: the page need not render again on the server.
    window.history.replaceState(null, "", `/dashboards${query}`);
  };

  const filters = filtersOf(view, today);
  const options = useQuery(trpc.dashboards.filterOptions.queryOptions(undefined, { staleTime: 5 * 60_000 }));
  const overview = useQuery(trpc.dashboards.overview.queryOptions(filters, { placeholderData: keepPreviousData }));
  const trend = useQuery(
    trpc.dashboards.trend.queryOptions(
      { ...filters, granularity: view.granularity },
      { placeholderData: keepPreviousData },
    ),
  );
  const breakdown = useQuery(
    trpc.dashboards.breakdown.queryOptions(
      { ...filters, dimension: view.dimension },
      { placeholderData: keepPreviousData },
    ),
  );

  const period = overview.data?.window;
  // Links carry the exact days the numbers are for, so a shared drill-down never drifts.
  const linkFilters = period ? { ...filters, from: period.from, to: period.to } : filters;
  const pilotHeadline = overview.data?.headlines.find((h) => h.metric === "pilot_coverage");
  const cards = overview.data?.headlines.filter((h) => h.metric !== "pilot_coverage") ?? [];
  const empty = overview.data && overview.data.headlines[0]?.current.numerator === 0;

  return (
    <>
      <PageHeader
        title="Dashboards"
        description="Whether chat produces complete handoffs, and whether owners answer them in time."
        actions={
          <>
            <a
              href={exportHref(linkFilters, { metric: "conversations", part: "numerator" })}
              className={LINK_BUTTON}
              data-testid="export-all"
            >
              <Download aria-hidden className="h-4 w-4" />
              Export CSV
            </a>
            <a href={reportHref(linkFilters, period?.to ?? today)} className={LINK_BUTTON} data-testid="report-link">
              <FileText aria-hidden className="h-4 w-4" />
              Pilot report
            </a>
          </>
        }
      />
      <DashboardFilterBar view={view} window={period} options={options.data} onChange={go} />

      <div
        className="flex min-h-9 flex-wrap items-center gap-x-2 px-6 pt-3 text-xs text-slate-600"
        data-testid="window"
      >
        {period ? (
          <>
            <span className="font-medium text-slate-800">{formatDateRange(period.from, period.to)}</span>
            <span>
              · {period.days} days · {period.timeZone} · compared with{" "}
              {formatDateRange(period.previous.from, period.previous.to)}
            </span>
          </>
        ) : null}
        {overview.isFetching && !overview.isPending ? <span aria-live="polite">· Updating…</span> : null}
      </div>

      <div className="space-y-5 px-6 pb-10 pt-2">
        {overview.isError && !overview.data ? (
          <div className="rounded-lg border border-red-200 bg-white" data-testid="dashboard-error">
            <StatusMessage tone="error">Could not load the dashboards: {overview.error.message}</StatusMessage>
          </div>
        ) : null}

        {empty ? (
          <div
            className="flex items-start gap-3 rounded-lg border border-dashed border-slate-300 bg-white px-4 py-3"
            data-testid="dashboard-empty"
          >
            <BarChart3 aria-hidden className="mt-0.5 h-5 w-5 shrink-0 text-slate-400" />
            <div className="text-sm">
              <p className="font-semibold text-slate-900">No conversations in this period</p>
              <p className="text-slate-600">
                Numbers appear as chats arrive from your sources. Try a longer period or fewer filters.
              </p>
            </div>
          </div>
        ) : null}

        {overview.data && pilotHeadline ? (
          <PilotCoverageCard
            headline={pilotHeadline}
            pilot={overview.data.pilot}
            links={{
              numerator: (text) => (
                <DrillLink
                  href={drilldownHref(linkFilters, { metric: "pilot_coverage", part: "numerator" })}
                  className="font-semibold text-slate-900"
                  testId="pilot-numerator"
                  label={`${text} ${METRICS.pilot_coverage.numerator}`}
                >
                  {text}
                </DrillLink>
              ),
              denominator: (text) => (
                <DrillLink
                  href={drilldownHref(linkFilters, { metric: "pilot_coverage", part: "denominator" })}
                  className="font-semibold text-slate-900"
                  testId="pilot-denominator"
                  label={`${text} ${METRICS.pilot_coverage.denominator}`}
                >
                  {text}
                </DrillLink>
              ),
            }}
          />
        ) : overview.isPending ? (
          <div aria-hidden className="h-44 animate-pulse rounded-lg border border-slate-200 bg-white" />
        ) : null}

        <section aria-labelledby="metrics-title">
          <h2 id="metrics-title" className="sr-only">
            Metrics
          </h2>
          <div
            className={cn(
              "grid grid-cols-1 gap-3 md:grid-cols-2 xl:grid-cols-3 transition-opacity",
              overview.isPlaceholderData && "opacity-60",
            )}
            aria-busy={overview.isFetching}
          >
            {overview.isPending ? <SkeletonCards count={9} /> : null}
            {cards.map((headline) => (
              <HeadlineCard key={headline.metric} headline={headline} filters={linkFilters} />
            ))}
          </div>
        </section>

        <Panel
          title="Trend"
          id="trend-title"
          busy={trend.isPlaceholderData}
          controls={
            <>
              <label htmlFor="trend-metric" className="sr-only">
                Metric
              </label>
              <select
                id="trend-metric"
                className={cn(FIELD, "w-56")}
                value={view.trendMetric}
                onChange={(e) => {
                  const trendMetric = e.target.value as MetricId;
                  go((v) => ({ ...v, trendMetric }));
                }}
              >
                {METRIC_IDS.map((id) => (
                  <option key={id} value={id}>
                    {METRICS[id].label}
                  </option>
                ))}
              </select>
              <div
                className="flex h-8 overflow-hidden rounded-md border border-slate-300"
                role="group"
                aria-label="Granularity"
              >
                {(["day", "week"] as const).map((granularity) => (
                  <button
                    key={granularity}
                    type="button"
                    aria-pressed={view.granularity === granularity}
                    onClick={() => go((v) => ({ ...v, granularity }))}
                    className={cn(
                      "border-r border-slate-300 px-3 text-sm last:border-r-0",
                      view.granularity === granularity
                        ? "bg-slate-900 font-medium text-white"
                        : "bg-white text-slate-700 hover:bg-slate-50",
                    )}
                  >
                    By {granularity}
                  </button>
                ))}
              </div>
            </>
          }
        >
          {trend.isError && !trend.data ? (
            <StatusMessage tone="error">Could not load the trend: {trend.error.message}</StatusMessage>
          ) : trend.data ? (
            <>
              <p className="mb-2 text-xs text-slate-600">
                {METRICS[view.trendMetric].description} Click a bar to list its conversations.
              </p>
              <TrendChart
                metric={view.trendMetric}
                points={trend.data.points}
                granularity={trend.data.granularity}
                filters={linkFilters}
              />
              <details className="mt-3 group" data-testid="trend-details">
                <summary className="cursor-pointer text-sm font-medium text-slate-700 hover:text-slate-900">
                  Show the numbers as a table
                </summary>
                <div className="mt-2 max-h-96 overflow-y-auto">
                  <TrendTable
                    metric={view.trendMetric}
                    points={trend.data.points}
                    granularity={trend.data.granularity}
                    filters={linkFilters}
                  />
                </div>
              </details>
            </>
          ) : (
            <div aria-hidden className="h-64 animate-pulse rounded bg-slate-100" />
          )}
        </Panel>

        <Panel
          title="Breakdown"
          id="breakdown-title"
          busy={breakdown.isPlaceholderData}
          controls={
            <>
              <label htmlFor="breakdown-dimension" className="text-xs font-medium text-slate-600">
                By
              </label>
              <select
                id="breakdown-dimension"
                className={cn(FIELD, "w-44")}
                value={view.dimension}
                onChange={(e) => {
                  const dimension = e.target.value as Dimension;
                  go((v) => ({ ...v, dimension }));
                }}
              >
                {DIMENSIONS.map((dimension) => (
                  <option key={dimension} value={dimension}>
                    {DIMENSION_LABELS[dimension]}
                  </option>
                ))}
              </select>
            </>
          }
        >
          {breakdown.isError && !breakdown.data ? (
            <StatusMessage tone="error">Could not load the breakdown: {breakdown.error.message}</StatusMessage>
          ) : breakdown.data ? (
            breakdown.data.rows.length === 0 ? (
              <p className="py-6 text-center text-sm text-slate-600" data-testid="breakdown-empty">
                No conversations to break down in this period.
              </p>
            ) : (
              <>
                <BreakdownTable dimension={breakdown.data.dimension} rows={breakdown.data.rows} filters={linkFilters} />
                {breakdown.data.truncated ? (
                  <p className="mt-2 text-xs text-slate-600">
                    Showing the {breakdown.data.rows.length} largest groups by conversations.
                  </p>
                ) : null}
              </>
            )
          ) : (
            <div aria-hidden className="h-40 animate-pulse rounded bg-slate-100" />
          )}
        </Panel>
      </div>
    </>
  );
}
