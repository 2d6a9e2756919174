import { describe, expect, it } from "vitest";
import { createChatStore, parseSavedChat, type SavedChat } from "./store";

const chat: SavedChat = {
  sessionId: "s1",
  token: "t1",
  messages: [{ role: "bot", text: "Hi", at: "2026-01-01T00:00:00Z" }],
  state: "with_team",
  ui: { kind: "contact" },
  open: true,
  sessionCreatedAt: 1_767_225_600_000,
  minFirstMessageMs: 3000,
};

function memoryStorage() {
  const items = new Map<string, string>();
  return {
    items,
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => void items.set(key, value),
    removeItem: (key: string) => void items.delete(key),
  };
}

describe("createChatStore", () => {
  it("keeps a chat per source and gives it back", () => {
    const storage = memoryStorage();
    createChatStore("src_1", storage).save(chat);
    expect([...storage.items.keys()]).toEqual(["handoff-desk:src_1"]);
    expect(createChatStore("src_1", storage).load()).toEqual(chat);
    expect(createChatStore("src_2", storage).load()).toBeNull();
  });

  it("clears one source's chat for a new one, leaving the others", () => {
    const storage = memoryStorage();
    createChatStore("src_1", storage).save(chat);
    createChatStore("src_2", storage).save(chat);
    createChatStore("src_1", storage).clear();
    expect(createChatStore("src_1", storage).load()).toBeNull();
    expect(createChatStore("src_2", storage).load()).toEqual(chat);
  });

  it("carries on when storage is missing or throws", () => {
    const throwing = {
      getItem: () => {
        throw new Error("SecurityError");
      },
      setItem: () => {
        throw new Error("QuotaExceededError");
      },
      removeItem: () => {
        throw new Error("SecurityError");
      },
    };
    expect(() => createChatStore("src_1", throwing).save(chat)).not.toThrow();
    expect(() => createChatStore("src_1", throwing).clear()).not.toThrow();
    expect(createChatStore("src_1", throwing).load()).toBeNull();
    expect(createChatStore("src_1", null).load()).toBeNull();
  });
});

describe("parseSavedChat", () => {
  it("reads back a chat saved before its session existed", () => {
    expect(parseSavedChat(JSON.stringify({ messages: [], state: "open", ui: null, open: true }))).toEqual({
      messages: [],
      state: "open",
      ui: null,
      open: true,
    });
  });

  it("keeps the session's timing only with its session, and only as sensible numbers", () => {
    const withSession = { sessionId: "s1", token: "t1", messages: [], state: "open", ui: null, open: true };
    expect(parseSavedChat(JSON.stringify({ ...withSession, sessionCreatedAt: 5, minFirstMessageMs: 2000 }))).toEqual({
      ...withSession,
      sessionCreatedAt: 5,
      minFirstMessageMs: 2000,
    });
    // Saved by a version without timing, or tampered with: no known start, no wait asked for.
    const odd = parseSavedChat(JSON.stringify({ ...withSession, sessionCreatedAt: "5", minFirstMessageMs: -1 }));
    expect(odd).not.toHaveProperty("sessionCreatedAt");
    expect(odd?.minFirstMessageMs).toBe(0);
    const noSession = parseSavedChat(JSON.stringify({ open: true, sessionCreatedAt: 5, minFirstMessageMs: 2000 }));
    expect(noSession).not.toHaveProperty("sessionCreatedAt");
    expect(noSession).not.toHaveProperty("minFirstMessageMs");
  });

  it("ignores what the host page or an old version may have left there", () => {
    expect(parseSavedChat("{not json")).toBeNull();
    expect(parseSavedChat("42")).toBeNull();
    expect(parseSavedChat(null)).toBeNull();
    expect(parseSavedChat(JSON.stringify({ sessionId: "s1", messages: "x", open: "yes" }))).toEqual({
      messages: [],
      state: "open",
      ui: null,
      open: false,
    });
  });
});
