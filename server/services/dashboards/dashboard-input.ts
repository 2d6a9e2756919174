import { z } from "zod";
import { DIMENSIONS, METRIC_IDS } from "../../domain/metrics/definitions";
import { parseLocalDate } from "../../domain/metrics/zoned-time";

// The dashboards' input, shared by the service, the router, the CSV route and the filter bar (which
// keeps the same fields in the URL). Only zod here, so the browser can import it.

/** A breakdown key for "no value" (no page, no campaign, no owner): URLs cannot carry null. */
export const NONE_KEY = "~none";

const ZDate = (field: string) =>
  z
    .string()
    .trim()
    .regex(/^\d{4}-\d{2}-\d{2}$/, `${field} must be a date such as 2026-12-07`)
    .refine((value) => parseLocalDate(value) !== null, `${field} is not a real date`);

export const ZDashboardFilters = z.object({
  /** First and last day of the window, inclusive, in the business's time zone. */
  from: ZDate("from").optional(),
  to: ZDate("to").optional(),
  sourceId: z.uuid("sourceId must be a source id").optional(),
  /** A page path as the dashboards show it ("/pricing"). */
  page: z
    .string()
    .trim()
    .max(2_000, "page must be at most 2,000 characters")
    .refine((value) => value.startsWith("/"), "page must be a path such as /pricing")
    .optional(),
  teamId: z.uuid("teamId must be a team id").optional(),
});
export type DashboardFilters = z.infer<typeof ZDashboardFilters>;

export const ZGranularity = z.enum(["day", "week"], { message: "granularity must be day or week" });

export const ZTrendInput = ZDashboardFilters.extend({ granularity: ZGranularity.default("day") });

export const ZDimension = z.enum(DIMENSIONS, { message: `dimension must be one of ${DIMENSIONS.join(", ")}` });

export const ZBreakdownInput = ZDashboardFilters.extend({ dimension: ZDimension });

export const ZMetricId = z.enum(METRIC_IDS, { message: `metric must be one of ${METRIC_IDS.join(", ")}` });

/** The conversations behind one number: a metric's numerator or denominator, in a slice. */
export const ZDrilldownSlice = ZDashboardFilters.extend({
  metric: ZMetricId,
  part: z.enum(["numerator", "denominator"], { message: "part must be numerator or denominator" }).default("numerator"),
  /** One breakdown row: the dimension and its key (NONE_KEY for "none"). */
  dimension: ZDimension.optional(),
  key: z.string().trim().min(1).max(2_000, "key must be at most 2,000 characters").optional(),
  /** One trend point: the bucket's first day, and whether it is a day or a week. */
  bucket: ZDate("bucket").optional(),
  granularity: ZGranularity.default("day"),
}).refine((input) => (input.dimension === undefined) === (input.key === undefined), {
  message: "dimension and key go together",
  path: ["key"],
});
export type DrilldownSlice = z.infer<typeof ZDrilldownSlice>;

export const DRILLDOWN_PAGE_SIZE = 50;

export const ZDrilldownInput = z.object({
  slice: ZDrilldownSlice,
  cursor: z.string().max(200).nullish(),
  limit: z.number().int().min(1).max(200).default(DRILLDOWN_PAGE_SIZE),
});

export const ZPilotReportInput = z.object({
  /** The first of the 14 days; by default the 14 days ending today. */
  from: ZDate("from").optional(),
  sourceId: z.uuid("sourceId must be a source id").optional(),
  teamId: z.uuid("teamId must be a team id").optional(),
});

/**
 * A URL's query as the schemas read it (the drill-down page and the CSV route alike): empty values
 * do not count, and a repeated key keeps its first value.
 */
export function queryValuesOf(params: URLSearchParams): Record<string, string> {
  const raw: Record<string, string> = {};
  for (const [key, value] of params) if (value !== "" && !(key in raw)) raw[key] = value;
  return raw;
}
