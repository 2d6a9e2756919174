import { describe, expect, it } from "vitest";
import { wrapFocus } from "./focus-cycle";

const controls = ["close", "input", "send"];

describe("wrapFocus", () => {
  it("wraps Tab from the last control to the first and Shift+Tab from the first to the last", () => {
    expect(wrapFocus(controls, "send", false)).toBe("close");
    expect(wrapFocus(controls, "close", true)).toBe("send");
  });

  it("leaves every other step to the browser", () => {
    expect(wrapFocus(controls, "close", false)).toBeNull();
    expect(wrapFocus(controls, "input", false)).toBeNull();
    expect(wrapFocus(controls, "input", true)).toBeNull();
    expect(wrapFocus(controls, "send", true)).toBeNull();
    // Focused but not a stop of its own (a scrolling area): the browser knows its next stop.
    expect(wrapFocus(controls, "log", false)).toBeNull();
  });

  it("brings focus from outside back in, at the end Tab is heading for", () => {
    expect(wrapFocus(controls, null, false)).toBe("close");
    expect(wrapFocus(controls, null, true)).toBe("send");
  });

  it("keeps one control and does nothing without any", () => {
    expect(wrapFocus(["restart"], "restart", false)).toBe("restart");
    expect(wrapFocus(["restart"], "restart", true)).toBe("restart");
    expect(wrapFocus([], null, false)).toBeNull();
  });
});
