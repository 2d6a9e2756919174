import { describe, expect, it } from "vitest";
import { COPY, errorText, isSessionGone, speakerPrefix, statusText } from "./wording";

describe("errorText", () => {
  it("asks for patience on 429, gives the desk's words for invalid input, and a retry hint otherwise", () => {
    expect(errorText(429, "Too many requests")).toBe(COPY.tooFast);
    expect(errorText(400, "text is at most 2000 characters")).toBe("text is at most 2000 characters");
    expect(errorText(400)).toBe(COPY.failed);
    expect(errorText(500, "Internal error")).toBe(COPY.failed);
    expect(errorText(0)).toBe(COPY.failed);
  });

  it("gives the desk's words for a chat that is long enough, never the hint to wait", () => {
    const said = "this chat is long enough; our team will read it as it is";
    expect(errorText(400, said, "chat_too_long")).toBe(said);
    expect(errorText(429, said, "chat_too_long")).toBe(said);
    expect(errorText(429, "too many messages", "rate_limited")).toBe(COPY.tooFast);
  });
});

describe("isSessionGone", () => {
  it("treats 401 and 404 on a session as gone, nothing else", () => {
    expect(isSessionGone(401)).toBe(true);
    expect(isSessionGone(404)).toBe(true);
    expect(isSessionGone(403)).toBe(false);
    expect(isSessionGone(429)).toBe(false);
  });
});

describe("statusText", () => {
  it("says who has the chat once the bot no longer does, promising no reply", () => {
    expect(statusText("open")).toBe("");
    expect(statusText("handed_off")).toBe("Passed to our team");
    expect(statusText("with_team")).toBe("Our team will read this chat");
    expect(statusText("with_team")).not.toMatch(/follow up|get back|contact you|reply/i);
    expect(statusText("closed")).toBe("This chat has ended.");
  });
});

describe("speakerPrefix", () => {
  it("names the speaker for screen readers", () => {
    expect(speakerPrefix("visitor", "Acme")).toBe("You said:");
    expect(speakerPrefix("bot", "Acme")).toBe("Acme said:");
  });
});
