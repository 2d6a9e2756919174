"use client";

import { useInfiniteQuery } from "@tanstack/react-query";
import { useTRPC } from "@/components/providers/trpc";
import { Button } from "../ui/button";
import { StatusMessage } from "../ui/status-message";
import { formatDateTime } from "./format";

function describeChange(before: unknown, after: unknown): string {
  if (before === null && after === null) return "";
  const show = (value: unknown) => (value === null || value === undefined ? "—" : JSON.stringify(value));
  return before === null ? show(after) : `${show(before)} → ${show(after)}`;
}

export function AuditLogTable() {
  const trpc = useTRPC();
  const entries = useInfiniteQuery(
    trpc.audit.list.infiniteQueryOptions({ limit: 50 }, { getNextPageParam: (page) => page.nextCursor }),
  );
  if (entries.isPending) return <StatusMessage>Loading the audit log…</StatusMessage>;
  if (entries.isError)
    return <StatusMessage tone="error">Could not load the audit log: {entries.error.message}</StatusMessage>;
  const rows = entries.data.pages.flatMap((page) => page.items);
  return (
    <div className="px-6 py-4">
      <div className="overflow-x-auto">
        <table className="w-full text-left text-sm" data-testid="audit-table">
          <caption className="sr-only">Audit log, newest first</caption>
          <thead className="border-b border-slate-200 text-xs uppercase tracking-wide text-slate-500">
            <tr>
              <th scope="col" className="py-2 pr-4 font-medium">
                When
              </th>
              <th scope="col" className="py-2 pr-4 font-medium">
                Who
              </th>
              <th scope="col" className="py-2 pr-4 font-medium">
                Action
              </th>
              <th scope="col" className="py-2 pr-4 font-medium">
                Target
              </th>
              <th scope="col" className="py-2 font-medium">
                Change
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {rows.length === 0 ? (
              <tr>
                <td colSpan={5} className="py-6 text-center text-slate-500">
                  Nothing recorded yet. Sign-ins and changes made in settings appear here.
                </td>
              </tr>
            ) : null}
            {rows.map((row) => (
              <tr key={row.id}>
                <td className="py-2 pr-4 whitespace-nowrap tabular-nums">{formatDateTime(row.createdAt)}</td>
                <td className="py-2 pr-4">{row.actor?.name ?? "—"}</td>
                <td className="py-2 pr-4 font-mono text-xs">{row.action}</td>
                <td className="py-2 pr-4">
                  <span className="text-xs text-slate-500">{row.targetType}</span>{" "}
                  {row.targetLabel ??
                    (row.targetId ? <span className="font-mono text-xs">{row.targetId.slice(0, 8)}</span> : null)}
                </td>
                <td className="py-2 font-mono text-xs text-slate-600">{describeChange(row.before, row.after)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {entries.hasNextPage ? (
        <div className="mt-3">
          <Button variant="secondary" onClick={() => entries.fetchNextPage()} disabled={entries.isFetchingNextPage}>
            {entries.isFetchingNextPage ? "Loading…" : "Load older entries"}
          </Button>
        </div>
      ) : null}
    </div>
  );
}
