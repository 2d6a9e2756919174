"use client";

import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useTRPC } from "@/components/providers/trpc";
import { ZAuditFilters, type AuditFilters } from "@/server/services/audit-log-input";
import { Button } from "../ui/button";
import { cn } from "../ui/cn";
import { FIELD, FilterDate, FilterSelect, Labelled } from "../ui/filter-field";
import { useAppliedText } from "../ui/use-applied-text";
import { StatusMessage } from "../ui/status-message";
import { Cell, DataTable } from "../ui/table";
import { formatDateTime } from "./format";

function describeChange(before: unknown, after: unknown): string {
  if (before === null && after === null) return "";
  const show = (value: unknown) => (value === null || value === undefined ? "—" : JSON.stringify(value));
  return before === null ? show(after) : `${show(before)} → ${show(after)}`;
}

const FILTER_KEYS = ["actorId", "action", "targetType", "targetId", "from", "to"] as const;

/** The filters in the URL; a value that does not parse is left out rather than breaking the page. */
function filtersOf(params: URLSearchParams): AuditFilters {
  const filters: Record<string, string> = {};
  for (const key of FILTER_KEYS) {
    const value = params.get(key);
    if (!value) continue;
    const parsed = ZAuditFilters.shape[key].safeParse(value);
    if (parsed.success && parsed.data) filters[key] = parsed.data;
  }
  return filters as AuditFilters;
}

function AuditFilterBar({ filters, onChange }: { filters: AuditFilters; onChange: (next: AuditFilters) => void }) {
  const trpc = useTRPC();
  const options = useQuery(trpc.audit.filterOptions.queryOptions()).data;
  const set = (patch: Partial<AuditFilters>) => onChange({ ...filters, ...patch });
  const target = useAppliedText(filters.targetId ?? "", (value) => set({ targetId: value.trim() || undefined }));
  return (
    <div className="flex flex-wrap items-end gap-2 pb-3" data-testid="audit-filters">
      <FilterSelect
        id="audit-actor"
        label="Who"
        width="w-40"
        value={filters.actorId}
        anyLabel="Anyone"
        choices={options?.actors.map((actor) => ({ value: actor.id, label: actor.name }))}
        unknownLabel="Unknown user"
        onChange={(actorId) => set({ actorId })}
      />
      <FilterSelect
        id="audit-action"
        label="Action"
        width="w-48"
        value={filters.action}
        anyLabel="Any action"
        choices={options?.actions.map((action) => ({ value: action, label: action }))}
        unknownLabel={filters.action}
        onChange={(action) => set({ action })}
      />
      <FilterSelect
        id="audit-target-type"
        label="Target"
        width="w-32"
        value={filters.targetType}
        anyLabel="Anything"
        choices={options?.targetTypes.map((type) => ({ value: type, label: type }))}
        unknownLabel={filters.targetType}
        onChange={(targetType) => set({ targetType })}
      />
      <Labelled label="Target id" htmlFor="audit-target-id">
        <input
          id="audit-target-id"
          type="text"
          autoComplete="off"
          className={cn(FIELD, "w-40 font-mono")}
          value={target.value}
          onChange={(e) => target.onChange(e.target.value)}
          onBlur={target.onBlur}
          onKeyDown={(e) => e.key === "Enter" && target.flush()}
        />
      </Labelled>
      <FilterDate
        id="audit-from"
        label="From (UTC)"
        value={filters.from}
        max={filters.to}
        onChange={(from) => set({ from })}
      />
      <FilterDate id="audit-to" label="To (UTC)" value={filters.to} min={filters.from} onChange={(to) => set({ to })} />
      {Object.keys(filters).length > 0 ? (
        <Button variant="secondary" onClick={() => onChange({})}>
          Clear filters
        </Button>
      ) : null}
    </div>
  );
}

/** The audit log, newest first, filtered by who, what, on what and when; the filters live in the URL. */
export function AuditLogTable() {
  const trpc = useTRPC();
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const filters = filtersOf(new URLSearchParams(params.toString()));
  const applyFilters = (next: AuditFilters) => {
    const query = new URLSearchParams();
    for (const key of FILTER_KEYS) if (next[key]) query.set(key, next[key]);
    router.replace(query.size ? `${pathname}?${query.toString()}` : pathname, { scroll: false });
  };
  const entries = useInfiniteQuery(
    trpc.audit.list.infiniteQueryOptions({ limit: 50, ...filters }, { getNextPageParam: (page) => page.nextCursor }),
  );
  const bar = <AuditFilterBar filters={filters} onChange={applyFilters} />;
  if (entries.isPending)
    return (
      <div className="px-6 py-4">
        {bar}
        <StatusMessage>Loading the audit log…</StatusMessage>
      </div>
    );
  if (entries.isError)
    return (
      <div className="px-6 py-4">
        {bar}
        <StatusMessage tone="error">Could not load the audit log: {entries.error.message}</StatusMessage>
      </div>
    );
  const rows = entries.data.pages.flatMap((page) => page.items);
  const filtered = Object.keys(filters).length > 0;
  return (
    <div className="px-6 py-4">
      {bar}
      <DataTable
        caption="Audit log, newest first"
        testId="audit-table"
        columns={[{ label: "When" }, { label: "Who" }, { label: "Action" }, { label: "Target" }, { label: "Change" }]}
      >
        {rows.length === 0 ? (
          <tr>
            <Cell colSpan={5} className="py-6 text-center text-slate-500">
              {filtered
                ? "No entries match these filters."
                : "Nothing recorded yet. Sign-ins and changes made in settings appear here."}
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
