"use client";

import { useInfiniteQuery } from "@tanstack/react-query";
import { Inbox } from "lucide-react";
import { useState } from "react";
import { useTRPC } from "@/components/providers/trpc";
import { Button } from "../ui/button";
import { EmptyState } from "../ui/empty-state";
import { useHotkeys } from "../ui/use-hotkeys";
import { InboxCard, InboxCardSkeleton } from "./inbox-card";
import { useNow } from "./local-time";

const FILTERS = [
  { value: "open", label: "Open" },
  { value: "responded", label: "Responded" },
  { value: "all", label: "All" },
] as const;
type Filter = (typeof FILTERS)[number]["value"];

/** Moves focus to the next or previous card's link (j / k), as in a mail client. */
function moveFocus(step: 1 | -1) {
  const links = [...document.querySelectorAll<HTMLAnchorElement>("[data-inbox-link]")];
  if (links.length === 0) return;
  const current = links.findIndex((link) => link.closest("article")?.contains(document.activeElement));
  const next =
    current === -1 ? (step === 1 ? 0 : links.length - 1) : Math.min(links.length - 1, Math.max(0, current + step));
  links[next]!.focus();
  links[next]!.scrollIntoView({ block: "nearest" });
}

export function InboxList() {
  const trpc = useTRPC();
  const [filter, setFilter] = useState<Filter>("open");
  // The clock for "due in" and "overdue".
  const now = useNow();
  const list = useInfiniteQuery(
    trpc.inbox.list.infiniteQueryOptions(
      { status: filter },
      { getNextPageParam: (page) => page.nextCursor, refetchInterval: 60_000 },
    ),
  );
  useHotkeys({ j: () => moveFocus(1), k: () => moveFocus(-1) });
  const items = list.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <div className="px-6 py-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div
          role="group"
          aria-label="Show handoffs"
          className="inline-flex rounded-md border border-slate-300 bg-white p-0.5"
        >
          {FILTERS.map((option) => (
            <button
              key={option.value}
              type="button"
              aria-pressed={filter === option.value}
              onClick={() => setFilter(option.value)}
              className={
                filter === option.value
                  ? "rounded px-3 py-1 text-sm font-medium text-white bg-slate-900"
                  : "rounded px-3 py-1 text-sm font-medium text-slate-700 hover:bg-slate-100"
              }
            >
              {option.label}
            </button>
          ))}
        </div>
        <p className="text-xs text-slate-500">
          Keys: <kbd className="font-mono">j</kbd> / <kbd className="font-mono">k</kbd> next and previous handoff,{" "}
          <kbd className="font-mono">Enter</kbd> open it.
        </p>
      </div>

      <p aria-live="polite" className="sr-only">
        {list.isPending ? "Loading your handoffs" : list.isSuccess ? `${items.length} handoffs shown` : ""}
      </p>

      {list.isPending ? (
        <ul className="mt-4 space-y-3" aria-busy="true" aria-label="Loading your handoffs">
          <InboxCardSkeleton />
          <InboxCardSkeleton />
          <InboxCardSkeleton />
        </ul>
      ) : list.isError ? (
        <div role="alert" className="mt-4 rounded-md border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-800">
          Could not load your inbox: {list.error.message}{" "}
          <Button variant="secondary" onClick={() => list.refetch()}>
            Try again
          </Button>
        </div>
      ) : items.length === 0 ? (
        <EmptyState
          icon={<Inbox className="h-5 w-5" />}
          title={filter === "responded" ? "Nothing responded yet" : "No handoffs for you"}
        >
          <p>
            When a conversation is routed to you, it appears here with a short summary and the question the visitor is
            still waiting on, so you can answer without reading the whole transcript.
          </p>
          <p>Your response time is measured from the moment the handoff reaches you.</p>
        </EmptyState>
      ) : (
        <>
          <ul className="mt-4 space-y-3" aria-label="Your handoffs" data-testid="inbox-list">
            {items.map((item) => (
              <InboxCard key={item.handoffId} item={item} now={now} />
            ))}
          </ul>
          {list.hasNextPage ? (
            <div className="mt-4 flex justify-center">
              <Button variant="secondary" disabled={list.isFetchingNextPage} onClick={() => list.fetchNextPage()}>
                {list.isFetchingNextPage ? "Loading…" : "Show more"}
              </Button>
            </div>
          ) : null}
        </>
      )}
    </div>
  );
}
