"use client";

import { keepPreviousData, useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { Keyboard, ListChecks } from "lucide-react";
import { useRouter, useSearchParams } from "next/navigation";
import { useEffect, useMemo, useRef, useState } from "react";
import { useTRPC } from "@/components/providers/trpc";
import type { QueueCounts, QueueRow } from "@/server/services/review/queue";
import type { InitialQueueView } from "./load-queue-view";
import { COUNT_LIMIT, QUEUE_PAGE_SIZE, type QueueSort, type QueueTab } from "@/server/services/review/queue-input";
import { Button } from "../ui/button";
import { cn } from "../ui/cn";
import { StatusMessage } from "../ui/status-message";
import { useHotkeys } from "../ui/use-hotkeys";
import { QueueFilterBar } from "./queue-filters";
import {
  hasFilters,
  parseQueueParams,
  queueQuery,
  SCOPES,
  SORT_LABELS,
  type QueueScope,
  type QueueViewState,
} from "./queue-params";
import { QueueTable, QueueTableRow, SkeletonRows } from "./queue-table";
import { ShortcutsDialog } from "./shortcuts-dialog";
import { useNow } from "./use-now";

/** How often the counts and the top of the list are checked for new cases. */
const POLL_MS = 5_000;
const SKELETON_ROWS = 8;
const RANK: Record<string, number> = { low: 0, normal: 1, high: 2, urgent: 3 };

/** Negative when `a` comes before `b` in the list's order (the server's, see queue.ts). */
function compareRows(a: QueueRow, b: QueueRow, sort: QueueSort): number {
  const due = (row: QueueRow) => row.dueAt?.getTime() ?? Number.POSITIVE_INFINITY;
  const byId = a.caseId < b.caseId ? -1 : a.caseId > b.caseId ? 1 : 0;
  if (sort === "newest") return b.createdAt.getTime() - a.createdAt.getTime() || -byId;
  if (sort === "priority") {
    const rank = (RANK[b.priority] ?? 1) - (RANK[a.priority] ?? 1);
    if (rank) return rank;
  }
  return due(a) - due(b) || byId;
}

function tabCount(counts: QueueCounts | undefined, tab: QueueTab): string | null {
  if (!counts) return null;
  const resolved = counts.resolved >= COUNT_LIMIT ? `${COUNT_LIMIT.toLocaleString("en-GB")}+` : null;
  switch (tab) {
    case "all":
      return resolved
        ? `${(counts.open + COUNT_LIMIT).toLocaleString("en-GB")}+`
        : String(counts.open + counts.resolved);
    case "resolved":
      return resolved ?? counts.resolved.toLocaleString("en-GB");
    default:
      return counts[tab].toLocaleString("en-GB");
  }
}

/**
 * The queue (or, with scope "cases", every case): tabs with live counts, filters in the URL, pages
 * loaded as the reviewer scrolls, and new cases announced rather than pushed in, so nobody loses
 * their place. Keyboard: j/k select, Enter opens, c claims, / searches, ? lists the shortcuts.
 */
export function QueueView({
  scope,
  viewerId,
  initial,
}: {
  scope: QueueScope;
  viewerId: string;
  /** The first page and counts the server rendered with, for the view in `query`. */
  initial?: InitialQueueView;
}) {
  const trpc = useTRPC();
  const router = useRouter();
  const searchParams = useSearchParams();
  const config = SCOPES[scope];
  const current = searchParams.toString();
  const urlView = useMemo(() => parseQueueParams(new URLSearchParams(current), scope), [current, scope]);
  // The view the reviewer just chose, until the URL catches up (the router applies a history change
  // in a transition): a second change made meanwhile must build on the first, not on the old URL.
  const [pending, setPending] = useState<{ passing: string[]; target: string; view: QueueViewState } | null>(null);
  if (pending && current === pending.target) setPending(null); // arrived
  const pendingActive = pending !== null && pending.passing.includes(current);
  const view = pendingActive ? pending.view : urlView;
  const { now, live } = useNow(initial?.at);

  const procedures =
    scope === "queue"
      ? { list: trpc.queue.list, counts: trpc.queue.counts }
      : { list: trpc.queue.allCases, counts: trpc.queue.allCounts };
  const input = { ...view.filters, tab: view.tab, sort: view.sort, limit: QUEUE_PAGE_SIZE };
  const server = initial && initial.query === queueQuery(view, scope).replace(/^\?/, "") ? initial : undefined;

  // What the reviewer sees: fetched when the view changes or they ask for new cases, never under them.
  const list = useInfiniteQuery(
    procedures.list.infiniteQueryOptions(input, {
      getNextPageParam: (page) => page.nextCursor,
      initialData: server ? { pages: [server.list], pageParams: [null] } : undefined,
      initialDataUpdatedAt: server?.at,
      placeholderData: keepPreviousData,
      refetchOnWindowFocus: false,
      refetchOnReconnect: false,
    }),
  );
  const settled = list.isSuccess && !list.isPlaceholderData;
  // The top of the same view, polled: what changed since the list was fetched.
  const head = useQuery(
    procedures.list.queryOptions(
      { ...input, cursor: null },
      {
        enabled: settled,
        refetchInterval: POLL_MS,
        // The list's own first page is where the comparison starts (no second request on arrival).
        initialData: () => (settled ? list.data?.pages[0] : undefined),
        initialDataUpdatedAt: () => list.dataUpdatedAt,
      },
    ),
  );
  const counts = useQuery(
    procedures.counts.queryOptions(view.filters, {
      refetchInterval: POLL_MS,
      placeholderData: keepPreviousData,
      initialData: server?.counts,
      initialDataUpdatedAt: server?.at,
    }),
  );
  const options = useQuery(trpc.queue.filterOptions.queryOptions(undefined, { staleTime: 5 * 60_000 }));

  const rows = useMemo(() => list.data?.pages.flatMap((page) => page.items) ?? [], [list.data]);
  const headIsNewer = settled && head.data !== undefined && head.dataUpdatedAt > list.dataUpdatedAt;
  const { display, arrivals } = useMemo(() => {
    if (!headIsNewer || !head.data) return { display: rows, arrivals: [] as QueueRow[] };
    const shown = new Set(rows.map((row) => row.caseId));
    const last = rows.at(-1);
    // New to this view: not shown, and above where the loaded list ends (a case further down
    // simply arrives with its page).
    const arrived = head.data.items.filter(
      (item) => !shown.has(item.caseId) && (!list.hasNextPage || !last || compareRows(item, last, view.sort) < 0),
    );
    // Cases on screen that changed (claimed, escalated) show their fresh state in place.
    const fresher = new Map(head.data.items.map((item) => [item.caseId, item]));
    return { display: rows.map((row) => fresher.get(row.caseId) ?? row), arrivals: arrived };
  }, [headIsNewer, head.data, rows, list.hasNextPage, view.sort]);

  const [freshIds, setFreshIds] = useState<ReadonlySet<string>>(new Set());
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const linkRefs = useRef(new Map<string, HTMLAnchorElement>());
  const dialogRef = useRef<HTMLDialogElement>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  const sentinelRef = useRef<HTMLDivElement>(null);

  const go = (update: (current: QueueViewState) => QueueViewState) => {
    const next = update(view);
    const query = queueQuery(next, scope);
    // Until the URL is the new one, it may still show where we were or any step on the way.
    const passing = pendingActive ? [...pending.passing, pending.target] : [current];
    setPending({ passing, target: query.replace(/^\?/, ""), view: next });
    setFreshIds(new Set());
    // The browser's history, not router.replace: the router would render the page again on the server
    // for every filter, and the list already fetches what it needs.
    window.history.replaceState(null, "", `${config.path}${query}`);
  };

  const showArrivals = async () => {
    const ids = arrivals.map((row) => row.caseId);
    await list.refetch();
    setFreshIds(new Set(ids));
  };

  const selectedIndex = display.findIndex((row) => row.caseId === selectedId);
  const selected = selectedIndex >= 0 ? display[selectedIndex] : undefined;
  const move = (delta: number) => {
    const next = selectedIndex === -1 ? 0 : selectedIndex + delta;
    if (next >= display.length) {
      if (list.hasNextPage && !list.isFetchingNextPage) void list.fetchNextPage();
      return;
    }
    const row = display[Math.max(0, next)];
    if (!row) return;
    setSelectedId(row.caseId);
    linkRefs.current.get(row.caseId)?.focus();
  };
  useHotkeys({
    j: () => move(1),
    k: () => move(-1),
    Enter: () => {
      if (selected) router.push(`/cases/${selected.caseId}`);
    },
    // Opening a case with ?claim=1 claims it (the case view does the claiming and its checks).
    c: () => {
      if (selected?.status === "open") router.push(`/cases/${selected.caseId}?claim=1`);
    },
    "/": () => searchRef.current?.focus(),
    "?": () => dialogRef.current?.showModal(),
  });

  // Load the next page when the end of the list scrolls into view.
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = list;
  useEffect(() => {
    const sentinel = sentinelRef.current;
    if (!sentinel || !hasNextPage) return;
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((entry) => entry.isIntersecting) && !isFetchingNextPage) void fetchNextPage();
      },
      { rootMargin: "400px" },
    );
    observer.observe(sentinel);
    return () => observer.disconnect();
  }, [hasNextPage, isFetchingNextPage, fetchNextPage]);

  const tabLabel = config.tabs.find((tab) => tab.id === view.tab)?.label ?? view.tab;
  const filtered = hasFilters(view.filters);
  const updating = list.isPlaceholderData || (list.isFetching && !list.isFetchingNextPage && !list.isPending);

  return (
    <>
      <nav aria-label="Queue views" className="flex gap-1 border-b border-slate-200 px-6" data-testid="queue-tabs">
        {config.tabs.map((tab) => {
          const active = tab.id === view.tab;
          const count = tabCount(counts.data, tab.id);
          return (
            <a
              key={tab.id}
              href={`${config.path}${queueQuery({ ...view, tab: tab.id }, scope)}`}
              aria-current={active ? "page" : undefined}
              onClick={(event) => {
                setFreshIds(new Set());
                // A plain click switches tabs in place (a history entry, no server render); a
                // modified click opens a new tab as usual.
                if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
                event.preventDefault();
                window.history.pushState(null, "", `${config.path}${queueQuery({ ...view, tab: tab.id }, scope)}`);
              }}
              data-testid={`queue-tab-${tab.id}`}
              className={cn(
                "-mb-px flex items-center gap-2 border-b-2 px-3 py-2.5 text-sm font-medium",
                active ? "border-slate-900 text-slate-900" : "border-transparent text-slate-600 hover:text-slate-900",
              )}
            >
              {tab.label}
              <span
                className={cn(
                  "inline-block min-w-[3.5rem] rounded-full px-2 py-0.5 text-center text-xs tabular-nums",
                  active ? "bg-slate-900 text-white" : "bg-slate-100 text-slate-700",
                )}
                data-testid={`queue-count-${tab.id}`}
              >
                {/* Read as "Unclaimed 12"; until the count arrives the pill holds its place, empty. */}
                {count}
              </span>
            </a>
          );
        })}
      </nav>

      <QueueFilterBar
        view={view}
        options={options.data}
        onChange={go}
        searchRef={searchRef}
        actions={
          <Button variant="secondary" onClick={() => dialogRef.current?.showModal()} aria-keyshortcuts="?">
            <Keyboard aria-hidden className="h-4 w-4" />
            Shortcuts
          </Button>
        }
      />

      <div className="flex h-11 items-center justify-between gap-4 px-6 text-xs text-slate-600">
        <p data-testid="queue-status">
          {list.isPending
            ? "Loading cases…"
            : list.isError && !list.data
              ? "Could not load cases"
              : `${display.length.toLocaleString("en-GB")} shown${list.hasNextPage ? ", more below" : ""} · ${SORT_LABELS[view.sort]}`}
          {updating ? " · Updating…" : ""}
          {head.isError ? " · Live updates failed, retrying" : ""}
        </p>
        <div aria-live="polite" className="flex h-8 items-center">
          {arrivals.length > 0 ? (
            <Button variant="primary" onClick={showArrivals} disabled={list.isFetching} data-testid="queue-new-cases">
              {arrivals.length === 1 ? "1 new case" : `${arrivals.length} new cases`} — show
            </Button>
          ) : null}
        </div>
      </div>

      {list.isError && !list.data ? (
        <div className="px-6" data-testid="queue-error">
          <StatusMessage tone="error">Could not load the cases: {list.error.message}</StatusMessage>
          <Button variant="secondary" className="ml-6" onClick={() => list.refetch()}>
            Try again
          </Button>
        </div>
      ) : (
        <div className={cn("px-3 pb-6 transition-opacity", list.isPlaceholderData && "opacity-60")}>
          <QueueTable caption={`${tabLabel} cases, ${SORT_LABELS[view.sort].toLowerCase()}`} busy={list.isFetching}>
            {list.isPending ? <SkeletonRows count={SKELETON_ROWS} /> : null}
            {!list.isPending && display.length === 0 ? (
              <tr>
                <td colSpan={5} className="px-3 py-12 text-center" data-testid="queue-empty">
                  <ListChecks aria-hidden className="mx-auto mb-2 h-5 w-5 text-slate-400" />
                  <p className="text-sm font-semibold text-slate-900">
                    {filtered ? "No cases match these filters" : emptyTitle(view.tab)}
                  </p>
                  <p className="mx-auto mt-1 max-w-md text-sm text-slate-600">
                    {filtered
                      ? "Try fewer filters, another tab, or other words."
                      : "When a chat conversation is unclear, sensitive or risky, or is missing consent or contact details, it lands here with the reasons and a prepared brief."}
                  </p>
                  {filtered ? (
                    <Button variant="secondary" className="mt-3" onClick={() => go((v) => ({ ...v, filters: {} }))}>
                      Clear filters
                    </Button>
                  ) : null}
                </td>
              </tr>
            ) : null}
            {display.map((row) => (
              <QueueTableRow
                key={row.caseId}
                row={row}
                now={now}
                live={live}
                viewerId={viewerId}
                selected={row.caseId === selectedId}
                fresh={freshIds.has(row.caseId)}
                onFocus={() => setSelectedId(row.caseId)}
                linkRef={(element) => {
                  if (element) linkRefs.current.set(row.caseId, element);
                  else linkRefs.current.delete(row.caseId);
                }}
              />
            ))}
            {list.isFetchingNextPage ? <SkeletonRows count={3} /> : null}
          </QueueTable>
          <div ref={sentinelRef} className="flex h-12 items-center justify-center">
            {list.hasNextPage ? (
              <Button variant="secondary" onClick={() => list.fetchNextPage()} disabled={list.isFetchingNextPage}>
                {list.isFetchingNextPage ? "Loading…" : "Load more"}
              </Button>
            ) : display.length > 0 ? (
              <span className="text-xs text-slate-500">End of the list</span>
            ) : null}
          </div>
        </div>
      )}
      <ShortcutsDialog ref={dialogRef} />
    </>
  );
}

function emptyTitle(tab: QueueTab): string {
  switch (tab) {
    case "unclaimed":
      return "Nothing needs review";
    case "mine":
      return "You hold no cases";
    case "resolved":
      return "No resolved cases yet";
    default:
      return "No cases yet";
  }
}
