import { describe, expect, it } from "vitest";
import { chatwootMessageCreated, intercomNotification } from "../../tests/fixtures/platform-payloads";
import { mergeMessages } from "../services/ingest/ingest-conversation";
import { translateChatwootEvent, ZChatwootEvent } from "./chatwoot";
import { htmlToText } from "./html-to-text";
import { translateIntercomNotification, ZIntercomNotification } from "./intercom";

describe("htmlToText", () => {
  it("keeps the words and line breaks, drops tags and scripts, decodes entities", () => {
    expect(htmlToText("<p>Hi &amp; welcome</p><p>Line&nbsp;two<br>three &#x1F600; &#233;</p>")).toBe(
      "Hi & welcome\nLine two\nthree 😀 é",
    );
    expect(htmlToText("<script>alert(1)</script>plain <b>bold</b> &unknown;")).toBe("plain bold &unknown;");
    expect(htmlToText("no markup at all")).toBe("no markup at all");
    expect(htmlToText("I typed <script and then more words")).toBe("I typed <script and then more words");
    // Hostile bodies a backtracking regex would chew on for minutes (over the test's 5 s timeout).
    expect(htmlToText("<script".repeat(100_000))).toHaveLength(700_000);
    expect(htmlToText("<b".repeat(300_000))).toHaveLength(600_000);
    expect(htmlToText(`${" ".repeat(500_000)}x<br>`)).toBe("x");
  });
});

describe("translating platform deliveries", () => {
  const chatwoot = (over: Parameters<typeof chatwootMessageCreated>[0]) =>
    translateChatwootEvent(ZChatwootEvent.parse(chatwootMessageCreated(over)));

  it("reads Chatwoot's message types and senders as visitor, bot or agent", () => {
    const roles = [
      chatwoot({ conversationId: 1, messageId: 1, content: "hi" }),
      chatwoot({ conversationId: 1, messageId: 2, content: "hello", messageType: "outgoing", senderType: "agent_bot" }),
      chatwoot({ conversationId: 1, messageId: 3, content: "hey", messageType: "outgoing", senderType: "user" }),
    ].map((t) => (t.kind === "conversation" ? t.conversation.messages[0]!.role : t.kind));
    expect(roles).toEqual(["visitor", "bot", "agent"]);
    expect(chatwoot({ conversationId: 1, messageId: 4, content: "resolved", messageType: "activity" })).toEqual({
      kind: "ignored",
      reason: "no public messages in this delivery",
    });
  });

  it("reads Intercom's opening message and comments, not notes", () => {
    const translated = translateIntercomNotification(
      ZIntercomNotification.parse(
        intercomNotification({
          topic: "conversation.admin.replied",
          conversationId: "77",
          parts: [
            { id: "a", body: "<p>Sure</p>", authorType: "admin" },
            { id: "b", body: "<p>note</p>", authorType: "admin", partType: "note" },
          ],
        }),
      ),
    );
    expect(translated.kind === "conversation" && translated.conversation.messages.map((m) => m.role)).toEqual([
      "visitor",
      "agent",
    ]);
  });
});

describe("Chatwoot conversation events", () => {
  it("reads a resolved conversation with only an activity message as closed, with account_id alone", async () => {
    const { chatwootStatusChanged } = await import("../../tests/fixtures/platform-payloads");
    const { account: _account, ...withAccountId } = { ...chatwootStatusChanged(12, "resolved"), account_id: 7 };
    expect(translateChatwootEvent(ZChatwootEvent.parse(withAccountId))).toEqual({ kind: "closed", externalId: "7:12" });
  });
});

describe("merging deliveries into a stored conversation", () => {
  const at = (s: number) => new Date(Date.UTC(2026, 0, 1, 12, 0, s)).toISOString();
  it("adds each message once, in time order, and keeps what the stored conversation knew", () => {
    const stored = {
      externalId: "c1",
      pageUrl: "https://a.example/first",
      messages: [
        { id: "1", role: "visitor" as const, text: "hi", at: at(0) },
        { id: "3", role: "visitor" as const, text: "third", at: at(20) },
      ],
    };
    const merged = mergeMessages(stored, {
      externalId: "c1",
      pageUrl: "https://a.example/later",
      visitor: { name: "Ana" },
      messages: [
        { id: "2", role: "bot" as const, text: "hello", at: at(10) },
        { id: "1", role: "visitor" as const, text: "hi", at: at(0) },
      ],
    });
    expect(merged.messages.map((m) => m.id)).toEqual(["1", "2", "3"]);
    expect(merged.pageUrl).toBe("https://a.example/first");
    expect(merged.visitor).toEqual({ name: "Ana" });
  });

  it("keeps a very long chat within the limit: its opening and its latest messages", () => {
    const many = (from: number, n: number) =>
      Array.from({ length: n }, (_, i) => ({ id: String(from + i), role: "visitor" as const, text: `m${from + i}` }));
    const merged = mergeMessages(
      { externalId: "c", messages: many(0, 2_000) },
      { externalId: "c", messages: many(2_000, 5) },
    );
    expect(merged.messages).toHaveLength(2_000);
    expect(merged.messages[0]!.id).toBe("0");
    expect(merged.messages.at(-1)!.id).toBe("2004");
  });
});
