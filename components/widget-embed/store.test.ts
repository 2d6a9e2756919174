import { describe, expect, it } from "vitest";
import { createChatStore, parseSavedChat, type SavedChat } from "./store";

const chat: SavedChat = {
  sessionId: "s1",
  token: "t1",
  messages: [{ role: "bot", text: "Hi", at: "2026-01-01T00:00:00Z" }],
  state: "with_team",
  ui: { kind: "contact" },
  open: true,
};

function memoryStorage() {
  const items = new Map<string, string>();
  return {
    items,
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => void items.set(key, value),
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

  it("carries on when storage is missing or throws", () => {
    const throwing = {
      getItem: () => {
        throw new Error("SecurityError");
      },
      setItem: () => {
        throw new Error("QuotaExceededError");
      },
    };
    expect(() => createChatStore("src_1", throwing).save(chat)).not.toThrow();
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
