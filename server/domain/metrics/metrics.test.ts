import { describe, expect, it } from "vitest";
import { csvLine } from "./csv";
import { changeOf, METRIC_IDS, METRICS, pilotVerdict, rateOf } from "./definitions";
import { pagePathOf } from "./page-path";

describe("metric arithmetic", () => {
  it("has no rate without a denominator, rather than a fake 0%", () => {
    expect(rateOf(0, 0)).toBeNull();
    expect(rateOf(3, 4)).toBe(0.75);
    expect(changeOf(null, 0.5)).toBeNull();
    expect(changeOf(0.6, 0.5)).toBeCloseTo(0.1);
  });

  it("meets the pilot bar at exactly 80%", () => {
    expect(pilotVerdict(0.8)).toBe("met");
    expect(pilotVerdict(0.7999)).toBe("not_met");
    expect(pilotVerdict(null)).toBe("no_data");
  });

  it("defines every metric it lists", () => {
    for (const id of METRIC_IDS) expect(METRICS[id].id).toBe(id);
  });
});

describe("pagePathOf", () => {
  it("keeps the path and drops host, query, fragment and trailing slash", () => {
    expect(pagePathOf("https://acme.example/pricing/?utm_campaign=x#top")).toBe("/pricing");
    expect(pagePathOf("https://acme.example")).toBe("/");
    expect(pagePathOf("https://acme.example/")).toBe("/");
    expect(pagePathOf("https://acme.example/a/b")).toBe("/a/b");
    expect(pagePathOf(null)).toBeNull();
    expect(pagePathOf("pricing")).toBeNull();
  });
});

describe("csvLine", () => {
  it("quotes what needs quoting and ends lines with CRLF", () => {
    expect(csvLine(["a", 'say "hi"', "x,y", "two\nlines", null, 3, true])).toBe(
      'a,"say ""hi""","x,y","two\nlines",,3,true\r\n',
    );
    expect(csvLine([new Date("2026-12-07T00:00:00Z")])).toBe("2026-12-07T00:00:00.000Z\r\n");
  });

  it("keeps a spreadsheet from running a visitor's words as a formula", () => {
    expect(csvLine(['=HYPERLINK("http://x")', "+1", "-2", "@a"])).toBe(`"'=HYPERLINK(""http://x"")",'+1,'-2,'@a\r\n`);
    // Numbers stay numbers.
    expect(csvLine([-2])).toBe("-2\r\n");
  });
});
