import { describe, expect, it } from "vitest";
import { type Message } from "./chat-data";
import { consentWordingToShow, sharedPrefixLength, visibleMessages } from "./transcript";

const bot = (text: string, at = "2026-01-01T00:00:00Z"): Message => ({ role: "bot", text, at });
const visitor = (text: string, at = "2026-01-01T00:00:01Z"): Message => ({ role: "visitor", text, at });

describe("visibleMessages", () => {
  it("shows the greeting until the desk has sent the conversation, then exactly the desk's list", () => {
    expect(visibleMessages([], "Hi! How can we help?")).toEqual([
      { role: "bot", text: "Hi! How can we help?", at: "" },
    ]);
    const fromDesk = [bot("Hi! How can we help?"), visitor("Pricing?")];
    expect(visibleMessages(fromDesk, "Hi! How can we help?")).toBe(fromDesk);
    expect(visibleMessages([], "")).toEqual([]);
  });
});

describe("sharedPrefixLength", () => {
  it("keeps the local greeting when the desk's list starts with the same words", () => {
    const shown = visibleMessages([], "Hello");
    expect(sharedPrefixLength(shown, [bot("Hello", "2026-02-02T10:00:00Z")])).toBe(1);
  });

  it("keeps an accepted visitor message and finds where a new list departs", () => {
    const shown = [bot("Hello"), visitor("Hi")];
    expect(sharedPrefixLength(shown, [bot("Hello"), visitor("Hi"), bot("Thanks")])).toBe(2);
    expect(sharedPrefixLength(shown, [bot("Hello")])).toBe(1);
    expect(sharedPrefixLength(shown, [bot("Welcome back"), visitor("Hi")])).toBe(0);
    expect(sharedPrefixLength(shown, [bot("Hello"), bot("Hi")])).toBe(1);
  });
});

describe("consentWordingToShow", () => {
  const ui = { kind: "consent" as const, version: "consent-2", text: "May we contact you about this?" };

  it("shows the consent wording beside the buttons unless the bot has just said it", () => {
    expect(consentWordingToShow([bot("Thanks.")], ui)).toBe("May we contact you about this?");
    expect(consentWordingToShow([bot("May we contact you about this?")], ui)).toBeNull();
    expect(consentWordingToShow([bot("May we contact you about this?"), visitor("ok")], ui)).toBe(
      "May we contact you about this?",
    );
  });

  it("has nothing to show without a consent ask", () => {
    expect(consentWordingToShow([bot("x")], { kind: "contact" })).toBeNull();
    expect(consentWordingToShow([bot("x")], null)).toBeNull();
  });
});
