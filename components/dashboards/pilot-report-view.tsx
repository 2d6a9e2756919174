import { ArrowLeft } from "lucide-react";
import Link from "next/link";
import { METRIC_IDS, METRICS } from "@/server/domain/metrics/definitions";
import type { ExceptionHotspot, PilotReport } from "@/server/services/dashboards/pilot-report";
import { reasonLabel } from "../queue/reason-labels";
import { ChangeIndicator } from "./change-indicator";
import { dashboardHrefFor } from "./dashboard-params";
import { formatCount, formatDateRange, formatDuration, formatMetricValue, formatRate } from "./format";
import { PilotCoverageCard } from "./pilot-coverage-card";
import { PrintButton } from "./print-button";

const generated = new Intl.DateTimeFormat("en-GB", { dateStyle: "long", timeStyle: "short" });

function Hotspots({
  title,
  id,
  rows,
  label,
  testId,
}: {
  title: string;
  id: string;
  rows: ExceptionHotspot[];
  label: (row: ExceptionHotspot) => string;
  testId: string;
}) {
  return (
    <section aria-labelledby={id} className="break-inside-avoid" data-testid={testId}>
      <h3 id={id} className="text-sm font-semibold text-slate-900">
        {title}
      </h3>
      {rows.length === 0 ? (
        <p className="mt-2 text-sm text-slate-600">No exceptions.</p>
      ) : (
        <table className="mt-2 w-full text-sm">
          <caption className="sr-only">{title}</caption>
          <thead className="border-b border-slate-200 text-xs uppercase tracking-wide text-slate-600">
            <tr>
              <th scope="col" className="py-1.5 pr-3 text-left font-medium">
                Name
              </th>
              <th scope="col" className="py-1.5 pr-3 text-right font-medium">
                Exceptions
              </th>
              <th scope="col" className="py-1.5 text-right font-medium">
                Rate
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {rows.map((row) => (
              <tr key={row.key}>
                <th
                  scope="row"
                  className="max-w-[12rem] truncate py-1.5 pr-3 text-left font-normal text-slate-800"
                  title={label(row)}
                >
                  {label(row)}
                </th>
                <td className="py-1.5 pr-3 text-right tabular-nums">{formatCount(row.exceptions)}</td>
                <td className="py-1.5 text-right tabular-nums text-slate-700">
                  {formatRate(row.rate)}{" "}
                  <span className="text-xs text-slate-500">of {formatCount(row.conversations)}</span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

/**
 * The pilot report as a page to print or save as PDF: the verdict first, then every metric with its
 * counts and the previous period, then where the exceptions come from.
 */
export function PilotReportView({
  report,
  scope,
}: {
  report: PilotReport;
  /** "All sources and teams", or the source's and team's names. */
  scope: string;
}) {
  const { window } = report;
  const pilotHeadline = report.headlines.find((h) => h.metric === "pilot_coverage")!;
  const filters = { from: window.from, to: window.to, ...report.filters };
  return (
    <article
      className="mx-auto max-w-5xl px-6 py-6 print:max-w-none print:px-0 print:py-0"
      data-testid="pilot-report"
      data-print-plain
    >
      <div className="mb-4 flex items-center justify-between gap-3 print:hidden">
        <Link
          href={dashboardHrefFor(filters)}
          className="inline-flex items-center gap-1 text-sm text-slate-600 hover:text-slate-900"
        >
          <ArrowLeft aria-hidden className="h-4 w-4" />
          Dashboards
        </Link>
        <PrintButton />
      </div>

      <header className="border-b border-slate-300 pb-4">
        <p className="text-xs font-semibold uppercase tracking-wide text-slate-600">Handoff Desk · Pilot report</p>
        <h1 className="mt-1 text-2xl font-semibold tracking-tight text-slate-900" data-testid="report-title">
          Pilot report, {formatDateRange(window.from, window.to)}
        </h1>
        <p className="mt-1 text-sm text-slate-700">
          {window.days} days, {window.from} to {window.to} inclusive, in {window.timeZone} · {scope}
        </p>
        <p className="mt-0.5 text-xs text-slate-600">
          Compared with the previous {window.days} days ({formatDateRange(window.previous.from, window.previous.to)}).
          Generated {generated.format(report.generatedAt)} (server time).
        </p>
      </header>

      <div className="mt-5 break-inside-avoid">
        <PilotCoverageCard headline={pilotHeadline} pilot={report.pilot} />
      </div>

      <section aria-labelledby="report-metrics" className="mt-6">
        <h2 id="report-metrics" className="text-base font-semibold text-slate-900">
          Every metric
        </h2>
        <table className="mt-2 w-full text-sm" data-testid="report-metrics">
          <caption className="sr-only">Every metric for the period, with its counts and the previous period</caption>
          <thead className="border-b border-slate-300 text-xs uppercase tracking-wide text-slate-600">
            <tr>
              <th scope="col" className="py-2 pr-4 text-left font-medium">
                Metric
              </th>
              <th scope="col" className="py-2 pr-4 text-right font-medium">
                This period
              </th>
              <th scope="col" className="py-2 pr-4 text-left font-medium">
                Counts
              </th>
              <th scope="col" className="py-2 pr-4 text-right font-medium">
                Previous period
              </th>
              <th scope="col" className="py-2 text-right font-medium">
                Change
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-200">
            {METRIC_IDS.map((id) => {
              const headline = report.headlines.find((h) => h.metric === id);
              if (!headline) return null;
              const metric = METRICS[id];
              const { current, previous } = headline;
              return (
                <tr key={id} className="break-inside-avoid align-top" data-metric={id}>
                  <th scope="row" className="py-2 pr-4 text-left font-normal">
                    <div className="font-medium text-slate-900">{metric.label}</div>
                    <div className="text-xs text-slate-600">{metric.description}</div>
                  </th>
                  <td className="py-2 pr-4 text-right font-semibold tabular-nums text-slate-900">
                    {formatMetricValue(metric, current)}
                    {metric.kind === "duration" ? (
                      <div className="text-xs font-normal text-slate-600">
                        median · p90 {formatDuration(current.p90)}
                        {id === "response_time" ? (
                          <>
                            <br />
                            business hours {formatDuration(current.businessMedian)} · p90{" "}
                            {formatDuration(current.businessP90)}
                          </>
                        ) : null}
                      </div>
                    ) : null}
                  </td>
                  <td className="py-2 pr-4 text-slate-700 tabular-nums">
                    {metric.kind === "count"
                      ? `${formatCount(current.numerator)} ${metric.numerator}`
                      : `${formatCount(current.numerator)} ${metric.numerator} of ${formatCount(current.denominator)} ${metric.denominator}`}
                  </td>
                  <td className="py-2 pr-4 text-right tabular-nums text-slate-700">
                    {formatMetricValue(metric, previous)}
                    {metric.kind === "rate" && previous.denominator > 0 ? (
                      <div className="text-xs text-slate-600">
                        {formatCount(previous.numerator)} of {formatCount(previous.denominator)}
                      </div>
                    ) : null}
                  </td>
                  <td className="py-2 text-right">
                    <ChangeIndicator change={headline.change} metric={metric} />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </section>

      <section aria-labelledby="report-hotspots" className="mt-6 break-inside-avoid">
        <h2 id="report-hotspots" className="text-base font-semibold text-slate-900">
          Where exceptions come from
        </h2>
        <div className="mt-3 grid grid-cols-1 gap-6 md:grid-cols-3 print:grid-cols-3">
          <Hotspots title="Top pages" id="top-pages" rows={report.topPages} label={(r) => r.label} testId="top-pages" />
          <Hotspots
            title="Top topics"
            id="top-topics"
            rows={report.topTopics}
            label={(r) => r.label}
            testId="top-topics"
          />
          <Hotspots
            title="Top reasons"
            id="top-reasons"
            rows={report.topReasons}
            label={(r) => (r.label.startsWith("(") ? r.label : reasonLabel(r.key).label)}
            testId="top-reasons"
          />
        </div>
      </section>
    </article>
  );
}
