import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseCorpus } from "../analysis/evaluation";
import { detectFlags } from "../analysis/flags";
import { compilePolicy, DEFAULT_POLICY, type AnalysisPolicy } from "../analysis/policy";
import { indexMessages } from "../analysis/text";
import { checkReplyForPromises, riskKinds, type RiskKind } from "./promise-check";
import { firstNameOf, needPhrase, renderTemplate, replySubject } from "./render";

const kinds = (text: string, visitorMessages?: string[]) => riskKinds(checkReplyForPromises(text, { visitorMessages }));

describe("checkReplyForPromises: each kind of promise", () => {
  it.each<[RiskKind, string]>([
    ["pricing", "A flat roof like yours is usually £2,400 all in."],
    ["pricing", "I can give you 15% off if you book this month."],
    ["pricing", "We'll match the price you were quoted elsewhere."],
    ["timing", "I'll reply within 2 hours with the details."],
    ["timing", "We reply within 24 hours."],
    ["timing", "Our surveyor can be there tomorrow at 9am."],
    ["timing", "Your new roof will be installed by Friday."],
    ["timing", "I'll call you tomorrow to arrange it."],
    ["timing", "We'll have your kitchen done within a week."],
    ["timing", "Someone will call you within the hour."],
    ["timing", "Expect a reply within an hour."],
    // How long, and when someone is free: a FAQ answer must not say either (issue 8).
    ["timing", "It usually takes 2-3 days."],
    ["timing", "We can come out tomorrow."],
    ["timing", "We have availability this week."],
    ["timing", "Slots are available on Monday."],
    ["results", "Your new roof will last 30 years."],
    ["results", "A new membrane will fix the leak for good."],
    ["guarantee", "We guarantee the work for ten years."],
    ["guarantee", "Every job comes with a money-back promise."],
    ["results", "You'll see results within the first month."],
    ["results", "With our help you will rank first on Google."],
    ["results", "You have a strong case, so you'll get compensation."],
    ["scope", "Guttering is included in the price."],
    ["scope", "The survey is free of charge."],
    ["scope", "No problem, we can build that for you."],
    ["service_fit", "Our premium plan is exactly what you need."],
    ["service_fit", "This package is definitely right for you."],
    ["service_fit", "It's the perfect fit for a team your size."],
  ])("%s: %j", (kind, text) => {
    expect(kinds(text)).toContain(kind);
  });

  it("points each risk at its exact words in the reply", () => {
    const text = "Thanks Dana. We guarantee the work, and it's £2,400.";
    const risks = checkReplyForPromises(text);
    expect(risks.length).toBeGreaterThanOrEqual(2);
    for (const risk of risks) expect(text.slice(risk.start, risk.end)).toBe(risk.quote);
    expect(risks.find((r) => r.kind === "pricing")?.quote).toContain("£2,400");
    expect(risks.find((r) => r.kind === "guarantee")?.quote).toMatch(/guarantee/i);
  });

  it("never returns overlapping spans", () => {
    const risks = checkReplyForPromises("We'll give you a 20% discount of $200 and guarantee it ships same day.");
    for (let i = 1; i < risks.length; i++) expect(risks[i]!.start).toBeGreaterThanOrEqual(risks[i - 1]!.end);
  });
});

describe("checkReplyForPromises: clean replies", () => {
  it.each([
    "Thanks for your message, I'll look into your question about flat roofs and reply by email.",
    "Hi Dana, thank you for getting in touch. Could you tell me a little more about the garage roof?",
    "I've passed your question to our surveyor, who will reply by email with the next steps.",
    "What times generally suit you for a short call? Reply to this email with a few options.",
    "I can't promise a date yet; our team will confirm once we've seen the roof.",
    "Prices depend on the size and the materials, so I'd rather not guess before a survey.",
    // FAQ-style answers that state facts, not promises.
    "Our office is open Monday to Friday, 8am to 6pm.",
    "Yes, we repair flat roofs, including felt and rubber.",
    "Every job starts with a survey by one of our roofers.",
    "",
  ])("does not flag %j", (text) => {
    expect(checkReplyForPromises(text)).toEqual([]);
  });

  it("does not count an amount the visitor wrote first as the business's price", () => {
    const visitor = ["Do you price match? Summit has it for $139."];
    const reply = "You mentioned Summit's offer of $139, thanks for letting me know.";
    expect(kinds(reply, visitor)).toEqual([]);
    expect(kinds(reply)).toContain("pricing");
  });

  it("does not count the visitor's own words, quoted back to them, as a promise", () => {
    const visitor = ["Hi, we need the roof done within 2 days, before the storm."];
    expect(
      kinds("You wrote: “we need the roof done within 2 days, before the storm”. I'll look into it.", visitor),
    ).toEqual([]);
    // Their words unquoted, or quoted but not theirs, are the business's.
    expect(kinds("We can have the roof done within 2 days.", visitor)).toContain("timing");
    expect(kinds("Our promise: “the roof will be installed by Friday”.", visitor)).toContain("timing");
  });

  it("uses the policy it is given: a phrase removed from bot_promise no longer flags", () => {
    const policy: AnalysisPolicy = structuredClone(DEFAULT_POLICY);
    policy.flags.bot_promise = policy.flags.bot_promise.filter((p) => !p.includes("guarantee|promise|assure you"));
    expect(kinds("We guarantee the work.")).toContain("guarantee");
    expect(riskKinds(checkReplyForPromises("We guarantee the work.", { policy }))).not.toContain("guarantee");
  });
});

describe("the same check as the analysis", () => {
  const corpusDir = path.resolve(import.meta.dirname, "../../../tests/fixtures/corpus");
  const botMessages = readdirSync(corpusDir)
    .filter((file) => file.endsWith(".jsonl"))
    .flatMap((file) => parseCorpus(readFileSync(path.join(corpusDir, file), "utf8")))
    .flatMap((record) => record.conversation.messages.filter((m) => m.role === "bot").map((m) => m.text));

  it("flags a bot message exactly when the analysis raises bot_promise on it (both ways)", () => {
    expect(botMessages.length).toBeGreaterThan(500);
    const policy = compilePolicy(DEFAULT_POLICY);
    let flagged = 0;
    const disagreements: string[] = [];
    for (const text of botMessages) {
      const messages = indexMessages({ messages: [{ role: "bot", text }] });
      const analysis = detectFlags(messages, policy, "sales", []).some((f) => f.flag === "bot_promise");
      // The analysis's own phrases only (the reply-only phrases add kinds the analysis has no words for).
      const ours = checkReplyForPromises(text, { replyPhrases: false }).length > 0;
      if (analysis) flagged++;
      if (analysis !== ours) disagreements.push(text);
    }
    expect(flagged).toBeGreaterThan(20);
    expect(disagreements).toEqual([]);
  });
});

describe("templates are filled from the brief", () => {
  it("uses the first name, or 'there'", () => {
    expect(firstNameOf("Dana Ruiz")).toBe("Dana");
    expect(firstNameOf(null)).toBe("there");
    expect(firstNameOf("  ")).toBe("there");
  });

  it("reads the need inside a sentence, without the greeting", () => {
    expect(needPhrase("Hi, we'd like a new flat roof on our garage, about 20 square metres.")).toBe(
      "we'd like a new flat roof on our garage, about 20 square metres",
    );
    expect(needPhrase(null)).toBe("your enquiry");
  });

  it("fills every placeholder and leaves unknown ones visible", () => {
    const out = renderTemplate("Hi {{name}}, about {{ need }}: {{owner}} {{unknown}}", {
      visitorName: "Dana Ruiz",
      need: "A new roof.",
      ownerName: "Owen Owner",
    });
    expect(out).toBe("Hi Dana, about A new roof: Owen Owner {{unknown}}");
  });

  it("writes the subject from the topic, never from the visitor's words", () => {
    expect(replySubject("Quote or new work")).toBe("Your enquiry: Quote or new work");
    expect(replySubject(null)).toBe("Your enquiry");
  });
});
