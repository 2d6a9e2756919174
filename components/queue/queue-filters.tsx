"use client";

import { Search, X } from "lucide-react";
import { type ReactNode, type RefObject } from "react";
import { QUEUE_SORTS, type QueueFilters, type QueueSort } from "@/server/services/review/queue-input";
import type { QueueFilterOptions } from "@/server/services/review/queue";
import { Button } from "../ui/button";
import { cn } from "../ui/cn";
import { useAppliedText } from "../ui/use-applied-text";
import { hasFilters, SORT_LABELS, type QueueViewState } from "./queue-params";
import { reasonLabel } from "./reason-labels";

const FIELD =
  "h-8 rounded-md border border-slate-300 bg-white px-2 text-sm text-slate-900 placeholder:text-slate-500 disabled:bg-slate-50";

function Labelled({ label, htmlFor, children }: { label: string; htmlFor: string; children: ReactNode }) {
  return (
    <div className="flex flex-col gap-0.5">
      <label htmlFor={htmlFor} className="text-xs font-medium text-slate-600">
        {label}
      </label>
      {children}
    </div>
  );
}

export function QueueFilterBar({
  view,
  options,
  onChange,
  searchRef,
  actions,
}: {
  view: QueueViewState;
  options: QueueFilterOptions | undefined;
  /** Gets the view as it stands when the change applies (earlier changes may still be on their way). */
  onChange: (update: (current: QueueViewState) => QueueViewState) => void;
  searchRef: RefObject<HTMLInputElement | null>;
  actions?: ReactNode;
}) {
  const set = (patch: Partial<QueueFilters>) => onChange((v) => ({ ...v, filters: { ...v.filters, ...patch } }));
  const search = useAppliedText(view.filters.q ?? "", (q) => set({ q: q.trim() || undefined }));
  const pageValid = (value: string) => !value || value.startsWith("/") || /^https?:\/\//i.test(value);
  const page = useAppliedText(view.filters.page ?? "", (value) => {
    if (pageValid(value.trim())) set({ page: value.trim() || undefined });
  });
  const pageInvalid = !pageValid(page.value.trim());

  return (
    <div className="space-y-2 border-b border-slate-200 px-6 py-3" data-testid="queue-filters">
      <div className="flex items-end gap-2">
        <div className="relative min-w-0 flex-1">
          <label htmlFor="queue-search" className="sr-only">
            Search names, emails and messages
          </label>
          <Search aria-hidden className="pointer-events-none absolute left-2 top-2 h-4 w-4 text-slate-400" />
          <input
            id="queue-search"
            ref={searchRef}
            type="search"
            autoComplete="off"
            placeholder="Search names, emails and messages"
            className={cn(FIELD, "w-full pl-8")}
            value={search.value}
            onChange={(e) => search.onChange(e.target.value)}
            onBlur={search.onBlur}
            onKeyDown={(e) => {
              if (e.key === "Enter") search.flush();
              if (e.key === "Escape") e.currentTarget.blur();
            }}
          />
        </div>
        <label htmlFor="queue-sort" className="sr-only">
          Sort
        </label>
        <select
          id="queue-sort"
          className={cn(FIELD, "w-52")}
          value={view.sort}
          onChange={(e) => {
            const sort = e.target.value as QueueSort;
            onChange((v) => ({ ...v, sort }));
          }}
        >
          {QUEUE_SORTS.map((sort) => (
            <option key={sort} value={sort}>
              {SORT_LABELS[sort]}
            </option>
          ))}
        </select>
        <Button
          variant="ghost"
          className={cn(!hasFilters(view.filters) && "invisible")}
          aria-hidden={!hasFilters(view.filters) || undefined}
          tabIndex={hasFilters(view.filters) ? undefined : -1}
          disabled={!hasFilters(view.filters)}
          onClick={() => onChange((v) => ({ ...v, filters: {} }))}
        >
          <X aria-hidden className="h-4 w-4" />
          Clear filters
        </Button>
        {actions}
      </div>
      <div className="flex flex-wrap items-end gap-2">
        <Labelled label="Reason" htmlFor="queue-reason">
          <select
            id="queue-reason"
            className={cn(FIELD, "w-40")}
            value={view.filters.reason ?? ""}
            onChange={(e) => set({ reason: e.target.value || undefined })}
          >
            <option value="">Any reason</option>
            {(options?.reasons ?? (view.filters.reason ? [view.filters.reason] : [])).map((reason) => (
              <option key={reason} value={reason}>
                {reasonLabel(reason).label}
              </option>
            ))}
          </select>
        </Labelled>
        <Labelled label="Source" htmlFor="queue-source">
          <select
            id="queue-source"
            className={cn(FIELD, "w-32")}
            value={view.filters.sourceId ?? ""}
            onChange={(e) => set({ sourceId: e.target.value || undefined })}
          >
            <option value="">Any source</option>
            {options?.sources.map((source) => (
              <option key={source.id} value={source.id}>
                {source.name}
              </option>
            ))}
          </select>
        </Labelled>
        <Labelled label="Topic" htmlFor="queue-topic">
          <select
            id="queue-topic"
            className={cn(FIELD, "w-[8.5rem]")}
            value={view.filters.topic ?? ""}
            onChange={(e) => set({ topic: e.target.value || undefined })}
          >
            <option value="">Any topic</option>
            {(
              options?.topics ?? (view.filters.topic ? [{ id: view.filters.topic, label: view.filters.topic }] : [])
            ).map((topic) => (
              <option key={topic.id} value={topic.id}>
                {topic.label}
              </option>
            ))}
          </select>
        </Labelled>
        <Labelled label="Suggested owner" htmlFor="queue-owner">
          <select
            id="queue-owner"
            className={cn(FIELD, "w-32")}
            value={view.filters.ownerId ?? ""}
            onChange={(e) => set({ ownerId: e.target.value || undefined })}
          >
            <option value="">Anyone</option>
            {options?.owners.map((owner) => (
              <option key={owner.id} value={owner.id}>
                {owner.name}
              </option>
            ))}
          </select>
        </Labelled>
        <Labelled label="Page (path or URL)" htmlFor="queue-page">
          <input
            id="queue-page"
            type="text"
            autoComplete="off"
            placeholder="/pricing"
            aria-invalid={pageInvalid || undefined}
            aria-describedby={pageInvalid ? "queue-page-error" : undefined}
            className={cn(FIELD, "w-32", pageInvalid && "border-red-400")}
            value={page.value}
            onChange={(e) => page.onChange(e.target.value)}
            onBlur={page.onBlur}
            onKeyDown={(e) => e.key === "Enter" && page.flush()}
          />
          <span id="queue-page-error" className={cn("sr-only", !pageInvalid && "hidden")}>
            Start with / for a path, or http for an address
          </span>
        </Labelled>
        <Labelled label="Created from" htmlFor="queue-from">
          <input
            id="queue-from"
            type="date"
            className={cn(FIELD, "w-[8.5rem]")}
            value={view.filters.from?.slice(0, 10) ?? ""}
            max={view.filters.to?.slice(0, 10)}
            onChange={(e) => set({ from: e.target.value || undefined })}
          />
        </Labelled>
        <Labelled label="Created to" htmlFor="queue-to">
          <input
            id="queue-to"
            type="date"
            className={cn(FIELD, "w-[8.5rem]")}
            value={view.filters.to?.slice(0, 10) ?? ""}
            min={view.filters.from?.slice(0, 10)}
            onChange={(e) => set({ to: e.target.value || undefined })}
          />
        </Labelled>
      </div>
    </div>
  );
}
