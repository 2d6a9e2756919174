"use client";

import { useInfiniteQuery } from "@tanstack/react-query";
import { ArrowLeft, Download, Inbox } from "lucide-react";
import Link from "next/link";
import { useTRPC } from "@/components/providers/trpc";
import { METRICS } from "@/server/domain/metrics/definitions";
import { DRILLDOWN_PAGE_SIZE, type DrilldownSlice } from "@/server/services/dashboards/dashboard-input";
import type { DrilldownRow } from "@/server/services/dashboards/drilldown";
import { reasonLabel } from "../queue/reason-labels";
import { Badge } from "../ui/badge";
import { Button } from "../ui/button";
import { cn } from "../ui/cn";
import { PageHeader } from "../ui/page-header";
import { StatusMessage } from "../ui/status-message";
import { dashboardHrefFor, exportHref } from "./dashboard-params";
import { formatCount, formatDateRange, formatDuration } from "./format";

const LINK_BUTTON =
  "inline-flex h-8 items-center justify-center gap-1.5 rounded-md border border-slate-300 bg-white px-3 text-sm font-medium text-slate-800 hover:bg-slate-50";

const received = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short" });

const COLUMNS = [
  { label: "Received", className: "w-[12%]" },
  { label: "Visitor and need", className: "w-[30%]" },
  { label: "Page and source", className: "w-[20%]" },
  { label: "Outcome", className: "w-[20%]" },
  { label: "Owner and response", className: "w-[18%]" },
];

function Outcome({ row }: { row: DrilldownRow }) {
  if (row.outcome === "none") return <span className="text-slate-600">No handoff or case</span>;
  if (row.outcome === "handoff") {
    return (
      <div className="flex flex-wrap gap-1">
        <Badge tone="green">Handoff</Badge>
        {row.handoffStatus ? <Badge>{row.handoffStatus}</Badge> : null}
        {row.caseId ? <Badge tone="blue">After review</Badge> : null}
      </div>
    );
  }
  return (
    <ul className="flex flex-wrap gap-1" aria-label="Case and reasons">
      <li>
        <Badge tone="amber">{row.caseStatus === "resolved" ? "Case, resolved" : "Case, open"}</Badge>
      </li>
      {row.caseReasons.slice(0, 3).map((reason) => {
        const { label, tone } = reasonLabel(reason);
        return (
          <li key={reason}>
            <Badge tone={tone}>{label}</Badge>
          </li>
        );
      })}
      {row.caseReasons.length > 3 ? (
        <li>
          <Badge>+{row.caseReasons.length - 3}</Badge>
        </li>
      ) : null}
    </ul>
  );
}

function DrilldownTableRow({ row }: { row: DrilldownRow }) {
  const name = row.visitorName ?? "Anonymous visitor";
  return (
    <tr
      className="relative align-top hover:bg-slate-50"
      data-testid="drilldown-row"
      data-conversation-id={row.conversationId}
    >
      <td className="py-2 pl-3 pr-4 text-xs tabular-nums text-slate-700">
        <time dateTime={row.receivedAt.toISOString()}>{received.format(row.receivedAt)}</time>
      </td>
      <td className="py-2 pr-4">
        {row.href ? (
          <Link
            href={row.href}
            prefetch={false}
            className={cn(
              "font-medium text-slate-900 after:absolute after:inset-0 hover:underline",
              !row.visitorName && "italic text-slate-600",
            )}
            data-testid="drilldown-link"
          >
            {name}
          </Link>
        ) : (
          <span className={cn("font-medium text-slate-900", !row.visitorName && "italic text-slate-600")}>{name}</span>
        )}
        <p className="mt-0.5 line-clamp-2 text-xs leading-4 text-slate-600">
          {row.statedNeed ?? <span className="italic">No stated need</span>}
        </p>
      </td>
      <td className="py-2 pr-4 text-xs">
        <div className="truncate font-mono text-slate-800">
          {row.pagePath ?? <span className="font-sans text-slate-600">No page</span>}
        </div>
        <div className="mt-0.5 truncate text-slate-600">
          {row.source}
          {row.topic ? ` · ${row.topic}` : ""}
          {row.intent ? ` · ${row.intent}` : ""}
        </div>
      </td>
      <td className="py-2 pr-4 text-xs">
        <Outcome row={row} />
      </td>
      <td className="py-2 pr-3 text-xs">
        <div className="truncate text-slate-800">{row.owner ?? <span className="text-slate-600">No owner</span>}</div>
        <div className="mt-0.5 flex flex-wrap items-center gap-1 text-slate-600">
          {row.responseSeconds !== null ? (
            <span>Responded in {formatDuration(row.responseSeconds)}</span>
          ) : row.handoffId ? (
            <span>No response yet</span>
          ) : null}
          {row.breached ? <Badge tone="red">SLA breached</Badge> : null}
          {row.reassigned ? <Badge tone="amber">Reassigned</Badge> : null}
        </div>
      </td>
    </tr>
  );
}

/**
 * The conversations behind one dashboard figure, newest first, a page at a time; each opens its
 * case (when a review was needed) or its handoff. The total is counted with the list's own conditions.
 */
export function DrilldownView({ slice }: { slice: DrilldownSlice }) {
  const trpc = useTRPC();
  const metric = METRICS[slice.metric];
  const list = useInfiniteQuery(
    trpc.dashboards.drilldown.infiniteQueryOptions(
      { slice, limit: DRILLDOWN_PAGE_SIZE },
      { getNextPageParam: (page) => page.nextCursor, refetchOnWindowFocus: false },
    ),
  );
  const filters = { from: slice.from, to: slice.to, sourceId: slice.sourceId, teamId: slice.teamId, page: slice.page };
  const rows = list.data?.pages.flatMap((page) => page.items) ?? [];
  const first = list.data?.pages[0];
  const total = first?.total ?? null;
  const title = first?.title ?? metric.label;
  const period = first?.window;
  const sliceRef = {
    metric: slice.metric,
    part: slice.part,
    dimension: slice.dimension,
    key: slice.key,
    bucket: slice.bucket,
    granularity: slice.granularity,
  };
  const exportFilters = period ? { ...filters, from: period.from, to: period.to } : filters;

  return (
    <>
      <div className="px-6 pt-4">
        <Link
          href={dashboardHrefFor(filters)}
          className="inline-flex items-center gap-1 text-sm text-slate-600 hover:text-slate-900"
          data-testid="back-to-dashboards"
        >
          <ArrowLeft aria-hidden className="h-4 w-4" />
          Dashboards
        </Link>
      </div>
      <PageHeader
        title={title}
        description={
          period
            ? `${formatDateRange(period.from, period.to)} (${period.timeZone})${slice.part === "numerator" ? ` · counted out of ${metric.denominator}` : ""}`
            : undefined
        }
        actions={
          <a href={exportHref(exportFilters, sliceRef)} className={LINK_BUTTON} data-testid="export-csv">
            <Download aria-hidden className="h-4 w-4" />
            Export CSV
          </a>
        }
      />
      <div className="flex h-11 items-center px-6 text-xs text-slate-600" aria-live="polite">
        <p data-testid="drilldown-status">
          {list.isPending ? (
            "Loading conversations…"
          ) : list.isError && !list.data ? (
            "Could not load the conversations"
          ) : (
            <>
              Showing <span data-testid="drilldown-shown">{formatCount(rows.length)}</span>
              {total !== null ? (
                <>
                  {" "}
                  of <span data-testid="drilldown-total">{formatCount(total)}</span>
                </>
              ) : null}{" "}
              {(total ?? rows.length) === 1 ? "conversation" : "conversations"} · newest first
            </>
          )}
        </p>
      </div>
      {list.isError && !list.data ? (
        <div className="px-6">
          <StatusMessage tone="error">Could not load the conversations: {list.error.message}</StatusMessage>
        </div>
      ) : (
        <div className="px-3 pb-6">
          <div className="overflow-x-auto">
            <table
              className="w-full min-w-[56rem] table-fixed text-left text-sm"
              data-testid="drilldown-table"
              aria-busy={list.isFetching}
            >
              <caption className="sr-only">{title}</caption>
              <thead className="border-b border-slate-200 text-xs uppercase tracking-wide text-slate-600">
                <tr>
                  {COLUMNS.map((column, i) => (
                    <th
                      key={column.label}
                      scope="col"
                      className={cn("py-2 pr-4 font-medium", i === 0 && "pl-3", column.className)}
                    >
                      {column.label}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {list.isPending
                  ? Array.from({ length: 6 }, (_, i) => (
                      <tr key={i} aria-hidden className="h-14">
                        {COLUMNS.map((column, c) => (
                          <td key={column.label} className={cn("py-2 pr-4", c === 0 && "pl-3")}>
                            <div className="h-3 w-3/4 animate-pulse rounded bg-slate-200" />
                          </td>
                        ))}
                      </tr>
                    ))
                  : null}
                {!list.isPending && rows.length === 0 ? (
                  <tr>
                    <td colSpan={COLUMNS.length} className="px-3 py-12 text-center" data-testid="drilldown-empty">
                      <Inbox aria-hidden className="mx-auto mb-2 h-5 w-5 text-slate-400" />
                      <p className="text-sm font-semibold text-slate-900">No conversations behind this number</p>
                      <p className="mx-auto mt-1 max-w-md text-sm text-slate-600">
                        Nothing in this period and slice counts here. Go back and pick another figure or period.
                      </p>
                    </td>
                  </tr>
                ) : null}
                {rows.map((row) => (
                  <DrilldownTableRow key={row.conversationId} row={row} />
                ))}
              </tbody>
            </table>
          </div>
          <div className="flex h-12 items-center justify-center">
            {list.hasNextPage ? (
              <Button variant="secondary" onClick={() => list.fetchNextPage()} disabled={list.isFetchingNextPage}>
                {list.isFetchingNextPage ? "Loading…" : "Load more"}
              </Button>
            ) : rows.length > 0 ? (
              <span className="text-xs text-slate-500">End of the list</span>
            ) : null}
          </div>
        </div>
      )}
    </>
  );
}
