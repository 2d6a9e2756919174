import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { analyzeWithRules } from "./analyze";
import { maskedQuote } from "./mask";
import type { Brief, Conversation, Evidence, Message } from "./types";

// Properties of the rules analyzer over arbitrary conversations: it never throws, it is
// deterministic, every piece of evidence lies inside the transcript and quotes exactly what is
// there (masked), and a card number the visitor typed never appears in the brief.

const VISITOR_FRAGMENTS = [
  "hi",
  "how much is it?",
  "can you send me a quote",
  "I'm Dana Ruiz",
  "email me at dana@ruiz.example",
  "dana at ruiz dot example",
  "call me on +44 20 7946 0958",
  "sorry, it's 07700 900 123",
  "yes please",
  "no, don't call me",
  "this is ridiculous!!!",
  "WHY IS NOBODY ANSWERING",
  "my order 44817 never arrived",
  "can you guarantee it by Friday?",
  "we need a custom integration",
  "is this legal under GDPR?",
  "someone hacked my account, urgent",
  "my card is 4111 1111 1111 1111",
  "my password is hunter22",
  "I had a hip replacement",
  "<p>Name: <b>Sam Lee</b></p>",
  "**bold** and [a link](https://example.com)",
  "😂🔥🙏",
  "¿cuánto cuesta?",
  "Guten Tag, ich möchte einen Termin",
  "日本語のメッセージです",
  "مرحبا",
  '"quoted text that goes on for a while"',
  "\n\n",
  "   ",
];
const BUSINESS_FRAGMENTS = [
  "How can I help?",
  "Could I take your name and email?",
  "Can our team email you? (yes/no)",
  "Our standard clean starts at £120.",
  "I can't quote prices here.",
  "We guarantee results in 30 days.",
  "What's your date of birth?",
  "Sorry to hear that!",
];

const CARD = "4111 1111 1111 1111";

const text = (fragments: string[]) =>
  fc.oneof(
    { weight: 4, arbitrary: fc.array(fc.constantFrom(...fragments), { maxLength: 5 }).map((parts) => parts.join(" ")) },
    { weight: 1, arbitrary: fc.string({ maxLength: 200 }) },
    { weight: 1, arbitrary: fc.string({ unit: "grapheme", maxLength: 80 }) },
  );

const message: fc.Arbitrary<Message> = fc.oneof(
  text(VISITOR_FRAGMENTS).map((t) => ({ role: "visitor" as const, text: t })),
  text(BUSINESS_FRAGMENTS).map((t) => ({ role: "bot" as const, text: t })),
  text(BUSINESS_FRAGMENTS).map((t) => ({ role: "agent" as const, text: t })),
);

const conversation: fc.Arbitrary<Conversation> = fc.record(
  {
    messages: fc.array(message, { maxLength: 25 }),
    pageUrl: fc.oneof(fc.constant(null), fc.webUrl({ withQueryParameters: true }), fc.string({ maxLength: 40 })),
  },
  { requiredKeys: ["messages"] },
);

/** Every evidence object anywhere in the brief. */
function evidenceIn(value: unknown, out: Evidence[] = []): Evidence[] {
  if (Array.isArray(value)) for (const item of value) evidenceIn(item, out);
  else if (value && typeof value === "object") {
    const v = value as Record<string, unknown>;
    if (typeof v.message === "number" && typeof v.start === "number" && typeof v.end === "number" && "quote" in v)
      out.push(v as unknown as Evidence);
    else for (const item of Object.values(v)) evidenceIn(item, out);
  }
  return out;
}

function checkEvidence(input: Conversation, brief: Brief) {
  for (const e of evidenceIn(brief)) {
    const msg = input.messages[e.message];
    expect(msg, `evidence points at message ${e.message}`).toBeDefined();
    expect(Number.isInteger(e.start) && Number.isInteger(e.end)).toBe(true);
    expect(0 <= e.start && e.start <= e.end && e.end <= msg!.text.length).toBe(true);
    const spans = brief.sensitive.filter((s) => s.message === e.message);
    expect(e.quote).toBe(maskedQuote(msg!.text, e.start, e.end, spans));
  }
  for (const s of brief.sensitive) {
    const msg = input.messages[s.message];
    expect(msg?.role).toBe("visitor");
    expect(0 <= s.start && s.start < s.end && s.end <= msg!.text.length).toBe(true);
  }
}

describe("rules analyzer properties", () => {
  it("never throws, and every piece of evidence lies inside the transcript and quotes it (masked)", () => {
    fc.assert(
      fc.property(conversation, (input) => {
        const brief = analyzeWithRules(input);
        expect(brief.analyzer).toBe("rules");
        expect(typeof brief.summary).toBe("string");
        checkEvidence(input, brief);
      }),
      { numRuns: 300 },
    );
  });

  it("is deterministic", () => {
    fc.assert(
      fc.property(conversation, (input) => {
        expect(analyzeWithRules(input)).toEqual(analyzeWithRules(input));
      }),
      { numRuns: 100 },
    );
  });

  it("never lets a card number the visitor typed into the brief", () => {
    fc.assert(
      fc.property(conversation, fc.nat(), (input, at) => {
        const messages = [...input.messages];
        messages.splice(at % (messages.length + 1), 0, { role: "visitor", text: `here you go: ${CARD} thanks` });
        const brief = analyzeWithRules({ ...input, messages });
        expect(brief.flags.some((f) => f.flag === "sensitive_data")).toBe(true);
        expect(JSON.stringify(brief)).not.toContain(CARD);
      }),
      { numRuns: 150 },
    );
  });

  it("reads long messages, many messages and odd text without trouble", () => {
    const odd = [
      "\u0000\u0001\u200b\u202e",
      "a".repeat(150_000),
      "🙂".repeat(5_000),
      "<script>alert(1)</script>".repeat(1_000),
      "how much? ".repeat(8_000),
    ];
    for (const t of odd) {
      const input: Conversation = { messages: [{ role: "visitor", text: t }] };
      checkEvidence(input, analyzeWithRules(input));
    }
    const many: Conversation = {
      messages: Array.from({ length: 500 }, (_, i) => ({
        role: i % 2 ? ("bot" as const) : ("visitor" as const),
        text: `${VISITOR_FRAGMENTS[i % VISITOR_FRAGMENTS.length]} ${i}`,
      })),
    };
    checkEvidence(many, analyzeWithRules(many));
  });
});
