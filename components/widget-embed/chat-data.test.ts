import { describe, expect, it } from "vitest";
import { readConfig, readCredentials, readSessionTiming, readUpdate } from "./chat-data";

describe("readUpdate", () => {
  it("takes a well-formed answer as it is", () => {
    const answer = {
      messages: [{ role: "bot", text: "Hi", at: "2026-01-01T00:00:00Z" }],
      state: "handed_off",
      ui: { kind: "consent", version: "consent-2", text: "May we contact you?" },
    };
    expect(readUpdate(answer)).toEqual(answer);
  });

  it("drops what it cannot show instead of failing", () => {
    expect(
      readUpdate({
        messages: [{ role: "system", text: "x" }, { role: "bot" }, { role: "visitor", text: "ok" }, null],
        state: "archived",
        ui: { kind: "survey" },
      }),
    ).toEqual({ messages: [{ role: "visitor", text: "ok", at: "" }], state: "open", ui: null });
    expect(readUpdate(null)).toEqual({ messages: [], state: "open", ui: null });
    expect(readUpdate({ ui: { kind: "consent" } }).ui).toBeNull();
  });
});

describe("readConfig", () => {
  it("fills in a title, a launcher label and a safe accent when the desk leaves them out", () => {
    expect(readConfig({ greeting: " Hello " })).toEqual({
      title: "Chat",
      greeting: "Hello",
      accentColor: "#1d4ed8",
      launcherLabel: "Chat with us",
    });
    expect(readConfig({ title: "Acme", accentColor: "#FF8800", launcherLabel: "Ask Acme", greeting: "" })).toEqual({
      title: "Acme",
      greeting: "",
      accentColor: "#ff8800",
      launcherLabel: "Ask Acme",
    });
  });
});

describe("readSessionTiming", () => {
  it("reads the desk's minimum wait, none when it is missing or makes no sense", () => {
    expect(readSessionTiming({ minFirstMessageMs: 2500 })).toEqual({ minFirstMessageMs: 2500 });
    expect(readSessionTiming({ sessionId: "s1" })).toEqual({ minFirstMessageMs: 0 });
    for (const odd of [-1, "2500", null, Number.NaN, Number.POSITIVE_INFINITY])
      expect(readSessionTiming({ minFirstMessageMs: odd }).minFirstMessageMs).toBe(0);
    expect(readSessionTiming(null)).toEqual({ minFirstMessageMs: 0 });
  });

  it("keeps a saved session's start time only when it is one", () => {
    expect(readSessionTiming({ sessionCreatedAt: 1_767_225_600_000 })).toEqual({
      sessionCreatedAt: 1_767_225_600_000,
      minFirstMessageMs: 0,
    });
    expect(readSessionTiming({ sessionCreatedAt: "yesterday" })).not.toHaveProperty("sessionCreatedAt");
  });
});

describe("readCredentials", () => {
  it("needs both the session id and its token", () => {
    expect(readCredentials({ sessionId: "s1", token: "t1" })).toEqual({ sessionId: "s1", token: "t1" });
    expect(readCredentials({ sessionId: "s1" })).toBeNull();
    expect(readCredentials("s1")).toBeNull();
  });
});
