import { DIMENSIONS, METRIC_IDS, PILOT_DAYS, type Dimension, type MetricId } from "@/server/domain/metrics/definitions";
import { addDays, formatLocalDate, parseLocalDate } from "@/server/domain/metrics/zoned-time";
import {
  queryValuesOf,
  ZDashboardFilters,
  ZDrilldownSlice,
  type DashboardFilters,
  type DrilldownSlice,
} from "@/server/services/dashboards/dashboard-input";

// The dashboards' view lives in the URL, so a manager can bookmark or share exactly what they see.
// The parameter names are the service's own (from, to, sourceId, teamId, page), so the drill-down
// page and the CSV route read the same query. A value that does not parse is dropped, not an error:
// a hand-edited link still opens the dashboards.

export const RANGE_PRESETS = [7, 14, 30, 90] as const;
export type RangePreset = (typeof RANGE_PRESETS)[number];
export const DEFAULT_RANGE: RangePreset = 30;
export const DEFAULT_TREND_METRIC: MetricId = "complete_handoff";
export const DEFAULT_DIMENSION: Dimension = "page";

export interface DashboardView {
  /** A rolling preset ending today, or "custom" (then `from` / `to`). */
  range: RangePreset | "custom";
  from?: string;
  to?: string;
  sourceId?: string;
  teamId?: string;
  page?: string;
  granularity: "day" | "week";
  trendMetric: MetricId;
  dimension: Dimension;
}

const FILTER_FIELDS = ["sourceId", "teamId", "page"] as const;

function parsed<T>(schema: { safeParse: (v: unknown) => { success: boolean; data?: T } }, raw: string | null) {
  if (raw === null || raw === "") return undefined;
  const result = schema.safeParse(raw);
  return result.success ? result.data : undefined;
}

export function parseDashboardParams(params: URLSearchParams): DashboardView {
  const from = parsed<string | undefined>(ZDashboardFilters.shape.from, params.get("from"));
  const to = parsed<string | undefined>(ZDashboardFilters.shape.to, params.get("to"));
  const preset = RANGE_PRESETS.find((days) => String(days) === params.get("range"));
  const view: DashboardView = {
    range: from || to ? "custom" : (preset ?? DEFAULT_RANGE),
    granularity: params.get("granularity") === "week" ? "week" : "day",
    trendMetric: (METRIC_IDS as readonly string[]).includes(params.get("trend") ?? "")
      ? (params.get("trend") as MetricId)
      : DEFAULT_TREND_METRIC,
    dimension: (DIMENSIONS as readonly string[]).includes(params.get("by") ?? "")
      ? (params.get("by") as Dimension)
      : DEFAULT_DIMENSION,
  };
  if (view.range === "custom") {
    if (from) view.from = from;
    if (to) view.to = to;
  }
  for (const field of FILTER_FIELDS) {
    const value = parsed<string | undefined>(ZDashboardFilters.shape[field], params.get(field));
    if (value) view[field] = value;
  }
  return view;
}

/** The URL query for a view, defaults left out (the plain page is the default view). */
export function dashboardQuery(view: DashboardView): string {
  const params = new URLSearchParams();
  if (view.range === "custom") {
    if (view.from) params.set("from", view.from);
    if (view.to) params.set("to", view.to);
  } else if (view.range !== DEFAULT_RANGE) {
    params.set("range", String(view.range));
  }
  for (const field of FILTER_FIELDS) {
    const value = view[field];
    if (value) params.set(field, value);
  }
  if (view.granularity !== "day") params.set("granularity", view.granularity);
  if (view.trendMetric !== DEFAULT_TREND_METRIC) params.set("trend", view.trendMetric);
  if (view.dimension !== DEFAULT_DIMENSION) params.set("by", view.dimension);
  const query = params.toString();
  return query ? `?${query}` : "";
}

/**
 * The service's filters for a view: a preset is the last N days up to `today` (in the business's
 * time zone, read by the server); a custom range passes through (the service fills a missing end).
 */
export function filtersOf(view: DashboardView, today: string): DashboardFilters {
  const filters: DashboardFilters = {};
  if (view.range === "custom") {
    if (view.from) filters.from = view.from;
    if (view.to) filters.to = view.to;
  } else {
    const end = parseLocalDate(today);
    if (end) {
      filters.from = formatLocalDate(addDays(end, -(view.range - 1)));
      filters.to = today;
    }
  }
  for (const field of FILTER_FIELDS) {
    const value = view[field];
    if (value) filters[field] = value;
  }
  return filters;
}

export function hasNarrowingFilters(view: DashboardView): boolean {
  return FILTER_FIELDS.some((field) => Boolean(view[field]));
}

/** What one number is made of: a metric's numerator or denominator, maybe in one row or bucket. */
export interface SliceRef {
  metric: MetricId;
  part: "numerator" | "denominator";
  dimension?: Dimension;
  key?: string;
  bucket?: string;
  granularity?: "day" | "week";
}

function sliceQuery(filters: DashboardFilters, slice: SliceRef): string {
  const params = new URLSearchParams();
  if (filters.from) params.set("from", filters.from);
  if (filters.to) params.set("to", filters.to);
  for (const field of FILTER_FIELDS) {
    const value = filters[field];
    if (value) params.set(field, value);
  }
  params.set("metric", slice.metric);
  params.set("part", slice.part);
  if (slice.dimension && slice.key !== undefined) {
    params.set("dimension", slice.dimension);
    params.set("key", slice.key);
  }
  if (slice.bucket) {
    params.set("bucket", slice.bucket);
    params.set("granularity", slice.granularity ?? "day");
  }
  return params.toString();
}

/** The page listing the conversations behind a number. */
export function drilldownHref(filters: DashboardFilters, slice: SliceRef): string {
  return `/dashboards/conversations?${sliceQuery(filters, slice)}`;
}

/** The same conversations as a CSV file. */
export function exportHref(filters: DashboardFilters, slice: SliceRef): string {
  return `/api/dashboards/export?${sliceQuery(filters, slice)}`;
}

/** The dashboards for the same filters (the way back from a drill-down). */
export function dashboardHrefFor(filters: DashboardFilters): string {
  const params = new URLSearchParams();
  if (filters.from) params.set("from", filters.from);
  if (filters.to) params.set("to", filters.to);
  for (const field of FILTER_FIELDS) {
    const value = filters[field];
    if (value) params.set(field, value);
  }
  const query = params.toString();
  return query ? `/dashboards?${query}` : "/dashboards";
}

/** The printable pilot report for the 14 days ending on the view's last day. */
export function reportHref(filters: Pick<DashboardFilters, "sourceId" | "teamId">, lastDay: string): string {
  const end = parseLocalDate(lastDay);
  const params = new URLSearchParams();
  // The pilot's days ending on `lastDay`.
  if (end) params.set("from", formatLocalDate(addDays(end, -(PILOT_DAYS - 1))));
  if (filters.sourceId) params.set("sourceId", filters.sourceId);
  if (filters.teamId) params.set("teamId", filters.teamId);
  return `/dashboards/report?${params.toString()}`;
}

export type SliceParse = { ok: true; slice: DrilldownSlice } | { ok: false; field: string; message: string };

/** A drill-down or export query, checked by the service's own schema; on failure, the field at fault. */
export function parseSliceParams(params: URLSearchParams): SliceParse {
  const result = ZDrilldownSlice.safeParse(queryValuesOf(params));
  if (result.success) return { ok: true, slice: result.data };
  const issue = result.error.issues[0];
  const field = issue?.path.map(String).join(".") || "query";
  return { ok: false, field, message: issue?.message ?? "invalid query" };
}
