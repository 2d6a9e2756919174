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
    ].map((t) => (t.kind === "conversation" ? t.conversation.messages[0]!.role : t.reason));
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
});
