import type { DrilldownSlice } from "@/server/services/dashboards/dashboard-input";
import type { Breakdown, MetricValue, Overview, TrendPoint } from "@/server/services/dashboards/dashboards";

// How many conversations a drill-down lists, read from the same aggregate the dashboards show (the
// card, the breakdown row or the trend point), so the page can say "12 conversations" before all of
// them are loaded. The list and the count share their predicates (metric-sql.ts), so they agree.

export type TotalSource = "overview" | "breakdown" | "trend" | null;

/** Which aggregate holds this slice's count; null for a slice no dashboard figure shows. */
export function totalSourceOf(slice: Pick<DrilldownSlice, "dimension" | "bucket">): TotalSource {
  if (slice.dimension && slice.bucket) return null;
  if (slice.dimension) return "breakdown";
  if (slice.bucket) return "trend";
  return "overview";
}

function partOf(value: MetricValue | undefined, part: DrilldownSlice["part"]): number | null {
  if (!value) return null;
  return part === "numerator" ? value.numerator : value.denominator;
}

export function sliceTotal(
  slice: DrilldownSlice,
  data: { overview?: Overview; breakdown?: Pick<Breakdown, "rows">; trend?: { points: TrendPoint[] } },
): number | null {
  switch (totalSourceOf(slice)) {
    case "overview":
      return partOf(data.overview?.headlines.find((h) => h.metric === slice.metric)?.current, slice.part);
    case "breakdown":
      return partOf(data.breakdown?.rows.find((row) => row.key === slice.key)?.metrics[slice.metric], slice.part);
    case "trend":
      return partOf(
        data.trend?.points.find((point) => point.bucket === slice.bucket)?.metrics[slice.metric],
        slice.part,
      );
    default:
      return null;
  }
}
