import { describe, expect, it } from "vitest";
import {
  dashboardQuery,
  drilldownHref,
  exportHref,
  filtersOf,
  parseDashboardParams,
  parseSliceParams,
  reportHref,
} from "./dashboard-params";

const SOURCE = "6f1c1d8e-4b7e-4c43-9a55-0d1f6f0d3a11";

describe("the dashboards' URL", () => {
  it("is empty for the default view and round-trips every choice", () => {
    const plain = parseDashboardParams(new URLSearchParams());
    expect(plain).toMatchObject({ range: 30, granularity: "day", trendMetric: "complete_handoff", dimension: "page" });
    expect(dashboardQuery(plain)).toBe("");

    const query = `?range=7&sourceId=${SOURCE}&page=%2Fpricing&granularity=week&trend=exception_rate&by=topic`;
    const view = parseDashboardParams(new URLSearchParams(query));
    expect(view).toMatchObject({
      range: 7,
      sourceId: SOURCE,
      page: "/pricing",
      granularity: "week",
      dimension: "topic",
    });
    expect(dashboardQuery(view)).toBe(query);
  });

  it("treats from/to as a custom range and drops values that do not parse", () => {
    const view = parseDashboardParams(
      new URLSearchParams("from=2026-11-01&to=nonsense&range=7&sourceId=x&page=pricing&by=planet&trend=mood"),
    );
    expect(view).toEqual({
      range: "custom",
      from: "2026-11-01",
      granularity: "day",
      trendMetric: "complete_handoff",
      dimension: "page",
    });
  });

  it("turns a preset into the last N days up to today", () => {
    const view = parseDashboardParams(new URLSearchParams(`range=7&teamId=${SOURCE}`));
    expect(filtersOf(view, "2026-12-07")).toEqual({ from: "2026-12-01", to: "2026-12-07", teamId: SOURCE });
    expect(filtersOf(parseDashboardParams(new URLSearchParams("from=2026-10-01")), "2026-12-07")).toEqual({
      from: "2026-10-01",
    });
  });
});

describe("drill-down and export links", () => {
  const filters = { from: "2026-11-01", to: "2026-11-30", sourceId: SOURCE };

  it("carry the filters and the slice, and parse back to the same slice", () => {
    const href = drilldownHref(filters, {
      metric: "exception_rate",
      part: "numerator",
      dimension: "page",
      key: "/pricing",
    });
    expect(href).toBe(
      `/dashboards/conversations?from=2026-11-01&to=2026-11-30&sourceId=${SOURCE}&metric=exception_rate&part=numerator&dimension=page&key=%2Fpricing`,
    );
    const parsed = parseSliceParams(new URL(href, "http://x").searchParams);
    expect(parsed).toEqual({
      ok: true,
      slice: {
        ...filters,
        metric: "exception_rate",
        part: "numerator",
        dimension: "page",
        key: "/pricing",
        granularity: "day",
      },
    });
    expect(
      exportHref(filters, { metric: "conversations", part: "numerator", bucket: "2026-11-02", granularity: "week" }),
    ).toBe(
      `/api/dashboards/export?from=2026-11-01&to=2026-11-30&sourceId=${SOURCE}&metric=conversations&part=numerator&bucket=2026-11-02&granularity=week`,
    );
  });

  it("name the field at fault when a slice does not parse", () => {
    expect(parseSliceParams(new URLSearchParams("metric=happiness"))).toMatchObject({ ok: false, field: "metric" });
    expect(parseSliceParams(new URLSearchParams("metric=conversion&from=yesterday"))).toMatchObject({
      ok: false,
      field: "from",
    });
    expect(parseSliceParams(new URLSearchParams("metric=conversion&dimension=page"))).toMatchObject({
      ok: false,
      field: "key",
    });
  });

  it("point the pilot report at the 14 days ending on the view's last day", () => {
    expect(reportHref({ sourceId: SOURCE }, "2026-11-30")).toBe(
      `/dashboards/report?from=2026-11-17&sourceId=${SOURCE}`,
    );
  });
});
