import { describe, expect, it } from "vitest";
import { bucketKeys, resolveWindow } from "./window";

describe("resolveWindow", () => {
  it("starts and ends the window at midnight in the business's time zone", () => {
    const window = resolveWindow({ from: "2026-07-01", to: "2026-07-14" }, "Europe/London", new Date());
    // Summer time: London's midnight is 23:00 UTC the day before.
    expect(window.start.toISOString()).toBe("2026-06-30T23:00:00.000Z");
    expect(window.end.toISOString()).toBe("2026-07-14T23:00:00.000Z");
    expect(window.days).toBe(14);
    expect(window.previous).toMatchObject({ from: "2026-06-17", to: "2026-06-30" });
    expect(window.previous.end.toISOString()).toBe(window.start.toISOString());
  });

  it("defaults to the 30 days up to today, where the business is", () => {
    // 20:00 UTC on 7 December is already 8 December in Auckland.
    const window = resolveWindow({}, "Pacific/Auckland", new Date("2026-12-07T20:00:00Z"));
    expect(window).toMatchObject({ from: "2026-11-09", to: "2026-12-08", days: 30 });
    expect(window.start.toISOString()).toBe("2026-11-08T11:00:00.000Z");
  });

  it("has a 23-hour day when the clocks go forward", () => {
    const window = resolveWindow({ from: "2026-03-29", to: "2026-03-29" }, "Europe/London", new Date());
    expect(window.end.getTime() - window.start.getTime()).toBe(23 * 3_600_000);
  });

  it("refuses impossible dates and backwards windows, naming the field", () => {
    expect(() => resolveWindow({ from: "2026-02-30" }, "UTC", new Date())).toThrow(/^from:/);
    expect(() => resolveWindow({ from: "2026-12-07", to: "2026-12-01" }, "UTC", new Date())).toThrow(/^to:/);
    expect(() => resolveWindow({ from: "2024-01-01", to: "2026-12-01" }, "UTC", new Date())).toThrow(/at most/);
  });
});

describe("bucketKeys", () => {
  it("lists every day, so empty days show as zero", () => {
    expect(bucketKeys({ from: "2026-11-29", to: "2026-12-02" }, "day")).toEqual([
      "2026-11-29",
      "2026-11-30",
      "2026-12-01",
      "2026-12-02",
    ]);
  });

  it("lists the Mondays of the weeks the window touches", () => {
    expect(bucketKeys({ from: "2026-12-02", to: "2026-12-15" }, "week")).toEqual([
      "2026-11-30",
      "2026-12-07",
      "2026-12-14",
    ]);
  });
});
