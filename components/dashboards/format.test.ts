import { describe, expect, it } from "vitest";
import { METRICS } from "@/server/domain/metrics/definitions";
import { formatBucket, formatChange, formatCount, formatDateRange, formatDuration, formatRate } from "./format";

describe("formatRate", () => {
  it("shows a percentage with at most one decimal, and a dash when there is nothing to divide", () => {
    expect(formatRate(0.5)).toBe("50%");
    expect(formatRate(0.4567)).toBe("45.7%");
    expect(formatRate(2 / 3)).toBe("66.7%");
    expect(formatRate(0)).toBe("0%");
    expect(formatRate(1)).toBe("100%");
    expect(formatRate(null)).toBe("—");
  });
});

describe("formatDuration", () => {
  it("reads as people say it", () => {
    expect(formatDuration(42)).toBe("42 s");
    expect(formatDuration(12 * 60)).toBe("12 min");
    expect(formatDuration(80 * 60)).toBe("1 h 20 min");
    expect(formatDuration(2 * 3600)).toBe("2 h");
    expect(formatDuration(3600 * 2 + 59.7 * 60)).toBe("3 h");
    expect(formatDuration(3 * 86400 + 4 * 3600)).toBe("3 d 4 h");
    expect(formatDuration(null)).toBe("—");
  });
});

describe("formatChange", () => {
  it("counts rate changes in points and colours them by which way is better", () => {
    expect(formatChange(0.042, METRICS.complete_handoff)).toEqual({
      text: "+4.2 pts",
      direction: "up",
      tone: "better",
    });
    expect(formatChange(0.1, METRICS.exception_rate)).toEqual({ text: "+10 pts", direction: "up", tone: "worse" });
    expect(formatChange(-0.1, METRICS.exception_rate)).toEqual({ text: "−10 pts", direction: "down", tone: "better" });
  });

  it("gives duration changes as time of the median, count changes as counts", () => {
    expect(formatChange(-720, METRICS.response_time)).toEqual({ text: "−12 min", direction: "down", tone: "better" });
    expect(formatChange(3, METRICS.conversations)).toEqual({ text: "+3", direction: "up", tone: "better" });
  });

  it("says no change, or a dash when the previous period had no data", () => {
    expect(formatChange(0, METRICS.conversion).tone).toBe("flat");
    expect(formatChange(0.0001, METRICS.conversion).text).toBe("No change");
    expect(formatChange(null, METRICS.conversion)).toEqual({ text: "—", direction: "none", tone: "none" });
  });
});

describe("dates", () => {
  it("names ranges and buckets without shifting days by time zone", () => {
    expect(formatDateRange("2026-11-01", "2026-11-30")).toBe("1 Nov – 30 Nov 2026");
    expect(formatDateRange("2025-12-03", "2026-01-01")).toBe("3 Dec 2025 – 1 Jan 2026");
    expect(formatDateRange("2026-12-07", "2026-12-07")).toBe("7 Dec 2026");
    expect(formatBucket("2026-12-07", "week")).toBe("Week of 7 Dec 2026");
    expect(formatCount(12345)).toBe("12,345");
  });
});
