import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { customerSignals, intentSignals } from "./classify";
import { parseCorpus } from "./evaluation";
import {
  INTENT_LABELS,
  INTENT_MODEL,
  intentFeatures,
  pageFeatures,
  scoreIntent,
  signalFeatures,
  wordFeatures,
} from "./intent-model";
import { scoreLinear, strongestFeatures, trainLinear, type Example } from "./linear";
import { compilePolicy, DEFAULT_POLICY } from "./policy";
import { indexMessages } from "./text";

type Kind = "sales" | "support";
const examples: Example<Kind>[] = [
  { features: ["price", "quote", "hello"], label: "sales" },
  { features: ["quote", "demo", "hello"], label: "sales" },
  { features: ["price", "demo"], label: "sales" },
  { features: ["refund", "broken", "hello"], label: "support" },
  { features: ["broken", "login"], label: "support" },
  { features: ["refund", "login", "once-only"], label: "support" },
];

describe("trainLinear / scoreLinear", () => {
  const model = trainLinear(examples, ["sales", "support"]);

  it("learns which features point where, and scores unseen combinations", () => {
    expect(scoreLinear(model, ["quote", "price"]).label).toBe("sales");
    expect(scoreLinear(model, ["broken", "refund"]).label).toBe("support");
    const { probabilities } = scoreLinear(model, ["demo", "login"]);
    expect(probabilities.sales + probabilities.support).toBeCloseTo(1, 10);
  });

  it("is deterministic: the same examples give the same weights", () => {
    expect(trainLinear(examples, ["sales", "support"])).toEqual(model);
  });

  it("drops features too rare to generalise, and ignores features it never saw", () => {
    expect(model.weights["once-only"]).toBeUndefined();
    expect(scoreLinear(model, ["never-seen"])).toEqual(scoreLinear(model, []));
  });

  it("explains a decision by the features that pushed toward it, strongest first", () => {
    const strongest = strongestFeatures(model, ["price", "hello", "broken", "quote"], "sales");
    expect(strongest.map((s) => s.feature)).not.toContain("broken");
    expect(strongest[0]!.feature).toMatch(/^(?:price|quote)$/);
    expect(strongest.every((s, i) => i === 0 || strongest[i - 1]!.weight >= s.weight)).toBe(true);
  });

  it("refuses an empty training set and a label it was not told about", () => {
    expect(() => trainLinear([], ["sales"])).toThrow(/no examples/);
    expect(() => trainLinear([{ features: ["x"], label: "spam" as Kind }], ["sales", "support"])).toThrow(
      /label "spam" is not one of sales, support/,
    );
  });
});

describe("intent model features", () => {
  it("folds words and keeps word pairs", () => {
    expect(wordFeatures("Réservation pour DEUX, s’il vous plaît")).toEqual(
      expect.arrayContaining(["reservation", "deux", "s'il", "reservation pour", "s'il vous"]),
    );
  });
  it("reads the page path, and nothing from a missing or broken URL", () => {
    expect(pageFeatures("https://x.example/my-account/orders?utm_source=ads")).toEqual([
      "url:my",
      "url:account",
      "url:orders",
    ]);
    expect(pageFeatures(null)).toEqual([]);
    expect(pageFeatures("not a url")).toEqual([]);
  });
  it("turns the policy's signals into features, with a second level for repeated ones", () => {
    const none = { sales: [], support: [], other: [], smallTalk: [], browsing: [], spam: [], recruitment: [] };
    const match = { message: { index: 0, role: "visitor", text: "", body: "" }, start: 0, end: 0, text: "" } as const;
    expect(
      signalFeatures(
        { ...none, sales: [match, match], support: [match] },
        { fromText: [match], fromPage: false, saysNew: false },
      ),
    ).toEqual(["sig:sales", "sig:sales2", "sig:support", "cust:text"]);
  });
  it("ships a trained model for every intent", () => {
    expect(INTENT_MODEL.labels).toEqual(INTENT_LABELS);
    expect(Object.keys(INTENT_MODEL.weights).length).toBeGreaterThan(1000);
  });

  it("scores a conversation the fast way exactly as it scores its feature list", () => {
    const policy = compilePolicy(DEFAULT_POLICY);
    const file = path.resolve(import.meta.dirname, "../../../tests/fixtures/corpus/holdout-k.jsonl");
    const records = parseCorpus(readFileSync(file, "utf8"));
    expect(records.length).toBeGreaterThan(50);
    for (const { conversation } of records) {
      const messages = indexMessages(conversation);
      const signals = intentSignals(messages, policy);
      const customer = customerSignals(messages, policy, conversation.pageUrl);
      const fast = scoreIntent(INTENT_MODEL, messages, conversation.pageUrl, signals, customer);
      const slow = scoreLinear(INTENT_MODEL, intentFeatures(messages, conversation.pageUrl, signals, customer));
      expect(fast.label).toBe(slow.label);
      for (const label of INTENT_LABELS) expect(fast.probabilities[label]).toBeCloseTo(slow.probabilities[label], 9);
    }
  });
});
