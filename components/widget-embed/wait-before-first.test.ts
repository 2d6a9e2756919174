import { describe, expect, it } from "vitest";
import { type Message } from "./chat-data";
import { FIRST_TURN_MARGIN_MS, waitBeforeFirst } from "./wait-before-first";

const greeting: Message = { role: "bot", text: "Hi!", at: "" };
const said: Message = { role: "visitor", text: "Pricing?", at: "" };
const created = 1_000_000;

describe("waitBeforeFirst", () => {
  it("holds a session's first visitor turn until the desk's minimum and the margin have passed", () => {
    const chat = { messages: [greeting], sessionCreatedAt: created, minFirstMessageMs: 3000 };
    expect(waitBeforeFirst(chat, created)).toBe(3000 + FIRST_TURN_MARGIN_MS);
    expect(waitBeforeFirst(chat, created + 1000)).toBe(2000 + FIRST_TURN_MARGIN_MS);
    expect(waitBeforeFirst(chat, created + 3000 + FIRST_TURN_MARGIN_MS)).toBe(0);
    expect(waitBeforeFirst(chat, created + 60_000)).toBe(0);
  });

  it("keeps the margin when the desk asks for no wait", () => {
    expect(waitBeforeFirst({ messages: [greeting], sessionCreatedAt: created, minFirstMessageMs: 0 }, created)).toBe(
      FIRST_TURN_MARGIN_MS,
    );
    expect(waitBeforeFirst({ messages: [greeting], sessionCreatedAt: created }, created + 100)).toBe(
      FIRST_TURN_MARGIN_MS - 100,
    );
  });

  it("lets every later turn go at once, and a session of unknown age too", () => {
    const chat = { messages: [greeting, said], sessionCreatedAt: created, minFirstMessageMs: 3000 };
    expect(waitBeforeFirst(chat, created)).toBe(0);
    expect(waitBeforeFirst({ messages: [greeting], minFirstMessageMs: 3000 }, created)).toBe(0);
  });

  it("never waits longer than the minimum and the margin, even when the clock was set back", () => {
    const chat = { messages: [], sessionCreatedAt: created, minFirstMessageMs: 3000 };
    expect(waitBeforeFirst(chat, created - 3_600_000)).toBe(3000 + FIRST_TURN_MARGIN_MS);
  });
});
