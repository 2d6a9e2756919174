import { describe, expect, it } from "vitest";
import { DEFAULT_ROUTING, type BusinessHours } from "../routing/rules";
import { businessSecondsBetween } from "./business-hours";

// Hand-computed against the default hours: Europe/London, Mon–Thu 09:00–17:30, Fri 09:00–17:00.
const LONDON = DEFAULT_ROUTING.businessHours;
const at = (iso: string) => new Date(iso);
const seconds = (start: string, end: string, hours: BusinessHours = LONDON) =>
  businessSecondsBetween(at(start), at(end), hours);

describe("businessSecondsBetween", () => {
  it("counts Friday's last hour and Monday's first half hour across a weekend", () => {
    // December: London is on UTC. Fri 16:00–17:00 (3,600) + Mon 09:00–09:30 (1,800).
    expect(seconds("2026-12-04T16:00:00Z", "2026-12-07T09:30:00Z")).toBe(5_400);
  });

  it("counts nothing over a weekend", () => {
    expect(seconds("2026-12-05T10:00:00Z", "2026-12-06T18:00:00Z")).toBe(0);
  });

  it("counts only the open hours of a day, before opening and after closing excluded", () => {
    expect(seconds("2026-12-08T10:00:00Z", "2026-12-08T10:45:00Z")).toBe(2_700);
    expect(seconds("2026-12-09T07:00:00Z", "2026-12-09T20:00:00Z")).toBe(8.5 * 3_600);
  });

  it("is zero when the end is not after the start (a response recorded before the handoff)", () => {
    expect(seconds("2026-12-08T12:00:00Z", "2026-12-08T11:00:00Z")).toBe(0);
    expect(seconds("2026-12-08T12:00:00Z", "2026-12-08T12:00:00Z")).toBe(0);
  });

  it("reads the hours in the business's time zone, summer time included", () => {
    // July: London is UTC+1, so 09:00–17:30 local is 08:00–16:30 UTC: all 8 hours count.
    expect(seconds("2026-07-06T08:30:00Z", "2026-07-06T16:30:00Z")).toBe(8 * 3_600);
  });

  it("spans the change to summer time", () => {
    // Fri 27 March 16:00 GMT to Mon 30 March 09:30 BST (08:30 UTC): 3,600 + 1,800.
    expect(seconds("2026-03-27T16:00:00Z", "2026-03-30T08:30:00Z")).toBe(5_400);
  });

  it("uses the local date, not the UTC date, far from UTC", () => {
    const pacific: BusinessHours = {
      timeZone: "America/Los_Angeles",
      days: { mon: ["09:00", "17:00"], tue: ["09:00", "17:00"], fri: ["09:00", "17:00"] },
    };
    // Saturday in UTC, still Friday 15:00–18:00 in Los Angeles: two business hours.
    expect(seconds("2026-12-04T23:00:00Z", "2026-12-05T02:00:00Z", pacific)).toBe(7_200);
    // Friday 16:00 to Tuesday 10:00 local: 1 h Friday, 8 h Monday, 1 h Tuesday.
    expect(seconds("2026-12-05T00:00:00Z", "2026-12-08T18:00:00Z", pacific)).toBe(10 * 3_600);
  });

  it("skips holidays, in the business's own calendar", () => {
    const withHoliday: BusinessHours = { ...LONDON, holidays: ["2026-12-07"] };
    // Fri 16:00 -> Tue 09:30, Monday a holiday: 3,600 + 1,800.
    expect(seconds("2026-12-04T16:00:00Z", "2026-12-08T09:30:00Z", withHoliday)).toBe(5_400);
    expect(seconds("2026-12-04T16:00:00Z", "2026-12-08T09:30:00Z")).toBe(5_400 + 8.5 * 3_600);
  });

  it("counts nothing when the business keeps no hours", () => {
    expect(seconds("2026-12-07T00:00:00Z", "2026-12-14T00:00:00Z", { timeZone: "UTC", days: {} })).toBe(0);
  });
});
