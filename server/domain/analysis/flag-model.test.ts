import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { analyzeWithRules } from "./analyze";
import { parseCorpus } from "./evaluation";
import { FLAG_MODEL, flagFeatures, flagProbabilities, MODEL_FLAGS, modelEvidence } from "./flag-model";
import { detectFlags } from "./flags";
import type { LinearModel } from "./linear";
import { compilePolicy, DEFAULT_POLICY, PolicyValueError, type AnalysisPolicy } from "./policy";
import { indexMessages } from "./text";
import type { Conversation, Flag } from "./types";

const visitor = (...texts: string[]): Conversation => ({
  pageUrl: null,
  messages: texts.map((text) => ({ role: "visitor" as const, text })),
});

// A hand-made model: "hexagon" and "hemp paper" point at custom_scope (words no phrase lists).
const TOY: LinearModel<Flag> = {
  labels: ["custom_scope", "emergency"],
  bias: [-3, -3],
  weights: { hexagon: [2, 0], "hemp paper": [2.5, 0], sleeves: [0.5, 0] },
};

const policyWith = (flagModel: AnalysisPolicy["flagModel"]) => compilePolicy({ ...DEFAULT_POLICY, flagModel });

function flagsOf(conversation: Conversation, flagModel: AnalysisPolicy["flagModel"], model = TOY) {
  const messages = indexMessages(conversation);
  return detectFlags(messages, policyWith(flagModel), "sales", [], false, model);
}

describe("the flag model beside the phrase rules", () => {
  it("raises a flag the phrases missed when its probability reaches the policy's threshold, with evidence", () => {
    const conversation = visitor("Hello there.", "We want hemp paper sleeves cut as a hexagon for the launch.");
    const findings = flagsOf(conversation, { custom_scope: 0.8 });
    const custom = findings.find((f) => f.flag === "custom_scope");
    expect(custom).toBeDefined();
    // sigmoid(-3 + 2 + 2.5 + 0.5) = sigmoid(2) ≈ 0.88
    expect(custom!.model).toEqual({ probability: 0.88, words: ["hemp paper", "hexagon", "sleeves"] });
    expect(custom!.evidence).toEqual([
      {
        message: 1,
        start: 0,
        end: 59,
        quote: "We want hemp paper sleeves cut as a hexagon for the launch.",
      },
    ]);
  });

  it("stays silent below the threshold, for flags the policy leaves to the phrases, and for spam", () => {
    const conversation = visitor("We want hemp paper sleeves cut as a hexagon.");
    expect(flagsOf(conversation, { custom_scope: 0.95 }).map((f) => f.flag)).not.toContain("custom_scope");
    expect(flagsOf(conversation, {}).map((f) => f.flag)).not.toContain("custom_scope");
    const messages = indexMessages(conversation);
    expect(detectFlags(messages, policyWith({ custom_scope: 0.5 }), "spam", [], false, TOY)).toEqual([]);
  });

  it("never replaces what a phrase found: the rules' evidence stays and no model field is added", () => {
    const conversation = visitor("Could you do a bespoke package for us? Something custom, not your standard plan.");
    const custom = flagsOf(conversation, { custom_scope: 0.01 }).filter((f) => f.flag === "custom_scope");
    expect(custom).toHaveLength(1);
    expect(custom[0]!.model).toBeUndefined();
  });

  it("needs a visitor sentence with words in favour: no evidence, no flag", () => {
    const always: LinearModel<Flag> = { labels: ["emergency"], bias: [5], weights: {} };
    expect(flagsOf(visitor("hello"), { emergency: 0.5 }, always)).toEqual([]);
  });

  it("reads only the visitor's words (a bot's 'bespoke' is not the visitor's request)", () => {
    const conversation: Conversation = {
      pageUrl: null,
      messages: [
        { role: "bot", text: "We also do hemp paper sleeves, even a hexagon." },
        { role: "visitor", text: "ok thanks" },
      ],
    };
    expect(flagsOf(conversation, { custom_scope: 0.5 }).map((f) => f.flag)).not.toContain("custom_scope");
  });

  it("finds the sentence that weighs most, in whichever message it is", () => {
    const messages = indexMessages(visitor("sleeves please", "hi. Is a hexagon in hemp paper possible? thanks"));
    const found = modelEvidence(TOY, "custom_scope", messages)!;
    expect(found.evidence).toMatchObject({ message: 1, quote: "Is a hexagon in hemp paper possible?" });
  });

  it("scores a conversation the fast way exactly as it sums its feature list", () => {
    const file = path.resolve(import.meta.dirname, "../../../tests/fixtures/corpus/holdout-k.jsonl");
    for (const { conversation } of parseCorpus(readFileSync(file, "utf8"))) {
      const messages = indexMessages(conversation);
      const fast = flagProbabilities(FLAG_MODEL, messages);
      const z = [...FLAG_MODEL.bias];
      for (const f of new Set(flagFeatures(messages))) FLAG_MODEL.weights[f]?.forEach((w, k) => (z[k]! += w));
      FLAG_MODEL.labels.forEach((flag, k) => expect(fast.get(flag)).toBeCloseTo(1 / (1 + Math.exp(-z[k]!)), 9));
    }
  });

  it("ships a trained model for every visitor flag, and the default policy uses it for open-ended ones", () => {
    expect(FLAG_MODEL.labels).toEqual(MODEL_FLAGS);
    expect(MODEL_FLAGS).not.toContain("bot_promise");
    expect(Object.keys(FLAG_MODEL.weights).length).toBeGreaterThan(1000);
    expect(Object.keys(DEFAULT_POLICY.flagModel)).toEqual(expect.arrayContaining(["custom_scope", "emergency"]));
    expect(DEFAULT_POLICY.flagModel.sensitive_data).toBeUndefined();
  });

  it("with the shipped model, catches a custom request in words no phrase lists, and says so in the brief", () => {
    const brief = analyzeWithRules(
      visitor(
        "We run a small brewery and need labels printed on recycled hemp paper in a die-cut hexagon, " +
          "plus a matte foil we have not seen on your site. Is that something your team could do?",
      ),
    );
    const custom = brief.flags.find((f) => f.flag === "custom_scope");
    expect(custom?.model?.probability).toBeGreaterThanOrEqual(DEFAULT_POLICY.flagModel.custom_scope!);
    expect(brief.nextAction.reasons).toContain("custom_scope");
  });

  it("does not call an emergency on a polite request to be called, but still on a hazard with one", () => {
    const roof = "Our flat roof needs replacing, could someone look at it?";
    const ask = { role: "bot" as const, text: "Can our surveyor email you to arrange a visit?" };
    const calm = analyzeWithRules({
      pageUrl: null,
      messages: [
        { role: "visitor", text: roof },
        ask,
        { role: "visitor", text: "Yes please, call me tomorrow at 3pm or email dana@ruiz.example. Dana Ruiz" },
      ],
    });
    expect(calm.flags.map((f) => f.flag)).not.toContain("emergency");
    const leak = analyzeWithRules({
      pageUrl: null,
      messages: [
        { role: "visitor", text: roof },
        ask,
        { role: "visitor", text: "Please call me now, water is coming through the ceiling" },
      ],
    });
    expect(leak.flags.map((f) => f.flag)).toContain("emergency");
  });

  it("refuses a threshold that is not a probability, or a flag that does not exist, naming the setting", () => {
    expect(() => policyWith({ emergency: 1.5 })).toThrow(PolicyValueError);
    expect(() => policyWith({ emergency: 0 })).toThrow(/flagModel\.emergency must be a probability/);
    expect(() => policyWith({ ["urgent" as Flag]: 0.5 })).toThrow(/flagModel\.urgent not a flag/);
    expect(() =>
      compilePolicy({ ...structuredClone(DEFAULT_POLICY), flagModelWithoutContactWords: ["urgent" as Flag] }),
    ).toThrow(/flagModelWithoutContactWords\[0\] not a flag/);
  });
});
