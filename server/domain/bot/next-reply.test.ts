import { describe, expect, it } from "vitest";
import { analyzeWithRules } from "../analysis/analyze";
import { DEFAULT_REPLIES, nextReply } from "./next-reply";

describe("approved replies", () => {
  it.each(Object.entries(DEFAULT_REPLIES))(
    "%s promises nothing, by the analysis's own bot-promise check",
    (_key, text) => {
      const brief = analyzeWithRules({
        messages: [
          { role: "visitor", text: "hello" },
          { role: "bot", text },
        ],
      });
      expect(brief.flags.map((f) => f.flag)).not.toContain("bot_promise");
    },
  );

  it("says the clarifying question the rules chose, and nothing for spam", () => {
    expect(nextReply({ action: "clarify", reasons: [], question: "What is it about?" }).reply).toBe(
      "What is it about?",
    );
    expect(nextReply({ action: "discard", reasons: ["spam"], question: null })).toMatchObject({
      reply: null,
      handToHuman: false,
    });
    expect(nextReply({ action: "stop_bot", reasons: ["frustration"], question: null }).handToHuman).toBe(true);
  });
});
