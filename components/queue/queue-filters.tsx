"use client";

import { Search, X } from "lucide-react";
import { type ReactNode, type RefObject } from "react";
import { QUEUE_SORTS, type QueueFilters, type QueueSort } from "@/server/services/review/queue-input";
import type { QueueFilterOptions } from "@/server/services/review/queue";
import { Button } from "../ui/button";
import { cn } from "../ui/cn";
import { FIELD, FilterDate, FilterSelect, Labelled } from "../ui/filter-field";
import { useAppliedText } from "../ui/use-applied-text";
import { hasFilters, SORT_LABELS, type QueueViewState } from "./queue-params";
import { reasonLabel } from "./reason-labels";

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
        <FilterSelect
          id="queue-reason"
          label="Reason"
          width="w-40"
          value={view.filters.reason}
          anyLabel="Any reason"
          choices={options?.reasons.map((reason) => ({ value: reason, label: reasonLabel(reason).label }))}
          unknownLabel={view.filters.reason ? reasonLabel(view.filters.reason).label : undefined}
          onChange={(reason) => set({ reason })}
        />
        <FilterSelect
          id="queue-source"
          label="Source"
          width="w-32"
          value={view.filters.sourceId}
          anyLabel="Any source"
          choices={options?.sources.map((source) => ({ value: source.id, label: source.name }))}
          onChange={(sourceId) => set({ sourceId })}
        />
        <FilterSelect
          id="queue-topic"
          label="Topic"
          width="w-[8.5rem]"
          value={view.filters.topic}
          anyLabel="Any topic"
          choices={options?.topics.map((topic) => ({ value: topic.id, label: topic.label }))}
          unknownLabel={view.filters.topic}
          onChange={(topic) => set({ topic })}
        />
        <FilterSelect
          id="queue-owner"
          label="Suggested owner"
          width="w-32"
          value={view.filters.ownerId}
          anyLabel="Anyone"
          choices={options?.owners.map((owner) => ({ value: owner.id, label: owner.name }))}
          onChange={(ownerId) => set({ ownerId })}
        />
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
        <FilterDate
          id="queue-from"
          label="Created from"
          value={view.filters.from?.slice(0, 10)}
          max={view.filters.to?.slice(0, 10)}
          onChange={(from) => set({ from })}
        />
        <FilterDate
          id="queue-to"
          label="Created to"
          value={view.filters.to?.slice(0, 10)}
          min={view.filters.from?.slice(0, 10)}
          onChange={(to) => set({ to })}
        />
      </div>
    </div>
  );
}
