"use client";

import { useInfiniteQuery } from "@tanstack/react-query";
import { useTRPC } from "@/components/providers/trpc";
import { Button } from "../ui/button";
import { StatusMessage } from "../ui/status-message";
import { Cell, DataTable } from "../ui/table";
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
      <DataTable
        caption="Audit log, newest first"
        testId="audit-table"
        columns={[{ label: "When" }, { label: "Who" }, { label: "Action" }, { label: "Target" }, { label: "Change" }]}
      >
        {rows.length === 0 ? (
          <tr>
            <Cell colSpan={5} className="py-6 text-center text-slate-500">
              Nothing recorded yet. Sign-ins and changes made in settings appear here.
            </Cell>
          </tr>
        ) : null}
        {rows.map((row) => (
          <tr key={row.id}>
            <Cell className="whitespace-nowrap tabular-nums">{formatDateTime(row.createdAt)}</Cell>
            <Cell>{row.actor?.name ?? "—"}</Cell>
            <Cell className="font-mono text-xs">{row.action}</Cell>
            <Cell>
              <span className="text-xs text-slate-500">{row.targetType}</span>{" "}
              {row.targetLabel ??
                (row.targetId ? <span className="font-mono text-xs">{row.targetId.slice(0, 8)}</span> : null)}
            </Cell>
            <Cell className="font-mono text-xs break-all text-slate-600">{describeChange(row.before, row.after)}</Cell>
          </tr>
        ))}
      </DataTable>
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
