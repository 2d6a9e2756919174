"use client";

import Link from "next/link";
import type { QueueRow } from "@/server/services/review/queue";
import { Badge } from "../ui/badge";
import { cn } from "../ui/cn";
import { formatAge, formatExact, formatSla, pageLabel, type SlaTone } from "./format";
import { reasonLabel, RESOLUTION_LABELS } from "./reason-labels";

// Every row, loaded or not, is the same height (ROW), so nothing below moves when data arrives.
const ROW = "h-[68px]";

const COLUMNS = [
  { label: "Visitor and need", className: "w-[31%]" },
  { label: "Reasons", className: "w-[24%]" },
  { label: "Page", className: "w-[17%]" },
  { label: "SLA and age", className: "w-[14%]" },
  { label: "Owner and claim", className: "w-[14%]" },
];

const SLA_TONES: Record<SlaTone, string> = {
  overdue: "font-semibold text-red-700",
  soon: "font-semibold text-amber-800",
  later: "text-slate-700",
  none: "text-slate-600",
};

const MAX_CHIPS = 3;

function ReasonChips({ row }: { row: QueueRow }) {
  const shown = row.reasons.slice(0, MAX_CHIPS);
  const hidden = row.reasons.slice(MAX_CHIPS);
  return (
    <ul className="flex max-h-11 flex-wrap gap-1 overflow-hidden" aria-label="Reasons">
      {row.escalated ? (
        <li>
          <Badge tone="red">Escalated to a manager</Badge>
        </li>
      ) : null}
      {row.waitingFor === "consent" ? (
        <li>
          <Badge tone="blue">Waiting for consent</Badge>
        </li>
      ) : null}
      {shown.map((reason) => {
        const { label, tone } = reasonLabel(reason);
        return (
          <li key={reason} data-reason={reason}>
            <Badge tone={tone}>{label}</Badge>
          </li>
        );
      })}
      {hidden.length ? (
        <li title={hidden.map((r) => reasonLabel(r).label).join(", ")}>
          <Badge>
            +{hidden.length}
            <span className="sr-only">: {hidden.map((r) => reasonLabel(r).label).join(", ")}</span>
          </Badge>
        </li>
      ) : null}
    </ul>
  );
}

export function QueueTableRow({
  row,
  now,
  live,
  selected,
  fresh,
  viewerId,
  linkRef,
  onFocus,
}: {
  row: QueueRow;
  now: number;
  /** Exact times (in the browser's time zone) only once the browser renders: the server's zone may differ. */
  live: boolean;
  selected: boolean;
  fresh: boolean;
  viewerId: string;
  linkRef: (element: HTMLAnchorElement | null) => void;
  onFocus: () => void;
}) {
  const page = pageLabel(row.pageUrl);
  const sla = formatSla(row.dueAt, now);
  const name = row.visitorName ?? "Anonymous visitor";
  return (
    <tr
      data-testid="queue-row"
      data-case-id={row.caseId}
      data-selected={selected || undefined}
      className={cn(
        ROW,
        "relative align-top",
        selected ? "bg-sky-50 shadow-[inset_3px_0_0_#0284c7]" : "hover:bg-slate-50",
      )}
    >
      <td className="py-2 pl-3 pr-4">
        <div className="flex items-center gap-1.5">
          <Link
            ref={linkRef}
            href={`/cases/${row.caseId}`}
            // Fifty rows would mean fifty prefetches on every load of the queue.
            prefetch={false}
            onFocus={onFocus}
            className={cn(
              "truncate font-medium text-slate-900 after:absolute after:inset-0 hover:underline",
              !row.visitorName && "italic text-slate-600",
            )}
          >
            {name}
          </Link>
          {fresh ? <Badge tone="green">New</Badge> : null}
        </div>
        <p className="mt-0.5 line-clamp-2 text-xs leading-4 text-slate-600" title={row.statedNeed ?? undefined}>
          {row.statedNeed ?? <span className="italic text-slate-600">No stated need</span>}
        </p>
      </td>
      <td className="py-2 pr-4">
        <ReasonChips row={row} />
      </td>
      <td className="py-2 pr-4 text-xs">
        {page ? (
          <div className="truncate font-mono text-slate-800" title={row.pageUrl ?? undefined}>
            {page.path}
          </div>
        ) : (
          <div className="text-slate-600">No page</div>
        )}
        <div className="mt-0.5 truncate text-slate-600">
          {row.source.name}
          {row.topicLabel ? ` · ${row.topicLabel}` : ""}
        </div>
      </td>
      <td className="py-2 pr-4 text-xs tabular-nums">
        {row.status === "resolved" ? (
          <div className="truncate text-slate-700">
            {row.resolution ? (RESOLUTION_LABELS[row.resolution] ?? row.resolution) : "Resolved"}
          </div>
        ) : (
          <time
            dateTime={row.dueAt?.toISOString()}
            title={row.dueAt && live ? `Due ${formatExact(row.dueAt)}` : undefined}
            className={cn("block truncate", SLA_TONES[sla.tone])}
            data-testid="queue-sla"
          >
            {sla.text}
          </time>
        )}
        <div className="mt-0.5 truncate text-slate-600">
          <span className="capitalize">{row.priority}</span> ·{" "}
          <time
            dateTime={row.createdAt.toISOString()}
            title={live ? `Created ${formatExact(row.createdAt)}` : undefined}
          >
            {formatAge(row.createdAt, now)}
          </time>
        </div>
      </td>
      <td className="py-2 pr-3 text-xs">
        <div className="truncate text-slate-800" title="Suggested owner">
          {row.suggestedOwner?.name ?? <span className="text-slate-600">No suggested owner</span>}
        </div>
        <div className="mt-0.5 truncate text-slate-600">
          {row.claimedBy ? (
            row.claimedBy.id === viewerId ? (
              <span className="font-medium text-sky-800">Claimed by you</span>
            ) : (
              `Claimed by ${row.claimedBy.name}`
            )
          ) : (
            "Unclaimed"
          )}
        </div>
      </td>
    </tr>
  );
}

export function SkeletonRows({ count }: { count: number }) {
  return Array.from({ length: count }, (_, i) => (
    <tr key={i} className={ROW} aria-hidden data-testid="queue-skeleton-row">
      {COLUMNS.map((column, c) => (
        <td key={column.label} className={cn("py-2 pr-4", c === 0 && "pl-3")}>
          <div className="h-3 w-3/4 animate-pulse rounded bg-slate-200" />
          {c !== 1 ? <div className="mt-2 h-3 w-1/2 animate-pulse rounded bg-slate-100" /> : null}
        </td>
      ))}
    </tr>
  ));
}

export function QueueTable({ caption, children, busy }: { caption: string; children: React.ReactNode; busy: boolean }) {
  return (
    <div className="overflow-x-auto">
      <table className="w-full min-w-[48rem] table-fixed text-left text-sm" data-testid="queue-table" aria-busy={busy}>
        <caption className="sr-only">{caption}</caption>
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
        <tbody className="divide-y divide-slate-100">{children}</tbody>
      </table>
    </div>
  );
}
