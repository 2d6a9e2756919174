import { describe, expect, it } from "vitest";
import { callInvite, findCallRequest, zonedTimeToUtc } from "./call-request";

const london = { timeZone: "Europe/London", receivedAt: new Date("2026-12-07T09:00:00Z") }; // a Monday
const visitor = (text: string, at?: string) => [{ role: "visitor", text, at }];

describe("findCallRequest", () => {
  it("reads a day and a time in the business's zone", () => {
    const found = findCallRequest(visitor("Could someone call me tomorrow at 3pm?"), london);
    expect(found?.startsAt.toISOString()).toBe("2026-12-08T15:00:00.000Z");
    expect(found?.quote).toContain("tomorrow at 3pm");
  });

  it("uses summer time when the date is in it", () => {
    const found = findCallRequest(visitor("please ring me on 14 July at 10:30am", "2026-07-01T08:00:00Z"), london);
    expect(found?.startsAt.toISOString()).toBe("2026-07-14T09:30:00.000Z");
  });

  it("takes the next such weekday, and a bare time today or else tomorrow", () => {
    expect(findCallRequest(visitor("call me Friday at 9am"), london)?.startsAt.toISOString()).toBe(
      "2026-12-11T09:00:00.000Z",
    );
    expect(findCallRequest(visitor("can you call at 14:00"), london)?.startsAt.toISOString()).toBe(
      "2026-12-07T14:00:00.000Z",
    );
    expect(findCallRequest(visitor("can you call at 8am"), london)?.startsAt.toISOString()).toBe(
      "2026-12-08T08:00:00.000Z",
    );
  });

  it("ignores times without a call request, calls without a time, and the bot's words", () => {
    expect(findCallRequest(visitor("we open at 9am"), london)).toBeNull();
    expect(findCallRequest(visitor("please call me soon"), london)).toBeNull();
    expect(findCallRequest([{ role: "bot", text: "We can call you tomorrow at 3pm" }], london)).toBeNull();
    expect(findCallRequest(visitor("call me at 13pm"), london)).toBeNull();
  });
});

describe("zonedTimeToUtc", () => {
  it("converts across zones", () => {
    expect(zonedTimeToUtc({ year: 2026, month: 0, day: 5, hour: 9, minute: 0 }, "America/New_York").toISOString()).toBe(
      "2026-01-05T14:00:00.000Z",
    );
  });
});

describe("callInvite", () => {
  it("is an RFC 5545 request with CRLF lines folded at 75 octets and text escaped", () => {
    const ics = callInvite({
      uid: "h1@handoff-desk",
      startsAt: new Date("2026-12-08T15:00:00Z"),
      minutes: 30,
      summary: "Call Dana Ruiz; flat roof, 20 m²",
      description: "x".repeat(200),
      organizer: "handoffs@example.com",
      attendee: "owner@example.com",
      now: new Date("2026-12-07T09:00:00Z"),
    });
    expect(ics).toContain("METHOD:REQUEST\r\n");
    expect(ics).toContain("DTSTART:20261208T150000Z\r\n");
    expect(ics).toContain("DTEND:20261208T153000Z\r\n");
    expect(ics).toContain("SUMMARY:Call Dana Ruiz\\; flat roof\\, 20 m²");
    for (const line of ics.split("\r\n")) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
  });
});
