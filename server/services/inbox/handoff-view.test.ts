import { describe, expect, it } from "vitest";
import { analyzeWithRules } from "../../domain/analysis";
import { briefView, consentView, contactView, transcriptView, visitorDetails } from "./handoff-view";

const messages = [
  { role: "visitor" as const, text: "Hi, we'd like a new flat roof on our garage. Is slate or felt better?" },
  { role: "bot" as const, text: "Could our surveyor email you to arrange a visit?" },
  { role: "visitor" as const, text: "Yes please, email me at dana@ruiz.example or call 07700 900123. I'm Dana Ruiz." },
];
const brief = analyzeWithRules({ messages });

describe("what an owner sees of a conversation", () => {
  it("reads reviewers' corrections before the analysed brief", () => {
    expect(briefView(brief, null).unresolvedQuestion).toBe("Is slate or felt better?");
    const edited = briefView(brief, {
      unresolvedQuestion: { value: "Which material lasts longest?", editedById: "x", editedAt: "2026-01-01" },
      statedNeed: { value: "A new flat roof", editedById: "x", editedAt: "2026-01-01" },
    });
    expect(edited).toMatchObject({
      unresolvedQuestion: "Which material lasts longest?",
      statedNeed: "A new flat roof",
    });
    // A reviewer who cleared the question leaves none.
    expect(briefView(brief, { unresolvedQuestion: { value: null } }).unresolvedQuestion).toBe("none");
  });

  it("masks the email and phone the summary names when there is no consent to contact", () => {
    expect(briefView(brief, null).summary).toContain("dana@ruiz.example");
    const masked = briefView(brief, null, { showContact: false });
    expect(masked.summary).not.toContain("dana@ruiz.example");
    expect(masked.summary).not.toContain("900123");
    expect(masked.summary).toContain("Dana Ruiz");
  });

  it("takes the latest consent record over the brief", () => {
    expect(consentView([], brief)).toMatchObject({ status: "given", quote: expect.stringContaining("email me") });
    const later = consentView(
      [
        { status: "given", words: "yes", recordedAt: new Date("2026-01-01") },
        { status: "refused", words: "don't email me", recordedAt: new Date("2026-01-02") },
      ],
      brief,
    );
    expect(later).toMatchObject({ status: "refused", quote: "don't email me" });
  });

  it("shows email and phone only with consent, and masks them in the transcript without it", () => {
    const details = visitorDetails(brief, null, null);
    expect(details.email).toBe("dana@ruiz.example");
    expect(contactView(details, "given")).toMatchObject({ email: "dana@ruiz.example", masked: false, note: null });
    const masked = contactView(details, "unclear");
    expect(masked.masked).toBe(true);
    expect(masked.note).toBe("no consent to contact");
    expect(masked.email).not.toContain("dana@ruiz.example");
    expect(masked.phone).not.toContain("900123");
    const transcript = transcriptView(messages, brief.sensitive, "refused");
    expect(transcript[2]!.text).not.toContain("dana@ruiz.example");
    expect(transcript[2]!.text).not.toContain("900123");
    expect(transcriptView(messages, brief.sensitive, "given")[2]!.text).toContain("dana@ruiz.example");
  });

  it("always labels sensitive data in the transcript", () => {
    const withCard = [{ role: "visitor" as const, text: "My card is 4111 1111 1111 1111, can you refund it?" }];
    const sensitive = analyzeWithRules({ messages: withCard }).sensitive;
    expect(sensitive.length).toBeGreaterThan(0);
    const [line] = transcriptView(withCard, sensitive, "given");
    expect(line!.text).not.toContain("4111 1111");
    expect(line!.text).toContain("[card number]");
  });
});
