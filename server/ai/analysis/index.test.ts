import { MockLanguageModelV4 } from "ai/test";
import { describe, expect, it } from "vitest";
import { analyzeWithRules, maskedQuote, type Brief, type Conversation, type ModelClaims } from "../../domain/analysis";
import { analyzeWithModel } from "./index";

// The language model is the one thing mocked: the SDK's own mock model stands in for the
// provider's API, and everything from the structured-output parsing on is the real code.

const conversation: Conversation = {
  pageUrl: "https://example.com/services/web-design?utm_source=google&utm_campaign=clinics",
  messages: [
    {
      role: "visitor",
      text: "Hi, I'm Dana Whitfield from Orchard Dental. We need a new website for our 3 clinics, can you send a quote?",
    },
    { role: "bot", text: "Happy to help. What's the best email, and may our team contact you about this?" },
    { role: "visitor", text: "dana@orcharddental.example, yes please email me" },
  ],
};

const q = (message: number, quote: string) => ({ message, quote });

function claims(overrides: Partial<ModelClaims> = {}): ModelClaims {
  return {
    intent: "sales",
    intentEvidence: q(0, "We need a new website for our 3 clinics"),
    customerStatus: "new_or_unknown",
    customerStatusEvidence: null,
    contact: {
      name: { ...q(0, "I'm Dana Whitfield"), value: "Dana Whitfield" },
      email: { ...q(2, "dana@orcharddental.example"), value: "dana@orcharddental.example" },
      phone: null,
      company: { ...q(0, "from Orchard Dental"), value: "Orchard Dental" },
    },
    consent: { status: "given", evidence: q(2, "yes please email me") },
    needClear: true,
    statedNeed: {
      ...q(0, "We need a new website for our 3 clinics"),
      value: "A new website for three dental clinics.",
    },
    unresolvedQuestion: { ...q(0, "can you send a quote?"), value: "Can you send a quote?" },
    urgency: { level: "normal", reason: "No deadline given." },
    flags: [{ flag: "pricing_request", ...q(0, "can you send a quote?") }],
    ...overrides,
  };
}

const usage = {
  inputTokens: { total: 100, noCache: 100, cacheRead: 0, cacheWrite: 0 },
  outputTokens: { total: 50, text: 50, reasoning: 0 },
};

function modelAnswering(text: string, finish: "stop" | "length" = "stop") {
  return new MockLanguageModelV4({
    doGenerate: async () => ({
      content: [{ type: "text", text }],
      finishReason: { unified: finish, raw: finish },
      usage,
      warnings: [],
    }),
  });
}

/** Every quote is its message's span (sensitive parts labelled). */
function expectGrounded(brief: Brief, convo: Conversation) {
  const evidence = [
    ...brief.flags.flatMap((f) => f.evidence),
    ...brief.intent.evidence,
    ...Object.values(brief.contact).flatMap((f) => f?.evidence ?? []),
    ...(brief.consent.evidence ? [brief.consent.evidence] : []),
    ...(brief.statedNeed?.evidence ?? []),
    ...(brief.unresolvedQuestion?.evidence ?? []),
  ];
  expect(evidence.length).toBeGreaterThan(0);
  for (const e of evidence) {
    const spans = brief.sensitive.filter((s) => s.message === e.message);
    expect(e.quote).toBe(maskedQuote(convo.messages[e.message]!.text, e.start, e.end, spans));
  }
}

describe("the language-model analyzer", () => {
  it("merges grounded claims and records that the model produced the brief", async () => {
    const brief = await analyzeWithModel(conversation, { model: modelAnswering(JSON.stringify(claims())) });
    expect(brief.analyzer).toBe("llm");
    expect(brief.fallbackReason).toBeNull();
    expect(brief.statedNeed?.value).toBe("A new website for three dental clinics.");
    expect(brief.contact.email?.value).toBe("dana@orcharddental.example");
    expect(brief.consent).toMatchObject({ status: "given", evidence: { message: 2, quote: "yes please email me" } });
    expect(brief.flags.map((f) => f.flag)).toEqual(["pricing_request"]);
    // Pricing is a human's call, whoever noticed it.
    expect(brief.nextAction.action).toBe("escalate");
    expect(brief.summary).toContain("A new website for three dental clinics.");
    expectGrounded(brief, conversation);
  });

  it("drops claims whose quotes are not in the transcript, and values their quotes do not contain", async () => {
    const answer = claims({
      flags: [
        { flag: "pricing_request", ...q(0, "can you send a quote?") },
        { flag: "guarantee_request", ...q(0, "you guarantee first page on Google") },
      ],
      contact: {
        ...claims().contact,
        // The quote is real, the value is not in it.
        company: { ...q(0, "from Orchard Dental"), value: "Orchard Dental Group Ltd" },
        phone: { ...q(2, "call me on 0161 555 0199"), value: "0161 555 0199" },
      },
    });
    const rules = analyzeWithRules(conversation);
    const brief = await analyzeWithModel(conversation, { model: modelAnswering(JSON.stringify(answer)) });
    expect(brief.flags.map((f) => f.flag)).not.toContain("guarantee_request");
    expect(brief.contact.phone).toBeNull();
    expect(brief.contact.company?.value ?? null).toBe(rules.contact.company?.value ?? null);
    expectGrounded(brief, conversation);
  });

  it("tolerates case and spacing differences in a quote, and maps it back to the exact words", async () => {
    const answer = claims({ consent: { status: "given", evidence: q(2, "YES  please\nemail me") } });
    const brief = await analyzeWithModel(conversation, { model: modelAnswering(JSON.stringify(answer)) });
    expect(brief.consent.evidence).toMatchObject({ message: 2, quote: "yes please email me" });
  });

  it("turns consent it cannot quote into 'unclear', never 'given'", async () => {
    const answer = claims({ consent: { status: "given", evidence: q(2, "sure, call me any time") } });
    const brief = await analyzeWithModel(conversation, { model: modelAnswering(JSON.stringify(answer)) });
    expect(brief.consent.status).toBe("unclear");
    expect(brief.nextAction.action).not.toBe("handoff");
  });

  it("keeps the rules' safety findings: sensitive data, bot promises, emergencies and a refusal", async () => {
    const risky: Conversation = {
      messages: [
        { role: "visitor", text: "someone used my card 4111 1111 1111 1111 without permission, I think it was stolen" },
        { role: "bot", text: "We guarantee you'll have a full refund within 24 hours." },
        { role: "visitor", text: "ok. please don't call me, just answer here" },
      ],
    };
    const rules = analyzeWithRules(risky);
    expect(rules.flags.map((f) => f.flag)).toEqual(
      expect.arrayContaining(["sensitive_data", "bot_promise", "emergency"]),
    );
    expect(rules.consent.status).toBe("refused");
    // A careless model: no flags, and consent "given".
    const answer = claims({
      intent: "support",
      intentEvidence: null,
      contact: { name: null, email: null, phone: null, company: null },
      consent: { status: "given", evidence: q(2, "ok") },
      statedNeed: null,
      unresolvedQuestion: null,
      flags: [],
    });
    const brief = await analyzeWithModel(risky, { model: modelAnswering(JSON.stringify(answer)) });
    expect(brief.analyzer).toBe("llm");
    expect(brief.flags.map((f) => f.flag)).toEqual(
      expect.arrayContaining(["sensitive_data", "bot_promise", "emergency"]),
    );
    expect(brief.consent.status).toBe("refused");
    expect(brief.urgency.level).toBe("high");
    expect(JSON.stringify({ ...brief, sensitive: [] })).not.toContain("4111 1111 1111 1111");
  });

  it("never sends sensitive data to the model, and still grounds quotes around it", async () => {
    const withCard: Conversation = {
      messages: [
        { role: "visitor", text: "my card 4111 1111 1111 1111 was charged twice for order 5521, please refund" },
      ],
    };
    const model = modelAnswering(
      JSON.stringify(
        claims({
          intent: "support",
          intentEvidence: q(0, "my card ******************* was charged twice"),
          contact: { name: null, email: null, phone: null, company: null },
          consent: { status: "not_asked", evidence: null },
          statedNeed: null,
          unresolvedQuestion: null,
          flags: [{ flag: "pricing_request", ...q(0, "please refund") }],
        }),
      ),
    );
    const brief = await analyzeWithModel(withCard, { model });
    const sent = JSON.stringify(model.doGenerateCalls[0]!.prompt);
    expect(sent).not.toContain("4111");
    expect(sent).toContain("*******************");
    expect(brief.intent.evidence[0]).toMatchObject({ start: 0, quote: "my card [card number] was charged twice" });
    expectGrounded(brief, withCard);
  });

  it.each([
    ["output that does not fit the schema", modelAnswering(JSON.stringify({ intent: "maybe" })), "invalid_output"],
    ["output that is not JSON", modelAnswering("Sure! Here is the analysis: intent is sales."), "invalid_output"],
    [
      "output cut off at the token limit",
      modelAnswering(JSON.stringify(claims()).slice(0, 120), "length"),
      "truncated_output",
    ],
    [
      "a provider error",
      new MockLanguageModelV4({
        doGenerate: async () => {
          throw new Error("401 invalid api key");
        },
      }),
      "model_error",
    ],
  ] as const)("falls back to the rules on %s", async (_what, model, reason) => {
    const brief = await analyzeWithModel(conversation, { model });
    expect(brief.analyzer).toBe("rules");
    expect(brief.fallbackReason).toBe(reason);
    expect(brief).toEqual({ ...analyzeWithRules(conversation), fallbackReason: reason });
  });

  it("gives up on a model that does not answer in time, and tells the provider to stop", async () => {
    let aborted = false;
    const model = new MockLanguageModelV4({
      doGenerate: ({ abortSignal }) =>
        new Promise((_resolve, reject) => {
          abortSignal?.addEventListener("abort", () => {
            aborted = true;
            reject(abortSignal.reason);
          });
        }),
    });
    const started = Date.now();
    const brief = await analyzeWithModel(conversation, { model, timeoutMs: 50 });
    expect(brief.analyzer).toBe("rules");
    expect(brief.fallbackReason).toBe("timeout");
    expect(aborted).toBe(true);
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});
