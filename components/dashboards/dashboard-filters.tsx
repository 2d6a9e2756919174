"use client";

import { X } from "lucide-react";
import type { DashboardFilterOptions } from "@/server/services/dashboards/dashboards";
import { Button } from "../ui/button";
import { cn } from "../ui/cn";
import { FIELD, FilterDate, FilterSelect, Labelled } from "../ui/filter-field";
import { useAppliedText } from "../ui/use-applied-text";
import { hasNarrowingFilters, RANGE_PRESETS, type DashboardView, type RangePreset } from "./dashboard-params";

/**
 * The dashboards' filters: a rolling period (7/14/30/90 days up to today) or custom dates, source,
 * team and page. Every change goes to the URL, so the view can be bookmarked and shared.
 */
export function DashboardFilterBar({
  view,
  window,
  options,
  onChange,
}: {
  view: DashboardView;
  /** The days the numbers cover, as the service resolved them (shown for custom and preset alike). */
  window: { from: string; to: string } | undefined;
  options: DashboardFilterOptions | undefined;
  onChange: (update: (current: DashboardView) => DashboardView) => void;
}) {
  const set = (patch: Partial<DashboardView>) => onChange((v) => ({ ...v, ...patch }));
  const pageValid = (value: string) => !value || value.startsWith("/");
  const page = useAppliedText(view.page ?? "", (value) => {
    if (pageValid(value.trim())) set({ page: value.trim() || undefined });
  });
  const pageInvalid = !pageValid(page.value.trim());
  const narrowed = hasNarrowingFilters(view);
  // The date fields show the window in force, so switching to custom starts from what is on screen.
  const fromValue = view.range === "custom" ? (view.from ?? window?.from ?? "") : (window?.from ?? "");
  const toValue = view.range === "custom" ? (view.to ?? window?.to ?? "") : (window?.to ?? "");

  return (
    <div className="border-b border-slate-200 px-6 py-3" data-testid="dashboard-filters">
      <div className="flex flex-wrap items-end gap-x-2.5 gap-y-2">
        <fieldset className="flex flex-col gap-0.5">
          <legend className="mb-0.5 text-xs font-medium text-slate-600">Period</legend>
          <div className="flex h-8 overflow-hidden rounded-md border border-slate-300 bg-white" role="group">
            {RANGE_PRESETS.map((days: RangePreset) => {
              const active = view.range === days;
              return (
                <button
                  key={days}
                  type="button"
                  aria-pressed={active}
                  onClick={() => set({ range: days, from: undefined, to: undefined })}
                  className={cn(
                    "border-r border-slate-300 px-2 text-sm tabular-nums last:border-r-0",
                    active ? "bg-slate-900 font-medium text-white" : "text-slate-700 hover:bg-slate-50",
                  )}
                >
                  {days} days
                </button>
              );
            })}
          </div>
        </fieldset>
        <FilterDate
          id="dashboard-from"
          label="From"
          value={fromValue}
          max={toValue}
          emphasised={view.range === "custom"}
          onChange={(from) => from && set({ range: "custom", from, to: toValue || undefined })}
        />
        <FilterDate
          id="dashboard-to"
          label="To"
          value={toValue}
          min={fromValue}
          emphasised={view.range === "custom"}
          onChange={(to) => to && set({ range: "custom", from: fromValue || undefined, to })}
        />
        <FilterSelect
          id="dashboard-source"
          label="Source"
          width="w-36"
          value={view.sourceId}
          anyLabel="All sources"
          choices={options?.sources.map((source) => ({ value: source.id, label: source.name }))}
          unknownLabel="Unknown source"
          onChange={(sourceId) => set({ sourceId })}
        />
        <FilterSelect
          id="dashboard-team"
          label="Team"
          width="w-32"
          value={view.teamId}
          anyLabel="All teams"
          choices={options?.teams.map((team) => ({ value: team.id, label: team.name }))}
          unknownLabel="Unknown team"
          onChange={(teamId) => set({ teamId })}
        />
        <Labelled label="Page path" htmlFor="dashboard-page">
          <input
            id="dashboard-page"
            type="text"
            autoComplete="off"
            placeholder="/pricing"
            aria-invalid={pageInvalid || undefined}
            aria-describedby={pageInvalid ? "dashboard-page-error" : undefined}
            className={cn(FIELD, "w-32 font-mono", pageInvalid && "border-red-400")}
            value={page.value}
            onChange={(e) => page.onChange(e.target.value)}
            onBlur={page.onBlur}
            onKeyDown={(e) => e.key === "Enter" && page.flush()}
          />
          <span id="dashboard-page-error" className={cn("text-xs text-red-700", !pageInvalid && "hidden")}>
            Start with / (a path such as /pricing)
          </span>
        </Labelled>
        <Button
          variant="ghost"
          className={cn(!narrowed && "invisible")}
          aria-hidden={!narrowed || undefined}
          tabIndex={narrowed ? undefined : -1}
          disabled={!narrowed}
          onClick={() => onChange((v) => ({ ...v, sourceId: undefined, teamId: undefined, page: undefined }))}
        >
          <X aria-hidden className="h-4 w-4" />
          Clear filters
        </Button>
      </div>
    </div>
  );
}
