import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { accentColor, contrastRatio, DEFAULT_ACCENT, readableTextColor } from "./accent-color";

describe("readableTextColor", () => {
  it("puts white on dark colours and black on light ones", () => {
    expect(readableTextColor("#1d4ed8")).toBe("#ffffff");
    expect(readableTextColor("#000000")).toBe("#ffffff");
    expect(readableTextColor("#ffffff")).toBe("#000000");
    expect(readableTextColor("#facc15")).toBe("#000000");
    expect(readableTextColor("#22c55e")).toBe("#000000");
  });

  it("reaches WCAG AA (4.5:1) on every colour a site can pick", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0xffffff }), (n) => {
        const background = `#${n.toString(16).padStart(6, "0")}`;
        expect(contrastRatio(background, readableTextColor(background))).toBeGreaterThanOrEqual(4.5);
      }),
    );
  });
});

describe("contrastRatio", () => {
  it("matches the WCAG figures", () => {
    expect(contrastRatio("#000000", "#ffffff")).toBeCloseTo(21, 5);
    expect(contrastRatio("#ffffff", "#000000")).toBeCloseTo(21, 5);
    expect(contrastRatio("#777777", "#ffffff")).toBeCloseTo(4.48, 2);
    expect(contrastRatio("#123456", "#123456")).toBe(1);
  });
});

describe("accentColor", () => {
  it("keeps a #rrggbb colour and falls back for anything else, so nothing reaches the CSS unchecked", () => {
    expect(accentColor(" #AABBCC ")).toBe("#aabbcc");
    expect(accentColor("#abc")).toBe(DEFAULT_ACCENT);
    expect(accentColor("red; } body { display: none")).toBe(DEFAULT_ACCENT);
    expect(accentColor(undefined)).toBe(DEFAULT_ACCENT);
  });
});
