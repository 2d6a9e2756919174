import { describe, expect, it } from "vitest";
import { maskContactValue, maskRanges, quoteFromSegments, segmentMessage } from "./transcript";

const text = "My card is 4111 1111 1111 1111, email dana@ruiz.example or call 07700 900123.";
const card = { kind: "card_number" as const, start: 11, end: 30 };

describe("segmentMessage", () => {
  it("masks the analysis's sensitive spans, emails and phone numbers, keeping original offsets", () => {
    const segments = segmentMessage(text, [card], false);
    expect(segments.map((s) => s.text).join("")).toBe(
      "My card is [card number], email d***@r***.example or call ***23.",
    );
    const email = segments.find((s) => s.mask === "email")!;
    expect(text.slice(email.start, email.end)).toBe("dana@ruiz.example");
    // Segments cover the message end to end.
    expect(segments[0]!.start).toBe(0);
    expect(segments.at(-1)!.end).toBe(text.length);
    for (let i = 1; i < segments.length; i++) expect(segments[i]!.start).toBe(segments[i - 1]!.end);
  });

  it("shows the original words when revealed, still marking what is sensitive", () => {
    const segments = segmentMessage(text, [card], true);
    expect(segments.map((s) => s.text).join("")).toBe(text);
    expect(segments.filter((s) => s.mask).map((s) => s.mask)).toEqual(["card_number", "email", "phone"]);
  });

  it("does not let a phone pattern inside a card number split it", () => {
    expect(maskRanges(text, [card]).map((r) => r.kind)).toEqual(["card_number", "email", "phone"]);
  });

  it("leaves a message without personal data as one plain segment", () => {
    expect(segmentMessage("order 12345 for 3 seats", [], false)).toEqual([
      { start: 0, end: 23, text: "order 12345 for 3 seats", mask: null },
    ]);
  });
});

describe("quoteFromSegments", () => {
  it("quotes a span with a masked part whole, never half an address", () => {
    const segments = segmentMessage(text, [card], false);
    // The brief's quote may stop inside the address ("email dana@ruiz.").
    expect(quoteFromSegments(segments, 32, 48)).toBe("email d***@r***.example");
    expect(quoteFromSegments(segments, 0, 7)).toBe("My card");
  });
});

describe("maskContactValue", () => {
  it("masks an email or phone shown on its own", () => {
    expect(maskContactValue("dana@ruiz.example")).toBe("d***@r***.example");
    expect(maskContactValue("+447700900123")).toBe("***23");
    expect(maskContactValue("Ruiz Builders")).toBe("Ruiz Builders");
  });
});
